"""The rule catalogue: importing this module registers every rule (NP101–NP604)."""

from neighborparty.rules import cogovernance, leadership, members, organization, owners

__all__ = ["GROUPS"]

GROUPS = {
    "NP1": ("The organisation", organization),
    "NP2": ("Leadership", leadership),
    "NP3": ("The chain below the branch", members),
    "NP4": ("Members", members),
    "NP5": ("Owners' bodies and cross-appointment", owners),
    "NP6": ("Service and co-governance", cogovernance),
}
"""The rule groups by code prefix, with their titles and modules."""

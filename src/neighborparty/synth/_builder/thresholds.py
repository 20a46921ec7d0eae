"""The rule thresholds a synthetic city is built around, read from the default policy.

The generator plants compliance and breaches on either side of the rules' numbers: a compound
large enough for a standalone branch, a branch thinned below the members it needs, a term run
out, a vote short of its participation. Those numbers are the parameters of
:data:`~neighborparty.rules.DEFAULT_POLICY` in force on the reference day of the year being
generated, never copies of them; what the generator chooses for itself (shares, weights,
margins) stays in the step modules.
"""

from __future__ import annotations

from datetime import date

import attrs

from neighborparty.rules import DEFAULT_POLICY

__all__ = ["Thresholds"]


@attrs.frozen(kw_only=True)
class Thresholds:
    """The default policy's values on one day, under the names the steps use them by.

    Examples:
        >>> t = Thresholds.on(date(2020, 10, 26))
        >>> t.standalone_households, t.branch_term_years, t.red_committee_share
        (100, 3, 0.5)
    """

    standalone_households: int
    """``formation.standalone_min_households``: a managed compound of this many households or
    more forms its own branch."""
    standalone_full_members: int
    """``formation.standalone_min_full_members``: ... and of this many registered full members."""
    branch_min_full_members: int
    """``branch.min_full_members``: full members a branch needs (a thin branch has fewer)."""
    joint_max_compounds: int
    """``branch.joint_max_compounds``: most compounds of a joint branch."""
    branch_committee_from: int
    """``committee.required_from_full_members``: full members from which a branch has a branch
    committee."""
    branch_committee_min_size: int
    """``committee.min_size``: fewest members of a branch committee, the secretary included."""
    branch_term_years: int
    """``term.branch_years``: a branch committee's term."""
    members_per_served_building: int
    """``chain.min_members_per_building`` (at least one: a head lives in the building)."""
    min_claims: int
    """``service.min_claims``: fewest service items a member of a compound branch claims."""
    max_claims: int
    """``service.max_claims``: most service items a member of a compound branch claims."""
    inactive_months: int
    """``membership.inactive_months``: months without organisational life a member may not
    reach."""
    owners_committee_min_size: int
    """``owners.committee_min_size``: fewest members of an owners' committee."""
    owners_committee_max_size: int
    """``owners.committee_max_size``: most members of an owners' committee."""
    small_committee_size: int
    """``owners.small_committee_size``: the size a small compound's committee may have."""
    small_compound_households: int
    """``owners.small_compound_households``: households up to which a compound is small."""
    owners_term_years: int
    """``owners.max_term_years``: an owners' committee's term."""
    red_committee_share: float
    """``owners.red_committee_share``: members' share of the seats from which a committee is
    red (红色业委会)."""
    min_participation: float
    """``vote.min_participation``: share of the owners who must take part in a vote."""
    ordinary_majority: float
    """``vote.ordinary_majority``: share of the participants an ordinary matter must exceed."""
    major_majority: float
    """``vote.major_majority``: share of the participants a three-quarter matter must reach."""
    property_law_major: float
    """``vote.property_law_major_share``: share of all owners and of the whole area a fund or
    rebuilding matter needed before the Civil Code (物权法 art. 76)."""
    property_law_ordinary: float
    """``vote.property_law_ordinary_share``: share of all owners and of the whole area any other
    matter had to exceed before the Civil Code."""
    civil_code_from: date | None
    """The day NP505's latest version (民法典 art. 278) came into force: votes before it follow
    the earlier one."""
    whistle_answer_days: int
    """``whistle.answer_days``: days within which a department answers a whistle."""

    @classmethod
    def on(cls, day: date) -> Thresholds:
        """The default policy's values in force on ``day``.

        Examples:
            >>> Thresholds.on(date(2024, 10, 26)).small_committee_size
            3
        """

        def whole(name: str) -> int:
            return int(DEFAULT_POLICY.value(name, day))

        def share(name: str) -> float:
            return DEFAULT_POLICY.value(name, day)

        return cls(
            standalone_households=whole("formation.standalone_min_households"),
            standalone_full_members=whole("formation.standalone_min_full_members"),
            branch_min_full_members=whole("branch.min_full_members"),
            joint_max_compounds=whole("branch.joint_max_compounds"),
            branch_committee_from=whole("committee.required_from_full_members"),
            branch_committee_min_size=whole("committee.min_size"),
            branch_term_years=whole("term.branch_years"),
            members_per_served_building=max(1, whole("chain.min_members_per_building")),
            min_claims=whole("service.min_claims"),
            max_claims=whole("service.max_claims"),
            inactive_months=whole("membership.inactive_months"),
            owners_committee_min_size=whole("owners.committee_min_size"),
            owners_committee_max_size=whole("owners.committee_max_size"),
            small_committee_size=whole("owners.small_committee_size"),
            small_compound_households=whole("owners.small_compound_households"),
            owners_term_years=whole("owners.max_term_years"),
            red_committee_share=share("owners.red_committee_share"),
            min_participation=share("vote.min_participation"),
            ordinary_majority=share("vote.ordinary_majority"),
            major_majority=share("vote.major_majority"),
            property_law_major=share("vote.property_law_major_share"),
            property_law_ordinary=share("vote.property_law_ordinary_share"),
            civil_code_from=DEFAULT_POLICY.rule("NP505").latest.since,
            whistle_answer_days=whole("whistle.answer_days"),
        )

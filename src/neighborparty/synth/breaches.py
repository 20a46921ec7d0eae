"""The policy breaches a synthetic city plants: one share per rule, drawn per subject.

A city holds about the share times the subjects the share is of (the table of
:mod:`neighborparty.synth` says of what). The shares are the generator's choices, not rules:
the thresholds a breach falls short of are the parameters of the default policy in force on the
reference day, named below.
"""

__all__ = [
    "BRANCHLESS_COMPOUND_SHARE",
    "CHAINLESS_COMPOUND_SHARE",
    "CLAIM_BREACH_SHARE",
    "ELECTION_NOT_LED_SHARE",
    "EVEN_COMMITTEE_SHARE",
    "EXPIRED_BRANCH_TERM_SHARE",
    "FAILED_VOTE_SHARE",
    "INACTIVE_MEMBER_SHARE",
    "JOINT_ELIGIBLE_SHARE",
    "NO_BRANCH_COMMITTEE_SHARE",
    "OUT_OF_TERM_COMMITTEE_SHARE",
    "POCKET_MEMBER_SHARE",
    "STANDALONE_OPEN_AREA_SHARE",
    "THIN_BRANCH_SHARE",
    "UNANSWERED_WHISTLE_SHARE",
    "UNASSESSED_SECRETARY_SHARE",
    "UNDELIBERATED_MAJOR_VOTE_SHARE",
    "UNLINKED_COMPOUND_SHARE",
    "UNREPORTED_IN_SERVICE_SHARE",
    "VACANT_SECRETARY_SHARE",
]

BRANCHLESS_COMPOUND_SHARE = 0.01
"""NP101: share of compounds no branch covers; a dispatched compound secretary still reaches them."""
JOINT_ELIGIBLE_SHARE = 0.06
"""NP102: share of managed compounds eligible for a standalone branch that sit in a joint one."""
THIN_BRANCH_SHARE = 0.04
"""NP103: share of branches with at least ``branch.min_full_members`` registered full members
made to have fewer."""
STANDALONE_OPEN_AREA_SHARE = 0.04
"""NP104: share of covered non-managed compounds given a standalone compound branch."""
VACANT_SECRETARY_SHARE = 0.03
"""NP201: share of branches whose secretary left this year and was not replaced."""
UNASSESSED_SECRETARY_SHARE = 0.08
"""NP202: share of resident (not dispatched) secretaries without a four-haves assessment."""
NO_BRANCH_COMMITTEE_SHARE = 0.05
"""NP203: share of branches with at least ``committee.required_from_full_members`` registered
full members that have no branch committee."""
EXPIRED_BRANCH_TERM_SHARE = 0.05
"""NP206: share of branches last elected more than ``term.branch_years`` before the reference
date."""
CHAINLESS_COMPOUND_SHARE = 0.08
"""NP301: share of branch-covered compounds with no building or lane group and no head."""
POCKET_MEMBER_SHARE = 0.08
"""NP401: share of non-registered members that no branch where they live manages."""
UNREPORTED_IN_SERVICE_SHARE = 0.12
"""NP402: share of in-service members who have not reported to their community (双报到)."""
CLAIM_BREACH_SHARE = 0.08
"""NP404: share of compound-branch members who claim one item fewer than ``service.min_claims``
(3/4 of them) or one more than ``service.max_claims`` (1/4)."""
INACTIVE_MEMBER_SHARE = 0.04
"""NP405: share of members with no activity in the last ``membership.inactive_months`` (and two
weeks) before the reference date."""
EVEN_COMMITTEE_SHARE = 0.03
"""NP501: share of owners' committees with an even number of seats."""
OUT_OF_TERM_COMMITTEE_SHARE = 0.08
"""NP502: share of owners' committees whose term (``owners.max_term_years``) ended before the
reference date."""
ELECTION_NOT_LED_SHARE = 0.30
"""NP503: share of owners' committees whose election the compound branch did not lead."""
UNDELIBERATED_MAJOR_VOTE_SHARE = 0.15
"""NP504: share of major-matter votes of branch-covered compounds without a prior deliberation."""
FAILED_VOTE_SHARE = 0.10
"""NP505: share of owners' votes short of the participation or the majority they need."""
UNLINKED_COMPOUND_SHARE = 0.10
"""NP601: share of branch-covered compounds no staffer or leader is linked to."""
UNANSWERED_WHISTLE_SHARE = 0.06
"""NP603: share of whistles raised more than ``whistle.answer_days`` before the reference date
and unanswered."""

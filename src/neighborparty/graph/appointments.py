"""Posts on both sides of a compound: cross-appointments (交叉任职) and "red" committees.

Every function here reads the City's indexes, not the graph, so the rule checks can use them.
``on`` picks the posts in force on a day; ``on=None`` takes the posts still open (no end day).
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import attrs

from neighborparty.model import Appointment, City, OwnersCommittee, Person, Role

__all__ = [
    "CrossAppointment",
    "chairs_who_are_members",
    "committee_posts",
    "cross_appointments",
    "dual_role_secretaries",
    "is_party_member",
    "member_committee_posts",
    "members_on_committees",
    "number_of_dual_role_secretaries",
    "red_committees",
    "secretary_chair_posts",
]


def held(post: Appointment, on: date | None) -> bool:
    """Whether a post counts on ``on``: in force that day, or still open when ``on`` is ``None``."""
    return post.end is None if on is None else post.in_force(on)


@attrs.frozen(kw_only=True)
class CrossAppointment:
    """One person holding a branch post and an owners' committee post of the same compound.

    Examples:
        >>> from neighborparty import examples
        >>> [x] = cross_appointments(examples.seed_city())
        >>> x.person, x.compound, x.branch_post.role.value, x.committee_post.role.value
        ('p-lin', 'c-jinan', 'secretary', 'owners_chair')
    """

    person: str
    compound: str
    branch_post: Appointment
    committee_post: Appointment


def committee_posts(city: City, on: date | None) -> Iterator[tuple[Appointment, OwnersCommittee]]:
    """Every owners' committee seat that counts on ``on``, with its committee.

    Examples:
        >>> from neighborparty import examples
        >>> [(p.person, c.id) for p, c in committee_posts(examples.seed_city(), None)][:2]
        [('p-lin', 'oc-jinan'), ('p-chen', 'oc-jinan')]
    """
    for committee in city.committees:
        for post in city.appointments_in(committee.id):
            if post.role.is_owners_post and held(post, on):
                yield post, committee


def cross_appointments(city: City, *, on: date | None = None) -> tuple[CrossAppointment, ...]:
    """Every pairing of a branch post and an owners' committee post of one compound by one person.

    A branch post is any post (secretary, deputy, first secretary, committee member) in a
    compound, courtyard or grid branch covering the compound; a committee post is chair,
    vice-chair or member of one of the compound's owners' committees.

    Notes:
        O(committee posts × posts of their holders).

    Examples:
        >>> from neighborparty import examples
        >>> [(x.person, x.compound) for x in cross_appointments(examples.seed_city())]
        [('p-lin', 'c-jinan')]
    """
    found: list[CrossAppointment] = []
    for committee_post, committee in committee_posts(city, on):
        branches = {b.id for b in city.branches_covering(committee.compound)}
        for post in city.appointments_of(committee_post.person):
            if post.body in branches and held(post, on):
                found.append(
                    CrossAppointment(
                        person=post.person,
                        compound=committee.compound,
                        branch_post=post,
                        committee_post=committee_post,
                    )
                )
    return tuple(found)


def secretary_chair_posts(city: City, *, on: date | None = None) -> Iterator[CrossAppointment]:
    """The cross-appointments that are a branch secretary chairing the compound's owners'
    committee (一肩挑): the one definition behind :func:`dual_role_secretaries` and the
    published figure.

    Examples:
        >>> from neighborparty import examples
        >>> [x.person for x in secretary_chair_posts(examples.seed_city())]
        ['p-lin']
    """
    for x in cross_appointments(city, on=on):
        if x.branch_post.role is Role.SECRETARY and x.committee_post.role is Role.OWNERS_CHAIR:
            yield x


def member_committee_posts(
    city: City, on: date | None = None, *, chairs: bool = False
) -> Iterator[tuple[Appointment, OwnersCommittee]]:
    """The owners' committee posts (the chairs only, with ``chairs=True``) held by party
    members, with their committees: the one definition behind :func:`members_on_committees`,
    :func:`chairs_who_are_members` and the published figures.

    Examples:
        >>> from neighborparty import examples
        >>> [post.person for post, _ in member_committee_posts(examples.seed_city(), chairs=True)]
        ['p-lin']
    """
    for post, committee in committee_posts(city, on):
        if (not chairs or post.role is Role.OWNERS_CHAIR) and is_party_member(city, post.person):
            yield post, committee


def dual_role_secretaries(city: City, *, on: date | None = None) -> tuple[str, ...]:
    """The people who are both secretary of a compound's branch and chair of its owners'
    committee (一肩挑), each once, in order of first appearance.

    Examples:
        >>> from neighborparty import examples
        >>> dual_role_secretaries(examples.seed_city())
        ('p-lin',)
    """
    return tuple(dict.fromkeys(x.person for x in secretary_chair_posts(city, on=on)))


def number_of_dual_role_secretaries(city: City, *, on: date | None = None) -> int:
    """How many people hold both posts (一肩挑); see :func:`dual_role_secretaries`.

    Examples:
        >>> from neighborparty import examples
        >>> number_of_dual_role_secretaries(examples.seed_city())
        1
    """
    return len(dual_role_secretaries(city, on=on))


def is_party_member(city: City, person: str) -> bool:
    """Whether an id is a person of the city who is a party member.

    Examples:
        >>> from neighborparty import examples
        >>> city = examples.seed_city()
        >>> is_party_member(city, "p-lin"), is_party_member(city, "br-jinan")
        (True, False)
    """
    entity = city.get(person)
    return isinstance(entity, Person) and entity.party is not None


def chairs_who_are_members(city: City, *, on: date | None = None) -> tuple[str, ...]:
    """The party members who chair an owners' committee, each once.

    Examples:
        >>> from neighborparty import examples
        >>> chairs_who_are_members(examples.seed_city())
        ('p-lin',)
    """
    return tuple(
        dict.fromkeys(post.person for post, _ in member_committee_posts(city, on, chairs=True))
    )


def members_on_committees(city: City, *, on: date | None = None) -> tuple[str, ...]:
    """The party members who hold any owners' committee post, each once.

    Examples:
        >>> from neighborparty import examples
        >>> members_on_committees(examples.seed_city())
        ('p-lin', 'p-chen', 'p-zhao', 'p-wang')
    """
    return tuple(dict.fromkeys(post.person for post, _ in member_committee_posts(city, on)))


def red_committees(
    city: City, share: float = 0.5, *, on: date | None = None
) -> tuple[OwnersCommittee, ...]:
    """The owners' committees whose seats are held by party members for at least ``share``
    ("red" committees, 红色业委会). A committee with no seats filled is never red.

    Examples:
        >>> from neighborparty import examples
        >>> city = examples.seed_city()
        >>> [oc.id for oc in red_committees(city)], red_committees(city, share=0.9)
        (['oc-jinan'], ())
    """
    found = []
    for committee in city.committees:
        seats = {
            p.person
            for p in city.appointments_in(committee.id)
            if p.role.is_owners_post and held(p, on)
        }
        members = sum(1 for person in seats if is_party_member(city, person))
        if seats and members >= share * len(seats):
            found.append(committee)
    return tuple(found)

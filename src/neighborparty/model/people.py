"""People (人): residents, and the party membership some of them hold.

Party membership is sensitive personal data: the library identifies people by id in everything
it reports, and shows names only where a caller asks for them.
"""

from __future__ import annotations

from datetime import date

import attrs

from neighborparty.model import _validators as v
from neighborparty.model.enums import CadreLevel, MemberCategory, Standing

__all__ = ["FourHaves", "Membership", "Person"]


@attrs.frozen(kw_only=True)
class FourHaves:
    """An assessment against the "four haves" (四有) standard for choosing a secretary.

    有能力 capability, 有威望 prestige, 有公心 public spirit, 有热情 enthusiasm [建强-3].

    Examples:
        >>> a = FourHaves(capability=True, prestige=True, public_spirit=True, enthusiasm=False)
        >>> a.all_met
        False
    """

    capability: bool
    prestige: bool
    public_spirit: bool
    enthusiasm: bool
    assessed_on: date | None = None

    @property
    def all_met(self) -> bool:
        """Whether all four haves were assessed as met."""
        return self.capability and self.prestige and self.public_spirit and self.enthusiasm


@attrs.frozen(kw_only=True)
class Membership:
    """A person's party membership (党员身份) and where its relation is held.

    Args:
        standing: Full (正式) or probationary (预备).
        category: In service (在职), retired (离退休) or mobile (流动).
        registered_in: The party organisation holding the member's relation (在册). A member
            living in a compound whose relation is held elsewhere is *non-registered* there.
        managed_in: The branch that manages a non-registered member where they live (纳入管理).
        joined: When the member joined (入党, as a probationary member).
        full_since: When the member became a full member (转正); party standing counts from here.
        identity_shown: Whether the member has shown identity (亮身份); ``None`` if not known.
        reported_to: The community an in-service member has reported to (双报到), if any.

    Examples:
        >>> m = Membership(
        ...     standing=Standing.FULL, category=MemberCategory.RETIRED, registered_in="br-1"
        ... )
        >>> m.is_full
        True
    """

    standing: Standing
    category: MemberCategory
    registered_in: str
    managed_in: str | None = None
    joined: date | None = None
    full_since: date | None = attrs.field(default=None, validator=v.after_start("joined"))
    identity_shown: bool | None = None
    reported_to: str | None = None

    @property
    def is_full(self) -> bool:
        """Whether the member is a full member (正式党员)."""
        return self.standing is Standing.FULL


@attrs.frozen(kw_only=True)
class Person:
    """A person (人) living in the city, a party member or not.

    Args:
        id: The person's id.
        name: The person's name; reports show ids unless names are asked for.
        home: Where the person lives: a building, a lane or a compound id.
        party: The person's party membership, or ``None`` for a non-member.
        cadre_level: The person's rank as a leading cadre, if they are one.
        four_haves: The person's latest "four haves" assessment, if one was made.

    Examples:
        >>> p = Person(id="p-1", name="林", home="b-1")
        >>> p.is_member
        False
    """

    id: str
    name: str
    home: str
    party: Membership | None = None
    cadre_level: CadreLevel | None = None
    four_haves: FourHaves | None = None

    @property
    def is_member(self) -> bool:
        """Whether the person is a party member (full or probationary)."""
        return self.party is not None

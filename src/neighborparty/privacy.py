"""Sharing a city without the people in it: stable keyed pseudonyms for every id and name.

Party membership is sensitive personal data (see the README). :func:`pseudonymize` gives a City
in which every id — of a place, a person, an organisation, a record, and the city's own — and
every ``name`` is replaced by a pseudonym made with HMAC-SHA256 under a secret key: the same key
gives the same pseudonyms (so two exports of one city line up, and an edit can be followed),
another key gives unrelated ones, and without the key a pseudonym cannot be turned back into
the id it stands for. References between entities are kept, so the pseudonymised city checks
exactly as the original does, up to the renaming.

What is kept as it is: every number, date, kind and flag (the facts the rules judge), and
free-text fields that are not names (a whistle's matter, a service item's title). Review those
before sharing a real city's document.
"""

from __future__ import annotations

import hashlib
import hmac
import re
from collections.abc import Mapping
from typing import Any

import attrs

from neighborparty.errors import PseudonymError
from neighborparty.model import COLLECTIONS, City
from neighborparty.model._references import NOUN, REFS

__all__ = ["pseudonymize", "pseudonyms"]

_DIGITS = 16
"""Hex digits of a pseudonym: 64 bits, so that ten million ids meet no collision but once in
hundreds of thousands of cities (a collision raises, it is never silent)."""


def _key(key: bytes | str) -> bytes:
    if isinstance(key, str):
        key = key.encode("utf-8", "surrogatepass")
    if not isinstance(key, bytes) or not key:
        raise PseudonymError("the key must be non-empty bytes or text")
    return key


def _prefix(collection: str) -> str:
    return re.sub(r"[^a-z]+", "_", NOUN.get(collection, "city"))


def pseudonyms(city: City, key: bytes | str) -> dict[str, str]:
    """The pseudonym of every id of a city (the city's own included) under a key.

    A pseudonym names the kind of entity and a keyed digest of the id: ``person_1f3a…``.

    Raises:
        PseudonymError: The key is empty, or two ids got the same pseudonym (a ``ValueError``).

    Examples:
        >>> from neighborparty import examples
        >>> names = pseudonyms(examples.seed_city(), b"secret")
        >>> names["p-lin"]
        'person_275fe818389bc880'
        >>> names["p-lin"] == pseudonyms(examples.seed_city(), b"secret")["p-lin"]
        True
        >>> names["p-lin"] == pseudonyms(examples.seed_city(), b"other")["p-lin"]
        False
    """
    secret = _key(key)
    found: dict[str, str] = {}

    def add(ident: str, collection: str) -> None:
        digest = hmac.new(secret, ident.encode("utf-8", "surrogatepass"), hashlib.sha256)
        found[ident] = f"{_prefix(collection)}_{digest.hexdigest()[:_DIGITS]}"

    add(city.id, "city")
    for collection in COLLECTIONS:
        if collection != "appointments":
            for entity in getattr(city, collection):
                add(entity.id, collection)
    if len(set(found.values())) != len(found):
        raise PseudonymError("two ids of the city got one pseudonym: use another key")
    return found


def _renamer(collection: str, names: Mapping[str, str]) -> Any:
    """A function giving an entity of a collection with its id, name and references renamed."""
    plain: list[str] = []
    many: list[str] = []
    nested: dict[str, list[str]] = {}
    for ref in REFS.get(collection, ()):
        outer, _, inner = ref.field.partition(".")
        if inner:
            nested.setdefault(outer, []).append(inner)
        elif ref.many:
            many.append(outer)
        else:
            plain.append(outer)
    cls = COLLECTIONS[collection]
    fields = attrs.fields_dict(cls)
    has_name = "name" in fields
    has_id = "id" in fields

    def rename(entity: Any) -> Any:
        changes: dict[str, Any] = {}
        if has_id:
            changes["id"] = names[entity.id]
        if has_name:
            changes["name"] = names[entity.id].replace("_", " ", 1)
        for field in plain:
            value = getattr(entity, field)
            if value is not None:
                changes[field] = names[value]
        for field in many:
            changes[field] = tuple(names[v] for v in getattr(entity, field))
        for outer, inners in nested.items():
            holder = getattr(entity, outer)
            if holder is not None:
                changes[outer] = attrs.evolve(
                    holder,
                    **{
                        inner: names[getattr(holder, inner)]
                        for inner in inners
                        if getattr(holder, inner) is not None
                    },
                )
        return attrs.evolve(entity, **changes)

    return rename


def pseudonymize(city: City, key: bytes | str) -> City:
    """The city with every id and name replaced by its keyed pseudonym (假名化).

    Args:
        city: The city to share.
        key: The secret key (bytes, or text taken as UTF-8). Keep it to line up later exports;
            without it the pseudonyms cannot be traced back.

    Raises:
        PseudonymError: The key is empty, or two ids got the same pseudonym (a ``ValueError``).

    Examples:
        >>> from neighborparty import check, examples
        >>> city = examples.seed_city()
        >>> shared = pseudonymize(city, b"secret")
        >>> shared.get(pseudonyms(city, b"secret")["p-lin"]).name
        'person 275fe818389bc880'
        >>> check(shared).counts() == check(city).counts()
        True
        >>> "p-lin" in shared, "林" in repr(shared.people)
        (False, False)
    """
    names = pseudonyms(city, key)
    collections = {
        collection: tuple(map(_renamer(collection, names), getattr(city, collection)))
        for collection in COLLECTIONS
    }
    return City(id=names[city.id], name=names[city.id].replace("_", " ", 1), **collections)

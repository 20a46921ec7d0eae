"""What a report needs to be reproduced later, and whether a stored report still matches.

Like a decision log: the library's version, a fingerprint of the policy (its rules and every
parameter's dated values), a fingerprint of the document checked, the day, and the selection of
rules — no names, no findings' words. A stored report is *verified* by checking the document
again as the report says it was checked and comparing what decides the verdicts.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from datetime import date
from typing import TYPE_CHECKING, Any, cast

from neighborparty._version import __version__
from neighborparty.convert import compact_parts
from neighborparty.errors import InvalidArgumentError
from neighborparty.model import City
from neighborparty.model._cache import derived as city_cache

if TYPE_CHECKING:
    from neighborparty.rules.report import Report

__all__ = ["document_fingerprint", "provenance", "stored_selection", "verify"]


_BATCH = 4096
"""How many entities' text :func:`document_fingerprint` digests at a time."""


def document_fingerprint(city: City) -> str:
    """The SHA-256 of the city's document in its canonical form (compact JSON, document order):
    two texts of one city, however they are indented, have the same fingerprint.

    Examples:
        >>> from neighborparty import examples
        >>> len(document_fingerprint(examples.seed_city()))
        64
    """
    cache = city_cache(city)
    found = cache.get(document_fingerprint)
    if found is None:
        digest = hashlib.sha256()
        for part in compact_parts(city, batch=_BATCH):  # the text is never whole
            digest.update(part.encode("utf-8"))
        found = cache[document_fingerprint] = digest.hexdigest()
    return cast(str, found)


def provenance(report: Report) -> dict[str, Any]:
    """What reproduces a report: version, policy and document fingerprints, day, selection.

    Examples:
        >>> from neighborparty import check, examples
        >>> found = provenance(check(examples.seed_city(), select=["NP1"]))
        >>> sorted(found)
        ['day', 'document', 'ignore', 'library', 'on', 'policy', 'rules', 'select']
        >>> found["select"], found["day"]
        (['NP1'], '2020-10-08')
    """
    return {
        "library": f"neighborparty {__version__}",
        "policy": report.policy.fingerprint(),
        "document": document_fingerprint(report.city),
        "on": report.on.isoformat() if report.on else None,
        "day": report.day.isoformat(),
        "select": list(report.select) if report.select is not None else None,
        "ignore": list(report.ignore) if report.ignore is not None else None,
        "rules": list(report.rules),
    }


def _verdicts(findings: object) -> dict[tuple[str, str], str]:
    if not isinstance(findings, list) or not all(
        isinstance(f, dict)
        and isinstance(f.get("code"), str)
        and isinstance(f.get("subject"), str)
        and isinstance(f.get("verdict"), str)
        for f in findings
    ):
        raise InvalidArgumentError(
            "the stored report's findings are not a list of objects with code, subject and verdict"
        )
    return {(f["code"], f["subject"]): f["verdict"] for f in findings}


def stored_selection(
    stored: Mapping[str, Any],
) -> tuple[date | None, list[str] | None, list[str] | None]:
    """The day and the selection a stored report was made with: what to check again.

    Raises:
        InvalidArgumentError: The report records no provenance, or not in the shape
            :func:`provenance` writes (a ``ValueError``).

    Examples:
        >>> from neighborparty import check, examples
        >>> stored_selection(check(examples.seed_city(), select=["NP1"]).to_dict())
        (None, ['NP1'], None)
    """
    made = stored.get("provenance")
    if not isinstance(made, dict):
        raise InvalidArgumentError("the report records no provenance")

    def codes(key: str) -> list[str] | None:
        value = made.get(key)
        if value is None:
            return None
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise InvalidArgumentError(f"the report's provenance.{key} is not a list of codes")
        return value

    on = made.get("on")
    try:
        day = date.fromisoformat(on) if on is not None else None
    except (TypeError, ValueError):
        raise InvalidArgumentError("the report's provenance.on is not a day") from None
    return day, codes("select"), codes("ignore")


def verify(stored: Mapping[str, Any], report: Report) -> tuple[str, ...]:
    """How a stored report (as :meth:`Report.to_dict` wrote it) differs from a report made
    again: ``()`` when it still matches.

    Compared: the document's and the policy's fingerprints, the library's version, the day
    asked for (``on``), the day measured to and the rules checked, and the verdict of every
    finding the stored report lists.

    Raises:
        InvalidArgumentError: The stored report is not in the shape :meth:`Report.to_dict`
            writes (no provenance, findings without code, subject or verdict).

    Examples:
        >>> import attrs
        >>> from neighborparty import check, examples
        >>> city = examples.seed_city()
        >>> stored = check(city).to_dict(findings="failing")
        >>> verify(stored, check(city))
        ()
        >>> edited = city.with_updates(compounds=[attrs.evolve(city.get("c-old"), households=10)])
        >>> verify(stored, check(edited))[0]
        'the document differs: it is not the document the report was made of'
    """
    stored_selection(stored)
    theirs = stored["provenance"]
    before = _verdicts(stored.get("findings", []))
    mine = report.provenance
    found: list[str] = []
    if theirs.get("document") != mine["document"]:
        found.append("the document differs: it is not the document the report was made of")
    if theirs.get("policy") != mine["policy"]:
        found.append("the policy differs: rules or parameter values changed since the report")
    if theirs.get("library") != mine["library"]:
        found.append(f"made by {theirs.get('library')}, verified with {mine['library']}")
    if any(theirs.get(key) != mine[key] for key in ("on", "day", "rules")):
        found.append("the day checked or the rules checked differ")
    now = {(f.code, f.subject): f.verdict.value for f in report.findings}
    changed = [key for key, verdict in before.items() if now.get(key) != verdict]
    if changed:
        code, subject = changed[0]
        more = f" and {len(changed) - 1} more" if len(changed) > 1 else ""
        found.append(
            f"{len(changed)} finding(s) changed verdict or are no longer judged, "
            f"first {code} on {subject}{more}"
        )
    return tuple(found)

"""Splitting the text of a document into its head and one span per collection, so that it can
be read one collection at a time (see :func:`neighborparty.convert.from_json`).

A document as :func:`~neighborparty.to_json` writes it is, byte for byte::

    {"format_version":1,"id":"…","name":"…","districts":[…],…,"activities":[…]}

:func:`split` finds, in such a text, the head (everything before the first collection's key,
which with a closing brace is an object of three keys) and for each collection the span of its
array, each collection once and in the order of :data:`~neighborparty.model.COLLECTIONS`. It
proves nothing about the spans: the reader parses each one, and only if every one parses is
the split sound. Then it is, because JSON is compositional: the text is the head, then for each
span exactly ``,"<collection>":`` and the span, then ``}``; each span is one complete JSON
value and the head with ``}`` one object; so the whole text is one object with the head's
three members and one member per span, the very value :func:`json.loads` reads from it (no
member twice, since the head's keys and the collections are all different).

Where a span ends is found by searching, from its start, for ``],"<collection>":[`` naming a
later collection (or the closing ``]}`` of the text). In valid JSON this byte sequence can
hold no part of a string: a ``"`` inside a string is escaped, so a ``"`` right after ``,``
cannot be; and a string that ends at that ``"`` would have to begin at the ``,`` or before,
and be followed by ``<collection>`` rather than by ``:``, ``,``, ``]``, ``}`` or white space. So
the ``]`` closes an array, though maybe one nested deeper than the collection's, e.g. a list of
ids inside an entity followed by an entity's key named as a collection. Such a split would cut
the collection's array short, and the span would not parse: the reader then reads the text as
a whole, as it always did. An earlier collection's name found inside a span (a grid's or a
company's ``compounds``) is passed over: it cannot end the span, the collections being in
order.
"""

from __future__ import annotations

import mmap
import re
from collections.abc import Iterator
from typing import Any

from neighborparty.model import COLLECTIONS

__all__ = ["runs", "split"]

_ORDER = {name: position for position, name in enumerate(COLLECTIONS)}
_NAMES = "|".join(map(re.escape, COLLECTIONS))
_STRING = r'"(?:[^"\\]|\\.)*"'
_HEAD = r'\{"format_version":[0-9]+,"id":' + _STRING + r',"name":' + _STRING
_FIRST = r',"(' + _NAMES + r')":\['
_NEXT = r'\],"(' + _NAMES + r')":\['

_BETWEEN = r'\},\{"[a-z]'

_PATTERNS: dict[type[Any], tuple[re.Pattern[Any], ...]] = {
    str: tuple(re.compile(p, re.DOTALL) for p in (_HEAD, _FIRST, _NEXT, _BETWEEN)),
    bytes: tuple(
        re.compile(p.encode("ascii"), re.DOTALL) for p in (_HEAD, _FIRST, _NEXT, _BETWEEN)
    ),
}

Spans = tuple[int, list[tuple[str, int, int]]]
"""Where the head ends, and each collection's name with the start and end of its array."""


def split(text: str | bytes | bytearray | mmap.mmap) -> Spans | None:
    """The head and the spans of the collections of a document's text, if it is written as
    :func:`~neighborparty.to_json` writes it; ``None`` if it is not (irregular, not
    necessarily invalid). The spans are to be parsed to prove the split (see the module).

    ``text`` is a string, or its bytes (UTF-8), or a file of them mapped to memory.

    Examples:
        >>> text = '{"format_version":1,"id":"x","name":"y","districts":[{"id":"d"}],"lanes":[]}'
        >>> head, spans = split(text)
        >>> text[:head] + "}"
        '{"format_version":1,"id":"x","name":"y"}'
        >>> [(name, text[start:end]) for name, start, end in spans]
        [('districts', '[{"id":"d"}]'), ('lanes', '[]')]
        >>> split(b'{"format_version":1,"id":"x","name":"y"}')
        (39, [])
        >>> split('{"id":"x","format_version":1,"name":"y"}') is None
        True
    """
    head, first, following, _ = _PATTERNS[str if isinstance(text, str) else bytes]
    found = head.match(text)
    if found is None:
        return None
    end_of_head = found.end()
    size = len(text)
    close = "}" if isinstance(text, str) else b"}"
    if size == end_of_head + 1 and text[end_of_head:] == close:
        return end_of_head, []
    found = first.match(text, end_of_head)
    if found is None:
        return None
    spans: list[tuple[str, int, int]] = []
    name, start = _name(found[1]), found.end() - 1
    while True:
        found = following.search(text, start)
        while found is not None and _ORDER[_name(found[1])] <= _ORDER[name]:
            found = following.search(text, found.start() + 1)
        if found is None:
            if text[size - 2 :] != ("]}" if isinstance(text, str) else b"]}"):
                return None
            spans.append((name, start, size - 1))
            return end_of_head, spans
        spans.append((name, start, found.start() + 1))
        name, start = _name(found[1]), found.end() - 1


def _name(key: str | bytes) -> str:
    """A collection's name as a string, from a match of a text or of bytes."""
    return key if isinstance(key, str) else key.decode("ascii")


def runs(
    text: str | bytes | bytearray | mmap.mmap, start: int, end: int, size: int
) -> Iterator[tuple[int, int]]:
    """The array ``text[start:end]`` cut into runs of its items of about ``size`` characters
    or bytes each (more for an item that is longer), as the start and end of each run: the
    text between the brackets, cut at commas found between objects (``},{"`` then a key's
    first letter); none for ``[]``.

    Each run, put between brackets, is to be parsed to prove the cut; if each is an array
    of at least one item, the array is the runs' items in order, the text being ``[``, the
    runs joined by commas, and ``]``. In valid JSON, ``},{"`` then a letter holds no part of
    a string (that ``"`` cannot close a string, being followed by a letter, nor be escaped),
    so the ``}`` closes an object, usually an item of this array.

    Examples:
        >>> text = '[{"id":"a"},{"id":"b"},{"id":"c"}]'
        >>> [text[a:b] for a, b in runs(text, 0, len(text), 12)]
        ['{"id":"a"},{"id":"b"}', '{"id":"c"}']
        >>> list(runs("[]", 0, 2, 12))
        []
    """
    between = _PATTERNS[str if isinstance(text, str) else bytes][3]
    first, last = start + 1, end - 1
    while first < last:
        found = between.search(text, first + size, last)
        if found is None:
            yield first, last
            return
        yield first, found.start() + 1
        first = found.start() + 2

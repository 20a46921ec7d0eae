"""What a command reads and writes besides text: a city document from a file or standard input,
JSON on standard output, and the error for input a command cannot use."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from neighborparty.convert import read_file
from neighborparty.errors import DocumentError, IntegrityError
from neighborparty.model import City


class BadInput(Exception):
    """Input the command cannot use: its message goes to stderr and the exit code is 2.

    Examples:
        >>> str(BadInput("city.json: cannot read: No such file or directory"))
        'city.json: cannot read: No such file or directory'
    """


def read_city(path: str) -> City:
    """The city of a document (JSON) in a file, or on standard input for ``-``.

    Raises:
        BadInput: the file cannot be read, or does not hold a valid city document; the
            message names the path and every problem.

    Examples:
        >>> read_city("nowhere.json")
        Traceback (most recent call last):
        ...
        neighborparty.cli._io.BadInput: nowhere.json: cannot read: No such file or directory
    """
    try:
        if path == "-":
            return read_file(sys.stdin.buffer)
        with open(path, "rb") as file:
            return read_file(file)
    except OSError as exc:
        raise BadInput(f"{path}: cannot read: {exc.strerror or exc}") from None
    except (DocumentError, IntegrityError) as exc:
        raise BadInput(f"{path}: {exc}") from None


def read_report(path: str) -> dict[str, Any]:
    """A stored report (JSON, as ``check --format json`` writes it) from a file.

    Raises:
        BadInput: the file cannot be read, or is not a JSON object.

    Examples:
        >>> read_report("nowhere.json")
        Traceback (most recent call last):
        ...
        neighborparty.cli._io.BadInput: nowhere.json: cannot read: No such file or directory
    """
    try:
        text = Path(path).read_bytes()
    except OSError as exc:
        raise BadInput(f"{path}: cannot read: {exc.strerror or exc}") from None
    try:
        data = json.loads(text)
    except (ValueError, RecursionError) as exc:
        raise BadInput(f"{path}: not a report: {exc}") from None
    if not isinstance(data, dict):
        raise BadInput(f"{path}: not a report: expected a JSON object")
    return data


def dump(data: object) -> None:
    """Plain data as JSON on standard output, indented, Chinese as it is.

    Examples:
        >>> dump({"code": "NP101", "title_zh": "一小区一支部"})
        {
          "code": "NP101",
          "title_zh": "一小区一支部"
        }
    """
    json.dump(data, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


def dump_parts(parts: Iterable[str]) -> None:
    """A JSON text given in parts (as :meth:`Report.iter_json
    <neighborparty.rules.Report.iter_json>` makes one, indented as :func:`dump` indents) on
    standard output, a part at a time.

    Examples:
        >>> dump_parts(['{"code": ', '"NP101"}'])
        {"code": "NP101"}
    """
    write = sys.stdout.write
    for part in parts:
        write(part)
    write("\n")

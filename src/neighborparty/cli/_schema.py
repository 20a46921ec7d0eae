"""``neighborparty schema``: the JSON Schema of the city document on standard output."""

from __future__ import annotations

import argparse
import json
import sys

from neighborparty.cli._options import Commands, add_command
from neighborparty.convert import json_schema


def add_to(commands: Commands) -> argparse.ArgumentParser:
    """Add the ``schema`` command and its options to the commands of a parser.

    Examples:
        >>> commands = argparse.ArgumentParser(prog="neighborparty").add_subparsers()
        >>> add_to(commands).parse_args(["--indent", "2"]).indent
        2
    """
    schema = add_command(
        commands,
        "schema",
        summary="write the JSON Schema of city documents to stdout",
        description="Write the JSON Schema (Draft 2020-12) of the city document to standard "
        "output, generated from the model of this version: validate documents with it in any "
        "language. A document it accepts may still be refused for what no schema can say: ids "
        "used twice, references to no entity or the wrong kind, an end before its start (see "
        "the document format's page).",
    )
    schema.add_argument(
        "--indent",
        type=int,
        default=None,
        help="indent the JSON by this many spaces (default: compact, on one line)",
    )
    schema.set_defaults(run=_run)
    return schema


def _run(args: argparse.Namespace) -> int:
    sys.stdout.write(
        json.dumps(
            json_schema(),
            ensure_ascii=False,
            indent=args.indent,
            separators=(",", ": ") if args.indent is not None else (",", ":"),
        )
    )
    sys.stdout.write("\n")
    return 0

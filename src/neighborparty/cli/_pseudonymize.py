"""``neighborparty pseudonymize``: a city document with every id and name replaced by a keyed
pseudonym, to share (see :mod:`neighborparty.privacy`)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from neighborparty.cli._io import BadInput, read_city
from neighborparty.cli._options import Commands, add_command
from neighborparty.convert import to_json
from neighborparty.privacy import pseudonymize


def add_to(commands: Commands) -> argparse.ArgumentParser:
    """Add the ``pseudonymize`` command and its options to the commands of a parser.

    Examples:
        >>> commands = argparse.ArgumentParser(prog="neighborparty").add_subparsers()
        >>> args = add_to(commands).parse_args(["city.json", "--key-file", "secret.key"])
        >>> args.file, args.key_file
        ('city.json', 'secret.key')
    """
    command = add_command(
        commands,
        "pseudonymize",
        summary="write the document with every id and name replaced by a keyed pseudonym",
        description="Write a city document (JSON; - for stdin) to standard output with every id "
        "and name replaced by a pseudonym made with HMAC-SHA256 under the key in --key-file: the "
        "same key gives the same pseudonyms, and without it they cannot be traced back. "
        "References, numbers, dates and kinds are kept, so the result checks as the original.",
    )
    command.add_argument("file", metavar="FILE", help="the city document (JSON), or - for stdin")
    command.add_argument(
        "--key-file",
        required=True,
        metavar="KEY",
        help="a file holding the secret key (its bytes, as they are; keep it out of the shared "
        "files)",
    )
    command.add_argument(
        "--indent",
        type=int,
        default=None,
        help="indent the JSON by this many spaces (default: compact, on one line)",
    )
    command.set_defaults(run=_run)
    return command


def _run(args: argparse.Namespace) -> int:
    try:
        key = Path(args.key_file).read_bytes()
    except OSError as exc:
        raise BadInput(f"{args.key_file}: cannot read: {exc.strerror or exc}") from None
    if not key.strip():
        raise BadInput(f"{args.key_file}: the key file is empty")
    city = read_city(args.file)
    sys.stdout.write(to_json(pseudonymize(city, key), indent=args.indent))
    sys.stdout.write("\n")
    return 0

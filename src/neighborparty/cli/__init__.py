"""The command line: ``python -m neighborparty`` (also installed as ``neighborparty``).

The only part of the library that reads files or writes to the terminal. Each command lives in a
module of its own, which declares the command's options and runs it; the shared vocabulary of
options is in ``_options``, reading and writing documents in ``_io``, and the library's values as
text in ``_text``.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from importlib import metadata

from neighborparty.cli import (
    _check,
    _compare,
    _deadlines,
    _demo,
    _explain,
    _fixes,
    _pseudonymize,
    _rules,
    _schema,
    _synth,
)
from neighborparty.cli._io import BadInput
from neighborparty.cli._options import HelpFormatter
from neighborparty.cli._text import format_calibration, format_footer, format_rule, format_tree

__all__ = ["format_calibration", "format_footer", "format_rule", "format_tree", "main"]

_COMMANDS = (
    _demo,
    _check,
    _rules,
    _explain,
    _fixes,
    _compare,
    _deadlines,
    _synth,
    _schema,
    _pseudonymize,
)
"""The modules of the commands, in the order ``--help`` lists them."""


def _version() -> str:
    """The installed version: the package's ``__version__``, which the build reads."""
    try:
        return metadata.version("neighborparty")
    except metadata.PackageNotFoundError:  # pragma: no cover - run from a tree never installed
        return "(version unknown: not installed)"


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="neighborparty",
        description="Xiamen's neighbourhood party-building system (近邻党建) as data.",
        formatter_class=HelpFormatter,
    )
    parser.add_argument(
        "--version",
        action="version",
        version=f"%(prog)s {_version()}",
        help="show the version and exit",
    )
    commands = parser.add_subparsers(
        dest="command",
        required=True,
        metavar="COMMAND",
        help="the command to run; `neighborparty COMMAND --help` tells more",
    )
    for command in _COMMANDS:
        command.add_to(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line with these arguments (default: ``sys.argv[1:]``).

    Returns:
        The exit code: 0 on success; for ``check``, 1 when a finding fails at or above
        ``--fail-on``; 2 for bad arguments or a bad document (the reason on stderr).

    Examples:
        >>> main(["demo", "--scale", "0.01"])  # doctest: +ELLIPSIS
        厦门 (synthetic, 2020, seed 0, scale 0.01)
        ...
        0
        >>> main(["rules", "NP101"])  # doctest: +ELLIPSIS
        NP101 One compound, one branch · 一小区一支部
        ...
        0
    """
    for stream in (sys.stdout, sys.stderr):
        # A terminal that cannot show Chinese gets escapes instead of a UnicodeEncodeError.
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="backslashreplace")
    parser = _parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:
        return int(exc.code or 0)
    try:
        code: int = args.run(args)
    except BadInput as exc:
        print(f"neighborparty {args.command}: {exc}", file=sys.stderr)
        return 2
    except BrokenPipeError:  # pragma: no cover - the reader went away (| head)
        sys.stderr.close()
        return 0
    return code

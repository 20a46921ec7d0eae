"""``neighborparty synth``: a synthetic city document (JSON) on standard output, to start from."""

from __future__ import annotations

import argparse
import sys

from neighborparty import synth
from neighborparty.cli._options import Commands, add_command, add_synthetic
from neighborparty.convert import to_json


def add_to(commands: Commands) -> argparse.ArgumentParser:
    """Add the ``synth`` command and its options to the commands of a parser.

    Examples:
        >>> commands = argparse.ArgumentParser(prog="neighborparty").add_subparsers()
        >>> args = add_to(commands).parse_args(["--seed", "1", "--scale", "0.02", "--indent", "2"])
        >>> args.seed, args.scale, args.indent
        (1, 0.02, 2)
    """
    synthetic = add_command(
        commands,
        "synth",
        summary="write a synthetic city document (JSON) to stdout",
        description="Write a synthetic Xiamen-like city as a city document (JSON) to standard "
        "output: deterministic for a seed, calibrated to the figures published for the year, at "
        "a size relative to Xiamen.",
    )
    add_synthetic(synthetic)
    synthetic.add_argument(
        "--indent",
        type=int,
        default=None,
        help="indent the JSON by this many spaces (default: compact, on one line)",
    )
    synthetic.set_defaults(run=_run)
    return synthetic


def _run(args: argparse.Namespace) -> int:
    city = synth.city(seed=args.seed, scale=args.scale, year=args.year)
    sys.stdout.write(to_json(city, indent=args.indent))
    sys.stdout.write("\n")
    return 0

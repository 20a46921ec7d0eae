"""Tests of the command line, run as a user runs it: in a subprocess."""

import subprocess
import sys


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "neighborparty", *args],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )

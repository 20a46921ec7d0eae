"""Running the package as a program: ``python -m neighborparty`` (:mod:`neighborparty.__main__`)."""

import subprocess
import sys


def test_a_bad_scale_is_a_usage_error_not_a_traceback() -> None:
    """``demo --scale 0`` ended in a traceback from inside the synthetic city's builder; a scale
    that is not a positive number is a usage error."""
    result = subprocess.run(
        [sys.executable, "-m", "neighborparty", "demo", "--scale", "0"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 2
    assert "must be a positive number" in result.stderr
    assert "Traceback" not in result.stderr

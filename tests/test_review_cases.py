"""Edge cases found in review: each pins the behaviour the docs promise."""

import subprocess
import sys
from datetime import date

import neighborparty as np_
from neighborparty.rules import compare

DAY = date(2020, 10, 26)


def test_compare_is_a_top_level_name() -> None:
    assert np_.compare is compare


def test_a_bad_scale_is_a_usage_error_not_a_traceback() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "neighborparty", "demo", "--scale", "0"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 2
    assert "must be a positive number" in result.stderr
    assert "Traceback" not in result.stderr

"""The options several commands share: a day is YYYY-MM-DD and nothing else, wherever the
command line takes one."""

from pathlib import Path

import pytest

from tests.cli import run

PLACES = {
    "check --on": ("check", "{file}", "--on"),
    "explain --on": ("explain", "NP103", "{file}", "--on"),
    "compare --on": ("compare", "{file}", "--set", "branch.min_full_members=4", "--on"),
    "compare --effective": (
        "compare",
        "{file}",
        "--set",
        "branch.min_full_members=4",
        "--effective",
    ),
}
"""Every place the command line takes a day, with what comes before the day."""


@pytest.mark.parametrize("value", ["20201026", "2020-W43-1", "2020-W43"])
@pytest.mark.parametrize("place", list(PLACES))
def test_a_day_in_another_iso_form_is_refused_everywhere(
    seed_file: Path, place: str, value: str
) -> None:
    """``date.fromisoformat`` reads these as days; the options promise YYYY-MM-DD."""
    args = [arg.format(file=seed_file) for arg in PLACES[place]]
    result = run(*args, value)
    assert result.returncode == 2
    assert result.stdout == ""
    option = PLACES[place][-1]
    assert f"error: argument {option}: not a date (YYYY-MM-DD): {value!r}" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize(
    "value", ["2020-1-5", "２０２０-１０-２６", "2020-10-26T00:00", " 2020-10-26", "2020-02-30", ""]
)
def test_anything_but_a_real_yyyy_mm_dd_day_is_refused(seed_file: Path, value: str) -> None:
    result = run("check", str(seed_file), "--on", value)
    assert result.returncode == 2
    assert f"error: argument --on: not a date (YYYY-MM-DD): {value!r}" in result.stderr


def test_a_yyyy_mm_dd_day_is_taken(seed_file: Path) -> None:
    result = run("check", str(seed_file), "--select", "NP101", "--on", "2020-02-29")
    assert result.returncode == 0, result.stderr

"""``neighborparty deadlines``: what falls due, as text, JSON and an iCalendar feed that a
calendar library reads back."""

import json
import subprocess
import sys
from datetime import date
from pathlib import Path

import icalendar
import pytest

from neighborparty import examples
from neighborparty.rules import deadlines
from tests.cli import run


def test_deadlines_lists_what_is_due_soon_or_past_due(seed_file: Path) -> None:
    result = run("deadlines", str(seed_file), "--on", "2022-05-01", "--within", "31")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].startswith("厦门 (seed examples) on 2022-05-01, due soon within 31 days: ")
    assert "  NP206  br-jinan: the branch committee's term ends on 2022-06-01 (due soon)" in lines
    assert not any("NP502" in line for line in lines)  # due in 2024: not listed
    everything = run("deadlines", str(seed_file), "--on", "2022-05-01", "--all").stdout
    assert "  NP502  oc-jinan: the owners' committee's term ends on 2024-05-31 (not due yet)" in (
        everything.splitlines()
    )


def test_a_window_too_short_leaves_a_deadline_not_due_yet(seed_file: Path) -> None:
    text = run("deadlines", str(seed_file), "--on", "2022-05-01", "--within", "30").stdout
    assert "NP206  br-jinan" not in text
    assert "(--all lists those not due yet)" in text.splitlines()[0]


def test_deadlines_in_chinese(seed_file: Path) -> None:
    text = run("deadlines", str(seed_file), "--on", "2022-05-01", "--lang", "zh").stdout
    assert "  NP206  br-jinan：支委会任期届满，期限 2022-06-01（即将到期）" in text.splitlines()


def test_deadlines_as_json_carry_both_messages(seed_file: Path) -> None:
    result = run("deadlines", str(seed_file), "--on", "2023-07-01", "--format", "json")
    assert result.returncode == 0, result.stderr
    doc = json.loads(result.stdout)
    assert (doc["city"], doc["on"], doc["within_days"]) == ("xm-demo", "2023-07-01", 90)
    [term] = [d for d in doc["deadlines"] if (d["code"], d["subject"]) == ("NP206", "br-jinan")]
    assert term["status"] == "beyond_grace"
    assert (term["due"], term["grace_until"]) == ("2022-06-01", "2023-06-01")
    assert term["message_zh"].startswith("br-jinan：支委会任期届满")
    expected = deadlines(examples.seed_city(), on=date(2023, 7, 1))
    assert len(doc["deadlines"]) == sum(d.status.value != "ok" for d in expected)


def test_the_ics_feed_reads_back_as_a_calendar_with_one_event_per_deadline(
    seed_file: Path,
) -> None:
    result = run("deadlines", str(seed_file), "--on", "2022-05-01", "--all", "--format", "ics")
    assert result.returncode == 0, result.stderr
    raw = result.stdout.encode()
    calendar = icalendar.Calendar.from_ical(raw)
    events = list(calendar.walk("VEVENT"))
    expected = deadlines(examples.seed_city(), on=date(2022, 5, 1))
    assert len(events) == len(expected)
    by_uid = {str(e["UID"]): e for e in events}
    assert len(by_uid) == len(events)  # a stable, unique id for each
    term = by_uid["NP206.br-jinan.branch_term@neighborparty"]
    assert term.decoded("DTSTART") == date(2022, 6, 1)
    assert term.decoded("DTEND") == date(2022, 6, 2)
    assert str(term["SUMMARY"]) == (
        "br-jinan: the branch committee's term ends on 2022-06-01 (due soon)"
    )
    assert "grace to 2023-06-01 (term.postponement_years)" in str(term["DESCRIPTION"])
    assert "关于党的基层组织任期的意见" in str(term["DESCRIPTION"])
    assert str(calendar["X-WR-CALNAME"]) == "厦门 (seed examples) · neighborparty"


def run_bytes(*args: str) -> bytes:
    """The command's output as the bytes it wrote (no newline translation)."""
    done = subprocess.run(
        [sys.executable, "-m", "neighborparty", *args], capture_output=True, timeout=120, check=True
    )
    return done.stdout


def test_the_ics_feed_in_chinese_folds_long_lines_within_75_octets(seed_file: Path) -> None:
    raw = run_bytes("deadlines", str(seed_file), "--all", "--format", "ics", "--lang", "zh")
    assert raw.endswith(b"END:VCALENDAR\r\n")
    assert raw.count(b"\n") == raw.count(b"\r\n")  # every line ends in CRLF
    lines = raw.split(b"\r\n")
    assert max(len(line) for line in lines) <= 75
    for line in lines:
        line.decode()  # never folded inside a character
    events = list(icalendar.Calendar.from_ical(raw).walk("VEVENT"))
    summaries = [str(e["SUMMARY"]) for e in events]
    assert "p-lin：连续未参加组织生活的期限届满，期限 1996-01-01（已逾期）" in summaries


def test_the_same_city_and_day_give_the_same_feed(seed_file: Path) -> None:
    args = ("deadlines", str(seed_file), "--on", "2022-05-01", "--format", "ics")
    assert run(*args).stdout == run(*args).stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--within", "-1"), "must be a whole number of days, 0 or more, got '-1'"),
        (("--within", "soon"), "must be a whole number of days"),
        (("--within", "99999999999"), "--within 99999999999: too many days"),
        (("--format", "pdf"), "invalid choice: 'pdf'"),
    ],
)
def test_bad_options_are_usage_errors(seed_file: Path, args: tuple[str, ...], message: str) -> None:
    result = run("deadlines", str(seed_file), *args)
    assert result.returncode == 2
    assert message in result.stderr


def test_a_missing_file_is_a_clear_error(tmp_path: Path) -> None:
    result = run("deadlines", str(tmp_path / "nowhere.json"))
    assert result.returncode == 2
    assert "nowhere.json: cannot read" in result.stderr

"""Reading a city document: from a file or standard input; bad documents exit 2 with their
problems, never a traceback."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.cli import run


def test_check_reads_stdin(seed_file: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "neighborparty", "check", "-", "--select", "NP101"],
        input=seed_file.read_text(encoding="utf-8"),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr


def test_check_reads_stdin_from_a_file(seed_file: Path) -> None:
    with seed_file.open("rb") as stdin:
        result = subprocess.run(
            [sys.executable, "-m", "neighborparty", "check", "-", "--select", "NP1"],
            stdin=stdin,
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
    assert result.returncode == 1, result.stderr
    assert result.stdout.splitlines()[-1].startswith("Found 5 failing findings")


BAD_FILES = {
    "empty": ("", "not valid JSON"),
    "not JSON": ('{"format_version": 1,', "not valid JSON"),
    "not UTF-8": (b"\xff\xfe\xfa", "not valid JSON"),
    "wrong shape": ("[1, 2]", "invalid document (1 problem):\n  expected object, got array"),
    "a field of the wrong type": (
        '{"format_version": 1, "id": "x", "name": 7}',
        "invalid document (1 problem):\n  name: expected str, got int",
    ),
    "a newer format": ('{"format_version": 99}', "format_version: unsupported version 99"),
    "a dangling reference": (
        json.dumps(
            {
                "format_version": 1,
                "id": "x",
                "name": "n",
                "compounds": [
                    {
                        "id": "c",
                        "name": "c",
                        "community": "nope",
                        "households": 3,
                        "kind": "managed",
                    }
                ],
            }
        ),
        "inconsistent city (1 problem):\n  compounds[0].community: no community with id 'nope'",
    ),
}


@pytest.mark.parametrize("kind", list(BAD_FILES))
@pytest.mark.parametrize("command", [("check",), ("compare", "--set", "branch.min_full_members=4")])
def test_a_bad_document_exits_2_with_its_problems_and_no_traceback(
    tmp_path: Path, kind: str, command: tuple[str, ...]
) -> None:
    content, expected = BAD_FILES[kind]
    path = tmp_path / "city.json"
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    result = run(command[0], str(path), *command[1:])
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.startswith(f"neighborparty {command[0]}: {path}: ")
    assert expected in result.stderr
    assert "Traceback" not in result.stderr


def test_a_missing_file_or_a_directory_exits_2(tmp_path: Path) -> None:
    missing = run("check", str(tmp_path / "nowhere.json"))
    assert missing.returncode == 2
    assert "nowhere.json: cannot read: No such file or directory" in missing.stderr
    folder = run("check", str(tmp_path))
    assert folder.returncode == 2
    assert "cannot read" in folder.stderr
    assert "Traceback" not in missing.stderr + folder.stderr

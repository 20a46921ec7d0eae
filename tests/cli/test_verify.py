"""``neighborparty check --verify REPORT FILE``: whether a stored report still matches."""

from __future__ import annotations

import json
from pathlib import Path

import attrs

from neighborparty import examples, to_json

from . import run


def _stored(seed_file: Path, tmp_path: Path, *args: str) -> Path:
    done = run("check", str(seed_file), "--format", "json", *args)
    assert done.returncode in (0, 1), done.stderr
    path = tmp_path / "report.json"
    path.write_text(done.stdout, encoding="utf-8")
    return path


def test_a_report_matches_its_document(seed_file: Path, tmp_path: Path) -> None:
    report = _stored(seed_file, tmp_path, "--select", "NP1", "--on", "2020-10-26")
    provenance = json.loads(report.read_text())["provenance"]
    assert provenance["select"] == ["NP1"]
    assert provenance["on"] == "2020-10-26"
    done = run("check", str(seed_file), "--verify", str(report))
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.strip().endswith("same document, policy, version and verdicts.")


def test_an_edited_document_does_not_match(seed_file: Path, tmp_path: Path) -> None:
    report = _stored(seed_file, tmp_path)
    city = examples.seed_city()
    edited = tmp_path / "edited.json"
    edited.write_text(
        to_json(
            city.with_updates(compounds=[attrs.evolve(city.get("c-east"), households=130)]).without(
                ["p-zhao"]
            )
        ),
        encoding="utf-8",
    )
    done = run("check", str(edited), "--verify", str(report), "--format", "json")
    assert done.returncode == 1
    answer = json.loads(done.stdout)
    assert answer["matches"] is False
    assert answer["differences"][0].startswith("the document differs")
    assert any("changed verdict" in d for d in answer["differences"])


def test_a_reindented_document_still_matches(seed_file: Path, tmp_path: Path) -> None:
    report = _stored(seed_file, tmp_path)
    indented = tmp_path / "indented.json"
    indented.write_text(to_json(examples.seed_city(), indent=4), encoding="utf-8")
    assert run("check", str(indented), "--verify", str(report)).returncode == 0


def test_verify_refuses_a_selection_of_its_own_and_a_report_without_provenance(
    seed_file: Path, tmp_path: Path
) -> None:
    report = _stored(seed_file, tmp_path)
    done = run("check", str(seed_file), "--verify", str(report), "--select", "NP1")
    assert done.returncode == 2
    assert "takes the selection and day from the report" in done.stderr
    old = tmp_path / "old.json"
    data = json.loads(report.read_text())
    del data["provenance"]
    old.write_text(json.dumps(data), encoding="utf-8")
    done = run("check", str(seed_file), "--verify", str(old))
    assert done.returncode == 2
    assert "records no provenance" in done.stderr
    junk = tmp_path / "junk.json"
    junk.write_text("[1, 2", encoding="utf-8")
    done = run("check", str(seed_file), "--verify", str(junk))
    assert done.returncode == 2
    assert "Traceback" not in done.stderr


def test_a_malformed_stored_report_is_bad_input_not_a_traceback(
    seed_file: Path, tmp_path: Path
) -> None:
    report = _stored(seed_file, tmp_path)
    good = json.loads(report.read_text())
    for broken in (
        {**good, "provenance": {**good["provenance"], "select": "NP1"}},
        {**good, "provenance": {**good["provenance"], "ignore": 5}},
        {**good, "provenance": {**good["provenance"], "on": "yesterday"}},
        {**good, "findings": [{"code": "NP101"}]},
        {**good, "findings": [1]},
    ):
        path = tmp_path / "broken.json"
        path.write_text(json.dumps(broken), encoding="utf-8")
        done = run("check", str(seed_file), "--verify", str(path))
        assert done.returncode == 2, done.stdout + done.stderr
        assert "Traceback" not in done.stderr

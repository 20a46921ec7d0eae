"""``neighborparty fixes``: verified fixes of a document's failing findings."""

import json
from pathlib import Path

from tests.cli import run


def test_fixes_of_the_failing_findings_of_a_document(seed_file: Path) -> None:
    result = run("fixes", str(seed_file))
    assert result.returncode == 0, result.stderr
    assert "NP401 p-huang (cost 1): place p-huang under the management of br-jinan" in result.stdout
    assert "NP405 p-wang: no fix: organisational life missed in the past" in result.stdout
    zh = run("fixes", str(seed_file), "p-huang", "--lang", "zh").stdout
    assert zh.startswith("NP401 p-huang（成本 1）：将 p-huang 纳入 br-jinan 管理")


def test_fixes_as_json(seed_file: Path) -> None:
    result = run("fixes", str(seed_file), "p-huang", "--format", "json", "--limit", "1")
    assert result.returncode == 0, result.stderr
    doc = json.loads(result.stdout)
    (finding,) = [f for f in doc["findings"] if f["code"] == "NP401"]
    (fix,) = finding["fixes"]
    assert fix["cost"] == 1.0
    assert fix["edits"]["updates"]["people"][0]["party"]["managed_in"] == "br-jinan"


def test_select_and_subjects_choose_the_findings(seed_file: Path) -> None:
    result = run("fixes", str(seed_file), "--select", "NP301")
    lines = [line for line in result.stdout.splitlines() if not line.startswith(" ")]
    assert lines
    assert all(line.startswith("NP301 ") for line in lines)
    ignored = run("fixes", str(seed_file), "--ignore", "NP3,NP4,NP6")
    assert "NP105 cm-old" in ignored.stdout
    assert "NP301" not in ignored.stdout
    nothing = run("fixes", str(seed_file), "c-east", "--select", "NP1")
    assert nothing.stdout == "no failing finding to fix\n"


def test_bad_input_is_refused(seed_file: Path) -> None:
    unknown = run("fixes", str(seed_file), "c-nowhere")
    assert unknown.returncode == 2
    assert "holds no entity 'c-nowhere'" in unknown.stderr
    assert run("fixes", str(seed_file), "--limit", "0").returncode == 2
    nowhere = run("fixes", str(seed_file), "--select", "XX9")
    assert nowhere.returncode == 2
    assert "no rule code starts with 'XX9'" in nowhere.stderr

"""``neighborparty synth``: a synthetic city document that ``check`` reads."""

import json
from pathlib import Path

from tests.cli import run


def test_synth_writes_a_document_that_check_reads(tmp_path: Path) -> None:
    result = run("synth", "--seed", "2", "--scale", "0.01")
    assert result.returncode == 0, result.stderr
    doc = json.loads(result.stdout)
    assert doc["format_version"] == 1
    assert doc["name"] == "厦门 (synthetic, 2020, seed 2, scale 0.01)"
    path = tmp_path / "city.json"
    path.write_text(result.stdout, encoding="utf-8")
    checked = run("check", str(path), "--statistics", "--fail-on", "never")
    assert checked.returncode == 0
    assert checked.stdout.startswith("Check of 厦门 (synthetic, 2020, seed 2, scale 0.01)")

"""``neighborparty rules``: the catalogue, and one rule with its parameters."""

import json

from neighborparty.rules import all_rules
from tests.cli import run


def test_rules_lists_the_catalogue() -> None:
    result = run("rules")
    assert result.returncode == 0
    lines = result.stdout.splitlines()
    assert [line.split()[0] for line in lines[1:]] == [r.code for r in all_rules()]
    assert "NP102  error    compound" in result.stdout
    as_json = json.loads(run("rules", "--format", "json").stdout)
    assert [r["code"] for r in as_json] == [r.code for r in all_rules()]


def test_rules_code_shows_its_parameters_and_citations() -> None:
    result = run("rules", "np102")
    assert result.returncode == 0
    out = result.stdout
    assert out.startswith("NP102 Standalone branch where the compound qualifies")
    assert "source seed [建强-2]" in out
    assert (
        "formation.standalone_min_full_members = 3 members · 3 from 2020-10-26; none before "
        "2020-10-26 · seed [建强-2]" in out
    )
    doc = json.loads(run("rules", "NP102", "--format", "json").stdout)
    assert [p["name"] for p in doc["parameters"]] == [
        "formation.standalone_min_full_members",
        "formation.standalone_min_households",
    ]
    unknown = run("rules", "NP999")
    assert unknown.returncode == 2
    assert "no rule 'NP999'" in unknown.stderr

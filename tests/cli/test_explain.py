"""``neighborparty explain``: a rule with examples, or its findings in a document."""

from pathlib import Path

from tests.cli import run


def test_explain_a_rule_with_examples_from_the_synthetic_city() -> None:
    result = run("explain", "NP103")
    assert result.returncode == 0
    assert "Example (fail, from the synthetic city):" in result.stdout
    assert "Example (pass, from the synthetic city):" in result.stdout
    assert "— fail." in result.stdout
    zh = run("explain", "NP103", "--lang", "zh").stdout
    assert "— 不符合。" in zh


def test_explain_findings_of_a_document(seed_file: Path) -> None:
    every = run("explain", "NP103", str(seed_file))
    assert every.returncode == 0
    assert every.stdout.startswith("NP103 A branch of at least the set number of full members")
    assert "branch br-grid-old holds 1 full members, fewer than 3." in every.stdout
    one = run("explain", "NP201", str(seed_file), "br-jinan", "--names")
    assert "branch br-jinan has secretary ['林书记 (p-lin)']." in one.stdout
    assert "林书记" not in run("explain", "NP201", str(seed_file), "br-jinan").stdout
    unknown = run("explain", "NP201", str(seed_file), "c-nowhere")
    assert unknown.returncode == 2
    assert "NP201 judges no subject 'c-nowhere'" in unknown.stderr


def test_without_a_file_the_examples_are_judged_on_the_day_and_named_as_asked() -> None:
    """``--on`` and ``--names`` mean for the synthetic city what they mean for a document."""
    plain = run("explain", "NP201")
    named = run("explain", "NP201", "--names")
    assert named.returncode == 0, named.stderr
    assert "has secretary ['p-1.645']." in plain.stdout
    assert "has secretary ['p-1.645']." not in named.stdout
    assert "(p-1.645)']." in named.stdout
    assert "Example (pass, from the synthetic city):" in run("explain", "NP502").stdout
    later = run("explain", "NP502", "--on", "2030-01-01")
    assert later.returncode == 0, later.stderr
    assert "Example (fail, from the synthetic city):" in later.stdout
    assert "Example (pass, from the synthetic city):" not in later.stdout  # every term has run out

"""``neighborparty demo``: the main job on the synthetic city."""

from neighborparty import DEFAULT_POLICY, synth
from tests.cli import run


def test_demo_shows_the_calibrated_synthetic_city_and_the_seed_tree() -> None:
    result = run("demo")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert out.splitlines()[0] == "厦门 (synthetic, 2020, seed 0, scale 1)"
    table = out[out.index("figure ") : out.index("Coverage by district")]
    rows = {line.split()[0]: line.split() for line in table.splitlines()[1:] if line.strip()}
    tiny = synth.city(scale=0.01)
    assert set(rows) == {f.name for f in synth.calibration(tiny, scale=0.01)}
    assert all(0.95 <= float(row[-1]) <= 1.05 for row in rows.values())
    assert rows["secretary_chairs"][2:4] == ["98", "98"]
    assert (
        "compound branch br-jinan 金安小区党支部, standalone · 3 registered, 1 managed · secretary p-lin"
        in out
    )
    assert (
        "owners' committee oc-jinan 2019-06-01..2024-05-31 · 5 members · owners chair p-lin" in out
    )
    assert "building the synthetic city" in result.stderr  # progress goes to stderr
    assert "checking the city against every rule" in result.stderr
    # The rule check per rule and per district, the worst compounds, and a reform.
    per_rule = out[out.index("Rule check, per rule:") : out.index("Failing findings per district")]
    assert len([line for line in per_rule.splitlines() if line.startswith("NP")]) == len(
        DEFAULT_POLICY.rules
    )
    per_district = out[out.index("Failing findings per district") : out.index("The five compounds")]
    assert len(per_district.strip().splitlines()) == 1 + 6
    worst = out[out.index("The five compounds") : out.index("A reform:")]
    assert worst.count("Why the first one fails:") == 5
    assert "A reform: a standalone branch needs 5 full members" in out
    assert "NP102  now failing 0, now passing" in out
    assert "Failing compounds as the threshold varies" in out


def test_demo_takes_a_year_and_a_scale() -> None:
    result = run("demo", "--year", "2024", "--scale", "0.05", "--seed", "3")
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[0] == "厦门 (synthetic, 2024, seed 3, scale 0.05)"
    assert "red_committees" in result.stdout


def test_demo_refuses_an_unsupported_year() -> None:
    result = run("demo", "--year", "2019")
    assert result.returncode == 2
    assert "invalid choice: 2019" in result.stderr


def test_a_bad_scale_is_a_usage_error_not_a_traceback() -> None:
    """``demo --scale 0`` ended in a traceback from inside the synthetic city's builder; a scale
    that is not a positive number is a usage error."""
    result = run("demo", "--scale", "0")
    assert result.returncode == 2
    assert "must be a positive number" in result.stderr
    assert "Traceback" not in result.stderr

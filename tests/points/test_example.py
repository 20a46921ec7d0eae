"""The example scheme: library defaults, labelled as such."""

from neighborparty.points import EXAMPLE_SCHEME


def test_the_example_scheme_says_it_is_an_example() -> None:
    assert EXAMPLE_SCHEME.name == "example"
    assert "not an official scheme" in EXAMPLE_SCHEME.title

"""A pytest plugin: the rule coverage of a test suite (规则覆盖率).

Installed with the package (entry point ``pytest11``), it stays idle unless asked:

.. code-block:: console

    $ pytest --np-coverage                      # print the table at the end of the run
    $ pytest --np-coverage --np-coverage-fail-under 80

The table lists, for every rule a check of the run judged by, the verdicts it gave and whether
each comparison of its condition was both met and not met (see
:mod:`neighborparty.rules.coverage`); ``--np-coverage-fail-under`` fails the run when the share
of those goals reached is lower.

Examples:
    >>> from neighborparty.testing import summary
    >>> from neighborparty.rules.coverage import Coverage
    >>> print(summary(Coverage(), None))
    neighborparty rule coverage
    rule   verdicts  conditions  covered
    total                        0/0 100.0%
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from neighborparty.rules.coverage import Coverage, coverage

if TYPE_CHECKING:
    import pytest

__all__ = [
    "pytest_addoption",
    "pytest_configure",
    "pytest_sessionfinish",
    "pytest_terminal_summary",
    "pytest_unconfigure",
    "summary",
]

_KEY = "_neighborparty_coverage"


def pytest_addoption(parser: pytest.Parser) -> None:
    """The plugin's options (a pytest hook).

    Examples:
        >>> callable(pytest_addoption)
        True
    """
    group = parser.getgroup("neighborparty", "rule coverage of neighborparty's rules")
    group.addoption(
        "--np-coverage",
        action="store_true",
        default=False,
        help="record which rules, verdicts and conditions the run's checks exercised, and "
        "print the table at the end",
    )
    group.addoption(
        "--np-coverage-fail-under",
        type=float,
        default=None,
        metavar="PERCENT",
        help="fail the run when the rule coverage is below PERCENT (implies --np-coverage)",
    )


def pytest_configure(config: pytest.Config) -> None:
    """Start recording when asked (a pytest hook).

    Examples:
        >>> callable(pytest_configure)
        True
    """
    if (
        config.getoption("--np-coverage")
        or config.getoption("--np-coverage-fail-under") is not None
    ):
        recording = coverage()
        setattr(config, _KEY, (recording, recording.__enter__()))


def pytest_unconfigure(config: pytest.Config) -> None:
    """Stop recording (a pytest hook).

    Examples:
        >>> callable(pytest_unconfigure)
        True
    """
    found = getattr(config, _KEY, None)
    if found is not None:
        found[0].__exit__(None, None, None)
        delattr(config, _KEY)


def _recorded(config: pytest.Config) -> Coverage | None:
    found: Any = getattr(config, _KEY, None)
    return None if found is None else found[1]


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """Fail a run whose rule coverage is under the threshold (a pytest hook).

    Examples:
        >>> callable(pytest_sessionfinish)
        True
    """
    recorded = _recorded(session.config)
    threshold = session.config.getoption("--np-coverage-fail-under")
    if recorded is not None and threshold is not None and recorded.percent() < threshold:
        session.exitstatus = 1


def summary(recorded: Coverage, threshold: float | None) -> str:
    """The text printed at the end of a run.

    Examples:
        >>> print(summary(Coverage(), 90.0).splitlines()[-1])
        total                        0/0 100.0%
    """
    lines = ["neighborparty rule coverage", recorded.table()]
    if threshold is not None and recorded.percent() < threshold:
        lines.append(f"FAIL: rule coverage {recorded.percent():.1f}% is under {threshold:g}%")
    return "\n".join(lines)


def pytest_terminal_summary(terminalreporter: Any, exitstatus: int, config: pytest.Config) -> None:
    """Print the table (a pytest hook).

    Examples:
        >>> callable(pytest_terminal_summary)
        True
    """
    recorded = _recorded(config)
    if recorded is None:
        return
    threshold = config.getoption("--np-coverage-fail-under")
    terminalreporter.write_sep("-", "neighborparty rule coverage")
    for line in summary(recorded, threshold).splitlines()[1:]:
        terminalreporter.write_line(line)

"""The command-line page of the docs, run as written."""

import doctest
import os
import re
import subprocess
import sys
from pathlib import Path

DOCS = Path(__file__).resolve().parents[2] / "docs"


def _console_sessions(text: str) -> list[tuple[str, str]]:
    """The ``$ command`` lines of the page's console blocks, each with the output shown."""
    sessions: list[tuple[str, str]] = []
    for block in re.findall(r"```console\n(.*?)```", text, flags=re.DOTALL):
        for chunk in re.split(r"^\$ ", block, flags=re.MULTILINE)[1:]:
            command, _, output = chunk.partition("\n")
            sessions.append((command, output))
    return sessions


def test_every_command_on_the_cli_page_prints_what_the_page_shows(tmp_path: Path) -> None:
    sessions = _console_sessions((DOCS / "cli.md").read_text(encoding="utf-8"))
    assert len(sessions) >= 10
    shown = {command.split()[1] for command, _ in sessions if command.startswith("neighborparty")}
    assert shown >= {"synth", "check", "rules", "explain", "compare"}
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"}
    checker = doctest.OutputChecker()
    for command, expected in sessions:
        result = subprocess.run(
            ["bash", "-c", "exec 2>&1\n" + command],
            cwd=tmp_path,
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        assert checker.check_output(expected, result.stdout, doctest.ELLIPSIS), (
            f"$ {command}\n--- the page shows ---\n{expected}--- it prints ---\n{result.stdout}"
        )

"""The release: what the sdist and the wheel hold, that tests run from the unpacked sdist, that
the wheel alone runs the README's first example, that the README's links and commands hold, and
that the development pins of pyproject.toml agree with each other, with every supported Python
and with the environment they made.
"""

from __future__ import annotations

import email.parser
import importlib.metadata
import os
import re
import shlex
import subprocess
import sys
import tarfile
import tomllib
import zipfile
from collections import defaultdict
from pathlib import Path

import pytest
from packaging.markers import default_environment
from packaging.requirements import Requirement
from packaging.specifiers import SpecifierSet
from packaging.utils import canonicalize_name
from packaging.version import Version

import neighborparty
from neighborparty.cli import main

ROOT = Path(__file__).resolve().parent.parent
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
GROUPS: dict[str, list[str | dict[str, str]]] = PYPROJECT["dependency-groups"]
README = (ROOT / "README.md").read_text(encoding="utf-8")
NAME = f"neighborparty-{neighborparty.__version__}"
DIST_INFO = f"{NAME}.dist-info"
DOCS = "https://neighborparty.readthedocs.io/en/latest/"
SOURCE = "https://github.com/neighborparty/neighborparty/blob/main/"
SUPPORTED = [
    c.rsplit(" :: ", 1)[1]
    for c in PYPROJECT["project"]["classifiers"]
    if re.fullmatch(r"Programming Language :: Python :: 3\.\d+", c)
]


def _run(*args: str | Path, **kwargs: object) -> subprocess.CompletedProcess[str]:
    done = subprocess.run(
        [str(a) for a in args], capture_output=True, text=True, timeout=600, check=False, **kwargs
    )
    assert done.returncode == 0, f"{args} exited {done.returncode}:\n{done.stdout}\n{done.stderr}"
    return done


def _pins(group: str) -> list[Requirement]:
    """The requirements of a dependency group, its included groups' among them."""
    out: list[Requirement] = []
    for entry in GROUPS[group]:
        if isinstance(entry, dict):
            out += _pins(entry["include-group"])
        else:
            out.append(Requirement(entry))
    return out


def _block(language: str, after: str = "") -> str:
    """The first fenced block of this language in the README after the given text."""
    start = README.index(after) if after else 0
    found = re.search(rf"^```{language}\n(.*?)^```$", README[start:], re.S | re.M)
    assert found, f"no ```{language} block in README.md after {after!r}"
    return found.group(1)


# -- The sdist and the wheel ------------------------------------------------------------------


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The sdist and the wheel, built from this tree by hatchling (no build isolation)."""
    pytest.importorskip("hatchling", reason="building needs hatchling, of the test group")
    out = tmp_path_factory.mktemp("dist")
    code = (
        "import sys\n"
        "from hatchling.build import build_sdist, build_wheel\n"
        "print(build_sdist(sys.argv[1]))\n"
        "print(build_wheel(sys.argv[1]))\n"
    )
    done = _run(sys.executable, "-c", code, out, cwd=ROOT)
    sdist, wheel = done.stdout.split()[-2:]
    return out / sdist, out / wheel


def test_the_wheel_holds_the_package_and_its_metadata_only(built: tuple[Path, Path]) -> None:
    with zipfile.ZipFile(built[1]) as archive:
        names = set(archive.namelist())
    package = {n for n in names if n.startswith("neighborparty/")}
    assert names - package == {
        f"{DIST_INFO}/{n}"
        for n in ("METADATA", "WHEEL", "RECORD", "entry_points.txt", "licenses/LICENSE")
    }
    source = ROOT / "src"
    assert package == {
        p.relative_to(source).as_posix()
        for p in (source / "neighborparty").rglob("*")
        if p.is_file() and "__pycache__" not in p.parts
    }
    assert "neighborparty/py.typed" in package
    assert not [n for n in names if n.endswith((".md", ".pyc")) or "/tests/" in n]


def test_the_wheel_metadata(built: tuple[Path, Path]) -> None:
    with zipfile.ZipFile(built[1]) as archive:
        metadata = email.parser.Parser().parsestr(archive.read(f"{DIST_INFO}/METADATA").decode())
    assert metadata["License-Expression"] == "MIT"
    assert metadata.get_all("License-File") == ["LICENSE"]
    assert not [c for c in metadata.get_all("Classifier", []) if c.startswith("License ::")]
    assert sorted(metadata.get_all("Provides-Extra", [])) == ["dask", "pandas", "plot", "testing"]
    requires = [Requirement(r) for r in metadata.get_all("Requires-Dist", [])]
    assert sorted(r.name for r in requires if r.marker is None) == ["attrs", "cattrs", "networkx"]
    urls = dict(u.split(", ", 1) for u in metadata.get_all("Project-URL", []))
    assert sorted(urls) == ["Changelog", "Documentation", "Homepage", "Issues", "Source"]
    assert all(u.startswith("https://") for u in urls.values())


def _unpack(sdist: Path, into: Path) -> Path:
    with tarfile.open(sdist) as archive:
        if hasattr(tarfile, "data_filter"):
            archive.extractall(into, filter="data")
        else:  # a Python before the filters (3.11.0 to 3.11.3)
            archive.extractall(into)
    return into / NAME


def test_the_sdist_holds_every_tracked_file_the_tests_and_tools_need(
    built: tuple[Path, Path], tmp_path: Path
) -> None:
    root = _unpack(built[0], tmp_path)
    held = {p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file()}
    include = [
        p.lstrip("/") for p in PYPROJECT["tool"]["hatch"]["build"]["targets"]["sdist"]["include"]
    ]
    assert {"conftest.py", "Makefile", "CONTRIBUTING.md", "SECURITY.md"} <= set(include)
    assert {"PKG-INFO", "pyproject.toml", "src/neighborparty/py.typed", "tests/conftest.py"} <= held
    tracked = subprocess.run(
        ["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, check=False
    )
    if tracked.returncode == 0:  # a git checkout: every tracked file the include names is there
        wanted = {f for f in tracked.stdout.splitlines() if f.split("/")[0] in include}
        assert wanted - held == set()
    assert not [f for f in held if f.startswith((".venv", ".git/", "dist/", "docs/_build/"))]


def test_the_tests_run_from_the_unpacked_sdist(built: tuple[Path, Path], tmp_path: Path) -> None:
    root = _unpack(built[0], tmp_path)
    # The unpacked source, not the installed one, and Hypothesis's everyday profile.
    env = {k: v for k, v in os.environ.items() if k not in {"CI", "PYTHONPATH"}}
    env["PYTHONPATH"] = str(root / "src")
    where = _run(
        sys.executable, "-c", "import neighborparty; print(neighborparty.__file__)", env=env
    )
    assert Path(where.stdout.strip()).is_relative_to(root / "src")
    # The plot tests draw more than 20 figures: they pass only with the root conftest.py.
    tests = ["tests/model", "tests/plot"] if _importable("matplotlib") else ["tests/model"]
    _run(
        sys.executable,
        "-m",
        "pytest",
        "-q",
        "-x",
        "-p",
        "no:cacheprovider",
        *tests,
        cwd=root,
        env=env,
    )


def _importable(name: str) -> bool:
    try:
        importlib.metadata.distribution(name)
    except importlib.metadata.PackageNotFoundError:
        return False
    return True


@pytest.mark.network
def test_the_wheel_alone_runs_the_readme_first_example(
    built: tuple[Path, Path], tmp_path: Path
) -> None:
    if os.environ.get("NP_OFFLINE"):
        pytest.skip("NP_OFFLINE is set: installing the wheel fetches its dependencies from PyPI")
    env = tmp_path / "env"
    _run(sys.executable, "-m", "venv", "--without-pip", env)
    python = env / ("Scripts" if os.name == "nt" else "bin") / "python"
    constraints = tmp_path / "constraints.txt"
    constraints.write_text("\n".join(str(r) for r in _pins("runtime")) + "\n", encoding="utf-8")
    # This environment's pip installs into the new one; attrs, cattrs and networkx come from
    # PyPI at the versions of the runtime group (set NP_OFFLINE=1 to skip this test offline).
    _run(
        sys.executable,
        "-m",
        "pip",
        "--python",
        python,
        "install",
        "--quiet",
        "--disable-pip-version-check",
        "--constraint",
        constraints,
        built[1],
    )
    clean = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    names = _run(
        python,
        "-c",
        "import importlib.metadata as m; print(*(d.metadata['Name'] for d in m.distributions()))",
        cwd=tmp_path,
        env=clean,
    ).stdout.split()
    installed = {canonicalize_name(n) for n in names}
    runtime = {canonicalize_name(r.name) for r in _pins("runtime")}
    assert (
        {"attrs", "cattrs", "networkx", "neighborparty"} <= installed <= runtime | {"neighborparty"}
    )
    example = tmp_path / "first-example.txt"
    example.write_text(_block("pycon"), encoding="utf-8")
    _run(
        python,
        "-m",
        "doctest",
        "-o",
        "ELLIPSIS",
        "-o",
        "NORMALIZE_WHITESPACE",
        example,
        cwd=tmp_path,
        env=clean,
    )
    where = _run(
        python, "-c", "import neighborparty; print(neighborparty.__file__)", cwd=tmp_path, env=clean
    )
    assert Path(where.stdout.strip()).is_relative_to(env)
    script = env / ("Scripts" if os.name == "nt" else "bin") / "neighborparty"
    assert _run(script, "rules", "NP102", cwd=tmp_path, env=clean).stdout.startswith("NP102 ")


# -- The README ---------------------------------------------------------------------------------


def test_every_readme_link_is_absolute_and_leads_somewhere() -> None:
    links = re.findall(r"\]\(([^)\s]+)\)", README)
    assert len(links) > 10
    for link in links:
        assert link.startswith("https://"), f"{link}: PyPI shows README.md away from the repository"
        if link.startswith(DOCS):
            page = link.removeprefix(DOCS).split("#")[0] or "index.html"
            assert page.endswith(".html"), link
            assert (ROOT / "docs" / page.removesuffix(".html")).with_suffix(".md").is_file(), link
        elif link.startswith(SOURCE):
            assert (ROOT / link.removeprefix(SOURCE).split("#")[0]).exists(), link


def test_the_readme_tells_how_to_install_near_the_top() -> None:
    top = README[:2000]
    assert "pip install neighborparty\n" in top
    for extra in ("pandas", "plot", "testing"):
        assert f'pip install "neighborparty[{extra}]"' in top


def test_the_readme_commands_run_and_print_what_it_shows(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    printed: dict[str, str] = {}
    for line in _block("sh", "## On the command line").splitlines():
        if not line.strip():
            continue
        words = shlex.split(line.split("#")[0])
        to = words[words.index(">") + 1] if ">" in words else None
        words = words[: words.index(">")] if to else words
        assert words[0] == "neighborparty", line
        code = main(words[1:])
        out, err = capsys.readouterr()
        assert code in {0, 1}, f"{line}: exit {code}\n{err}"
        if to:
            Path(to).write_text(out, encoding="utf-8")
        printed[shlex.join(words[1:])] = out
    compared = next(out for command, out in printed.items() if command.startswith("compare"))
    assert re.match(r"[1-9]\d* subjects changed", compared), compared
    shown = _block("text", "## On the command line").splitlines()
    assert shown[0].startswith("$ neighborparty ")
    main(shlex.split(shown[0].removeprefix("$ neighborparty ")))
    assert capsys.readouterr().out.splitlines() == shown[1:]


# -- The development pins -----------------------------------------------------------------------

# Every Python the package supports, at each boundary the pins' markers draw.
PYTHONS = sorted(
    {Version(f"{v}.0") for v in SUPPORTED}
    | {Version(f"{v}.99") for v in SUPPORTED}
    | {
        Version(v)
        for entries in GROUPS.values()
        for e in entries
        if isinstance(e, str)
        for v in re.findall(r"python_full_version\s*[<>=!]+\s*'([\d.]+)'", e)
    }
)


def _applies(pin: Requirement, python: Version, platform: str = "linux") -> bool:
    if pin.marker is None:
        return True
    environment: dict[str, str] = {
        **default_environment(),
        "python_full_version": str(python),
        "python_version": f"{python.major}.{python.minor}",
        "sys_platform": platform,
        "implementation_name": "cpython",
        "platform_python_implementation": "CPython",
    }
    return pin.marker.evaluate(environment)


def test_every_pin_is_exact() -> None:
    for group in GROUPS:
        for pin in _pins(group):
            specifiers = list(pin.specifier)
            assert len(specifiers) == 1, pin
            assert specifiers[0].operator == "==", pin
            assert "*" not in specifiers[0].version, pin


def test_groups_pin_a_package_alike() -> None:
    seen: dict[str, dict[str, set[str]]] = defaultdict(dict)
    for group in GROUPS:
        by_name: dict[str, set[str]] = defaultdict(set)
        for pin in _pins(group):
            by_name[canonicalize_name(pin.name)].add(str(pin))
        for name, pins in by_name.items():
            seen[name][group] = pins
    for name, groups in seen.items():
        assert len({frozenset(p) for p in groups.values()}) == 1, f"{name} differs: {groups}"


@pytest.mark.parametrize("platform", ["linux", "darwin", "win32"])
def test_one_pin_of_each_package_applies_on_every_supported_python(platform: str) -> None:
    by_name: dict[str, list[Requirement]] = defaultdict(list)
    for pin in _pins("dev"):
        if str(pin) not in {str(p) for p in by_name[canonicalize_name(pin.name)]}:
            by_name[canonicalize_name(pin.name)].append(pin)
    for python in PYTHONS:
        for name, pins in by_name.items():
            applying = [p for p in pins if _applies(p, python, platform)]
            assert len(applying) <= 1, f"{name} on Python {python}: {applying}"
            if len(pins) > 1:  # pinned by Python version: one pin for each
                assert applying, f"{name} has no pin for Python {python}"


def test_the_pins_meet_the_package_requirements() -> None:
    project = PYPROJECT["project"]
    wanted = [Requirement(r) for r in project["dependencies"]]
    wanted += [Requirement(r) for extra in project["optional-dependencies"].values() for r in extra]
    pins = _pins("dev")
    for requirement in wanted:
        versions = [
            next(iter(p.specifier)).version
            for p in pins
            if canonicalize_name(p.name) == canonicalize_name(requirement.name)
        ]
        assert versions, f"{requirement.name} has no pin"
        for version in versions:
            assert requirement.specifier.contains(version), f"{requirement} excludes {version}"
    assert {canonicalize_name(p.name) for p in _pins("runtime")} >= {
        canonicalize_name(r.name) for r in wanted[: len(project["dependencies"])]
    }


def test_the_supported_pythons_and_the_pip_agree_everywhere() -> None:
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    supported = re.search(r"^SUPPORTED := (.*)$", makefile, re.M)
    pip = re.search(r"^PIP_VERSION := (.*)$", makefile, re.M)
    assert supported
    assert pip
    assert supported.group(1).split() == SUPPORTED == ["3.11", "3.12", "3.13"]
    assert PYPROJECT["project"]["requires-python"] == f">={SUPPORTED[0]}"
    readthedocs = (ROOT / ".readthedocs.yaml").read_text(encoding="utf-8")
    assert f"pip install pip=={pip.group(1)}\n" in readthedocs
    assert "pip install --group docs\n" in readthedocs


def _in_our_environment() -> bool:
    prefix = Path(sys.prefix).resolve()
    return sys.prefix != sys.base_prefix and prefix.is_relative_to(ROOT.resolve())


@pytest.mark.skipif(not _in_our_environment(), reason="checks the environment the Makefile makes")
def test_the_environment_holds_the_pins_and_they_hold_their_requirements() -> None:
    python = Version(".".join(map(str, sys.version_info[:3])))
    platform = sys.platform
    pins = {canonicalize_name(p.name): p for p in _pins("dev") if _applies(p, python, platform)}
    for name, pin in pins.items():
        try:
            dist = importlib.metadata.distribution(name)
        except importlib.metadata.PackageNotFoundError:
            pytest.fail(f"{pin} is not installed: run make clean, then make test")
        assert pin.specifier.contains(dist.version), (
            f"{name} {dist.version} is installed, not {pin}"
        )
        requires_python = dist.metadata.get("Requires-Python")
        for other in PYTHONS:  # the pin installs on every Python it is meant for
            if requires_python and _applies(pin, other, platform):
                assert SpecifierSet(requires_python).contains(other), (
                    f"{pin} needs Python {requires_python}: give Python {other} an older release"
                )
        for needed in map(Requirement, dist.requires or []):
            if needed.marker is None or needed.marker.evaluate({"extra": ""}):
                assert canonicalize_name(needed.name) in pins, f"{name} needs {needed}: pin it"

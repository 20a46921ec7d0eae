"""``neighborparty pseudonymize``: a shareable document, and bad keys refused."""

from __future__ import annotations

from pathlib import Path

from neighborparty import check, examples, from_json
from neighborparty.privacy import pseudonymize

from . import run


def test_the_document_is_the_library_pseudonymised(seed_file: Path, tmp_path: Path) -> None:
    key = tmp_path / "k"
    key.write_bytes(b"secret\n")
    done = run("pseudonymize", str(seed_file), "--key-file", str(key))
    assert done.returncode == 0, done.stderr
    shared = from_json(done.stdout)
    assert shared == pseudonymize(examples.seed_city(), b"secret\n")
    assert check(shared).counts() == check(examples.seed_city()).counts()
    for person in examples.seed_city().people:
        assert f'"{person.id}"' not in done.stdout
        assert person.name not in done.stdout


def test_a_missing_or_empty_key_file_is_a_usage_error(seed_file: Path, tmp_path: Path) -> None:
    done = run("pseudonymize", str(seed_file), "--key-file", str(tmp_path / "nowhere"))
    assert done.returncode == 2
    assert "cannot read" in done.stderr
    assert "Traceback" not in done.stderr
    empty = tmp_path / "empty"
    empty.write_bytes(b"\n")
    done = run("pseudonymize", str(seed_file), "--key-file", str(empty))
    assert (done.returncode, done.stderr.strip().splitlines()[-1]) == (
        2,
        f"neighborparty pseudonymize: {empty}: the key file is empty",
    )
    done = run("pseudonymize", str(seed_file))
    assert done.returncode == 2
    assert "--key-file" in done.stderr

"""A city document for the commands to read, written once to a temporary directory."""

from pathlib import Path

import pytest

from neighborparty import examples, to_json


@pytest.fixture(scope="module")
def seed_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("docs") / "seed.json"
    path.write_text(to_json(examples.seed_city()), encoding="utf-8")
    return path

"""``neighborparty schema``: the JSON Schema of the city document, which the documents ``synth``
writes are valid under."""

import json

import jsonschema

from neighborparty.convert import json_schema
from tests.cli import run


def test_schema_prints_the_schema_compact_on_one_line() -> None:
    result = run("schema")
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    assert result.stdout.endswith("}\n")
    assert result.stdout.count("\n") == 1
    assert json.loads(result.stdout) == json_schema()


def test_schema_indents_on_request() -> None:
    result = run("schema", "--indent", "2")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(
        '{\n  "$schema": "https://json-schema.org/draft/2020-12/schema",\n'
    )
    assert json.loads(result.stdout) == json_schema()
    assert "楼栋" in result.stdout  # the descriptions' characters as they are, not escapes


def test_a_synthetic_document_is_valid_under_the_printed_schema() -> None:
    schema = json.loads(run("schema").stdout)
    doc = json.loads(run("synth", "--seed", "3", "--scale", "0.01").stdout)
    jsonschema.Draft202012Validator(schema).validate(doc)
    doc["compounds"][0]["households"] = -1
    assert not jsonschema.Draft202012Validator(schema).is_valid(doc)


def test_schema_describes_itself_and_its_option() -> None:
    result = run("schema", "--help")
    assert result.returncode == 0
    text = " ".join(result.stdout.split())
    assert "Write the JSON Schema (Draft 2020-12) of the city document" in text
    assert (
        "--indent INDENT indent the JSON by this many spaces (default: compact, on one line)"
        in text
    )
    listed = run("--help").stdout
    assert "schema write the JSON Schema of city documents to stdout" in " ".join(listed.split())


def test_an_indent_that_is_not_a_number_is_a_usage_error() -> None:
    result = run("schema", "--indent", "two")
    assert result.returncode == 2
    assert result.stdout == ""
    assert "argument --indent: invalid int value: 'two'" in result.stderr

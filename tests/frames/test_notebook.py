"""The notebook of the tutorials (``docs/tutorials/notebook.ipynb``), run headless: every cell
runs without error, the plot cell draws an image and the tables show as tables.

It runs in a ``python3`` kernel (ipykernel, in this environment) through nbclient; without
nbclient it is skipped.
"""

import os
from pathlib import Path
from typing import Any

import pytest

nbclient = pytest.importorskip(
    "nbclient", reason="running the notebook needs nbclient (and nbformat, ipykernel)"
)
nbformat = pytest.importorskip("nbformat")

NOTEBOOK = Path(__file__).resolve().parents[2] / "docs" / "tutorials" / "notebook.ipynb"
TIMEOUT = 120
"""Seconds a cell may take before the run fails."""


@pytest.fixture(scope="module")
def ran(tmp_path_factory: pytest.TempPathFactory) -> Any:
    """The notebook after a run, its outputs filled in (the file itself is left as it is)."""
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    client = nbclient.NotebookClient(
        notebook,
        kernel_name="python3",
        timeout=TIMEOUT,
        allow_errors=True,
        resources={"metadata": {"path": str(tmp_path_factory.mktemp("notebook"))}},
    )
    # The kernel starts as a notebook server would start it, with matplotlib's inline backend:
    # not with the off-screen one the suite chooses for itself (MPLBACKEND=Agg).
    env = {key: value for key, value in os.environ.items() if key != "MPLBACKEND"}
    client.execute(env=env)
    return notebook


def _code(notebook: Any) -> list[Any]:
    return [cell for cell in notebook.cells if cell.cell_type == "code"]


def _cell(notebook: Any, text: str) -> Any:
    [cell] = [cell for cell in _code(notebook) if text in cell.source]
    return cell


def test_the_notebook_is_kept_without_outputs() -> None:
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    nbformat.validate(notebook)
    assert notebook.metadata.kernelspec.name == "python3"
    for cell in _code(notebook):
        assert cell.outputs == []
        assert cell.execution_count is None


def test_every_cell_runs_without_error(ran: Any) -> None:
    for number, cell in enumerate(_code(ran), start=1):
        errors = [out for out in cell.outputs if out.output_type == "error"]
        assert not errors, f"code cell {number} failed: {errors[0].ename}: {errors[0].evalue}"
        assert cell.execution_count == number


def test_the_plot_cell_draws_an_image(ran: Any) -> None:
    cell = _cell(ran, "plot.coverage(")
    images = [out for out in cell.outputs if "image/png" in out.get("data", {})]
    assert len(images) == 1
    assert images[0].data["image/png"]  # base64 PNG, not empty


def test_the_city_the_check_and_the_tables_show(ran: Any) -> None:
    def shown(cell: Any, kind: str) -> str:
        return "".join(out.get("data", {}).get(kind, "") for out in cell.outputs)

    assert "xm-synth-2020" in shown(_cell(ran, "synth.city("), "text/html")
    summary = "".join(out.get("text", "") for out in _cell(ran, "summary()").outputs)
    assert summary.startswith("Check of 厦门")
    assert "<table" in shown(_cell(ran, 'tables["compounds"]'), "text/html")
    assert "severity" in shown(_cell(ran, "report.to_pandas()"), "text/html")

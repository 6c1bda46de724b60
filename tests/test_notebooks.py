"""Every notebook in notebooks/ is stored without outputs and runs without an error."""

from __future__ import annotations

import re
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

NOTEBOOKS = sorted((Path(__file__).resolve().parent.parent / "notebooks").glob("*.ipynb"))


def test_there_are_notebooks() -> None:
    assert NOTEBOOKS
    names = {p.name for p in NOTEBOOKS}
    assert {"01-quickstart.ipynb", "02-alignment-analysis.ipynb"} <= names


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.name for p in NOTEBOOKS])
def test_notebook_is_stored_without_outputs(path: Path) -> None:
    notebook = nbformat.read(path, as_version=4)
    nbformat.validate(notebook)
    assert notebook.nbformat == 4
    for cell in notebook.cells:
        assert cell.get("id"), "every cell keeps its id"
        if cell.cell_type == "code":
            assert cell.outputs == [], f"cell {cell.id} is stored with outputs"
            assert cell.execution_count is None, f"cell {cell.id} is stored with a count"


def _summary(notebook: nbformat.NotebookNode) -> dict[str, str]:
    """The executed notebook's last displayed value, a pandas Series, as label → value."""
    text = next(
        output["data"]["text/plain"]
        for cell in reversed(notebook.cells)
        if cell.cell_type == "code"
        for output in cell.get("outputs", [])
        if "data" in output
    )
    rows = (re.match(r"(.+?)\s{2,}(\S+)$", line) for line in text.splitlines())
    return {row[1]: row[2] for row in rows if row}


def _check_facts(name: str, notebook: nbformat.NotebookNode) -> None:
    """Facts a notebook's outputs must show, beyond running without an error."""
    if name == "02-alignment-analysis.ipynb":
        summary = _summary(notebook)
        assert int(summary["findings after"]) < int(summary["findings before"])
        assert int(summary["linkage findings after"]) < int(summary["linkage findings before"])
        assert int(summary["linkage findings after"]) <= 1  # only the level-skip warning


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.name for p in NOTEBOOKS])
def test_notebook_runs(path: Path, tmp_path: Path) -> None:
    notebook = nbformat.read(path, as_version=4)
    client = NotebookClient(
        notebook,
        kernel_name="python3",
        timeout=120,
        resources={"metadata": {"path": str(tmp_path)}},
    )
    client.execute()  # raises CellExecutionError, naming the cell, on any error
    errors = [
        output
        for cell in notebook.cells
        if cell.cell_type == "code"
        for output in cell.get("outputs", [])
        if output.get("output_type") == "error"
    ]
    assert not errors
    _check_facts(path.name, notebook)

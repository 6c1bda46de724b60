"""The generated docs match the code: docs/format.md is what docs/generate_format.py writes."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

import pytest

from cascade.schema import TABLES

DOCS = Path(__file__).resolve().parent.parent / "docs"


def _generator() -> ModuleType:
    spec = importlib.util.spec_from_file_location("generate_format", DOCS / "generate_format.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_format_reference_is_up_to_date() -> None:
    committed = (DOCS / "format.md").read_text(encoding="utf-8")
    assert committed == _generator().render(), (
        "docs/format.md is out of date: run python docs/generate_format.py"
    )


def test_format_reference_names_every_table_column_and_alias() -> None:
    text = _generator().render()
    for spec in TABLES.values():
        assert f"### {spec.name}" in text
        for alias in spec.aliases:
            assert f"`{alias}`" in text
        for column in spec.columns:
            assert f"| `{column.name}` |" in text
            for alias in column.aliases:
                assert f"`{alias}`" in text
    assert "`1.200.000`" in text  # the number-text rules
    assert "| `minimize` | `turun`" in text  # an enum value and its aliases


def test_check_mode_reports_drift(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    generator = _generator()
    stale = tmp_path / "format.md"
    stale.write_text("# stale\n", encoding="utf-8")
    monkeypatch.setattr(generator, "OUTPUT", stale)
    assert generator.main(["--check"]) == 1
    assert generator.main([]) == 0
    assert generator.main(["--check"]) == 0

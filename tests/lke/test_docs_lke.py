"""docs/lke.md shows what cascade.assess gives on the bundled examples."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import cascade
from cascade import lke

PAGE = Path(__file__).resolve().parents[2] / "docs" / "lke.md"


@pytest.fixture(scope="module")
def page() -> str:
    return PAGE.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def assessed() -> dict[str, lke.Assessment]:
    return {
        "load_example()": cascade.assess(cascade.load_example(), as_of=2024),
        'load_example("with-defects")': cascade.assess(
            cascade.load_example("with-defects"), as_of=2024
        ),
    }


def _blocks(page: str) -> list[str]:
    return re.findall(r"```text\n(.*?)```", page, flags=re.S)


def test_the_printed_summary_and_fixes_are_what_assess_prints(
    page: str, assessed: dict[str, lke.Assessment]
) -> None:
    printed = str(assessed['load_example("with-defects")']).splitlines()
    summary, fixes = _blocks(page)[:2]
    for block in (summary, fixes):
        lines = block.rstrip("\n").splitlines()
        start = printed.index(lines[0])
        assert printed[start : start + len(lines)] == lines


def test_the_examples_table_is_true(page: str, assessed: dict[str, lke.Assessment]) -> None:
    rows = {}
    for line in page.splitlines():
        cells = [c.strip() for c in line.strip("|").split("|")]
        if len(cells) == 6 and cells[0].startswith("`load_example("):
            rows[cells[0].strip("`")] = cells[1:]
    assert set(rows) == set(assessed)
    for name, a in assessed.items():
        expected = [
            f"{a.total(e)} ({'–'.join(a.predikat(e))})"
            for e in ("mean", "ladder", "strict-ladder")
        ]
        part = a.data_decided
        expected.append(f"{part.points:.2f}–{part.high:.2f} of {part.decided:.2f}")
        expected.append(str(len(a.fixes())))
        assert rows[name] == expected, name

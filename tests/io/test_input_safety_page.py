"""The examples of docs/input-safety.md run, and its limits are the code's."""

from __future__ import annotations

import doctest
import re
from pathlib import Path

import cascade.io._package as package
import cascade.io._sheet as sheet
from cascade._normalise import PROBLEMS_PER_COLUMN
from cascade.cli import LISTED_PROBLEMS

PAGE = Path(__file__).resolve().parents[2] / "docs" / "input-safety.md"


def test_the_examples_run() -> None:
    text = PAGE.read_text(encoding="utf-8")
    blocks = re.findall(r"```pycon\n(.*?)```", text, flags=re.DOTALL)
    assert blocks
    test = doctest.DocTestParser().get_doctest("\n".join(blocks), {}, PAGE.name, str(PAGE), 0)
    runner = doctest.DocTestRunner(optionflags=doctest.NORMALIZE_WHITESPACE | doctest.ELLIPSIS)
    runner.run(test)
    assert runner.failures == 0, f"{runner.failures} example(s) of {PAGE.name} failed"


def test_the_limits_are_the_codes() -> None:
    text = PAGE.read_text(encoding="utf-8")
    assert f"| parts in the archive | {package.MAX_PARTS:,} |" in text
    assert f"| one part, inflated | {package.MAX_PART_BYTES >> 30} GiB" in text
    assert f"| all parts, inflated | {package.MAX_TOTAL_BYTES >> 30} GiB |" in text
    assert f"or the styles, inflated | {package.MAX_METADATA_BYTES >> 20} MiB" in text
    assert f"part over {package.RATIO_FLOOR >> 20} MiB | {package.MAX_RATIO} " in text
    assert f"1 to {sheet.MAX_ROWS:,}" in text
    assert f"{sheet.MAX_CELLS // 1_000_000} million" in text
    assert f"more than {sheet.MAX_COLUMNS:,} columns" in text
    assert f"lists at most {PROBLEMS_PER_COLUMN} bad cells" in text
    assert f"at most {LISTED_PROBLEMS:,} on stderr" in text

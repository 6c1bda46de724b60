"""The examples of docs/achievement.md run and give what the page says."""

from __future__ import annotations

import doctest
import re
from pathlib import Path

import pandas as pd

PAGE = Path(__file__).resolve().parent.parent / "docs" / "achievement.md"


def test_the_examples_in_the_achievement_page_run() -> None:
    text = PAGE.read_text(encoding="utf-8")
    # The examples are ```pycon blocks; the fences are not part of the expected output.
    blocks = re.findall(r"```pycon\n(.*?)```", text, flags=re.DOTALL)
    assert len(blocks) >= 5
    parser = doctest.DocTestParser()
    test = parser.get_doctest("\n".join(blocks), {}, PAGE.name, str(PAGE), 0)
    runner = doctest.DocTestRunner(optionflags=doctest.NORMALIZE_WHITESPACE)
    with pd.option_context("display.width", 100):
        runner.run(test)
    assert runner.failures == 0, f"{runner.failures} example(s) of {PAGE.name} failed"

"""The bundled examples against the checker: nothing in the clean city, exactly the
documented defects in the other."""

from __future__ import annotations

from cascade.checks import check
from cascade.datasets import DEFECTS, load_example

#: Findings the with-defects city has besides its defects; each is explained in the
#: description of the defect that causes it.
SIDE_FINDINGS = {
    ("indicator-goal-mismatch", "BPBD-RHK1.1.2.1-I2"),  # the cycle is a self-loop
    ("orphan-goal", "BPBD-SK-TAKTIS"),  # the budget-orphan goal has no parent
    ("budget-on-non-program-goal", "DINSOS-P1"),  # the level-order goal holds a budget
    ("undefined-achievement", "KEC-CONTOH-RHK1.1.1.1-I1"),  # 12 against the zero target
}


def test_the_clean_city_has_no_findings() -> None:
    assert check(load_example()).findings == []


def test_with_defects_yields_exactly_its_documented_list() -> None:
    found = {(f.name, f.subject_id) for f in check(load_example("with-defects")).findings}
    assert found == {(d.check, d.subject_id) for d in DEFECTS} | SIDE_FINDINGS


def test_side_findings_are_documented() -> None:
    described = " ".join(d.description for d in DEFECTS)
    for name, subject in SIDE_FINDINGS:
        assert name in described
        assert subject in described


def test_the_docs_quote_the_with_defects_summary_as_it_is() -> None:
    import ast
    import re
    from pathlib import Path

    summary = check(load_example("with-defects")).summary()
    root = Path(__file__).resolve().parents[2]
    for page in ("README.md", "docs/checks.md"):
        text = (root / page).read_text(encoding="utf-8")
        quoted = re.search(r"report\.summary\(\)\s+# (\{.*\})", text)
        assert quoted is not None, page
        assert ast.literal_eval(quoted.group(1)) == summary, page

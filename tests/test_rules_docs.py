"""The rule catalogue: registry, docstrings and the generated docs agree."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path
from types import ModuleType

import pytest

from cascade.checks import CATALOGUE
from cascade.checks._rule import Rule

DOCS = Path(__file__).resolve().parent.parent / "docs"
SECTIONS = ("What it flags", "Why it matters", "Example", "How to fix")


def _generator() -> ModuleType:
    spec = importlib.util.spec_from_file_location("generate_rules", DOCS / "generate_rules.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_codes_and_names_are_unique_and_well_formed() -> None:
    codes = [r.code for r in CATALOGUE]
    names = [r.name for r in CATALOGUE]
    assert len(set(codes)) == len(codes)
    assert len(set(names)) == len(names)
    assert codes == sorted(codes)
    for rule in CATALOGUE:
        assert re.fullmatch(r"CAS[1-9]\d\d", rule.code)
        assert re.fullmatch(r"[a-z]+(-[a-z]+)*", rule.name)


@pytest.mark.parametrize("rule", CATALOGUE, ids=lambda r: r.name)
def test_docstring_has_the_fixed_shape(rule: Rule) -> None:
    if rule.status == "removed":
        return
    sections = rule.sections()
    assert list(sections) == list(SECTIONS), rule.name
    assert all(sections[s] for s in SECTIONS), rule.name
    assert rule.summary
    assert not rule.summary.endswith(" ")


def test_domain_catalogue_is_covered() -> None:
    """Every check name of domain.md section 6 is a rule, with the severity it gives."""
    domain = {
        "duplicate-id": "error",
        "dangling-reference": "error",
        "cycle": "error",
        "orphan-goal": "error",
        "orphan-indicator": "error",
        "missing-indicator": "error",
        "missing-target": "error",
        "invalid-value": "error",
        "missing-metadata": "warning",
        "level-order": "error",
        "owner-misaligned": "error",
        "indicator-goal-mismatch": "error",
        "unit-mismatch": "error",
        "level-skip": "warning",
        "polarity-mismatch": "warning",
        "not-cascaded": "warning",
        "target-split-mismatch": "warning",
        "realisation-mismatch": "warning",
        "zero-target": "warning",
        "budget-orphan": "warning",
    }
    got = {r.name: r.severity.value for r in CATALOGUE}
    assert {name: got.get(name) for name in domain} == domain


def test_generated_docs_are_up_to_date() -> None:
    generator = _generator()
    for name, text in generator.pages().items():
        path = DOCS / "rules" / name
        assert path.exists(), f"docs/rules/{name} is missing: run python docs/generate_rules.py"
        assert path.read_text(encoding="utf-8") == text, (
            f"docs/rules/{name} is out of date: run python docs/generate_rules.py"
        )
    extra = {p.name for p in (DOCS / "rules").glob("*.md")} - set(generator.pages())
    assert not extra, f"docs/rules has pages for no rule: {sorted(extra)}"


def test_check_mode_reports_drift(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    generator = _generator()
    monkeypatch.setattr(generator, "OUTPUT", tmp_path)
    (tmp_path / "stale-rule.md").write_text("# gone\n", encoding="utf-8")
    assert generator.main(["--check"]) == 1
    assert generator.main([]) == 0
    assert not (tmp_path / "stale-rule.md").exists()
    assert generator.main(["--check"]) == 0


def test_category_and_family_names_never_coincide() -> None:
    """A selector such as `alignment` must mean one thing."""
    categories = {r.category.value for r in CATALOGUE}
    families = {r.family for r in CATALOGUE}
    assert categories.isdisjoint(families)

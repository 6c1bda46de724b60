"""Generate docs/rules/: one page per rule of the catalogue, and an index, from the registry.

Each page is rendered from the rule itself: its code, name, severity, category, family,
status and version from the ``@rule`` declaration, and its text from the function's docstring
(What it flags / Why it matters / Example / How to fix). ``tests/test_rules_docs.py``
regenerates the pages and fails when the committed files differ or a page is missing or
stale, so the docs never drift from the registry.

Usage (from the repository root)::

    python docs/generate_rules.py          # rewrite docs/rules/
    python docs/generate_rules.py --check  # exit 1 if docs/rules/ is out of date
"""

from __future__ import annotations

import sys
from pathlib import Path

from cascade.checks import CATALOGUE, Rule

OUTPUT = Path(__file__).with_name("rules")
SECTIONS = ("What it flags", "Why it matters", "Example", "How to fix")


def _md(text: str) -> str:
    return text.replace("``", "`")


def render_rule(rule: Rule) -> str:
    """The Markdown page of one rule."""
    lines = [
        f"# {rule.name} ({rule.code})",
        "",
        f"{_md(rule.summary)}",
        "",
        "| code | name | severity | category | family | status | since |",
        "|---|---|---|---|---|---|---|",
        (
            f"| `{rule.code}` | `{rule.name}` | {rule.severity} | {rule.category} | {rule.family} "
            f"| {rule.status} | {rule.since} |"
        ),
        "",
    ]
    sections = rule.sections()
    for heading in SECTIONS:
        if heading in sections:
            lines += [f"## {heading}", "", _md(sections[heading]), ""]
    lines += [
        "## Selecting it",
        "",
        (
            f"`cascade check PATH --select {rule.name}` runs only this rule; "
            f"`--ignore {rule.code}` skips it. In a policy: "
            f'`severity = {{ {rule.name} = "info" }}` changes its severity.'
        ),
        "",
        "[All rules](index.md)",
        "",
    ]
    return "\n".join(lines)


def render_index() -> str:
    """The catalogue page: every rule with its code, severity, category and summary."""
    lines = [
        "# Rule catalogue",
        "",
        (
            "Every consistency check `cascade check` runs, generated from the registry "
            "(`src/cascade/checks/catalogue.py`). Codes are never reused; names are the contract "
            "other tools key on. Select or ignore rules by name, code, code prefix (`CAS2`), "
            "category or family."
        ),
        "",
        "| code | name | severity | category | what it flags |",
        "|---|---|---|---|---|",
    ]
    for rule in CATALOGUE:
        status = "" if rule.status == "stable" else f" ({rule.status})"
        lines.append(
            f"| `{rule.code}` | [{rule.name}]({rule.name}.md){status} | {rule.severity} "
            f"| {rule.category} | {_md(rule.summary)} |"
        )
    lines.append("")
    return "\n".join(lines)


def pages() -> dict[str, str]:
    """File name → content of every generated page."""
    out = {"index.md": render_index()}
    for rule in CATALOGUE:
        out[f"{rule.name}.md"] = render_rule(rule)
    return out


def main(argv: list[str] | None = None) -> int:
    """Write the pages, or with ``--check`` report whether they are up to date."""
    args = sys.argv[1:] if argv is None else argv
    wanted = pages()
    existing = {p.name: p.read_text(encoding="utf-8") for p in OUTPUT.glob("*.md")}
    if "--check" in args:
        stale = sorted(
            name
            for name in wanted.keys() | existing.keys()
            if wanted.get(name) != existing.get(name)
        )
        if stale:
            print(
                f"docs/rules is out of date ({', '.join(stale)}): "
                "run python docs/generate_rules.py"
            )
            return 1
        return 0
    OUTPUT.mkdir(exist_ok=True)
    for name in existing.keys() - wanted.keys():
        (OUTPUT / name).unlink()
    for name, text in wanted.items():
        (OUTPUT / name).write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Notebook HTML: ``_repr_html_`` of Cascade, Report, Results and Explanation, and the colours."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import numpy as np
import pandas as pd
import pytest

import cascade
from cascade import _html
from cascade._html import (
    RAMP,
    SEVERITY_COLOURS,
    category_colours,
    render_explanation,
    render_report,
    render_results,
)
from cascade.checks import COLUMNS, Report
from cascade.model import Cascade
from cascade.scales import LKJIP, SAKIP_GRADE, Band, Scale

SCRIPT = "<script>alert(1)</script>"
ESCAPED = "&lt;script&gt;alert(1)&lt;/script&gt;"
NNBSP = "\u202f"  # thousands separator of format_count

TRAFFIC = Scale(
    name="traffic",
    bands=(Band(label="hijau", minimum=100), Band(label="kuning", minimum=80)),
    below="merah",
)


class _Checker(HTMLParser):
    """Balanced tags, no script, no external resource, every class prefixed ``cascade-``."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.tags: list[str] = []
        self.problems: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        if tag in {"script", "link", "img", "iframe", "object", "embed"}:
            self.problems.append(f"<{tag}>")
        for name, value in attrs:
            if name.startswith("on") or name in {"src", "href"}:
                self.problems.append(f"attribute {name}")
            if name == "class":
                for cls in (value or "").split():
                    if not cls.startswith("cascade-"):
                        self.problems.append(f"class {cls}")
        self.stack.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.problems.append(f"self-closing <{tag}/>")

    def handle_endtag(self, tag: str) -> None:
        if not self.stack or self.stack[-1] != tag:
            self.problems.append(f"</{tag}> closes {self.stack[-1:] or 'nothing'}")
            return
        self.stack.pop()


def well_formed(text: str, *, document: bool = True) -> _Checker:
    assert isinstance(text, str)
    checker = _Checker()
    checker.feed(text)
    checker.close()
    assert checker.problems == []
    assert checker.stack == []
    if document:
        assert text.startswith('<div class="cascade-repr"><style>')
        assert text.endswith("</div>")
    lowered = text.lower()
    for external in ("http:", "https:", "url(", "@import", "javascript:"):
        assert external not in lowered
    return checker


def rows(text: str) -> int:
    return text.count("<tr")


@pytest.fixture(scope="module")
def city() -> Cascade:
    return cascade.load_example()


@pytest.fixture(scope="module")
def results(city: Cascade) -> cascade.Results:
    return cascade.propagate(city, as_of="2024")


def _with_name(unit_id: str, name: str) -> Cascade:
    tables = cascade.load_example().tables
    units = tables["units"]
    units.loc[units["unit_id"] == unit_id, "name"] = name
    return Cascade(**tables)


# --------------------------------------------------------------------------- colours


def test_lkjip_categories_take_the_ramp_anchors() -> None:
    colours = category_colours(LKJIP)
    assert list(colours) == list(LKJIP.labels)  # worst first
    backgrounds = {label: bg for label, (bg, _) in colours.items()}
    assert backgrounds == dict(zip(LKJIP.labels, RAMP, strict=True))
    assert backgrounds["Sangat Baik"] == "#1b7837"  # dark green
    assert backgrounds["Sangat Kurang"] == "#d62728"  # red


def test_sakip_grades_run_from_red_to_dark_green() -> None:
    colours = category_colours(SAKIP_GRADE)
    assert list(colours) == ["D", "C", "CC", "B", "BB", "A", "AA"]
    assert colours["D"][0] == RAMP[0]
    assert colours["AA"][0] == RAMP[-1]
    assert colours["B"][0] == RAMP[2]  # the middle grade is the middle colour
    greens = [int(colours[g][0][3:5], 16) - int(colours[g][0][1:3], 16) for g in ("BB", "A", "AA")]
    assert all(g > 0 for g in greens)  # the good grades are green shades


def test_custom_scale_and_plain_labels() -> None:
    colours = category_colours(TRAFFIC)
    assert list(colours) == ["merah", "kuning", "hijau"]
    assert colours["merah"][0] == RAMP[0]
    assert colours["kuning"][0] == RAMP[2]
    assert colours["hijau"][0] == RAMP[-1]
    assert category_colours(["x", "y"]) == {"x": (RAMP[0], "#ffffff"), "y": (RAMP[-1], "#ffffff")}
    assert category_colours(["only"]) == {"only": (RAMP[-1], "#ffffff")}


def _contrast(a: str, b: str) -> float:
    la, lb = _html._luminance(a), _html._luminance(b)
    return (max(la, lb) + 0.05) / (min(la, lb) + 0.05)


def test_text_on_every_colour_is_readable() -> None:
    for position in np.linspace(0, 1, 201):
        background, text = _html.ramp_colour(float(position))
        assert re.fullmatch(r"#[0-9a-f]{6}", background)
        assert _contrast(background, text) >= 4.5
    for background, text in SEVERITY_COLOURS.values():
        assert _contrast(background, text) >= 4.5


def test_escape_and_numbers() -> None:
    assert _html.escape(SCRIPT) == ESCAPED
    assert _html.escape("\"a\" & 'b'") == "&quot;a&quot; &amp; &#x27;b&#x27;"
    assert _html.escape(None) == _html.escape(float("nan")) == _html.escape(pd.NA) == ""
    assert _html.format_number(96.58015) == "96.6"
    assert _html.format_number(float("nan")) == _html.format_number(None) == "—"
    assert _html.format_count(1_234_567) == f"1{NNBSP}234{NNBSP}567"


def test_table_escapes_cells_and_headers() -> None:
    text = _html.table(
        [SCRIPT], [[SCRIPT], [_html.Cell(SCRIPT, title=SCRIPT)], _html.Note(SCRIPT)]
    )
    well_formed(text, document=False)
    assert SCRIPT not in text
    assert text.count(ESCAPED) == 5


# --------------------------------------------------------------------------- Cascade


def test_cascade_summary(city: Cascade) -> None:
    text = city._repr_html_()
    well_formed(text)
    counts = city.counts()
    assert "Cascade: Pemerintah Kota Contoh" in text
    assert "164 units, 223 goals, 291 indicators" in text
    assert f"1{NNBSP}115 targets" in text
    assert f"1{NNBSP}023 realisations, 107 budgets" in text
    for level, n in counts["units_by_level"].items():
        assert f'<td>{level.replace("_", " ")}</td><td class="cascade-num">{n}</td>' in text
    assert '<td>rencana hasil kerja</td><td class="cascade-num">73</td>' in text
    assert "<th>key indicators (IKU)</th><td>42</td>" in text
    assert "2024, 2024Q1, 2024Q2, 2024Q3, 2024Q4" in text
    assert len(text) < 10_000


def test_cascade_escapes_names() -> None:
    text = _with_name("PEMKO", SCRIPT)._repr_html_()
    well_formed(text)
    assert SCRIPT not in text
    assert ESCAPED in text


def test_cascade_lists_unrecognised_levels_and_unspecified_kinds() -> None:
    c = Cascade(
        units=[{"unit_id": "A", "name": "Dinas", "level": "perangkat_daerah"}],
        goals=[{"goal_id": "G", "unit_id": "A", "statement": "S"}],
        indicators=[{"indicator_id": "I", "goal_id": "G", "name": "N", "measure_unit": "%"}],
    )
    text = c._repr_html_()
    well_formed(text)
    assert "Cascade</div>" in text  # no pemda: no name in the title
    assert '<td>pemda</td><td class="cascade-num">0</td>' in text
    assert '<td>unspecified</td><td class="cascade-num">1</td>' in text
    assert "<th>periods</th><td><span" in text  # "none"


# --------------------------------------------------------------------------- Report


def test_clean_report_says_so(city: Cascade) -> None:
    text = cascade.check(city)._repr_html_()
    well_formed(text)
    assert "No findings" in text
    assert "0 findings" in text
    assert "<th>rules run</th><td>30</td>" in text
    assert "<td>2024</td>" in text
    assert "cascade-plain" in text  # zero counts are not coloured


def test_report_with_defects() -> None:
    report = cascade.check(cascade.load_example("with-defects"))
    text = report._repr_html_()
    well_formed(text)
    summary = report.summary()
    assert f"{summary['error']} errors" in text
    assert f"{summary['warning']} warnings" in text
    assert f"{summary['info']} info" in text
    assert "errors found" in text
    for severity, (background, colour) in SEVERITY_COLOURS.items():
        cell = f'<td style="background:{background};color:{colour}">{severity}</td>'
        assert text.count(cell) == summary[severity]
    frame = report.to_frame()
    assert frame["code"].iloc[0] in text
    assert _html.escape(frame["message"].iloc[0]) in text
    assert "No findings" not in text
    assert "… and" not in text  # all shown: under the limit

    short = render_report(report, limit=5)
    well_formed(short)
    assert f"… and {summary['error'] - 5} more error findings" in short
    assert f"… and {summary['warning'] - 5} more warning findings" in short
    assert "more info findings" not in short


def _big_report(n: int) -> Report:
    i = np.arange(n)
    severity = np.where(i < n // 2, "error", np.where(i < n - 10, "warning", "info"))
    frame = pd.DataFrame(
        {
            "code": np.where(i % 2 == 0, "CAS101", "CAS102"),
            "name": np.where(i % 2 == 0, "duplicate-id", "dangling-reference"),
            "severity": severity,
            "category": "integrity",
            "subject_kind": "indicator",
            "subject_id": pd.Series(i).map("I{}".format),
            "owner_id": "DINAS",
            "period": "2024",
            "path": [()] * n,
            "message": SCRIPT,
            "hint": SCRIPT,
        },
        columns=COLUMNS,
    )
    frame = frame.astype({c: "str" for c in COLUMNS if c != "path"})
    return Report(frame, rules=["CAS101", "CAS102"], periods=["2024"])


def test_large_report_is_truncated_per_severity() -> None:
    report = _big_report(50_000)
    text = report._repr_html_()
    checker = well_formed(text)
    assert f"25{NNBSP}000 errors" in text
    assert f"24{NNBSP}990 warnings" in text
    assert "10 info" in text
    assert f"… and 24{NNBSP}980 more error findings" in text
    assert f"… and 24{NNBSP}970 more warning findings" in text
    assert "more info findings" not in text
    # per rule: CAS101 and CAS102 under each severity, counted
    assert f'<td class="cascade-num">12{NNBSP}500</td>' in text
    assert "<td>I0</td>" not in text  # subjects read "indicator I0"
    assert "<td>indicator I0</td>" in text
    assert "<td>indicator I25019</td>" in text  # the 20th warning
    assert "<td>indicator I25020</td>" not in text
    assert "<td>indicator I24999</td>" not in text
    assert checker.tags.count("tr") < 70
    assert len(text) < 60_000
    assert SCRIPT not in text
    assert ESCAPED in text


def test_report_per_rule_counts_match_the_report() -> None:
    report = _big_report(1_000)
    assert _html._rule_counts(report.to_frame()).equals(report.counts())
    defects = cascade.check(cascade.load_example("with-defects"))
    assert _html._rule_counts(defects.to_frame()).equals(defects.counts())


# --------------------------------------------------------------------------- Results


def test_results_show_the_city_and_the_agencies(results: cascade.Results) -> None:
    text = results._repr_html_()
    well_formed(text)
    dark_green = category_colours(LKJIP)["Sangat Baik"]
    figure = f'<td class="cascade-num" style="background:{dark_green[0]};color:{dark_green[1]}">'
    assert "Results 2024" in text
    assert f"<td>PEMKO</td><td>Pemerintah Kota Contoh</td>{figure}96.6</td>" in text
    assert "Sangat Baik" in text
    assert "291 with a figure, 0 missing" in text
    assert "0 errors" in text
    assert "Owners at level perangkat daerah (9), best first" in text
    agencies = results.owners[results.owners["level"] == "perangkat_daerah"]
    ranked = agencies.sort_values("achievement", ascending=False)["unit_id"].tolist()
    positions = [text.index(f"<td>{unit}</td>") for unit in ranked]
    assert positions == sorted(positions)  # best first
    assert "<td>BIDANG" not in text  # only one level of owners
    by_category = results.indicators["category"].value_counts()
    assert f"Sangat Baik {by_category['Sangat Baik']}" in text
    assert f"Cukup {by_category['Cukup']}" in text


def test_results_with_missing_figures_and_findings() -> None:
    results = cascade.propagate(cascade.load_example("with-defects"), as_of="2024")
    text = results._repr_html_()
    well_formed(text)
    missing = int(results.indicators["achievement"].isna().sum())
    assert missing > 0
    assert f"{len(results.indicators) - missing} with a figure, {missing} missing" in text
    assert f"no figure {missing}" in text
    warnings = results.findings.summary()["warning"]
    assert f"{warnings} warnings" in text


def test_results_truncate_the_owner_table(results: cascade.Results) -> None:
    text = render_results(results, limit=4)
    well_formed(text)
    assert "… 5 more in between" in text
    agencies = results.owners[results.owners["level"] == "perangkat_daerah"]
    ranked = agencies.sort_values("achievement", ascending=False)["unit_id"].tolist()
    for shown in (*ranked[:2], *ranked[-2:]):
        assert f"<td>{shown}</td>" in text
    for hidden in ranked[2:-2]:
        assert f"<td>{hidden}</td>" not in text


def test_results_escape_names() -> None:
    results = cascade.propagate(_with_name("DINKES", SCRIPT), as_of="2024")
    text = results._repr_html_()
    well_formed(text)
    assert SCRIPT not in text
    assert f"<td>DINKES</td><td>{ESCAPED}</td>" in text
    explained = results.explain("DINKES")._repr_html_()
    well_formed(explained)
    assert SCRIPT not in explained
    assert ESCAPED in explained


@pytest.mark.parametrize("scale", [TRAFFIC, SAKIP_GRADE], ids=["custom", "sakip"])
def test_results_colour_a_custom_scale(city: Cascade, scale: Scale) -> None:
    results = cascade.propagate(city, as_of="2024", policy={"scale": scale})
    text = results._repr_html_()
    well_formed(text)
    colours = category_colours(scale)
    city_row = results.city.iloc[0]
    background, colour = colours[str(city_row["category"])]
    cell = f'<td style="background:{background};color:{colour}">{city_row["category"]}</td>'
    assert cell in text
    for label in scale.labels:
        assert f'style="background:{colours[label][0]};color:{colours[label][1]}">{label} ' in text
    assert "Sangat Baik" not in text
    assert scale.describe().replace(">", "&gt;") in text


def test_results_without_a_pemda_show_the_top_level() -> None:
    c = Cascade(
        units=[
            {"unit_id": "A", "name": "Bidang", "level": "administrator"},
            {"unit_id": "B", "name": "Seksi", "parent_id": "A", "level": "pengawas"},
        ],
        goals=[
            {"goal_id": "G", "unit_id": "A", "statement": "S"},
            {"goal_id": "H", "unit_id": "B", "statement": "T", "parent_goal_id": "G"},
        ],
        indicators=[
            {"indicator_id": "I", "goal_id": "G", "name": "N", "measure_unit": "%"},
            {"indicator_id": "J", "goal_id": "H", "name": "M", "measure_unit": "%"},
        ],
        targets=[{"indicator_id": i, "period": "2024", "target": 100} for i in "IJ"],
        realisations=[{"indicator_id": "I", "period": "2024", "value": 80}],
    )
    text = cascade.propagate(c, as_of="2024")._repr_html_()
    well_formed(text)
    assert "Owners at level administrator (1)" in text
    assert "1 with a figure, 1 missing" in text


# --------------------------------------------------------------------------- Explanation


def test_explanation_of_an_owner(results: cascade.Results) -> None:
    why = results.explain("DINKES")
    text = why._repr_html_()
    checker = well_formed(text)
    assert "Unit DINKES (Dinas Kesehatan), 2024" in text
    assert ">99.1</span>" in text
    assert ">Sangat Baik</span>" in text
    assert _html.escape(why.how) in text
    assert f"Inputs ({len(why.inputs)})" in text
    assert "Pulling it down most" in text
    for goal in why.inputs["id"]:
        assert f"<td>{goal}</td>" in text
    for indicator in why.draggers(5)["id"]:
        assert f"<td>{indicator}</td>" in text
    assert checker.tags.count("span") >= len(why.inputs)
    top = f'<span style="width:100.0%;background:{SEVERITY_COLOURS["error"][0]}">'
    assert top in text  # the largest drag fills its bar
    assert f"background:{RAMP[-2]}" in text  # an input above 100 lifts the figure


def test_explanation_of_derived_realisation(results: cascade.Results) -> None:
    why = results.explain("PEMKO-SS4.1-I2")
    text = why._repr_html_()
    well_formed(text)
    assert "<th>value</th>" in text  # realisations, not achievements
    assert "Pulling it down most" not in text
    assert ">94.7</span>" in text
    assert "<td>DINKES-SS2-I1</td>" in text


def test_explanation_truncates_inputs(results: cascade.Results) -> None:
    why = results.explain("PEMKO")
    text = render_explanation(why, LKJIP, limit=3)
    well_formed(text)
    assert f"… and {len(why.inputs) - 3} more (see .inputs)" in text


def test_explanation_colours_by_the_policy_scale(city: Cascade) -> None:
    results = cascade.propagate(city, as_of="2024", policy={"scale": TRAFFIC})
    why = results.explain("PEMKO")
    text = why._repr_html_()
    well_formed(text)
    background, colour = category_colours(TRAFFIC)[str(why.category)]
    assert f'style="background:{background};color:{colour}">{why.category}</span>' in text
    assert render_explanation(why) != text  # without the scale: no colours for "hijau"


def test_explanation_without_a_figure() -> None:
    results = cascade.propagate(cascade.load_example("with-defects"), as_of="2024")
    missing = results.indicators.loc[results.indicators["achievement"].isna(), "indicator_id"]
    text = results.explain(str(missing.iloc[0]))._repr_html_()
    well_formed(text)
    assert "no figure" in text

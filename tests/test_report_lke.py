"""The LKE-readiness section of the performance report: sheets, page and options.

The sheets must hold the assessment's own figures (read back through :data:`LKE_HEADERS`),
the page must name the profile and the year and show ranges, and ``lke=False`` must leave
all of it out.
"""

from __future__ import annotations

import dataclasses
import inspect
import re
from pathlib import Path

import pandas as pd
import pytest

import cascade
from cascade._html import escape
from cascade.datasets import load_example
from cascade.errors import FileFormatError, UsageError
from cascade.lke import ESTIMATORS, FIX_COLUMNS, Assessment, finding_ids
from cascade.period import Period
from cascade.report import (
    DEFAULT_PROFILE,
    LKE_HEADERS,
    LKE_SHEETS,
    SHEETS,
    ReportBundle,
    build_report,
    write_report,
)
from cascade.report._lke import (
    ESTIMATOR_LABELS,
    LKE_CAVEAT,
    TOP_FIXES,
    _joined,
    lke_tables,
    render_lke,
)

AS_OF = "2024"

#: LKE sheet to the Assessment method whose frame it holds.
FRAMES = {
    "LKE Komponen": "components",
    "LKE Sub Komponen": "subcomponents",
    "LKE Kriteria": "criteria",
    "LKE Perbaikan": "fixes",
    "LKE Perangkat Daerah": "agencies",
}
#: The columns of tuples each frame has, joined with ", " in the sheets.
TUPLES = {"LKE Kriteria": ["evidence"], "LKE Perbaikan": ["rules", "findings"]}


@pytest.fixture(scope="module")
def city() -> cascade.Cascade:
    return load_example("with-defects")


@pytest.fixture(scope="module")
def bundle(city: cascade.Cascade) -> ReportBundle:
    return build_report(city, as_of=AS_OF)


@pytest.fixture(scope="module")
def assessment(bundle: ReportBundle) -> Assessment:
    assert bundle.assessment is not None
    return bundle.assessment


@pytest.fixture(scope="module")
def bare(city: cascade.Cascade) -> ReportBundle:
    return build_report(city, as_of=AS_OF, lke=False)


@pytest.fixture(scope="module")
def xlsx(bundle: ReportBundle, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return bundle.to_excel(tmp_path_factory.mktemp("lke") / "report.xlsx")


@pytest.fixture(scope="module")
def html(bundle: ReportBundle) -> str:
    return bundle.html(pictures=False)


def _facts(frame: pd.DataFrame) -> dict[str, object]:
    return dict(zip(frame["Keterangan"], frame["Nilai"], strict=True))


def _unjoined(frame: pd.DataFrame, sheet: str) -> pd.DataFrame:
    """A sheet read back in the assessment's column names, with its id lists as tuples."""
    out = frame.rename(columns={v: k for k, v in LKE_HEADERS[sheet].items()})
    for column in TUPLES.get(sheet, []):
        out[column] = [tuple(v.split(", ")) if v else () for v in out[column]]
    return out


# ----------------------------------------------------------------------------- the bundle


def test_the_lke_sheets_follow_the_base_sheets(bundle: ReportBundle) -> None:
    assert list(bundle.tables) == [*SHEETS, *LKE_SHEETS]
    assert all(len(name) <= 31 for name in LKE_SHEETS)
    assert not set(SHEETS) & set(LKE_SHEETS)
    assert bundle.assessment is not None
    assert (bundle.assessment.profile.name, bundle.assessment.year) == (DEFAULT_PROFILE, 2024)
    assert "LKE profile national-88-2021" in repr(bundle)


def test_default_profile_is_the_one_assess_uses() -> None:
    assert inspect.signature(cascade.assess).parameters["profile"].default == DEFAULT_PROFILE


@pytest.mark.parametrize("sheet", list(FRAMES))
def test_sheet_holds_the_assessment_frame(
    bundle: ReportBundle, assessment: Assessment, sheet: str
) -> None:
    expected = getattr(assessment, FRAMES[sheet])()
    # every column of the assessment has a header, and the headers are unique
    assert list(LKE_HEADERS[sheet]) == expected.columns.tolist()
    assert len(set(LKE_HEADERS[sheet].values())) == len(LKE_HEADERS[sheet])
    frame = bundle.tables[sheet]
    assert frame.columns.tolist() == list(LKE_HEADERS[sheet].values())
    assert len(frame) > 0
    got = _unjoined(frame, sheet)
    pd.testing.assert_frame_equal(got, expected, check_dtype=False)


def test_fixes_are_ranked_and_cite_findings_the_workbook_lists(bundle: ReportBundle) -> None:
    fixes = bundle.tables["LKE Perbaikan"]
    assert fixes["Peringkat"].tolist() == list(range(1, len(fixes) + 1))
    assert fixes["Poin"].is_monotonic_decreasing
    listed = set(bundle.tables["LKE Temuan"]["id"])
    cited = {i for text in fixes["ID Temuan"] for i in text.split(", ") if i}
    assert cited
    assert cited <= listed
    evidence = {
        i for t in bundle.tables["LKE Kriteria"]["Bukti (ID Temuan)"] for i in t.split(", ")
    }
    assert evidence - {""} <= listed


def test_findings_sheet_is_the_assessments_run(
    bundle: ReportBundle, assessment: Assessment
) -> None:
    frame = bundle.tables["LKE Temuan"]
    report = assessment.report.to_frame()
    assert frame.columns.tolist() == ["id", *report.columns]
    assert frame["id"].tolist() == finding_ids(report).tolist()
    assert len(frame) == len(assessment.report) > len(bundle.findings)
    # the evaluation rules (CAS5xx) run here, not in the Temuan sheet (default=False)
    assert frame["code"].str.startswith("CAS5").any()
    assert not bundle.tables["Temuan"]["code"].str.startswith("CAS5").any()


def test_overview_sheet_names_profile_year_ranges_and_caveat(
    bundle: ReportBundle, assessment: Assessment
) -> None:
    facts = _facts(bundle.tables["LKE Ringkasan"])
    assert facts["Profil LKE"] == "national-88-2021"
    assert facts["Judul Profil"] == assessment.profile.title
    assert facts["Tahun"] == 2024
    assert facts["Data per"] == "2024"
    for name in ESTIMATORS:
        label = ESTIMATOR_LABELS[name]
        total = assessment.total(name)
        assert facts[f"Nilai Akhir {label}, bawah"] == total.lo
        assert facts[f"Nilai Akhir {label}, atas"] == total.hi
        assert total.lo < total.hi  # unanswered criteria: a range, never one grade
        lo, hi = assessment.predikat(name)
        assert facts[f"Predikat {label}"] == f"{lo} s.d. {hi}"
    part = assessment.data_decided
    assert facts["Poin Ditentukan Data, bawah"] == part.points
    assert facts["Poin Ditentukan Data, atas"] == part.high
    assert facts["Bobot Kriteria Dijawab Data"] == part.decided
    assert facts["Bobot Kriteria Terikat Data"] == part.bound
    assert facts["Kedalaman Cascade"] == assessment.depth.depth
    assert facts["Predikat menurut Kedalaman"] == assessment.depth.ladder
    assert facts["Jumlah Perbaikan"] == len(assessment.fixes()) > 0
    assert facts["Catatan"] == LKE_CAVEAT
    assert "bukan nilai" in LKE_CAVEAT
    assert "Read the range, not a grade." in LKE_CAVEAT


def test_summary_sheet_gains_the_lke_range(
    bundle: ReportBundle, bare: ReportBundle, assessment: Assessment
) -> None:
    facts = _facts(bundle.tables["Ringkasan"])
    total = assessment.total("mean")
    lo, hi = assessment.predikat("mean")
    assert facts["Perkiraan Nilai LKE (rentang)"] == f"{total.lo:.2f} s.d. {total.hi:.2f}"
    assert facts["Perkiraan Predikat LKE (rentang)"] == f"{lo} s.d. {hi}"
    assert "national-88-2021" in str(facts["Dasar Perkiraan LKE"])
    assert "2024" in str(facts["Dasar Perkiraan LKE"])
    # the base rows are the report without the section, unchanged
    base = bundle.tables["Ringkasan"].head(len(bare.tables["Ringkasan"]))
    pd.testing.assert_frame_equal(base, bare.tables["Ringkasan"])


def test_lke_false_leaves_the_section_out(bare: ReportBundle) -> None:
    assert bare.assessment is None
    assert list(bare.tables) == list(SHEETS)
    assert not any("LKE" in str(label) for label in bare.tables["Ringkasan"]["Keterangan"])
    page = bare.html(pictures=False)
    assert 'id="lke"' not in page
    assert 'href="#lke"' not in page
    assert "Kesiapan LKE" not in page
    assert "LKE profile" not in repr(bare)


# ----------------------------------------------------------------------------- xlsx


def test_xlsx_has_the_lke_sheets_with_the_values(
    xlsx: Path, bundle: ReportBundle, assessment: Assessment
) -> None:
    book = pd.read_excel(xlsx, sheet_name=None)
    assert list(book) == [*SHEETS, *LKE_SHEETS]
    for sheet in FRAMES:
        frame = book[sheet]
        assert frame.columns.tolist() == list(LKE_HEADERS[sheet].values())
        assert len(frame) == len(bundle.tables[sheet]) > 0
    fixes = assessment.fixes()
    read = book["LKE Perbaikan"]
    assert read["Poin"].tolist() == pytest.approx(fixes["points"].tolist())
    assert read["Kode Kriteria"].tolist() == fixes["criterion"].tolist()
    assert read["ID Temuan"].tolist() == [", ".join(f) for f in fixes["findings"]]
    agencies = book["LKE Perangkat Daerah"]
    assert agencies["Poin Berisiko"].tolist() == pytest.approx(
        assessment.agencies()["points"].tolist()
    )
    components = book["LKE Komponen"]
    total = components[components["Kode"] == "total"].iloc[0]
    assert total["Rata-rata Bawah"] == pytest.approx(assessment.total("mean").lo)
    assert total["Jenjang Ketat Atas"] == pytest.approx(assessment.total("strict-ladder").hi)
    facts = _facts(book["LKE Ringkasan"])
    assert facts["Profil LKE"] == "national-88-2021"
    assert float(facts["Nilai Akhir Rata-rata (mean), atas"]) == pytest.approx(
        assessment.total("mean").hi
    )
    assert len(book["LKE Temuan"]) == len(assessment.report)


# ----------------------------------------------------------------------------- html


def test_html_has_the_section_with_ranges(html: str, assessment: Assessment) -> None:
    assert '<h2 id="lke">Kesiapan LKE</h2>' in html
    assert '<a href="#lke">Kesiapan LKE</a>' in html
    section = html[html.index('<h2 id="lke">') : html.index('<h2 id="tabel">')]
    assert "LKE readiness" in section
    assert "profil national-88-2021, tahun 2024" in section
    for name in ESTIMATORS:
        total = assessment.total(name)
        lo, hi = assessment.predikat(name)
        row = section[section.index(escape(ESTIMATOR_LABELS[name])) :]
        row = row[: row.index("</tr>")]
        assert f"{total.lo:.2f} s.d. {total.hi:.2f}" in row
        assert re.search(rf">{lo}</span>\s*s\.d\.\s*<span[^>]*>{hi}<", row)
    part = assessment.data_decided
    assert f"dari {part.decided:.2f} poin" in section
    assert escape(LKE_CAVEAT) in section
    # the summary at the top names the range too
    summary = html[html.index('<h2 id="ringkasan">') : html.index('<h2 id="gambar">')]
    assert f"{assessment.total('mean').lo:.2f} s.d." in summary


def test_html_lists_the_top_fixes_and_says_how_many_more(
    html: str, assessment: Assessment
) -> None:
    section = html[html.index('<h2 id="lke">') : html.index('<h2 id="tabel">')]
    fixes = assessment.fixes()
    assert len(fixes) > TOP_FIXES
    for row in fixes.head(TOP_FIXES).to_dict("records"):
        assert f"{row['criterion']} ({row['position']})" in section
        assert f"{row['points']:.2f}" in section
    assert f"… dan {len(fixes) - TOP_FIXES} perbaikan lainnya" in section
    # exactly the top fixes are listed: rows 1 … TOP_FIXES, in rank order
    listed = section[section.index("perbaikan teratas") : section.index("perbaikan lainnya")]
    ranks = re.findall(r"<tr><td>(\d+)</td>", listed)
    assert ranks == [str(r) for r in range(1, TOP_FIXES + 1)]
    for row in assessment.agencies().to_dict("records"):
        assert escape(str(row["agency"])) in section


def test_html_without_fixes_says_so(assessment: Assessment) -> None:
    empty = dataclasses.replace(assessment, _fixes=pd.DataFrame(columns=FIX_COLUMNS))
    section = render_lke(empty, {})
    assert "Tidak ada perbaikan" in section
    assert "0 perbaikan teratas" in section
    assert tuple(lke_tables(empty)) == LKE_SHEETS


# ----------------------------------------------------------------------------- options


def test_a_quarter_is_assessed_as_an_in_year_look(city: cascade.Cascade) -> None:
    bundle = build_report(city, as_of="2024Q2")
    assert bundle.assessment is not None
    assert bundle.assessment.as_of == Period.parse("2024Q2")
    assert bundle.assessment.year == 2024
    facts = _facts(bundle.tables["LKE Ringkasan"])
    assert (facts["Tahun"], facts["Data per"]) == (2024, "2024Q2")
    assert "tahun 2024 (data per 2024Q2)" in bundle.html(pictures=False)


def test_another_profile_is_named_everywhere(city: cascade.Cascade) -> None:
    bundle = build_report(city, as_of=AS_OF, profile="trenggalek-opd")
    assert bundle.assessment is not None
    assert bundle.assessment.profile.name == "trenggalek-opd"
    assert _facts(bundle.tables["LKE Ringkasan"])["Profil LKE"] == "trenggalek-opd"
    assert "profil trenggalek-opd, tahun 2024" in bundle.html(pictures=False)


def test_answers_file_decides_criteria_and_skips_other_years(
    city: cascade.Cascade, tmp_path: Path
) -> None:
    path = tmp_path / "answers.csv"
    path.write_text(
        "code,answer,source,year\nAREN001.1,Y,self,2024\nAREN001.2,Y,self,2023\n",
        encoding="utf-8",
    )
    bundle = build_report(city, as_of=AS_OF, answers=path)
    criteria = bundle.tables["LKE Kriteria"].set_index("Kode Kriteria")
    assert criteria.loc["AREN001.1", "Sumber Jawaban"] == "answer"
    assert criteria.loc["AREN001.1", "Nilai Jawaban Bawah"] == 1.0
    assert criteria.loc["AREN001.2", "Sumber Jawaban"] == "unknown"  # a 2023 row: not read
    # a mapping works as well, as for cascade.assess
    mapped = build_report(city, as_of=AS_OF, answers={"AREN001.2": "Y"})
    criteria = mapped.tables["LKE Kriteria"].set_index("Kode Kriteria")
    assert criteria.loc["AREN001.2", "Sumber Jawaban"] == "answer"


def test_bad_lke_inputs_fail_before_anything_is_computed(
    city: cascade.Cascade, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def never(*args: object, **kwargs: object) -> None:
        msg = "propagate ran before the LKE inputs were checked"
        raise AssertionError(msg)

    monkeypatch.setattr("cascade.engine.propagate", never)
    with pytest.raises(UsageError, match="no LKE profile 'madiun'"):
        build_report(city, as_of=AS_OF, profile="madiun")
    with pytest.raises(UsageError, match="no answers file"):
        build_report(city, as_of=AS_OF, answers=tmp_path / "none.csv")
    bad = tmp_path / "bad.csv"
    bad.write_text("code,answer\nXXX001.1,Y\nAREN001.1,Q\n", encoding="utf-8")
    with pytest.raises(FileFormatError) as info:
        build_report(city, as_of=AS_OF, answers=bad)
    assert len(info.value.problems) == 2
    with pytest.raises(UsageError, match="lke=False"):
        build_report(city, as_of=AS_OF, lke=False, answers={"AREN001.1": "Y"})
    with pytest.raises(UsageError, match="lke=False"):
        build_report(city, as_of=AS_OF, lke=False, profile="trenggalek-opd")


def test_write_report_passes_the_lke_options(city: cascade.Cascade, tmp_path: Path) -> None:
    path = write_report(city, tmp_path / "r.xlsx", as_of=AS_OF, lke=False)
    with pd.ExcelFile(path) as book:
        assert book.sheet_names == list(SHEETS)


def test_long_id_lists_are_cut_with_a_count_not_dropped() -> None:
    ids = tuple(f"CAS516:I-{i:04d}" for i in range(100))
    assert _joined(ids) == ", ".join(ids)
    text = _joined(ids, limit=200)
    assert len(text) <= 200
    kept = text.split(", … and ")[0].split(", ")
    assert list(ids[: len(kept)]) == kept
    assert text.endswith(f"… and {100 - len(kept)} more (all in LKE Temuan)")
    assert _joined(()) == ""

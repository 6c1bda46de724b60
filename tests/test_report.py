"""The performance report: ``build_report``, the xlsx and HTML files, ``cascade report``.

The HTML report is also opened in a real headless browser (chromium's own CLI: ``--dump-dom``
and ``--screenshot``); CI installs Debian's chromium, a local run without it skips that test.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import subprocess
from pathlib import Path

import pandas as pd
import pytest

import cascade
from cascade.cli import main
from cascade.datasets import load_example
from cascade.errors import UsageError
from cascade.report import LKE_SHEETS, SHEETS, ReportBundle, build_report, write_report

AS_OF = "2024"
SCREENSHOT_COPY = Path("/tmp/report-shot.png")


@pytest.fixture(scope="module")
def city() -> cascade.Cascade:
    return load_example("with-defects")


@pytest.fixture(scope="module")
def bundle(city: cascade.Cascade) -> ReportBundle:
    return build_report(city, as_of=AS_OF)


@pytest.fixture(scope="module")
def xlsx(bundle: ReportBundle, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return bundle.to_excel(tmp_path_factory.mktemp("report") / "report.xlsx")


@pytest.fixture(scope="module")
def html_file(bundle: ReportBundle, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return bundle.to_html(tmp_path_factory.mktemp("report") / "report.html")


@pytest.fixture(scope="module")
def html(html_file: Path) -> str:
    return html_file.read_text(encoding="utf-8")


def _plot_available() -> bool:
    try:
        import matplotlib as mpl  # noqa: F401
        import plotly  # noqa: F401

        import cascade.plot  # noqa: F401
    except ImportError:
        return False
    return True


def _without_scripts(text: str) -> str:
    """The page without the bodies of inline scripts (embedded library code)."""
    return re.sub(r"<script\b[^>]*>.*?</script>", "<script></script>", text, flags=re.S)


# ----------------------------------------------------------------------------- the bundle


def test_bundle_has_every_table(bundle: ReportBundle) -> None:
    assert list(bundle.tables) == [*SHEETS, *LKE_SHEETS]
    assert all(len(name) <= 31 for name in [*SHEETS, *LKE_SHEETS])
    assert bundle.owners["level"].tolist()[0] == "pemda"
    assert set(bundle.owners["level"]) == {"pemda", "perangkat_daerah"}
    assert len(bundle.findings) == len(bundle.tables["Temuan"]) > 0
    assert "ReportBundle 2024" in repr(bundle)


def test_lkjip_sheet_stacks_every_owner_with_its_figure(bundle: ReportBundle) -> None:
    frame = bundle.tables["LKjIP"]
    results = bundle.results
    assert frame.columns[:2].tolist() == ["Kode Unit", "Unit Kerja"]
    for owner_id in bundle.owners["unit_id"]:
        mine = frame[frame["Kode Unit"] == owner_id].reset_index(drop=True)
        expected = cascade.tables.lkjip_table(results, owner_id, total=True)
        assert len(mine) == len(expected)
        # the total row holds the owner's own figure, as Results has it
        figure = float(results.owners.set_index("unit_id").loc[owner_id, "achievement"])
        assert mine["Capaian (%)"].iloc[-1] == pytest.approx(figure)


def test_summary_sheet_has_the_city_figure(bundle: ReportBundle) -> None:
    summary = dict(
        zip(
            bundle.tables["Ringkasan"]["Keterangan"],
            bundle.tables["Ringkasan"]["Nilai"],
            strict=True,
        )
    )
    city = bundle.results.city.iloc[0]
    assert summary["Periode"] == AS_OF
    assert summary["Capaian Kinerja (%)"] == pytest.approx(float(city["achievement"]))
    assert summary["Kategori"] == city["category"]
    assert summary["Jumlah Indikator"] == len(bundle.results.indicators)
    assert summary["Temuan error"] == bundle.findings.summary()["error"]


# ----------------------------------------------------------------------------- xlsx


def test_xlsx_has_the_sheets_and_the_numbers(bundle: ReportBundle, xlsx: Path) -> None:
    book = pd.read_excel(xlsx, sheet_name=None)
    assert list(book) == [*SHEETS, *LKE_SHEETS]
    results = bundle.results
    # owner budget: pagu and capaian as Results has them
    budget = book["Anggaran OPD"]
    assert len(budget) == len(results.owner_budget)
    assert budget["Pagu (Rp)"].tolist() == pytest.approx(
        results.owner_budget["allocated"].tolist()
    )
    # LKjIP: the city's own row carries the city's figure
    lkjip = book["LKjIP"]
    city = results.city.iloc[0]
    city_rows = lkjip[lkjip["Kode Unit"] == city["unit_id"]]
    assert city_rows["Capaian (%)"].iloc[-1] == pytest.approx(float(city["achievement"]))
    achievements = lkjip["Capaian (%)"].dropna().tolist()
    expected = bundle.tables["LKjIP"]["Capaian (%)"].dropna().tolist()
    assert achievements == pytest.approx(expected)
    assert len(book["Matriks Cascading"]) == len(bundle.tables["Matriks Cascading"])
    assert len(book["Lampiran PK"]) == len(bundle.tables["Lampiran PK"])
    assert sorted(book["Temuan"]["code"]) == sorted(bundle.findings.to_frame()["code"])
    summary = dict(zip(book["Ringkasan"]["Keterangan"], book["Ringkasan"]["Nilai"], strict=True))
    assert float(summary["Capaian Kinerja (%)"]) == pytest.approx(float(city["achievement"]))


# ----------------------------------------------------------------------------- html


def test_html_is_self_contained(html: str) -> None:
    assert html.startswith("<!DOCTYPE html>")
    outside = _without_scripts(html)
    assert "<script src" not in html.lower()
    assert "<link" not in outside.lower()
    assert not re.search(r"""<img[^>]+src=["']?(?!data:)""", outside, re.I)
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", outside, re.I)
    assert not re.search(r"url\(\s*['\"]?https?:", outside, re.I)
    assert not re.search(r"@import", outside, re.I)


def test_html_holds_summary_agencies_findings_and_tables(bundle: ReportBundle, html: str) -> None:
    city = bundle.results.city.iloc[0]
    assert f"{float(city['achievement']):.2f}" in html
    assert str(city["category"]) in html
    for name in bundle.owners["name"]:
        assert cascade._html.escape(name) in html
    for code in set(bundle.findings.to_frame()["code"]):
        assert code in html
    assert html.count("<details>") == len(bundle.owners)
    for heading in ("Matriks cascading", "Anggaran per unit kerja", "Anggaran per sasaran"):
        assert heading in html
    assert "Paling menurunkan capaian" in html
    assert "Capaian (%)" in html


def test_html_has_pictures_when_the_plot_extra_is_installed(html: str) -> None:
    if not _plot_available():
        assert "Pictures left out" in html
        return
    assert _without_scripts(html).count("<svg") >= 2  # the chart and the tree
    assert "plotly-graph-div" in html
    assert "<?xml" not in html  # SVG prologs are stripped


def test_html_escapes_text_from_data(tmp_path: Path) -> None:
    example = load_example()
    units = example.units  # a copy: the cached example stays as it is for other tests
    units.loc[units["level"] == "pemda", "name"] = "<script>alert(1)</script> & Co"
    city = cascade.Cascade(**{**example.tables, "units": units})
    page = build_report(city, as_of=AS_OF).html(pictures=False)
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; Co" in page
    assert "Pictures left out on request." in page


def test_html_is_bounded(bundle: ReportBundle) -> None:
    page = bundle.html(pictures=False)
    assert len(page) < 1_500_000
    assert page.count("more rows in between") >= 1  # the 75-row matrix is cut


def test_html_without_the_plot_package(
    bundle: ReportBundle, monkeypatch: pytest.MonkeyPatch
) -> None:
    def missing() -> None:
        msg = "No module named 'matplotlib'"
        raise ImportError(msg)

    monkeypatch.setattr("cascade.report._page._import_plot", missing)
    page = bundle.html()
    assert "Pictures left out: cascade.plot cannot be imported" in page
    assert "Matriks cascading" in page


# ----------------------------------------------------------------------------- write_report


def test_write_report_chooses_by_suffix(city: cascade.Cascade, tmp_path: Path) -> None:
    assert write_report(city, tmp_path / "r.xlsx", as_of=AS_OF).stat().st_size > 0
    with pytest.raises(UsageError, match=r"\.xlsx or \.html"):
        write_report(city, tmp_path / "r.pdf", as_of=AS_OF)
    assert not (tmp_path / "r.pdf").exists()


# ----------------------------------------------------------------------------- CLI


@pytest.fixture(scope="module")
def workbook(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("wb") / "with-defects.xlsx"
    load_example("with-defects").write(path)
    return path


def run(capsys: pytest.CaptureFixture[str], *argv: object) -> tuple[int, str, str]:
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_cli_writes_xlsx(
    workbook: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "report.xlsx"
    code, out, err = run(capsys, "report", workbook, "--as-of", AS_OF, "--output", target)
    assert (code, out, err) == (0, "", "")
    with pd.ExcelFile(target) as book:
        assert book.sheet_names == [*SHEETS, *LKE_SHEETS]


def test_cli_writes_html(
    workbook: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "report.html"
    args = ("report", workbook, "--as-of", AS_OF, "--output", target, "--no-progress")
    code, out, err = run(capsys, *args)
    assert (code, out, err) == (0, "", "")
    assert "Laporan Kinerja" in target.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--as-of", AS_OF, "--output", "{tmp}/report.pdf"), "--output: cannot write a report"),
        (("--as-of", "20x4", "--output", "{tmp}/report.xlsx"), "--as-of:"),
        (("--as-of", AS_OF), "--output"),
        (("--output", "{tmp}/report.xlsx"), "--as-of"),
        (("--as-of", AS_OF, "--output", "{wb}"), "is the workbook itself"),
        (("--as-of", AS_OF, "--output", "{tmp}/r.xlsx", "--policy", "{tmp}/no.toml"), "no.toml"),
    ],
)
def test_cli_usage_errors_exit_2(
    workbook: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    args: tuple[str, ...],
    message: str,
) -> None:
    argv = [a.format(tmp=tmp_path, wb=workbook) for a in args]
    code, out, err = run(capsys, "report", workbook, *argv)
    assert code == 2
    assert out == ""
    assert message in err
    assert "Traceback" not in err
    assert [p.name for p in tmp_path.iterdir()] == []


def test_cli_missing_workbook_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "r.html"
    code, _, err = run(
        capsys, "report", tmp_path / "nope.xlsx", "--as-of", AS_OF, "--output", target
    )
    assert code == 2
    assert err.startswith("cascade: error:")
    assert "Traceback" not in err
    assert not target.exists()


# ----------------------------------------------------------------------------- browser


def _chromium() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser")


def _browser(*args: str) -> subprocess.CompletedProcess[str]:
    binary = _chromium()
    assert binary is not None
    command = [binary, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars"]
    command += ["--virtual-time-budget=5000", *args]
    return subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)


@pytest.mark.skipif(
    _chromium() is None and not os.environ.get("CASCADE_REQUIRE_CHROMIUM"),
    reason="chromium is not installed (CI installs it: apt-get install chromium)",
)
def test_html_report_in_a_headless_browser(
    html_file: Path, bundle: ReportBundle, tmp_path: Path
) -> None:
    url = html_file.resolve().as_uri()
    dom = _browser("--dump-dom", url)
    assert dom.returncode == 0, dom.stderr[-2000:]
    page = dom.stdout
    assert "Laporan Kinerja" in page
    assert page.count('class="cascade-table"') >= 5
    assert "Matriks cascading" in page
    for code in set(bundle.findings.to_frame()["code"]):
        assert code in page
    assert '<h2 id="lke">Kesiapan LKE</h2>' in page
    assert bundle.assessment is not None
    assert f"profil {bundle.assessment.profile.name}, tahun 2024" in page
    if _plot_available():
        assert page.count("<svg") >= 2
        # plotly drew the sunburst: the div holds the SVG plotly made in the browser
        assert re.search(r'class="[^"]*plotly-graph-div', page)
        assert 'class="main-svg"' in page
    shot = tmp_path / "report-shot.png"
    done = _browser(f"--screenshot={shot}", "--window-size=1280,2000", url)
    assert done.returncode == 0, done.stderr[-2000:]
    data = shot.read_bytes()
    assert data.startswith(b"\x89PNG\r\n\x1a\n")
    assert len(data) > 20_000  # a blank page is a few kilobytes
    with contextlib.suppress(OSError):  # a copy for a person to look at
        shutil.copyfile(shot, SCREENSHOT_COPY)


def test_nan_never_shown_as_text(html: str) -> None:
    visible = re.sub(r"<[^>]+>", " ", _without_scripts(html))
    assert not re.search(r"\bnan\b", visible, re.I)

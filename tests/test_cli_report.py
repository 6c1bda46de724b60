"""``cascade report``'s LKE options: ``--no-lke``, ``--profile`` and ``--answers``."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from cascade.cli import main
from cascade.datasets import load_example
from cascade.report import LKE_SHEETS, SHEETS

AS_OF = "2024"


@pytest.fixture(scope="module")
def workbook(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("wb") / "with-defects.xlsx"
    load_example("with-defects").write(path)
    return path


def run(capsys: pytest.CaptureFixture[str], *argv: object) -> tuple[int, str, str]:
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def _sheets(path: Path) -> list[str]:
    with pd.ExcelFile(path) as book:
        return [str(name) for name in book.sheet_names]


def test_report_has_the_lke_sheets_by_default_and_not_with_no_lke(
    workbook: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    full, bare = tmp_path / "full.xlsx", tmp_path / "bare.xlsx"
    assert run(capsys, "report", workbook, "--as-of", AS_OF, "--output", full) == (0, "", "")
    assert _sheets(full) == [*SHEETS, *LKE_SHEETS]
    argv = ("report", workbook, "--as-of", AS_OF, "--output", bare, "--no-lke")
    assert run(capsys, *argv) == (0, "", "")
    assert _sheets(bare) == list(SHEETS)


def test_profile_and_answers_reach_the_report(
    workbook: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    answers = tmp_path / "answers.json"
    answers.write_text(
        '{"lke_answers": [{"code": "DVAL001.1", "answer": "Y", "source": "lhe"}]}',
        encoding="utf-8",
    )
    target = tmp_path / "report.xlsx"
    argv = ["report", workbook, "--as-of", AS_OF, "--output", target]
    argv += ["--profile", "national-88-2021", "--answers", answers]
    assert run(capsys, *argv) == (0, "", "")
    criteria = pd.read_excel(target, sheet_name="LKE Kriteria").set_index("Kode Kriteria")
    assert criteria.loc["DVAL001.1", "Sumber Jawaban"] == "answer"
    page = tmp_path / "report.html"
    argv = ["report", workbook, "--as-of", AS_OF, "--output", page, "--profile", "trenggalek-opd"]
    assert run(capsys, *argv) == (0, "", "")
    assert "profil trenggalek-opd, tahun 2024" in page.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--answers", "{tmp}/bad.csv"), "bad.csv"),
        (("--answers", "{tmp}/none.csv"), "no answers file"),
        (("--profile", "madiun"), "no LKE profile 'madiun'"),
        (("--no-lke", "--answers", "{tmp}/bad.csv"), "--answers applies to the LKE section"),
        (("--no-lke", "--profile", "trenggalek-opd"), "--profile applies to the LKE section"),
    ],
)
def test_bad_lke_options_exit_2_without_a_traceback(
    workbook: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    args: tuple[str, ...],
    message: str,
) -> None:
    (tmp_path / "bad.csv").write_text("code,answer\nXXX001.1,Y\n", encoding="utf-8")
    target = tmp_path / "report.html"
    argv = [a.format(tmp=tmp_path) for a in args]
    code, out, err = run(capsys, "report", workbook, "--as-of", AS_OF, "--output", target, *argv)
    assert code == 2
    assert out == ""
    assert err.startswith("cascade: error:")
    assert message in err
    assert "Traceback" not in err
    assert not target.exists()


def test_help_lists_the_lke_options(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "report", "--help")
    assert code == 0
    for option in ("--no-lke", "--profile", "--answers"):
        assert option in out

"""`cascade assess`: text, JSON and xlsx output, exit codes."""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl
import pytest

import cascade
from cascade.cli import main


@pytest.fixture(scope="module")
def workbook(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("assess") / "defects.xlsx"
    cascade.write(cascade.load_example("with-defects"), path)
    return path


def test_text_names_profile_year_range_and_fixes(workbook: Path, capsys) -> None:
    assert main(["assess", str(workbook), "--as-of", "2024"]) == 0
    out = capsys.readouterr().out
    assert "profile national-88-2021" in out
    assert "year 2024" in out
    assert "Decided by data" in out
    assert "Top fixes" in out
    assert "CAS" in out  # fixes name their findings


def test_json_and_xlsx(workbook: Path, tmp_path: Path, capsys) -> None:
    assert main(["assess", str(workbook), "--as-of", "2024", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["profile"] == "national-88-2021"
    assert data["year"] == 2024
    assert data["fixes"][0]["findings"]
    out = tmp_path / "assessment.xlsx"
    args = ["assess", str(workbook), "--as-of", "2024", "--format", "xlsx", "--output", str(out)]
    assert main(args) == 0
    book = openpyxl.load_workbook(out, read_only=True)
    assert {"summary", "criteria", "fixes", "agencies"} <= set(book.sheetnames)
    book.close()


def test_answers_and_profile_options(workbook: Path, tmp_path: Path, capsys) -> None:
    answers = tmp_path / "answers.csv"
    answers.write_text("code,answer\nAREN001.1,Y\n")
    args = ["assess", str(workbook), "--as-of", "2024Q2", "--profile", "trenggalek-opd"]
    assert main([*args, "--answers", str(answers)]) == 0
    out = capsys.readouterr().out
    assert "profile trenggalek-opd" in out
    assert "data as of 2024Q2" in out
    # AREN001.1 is decided by data in Trenggalek's profile: the data answer is kept.
    assert "Answers given for criteria the data decide (data kept): AREN001.1" in out


@pytest.mark.parametrize(
    "extra",
    [
        ["--as-of", "someday"],
        ["--as-of", "2024", "--profile", "madiun"],
        ["--as-of", "2024", "--format", "xlsx"],
    ],
)
def test_bad_arguments_exit_2_without_traceback(workbook: Path, extra: list[str], capsys) -> None:
    assert main(["assess", str(workbook), *extra]) == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert err.strip()

"""`cascade propagate`: levels, output formats, files, policies, usage errors, and the demo."""

from __future__ import annotations

import io
import json
import math
import re
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import cascade
import cascade.cli
from cascade.cli import main
from cascade.datasets import load_example
from cascade.engine import (
    BUDGET_COLUMNS,
    GOAL_COLUMNS,
    INDICATOR_COLUMNS,
    LEVELS,
    OWNER_BUDGET_COLUMNS,
    OWNER_COLUMNS,
)

AS_OF = "2024"
COLUMNS = {
    "indicators": INDICATOR_COLUMNS,
    "goals": GOAL_COLUMNS,
    "owners": OWNER_COLUMNS,
    "budget": BUDGET_COLUMNS,
    "owner-budget": OWNER_BUDGET_COLUMNS,
}
SHEETS = [*LEVELS, "findings"]
NAN = re.compile(r"\bnan\b", re.IGNORECASE)


@pytest.fixture(scope="module")
def workbook(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("wb") / "kota"  # a folder of CSV files
    load_example().write(path)
    return path


@pytest.fixture(scope="module")
def broken(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("wb") / "with-defects.xlsx"
    load_example("with-defects").write(path)
    return path


@pytest.fixture(scope="module")
def results() -> cascade.Results:
    return cascade.propagate(load_example(), as_of=AS_OF)


def run(capsys: pytest.CaptureFixture[str], *argv: object) -> tuple[int, str, str]:
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def _numeric(frame: pd.DataFrame) -> list[str]:
    return [
        str(c)
        for c in frame.columns
        if pd.api.types.is_numeric_dtype(frame[c].dtype)
        and not pd.api.types.is_bool_dtype(frame[c].dtype)
    ]


def _same_frame(got: pd.DataFrame, expected: pd.DataFrame) -> None:
    """``got`` (read back from a file) has the columns, numbers and text of ``expected``."""
    assert list(got.columns) == list(expected.columns)
    assert len(got) == len(expected)
    numeric = _numeric(expected)
    for name in expected.columns:
        if name in numeric:
            a = got[name].to_numpy(dtype=float)
            b = expected[name].to_numpy(dtype=float)
            assert np.array_equal(a, b, equal_nan=True), name
        else:
            a_text = [None if pd.isna(v) else str(v) for v in got[name]]
            b_text = [None if pd.isna(v) else str(v) for v in expected[name]]
            assert a_text == b_text, name


# ------------------------------------------------------------------- levels × formats


@pytest.mark.parametrize("level", LEVELS)
def test_csv_has_the_fixed_columns_and_the_api_numbers(
    capsys: pytest.CaptureFixture[str], workbook: Path, results: cascade.Results, level: str
) -> None:
    code, out, err = run(
        capsys, "propagate", workbook, "--as-of", AS_OF, "--level", level, "--format", "csv"
    )
    assert (code, err) == (0, "")
    expected = results.table(level)  # type: ignore[arg-type]
    assert out.splitlines()[0].split(",") == COLUMNS[level]
    text_columns = {c: str for c in expected.columns if c not in _numeric(expected)}
    back = pd.read_csv(io.StringIO(out), dtype=text_columns, keep_default_na=False, na_values=[""])
    _same_frame(back, expected)
    assert not NAN.search(out)  # missing is empty, never "nan"


@pytest.mark.parametrize("level", LEVELS)
def test_json_is_as_of_level_columns_and_rows(
    capsys: pytest.CaptureFixture[str], workbook: Path, results: cascade.Results, level: str
) -> None:
    code, out, err = run(
        capsys, "propagate", workbook, "--as-of", AS_OF, "--level", level, "--format", "json"
    )
    assert (code, err) == (0, "")
    doc = json.loads(out)
    assert list(doc) == ["as_of", "level", "columns", "rows"]
    assert (doc["as_of"], doc["level"], doc["columns"]) == (AS_OF, level, COLUMNS[level])
    expected = results.table(level)  # type: ignore[arg-type]
    assert len(doc["rows"]) == len(expected)
    assert all(list(row) == COLUMNS[level] for row in doc["rows"])
    back = pd.DataFrame(doc["rows"], columns=doc["columns"])
    _same_frame(back, expected)
    # Missing values are null, never NaN (which is not JSON) or 0.
    assert "NaN" not in out
    for name in _numeric(expected):
        missing = expected[name].isna().to_numpy()
        assert [doc["rows"][i][name] is None for i in range(len(expected))] == missing.tolist()


@pytest.mark.parametrize("level", LEVELS)
def test_table_is_aligned_text_with_rounded_figures(
    capsys: pytest.CaptureFixture[str], workbook: Path, results: cascade.Results, level: str
) -> None:
    code, out, err = run(capsys, "propagate", workbook, "--as-of", AS_OF, "--level", level)
    assert (code, err) == (0, "")
    expected = results.table(level)  # type: ignore[arg-type]
    lines = out.splitlines()
    assert len(lines) == len(expected) + 1
    header = lines[0].split()
    assert sorted(header) == sorted(COLUMNS[level])
    assert header[0] == COLUMNS[level][0]
    assert not NAN.search(out)
    first_key = str(expected.iloc[0, 0])
    assert lines[1].startswith(first_key + " ")
    if "achievement" in expected.columns:
        # rounded to one decimal, right-aligned under its header
        value = float(expected["achievement"].iloc[0])
        end = lines[0].index("achievement") + len("achievement")
        assert lines[1][:end].endswith(f" {value:.1f}")


def test_default_is_indicators_as_a_table(
    capsys: pytest.CaptureFixture[str], workbook: Path, results: cascade.Results
) -> None:
    code, out, _ = run(capsys, "propagate", workbook, "--as-of", AS_OF)
    assert code == 0
    lines = out.splitlines()
    assert lines[0].startswith("indicator_id ")
    assert len(lines) == len(results.indicators) + 1
    missing = results.indicators[results.indicators["realisation"].isna()]  # rolled up
    row = next(line for line in lines if line.startswith(str(missing["indicator_id"].iloc[0])))
    assert " - " in row  # missing shows as '-'
    assert main(["propagate", str(workbook), "--as-of", AS_OF, "--level", "indicators"]) == 0
    assert capsys.readouterr().out == out


def test_xlsx_has_every_level_and_the_findings(
    capsys: pytest.CaptureFixture[str], broken: Path, tmp_path: Path
) -> None:
    target = tmp_path / "capaian.xlsx"
    code, out, err = run(
        capsys, "propagate", broken, "--as-of", AS_OF, "--format", "xlsx", "--output", target
    )
    assert (code, out, err) == (0, "", "")
    sheets = pd.read_excel(target, sheet_name=None, engine="openpyxl")
    assert list(sheets) == SHEETS
    expected = cascade.propagate(load_example("with-defects"), as_of=AS_OF)
    for level in LEVELS:
        frame = expected.table(level)  # type: ignore[arg-type]
        got = sheets[level]
        for name in frame.columns:
            if name not in _numeric(frame):
                got[name] = [None if pd.isna(v) else str(v) for v in got[name]]
        _same_frame(got, frame)
    findings = sheets["findings"]
    assert list(findings.columns) == list(expected.findings.to_frame().columns)
    assert set(findings["name"]) == {"realisation-mismatch", "undefined-achievement"}
    assert findings["path"].str.contains(" > ").all()


def test_xlsx_is_told_from_the_output_suffix(
    capsys: pytest.CaptureFixture[str], workbook: Path, tmp_path: Path
) -> None:
    target = tmp_path / "out" / "capaian.xlsx"
    assert run(capsys, "propagate", workbook, "--as-of", AS_OF, "--output", target)[0] == 0
    with pd.ExcelFile(target, engine="openpyxl") as book:
        assert book.sheet_names == SHEETS
    for suffix, check in ((".csv", "indicator_id,goal_id,"), (".json", '{\n  "as_of"')):
        path = tmp_path / f"capaian{suffix}"
        assert run(capsys, "propagate", workbook, "--as-of", AS_OF, "--output", path)[0] == 0
        assert path.read_text(encoding="utf-8").startswith(check)


# ---------------------------------------------------------------------- output files


def test_output_writes_the_file_and_nothing_to_stdout(
    capsys: pytest.CaptureFixture[str], workbook: Path, tmp_path: Path
) -> None:
    argv = ["propagate", workbook, "--as-of", AS_OF, "--level", "owners", "--format", "csv"]
    code, expected, _ = run(capsys, *argv)
    assert code == 0
    target = tmp_path / "owners.csv"
    assert run(capsys, *argv, "--output", target) == (0, "", "")
    assert target.read_text(encoding="utf-8") == expected
    # An existing file is replaced; an explicit --format wins over the suffix.
    assert run(capsys, *argv[:-1], "table", "--output", target) == (0, "", "")
    assert target.read_text(encoding="utf-8").startswith("unit_id  ")


def test_an_error_leaves_no_file_and_an_old_one_whole(
    capsys: pytest.CaptureFixture[str], workbook: Path, tmp_path: Path
) -> None:
    old = tmp_path / "old.csv"
    old.write_text("before\n", encoding="utf-8")
    new = tmp_path / "new.csv"
    for output in (old, new):
        code, out, _ = run(capsys, "propagate", workbook, "--as-of", "2024Q5", "--output", output)
        assert (code, out) == (2, "")
        code, _, _ = run(
            capsys, "propagate", tmp_path / "nowhere.xlsx", "--as-of", AS_OF, "--output", output
        )
        assert code == 2
    assert old.read_text(encoding="utf-8") == "before\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["old.csv"]


def test_a_failure_while_writing_xlsx_leaves_nothing_partial(
    capsys: pytest.CaptureFixture[str],
    workbook: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    real = cascade.cli._write_results_sheet
    written: list[str] = []

    def failing(book: object, name: str, frame: pd.DataFrame) -> None:
        if len(written) == 2:
            raise OSError(28, "No space left on device")
        written.append(name)
        real(book, name, frame)  # type: ignore[arg-type]

    monkeypatch.setattr(cascade.cli, "_write_results_sheet", failing)
    target = tmp_path / "capaian.xlsx"
    target.write_bytes(b"old")
    code, out, err = run(capsys, "propagate", workbook, "--as-of", AS_OF, "--output", target)
    assert (code, out) == (2, "")
    assert err == "cascade: error: No space left on device\n"
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["capaian.xlsx"]


def test_an_unwritable_output_is_exit_2(
    capsys: pytest.CaptureFixture[str], workbook: Path, tmp_path: Path
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("", encoding="utf-8")
    code, out, err = run(
        capsys, "propagate", workbook, "--as-of", AS_OF, "--output", blocker / "x.csv"
    )
    assert (code, out) == (2, "")
    assert err.startswith("cascade: error: ")
    assert "Traceback" not in err


# ---------------------------------------------------------------------- usage errors


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        ([], "the following arguments are required: --as-of"),
        (
            ["--as-of", AS_OF, "--level", "agencies"],
            "argument --level: invalid choice: 'agencies'",
        ),
        (["--as-of", AS_OF, "--format", "pdf"], "argument --format: invalid choice: 'pdf'"),
    ],
)
def test_argument_errors_exit_2_with_the_usage(
    capsys: pytest.CaptureFixture[str], workbook: Path, argv: list[str], message: str
) -> None:
    code, out, err = run(capsys, "propagate", workbook, *argv)
    assert (code, out) == (2, "")
    assert err.startswith("usage: cascade propagate")
    assert message in err
    assert "Traceback" not in err


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (
            ["--as-of", "2024Q5"],
            (
                "--as-of: '2024Q5' is not a period: expected a year (2024), a quarter (2024Q1) "
                "or a month (2024-03)"
            ),
        ),
        (
            ["--as-of", AS_OF, "--format", "xlsx"],
            "--format xlsx needs --output FILE: a workbook is not written to stdout",
        ),
        (
            ["--as-of", AS_OF, "--format", "xlsx", "--level", "goals", "--output", "x.xlsx"],
            "--level does not apply to xlsx, which has a sheet for every level",
        ),
    ],
)
def test_unusable_values_exit_2_with_one_line(
    capsys: pytest.CaptureFixture[str], workbook: Path, argv: list[str], message: str
) -> None:
    code, out, err = run(capsys, "propagate", workbook, *argv)
    assert (code, out) == (2, "")
    assert err == f"cascade: error: {message}\n"
    assert not Path("x.xlsx").exists()


def test_a_bad_path_exits_2(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    missing = tmp_path / "nowhere.xlsx"
    code, out, err = run(capsys, "propagate", missing, "--as-of", AS_OF)
    assert (code, out) == (2, "")
    assert err == f"cascade: error: {missing}: no such file or folder\n"


def test_the_output_cannot_be_the_workbook(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = tmp_path / "kota.xlsx"
    load_example().write(path)
    before = path.read_bytes()
    code, _, err = run(capsys, "propagate", path, "--as-of", AS_OF, "--output", path)
    assert code == 2
    assert "is the workbook itself" in err
    assert path.read_bytes() == before


# -------------------------------------------------------------------------- policies


def test_a_policy_beside_the_workbook_changes_the_figures(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, results: cascade.Results
) -> None:
    folder = tmp_path / "kota"
    load_example().write(folder)
    argv = ["propagate", folder, "--as-of", AS_OF, "--level", "owners", "--format", "json"]

    def achievements() -> dict[str, float | None]:
        code, out, _ = run(capsys, *argv)
        assert code == 0
        return {r["unit_id"]: r["achievement"] for r in json.loads(out)["rows"]}

    default = achievements()
    assert default["PEMKO"] == pytest.approx(float(results.city["achievement"].iloc[0]))
    assert max(v for v in default.values() if v is not None) > 100
    (folder / "cascade.toml").write_text("cap = 100\n", encoding="utf-8")
    capped = achievements()
    assert max(v for v in capped.values() if v is not None) <= 100
    assert capped["PEMKO"] < default["PEMKO"]
    api = cascade.propagate(load_example(), as_of=AS_OF, policy={"cap": 100}).owners
    for unit_id, value in zip(api["unit_id"], api["achievement"], strict=True):
        expected = None if math.isnan(value) else float(value)
        assert capped[unit_id] == expected
    # --policy names another file, which wins over the one beside the workbook.
    other = tmp_path / "ratio.toml"
    other.write_text('minimize = "ratio"\n', encoding="utf-8")
    code, out, _ = run(capsys, *argv, "--policy", other)
    assert code == 0
    ratio = {r["unit_id"]: r["achievement"] for r in json.loads(out)["rows"]}
    expected_ratio = cascade.propagate(load_example(), as_of=AS_OF, policy={"minimize": "ratio"})
    assert ratio["PEMKO"] == float(expected_ratio.city["achievement"].iloc[0])


def test_a_bad_policy_exits_2(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    folder = tmp_path / "kota"
    load_example().write(folder)
    (folder / "cascade.toml").write_text("cap = -5\n", encoding="utf-8")
    code, out, err = run(capsys, "propagate", folder, "--as-of", AS_OF)
    assert (code, out) == (2, "")
    assert err.startswith(f"cascade: error: invalid policy in {folder / 'cascade.toml'}")
    code, _, err = run(
        capsys, "propagate", folder, "--as-of", AS_OF, "--policy", tmp_path / "no.toml"
    )
    assert code == 2
    assert "cannot read policy file" in err


# -------------------------------------------------------------------------- findings


def test_findings_are_a_note_on_stderr_for_a_table_only(
    capsys: pytest.CaptureFixture[str], broken: Path
) -> None:
    code, out, err = run(capsys, "propagate", broken, "--as-of", AS_OF, "--level", "goals")
    assert code == 0  # findings do not fail the command
    assert out.startswith("goal_id ")
    assert err == (
        "note: 2 findings for 2024 (1 realisation-mismatch, 1 undefined-achievement); details: "
        f"cascade check {broken} --period 2024 --select "
        "realisation-mismatch,undefined-achievement\n"
    )
    for fmt in ("csv", "json"):
        code, out, err = run(capsys, "propagate", broken, "--as-of", AS_OF, "--format", fmt)
        assert (code, err) == (0, "")
        assert "note:" not in out
    # The command the note suggests runs and shows them.
    assert (
        main(
            [
                "check",
                str(broken),
                "--period",
                AS_OF,
                "--select",
                "realisation-mismatch,undefined-achievement",
            ]
        )
        == 0
    )
    assert "2 warnings" in capsys.readouterr().out


def test_a_period_without_targets_is_noted(
    capsys: pytest.CaptureFixture[str], workbook: Path
) -> None:
    code, out, err = run(capsys, "propagate", workbook, "--as-of", "2023", "--level", "owners")
    assert code == 0
    assert out.splitlines()[1].split()[:5] == ["PEMKO", "pemda", "2023", "-", "-"]
    periods = "2024, 2024Q1, 2024Q2, 2024Q3, 2024Q4"
    assert err == f"note: no indicator has a target for 2023 (periods: {periods})\n"
    code, out, err = run(
        capsys, "propagate", workbook, "--as-of", "2023", "--level", "budget", "--format", "json"
    )
    assert (code, err) == (0, "")
    assert json.loads(out)["rows"] == []


def test_a_quarter(capsys: pytest.CaptureFixture[str], workbook: Path) -> None:
    code, out, _ = run(capsys, "propagate", workbook, "--as-of", "2024Q2", "--format", "json")
    assert code == 0
    doc = json.loads(out)
    assert doc["as_of"] == "2024Q2"
    assert {row["period"] for row in doc["rows"]} == {"2024Q2"}


# ------------------------------------------------------------------------------ demo


def test_demo_shows_the_city_by_sasaran_and_the_lowest_agencies(
    capsys: pytest.CaptureFixture[str], results: cascade.Results
) -> None:
    code, out, err = run(capsys, "demo")
    assert (code, err) == (0, "")
    titles = [line for i, line in enumerate(out.splitlines()[1:], 1) if set(line) == {"="}]
    assert titles  # sections are underlined
    order = [
        out.index("Checking the cascade\n"),
        out.index("The city's achievement by sasaran, 2024\n"),
        out.index("The five lowest-achieving agencies\n"),
        out.index("Next\n===="),
    ]
    assert order == sorted(order)
    city_section = out[order[1] : order[2]]
    city = results.city
    figure = f"{float(city['achievement'].iloc[0]):.1f}"
    assert f"Pemerintah Kota Contoh: {figure} ({city['category'].iloc[0]})" in city_section
    assert figure == "96.6"
    for goal in results.goals_of("PEMKO").itertuples(index=False):
        assert str(goal.goal_id) in city_section
        assert str(goal.statement) in city_section
    lowest = out[order[2] : order[3]]
    rows = [line.split() for line in lowest.splitlines() if line.startswith("  ")]
    agencies = [r[0] for r in rows[1:6]]
    assert agencies[0] == "DINASPU"
    assert len(agencies) == 5
    owners = results.owners[results.owners["level"] == "perangkat_daerah"]
    expected = owners.sort_values("achievement")["unit_id"].head(5).tolist()
    assert agencies == expected
    draggers = results.explain("DINASPU").draggers(3)
    for indicator_id in draggers["id"]:
        assert indicator_id in lowest
    assert "cascade propagate" in out[order[3] :]

"""The command line: ``cascade info``, ``convert``, ``demo``, ``--version`` and its exit codes."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

import cascade
from cascade.cli import DEMO_SECTIONS, main
from cascade.datasets import example_defects, load_example
from cascade.io import write

FORMATS = ("xlsx", "csv", "json")
NAMES = {"xlsx": "kota.xlsx", "csv": "kota", "json": "kota.json"}


@pytest.fixture(scope="module")
def city() -> cascade.Cascade:
    return load_example()


@pytest.fixture(scope="module")
def example_files(tmp_path_factory: pytest.TempPathFactory, city: cascade.Cascade) -> dict:
    folder = tmp_path_factory.mktemp("example")
    return {fmt: write(city, folder / NAMES[fmt]) for fmt in FORMATS}


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


# ---------------------------------------------------------------------------- version


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "--version") == (0, f"cascade {cascade.__version__}\n", "")


def test_console_entry_points() -> None:
    module = subprocess.run(
        [sys.executable, "-m", "cascade", "--version"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert (module.returncode, module.stdout) == (0, f"cascade {cascade.__version__}\n")
    script = Path(sys.executable).parent / "cascade"
    assert script.exists(), "the console script `cascade` is not installed beside python"
    installed = subprocess.run([script, "--version"], capture_output=True, text=True, check=False)
    assert (installed.returncode, installed.stdout) == (0, module.stdout)


# ------------------------------------------------------------------------------- info


@pytest.mark.parametrize("fmt", FORMATS)
def test_info_text(
    capsys: pytest.CaptureFixture[str], example_files: dict, city: cascade.Cascade, fmt: str
) -> None:
    code, out, err = run(capsys, "info", example_files[fmt])
    assert (code, err) == (0, "")
    counts = city.counts()
    lines = out.splitlines()
    assert lines[0] == f"{example_files[fmt]} ({fmt})"
    for name, n in counts["tables"].items():
        assert any(line.split() == [name, str(n)] for line in lines), name
    for level, n in counts["units_by_level"].items():
        assert any(line.split() == [level, str(n)] for line in lines), level
    for kind, n in counts["goals_by_kind"].items():
        if kind != "unspecified":
            assert any(line.split() == [kind, str(n)] for line in lines), kind
    assert f"Key indicators (IKU)  {counts['key_indicators']}" in out
    assert ", ".join(counts["periods"]) in out
    # The columns line up: every count of a block ends in the same column.
    block = lines[lines.index("Rows per table") + 1 : lines.index("Owners per level") - 1]
    assert len({len(line) for line in block}) == 1


@pytest.mark.parametrize("fmt", FORMATS)
def test_info_json(
    capsys: pytest.CaptureFixture[str], example_files: dict, city: cascade.Cascade, fmt: str
) -> None:
    code, out, err = run(capsys, "info", example_files[fmt], "--format", "json")
    assert (code, err) == (0, "")
    assert json.loads(out) == {
        "path": str(example_files[fmt]),
        "format": fmt,
        **city.counts(),
        "extra_columns": {name: city.extra_columns(name) for name in city.tables},
    }


def test_info_lists_extra_columns(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    city = load_example()
    indicators = city.indicators.assign(sumber_data="BPS", keterangan="-")
    wider = cascade.Cascade(city.units, city.goals, indicators, city.targets)
    path = write(wider, tmp_path / "wider.json")
    code, out, _ = run(capsys, "info", path)
    assert code == 0
    assert "indicators  sumber_data, keterangan" in out
    code, out, _ = run(capsys, "info", path, "--format", "json")
    assert json.loads(out)["extra_columns"]["indicators"] == ["sumber_data", "keterangan"]


def test_info_does_not_depend_on_the_terminal(
    capsys: pytest.CaptureFixture[str], example_files: dict, monkeypatch: pytest.MonkeyPatch
) -> None:
    outputs = []
    for columns in ("40", "250"):
        monkeypatch.setenv("COLUMNS", columns)
        outputs.append(run(capsys, "info", example_files["json"]))
        outputs.append(run(capsys, "--help"))
    assert outputs[0] == outputs[2]
    assert outputs[1] == outputs[3]
    assert outputs[1][0] == 0


# ---------------------------------------------------------------------------- convert


@pytest.mark.parametrize(
    ("source", "target"), [("xlsx", "csv"), ("csv", "json"), ("json", "xlsx")]
)
def test_convert_round_trip(
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    example_files: dict,
    city: cascade.Cascade,
    source: str,
    target: str,
) -> None:
    out_path = tmp_path / NAMES[target]
    code, out, err = run(capsys, "convert", example_files[source], out_path)
    assert (code, err) == (0, "")
    assert out.count("\n") == 1
    assert out.startswith(f"wrote {out_path} (")
    assert cascade.io.read(out_path) == city
    # and back: every reader and every writer is used, from and to another format
    back = tmp_path / "back" / NAMES[source]
    assert run(capsys, "convert", out_path, back)[0] == 0
    assert cascade.io.read(back) == city


def test_convert_with_explicit_formats(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, example_files: dict, city: cascade.Cascade
) -> None:
    odd = tmp_path / "kota.data"
    code, out, _ = run(capsys, "convert", example_files["xlsx"], odd, "--to", "json")
    assert code == 0
    assert "(json)" in out
    json.loads(odd.read_text(encoding="utf-8"))  # it is JSON
    assert cascade.io.read(odd, format="json") == city
    code, out, _ = run(capsys, "info", odd, "--from", "json", "--format", "json")
    assert code == 0
    assert json.loads(out)["format"] == "json"


# ------------------------------------------------------------------------------- demo


def test_demo(capsys: pytest.CaptureFixture[str], city: cascade.Cascade) -> None:
    code, out, err = run(capsys, "demo")
    assert (code, err) == (0, "")
    assert "Dinas Kesehatan" in out
    # Every IKU of the pemda, by name.
    pemda = city.units.loc[city.units["level"] == "pemda", "unit_id"]
    pemda_goals = city.goals.loc[city.goals["unit_id"].isin(pemda), "goal_id"]
    ind = city.indicators
    iku = ind[ind["goal_id"].isin(pemda_goals) & ind["key"]]
    assert len(iku) > 0
    for name in iku["name"]:
        assert name in out
    # Their 2024 targets; a range target reads lower–upper.
    targets = city.targets[city.targets["period"] == "2024"]
    ranges = targets[targets["indicator_id"].isin(iku["indicator_id"])].dropna(
        subset=["target_upper"]
    )
    for lo, hi in zip(ranges["target"], ranges["target_upper"], strict=True):
        assert f"{lo:g}–{hi:g}" in out
    # One employee's indicator, traced up to an IKU.
    section = out.split("Pohon kinerja")[1]
    assert "pelaksana" in section
    assert "pemda" in section
    assert any(i in section for i in iku["indicator_id"])
    # The deliberate defects of the with-defects dataset.
    defects = example_defects()
    assert len(defects) > 0
    for check, subject in zip(defects["check"], defects["subject_id"], strict=True):
        assert check in out
        assert subject in out
    assert "cascade info" in out
    assert "cascade convert" in out
    # The same every time: nothing depends on the clock or the terminal.
    assert run(capsys, "demo") == (code, out, err)


def test_demo_sections_are_a_list_to_extend() -> None:
    names = [section.__name__ for section in DEMO_SECTIONS]
    assert names[-1] == "_demo_next"  # the hints stay last
    assert len(names) == len(set(names))


# ------------------------------------------------------------------------ bad input


def _write_csv(folder: Path, name: str, rows: list[str]) -> None:
    folder.mkdir(exist_ok=True)
    (folder / f"{name}.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")


def _broken_workbook(folder: Path) -> list[tuple[str, int, str]]:
    """A CSV workbook with bad cells; returns each as (table, Excel row, column)."""
    _write_csv(
        folder,
        "units",
        [
            "unit_id,nama,parent_id,level",
            "PEMKO,Pemerintah Kota Contoh,,pemda",
            "DINKES,Dinas Kesehatan,PEMKO,eselon sembilan",
        ],
    )
    _write_csv(
        folder,
        "goals",
        [
            "goal_id,unit_id,parent_goal_id,statement",
            "S1,PEMKO,,Meningkatnya derajat kesehatan",
            "S1.1,DINKES,S1,Meningkatnya layanan kesehatan",
        ],
    )
    _write_csv(
        folder,
        "indicators",
        [
            "indicator_id,goal_id,parent_indicator_id,name,satuan,bobot",
            "I1,S1,,Angka harapan hidup,tahun,1",
            "I1.1,S1.1,I1,Cakupan layanan,persen,berat",
        ],
    )
    _write_csv(
        folder,
        "targets",
        [
            "indicator_id,periode,target",
            'I1,2024,"72,5"',
            "I1.1,2024,sembilan puluh",
            "I1.1,2024X,90",
            "I1,2025,12.5.1",
        ],
    )
    return [
        ("units", 3, "level"),
        ("indicators", 3, "bobot"),
        ("targets", 3, "target"),
        ("targets", 4, "periode"),
        ("targets", 5, "target"),
    ]


@pytest.mark.parametrize("command", ["info", "convert"])
def test_broken_workbook_lists_every_bad_cell(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, command: str
) -> None:
    folder = tmp_path / "broken"
    bad = _broken_workbook(folder)
    argv = [command, folder] + ([tmp_path / "out.json"] if command == "convert" else [])
    code, out, err = run(capsys, *argv)
    assert code == 2
    assert out == ""
    assert "Traceback" not in err
    assert err.startswith("cascade: error: ")
    assert f"{len(bad)} problems" in err
    problem_lines = [line for line in err.splitlines() if line.startswith("  - ")]
    assert len(problem_lines) == len(bad)
    for (table, row, column), line in zip(bad, problem_lines, strict=True):
        assert f"{table}.csv, table {table}, row {row}, column {column}:" in line
    assert not (tmp_path / "out.json").exists()


def test_every_problem_is_listed_beyond_the_exceptions_own_limit(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    folder = tmp_path / "many"
    _broken_workbook(folder)
    rows = ["indicator_id,period,target"] + [f"I1,{2000 + i},x{i}" for i in range(60)]
    _write_csv(folder, "targets", rows)
    code, _, err = run(capsys, "info", folder)
    assert code == 2
    for i in range(60):
        assert f"row {i + 2}, column target: " in err
    assert "see .problems" not in err


def test_missing_path(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    missing = tmp_path / "nowhere.xlsx"
    code, out, err = run(capsys, "info", missing)
    assert (code, out) == (2, "")
    assert err == f"cascade: error: {missing}: no such file or folder\n"


def test_unknown_suffix(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    odd = tmp_path / "kota.txt"
    odd.write_text("hello", encoding="utf-8")
    code, _, err = run(capsys, "info", odd)
    assert code == 2
    assert "cannot tell the workbook format" in err


def test_unwritable_target(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, example_files: dict
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("", encoding="utf-8")
    code, out, err = run(capsys, "convert", example_files["json"], blocker / "kota.json")
    assert (code, out) == (2, "")
    assert err.startswith("cascade: error: ")
    assert "Traceback" not in err


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["frobnicate"], "invalid choice: 'frobnicate'"),
        ([], "a command is required"),
        (["info"], "the following arguments are required: PATH"),
        (["info", "kota.xlsx", "--format", "xml"], "invalid choice: 'xml'"),
        (["convert", "a.xlsx", "b.json", "--to", "pdf"], "invalid choice: 'pdf'"),
        (["demo", "--loud"], "unrecognized arguments: --loud"),
    ],
)
def test_usage_errors(capsys: pytest.CaptureFixture[str], argv: list[str], message: str) -> None:
    code, out, err = run(capsys, *argv)
    assert (code, out) == (2, "")
    assert err.startswith("usage: cascade")
    assert message in err
    assert "Traceback" not in err


def test_help(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--help")
    assert code == 0
    for command in ("info", "convert", "demo"):
        assert command in out

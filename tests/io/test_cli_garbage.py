"""The command line fed garbage: exit status 2, one line on stderr, never a traceback.

Most cases run the CLI in-process through ``main(argv)``; the issue's "done when" cases (a
truncated xlsx, a binary file as ``x.csv`` and as ``units.csv`` in a folder, a JSON bomb)
also run as a real process, to hold the exact stderr and exit status a script sees.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from tests.io._hostile import tiny

from cascade.cli import main
from cascade.datasets import load_example
from cascade.io import write

AS_OF = "2024"

#: Every command that reads a workbook, with the arguments it needs around the path.
COMMANDS: dict[str, Callable[[Path, Path], list[str]]] = {
    "info": lambda path, out: ["info", str(path)],
    "check": lambda path, out: ["check", str(path)],
    "convert": lambda path, out: ["convert", str(path), str(out / "hasil.json")],
    "propagate": lambda path, out: ["propagate", str(path), "--as-of", AS_OF],
    "report": lambda path, out: [
        "report",
        str(path),
        "--as-of",
        AS_OF,
        "--output",
        str(out / "r.html"),
    ],
}


def truncated_xlsx(folder: Path) -> Path:
    data = write(tiny(), folder / "full.xlsx").read_bytes()
    path = folder / "kota.xlsx"
    path.write_bytes(data[: len(data) // 2])
    return path


def binary_csv(folder: Path) -> Path:
    path = folder / "x.csv"
    path.write_bytes(bytes(range(256)) * 8)
    return path


def binary_units_csv(folder: Path) -> Path:
    path = write(tiny(), folder / "kota")
    (path / "units.csv").write_bytes(bytes(range(256)) * 8)
    return path


def deep_json(folder: Path) -> Path:
    path = folder / "kota.json"
    path.write_text("[" * 100_000 + "]" * 100_000)
    return path


def flat_json(folder: Path) -> Path:
    path = folder / "kota.json"
    path.write_text('{"units": [' + ",".join(["0"] * 1_000_000) + "]}")
    return path


def random_json(folder: Path) -> Path:
    path = folder / "kota.json"
    path.write_bytes(bytes(range(256)) * 4)
    return path


def empty_xlsx(folder: Path) -> Path:
    path = folder / "kota.xlsx"
    path.write_bytes(b"")
    return path


def folder_as_xlsx(folder: Path) -> Path:
    path = folder / "kota.xlsx"
    path.mkdir()
    return path


def missing(folder: Path) -> Path:
    return folder / "nowhere.xlsx"


def pipe(folder: Path) -> Path:
    path = folder / "kota.json"
    os.mkfifo(path)
    return path


def unknown_suffix(folder: Path) -> Path:
    path = folder / "kota.ods"
    path.write_bytes(b"PK\x03\x04")
    return path


GARBAGE: dict[str, tuple[Callable[[Path], Path], str]] = {
    "truncated xlsx": (truncated_xlsx, "cannot read the workbook"),
    "binary x.csv": (binary_csv, "give the folder"),
    "binary units.csv": (binary_units_csv, "units.csv: not a text file"),
    "deep json": (deep_json, "nested too deeply"),
    "flat json": (flat_json, "found a list of numbers"),
    "random json": (random_json, "not valid JSON"),
    "empty xlsx": (empty_xlsx, "not an xlsx file"),
    "folder as xlsx": (folder_as_xlsx, "the folder holds no table"),
    "missing": (missing, "no such file or folder"),
    "pipe": (pipe, "a device, a pipe or a socket"),
    "unknown suffix": (unknown_suffix, "cannot tell the workbook format"),
}


#: Every kind of garbage through check and convert; every command through a few kinds.
PAIRS = sorted(
    {(case, command) for case in GARBAGE for command in ("check", "convert")}
    | {
        (case, command)
        for case in ("truncated xlsx", "binary units.csv", "flat json", "pipe")
        for command in COMMANDS
    }
)


@pytest.mark.parametrize(("case", "command"), PAIRS)
def test_garbage_in_process(
    case: str, command: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    make, words = GARBAGE[case]
    path = make(tmp_path)
    out = tmp_path / "out"
    assert main(COMMANDS[command](path, out)) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.count("\n") == 1, captured.err
    assert captured.err.startswith("cascade: error: ")
    assert words in captured.err
    assert "Traceback" not in captured.err
    assert not out.exists()


def test_many_problems_are_listed_one_a_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = write(tiny(), tmp_path / "kota")
    rows = "".join(f"I1,2024,lots {i}\n" for i in range(500))
    (folder / "targets.csv").write_text("indicator_id,period,target\n" + rows)
    assert main(["check", str(folder)]) == 2
    err = capsys.readouterr().err.splitlines()
    assert err[0] == f"cascade: error: cannot read {folder}: 201 problems"
    assert err[1].startswith(f"  - {folder / 'targets.csv'}, table targets, row 2, column target")
    assert err[-1].endswith("300 more cells in this column cannot be read")
    assert len(err) == 202


def test_a_file_name_with_a_line_break_stays_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "kota\nbaru.json"
    path.write_text("{")
    assert main(["check", str(path)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "kota\\nbaru.json" in err


# ------------------------------------------------------------- as a script sees it


@pytest.mark.parametrize(
    "case", ["truncated xlsx", "binary x.csv", "binary units.csv", "deep json", "flat json"]
)
def test_the_done_when_cases_as_a_process(case: str, tmp_path: Path) -> None:
    make, words = GARBAGE[case]
    path = make(tmp_path)
    done = subprocess.run(
        [sys.executable, "-m", "cascade", "check", str(path)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 2
    assert done.stdout == ""
    assert done.stderr.count("\n") == 1, done.stderr
    assert done.stderr.startswith("cascade: error: ")
    assert words in done.stderr
    assert "Traceback" not in done.stderr


def test_an_invalid_policy_lists_its_problems_one_a_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    policy = tmp_path / "policy.toml"
    policy.write_text('floor = "abc"\n')
    folder = tmp_path / "kota"
    write(load_example(), folder)
    assert main(["check", str(folder), "--policy", str(policy)]) == 2
    err = capsys.readouterr().err.splitlines()
    assert err[0] == f"cascade: error: invalid policy in {policy}:"
    assert err[1].startswith(f"  - {policy}, column floor: Input should be a valid number")

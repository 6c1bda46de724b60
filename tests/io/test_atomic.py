"""Every writer replaces its file whole or not at all, and leaves no temporary file behind.

A failure is injected in the middle of each write (an exception after some of the file is
written, or a full disk at the final rename), then the test checks that the old file (or
folder) is exactly as it was, that no new file appeared, and that no temporary file is left,
neither beside the target nor in the system's temporary folder (where openpyxl streams the
sheets of a write-only workbook).
"""

from __future__ import annotations

import errno
import os
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from tests.io._hostile import tiny

import cascade
import cascade.io._csv as csv_module
import cascade.io._json as json_module
import cascade.io._xlsx as xlsx_module
from cascade.cli import main
from cascade.io._atomic import atomic_path, atomic_paths, atomic_text
from cascade.schema import TABLE_NAMES

AS_OF = "2024"


class InjectedError(Exception):
    """The failure a test injects."""


def full_disk(*_: object, **__: object) -> None:
    raise OSError(errno.ENOSPC, "No space left on device")


@pytest.fixture
def private_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The system temporary folder, private to this test (openpyxl's sheet streams go here)."""
    folder = tmp_path / "system-tmp"
    folder.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    return folder


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder`` with its bytes."""
    return {
        str(p.relative_to(folder)): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def fail_after(calls: int, real: Callable[..., Any]) -> Callable[..., Any]:
    """``real``, except that call number ``calls`` (from 1) raises :class:`InjectedError`."""
    count = 0

    def wrapper(*args: Any, **kwargs: Any) -> Any:
        nonlocal count
        count += 1
        if count == calls:
            msg = f"injected at call {calls}"
            raise InjectedError(msg)
        return real(*args, **kwargs)

    return wrapper


# ------------------------------------------------------------------------------ helpers


def write_then_fail(target: Path) -> None:
    with atomic_path(target) as tmp:
        tmp.write_text("half")
        raise InjectedError


def test_atomic_path_keeps_the_old_file_on_a_failure(tmp_path: Path) -> None:
    target = tmp_path / "a.txt"
    target.write_text("old")
    with pytest.raises(InjectedError):
        write_then_fail(target)
    assert snapshot(tmp_path) == {"a.txt": b"old"}


def write_text(target: Path, text: str) -> None:
    with atomic_text(target) as handle:
        handle.write(text)


def test_atomic_path_keeps_the_old_file_when_the_rename_fails(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "a.txt"
    target.write_text("old")
    monkeypatch.setattr(os, "replace", full_disk)
    with pytest.raises(OSError, match="No space"):
        write_text(target, "new")
    assert snapshot(tmp_path) == {"a.txt": b"old"}


def write_all(targets: list[Path], *, fail_after: int | None = None) -> None:
    with atomic_paths(targets) as temporaries:
        for i, tmp in enumerate(temporaries):
            if i == fail_after:
                raise InjectedError
            tmp.write_text("new")


def test_atomic_paths_writes_all_or_nothing(tmp_path: Path) -> None:
    targets = [tmp_path / f"{i}.csv" for i in range(3)]
    for target in targets[:2]:
        target.write_text("old")
    with pytest.raises(InjectedError):
        write_all(targets, fail_after=2)
    assert snapshot(tmp_path) == {"0.csv": b"old", "1.csv": b"old"}
    write_all(targets)
    assert snapshot(tmp_path) == {"0.csv": b"new", "1.csv": b"new", "2.csv": b"new"}


def test_atomic_paths_undoes_the_renames_when_one_fails(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    targets = [tmp_path / f"{i}.csv" for i in range(4)]
    for target in targets[:3]:
        target.write_text(f"old {target.name}")
    before = snapshot(tmp_path)
    real = os.replace
    commits = 0

    def replace(src: Any, dst: Any) -> None:
        nonlocal commits
        if str(dst).endswith(".csv") and not str(src).endswith(".old"):
            commits += 1
            if commits == 3:
                full_disk()
        real(src, dst)

    monkeypatch.setattr(os, "replace", replace)
    with pytest.raises(OSError, match="No space"):
        write_all(targets)
    assert snapshot(tmp_path) == before


def test_atomic_paths_refuses_a_folder_in_the_way(tmp_path: Path) -> None:
    (tmp_path / "a.csv").write_text("old")
    (tmp_path / "b.csv").mkdir()
    with pytest.raises(IsADirectoryError):
        write_all([tmp_path / "a.csv", tmp_path / "b.csv"])
    assert snapshot(tmp_path) == {"a.csv": b"old"}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.csv", "b.csv"]


# ---------------------------------------------------------------------- cascade.write


@pytest.fixture
def old_files(tmp_path: Path) -> Path:
    """A folder holding a workbook in each format, written from the example city."""
    folder = tmp_path / "out"
    example = cascade.load_example()
    for name in ("kota.xlsx", "kota.json", "kota"):
        cascade.write(example, folder / name)
    return folder


def test_a_failed_csv_folder_write_leaves_the_folder_as_it_was(
    old_files: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = snapshot(old_files)
    real = csv_module._write_text_table
    monkeypatch.setattr(csv_module, "_write_text_table", fail_after(4, real))
    with pytest.raises(InjectedError):
        cascade.write(tiny(), old_files / "kota")
    assert snapshot(old_files) == before  # not three new tables and three old ones


def test_a_failed_csv_folder_write_creates_no_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = csv_module._write_text_table
    monkeypatch.setattr(csv_module, "_write_text_table", fail_after(6, real))
    with pytest.raises(InjectedError):
        cascade.write(tiny(), tmp_path / "new" / "kota")
    assert not (tmp_path / "new" / "kota").exists()


def test_a_csv_folder_write_that_fails_at_a_rename_is_undone(
    old_files: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = snapshot(old_files)
    real = os.replace
    renames = 0

    def replace(src: Any, dst: Any) -> None:
        nonlocal renames
        if str(dst).endswith(".csv") and str(src).endswith(".tmp"):
            renames += 1
            if renames == len(TABLE_NAMES) - 1:
                full_disk()
        real(src, dst)

    monkeypatch.setattr(os, "replace", replace)
    with pytest.raises(OSError, match="No space"):
        cascade.write(tiny(), old_files / "kota")
    assert snapshot(old_files) == before


def test_a_failed_xlsx_write_leaves_no_file_and_no_sheet_streams(
    old_files: Path, private_tmp: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = snapshot(old_files)
    real = xlsx_module._write_sheet
    for name in ("kota.xlsx", "baru.xlsx"):  # replacing a workbook, and a new one
        monkeypatch.setattr(xlsx_module, "_write_sheet", fail_after(4, real))
        with pytest.raises(InjectedError):
            cascade.write(tiny(), old_files / name)
    assert snapshot(old_files) == before
    assert list(private_tmp.iterdir()) == []  # openpyxl's sheet files are gone too


def test_an_xlsx_write_that_fails_while_saving(
    old_files: Path, private_tmp: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import zipfile

    before = snapshot(old_files)
    real = zipfile.ZipFile.write
    monkeypatch.setattr(zipfile.ZipFile, "write", fail_after(3, real))  # the third sheet
    with pytest.raises(InjectedError):
        cascade.write(tiny(), old_files / "kota.xlsx")
    assert snapshot(old_files) == before
    assert list(private_tmp.iterdir()) == []


def test_a_failed_json_write_leaves_the_old_file(
    old_files: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = snapshot(old_files)
    real = json_module._lines

    def lines(city: cascade.Cascade) -> Iterator[str]:
        for i, line in enumerate(real(city)):
            if i == 12:
                raise InjectedError
            yield line

    monkeypatch.setattr(json_module, "_lines", lines)
    with pytest.raises(InjectedError):
        cascade.write(tiny(), old_files / "kota.json")
    assert snapshot(old_files) == before


# ------------------------------------------------------------- tables, report, pictures


@pytest.fixture(scope="module")
def results() -> cascade.Results:
    return cascade.propagate(cascade.load_example(), as_of=AS_OF)


def test_a_failed_tables_workbook(
    tmp_path: Path, private_tmp: Path, results: cascade.Results, monkeypatch: pytest.MonkeyPatch
) -> None:
    import cascade.tables._excel as excel
    from cascade.tables import lkjip_table, to_excel

    target = tmp_path / "lkjip.xlsx"
    target.write_bytes(b"old")
    monkeypatch.setattr(excel, "_write_sheet", fail_after(2, excel._write_sheet))
    table = lkjip_table(results, "PEMKO")
    with pytest.raises(InjectedError):
        to_excel({"a": table, "b": table, "c": table}, target)
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir() if p.is_file()] == ["lkjip.xlsx"]
    assert list(private_tmp.iterdir()) == []


@pytest.mark.parametrize("suffix", [".xlsx", ".html"])
def test_a_failed_report(
    suffix: str,
    tmp_path: Path,
    private_tmp: Path,
    results: cascade.Results,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from cascade.report import build_report

    bundle = build_report(results.cascade, as_of=AS_OF)
    target = tmp_path / f"laporan{suffix}"
    target.write_bytes(b"old")
    monkeypatch.setattr(os, "replace", full_disk)  # the disk fills up at the very end
    with pytest.raises(OSError, match="No space"):
        bundle.save(target)
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir() if p.is_file()] == [target.name]
    assert list(private_tmp.iterdir()) == []


def test_a_failed_picture(tmp_path: Path, results: cascade.Results) -> None:
    pytest.importorskip("matplotlib")
    pytest.importorskip("plotly")
    from cascade.plot import achievement_chart, sunburst

    for picture, name in (
        (achievement_chart(results), "capaian.png"),
        (sunburst(results), "kota.html"),
    ):
        target = tmp_path / name
        target.write_bytes(b"old")
        figure = picture.figure
        method = "savefig" if name.endswith(".png") else "write_html"
        real = getattr(figure, method)

        def half(file: Any, *args: Any, real: Any = real, **kwargs: Any) -> None:
            Path(file).write_bytes(b"half a picture")
            raise InjectedError

        setattr(figure, method, half)
        try:
            with pytest.raises(InjectedError):
                picture.save(target)
        finally:
            setattr(figure, method, real)
        assert target.read_bytes() == b"old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["capaian.png", "kota.html"]


# --------------------------------------------------------------------------- the CLI


@pytest.mark.parametrize(
    "argv",
    [
        ["propagate", "{src}", "--as-of", AS_OF, "--output", "{out}.csv"],
        ["propagate", "{src}", "--as-of", AS_OF, "--output", "{out}.json"],
        ["propagate", "{src}", "--as-of", AS_OF, "--output", "{out}.xlsx"],
        ["check", "{src}", "--output", "{out}.txt"],
        ["report", "{src}", "--as-of", AS_OF, "--output", "{out}.html"],
        ["report", "{src}", "--as-of", AS_OF, "--output", "{out}.xlsx"],
        ["convert", "{src}", "{out}.xlsx"],
        ["convert", "{src}", "{out}"],
    ],
    ids=lambda argv: f"{argv[0]}-{Path(argv[-1]).suffix or 'folder'}",
)
def test_a_cli_write_that_fails_on_a_full_disk(
    argv: list[str],
    tmp_path: Path,
    private_tmp: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    source = cascade.write(tiny(), tmp_path / "kota.json")
    out = tmp_path / "out" / "hasil"
    real = os.replace

    def replace(src: Any, dst: Any) -> None:
        if str(dst).startswith(str(out)):
            full_disk()
        real(src, dst)

    monkeypatch.setattr(os, "replace", replace)
    args = [a.format(src=source, out=out) for a in argv]
    assert main(args) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert err.startswith("cascade: error: ")
    assert "No space left on device" in err
    assert not (tmp_path / "out").exists() or list((tmp_path / "out").iterdir()) == []
    assert list(private_tmp.iterdir()) == []

"""Progress reporting: the callback contract, the terminal bar, and the CLI's options."""

from __future__ import annotations

import csv
import io
import threading
from pathlib import Path

import pytest

import cascade
from cascade.cli import main
from cascade.datasets import load_example
from cascade.progress import TerminalProgress, silent

Report = tuple[str, int, int]
FORMATS = {"xlsx": "kota.xlsx", "csv": "kota", "json": "kota.json"}


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("progress")
    city = load_example("with-defects")
    return {fmt: cascade.write(city, folder / name) for fmt, name in FORMATS.items()}


class Recorder:
    """A progress callback that keeps every report."""

    def __init__(self) -> None:
        self.reports: list[Report] = []

    def __call__(self, stage: str, done: int, total: int) -> None:
        self.reports.append((stage, done, total))

    def stages(self) -> list[str]:
        """The stages in the order they ran (a repeated stage is listed again)."""
        return [
            s for i, (s, _, _) in enumerate(self.reports) if i == 0 or self.reports[i - 1][0] != s
        ]


def assert_contract(reports: list[Report]) -> None:
    """Each stage starts at 0 and ends at its total; done stays within 0..total, never falls."""
    assert reports
    runs: list[list[Report]] = []
    for report in reports:
        if not runs or runs[-1][-1][0] != report[0] or runs[-1][-1][1] == runs[-1][-1][2]:
            runs.append([])  # a new stage: another name, or the last one complete
        runs[-1].append(report)
    for run in runs:
        _, first, total = run[0]
        assert first == 0, run
        assert {t for _, _, t in run} == {total}, run
        done = [d for _, d, _ in run]
        assert done == sorted(done), run
        assert all(0 <= d <= total for d in done), run
        assert done[-1] == total, run


# ------------------------------------------------------------------ library: silent by default


def test_library_calls_print_nothing_by_default(
    files: dict[str, Path], tmp_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    for path in files.values():
        city = cascade.read(path)
    cascade.write(city, tmp_path / "out.xlsx")
    cascade.check(city)
    cascade.propagate(city, as_of="2024")
    assert capfd.readouterr() == ("", "")


def test_silent_is_a_progress_callback_that_does_nothing(
    files: dict[str, Path], capfd: pytest.CaptureFixture[str]
) -> None:
    city = cascade.read(files["json"], progress=silent)
    cascade.check(city, progress=silent)
    assert capfd.readouterr() == ("", "")


# ------------------------------------------------------------ library: what a callback hears


@pytest.mark.parametrize("fmt", FORMATS)
def test_read_reports_one_read_stage(fmt: str, files: dict[str, Path]) -> None:
    recorder = Recorder()
    cascade.read(files[fmt], progress=recorder)
    if fmt == "csv":  # a step per file (six tables), then one for checking the cells
        assert recorder.reports == [("read", k, 7) for k in range(8)]
    else:
        assert recorder.reports == [("read", 0, 1), ("read", 1, 1)]


@pytest.mark.parametrize("fmt", FORMATS)
def test_write_reports_one_write_stage(fmt: str, tmp_path: Path) -> None:
    recorder = Recorder()
    load_example().write(tmp_path / FORMATS[fmt], progress=recorder)
    assert recorder.reports == [("write", 0, 1), ("write", 1, 1)]


def test_check_reports_a_step_per_rule() -> None:
    recorder = Recorder()
    report = cascade.check(load_example("with-defects"), progress=recorder)
    assert recorder.stages() == ["check"]
    assert_contract(recorder.reports)
    total = recorder.reports[0][2]
    assert total >= len(report.rules) > 1
    assert [d for _, d, _ in recorder.reports] == list(range(total + 1))


def test_check_of_one_rule_is_one_step() -> None:
    recorder = Recorder()
    cascade.check(load_example(), select=["orphan-goal"], progress=recorder)
    assert recorder.reports == [("check", 0, 1), ("check", 1, 1)]


def test_propagate_reports_five_steps() -> None:
    recorder = Recorder()
    cascade.propagate(load_example(), as_of="2024", progress=recorder)
    assert recorder.reports == [("propagate", done, 5) for done in range(6)]


def test_one_callback_for_a_whole_run(files: dict[str, Path]) -> None:
    recorder = Recorder()
    city = cascade.read(files["xlsx"], progress=recorder)
    cascade.check(city, progress=recorder)
    cascade.propagate(city, as_of="2024", progress=recorder)
    assert recorder.stages() == ["read", "check", "propagate"]
    assert_contract(recorder.reports)


def test_progress_is_keyword_only(files: dict[str, Path]) -> None:
    with pytest.raises(TypeError):
        cascade.read(files["json"], None, Recorder())  # type: ignore[misc]


def test_a_failing_read_ends_its_stage_early(tmp_path: Path) -> None:
    folder = tmp_path / "broken"
    load_example().write(folder)
    targets = folder / "targets.csv"
    header, first, *rest = targets.read_text(encoding="utf-8").splitlines()
    cells = first.split(",")
    cells[header.split(",").index("target")] = "sembilan puluh"
    targets.write_text("\n".join([header, ",".join(cells), *rest]) + "\n", encoding="utf-8")
    recorder = Recorder()
    with pytest.raises(cascade.InputError):
        cascade.read(folder, progress=recorder)
    assert recorder.reports == [("read", k, 7) for k in range(7)]  # no final report


# ------------------------------------------------------------------------ the terminal bar


class Clock:
    """A fake clock: seconds that move only when a test says so."""

    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def bar(
    clock: Clock, *, delay: float = 0, enabled: bool | None = True, stream: io.StringIO
) -> TerminalProgress:
    return TerminalProgress(stream, enabled=enabled, delay=delay, width=10, clock=clock)


def drawn(text: str) -> list[str]:
    """The lines drawn, without the padding that blanks a longer earlier line."""
    return [part.rstrip() for part in text.split("\r") if part.strip()]


def test_bar_with_no_delay_redraws_one_line_and_blanks_it_at_the_end() -> None:
    clock, out = Clock(), io.StringIO()
    progress = bar(clock, stream=out)
    progress("check", 0, 4)
    clock.now = 1.0
    progress("check", 1, 4)
    clock.now = 2.0
    progress("check", 4, 4)
    assert drawn(out.getvalue()) == [
        "check      [----------]   0%  0:00",
        "check      [##--------]  25%  0:01",
        "check      [##########] 100%  0:02",
    ]
    assert "\n" not in out.getvalue()
    assert out.getvalue().startswith("\r")
    progress.close()
    assert out.getvalue().endswith("\r" + " " * 34 + "\r")


def test_bar_redraws_at_most_once_per_interval() -> None:
    clock, out = Clock(), io.StringIO()
    progress = bar(clock, stream=out)
    for step in range(100):  # 100 reports within 0.099 s
        clock.now = step / 1000
        progress("check", step, 100)
    assert drawn(out.getvalue()) == ["check      [----------]   0%  0:00"]
    clock.now = 0.1
    progress("check", 100, 100)
    assert len(drawn(out.getvalue())) == 2


def test_bar_does_not_redraw_the_same_text() -> None:
    clock, out = Clock(), io.StringIO()
    progress = bar(clock, stream=out)
    progress("read", 0, 1)
    clock.now = 0.5
    progress("read", 0, 1)
    assert out.getvalue().count("\r") == 1


def test_a_fast_run_with_the_default_delay_writes_nothing() -> None:
    clock, out = Clock(), io.StringIO()
    progress = TerminalProgress(out, enabled=True, clock=clock)
    for step in range(41):
        clock.now = step * 0.04  # 1.6 s in all: under the 2 s delay
        progress("check", step, 40)
    progress.close()
    assert out.getvalue() == ""


def test_the_bar_appears_once_the_delay_is_over() -> None:
    clock, out = Clock(), io.StringIO()
    progress = bar(clock, delay=2, stream=out)
    progress("read", 0, 1)
    clock.now = 1.9
    progress("read", 1, 1)
    progress("check", 0, 2)
    assert out.getvalue() == ""
    clock.now = 2.5
    progress("check", 1, 2)
    assert drawn(out.getvalue()) == ["check      [#####-----]  50%  0:02"]


def test_a_shorter_line_blanks_the_rest_of_a_longer_one() -> None:
    clock, out = Clock(), io.StringIO()
    progress = bar(clock, stream=out)
    progress("a rather long stage name", 0, 1)
    clock.now = 1.0
    progress("read", 0, 1)
    first, second = out.getvalue().split("\r")[1:]
    assert len(second) == len(first)
    assert second.startswith("read ")


def test_closing_ends_the_run_and_the_next_waits_again() -> None:
    clock, out = Clock(), io.StringIO()
    progress = bar(clock, delay=2, stream=out)
    progress("read", 0, 1)
    clock.now = 3.0
    progress("read", 1, 1)
    progress.close()
    written = out.getvalue()
    assert written
    progress("check", 0, 1)  # a new run, started at t = 3
    clock.now = 4.0
    progress("check", 1, 1)
    assert out.getvalue() == written


def test_closing_without_drawing_writes_nothing() -> None:
    out = io.StringIO()
    with TerminalProgress(out, enabled=True, background=False):
        pass
    assert out.getvalue() == ""


class FakeTerminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_enabled_by_default_only_on_a_terminal() -> None:
    assert not TerminalProgress(io.StringIO()).enabled
    assert TerminalProgress(FakeTerminal()).enabled
    closed = io.StringIO()
    closed.close()
    assert not TerminalProgress(closed).enabled


def test_disabled_writes_nothing_even_without_delay() -> None:
    clock, out = Clock(), FakeTerminal()
    progress = bar(clock, enabled=False, stream=out)
    with progress:
        progress("check", 0, 1)
        clock.now = 10
        progress("check", 1, 1)
    assert out.getvalue() == ""


def test_a_failing_stream_stops_the_bar_without_raising() -> None:
    class Broken(io.StringIO):
        def write(self, text: str) -> int:
            raise BrokenPipeError

    progress = bar(Clock(), stream=Broken())
    progress("check", 0, 1)
    assert not progress.enabled
    progress.close()


@pytest.mark.parametrize(
    "options", [{"delay": -1}, {"interval": -0.1}, {"delay": float("nan")}, {"width": 0}]
)
def test_invalid_settings(options: dict[str, float]) -> None:
    with pytest.raises(ValueError, match="must be"):
        TerminalProgress(io.StringIO(), **options)  # type: ignore[arg-type]


def test_the_background_thread_shows_a_long_step_that_reports_nothing() -> None:
    """Reading is one step: the thread draws it once the delay is over, without a report."""

    class Signalling(io.StringIO):
        def __init__(self) -> None:
            super().__init__()
            self.written = threading.Event()

        def write(self, text: str) -> int:
            self.written.set()
            return super().write(text)

    clock, out = Clock(), Signalling()
    with TerminalProgress(out, enabled=True, delay=2, width=10, clock=clock) as progress:
        progress("read", 0, 1)
        assert out.getvalue() == ""
        clock.now = 5.0  # no report: only the thread can draw
        assert out.written.wait(timeout=30)
    assert drawn(out.getvalue()) == ["read       [----------]   0%  0:05"]
    assert out.getvalue().endswith("\r" + " " * 34 + "\r")


# ---------------------------------------------------------------------------------- the CLI


@pytest.fixture
def no_delay(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CASCADE_PROGRESS_DELAY", "0")


def run(capsys: pytest.CaptureFixture[str], *argv: object) -> tuple[int, str, str]:
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def assert_bar(err: str, first_stage: str) -> None:
    """A bar redrawn in place, starting at ``first_stage``, and blanked at the end."""
    assert err.startswith(f"\r{first_stage} ")
    assert "\n" not in err
    assert err.endswith("\r")
    assert "%" in err


@pytest.mark.usefixtures("no_delay")
def test_check_with_progress_draws_on_stderr_and_keeps_stdout_clean(
    files: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(capsys, "check", files["xlsx"], "--format", "csv", "--progress")
    assert code == 1
    assert_bar(err, "read")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert rows
    assert rows[0]["code"].startswith("CAS")
    assert "\r" not in out
    assert run(capsys, "check", files["xlsx"], "--format", "csv", "--no-progress") == (1, out, "")


@pytest.mark.usefixtures("no_delay")
def test_propagate_with_progress(
    files: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    argv = ["propagate", files["csv"], "--as-of", "2024", "--format", "csv"]
    code, out, err = run(capsys, *argv, "--progress")
    assert code == 0
    assert_bar(err, "read")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert rows[0]["indicator_id"]
    assert run(capsys, *argv, "--no-progress") == (0, out, "")


@pytest.mark.usefixtures("no_delay")
def test_info_and_convert_with_progress(
    files: dict[str, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(capsys, "info", files["json"], "--format", "json", "--progress")
    assert code == 0
    assert_bar(err, "read")
    assert run(capsys, "info", files["json"], "--format", "json") == (0, out, "")
    code, out, err = run(capsys, "convert", files["json"], tmp_path / "k.xlsx", "--progress")
    assert code == 0
    assert_bar(err, "read")
    assert out.startswith("wrote ")


@pytest.mark.usefixtures("no_delay")
def test_no_bar_when_stderr_is_not_a_terminal(
    files: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run(capsys, "check", files["json"], "--format", "csv")
    assert (code, err) == (1, "")


def test_no_bar_within_the_default_delay(
    files: dict[str, Path], capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("CASCADE_PROGRESS_DELAY", raising=False)
    monkeypatch.setattr("cascade.cli.PROGRESS_DELAY", 3600.0)  # no run takes an hour
    code, _, err = run(capsys, "check", files["json"], "--format", "csv", "--progress")
    assert (code, err) == (1, "")


@pytest.mark.usefixtures("no_delay")
def test_an_error_starts_on_a_blank_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "broken"
    load_example().write(folder)
    (folder / "targets.csv").write_text("indicator_id,period,target\nX,2024,abc\n")
    code, out, err = run(capsys, "info", folder, "--progress")
    assert (code, out) == (2, "")
    bar_part, message = err.rsplit("\r", 1)
    assert bar_part.startswith("\rread ")
    assert message.startswith("cascade: error: ")


@pytest.mark.parametrize("value", ["soon", "-1", "nan"])
def test_an_unusable_delay_is_a_usage_error(
    value: str,
    files: dict[str, Path],
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("CASCADE_PROGRESS_DELAY", value)
    code, out, err = run(capsys, "info", files["json"])
    assert (code, out) == (2, "")
    assert err.startswith(f"cascade: error: CASCADE_PROGRESS_DELAY={value!r}")
    assert run(capsys, "info", files["json"], "--no-progress")[0] == 0


def test_commands_that_read_take_the_progress_options(capsys: pytest.CaptureFixture[str]) -> None:
    for command in ("info", "convert", "check", "propagate"):
        assert main([command, "--help"]) == 0
        assert "--progress, --no-progress" in capsys.readouterr().out


def test_assess_reports_one_check_step_per_rule() -> None:
    from cascade.checks import CATALOGUE

    recorder = Recorder()
    cascade.assess(load_example(), as_of=2024, progress=recorder)
    total = len(CATALOGUE)
    assert recorder.reports[0] == ("check", 0, total)
    assert recorder.reports[-1] == ("check", total, total)
    assert_contract(recorder.reports)

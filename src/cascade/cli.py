"""The ``cascade`` command line.

Commands
--------
``cascade info PATH``
    What a workbook holds: rows per table, owners per level, goals per kind, key indicators,
    periods and extra columns; ``--format json`` for a machine-readable summary.
``cascade convert IN OUT``
    Read a workbook in any format and write it in any other (xlsx, a CSV folder, JSON).
``cascade check PATH``
    Check a workbook against the rule catalogue; ``--format text|json|csv|junit``. Exit
    status 1 when it finds errors.
``cascade propagate PATH --as-of PERIOD``
    Achievement (capaian) for one period, bottom-up: per indicator, goal, owner and budget
    line (``--level``); ``--format table|csv|json|xlsx``.
``cascade assess PATH --as-of PERIOD``
    What the SAKIP evaluation worksheet (LKE) would find: the score range under each
    estimator, the part the data decide and the fixes ranked by points
    (``--profile``, ``--answers``, ``--format text|json|xlsx``).
``cascade report PATH --as-of PERIOD --output FILE``
    The performance report (LKjIP) of one period as an xlsx workbook or one HTML page, with
    the LKE readiness section (``--no-lke`` leaves it out; ``--profile``, ``--answers``).
``cascade rules [NAME]``
    The rule catalogue, or one rule explained.
``cascade demo``
    A first look at the bundled example city, Kota Contoh.
``cascade --version``
    The installed version.

Exit codes: 0 on success (for ``cascade propagate`` also when its figures come with
findings); 1 when ``cascade check`` finds errors; 2 when the input or the arguments cannot be
used (every :class:`~cascade.errors.CascadeError`, a file that cannot be opened or written,
an unknown command or option, not enough memory). The message goes to stderr, never a
traceback: one line when one thing is wrong (``cascade: error: kota.xlsx: cannot read the
workbook: ...``), else a summary line and a line per problem. An exception of any other kind
is a bug in ``cascade`` and propagates with its traceback.

Output is plain text without colours, and does not depend on the terminal's width or on the
clock, so it can be compared and scripted.

Progress: every command that reads a workbook draws a progress bar on stderr
(:class:`~cascade.progress.TerminalProgress`) while it reads, checks, propagates or writes,
when stderr is a terminal and the work takes longer than :data:`PROGRESS_DELAY` seconds
(the environment variable ``CASCADE_PROGRESS_DELAY`` sets another delay). ``--no-progress``
turns it off, ``--progress`` draws it whatever stderr is. Never on stdout.

>>> main(["--version"])  # doctest: +ELLIPSIS
cascade ...
0
"""

from __future__ import annotations

import argparse
import functools
import json
import math
import os
import shlex
import sys
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn, TextIO

from cascade import __version__
from cascade.engine import LEVELS
from cascade.errors import CascadeError, InputError, UsageError
from cascade.io import Format, detect_format, read, write
from cascade.progress import DEFAULT_DELAY, TerminalProgress
from cascade.schema import TABLE_NAMES

if TYPE_CHECKING:
    import pandas as pd
    from openpyxl import Workbook

    from cascade.engine import Results
    from cascade.engine._results import Level
    from cascade.model import Cascade
    from cascade.period import Period

__all__ = ["DEMO_SECTIONS", "PROGRESS_DELAY", "DemoData", "Section", "main"]

#: Exit status when the input or the command line cannot be used.
EXIT_USAGE = 2
#: The most problems of an unreadable workbook listed on stderr; the rest are counted.
LISTED_PROBLEMS = 1000
#: Seconds a command works before its progress bar appears, unless the environment variable
#: ``CASCADE_PROGRESS_DELAY`` says otherwise.
PROGRESS_DELAY = DEFAULT_DELAY
_FORMATS: tuple[Format, ...] = ("xlsx", "csv", "json")
_PROPAGATE_FORMATS = ("table", "csv", "json", "xlsx")
_HELP_WIDTH = 88


# ------------------------------------------------------------------------ argument parsing


class _ArgumentError(Exception):
    """A command line argparse cannot use; carries the usage of the parser that failed."""

    def __init__(self, message: str, usage: str) -> None:
        super().__init__(message)
        self.usage = usage


class _Formatter(argparse.HelpFormatter):
    """Help text at a fixed width, so it does not depend on the terminal."""

    def __init__(self, prog: str) -> None:
        super().__init__(prog, width=_HELP_WIDTH, max_help_position=30)


class _Parser(argparse.ArgumentParser):
    """An argument parser that raises on a usage error instead of exiting."""

    def error(self, message: str) -> NoReturn:
        raise _ArgumentError(message, self.format_usage())


def _parser_options() -> dict[str, Any]:
    options: dict[str, Any] = {"formatter_class": _Formatter}
    if sys.version_info >= (3, 14):  # pragma: no cover - argparse colours from 3.14 on
        options["color"] = False
    return options


def _build_parser() -> _Parser:
    parser = _Parser(
        prog="cascade",
        description="Penjenjangan kinerja: read, convert and inspect SAKIP performance "
        "cascades (xlsx workbooks, folders of CSV files, JSON).",
        epilog="Start with `cascade demo`. Exit status: 0 success, 2 unusable input or arguments.",
        **_parser_options(),
    )
    parser.add_argument("--version", action="store_true", help="print the version and exit")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", title="commands")

    info = commands.add_parser(
        "info",
        help="summarise a workbook: tables, owners, goals, indicators, periods",
        description="Summarise a workbook: rows per table, owners per level, goals per kind, "
        "key indicators (IKU), periods and extra columns.",
        **_parser_options(),
    )
    info.add_argument("path", metavar="PATH", help="a .xlsx file, a .json file or a CSV folder")
    info.add_argument(
        "--format",
        choices=("text", "json"),
        default="text",
        help="text (default) or json on stdout",
    )
    info.add_argument(
        "--from",
        dest="source_format",
        choices=_FORMATS,
        help="the workbook format of PATH (default: from its suffix; a folder is CSV)",
    )
    _add_progress_option(info)
    info.set_defaults(run=_run_info)

    convert = commands.add_parser(
        "convert",
        help="read a workbook in one format and write it in another",
        description="Read a workbook and write it again, in the format of OUT: a .xlsx file, "
        "a .json file, or a folder of <table>.csv files (a path without a suffix). Extra "
        "columns and row order are kept.",
        **_parser_options(),
    )
    convert.add_argument("source", metavar="IN", help="the workbook to read")
    convert.add_argument("target", metavar="OUT", help="where to write it")
    convert.add_argument(
        "--from",
        dest="source_format",
        choices=_FORMATS,
        help="the format of IN (default: from its suffix)",
    )
    convert.add_argument(
        "--to",
        dest="target_format",
        choices=_FORMATS,
        help="the format of OUT (default: from its suffix)",
    )
    _add_progress_option(convert)
    convert.set_defaults(run=_run_convert)

    check = commands.add_parser(
        "check",
        help="check a workbook against the rule catalogue",
        description="Check a workbook for consistency: orphaned or misaligned goals and "
        "indicators, targets that do not add up, broken links to the budget, … Exit status: "
        "0 no error findings, 1 error findings, 2 unusable input or arguments. A policy is "
        "read from --policy, else from a cascade.toml or a pyproject.toml [tool.cascade] "
        "beside the workbook.",
        **_parser_options(),
    )
    check.add_argument("path", metavar="PATH", help="a .xlsx file, a .json file or a CSV folder")
    check.add_argument(
        "--period",
        action="append",
        help="a period to check (repeatable; default: every year with a target)",
    )
    check.add_argument(
        "--select",
        action="append",
        help="rules to run: names, codes, code prefixes (CAS2), categories or families; "
        "comma-separated or repeated",
    )
    check.add_argument("--ignore", action="append", help="rules not to run (as --select)")
    check.add_argument(
        "--format", choices=("text", "json", "csv", "junit"), default="text", help="output format"
    )
    check.add_argument("--output", metavar="FILE", help="write the report here, not to stdout")
    check.add_argument("--policy", metavar="FILE", help="a cascade.toml or pyproject.toml")
    check.add_argument("--from", dest="source_format", choices=_FORMATS, help="format of PATH")
    _add_progress_option(check)
    check.set_defaults(run=_run_check)

    propagate = commands.add_parser(
        "propagate",
        help="compute achievement (capaian) for one period: indicators, goals, owners, budget",
        description="Compute, for one period, each indicator's realisation and achievement "
        "(capaian), each goal's and owner's achievement and the budget figures, bottom-up "
        "through the cascade, and write one level of them. A policy is read from --policy, "
        "else from a cascade.toml or a pyproject.toml [tool.cascade] beside the workbook. "
        "Exit status: 0 success (findings too), 2 unusable input or arguments.",
        **_parser_options(),
    )
    propagate.add_argument(
        "path", metavar="PATH", help="a .xlsx file, a .json file or a CSV folder"
    )
    propagate.add_argument(
        "--as-of",
        required=True,
        metavar="PERIOD",
        help="the period to compute: a year (2024), a quarter (2024Q1) or a month (2024-03)",
    )
    propagate.add_argument(
        "--level",
        choices=LEVELS,
        help="the table to write (default: indicators); xlsx has every level",
    )
    propagate.add_argument(
        "--format",
        choices=_PROPAGATE_FORMATS,
        help="output format (default: from the suffix of --output, else table); xlsx "
        "needs --output",
    )
    propagate.add_argument("--output", metavar="FILE", help="write here, not to stdout")
    propagate.add_argument("--policy", metavar="FILE", help="a cascade.toml or pyproject.toml")
    propagate.add_argument("--from", dest="source_format", choices=_FORMATS, help="format of PATH")
    _add_progress_option(propagate)
    propagate.set_defaults(run=_run_propagate)

    _add_assess_parser(commands)
    _add_report_parser(commands)

    rules = commands.add_parser(
        "rules",
        help="list the rule catalogue, or explain one rule",
        description="List every rule with its code, severity and category; with a name or "
        "code, explain that rule.",
        **_parser_options(),
    )
    rules.add_argument("rule", metavar="NAME", nargs="?", help="a rule name or code")
    rules.add_argument("--format", choices=("text", "json"), default="text", help="output")
    rules.set_defaults(run=_run_rules)

    demo = commands.add_parser(
        "demo",
        help="a first look at the bundled example city, Kota Contoh",
        description="Show the bundled example city, Kota Contoh: its owners and goals, the "
        "city's key indicators (IKU) with their targets, how one employee's indicator "
        "cascades up to an IKU, and the defects planted in its 'with-defects' variant.",
        **_parser_options(),
    )
    demo.set_defaults(run=_run_demo)
    return parser


def _add_assess_parser(commands: Any) -> None:
    assess = commands.add_parser(
        "assess",
        help="estimate the SAKIP evaluation (LKE) score range and rank the fixes",
        description="Run every rule, the evaluation rules included, for the year of --as-of, "
        "turn the findings into answers to the LKE criteria that data decide, and show the "
        "score range under each estimator, the part the data decided and the fixes ranked "
        "by the points they are worth. Criteria data cannot decide are ranges unless "
        "--answers gives them. Exit status: 0 success, 2 unusable input or arguments.",
        **_parser_options(),
    )
    assess.add_argument("path", metavar="PATH", help="a .xlsx file, a .json file or a CSV folder")
    assess.add_argument(
        "--as-of",
        required=True,
        metavar="PERIOD",
        help="the year assessed (2024), or a quarter or month inside it for an in-year look",
    )
    assess.add_argument(
        "--profile",
        default="national-88-2021",
        help="an LKE profile: national-88-2021 (default), trenggalek-opd or a profile JSON file",
    )
    assess.add_argument(
        "--answers", metavar="FILE", help="answers for criteria data cannot decide (CSV or JSON)"
    )
    assess.add_argument(
        "--format",
        choices=("text", "json", "xlsx"),
        default="text",
        help="output format (default text); xlsx needs --output",
    )
    assess.add_argument("--output", metavar="FILE", help="write here, not to stdout")
    assess.add_argument("--policy", metavar="FILE", help="a cascade.toml or pyproject.toml")
    assess.add_argument("--from", dest="source_format", choices=_FORMATS, help="format of PATH")
    _add_progress_option(assess)
    assess.set_defaults(run=_run_assess)


def _add_report_parser(commands: Any) -> None:
    """The ``report`` subcommand's parser."""
    report = commands.add_parser(
        "report",
        help="write the performance report of one period: an xlsx workbook or an HTML page",
        description="Write the performance report of one period: the summary, the LKjIP "
        "achievement tables of the city and its agencies, the cascading matrix, the PK "
        "annexes, the budget per owner and per goal, the findings, and the LKE readiness "
        "estimate (what `cascade assess` shows, for the year of --as-of; --no-lke leaves it "
        "out). --output FILE.xlsx writes a workbook, one sheet each; --output FILE.html one "
        "self-contained page (with pictures when the plot extra is installed) that opens in a "
        "browser with no server. A policy is read from --policy, else from a cascade.toml or "
        "a pyproject.toml [tool.cascade] beside the workbook. Exit status: 0 success, 2 "
        "unusable input or arguments.",
        **_parser_options(),
    )
    report.add_argument("path", metavar="PATH", help="a .xlsx file, a .json file or a CSV folder")
    report.add_argument(
        "--as-of",
        required=True,
        metavar="PERIOD",
        help="the period to report: a year (2024), a quarter (2024Q1) or a month (2024-03)",
    )
    report.add_argument(
        "--output",
        required=True,
        metavar="FILE",
        help="the report to write: .xlsx (a workbook) or .html (one page)",
    )
    report.add_argument("--policy", metavar="FILE", help="a cascade.toml or pyproject.toml")
    report.add_argument("--from", dest="source_format", choices=_FORMATS, help="format of PATH")
    report.add_argument(
        "--lke",
        action=argparse.BooleanOptionalAction,
        default=True,
        help="the LKE readiness section (default); --no-lke leaves it out",
    )
    report.add_argument(
        "--profile",
        help="the LKE profile: national-88-2021 (default), trenggalek-opd or a profile JSON "
        "file, as for cascade assess",
    )
    report.add_argument(
        "--answers",
        metavar="FILE",
        help="answers for the LKE criteria data cannot decide (CSV or JSON), as for cascade "
        "assess",
    )
    _add_progress_option(report)
    report.set_defaults(run=_run_report)


def _add_progress_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--progress",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="a progress bar on stderr when the work takes more than "
        f"{PROGRESS_DELAY:g} seconds: --progress always, --no-progress never (default: when "
        "stderr is a terminal)",
    )


def _progress(args: argparse.Namespace) -> TerminalProgress:
    """The progress bar of a command, on stderr, as ``--progress`` and the environment say.

    Use it as a context manager around the work and print the output after it, so the bar's
    line is blank again by then.
    """
    enabled: bool | None = args.progress
    delay = PROGRESS_DELAY
    given = os.environ.get("CASCADE_PROGRESS_DELAY", "").strip()
    if given and enabled is not False:
        try:
            delay = float(given)
        except ValueError:
            delay = math.nan
        if not delay >= 0:  # also NaN
            msg = f"CASCADE_PROGRESS_DELAY={given!r}: expected a number of seconds (such as 0.5)"
            raise UsageError(msg)
    return TerminalProgress(sys.stderr, enabled=enabled, delay=delay)


# ------------------------------------------------------------------------------- main


def main(argv: list[str] | None = None) -> int:
    """Run the command line; return the exit status.

    Parameters
    ----------
    argv
        The arguments after the program name; ``None`` for :data:`sys.argv`.
    """
    parser = _build_parser()
    try:
        try:
            args = parser.parse_args(argv)
        except SystemExit as done:  # --help
            return done.code if isinstance(done.code, int) else 0
        if args.version:
            print(f"cascade {__version__}")
            return 0
        if args.command is None:
            parser.error(
                "a command is required "
                "(info, convert, check, propagate, assess, report, rules or demo)"
            )
        run: Callable[[argparse.Namespace], int] = args.run
        return run(args)
    except _ArgumentError as exc:
        sys.stderr.write(exc.usage)
        _fail(str(exc))
    except InputError as exc:
        _fail(_describe_input_error(exc))
    except CascadeError as exc:  # messages written as lines (an invalid policy) keep them
        _fail(str(exc))
    except BrokenPipeError:  # pragma: no cover - e.g. `cascade demo | head`
        # Python flushes stdout at exit; point it at devnull so that does not fail too.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1
    except OSError as exc:  # the file system refused: permissions, a full disk, …
        _fail(_describe_os_error(exc))
    except MemoryError:
        _fail("not enough memory for this workbook")
    return EXIT_USAGE


def _fail(message: str) -> None:
    print(f"cascade: error: {message}", file=sys.stderr)


def _describe_input_error(exc: InputError) -> str:
    """The problems of an InputError, one a line (the exception's own text stops at 50).

    A single problem is one line, which names its file: a script can show it as it is. More
    are a summary line and then one line each, up to :data:`LISTED_PROBLEMS`.
    """
    n = len(exc.problems)
    if n == 1:
        problem = exc.problems[0]
        text = str(problem)
        if problem.file is None and exc.source:
            text = f"{exc.source}: {text}"
        return _one_line(text)
    what = f"{n} problem" + ("s" if n != 1 else "")
    head = f"cannot read {exc.source}: {what}" if exc.source else f"invalid input: {what}"
    lines = [f"  - {_one_line(str(p))}" for p in exc.problems[:LISTED_PROBLEMS]]
    if n > LISTED_PROBLEMS:
        lines.append(f"  … and {n - LISTED_PROBLEMS} more")
    return "\n".join([_one_line(head), *lines])


def _one_line(text: str) -> str:
    """Text with its line breaks escaped (a file name may hold one), so it stays one line."""
    return text.replace("\r", "\\r").replace("\n", "\\n")


def _describe_os_error(exc: OSError) -> str:
    reason = exc.strerror or str(exc)
    return _one_line(f"{exc.filename}: {reason}" if exc.filename else reason)


# ------------------------------------------------------------------------------- info


def _run_info(args: argparse.Namespace) -> int:
    fmt: Format = args.source_format or detect_format(args.path)
    with _progress(args) as progress:
        city = read(args.path, format=fmt, progress=progress)
    summary = _summary(city, path=args.path, fmt=fmt)
    if args.format == "json":
        print(json.dumps(summary, indent=2, ensure_ascii=False))
    else:
        print("\n".join(_info_text(summary)))
    return 0


def _summary(city: Cascade, *, path: str, fmt: Format) -> dict[str, Any]:
    counts = city.counts()
    return {
        "path": path,
        "format": fmt,
        **counts,
        "extra_columns": {name: city.extra_columns(name) for name in TABLE_NAMES},
    }


def _info_text(summary: dict[str, Any]) -> list[str]:
    goals_by_kind = dict(summary["goals_by_kind"])
    unstated = goals_by_kind.pop("unspecified", 0)
    if unstated:
        goals_by_kind["(kind not stated)"] = unstated
    extras = {t: ", ".join(cols) for t, cols in summary["extra_columns"].items() if cols}
    lines = [f"{summary['path']} ({summary['format']})", ""]
    lines += _block("Rows per table", summary["tables"])
    lines += _block("Owners per level", summary["units_by_level"])
    lines += _block("Goals per kind", goals_by_kind)
    lines += _table(
        [
            ("Key indicators (IKU)", str(summary["key_indicators"])),
            ("Periods", ", ".join(summary["periods"]) or "none"),
            ("Extra columns", "none" if not extras else ""),
        ],
        indent=0,
    )
    lines += _table(list(extras.items()))
    return lines


def _block(title: str, counts: dict[str, int]) -> list[str]:
    rows = [(name, str(n)) for name, n in counts.items()]
    return [title, *_table(rows, right=(1,)), ""]


def _table(
    rows: Sequence[Sequence[str]], *, indent: int = 2, right: Collection[int] = ()
) -> list[str]:
    """Rows of cells as aligned text; the columns in ``right`` are right-aligned."""
    if not rows:
        return []
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = []
    for row in rows:
        cells = [
            cell.rjust(widths[i]) if i in right else cell.ljust(widths[i])
            for i, cell in enumerate(row)
        ]
        lines.append((" " * indent + "  ".join(cells)).rstrip())
    return lines


# ---------------------------------------------------------------------------- convert


def _run_convert(args: argparse.Namespace) -> int:
    source_fmt: Format = args.source_format or detect_format(args.source)
    with _progress(args) as progress:
        city = read(args.source, format=source_fmt, progress=progress)
        target_fmt: Format = args.target_format or detect_format(args.target, for_writing=True)
        written = write(city, args.target, format=target_fmt, progress=progress)
    sizes = ", ".join(f"{n} {name}" for name, n in city.counts()["tables"].items())
    what = "a folder of CSV files" if target_fmt == "csv" else target_fmt
    print(f"wrote {written} ({what}): {sizes}")
    return 0


# ------------------------------------------------------------------------------ check

#: Exit status of ``cascade check`` when it found errors.
EXIT_FINDINGS = 1


def _split(values: list[str] | None) -> list[str] | None:
    if values is None:
        return None
    return [part.strip() for value in values for part in value.split(",") if part.strip()]


def _run_check(args: argparse.Namespace) -> int:
    from cascade.checks import check
    from cascade.checks._output import render_csv, render_junit, render_text
    from cascade.io._atomic import atomic_text
    from cascade.policy import Policy

    fmt: Format = args.source_format or detect_format(args.path)
    with _progress(args) as progress:
        city = read(args.path, format=fmt, progress=progress)
        policy = Policy.from_file(args.policy) if args.policy else Policy.discover(args.path)
        report = check(
            city,
            period=args.period,
            select=_split(args.select),
            ignore=_split(args.ignore),
            policy=policy,
            progress=progress,
        )
    if args.format == "json":
        text = report.to_json() + "\n"
    elif args.format == "csv":
        text = render_csv(report)
    elif args.format == "junit":
        text = render_junit(report)
    else:
        text = render_text(report, city)
    if args.output:
        from pathlib import Path

        with atomic_text(Path(args.output)) as handle:
            handle.write(text)
    else:
        sys.stdout.write(text)
    return 0 if report.ok else EXIT_FINDINGS


def _run_rules(args: argparse.Namespace) -> int:
    from cascade.checks import CATALOGUE, rule_by

    if args.rule is None:
        if args.format == "json":
            rows = [
                {
                    "code": r.code,
                    "name": r.name,
                    "severity": r.severity.value,
                    "category": r.category.value,
                    "family": r.family,
                    "status": r.status,
                    "summary": r.summary,
                }
                for r in CATALOGUE
            ]
            print(json.dumps(rows, indent=2, ensure_ascii=False))
            return 0
        rows_text = [("code", "name", "severity", "category", "what it flags")]
        rows_text += [
            (r.code, r.name, str(r.severity), str(r.category), r.summary.replace("``", ""))
            for r in CATALOGUE
        ]
        print("\n".join(_table(rows_text)))
        print("\n`cascade rules NAME` explains one rule.")
        return 0
    try:
        rule = rule_by(args.rule)
    except KeyError:
        msg = f"no rule named {args.rule!r}: `cascade rules` lists them"
        raise UsageError(msg) from None
    if args.format == "json":
        print(
            json.dumps(
                {
                    "code": rule.code,
                    "name": rule.name,
                    "severity": rule.severity.value,
                    "category": rule.category.value,
                    "summary": rule.summary,
                    **{k.lower().replace(" ", "_"): v for k, v in rule.sections().items()},
                },
                indent=2,
                ensure_ascii=False,
            )
        )
        return 0
    title = f"{rule.name} ({rule.code}): {rule.severity}, {rule.category}"
    print(f"{title}\n{'=' * len(title)}\n{rule.summary.replace('``', '')}")
    for heading, text in rule.sections().items():
        print(f"\n{heading}\n{'-' * len(heading)}\n{text.replace('``', '')}")
    return 0


# -------------------------------------------------------------------------- propagate

#: Columns ``--format table`` shows with one decimal: percentages.
_PERCENT_COLUMNS = frozenset({"achievement", "absorption", "efficiency"})
#: Long text columns ``--format table`` moves to the end of a row, so the figures line up.
_TEXT_COLUMNS = ("name", "statement")
_SUFFIX_FORMATS = {".csv": "csv", ".json": "json", ".xlsx": "xlsx"}


def _as_of(args: argparse.Namespace) -> Period:
    """The ``--as-of`` period; a period that does not parse is a usage error naming it."""
    from cascade.errors import InvalidPeriodError
    from cascade.period import Period

    try:
        return Period.parse(args.as_of)
    except InvalidPeriodError as exc:
        msg = f"--as-of: {exc}"
        raise UsageError(msg) from None


def _run_propagate(args: argparse.Namespace) -> int:
    from cascade.engine import propagate
    from cascade.policy import Policy

    as_of = _as_of(args)
    output_format = _propagate_format(args.format, args.output)
    if output_format == "xlsx":
        if not args.output:
            msg = "--format xlsx needs --output FILE: a workbook is not written to stdout"
            raise UsageError(msg)
        if args.level:
            msg = "--level does not apply to xlsx, which has a sheet for every level"
            raise UsageError(msg)
    if args.output and Path(args.output).resolve() == Path(args.path).resolve():
        msg = f"--output {args.output} is the workbook itself: write the results elsewhere"
        raise UsageError(msg)
    fmt: Format = args.source_format or detect_format(args.path)
    with _progress(args) as progress:
        city = read(args.path, format=fmt, progress=progress)
        policy = Policy.from_file(args.policy) if args.policy else Policy.discover(args.path)
        results = propagate(city, as_of=as_of, policy=policy, progress=progress)
    if output_format == "xlsx":
        _write_results_xlsx(results, Path(args.output))
        return 0
    level: Level = args.level or "indicators"
    frame = results.table(level)
    if output_format == "json":
        text = _results_json(results, level)
    elif output_format == "csv":
        text = frame.to_csv(index=False, lineterminator="\n")
    else:
        text = "".join(f"{line}\n" for line in _results_table(frame))
    _write_text(text, args.output)
    if output_format == "table":
        for note in _propagate_notes(results, args):
            print(f"note: {note}", file=sys.stderr)
    return 0


def _run_assess(args: argparse.Namespace) -> int:
    from cascade.lke import assess
    from cascade.policy import Policy

    as_of = _as_of(args)
    if args.format == "xlsx" and not args.output:
        msg = "--format xlsx needs --output FILE: a workbook is not written to stdout"
        raise UsageError(msg)
    fmt: Format = args.source_format or detect_format(args.path)
    with _progress(args) as progress:
        city = read(args.path, format=fmt, progress=progress)
        policy = Policy.from_file(args.policy) if args.policy else Policy.discover(args.path)
        result = assess(
            city,
            as_of=as_of,
            profile=args.profile,
            answers=args.answers,
            policy=policy,
            progress=progress,
        )
    if args.format == "xlsx":
        _write_assessment_xlsx(result, Path(args.output))
        return 0
    _write_text(result.to_json() + "\n" if args.format == "json" else str(result), args.output)
    return 0


def _write_assessment_xlsx(result: Any, path: Path) -> None:
    """The assessment's tables as sheets; tuples of ids are joined with ", "."""
    import pandas as pd

    def flat(frame: pd.DataFrame) -> pd.DataFrame:
        out = frame.copy()
        for column in out.columns:
            if out[column].map(lambda v: isinstance(v, tuple)).any():
                out[column] = out[column].map(
                    lambda v: ", ".join(map(str, v)) if isinstance(v, tuple) else v
                )
        return out

    summary = pd.DataFrame(
        {
            "item": ["profile", "year", "as_of"],
            "value": [result.profile.name, result.year, str(result.as_of)],
        }
    )
    sheets = {
        "summary": summary,
        "totals": result.components(),
        "subcomponents": result.subcomponents(),
        "criteria": flat(result.criteria()),
        "fixes": flat(result.fixes()),
        "agencies": result.agencies(),
        "depth": result.depth.table,
    }
    from cascade.io._atomic import atomic_path

    with atomic_path(path) as tmp, pd.ExcelWriter(tmp, engine="openpyxl") as writer:
        for name, frame in sheets.items():
            frame.to_excel(writer, sheet_name=name, index=False)


def _run_report(args: argparse.Namespace) -> int:
    from cascade.policy import Policy
    from cascade.report import DEFAULT_PROFILE, build_report, report_format

    as_of = _as_of(args)
    if not args.lke and (args.profile is not None or args.answers is not None):
        given = " and ".join(
            flag
            for flag, value in (("--profile", args.profile), ("--answers", args.answers))
            if value is not None
        )
        verb = "apply" if " and " in given else "applies"
        msg = f"{given} {verb} to the LKE section, which --no-lke leaves out"
        raise UsageError(msg)
    try:
        report_format(args.output)
    except UsageError as exc:
        msg = f"--output: {exc}"
        raise UsageError(msg) from None
    if Path(args.output).resolve() == Path(args.path).resolve():
        msg = f"--output {args.output} is the workbook itself: write the report elsewhere"
        raise UsageError(msg)
    fmt: Format = args.source_format or detect_format(args.path)
    with _progress(args) as progress:
        city = read(args.path, format=fmt, progress=progress)
        policy = Policy.from_file(args.policy) if args.policy else Policy.discover(args.path)
        bundle = build_report(
            city,
            as_of=as_of,
            policy=policy,
            progress=progress,
            lke=args.lke,
            profile=args.profile or DEFAULT_PROFILE,
            answers=args.answers,
        )
        bundle.save(args.output)
    return 0


def _propagate_format(given: str | None, output: str | None) -> str:
    """``--format`` if given, else the format the suffix of ``--output`` names, else table."""
    if given:
        return given
    if output:
        return _SUFFIX_FORMATS.get(Path(output).suffix.lower(), "table")
    return "table"


def _write_text(text: str, output: str | None) -> None:
    """Text to ``output`` (atomically), or to stdout."""
    if output:
        from cascade.io._atomic import atomic_text

        with atomic_text(Path(output)) as handle:
            handle.write(text)
    else:
        sys.stdout.write(text)


def _propagate_notes(results: Results, args: argparse.Namespace) -> list[str]:
    """What a reader of the table should know: the findings, a period without targets."""
    notes = []
    findings = results.findings.to_frame()
    if len(findings):
        names = findings["name"].value_counts(sort=False)
        what = ", ".join(f"{n} {name}" for name, n in names.items())
        period = results.as_of
        command = f"cascade check {shlex.quote(args.path)} --period {period}"
        command += f" --select {','.join(names.index)}"
        if args.policy:
            command += f" --policy {shlex.quote(args.policy)}"
        notes.append(
            f"{_plural(len(findings), 'finding')} for {period} ({what}); details: {command}"
        )
    if results.indicators["target"].isna().all():
        periods = ", ".join(results.cascade.counts()["periods"]) or "none"
        notes.append(f"no indicator has a target for {results.as_of} (periods: {periods})")
    return notes


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" + ("" if n == 1 else "s")


def _results_json(results: Results, level: Level) -> str:
    """``{"as_of", "level", "columns", "rows"}``, one row a line; missing values are null."""
    frame = results.table(level)

    def dump(value: object) -> str:
        return json.dumps(value, ensure_ascii=False, allow_nan=False)

    rows = ",\n".join(f"    {dump(row)}" for row in _records(frame))
    return (
        "{\n"
        f'  "as_of": {dump(str(results.as_of))},\n'
        f'  "level": {dump(level)},\n'
        f'  "columns": {dump([str(c) for c in frame.columns])},\n'
        f'  "rows": [' + (f"\n{rows}\n  ]" if rows else "]") + "\n}\n"
    )


def _records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """Rows as dicts of plain values; NaN, ±inf and other missing values as ``None``."""
    rows = frame.astype(object).to_dict(orient="records")
    return [{str(k): _plain(v) for k, v in row.items()} for row in rows]


def _plain(value: object) -> object:
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if value is None or _is_missing(value):
        return None
    if hasattr(value, "item"):  # a numpy scalar
        return _plain(value.item())
    return value


def _is_missing(value: object) -> bool:
    import pandas as pd

    try:
        return bool(pd.isna(value))  # type: ignore[call-overload]
    except (TypeError, ValueError):  # not a scalar
        return False


def _results_table(frame: pd.DataFrame) -> list[str]:
    """A results frame as aligned text: figures rounded, ``-`` for missing, text last."""
    import pandas as pd

    columns = [c for c in frame.columns if c not in _TEXT_COLUMNS]
    columns += [c for c in frame.columns if c in _TEXT_COLUMNS]
    right = [
        i
        for i, c in enumerate(columns)
        if pd.api.types.is_numeric_dtype(frame[c].dtype)
        and not pd.api.types.is_bool_dtype(frame[c].dtype)
    ]
    cells = [_cells(frame[c], percent=c in _PERCENT_COLUMNS) for c in columns]
    rows: list[Sequence[str]] = [[str(c) for c in columns], *zip(*cells, strict=True)]
    return _table(rows, indent=0, right=right)


def _cells(column: pd.Series, *, percent: bool) -> list[str]:
    import pandas as pd

    if pd.api.types.is_float_dtype(column.dtype):
        return [_figure_text(v, percent=percent) for v in column.tolist()]
    return [_text(None if _is_missing(v) else v) for v in column.astype(object).tolist()]


def _figure_text(value: float, *, percent: bool) -> str:
    """A figure for people: a percentage to 1 decimal, other numbers to at most 2."""
    if not math.isfinite(value):
        return "-" if math.isnan(value) else str(value)
    text = f"{value:.1f}" if percent else f"{value:.2f}".rstrip("0").rstrip(".")
    return text.lstrip("-") if float(text) == 0 else text


def _write_results_xlsx(results: Results, path: Path) -> None:
    """Every level as a sheet, then the findings, replacing ``path`` atomically."""
    from cascade.io._atomic import atomic_path
    from cascade.io._xlsx import write_only_workbook

    findings = results.findings.to_frame()
    findings["path"] = [
        " > ".join(p) if isinstance(p, tuple | list) else p for p in findings["path"]
    ]
    sheets = {level: results.table(level) for level in LEVELS}  # type: ignore[arg-type]
    sheets["findings"] = findings
    with write_only_workbook() as book:  # no temporary file left behind on a failure
        for name, frame in sheets.items():
            _write_results_sheet(book, name, frame)
        with atomic_path(path) as tmp:
            book.save(tmp)


def _write_results_sheet(book: Workbook, name: str, frame: pd.DataFrame) -> None:
    """One frame as a sheet: a bold, frozen header; numbers exact; text as text."""
    import pandas as pd
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    from cascade.io._xlsx import _number_cell, _text_cell, _width

    ws = book.create_sheet(name)
    text = _text_cell(ws, f"sheet {name}")
    number = _number_cell(ws)
    columns: list[list[Any]] = []
    for label in frame.columns:
        column = frame[label]
        if pd.api.types.is_float_dtype(column.dtype):
            columns.append([number(v) for v in column.to_numpy(dtype=float).tolist()])
        elif pd.api.types.is_bool_dtype(column.dtype):
            columns.append([bool(v) for v in column.tolist()])
        elif pd.api.types.is_integer_dtype(column.dtype):
            columns.append([int(v) for v in column.tolist()])
        else:
            columns.append(
                [None if _is_missing(v) else text(str(v)) for v in column.astype(object).tolist()]
            )
    ws.freeze_panes = "A2"
    headers = [str(c) for c in frame.columns]
    for i, (header, values) in enumerate(zip(headers, columns, strict=True), start=1):
        ws.column_dimensions[get_column_letter(i)].width = _width(header, values)
    bold = Font(bold=True)
    header_cells = []
    for header in headers:
        cell = WriteOnlyCell(ws, value=header)
        cell.font = bold
        header_cells.append(cell)
    ws.append(header_cells)
    for row in zip(*columns, strict=True):
        ws.append(row)


# ------------------------------------------------------------------------------- demo

#: The year the demo shows targets for.
DEMO_YEAR = "2024"


@dataclass
class DemoData:
    """What the demo's sections show: the example city, and its variant with defects."""

    city: Cascade
    year: str = DEMO_YEAR

    @functools.cached_property
    def defects(self) -> pd.DataFrame:
        """The defects planted in the ``with-defects`` example (check, subject, description)."""
        from cascade.datasets import example_defects

        return example_defects()

    @functools.cached_property
    def results(self) -> Results:
        """The city propagated for :attr:`year` under the default policy."""
        from cascade.engine import propagate

        return propagate(self.city, as_of=self.year)

    def target_text(self, indicator_id: str) -> str:
        """The indicator's target for :attr:`year` as text (``2–4`` for a range), or ``-``."""
        return self._targets.get(indicator_id, "-")

    @functools.cached_property
    def _targets(self) -> dict[str, str]:
        targets = self.city.targets
        targets = targets[targets["period"].astype(str) == self.year]
        targets = targets.drop_duplicates("indicator_id")
        return {
            str(i): _range_text(lo, hi)
            for i, lo, hi in zip(
                targets["indicator_id"], targets["target"], targets["target_upper"], strict=True
            )
        }

    def unit_label(self, unit_id: str) -> tuple[str, str]:
        """An owner's level and name (its id when the name is blank)."""
        unit = self.city.unit(unit_id)
        return str(unit.level), unit.name or unit_id


#: A demo section: a title and the lines under it.
Section = tuple[str, list[str]]

#: The sections ``cascade demo`` prints, in order. Later features add theirs before the
#: last one (the hints).
DEMO_SECTIONS: list[Callable[[DemoData], Section]] = []


def _section(func: Callable[[DemoData], Section]) -> Callable[[DemoData], Section]:
    DEMO_SECTIONS.append(func)
    return func


def _run_demo(args: argparse.Namespace) -> int:
    from cascade.datasets import load_example

    data = DemoData(load_example())
    _print_sections(data, sys.stdout)
    return 0


def _print_sections(data: DemoData, out: TextIO) -> None:
    for i, section in enumerate(DEMO_SECTIONS):
        title, lines = section(data)
        if i:
            out.write("\n")
        out.write(f"{title}\n{'=' * len(title)}\n")
        out.writelines(f"{line}\n" for line in lines)


@_section
def _demo_summary(data: DemoData) -> Section:
    city = data.city
    counts = city.counts()
    units = city.units
    pemda = units.loc[units["level"] == "pemda", "name"].dropna().tolist()
    agencies = units.loc[units["level"] == "perangkat_daerah", "name"].dropna().tolist()
    tables = counts["tables"]
    lines = [
        (
            f"{', '.join(pemda) or 'The example city'}: the bundled example, a small but complete "
            "cascade from the city down to individual employees."
        ),
        "",
        "Owners per level",
        *_table([(lvl, str(n)) for lvl, n in counts["units_by_level"].items()], right=(1,)),
        "",
        "Perangkat daerah: " + ", ".join(agencies),
        "",
        "Goals per kind",
        *_table([(k, str(n)) for k, n in counts["goals_by_kind"].items() if n], right=(1,)),
        "",
        (
            f"Indicators: {tables['indicators']}, of which {counts['key_indicators']} key "
            f"(IKU), {len(_pemda_key_indicators(city))} of them the city's"
        ),
        (
            f"Targets: {tables['targets']}, realisations: {tables['realisations']}, "
            f"budget lines: {tables['budgets']}"
        ),
        f"Periods: {', '.join(counts['periods']) or 'none'}",
    ]
    return "Kota Contoh", lines


def _pemda_key_indicators(city: Cascade) -> pd.DataFrame:
    units, goals, indicators = city.units, city.goals, city.indicators
    pemda = units.loc[units["level"] == "pemda", "unit_id"]
    pemda_goals = goals.loc[goals["unit_id"].isin(pemda), "goal_id"]
    return indicators[indicators["goal_id"].isin(pemda_goals) & indicators["key"]]


@_section
def _demo_iku(data: DemoData) -> Section:
    iku = _pemda_key_indicators(data.city)
    rows = [("id", f"target {data.year}", "satuan", "polarity", "indicator")]
    rows += [
        (
            str(ind.indicator_id),
            data.target_text(str(ind.indicator_id)),
            _text(ind.measure_unit),
            str(ind.polarity),
            _text(ind.name),
        )
        for ind in iku.itertuples(index=False)
    ]
    lines = [
        (
            "The city's key performance indicators (indikator kinerja utama) and their "
            f"{data.year} targets; a range target reads lower–upper."
        ),
        "",
        *_table(rows, right=(1,)),
    ]
    return f"The city's IKU, targets {data.year}", lines


def _individual_chain(city: Cascade) -> list[str] | None:
    """The indicator path from a city IKU down to an employee's RHK indicator.

    Of the paths that end at an employee (pelaksana) and start at a pemda IKU, the one that
    stays within the fewest perangkat daerah (no crosscutting detour) and passes the most
    levels, the first in table order among equals: the plainest chain to show a newcomer.
    """
    units, goals, indicators = city.units, city.goals, city.indicators
    level = dict(zip(units["unit_id"], units["level"].astype(str), strict=True))
    people = [u for u, lvl in level.items() if lvl == "pelaksana"]
    their_goals = goals.loc[goals["unit_id"].isin(people), "goal_id"]
    iku = set(_pemda_key_indicators(city)["indicator_id"])

    def agency(unit_id: str) -> str | None:
        path = city.path(unit_id, kind="unit")
        return next((u for u in path if level.get(u) == "perangkat_daerah"), None)

    best: tuple[int, int] | None = None
    chosen: list[str] | None = None
    for leaf in indicators.loc[indicators["goal_id"].isin(their_goals), "indicator_id"]:
        path = city.path(str(leaf), kind="indicator")
        if path[0] not in iku:
            continue
        owners = [city.owner_of(i, kind="indicator") for i in path]
        agencies = {agency(o) for o in owners} - {None}
        score = (len(agencies), -len({level.get(o) for o in owners}))
        if best is None or score < best:
            best, chosen = score, path
    return chosen


@_section
def _demo_chain(data: DemoData) -> Section:
    city = data.city
    path = _individual_chain(city)
    if path is None:
        return "Pohon kinerja", ["No employee's indicator in the example reaches a city IKU."]
    person = data.unit_label(city.owner_of(path[-1], kind="indicator"))[1]
    width = max(len(i) for i in path)
    lines = [
        (
            f"How an indicator of {person}'s RHK cascades up to the city's IKU: each owner, "
            "then its indicators on the way, from the top."
        ),
        "",
    ]
    previous_owner = None
    for step, indicator_id in enumerate(path, start=1):
        owner = city.owner_of(indicator_id, kind="indicator")
        if owner != previous_owner:
            level, name = data.unit_label(owner)
            lines.append(f"  {name} ({level})")
            previous_owner = owner
        ind = city.indicator(indicator_id)
        role = "" if step == 1 else f"; {ind.role}"
        lines.append(
            f"    {step}. {indicator_id.ljust(width)}  {_text(ind.name)} "
            f"(target {data.year}: {data.target_text(indicator_id)} {_text(ind.measure_unit)}"
            f"{role})"
        )
    lines += [
        "",
        (
            "carrier: its number counts in the indicator above (angka); supporting: it "
            "contributes to it without counting (pendukung)."
        ),
    ]
    lines += ["", f"In Python: cascade.load_example().path({path[-1]!r})"]
    return "Pohon kinerja: one employee up to the city", lines


@_section
def _demo_defects(data: DemoData) -> Section:
    defects = data.defects
    rows = [("check", "subject", "what is wrong")]
    rows += [
        (str(d.check), f"{d.subject_kind} {d.subject_id}", str(d.description))
        for d in defects.itertuples(index=False)
    ]
    lines = [
        (
            f"load_example('with-defects') is Kota Contoh with {len(defects)} deliberate "
            "defects, the kind evaluators find; each is listed under the name of the check "
            "that flags it:"
        ),
        "",
        *_table(rows),
    ]
    return "Deliberate defects (with-defects)", lines


@_section
def _demo_check(data: DemoData) -> Section:
    from cascade.checks import check
    from cascade.checks._output import summary_line
    from cascade.datasets import load_example

    clean = check(data.city)
    broken = check(load_example("with-defects"))
    counts = broken.counts()
    rows = [("severity", "code", "check", "findings")]
    rows += [
        (str(r.severity), str(r.code), str(r.name), str(r.count))
        for r in counts.itertuples(index=False)
    ]
    first = broken.findings[0] if len(broken) else None
    lines = [
        f"cascade.check(load_example()): {summary_line(clean)}.",
        "",
        f"cascade.check(load_example('with-defects')): {summary_line(broken)}:",
        "",
        *_table(rows, right=(3,)),
    ]
    if first is not None:
        lines += [
            "",
            "For example:",
            f"  {first.code} {first.name}: {first.message}",
            f"  hint: {first.hint}",
        ]
    lines += ["", "On a workbook: cascade check PATH (exit status 1 when it finds errors)."]
    return "Checking the cascade", lines


@_section
def _demo_city_goals(data: DemoData) -> Section:
    results = data.results
    city = results.city
    title = f"The city's achievement by sasaran, {data.year}"
    if city.empty:
        return title, ["The example has no root owner."]
    root_id, root_name = str(city["unit_id"].iloc[0]), _text(city["name"].iloc[0])
    achievement = float(city["achievement"].to_numpy(dtype=float)[0])
    category = _text(city["category"].iloc[0])
    goals = results.goals_of(root_id)
    depth = _goal_depths(data.city, goals["goal_id"].astype(str).tolist())
    rows = [("goal", "achievement", "category", "statement")]
    rows += [
        ("  " * depth[str(i)] + str(i), _figure_text(value, percent=True), _text(c), _text(st))
        for i, value, c, st in zip(
            goals["goal_id"],
            goals["achievement"].to_numpy(dtype=float).tolist(),
            goals["category"],
            goals["statement"],
            strict=True,
        )
    ]
    figure = _figure_text(achievement, percent=True)
    kinds = " and ".join(dict.fromkeys(str(k).replace("_", " ") for k in goals["kind"].dropna()))
    kinds = f" ({kinds})" if kinds else ""
    lines = [
        (
            f"cascade.propagate(load_example(), as_of={data.year!r}) computes achievement "
            "(capaian, in percent: 100 = on target) bottom-up, from each indicator's "
            "realisation and target to its goal, owner and the city."
        ),
        "",
        (f"{root_name}: {figure} ({category}), the mean of its {len(goals)} goals{kinds}:"),
        "",
        *_table(rows, right=(1,)),
        "",
        f"On a workbook: cascade propagate PATH --as-of {data.year} --level goals",
    ]
    return title, lines


def _goal_depths(city: Cascade, goal_ids: list[str]) -> dict[str, int]:
    """How deep each goal sits below the others of the list (0 for one whose parent is not)."""
    goals = city.goals
    parent = dict(zip(goals["goal_id"].astype(str), goals["parent_goal_id"], strict=False))
    members = set(goal_ids)
    depth: dict[str, int] = {}
    for goal_id in goal_ids:
        n, up, seen = 0, parent.get(goal_id), {goal_id}
        while isinstance(up, str) and up in members and up not in seen:
            seen.add(up)
            n, up = n + 1, parent.get(up)
        depth[goal_id] = n
    return depth


@_section
def _demo_lowest_agencies(data: DemoData) -> Section:
    results = data.results
    owners = results.owners
    agencies = owners[(owners["level"] == "perangkat_daerah") & owners["achievement"].notna()]
    lowest = agencies.sort_values("achievement", kind="stable").head(5)
    title = "The five lowest-achieving agencies"
    if lowest.empty:
        return title, [f"No perangkat daerah has an achievement for {data.year}."]
    rows = [("agency", "achievement", "category", "name")]
    rows += [
        (str(i), _figure_text(value, percent=True), _text(c), _text(name))
        for i, value, c, name in zip(
            lowest["unit_id"],
            lowest["achievement"].to_numpy(dtype=float).tolist(),
            lowest["category"],
            lowest["name"],
            strict=True,
        )
    ]
    first = str(lowest["unit_id"].iloc[0])
    draggers = results.explain(first, kind="unit").draggers(3)
    lines = [
        (
            f"The perangkat daerah with the lowest achievement in {data.year}, each the mean of "
            "its goals':"
        ),
        "",
        *_table(rows, right=(1,)),
    ]
    if len(draggers):
        drag_rows = [("indicator", "achievement", "points off", "name")]
        drag_rows += [
            (str(i), _figure_text(value, percent=True), f"{drag:.1f}", _text(name))
            for i, value, drag, name in zip(
                draggers["id"],
                draggers["value"].to_numpy(dtype=float).tolist(),
                draggers["drag"].to_numpy(dtype=float).tolist(),
                draggers["name"],
                strict=True,
            )
        ]
        lines += [
            "",
            (
                f"The indicators that pull {first} down most (points off = its share of the "
                "figure × (100 − achievement)):"
            ),
            "",
            *_table(drag_rows, right=(1, 2)),
        ]
    lines += [
        "",
        f"In Python: cascade.propagate(load_example(), as_of={data.year!r}).explain({first!r})",
        f"On a workbook: cascade propagate PATH --as-of {data.year} --level owners",
    ]
    return title, lines


@_section
def _demo_next(data: DemoData) -> Section:
    lines = [
        (
            "Write the example to a workbook, then look at it, convert it, check it and "
            "compute its achievement:"
        ),
        "",
        "  python -c \"import cascade; cascade.load_example().write('kota-contoh.xlsx')\"",
        "  cascade info kota-contoh.xlsx",
        "  cascade info kota-contoh.xlsx --format json",
        "  cascade convert kota-contoh.xlsx kota-contoh      (a folder of CSV files)",
        "  cascade convert kota-contoh kota-contoh.json",
        "  cascade check kota-contoh.xlsx",
        "  cascade assess city.xlsx --as-of 2024",
        "  cascade rules",
        f"  cascade propagate kota-contoh.xlsx --as-of {data.year} --level owners",
        f"  cascade propagate kota-contoh.xlsx --as-of {data.year} --format csv > capaian.csv",
        f"  cascade propagate kota-contoh.xlsx --as-of {data.year} --output capaian.xlsx",
        "",
        "cascade --help lists every command; the README and docs/ describe the format.",
    ]
    return "Next", lines


def _range_text(lower: float, upper: float) -> str:
    if math.isnan(upper) or upper == lower:  # a point target
        return _number_text(lower)
    return f"{_number_text(lower)}–{_number_text(upper)}"


def _number_text(value: float) -> str:
    """A number for people: no ``.0`` on whole numbers, at most 15 significant digits."""
    return "-" if math.isnan(value) else f"{value:.15g}"


def _text(value: object) -> str:
    """A text cell for people; ``-`` when blank."""
    return "-" if value is None or (isinstance(value, float) and math.isnan(value)) else str(value)

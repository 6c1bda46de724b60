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
``cascade rules [NAME]``
    The rule catalogue, or one rule explained.
``cascade demo``
    A first look at the bundled example city, Kota Contoh.
``cascade --version``
    The installed version.

Exit codes: 0 on success; 1 when ``cascade check`` finds errors; 2 when the input or the
arguments cannot be used (every :class:`~cascade.errors.CascadeError`, a file that cannot be
opened or written, an unknown command or option). The message goes to stderr, never a
traceback. An exception of any other kind is a bug in ``cascade`` and propagates with its
traceback.

Output is plain text without colours, and does not depend on the terminal's width or on the
clock, so it can be compared and scripted.

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
import sys
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, NoReturn, TextIO

from cascade import __version__
from cascade.errors import CascadeError, InputError
from cascade.io import Format, detect_format, read, write
from cascade.schema import TABLE_NAMES

if TYPE_CHECKING:
    import pandas as pd

    from cascade.model import Cascade

__all__ = ["DEMO_SECTIONS", "DemoData", "Section", "main"]

#: Exit status when the input or the command line cannot be used.
EXIT_USAGE = 2
_FORMATS: tuple[Format, ...] = ("xlsx", "csv", "json")
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
    check.set_defaults(run=_run_check)

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
            parser.error("a command is required (info, convert, check, rules or demo)")
        run: Callable[[argparse.Namespace], int] = args.run
        return run(args)
    except _ArgumentError as exc:
        sys.stderr.write(exc.usage)
        _fail(str(exc))
    except InputError as exc:
        _fail(_describe_input_error(exc))
    except CascadeError as exc:
        _fail(str(exc))
    except BrokenPipeError:  # pragma: no cover - e.g. `cascade demo | head`
        # Python flushes stdout at exit; point it at devnull so that does not fail too.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1
    except OSError as exc:  # the file system refused: permissions, a full disk, …
        _fail(_describe_os_error(exc))
    return EXIT_USAGE


def _fail(message: str) -> None:
    print(f"cascade: error: {message}", file=sys.stderr)


def _describe_input_error(exc: InputError) -> str:
    """Every problem of an InputError, one a line (the exception's own text stops at 50)."""
    n = len(exc.problems)
    if n == 1 and exc.source is None:
        return str(exc.problems[0])
    what = f"{n} problem" + ("s" if n != 1 else "")
    head = f"cannot read {exc.source}: {what}" if exc.source else f"invalid input: {what}"
    return "\n".join([head, *(f"  - {problem}" for problem in exc.problems)])


def _describe_os_error(exc: OSError) -> str:
    reason = exc.strerror or str(exc)
    return f"{exc.filename}: {reason}" if exc.filename else reason


# ------------------------------------------------------------------------------- info


def _run_info(args: argparse.Namespace) -> int:
    fmt: Format = args.source_format or detect_format(args.path)
    city = read(args.path, format=fmt)
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
    city = read(args.source, format=source_fmt)
    target_fmt: Format = args.target_format or detect_format(args.target, for_writing=True)
    written = write(city, args.target, format=target_fmt)
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
    city = read(args.path, format=fmt)
    policy = Policy.from_file(args.policy) if args.policy else Policy.discover(args.path)
    report = check(
        city,
        period=args.period,
        select=_split(args.select),
        ignore=_split(args.ignore),
        policy=policy,
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
        from cascade.errors import UsageError

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
def _demo_next(data: DemoData) -> Section:
    lines = [
        "Write the example to a workbook, then look at it and convert it:",
        "",
        "  python -c \"import cascade; cascade.load_example().write('kota-contoh.xlsx')\"",
        "  cascade info kota-contoh.xlsx",
        "  cascade info kota-contoh.xlsx --format json",
        "  cascade convert kota-contoh.xlsx kota-contoh      (a folder of CSV files)",
        "  cascade convert kota-contoh kota-contoh.json",
        "  cascade check kota-contoh.xlsx",
        "  cascade rules",
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

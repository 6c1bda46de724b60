"""Evaluation rules (``CAS5xx``): quality, what the LKE reads in goal and indicator texts.

A plan can be complete and consistent and still be weak by the evaluator's measure: goals
worded as activities, indicators that are not SMART, indicators without the definition and
data source that make them measurable, and key indicators that the annual report (LKjIP)
cannot compare with anything (research ``lke.md`` sections 2.1 and 2.2: AREN002.3–.5,
BKUR001.2–.3, BKUR002.2, CLAP002.3–.6).

The text rules are heuristics: they can show that a goal or an indicator falls short, they
cannot certify that it is good. A goal that starts with a result word may still describe an
output, and an indicator that passes every letter below may still not be specific or
relevant; that is read by people (research section 3.6).

Vocabulary
----------
first word
    The first run of letters of a goal statement (a hyphenated word such as ``rata-rata``
    counts as one), lower-cased; leading numbering and punctuation are skipped, so
    ``"1. Meningkatnya …"`` starts with ``meningkatnya``.
output lead, result lead
    A first word that names an activity or an output (``terlaksananya``, ``penyusunan``) or
    a condition reached (``meningkatnya``, ``terwujudnya``):
    :attr:`~cascade.policy.EvaluationSettings.output_leads` and
    :attr:`~cascade.policy.EvaluationSettings.result_leads`.
IKU or PK indicator
    The population of the indicator rules here: a key indicator (``key = true``), or an
    indicator with a target for the period checked whose goal is owned at level ``pemda`` to
    ``pengawas`` (:func:`~cascade.checks.evaluation._common.pk_grid`).
SMART letters
    The five letters of the LKE's SMART test that data can falsify (KKE format 1), in the
    order :data:`SMART_LETTERS`:

    - **S** (specific): a name, a ``definisi_operasional`` when that column exists, and a name
      that does not join two measures (:data:`MEASURE_NOUNS`);
    - **M** (measurable): a measure unit and a numeric target for the period;
    - **A** (achievable and challenging): a target that is not 0 (as ``zero-target`` reads
      it) and not below last year's realisation (``target-regression``);
    - **R** (relevant): no ``indicator-goal-mismatch``, ``unit-mismatch`` or
      ``polarity-mismatch`` on the indicator;
    - **T** (time-bound): an annual target for every year of the horizon.
horizon
    The years an indicator must have annual targets for: the plan period (``plan_start`` to
    ``plan_end`` of the policy) when it is set, else the years checked. A plan year for which
    no indicator holds a target is read as not loaded, not as missing everywhere; the rule
    says so.
measurement column
    An optional indicators column named in
    :attr:`~cascade.policy.EvaluationSettings.measurement_columns` (``definisi_operasional``,
    ``formula``, ``sumber_data``). Headers match in any case, with a space or a hyphen for
    ``_`` (``Definisi Operasional``), since extra columns keep the header the user typed.
comparison
    One of the values an IKU's line in the LKjIP is compared with (:data:`COMPARISONS`): the
    year's target and realisation, last year's realisation, the target for the plan's last
    year (a target row of that year, or an end-of-period target column such as
    ``target_akhir``) and a benchmark (an indicators column named in
    :attr:`~cascade.policy.EvaluationSettings.benchmark_columns`).
"""

from __future__ import annotations

import re
import weakref
from collections.abc import Iterable, Sequence

import numpy as np
import pandas as pd

from cascade._parse import header_text, is_blank
from cascade.checks._context import Context, NotApplicable, no_findings
from cascade.checks._rule import Category, Rule, Severity, rule
from cascade.checks.evaluation._common import checked_years, key_mask, pk_grid, yearly
from cascade.checks.evaluation.history import END_TARGET_COLUMNS
from cascade.checks.values import target_grid
from cascade.enums import GoalKind
from cascade.period import Period

__all__ = [
    "COMPARISONS",
    "DEFINITION_COLUMNS",
    "MEASURE_NOUNS",
    "OUTCOME_KINDS",
    "RELEVANCE_RULES",
    "RULES",
    "SMART_LETTERS",
    "comparison_gaps",
    "first_word",
    "goal_not_outcome",
    "indicator_not_smart",
    "joins_two_measures",
    "missing_measurement_metadata",
    "report_comparison_gap",
    "smart_failures",
]

#: Goal kinds whose statements must name a result (AREN002.4): tujuan to sasaran program.
OUTCOME_KINDS: tuple[GoalKind, ...] = (
    GoalKind.TUJUAN,
    GoalKind.SASARAN_STRATEGIS,
    GoalKind.SASARAN_PROGRAM,
)

#: Nouns that open a measure in an indicator name. A name with two of them joined by
#: ``dan`` ("Persentase balita gizi buruk dan jumlah kasus stunting") measures two things.
#: A heuristic: it can show that a name is not specific, never that it is.
MEASURE_NOUNS: tuple[str, ...] = (
    "persentase",
    "prosentase",
    "jumlah",
    "angka",
    "rasio",
    "indeks",
    "tingkat",
    "cakupan",
    "rata-rata",
    "nilai",
    "proporsi",
    "prevalensi",
    "laju",
)

#: Headers (any case, a space or hyphen for ``_``) of the optional operational-definition
#: column that the S letter reads.
DEFINITION_COLUMNS: tuple[str, ...] = ("definisi_operasional",)

#: The SMART letters in the order messages list them.
SMART_LETTERS: tuple[str, ...] = ("S", "M", "A", "R", "T")

#: The rules whose findings on an indicator fail its R letter.
RELEVANCE_RULES: tuple[str, ...] = (
    "indicator-goal-mismatch",
    "unit-mismatch",
    "polarity-mismatch",
)

#: The comparisons of ``report-comparison-gap``, with the LKE criterion each one serves.
COMPARISONS: dict[str, str] = {
    "target": "CLAP002.3",
    "realisation": "CLAP002.3",
    "previous_realisation": "CLAP002.5",
    "end_target": "CLAP002.4",
    "benchmark": "CLAP002.6",
}

_TWO_MEASURES = re.compile(
    r"^\W*(?:{nouns})\b.*\bdan\s+(?:{nouns})\b".format(
        nouns="|".join(re.escape(n) for n in MEASURE_NOUNS)
    ),
    re.IGNORECASE,
)
_WORD = r"([^\W\d_]+(?:-[^\W\d_]+)*)"

# ------------------------------------------------------------------ shared helpers

#: Contexts over other periods than a run's, built once per run and period set.
_CONTEXTS: weakref.WeakKeyDictionary[Context, dict[tuple[Period, ...], Context]] = (
    weakref.WeakKeyDictionary()
)


def _context_for(ctx: Context, periods: Iterable[Period]) -> Context:
    """A context like ``ctx`` over ``periods`` (``ctx`` itself when they are its periods)."""
    wanted = tuple(sorted(set(periods)))
    if list(wanted) == list(ctx.periods):
        return ctx
    cache = _CONTEXTS.setdefault(ctx, {})
    if wanted not in cache:
        cache[wanted] = Context(ctx.cascade, list(wanted), ctx.policy, as_of=ctx.as_of)
    return cache[wanted]


def _column(frame: pd.DataFrame, names: Iterable[str]) -> str | None:
    """The first column of ``frame`` whose header, normalised, is one of ``names``.

    Headers are compared lower-cased, stripped, with spaces and hyphens read as ``_``.

    >>> _column(pd.DataFrame(columns=["name", "Definisi Operasional"]), ["definisi_operasional"])
    'Definisi Operasional'
    """
    wanted = {_header(n) for n in names}
    for column in frame.columns:
        if _header(header_text(column)) in wanted:
            return str(column)
    return None


def _header(text: str) -> str:
    return re.sub(r"[\s\-]+", "_", text.strip().lower())


def _blank(frame: pd.DataFrame, column: str) -> np.ndarray:
    """Blank cells (missing, or only spaces) of a column."""
    return np.asarray(is_blank(frame[column]), dtype=bool)


def _distinct(values: pd.Series) -> tuple[np.ndarray, pd.Series]:
    """Codes (-1 for blank) and the distinct texts of a column, to work on each text once."""
    codes, uniques = pd.factorize(values, use_na_sentinel=True)
    return np.asarray(codes, dtype=np.int64), pd.Series(pd.Index(uniques).astype("str"))


def first_word(statements: pd.Series) -> pd.Series:
    """The first word of each statement, lower-cased (``""`` for none).

    >>> first_word(pd.Series(["1. Meningkatnya mutu", "Rata-rata lama sekolah", None])).tolist()
    ['meningkatnya', 'rata-rata', '']
    """
    codes, texts = _distinct(statements)
    words = texts.str.extract(_WORD, expand=False).str.lower()
    lookup = np.append(words.to_numpy(dtype=object, na_value=""), "")
    return pd.Series(lookup[codes], dtype="str")


def joins_two_measures(names: pd.Series) -> np.ndarray:
    """Whether each name joins two measures with ``dan`` (see :data:`MEASURE_NOUNS`).

    >>> joins_two_measures(
    ...     pd.Series(
    ...         [
    ...             "Persentase balita gizi buruk dan jumlah kasus stunting",
    ...             "Persentase sarana dan prasarana yang baik",
    ...             "Angka kematian ibu dan angka kematian bayi",
    ...             None,
    ...         ]
    ...     )
    ... ).tolist()
    [True, False, True, False]
    """
    codes, texts = _distinct(names)
    hits = texts.str.contains(_TWO_MEASURES, na=False).to_numpy(dtype=bool)
    out: np.ndarray = np.append(hits, False)[codes]
    return out


def _population(ctx: Context) -> np.ndarray:
    """(indicators x periods checked): an IKU, or a PK indicator in that period."""
    grid: np.ndarray = key_mask(ctx)[:, None] | pk_grid(ctx)
    return grid


def _stop_if_empty(ctx: Context, population: np.ndarray) -> None:
    if not population.any():
        ctx.not_applicable("needs IKU (key = true) or PK indicators (a target for a period)")


def _join(parts: Sequence[tuple[np.ndarray, str | pd.Series]], n: int, sep: str) -> pd.Series:
    """For each of ``n`` rows, the texts of the parts whose mask is true, joined by ``sep``."""
    out = pd.Series("", index=pd.RangeIndex(n), dtype="str")
    for mask, text in parts:
        piece = text if isinstance(text, pd.Series) else pd.Series(text, index=out.index)
        piece = piece.reset_index(drop=True).astype("str")
        addition = pd.Series(np.where(out != "", sep, ""), dtype="str") + piece
        out = out.where(~pd.Series(mask), out + addition)
    return out


def _rule_findings(ctx: Context, name: str, letter: str) -> pd.DataFrame | None:
    """Another rule's raw findings on this context; ``None`` if it cannot give them.

    What the other rule could not decide (it is not applicable, in whole or in part, or it
    is not in this version) is noted as partly not applicable for the calling rule, under
    ``letter``; the other rule's own notes are taken back, never left as the caller's.
    """
    from cascade.checks.catalogue import rule_by

    before = len(ctx.partly_not_applicable)
    try:
        found = rule_by(name)(ctx)
    except KeyError:
        found, why = None, f"{name} is not in this version"
    except NotApplicable as exc:
        found, why = None, f"{name} is not applicable: {exc.reason}"
    else:
        why = ""
    notes = ctx.partly_not_applicable[before:]
    del ctx.partly_not_applicable[before:]
    if found is None:
        ctx.not_applicable(f"{letter}: {why}", partly=True)
    elif notes:
        ctx.not_applicable(
            f"{letter}: {name} is partly not applicable: " + "; ".join(notes), partly=True
        )
    return found


# ---------------------------------------------------------------- goal-not-outcome

_HINT_OUTPUT = (
    "Reword the goal as the condition it brings about for the people served "
    '("Meningkatnya …", "Menurunnya …", "Terwujudnya …"); leave the activity to a kegiatan '
    "or sub kegiatan goal."
)
_HINT_NEITHER = (
    "Read it: if it names a result, add its first word to result_leads in the policy's "
    '[evaluation] table; if not, reword it as a result ("Meningkatnya …").'
)


@rule(
    "CAS514",
    "goal-not-outcome",
    severity=Severity.WARNING,
    category=Category.QUALITY,
    default=False,
)
def goal_not_outcome(ctx: Context) -> pd.DataFrame:
    """A tujuan, sasaran strategis or sasaran program worded as an activity, not a result.

    What it flags
    -------------
    A goal of kind ``tujuan``, ``sasaran_strategis`` or ``sasaran_program`` whose statement's
    first word (lower-cased, leading numbering and punctuation skipped) is:

    - an output lead (``output_leads`` of the policy's evaluation settings: ``jumlah``,
      ``tersedianya``, ``terlaksananya``, ``penyusunan``, …): a **warning**, the goal names
      an activity or an output;
    - neither an output lead nor a result lead (``result_leads``: ``meningkatnya``,
      ``menurunnya``, ``terwujudnya``, …): an **info** finding, the wording is unusual and
      someone should read it.

    A blank statement is left to ``missing-metadata``; goals of the kinds below (kegiatan,
    sub kegiatan, RHK) may name outputs and are not judged. Not applicable when no goal has
    one of the three kinds. The test is a heuristic: it can show that a goal is worded as an
    output, never that a goal worded as a result is one.

    Why it matters
    --------------
    The LKE asks that goals describe results, conditions reached for the people served, and
    not the activities that should lead to them (AREN002.4), and that the plan reflect real
    performance needs (AREN002.3). Evaluators read the strategic and program goals first;
    "Terlaksananya …" at that level marks a plan of activities, not of results.

    Example
    -------
    ``Sasaran "DINKES-P1" (Terlaksananya pelayanan imunisasi) starts with "terlaksananya",
    which names an activity or output, not a result``.

    How to fix
    ----------
    Reword the goal as the condition it brings about ("Meningkatnya cakupan imunisasi dasar
    lengkap"), and leave the activity to a kegiatan or sub kegiatan goal. A result word
    the defaults do not know can be added to ``result_leads`` in the policy.
    """
    judged = np.isin(ctx.goal_kind, [k.rank for k in OUTCOME_KINDS])
    if not judged.any():
        ctx.not_applicable("needs goals of kind tujuan, sasaran_strategis or sasaran_program")
    rows = np.flatnonzero(judged & ~_blank(ctx.goals, "statement"))
    if not rows.size:
        return no_findings()
    words = first_word(ctx.goals["statement"].take(rows).reset_index(drop=True))
    settings = ctx.settings
    output = words.isin(settings.output_leads).to_numpy(dtype=bool)
    result = words.isin(settings.result_leads).to_numpy(dtype=bool)
    flagged = output | ~result
    rows, words, output = rows[flagged], words[flagged].reset_index(drop=True), output[flagged]
    if not rows.size:
        return no_findings()
    examples = ", ".join(settings.result_leads[:3]) + (
        ", …" if len(settings.result_leads) > 3 else ""
    )
    neither = (
        ", which is neither a result word (" + examples + ") nor an output word: read it to judge"
    )
    tail = pd.Series(
        np.where(output, ", which names an activity or output, not a result", neither),
        dtype="str",
    )
    start = pd.Series(np.where(words == "", " does not start with a word", ""), dtype="str")
    start = start.where(words == "", ' starts with "' + words + '"')
    msg = ctx.label("goal", rows) + start + tail
    hint = np.where(output, _HINT_OUTPUT, _HINT_NEITHER)
    severity = np.where(output, Severity.WARNING.value, Severity.INFO.value)
    return ctx.findings("goal", rows, msg, hint=hint, severity=severity)


# ------------------------------------------------------------- indicator-not-smart


def smart_failures(ctx: Context) -> pd.DataFrame:
    """The SMART letters each IKU or PK indicator fails, per period checked.

    One row per indicator and period checked where the indicator is an IKU or a PK
    indicator (:func:`_population`), failing letters or not: ``subject_row``,
    ``indicator_id``, ``period``, one boolean column per letter of :data:`SMART_LETTERS`
    (``True`` = fails) and, per letter, a column ``why_<letter>`` with the reason (``""``
    when it passes). Letters that could not be decided in part (no target-regression
    history, no plan period, no definition column) are noted through
    :meth:`Context.not_applicable` with ``partly=True``; an undecided part never fails a
    letter.
    """
    if not ctx.periods:
        ctx.not_applicable("needs a period checked (no target, realisation or budget yet)")
    population = _population(ctx)
    _stop_if_empty(ctx, population)
    table = ctx.indicators
    n = len(table)
    period_names = np.array([str(q) for q in ctx.periods], dtype=object)
    lower, _ = target_grid(ctx, "target")
    upper, _ = target_grid(ctx, "target_upper")

    # S: specific, per indicator.
    name_blank = _blank(table, "name")
    two = joins_two_measures(table["name"]) & ~name_blank
    definition = _column(table, DEFINITION_COLUMNS)
    if definition is None:
        definition_blank = np.zeros(n, dtype=bool)
        ctx.not_applicable(
            "S: no column definisi_operasional, so the definition is not checked", partly=True
        )
    else:
        definition_blank = _blank(table, definition)

    # M: measurable, unit per indicator, numeric target per period.
    unit_blank = _blank(table, "measure_unit")
    no_number = ~np.isfinite(lower)

    # A: achievable and challenging, per period.
    zero = ((lower == 0) & np.isnan(upper)) | (upper == 0)
    regressed = _regressions(ctx)

    # R: relevant, per indicator.
    relevance = _relevance(ctx)

    # T: time-bound, per indicator over the horizon.
    horizon, missing_years = _horizon_gaps(ctx)

    s_fail = name_blank | definition_blank | two
    r_fail = np.zeros(n, dtype=bool)
    for hits in relevance.values():
        r_fail |= hits
    t_fail = np.asarray(missing_years.any(axis=1), dtype=bool)

    rows, k = np.nonzero(population)
    m = len(rows)
    out: dict[str, object] = {
        "subject_row": rows,
        "indicator_id": table["indicator_id"].take(rows).reset_index(drop=True),
        "period": pd.Series(period_names[k], dtype="str"),
    }
    period = pd.Series(period_names[k], dtype="str")
    letters: dict[str, tuple[np.ndarray, list[tuple[np.ndarray, str | pd.Series]]]] = {
        "S": (
            s_fail[rows],
            [
                (name_blank[rows], "its name is blank"),
                (definition_blank[rows], "its definisi_operasional is blank"),
                (two[rows], 'its name joins two measures ("… dan …")'),
            ],
        ),
        "M": (
            unit_blank[rows] | no_number[rows, k],
            [
                (unit_blank[rows], "no measure unit"),
                (no_number[rows, k], "no numeric target for " + period),
            ],
        ),
        "A": (
            zero[rows, k] | regressed[rows, k],
            [
                (zero[rows, k], "a target of 0"),
                (regressed[rows, k], "a target below last year's realisation"),
            ],
        ),
        "R": (
            r_fail[rows],
            [(hits[rows], name) for name, hits in relevance.items()],
        ),
        "T": (t_fail[rows], [(t_fail[rows], _years_missing(horizon, missing_years, rows))]),
    }
    for letter, (fails, reasons) in letters.items():
        out[letter] = np.asarray(fails, dtype=bool)
        out["why_" + letter] = _join(reasons, m, ", ")
    return pd.DataFrame(out)


def _regressions(ctx: Context) -> np.ndarray:
    """(indicators x periods checked): a ``target-regression`` finding for the period's year."""
    n, p = len(ctx.indicators), len(ctx.periods)
    out = np.zeros((n, p), dtype=bool)
    found = _rule_findings(ctx, "target-regression", "A")
    if found is None or found.empty:
        return out
    years = np.array([q.year for q in ctx.periods], dtype=np.int64)
    rows = found["subject_row"].to_numpy(dtype=np.int64)
    year = found["period"].astype("str").to_numpy(dtype=object).astype(np.int64)
    ok = rows >= 0
    for k in range(p):  # one pass per period checked
        hit = ok & (year == years[k])
        out[rows[hit], k] = True
    return out


def _relevance(ctx: Context) -> dict[str, np.ndarray]:
    """Per rule of :data:`RELEVANCE_RULES`: whether it found something on each indicator."""
    n = len(ctx.indicators)
    out: dict[str, np.ndarray] = {}
    for name in RELEVANCE_RULES:
        hits = np.zeros(n, dtype=bool)
        found = _rule_findings(ctx, name, "R")
        if found is not None:
            rows = found.loc[found["subject_kind"] == "indicator", "subject_row"].to_numpy(
                dtype=np.int64
            )
            hits[rows[rows >= 0]] = True
        out[name] = hits
    return out


def _horizon_gaps(ctx: Context) -> tuple[list[int], np.ndarray]:
    """The horizon's years, and (indicators x those years): no annual target for the year.

    A plan year for which no indicator holds a numeric annual target is left out (read as
    not loaded) and noted as partly not applicable.
    """
    start, end = ctx.policy.plan_start, ctx.policy.plan_end
    targets = yearly(ctx, "targets", "target")
    if start is None or end is None or start > end:
        ctx.not_applicable(
            "T: no plan period (plan_start, plan_end), so only the years checked are the horizon",
            partly=True,
        )
        years = checked_years(ctx)
    else:
        plan = list(range(start, end + 1))
        grid = _grid(ctx, targets, plan)
        held = np.isfinite(grid).any(axis=0)
        years = [y for y, h in zip(plan, held, strict=True) if h]
        absent = [y for y, h in zip(plan, held, strict=True) if not h]
        if absent:
            ctx.not_applicable(
                "T: no indicator has a target for plan year "
                + ", ".join(str(y) for y in absent)
                + " (not loaded?)",
                partly=True,
            )
    missing: np.ndarray = ~np.isfinite(_grid(ctx, targets, years))
    return years, missing


def _grid(ctx: Context, wide: pd.DataFrame, years: list[int]) -> np.ndarray:
    """(indicators x ``years``) of a :func:`yearly` frame, NaN where no row exists."""
    out: np.ndarray = wide.reindex(index=range(len(ctx.indicators)), columns=years).to_numpy(
        dtype=np.float64, na_value=np.nan
    )
    return out


def _years_missing(years: list[int], missing: np.ndarray, rows: np.ndarray) -> pd.Series:
    """``no target for 2025, 2026`` for each row (``""`` when none is missing)."""
    parts = [(missing[rows, j], str(y)) for j, y in enumerate(years)]
    listed = _join(parts, len(rows), ", ")
    return ("no target for " + listed).where(listed != "", "")


@rule(
    "CAS515",
    "indicator-not-smart",
    severity=Severity.INFO,
    category=Category.QUALITY,
    default=False,
)
def indicator_not_smart(ctx: Context) -> pd.DataFrame:
    """An IKU or PK indicator that fails a SMART letter the data can test.

    What it flags
    -------------
    For each period checked, an IKU (``key = true``) or PK indicator (a target for the
    period, its goal owned at level ``pemda`` to ``pengawas``) that fails one or more of
    five letters, each tested only as far as the data allow:

    - **S** (specific): a blank ``name``; a blank ``definisi_operasional`` when that column
      exists; a name that joins two measures, a measure noun (``persentase``, ``jumlah``,
      ``angka``, ``rasio``, ``indeks``, ``tingkat``, ``cakupan``, ``rata-rata``, …) on both
      sides of a ``dan``;
    - **M** (measurable): a blank ``measure_unit``, or no numeric target for the period;
    - **A** (achievable, challenging): a target of 0 (a point target, or a range whose upper
      bound is 0), or a ``target-regression`` finding for the period's year;
    - **R** (relevant): an ``indicator-goal-mismatch``, ``unit-mismatch`` or
      ``polarity-mismatch`` finding on the indicator;
    - **T** (time-bound): a year of the horizon without an annual target. The horizon is the
      plan period (``plan_start`` to ``plan_end``) when the policy sets it, else the years
      checked; a plan year no indicator has a target for is read as not loaded.

    One finding per indicator and period, listing the failing letters and why. Parts that
    cannot be decided (no definition column, no plan period, no history for
    ``target-regression``) are reported as partly not applicable and never fail a letter.
    Not applicable without a period checked, or without any IKU or PK indicator.

    Why it matters
    --------------
    The LKE asks that performance indicators be SMART (AREN002.5), and the evaluator's
    worksheet (KKE format 1) checks each IKU letter by letter. The share of indicators with
    no failing letter is the data-decided part of that criterion; specific and relevant are
    still judged by reading, so a clean indicator is not thereby certified.

    Example
    -------
    ``Indikator "I-P1" (Persentase balita gizi buruk dan jumlah kasus stunting) fails S, A
    for 2024 (S: its name joins two measures ("… dan …"); A: a target of 0)``.

    How to fix
    ----------
    Fix each failing letter: split a name that measures two things into two indicators,
    fill ``measure_unit`` and ``definisi_operasional``, set a numeric, non-zero target for
    every year of the plan at least as high as last year's realisation, and align the
    indicator's unit, polarity and parent with the indicator it cascades from.
    """
    frame = smart_failures(ctx)
    letters = list(SMART_LETTERS)
    fails = frame[letters].to_numpy(dtype=bool)
    keep = np.asarray(fails.any(axis=1), dtype=bool)
    if not keep.any():
        return no_findings()
    frame = frame.loc[keep].reset_index(drop=True)
    fails = fails[keep]
    n = len(frame)
    which = _join([(fails[:, j], letter) for j, letter in enumerate(letters)], n, ", ")
    why = _join(
        [
            (fails[:, j], letter + ": " + frame["why_" + letter])
            for j, letter in enumerate(letters)
        ],
        n,
        "; ",
    )
    rows = frame["subject_row"].to_numpy(dtype=np.int64)
    period = frame["period"]
    msg = ctx.label("indicator", rows) + " fails " + which + " for " + period + " (" + why + ")"
    return ctx.findings("indicator", rows, msg, period=period)


# ---------------------------------------------------- missing-measurement-metadata


@rule(
    "CAS516",
    "missing-measurement-metadata",
    severity=Severity.INFO,
    category=Category.COMPLETENESS,
    default=False,
)
def missing_measurement_metadata(ctx: Context) -> pd.DataFrame:
    """An IKU or PK indicator without its operational definition, formula or data source.

    What it flags
    -------------
    An indicator that is an IKU (``key = true``) or a PK indicator in some period checked
    (a target for it, its goal owned at level ``pemda`` to ``pengawas``) with a blank cell
    in one of the measurement columns of the policy's evaluation settings
    (``measurement_columns``: ``definisi_operasional``, ``formula``, ``sumber_data``). These
    are optional extra columns of ``indicators``; headers match in any case, with a space
    for ``_`` (``Definisi Operasional``). One finding per indicator, with no period: the
    metadata do not change by period.

    Not applicable when none of the columns exists; when only some exist, those are checked
    and the report says which were not (partly not applicable). Not applicable either when
    there is no IKU and no PK indicator.

    Why it matters
    --------------
    The LKE asks that every indicator have an operational definition and a formula
    (BKUR001.2) and that its data be collected reliably, from a named source (BKUR001.3).
    Without them two people measure the same indicator differently, and the realisation in
    the LKjIP cannot be checked.

    Example
    -------
    ``Indikator "I-S1" (Angka kesakitan DBD) has no formula, sumber_data``.

    How to fix
    ----------
    Fill the indicator's ``definisi_operasional`` (what exactly is counted), ``formula`` (how
    the number is computed) and ``sumber_data`` (where the data come from) in
    ``indicators``, as in its IKU manual.
    """
    table = ctx.indicators
    wanted = ctx.settings.measurement_columns
    columns = {name: _column(table, (name,)) for name in wanted}
    present = {name: col for name, col in columns.items() if col is not None}
    if not present:
        ctx.not_applicable("needs the columns " + ", ".join(wanted) + " in indicators")
    absent = [name for name, col in columns.items() if col is None]
    if absent:
        ctx.not_applicable("no column " + ", ".join(absent) + " in indicators", partly=True)
    population = _population(ctx)
    _stop_if_empty(ctx, population)
    subject = population.any(axis=1)
    blanks = {name: _blank(table, col) & subject for name, col in present.items()}
    flagged = np.zeros(len(table), dtype=bool)
    for blank in blanks.values():
        flagged |= blank
    rows = np.flatnonzero(flagged)
    if not rows.size:
        return no_findings()
    which = _join([(blank[rows], name) for name, blank in blanks.items()], len(rows), ", ")
    msg = ctx.label("indicator", rows) + " has no " + which
    return ctx.findings("indicator", rows, msg)


# ---------------------------------------------------------- report-comparison-gap


def comparison_gaps(ctx: Context) -> pd.DataFrame:
    """Which comparisons each IKU lacks, per year checked.

    One row per key indicator and year checked: ``subject_row``, ``indicator_id``,
    ``year`` and one column per comparison of :data:`COMPARISONS`, a nullable boolean:
    ``True`` when the comparison is missing, ``False`` when it can be made, ``<NA>`` when it
    cannot be decided on these data (no plan period, no realisation at all for the year
    before, no benchmark column, a year whose realisation is not due by ``as_of``). Each
    undecided part is also noted through :meth:`Context.not_applicable` with
    ``partly=True``.
    """
    years = checked_years(ctx)
    if not years:
        ctx.not_applicable("needs a year checked (no target, realisation or budget yet)")
    key = np.flatnonzero(key_mask(ctx))
    if not key.size:
        ctx.not_applicable("needs key indicators (IKU, key = true)")
    table = ctx.indicators
    n, y = len(table), len(years)
    targets = yearly(ctx, "targets", "target")
    now = _context_for(ctx, [Period.year_of(v) for v in years])
    before = _context_for(ctx, [Period.year_of(v - 1) for v in years])
    realised = now.derived["value"].to_numpy(dtype=np.float64).reshape(n, y)
    previous = _in_order(before, years, -1)

    na = np.zeros((n, y), dtype=bool)
    columns: dict[str, tuple[np.ndarray, np.ndarray]] = {}
    columns["target"] = (~np.isfinite(_grid(ctx, targets, years)), na)

    due = np.array([ctx.elapsed(Period.year_of(v)) for v in years], dtype=bool)
    for v in np.asarray(years)[~due]:
        ctx.not_applicable(f"the {v} realisation is not due by as_of {ctx.as_of}", partly=True)
    columns["realisation"] = (~np.isfinite(realised), np.broadcast_to(~due, (n, y)))

    held = np.isfinite(previous).any(axis=0)
    for v in np.asarray(years)[~held]:
        ctx.not_applicable(f"no indicator has a realisation for {v - 1}", partly=True)
    columns["previous_realisation"] = (~np.isfinite(previous), np.broadcast_to(~held, (n, y)))

    columns["end_target"] = _end_target_gaps(ctx, targets, n, y)

    benchmark = _column(table, ctx.settings.benchmark_columns)
    if benchmark is None:
        ctx.not_applicable(
            "needs a benchmark column ("
            + " or ".join(ctx.settings.benchmark_columns)
            + ") in indicators",
            partly=True,
        )
        columns["benchmark"] = (np.zeros((n, y), dtype=bool), np.ones((n, y), dtype=bool))
    else:
        missing = np.broadcast_to(_blank(table, benchmark)[:, None], (n, y))
        columns["benchmark"] = (missing, na)

    rows = np.repeat(key, y)
    k = np.tile(np.arange(y), key.size)
    out: dict[str, object] = {
        "subject_row": rows,
        "indicator_id": table["indicator_id"].take(rows).reset_index(drop=True),
        "year": np.asarray(years, dtype=np.int64)[k],
    }
    for name, (missing, undecided) in columns.items():
        values = pd.array(missing[rows, k], dtype="boolean")
        values[undecided[rows, k]] = pd.NA
        out[name] = values
    return pd.DataFrame(out)


def _in_order(before: Context, years: list[int], shift: int) -> np.ndarray:
    """(indicators x ``years``): the realisation of ``year + shift`` from ``before``."""
    n = len(before.indicators)
    values = before.derived["value"].to_numpy(dtype=np.float64).reshape(n, len(before.periods))
    index = {q.year: j for j, q in enumerate(before.periods)}
    return values[:, [index[v + shift] for v in years]]


def _end_target_gaps(
    ctx: Context, targets: pd.DataFrame, n: int, y: int
) -> tuple[np.ndarray, np.ndarray]:
    """Missing and undecided masks, (indicators x years), for the plan-end target."""
    end = ctx.policy.plan_end
    none = np.zeros((n, y), dtype=bool)
    if end is None:
        ctx.not_applicable(
            "needs the plan's last year (plan_end in the policy) for the end target",
            partly=True,
        )
        return none, np.ones((n, y), dtype=bool)
    has = np.isfinite(_grid(ctx, targets, [end]))[:, 0]
    column = _column(ctx.indicators, END_TARGET_COLUMNS)
    if column is not None:
        has |= ~_blank(ctx.indicators, column)
    if column is None and not has.any():
        ctx.not_applicable(
            f"needs targets for the plan's last year {end} or an end-of-period target column"
            " (" + " or ".join(END_TARGET_COLUMNS) + ")",
            partly=True,
        )
        return none, np.ones((n, y), dtype=bool)
    return np.broadcast_to(~has[:, None], (n, y)), none


@rule(
    "CAS517",
    "report-comparison-gap",
    severity=Severity.INFO,
    category=Category.COMPLETENESS,
    default=False,
)
def report_comparison_gap(ctx: Context) -> pd.DataFrame:
    """An IKU that the annual report cannot compare with its target, its past or a benchmark.

    What it flags
    -------------
    For each year *y* checked, a key indicator (IKU, ``key = true``) that lacks any of the
    values its line in the LKjIP is compared with:

    - its annual target for *y*, and its realisation for *y* (reported, else from its
      quarters or months, else derived from carrier children);
    - its realisation for *y − 1*;
    - its target for the plan's last year (``plan_end``): a target row of that year, or a
      value in an end-of-period target column (``target_akhir``, ``end_target``);
    - a benchmark: a value in an indicators column named in ``benchmark_columns`` of the
      policy's evaluation settings (``benchmark``, ``pembanding``).

    One finding per IKU and year, listing what is missing. A comparison that cannot be
    decided on these data is reported as partly not applicable, never as missing: without
    ``plan_end`` (or when no indicator has a target for the plan's last year and there is
    no end-target column), without a benchmark column, when no indicator has a realisation
    for *y − 1*, or for *y*'s realisation when *y* has not ended by ``as_of``. Not applicable
    without a year checked or without any IKU.

    Why it matters
    --------------
    The LKE asks the performance report to compare each IKU's realisation with its annual
    target (CLAP002.3), with the medium-term target (CLAP002.4), with past years (CLAP002.5)
    and with a regional or national benchmark (CLAP002.6), and asks that the data allow
    those comparisons (BKUR002.2). A missing value leaves a blank column in the LKjIP's
    analysis table, which the evaluator scores against each of those criteria.

    Example
    -------
    ``Indikator "I-T1" (Angka harapan hidup) cannot be compared in the 2024 report: no 2023
    realisation (last year), no benchmark``.

    How to fix
    ----------
    Load last year's realisations, the plan's targets up to its last year (or its end target
    in ``target_akhir``) and a benchmark value per IKU (a ``benchmark`` or ``pembanding``
    column of ``indicators``: a provincial or national figure, or a peer city's).
    """
    frame = comparison_gaps(ctx)
    names = list(COMPARISONS)
    missing = np.column_stack([frame[name].fillna(False).to_numpy(dtype=bool) for name in names])
    keep = np.asarray(missing.any(axis=1), dtype=bool)
    if not keep.any():
        return no_findings()
    frame = frame.loc[keep].reset_index(drop=True)
    missing = missing[keep]
    year = frame["year"].to_numpy(dtype=np.int64)
    year_text = pd.Series(year.astype(str), dtype="str")
    prior = pd.Series((year - 1).astype(str), dtype="str")
    end = str(ctx.policy.plan_end)
    texts: dict[str, str | pd.Series] = {
        "target": "no " + year_text + " target",
        "realisation": "no " + year_text + " realisation",
        "previous_realisation": "no " + prior + " realisation (last year)",
        "end_target": f"no target for {end} (the plan's last year)",
        "benchmark": "no benchmark",
    }
    which = _join([(missing[:, j], texts[name]) for j, name in enumerate(names)], len(frame), ", ")
    rows = frame["subject_row"].to_numpy(dtype=np.int64)
    msg = (
        ctx.label("indicator", rows)
        + " cannot be compared in the "
        + year_text
        + " report: "
        + which
    )
    return ctx.findings("indicator", rows, msg, period=year_text)


RULES: tuple[Rule, ...] = (
    goal_not_outcome,
    indicator_not_smart,
    missing_measurement_metadata,
    report_comparison_gap,
)

"""Failing, passing and not-applicable cases for the quality rules (CAS514–CAS517).

The base city (``_base.base``) has one year, 2024. Its goal statements of kind tujuan to
sasaran program start with result words (``Meningkatnya``, ``Menurunnya``); the kegiatan and
sub kegiatan start with output words, which is fine at that level. Every indicator is named
"Kasus ditangani", counts ``kasus``, targets 120 and realises 110; ``I-T1`` and ``I-S1`` are
the key indicators (IKU), ``I-T1`` to ``I-SK1`` are PK indicators (owned from the pemda down
to the seksi) and ``I-R1``, the employee's, is neither. The base has no measurement
columns, no benchmark, no plan period and no 2023 data.
"""

from __future__ import annotations

import numpy as np
from tests.checks._base import Case, Tables, add_realisation, add_target, base

OUTCOME = "goal-not-outcome"
SMART = "indicator-not-smart"
METADATA = "missing-measurement-metadata"
COMPARISON = "report-comparison-gap"
IDS = ["I-T1", "I-S1", "I-P1", "I-K1", "I-SK1", "I-R1"]


def _set(t: Tables, table: str, subject: str, column: str, value: object) -> None:
    frame = t[table]
    frame.loc[int(np.flatnonzero(frame.iloc[:, 0].to_numpy() == subject)[0]), column] = value


def _drop(t: Tables, table: str, indicator: str, period: str) -> None:
    frame = t[table]
    keep = ~((frame["indicator_id"] == indicator) & (frame["period"] == period))
    t[table] = frame[keep].reset_index(drop=True)


def _column(t: Tables, header: str, value: object = "diisi") -> None:
    t["indicators"][header] = value


# ---------------------------------------------------------------- goal-not-outcome


def _statement(goal: str, text: object, note: str, *, expected: bool = True) -> Case:
    t = base()
    _set(t, "goals", goal, "statement", text)
    return Case(OUTCOME, t, {(OUTCOME, goal)} if expected else set(), note=note)


def _custom_result_word() -> Case:
    t = base()
    _set(t, "goals", "T1", "statement", "Peningkatan derajat kesehatan")
    words = ("meningkatnya", "menurunnya", "peningkatan")
    return Case(OUTCOME, t, policy={"evaluation": {"result_leads": words}}, note="custom word")


def _custom_output_word() -> Case:
    t = base()
    policy = {"evaluation": {"output_leads": ("menurunnya",), "result_leads": ("menurunnya",)}}
    expected = {(OUTCOME, "S1"), (OUTCOME, "T1"), (OUTCOME, "P1")}  # two are now "neither"
    return Case(OUTCOME, t, expected, policy=policy, note="output word wins over result word")


def _kind_not_judged() -> Case:
    t = base()
    _set(t, "goals", "P1", "kind", None)
    _set(t, "goals", "P1", "statement", "Terlaksananya imunisasi")
    return Case(OUTCOME, t, note="kind not stated")


def _no_outcome_kinds() -> Case:
    t = base()
    for goal in ("T1", "S1", "P1"):
        _set(t, "goals", goal, "kind", None)
    return Case(OUTCOME, t, note="needs goals of kind tujuan")


# ------------------------------------------------------------- indicator-not-smart


def _smart(expected: set[str], note: str, t: Tables, **policy: object) -> Case:
    return Case(SMART, t, {(SMART, i) for i in expected}, policy=dict(policy), note=note)


def _two_measures() -> Case:
    t = base()
    _set(t, "indicators", "I-S1", "name", "Persentase balita gizi buruk dan Jumlah kasus stunting")
    return _smart({"I-S1"}, "S: two measures", t)


def _blank_name() -> Case:
    t = base()
    _set(t, "indicators", "I-P1", "name", "  ")
    return _smart({"I-P1"}, "S: blank name", t)


def _blank_definition() -> Case:
    t = base()
    _column(t, "Definisi Operasional")
    _set(t, "indicators", "I-T1", "Definisi Operasional", None)
    _set(t, "indicators", "I-R1", "Definisi Operasional", None)  # not IKU, not PK
    return _smart({"I-T1"}, "S: blank definition, header as typed", t)


def _blank_unit() -> Case:
    t = base()
    _set(t, "indicators", "I-K1", "measure_unit", None)
    t["indicators"]["aggregation"] = "none"  # keep unit-mismatch out of it
    return _smart({"I-K1"}, "M: no measure unit", t)


def _key_without_target() -> Case:
    t = base()
    _drop(t, "targets", "I-T1", "2024")
    return _smart({"I-T1"}, "M, T: an IKU with no target", t)


def _infinite_target() -> Case:
    t = base()
    _set(t, "targets", "I-P1", "target", np.inf)
    return _smart({"I-P1"}, "M: a target that is not a number", t)


def _zero_target() -> Case:
    t = base()
    _set(t, "targets", "I-SK1", "target", 0.0)
    return _smart({"I-SK1"}, "A: zero target", t)


def _zero_range_target() -> Case:
    t = base()
    _set(t, "targets", "I-SK1", "target", 0.0)
    _set(t, "targets", "I-SK1", "target_upper", 0.0)
    return _smart({"I-SK1"}, "A: range 0-0", t)


def _regressed() -> Case:
    t = base()
    add_realisation(t, "I-T1", "2023", 130.0)
    return _smart({"I-T1"}, "A: target-regression", t)


def _unit_mismatch() -> Case:
    t = base()
    _set(t, "indicators", "I-SK1", "measure_unit", "orang")
    _set(t, "indicators", "I-SK1", "aggregation", "none")  # I-R1 below: not PK anyway
    return _smart({"I-SK1"}, "R: unit-mismatch", t)


def _polarity_mismatch() -> Case:
    t = base()
    _set(t, "indicators", "I-P1", "polarity", "minimize")
    return _smart({"I-P1", "I-K1"}, "R: polarity-mismatch, parent and child", t)


def _goal_mismatch() -> Case:
    t = base()
    _set(t, "indicators", "I-K1", "parent_indicator_id", "I-S1")  # skips I-P1
    return _smart({"I-K1"}, "R: indicator-goal-mismatch", t)


def _plan_year_missing() -> Case:
    t = base()
    for indicator in IDS:
        if indicator != "I-P1":
            add_target(t, indicator, "2025", 130.0)
    return _smart({"I-P1"}, "T: a plan year without target", t, plan_start=2024, plan_end=2025)


def _key_employee_indicator() -> Case:
    t = base()
    _set(t, "indicators", "I-R1", "key", True)
    _set(t, "indicators", "I-R1", "measure_unit", None)
    return _smart({"I-R1"}, "an IKU below the PK levels", t)


def _later_year_checked() -> Case:
    t = base()
    for indicator in IDS[2:]:
        add_target(t, indicator, "2025", 130.0)
    case = _smart({"I-T1", "I-S1"}, "IKU without a target in the year checked", t)
    case.period = "2025"
    return case


def _measure_words_not_joined() -> Case:
    t = base()
    _set(t, "indicators", "I-S1", "name", "Persentase sarana dan prasarana yang baik")
    _set(t, "indicators", "I-P1", "name", "Jumlah kasus dan")
    return _smart(set(), "dan between a measure and a plain noun", t)


def _not_pk_not_key() -> Case:
    t = base()
    _set(t, "indicators", "I-R1", "name", "Angka A dan angka B")
    _set(t, "targets", "I-R1", "target", 0.0)
    return _smart(set(), "the employee's indicator is neither IKU nor PK", t)


def _zero_to_five() -> Case:
    t = base()
    _set(t, "targets", "I-SK1", "target", 0.0)
    _set(t, "targets", "I-SK1", "target_upper", 5.0)
    return _smart(set(), "a range from 0 is fine", t)


def _plan_years_not_loaded() -> Case:
    t = base()
    return _smart(
        set(), "plan years nobody targets are not loaded", t, plan_start=2022, plan_end=2026
    )


def _definition_filled() -> Case:
    t = base()
    _column(t, "definisi_operasional", "Kasus yang ditangani sesuai SOP")
    add_realisation(t, "I-T1", "2023", 100.0)
    return _smart(set(), "definition filled, target above last year", t)


def _no_key_no_pk() -> Case:
    t = base()
    t["indicators"]["key"] = False
    t["targets"] = t["targets"].iloc[0:0]
    return _smart(set(), "needs IKU", t)


# ---------------------------------------------------- missing-measurement-metadata


def _measured(**blank: str) -> Tables:
    """The base with the three measurement columns filled, then ``column=indicator`` blanked."""
    t = base()
    for column in ("definisi_operasional", "formula", "sumber_data"):
        _column(t, column)
    for column, indicator in blank.items():
        _set(t, "indicators", indicator, column, None)
    return t


def _metadata(expected: set[str], note: str, t: Tables) -> Case:
    return Case(METADATA, t, {(METADATA, i) for i in expected}, note=note)


def _blank_formula_of_key() -> Case:
    return _metadata({"I-S1"}, "blank formula of an IKU", _measured(formula="I-S1"))


def _blank_source_of_pk() -> Case:
    t = _measured(sumber_data="I-SK1", definisi_operasional="I-K1")
    return _metadata({"I-SK1", "I-K1"}, "blank source and definition of PK indicators", t)


def _whitespace_is_blank() -> Case:
    t = _measured()
    _set(t, "indicators", "I-P1", "formula", "   ")
    return _metadata({"I-P1"}, "only spaces", t)


def _headers_as_typed() -> Case:
    t = base()
    _column(t, "Definisi Operasional")
    _column(t, "Sumber-Data")
    _column(t, "FORMULA")
    _set(t, "indicators", "I-T1", "Sumber-Data", None)
    return _metadata({"I-T1"}, "headers as people type them", t)


def _only_some_columns() -> Case:
    t = base()
    _column(t, "sumber_data")
    _set(t, "indicators", "I-T1", "sumber_data", None)
    return _metadata({"I-T1"}, "only sumber_data exists", t)


def _employee_not_checked() -> Case:
    t = _measured(formula="I-R1", sumber_data="I-R1")
    return _metadata(set(), "the employee's indicator is neither IKU nor PK", t)


def _pk_of_another_year() -> Case:
    t = _measured(formula="I-K1")
    case = _metadata(set(), "PK only in a year not checked", t)
    add_target(t, "I-T1", "2025", 130.0)
    add_target(t, "I-S1", "2025", 130.0)
    case.period = "2025"
    return case


# ---------------------------------------------------------- report-comparison-gap


def _comparable() -> Tables:
    """The base with every comparison of the two IKU available for 2024 (plan end 2024)."""
    t = base()
    for indicator in ("I-T1", "I-S1"):
        add_realisation(t, indicator, "2023", 100.0)
    _column(t, "pembanding", 105.0)
    return t


_PLAN = {"plan_start": 2020, "plan_end": 2024}


def _comparison(expected: set[str], note: str, t: Tables, **policy: object) -> Case:
    return Case(
        COMPARISON,
        t,
        {(COMPARISON, i) for i in expected},
        policy={**_PLAN, **policy},
        note=note,
    )


def _no_last_year() -> Case:
    t = _comparable()
    _drop(t, "realisations", "I-S1", "2023")
    return _comparison({"I-S1"}, "no realisation last year", t)


def _no_benchmark() -> Case:
    t = _comparable()
    _set(t, "indicators", "I-T1", "pembanding", np.nan)
    return _comparison({"I-T1"}, "blank benchmark", t)


def _no_realisation() -> Case:
    t = _comparable()
    _set(t, "indicators", "I-T1", "aggregation", "none")
    _drop(t, "realisations", "I-T1", "2024")
    return _comparison({"I-T1"}, "no realisation, none derived", t)


def _no_target() -> Case:
    t = _comparable()
    _drop(t, "targets", "I-S1", "2024")
    return _comparison({"I-S1"}, "no target for the year", t)


def _no_end_target() -> Case:
    t = _comparable()
    add_target(t, "I-T1", "2026", 150.0)
    case = _comparison({"I-S1"}, "no target for the plan's last year", t, plan_end=2026)
    case.period = "2024"
    return case


def _end_target_column() -> Case:
    t = _comparable()
    _column(t, "Target Akhir", None)
    _set(t, "indicators", "I-T1", "Target Akhir", "150")
    return _comparison({"I-S1"}, "an end-target column", t, plan_end=2026)


def _later_year() -> Case:
    t = _comparable()
    case = _comparison({"I-T1", "I-S1"}, "a year with nothing yet", t)
    case.period = "2025"
    return case


def _derived_counts() -> Case:
    t = _comparable()
    _drop(t, "realisations", "I-T1", "2024")  # derived from I-S1
    return _comparison(set(), "a derived realisation counts", t)


def _not_due() -> Case:
    t = _comparable()
    _set(t, "indicators", "I-T1", "aggregation", "none")
    _drop(t, "realisations", "I-T1", "2024")
    case = _comparison(set(), "the year's realisation is not due yet", t)
    case.as_of = "2024Q2"
    return case


def _quarters_count() -> Case:
    t = _comparable()
    _drop(t, "realisations", "I-T1", "2023")
    for quarter in ("Q1", "Q2", "Q3", "Q4"):
        add_realisation(t, "I-T1", "2023" + quarter, 25.0)
    return _comparison(set(), "last year's realisation from its quarters", t)


def _not_key() -> Case:
    t = _comparable()
    _set(t, "indicators", "I-P1", "pembanding", np.nan)
    return _comparison(set(), "a blank benchmark of an indicator that is not an IKU", t)


def _parts_undecided() -> Case:
    return Case(COMPARISON, base(), note="no history, plan end or benchmark: all undecided")


def _no_key() -> Case:
    t = base()
    t["indicators"]["key"] = False
    return Case(COMPARISON, t, note="needs key indicators")


FAILING = [
    _statement("P1", "Terlaksananya pelayanan imunisasi", "output word"),
    _statement("T1", "Peningkatan derajat kesehatan", "neither word (info)"),
    _statement("S1", "1. Penyusunan dokumen perencanaan", "numbering skipped"),
    _statement("P1", "TERSEDIANYA, air bersih", "capitals and punctuation"),
    _statement("T1", "2024", "no word at all"),
    _custom_output_word(),
    _two_measures(),
    _blank_name(),
    _blank_definition(),
    _blank_unit(),
    _key_without_target(),
    _infinite_target(),
    _zero_target(),
    _zero_range_target(),
    _regressed(),
    _unit_mismatch(),
    _polarity_mismatch(),
    _goal_mismatch(),
    _plan_year_missing(),
    _key_employee_indicator(),
    _later_year_checked(),
    _blank_formula_of_key(),
    _blank_source_of_pk(),
    _whitespace_is_blank(),
    _headers_as_typed(),
    _only_some_columns(),
    _no_last_year(),
    _no_benchmark(),
    _no_realisation(),
    _no_target(),
    _no_end_target(),
    _end_target_column(),
    _later_year(),
]

PASSING = [
    Case(OUTCOME, base()),
    Case(SMART, base()),
    Case(METADATA, _measured(), note="every column filled"),
    Case(COMPARISON, _comparable(), policy=_PLAN, note="every comparison available"),
    _statement("P1", None, "blank statement", expected=False),
    _statement("T1", "Terwujudnya kota sehat", "result word", expected=False),
    _custom_result_word(),
    _kind_not_judged(),
    _measure_words_not_joined(),
    _not_pk_not_key(),
    _zero_to_five(),
    _plan_years_not_loaded(),
    _definition_filled(),
    _employee_not_checked(),
    _pk_of_another_year(),
    _derived_counts(),
    _not_due(),
    _quarters_count(),
    _not_key(),
    _parts_undecided(),
]

NOT_APPLICABLE = [
    _no_outcome_kinds(),
    _no_key_no_pk(),
    Case(METADATA, base(), note="needs the columns definisi_operasional, formula, sumber_data"),
    _no_key(),
]

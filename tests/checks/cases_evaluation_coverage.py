"""Failing, passing and not-applicable cases for the coverage rules (CAS501–CAS504, CAS507).

The base city (``_base.base``) has one agency, ``DINKES``, under the pemda ``PEMKO``; below it
the administrator unit ``BID``, the pengawas unit ``SEKSI`` and the employee ``ASN``, each
owning one goal (``P1``, ``K1``, ``SK1``, ``R1``) with one indicator and a 2024 target, in one
chain under the pemda's ``T1`` → ``S1``. Budget lines for 2024 sit on ``P1``, ``K1`` and
``SK1``; no goal is crosscutting. So the pemda's ``S1`` is supported by one agency only, and
``crosscutting-absent`` flags it in the base city.
"""

from __future__ import annotations

from tests.checks._base import (
    Case,
    Tables,
    add_budget,
    add_goal,
    add_indicator,
    add_unit,
    base,
)


def _set(t: Tables, table: str, key: str, value: str, column: str, new: object) -> None:
    frame = t[table]
    frame.loc[frame[key].to_numpy() == value, column] = new


def _drop(t: Tables, table: str, key: str, *values: str) -> None:
    frame = t[table]
    t[table] = frame[~frame[key].isin(values).to_numpy()].reset_index(drop=True)


def _expect(rule: str, *ids: str) -> set[tuple[str, str]]:
    return {(rule, i) for i in ids}


def _second_agency(t: Tables) -> Tables:
    """A second agency, ``DINSOS``, with a program goal ``P2`` under the pemda's ``S1``."""
    add_unit(t, "DINSOS", "PEMKO", "perangkat_daerah")
    add_goal(t, "P2", "DINSOS", "S1", "sasaran_program")
    add_indicator(t, "I-P2", "P2", "2024")
    add_budget(t, "P2", "2024", 1e9)
    return t


# ------------------------------------------------------------------ unit-without-goal

U = "unit-without-goal"


def _unit_with_no_goal() -> Case:
    t = base()
    add_unit(t, "SEKSI2", "BID", "pengawas")
    return Case(U, t, _expect(U, "SEKSI2"), note="owns no goal")


def _goal_without_indicator() -> Case:
    t = base()
    add_unit(t, "SEKSI2", "BID", "pengawas")
    add_goal(t, "SK2", "SEKSI2", "K1", "sasaran_subkegiatan")
    return Case(U, t, _expect(U, "SEKSI2"), note="a goal with no indicator")


def _indicator_without_target_for_the_year() -> Case:
    t = base()
    add_unit(t, "BID2", "DINKES", "administrator")
    add_goal(t, "K2", "BID2", "P1", "sasaran_kegiatan")
    add_indicator(t, "I-K2", "K2", "2023")
    return Case(
        U, t, _expect(U, "BID2"), period="2024", note="a target for 2023 is not one for 2024"
    )


def _target_of_an_indicator_of_another_unit() -> Case:
    t = base()
    add_unit(t, "BID2", "DINKES", "administrator")
    add_goal(t, "K2", "BID2", "P1", "sasaran_kegiatan")
    add_indicator(t, "I-K2", "K2")  # no target; the parent K1's indicator has one
    return Case(U, t, _expect(U, "BID2"), note="another unit's target does not count")


def _both_plan_levels() -> Case:
    t = base()
    add_unit(t, "BID2", "DINKES", "administrator")
    add_unit(t, "SEKSI2", "BID2", "pengawas")
    return Case(U, t, _expect(U, "BID2", "SEKSI2"), note="administrator and pengawas")


def _agency_level_by_policy() -> Case:
    t = _second_agency(base())
    add_unit(t, "DISDIK", "PEMKO", "perangkat_daerah")
    return Case(
        U,
        t,
        _expect(U, "DISDIK"),
        policy={"evaluation": {"plan_levels": ["perangkat_daerah"]}},
        note="plan_levels",
    )


def _unit_whose_goals_are_duplicated_elsewhere() -> Case:
    t = base()
    _set(t, "goals", "goal_id", "SK1", "unit_id", "BID")  # SEKSI's goal moved to BID
    return Case(U, t, _expect(U, "SEKSI"), note="the goal moved to another unit")


def _quarter_target_is_a_plan() -> Case:
    t = base()
    add_unit(t, "SEKSI2", "BID", "pengawas")
    add_goal(t, "SK2", "SEKSI2", "K1", "sasaran_subkegiatan")
    add_indicator(t, "I-SK2", "SK2", "2024Q2")
    return Case(U, t, note="a quarter target inside the year")


def _employee_not_judged() -> Case:
    t = base()
    add_unit(t, "ASN2", "SEKSI", "pelaksana")
    return Case(U, t, note="employees are employee-without-rhk's")


def _agency_not_judged_by_default() -> Case:
    t = base()
    add_unit(t, "DINSOS", "PEMKO", "perangkat_daerah")
    return Case(U, t, note="the default plan levels leave agencies out")


def _pengawas_only_by_policy() -> Case:
    t = base()
    add_unit(t, "BID2", "DINKES", "administrator")
    return Case(
        U,
        t,
        policy={"evaluation": {"plan_levels": ["pengawas"]}},
        note="administrator left out by policy",
    )


def _no_plan_levels() -> Case:
    t = base()
    _drop(t, "units", "unit_id", "BID", "SEKSI", "ASN")
    _drop(t, "goals", "goal_id", "K1", "SK1", "R1")
    _drop(t, "indicators", "indicator_id", "I-K1", "I-SK1", "I-R1")
    _drop(t, "targets", "indicator_id", "I-K1", "I-SK1", "I-R1")
    _drop(t, "realisations", "indicator_id", "I-K1", "I-SK1", "I-R1")
    _drop(t, "budgets", "goal_id", "K1", "SK1")
    return Case(U, t, note="needs units of level administrator or pengawas")


def _no_year() -> Case:
    t = base()
    for table in ("targets", "realisations", "budgets"):
        t[table] = t[table].iloc[:0]
    return Case(U, t, note="needs a year checked")


# --------------------------------------------------------------- employee-without-rhk

E = "employee-without-rhk"


def _employee_with_no_goal() -> Case:
    t = base()
    add_unit(t, "ASN2", "SEKSI", "pelaksana")
    return Case(E, t, _expect(E, "ASN2"), note="no goal")


def _rhk_without_parent() -> Case:
    t = base()
    add_unit(t, "ASN2", "SEKSI", "pelaksana")
    add_goal(t, "R2", "ASN2", None, "rencana_hasil_kerja")
    return Case(E, t, _expect(E, "ASN2"), note="an RHK with no parent goal")


def _rhk_with_dangling_parent() -> Case:
    t = base()
    add_unit(t, "ASN2", "SEKSI", "pelaksana")
    add_goal(t, "R2", "ASN2", "SK9", "rencana_hasil_kerja")
    return Case(E, t, _expect(E, "ASN2"), note="dangling parent")


def _rhk_in_a_cycle() -> Case:
    t = base()
    add_unit(t, "ASN2", "SEKSI", "pelaksana")
    add_goal(t, "R2", "ASN2", "R3", "rencana_hasil_kerja")
    add_goal(t, "R3", "ASN2", "R2", "rencana_hasil_kerja")
    return Case(E, t, _expect(E, "ASN2"), note="cycle")


def _chain_breaks_above_the_rhk() -> Case:
    t = base()
    _set(t, "goals", "goal_id", "K1", "parent_goal_id", None)
    return Case(E, t, _expect(E, "ASN"), note="the chain breaks at the kegiatan")


def _employee_goal_of_another_kind() -> Case:
    t = base()
    _set(t, "goals", "goal_id", "R1", "kind", "sasaran_subkegiatan")
    return Case(E, t, _expect(E, "ASN"), note="a sub kegiatan goal is not an RHK")


def _two_employees() -> Case:
    t = base()
    add_unit(t, "ASN2", "SEKSI", "pelaksana")
    add_unit(t, "ASN3", "SEKSI", "pelaksana")
    add_goal(t, "R3", "ASN3", None, "rencana_hasil_kerja")
    return Case(E, t, _expect(E, "ASN2", "ASN3"))


def _rhk_with_blank_kind() -> Case:
    t = base()
    _set(t, "goals", "goal_id", "R1", "kind", None)
    return Case(E, t, note="an employee's goal with no kind is an RHK")


def _one_of_two_rhk_reaches() -> Case:
    t = base()
    add_goal(t, "R2", "ASN", None, "rencana_hasil_kerja")
    return Case(E, t, note="one RHK that reaches is enough")


def _rhk_under_a_kegiatan() -> Case:
    t = base()
    add_unit(t, "ASN2", "BID", "pelaksana")
    add_goal(t, "R2", "ASN2", "K1", "rencana_hasil_kerja")
    return Case(E, t, note="an RHK under the kegiatan reaches too")


def _no_roster() -> Case:
    t = base()
    _drop(t, "units", "unit_id", "ASN")
    _drop(t, "goals", "goal_id", "R1")
    _drop(t, "indicators", "indicator_id", "I-R1")
    _drop(t, "targets", "indicator_id", "I-R1")
    _drop(t, "realisations", "indicator_id", "I-R1")
    return Case(E, t, note="needs a roster of employees (units of level pelaksana)")


# ---------------------------------------------------------------- crosscutting-absent

A = "crosscutting-absent"


def _one_agency() -> Case:
    return Case(A, base(), _expect(A, "S1"), note="DINKES alone; T1 is judged at S1")


def _two_units_of_one_agency() -> Case:
    t = base()
    add_goal(t, "K2", "BID", "S1", "sasaran_kegiatan")
    add_indicator(t, "I-K2", "K2", "2024")
    return Case(A, t, _expect(A, "S1"), note="a bidang of the same agency adds nothing")


def _three_required() -> Case:
    return Case(
        A,
        _second_agency(base()),
        _expect(A, "S1"),
        policy={"evaluation": {"min_agencies": 3}},
        note="min_agencies 3",
    )


def _no_agency_at_all() -> Case:
    t = base()
    add_unit(t, "KEC", "PEMKO", "administrator")  # a kecamatan under the pemda: no agency
    add_goal(t, "S2", "PEMKO", "T1", "sasaran_strategis")
    add_goal(t, "K2", "KEC", "S2", "sasaran_kegiatan")
    return Case(A, t, _expect(A, "S1", "S2"), note="S2's support has no agency")


def _crosscutting_under_another_pemda_goal() -> Case:
    t = _second_agency(base())
    add_goal(t, "S2", "PEMKO", "T1", "sasaran_strategis")
    _set(t, "goals", "goal_id", "P2", "parent_goal_id", "S2")
    add_goal(t, "X", "DINSOS", "P1", "sasaran_program", crosscutting=True)
    return Case(
        A,
        t,
        _expect(A, "S2"),
        note="DINSOS supports S1 through X, DINSOS alone supports S2",
    )


def _single_agency_goal_elsewhere() -> Case:
    return Case(
        A,
        base(),
        _expect(A, "S1"),
        policy={"evaluation": {"single_agency_goals": ["T1", "P1"]}},
        note="only S1 itself can be exempted",
    )


def _two_agencies() -> Case:
    return Case(A, _second_agency(base()), note="DINKES and DINSOS")


def _crosscutting_toward_an_agency_goal() -> Case:
    t = base()
    add_unit(t, "DINSOS", "PEMKO", "perangkat_daerah")
    add_goal(t, "X", "DINSOS", "P1", "sasaran_program", crosscutting=True)
    return Case(A, t, note="a crosscutting goal below S1 counts for S1")


def _crosscutting_directly_toward_the_pemda_goal() -> Case:
    t = base()
    add_unit(t, "DINSOS", "PEMKO", "perangkat_daerah")
    add_goal(t, "X", "DINSOS", "S1", "sasaran_program", crosscutting=True)
    return Case(A, t, note="crosscutting toward S1 itself")


def _employee_of_another_agency() -> Case:
    t = base()
    add_unit(t, "DINSOS", "PEMKO", "perangkat_daerah")
    add_unit(t, "PEGAWAI", "DINSOS", "pelaksana")
    add_goal(t, "R2", "PEGAWAI", "S1", "rencana_hasil_kerja")
    return Case(A, t, note="an employee counts for their agency")


def _single_agency_allowed() -> Case:
    return Case(
        A,
        base(),
        policy={"evaluation": {"single_agency_goals": ["S1"]}},
        note="single_agency_goals",
    )


def _one_agency_is_enough_by_policy() -> Case:
    return Case(A, base(), policy={"evaluation": {"min_agencies": 1}}, note="min_agencies 1")


def _no_shared_pemda_goal() -> Case:
    t = base()
    _set(t, "goals", "goal_id", "P1", "parent_goal_id", None)
    return Case(A, t, note="needs a pemda goal with a child goal owned outside the pemda")


# -------------------------------------------------------------- crosscutting-unlinked

X = "crosscutting-unlinked"


def _crosscutting(t: Tables, parent: str | None, *periods: str, indicator: bool = True) -> Tables:
    """``X`` of a second agency ``DINSOS``, declared crosscutting under ``parent``."""
    add_unit(t, "DINSOS", "PEMKO", "perangkat_daerah")
    add_goal(t, "X", "DINSOS", parent, "sasaran_program", crosscutting=True)
    if indicator:
        add_indicator(t, "I-X", "X", *periods)
    return t


def _crosscutting_without_parent() -> Case:
    t = _crosscutting(base(), None, "2024")
    return Case(X, t, _expect(X, "X"), note="names no parent goal")


def _crosscutting_without_indicator() -> Case:
    t = _crosscutting(base(), "P1", indicator=False)
    return Case(X, t, _expect(X, "X"), note="no indicator")


def _crosscutting_without_target_for_the_year() -> Case:
    t = _crosscutting(base(), "P1", "2023")
    return Case(X, t, _expect(X, "X"), period="2024", note="a 2023 target only")


def _crosscutting_with_nothing() -> Case:
    t = _crosscutting(base(), None, indicator=False)
    return Case(X, t, _expect(X, "X"), note="no parent and no indicator")


def _pemda_goal_crosscutting_without_parent() -> Case:
    t = base()
    _set(t, "goals", "goal_id", "T1", "crosscutting", True)
    return Case(X, t, _expect(X, "T1"), note="a pemda goal declared crosscutting")


def _crosscutting_linked() -> Case:
    return Case(X, _crosscutting(base(), "P1", "2024"), note="parent and a 2024 target")


def _crosscutting_with_quarter_target() -> Case:
    return Case(X, _crosscutting(base(), "S1", "2024Q3"), note="a quarter target")


def _crosscutting_within_agency_left_to_cas210() -> Case:
    t = base()
    _set(t, "goals", "goal_id", "K1", "crosscutting", True)
    return Case(X, t, note="within the agency: crosscutting-within-agency's")


def _crosscutting_dangling_left_to_dangling_reference() -> Case:
    return Case(
        X, _crosscutting(base(), "P9", "2024"), note="a dangling parent: dangling-reference's"
    )


# ----------------------------------------------------------------------- unfunded-goal

F = "unfunded-goal"


def _no_line() -> Case:
    t = base()
    _drop(t, "budgets", "goal_id", "SK1")
    return Case(F, t, _expect(F, "SK1"), note="no budget line")


def _zero_allocation() -> Case:
    t = base()
    _set(t, "budgets", "goal_id", "SK1", "allocated", 0.0)
    _set(t, "budgets", "goal_id", "SK1", "spent", 0.0)
    return Case(F, t, _expect(F, "SK1"), note="allocated 0")


def _zero_in_every_quarter() -> Case:
    t = base()
    _drop(t, "budgets", "goal_id", "K1")
    add_budget(t, "K1", "2024Q1", 0.0)
    add_budget(t, "K1", "2024Q2", 0.0)
    return Case(F, t, _expect(F, "K1"), note="every line of the year allocates 0")


def _line_of_another_year() -> Case:
    t = base()
    _set(t, "budgets", "goal_id", "P1", "period", "2023")
    return Case(F, t, _expect(F, "P1"), period="2024", note="a 2023 pagu")


def _goal_without_targets() -> Case:
    t = base()
    add_goal(t, "SK2", "SEKSI", "K1", "sasaran_subkegiatan")
    return Case(F, t, _expect(F, "SK2"), note="a goal with no target at all is judged")


def _every_funded_kind() -> Case:
    t = base()
    t["budgets"] = t["budgets"].iloc[:0]
    add_budget(t, "T1", "2024", 1e9)  # a table with a line, on a goal that is not funded
    return Case(F, t, _expect(F, "P1", "K1", "SK1"), note="program, kegiatan, sub kegiatan")


def _quarter_line() -> Case:
    t = base()
    _drop(t, "budgets", "goal_id", "SK1")
    add_budget(t, "SK1", "2024Q3", 5e8)
    return Case(F, t, note="a quarter's line funds the year")


def _one_line_with_money() -> Case:
    t = base()
    add_budget(t, "SK1", "2024Q4", 0.0)
    return Case(F, t, note="one zero line beside a funded one")


def _goal_of_another_years_plan() -> Case:
    t = base()
    add_goal(t, "SK2", "SEKSI", "K1", "sasaran_subkegiatan")
    add_indicator(t, "I-SK2", "SK2", "2023")
    return Case(F, t, period="2024", note="its targets are all in 2023")


def _other_kinds_not_judged() -> Case:
    t = base()
    _set(t, "goals", "goal_id", "SK1", "kind", None)
    _drop(t, "budgets", "goal_id", "SK1")
    return Case(F, t, note="tujuan, sasaran strategis, RHK and a blank kind have no pagu")


def _no_budgets() -> Case:
    t = base()
    t["budgets"] = t["budgets"].iloc[:0]
    return Case(F, t, note="needs a budgets table")


FAILING = [
    _unit_with_no_goal(),
    _goal_without_indicator(),
    _indicator_without_target_for_the_year(),
    _target_of_an_indicator_of_another_unit(),
    _both_plan_levels(),
    _agency_level_by_policy(),
    _unit_whose_goals_are_duplicated_elsewhere(),
    _employee_with_no_goal(),
    _rhk_without_parent(),
    _rhk_with_dangling_parent(),
    _rhk_in_a_cycle(),
    _chain_breaks_above_the_rhk(),
    _employee_goal_of_another_kind(),
    _two_employees(),
    _one_agency(),
    _two_units_of_one_agency(),
    _three_required(),
    _no_agency_at_all(),
    _crosscutting_under_another_pemda_goal(),
    _single_agency_goal_elsewhere(),
    _crosscutting_without_parent(),
    _crosscutting_without_indicator(),
    _crosscutting_without_target_for_the_year(),
    _crosscutting_with_nothing(),
    _pemda_goal_crosscutting_without_parent(),
    _no_line(),
    _zero_allocation(),
    _zero_in_every_quarter(),
    _line_of_another_year(),
    _goal_without_targets(),
    _every_funded_kind(),
]

PASSING = [
    Case(U, base(), note="base"),
    _quarter_target_is_a_plan(),
    _employee_not_judged(),
    _agency_not_judged_by_default(),
    _pengawas_only_by_policy(),
    Case(E, base(), note="base"),
    _rhk_with_blank_kind(),
    _one_of_two_rhk_reaches(),
    _rhk_under_a_kegiatan(),
    _two_agencies(),
    _crosscutting_toward_an_agency_goal(),
    _crosscutting_directly_toward_the_pemda_goal(),
    _employee_of_another_agency(),
    _single_agency_allowed(),
    _one_agency_is_enough_by_policy(),
    Case(X, base(), note="nothing declared crosscutting"),
    _crosscutting_linked(),
    _crosscutting_with_quarter_target(),
    _crosscutting_within_agency_left_to_cas210(),
    _crosscutting_dangling_left_to_dangling_reference(),
    Case(F, base(), note="base"),
    _quarter_line(),
    _one_line_with_money(),
    _goal_of_another_years_plan(),
    _other_kinds_not_judged(),
]

NOT_APPLICABLE = [
    _no_plan_levels(),
    _no_year(),
    _no_roster(),
    _no_shared_pemda_goal(),
    _no_budgets(),
]

__all__ = ["FAILING", "NOT_APPLICABLE", "PASSING"]

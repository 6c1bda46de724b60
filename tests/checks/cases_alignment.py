"""Failing and passing cases for the alignment rules (CAS2xx)."""

from __future__ import annotations

from tests.checks._base import Case, Tables, add_row, base


def _unit(t: Tables, unit_id: str, parent_id: str, level: str) -> None:
    t["units"] = add_row(
        t["units"], unit_id=unit_id, name=unit_id, parent_id=parent_id, level=level
    )


def _goal(
    t: Tables, goal_id: str, unit_id: str, parent: str, kind: str, cross: bool = False
) -> None:
    t["goals"] = add_row(
        t["goals"],
        goal_id=goal_id,
        unit_id=unit_id,
        parent_goal_id=parent,
        statement=goal_id,
        kind=kind,
        crosscutting=cross,
    )


def _indicator(
    t: Tables, indicator_id: str, goal_id: str, parent: str | None, **extra: object
) -> None:
    values: dict[str, object] = {"name": indicator_id, "measure_unit": "kasus", **extra}
    t["indicators"] = add_row(
        t["indicators"],
        indicator_id=indicator_id,
        goal_id=goal_id,
        parent_indicator_id=parent,
        **values,
    )


def _with_dinsos_crosscutting() -> Tables:
    """Another agency, DINSOS, whose sasaran strategis supports DINKES's program, declared."""
    t = base()
    _unit(t, "DINSOS", "PEMKO", "perangkat_daerah")
    _goal(t, "SS-DS", "DINSOS", "P1", "sasaran_strategis", cross=True)
    return t


# ----------------------------------------------------------------------------- level-order


def _owned_above_parent_owner() -> Case:
    t = base()
    t["goals"].loc[4, "unit_id"] = "DINKES"  # SK1 to the agency, under BID's K1
    return Case("level-order", t, {("level-order", "SK1")}, note="above")


def _same_level_other_owner() -> Case:
    t = base()
    _unit(t, "BID2", "DINKES", "administrator")
    _goal(t, "K2", "BID2", "K1", "sasaran_kegiatan")
    return Case("level-order", t, {("level-order", "K2")}, note="beside")


def _same_owner_kind_not_below() -> Case:
    t = base()
    t["goals"].loc[1, "kind"] = "tujuan"  # S1 is PEMKO's, like its parent tujuan T1
    return Case("level-order", t, {("level-order", "S1")}, note="kind")


def _agency_renstra_inside_one_owner() -> Case:
    t = base()
    _goal(t, "T-DK", "DINKES", "S1", "tujuan")
    _goal(t, "SS-DK", "DINKES", "T-DK", "sasaran_strategis")
    t["goals"].loc[2, "parent_goal_id"] = "SS-DK"  # P1 under the agency's own sasaran
    return Case("level-order", t, note="agency tujuan -> sasaran_strategis -> program")


def _same_owner_blank_kind() -> Case:
    t = base()
    t["goals"].loc[1, "kind"] = None
    return Case("level-order", t, note="blank kind is not compared")


# ------------------------------------------------------------------------ owner-misaligned


def _employee_of_another_seksi() -> Case:
    t = base()
    _unit(t, "SEKSI2", "BID", "pengawas")
    _unit(t, "ASN2", "SEKSI2", "pelaksana")
    t["goals"].loc[5, "unit_id"] = "ASN2"  # R1 under SEKSI's SK1
    return Case("owner-misaligned", t, {("owner-misaligned", "R1")})


def _owned_above_is_also_misaligned() -> Case:
    t = base()
    t["goals"].loc[4, "unit_id"] = "DINKES"
    return Case(
        "owner-misaligned",
        t,
        {("owner-misaligned", "SK1")},
        note="DINKES is not under BID (level-order reports it too)",
    )


def _grandchild_owner_is_aligned() -> Case:
    t = base()
    t["goals"].loc[5, "parent_goal_id"] = "K1"  # ASN is two levels under BID
    return Case("owner-misaligned", t, note="owner two levels under the parent owner")


# ----------------------------------------------------------------- indicator-goal-mismatch


def _indicator_reaches_past_parent_goal() -> Case:
    t = base()
    t["indicators"].loc[5, "parent_indicator_id"] = "I-K1"  # R1 cascades from SK1, not K1
    return Case("indicator-goal-mismatch", t, {("indicator-goal-mismatch", "I-R1")})


def _indicator_of_an_orphan_goal() -> Case:
    t = base()
    t["goals"].loc[2, "parent_goal_id"] = None  # P1 orphaned; I-P1 still names I-S1
    # orphan-goal reports the goal; the indicator link that says otherwise is its own finding.
    return Case("indicator-goal-mismatch", t, {("indicator-goal-mismatch", "I-P1")})


def _skip_followed_by_both_links() -> Case:
    t = base()
    t["goals"].loc[5, "parent_goal_id"] = "K1"
    t["indicators"].loc[5, "parent_indicator_id"] = "I-K1"
    return Case("indicator-goal-mismatch", t, note="goal and indicator links agree")


# --------------------------------------------------------------------------- unit-mismatch


def _carrier_in_another_unit() -> Case:
    t = base()
    t["indicators"].loc[5, "measure_unit"] = "orang"
    return Case("unit-mismatch", t, {("unit-mismatch", "I-R1")})


def _supporting_child_in_another_unit() -> Case:
    t = base()
    t["indicators"].loc[5, "measure_unit"] = "orang"
    t["indicators"].loc[5, "role"] = "supporting"
    return Case("unit-mismatch", t, note="supporting child")


def _unit_spelled_differently() -> Case:
    t = base()
    t["indicators"].loc[5, "measure_unit"] = "  Kasus "
    return Case("unit-mismatch", t, note="case and surrounding spaces ignored")


def _parent_does_not_aggregate() -> Case:
    t = base()
    t["indicators"].loc[4, "aggregation"] = "none"
    t["indicators"].loc[5, "measure_unit"] = "orang"
    return Case("unit-mismatch", t, note="parent measured by itself")


# ------------------------------------------------------------------------------ level-skip


def _rhk_under_kegiatan() -> Case:
    t = base()
    t["goals"].loc[5, "parent_goal_id"] = "K1"
    return Case("level-skip", t, {("level-skip", "R1")})


def _skip_forbidden() -> Case:
    case = _rhk_under_kegiatan()
    case.policy = {"level_skip": "forbid"}
    case.note = "forbid"
    return case


def _skip_allowed() -> Case:
    case = _rhk_under_kegiatan()
    return Case("level-skip", case.tables, policy={"level_skip": "allow"}, note="allow")


# ----------------------------------------------------------------------- polarity-mismatch


def _carrier_with_other_polarity() -> Case:
    t = base()
    t["indicators"].loc[5, "polarity"] = "minimize"
    return Case("polarity-mismatch", t, {("polarity-mismatch", "I-R1")})


def _supporting_with_other_polarity() -> Case:
    t = base()
    t["indicators"].loc[5, "polarity"] = "minimize"
    t["indicators"].loc[5, "role"] = "supporting"
    return Case("polarity-mismatch", t, note="supporting child")


# ---------------------------------------------------------------------------- not-cascaded


def _bidang_indicator_nobody_carries() -> Case:
    t = base()
    _indicator(t, "I-K2", "K1", "I-P1", role="supporting")
    return Case("not-cascaded", t, {("not-cascaded", "I-K2")})


def _own_indicator_is_not_cascaded() -> Case:
    t = base()
    _indicator(t, "I-K2", "K1", None, role="own")
    return Case("not-cascaded", t, note="role own")


def _employee_indicator_ends_the_cascade() -> Case:
    t = base()
    _indicator(t, "I-R2", "R1", "I-SK1", role="supporting")
    return Case("not-cascaded", t, note="nobody below an employee")


# --------------------------------------------------------------------- kind-level-mismatch


def _program_of_a_bidang() -> Case:
    t = base()
    t["goals"].loc[3, "kind"] = "sasaran_program"
    return Case("kind-level-mismatch", t, {("kind-level-mismatch", "K1")})


def _pemda_with_a_program() -> Case:
    t = base()
    t["goals"].loc[1, "kind"] = "sasaran_program"
    return Case("kind-level-mismatch", t, {("kind-level-mismatch", "S1")}, note="pemda")


def _kecamatan_administrator_under_pemda() -> Case:
    t = base()
    _unit(t, "KEC", "PEMKO", "administrator")
    _goal(t, "T-KEC", "KEC", "S1", "tujuan")
    _goal(t, "P-KEC", "KEC", "T-KEC", "sasaran_program")
    _goal(t, "K-KEC", "KEC", "P-KEC", "sasaran_kegiatan")
    return Case("kind-level-mismatch", t, note="kecamatan as an administrator under the pemda")


def _blank_kind_fits() -> Case:
    t = base()
    t["goals"].loc[3, "kind"] = None
    return Case("kind-level-mismatch", t, note="blank kind")


# ------------------------------------------------------------- key-indicator-not-strategic


def _iku_on_a_kegiatan() -> Case:
    t = base()
    t["indicators"].loc[3, "key"] = True
    return Case("key-indicator-not-strategic", t, {("key-indicator-not-strategic", "I-K1")})


def _iku_on_a_program() -> Case:
    t = base()
    t["indicators"].loc[2, "key"] = True
    return Case("key-indicator-not-strategic", t, note="sasaran program")


# -------------------------------------------------------------- crosscutting-within-agency


def _crosscutting_inside_the_agency() -> Case:
    t = base()
    t["goals"].loc[3, "crosscutting"] = True  # BID's K1 under its own agency's P1
    return Case("crosscutting-within-agency", t, {("crosscutting-within-agency", "K1")})


def _crosscutting_between_two_bidang() -> Case:
    t = base()
    _unit(t, "BID2", "DINKES", "administrator")
    _unit(t, "SEKSI2", "BID2", "pengawas")
    _goal(t, "SK2", "SEKSI2", "K1", "sasaran_subkegiatan", cross=True)
    t["goals"].loc[1, "crosscutting"] = True  # and a pemda goal under a pemda goal
    return Case(
        "crosscutting-within-agency",
        t,
        {("crosscutting-within-agency", "SK2"), ("crosscutting-within-agency", "S1")},
        note="sibling units of one agency; the pemda's own goals",
    )


def _crosscutting_to_the_pemda() -> Case:
    t = base()
    _unit(t, "DINSOS", "PEMKO", "perangkat_daerah")
    _unit(t, "DS-BID", "DINSOS", "administrator")
    _goal(t, "K-DS", "DS-BID", "S1", "sasaran_kegiatan", cross=True)
    return Case("crosscutting-within-agency", t, note="a bidang supporting a pemda goal")


FAILING = [
    _indicator_of_an_orphan_goal(),
    _owned_above_parent_owner(),
    _same_level_other_owner(),
    _same_owner_kind_not_below(),
    _employee_of_another_seksi(),
    _owned_above_is_also_misaligned(),
    _indicator_reaches_past_parent_goal(),
    _carrier_in_another_unit(),
    _rhk_under_kegiatan(),
    _skip_forbidden(),
    _carrier_with_other_polarity(),
    _bidang_indicator_nobody_carries(),
    _program_of_a_bidang(),
    _pemda_with_a_program(),
    _iku_on_a_kegiatan(),
    _crosscutting_inside_the_agency(),
    _crosscutting_between_two_bidang(),
]

PASSING = [
    Case(name, base())
    for name in (
        "level-order",
        "owner-misaligned",
        "indicator-goal-mismatch",
        "unit-mismatch",
        "level-skip",
        "polarity-mismatch",
        "not-cascaded",
        "kind-level-mismatch",
        "key-indicator-not-strategic",
        "crosscutting-within-agency",
    )
] + [
    _agency_renstra_inside_one_owner(),
    _same_owner_blank_kind(),
    Case("level-order", _with_dinsos_crosscutting(), note="declared crosscutting, same level"),
    Case("owner-misaligned", _with_dinsos_crosscutting(), note="declared crosscutting"),
    _grandchild_owner_is_aligned(),
    _skip_followed_by_both_links(),
    _supporting_child_in_another_unit(),
    _unit_spelled_differently(),
    _parent_does_not_aggregate(),
    _skip_allowed(),
    _supporting_with_other_polarity(),
    _own_indicator_is_not_cascaded(),
    _employee_indicator_ends_the_cascade(),
    _kecamatan_administrator_under_pemda(),
    _blank_kind_fits(),
    _iku_on_a_program(),
    _crosscutting_to_the_pemda(),
    Case("crosscutting-within-agency", _with_dinsos_crosscutting(), note="another agency"),
]

from __future__ import annotations

import pytest

from cascade.enums import (
    ALIASES,
    Aggregation,
    GoalKind,
    Level,
    PeriodAggregation,
    Polarity,
    Role,
    normalise_word,
)
from cascade.schema import REQUIRED_TABLES, TABLES, resolve_table_name

ENUMS = [Level, GoalKind, Polarity, Aggregation, PeriodAggregation, Role]


@pytest.mark.parametrize(
    ("enum", "typed", "expected"),
    [
        (Polarity, "naik", Polarity.MAXIMIZE),
        (Polarity, "Positif", Polarity.MAXIMIZE),
        (Polarity, "TURUN", Polarity.MINIMIZE),
        (Polarity, "negatif", Polarity.MINIMIZE),
        (Polarity, "stabil", Polarity.STABILIZE),
        (Level, "OPD", Level.PERANGKAT_DAERAH),
        (Level, "Eselon III", Level.ADMINISTRATOR),
        (Level, "eselon-iv", Level.PENGAWAS),
        (Level, "fungsional", Level.PELAKSANA),
        (GoalKind, "Sasaran Sub Kegiatan", GoalKind.SASARAN_SUBKEGIATAN),
        (GoalKind, "RHK", GoalKind.RENCANA_HASIL_KERJA),
        (Aggregation, "rata-rata tertimbang", Aggregation.WEIGHTED_MEAN),
        (Aggregation, "jumlah", Aggregation.SUM),
        (PeriodAggregation, "kumulatif", PeriodAggregation.LAST),
        (Role, "angka", Role.CARRIER),
        (Role, "pendukung", Role.SUPPORTING),
        (Role, "weighted_mean", None),
    ],
)
def test_parse_aliases(enum: type, typed: str, expected: object) -> None:
    if expected is None:
        with pytest.raises(ValueError, match="expected one of carrier, supporting, own"):
            enum.parse(typed)  # type: ignore[attr-defined]
    else:
        assert enum.parse(typed) is expected  # type: ignore[attr-defined]


@pytest.mark.parametrize("enum", ENUMS)
def test_every_value_and_alias_parses_to_its_member(enum: type) -> None:
    for member in enum:  # type: ignore[attr-defined]
        assert enum.parse(member.value) is member  # type: ignore[attr-defined]
        for alias in ALIASES[enum.__name__][member.value]:
            assert enum.parse(alias) is member, alias  # type: ignore[attr-defined]
    assert len(enum.accepted()) == len(set(enum.accepted()))  # type: ignore[attr-defined]


def test_ordered_levels_and_kinds() -> None:
    assert list(Level) == sorted(Level)
    assert Level.PEMDA < Level.PERANGKAT_DAERAH < Level.PELAKSANA
    assert GoalKind.TUJUAN.rank == 0
    assert GoalKind.RENCANA_HASIL_KERJA > GoalKind.SASARAN_SUBKEGIATAN
    assert Level.PEMDA == "pemda"


def test_schema_tables_and_headers() -> None:
    assert list(TABLES) == ["units", "goals", "indicators", "targets", "realisations", "budgets"]
    assert REQUIRED_TABLES == ("units", "goals", "indicators")
    ind = TABLES["indicators"]
    assert ind.resolve_header("Satuan") == "measure_unit"
    assert ind.resolve_header("polaritas") == "polarity"
    assert ind.resolve_header("Bobot") == "weight"
    assert ind.resolve_header("IKU") == "key"
    assert ind.resolve_header("keterangan") is None
    assert TABLES["targets"].resolve_header("Target Atas") == "target_upper"
    assert TABLES["realisations"].resolve_header("realisasi") == "value"
    assert TABLES["budgets"].resolve_header("pagu") == "allocated"
    assert TABLES["budgets"].resolve_header("realisasi anggaran") == "spent"
    assert resolve_table_name("Realisasi") == "realisations"
    assert resolve_table_name("Sasaran") == "goals"
    assert resolve_table_name("Anggaran") == "budgets"


def test_required_columns_match_domain() -> None:
    required = {t: [c.name for c in s.columns if c.required] for t, s in TABLES.items()}
    assert required == {
        "units": ["unit_id", "name", "level"],
        "goals": ["goal_id", "unit_id", "statement"],
        "indicators": ["indicator_id", "goal_id", "name", "measure_unit"],
        "targets": ["indicator_id", "period", "target"],
        "realisations": ["indicator_id", "period", "value"],
        "budgets": ["goal_id", "period", "allocated"],
    }
    # Descriptions are required columns whose cells may be blank (missing-metadata).
    blank_ok = {
        c.name for s in TABLES.values() for c in s.columns if c.required and not c.cell_required
    }
    assert blank_ok == {"name", "statement", "measure_unit"}


def test_no_header_alias_is_shared_between_columns_of_a_table() -> None:
    for spec in TABLES.values():
        seen: dict[str, str] = {}
        for column in spec.columns:
            for spelling in (column.name, *column.aliases):
                key = normalise_word(spelling)
                assert seen.setdefault(key, column.name) == column.name, (spec.name, spelling)

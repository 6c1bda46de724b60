"""The "with-defects" example: Kota Contoh with deliberate, documented defects.

Each :class:`Defect` names the consistency check (``domain.md`` section 6) that should report
it and the id the finding is about. The defective city is not stored: it is built from the
clean one by the mutations below, one function per defect, applied in :data:`DEFECTS` order to
copies of the clean tables. Every defect is independent of the others and, as far as the
rules allow, triggers only its own check; the unavoidable extra findings are stated in the
description.

Most defects add rows (a goal typed without a parent, an indicator linked to the wrong goal)
rather than cut existing links, so the rest of the cascade stays exactly as clean as before.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Literal

import numpy as np
import pandas as pd
from pydantic import BaseModel, ConfigDict

if TYPE_CHECKING:
    from cascade.model import Cascade

__all__ = ["DEFECTS", "Defect", "with_defects"]

Tables = dict[str, pd.DataFrame]


class Defect(BaseModel):
    """One deliberate defect of the "with-defects" example.

    Parameters
    ----------
    check
        The name of the consistency check that reports it (``domain.md`` section 6).
    subject_kind
        What the finding is about: ``unit``, ``goal`` or ``indicator``.
    subject_id
        The id the finding names. For ``dangling-reference`` it is the id that is referenced
        but does not exist.
    description
        What was changed, and any other finding it unavoidably causes.

    Examples
    --------
    >>> d = Defect(
    ...     check="zero-target",
    ...     subject_kind="indicator",
    ...     subject_id="I-1",
    ...     description="A target of 0.",
    ... )
    >>> d.check
    'zero-target'
    """

    model_config = ConfigDict(frozen=True)

    check: str
    subject_kind: Literal["unit", "goal", "indicator"]
    subject_id: str
    description: str


def _append(tables: Tables, table: str, rows: list[dict[str, object]]) -> None:
    frame = tables[table]
    added = pd.DataFrame(rows).reindex(columns=frame.columns)
    tables[table] = pd.concat([frame.astype(object), added.astype(object)], ignore_index=True)


def _set(
    tables: Tables, table: str, where: dict[str, str], column: str, value: str | float | None
) -> None:
    frame = tables[table].astype({column: object})
    mask = pd.Series(True, index=frame.index)
    for name, wanted in where.items():
        mask &= frame[name] == wanted
    if not mask.any():  # pragma: no cover - a mistake in this module
        msg = f"no row of {table} matches {where}"
        raise LookupError(msg)
    frame.loc[mask, column] = value
    tables[table] = frame


def _target(indicator_id: str, value: float) -> dict[str, object]:
    return {"indicator_id": indicator_id, "period": "2024", "target": value}


# --------------------------------------------------------------------------- mutations


def _duplicate_id(tables: Tables) -> None:
    _append(
        tables,
        "units",
        [
            {
                "unit_id": "DINSOS-LINJAMSOS-JSK-2",
                "name": "Rahmat Saputra",
                "parent_id": "DINSOS-LINJAMSOS-JSK",
                "level": "pelaksana",
                "jabatan": "Pengolah Data dan Informasi",
                "nip": "199204172019031005",
            }
        ],
    )


def _dangling_reference(tables: Tables) -> None:
    _append(
        tables,
        "realisations",
        [{"indicator_id": "DINKES-SK1.1.1-I3", "period": "2024", "value": 3215.0}],
    )


def _cycle(tables: Tables) -> None:
    _set(
        tables,
        "indicators",
        {"indicator_id": "BPBD-RHK1.1.2.1-I2"},
        "parent_indicator_id",
        "BPBD-RHK1.1.2.1-I2",
    )


def _orphan_goal(tables: Tables) -> None:
    _append(
        tables,
        "goals",
        [
            {
                "goal_id": "DISNAKER-RHK-MAGANG",
                "unit_id": "DISNAKER-PENTA-PELATIHAN-1",
                "statement": "Terlaksananya pemagangan pencari kerja di perusahaan",
                "kind": "rencana_hasil_kerja",
            }
        ],
    )
    _append(
        tables,
        "indicators",
        [
            {
                "indicator_id": "DISNAKER-RHK-MAGANG-I1",
                "goal_id": "DISNAKER-RHK-MAGANG",
                "name": "Jumlah peserta pemagangan di perusahaan",
                "measure_unit": "orang",
            }
        ],
    )
    _append(tables, "targets", [_target("DISNAKER-RHK-MAGANG-I1", 60)])


def _orphan_indicator(tables: Tables) -> None:
    _append(
        tables,
        "indicators",
        [
            {
                "indicator_id": "DISDIK-RHK1.1.1.1-I2",
                "goal_id": "DISDIK-RHK1.1.1.1",
                "name": "Jumlah guru SD yang mengikuti lokakarya kurikulum",
                "measure_unit": "orang",
            }
        ],
    )
    _append(tables, "targets", [_target("DISDIK-RHK1.1.1.1-I2", 180)])


def _missing_indicator(tables: Tables) -> None:
    _append(
        tables,
        "goals",
        [
            {
                "goal_id": "KEC-CONTOH-RHK2.1.2.2",
                "unit_id": "KEC-CONTOH-SEKRE-UK-1",
                "parent_goal_id": "KEC-CONTOH-SK2.1.2",
                "statement": "Tertatanya arsip dinamis kecamatan",
                "kind": "rencana_hasil_kerja",
            }
        ],
    )


def _missing_target(tables: Tables) -> None:
    targets = tables["targets"]
    tables["targets"] = targets[targets["indicator_id"] != "DINKES-RHK1.1.2.1-I1"]


def _missing_metadata(tables: Tables) -> None:
    _set(
        tables,
        "indicators",
        {"indicator_id": "DISPERINDAG-SK1.1.1-I2"},
        "measure_unit",
        None,
    )


def _level_order(tables: Tables) -> None:
    _set(tables, "goals", {"goal_id": "DINSOS-P1"}, "kind", "sasaran_strategis")


def _owner_misaligned(tables: Tables) -> None:
    _set(tables, "goals", {"goal_id": "DISDIK-RHK2.1.2.1"}, "unit_id", "DISDIK-SD-SARPRAS-1")


def _indicator_goal_mismatch(tables: Tables) -> None:
    _append(
        tables,
        "indicators",
        [
            {
                "indicator_id": "DINSOS-RHK2.1.1.1-I2",
                "goal_id": "DINSOS-RHK2.1.1.1",
                "parent_indicator_id": "DINSOS-K2.1-I2",
                "name": "Jumlah korban bencana yang datanya diverifikasi",
                "measure_unit": "orang",
                "role": "supporting",
            }
        ],
    )
    _append(tables, "targets", [_target("DINSOS-RHK2.1.1.1-I2", 150)])


def _unit_mismatch(tables: Tables) -> None:
    _set(tables, "indicators", {"indicator_id": "DINSOS-RHK1.1.2.1-I1"}, "measure_unit", "jiwa")


def _polarity_mismatch(tables: Tables) -> None:
    _set(tables, "indicators", {"indicator_id": "BPBD-RHK2.1.1.2-I1"}, "polarity", "maximize")


def _not_cascaded(tables: Tables) -> None:
    _append(
        tables,
        "indicators",
        [
            {
                "indicator_id": "DISPERINDAG-K2.1-I3",
                "goal_id": "DISPERINDAG-K2.1",
                "parent_indicator_id": "DISPERINDAG-P2-I1",
                "name": "Jumlah sentra IKM yang difasilitasi peralatan produksi",
                "measure_unit": "sentra",
                "role": "supporting",
            }
        ],
    )
    _append(tables, "targets", [_target("DISPERINDAG-K2.1-I3", 3)])


def _target_split_mismatch(tables: Tables) -> None:
    _set(
        tables,
        "targets",
        {"indicator_id": "DINKES-RHK1.1.1.2-I1", "period": "2024"},
        "target",
        1720.0,
    )


def _realisation_mismatch(tables: Tables) -> None:
    _set(
        tables,
        "realisations",
        {"indicator_id": "DISNAKER-P1-I1", "period": "2024"},
        "value",
        2020.0,
    )


def _zero_target(tables: Tables) -> None:
    _set(
        tables,
        "targets",
        {"indicator_id": "KEC-CONTOH-RHK1.1.1.1-I1", "period": "2024"},
        "target",
        0.0,
    )


def _budget_orphan(tables: Tables) -> None:
    _append(
        tables,
        "goals",
        [
            {
                "goal_id": "BPBD-SK-TAKTIS",
                "unit_id": "BPBD-DARURAT-LOGISTIK",
                "statement": "Tersedianya peralatan taktis penanganan darurat bencana",
                "kind": "sasaran_subkegiatan",
            }
        ],
    )
    _append(
        tables,
        "indicators",
        [
            {
                "indicator_id": "BPBD-SK-TAKTIS-I1",
                "goal_id": "BPBD-SK-TAKTIS",
                "name": "Jumlah peralatan taktis yang diadakan",
                "measure_unit": "unit",
                "role": "own",
            }
        ],
    )
    _append(tables, "targets", [_target("BPBD-SK-TAKTIS-I1", 25)])
    _append(
        tables,
        "budgets",
        [
            {
                "goal_id": "BPBD-SK-TAKTIS",
                "period": "2024",
                "allocated": 1_450_000_000.0,
                "spent": 1_390_500_000.0,
            }
        ],
    )


def _level_skip(tables: Tables) -> None:
    _append(
        tables,
        "goals",
        [
            {
                "goal_id": "DISPERINDAG-RHK-SIDAK",
                "unit_id": "DISPERINDAG-PERDAG-HARGA-2",
                "parent_goal_id": "DISPERINDAG-P1",
                "statement": "Terlaksananya inspeksi mendadak harga dan stok bahan pokok",
                "kind": "rencana_hasil_kerja",
            }
        ],
    )
    _append(
        tables,
        "indicators",
        [
            {
                "indicator_id": "DISPERINDAG-RHK-SIDAK-I1",
                "goal_id": "DISPERINDAG-RHK-SIDAK",
                "parent_indicator_id": "DISPERINDAG-P1-I1",
                "name": "Jumlah inspeksi mendadak ke distributor bahan pokok",
                "measure_unit": "kali",
                "role": "supporting",
            }
        ],
    )
    _append(tables, "targets", [_target("DISPERINDAG-RHK-SIDAK-I1", 24)])


def _invalid_value(tables: Tables) -> None:
    _set(
        tables,
        "realisations",
        {"indicator_id": "DISNAKER-RHK2.1.1.1-I1", "period": "2024"},
        "value",
        np.inf,
    )


_MUTATIONS: tuple[tuple[Defect, Callable[[Tables], None]], ...] = (
    (
        Defect(
            check="duplicate-id",
            subject_kind="unit",
            subject_id="DINSOS-LINJAMSOS-JSK-2",
            description="A new employee, Rahmat Saputra, is added to the units with the id "
            "DINSOS-LINJAMSOS-JSK-2, which Maria Magdalena Sinaga already has.",
        ),
        _duplicate_id,
    ),
    (
        Defect(
            check="dangling-reference",
            subject_kind="indicator",
            subject_id="DINKES-SK1.1.1-I3",
            description="A 2024 realisation is recorded for indicator DINKES-SK1.1.1-I3, "
            "which does not exist: the seksi's goal DINKES-SK1.1.1 has two indicators.",
        ),
        _dangling_reference,
    ),
    (
        Defect(
            check="cycle",
            subject_kind="indicator",
            subject_id="BPBD-RHK1.1.2.1-I2",
            description="Indicator BPBD-RHK1.1.2.1-I2 names itself as its parent indicator "
            "(a self-loop). Its parent indicator then belongs to its own goal, so "
            "indicator-goal-mismatch may report the same indicator.",
        ),
        _cycle,
    ),
    (
        Defect(
            check="orphan-goal",
            subject_kind="goal",
            subject_id="DISNAKER-RHK-MAGANG",
            description="An RHK of an employee of Dinas Tenaga Kerja (an apprenticeship "
            "programme) is added with no parent goal.",
        ),
        _orphan_goal,
    ),
    (
        Defect(
            check="orphan-indicator",
            subject_kind="indicator",
            subject_id="DISDIK-RHK1.1.1.1-I2",
            description="A second indicator is added to an employee's RHK DISDIK-RHK1.1.1.1 "
            "without a parent indicator, although the goal cascades from a seksi's goal.",
        ),
        _orphan_indicator,
    ),
    (
        Defect(
            check="missing-indicator",
            subject_kind="goal",
            subject_id="KEC-CONTOH-RHK2.1.2.2",
            description="An RHK (archive management) is added for an employee of the "
            "kecamatan's Subbagian Umum dan Kepegawaian without any indicator.",
        ),
        _missing_indicator,
    ),
    (
        Defect(
            check="missing-target",
            subject_kind="indicator",
            subject_id="DINKES-RHK1.1.2.1-I1",
            description="Every target of indicator DINKES-RHK1.1.2.1-I1 (PMT packages "
            "distributed) is removed; its realisations remain.",
        ),
        _missing_target,
    ),
    (
        Defect(
            check="missing-metadata",
            subject_kind="indicator",
            subject_id="DISPERINDAG-SK1.1.1-I2",
            description="The measure unit (satuan) of indicator DISPERINDAG-SK1.1.1-I2 is "
            "left blank.",
        ),
        _missing_metadata,
    ),
    (
        Defect(
            check="level-order",
            subject_kind="goal",
            subject_id="DINSOS-P1",
            description="The program goal DINSOS-P1 is labelled sasaran_strategis, the same "
            "kind as its parent DINSOS-SS1 of the same owner: its kind is not below its "
            "parent's. Side finding: as a sasaran_strategis with a budget it is also reported "
            "by budget-on-non-program-goal (info); correcting the kind fixes both.",
        ),
        _level_order,
    ),
    (
        Defect(
            check="owner-misaligned",
            subject_kind="goal",
            subject_id="DISDIK-RHK2.1.2.1",
            description="The RHK DISDIK-RHK2.1.2.1 is reassigned to an employee of Bidang "
            "Pembinaan Sekolah Dasar, who is not below the SMP seksi that owns its parent "
            "goal.",
        ),
        _owner_misaligned,
    ),
    (
        Defect(
            check="indicator-goal-mismatch",
            subject_kind="indicator",
            subject_id="DINSOS-RHK2.1.1.1-I2",
            description="An indicator is added to the RHK DINSOS-RHK2.1.1.1 whose parent "
            "indicator belongs to the kegiatan goal DINSOS-K2.1, not to the RHK's parent goal "
            "DINSOS-SK2.1.1.",
        ),
        _indicator_goal_mismatch,
    ),
    (
        Defect(
            check="unit-mismatch",
            subject_kind="indicator",
            subject_id="DINSOS-RHK1.1.2.1-I1",
            description="The carrier DINSOS-RHK1.1.2.1-I1 is measured in jiwa while its "
            "summing parent DINSOS-SK1.1.2-I1 counts orang.",
        ),
        _unit_mismatch,
    ),
    (
        Defect(
            check="polarity-mismatch",
            subject_kind="indicator",
            subject_id="BPBD-RHK2.1.1.2-I1",
            description="The response time of TRC team II, a carrier of the team's maximum "
            "response time (minimize), is marked maximize.",
        ),
        _polarity_mismatch,
    ),
    (
        Defect(
            check="not-cascaded",
            subject_kind="indicator",
            subject_id="DISPERINDAG-K2.1-I3",
            description="An indicator is added to the bidang's goal DISPERINDAG-K2.1 that no "
            "seksi or employee carries (it has no child indicator).",
        ),
        _not_cascaded,
    ),
    (
        Defect(
            check="target-split-mismatch",
            subject_kind="indicator",
            subject_id="DINKES-SK1.1.1-I1",
            description="The 2024 target of the carrier DINKES-RHK1.1.1.2-I1 is raised from "
            "1620 to 1720, so the carriers of DINKES-SK1.1.1-I1 (sum) add up to 3560 instead "
            "of its 3460.",
        ),
        _target_split_mismatch,
    ),
    (
        Defect(
            check="realisation-mismatch",
            subject_kind="indicator",
            subject_id="DISNAKER-P1-I1",
            description="The reported 2024 realisation of DISNAKER-P1-I1 (sum) is 2020, its "
            "target copied into the realisation, while its carrier children add up to 1780.",
        ),
        _realisation_mismatch,
    ),
    (
        Defect(
            check="zero-target",
            subject_kind="indicator",
            subject_id="KEC-CONTOH-RHK1.1.1.1-I1",
            description="The 2024 target of indicator KEC-CONTOH-RHK1.1.1.1-I1 is 0. Its "
            "realisation of 12 then has no achievement: an undefined-achievement.",
        ),
        _zero_target,
    ),
    (
        Defect(
            check="budget-orphan",
            subject_kind="goal",
            subject_id="BPBD-SK-TAKTIS",
            description="A sub kegiatan of BPBD (tactical equipment) with a pagu of "
            "Rp 1.45 billion is added without a parent goal. Having no parent, BPBD-SK-TAKTIS "
            "is also an orphan-goal.",
        ),
        _budget_orphan,
    ),
    (
        Defect(
            check="level-skip",
            subject_kind="goal",
            subject_id="DISPERINDAG-RHK-SIDAK",
            description="An employee's RHK is linked directly to the agency's program goal "
            "DISPERINDAG-P1, skipping the bidang and the seksi.",
        ),
        _level_skip,
    ),
    (
        Defect(
            check="invalid-value",
            subject_kind="indicator",
            subject_id="DISNAKER-RHK2.1.1.1-I1",
            description="The 2024 realisation of indicator DISNAKER-RHK2.1.1.1-I1 is "
            "infinite (a spreadsheet division by zero).",
        ),
        _invalid_value,
    ),
)

#: The deliberate defects of the "with-defects" example, one per check.
DEFECTS: tuple[Defect, ...] = tuple(defect for defect, _ in _MUTATIONS)


def with_defects(city: Cascade) -> Cascade:
    """Kota Contoh with every defect of :data:`DEFECTS` applied.

    Parameters
    ----------
    city
        The clean city.

    Returns
    -------
    Cascade
        A new cascade; ``city`` is not changed.
    """
    from cascade.model import Cascade

    tables = city.tables
    for _, mutate in _MUTATIONS:
        mutate(tables)
    return Cascade(**tables)

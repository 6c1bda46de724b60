"""Report tables: LKjIP achievement table, cascading matrix, PK annex, budget table, Excel."""

from __future__ import annotations

import itertools
import math
import time
from pathlib import Path

import numpy as np
import openpyxl
import pandas as pd
import pytest

import cascade
from cascade import Cascade, Results
from cascade.errors import UnknownIdError, UsageError
from cascade.scales import LKJIP, SAKIP_GRADE
from cascade.tables import (
    CATEGORY_COLOURS,
    HEADERS,
    budget_table,
    cascading_matrix,
    lkjip_table,
    pk_annex,
    to_excel,
)

LKJIP_ID = ["Sasaran", "Indikator", "Satuan", "Target", "Realisasi", "Capaian (%)", "Kategori"]
LKJIP_EN = [
    "Goal",
    "Indicator",
    "Unit of measure",
    "Target",
    "Realisation",
    "Achievement (%)",
    "Category",
]
PK_ID = ["Sasaran", "Indikator", "Target", "Program / Kegiatan / Sub Kegiatan", "Anggaran (Rp)"]
PK_EN = ["Goal", "Indicator", "Target", "Programme / activity / sub-activity", "Budget (Rp)"]
BUDGET_OWNER_ID = [
    "Unit Kerja",
    "Pagu (Rp)",
    "Realisasi Anggaran (Rp)",
    "Serapan (%)",
    "Efisiensi (%)",
    "Capaian Kinerja (%)",
]
BUDGET_OWNER_EN = [
    "Unit",
    "Allocated (Rp)",
    "Spent (Rp)",
    "Absorption (%)",
    "Efficiency (%)",
    "Performance (%)",
]
OWNERS = ["PEMKO", "DINASPU", "DINKES", "DINASPU-BINAMARGA", "DINASPU-BINAMARGA-JALAN"]


@pytest.fixture(scope="module")
def city() -> Cascade:
    return cascade.load_example()


@pytest.fixture(scope="module")
def results(city: Cascade) -> Results:
    return cascade.propagate(city, as_of="2024")


def small(statement: str = "=SUM(A1:A2)", name: str = "=1+1") -> Cascade:
    """A pemda and one agency; the agency's program skips the sasaran strategis kind."""
    return Cascade(
        units=pd.DataFrame(
            {
                "unit_id": ["P", "D"],
                "name": ["Pemko", "Dinas"],
                "parent_id": [None, "P"],
                "level": ["pemda", "perangkat_daerah"],
            }
        ),
        goals=pd.DataFrame(
            {
                "goal_id": ["G1", "G2", "G3"],
                "unit_id": ["P", "D", "P"],
                "parent_goal_id": [None, "G1", "G1"],
                "statement": [statement, "Program dinas", "Sasaran tanpa indikator"],
                "kind": ["tujuan", "sasaran_program", "sasaran_strategis"],
            }
        ),
        indicators=pd.DataFrame(
            {
                "indicator_id": ["I1", "I2"],
                "goal_id": ["G1", "G2"],
                "parent_indicator_id": [None, "I1"],
                "name": [name, "Cakupan"],
                "measure_unit": ["persen", "persen"],
                "role": ["carrier", "supporting"],
            }
        ),
        targets=pd.DataFrame(
            {
                "indicator_id": ["I1", "I2"],
                "period": ["2024", "2024"],
                "target": [10.0, 80.0],
                "target_upper": [None, 90.0],
            }
        ),
        realisations=pd.DataFrame(
            {"indicator_id": ["I1", "I2"], "period": ["2024", "2024"], "value": [9.0, 92.0]}
        ),
        budgets=pd.DataFrame(
            {"goal_id": ["G2"], "period": ["2024"], "allocated": [1.0e9], "spent": [8.0e8]}
        ),
    )


# ------------------------------------------------------------------------------- LKjIP table


def test_lkjip_columns_in_both_languages(results: Results) -> None:
    assert lkjip_table(results, "DINASPU").columns.tolist() == LKJIP_ID
    assert lkjip_table(results, "DINASPU", language="en").columns.tolist() == LKJIP_EN
    with_ids = lkjip_table(results, "DINASPU", ids=True).columns.tolist()
    assert with_ids == ["Kode Sasaran", "Kode Indikator", *LKJIP_ID]
    english = lkjip_table(results, "DINASPU", ids=True, language="en").columns.tolist()
    assert english == ["Goal ID", "Indicator ID", *LKJIP_EN]


@pytest.mark.parametrize("owner", OWNERS)
def test_lkjip_numbers_are_the_results(results: Results, city: Cascade, owner: str) -> None:
    table = lkjip_table(results, owner, ids=True)
    mine = results.goals.loc[results.goals["unit_id"] == owner, "goal_id"]
    expected = results.indicators[results.indicators["goal_id"].isin(mine)]
    assert sorted(table["Kode Indikator"]) == sorted(expected["indicator_id"])
    merged = table.merge(expected, left_on="Kode Indikator", right_on="indicator_id")
    assert len(merged) == len(expected)
    np.testing.assert_array_equal(merged["Realisasi"], merged["realisation"])
    np.testing.assert_array_equal(merged["Capaian (%)"], merged["achievement"])
    assert merged["Kategori"].astype(object).tolist() == merged["category"].astype(object).tolist()
    assert (merged["Kode Sasaran"] == merged["goal_id"]).all()
    point = merged["target_upper"].isna()
    assert merged.loc[point, "Target"].astype(float).tolist() == pytest.approx(
        merged.loc[point, "target"].tolist(), nan_ok=True
    )
    units = city.indicators.set_index("indicator_id")["measure_unit"]
    assert merged["Satuan"].tolist() == units.loc[merged["Kode Indikator"]].tolist()
    statements = city.goals.set_index("goal_id")["statement"]
    assert merged["Sasaran"].tolist() == statements.loc[merged["Kode Sasaran"]].tolist()
    # the goal statement is repeated on every row of its goal, goals kept together
    firsts = table["Kode Sasaran"].drop_duplicates()
    assert table["Kode Sasaran"].tolist() == [
        g for g in firsts for _ in range((table["Kode Sasaran"] == g).sum())
    ]


def test_lkjip_keeps_floats_and_missing_as_nan(results: Results) -> None:
    table = lkjip_table(results, "PEMKO", ids=True)
    assert table["Capaian (%)"].dtype == np.float64
    assert table["Realisasi"].dtype == np.float64
    assert isinstance(table["Kategori"].dtype, pd.CategoricalDtype)
    assert table["Kategori"].cat.categories.tolist() == list(LKJIP.labels)
    iklh = table.set_index("Kode Indikator").loc["PEMKO-T3-I1"]
    assert math.isnan(iklh["Realisasi"])  # not published: missing, never 0
    assert iklh["Capaian (%)"] == pytest.approx(90.59791, abs=1e-4)  # rolled up
    assert not (table["Capaian (%)"] == table["Capaian (%)"].round(2)).all()  # unrounded


def test_lkjip_range_targets_as_text(results: Results) -> None:
    pemko = lkjip_table(results, "PEMKO", ids=True).set_index("Kode Indikator")
    assert pemko.loc["PEMKO-SS2.3-I1", "Target"] == "2–4"
    assert pemko.loc["PEMKO-T1-I1", "Target"] == 78.45
    agency = lkjip_table(results, "DISPERINDAG", ids=True).set_index("Kode Indikator")
    assert agency.loc["DISPERINDAG-T1-I1", "Target"] == "2,5–4,5"
    english = lkjip_table(results, "DISPERINDAG", ids=True, language="en")
    assert english.set_index("Indicator ID").loc["DISPERINDAG-T1-I1", "Target"] == "2.5–4.5"


def test_lkjip_owner_figure_in_attrs_and_total_row(results: Results) -> None:
    owner = results.owners.set_index("unit_id").loc["DINASPU"]
    table = lkjip_table(results, "DINASPU")
    assert table.attrs["achievement"] == owner["achievement"]
    assert table.attrs["category"] == owner["category"] == "Cukup"
    assert table.attrs["period"] == "2024"
    assert table.attrs["goals_counted"] == owner["goals_counted"]
    with_total = lkjip_table(results, "DINASPU", total=True)
    assert len(with_total) == len(table) + 1
    last = with_total.iloc[-1]
    assert last["Sasaran"] == "Capaian kinerja Dinas Pekerjaan Umum dan Penataan Ruang"
    assert last["Capaian (%)"] == owner["achievement"]
    assert last["Kategori"] == "Cukup"
    assert pd.isna(last["Indikator"])
    assert pd.isna(last["Target"])
    assert with_total.iloc[:-1].equals(table)
    english = lkjip_table(results, "DINASPU", total=True, language="en")
    assert english.iloc[-1]["Goal"].startswith("Overall achievement of ")


def test_lkjip_key_only(results: Results, city: Cascade) -> None:
    table = lkjip_table(results, "PEMKO", ids=True, key_only=True)
    keys = set(city.indicators.loc[city.indicators["key"], "indicator_id"])
    assert set(table["Kode Indikator"]) <= keys
    assert len(table) < len(lkjip_table(results, "PEMKO"))


def test_lkjip_goal_without_indicator_keeps_a_row() -> None:
    results = cascade.propagate(small(), as_of="2024")
    table = lkjip_table(results, "P", ids=True)
    assert table["Kode Sasaran"].tolist() == ["G1", "G3"]
    assert table["Kode Indikator"].isna().tolist() == [False, True]
    assert math.isnan(table["Capaian (%)"].iloc[1])
    assert table["Capaian (%)"].iloc[0] == pytest.approx(90.0)


def test_lkjip_refuses_unknown_owner_and_language(results: Results) -> None:
    with pytest.raises(UnknownIdError):
        lkjip_table(results, "NOBODY")
    with pytest.raises(UsageError, match="language"):
        lkjip_table(results, "PEMKO", language="fr")  # type: ignore[arg-type]


# -------------------------------------------------------------------------- cascading matrix


def _codes(frame: pd.DataFrame) -> list[str]:
    return [c for c in frame.columns if c.startswith("Kode ")]


def _leaves_under_pemda(c: Cascade) -> set[str]:
    """Leaves of the goal tree below the pemda's root goals, counted with networkx."""
    import networkx as nx

    graph = c.graph("goals")
    goals = c.goals
    roots = goals.loc[goals["parent_goal_id"].isna() & (goals["unit_id"] == "PEMKO"), "goal_id"]
    below = set(roots).union(*(nx.descendants(graph, r) for r in roots))
    return {g for g in below if graph.out_degree(g) == 0}


def test_matrix_one_row_per_leaf_path(city: Cascade) -> None:
    matrix = cascading_matrix(city, ids=True)
    leaves = _leaves_under_pemda(city)
    assert len(matrix) == len(leaves) == 73
    codes = _codes(matrix)
    rows = [[g for g in row if isinstance(g, str)] for row in matrix[codes].itertuples(False)]
    assert {chain[-1] for chain in rows} == leaves  # each leaf once
    for chain in rows:
        assert city.parent(chain[0], kind="goal") is None
        assert city.unit(city.owner_of(chain[0], kind="goal")).level == "pemda"
        for upper, lower in itertools.pairwise(chain):
            assert city.parent(lower, kind="goal") == upper  # a true parent chain
        assert city.path(chain[-1], kind="goal") == chain
        assert city.children(chain[-1], kind="goal") == []


def test_matrix_rows_are_in_tree_order(city: Cascade) -> None:
    matrix = cascading_matrix(city, ids=True)
    order = {g: i for i, g in enumerate(city.goals["goal_id"])}
    keys = [
        [order[g] for g in row if isinstance(g, str)]
        for row in matrix[_codes(matrix)].itertuples(False)
    ]
    assert keys == sorted(keys)


def test_matrix_cells_hold_statement_indicators_and_owner(city: Cascade) -> None:
    matrix = cascading_matrix(city, ids=True)
    row = matrix.iloc[0]
    assert row["Kode Sasaran Program (PD)"] == "DINKES-P1"
    assert row["Sasaran Program (PD)"] == city.goal("DINKES-P1").statement
    names = city.indicators.loc[city.indicators["goal_id"] == "DINKES-P1", "name"]
    assert row["Indikator Sasaran Program (PD)"] == "\n".join(names)
    assert row["Penanggung Jawab Sasaran Program (PD)"] == "Dinas Kesehatan"
    assert (
        row["Penanggung Jawab Rencana Hasil Kerja (PD)"]
        == city.unit(city.owner_of("DINKES-RHK1.1.1.1", kind="goal")).name
    )


def test_matrix_headers_per_kind_group_in_both_languages(city: Cascade) -> None:
    matrix = cascading_matrix(city)
    first = matrix.columns.tolist()[:6]
    assert first == [
        "Tujuan (Pemda)",
        "Indikator Tujuan (Pemda)",
        "Penanggung Jawab Tujuan (Pemda)",
        "Sasaran Strategis (Pemda)",
        "Indikator Sasaran Strategis (Pemda)",
        "Penanggung Jawab Sasaran Strategis (Pemda)",
    ]
    # the crosscutting DINSOS-SS2 under DINKES-SS1 opens a second agency group
    assert "Sasaran Strategis (PD 2)" in matrix.columns
    english = cascading_matrix(city, language="en")
    assert english.columns.tolist()[:3] == [
        "Goal (government)",
        "Goal (government) indicators",
        "Goal (government) owner",
    ]
    assert "Strategic objective (agency 2)" in english.columns
    assert english.shape == matrix.shape
    bare = cascading_matrix(city, indicators=False)
    assert not any(c.startswith("Indikator") for c in bare.columns)
    assert len(bare.columns) == len(matrix.columns) * 2 // 3


def test_matrix_skipped_kind_leaves_blank(city: Cascade) -> None:
    matrix = cascading_matrix(city, ids=True)
    # PEMKO-SS4.1 -> DINKES-SS2: the agency's supporting sasaran has no agency tujuan
    rows = matrix[matrix["Kode Sasaran Strategis (PD)"] == "DINKES-SS2"]
    assert len(rows) > 0
    assert rows["Kode Tujuan (PD)"].isna().all()
    assert rows["Tujuan (PD)"].isna().all()
    assert rows["Penanggung Jawab Tujuan (PD)"].isna().all()

    tiny = cascading_matrix(small(), ids=True)  # G1 tujuan -> G2 program: no sasaran strategis
    assert _codes(tiny) == ["Kode Tujuan", "Kode Sasaran Strategis", "Kode Sasaran Program"]
    assert tiny["Kode Tujuan"].tolist() == ["G1", "G1"]
    assert tiny["Kode Sasaran Strategis"].isna().tolist() == [True, False]
    assert tiny["Kode Sasaran Program"].isna().tolist() == [False, True]
    assert tiny.loc[0, "Kode Sasaran Program"] == "G2"
    assert pd.isna(tiny.loc[0, "Sasaran Strategis"])
    assert pd.isna(tiny.loc[1, "Indikator Sasaran Strategis"])  # G3 has no indicator


def test_matrix_with_root(city: Cascade) -> None:
    agency = cascading_matrix(city, root="DINKES", ids=True)
    codes = _codes(agency)
    tops = {next(g for g in row if isinstance(g, str)) for row in agency[codes].itertuples(False)}
    assert tops == {"DINKES-T1", "DINKES-SS2"}
    one = cascading_matrix(city, root="DINKES-P1", ids=True)
    assert len(one) == 3
    assert _codes(one)[0] == "Kode Sasaran Program"
    covered = cascading_matrix(city, root=["DINKES-P1", "DINKES-K1.1"], ids=True)
    assert covered.equals(one)
    with pytest.raises(UnknownIdError):
        cascading_matrix(city, root="NOPE")


def test_matrix_at_province_scale() -> None:
    """128k goals in a six-level tree: vectorised, a few seconds at most."""
    branching = [4, 3, 10, 5, 4, 4, 3, 3]  # roots, then children per goal per depth
    kinds = [
        "tujuan",
        "sasaran_strategis",
        "tujuan",
        "sasaran_strategis",
        "sasaran_program",
        "sasaran_kegiatan",
        "sasaran_subkegiatan",
        "rencana_hasil_kerja",
    ]
    ids: list[np.ndarray] = []
    parents: list[np.ndarray] = []
    for depth, width in enumerate(branching):
        if depth == 0:
            ids.append(np.array([f"G{i}" for i in range(width)], dtype=object))
            parents.append(np.full(width, None, dtype=object))
            continue
        above = np.repeat(ids[-1], width)
        ids.append(above + "." + np.tile(np.arange(width).astype(str), len(ids[-1])))
        parents.append(above)
    goal_ids, parent_ids = np.concatenate(ids), np.concatenate(parents)
    kind = np.concatenate([[kinds[d]] * len(x) for d, x in enumerate(ids)])
    owner = np.where(np.char.count(goal_ids.astype(str), ".") < 2, "P", "D")
    c = Cascade(
        units=pd.DataFrame(
            {
                "unit_id": ["P", "D"],
                "name": ["Pemda", "Dinas"],
                "parent_id": [None, "P"],
                "level": ["pemda", "perangkat_daerah"],
            }
        ),
        goals=pd.DataFrame(
            {
                "goal_id": goal_ids,
                "unit_id": owner,
                "parent_goal_id": parent_ids,
                "statement": "S " + goal_ids,
                "kind": kind,
            }
        ),
        indicators=pd.DataFrame(
            {
                "indicator_id": goal_ids + "-I",
                "goal_id": goal_ids,
                "name": "I " + goal_ids,
                "measure_unit": "persen",
            }
        ),
    )
    assert len(c.goals) > 100_000
    start = time.perf_counter()
    matrix = cascading_matrix(c, ids=True)
    elapsed = time.perf_counter() - start
    assert len(matrix) == len(ids[-1])
    assert elapsed < 20  # about a second on a laptop
    last = matrix.iloc[-1]
    chain = [last[f"Kode {k}"] for k in ["Tujuan (Pemda)", "Rencana Hasil Kerja"]]
    assert chain == [ids[0][-1], ids[-1][-1]]
    assert last["Indikator Rencana Hasil Kerja"] == "I " + ids[-1][-1]


# ------------------------------------------------------------------------------- PK annex


def test_pk_columns_in_both_languages(results: Results) -> None:
    assert pk_annex(results, "DINASPU").columns.tolist() == PK_ID
    assert pk_annex(results, "DINASPU", language="en").columns.tolist() == PK_EN
    assert pk_annex(results, "DINASPU", ids=True).columns.tolist() == [
        "Kode Sasaran",
        "Kode Indikator",
        "Kode Program / Kegiatan / Sub Kegiatan",
        *PK_ID,
    ]


def test_pk_budget_equals_the_budget_lines(results: Results, city: Cascade) -> None:
    lines = city.budgets[city.budgets["period"] == "2024"].set_index("goal_id")["allocated"]
    checked = 0
    for owner in OWNERS:
        annex = pk_annex(results, owner, ids=True)
        items = annex.dropna(subset=["Kode Program / Kegiatan / Sub Kegiatan"])
        for goal, money in zip(
            items["Kode Program / Kegiatan / Sub Kegiatan"], items["Anggaran (Rp)"], strict=True
        ):
            if goal in lines.index:
                assert money == lines[goal]
                checked += 1
    assert checked >= 10


def test_pk_totals_are_the_owner_budgets(results: Results) -> None:
    owner_budget = results.owner_budget.set_index("unit_id")["allocated"]
    for owner in results.cascade.units["unit_id"]:
        annex = pk_annex(results, owner)
        assert annex.attrs["allocated"] == pytest.approx(owner_budget.get(owner, 0.0)), owner
        assert annex.attrs["allocated"] == pytest.approx(annex["Anggaran (Rp)"].sum())


def test_pk_items_by_level(results: Results) -> None:
    def items(owner: str) -> list[str]:
        annex = pk_annex(results, owner, ids=True)
        return annex["Kode Program / Kegiatan / Sub Kegiatan"].dropna().tolist()

    assert items("DINASPU") == ["DINASPU-P1", "DINASPU-P2", "DINASPU-P3"]  # programs
    assert items("DINASPU-BINAMARGA") == ["DINASPU-K1.1"]  # its kegiatan
    assert items("DINASPU-BINAMARGA-JALAN") == ["DINASPU-SK1.1.1"]  # its sub kegiatan
    assert "DINSOS-P2" not in items("DINKES")  # crosscutting money stays with DINSOS
    assert "DINSOS-P2" in items("DINSOS")
    assert "DINSOS-P2" in items("PEMKO")
    # programs sit beside the agency's sasaran strategis they carry
    annex = pk_annex(results, "DINASPU", ids=True)
    beside = annex.dropna(subset=["Kode Program / Kegiatan / Sub Kegiatan"])
    assert beside["Kode Sasaran"].tolist() == ["DINASPU-SS1", "DINASPU-SS1", "DINASPU-SS2"]
    # every indicator of the owner's goals is listed once, with its target
    mine = results.goals.loc[results.goals["unit_id"] == "DINASPU", "goal_id"]
    expected = results.indicators[results.indicators["goal_id"].isin(mine)]
    assert sorted(annex["Kode Indikator"].dropna()) == sorted(expected["indicator_id"])


def test_pk_from_a_cascade_and_the_period(results: Results, city: Cascade) -> None:
    from_cascade = pk_annex(city, "DINASPU", as_of="2024", total=True)
    assert from_cascade.iloc[:-1].equals(pk_annex(results, "DINASPU"))
    assert from_cascade.iloc[-1]["Sasaran"] == "Jumlah"
    assert from_cascade.iloc[-1]["Anggaran (Rp)"] == from_cascade.attrs["allocated"]
    with pytest.raises(UsageError, match="as_of"):
        pk_annex(city, "DINASPU")
    with pytest.raises(UsageError, match="differs"):
        pk_annex(results, "DINASPU", as_of="2023")
    assert pk_annex(results, "DINASPU", as_of="2024").equals(pk_annex(results, "DINASPU"))


def test_pk_range_target_as_text() -> None:
    annex = pk_annex(small(), "D", as_of="2024", ids=True)
    assert annex["Target"].tolist() == ["80–90"]
    assert annex["Anggaran (Rp)"].tolist() == [1.0e9]


# ----------------------------------------------------------------------------- budget table


def test_budget_by_owner_matches_owner_budget(results: Results) -> None:
    table = budget_table(results, ids=True)
    assert table.columns.tolist() == ["Kode Unit", *BUDGET_OWNER_ID]
    assert budget_table(results, language="en").columns.tolist() == BUDGET_OWNER_EN
    expected = results.owner_budget
    assert table["Kode Unit"].tolist() == expected["unit_id"].tolist()
    for column, source in zip(
        BUDGET_OWNER_ID[1:5], ["allocated", "spent", "absorption", "efficiency"], strict=True
    ):
        np.testing.assert_array_equal(table[column], expected[source])
    achievement = results.owners.set_index("unit_id")["achievement"]
    np.testing.assert_array_equal(
        table["Capaian Kinerja (%)"], achievement.loc[table["Kode Unit"]]
    )


def test_budget_by_goal_matches_budget(results: Results, city: Cascade) -> None:
    table = budget_table(results, by="goal", ids=True)
    assert table.columns.tolist() == [
        "Kode Sasaran",
        "Sasaran",
        "Jenis",
        "Unit Kerja",
        *BUDGET_OWNER_ID[1:],
    ]
    expected = results.budget
    assert table["Kode Sasaran"].tolist() == expected["goal_id"].tolist()
    np.testing.assert_array_equal(table["Pagu (Rp)"], expected["allocated"])
    np.testing.assert_array_equal(table["Efisiensi (%)"], expected["efficiency"])
    row = table.set_index("Kode Sasaran").loc["DINASPU-P1"]
    assert row["Jenis"] == "Sasaran Program"
    assert row["Unit Kerja"] == "Dinas Pekerjaan Umum dan Penataan Ruang"
    english = budget_table(results, by="goal", language="en").set_index("Goal")
    assert english.loc[city.goal("DINASPU-P1").statement, "Kind"] == "Programme objective"


def test_budget_for_one_owner_and_below(results: Results) -> None:
    table = budget_table(results, owner_id="DINASPU", ids=True)
    assert table["Kode Unit"].iloc[0] == "DINASPU"
    assert all(u.startswith("DINASPU") for u in table["Kode Unit"])
    goals = budget_table(results, by="goal", owner_id="DINASPU-BINAMARGA", ids=True)
    assert goals["Kode Sasaran"].tolist() == ["DINASPU-K1.1", "DINASPU-SK1.1.1", "DINASPU-SK1.1.2"]
    with pytest.raises(UsageError, match="by"):
        budget_table(results, by="year")  # type: ignore[arg-type]


# ------------------------------------------------------------------------------------ Excel


def _header_row(sheet: openpyxl.worksheet.worksheet.Worksheet) -> list[object]:
    return [c.value for c in sheet[1]]


def _column(sheet: openpyxl.worksheet.worksheet.Worksheet, name: str) -> int:
    return _header_row(sheet).index(name) + 1


@pytest.fixture(scope="module")
def workbook(results: Results, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("tables") / "laporan.xlsx"
    to_excel(
        {
            "LKjIP": lkjip_table(results, "PEMKO", total=True),
            "LKjIP DINASPU": lkjip_table(results, "DINASPU"),
            "Matriks": cascading_matrix(results),
            "PK": pk_annex(results, "DINASPU", total=True),
            "Anggaran": budget_table(results),
        },
        path,
    )
    return path


def test_excel_sheets_headers_and_frozen_row(workbook: Path) -> None:
    book = openpyxl.load_workbook(workbook)
    assert book.sheetnames == ["LKjIP", "LKjIP DINASPU", "Matriks", "PK", "Anggaran"]
    sheet = book["LKjIP"]
    assert _header_row(sheet) == LKJIP_ID
    for cell in sheet[1]:
        assert cell.font.b
        assert cell.fill.fill_type == "solid"
    assert sheet.freeze_panes == "A2"
    widths = {k: v.width for k, v in sheet.column_dimensions.items()}
    assert widths["A"] > widths["C"] >= 8  # fitted: statements wide, units narrow
    assert max(widths.values()) <= 62


def test_excel_number_formats(workbook: Path, results: Results) -> None:
    book = openpyxl.load_workbook(workbook)
    sheet = book["LKjIP"]
    capaian = _column(sheet, "Capaian (%)")
    values = [sheet.cell(r, capaian) for r in range(2, sheet.max_row + 1)]
    assert all(c.number_format == "0.00" for c in values if c.value is not None)
    expected = lkjip_table(results, "PEMKO", total=True)["Capaian (%)"].tolist()
    assert [c.value for c in values] == [None if math.isnan(v) else v for v in expected]
    realisasi = _column(sheet, "Realisasi")
    blank = sheet.cell(
        2
        + lkjip_table(results, "PEMKO", ids=True)["Kode Indikator"].tolist().index("PEMKO-T3-I1"),
        realisasi,
    )
    assert blank.value is None  # missing stays blank, not 0
    target = _column(sheet, "Target")
    assert "2–4" in [sheet.cell(r, target).value for r in range(2, sheet.max_row + 1)]

    money = book["Anggaran"]
    for name, code in [("Pagu (Rp)", "#,##0"), ("Serapan (%)", "0.00")]:
        cell = money.cell(2, _column(money, name))
        assert cell.number_format == code
        assert isinstance(cell.value, int | float)
    assert money.cell(2, _column(money, "Pagu (Rp)")).value == pytest.approx(
        results.owner_budget["allocated"].iloc[0]
    )
    pk = book["PK"]
    assert pk.cell(pk.max_row, _column(pk, "Anggaran (Rp)")).number_format == "#,##0"


def test_excel_category_fills(workbook: Path) -> None:
    book = openpyxl.load_workbook(workbook)
    sheet = book["LKjIP DINASPU"]
    column = _column(sheet, "Kategori")
    seen = set()
    for r in range(2, sheet.max_row + 1):
        cell = sheet.cell(r, column)
        rgb, _ = CATEGORY_COLOURS[cell.value]
        assert cell.fill.fill_type == "solid"
        assert cell.fill.fgColor.rgb.endswith(rgb)
        seen.add(cell.value)
    assert {"Sangat Baik", "Baik", "Cukup", "Kurang"} <= seen


def test_excel_sakip_grades_and_all_bands_coloured(tmp_path: Path) -> None:
    scores = [95.0, 85.0, 75.0, 65.0, 55.0, 40.0, 10.0]
    frame = pd.DataFrame(
        {
            "Nilai": scores,
            "Predikat": SAKIP_GRADE.categorise(scores),
            "Kategori": LKJIP.categorise(scores),
        }
    )
    book = openpyxl.load_workbook(to_excel({"Nilai": frame}, tmp_path / "nilai.xlsx"))
    sheet = book["Nilai"]
    grades = [sheet.cell(r, 2) for r in range(2, 9)]
    assert [c.value for c in grades] == ["AA", "A", "BB", "B", "CC", "C", "D"]
    bands = [sheet.cell(r, 3) for r in range(2, 9)]
    for cell in [*grades, *bands]:
        assert cell.fill.fgColor.rgb.endswith(CATEGORY_COLOURS[cell.value][0])
    assert bands[0].fill.fgColor.rgb.endswith("1B7837")  # Sangat Baik dark green
    assert bands[-1].fill.fgColor.rgb.endswith("D62728")  # Sangat Kurang red


def test_excel_text_starting_with_equals_stays_text(tmp_path: Path) -> None:
    results = cascade.propagate(small("=SUM(A1:A2)", "=1+1"), as_of="2024")
    path = to_excel(
        {"LKjIP": lkjip_table(results, "P"), "Matriks": cascading_matrix(results)},
        tmp_path / "rumus.xlsx",
    )
    for data_only in (False, True):
        book = openpyxl.load_workbook(path, data_only=data_only)
        sheet = book["LKjIP"]
        assert sheet["A2"].value == "=SUM(A1:A2)"
        assert sheet["A2"].data_type == "s"
        assert sheet["B2"].value == "=1+1"
        assert sheet["B2"].data_type == "s"
        assert book["Matriks"]["A2"].value == "=SUM(A1:A2)"
        assert book["Matriks"]["A2"].data_type == "s"


def test_excel_wraps_lines_and_keeps_exact_floats(tmp_path: Path) -> None:
    frame = pd.DataFrame({"Indikator": ["satu\ndua", "tiga"], "Capaian (%)": [0.1 + 0.2, 1 / 3]})
    book = openpyxl.load_workbook(to_excel({"T": frame}, tmp_path / "t.xlsx"))
    sheet = book["T"]
    assert sheet["A2"].value == "satu\ndua"
    assert sheet["A2"].alignment.wrap_text
    assert sheet["B2"].value == 0.1 + 0.2
    assert sheet["B2"].number_format == "0.00"
    assert sheet["B3"].value == 1 / 3


def test_excel_headers_of_english_tables_format_too(results: Results, tmp_path: Path) -> None:
    path = to_excel({"LKjIP": lkjip_table(results, "PEMKO", language="en")}, tmp_path / "en.xlsx")
    sheet = openpyxl.load_workbook(path)["LKjIP"]
    assert sheet.cell(2, _column(sheet, "Achievement (%)")).number_format == "0.00"
    assert sheet.cell(2, _column(sheet, "Category")).fill.fill_type == "solid"


def test_excel_refuses_bad_sheet_names_and_keeps_the_old_file(
    results: Results, tmp_path: Path
) -> None:
    path = to_excel({"A": lkjip_table(results, "PEMKO")}, tmp_path / "x.xlsx")
    before = path.read_bytes()
    for bad in [{}, {"a/b": pd.DataFrame()}, {"x" * 32: pd.DataFrame()}]:
        with pytest.raises(UsageError):
            to_excel(bad, path)
    with pytest.raises(UsageError, match="twice"):
        to_excel({"A": pd.DataFrame(), "a": pd.DataFrame()}, path)
    huge = pd.DataFrame({"Sasaran": ["x" * 40_000]})
    with pytest.raises(UsageError, match="does not fit"):
        to_excel({"A": huge}, path)
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["x.xlsx"]  # no temporary file left


def test_headers_are_one_mapping() -> None:
    fixed = [k for k in HEADERS if not k.startswith(("matrix_", "lkjip_", "pk_"))]
    texts = [HEADERS[k][0] for k in fixed]
    assert len(set(texts)) == len(texts)  # Indonesian headers are distinct
    for key in fixed:
        assert HEADERS[key][1]  # every header has its English


def test_the_examples_in_the_tables_page_run() -> None:
    import doctest
    import re

    page = Path(__file__).resolve().parent.parent / "docs" / "tables.md"
    blocks = re.findall(r"```pycon\n(.*?)```", page.read_text(encoding="utf-8"), flags=re.DOTALL)
    assert len(blocks) >= 5
    parser = doctest.DocTestParser()
    test = parser.get_doctest("\n".join(blocks), {}, page.name, str(page), 0)
    runner = doctest.DocTestRunner(optionflags=doctest.NORMALIZE_WHITESPACE)
    with pd.option_context("display.width", 100):
        runner.run(test)
    assert runner.failures == 0, f"{runner.failures} example(s) of {page.name} failed"

from __future__ import annotations

import networkx as nx
import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cascade import Cascade, InputError, UnknownIdError, UsageError
from cascade.enums import Level, Polarity, Role
from cascade.records import Goal, Indicator, Unit


def small() -> Cascade:
    return Cascade(
        units=pd.DataFrame(
            {
                "unit_id": ["PEMKO", "DINKES", "BID-P2P", "SEKSI-SURV", "ASN-1"],
                "name": ["Pemko", "Dinas Kesehatan", "Bidang P2P", "Seksi Surveilans", "Budi"],
                "parent_id": [None, "PEMKO", "DINKES", "BID-P2P", "SEKSI-SURV"],
                "level": ["pemda", "perangkat_daerah", "administrator", "pengawas", "pelaksana"],
            }
        ),
        goals=pd.DataFrame(
            {
                "goal_id": ["T1", "S1", "SP1", "SK1", "SSK1", "RHK1"],
                "unit_id": ["PEMKO", "PEMKO", "DINKES", "BID-P2P", "SEKSI-SURV", "ASN-1"],
                "parent_goal_id": [None, "T1", "S1", "SP1", "SK1", "SSK1"],
                "statement": ["t", "s", "sp", "sk", "ssk", "rhk"],
                "kind": ["tujuan", "sasaran", "program", "kegiatan", "sub kegiatan", "RHK"],
            }
        ),
        indicators=pd.DataFrame(
            {
                "indicator_id": ["I-T1", "I-S1", "I-SP1", "I-SK1", "I-SSK1", "I-RHK1", "I-SP2"],
                "goal_id": ["T1", "S1", "SP1", "SK1", "SSK1", "RHK1", "SP1"],
                "parent_indicator_id": [None, "I-T1", "I-S1", "I-SP1", "I-SK1", "I-SSK1", "I-S1"],
                "name": ["AHH", "Kematian bayi", "a", "b", "c", "d", "e"],
                "satuan": ["tahun", "per 1000", "persen", "persen", "persen", "kasus", None],
                "polaritas": ["naik", "turun", "", "naik", "naik", "naik", "stabil"],
                "peran": [None, None, None, None, None, None, "pendukung"],
                "sumber_data": ["BPS", None, None, None, None, None, "Dinkes"],
            }
        ),
        targets=pd.DataFrame(
            {
                "indicator_id": ["I-T1", "I-S1", "I-SP2"],
                "period": ["2024", "2024Q1", "2024"],
                "target": [72.5, "12,5", "2–4"],
            }
        ),
    )


def test_tables_are_canonical() -> None:
    c = small()
    assert list(c.indicators.columns) == [
        "indicator_id",
        "goal_id",
        "parent_indicator_id",
        "name",
        "measure_unit",
        "polarity",
        "aggregation",
        "period_aggregation",
        "role",
        "weight",
        "key",
        "sumber_data",
    ]
    ind = c.indicators
    assert ind["polarity"].tolist() == [
        "maximize",
        "minimize",
        "maximize",
        "maximize",
        "maximize",
        "maximize",
        "stabilize",
    ]
    assert ind["role"].tolist()[-1] == "supporting"
    assert ind["weight"].tolist() == [1.0] * 7
    assert not ind["key"].any()
    assert pd.isna(ind["measure_unit"].iloc[-1])
    assert c.goals["kind"].tolist() == [
        "tujuan",
        "sasaran_strategis",
        "sasaran_program",
        "sasaran_kegiatan",
        "sasaran_subkegiatan",
        "rencana_hasil_kerja",
    ]
    t = c.targets
    assert t["target"].tolist() == [72.5, 12.5, 2.0]
    assert t["target_upper"].isna().tolist() == [True, True, False]
    assert t["target_upper"].iloc[2] == 4.0
    assert [str(p) for p in c.periods] == ["2024", "2024Q1"]
    assert len(c.budgets) == 0
    assert list(c.budgets.columns) == ["goal_id", "period", "allocated", "spent"]


def test_tables_are_copies() -> None:
    c = small()
    frame = c.units
    frame.loc[0, "name"] = "changed"
    frame["new"] = 1
    assert c.units.loc[0, "name"] == "Pemko"
    assert "new" not in c.units.columns


def test_navigation() -> None:
    c = small()
    assert c.parent("SEKSI-SURV") == "BID-P2P"
    assert c.parent("PEMKO") is None
    assert c.children("S1") == ["SP1"]
    assert c.children("I-S1") == ["I-SP1", "I-SP2"]
    assert c.ancestors("RHK1") == ["SSK1", "SK1", "SP1", "S1", "T1"]
    assert c.path("I-RHK1") == ["I-T1", "I-S1", "I-SP1", "I-SK1", "I-SSK1", "I-RHK1"]
    assert c.descendants("DINKES") == ["BID-P2P", "SEKSI-SURV", "ASN-1"]
    assert c.descendants("ASN-1") == []
    assert c.kind_of("SP1") == "goal"
    assert c.goals_of("PEMKO") == ["T1", "S1"]
    assert c.indicators_of("SP1") == ["I-SP1", "I-SP2"]
    assert c.owner_of("I-RHK1") == "ASN-1"
    assert c.owner_of("SP1") == "DINKES"
    assert c.depth("goal").tolist() == [0, 1, 2, 3, 4, 5]


def test_records() -> None:
    c = small()
    u = c.unit("DINKES")
    assert isinstance(u, Unit)
    assert u.level is Level.PERANGKAT_DAERAH
    g = c.goal("SP1")
    assert isinstance(g, Goal)
    assert g.parent_goal_id == "S1"
    i = c.indicator("I-S1")
    assert isinstance(i, Indicator)
    assert i.polarity is Polarity.MINIMIZE
    assert i.role is Role.CARRIER
    assert i.model_extra == {"sumber_data": None}
    assert c.indicator("I-T1").model_extra == {"sumber_data": "BPS"}


def test_unknown_and_ambiguous_ids() -> None:
    c = small()
    with pytest.raises(UnknownIdError, match="no unit, goal or indicator with id 'NOPE'"):
        c.parent("NOPE")
    with pytest.raises(UnknownIdError, match="no goal"):
        c.goal("DINKES")
    with pytest.raises(UsageError, match="unknown kind"):
        c.parent("S1", kind="sasaran")  # type: ignore[arg-type]
    both = Cascade(
        units=[{"unit_id": "X", "name": "x", "level": "pemda"}],
        goals=[{"goal_id": "X", "unit_id": "X", "statement": "s"}],
        indicators=[{"indicator_id": "I", "goal_id": "X", "name": "n", "measure_unit": "u"}],
    )
    with pytest.raises(UsageError, match="pass kind="):
        both.children("X")
    assert both.children("X", kind="unit") == []
    assert both.indicators_of("X") == ["I"]


def test_broken_structure_is_navigable() -> None:
    """Duplicates, dangling parents and cycles are the checker's findings, not crashes."""
    c = Cascade(
        units=[
            {"unit_id": "P", "name": "p", "level": "pemda"},
            {"unit_id": "P", "name": "duplicate", "level": "pemda"},
            {"unit_id": "A", "name": "a", "parent_id": "GHOST", "level": "opd"},
        ],
        goals=[
            {"goal_id": "G1", "unit_id": "P", "parent_goal_id": "G2", "statement": "s"},
            {"goal_id": "G2", "unit_id": "P", "parent_goal_id": "G1", "statement": "s"},
            {"goal_id": "G3", "unit_id": "P", "parent_goal_id": "G2", "statement": "s"},
        ],
        indicators=[],
    )
    assert c.unit("P").name == "p"
    assert c.parent("A") is None
    assert c.units["parent_id"].tolist()[2] == "GHOST"
    assert c.ancestors("G3") == ["G2", "G1"]
    assert c.path("G1") == ["G2", "G1"]
    assert sorted(c.descendants("G1")) == ["G2", "G3"]
    assert c.depth("goal").tolist() == [-1, -1, -1]
    g = c.graph("units")
    assert g.nodes["GHOST"] == {"missing": True}
    assert g.nodes["P"]["name"] == "p"
    assert ("GHOST", "A") in g.edges


def test_subcascade_keeps_owner_and_below() -> None:
    c = small()
    sub = c.subcascade("BID-P2P")
    assert sub.units["unit_id"].tolist() == ["BID-P2P", "SEKSI-SURV", "ASN-1"]
    assert sub.goals["goal_id"].tolist() == ["SK1", "SSK1", "RHK1"]
    assert sub.indicators["indicator_id"].tolist() == ["I-SK1", "I-SSK1", "I-RHK1"]
    assert sub.goals["parent_goal_id"].tolist()[0] == "SP1"  # kept as written
    assert len(sub.targets) == 0
    whole = c.subcascade("PEMKO")
    assert whole == c


def test_graph_views() -> None:
    c = small()
    g = c.graph("goals")
    assert isinstance(g, nx.DiGraph)
    assert nx.is_arborescence(g)
    assert g.nodes["SP1"]["kind"] == "sasaran_program"
    gi = c.graph("indicators")
    assert set(gi.successors("I-S1")) == {"I-SP1", "I-SP2"}
    with pytest.raises(UsageError, match="unknown hierarchy"):
        c.graph("budgets")


def test_equality_and_repr() -> None:
    assert small() == small()
    other = Cascade(**{**small().tables, "targets": small().targets.iloc[:1]})
    assert other != small()
    assert repr(small()) == (
        "<Cascade: 5 units, 6 goals, 7 indicators, 3 targets, 0 realisations, 0 budgets>"
    )
    assert Cascade(**small().tables) == small()


def test_from_records_matches_frames() -> None:
    c = small()
    rebuilt = Cascade.from_records(
        units=[c.unit(u) for u in c.units["unit_id"]],
        goals=[c.goal(g) for g in c.goals["goal_id"]],
        indicators=[c.indicator(i) for i in c.indicators["indicator_id"]],
        targets=c.targets.to_dict("records"),
    )
    assert rebuilt.tables["goals"].equals(c.goals)
    assert rebuilt.tables["indicators"].equals(c.indicators)
    assert rebuilt.targets["target_upper"].tolist()[2] == 4.0


def test_frame_errors_name_index_label_and_column() -> None:
    with pytest.raises(InputError) as info:
        Cascade(
            units=pd.DataFrame(
                {"unit_id": ["A", None], "name": ["a", "b"], "level": ["pemda", "camat?"]},
                index=[10, 11],
            ),
            goals=pd.DataFrame({"goal_id": ["G"], "unit_id": ["A"], "statement": ["s"]}),
            indicators=pd.DataFrame(
                {
                    "indicator_id": ["I"],
                    "goal_id": ["G"],
                    "name": ["n"],
                    "satuan": ["%"],
                    "bobot": ["x"],
                }
            ),
            targets=pd.DataFrame({"indicator_id": ["I"], "period": ["2024"], "target": ["90-80"]}),
        )
    got = [(p.table, p.row, p.column) for p in info.value.problems]
    assert got == [
        ("units", 11, "unit_id"),
        ("units", 11, "level"),
        ("indicators", 0, "bobot"),
        ("targets", 0, "target"),
    ]
    assert "row 11, column level" in str(info.value)
    assert "found 'camat?'" in str(info.value)


def test_extra_columns_keep_their_values() -> None:
    c = Cascade(
        units=pd.DataFrame(
            {
                "unit_id": ["A", "B"],
                "name": ["a", "b"],
                "level": ["pemda", "opd"],
                "parent_id": [None, "A"],
                "keterangan": ["x", ""],
                "jumlah": [1, None],
                "campur": pd.Series(["t", 2], dtype=object),
            }
        ),
        goals=[],
        indicators=[],
    )
    assert c.extra_columns("units") == ["keterangan", "jumlah", "campur"]
    assert c.units["keterangan"].isna().tolist() == [False, True]
    assert c.units["jumlah"].tolist()[0] == 1
    assert c.units["campur"].tolist() == ["t", 2]


# A random forest: node i's parent is drawn from the nodes before it, or none.
forests = st.integers(1, 40).flatmap(
    lambda n: st.tuples(*[st.integers(-1, i - 1) for i in range(n)])
)


@settings(max_examples=40)
@given(forests)
def test_navigation_agrees_with_networkx(parents: tuple[int, ...]) -> None:
    ids = [f"G{i}" for i in range(len(parents))]
    c = Cascade(
        units=[{"unit_id": "P", "name": "p", "level": "pemda"}],
        goals=[
            {
                "goal_id": ids[i],
                "unit_id": "P",
                "statement": "s",
                "parent_goal_id": ids[p] if p >= 0 else None,
            }
            for i, p in enumerate(parents)
        ],
        indicators=[],
    )
    g = nx.DiGraph()
    g.add_nodes_from(ids)
    g.add_edges_from((ids[p], ids[i]) for i, p in enumerate(parents) if p >= 0)
    assert c.graph("goals").edges == g.edges
    depth = c.depth("goal").to_numpy()
    for node in ids:
        assert set(c.descendants(node)) == nx.descendants(g, node)
        assert set(c.ancestors(node)) == nx.ancestors(g, node)
        assert c.children(node) == sorted(g.successors(node), key=ids.index)
        path = c.path(node)
        assert path[-1] == node
        assert g.in_degree(path[0]) == 0
        assert len(path) == depth[ids.index(node)] + 1
    assert np.all(depth >= 0)

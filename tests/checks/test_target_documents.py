"""A ``document`` column on targets: a Renstra's and a PK's target for one year coexist."""

from __future__ import annotations

import pandas as pd
from tests.checks._base import base, build

import cascade
from cascade.checks import check


def _with_renstra_first() -> dict[str, pd.DataFrame]:
    t = base()
    pk = t["targets"].assign(document="pk")
    renstra = pk.assign(document="renstra", target=200.0)
    t["targets"] = pd.concat([renstra, pk], ignore_index=True)
    return t


def test_documents_are_not_duplicates_and_the_pk_target_counts() -> None:
    city = build(_with_renstra_first())
    assert check(city).findings == []
    results = cascade.propagate(city, as_of="2024")
    achievement = results.table("indicators")["achievement"]
    assert achievement.round(1).eq(91.7).all()


def test_two_rows_of_one_document_are_still_duplicates() -> None:
    t = _with_renstra_first()
    t["targets"] = pd.concat([t["targets"], t["targets"].tail(1)], ignore_index=True)
    names = {f.name for f in check(build(t)).findings}
    assert "duplicate-entry" in names

"""The city's owners as a plotly sunburst or treemap, sized by budget or indicator count.

Sizes are "total" sizes (plotly's ``branchvalues="total"``): a segment is its owner's own
share plus everything below it, so a parent always encloses its children. An owner's budget
figure from :func:`cascade.propagate` already counts the units below it; where the data make
a parent's figure smaller than its children's together (a program's pagu below the sum of its
kegiatan), the parent is drawn as large as its children, and hovering still shows its own
figure. Colours are computed here, with the same ramp as the static pictures, so a missing
achievement is grey rather than a colour the scale does not explain; an invisible marker
trace carries the colour bar.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

import pandas as pd
import plotly.graph_objects as go

from cascade.engine._results import Results
from cascade.errors import UsageError
from cascade.plot._colours import band_ranges, colour_range, colourscale, value_colour
from cascade.plot._picture import InteractivePicture
from cascade.scales import Scale

__all__ = ["draw_sunburst", "rupiah"]

SIZES = ("budget", "indicators")
KINDS = ("sunburst", "treemap")
HOVER = (
    "<b>%{label}</b><br>%{customdata[0]} · %{customdata[1]}"
    "<br>Achievement: %{customdata[2]} (%{customdata[3]})"
    "<br>Budget (pagu): %{customdata[4]}"
    "<br>Spent: %{customdata[5]} (absorption %{customdata[6]})"
    "<br>Indicators: %{customdata[7]}<extra></extra>"
)


def rupiah(amount: float) -> str:
    """An amount in rupiah as Indonesian reports print it.

    >>> rupiah(8_390_000_000), rupiah(640_000_000), rupiah(1.5e12), rupiah(float("nan"))
    ('Rp 8,39 miliar', 'Rp 640 juta', 'Rp 1,5 triliun', '–')
    """
    if math.isnan(amount):
        return "–"
    for size, word in ((1e12, "triliun"), (1e9, "miliar"), (1e6, "juta")):
        if abs(amount) >= size:
            number = f"{amount / size:.3g}".replace(".", ",")
            return f"Rp {number} {word}"
    return f"Rp {amount:,.0f}".replace(",", ".")


def _percent(value: float) -> str:
    return "–" if math.isnan(value) else f"{value:.1f} %"


def _forest(ids: list[str], parents: list[Any]) -> dict[str, str | None]:
    """Each id's parent within ``ids``: a missing parent makes a root, a cycle is cut."""
    known = set(ids)
    parent = {i: (p if isinstance(p, str) and p in known and p != i else None) for i, p in
              zip(ids, parents, strict=True)}  # fmt: skip
    state: dict[str, int] = {}  # 1: on the current walk, 2: done
    for start in ids:
        walk = []
        node: str | None = start
        while node is not None and state.get(node) is None:
            state[node] = 1
            walk.append(node)
            node = parent[node]
        if node is not None and state[node] == 1:  # came back onto this walk: a cycle
            parent[node] = None
        for n in walk:
            state[n] = 2
    return parent


@dataclass
class _Owners:
    """The owners' tree (first row of a repeated id; a cycle cut) and which of it is shown."""

    ids: list[str]
    parent: dict[str, str | None]
    children: dict[str, list[str]]
    names: dict[str, str]
    level: dict[str, str]
    shown: list[str] = field(default_factory=list)  # parents before children
    top: list[str] = field(default_factory=list)


def _owners(results: Results, root: str | None, employees: bool) -> _Owners:
    units = results.cascade.units
    units = units.loc[units["unit_id"].notna() & ~units["unit_id"].duplicated()]
    ids = [str(u) for u in units["unit_id"]]
    parent = _forest(ids, units["parent_id"].tolist())
    children: dict[str, list[str]] = {i: [] for i in ids}
    for i in ids:
        p = parent[i]
        if p is not None:
            children[p].append(i)
    names = {
        i: n if isinstance(n, str) and n.strip() else i
        for i, n in zip(ids, units["name"], strict=True)
    }
    level = {i: str(v) for i, v in zip(ids, units["level"].astype(object), strict=True)}
    tree = _Owners(ids, parent, children, names, level)
    if root is not None and root not in children:
        results.cascade.children(root, kind="unit")  # raises UnknownIdError, as navigation does
    tree.top = [root] if root is not None else [i for i in ids if parent[i] is None]
    stack = list(reversed(tree.top))
    while stack:
        node = stack.pop()
        if not employees and level[node] == "pelaksana" and node not in tree.top:
            continue
        tree.shown.append(node)
        stack.extend(reversed(children[node]))
    return tree


def _indicator_totals(results: Results, tree: _Owners) -> dict[str, int]:
    """Indicators of each owner's goals and of the goals of every owner below it."""
    c = results.cascade
    goal_owner = c.goals.drop_duplicates("goal_id").set_index("goal_id")["unit_id"]
    counts = c.indicators["goal_id"].map(goal_owner).value_counts()
    total = {i: int(counts.get(i, 0)) for i in tree.ids}
    order: list[str] = []  # parents before children, over the whole tree
    stack = [i for i in tree.ids if tree.parent[i] is None]
    while stack:
        node = stack.pop()
        order.append(node)
        stack.extend(tree.children[node])
    for node in reversed(order):
        p = tree.parent[node]
        if p is not None:
            total[p] += total[node]
    return total


def _column(frame: pd.DataFrame, column: str) -> dict[str, Any]:
    rows = frame.loc[frame["unit_id"].notna() & ~frame["unit_id"].duplicated()]
    return dict(zip(rows["unit_id"], rows[column], strict=True))


def _float(value: object) -> float:
    return float(value) if isinstance(value, (int, float)) else math.nan


def _colour_bar(scale: Scale) -> go.Scatter:
    """An invisible trace whose only job is the colour bar, with the bands named on it."""
    low, high = colour_range(scale)
    ranges = band_ranges(scale, high)
    ticks = [(max(lo, low) + min(hi, high)) / 2 for _, lo, hi in ranges]
    edges = [b.minimum for b in scale.bands]
    return go.Scatter(
        x=[None],
        y=[None],
        mode="markers",
        hoverinfo="skip",
        showlegend=False,
        marker={
            "colorscale": [[f, col] for f, col in colourscale(scale)],
            "cmin": low,
            "cmax": high,
            "color": [low],
            "showscale": True,
            "colorbar": {
                "title": {"text": "Achievement (%)"},
                "tickvals": ticks + edges,
                "ticktext": [label for label, _, _ in ranges] + [f"{e:g}" for e in edges],
                "thickness": 16,
                "len": 0.8,
            },
        },
    )


def draw_sunburst(
    results: Results,
    *,
    size: str,
    kind: str,
    root: str | None,
    employees: bool,
    maxdepth: int | None,
    title: str | None,
) -> InteractivePicture:
    """Draw the owners (see :func:`cascade.plot.sunburst`)."""
    if size not in SIZES:
        msg = f"unknown size={size!r}: expected one of {', '.join(SIZES)}"
        raise UsageError(msg)
    if kind not in KINDS:
        msg = f"unknown kind={kind!r}: expected one of {', '.join(KINDS)}"
        raise UsageError(msg)
    scale = results.policy.scale
    tree = _owners(results, root, employees)
    indicators = _indicator_totals(results, tree)
    money = {
        column: _column(results.owner_budget, column)
        for column in ("allocated", "spent", "absorption")
    }
    achievement = _column(results.owners, "achievement")
    category = _column(results.owners, "category")

    shown = set(tree.shown)
    values: dict[str, float] = {}
    for node in reversed(tree.shown):  # children before parents
        below = sum(values[k] for k in tree.children[node] if k in shown)
        if size == "budget":
            own = _float(money["allocated"].get(node))
            values[node] = max(0.0 if math.isnan(own) else own, below)
        else:
            values[node] = max(float(indicators[node]), below)
    if not any(values.values()):
        what = (
            f"no budget line in {results.as_of}: size by indicators instead (size='indicators')"
            if size == "budget"
            else "no indicators"
        )
        msg = f"nothing to size the {kind} by: {what}"
        raise UsageError(msg)

    custom = []
    for node in tree.shown:
        label = category.get(node)
        custom.append(
            [
                node,
                tree.level[node].replace("_", " "),
                _percent(_float(achievement.get(node))),
                label if isinstance(label, str) else "no data",
                rupiah(_float(money["allocated"].get(node))),
                rupiah(_float(money["spent"].get(node))),
                _percent(_float(money["absorption"].get(node))),
                indicators[node],
            ]
        )
    common: dict[str, Any] = {
        "ids": tree.shown,
        "labels": [tree.names[n] for n in tree.shown],
        "parents": ["" if n in tree.top else (tree.parent[n] or "") for n in tree.shown],
        "values": [values[n] for n in tree.shown],
        "branchvalues": "total",
        "marker": {
            "colors": [value_colour(scale, _float(achievement.get(n))) for n in tree.shown],
            "line": {"color": "white", "width": 1},
        },
        "customdata": custom,
        "hovertemplate": HOVER,
        "maxdepth": -1 if maxdepth is None else maxdepth,
        "sort": False,
    }
    if kind == "sunburst":
        trace = go.Sunburst(**common, insidetextorientation="auto", leaf={"opacity": 1.0})
    else:
        trace = go.Treemap(**common, tiling={"pad": 2}, pathbar={"visible": True})

    what = "budget (pagu)" if size == "budget" else "indicator count"
    if title is None:
        top = tree.names[tree.top[0]] if len(tree.top) == 1 else "The city"
        title = f"{top}: owners sized by {what}, coloured by achievement, {results.as_of}"
    figure = go.Figure(data=[trace, _colour_bar(scale)])
    figure.update_layout(
        title={"text": title, "x": 0.01},
        margin={"l": 10, "r": 10, "t": 50, "b": 10},
        height=760,
        paper_bgcolor="white",
        plot_bgcolor="white",
        xaxis={"visible": False},
        yaxis={"visible": False},
        font={"family": "DejaVu Sans, Verdana, Arial, sans-serif"},
    )
    return InteractivePicture(figure, title=title)

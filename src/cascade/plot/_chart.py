"""Achievement per owner of one level, as sorted bars over the category bands (matplotlib)."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.lines import Line2D

from cascade.engine._results import Results
from cascade.enums import Level
from cascade.errors import UsageError
from cascade.plot._colours import INK, MISSING, band_ranges, category_colours, colour_of, tint
from cascade.plot._picture import StaticPicture
from cascade.plot._text import wrap
from cascade.scales import Scale

__all__ = ["draw_chart"]

LABEL_SIZE = 9.0
LABEL_ROOM = 190.0  # points for an owner's name, on at most two lines
BAR_PITCH = 0.36  # inches per owner
MUTED = "#5a5a5a"
CITY = "#1f4e79"


def _rows(results: Results, level: str, ascending: bool) -> pd.DataFrame:
    """The owners at ``level``, sorted by achievement (no figure last)."""
    levels = [lv.value for lv in Level]
    if level not in levels:
        msg = f"unknown level={level!r}: expected one of {', '.join(levels)}"
        raise UsageError(msg)
    owners = results.owners
    owners = owners.loc[owners["unit_id"].notna() & ~owners["unit_id"].duplicated()]
    rows = owners.loc[owners["level"].astype(object) == level]
    if rows.empty:
        present = sorted({str(v) for v in owners["level"].dropna()}, key=levels.index)
        msg = f"no owner at level {level!r}: the levels present are {', '.join(present)}"
        raise UsageError(msg)
    return rows.sort_values("achievement", ascending=ascending, na_position="last", kind="stable")


def _bands(ax: Axes, scale: Scale, top: float) -> None:
    """The category bands behind the bars, named along the top."""
    colours = category_colours(scale)
    ranges = [(label, lo, min(hi, top)) for label, lo, hi in band_ranges(scale, top)]
    for label, lo, hi in ranges:
        ax.axvspan(lo, hi, color=tint(colours[label], 0.28), linewidth=0, zorder=0)
    names = ax.secondary_xaxis("top")
    names.set_xticks([(lo + hi) / 2 for _, lo, hi in ranges], [r[0] for r in ranges], fontsize=8)
    names.tick_params(length=0)
    names.spines["top"].set_visible(False)


def _bars(ax: Axes, scale: Scale, rows: pd.DataFrame) -> None:
    """One bar per owner, in its category's colour, with its value (or "no data")."""
    values = rows["achievement"].to_numpy(dtype=float)
    y = np.arange(len(rows), dtype=float)
    colours = [colour_of(scale, c) for c in rows["category"]]
    ax.barh(y, np.nan_to_num(values), height=0.64, color=colours, edgecolor=INK,
            linewidth=0.5, zorder=2)  # fmt: skip
    plate = {
        "facecolor": "white",
        "edgecolor": "none",
        "alpha": 0.85,
        "boxstyle": "square,pad=0.15",
    }
    for yi, v in zip(y, values, strict=True):
        if math.isnan(v):
            ax.text(1.0, yi, "no data", va="center", fontsize=8.5, color=MUTED, style="italic",
                    zorder=3, parse_math=False)  # fmt: skip
        else:
            ax.text(v + 1.0, yi, f"{v:.1f}", va="center", fontsize=8.5, color=INK, zorder=3,
                    bbox=plate)  # fmt: skip
    names = [
        name if isinstance(name, str) and name.strip() else unit
        for name, unit in zip(rows["name"], rows["unit_id"], strict=True)
    ]
    labels = ["\n".join(wrap(n, LABEL_ROOM, LABEL_SIZE, max_lines=2)) for n in names]
    ax.set_yticks(y, labels, fontsize=LABEL_SIZE)
    ax.set_ylim(len(rows) - 0.5, -0.5)  # first row on top
    ax.tick_params(axis="y", length=0)


def _references(ax: Axes, results: Results, level: str, missing: bool) -> list[Line2D]:
    """The target line, the city's own figure, and the legend entries for them."""
    ax.axvline(100, color=INK, linestyle="--", linewidth=1.0, zorder=1)
    handles = [Line2D([], [], color=INK, linestyle="--", linewidth=1.0, label="target (100)")]
    city = results.city
    if level != "pemda" and len(city) == 1 and not math.isnan(city["achievement"].iloc[0]):
        value = float(city["achievement"].iloc[0])
        ax.axvline(value, color=CITY, linestyle=":", linewidth=1.6, zorder=1)
        label = f"{city['name'].iloc[0]}: {value:.1f}"
        handles.append(Line2D([], [], color=CITY, linestyle=":", linewidth=1.6, label=label))
    if missing:
        handles.append(Line2D([], [], color=MISSING, linewidth=6, label="no data"))
    return handles


def draw_chart(
    results: Results, *, level: str, ascending: bool, title: str | None
) -> StaticPicture:
    """Draw the bars (see :func:`cascade.plot.achievement_chart`)."""
    rows = _rows(results, level, ascending)
    scale = results.policy.scale
    values = rows["achievement"].to_numpy(dtype=float)
    figure = Figure(figsize=(9.0, 1.9 + BAR_PITCH * len(rows)), dpi=144, layout="constrained")
    ax = figure.add_subplot()
    finite = values[~np.isnan(values)]
    top = max(110.0, math.ceil((finite.max() if finite.size else 100.0) / 10) * 10 + 10)
    _bands(ax, scale, top)
    _bars(ax, scale, rows)
    handles = _references(ax, results, level, bool(np.isnan(values).any()))
    ax.set_xlim(0, top)
    ax.set_xlabel("Achievement (capaian, %)")
    ax.spines[["top", "right"]].set_visible(False)
    heading = (
        title
        if title is not None
        else f"Achievement per {level.replace('_', ' ')}, {results.as_of}"
    )
    ax.set_title(heading, loc="left", fontsize=12, fontweight="bold")
    figure.legend(handles=handles, loc="outside lower center", ncols=len(handles),
                  frameon=False, fontsize=8.5)  # fmt: skip
    return StaticPicture(figure, title=heading)

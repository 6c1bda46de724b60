"""The pohon kinerja: goal boxes laid out top-down, drawn with matplotlib.

Layout
------
Everything is measured in points (1/72 inch) and the axes span the whole figure with one data
unit per point, so a 7-point label is 7 data units tall and boxes are sized exactly around
their text (measured with the font's own metrics, see :mod:`cascade.plot._text`) before
anything is drawn.

Goals of one depth share a row. Each subtree gets a band of columns as wide as its children's
bands side by side (a simple tidy tree: subtrees never overlap), and a goal sits centred over
its children. A goal whose children are all leaves (the RHK of a seksi's employees, or the
goals at the depth limit) gets them stacked under it, as org charts do, in columns of at most
:data:`MAX_STACK`. That keeps a 200-goal tree a few metres wide instead of tens. Several top
goals (the city's tujuan, an agency's tujuan and its accountability sasaran) are packed into
shelves, rows of trees, choosing the packing whose page is closest to :data:`ASPECT`. Links are
elbows: down from the parent, across, down to the child; a stack hangs off a spine.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

import pandas as pd
from matplotlib.collections import LineCollection
from matplotlib.figure import Figure
from matplotlib.patches import FancyBboxPatch, Rectangle

from cascade.checks._report import Report
from cascade.engine._results import Results
from cascade.model import Cascade
from cascade.plot._colours import INK, MISSING, category_colours, colour_of, ink_on, tint
from cascade.plot._picture import StaticPicture
from cascade.plot._select import MARKED_CHECKS, Selection, select_goals
from cascade.plot._text import fit, width, wrap
from cascade.scales import LKJIP, Scale

__all__ = ["draw_tree"]

#: Goal findings that are about the link to the parent goal (the link is drawn red, dashed).
_LINK_CHECKS = frozenset({"owner-misaligned", "level-order"})

# Sizes in points.
BOX_WIDTH = 212.0
PAD = 5.0
HEADER = 14.0
ID_SIZE = 7.5
LABEL_SIZE = 6.8
LABEL_GAP = 3.0
OWNER_SIZE = 6.3
STATEMENT_SIZE = 7.2
INDICATOR_SIZE = 6.5
NOTE_SIZE = 6.3
LEADING = 1.27  # line height / font size
COLUMN_GAP = 14.0
ROOT_GAP = 26.0
ROW_GAP = 30.0
STACK_INDENT = 16.0
STACK_GAP = 7.0
MARGIN = 22.0
MIN_WIDTH = 600.0
DPI = 144  # two pixels a point: 7-point text is 14 pixels tall
VALUE_ROOM = 30.0  # the right-hand column of an indicator row
BULLET_ROOM = 9.0
MAX_STATEMENT_LINES = 4
MAX_NAME_LINES = 2
MAX_INDICATORS = 5
MAX_STACK = 6  # leaves in one stacked column; more get several columns
SHELF_GAP = 40.0
ASPECT = 2.0  # width / height the shelves aim at

WARN = "#c00000"
MUTED = "#5a5a5a"
LINK = "#7a7a7a"
WARNING_SIGN = "\u26a0"


@dataclass
class _Row:
    """One line of text in a box (or a thin rule)."""

    text: str = ""
    size: float = STATEMENT_SIZE
    colour: str = INK
    weight: str = "normal"
    style: str = "normal"
    indent: float = 0.0
    right: str = ""
    bullet: str | None = None
    gid: str | None = None
    gap: float = 0.0
    rule: bool = False

    @property
    def height(self) -> float:
        return self.gap + (4.0 if self.rule else self.size * LEADING)


@dataclass
class _Box:
    goal_id: str
    depth: int
    title: str
    value: str  # the achievement, bold on the header's right
    label: str  # the category, beside it
    fill: str
    rows: list[_Row]
    marked: bool = False
    link_marked: bool = False
    children: list[_Box] = field(default_factory=list)
    width: float = BOX_WIDTH
    stacked: bool = False  # drawn in a stack under its parent
    columns: list[list[_Box]] = field(default_factory=list)  # its children, when stacked
    spines: list[float] = field(default_factory=list)  # x of each stack column's spine
    span: float = 0.0
    x: float = 0.0  # left
    y: float = 0.0  # top

    @property
    def height(self) -> float:
        return HEADER + PAD + sum(r.height for r in self.rows) + PAD - 1.0

    def walk(self) -> list[_Box]:
        out = [self]
        for child in self.children:
            out += child.walk()
        return out


def _records(frame: pd.DataFrame, key: str, ids: set[str], columns: list[str]) -> dict[str, Any]:
    """``{id: (column values…)}`` for the rows whose ``key`` is in ``ids`` (first row of an id)."""
    rows = frame.loc[frame[key].isin(ids) & ~frame[key].duplicated(), [key, *columns]]
    return {str(row[0]): row[1:] for row in rows.itertuples(index=False, name=None)}


def _number(value: object) -> float:
    try:
        number = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return math.nan
    return number


class _Data:
    """What the boxes show, by id, for the goals drawn only (a repeated id: its first row)."""

    def __init__(self, source: Results | Cascade, drawn: set[str], report: Report | None):
        self.results = source if isinstance(source, Results) else None
        c = source.cascade if isinstance(source, Results) else source
        self.scale: Scale = self.results.policy.scale if self.results is not None else LKJIP
        self.goals = _records(c.goals, "goal_id", drawn, ["unit_id", "statement", "kind"])
        owners = {str(v[0]) for v in self.goals.values() if isinstance(v[0], str)}
        self.names = {k: v[0] for k, v in _records(c.units, "unit_id", owners, ["name"]).items()}
        table = c.indicators
        table = table.loc[table["goal_id"].isin(drawn) & ~table["indicator_id"].duplicated()]
        self.by_goal: dict[str, list[str]] = {}
        self.indicator_names: dict[str, object] = {}
        for ind, goal, name in zip(
            table["indicator_id"], table["goal_id"], table["name"], strict=True
        ):
            if isinstance(ind, str):
                self.by_goal.setdefault(goal, []).append(ind)
                self.indicator_names[ind] = name
        self.figures: dict[str, dict[str, Any]] = {"goal": {}, "indicator": {}}
        if self.results is not None:
            columns = ["achievement", "category"]
            self.figures["goal"] = _records(self.results.goals, "goal_id", drawn, columns)
            self.figures["indicator"] = _records(
                self.results.indicators, "indicator_id", set(self.indicator_names), columns
            )
        self.goal_marks: dict[str, list[str]] = {}
        self.indicator_marks: dict[str, list[str]] = {}
        if report is not None:
            findings = report.to_frame()
            findings = findings.loc[findings["name"].isin(MARKED_CHECKS)]
            for name, kind, subject in zip(
                findings["name"], findings["subject_kind"], findings["subject_id"], strict=True
            ):
                marks = self.goal_marks if kind == "goal" else self.indicator_marks
                if kind in {"goal", "indicator"} and name not in marks.get(subject, []):
                    marks.setdefault(subject, []).append(str(name))

    def figure(self, kind: str, subject: str) -> tuple[float, str | None]:
        """The achievement and category of a goal or indicator (NaN and None: none)."""
        found = self.figures[kind].get(subject)
        if found is None:
            return math.nan, None
        value, category = found
        return _number(value), category if isinstance(category, str) else None


def _text(value: object) -> str:
    return value.strip() if isinstance(value, str) else ""


def _compose(goal_id: str, depth: int, data: _Data, hidden: int) -> _Box:
    """A goal's box: header, owner, statement, indicators, marks."""
    inner = BOX_WIDTH - 2 * PAD
    unit_id, statement, kind = (_text(v) for v in data.goals[goal_id])
    value, category = data.figure("goal", goal_id)
    fill = colour_of(data.scale, category) if data.results is not None else MISSING
    figure = f"{value:.1f} %" if not math.isnan(value) else ""
    label = category or ("no data" if data.results is not None else "")
    rows: list[_Row] = []

    owner = _text(data.names.get(unit_id)) or unit_id
    kind = kind.replace("_", " ")
    if kind:  # the kind in full, the owner's name cut to fit beside it
        tail = f" · {kind}"
        room = inner - width(tail, OWNER_SIZE, style="italic")
        about = (fit(owner, room, OWNER_SIZE, style="italic") if owner else "") + tail
    else:
        about = fit(owner, inner, OWNER_SIZE, style="italic")
    if about.strip(" ·"):
        rows.append(_Row(about.strip(" ·"), OWNER_SIZE, MUTED, style="italic", gap=1.0))
    if statement:
        rows += [
            _Row(line, STATEMENT_SIZE, gap=1.0 if i == 0 else 0.0)
            for i, line in enumerate(
                wrap(statement, inner, STATEMENT_SIZE, max_lines=MAX_STATEMENT_LINES)
            )
        ]
    else:
        rows.append(_Row("(no statement)", STATEMENT_SIZE, MUTED, style="italic", gap=1.0))

    indicators = data.by_goal.get(goal_id, [])
    rows.append(_Row(rule=True, gap=1.5))
    name_room = inner - BULLET_ROOM - VALUE_ROOM
    for ind in indicators[:MAX_INDICATORS]:
        ind_value, ind_category = data.figure("indicator", ind)
        colour = WARN if ind in data.indicator_marks else INK
        name = _text(data.indicator_names.get(ind)) or ind
        if ind in data.indicator_marks:
            name = f"{WARNING_SIGN} {name}"
        lines = wrap(name, name_room, INDICATOR_SIZE, max_lines=MAX_NAME_LINES)
        shown = (
            "" if data.results is None else "–" if math.isnan(ind_value) else f"{ind_value:.1f}"
        )
        for i, line in enumerate(lines):
            rows.append(
                _Row(
                    line,
                    INDICATOR_SIZE,
                    colour,
                    indent=BULLET_ROOM,
                    right=shown if i == 0 else "",
                    bullet=(colour_of(data.scale, ind_category) if data.results else MUTED)
                    if i == 0
                    else None,
                    gid=f"indicator:{ind}" if i == 0 else None,
                    gap=1.0 if i == 0 else 0.0,
                )
            )
    if len(indicators) > MAX_INDICATORS:
        more = len(indicators) - MAX_INDICATORS
        rows.append(
            _Row(f"+ {more} more indicator{'s' * (more > 1)}", NOTE_SIZE, MUTED, style="italic")
        )
    if not indicators:
        rows.append(_Row("(no indicator)", INDICATOR_SIZE, MUTED, style="italic", gap=1.0))

    notes = [f"{WARNING_SIGN} {name}" for name in data.goal_marks.get(goal_id, [])]
    for ind in indicators:
        short = ind[len(goal_id) + 1 :] if ind.startswith(f"{goal_id}-") else ind
        notes += [f"{WARNING_SIGN} {short}: {name}" for name in data.indicator_marks.get(ind, [])]
    rows += [
        _Row(fit(n, inner, NOTE_SIZE, weight="bold"), NOTE_SIZE, WARN, weight="bold", gap=1.5)
        for n in notes
    ]
    if hidden:
        rows.append(
            _Row(
                f"\u25be {hidden} goal{'s' * (hidden > 1)} below, not drawn",
                NOTE_SIZE,
                MUTED,
                style="italic",
                gap=1.5,
            )
        )
    badge = width(figure, ID_SIZE, "bold") + width(label, LABEL_SIZE) + LABEL_GAP
    title = fit(goal_id, inner - badge - 6.0, ID_SIZE, "bold")
    marks = data.goal_marks.get(goal_id, [])
    return _Box(
        goal_id,
        depth,
        title,
        figure,
        label,
        fill,
        rows,
        marked=bool(marks),
        link_marked=bool(_LINK_CHECKS.intersection(marks)),
    )


# ------------------------------------------------------------------------ layout


def _measure(box: _Box) -> float:
    """Mark stacks and return the width of the band of columns ``box``'s subtree needs."""
    kids = box.children
    box.columns = []
    if len(kids) > 1 and all(not k.children for k in kids):
        count = math.ceil(len(kids) / MAX_STACK)
        per = math.ceil(len(kids) / count)
        box.columns = [kids[i : i + per] for i in range(0, len(kids), per)]
        for k in kids:
            k.stacked = True
            k.span = k.width
        group = sum(STACK_INDENT + max(k.width for k in col) for col in box.columns)
        box.span = max(box.width, group + COLUMN_GAP * (len(box.columns) - 1))
    elif kids:
        spans = [_measure(k) for k in kids]
        box.span = max(box.width, sum(spans) + COLUMN_GAP * (len(kids) - 1))
    else:
        box.span = box.width
    return box.span


def _place(box: _Box, left: float, tops: list[float]) -> None:
    box.y = tops[box.depth]
    kids = box.children
    if box.columns:
        group = sum(STACK_INDENT + max(k.width for k in col) for col in box.columns)
        group += COLUMN_GAP * (len(box.columns) - 1)
        cursor = left + (box.span - group) / 2
        box.spines = []
        for col in box.columns:
            box.spines.append(cursor + STACK_INDENT / 2)
            y = tops[box.depth + 1]
            for k in col:
                k.x, k.y = cursor + STACK_INDENT, y
                y += k.height + STACK_GAP
            cursor += STACK_INDENT + max(k.width for k in col) + COLUMN_GAP
        # One column hangs off the parent's left side; several sit centred under it.
        box.x = left if len(box.columns) == 1 else left + (box.span - box.width) / 2
        return
    if not kids:
        box.x = left + (box.span - box.width) / 2
        return
    cursor = left + (box.span - (sum(k.span for k in kids) + COLUMN_GAP * (len(kids) - 1))) / 2
    for k in kids:
        _place(k, cursor, tops)
        cursor += k.span + COLUMN_GAP
    centre = (kids[0].x + kids[0].width / 2 + kids[-1].x + kids[-1].width / 2) / 2
    box.x = centre - box.width / 2


def _place_shelf(roots: list[_Box], top: float) -> tuple[float, float]:
    """Place trees side by side below ``top``; return the right and bottom edges."""
    boxes = [b for r in roots for b in r.walk()]
    depth = max(b.depth for b in boxes) + 1
    row = [0.0] * depth
    for b in boxes:
        if not b.stacked:
            row[b.depth] = max(row[b.depth], b.height)
    tops = [top]
    for d in range(1, depth):
        tops.append(tops[-1] + row[d - 1] + ROW_GAP)
    cursor = MARGIN
    for r in roots:
        _place(r, cursor, tops)
        cursor += r.span + ROOT_GAP
    return cursor - ROOT_GAP + MARGIN, max(b.y + b.height for b in boxes)


def _pack(roots: list[_Box], target: float) -> list[list[_Box]]:
    """Trees left to right, a new shelf when the next would pass ``target`` points."""
    shelves: list[list[_Box]] = [[]]
    used = 0.0
    for r in roots:
        if shelves[-1] and used + ROOT_GAP + r.span > target:
            shelves.append([])
            used = 0.0
        used += (ROOT_GAP if shelves[-1] else 0.0) + r.span
        shelves[-1].append(r)
    return shelves


def _shelves(roots: list[_Box]) -> list[list[_Box]]:
    """The top goals' trees in rows ("shelves"), so many trees make a page, not a strip.

    Of the packings into 1, 2, … shelves, the one whose page is closest to :data:`ASPECT`
    (width over height) wins; on a tie, the fewer shelves.
    """
    for r in roots:
        _measure(r)
    heights = {id(r): _place_shelf([r], 0.0)[1] for r in roots}
    total = sum(r.span for r in roots) + ROOT_GAP * (len(roots) - 1)
    widest = max(r.span for r in roots)
    best: tuple[float, list[list[_Box]]] | None = None
    for count in range(1, len(roots) + 1):
        shelves = _pack(roots, max(widest, total / count))
        page_width = max(sum(r.span for r in s) + ROOT_GAP * (len(s) - 1) for s in shelves)
        page_height = sum(max(heights[id(r)] for r in s) for s in shelves)
        page_height += SHELF_GAP * (len(shelves) - 1)
        score = abs(math.log(page_width / page_height / ASPECT))
        if best is None or score < best[0] - 1e-9:
            best = (score, shelves)
    assert best is not None
    return best[1]


def _layout(shelves: list[list[_Box]], top: float) -> tuple[float, float]:
    """Place every box; return the width and height the tree needs, from ``top`` down."""
    right = 0.0
    for shelf in shelves:
        edge, bottom = _place_shelf(shelf, top)
        right = max(right, edge)
        top = bottom + SHELF_GAP
    return right, top - SHELF_GAP + MARGIN


def _links(roots: list[_Box]) -> tuple[list[Any], list[Any]]:
    """Elbow segments from each parent to its children: plain ones, and marked ones."""
    plain: list[Any] = []
    marked: list[Any] = []
    for parent in (b for r in roots for b in r.walk()):
        kids = parent.children
        if not kids:
            continue
        bottom = parent.y + parent.height
        px = parent.x + parent.width / 2
        if parent.columns:
            for spine, col in zip(parent.spines, parent.columns, strict=True):
                if len(parent.columns) == 1:
                    start = [(spine, bottom)]
                else:
                    mid = col[0].y - ROW_GAP / 2
                    start = [(px, bottom), (px, mid), (spine, mid)]
                for k in col:
                    joint = k.y + HEADER / 2
                    target = marked if k.link_marked else plain
                    target.append([*start, (spine, joint), (k.x, joint)])
            continue
        for k in kids:
            mid = k.y - ROW_GAP / 2
            cx = k.x + k.width / 2
            target = marked if k.link_marked else plain
            target.append([(px, bottom), (px, mid), (cx, mid), (cx, k.y)])
    return plain, marked


# ----------------------------------------------------------------------- drawing


def _draw_box(ax: Any, box: _Box) -> None:
    x, y, w, h = box.x, box.y, box.width, box.height
    body = FancyBboxPatch(
        (x, y),
        w,
        h,
        boxstyle="round,pad=0,rounding_size=3.5",
        facecolor=tint(box.fill, 0.2) if box.fill != MISSING else "#f4f4f4",
        edgecolor=WARN if box.marked else "#4d4d4d",
        linewidth=1.6 if box.marked else 0.7,
        linestyle=(0, (4.0, 2.0)) if box.marked else "solid",
        gid=f"goal:{box.goal_id}",
        zorder=2,
    )
    ax.add_patch(body)
    band = Rectangle((x, y), w, HEADER, facecolor=box.fill, edgecolor="none", zorder=2.1)
    ax.add_patch(band)
    band.set_clip_path(body)
    ink = ink_on(box.fill)
    baseline = y + HEADER / 2 + ID_SIZE * 0.36
    text = {"parse_math": False, "zorder": 3, "va": "baseline"}
    ax.text(
        x + PAD, baseline, box.title, fontsize=ID_SIZE, weight="bold", color=ink, **text
    ).set_gid(f"goal-id:{box.goal_id}")
    right = x + w - PAD
    if box.label:
        ax.text(right, baseline, box.label, fontsize=LABEL_SIZE, color=ink, ha="right", **text)
        right -= width(box.label, LABEL_SIZE) + LABEL_GAP
    if box.value:
        ax.text(right, baseline, box.value, fontsize=ID_SIZE, weight="bold", color=ink,
                ha="right", **text)  # fmt: skip
    cursor = y + HEADER + PAD - 1.0
    for row in box.rows:
        cursor += row.gap
        if row.rule:
            mid = cursor + 2.0
            ax.plot(
                [x + PAD, x + w - PAD], [mid, mid], color=tint(INK, 0.3), linewidth=0.5, zorder=3
            )
            cursor += 4.0
            continue
        base = cursor + row.size * 0.98
        if row.bullet is not None:
            ax.text(x + PAD, base, "\u25cf", fontsize=row.size, color=row.bullet, **text)
        label = ax.text(
            x + PAD + row.indent,
            base,
            row.text,
            fontsize=row.size,
            color=row.colour,
            weight=row.weight,
            style=row.style,
            **text,
        )
        if row.gid:
            label.set_gid(row.gid)
        if row.right:
            ax.text(
                x + w - PAD, base, row.right, fontsize=row.size, weight="bold",
                color=row.colour, ha="right", **text,
            )  # fmt: skip
        cursor += row.size * LEADING


def _legend(scale: Scale, with_figures: bool, marked: bool, room: float) -> list[list[Any]]:
    """Legend items, flowed into lines of ``room`` points: (kind, colour, label, width)."""
    items: list[tuple[str, str, str]] = []
    if with_figures:
        colours = category_colours(scale)
        items += [("swatch", colours[label], label) for label in reversed(scale.labels)]
        items.append(("swatch", MISSING, "no data"))
    if marked:
        items.append(("dashed-box", WARN, "goal with a linkage finding"))
        items.append(("dashed-line", WARN, "misaligned link (owner or level)"))
        items.append(("sign", WARN, f"{WARNING_SIGN} finding, named in the box"))
    lines: list[list[Any]] = [[]]
    used = 0.0
    for kind, colour, label in items:
        w = (0.0 if kind == "sign" else 16.0) + width(label, 7.5) + 14.0
        if lines[-1] and used + w > room:
            lines.append([])
            used = 0.0
        lines[-1].append((kind, colour, label, w))
        used += w
    return [line for line in lines if line]


def _draw_header(ax: Any, heading: str, sub: str, legend: list[list[Any]], room: float) -> None:
    """The title, the line under it, and the legend."""
    heading = fit(heading, room - 2 * MARGIN, 12, "bold")
    ax.text(MARGIN, MARGIN + 11.0, heading, fontsize=12, weight="bold", color=INK,
            va="baseline", parse_math=False)  # fmt: skip
    sub = fit(sub, room - 2 * MARGIN, 8)
    ax.text(MARGIN, MARGIN + 26.0, sub, fontsize=8, color=MUTED, va="baseline",
            parse_math=False)  # fmt: skip
    y = MARGIN + 29.0 + 10.0
    for line in legend:
        x = MARGIN
        for kind_, colour, label, w in line:
            if kind_ == "swatch":
                ax.add_patch(Rectangle((x, y - 3), 12, 8, facecolor=colour, edgecolor="#4d4d4d",
                                       linewidth=0.5))  # fmt: skip
            elif kind_ == "dashed-box":
                ax.add_patch(Rectangle((x, y - 3), 12, 8, facecolor="white", edgecolor=colour,
                                       linewidth=1.3, linestyle=(0, (3.0, 1.5))))  # fmt: skip
            elif kind_ == "dashed-line":
                ax.plot([x, x + 12], [y + 1, y + 1], color=colour, linewidth=1.4,
                        linestyle=(0, (3.0, 1.5)))  # fmt: skip
            offset = 0.0 if kind_ == "sign" else 16.0
            ax.text(x + offset, y + 4, label, fontsize=7.5, va="baseline", parse_math=False,
                    color=colour if kind_ == "sign" else INK)  # fmt: skip
            x += w
        y += 14.0


def draw_tree(
    source: Results | Cascade,
    *,
    root: str | None,
    kind: str | None,
    depth: int | None,
    report: Report | None,
    max_nodes: int,
    title: str | None,
) -> StaticPicture:
    """Draw the pohon kinerja (see :func:`cascade.plot.tree`)."""
    c = source.cascade if isinstance(source, Results) else source
    selection: Selection = select_goals(c, root, kind=kind, depth=depth, max_nodes=max_nodes)
    data = _Data(source, set(selection.depth), report)
    boxes = {
        g: _compose(g, d, data, selection.hidden.get(g, 0)) for g, d in selection.depth.items()
    }
    for g, kids in selection.children.items():
        boxes[g].children = [boxes[k] for k in kids]
    roots = [boxes[g] for g in selection.roots]

    heading = title if title is not None else f"Pohon kinerja · {selection.title}"
    sub = [f"{len(selection)} goals"]
    if data.results is not None:
        sub.insert(0, str(data.results.as_of))
        sub.append(f"coloured by category of achievement ({data.scale.name} scale)")
    else:
        sub.append("structure only: pass propagate()'s Results for achievements")
    marked = bool(data.goal_marks or data.indicator_marks)

    # The tree's width decides the figure's; the legend then flows into that width.
    shelves = _shelves(roots)
    tree_width, _ = _layout(shelves, 0.0)
    fig_width = max(tree_width, MIN_WIDTH)
    legend = _legend(data.scale, data.results is not None, marked, fig_width - 2 * MARGIN)
    header = MARGIN + 16.0 + 13.0 + 14.0 * len(legend) + 12.0
    _, fig_height = _layout(shelves, header)
    for shelf in shelves:  # centre each shelf
        edge = max(b.x + b.width for r in shelf for b in r.walk()) + MARGIN
        shift = (fig_width - edge) / 2
        for b in (b for r in shelf for b in r.walk()):
            b.x += shift
            b.spines = [x + shift for x in b.spines]

    figure = Figure(figsize=(fig_width / 72, fig_height / 72), dpi=DPI, facecolor="white")
    ax = figure.add_axes((0.0, 0.0, 1.0, 1.0))
    ax.set_xlim(0, fig_width)
    ax.set_ylim(fig_height, 0)
    ax.set_axis_off()

    _draw_header(ax, heading, " · ".join(sub), legend, fig_width)

    plain, warn = _links(roots)
    ax.add_collection(LineCollection(plain, colors=LINK, linewidths=0.9, zorder=1))
    if warn:
        ax.add_collection(
            LineCollection(
                warn, colors=WARN, linewidths=1.5, linestyles=[(0, (4.0, 2.0))], zorder=1.5
            )
        )
    for box in boxes.values():
        _draw_box(ax, box)
    return StaticPicture(figure, title=heading)

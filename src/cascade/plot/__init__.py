"""Pictures of a cascade: the pohon kinerja, a sunburst or treemap of the city, a bar chart.

Three pictures, each returned as a :class:`Picture` that saves itself by suffix
(``.save("tree.png")``) and shows itself inline in Jupyter:

:func:`tree`
    The pohon kinerja of an owner's goals (or of the city to a depth): a box per goal with its
    statement, indicators and achievement, coloured by category, with linkage findings
    marked. Matplotlib: PNG, SVG, PDF.
:func:`sunburst`
    The owners of the whole city, pemda → perangkat daerah → units, sized by budget or by
    indicator count and coloured by achievement; a sunburst or a treemap. Plotly:
    self-contained HTML.
:func:`achievement_chart`
    Achievement per agency (or per owner of another level) as sorted bars against the
    category bands. Matplotlib: PNG, SVG, PDF.

The libraries are an optional extra (``pip install 'cascade-sakip[plot]'``: matplotlib and
plotly, wheels only, no system binaries). ``import cascade`` never imports them, nor does
``import cascade.plot``; each function imports what it needs and, where that is missing,
raises :class:`MissingDependencyError` (a :class:`~cascade.errors.CascadeError` and an
:class:`ImportError`) naming the extra.

>>> import cascade
>>> import cascade.plot
>>> results = cascade.propagate(cascade.load_example(), as_of="2024")
>>> cascade.plot.tree(results, root="DINASPU")  # doctest: +ELLIPSIS
<StaticPicture 'Pohon kinerja · DINASPU Dinas Pekerjaan Umum dan Penataan Ruang': ...>
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

from cascade.engine._results import Results
from cascade.errors import UsageError
from cascade.model import Cascade
from cascade.plot._deps import EXTRA, MissingDependencyError, require
from cascade.plot._picture import InteractivePicture, Picture, StaticPicture
from cascade.plot._select import MARKED_CHECKS

if TYPE_CHECKING:
    from cascade.checks._report import Report
    from cascade.enums import Level

__all__ = [
    "EXTRA",
    "MARKED_CHECKS",
    "InteractivePicture",
    "MissingDependencyError",
    "Picture",
    "StaticPicture",
    "achievement_chart",
    "sunburst",
    "tree",
]


def _need(value: object, feature: str, *, cascade_ok: bool = False) -> None:
    """Refuse, in plain words, anything but propagate()'s Results (or a Cascade if allowed)."""
    if isinstance(value, Results) or (cascade_ok and isinstance(value, Cascade)):
        return
    if isinstance(value, Cascade):
        msg = (
            f"{feature} colours by achievement, so it needs propagate()'s Results, not a"
            f" Cascade: cascade.plot.{feature}(cascade.propagate(c, as_of=...))"
        )
    else:
        wanted = "a Cascade or propagate()'s Results" if cascade_ok else "propagate()'s Results"
        msg = f"{feature} draws {wanted}, not {type(value).__name__}"
    raise UsageError(msg)


def tree(
    source: Results | Cascade,
    *,
    root: str | None = None,
    depth: int | None = None,
    report: Report | None = None,
    max_nodes: int = 200,
    kind: Literal["unit", "goal"] | None = None,
    title: str | None = None,
) -> StaticPicture:
    """The pohon kinerja (performance tree) of an owner, a goal, or the city to a depth.

    One box per goal, top-down from the top goals: the goal id and its achievement and
    category on a band in the category's colour, the owner and the kind of goal, the
    statement, and each indicator with its achievement (a dot in its category's colour).
    Links run from each goal to the goals that cascade from it; goals whose children are
    all leaves get them stacked underneath, as org charts do.

    Parameters
    ----------
    source
        :func:`cascade.propagate`'s :class:`~cascade.Results` (boxes coloured by category),
        or a :class:`~cascade.Cascade` (the structure alone, in grey).
    root
        A unit id: the goals of that unit and of every unit below it, from the ones whose
        parent goal lies outside (an agency's tujuan under the city's sasaran). A goal id:
        that goal and the goals below it. ``None``: the city, from its top goals.
    depth
        How many levels of goals to draw (1: the top goals only). Default: 3 for the city,
        all levels for a ``root``. A goal at the limit says how many goals are below it.
    report
        :func:`cascade.check`'s :class:`~cascade.Report`: goals and indicators with a
        finding in :data:`MARKED_CHECKS` are marked (a goal's box gets a red dashed border,
        a misaligned link is drawn red and dashed, the finding is named in the box with a
        warning sign) and the legend explains the marks.
    max_nodes
        The most goals drawn; a larger tree is refused (past about 200 boxes a picture is
        no longer readable) with a message saying which ``depth`` or sub-owner fits.
    kind
        ``unit`` or ``goal``, when ``root`` is the id of both.
    title
        The heading; default ``Pohon kinerja · <root and its name>``.

    Returns
    -------
    StaticPicture
        ``.save("tree.png")`` (or ``.svg``, ``.pdf``); ``.figure`` is the matplotlib figure.

    Raises
    ------
    cascade.errors.UsageError
        If the tree has more than ``max_nodes`` goals, or ``depth`` is below 1, or ``root``
        is an indicator.
    cascade.errors.UnknownIdError
        If ``root`` is not the id of a unit or a goal.
    MissingDependencyError
        If matplotlib is not installed.

    Examples
    --------
    >>> import cascade, cascade.plot
    >>> city = cascade.load_example("with-defects")
    >>> results = cascade.propagate(city, as_of="2024")
    >>> picture = cascade.plot.tree(results, root="DINSOS", report=cascade.check(city))
    >>> "goal:DINSOS-P1" in picture.to_svg()  # level-order: marked
    True
    """
    _need(source, "tree", cascade_ok=True)
    require("matplotlib", "cascade.plot.tree")
    from cascade.plot._tree import draw_tree

    return draw_tree(
        source,
        root=root,
        kind=kind,
        depth=depth,
        report=report,
        max_nodes=max_nodes,
        title=title,
    )


def sunburst(
    results: Results,
    *,
    size: Literal["budget", "indicators"] = "budget",
    kind: Literal["sunburst", "treemap"] = "sunburst",
    root: str | None = None,
    employees: bool = False,
    maxdepth: int | None = None,
    title: str | None = None,
) -> InteractivePicture:
    """The owners of the city as an interactive sunburst or treemap.

    Rings (or nested rectangles) follow the owners' tree: the pemda in the centre, its
    perangkat daerah around it, their bidang and seksi further out. A segment's size is the
    owner's allocated budget (pagu) or its number of indicators, its own and those of the
    units below it; its colour is the owner's achievement on a continuous red → green scale
    whose colour bar marks the category bands. Hovering shows the name, id and level, the
    achievement and category, the budget, spending and absorption, and the indicator count.
    Click a segment to zoom into it.

    Parameters
    ----------
    results
        :func:`cascade.propagate`'s :class:`~cascade.Results`.
    size
        ``budget`` (allocated, pagu, of the period) or ``indicators`` (count).
    kind
        ``sunburst`` or ``treemap``.
    root
        A unit id to draw only that unit and the units below it.
    employees
        Whether to draw individual employees (``pelaksana``) too; without them their
        indicators still count in their unit's size.
    maxdepth
        How many levels to show at once (click to go deeper); default all.
    title
        The heading.

    Returns
    -------
    InteractivePicture
        ``.save("city.html")``: a self-contained page (plotly.js inlined, works offline);
        ``.figure`` is the plotly figure.

    Raises
    ------
    cascade.errors.UsageError
        If ``size`` or ``kind`` is unknown, or there is nothing to size by (no budget lines
        in the period).
    MissingDependencyError
        If plotly is not installed.

    Examples
    --------
    >>> import cascade, cascade.plot
    >>> results = cascade.propagate(cascade.load_example(), as_of="2024")
    >>> html = cascade.plot.sunburst(results, size="indicators").to_html()
    >>> "Dinas Pekerjaan Umum dan Penataan Ruang" in html
    True
    """
    _need(results, "sunburst")
    require("plotly", "cascade.plot.sunburst")
    from cascade.plot._sunburst import draw_sunburst

    return draw_sunburst(
        results,
        size=size,
        kind=kind,
        root=root,
        employees=employees,
        maxdepth=maxdepth,
        title=title,
    )


def achievement_chart(
    results: Results,
    *,
    level: Level | str = "perangkat_daerah",
    ascending: bool = False,
    title: str | None = None,
) -> StaticPicture:
    """Achievement per owner of one level as sorted bars against the category bands.

    One horizontal bar per owner (by default per perangkat daerah), best at the top, in its
    category's colour and labelled with its value, over background bands in the category
    colours named along the top; a dashed line marks the target (100) and a dotted one the
    city's own figure. An owner without a figure is listed with "no data".

    Parameters
    ----------
    results
        :func:`cascade.propagate`'s :class:`~cascade.Results`.
    level
        The owners' level: ``perangkat_daerah`` (agencies), ``administrator``,
        ``pengawas``, ``pelaksana`` or ``pemda``.
    ascending
        Worst at the top instead of best.
    title
        The heading.

    Returns
    -------
    StaticPicture
        ``.save("capaian.png")`` (or ``.svg``, ``.pdf``).

    Raises
    ------
    cascade.errors.UsageError
        If no owner is at ``level``.
    MissingDependencyError
        If matplotlib is not installed.

    Examples
    --------
    >>> import cascade, cascade.plot
    >>> results = cascade.propagate(cascade.load_example(), as_of="2024")
    >>> svg = cascade.plot.achievement_chart(results).to_svg()
    >>> "Dinas Tenaga Kerja" in svg
    True
    """
    _need(results, "achievement_chart")
    require("matplotlib", "cascade.plot.achievement_chart")
    from cascade.plot._chart import draw_chart

    return draw_chart(results, level=str(getattr(level, "value", level)), ascending=ascending,
                      title=title)  # fmt: skip

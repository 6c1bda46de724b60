"""cascade.plot: the pohon kinerja, the sunburst and treemap, the achievement chart.

Every picture is drawn from the bundled Kota Contoh (and its variant with defects, for the
marks), saved in each format it offers, and the files are read back: PNG by its signature and
size, SVG as XML with the goal ids in it, HTML with plotly's div and the agencies' names.
"""

from __future__ import annotations

import doctest
import functools
import importlib.util
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import matplotlib as mpl
import nbformat
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.collections import LineCollection
from matplotlib.colors import to_hex
from matplotlib.patches import FancyBboxPatch
from matplotlib.text import Text
from nbclient import NotebookClient
from PIL import Image

import cascade
from cascade import plot
from cascade.errors import CascadeError, UnknownIdError, UsageError
from cascade.plot._colours import (
    MISSING,
    RAMP,
    category_colours,
    colour_of,
    ink_on,
    tint,
    value_colour,
)
from cascade.plot._picture import RC
from cascade.plot._text import fit, width, wrap
from cascade.scales import LKJIP, Band, Scale

PNG = b"\x89PNG\r\n\x1a\n"
SVG = "{http://www.w3.org/2000/svg}"
AGENCIES = [
    "Dinas Kesehatan",
    "Dinas Pendidikan",
    "Dinas Sosial",
    "Dinas Pekerjaan Umum dan Penataan Ruang",
    "Badan Penanggulangan Bencana Daerah",
    "Dinas Tenaga Kerja",
]


@pytest.fixture(scope="module")
def city() -> cascade.Cascade:
    return cascade.load_example()


@pytest.fixture(scope="module")
def results(city: cascade.Cascade) -> cascade.Results:
    return cascade.propagate(city, as_of="2024")


@pytest.fixture(scope="module")
def defects() -> tuple[cascade.Results, cascade.Report]:
    city = cascade.load_example("with-defects")
    return cascade.propagate(city, as_of="2024"), cascade.check(city)


def _svg_ids(text: str) -> set[str]:
    root = ET.fromstring(text)  # raises on malformed XML
    return {e.get("id", "") for e in root.iter()} - {""}


def _svg_text(text: str) -> str:
    root = ET.fromstring(text)
    return " ".join("".join(e.itertext()) for e in root.iter(f"{SVG}text"))


def _boxes(picture: plot.StaticPicture) -> dict[str, FancyBboxPatch]:
    ax = picture.figure.axes[0]
    return {
        str(p.get_gid())[len("goal:") :]: p
        for p in ax.patches
        if isinstance(p, FancyBboxPatch) and str(p.get_gid()).startswith("goal:")
    }


def _png_size(path: Path) -> tuple[int, int]:
    with Image.open(path) as image:
        image.verify()
        return image.size


# ------------------------------------------------------------------------ tree


def test_tree_of_the_weakest_agency_saves_png_svg_and_pdf(
    results: cascade.Results, city: cascade.Cascade, tmp_path: Path
) -> None:
    picture = plot.tree(results, root="DINASPU")
    units = {"DINASPU", *city.descendants("DINASPU", kind="unit")}
    goals = city.goals.loc[city.goals["unit_id"].isin(units), "goal_id"].tolist()
    assert len(goals) == 23
    assert set(_boxes(picture)) == set(goals)

    png = picture.save(tmp_path / "out" / "tree.png")  # the folder is created
    assert png == tmp_path / "out" / "tree.png"
    assert png.read_bytes().startswith(PNG)
    w, h = picture.figure.get_size_inches() * picture.figure.dpi
    assert _png_size(png) == (round(w), round(h))

    svg = picture.save(tmp_path / "tree.svg").read_text(encoding="utf-8")
    ids = _svg_ids(svg)
    assert {f"goal:{g}" for g in goals} <= ids
    indicators = city.indicators.loc[city.indicators["goal_id"].isin(goals), "indicator_id"]
    assert {f"indicator:{i}" for i in indicators} <= ids
    words = _svg_text(svg)  # text stays text: searchable
    assert "DINASPU-RHK3.1.1.1" in words
    assert "Sangat Kurang" in words  # the weakest employee, 50 %
    assert "Pohon kinerja · DINASPU Dinas Pekerjaan Umum dan Penataan Ruang" in words

    assert picture.save(tmp_path / "tree.pdf").read_bytes().startswith(b"%PDF")


def test_tree_boxes_are_coloured_by_category(results: cascade.Results) -> None:
    boxes = _boxes(plot.tree(results, root="DINASPU"))
    figures = results.goals.set_index("goal_id")
    for goal_id, patch in boxes.items():
        category = figures.at[goal_id, "category"]
        assert to_hex(patch.get_facecolor()) == tint(colour_of(LKJIP, category), 0.2)
    colours = category_colours(LKJIP)
    assert figures.at["DINASPU-SK3.1.1", "category"] == "Kurang"
    assert colours["Kurang"] == RAMP[1]  # orange
    assert figures.at["DINASPU-RHK3.1.1.1", "category"] == "Sangat Kurang"


@pytest.mark.parametrize(
    ("root", "depth"),
    [("DINASPU", None), ("DINKES", None), ("KEC-CONTOH", None), (None, 3), (None, 5)],
)
def test_tree_text_fits_its_boxes_and_boxes_do_not_overlap(
    results: cascade.Results, root: str | None, depth: int | None
) -> None:
    picture = plot.tree(results, root=root, depth=depth)
    _assert_readable(picture)


def test_tree_with_marks_is_readable_too(defects: tuple[cascade.Results, cascade.Report]) -> None:
    results, report = defects
    _assert_readable(plot.tree(results, report=report))
    _assert_readable(plot.tree(results, root="DINSOS", report=report))


def _assert_readable(picture: plot.StaticPicture) -> None:
    figure = picture.figure
    with mpl.rc_context(RC):  # type: ignore[arg-type]
        renderer = FigureCanvasAgg(figure).get_renderer()
        boxes = {g: p.get_window_extent(renderer) for g, p in _boxes(picture).items()}
        texts = [t for t in figure.axes[0].texts if isinstance(t, Text)]
        extents = [(t.get_text(), t.get_window_extent(renderer)) for t in texts]
    frame = figure.bbox
    for text, extent in extents:
        assert frame.x0 <= extent.x0
        assert extent.x1 <= frame.x1, text
        touched = [g for g, box in boxes.items() if box.overlaps(extent)]
        if touched:  # a box's text lies wholly inside that one box
            (goal,) = touched
            box = boxes[goal]
            assert box.x0 <= extent.x0, (goal, text)
            assert extent.x1 <= box.x1, (goal, text)
            assert box.y0 <= extent.y0, (goal, text)
            assert extent.y1 <= box.y1, (goal, text)
    ordered = sorted(boxes.items())
    for i, (a, box_a) in enumerate(ordered):
        for b, box_b in ordered[i + 1 :]:
            assert not box_a.overlaps(box_b), (a, b)


def test_tree_marks_linkage_findings(defects: tuple[cascade.Results, cascade.Report]) -> None:
    results, report = defects
    picture = plot.tree(results, root="DINSOS", report=report)
    boxes = _boxes(picture)
    marked = boxes["DINSOS-P1"]  # level-order
    assert to_hex(marked.get_edgecolor()) == "#c00000"
    assert marked.get_linestyle() != "solid"  # dashed
    assert boxes["DINSOS-T1"].get_linestyle() == "solid"
    red_links = [
        c
        for c in picture.figure.axes[0].collections
        if isinstance(c, LineCollection) and to_hex(c.get_edgecolor()[0]) == "#c00000"
    ]
    assert len(red_links) == 1
    assert len(red_links[0].get_segments()) == 1  # the link into DINSOS-P1
    words = _svg_text(picture.to_svg())
    assert "⚠ level-order" in words
    assert "⚠ I2: indicator-goal-mismatch" in words  # DINSOS-RHK2.1.1.1-I2
    assert "goal with a linkage finding" in words  # the legend

    disdik = _svg_text(plot.tree(results, root="DISDIK", report=report).to_svg())
    assert "owner-misaligned" in disdik
    assert "orphan-indicator" in disdik

    # The city: orphan goals have no parent, so they are top goals of their own, marked.
    city = plot.tree(results, report=report)
    orphans = _boxes(city)
    for goal in ("DISNAKER-RHK-MAGANG", "BPBD-SK-TAKTIS"):
        assert orphans[goal].get_linestyle() != "solid"
    assert "orphan-goal" in _svg_text(city.to_svg())


def test_tree_without_a_report_marks_nothing(
    defects: tuple[cascade.Results, cascade.Report],
) -> None:
    results, _ = defects
    picture = plot.tree(results, root="DINSOS")
    assert all(p.get_linestyle() == "solid" for p in _boxes(picture).values())
    assert "⚠" not in _svg_text(picture.to_svg())


def test_tree_of_a_cascade_draws_the_structure_in_grey(city: cascade.Cascade) -> None:
    picture = plot.tree(city, root="DINASPU")
    assert {to_hex(p.get_facecolor()) for p in _boxes(picture).values()} == {"#f4f4f4"}
    words = _svg_text(picture.to_svg())
    assert "structure only" in words
    assert "Sangat Baik" not in words


def test_tree_of_a_goal_to_a_depth(results: cascade.Results, city: cascade.Cascade) -> None:
    picture = plot.tree(results, root="DINKES-SS1", depth=2)
    assert set(_boxes(picture)) == {"DINKES-SS1", *city.children("DINKES-SS1")}
    assert "below, not drawn" in _svg_text(picture.to_svg())


def test_the_city_defaults_to_three_levels(results: cascade.Results) -> None:
    picture = plot.tree(results)
    depth = results.cascade.depth("goal")
    goals = results.cascade.goals
    assert set(_boxes(picture)) == set(goals.loc[depth.lt(3), "goal_id"])
    assert picture.title == "Pohon kinerja · PEMKO Pemerintah Kota Contoh"


def test_tree_refuses_more_than_max_nodes(results: cascade.Results) -> None:
    with pytest.raises(UsageError) as refused:
        plot.tree(results, depth=20)  # the whole city: 223 goals
    message = str(refused.value)
    assert "223 goals, more than max_nodes=200" in message
    assert "depth=7" in message
    assert "root= (DINKES, DISDIK, DINSOS, BAPPELITBANGDA, …)" in message
    plot.tree(results, depth=20, max_nodes=250)  # allowed when asked for
    with pytest.raises(UsageError, match=r"of DINKES and the units below it has \d+ goals"):
        plot.tree(results, root="DINKES", max_nodes=5)


def test_tree_argument_errors(results: cascade.Results) -> None:
    with pytest.raises(UsageError, match="depth=0"):
        plot.tree(results, depth=0)
    with pytest.raises(UnknownIdError, match="'NOPE' is not the id of a unit or a goal"):
        plot.tree(results, root="NOPE")
    with pytest.raises(UsageError, match="is an indicator"):
        plot.tree(results, root="PEMKO-T1-I1")
    with pytest.raises(UnknownIdError, match="not the id of a goal"):
        plot.tree(results, root="DINKES", kind="goal")
    with pytest.raises(UsageError, match="unknown kind"):
        plot.tree(results, root="DINKES", kind="indicator")  # type: ignore[arg-type]
    with pytest.raises(UsageError, match="not str"):
        plot.tree("DINKES", root="DINKES")  # type: ignore[arg-type]


# -------------------------------------------------------------------- sunburst


@pytest.mark.parametrize("kind", ["sunburst", "treemap"])
@pytest.mark.parametrize("size", ["budget", "indicators"])
def test_sunburst_saves_self_contained_html(
    results: cascade.Results, tmp_path: Path, kind: str, size: str
) -> None:
    picture = plot.sunburst(results, size=size, kind=kind)  # type: ignore[arg-type]
    html = picture.save(tmp_path / "city.html").read_text(encoding="utf-8")
    assert 'class="plotly-graph-div"' in html
    assert "Plotly.newPlot" in html
    assert len(html) > 1_000_000  # plotly.js inlined: opens offline
    for name in AGENCIES:
        assert name in html
    trace = picture.figure.data[0]
    assert trace.type == kind


def test_sunburst_sizes_nest_and_follow_the_owner_tree(
    results: cascade.Results, city: cascade.Cascade
) -> None:
    for size in ("budget", "indicators"):
        trace = plot.sunburst(results, size=size).figure.data[0]
        ids, parents, values = list(trace.ids), list(trace.parents), list(trace.values)
        assert len(set(ids)) == len(ids)
        assert parents[ids.index("PEMKO")] == ""
        value = dict(zip(ids, values, strict=True))
        for node, parent in zip(ids, parents, strict=True):
            if parent:
                assert parent in value
                assert parent == city.parent(node, kind="unit")
        for node in ids:  # "total" branch values: a parent holds its children
            below = sum(v for n, p, v in zip(ids, parents, values, strict=True) if p == node)
            assert value[node] >= below - 1e-6
        levels = city.units.set_index("unit_id")["level"]
        assert "pelaksana" not in {levels[n] for n in ids}  # employees left out by default
        if size == "indicators":
            assert value["PEMKO"] == len(city.indicators)  # employees' indicators still count
        else:
            budget = results.owner_budget.set_index("unit_id")["allocated"]
            assert value["DINKES"] == pytest.approx(budget["DINKES"])


def test_sunburst_colours_by_achievement_with_bands_on_the_colour_bar(
    results: cascade.Results,
) -> None:
    figure = plot.sunburst(results).figure
    trace = figure.data[0]
    colour = dict(zip(trace.ids, trace.marker.colors, strict=True))
    owners = results.owners.set_index("unit_id")["achievement"]
    assert colour["DINASPU"] == value_colour(LKJIP, float(owners["DINASPU"]))
    assert colour["DINASPU"] != colour["DINKES"]
    bar = figure.data[1].marker
    assert bar.showscale
    assert {"Sangat Baik", "Baik", "Cukup", "Kurang", "Sangat Kurang"} <= set(
        bar.colorbar.ticktext
    )
    hover = dict(zip(trace.ids, trace.customdata, strict=True))["DINASPU"]
    assert list(hover[:4]) == ["DINASPU", "perangkat daerah", "72.9 %", "Cukup"]
    assert str(hover[4]).startswith("Rp ")


def test_sunburst_options(results: cascade.Results) -> None:
    with_staff = plot.sunburst(results, employees=True, size="indicators").figure.data[0]
    assert "DINKES-SEKRE-PK-1" in with_staff.ids
    sub = plot.sunburst(results, root="DINKES", maxdepth=2).figure.data[0]
    assert sub.ids[0] == "DINKES"
    assert sub.parents[0] == ""
    assert sub.maxdepth == 2
    assert all(i.startswith("DINKES") for i in sub.ids)


def test_sunburst_errors(results: cascade.Results, city: cascade.Cascade) -> None:
    with pytest.raises(UsageError, match="unknown size"):
        plot.sunburst(results, size="people")  # type: ignore[arg-type]
    with pytest.raises(UsageError, match="unknown kind"):
        plot.sunburst(results, kind="pie")  # type: ignore[arg-type]
    with pytest.raises(UsageError, match="needs propagate\\(\\)'s Results, not a Cascade"):
        plot.sunburst(city)  # type: ignore[arg-type]
    with pytest.raises(UnknownIdError):
        plot.sunburst(results, root="NOPE")
    quarter = cascade.propagate(city, as_of="2024Q1")  # budgets are annual
    with pytest.raises(UsageError, match="no budget line in 2024Q1"):
        plot.sunburst(quarter)
    plot.sunburst(quarter, size="indicators")


def test_interactive_png_needs_kaleido(
    results: cascade.Results, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    picture = plot.sunburst(results)
    monkeypatch.setattr(importlib.util, "find_spec", lambda name: None)  # no kaleido
    with pytest.raises(plot.MissingDependencyError, match="needs kaleido") as missing:
        picture.save(tmp_path / "city.png")
    assert isinstance(missing.value, CascadeError)
    assert not (tmp_path / "city.png").exists()


# ----------------------------------------------------------------------- chart


def test_achievement_chart_saves_png_and_svg(results: cascade.Results, tmp_path: Path) -> None:
    picture = plot.achievement_chart(results)
    assert picture.save(tmp_path / "chart.png").read_bytes().startswith(PNG)
    assert _png_size(tmp_path / "chart.png")[0] == round(9 * picture.figure.dpi)
    svg = picture.save(tmp_path / "chart.svg").read_text(encoding="utf-8")
    words = _svg_text(svg)
    for name in ("Dinas Kesehatan", "Dinas Tenaga Kerja", "Kecamatan Contoh Tengah"):
        assert name in words
    for band in ("Sangat Baik", "Baik", "Cukup", "Kurang", "Sangat Kurang"):
        assert band in words
    assert "Pemerintah Kota Contoh: 96.6" in words  # the city's own line


def test_achievement_chart_is_sorted_best_first(results: cascade.Results) -> None:
    ax = plot.achievement_chart(results).figure.axes[0]
    labels = [t.get_text().replace("\n", " ") for t in ax.get_yticklabels()]
    agencies = results.owners[results.owners["level"] == "perangkat_daerah"]
    expected = agencies.sort_values("achievement", ascending=False)["name"].tolist()
    assert labels == expected
    assert labels[-1] == "Dinas Pekerjaan Umum dan Penataan Ruang"
    worst_first = plot.achievement_chart(results, ascending=True).figure.axes[0]
    assert worst_first.get_yticklabels()[0].get_text().startswith("Dinas Pekerjaan Umum")
    bars = sorted(ax.patches, key=lambda p: p.get_y())
    assert to_hex(bars[-1].get_facecolor()) == colour_of(LKJIP, "Cukup")


def test_achievement_chart_levels_and_missing_figures(
    results: cascade.Results, defects: tuple[cascade.Results, cascade.Report]
) -> None:
    units = plot.achievement_chart(results, level=cascade.Level.ADMINISTRATOR)
    assert len(units.figure.axes[0].get_yticklabels()) == 27
    with pytest.raises(UsageError, match="unknown level"):
        plot.achievement_chart(results, level="bidang")
    dinkes = cascade.propagate(results.cascade.subcascade("DINKES"), as_of="2024")
    with pytest.raises(UsageError, match="no owner at level 'pemda'"):
        plot.achievement_chart(dinkes, level="pemda")
    with_gaps, _ = defects  # an employee without a figure is listed as "no data"
    staff = plot.achievement_chart(with_gaps, level="pelaksana")
    assert "no data" in _svg_text(staff.to_svg())


# ------------------------------------------------------- pictures and display


def test_save_refuses_an_unknown_suffix(results: cascade.Results, tmp_path: Path) -> None:
    with pytest.raises(UsageError, match=r"one of \.png, \.svg, \.pdf"):
        plot.achievement_chart(results).save(tmp_path / "chart.gif")
    with pytest.raises(UsageError, match=r"one of \.html"):
        plot.sunburst(results).save(tmp_path / "city.txt")


def test_inline_display_in_ipython(
    results: cascade.Results, monkeypatch: pytest.MonkeyPatch
) -> None:
    from IPython.core.formatters import DisplayFormatter

    formatter = DisplayFormatter()
    data, _ = formatter.format(plot.tree(results, root="DINASPU"))
    assert data["image/png"].startswith(PNG)
    assert data["text/plain"].startswith("<StaticPicture 'Pohon kinerja · DINASPU")

    import plotly.io as pio

    picture = plot.sunburst(results)
    monkeypatch.setattr(pio.renderers, "default", "plotly_mimetype")
    data, _ = formatter.format(picture)
    assert "application/vnd.plotly.v1+json" in data
    assert "text/html" not in data  # plotly's own renderer, not a 4 MB page per output
    monkeypatch.setattr(pio.renderers, "default", None)  # no renderer: a self-contained div
    data, _ = formatter.format(picture)
    assert 'class="plotly-graph-div"' in data["text/html"]


def test_pictures_show_inline_in_a_jupyter_kernel(tmp_path: Path) -> None:
    notebook = nbformat.v4.new_notebook()
    notebook.cells = [
        nbformat.v4.new_code_cell(
            "import cascade, cascade.plot\n"
            "results = cascade.propagate(cascade.load_example(), as_of='2024')"
        ),
        nbformat.v4.new_code_cell("cascade.plot.achievement_chart(results)"),
        nbformat.v4.new_code_cell("cascade.plot.sunburst(results)"),
    ]
    NotebookClient(
        notebook,
        kernel_name="python3",
        timeout=120,
        resources={"metadata": {"path": str(tmp_path)}},
    ).execute()
    chart, city = (cell.outputs[0] for cell in notebook.cells[1:])
    assert chart.output_type == "execute_result"
    assert "image/png" in chart.data
    assert city.output_type == "execute_result"
    assert {"application/vnd.plotly.v1+json", "text/html"} & set(city.data)


# ----------------------------------------------------------- optional libraries


def test_importing_cascade_imports_no_plotting_library() -> None:
    code = (
        "import sys, cascade, cascade.plot\n"
        "cascade.propagate(cascade.load_example(), as_of='2024')\n"
        "loaded = [m for m in sys.modules if m.split('.')[0] in {'matplotlib', 'plotly'}]\n"
        "assert not loaded, loaded"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


@pytest.mark.parametrize(
    ("library", "draw"),
    [
        ("matplotlib", functools.partial(plot.tree, root="DINASPU")),
        ("matplotlib", plot.achievement_chart),
        ("plotly", plot.sunburst),
    ],
)
def test_a_missing_library_says_which_extra_to_install(
    results: cascade.Results, monkeypatch: pytest.MonkeyPatch, library: str, draw: object
) -> None:
    monkeypatch.setitem(sys.modules, library, None)  # import fails as if not installed
    with pytest.raises(plot.MissingDependencyError) as missing:
        draw(results)  # type: ignore[operator]
    assert isinstance(missing.value, CascadeError)
    assert isinstance(missing.value, ImportError)
    assert f"needs {library}, which is not installed" in str(missing.value)
    assert "pip install 'cascade-sakip[plot]'" in str(missing.value)


def test_the_plot_extra_is_installed_for_ci() -> None:
    # CI installs .[dev], which carries the plot extra: these tests must never be skipped.
    assert importlib.util.find_spec("matplotlib") is not None
    assert importlib.util.find_spec("plotly") is not None


# ------------------------------------------------------------- colours, text


def test_category_colours() -> None:
    colours = category_colours(LKJIP)
    assert [colours[label] for label in LKJIP.labels] == list(RAMP)  # worst first
    assert colour_of(LKJIP, None) == MISSING
    assert colour_of(LKJIP, "AA") == MISSING
    three = Scale(
        name="traffic", bands=[Band(label="green", minimum=100), Band(label="amber", minimum=80)],
        below="red",
    )  # fmt: skip
    assert category_colours(three) == {"red": RAMP[0], "amber": RAMP[2], "green": RAMP[4]}
    assert ink_on(RAMP[4]) == "#ffffff"  # white on dark green
    assert ink_on(RAMP[2]) != "#ffffff"  # dark ink on yellow
    assert value_colour(LKJIP, 200.0) == value_colour(LKJIP, 120.0)


def test_wrap_and_fit_keep_to_the_room() -> None:
    text = "Meningkatnya kualitas pelayanan publik dan penyelenggaraan pemerintahan di kecamatan"
    lines = wrap(text, 120.0, 7.0, max_lines=3)
    assert 1 < len(lines) <= 3
    assert all(width(line, 7.0) <= 120.0 for line in lines)
    assert " ".join(lines).replace("…", "") in text or lines[-1].endswith("…")
    short = wrap(text, 120.0, 7.0, max_lines=1)
    assert len(short) == 1
    assert short[0].endswith("…")
    assert fit("DINKES-RHK1.1.1.1", 1000.0, 7.0) == "DINKES-RHK1.1.1.1"
    assert width(fit("DINKES-RHK1.1.1.1", 30.0, 7.0), 7.0) <= 30.0
    assert wrap("Kesehatanmasyarakatyangsangatpanjangsekali", 40.0, 7.0, max_lines=2)


# --------------------------------------------------------------------- the docs


def test_the_examples_in_the_pictures_page_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    page = Path(__file__).resolve().parent.parent / "docs" / "pictures.md"
    blocks = re.findall(r"```pycon\n(.*?)```", page.read_text(encoding="utf-8"), flags=re.DOTALL)
    assert len(blocks) >= 6
    monkeypatch.chdir(tmp_path)  # the examples save into the working folder
    test = doctest.DocTestParser().get_doctest("\n".join(blocks), {}, page.name, str(page), 0)
    runner = doctest.DocTestRunner(optionflags=doctest.NORMALIZE_WHITESPACE | doctest.ELLIPSIS)
    runner.run(test)
    assert runner.failures == 0, f"{runner.failures} example(s) of {page.name} failed"
    assert (tmp_path / "dinaspu-tree.png").read_bytes().startswith(PNG)
    assert 'class="plotly-graph-div"' in (tmp_path / "city.html").read_text(encoding="utf-8")
    ET.parse(tmp_path / "capaian.svg")

"""A picture: a figure that saves itself by suffix and shows itself inline in Jupyter.

:class:`StaticPicture` wraps a matplotlib figure (the pohon kinerja, the achievement chart):
PNG, SVG or PDF. :class:`InteractivePicture` wraps a plotly figure (the sunburst, the treemap):
self-contained HTML; PNG, SVG or PDF only where kaleido (and the browser it drives) is
installed, which the ``plot`` extra does not require.

Saving never opens a window: a static picture is drawn on its own Agg canvas, never through
pyplot, so it works headless and leaves no global figure behind.
"""

from __future__ import annotations

import importlib.util
import io
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

from cascade.errors import UsageError
from cascade.io._atomic import atomic_path
from cascade.plot._deps import MissingDependencyError

if TYPE_CHECKING:
    from matplotlib.figure import Figure

__all__ = ["RC", "InteractivePicture", "Picture", "StaticPicture"]

#: Settings every static picture is written with: text stays text in SVG (searchable, small)
#: and glyphs are not hinted, so text is exactly as wide as it was measured when boxes were
#: sized (hinting widens small text by up to a tenth at 100 dpi); ids in the SVG are stable.
RC: dict[str, Any] = {
    "svg.fonttype": "none",
    "svg.hashsalt": "cascade",
    "text.hinting": "no_hinting",
}
#: Largest side, in pixels, of a PNG drawn for inline display (keeps a 200-goal tree cheap).
_INLINE_MAX_PIXELS = 16000


class Picture:
    """A figure of :mod:`cascade.plot`: ``.figure``, ``.save(path)``, inline display.

    Attributes
    ----------
    figure
        The underlying figure (matplotlib or plotly) for further styling.
    """

    #: The suffixes :meth:`save` accepts, lower case with the dot.
    formats: tuple[str, ...] = ()
    figure: Any

    def save(self, path: str | os.PathLike[str], **options: Any) -> Path:
        """Write the picture to ``path``; the suffix chooses the format.

        Parameters
        ----------
        path
            The file to write; its folder is created. The file is replaced whole or not at
            all.
        **options
            Passed to the backend's writer (``dpi=`` for matplotlib, ``include_plotlyjs=``
            for plotly HTML).

        Returns
        -------
        pathlib.Path
            The path written.

        Raises
        ------
        cascade.errors.UsageError
            If the suffix is not one of :attr:`formats`.
        """
        target = Path(path)
        suffix = target.suffix.lower()
        if suffix not in self.formats:
            msg = (
                f"cannot save {type(self).__name__} as {target.name!r}: the suffix chooses the"
                f" format, one of {', '.join(self.formats)}"
            )
            raise UsageError(msg)
        with atomic_path(target) as tmp:
            self._write(tmp, suffix.lstrip("."), options)
        return target

    def _write(self, tmp: Path, fmt: str, options: dict[str, Any]) -> None:
        raise NotImplementedError


class StaticPicture(Picture):
    """A matplotlib figure: saved as PNG, SVG or PDF, shown inline as PNG.

    SVG keeps text as text (searchable, small, editable), and each goal's box and indicator
    carry their id (``id="goal:DINKES-SS1"``), so the file can be styled or linked.
    """

    formats = (".png", ".svg", ".pdf")

    def __init__(self, figure: Figure, *, title: str = "") -> None:
        self.figure = figure
        self.title = title

    def _write_to(self, target: Path | io.BytesIO, fmt: str, options: dict[str, Any]) -> None:
        import matplotlib as mpl
        from matplotlib.backends.backend_agg import FigureCanvasAgg

        if not isinstance(self.figure.canvas, FigureCanvasAgg):
            FigureCanvasAgg(self.figure)  # draw headless, whatever the session's backend
        options = dict(options)
        if fmt == "svg":
            options.setdefault("metadata", {"Date": None})
        elif fmt == "pdf":
            options.setdefault("metadata", {"CreationDate": None})
        with mpl.rc_context(RC):  # type: ignore[arg-type]
            self.figure.savefig(target, format=fmt, **options)

    def _write(self, tmp: Path, fmt: str, options: dict[str, Any]) -> None:
        self._write_to(tmp, fmt, options)

    def to_png(self, *, dpi: float | None = None) -> bytes:
        """The picture as PNG bytes (at ``dpi``, default the figure's)."""
        buffer = io.BytesIO()
        self._write_to(buffer, "png", {} if dpi is None else {"dpi": dpi})
        return buffer.getvalue()

    def to_svg(self) -> str:
        """The picture as SVG text."""
        buffer = io.BytesIO()
        self._write_to(buffer, "svg", {})
        return buffer.getvalue().decode("utf-8")

    def _repr_mimebundle_(
        self, include: Any = None, exclude: Any = None
    ) -> tuple[dict[str, Any], dict[str, Any]]:
        width, height = self.figure.get_size_inches()
        dpi = min(float(self.figure.dpi), _INLINE_MAX_PIXELS / max(width, height))
        data = {"image/png": self.to_png(dpi=dpi), "text/plain": repr(self)}
        return data, {}

    def __repr__(self) -> str:
        width, height = self.figure.get_size_inches()
        what = f" {self.title!r}" if self.title else ""
        return f"<StaticPicture{what}: {width:.1f} × {height:.1f} in, save as .png .svg .pdf>"


class InteractivePicture(Picture):
    """A plotly figure: saved as self-contained HTML, shown inline by plotly's own renderer.

    PNG, SVG and PDF need kaleido (``pip install kaleido``, which drives a Chrome or Chromium
    browser); HTML needs nothing more than the ``plot`` extra.
    """

    formats = (".html", ".htm", ".png", ".svg", ".pdf", ".jpg", ".jpeg", ".webp")

    def __init__(self, figure: Any, *, title: str = "") -> None:
        self.figure = figure
        self.title = title

    def to_html(self, *, full_html: bool = True, include_plotlyjs: bool | str = True) -> str:
        """The picture as HTML; by default a whole page with plotly.js inlined (offline)."""
        html: str = self.figure.to_html(
            full_html=full_html,
            include_plotlyjs=include_plotlyjs,
            config={"displaylogo": False, "responsive": True},
        )
        return html

    def _write(self, tmp: Path, fmt: str, options: dict[str, Any]) -> None:
        if fmt in {"html", "htm"}:
            options = {"include_plotlyjs": True, "full_html": True, **options}
            options.setdefault("config", {"displaylogo": False, "responsive": True})
            self.figure.write_html(tmp, **options)
            return
        if importlib.util.find_spec("kaleido") is None:
            msg = (
                f"saving an interactive picture as {fmt.upper()} needs kaleido, which is not"
                " installed (pip install kaleido; it also needs a Chrome or Chromium browser):"
                " save it as .html instead, which needs nothing more"
            )
            raise MissingDependencyError(msg)
        self.figure.write_image(tmp, format="jpg" if fmt == "jpeg" else fmt, **options)

    def _repr_mimebundle_(self, include: Any = None, exclude: Any = None) -> dict[str, Any]:
        # plotly knows the front end (JupyterLab, VS Code, Colab, …): use its renderer, and a
        # self-contained page where it has none.
        bundle: dict[str, Any] = dict(self.figure._repr_mimebundle_(include, exclude) or {})
        if not bundle:
            bundle["text/html"] = self.to_html(full_html=False)
        bundle["text/plain"] = repr(self)
        return bundle

    def __repr__(self) -> str:
        what = f" {self.title!r}" if self.title else ""
        return f"<InteractivePicture{what}: save as .html (.png .svg .pdf with kaleido)>"

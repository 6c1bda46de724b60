"""Measuring and wrapping text in points, with matplotlib's own font metrics.

Boxes are sized before anything is drawn, so text is wrapped by its measured width (not by a
count of characters) and fits the box it is drawn in. A width is the sum of the glyphs'
unhinted advances, read once per character and font: laying out a whole string with FreeType
costs milliseconds, and the sum, which ignores kerning, is never narrower than the drawn text.
"""

from __future__ import annotations

import functools

from matplotlib.font_manager import FontProperties, findfont, get_font
from matplotlib.ft2font import FT2Font, LoadFlags

__all__ = ["fit", "width", "wrap"]

ELLIPSIS = "…"
# A little slack for renderers that place glyphs on whole pixels.
_SLACK = 1.01
_EM = 100.0  # advances are read at this size (in points, at 72 dpi) and scaled


@functools.cache
def _font(weight: str, style: str) -> FT2Font:
    return get_font(findfont(FontProperties(weight=weight, style=style)))  # type: ignore[arg-type]


@functools.cache
def _advance(char: str, weight: str, style: str) -> float:
    """The advance of ``char`` for a 1-point font, in points."""
    font = _font(weight, style)
    font.set_size(_EM, 72)
    glyph = font.load_char(ord(char), flags=LoadFlags.NO_HINTING)
    return float(glyph.linearHoriAdvance) / 65536 / _EM


@functools.lru_cache(maxsize=65536)
def width(text: str, size: float, weight: str = "normal", style: str = "normal") -> float:
    """The width of ``text`` in points at ``size`` points."""
    return size * _SLACK * sum(_advance(ch, weight, style) for ch in text)


def fit(text: str, room: float, size: float, weight: str = "normal", style: str = "normal") -> str:
    """``text`` on one line of ``room`` points, cut with an ellipsis if it is too long."""
    if width(text, size, weight, style) <= room:
        return text
    lo, hi = 0, len(text)
    while lo < hi:  # the longest prefix that fits with the ellipsis
        mid = (lo + hi + 1) // 2
        if width(text[:mid].rstrip() + ELLIPSIS, size, weight, style) <= room:
            lo = mid
        else:
            hi = mid - 1
    return text[:lo].rstrip() + ELLIPSIS


def wrap(
    text: str,
    room: float,
    size: float,
    *,
    max_lines: int,
    weight: str = "normal",
    style: str = "normal",
) -> list[str]:
    """``text`` broken at spaces into lines of at most ``room`` points.

    At most ``max_lines`` lines; the last one ends in an ellipsis when text is left over. A
    word too long for a line on its own is cut.
    """
    lines: list[str] = []
    words = text.split()
    current = ""
    for i, word in enumerate(words):
        candidate = f"{current} {word}" if current else word
        if width(candidate, size, weight, style) <= room:
            current = candidate
            continue
        if len(lines) == max_lines - 1:  # the last line takes the rest, cut to fit
            lines.append(fit(" ".join([current, *words[i:]]).strip(), room, size, weight, style))
            return lines
        if current:
            lines.append(current)
        current = word
        if width(current, size, weight, style) > room:
            current = fit(current, room, size, weight, style)
    if current:
        lines.append(current)
    return lines

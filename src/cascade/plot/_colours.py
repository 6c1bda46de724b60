"""Colours of the category bands, shared by every picture.

The LKjIP bands keep the colours planners know from printed reports: *Sangat Baik* dark green,
*Baik* green, *Cukup* yellow, *Kurang* orange, *Sangat Kurang* red; a missing figure is grey.
Any other scale gets the same red → green ramp spread over its labels, worst first. Plain hex
arithmetic, no plotting library, so both backends colour alike.

>>> from cascade.scales import LKJIP
>>> category_colours(LKJIP)["Sangat Baik"], category_colours(LKJIP)["Cukup"]
('#1b7837', '#f2c500')
>>> value_colour(LKJIP, float("nan"))
'#bdbdbd'
"""

from __future__ import annotations

import itertools
import math

from cascade.scales import Scale

__all__ = [
    "INK",
    "MISSING",
    "RAMP",
    "band_ranges",
    "category_colours",
    "colour_of",
    "colour_range",
    "colourscale",
    "ink_on",
    "tint",
    "value_colour",
]

#: The ramp from the worst category to the best (the LKjIP five bands, in that order).
RAMP: tuple[str, ...] = ("#d62728", "#f07f1a", "#f2c500", "#7fbf3f", "#1b7837")
#: A missing figure ("no data").
MISSING = "#bdbdbd"
#: Text and lines.
INK = "#222222"


def _rgb(colour: str) -> tuple[float, float, float]:
    c = colour.lstrip("#")
    return (int(c[0:2], 16) / 255, int(c[2:4], 16) / 255, int(c[4:6], 16) / 255)


def _hex(rgb: tuple[float, float, float]) -> str:
    return "#" + "".join(f"{round(min(max(v, 0.0), 1.0) * 255):02x}" for v in rgb)


def _mix(a: str, b: str, t: float) -> str:
    """``a`` moved a fraction ``t`` of the way towards ``b``."""
    ra, rb = _rgb(a), _rgb(b)
    return _hex(
        (ra[0] + (rb[0] - ra[0]) * t, ra[1] + (rb[1] - ra[1]) * t, ra[2] + (rb[2] - ra[2]) * t)
    )


def _ramp(t: float) -> str:
    """The colour a fraction ``t`` (0 worst, 1 best) along :data:`RAMP`."""
    t = min(max(t, 0.0), 1.0) * (len(RAMP) - 1)
    i = min(int(t), len(RAMP) - 2)
    return _mix(RAMP[i], RAMP[i + 1], t - i)


def category_colours(scale: Scale) -> dict[str, str]:
    """The colour of each label of ``scale``; a five-band scale gets exactly :data:`RAMP`."""
    labels = scale.labels  # worst first
    n = len(labels)
    return {label: _ramp(i / (n - 1) if n > 1 else 1.0) for i, label in enumerate(labels)}


def colour_of(scale: Scale, category: object) -> str:
    """The colour of one category label; :data:`MISSING` for no category."""
    if not isinstance(category, str):
        return MISSING
    return category_colours(scale).get(category, MISSING)


def tint(colour: str, amount: float = 0.22) -> str:
    """A pale version of ``colour`` (``amount`` of it on white), for box bodies and bands."""
    return _mix("#ffffff", colour, amount)


def ink_on(background: str) -> str:
    """Black or white, whichever reads better on ``background`` (WCAG relative luminance)."""

    def channel(v: float) -> float:
        return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(v) for v in _rgb(background))
    luminance = 0.2126 * r + 0.7152 * g + 0.0722 * b
    # Contrast with white vs with near-black ink: pick the larger.
    return "#ffffff" if (1.05 / (luminance + 0.05)) > ((luminance + 0.05) / 0.066) else INK


def band_ranges(scale: Scale, top: float) -> list[tuple[str, float, float]]:
    """Each label with its value range ``[low, high)``, worst first; the worst starts at 0.

    The best band ends at ``top``.
    """
    minimums = [b.minimum for b in reversed(scale.bands)]  # increasing
    lows = [min(0.0, minimums[0] - 1), *minimums]
    highs = [*minimums, max(top, minimums[-1])]
    return list(zip(scale.labels, lows, highs, strict=True))


def colour_range(scale: Scale) -> tuple[float, float]:
    """The values a continuous colour scale spans, in whole tens.

    From 20 below the lowest band's minimum to 20 above the best band's: for the LKjIP scale
    30 to 120 (a common cap).
    """
    minimums = [b.minimum for b in scale.bands]
    low = math.floor((min(minimums) - 20) / 10) * 10
    high = math.ceil((max(minimums) + 20) / 10) * 10
    return float(low), float(high)


def _stops(scale: Scale) -> list[tuple[float, str]]:
    """Value → colour anchors: each band's colour at the middle of its range."""
    low, high = colour_range(scale)
    colours = category_colours(scale)
    stops = []
    for label, lo, hi in band_ranges(scale, high):
        lo_c, hi_c = max(lo, low), min(hi, high)
        stops.append(((lo_c + hi_c) / 2, colours[label]))
    return stops


def value_colour(scale: Scale, value: float) -> str:
    """The colour of an achievement on the continuous scale; :data:`MISSING` for NaN."""
    if value is None or math.isnan(value):
        return MISSING
    stops = _stops(scale)
    if value <= stops[0][0]:
        return stops[0][1]
    for (v0, c0), (v1, c1) in itertools.pairwise(stops):
        if value <= v1:
            return _mix(c0, c1, (value - v0) / (v1 - v0))
    return stops[-1][1]


def colourscale(scale: Scale) -> list[tuple[float, str]]:
    """The continuous scale as plotly wants it: ``(fraction of colour_range, colour)`` pairs."""
    low, high = colour_range(scale)
    stops = _stops(scale)
    out = [(0.0, stops[0][1])]
    out += [((v - low) / (high - low), c) for v, c in stops]
    out.append((1.0, stops[-1][1]))
    return out

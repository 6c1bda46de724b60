"""The achievement formulas of ``domain.md`` section 4, row by row, with worked numbers.

Every expected figure below is computed by hand from the table in section 4 (and the
examples printed there), not from the code: R is the realisation, T (or [T_lo, T_hi]) the
target. Also the category scales (``cascade.scales``), the policy settings the formulas read
(``cascade.policy``) and the one-line explanation ``describe_achievement``.
"""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pytest
from pydantic import ValidationError
from tests.checks._base import base, build

from cascade import Band, Policy, Scale, propagate
from cascade.achievement import (
    achievement,
    compute_achievement,
    describe_achievement,
    polarity_codes,
)
from cascade.errors import UsageError
from cascade.scales import LKJIP, SAKIP_GRADE

NAN = float("nan")


def one(
    r: float | None,
    t: float | None,
    upper: float | None = None,
    polarity: str = "maximize",
    **policy: object,
) -> float:
    """The achievement of a single indicator, as a Python float."""
    settings = Policy.model_validate(policy) if policy else None
    (value,) = achievement([r], [t], None if upper is None else [upper], polarity, policy=settings)
    return float(value)


def undefined(
    r: float, t: float, upper: float | None = None, polarity: str = "maximize", **policy: object
) -> bool:
    settings = Policy.model_validate(policy) if policy else None
    result = compute_achievement(r, t, upper, polarity, policy=settings)
    return bool(result.undefined[0])


def same(actual: float, expected: float) -> bool:
    """Equal, NaN equal to NaN, to 1e-9 relative."""
    if math.isnan(expected):
        return math.isnan(actual)
    return actual == pytest.approx(expected, rel=1e-9, abs=1e-12)


# --------------------------------------------------------------------- the formula rows


@pytest.mark.parametrize(
    ("r", "t", "expected"),
    [
        (80.0, 100.0, 80.0),  # 80 / 100 × 100
        (120.0, 100.0, 120.0),  # above target: no cap by default
        (0.0, 100.0, 0.0),
        (45.0, 50.0, 90.0),
        (1.0, 3.0, 100 / 3),
        (100.0, 100.0, 100.0),
    ],
)
def test_maximize_is_r_over_t(r: float, t: float, expected: float) -> None:
    assert same(one(r, t, polarity="maximize"), expected)


@pytest.mark.parametrize(
    ("r", "t", "expected"),
    [
        (12.0, 10.0, 80.0),  # (2 − 12/10) × 100
        (8.0, 10.0, 120.0),  # (2 − 8/10) × 100
        (15.0, 10.0, 50.0),
        (10.0, 10.0, 100.0),
        (19.0, 10.0, 10.0),
        (20.0, 10.0, 0.0),
        (25.0, 10.0, 0.0),  # −50, floored at 0
        (0.0, 10.0, 200.0),  # doing none of the bad thing: 200, not 0
    ],
)
def test_minimize_difference_is_two_minus_r_over_t(r: float, t: float, expected: float) -> None:
    assert same(one(r, t, polarity="minimize"), expected)
    assert same(one(r, t, polarity="minimize", minimize="difference"), expected)


@pytest.mark.parametrize(
    ("r", "t", "expected"),
    [
        (12.0, 10.0, 10 / 12 * 100),  # 83.33
        (8.0, 10.0, 125.0),
        (15.0, 10.0, 10 / 15 * 100),  # 66.67
        (10.0, 10.0, 100.0),
        (40.0, 10.0, 25.0),  # never below 0 by itself
    ],
)
def test_minimize_ratio_is_t_over_r(r: float, t: float, expected: float) -> None:
    assert same(one(r, t, polarity="minimize", minimize="ratio"), expected)


def test_minimize_ratio_with_r_zero_is_undefined_not_a_number_or_infinity() -> None:
    assert math.isnan(one(0.0, 10.0, polarity="minimize", minimize="ratio"))
    assert undefined(0.0, 10.0, polarity="minimize", minimize="ratio")
    # a negative realisation or target has no ratio either
    assert math.isnan(one(-1.0, 10.0, polarity="minimize", minimize="ratio"))
    assert undefined(-1.0, 10.0, polarity="minimize", minimize="ratio")
    assert math.isnan(one(-3.0, -2.0, polarity="minimize", minimize="ratio"))


def test_minimize_r_zero_under_difference_is_200() -> None:
    assert one(0.0, 12.0, polarity="minimize") == 200.0
    assert not undefined(0.0, 12.0, polarity="minimize")


@pytest.mark.parametrize(
    ("r", "expected"),
    [
        (8.0, 80.0),  # below: as maximize, 8 / 10
        (12.0, 80.0),  # above: as minimize, (2 − 12/10)
        (10.0, 100.0),  # on target
        (5.0, 50.0),
        (15.0, 50.0),
        (25.0, 0.0),  # (2 − 2.5) floored
    ],
)
def test_stabilize_point_target(r: float, expected: float) -> None:
    assert same(one(r, 10.0, polarity="stabilize"), expected)


def test_stabilize_above_uses_the_minimize_variant_of_the_policy() -> None:
    assert same(one(12.0, 10.0, polarity="stabilize", minimize="ratio"), 10 / 12 * 100)
    # below the target it is maximize whatever the minimize variant
    assert same(one(8.0, 10.0, polarity="stabilize", minimize="ratio"), 80.0)


# ------------------------------------------------------------------------ range targets


def test_the_four_range_examples_of_the_domain_page() -> None:
    # minimize "7–8 bulan", R = 9: (2 − 9/8) × 100
    assert one(9.0, 7.0, 8.0, "minimize") == pytest.approx(87.5)
    # maximize "80–90 %", R = 92: 92/90 × 100
    assert one(92.0, 80.0, 90.0, "maximize") == pytest.approx(102.2, abs=0.05)
    assert one(92.0, 80.0, 90.0, "maximize") == pytest.approx(920 / 9)
    # stabilize band "2–4 %": R = 5 → (2 − 5/4) × 100; R = 1 → 1/2 × 100
    assert one(5.0, 2.0, 4.0, "stabilize") == pytest.approx(75.0)
    assert one(1.0, 2.0, 4.0, "stabilize") == pytest.approx(50.0)


@pytest.mark.parametrize(
    ("polarity", "r", "lo", "hi", "expected"),
    [
        # maximize: the bound passed, R / B
        ("maximize", 72.0, 80.0, 90.0, 90.0),  # 72 / 80 (below: against T_lo)
        ("maximize", 80.0, 80.0, 90.0, 100.0),
        ("maximize", 85.0, 80.0, 90.0, 100.0),
        ("maximize", 90.0, 80.0, 90.0, 100.0),
        ("maximize", 99.0, 80.0, 90.0, 110.0),  # 99 / 90 (above: against T_hi)
        # minimize: (2 − R / B)
        ("minimize", 6.0, 7.0, 8.0, (2 - 6 / 7) * 100),  # below: against T_lo
        ("minimize", 7.0, 7.0, 8.0, 100.0),
        ("minimize", 7.5, 7.0, 8.0, 100.0),
        ("minimize", 8.0, 7.0, 8.0, 100.0),
        ("minimize", 10.0, 7.0, 8.0, 75.0),  # (2 − 10/8)
        # stabilize: as maximize below, as minimize above
        ("stabilize", 1.5, 2.0, 4.0, 75.0),  # 1.5 / 2
        ("stabilize", 2.0, 2.0, 4.0, 100.0),
        ("stabilize", 3.0, 2.0, 4.0, 100.0),
        ("stabilize", 4.0, 2.0, 4.0, 100.0),
        ("stabilize", 6.0, 2.0, 4.0, 50.0),  # (2 − 6/4)
    ],
)
def test_range_targets_for_each_polarity(
    polarity: str, r: float, lo: float, hi: float, expected: float
) -> None:
    assert same(one(r, lo, hi, polarity), expected)


@pytest.mark.parametrize(
    ("polarity", "r", "lo", "hi", "expected"),
    [
        ("minimize", 9.0, 7.0, 8.0, 8 / 9 * 100),  # T_hi / R
        ("minimize", 6.0, 7.0, 8.0, 7 / 6 * 100),  # T_lo / R
        ("minimize", 7.5, 7.0, 8.0, 100.0),
        ("stabilize", 5.0, 2.0, 4.0, 80.0),  # 4 / 5
        ("stabilize", 1.0, 2.0, 4.0, 50.0),  # below: maximize, 1 / 2
    ],
)
def test_range_targets_under_the_ratio_variant(
    polarity: str, r: float, lo: float, hi: float, expected: float
) -> None:
    assert same(one(r, lo, hi, polarity, minimize="ratio"), expected)


def test_a_range_typed_upside_down_is_the_same_range() -> None:
    assert one(92.0, 90.0, 80.0, "maximize") == pytest.approx(920 / 9)
    assert one(85.0, 90.0, 80.0, "maximize") == 100.0


def test_a_missing_upper_bound_is_a_point_target() -> None:
    values = achievement([9.0, 9.0], [8.0, 8.0], [NAN, None], "minimize")
    assert values.tolist() == [87.5, 87.5]


# -------------------------------------------------------------------- on target is 100


@pytest.mark.parametrize("polarity", ["maximize", "minimize", "stabilize"])
@pytest.mark.parametrize("minimize", ["difference", "ratio"])
@pytest.mark.parametrize(
    ("r", "lo", "hi"), [(10.0, 10.0, None), (3.0, 2.0, 4.0), (0.7, 0.7, None)]
)
def test_on_target_is_exactly_100(
    polarity: str, minimize: str, r: float, lo: float, hi: float | None
) -> None:
    assert one(r, lo, hi, polarity, minimize=minimize) == 100.0


# ---------------------------------------------------------------------- a zero target


@pytest.mark.parametrize("polarity", ["maximize", "minimize", "stabilize"])
def test_zero_target_met_by_zero_is_100(polarity: str) -> None:
    assert one(0.0, 0.0, polarity=polarity) == 100.0
    assert one(0.0, 0.0, polarity=polarity, zero_target="met_or_better") == 100.0
    assert one(0.0, 0.0, polarity=polarity, minimize="ratio") == 100.0
    assert not undefined(0.0, 0.0, polarity=polarity)


@pytest.mark.parametrize("polarity", ["maximize", "minimize", "stabilize"])
@pytest.mark.parametrize("r", [3.0, -1.0])
def test_zero_target_missed_is_undefined_never_0_or_infinity(polarity: str, r: float) -> None:
    assert math.isnan(one(r, 0.0, polarity=polarity))
    assert undefined(r, 0.0, polarity=polarity)


@pytest.mark.parametrize(
    ("polarity", "r", "expected"),
    [
        ("maximize", 3.0, 100.0),  # bettered (more of a good thing)
        ("maximize", -1.0, NAN),  # missed
        ("minimize", -1.0, 100.0),  # bettered (less of a bad thing)
        ("minimize", 3.0, NAN),  # missed
        ("stabilize", 3.0, NAN),  # off a zero target either way: no figure
        ("stabilize", -1.0, NAN),
    ],
)
def test_zero_target_met_or_better(polarity: str, r: float, expected: float) -> None:
    assert same(one(r, 0.0, polarity=polarity, zero_target="met_or_better"), expected)
    assert undefined(r, 0.0, polarity=polarity, zero_target="met_or_better") == math.isnan(
        expected
    )


@pytest.mark.parametrize("polarity", ["maximize", "minimize", "stabilize"])
def test_zero_target_missing_makes_even_a_met_zero_undefined(polarity: str) -> None:
    assert math.isnan(one(0.0, 0.0, polarity=polarity, zero_target="missing"))
    assert undefined(0.0, 0.0, polarity=polarity, zero_target="missing")
    assert math.isnan(one(3.0, 0.0, polarity=polarity, zero_target="missing"))
    # a non-zero target is not affected
    assert one(10.0, 10.0, polarity=polarity, zero_target="missing") == 100.0


def test_a_zero_bound_of_a_range_only_matters_on_its_side() -> None:
    # maximize [0, 5]: above the range it is R / 5; below it the bound is 0: undefined
    assert one(6.0, 0.0, 5.0, "maximize") == pytest.approx(120.0)
    assert one(2.0, 0.0, 5.0, "maximize") == 100.0
    assert math.isnan(one(-1.0, 0.0, 5.0, "maximize"))
    assert undefined(-1.0, 0.0, 5.0, "maximize")


# ------------------------------------------------------------------ a negative target


@pytest.mark.parametrize(
    ("polarity", "r", "expected"),
    [
        # "−2 %" contraction target: 100 × (1 ± (R − B) / |B|)
        ("maximize", -1.0, 150.0),  # higher than −2 is better
        ("maximize", -3.0, 50.0),
        ("maximize", -2.0, 100.0),
        ("maximize", 0.0, 200.0),
        ("minimize", -3.0, 150.0),  # lower than −2 is better
        ("minimize", -1.0, 50.0),
        ("minimize", -2.0, 100.0),
        ("stabilize", -1.0, 50.0),  # above: as minimize
        ("stabilize", -3.0, 50.0),  # below: as maximize
    ],
)
def test_negative_target_keeps_the_direction(polarity: str, r: float, expected: float) -> None:
    assert same(one(r, -2.0, polarity=polarity), expected)


def test_negative_range() -> None:
    # maximize [−4, −2], R = −1: above, against −2: 100 × (1 + 1/2)
    assert one(-1.0, -4.0, -2.0, "maximize") == pytest.approx(150.0)
    # R = −5: below, against −4: 100 × (1 − 1/4)
    assert one(-5.0, -4.0, -2.0, "maximize") == pytest.approx(75.0)
    assert one(-3.0, -4.0, -2.0, "minimize") == 100.0


# ------------------------------------------------------------------------ floor and cap


def test_negative_results_are_floored_at_0_by_default() -> None:
    assert one(30.0, 10.0, polarity="minimize") == 0.0  # (2 − 3) × 100 = −100
    assert one(-5.0, 10.0, polarity="maximize") == 0.0  # −50
    assert one(-5.0, 10.0, polarity="stabilize") == 0.0


def test_floor_none_keeps_negative_figures() -> None:
    assert one(30.0, 10.0, polarity="minimize", floor=None) == pytest.approx(-100.0)
    assert one(-5.0, 10.0, polarity="maximize", floor=None) == pytest.approx(-50.0)


def test_a_custom_floor() -> None:
    assert one(1.0, 10.0, floor=20) == 20.0  # 10, lifted to 20
    assert one(5.0, 10.0, floor=20) == 50.0


def test_no_cap_by_default_and_a_cap_when_the_policy_sets_one() -> None:
    assert one(150.0, 100.0) == 150.0
    assert one(0.0, 12.0, polarity="minimize") == 200.0
    assert one(150.0, 100.0, cap=120) == 120.0
    assert one(0.0, 12.0, polarity="minimize", cap=120) == 120.0
    assert one(110.0, 100.0, cap=120) == pytest.approx(110.0)  # below the cap: unchanged
    assert one(50.0, 100.0, cap=120) == 50.0


def test_floor_and_cap_never_turn_missing_into_a_number() -> None:
    for policy in ({"floor": 0.0}, {"floor": 10.0}, {"cap": 120.0}, {"floor": 5.0, "cap": 90.0}):
        assert math.isnan(one(NAN, 10.0, **policy))
        assert math.isnan(one(3.0, 0.0, **policy))  # undefined stays undefined


# ------------------------------------------------------------- missing and odd inputs


@pytest.mark.parametrize(
    ("r", "t"),
    [
        (NAN, 10.0),
        (None, 10.0),
        (math.inf, 10.0),
        (-math.inf, 10.0),
        (10.0, NAN),
        (10.0, None),
        (10.0, math.inf),
        (10.0, -math.inf),
        (NAN, NAN),
        (None, None),
    ],
)
@pytest.mark.parametrize("polarity", ["maximize", "minimize", "stabilize"])
def test_missing_or_infinite_input_gives_nan_never_0(
    r: float | None, t: float | None, polarity: str
) -> None:
    assert math.isnan(one(r, t, polarity=polarity))
    result = compute_achievement([r], [t], polarity=polarity)
    assert not result.undefined[0]  # missing data, not an undefined formula


@pytest.mark.parametrize("t", [NAN, None, -math.inf, math.inf])
def test_a_missing_target_with_an_upper_bound_is_still_missing(t: float | None) -> None:
    assert math.isnan(one(85.0, t, 90.0))
    assert math.isnan(one(0.0, t, 0.0))


def test_propagate_a_non_finite_target_with_an_upper_bound_is_missing() -> None:
    t = base()
    t["targets"]["target"] = t["targets"]["target"].astype(object)
    t["targets"]["target_upper"] = NAN
    t["targets"].loc[5, ["target", "target_upper"]] = ["-inf", 150.0]  # I-R1
    r = propagate(build(t), as_of="2024")
    ind = r.indicators.set_index("indicator_id")
    assert ind.loc["I-R1", "target"] == -math.inf
    assert math.isnan(ind.loc["I-R1", "achievement"])


def test_missing_values_in_a_column() -> None:
    values = achievement([80.0, None, NAN, math.inf, 0.0], 100.0)
    assert values[0] == 80.0
    assert np.isnan(values[1:4]).all()
    assert values[4] == 0.0  # a reported zero is a zero, not missing


def test_the_result_is_never_infinite() -> None:
    huge = achievement([1e308, 1e308], [1e-300, 1e-300], polarity=["maximize", "minimize"])
    assert not np.isinf(huge).any()
    tiny = achievement([1e-320], [1e10], polarity="minimize", policy=Policy(minimize="ratio"))
    assert not np.isinf(tiny).any()


def test_scalars_broadcast_against_arrays() -> None:
    values = achievement(np.array([50.0, 100.0, 150.0]), 100.0)
    assert values.tolist() == [50.0, 100.0, 150.0]
    values = achievement(9.0, [8.0, 10.0], polarity="minimize")
    assert values.tolist() == pytest.approx([87.5, 110.0])


def test_pandas_series_input() -> None:
    import pandas as pd

    r = pd.Series([12.0, None, 8.0], dtype="Float64")
    values = achievement(r, pd.Series([10.0, 10.0, 10.0]), polarity=pd.Series(["turun"] * 3))
    assert values[0] == pytest.approx(80.0)
    assert math.isnan(values[1])
    assert values[2] == pytest.approx(120.0)


# -------------------------------------------------------------------------- polarity


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("naik", 120.0),  # maximize: 12 / 10
        ("Naik", 120.0),
        ("positif", 120.0),
        ("turun", 80.0),  # minimize: 2 − 12/10
        ("TURUN", 80.0),
        ("negatif", 80.0),
        ("stabil", 80.0),  # above a point target: as minimize
        ("maximize", 120.0),
        ("minimize", 80.0),
        ("stabilize", 80.0),
    ],
)
def test_indonesian_polarity_words(word: str, expected: float) -> None:
    assert one(12.0, 10.0, polarity=word) == pytest.approx(expected)


def test_polarity_codes_from_words_and_missing() -> None:
    codes = polarity_codes(["naik", "turun", "stabil", None], 4)
    assert codes.tolist() == [0, 1, 2, 0]  # a missing polarity is the default, maximize
    assert polarity_codes("turun", 3).tolist() == [1, 1, 1]


def test_integer_polarity_codes() -> None:
    codes = np.array([0, 1, 2])
    assert polarity_codes(codes, 3).tolist() == [0, 1, 2]
    values = achievement([12.0, 12.0, 12.0], 10.0, polarity=codes)
    assert values.tolist() == pytest.approx([120.0, 80.0, 80.0])
    assert polarity_codes(np.array([1], dtype=np.uint8), 2).tolist() == [1, 1]


@pytest.mark.parametrize(
    "polarity",
    ["sideways", "", "higherr", ["naik", "ke atas"], np.array([3]), np.array([-1, 0])],
)
def test_a_bad_polarity_is_a_value_error(polarity: object) -> None:
    with pytest.raises(ValueError, match=r"polarity|expected one of"):
        achievement([1.0, 1.0], 1.0, polarity=polarity)  # type: ignore[arg-type]


def test_per_element_polarity() -> None:
    values = achievement(
        [12.0, 12.0, 12.0, 8.0], 10.0, polarity=["maximize", "minimize", "stabilize", "stabil"]
    )
    assert values.tolist() == pytest.approx([120.0, 80.0, 80.0, 80.0])


# ---------------------------------------------------------------------------- scales


@pytest.mark.parametrize(
    ("value", "label"),
    [
        (100.0, "Sangat Baik"),
        (91.0, "Sangat Baik"),
        (90.99, "Baik"),
        (76.0, "Baik"),
        (75.99, "Cukup"),
        (66.0, "Cukup"),
        (65.99, "Kurang"),
        (51.0, "Kurang"),
        (50.99, "Sangat Kurang"),
        (0.0, "Sangat Kurang"),
        (-10.0, "Sangat Kurang"),
        (250.0, "Sangat Baik"),
    ],
)
def test_lkjip_bands_at_their_edges(value: float, label: str) -> None:
    assert LKJIP.categorise([value]).tolist() == [label]


@pytest.mark.parametrize(
    ("value", "label"),
    [
        (90.0, "A"),  # "> 90": 90 itself is not AA
        (90.01, "AA"),
        (80.0, "BB"),
        (80.01, "A"),
        (70.0, "B"),
        (60.0, "CC"),
        (50.0, "C"),
        (50.01, "CC"),
        (30.0, "D"),
        (30.01, "C"),
        (0.0, "D"),
    ],
)
def test_sakip_grade_strict_bounds(value: float, label: str) -> None:
    assert SAKIP_GRADE.categorise([value]).tolist() == [label]


def test_missing_has_no_category() -> None:
    cats = LKJIP.categorise([NAN, 95.0])
    assert cats.isna().tolist() == [True, False]
    assert list(cats.categories) == [
        "Sangat Kurang",
        "Kurang",
        "Cukup",
        "Baik",
        "Sangat Baik",
    ]
    assert cats.ordered


def test_a_custom_scale() -> None:
    traffic = Scale(
        name="tiga-warna",
        bands=[
            Band(label="Hijau", minimum=100),
            Band(label="Kuning", minimum=80, inclusive=False),
        ],
        below="Merah",
    )
    assert traffic.categorise([100.0, 99.9, 80.0, 80.01]).tolist() == [
        "Hijau",
        "Kuning",
        "Merah",
        "Kuning",
    ]
    assert traffic.labels == ("Merah", "Kuning", "Hijau")


@pytest.mark.parametrize(
    "minimums",
    [
        (80.0, 90.0),  # increasing
        (90.0, 90.0),  # not strictly decreasing
        (90.0, 50.0, 70.0),
    ],
)
def test_a_scale_needs_strictly_decreasing_minimums(minimums: tuple[float, ...]) -> None:
    bands = [Band(label=f"b{i}", minimum=m) for i, m in enumerate(minimums)]
    with pytest.raises(ValidationError, match="strictly decreasing"):
        Scale(name="bad", bands=bands, below="rest")


@pytest.mark.parametrize(
    ("labels", "below"),
    [(("Baik", "Baik"), "Kurang"), (("Baik", "Cukup"), "Baik")],
)
def test_a_scale_needs_distinct_labels(labels: tuple[str, str], below: str) -> None:
    bands = [Band(label=labels[0], minimum=90), Band(label=labels[1], minimum=50)]
    with pytest.raises(ValidationError, match="distinct"):
        Scale(name="bad", bands=bands, below=below)


def test_a_scale_needs_bands_and_words() -> None:
    with pytest.raises(ValidationError):
        Scale(name="empty", bands=[], below="x")
    with pytest.raises(ValidationError):
        Band(label="", minimum=1)
    with pytest.raises(ValidationError):
        Scale(name="", bands=[Band(label="a", minimum=1)], below="b")


# ---------------------------------------------------------------------------- policy


def test_policy_defaults() -> None:
    p = Policy()
    assert (p.minimize, p.floor, p.cap, p.zero_target) == ("difference", 0.0, None, "equal_is_met")
    assert (p.missing, p.goal_weighting) == ("skip_if_any_missing", "equal")
    assert p.scale == LKJIP


def test_policy_accepts_a_scale_by_name_or_as_a_dict() -> None:
    assert Policy(scale="sakip").scale is SAKIP_GRADE
    assert Policy(scale=" LKJIP ").scale is LKJIP
    custom = Policy(
        scale={
            "name": "tiga-warna",
            "bands": [{"label": "Hijau", "minimum": 100}, {"label": "Kuning", "minimum": 80}],
            "below": "Merah",
        }
    )
    assert custom.scale.categorise([120.0, 85.0, 10.0]).tolist() == ["Hijau", "Kuning", "Merah"]
    with pytest.raises(ValidationError, match="unknown scale"):
        Policy(scale="okr")
    with pytest.raises(ValidationError, match="strictly decreasing"):
        Policy(
            scale={
                "name": "x",
                "bands": [{"label": "a", "minimum": 1}, {"label": "b", "minimum": 2}],
                "below": "c",
            }
        )


@pytest.mark.parametrize(
    "settings",
    [
        {"minimize": "inverse"},
        {"zero_target": "zero"},
        {"missing": "ignore"},
        {"goal_weighting": "target"},
        {"cap": 0},
        {"cap": -5},
        {"cap": math.inf},
        {"floor": math.nan},
        {"floor": -math.inf},
    ],
)
def test_policy_rejects_bad_settings(settings: dict[str, object]) -> None:
    with pytest.raises(ValidationError):
        Policy.model_validate(settings)


POLICY_TOML = """\
minimize = "ratio"
floor = -50.0
cap = 120
zero_target = "met_or_better"
missing = "skip_if_all_missing"
goal_weighting = "weight"

[scale]
name = "tiga-warna"
below = "Merah"
bands = [{ label = "Hijau", minimum = 100 }, { label = "Kuning", minimum = 80 }]
"""


def test_policy_from_a_toml_file(tmp_path: Path) -> None:
    path = tmp_path / "cascade.toml"
    path.write_text(POLICY_TOML, encoding="utf-8")
    p = Policy.from_file(path)
    assert p.minimize == "ratio"
    assert p.floor == -50.0
    assert p.cap == 120.0
    assert p.zero_target == "met_or_better"
    assert p.missing == "skip_if_all_missing"
    assert p.goal_weighting == "weight"
    assert p.scale.name == "tiga-warna"
    assert p.scale.labels == ("Merah", "Kuning", "Hijau")
    # the settings reach the formulas
    assert achievement(12.0, 10.0, polarity="minimize", policy=p)[0] == pytest.approx(250 / 3)
    assert achievement(200.0, 100.0, policy=p)[0] == 120.0
    assert achievement(3.0, 0.0, policy=p)[0] == 100.0  # met_or_better
    assert achievement(-10.0, 10.0, policy=p, target_upper=None)[0] == -50.0  # floor −50


def test_policy_from_pyproject_and_a_named_scale(tmp_path: Path) -> None:
    path = tmp_path / "pyproject.toml"
    path.write_text(
        '[project]\nname = "x"\n\n[tool.cascade]\nscale = "sakip"\ncap = 110\n', encoding="utf-8"
    )
    p = Policy.from_file(path)
    assert p.scale is SAKIP_GRADE
    assert p.cap == 110.0
    assert p.minimize == "difference"


def test_policy_file_with_bad_settings_names_them(tmp_path: Path) -> None:
    path = tmp_path / "cascade.toml"
    path.write_text('minimize = "inverse"\ncap = -1\n', encoding="utf-8")
    with pytest.raises(UsageError, match="minimize") as excinfo:
        Policy.from_file(path)
    assert "cap" in str(excinfo.value)
    assert str(path) in str(excinfo.value)


# ---------------------------------------------------------------- describe_achievement


@pytest.mark.parametrize(
    ("args", "policy", "text"),
    [
        (
            (80, 100, None, "maximize"),
            {},
            "maximize, 80 below the target 100: 80 / 100 × 100 = 80",
        ),
        (
            (12, 10, None, "minimize"),
            {},
            "minimize, 12 above the target 10: (2 − 12 / 10) × 100 = 80",
        ),
        (
            (12, 10, None, "turun"),
            {"minimize": "ratio"},
            "minimize, 12 above the target 10: 10 / 12 × 100 = 83.33",
        ),
        ((10, 10, None, "minimize"), {}, "minimize, 10 on the target 10: 100"),
        ((3, 2, 4, "stabilize"), {}, "stabilize, 3 on the range 2–4: 100"),
        (
            (9, 7, 8, "minimize"),
            {},
            "minimize, 9 above the range 7–8: (2 − 9 / 8) × 100 = 87.5",
        ),
        (
            (92, 80, 90, "maximize"),
            {},
            "maximize, 92 above the range 80–90: 92 / 90 × 100 = 102.22",
        ),
        (
            (5, 2, 4, "stabilize"),
            {},
            "stabilize, 5 above the range 2–4: (2 − 5 / 4) × 100 = 75",
        ),
        ((1, 2, 4, "stabilize"), {}, "stabilize, 1 below the range 2–4: 1 / 2 × 100 = 50"),
        (
            (0, 12, None, "minimize"),
            {},
            "minimize, 0 below the target 12: (2 − 0 / 12) × 100 = 200",
        ),
        (
            (30, 10, None, "minimize"),
            {},
            "minimize, 30 above the target 10: (2 − 30 / 10) × 100 = -100, floored at 0",
        ),
        (
            (150, 100, None, "maximize"),
            {"cap": 120},
            "maximize, 150 above the target 100: 150 / 100 × 100 = 150, capped at 120",
        ),
        (
            (3, 0, None, "maximize"),
            {},
            "maximize, 3 against a target of 0: undefined (the formula divides by 0)",
        ),
        (
            (0, 10, None, "minimize"),
            {"minimize": "ratio"},
            (
                "minimize, 0 against a target of 10: undefined "
                "(the ratio formula needs a positive realisation and target)"
            ),
        ),
        ((0, 0, None, "minimize"), {}, "minimize, 0 on the target 0: 100"),
        (
            (0, 0, None, "maximize"),
            {"zero_target": "missing"},
            "maximize, 0 on the target 0: undefined (zero_target = 'missing')",
        ),
        (
            (3, 0, None, "maximize"),
            {"zero_target": "met_or_better"},
            "maximize, 3 above the target 0: a zero target bettered counts as met: 100",
        ),
        (
            (-1, -2, None, "maximize"),
            {},
            "maximize, -1 above the target -2: (1 + (-1 − -2) / |-2|) × 100 = 150",
        ),
        (
            (NAN, 10, None, "minimize"),
            {},
            "minimize: no figure (realisation or target missing)",
        ),
        (
            (1_500_000, 1_000_000, None, "naik"),
            {},
            "maximize, 1,500,000 above the target 1,000,000: 1,500,000 / 1,000,000 × 100 = 150",
        ),
    ],
)
def test_describe_achievement(
    args: tuple[object, ...], policy: dict[str, object], text: str
) -> None:
    settings = Policy.model_validate(policy) if policy else None
    assert describe_achievement(*args, policy=settings) == text  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("r", "t", "upper", "polarity", "policy"),
    [
        (80.0, 100.0, None, "maximize", {}),
        (12.0, 10.0, None, "minimize", {"minimize": "ratio"}),
        (9.0, 7.0, 8.0, "minimize", {}),
        (5.0, 2.0, 4.0, "stabilize", {}),
        (30.0, 10.0, None, "minimize", {}),
        (150.0, 100.0, None, "maximize", {"cap": 120}),
        (-3.0, -2.0, None, "minimize", {}),
    ],
)
def test_describe_achievement_ends_with_the_figure_achievement_gives(
    r: float, t: float, upper: float | None, polarity: str, policy: dict[str, object]
) -> None:
    settings = Policy.model_validate(policy)
    text = describe_achievement(r, t, upper, polarity, policy=settings)
    value = one(r, t, upper, polarity, **policy)
    assert float(text.rsplit(" ", 1)[-1].replace(",", "")) == pytest.approx(value, abs=0.005)

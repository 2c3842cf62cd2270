"""The views Kite publishes of one question in one home, and that they are hidden together."""

import numpy as np
import pytest

from app.aggregates import Cube, periods, publish, views
from app.disclosure import bounds


def cube(monthly: list[int]) -> Cube:
    """Two values, one level, stage and mode; the first value answered monthly[m] times."""
    counts = np.zeros((2, 1, 1, 1, len(monthly)), dtype=int)
    counts[0, 0, 0, 0, :] = monthly
    counts[1, 0, 0, 0, :] = [40] * len(monthly)
    return Cube(
        values=("always", "never"),
        levels=("younger",),
        stages=("staying",),
        modes=("alone",),
        months=tuple(f"2026-{m + 1:02d}" for m in range(len(monthly))),
        counts=counts,
    )


def test_months_fall_in_their_quarter_and_year() -> None:
    found = periods(["2026-03", "2026-04", "2027-01"])
    assert found["2026-Q1"] == [0] and found["2026-Q2"] == [1] and found["2026"] == [0, 1]
    assert found["2027-Q1"] == [2]


def test_a_small_month_cannot_be_worked_back_from_its_quarter() -> None:
    data = cube([3, 20, 20])
    shown = publish(data)
    assert shown["2026-01|value=always"] is None
    assert shown["2026-03|value=never"] == 40, "the greedy choice is undone where it can be"
    published = {
        view.cells: value for view in views(data) if (value := shown[view.name]) is not None
    }
    target = next(v.cells for v in views(data) if v.name == "2026-01|value=always")
    found = bounds(data.counts.size, published, target)
    assert found.low != found.high and not (found.low >= 1 and found.high <= 4), found


def test_nothing_small_nothing_hidden() -> None:
    assert None not in publish(cube([10, 20, 30])).values()


def test_counts_must_fit_the_labels() -> None:
    with pytest.raises(ValueError):
        Cube(
            ("a",), ("younger",), ("staying",), ("alone",), ("2026-01",), np.zeros((2, 1, 1, 1, 1))
        )

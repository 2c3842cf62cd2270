"""What Kite publishes of one question's answers in one home, and what of it may be shown.

The answers are counted into a cube: value x level x stage x mode x month. Every view that any
page, chart, export or report shows is a sum of its cells, named the same way everywhere:

    "<period>"                            answers in the period (a month, a quarter or the year)
    "<period>|value=<v>"                  answers with this value
    "<period>|<dimension>=<c>"            answers at this level, stage or mode
    "<period>|value=<v>|<dimension>=<c>"  both

`publish` hands every view of the cube to app/disclosure.py together, so that no hidden count
can be worked back from another view of the same data (a month from its quarter, a level from
the total), and returns each view's count, or None where it is hidden.
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from app.disclosure import K_FLOOR, Quantity, protect

DIMENSIONS = ("level", "stage", "mode")


@dataclass(frozen=True)
class Cube:
    """Counts of one question's answers, by value, level, stage, mode and month."""

    values: tuple[str, ...]
    levels: tuple[str, ...]
    stages: tuple[str, ...]
    modes: tuple[str, ...]
    months: tuple[str, ...]  # "2026-11"
    counts: np.ndarray  # shape (values, levels, stages, modes, months), non-negative integers

    def __post_init__(self) -> None:
        shape = (len(self.values), len(self.levels), len(self.stages), len(self.modes))
        if self.counts.shape != (*shape, len(self.months)) or (self.counts < 0).any():
            raise ValueError("The counts do not fit the cube's labels.")


def periods(months: Sequence[str]) -> dict[str, list[int]]:
    """Each month, each quarter and each year the months fall in, with the months' positions."""
    found: dict[str, list[int]] = {}
    for position, month in enumerate(months):
        year, number = month.split("-")
        for period in (month, f"{year}-Q{(int(number) - 1) // 3 + 1}", year):
            found.setdefault(period, []).append(position)
    return found


def views(cube: Cube) -> list[Quantity]:
    """Every view of the cube, each as the set of cells (flat positions) it sums."""
    index = np.arange(cube.counts.size).reshape(cube.counts.shape)
    labels = {"level": cube.levels, "stage": cube.stages, "mode": cube.modes}
    found = []
    for period, chosen in periods(cube.months).items():
        part = index[..., chosen]
        found.append(_view(period, part))
        for v, value in enumerate(cube.values):
            found.append(_view(f"{period}|value={value}", part[v]))
        for axis, dimension in enumerate(DIMENSIONS, start=1):
            for c, label in enumerate(labels[dimension]):
                side = np.take(part, c, axis=axis)
                found.append(_view(f"{period}|{dimension}={label}", side))
                for v, value in enumerate(cube.values):
                    found.append(_view(f"{period}|value={value}|{dimension}={label}", side[v]))
    return found


def publish(cube: Cube, k: int = K_FLOOR) -> Mapping[str, int | None]:
    """Every view's count, or None where disclosure control hides it."""
    every = views(cube)
    flat = cube.counts.ravel().tolist()
    hidden = protect(flat, every, k)
    return {
        view.name: None if view.name in hidden else sum(flat[cell] for cell in view.cells)
        for view in every
    }


def _view(name: str, cells: np.ndarray) -> Quantity:
    return Quantity(name, frozenset(cells.ravel().tolist()))

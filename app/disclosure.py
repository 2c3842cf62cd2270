"""Small numbers never leave (invariant 4): which published counts must be hidden.

One pure module, used by every page, chart, export and report alike. Its input is the data as
the finest cells anything is counted from ("microcells": how many answers of one kind, e.g.
one value of one question at one level, stage and mode in one home and month), and every
number that would be published from them, each the sum of a set of microcells (a cell of a
table, a total, a margin, another period, another view of the same data). Its output is which
of those numbers to hide:

1. **Primary suppression.** Every count below K is hidden (K is at least 5).
2. **Complementary suppression.** An attacker who sees every published number knows each one
   is a sum of non-negative counts. With linear programming they can bound every hidden number.
   A hidden count below K is *disclosed* if those bounds pin it to one value or narrow it to
   between 1 and K-1. This module runs that attack itself on every hidden small count, and
   while one is disclosed it hides one more number (the smallest published number beside it in
   a sum that is published, else the smallest published sum containing it), and attacks again.
   Hiding more only widens the bounds, and with everything hidden nothing is bounded, so this
   ends, and ends safe. Then every number hidden only to protect others is tried shown again,
   largest first, and stays shown if the attack still finds nothing; and one that the published
   numbers pin down anyway is shown, as showing it tells nothing. So no hidden number can be
   worked out exactly, and the greedy choice hides no more than it must.
3. **Shares** are shown only when their denominator is published and at least 10.

The attack is exact linear programming (HiGHS, through SciPy), the same an attacker would run;
tests/property/test_disclosure.py plays that attacker on random data independently.
"""

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np
from scipy.optimize import linprog

K_FLOOR = 5
SHARE_FLOOR = 10
_SLACK = 1e-6  # LP answers are floating point: a bound within this of an integer is that integer


@dataclass(frozen=True)
class Quantity:
    """A number that would be published: the sum of these microcells."""

    name: str
    cells: frozenset[int]


@dataclass(frozen=True)
class Bounds:
    """What an attacker can know of one hidden number: it lies in [low, high] (high may be inf)."""

    low: int
    high: float

    def discloses(self, value: int, k: int) -> bool:
        """Whether a hidden number of this value is given away: pinned to one value, or (a
        count below k) narrowed to between 1 and k-1."""
        return self.low == self.high or (value < k and self.low >= 1 and self.high <= k - 1)


def protect(counts: Sequence[int], quantities: Sequence[Quantity], k: int = K_FLOOR) -> set[str]:
    """The names of the quantities to hide so that no count below k can be worked out."""
    k = max(k, K_FLOOR)
    values = {q.name: _value(counts, q) for q in quantities}
    # Views that sum the same cells are one number under several names: hidden together.
    alike: dict[frozenset[int], set[str]] = {}
    for q in quantities:
        alike.setdefault(q.cells, set()).add(q.name)
    cells = {q.name: q.cells for q in quantities}
    primary = {q.name for q in quantities if values[q.name] < k}
    hidden = set(primary)
    while (disclosed := _first_disclosed(counts, quantities, hidden, values, k)) is not None:
        hidden |= alike[cells[_complement(disclosed, quantities, hidden, values)]]
    hidden = _settled(counts, quantities, hidden, primary)
    # The greedy choice may hide more than it must: try each number it hid shown again,
    # largest first, and keep it shown if the attack then finds nothing.
    for name in sorted(hidden - primary, key=lambda n: (-values[n], n)):
        if name not in hidden:
            continue
        trial = _settled(counts, quantities, hidden - alike[cells[name]], primary)
        if _first_disclosed(counts, quantities, trial, values, k) is None:
            hidden = trial
    return hidden


def _settled(
    counts: Sequence[int], quantities: Sequence[Quantity], hidden: set[str], primary: set[str]
) -> set[str]:
    """Show again every number hidden only to protect others that the published ones pin
    down anyway: showing it tells nothing new, and a hidden number is never one that can be
    worked out."""
    while True:
        published = _published(counts, quantities, hidden)
        pinned = {
            q.name
            for q in quantities
            if q.name in hidden - primary
            and (found := bounds(len(counts), published, q.cells)).low == found.high
        }
        if not pinned:
            return hidden
        hidden = hidden - pinned


def bounds(size: int, published: Mapping[frozenset[int], int], target: frozenset[int]) -> Bounds:
    """The tightest bounds linear programming gives on the sum of target, knowing only the
    published sums and that every microcell (of size) is a non-negative count."""
    a_eq = np.zeros((len(published), size))
    b_eq = np.zeros(len(published))
    for row, (cells, value) in enumerate(published.items()):
        a_eq[row, list(cells)] = 1
        b_eq[row] = value
    objective = np.zeros(size)
    objective[list(target)] = 1
    ends = []
    for sign in (1, -1):
        result = linprog(
            sign * objective,
            A_eq=a_eq if len(published) else None,
            b_eq=b_eq if len(published) else None,
            bounds=(0, None),
            method="highs",
        )
        if result.status == 3:  # unbounded: only the maximum can be
            ends.append(math.inf)
        elif result.status != 0:
            raise ValueError(f"The published numbers are not consistent: {result.message}")
        else:
            ends.append(sign * result.fun)
    low, high = ends[0], ends[1]
    return Bounds(
        low=max(0, math.ceil(low - _SLACK)),
        high=high if math.isinf(high) else math.floor(high + _SLACK),
    )


def share_shown(denominator: int | None) -> bool:
    """A share is shown only over a published denominator of at least SHARE_FLOOR."""
    return denominator is not None and denominator >= SHARE_FLOOR


def _value(counts: Sequence[int], quantity: Quantity) -> int:
    return sum(counts[cell] for cell in quantity.cells)


def _published(
    counts: Sequence[int], quantities: Iterable[Quantity], hidden: set[str]
) -> dict[frozenset[int], int]:
    return {q.cells: _value(counts, q) for q in quantities if q.name not in hidden}


def _first_disclosed(
    counts: Sequence[int],
    quantities: Sequence[Quantity],
    hidden: set[str],
    values: Mapping[str, int],
    k: int,
) -> Quantity | None:
    published = _published(counts, quantities, hidden)
    for quantity in quantities:
        if quantity.name not in hidden or values[quantity.name] >= k:
            continue  # a larger hidden number that is pinned down is shown again (_settled)
        found = bounds(len(counts), published, quantity.cells)
        if found.discloses(values[quantity.name], k):
            return quantity
    return None


def _complement(
    disclosed: Quantity,
    quantities: Sequence[Quantity],
    hidden: set[str],
    values: Mapping[str, int],
) -> str:
    """One more number to hide: the smallest published one beside the disclosed one in a
    published sum (its siblings), else the smallest published sum that contains it."""
    shown = [q for q in quantities if q.name not in hidden]
    sums = [q for q in shown if disclosed.cells < q.cells]
    siblings = [
        q
        for q in shown
        if not (q.cells & disclosed.cells) and any(q.cells <= total.cells for total in sums)
    ]
    for candidates in (siblings, sums, shown):
        if candidates:
            return min(candidates, key=lambda q: (values[q.name], q.name)).name
    raise AssertionError("a disclosed number with nothing left to hide")  # cannot happen

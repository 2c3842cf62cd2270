"""Invariant 4, played by an attacker: random data, every view of it published as Kite would,
and a linear-programming solver bounding every hidden number from everything published. No
hidden number may be pinned down, and no hidden count below K narrowed to between 1 and K-1.

The attacker here is written apart from app/disclosure.py (its own matrix, its own solver
calls), so the module is not marking its own homework."""

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from scipy.optimize import linprog

from app.disclosure import K_FLOOR, Quantity, protect, share_shown

# Many small counts (the hard case), some zeros, some large.
COUNT = st.one_of(st.integers(0, 6), st.integers(0, 15), st.integers(0, 60))


@st.composite
def answers(draw):  # type: ignore[no-untyped-def]
    """Counts for one question in one home: value x level x mode x month."""
    shape = (
        draw(st.integers(2, 5)),  # values, "I don't want to answer" among them
        draw(st.integers(1, 2)),  # levels
        draw(st.integers(1, 2)),  # modes: alone, helped
        draw(st.integers(1, 3)),  # months of a quarter
    )
    counts = draw(st.lists(COUNT, min_size=int(np.prod(shape)), max_size=int(np.prod(shape))))
    return shape, counts


def views(shape: tuple[int, ...]) -> list[Quantity]:
    """Every number Kite publishes from these counts: per month and for the quarter, the
    counts per value, per value and level, per value and mode, and each of their totals."""
    index = np.arange(int(np.prod(shape))).reshape(shape)
    values, levels, modes, months = shape
    published = []
    periods = [(f"m{m}", [m]) for m in range(months)] + [("q", list(range(months)))]
    for period, chosen in periods:
        part = index[:, :, :, chosen]
        published.append(Quantity(f"{period}:total", frozenset(part.ravel().tolist())))
        for v in range(values):
            published.append(Quantity(f"{period}:v{v}", frozenset(part[v].ravel().tolist())))
        for axis, name, size in ((1, "level", levels), (2, "mode", modes)):
            for c in range(size):
                side = np.take(part, c, axis=axis)
                published.append(Quantity(f"{period}:{name}{c}", frozenset(side.ravel().tolist())))
                for v in range(values):
                    published.append(
                        Quantity(f"{period}:v{v}:{name}{c}", frozenset(side[v].ravel().tolist()))
                    )
    return published


def attack(counts: list[int], quantities: list[Quantity], hidden: set[str]) -> dict[str, tuple]:
    """Bounds on every hidden number from every published one, by linear programming."""
    shown = [q for q in quantities if q.name not in hidden]
    matrix = np.array([[1.0 if i in q.cells else 0.0 for i in range(len(counts))] for q in shown])
    totals = np.array([sum(counts[i] for i in q.cells) for q in shown], dtype=float)
    found = {}
    for q in quantities:
        if q.name not in hidden:
            continue
        aim = np.array([1.0 if i in q.cells else 0.0 for i in range(len(counts))])
        ends = []
        for sign in (1.0, -1.0):
            solved = linprog(
                sign * aim,
                A_eq=matrix if len(shown) else None,
                b_eq=totals if len(shown) else None,
                bounds=(0, None),
                method="highs-ds",
            )
            ends.append(np.inf if solved.status == 3 else sign * solved.fun)
        found[q.name] = (ends[0], ends[1])
    return found


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=answers(), k=st.sampled_from([K_FLOOR, 6, 10]))
def test_invariant_4_no_hidden_count_can_be_worked_out_from_what_is_published(data, k) -> None:  # type: ignore[no-untyped-def]
    shape, counts = data
    quantities = views(shape)
    hidden = protect(counts, quantities, k)
    true = {q.name: sum(counts[i] for i in q.cells) for q in quantities}
    assert all(true[q.name] >= k for q in quantities if q.name not in hidden), "small shown"
    for name, (low, high) in attack(counts, quantities, hidden).items():
        low, high = max(0, np.ceil(low - 1e-6)), np.floor(high + 1e-6)
        assert low <= true[name] <= high, "the attack must contain the truth"
        assert low != high, f"{name} = {true[name]} pinned down"
        if true[name] < k:
            assert not (low >= 1 and high <= k - 1), f"{name} = {true[name]} in [{low}, {high}]"


def test_k_is_never_below_the_floor() -> None:
    quantities = [Quantity("a", frozenset({0})), Quantity("b", frozenset({1}))]
    assert protect([4, 9], quantities, k=2) == {"a"}, "K=2 is read as 5: 4 is hidden"


def test_a_single_small_cell_beside_a_total_takes_a_partner_with_it() -> None:
    quantities = [
        Quantity("total", frozenset({0, 1, 2})),
        *(Quantity(f"v{i}", frozenset({i})) for i in range(3)),
    ]
    hidden = protect([2, 30, 40], quantities)
    assert hidden == {"v0", "v1"}, "the smallest other value goes too"


def test_shares_need_a_published_denominator_of_ten() -> None:
    assert share_shown(10) and not share_shown(9) and not share_shown(None)


def test_nothing_to_hide_hides_nothing() -> None:
    quantities = [Quantity(name, frozenset({i})) for i, name in enumerate("ab")]
    assert protect([7, 12], quantities) == set()
    assert protect([0, 12], quantities) == {"a"}, "zero is below K"

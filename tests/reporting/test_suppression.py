"""Small-cell suppression: no value 1–4 is ever shown, and no hidden value can be worked out.

The recovery test is a brute force independent of the LP inside `suppress`: for generated
tables it enumerates every integer table that agrees with everything published (the shown
cells and totals, "< 5" for a primary hidden value, ≥ 5 for a value hidden only to protect
another, which is what an attacker may assume since all shown values are 0 or ≥ 5) and checks
that each hidden value takes at least two different values across them.
"""

import itertools
import random

import pytest

from reporting.suppression import suppress

T = 5
SMALL_VALUES = (0, 0, 0, 1, 2, 3, 4, 5, 6, 7, 9, 12)


def _domain(primary: bool, cap: int) -> range:
    return range(1, T) if primary else range(T, max(cap, T) + 1)


def possible_values(result) -> dict[tuple[int, int], set[int]]:
    """Every value each hidden position can take, by enumerating the hidden interior cells row
    by row (a row's options must agree with its total) and checking columns and the grand total.
    Complementary values are capped at the true grand total: that gives the attacker *more*
    knowledge than the table does, so a value that still has two options is safe."""
    r, c = len(result.cells), len(result.column_totals)
    cap = result.grand_total
    hidden, primary = result.hidden, result.primary
    row_options = []
    for i in range(r):
        positions = [j for j in range(c) if hidden[i][j]]
        shown_sum = sum(result.cells[i][j] for j in range(c) if not hidden[i][j])
        options = []
        caps = [min([cap] + [total for total, flag in ((result.row_totals[i], hidden[i][c]),
                                                       (result.column_totals[j], hidden[r][j])) if not flag])
                for j in positions]
        for combo in itertools.product(*[_domain(primary[i][j], limit)
                                         for j, limit in zip(positions, caps, strict=True)]):
            total = shown_sum + sum(combo)
            if hidden[i][c]:
                if not (1 <= total < T if primary[i][c] else total >= T):
                    continue
            elif total != result.row_totals[i]:
                continue
            options.append(dict(zip(positions, combo, strict=True)) | {c: total})
        row_options.append(options)
    seen: dict[tuple[int, int], set[int]] = {}
    for choice in itertools.product(*row_options):
        grid = [[choice[i].get(j, result.cells[i][j]) for j in range(c)] + [choice[i][c]] for i in range(r)]
        column_totals = [sum(grid[i][j] for i in range(r)) for j in range(c)]
        grand = sum(column_totals)
        extended = grid + [column_totals + [grand]]
        ok = True
        for j in range(c + 1):
            value = extended[r][j]
            if hidden[r][j]:
                ok = 1 <= value < T if primary[r][j] else value >= T
            else:
                ok = value == (result.column_totals + [result.grand_total])[j]
            if not ok:
                break
        if not ok:
            continue
        for i in range(r + 1):
            for j in range(c + 1):
                if hidden[i][j]:
                    seen.setdefault((i, j), set()).add(extended[i][j])
    return seen


def _tables(count: int, seed: int):
    rng = random.Random(seed)
    for _ in range(count):
        rows, columns = rng.randint(1, 3), rng.randint(1, 4)
        yield [[rng.choice(SMALL_VALUES) for _ in range(columns)] for _ in range(rows)]


@pytest.mark.parametrize("seed", range(5))
def test_no_hidden_value_can_be_recovered_from_a_generated_table(seed):
    for cells in _tables(25, seed):
        result = suppress(cells, T)
        extended = result.extended()
        hidden_positions = {(i, j) for i, row in enumerate(result.hidden) for j, flag in enumerate(row) if flag}
        seen = possible_values(result)
        assert set(seen) == hidden_positions, cells  # the true table is always among the solutions
        for position, values in seen.items():
            assert extended[position[0]][position[1]] in values
            assert len(values) >= 2, f"{cells}: {position} can only be {values}"


def test_small_values_are_never_shown_and_large_ones_are():
    result = suppress([[3, 40, 17], [25, 30, 12]], T)
    assert result.public_cells()[0][0] is None
    shown = [value for row in result.public_cells() for value in row if value is not None]
    shown += [value for value in result.public_row_totals() + result.public_column_totals() if value is not None]
    assert all(value == 0 or value >= T for value in shown)
    assert sum(value is None for value in result.public_cells()[0] + [result.public_row_totals()[0]]) >= 2
    assert suppress([[10, 20], [30, 0]], T).public_cells() == [[10, 20], [30, 0]]


def test_a_hidden_cell_bridging_two_blocks_is_not_left_determined():
    """Two 2×2 blocks of small values joined through one small cell: every line has two hidden
    values, yet the joining cell would follow from the equations. The audit must open it up."""
    cells = [[2, 3, 0, 0, 9],
             [3, 2, 1, 0, 9],
             [0, 0, 2, 3, 9],
             [0, 0, 3, 2, 9],
             [9, 9, 9, 9, 9]]
    result = suppress(cells, T)
    assert all(result.hidden[i][j] for i in range(4) for j in range(4) if cells[i][j])
    small = [[cell for cell in row[:3]] for row in cells[:2]]
    seen = possible_values(suppress(small, T))
    assert all(len(values) >= 2 for values in seen.values())

"""Small-cell suppression for the sector figures (recommendations 2.4 and 3.6: figures that
never point at a person), used by every output: pages, charts, exports and the API.

A table is its cells plus its margins. We work on the *extended* table E of (r+1) × (c+1):
E[i][j] the cells, E[i][c] the row totals, E[r][j] the column totals and E[r][c] the grand
total. Every row and every column of E is one linear equation: the cells add up to the total.

1. **Primary suppression.** Every value 1 … threshold−1 (cells and totals alike) is hidden;
   it reads "< 5". Zero is shown: it says nothing about a person.
2. **Complementary suppression.** A line (row or column of E) with exactly one hidden value
   gives it away by subtraction, so we hide a second value in it: the smallest shown nonzero
   value of the line (cells before totals). Shown nonzero values are ≥ threshold, so this
   never hides a zero and always finds one (a line whose only hidden value is v ≥ 1 has
   another nonzero member). Repeat until every line has 0 or ≥ 2 hidden values.
3. **Audit by linear programming.** "Two per line" is necessary but not sufficient: two
   rectangles of hidden cells joined by a single hidden cell (a bridge in the bipartite graph
   of hidden cells) leave that cell determined although every line has two. So we compute,
   for each hidden value x, the smallest and largest value it can take given everything an
   attacker knows:
     - every shown value, and every line equation;
     - the primary hidden values lie in [1, threshold−1] (they read "< 5");
     - the complementary hidden values lie in [threshold, ∞) (everything shown is 0 or ≥ 5,
       so an attacker may assume it of a value hidden only to protect another).
   The equations form a network matrix (each variable is in one row equation and one column
   equation, with sign ±1), which is totally unimodular, so with integer bounds the LP
   optimum is attained at an integer point: min < max means at least two whole values
   are possible. A hidden value with min == max is pinned; we then hide the smallest shown
   nonzero value in its row or column (opening a new cycle around it) and start again.
   To save LPs (`pinned_value`): the true table is feasible, so any LP solution that puts a
   hidden value elsewhere than its true value proves two values possible; two LPs that push
   all open values up and then down settle most of them, and a value once free stays free
   when more is hidden (the attacker's feasible set only grows).
   When nothing is left to hide, the whole table is hidden (it never comes to that on a
   table that has any shown nonzero value next to the pinned one; it is the safe fallback).

The brute-force test in tests/reporting/test_suppression.py enumerates every integer table
consistent with what is shown, independently of the LP, on generated tables.
"""

from dataclasses import dataclass

import numpy as np
from scipy.optimize import linprog


@dataclass
class Suppressed:
    """A table with its margins, and which values are hidden (True = hidden)."""

    cells: list[list[int]]
    row_totals: list[int]
    column_totals: list[int]
    grand_total: int
    hidden: list[list[bool]]  # over the extended table: rows then the total row; columns then the total column
    primary: list[list[bool]]
    threshold: int

    def shown(self, i: int, j: int):
        """The value at E[i][j], or None when hidden."""
        return None if self.hidden[i][j] else self.extended()[i][j]

    def extended(self) -> list[list[int]]:
        rows = [list(row) + [total] for row, total in zip(self.cells, self.row_totals, strict=True)]
        return rows + [list(self.column_totals) + [self.grand_total]]

    def public_cells(self) -> list[list[int | None]]:
        r, c = len(self.cells), len(self.column_totals)
        return [[self.shown(i, j) for j in range(c)] for i in range(r)]

    def public_row_totals(self) -> list[int | None]:
        c = len(self.column_totals)
        return [self.shown(i, c) for i in range(len(self.cells))]

    def public_column_totals(self) -> list[int | None]:
        r = len(self.cells)
        return [self.shown(r, j) for j in range(len(self.column_totals))]

    def public_grand_total(self) -> int | None:
        return self.shown(len(self.cells), len(self.column_totals))

    def is_primary(self, i: int, j: int) -> bool:
        return self.primary[i][j]


def _lines(r: int, c: int):
    for i in range(r + 1):
        yield [(i, j) for j in range(c + 1)]
    for j in range(c + 1):
        yield [(i, j) for i in range(r + 1)]


def _complete_lines(values, hidden, r, c) -> bool:
    """Step 2; True when it hid something."""
    changed = False
    again = True
    while again:
        again = False
        for line in _lines(r, c):
            if sum(hidden[i][j] for i, j in line) != 1:
                continue
            candidates = [(values[i][j], i == r or j == c, i, j) for i, j in line if not hidden[i][j] and values[i][j]]
            if not candidates:
                continue  # cannot happen (see the module docstring); the audit catches it anyway
            _v, _t, i, j = min(candidates)
            hidden[i][j] = again = changed = True
    return changed


def _system(values, hidden, primary, threshold):
    """The attacker's linear system over the hidden values: (positions, A_eq, b_eq, bounds)."""
    r, c = len(values) - 1, len(values[0]) - 1
    unknown = [(i, j) for i in range(r + 1) for j in range(c + 1) if hidden[i][j]]
    index = {position: k for k, position in enumerate(unknown)}
    rows_a, rows_b = [], []
    for line in _lines(r, c):
        coefficients, constant = np.zeros(len(unknown)), 0.0
        for i, j in line:
            sign = -1.0 if (i, j) == line[-1] else 1.0  # the cells add up to the line's total, its last member
            if hidden[i][j]:
                coefficients[index[(i, j)]] += sign
            else:
                constant -= sign * values[i][j]
        if coefficients.any():
            rows_a.append(coefficients)
            rows_b.append(constant)
    # A finite cap instead of "no upper bound" keeps every LP bounded; no count comes near it.
    bounds = [(1, threshold - 1) if primary[i][j] else (threshold, UNBOUNDED) for i, j in unknown]
    return unknown, np.array(rows_a), np.array(rows_b), bounds


UNBOUNDED = 10 ** 9


def pinned_value(values, hidden, primary, threshold, free: set) -> tuple[int, int] | None:
    """The first hidden position an attacker can pin to one value, or None. Positions shown to
    have two possible values are added to `free`. The true table is always feasible, so a
    solution that puts a value anywhere else than its true value proves it free: two LPs
    (push all open values up, then down) free most at once; the rest get their own min and max."""
    unknown, a_eq, b_eq, bounds = _system(values, hidden, primary, threshold)
    open_ = [k for k, position in enumerate(unknown) if position not in free]
    if not open_:
        return None
    truth = np.array([values[i][j] for i, j in unknown], dtype=float)
    for direction in (-1.0, 1.0):
        objective = np.zeros(len(unknown))
        objective[open_] = direction
        result = linprog(objective, A_eq=a_eq, b_eq=b_eq, bounds=bounds, method="highs")
        if result.status == 0:
            free.update(unknown[k] for k in open_ if abs(result.x[k] - truth[k]) > 0.5)
    for k in open_:
        if unknown[k] in free:
            continue
        for direction in (-1.0, 1.0):
            objective = np.zeros(len(unknown))
            objective[k] = direction
            result = linprog(objective, A_eq=a_eq, b_eq=b_eq, bounds=bounds, method="highs")
            if result.status == 0 and abs(result.x[k] - truth[k]) > 0.5:
                free.add(unknown[k])
                break
        else:
            return unknown[k]
    return None


def suppress(cells: list[list[int]], threshold: int) -> Suppressed:
    """Hide what must be hidden in a table of counts (see the module docstring)."""
    r, c = len(cells), len(cells[0]) if cells else 0
    row_totals = [sum(row) for row in cells]
    column_totals = [sum(cells[i][j] for i in range(r)) for j in range(c)]
    grand = sum(row_totals)
    values = [list(row) + [total] for row, total in zip(cells, row_totals, strict=True)] + [column_totals + [grand]]
    primary = [[0 < value < threshold for value in row] for row in values]
    hidden = [list(row) for row in primary]
    # Hiding more only widens what the others can be, so a value once found free stays free.
    free: set[tuple[int, int]] = set()
    while True:
        _complete_lines(values, hidden, r, c)
        pinned = pinned_value(values, hidden, primary, threshold, free)
        if pinned is None:
            break
        i, j = pinned
        candidates = [(values[a][b], a == r or b == c, a, b)
                      for a, b in [(i, b) for b in range(c + 1)] + [(a, j) for a in range(r + 1)]
                      if not hidden[a][b] and values[a][b]]
        if not candidates:
            candidates = [(values[a][b], True, a, b) for a in range(r + 1) for b in range(c + 1)
                          if not hidden[a][b] and values[a][b]]
            if not candidates:  # nothing left to open a cycle with: hide the whole table
                hidden = [[bool(value) or flag for value, flag in zip(row, flags, strict=True)]
                          for row, flags in zip(values, hidden, strict=True)]
                break
        _v, _t, a, b = min(candidates)
        hidden[a][b] = True
    return Suppressed([list(row) for row in cells], row_totals, column_totals, grand, hidden, primary, threshold)

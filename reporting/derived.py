"""Figures that are not counts, in the same table shape as the counts (so the pages, charts,
exports and the API need nothing of their own): each table says its `unit`.

- **Rates** ("percent"): a suppressed count table divided by its row totals (the column totals
  by the grand total), in whole percent. A rate is computed only from values the count table
  shows, and is hidden (None) wherever its count or its denominator is hidden: it can never
  tell more than the count table it comes from.
- **Medians** ("days"): a median is not a count, so it is not added up and needs no
  complementary suppression; it is shown only when at least `threshold` values underlie it,
  otherwise it reads "< 5 beslissingen" (primary) and is None in the API.
"""

import math
import statistics


def _half_up(value: float) -> int:
    return math.floor(value + 0.5)


def _percent(part, whole):
    if part is None or not whole:
        return None
    return _half_up(100 * part / whole)


def row_percentages(counts: dict, name: str, title: str) -> dict:
    """The counts table `counts` (as `figures._table` makes it) as percentages of its rows."""
    rows, columns = len(counts["rows"]), len(counts["columns"])
    grand = counts["grand_total"]
    return {"name": name, "title": title, "unit": "percent", "rows": counts["rows"], "columns": counts["columns"],
            "cells": [[_percent(value, total) for value in row]
                      for row, total in zip(counts["cells"], counts["row_totals"], strict=True)],
            "row_totals": [_percent(total, total) for total in counts["row_totals"]],
            "column_totals": [_percent(total, grand) for total in counts["column_totals"]],
            "grand_total": _percent(grand, grand),
            "primary": [[False] * (columns + 1) for _ in range(rows + 1)]}


def median_table(name: str, title: str, samples: dict, row_vocab: dict, column_vocab: dict, threshold: int,
                 localize) -> dict:
    """Medians of `samples` {(row, column): [values]}, per cell, per row, per column and overall,
    each shown only when at least `threshold` values underlie it."""
    rows = [code for code in row_vocab if any(samples.get((code, column)) for column in column_vocab)]
    columns = [code for code in column_vocab if any(samples.get((row, code)) for row in row_vocab)]
    rows, columns = rows or list(row_vocab)[:1], columns or list(column_vocab)[:1]

    def values(row_codes, column_codes):
        return [value for r in row_codes for c in column_codes for value in samples.get((r, c), [])]

    def median(found):
        return _half_up(statistics.median(found)) if len(found) >= threshold else None

    grid = [[values([r], [c]) for c in columns] + [values([r], columns)] for r in rows]
    grid.append([values(rows, [c]) for c in columns] + [values(rows, columns)])
    return {"name": name, "title": title, "unit": "days",
            "rows": [localize(row_vocab[code]) for code in rows],
            "columns": [localize(column_vocab[code]) for code in columns],
            "cells": [[median(found) for found in line[:-1]] for line in grid[:-1]],
            "row_totals": [median(line[-1]) for line in grid[:-1]],
            "column_totals": [median(found) for found in grid[-1][:-1]],
            "grand_total": median(grid[-1][-1]),
            "primary": [[len(found) < threshold for found in line] for line in grid]}

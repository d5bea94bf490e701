"""Rows as they are shown (page and API): problems in the reader's language, by column."""

from __future__ import annotations

from dataclasses import dataclass

from placements.columns import COLUMNS
from placements.models import PlacementRow
from placements.rows import problem_message


@dataclass(frozen=True)
class Cell:
    key: str
    text: str
    errors: list[str]


@dataclass(frozen=True)
class RowView:
    row: PlacementRow
    cells: list[Cell]
    errors: list[str]  # every problem of the row, in words
    notices: list[str]


def messages_of(items) -> list[dict]:
    return [{"field": item.get("field", ""), "code": item.get("code", ""), "message": problem_message(item)}
            for item in items or ()]


def row_view(row: PlacementRow) -> RowView:
    problems = messages_of(row.problems)
    by_field: dict[str, list[str]] = {}
    for problem in problems:
        by_field.setdefault(problem["field"], []).append(problem["message"])
    cells = [Cell(key=column.key, text=row.values.get(column.key, ""), errors=by_field.get(column.key, []))
             for column in COLUMNS]
    return RowView(row=row, cells=cells, errors=[p["message"] for p in problems],
                   notices=[n["message"] for n in messages_of(row.notices)])

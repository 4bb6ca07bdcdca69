"""« Exporter (CSV) »: the portrait as a spreadsheet-safe CSV (UTF-8 with BOM, French headers)."""

from __future__ import annotations

import csv
import io
from typing import Callable

from competence.domain.content import Content
from competence.domain.portrait import LearnerRow

BOM = "\ufeff"  # so spreadsheet programs read the accents right
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(cell: str) -> str:
    """A cell a spreadsheet would run as a formula is prefixed with a quote, so it stays text."""
    return "'" + cell if cell.startswith(_FORMULA_STARTS) else cell


def portrait_csv(rows: list[LearnerRow], bank: Content, label: Callable[[str], str], date: Callable) -> str:
    """`label` translates catalogue keys (headers, school levels); `date` formats a date."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")  # « ; »: the separator French Excel expects
    writer.writerow(
        [label("export.name"), label("export.school_level"), label("export.last_activity"), label("export.global_level")]
        + [f"{d.number}. {d.name()}" for d in bank.dimensions]
    )
    for row in sorted(rows, key=lambda r: r.name.casefold()):
        cells = [
            row.name,
            label(f"level.{row.school_level}"),
            date(row.last_activity) if row.last_activity else label("portrait.no_activity"),
            bank.level_name(row.global_level) if row.global_level else "",
        ] + [bank.level_name(row.levels[d.number]) if d.number in row.levels else "" for d in bank.dimensions]
        writer.writerow([neutralise(cell) for cell in cells])
    return BOM + out.getvalue()

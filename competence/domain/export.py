"""« Exporter (CSV) »: the portrait as a spreadsheet-safe CSV (UTF-8 with BOM, headers in the
teacher's language)."""

from __future__ import annotations

import csv
import io

from competence.domain.content import Content
from competence.domain.portrait import LearnerRow
from competence.i18n import format_date, t

BOM = "\ufeff"  # so spreadsheet programs read the accents right
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(cell: str) -> str:
    """A cell a spreadsheet would run as a formula is prefixed with a quote, so it stays text."""
    return "'" + cell if cell.startswith(_FORMULA_STARTS) else cell


def portrait_csv(rows: list[LearnerRow], bank: Content, language: str = "fr") -> str:
    """Headers, levels and dates in `language`; « ; » between cells in French (what a French
    spreadsheet expects), « , » in English."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";" if language == "fr" else ",", lineterminator="\r\n")
    headers = ("export.name", "export.school_level", "export.last_activity", "export.global_level")
    writer.writerow([t(key, language) for key in headers] + [f"{d.number}. {d.name(language)}" for d in bank.dimensions])
    for row in sorted(rows, key=lambda r: r.name.casefold()):
        cells = [
            row.name,
            t(f"level.{row.school_level}", language),
            format_date(row.last_activity, language) if row.last_activity else t("portrait.no_activity", language),
            bank.level_name(row.global_level, language) if row.global_level else "",
        ] + [bank.level_name(row.levels[d.number], language) if d.number in row.levels else "" for d in bank.dimensions]
        writer.writerow([neutralise(cell) for cell in cells])
    return BOM + out.getvalue()

"""The feedback workbook for a returned workbook with errors (`reportgen import`).

A copy of the institution's own file in which every cell with an error has a red fill and
a comment with the message, plus a first sheet `terugkoppeling` that lists every problem
(errors and warnings, each with a link to its cell). Warnings are listed, not marked.
"""

from __future__ import annotations

import io
import warnings
from pathlib import Path
from typing import TYPE_CHECKING

from openpyxl import load_workbook
from openpyxl.comments import Comment
from openpyxl.utils import quote_sheetname
from openpyxl.worksheet.hyperlink import Hyperlink

from .dataset import Reference
from .errors import Problem, errors_of, warnings_of
from .workbooks import (
    BOLD, ERROR_FILL, FEEDBACK_SHEET, HEADER_FILL, HEADER_FONT, TITLE_FONT, WRAP, contact,
    institutions, save_workbook,
)

if TYPE_CHECKING:
    from .importing import Delivery

AUTHOR = "reportgen"
COLUMNS = (("soort", 14), ("blad", 16), ("cel", 8), ("kolom", 18), ("waarde", 24),
           ("toelichting", 90))


def write_feedback(d: Delivery, ref: Reference, jaar: int, path: Path) -> None:
    """Write the feedback workbook of delivery `d` (which opened as a workbook) to `path`."""
    assert d.content is not None
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        wb = load_workbook(io.BytesIO(d.content))
    marked = _mark_cells(wb, errors_of(d.problems))
    if FEEDBACK_SHEET in wb.sheetnames:  # feedback on a returned feedback workbook
        del wb[FEEDBACK_SHEET]
    ws = wb.create_sheet(FEEDBACK_SHEET, 0)
    naam = institutions(ref).get(d.code or "", d.code or d.path.stem)
    errors, warns = errors_of(d.problems), warnings_of(d.problems)
    intro = [
        (f"Terugkoppeling op de aanlevering over {jaar} — {naam}", TITLE_FONT),
        (f"Bestand: {d.name}", None),
        (f"Deze werkmap is niet ingelezen: {len(errors)} fout(en)"
         + (f" en {len(warns)} waarschuwing(en)" if warns else "") + ". "
         "Cellen met een fout zijn rood gemaakt en hebben een opmerking met de uitleg"
         + ("" if marked else " (hier geen: de fouten betreffen de werkmap als geheel)")
         + ". Herstel de fouten in uw eigen werkmap (of in deze) en stuur die opnieuw naar "
         f"{contact(ref)}. Waarschuwingen houden het inlezen niet tegen; controleer ze wel.",
         None),
    ]
    for row, (text, font) in enumerate(intro, start=1):
        cell = ws.cell(row, 1, text)
        if font is not None:
            cell.font = font
    ws.merge_cells(start_row=3, start_column=1, end_row=3, end_column=len(COLUMNS))
    ws.cell(3, 1).alignment = WRAP
    ws.row_dimensions[3].height = 60
    head = 5
    for col, (title, width) in enumerate(COLUMNS, start=1):
        cell = ws.cell(head, col, title)
        cell.font, cell.fill = HEADER_FONT, HEADER_FILL
        ws.column_dimensions[cell.column_letter].width = width
    for row, p in enumerate(errors + warns, start=head + 1):
        values = ("fout" if p.is_error else "waarschuwing", p.sheet, p.cell,
                  p.column, p.value, _explanation(p))
        for col, value in enumerate(values, start=1):
            ws.cell(row, col, value).alignment = WRAP
        if p.sheet in wb.sheetnames and p.cell:
            link = ws.cell(row, 3)
            link.hyperlink = Hyperlink(ref=link.coordinate,
                                       location=f"{quote_sheetname(p.sheet)}!{p.cell}")
            link.font = BOLD
    ws.freeze_panes = ws.cell(head + 1, 1)
    wb.active = 0
    for sheet in wb.worksheets:
        sheet.sheet_view.tabSelected = sheet is ws
    save_workbook(wb, path)


def _explanation(p: Problem) -> str:
    """The message without the location (that has its own columns)."""
    text = p.expected
    if p.line is not None:
        text = f"regel {p.line}: {text}"
    return text


def _mark_cells(wb, problems: list[Problem]) -> int:  # noqa: ANN001 - an openpyxl Workbook
    """Red fill and a comment on every cell with an error; returns the number of cells."""
    by_cell: dict[tuple[str, str], list[Problem]] = {}
    for p in problems:
        if p.sheet in wb.sheetnames and p.cell:
            by_cell.setdefault((p.sheet, p.cell), []).append(p)
    for (sheet, coordinate), found in by_cell.items():
        cell = wb[sheet][coordinate]
        cell.fill = ERROR_FILL
        text = "\n".join(_comment_line(p) for p in found)
        comment = Comment(text, AUTHOR)
        comment.width, comment.height = 320, 40 + 40 * len(found)
        cell.comment = comment
    return len(by_cell)


def _comment_line(p: Problem) -> str:
    shown = f"Waarde '{p.value}': " if p.value not in (None, "") else ""
    return f"{shown}{p.expected}"

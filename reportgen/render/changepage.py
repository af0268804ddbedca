"""The marks of a draft during one rendering: `Marker` hands the templates the mark of each
table cell (`wijziging(tabel, rij, kolom)`), marks the changed texts (render/marks.py) and
remembers where every mark landed, so that the change page at the front can link to it
(and WeasyPrint can print its page number with `target-counter`).

One `Marker` per rendered document: the ids it hands out are unique within it.
"""

from __future__ import annotations

from typing import Any, Mapping

from jinja2 import Environment
from markupsafe import Markup

from ..view.wijzigingen import CellMark, Wijzigingen, change_page
from .marks import SentenceMark, mark_text
from .numbering import break_long_words, definition_numbers

PLACEHOLDER = "<!--WIJZIGINGEN-->"
ANCHOR_PREFIX = "wijziging-"


class Marker:
    def __init__(self, changes: Wijzigingen):
        self.changes = changes
        summary = changes.summary
        self._cells = {(c.tabel_sleutel, c.rij_sleutel, c.kolom_sleutel): c
                       for c in summary.cellen if c.kolom_sleutel}
        self._texts = {t.sleutel: t for t in summary.teksten if t.soort != "verwijderd"}
        self._n = 0
        self.placed_cells: dict[tuple[str, str, str], str] = {}
        self.text_marks: dict[str, list[SentenceMark]] = {}
        self.text_order: list[str] = []

    def anchor(self) -> str:
        self._n += 1
        return f"{ANCHOR_PREFIX}{self._n}"

    def cel(self, tabel: str, rij: Any, kolom: str) -> CellMark:
        """The mark of one printed cell (template global `wijziging`)."""
        key = (str(tabel), str(rij), str(kolom))
        change = self._cells.get(key)
        if change is None:
            return CellMark()
        if key in self.placed_cells:  # printed twice: marked twice, linked once
            return CellMark(oud=change.oud, gewijzigd=True)
        anker = self.anchor()
        self.placed_cells[key] = anker
        return CellMark(anker=anker, oud=change.oud, gewijzigd=True)

    def mark_texts(self, texts: Mapping[str, Any]) -> dict[str, Any]:
        """A copy of the rendered texts with the changed sentences marked."""
        out = dict(texts)
        old = self.changes.summary.vorige_teksten
        for key, value in texts.items():
            self.text_order.append(key)
            if key not in self._texts or not isinstance(value, Markup):
                continue
            marked = mark_text(str(value), old.get(key, ""), self.anchor)
            out[key] = marked.html
            self.text_marks[key] = marked.marks
        return out

    def page(self, env: Environment, ctx: dict[str, Any], body: str) -> str:
        """The change page (onderdelen/wijzigingen.html) for the rendered `body`."""
        numbers = {key: n for (kind, key), n in definition_numbers(body).items()
                   if kind == "tabel"}
        view = change_page(self.changes, self.placed_cells, self.text_marks, numbers,
                           self.text_order)
        html = env.get_template("onderdelen/wijzigingen.html").render(ctx, wijzigingen=view)
        return break_long_words(html)


def insert_page(html: str, page: str) -> str:
    return html.replace(PLACEHOLDER, page, 1)

"""What a marked draft shows of the changes since the previous build: the marks on table
cells (`CellMark`) and the change page at the front (`ChangePage`, laid out by
templates/onderdelen/wijzigingen.html).

    changes = Wijzigingen(summary, vorige=PreviousBuild.from_manifest(manifest))

`summary` comes from `changes.compare`; render/changepage.py puts the marks into the HTML
and fills the change page with where each mark landed.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, Mapping

from markupsafe import Markup

from ..changes import ChangeSummary, TextChange

MAX_CELLS_LISTED = 200  # changed cells on the change page; wijzigingen.md has all of them
MAX_SENTENCES_LISTED = 12  # changed sentences per text on the change page
MAX_SENTENCE_CHARS = 240


@dataclass(frozen=True)
class PreviousBuild:
    """The build a draft is compared with: a draft (with its number) or a final version."""

    concept_nummer: int | None = None
    datum: dt.date | None = None
    definitief: bool = False

    @classmethod
    def from_manifest(cls, manifest: Mapping[str, Any] | None) -> "PreviousBuild | None":
        if not manifest or not isinstance(manifest.get("opties"), dict):
            return None
        if not manifest["opties"].get("draft"):
            return cls(definitief=True)
        nummer = manifest.get("concept_nummer")
        datum = None
        if isinstance(manifest.get("builddatum"), str):
            try:
                datum = dt.date.fromisoformat(manifest["builddatum"])
            except ValueError:
                datum = None
        return cls(concept_nummer=nummer if isinstance(nummer, int) and nummer > 0 else None,
                   datum=datum)


@dataclass(frozen=True)
class Wijzigingen:
    """The change set a marked draft (or the preview with --markeer) shows."""

    summary: ChangeSummary
    vorige: PreviousBuild | None = None


@dataclass(frozen=True)
class CellMark:
    """How a table cell is marked: `klasse` is added to its class list, `attributen` to
    its tag (the id the change page links to; the old value as a tooltip on screen)."""

    anker: str = ""
    oud: str = ""
    gewijzigd: bool = False

    def __bool__(self) -> bool:
        return self.gewijzigd

    @property
    def klasse(self) -> str:
        return " wz-cel" if self.gewijzigd else ""

    @property
    def attributen(self) -> Markup:
        if not self.gewijzigd:
            return Markup("")
        ident = Markup(' id="{}"').format(self.anker) if self.anker else Markup("")
        return ident + Markup(' title="Was: {}"').format(self.oud)


GEEN_MARKERING = CellMark()


def geen_markering(*_args: Any) -> CellMark:
    """The cell marker of a report without marks."""
    return GEEN_MARKERING


@dataclass(frozen=True)
class CellEntry:
    anker: str  # "" when the table is not printed in the report
    tabel: str  # "Tabel 3 · Besteding" or the title alone
    rij: str
    kolom: str
    oud: str
    nieuw: str


@dataclass(frozen=True)
class SentenceEntry:
    soort: str  # gewijzigd | nieuw | weg
    anker: str
    oud: str
    nieuw: str


@dataclass(frozen=True)
class TextEntry:
    sleutel: str
    pad: str
    soort: str  # toegevoegd | gewijzigd | cijfers | verwijderd
    zinnen: tuple[SentenceEntry, ...] = ()
    meer: int = 0  # further changed sentences, not listed
    anker: str = ""  # first mark in the text


@dataclass(frozen=True)
class ChangePage:
    vorige: PreviousBuild | None
    cellen: tuple[CellEntry, ...] = ()
    cellen_meer: int = 0
    teksten: tuple[TextEntry, ...] = ()
    tabellen_nieuw: tuple[str, ...] = ()
    tabellen_weg: tuple[str, ...] = ()
    leeg: bool = True


def _clip(text: str) -> str:
    if len(text) <= MAX_SENTENCE_CHARS:
        return text
    return text[:MAX_SENTENCE_CHARS - 1].rstrip() + "…"


def table_label(title: str, nummer: int | None) -> str:
    return f"Tabel {nummer} · {title}" if nummer else title


def change_page(changes: Wijzigingen, placed_cells: Mapping[tuple[str, str, str], str],
                text_marks: Mapping[str, list[Any]], table_numbers: Mapping[str, int],
                text_order: list[str]) -> ChangePage:
    """The change page: every changed cell (with the id of its mark when the table is
    printed), every text with its changed sentences (ids of their marks), new and removed
    tables. `text_marks`: text key -> render.marks.SentenceMark list."""
    summary = changes.summary
    cells = []
    for c in summary.cellen[:MAX_CELLS_LISTED]:
        anker = placed_cells.get((c.tabel_sleutel, c.rij_sleutel, c.kolom_sleutel), "")
        cells.append(CellEntry(anker, table_label(c.tabel, table_numbers.get(c.tabel_sleutel)),
                               c.rij, c.kolom, c.oud, c.nieuw))
    by_key: dict[str, TextChange] = {t.sleutel: t for t in summary.teksten}
    texts: list[TextEntry] = []
    order = [k for k in text_order if k in by_key] + sorted(set(by_key) - set(text_order))
    for key in order:
        t = by_key[key]
        marks = list(text_marks.get(key, ()))
        if t.soort != "verwijderd" and key not in text_marks and not t.zinnen:
            continue  # not printed (an unused text) and nothing to say
        if t.soort == "verwijderd" or key not in text_marks:
            zinnen = tuple(SentenceEntry("weg" if kind == "weg" else "nieuw", "",
                                         _clip(z) if kind == "weg" else "",
                                         _clip(z) if kind == "bij" else "")
                           for kind, z in t.zinnen[:MAX_SENTENCES_LISTED])
            texts.append(TextEntry(key, t.pad, t.soort, zinnen, meer=t.meer))
            continue
        listed = marks[:MAX_SENTENCES_LISTED]
        texts.append(TextEntry(
            key, t.pad, t.soort,
            tuple(SentenceEntry(m.soort, m.anker, _clip(m.oud), _clip(m.nieuw))
                  for m in listed),
            meer=len(marks) - len(listed),
            anker=next((m.anker for m in marks if m.anker), "")))
    return ChangePage(
        vorige=changes.vorige, cellen=tuple(cells),
        cellen_meer=max(0, len(summary.cellen) - MAX_CELLS_LISTED), teksten=tuple(texts),
        tabellen_nieuw=tuple(summary.tabellen_nieuw), tabellen_weg=tuple(summary.tabellen_weg),
        leeg=summary.leeg)

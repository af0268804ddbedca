"""Tables as the reader sees them: the computed `model.Table` (numbers and codes) gets its
title, its header labels, row labels and notes. Every table's wording is declared here,
once; the templates, the CSV/XLSX export and the change summary all read `TableView`s.
Cell values stay numbers until a formatting filter prints them."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable

from ..formatting import fmt_getal
from ..model import Table
from ..vocab import CONTRACTVORM, FUNCTIEGROEP, INZET
from .labels import Labels


@dataclass(frozen=True)
class ColumnView:
    key: str
    label: str  # Dutch header as printed
    kind: str  # text | euro | fte | pct | int


@dataclass(frozen=True)
class RowView:
    label: str  # first cell (institution name, "Totaal", ...)
    values: dict[str, Any]  # column key -> Decimal | int | str | None
    key: str = ""  # stable id (institution code, "totaal") for diffs and exports
    is_total: bool = False


@dataclass(frozen=True)
class TableView:
    key: str
    title: str  # short Dutch title, also the XLSX sheet name (<= 31 characters)
    first_column: str  # header of the label column
    columns: tuple[ColumnView, ...]
    rows: tuple[RowView, ...]
    notes: tuple[str, ...] = ()  # notes under the table (plain text)
    extra: dict[str, Any] = field(default_factory=dict)
    label_kind: str = "text"  # kind of the label column ("jaar": years, exported as numbers)

    def row(self, key: str) -> RowView:
        for r in self.rows:
            if r.key == key:
                return r
        raise KeyError(key)

    @property
    def total(self) -> RowView | None:
        return next((r for r in self.rows if r.is_total), None)


TOTAAL = "Totaal"


@dataclass(frozen=True)
class TableSpec:
    title: Callable[[Table, Labels], str]
    first_column: Callable[[Labels], str]
    columns: dict[str, str]  # column key -> header
    notes: Callable[[Table, Labels], tuple[str, ...]] = lambda t, lab: ()
    values: Callable[[str, Any], Any] = lambda key, value: value  # code -> label per cell
    label_kind: str = "text"


def _gender_note(table: Table, labels: Labels) -> tuple[str, ...]:
    """The note under Bijlage VI about persons whose gender is neither v nor m."""
    per = table.facts.get("overig_per_instelling") or {}
    names = {r.key: r.naam for r in table.rows}
    total = sum(per.values())
    if not total:
        return ()
    if len(per) == 1:
        waar = names.get(next(iter(per)), next(iter(per)))
    else:
        waar = ", ".join(f"{names.get(code, code)} {fmt_getal(n)}" for code, n in per.items())
    if total == 1:
        return (f"Bij één medewerker ({waar}) is het geslacht niet als vrouw of man "
                "geregistreerd; deze medewerker telt mee in de totalen, niet in deze tabel.",)
    return (f"Bij {fmt_getal(total)} medewerkers ({waar}) is het geslacht niet als vrouw of "
            "man geregistreerd; zij tellen mee in de totalen, niet in deze tabel.",)


def _instelling(labels: Labels) -> str:
    return labels.instelling


CV = CONTRACTVORM.labels

TABLES: dict[str, TableSpec] = {
    "besteding": TableSpec(
        title=lambda t, lab: f"Bestedingen {t.facts.get('van')}–{t.facts.get('tot')}",
        first_column=_instelling,
        columns={"tijdelijke_posities": "Tijdelijke posities",
                 "vaste_posities": "Vaste posities", "indirecte_kosten": "Indirecte kosten",
                 "materieel": "Materieel", "besteed": "Totaal besteed",
                 "ontvangen": "Ontvangen", "onderbesteding": "Onderbesteding",
                 "besteed_pct": "Besteed"}),
    "besteding_per_jaar": TableSpec(
        title=lambda t, lab: "Besteding per jaar", first_column=lambda lab: "jaar",
        columns={"ontvangen": "Ontvangen", "besteed": "Besteed", "verschil": "Onderbesteding",
                 "besteed_pct": "Besteed (%)"}, label_kind="jaar"),
    "functies": TableSpec(
        title=lambda t, lab: "Fte per functiecategorie", first_column=lambda lab: "Functie",
        columns={"groep": "Functiegroep", "vast": CV["vast"],
                 "toegezegd_vast": CV["toegezegd_vast"], "tijdelijk": CV["tijdelijk"],
                 "fte_totaal": "Totaal fte", "personen": "Personen"},
        notes=lambda t, lab: ("Exclusief inloopposities.",) if t.facts.get("zonder_inloop")
        else (),
        values=lambda key, v: FUNCTIEGROEP.label(v) if key == "groep" and v else v),
    "realisatie_fte": TableSpec(
        title=lambda t, lab: "Gerealiseerde posities (fte)", first_column=_instelling,
        columns={**CV, "begroot": "Begroot",
                 "realisatie_pct": "Realisatie structurele formatie"}),
    "personen": TableSpec(
        title=lambda t, lab: "Aantal medewerkers", first_column=_instelling, columns=dict(CV)),
    "gender": TableSpec(
        title=lambda t, lab: "Vrouwen en mannen", first_column=_instelling,
        columns={"vast_v": "vast [v]", "tijdelijk_v": "tijdelijk [v]", "vast_m": "vast [m]",
                 "tijdelijk_m": "tijdelijk [m]"},
        notes=_gender_note),
}


def table_view(table: Table, labels: Labels) -> TableView:
    spec = TABLES[table.key]
    return TableView(
        key=table.key, title=spec.title(table, labels), first_column=spec.first_column(labels),
        columns=tuple(ColumnView(c.key, spec.columns[c.key], c.kind) for c in table.columns),
        rows=tuple(RowView(label=TOTAAL if r.is_total else (r.naam or r.key),
                           values={k: spec.values(k, v) for k, v in r.values.items()},
                           key=r.key, is_total=r.is_total) for r in table.rows),
        notes=spec.notes(table, labels), label_kind=spec.label_kind)


def themamatrix_table(model: Any, labels: Labels) -> TableView:
    """The theme matrix as a table: one row per institution, one column per subtheme."""
    subs = [s for t in model.themas for s in t.subthemas]
    return TableView(
        key="themamatrix", title="Themamatrix", first_column=labels.instelling,
        columns=tuple(ColumnView(s.code, s.naam, "text") for s in subs),
        rows=tuple(RowView(label=i.naam, key=i.code, values={
            s.code: INZET.label(model.themamatrix.get(i.code, {}).get(s.code, "")) or ""
            for s in subs}) for i in model.instellingen))

"""Factsheets (`reportgen factsheets`): one institution's figures for the committee's site
visits, in words. Every number is a cell of a table the report prints (`Parts.tabellen`:
Bijlage V `realisatie_fte`, `personen`, `gender`, `besteding`, the themamatrix) or of
that table as it stood in an earlier year (`formatie.tabel_per_jaar`), shown next to the
table's total row; nothing is recomputed. The factsheet turns each table around: its
columns become rows ("Vast", "Begroot", ...), with the institution and all institutions
as the two columns."""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from ..formatting import fmt_datum, fmt_euro, fmt_pct
from ..model import ReportModel
from . import Parts
from .figures import FigureView, SeriesView
from .labels import VOORBEELD, Labels

#: The report tables a factsheet shows, with the order of their columns as rows and the
#: labels that read better in a column of their own (else the report's column header).
ROWS: dict[str, tuple[str, ...]] = {
    "realisatie_fte": ("vast", "toegezegd_vast", "tijdelijk", "inloop", "begroot",
                       "realisatie_pct"),
    "personen": ("vast", "toegezegd_vast", "tijdelijk", "inloop"),
    "gender": ("vast_v", "tijdelijk_v", "vast_m", "tijdelijk_m"),
    "besteding": ("tijdelijke_posities", "vaste_posities", "indirecte_kosten", "materieel",
                  "besteed", "ontvangen", "onderbesteding", "besteed_pct"),
}
LABELS: dict[str, dict[str, str]] = {
    "realisatie_fte": {"begroot": "Begrote structurele formatie",
                       "realisatie_pct": "Realisatie structurele formatie"},
    "gender": {"vast_v": "Vrouwen, vast contract",
               "tijdelijk_v": "Vrouwen, tijdelijk contract",
               "vast_m": "Mannen, vast contract",
               "tijdelijk_m": "Mannen, tijdelijk contract"},
    "besteding": {"besteed_pct": "Besteed deel van het ontvangen bedrag"},
}
TREND_FIGURE = "trend"


@dataclass(frozen=True)
class FactRow:
    key: str
    label: str
    kind: str  # euro | fte | pct | int (the report column's kind)
    waarde: Any  # this institution
    alle: Any  # all institutions (the report table's total row)
    is_total: bool = False  # a sum or share of the rows above it (printed bold)
    group_start: bool = False  # a rule above: the budget below the contract forms


@dataclass(frozen=True)
class FactTable:
    key: str
    title: str  # the caption (above the table)
    first_column: str
    rows: tuple[FactRow, ...]
    notes: tuple[str, ...] = ()


@dataclass(frozen=True)
class MatrixRow:
    thema: str
    subthema: str
    inzet: str  # "extra investering", "beperkte inzet" or "geen inzet"


@dataclass(frozen=True)
class FactsheetView:
    code: str
    naam: str
    jaar: int
    labels: Labels  # the report's labels, with the factsheet's PDF title and subject
    publicatiedatum: dt.date
    peildatum: dt.date
    bovenregel: str  # above the title: what this is
    inleiding: str
    kort: tuple[str, ...]  # the key facts in a sentence each
    kolommen: tuple[str, str]  # the institution's name, "Alle umc's"
    tabellen: dict[str, FactTable]  # formatie, personen, gender, besteding, trend
    figuur: FigureView | None  # the trend chart (None in the first year)
    figuur_bijschrift: str
    matrix_titel: str
    matrix: tuple[MatrixRow, ...]
    voorbeeld: str  # "" or why the figures are not real
    voet: str  # footer text (left)


def _pct(value: Any) -> str:
    return "–" if value is None else fmt_pct(value)


def _span(van: Any, tot: Any) -> str:
    return str(tot) if van == tot else f"{van}–{tot}"


def _periode(model: ReportModel) -> str:
    facts = model.financien.tabel.facts
    return _span(facts.get("van"), facts.get("tot"))


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def _transpose(parts: Parts, key: str, code: str, title: str, first_column: str,
               notes: tuple[str, ...] = ()) -> FactTable:
    table = parts.tabellen[key]
    row, total = table.row(code), table.total
    columns = {c.key: c for c in table.columns}
    totals = {"besteed", "onderbesteding", "realisatie_pct", "besteed_pct"}
    rows = tuple(FactRow(key=k, label=LABELS.get(key, {}).get(k, columns[k].label),
                         kind=columns[k].kind, waarde=row.values.get(k),
                         alle=total.values.get(k) if total else None, is_total=k in totals,
                         group_start=k == "begroot")
                 for k in ROWS[key] if k in columns)
    return FactTable(key=key, title=title, first_column=first_column, rows=rows, notes=notes)


def _norm(model: ReportModel) -> tuple[Decimal | None, int | None]:
    """The minimum of the measure `structurele_realisatie` (indicatoren.csv), if any."""
    for kpi in model.kpis.values():
        for m in kpi.indicatoren:
            if m.code == "structurele_realisatie" and m.norm == "minimaal":
                return m.norm_waarde, m.vanaf_jaar
    return None, None


def _trend(model: ReportModel, code: str, naam: str, alle: str,
           labels: Labels) -> tuple[FactTable, FigureView | None]:
    """Structural realisation per year: this institution's row and the total row of
    Bijlage V as it stood in each year. No chart in the first year (one point is no
    trend)."""
    rows = []
    for year, table in zip(model.formatie.per_jaar, model.formatie.tabel_per_jaar):
        waarde = table.row(code).values.get("realisatie_pct") if any(
            r.key == code for r in table.rows) else None
        total = table.total.values.get("realisatie_pct") if table.total else None
        rows.append(FactRow(key=str(year.jaar), label=str(year.jaar), kind="pct",
                            waarde=waarde, alle=total))
    eerste, laatste = rows[0].label, rows[-1].label
    table = FactTable(
        key="trend", title=f"De realisatie per jaar in cijfers, {_span(eerste, laatste)}",
        first_column="Jaar", rows=tuple(rows))
    norm, vanaf = _norm(model)
    norm_label = ""
    if norm is not None:
        norm_label = f"norm: minimaal {fmt_pct(norm)}" + (f" vanaf {vanaf}" if vanaf else "")
    series = (SeriesView(naam, tuple(r.waarde for r in rows), "instelling"),
              SeriesView(alle, tuple(r.alle for r in rows), "sector"))

    def reeks(values: list[tuple[str, Any]]) -> str:
        return ", ".join(f"{j} {_pct(v)}" for j, v in values)

    alt = (f"Lijndiagram: realisatie van de structurele formatie per jaar, "
           f"{_span(eerste, laatste)}, als percentage van de begrote structurele formatie. "
           f"{naam}: "
           f"{reeks([(r.label, r.waarde) for r in rows])}. {alle}: "
           f"{reeks([(r.label, r.alle) for r in rows])}."
           + (f" Stippellijn: {norm_label}." if norm_label else ""))
    figure = FigureView(
        key=TREND_FIGURE, kind="lines", title=table.title,
        categories=tuple(r.label for r in rows), series=series, y_label="realisatie (%)",
        extra={"eenheid": "pct", "norm": norm, "norm_label": norm_label,
               "hoogte_in": 2.1},
        alt=alt)
    return table, figure if len(rows) > 1 else None


def _kort(model: ReportModel, parts: Parts, code: str, naam: str,
          alle: str) -> tuple[str, ...]:
    """Two sentences with the headline figures (cells of the same tables)."""
    out = []
    real = parts.tabellen["realisatie_fte"]
    pct, pct_alle = real.row(code).values.get("realisatie_pct"), real.total.values.get(
        "realisatie_pct") if real.total else None
    if pct is not None:
        zin = (f"De structurele formatie van {naam} is voor {fmt_pct(pct)} gerealiseerd "
               f"({alle.lower()} samen: {_pct(pct_alle)}).")
        norm, vanaf = _norm(model)
        if norm is not None:
            wanneer = (f", die vanaf {vanaf} geldt" if vanaf and vanaf > model.jaar else "")
            if naam in model.formatie.onder_norm:
                zin += f" Dat is onder de norm van minimaal {fmt_pct(norm)}{wanneer}."
            else:
                zin += f" Dat voldoet aan de norm van minimaal {fmt_pct(norm)}{wanneer}."
        out.append(zin)
    fin = parts.tabellen["besteding"]
    row = fin.row(code).values
    if row.get("besteed_pct") is not None:
        out.append(f"Van de {fmt_euro(row.get('ontvangen'))} die {naam} in "
                   f"{_periode(model)} ontving, is "
                   f"{fmt_pct(row.get('besteed_pct'))} besteed; de onderbesteding is "
                   f"{fmt_euro(row.get('onderbesteding'))}.")
    return tuple(out)


def _gender_notes(model: ReportModel, code: str) -> tuple[str, ...]:
    n = (model.gender.tabel.facts.get("overig_per_instelling") or {}).get(code, 0)
    if not n:
        return ("Tijdelijk omvat hier ook tijdelijk toegezegd vast. Inloopposities tellen "
                "niet mee.",)
    wie = "één medewerker" if n == 1 else f"{n} medewerkers"
    return ("Tijdelijk omvat hier ook tijdelijk toegezegd vast. Inloopposities tellen niet "
            f"mee. Bij {wie} is het geslacht niet als vrouw of man geregistreerd; "
            f"{'die telt' if n == 1 else 'zij tellen'} niet mee in deze tabel.",)


def _matrix(model: ReportModel, parts: Parts, code: str) -> tuple[MatrixRow, ...]:
    row = parts.tabellen["themamatrix"].row(code).values
    geen = "geen inzet"
    return tuple(MatrixRow(thema=t.naam, subthema=s.naam, inzet=row.get(s.code) or geen)
                 for t in model.themas for s in t.subthemas)


def factsheet_view(model: ReportModel, parts: Parts, code: str,
                   publicatiedatum: dt.date) -> FactsheetView:
    """The factsheet of institution `code` (an institution of the model)."""
    labels = parts.labels
    inst = model.instelling(code)
    assert inst is not None, code
    naam = inst.naam
    alle = _capital(f"alle {labels.instellingen}")
    peildatum = fmt_datum(model.peildatum)
    periode = _periode(model)
    own = dataclasses.replace(
        labels,
        pdf_titel=f"Factsheet {naam} {model.jaar} – {labels.sectorplan_lang}",
        pdf_onderwerp=(f"Cijfers van {naam} uit de {labels.soort_woord} van het "
                       f"{labels.sectorplan_lang} ‘{labels.sectorplan}’, peildatum "
                       f"{peildatum}"),
        trefwoorden=("factsheet", naam, *labels.trefwoorden))
    uitleg = ("De structurele formatie is vast en tijdelijk toegezegd vast; de realisatie is "
              "die formatie als aandeel van de begrote structurele formatie. Inloopposities "
              "worden betaald uit de onderbesteding en tellen niet mee in de realisatie.")
    realisatie = parts.tabellen["realisatie_fte"].row(code).values.get("realisatie_pct")
    if realisatie is not None and realisatie > 100:
        uitleg += (" De begroting berust op ramingen en kan zijn bijgesteld; daardoor kan de "
                   "realisatie boven 100% uitkomen.")
    tabellen = {
        "formatie": _transpose(
            parts, "realisatie_fte", code,
            f"Sectorplanposities in fte op {peildatum}, naar contractvorm, met de begrote "
            "structurele formatie", "Contractvorm (fte)", (uitleg,)),
        "personen": _transpose(parts, "personen", code,
                               f"Aantal medewerkers op {peildatum}, naar contractvorm",
                               "Contractvorm (personen)"),
        "gender": _transpose(parts, "gender", code,
                             f"Vrouwen en mannen op {peildatum} (personen)", "Medewerkers",
                             _gender_notes(model, code)),
        "besteding": _transpose(
            parts, "besteding", code,
            f"Besteding van de sectorplanmiddelen {periode}, cumulatief", "Kostensoort",
            ("De onderbesteding is het ontvangen bedrag min het bestede bedrag.",)),
    }
    trend, figuur = _trend(model, code, naam, alle, labels)
    tabellen["trend"] = trend
    voorbeeld = labels.voorbeeld
    if voorbeeld == VOORBEELD:
        voorbeeld = ("Deze factsheet is gemaakt met fictieve voorbeeldgegevens; de cijfers "
                     "zijn geen bevindingen.")
    return FactsheetView(
        code=code, naam=naam, jaar=model.jaar, labels=own, publicatiedatum=publicatiedatum,
        peildatum=model.peildatum,
        bovenregel=f"Factsheet {model.jaar} · sectorplan ‘{labels.sectorplan}’",
        inleiding=(f"De cijfers van {naam} op peildatum {peildatum}, naast die van "
                   f"{alle.lower()} samen, voor het locatiebezoek van de "
                   f"{labels.commissie}. Ze komen uit dezelfde gegevens en berekeningen als "
                   f"de {labels.soort_woord}."),
        kort=_kort(model, parts, code, naam, alle),
        kolommen=(naam, alle), tabellen=tabellen, figuur=figuur,
        figuur_bijschrift=(f"Realisatie van de structurele formatie van {naam} en van "
                           f"{alle.lower()} samen, per jaar op 31 december, als aandeel "
                           "van de begrote structurele formatie."),
        matrix_titel=f"Inzet van {naam} op de subthema's van het sectorplan (themamatrix)",
        matrix=_matrix(model, parts, code), voorbeeld=voorbeeld,
        voet=f"{labels.commissie_kort} · {labels.soort_label} {model.jaar}"
        if labels.is_evaluatie else f"{labels.commissie_kort} · {labels.soort_label}")

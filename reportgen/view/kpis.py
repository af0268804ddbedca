"""KPIs as the reader sees them: the norm in words, each measure's value in its unit,
the change against the baseline as printed, and the conclusions table.

`KpiView` and `IndicatorView` carry every number of the model's `KpiResultaat` /
`IndicatorResultaat` unchanged, plus the Dutch wording: `norm` is the norm as a phrase
("minimaal 90% vanaf 2026"), `norm_code` its code. Texts and templates read these views.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from decimal import Decimal
from typing import Any

from ..formatting import fmt_fte, fmt_getal, fmt_pct
from ..model import IndicatorResultaat, KpiResultaat
from ..numbers import places_for, printed, round_half_up
from ..vocab import EENHEID, GEEN_GEGEVENS, INFORMATIEF, STATUS
from .tables import ColumnView, RowView, TableView


def fmt_value(value: Decimal | None, eenheid: str) -> str:
    """A measure's value as a short Dutch phrase: `87%`, `41,04 fte`, `6,8`, `12`."""
    if value is None:
        return GEEN_GEGEVENS
    places = places_for(eenheid, value)
    if eenheid == "pct":
        return fmt_pct(value, places)
    if eenheid == "fte":
        return f"{fmt_fte(value)} fte"
    return fmt_getal(value, places)


def fmt_eenheid(value: Any, eenheid: str) -> str:
    """A KPI measure in its unit for a table cell: `87%`, `41,00 fte`, `23`, `7,1`; an en
    dash when there is no value."""
    return "–" if value is None else fmt_value(Decimal(value), eenheid)


def fmt_verschil(value: Any, eenheid: str) -> str:
    """A change with its sign: `+5 procentpunt`, `−0,5`, `+6,50 fte`, `0`."""
    if value is None:
        return "–"
    d = Decimal(value)
    places = places_for(eenheid, d)
    if eenheid == "pct":
        body, suffix = fmt_getal(abs(d)), " procentpunt"
    elif eenheid == "fte":
        body, suffix = fmt_fte(abs(d)), " fte"
    else:
        body, suffix = fmt_getal(abs(d), places), ""
    zero = round_half_up(d, places) == 0
    sign = "" if zero else ("+" if d > 0 else "\u2212")
    return f"{sign}{body}{suffix}"


def printed_change(waarde: Any, basis: Any, eenheid: str) -> Decimal | None:
    """The change between two KPI values as a reader computes it from the printed values,
    so "7,5 (basis 7,5)" never shows a change of "-0,1"."""
    if waarde is None or basis is None:
        return None
    return printed(Decimal(waarde), eenheid) - printed(Decimal(basis), eenheid)


def norm_text(m: IndicatorResultaat, basisjaar: int, eindjaar: int) -> str:
    if m.norm == "hoger_dan_basis":
        return f"{eindjaar} hoger dan in {basisjaar}"
    if m.norm == "lager_dan_basis":
        return f"{eindjaar} lager dan in {basisjaar}"
    if m.norm == "minimaal":
        t = (f"minimaal {fmt_value(m.norm_waarde, m.eenheid)}" if m.norm_waarde is not None
             else "minimaal (geen normwaarde)")
        return t + (f" vanaf {m.vanaf_jaar}" if m.vanaf_jaar else "")
    return INFORMATIEF


@dataclass(frozen=True)
class IndicatorView:
    code: str
    naam: str
    eenheid: str
    waarde: Decimal | None
    basis: Decimal | None
    basisjaar: int | None
    verandering: Decimal | None
    norm: str  # the norm in words
    status: str
    per_instelling: dict[str, Decimal | None] = field(default_factory=dict)
    norm_waarde: Decimal | None = None
    vanaf_jaar: int | None = None
    norm_code: str = ""
    status_label: str = ""
    informatief: bool = False  # no norm, so no status of its own ("n.v.t.")
    verandering_gedrukt: Decimal | None = None  # change of the printed values


@dataclass(frozen=True)
class KpiView:
    code: str
    nummer: str
    naam: str
    omschrijving: str
    sectie: str
    soort: str
    indicatoren: tuple[IndicatorView, ...]
    status: str
    oordeel: str
    tekst: str
    status_label: str = ""


def indicator_view(m: IndicatorResultaat, basisjaar: int, eindjaar: int) -> IndicatorView:
    values = {f.name: getattr(m, f.name) for f in fields(m)}
    values.update(norm=norm_text(m, basisjaar, eindjaar), norm_code=m.norm,
                  status_label=STATUS.label(m.status), informatief=m.norm == INFORMATIEF,
                  verandering_gedrukt=printed_change(m.waarde, m.basis, m.eenheid))
    return IndicatorView(**values)


def kpi_view(k: KpiResultaat, basisjaar: int, eindjaar: int) -> KpiView:
    values = {f.name: getattr(k, f.name) for f in fields(k)}
    values.update(indicatoren=tuple(indicator_view(m, basisjaar, eindjaar)
                                    for m in k.indicatoren),
                  status_label=STATUS.label(k.status))
    return KpiView(**values)


@dataclass(frozen=True)
class Conclusie:
    """One row of the conclusions table."""

    kpi: str
    nummer: str
    naam: str
    waarde: str  # a short Dutch phrase
    norm: str
    status: str
    oordeel: str = ""
    status_label: str = ""


def _phrase(m: IndicatorView) -> str:
    t = fmt_value(m.waarde, m.eenheid)
    if m.waarde is not None and m.basis is not None and m.basisjaar is not None:
        t += f" ({m.basisjaar}: {fmt_value(m.basis, m.eenheid)})"
    return t


def conclusies(kpis: dict[str, KpiView]) -> tuple[Conclusie, ...]:
    out = []
    for k in kpis.values():
        meas = k.indicatoren
        if not meas:
            waarde = "zie oordeel" if k.soort == "kwalitatief" and k.oordeel else GEEN_GEGEVENS
            norm = "kwalitatieve beoordeling" if k.soort == "kwalitatief" else ""
        elif len(meas) == 1:
            waarde, norm = _phrase(meas[0]), meas[0].norm
        else:
            waarde = "; ".join(f"{m.naam}: {_phrase(m)}" for m in meas)
            norm = "; ".join(dict.fromkeys(m.norm for m in meas))
        out.append(Conclusie(kpi=k.code, nummer=k.nummer, naam=k.naam, waarde=waarde,
                             norm=norm, status=k.status, oordeel=k.oordeel,
                             status_label=k.status_label))
    return tuple(out)


def conclusies_table(rows: tuple[Conclusie, ...]) -> TableView:
    columns = (ColumnView("nummer", "Nr.", "text"), ColumnView("waarde", "Stand", "text"),
               ColumnView("norm", "Norm", "text"), ColumnView("status", "Status", "text"),
               ColumnView("oordeel", "Oordeel commissie", "text"))
    return TableView(
        key="conclusies", title="Conclusies per KPI", first_column="KPI", columns=columns,
        rows=tuple(RowView(label=c.naam, key=c.kpi, values={
            "nummer": c.nummer, "waarde": c.waarde, "norm": c.norm, "status": c.status,
            "oordeel": c.oordeel}) for c in rows))


def kpi_results_table(kpis: dict[str, KpiView], jaar: int) -> TableView:
    """Every measure of every KPI, as the KPI result tables in the report print them."""
    columns = (ColumnView("kpi", "KPI", "text"), ColumnView("waarde", str(jaar), "getal"),
               ColumnView("basis", "Basis", "getal"), ColumnView("basisjaar", "Basisjaar", "int"),
               ColumnView("verandering", "Verandering", "getal"),
               ColumnView("eenheid", "Eenheid", "text"), ColumnView("norm", "Norm", "text"),
               ColumnView("status", "Status", "text"))
    rows = []
    for k in kpis.values():
        for m in k.indicatoren:
            rows.append(RowView(label=m.naam, key=f"{k.code}:{m.code}", values={
                "kpi": f"{k.nummer} {k.naam}".strip(),
                "waarde": None if m.waarde is None else printed(m.waarde, m.eenheid),
                "basis": None if m.basis is None else printed(m.basis, m.eenheid),
                "basisjaar": m.basisjaar, "verandering": m.verandering_gedrukt,
                "eenheid": EENHEID.label(m.eenheid), "norm": m.norm,
                "status": "n.v.t." if m.informatief else m.status_label}))
    return TableView(key="kpi_indicatoren", title="KPI-indicatoren", first_column="Indicator",
                     columns=columns, rows=tuple(rows))

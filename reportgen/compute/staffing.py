"""Staff on the reference date: Bijlage V (fte), Tabel 3 (persons), Bijlage VI (gender),
function categories, UD and the data specialists. Every aggregation is one pandas groupby
over the year's staff frame (common.Staff), exact in integer units of 1/10000 fte."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Callable, TypeVar

from ..model import (Column, Dataspecialisten, Formatie, FormatieJaar, Functiestand, Gender,
                     GenderJaar, Personen, PersonenJaar, Row, Table)
from ..numbers import round_half_up
from ..vocab import DATASPECIALIST, GEREALISEERD, STRUCTUREEL, V_M
from .common import (ZERO, Context, Staff, dec, int_or_none, lookup, pct, records, text,
                     units_to_fte)

FTE_CVS = ("inloop", "tijdelijk", "toegezegd_vast", "vast")  # seed column order
T = TypeVar("T")
TIJDELIJK_GENDER = ("tijdelijk", "toegezegd_vast")  # "tijdelijk" columns of Bijlage VI
#: Bijlage VI columns: key, contract forms, gender.
GENDER_COLUMNS = (("vast_v", ("vast",), "v"), ("tijdelijk_v", TIJDELIJK_GENDER, "v"),
                  ("vast_m", ("vast",), "m"), ("tijdelijk_m", TIJDELIJK_GENDER, "m"))


@dataclass(frozen=True)
class Categorie:
    code: str
    naam: str
    groep: str


def categorieen(ctx: Context) -> list[Categorie]:
    """Function categories in print order (column `volgorde` when given, else file order)."""
    recs = records(ctx.dataset.referentie.functiecategorieen)

    def order(item: tuple[int, dict]) -> tuple:
        i, r = item
        v = int_or_none(r.get("volgorde"))
        return (v if v is not None else 10**6, i)

    return [Categorie(code=text(r.get("code")), naam=text(r.get("naam")),
                      groep=text(r.get("groep"))) for _, r in sorted(enumerate(recs), key=order)]


def begroting(ctx: Context) -> dict[str, Decimal]:
    out = {i.code: ZERO for i in ctx.instellingen}
    for r in records(ctx.dataset.referentie.begroting):
        umc = text(r.get("umc"))
        if umc in out:
            out[umc] += dec(r.get("begroot_fte"))
    return out


def _staff(ctx: Context) -> Staff:
    staff = ctx.staff(ctx.jaar)
    assert staff is not None
    return staff


def _history(ctx: Context,
             of_year: Callable[[int, Staff], T]) -> tuple[tuple[T, ...], T | None]:
    """(one entry per year of the period up to `jaar`, the entry of the year before)."""
    entries: list[T] = []
    vorig = None
    for jaar in ctx.jaren:
        staff = ctx.staff(jaar)
        assert staff is not None
        entries.append(of_year(jaar, staff))
        if jaar == ctx.jaar - 1:
            vorig = entries[-1]
    return tuple(entries), vorig


def formatie_jaar(jaar: int, staff: Staff, begroot: Decimal) -> FormatieJaar:
    """Totals of one year's fte (all institutions); `begroot` is the total budget."""
    by_cv = staff.pivot("contractvorm")
    fte = {cv: units_to_fte(lookup(by_cv, cv, "units")) for cv in FTE_CVS}
    structureel = fte["vast"] + fte["toegezegd_vast"]
    gerealiseerd = structureel + fte["tijdelijk"]
    return FormatieJaar(
        jaar=jaar, begroot_fte=begroot, vast_fte=fte["vast"],
        toegezegd_fte=fte["toegezegd_vast"], tijdelijk_fte=fte["tijdelijk"],
        inloop_fte=fte["inloop"], structureel_fte=structureel,
        structureel_pct=pct(structureel, begroot), gerealiseerd_fte=gerealiseerd,
        gerealiseerd_pct=pct(gerealiseerd, begroot),
        vast_aandeel_pct=pct(structureel, gerealiseerd))


def minimum_norm(ctx: Context, code: str) -> tuple[Decimal | None, int | None]:
    """(norm_waarde, vanaf_jaar) of the measure `code` in indicatoren.csv when its norm is
    `minimaal` with a value; (None, None) otherwise (no file, no such row, other norm)."""
    for r in records(ctx.dataset.referentie.indicatoren):
        if text(r.get("code")) != code:
            continue
        if text(r.get("norm")).lower() != "minimaal":
            return None, None
        return (None if r.get("norm_waarde") is None else dec(r.get("norm_waarde")),
                int_or_none(r.get("vanaf_jaar")))
    return None, None


def _onder_norm(ctx: Context, tabel: Table) -> tuple[str, ...]:
    """Institutions whose structural realisation, as printed (whole %), is below the
    `structurele_realisatie` norm value; () without a norm value."""
    norm, _ = minimum_norm(ctx, "structurele_realisatie")
    if norm is None:
        return ()
    return tuple(row.naam for row in tabel.rows
                 if not row.is_total and row.values.get("realisatie_pct") is not None
                 and round_half_up(row.values["realisatie_pct"]) < norm)


def realisatie_tabel(ctx: Context, staff: Staff, begroot: dict[str, Decimal],
                     total_pct: Decimal | None) -> Table:
    """Bijlage V for one year's staff: fte per institution and contract form, budget and
    structural realisation; the total row's share is `total_pct` (the year's headline)."""
    grid = staff.pivot(["umc", "contractvorm"])
    columns = tuple(Column(cv, "fte") for cv in FTE_CVS) + (
        Column("begroot", "fte"), Column("realisatie_pct", "pct"))
    totals = {k: ZERO for k in FTE_CVS + ("begroot",)}
    rows = []
    for inst in ctx.instellingen:
        values: dict[str, object] = {
            cv: units_to_fte(lookup(grid, (inst.code, cv), "units")) for cv in FTE_CVS}
        values["begroot"] = begroot[inst.code]
        structureel = sum((values[cv] for cv in STRUCTUREEL), ZERO)  # type: ignore[misc]
        values["realisatie_pct"] = pct(structureel, begroot[inst.code])
        for k in totals:
            totals[k] += values[k]  # type: ignore[operator]
        rows.append(Row(key=inst.code, naam=inst.naam, values=values))
    total_values: dict[str, object] = dict(totals)
    total_values["realisatie_pct"] = total_pct
    rows.append(Row(key="totaal", values=total_values, is_total=True))
    return Table(key="realisatie_fte", columns=columns, rows=tuple(rows))


def compute_formatie(ctx: Context) -> Formatie:
    begroot = begroting(ctx)
    per_jaar, vorig = _history(
        ctx, lambda jaar, s: formatie_jaar(jaar, s, sum(begroot.values(), ZERO)))
    # Bijlage V of every year so far (per-institution trends); the last is the report's.
    tabellen = []
    for entry in per_jaar:
        staff = ctx.staff(entry.jaar)
        assert staff is not None
        tabellen.append(realisatie_tabel(ctx, staff, begroot, entry.structureel_pct))
    huidig = per_jaar[-1]  # the report year: the headline figures are defined once
    tabel = tabellen[-1]
    return Formatie(
        tabel=tabel, begroot_fte=huidig.begroot_fte, vast_fte=huidig.vast_fte,
        toegezegd_fte=huidig.toegezegd_fte, tijdelijk_fte=huidig.tijdelijk_fte,
        inloop_fte=huidig.inloop_fte, structureel_fte=huidig.structureel_fte,
        structureel_pct=huidig.structureel_pct, gerealiseerd_fte=huidig.gerealiseerd_fte,
        gerealiseerd_pct=huidig.gerealiseerd_pct, vast_aandeel_pct=huidig.vast_aandeel_pct,
        per_jaar=per_jaar, vorig=vorig, onder_norm=_onder_norm(ctx, tabel),
        tabel_per_jaar=tuple(tabellen))


def personen_jaar(jaar: int, staff: Staff) -> PersonenJaar:
    by_cv = staff.pivot("contractvorm")
    counts = {cv: lookup(by_cv, cv, "n") for cv in FTE_CVS}
    return PersonenJaar(
        jaar=jaar, totaal=sum(counts[cv] for cv in GEREALISEERD), vast=counts["vast"],
        toegezegd=counts["toegezegd_vast"], tijdelijk=counts["tijdelijk"],
        inloop=counts["inloop"], vast_of_toegezegd=counts["vast"] + counts["toegezegd_vast"])


def compute_personen(ctx: Context) -> Personen:
    grid = _staff(ctx).pivot(["umc", "contractvorm"])
    totals = {cv: 0 for cv in FTE_CVS}
    rows = []
    for inst in ctx.instellingen:
        values = {cv: lookup(grid, (inst.code, cv), "n") for cv in FTE_CVS}
        for cv in FTE_CVS:
            totals[cv] += values[cv]
        rows.append(Row(key=inst.code, naam=inst.naam, values=dict(values)))
    rows.append(Row(key="totaal", values=dict(totals), is_total=True))
    tabel = Table(key="personen", columns=tuple(Column(cv, "int") for cv in FTE_CVS),
                  rows=tuple(rows))
    per_jaar, vorig = _history(ctx, personen_jaar)
    h = per_jaar[-1]  # the report year
    return Personen(tabel=tabel, totaal=h.totaal, vast=h.vast, toegezegd=h.toegezegd,
                    tijdelijk=h.tijdelijk, inloop=h.inloop,
                    vast_of_toegezegd=h.vast_of_toegezegd, per_jaar=per_jaar, vorig=vorig)


def gender_jaar(jaar: int, staff: Staff) -> GenderJaar:
    totaal = staff.count(cv=GEREALISEERD)
    vrouwen = staff.count(cv=GEREALISEERD, geslacht="v")
    vast_totaal = staff.count(cv="vast")
    vast_vrouwen = staff.count(cv="vast", geslacht="v")
    return GenderJaar(jaar=jaar, totaal=totaal, vrouwen=vrouwen,
                      vrouwen_pct=pct(vrouwen, totaal), vast_totaal=vast_totaal,
                      vast_vrouwen=vast_vrouwen,
                      vast_vrouwen_pct=pct(vast_vrouwen, vast_totaal))


def compute_gender(ctx: Context) -> Gender:
    staff = _staff(ctx)
    grid = staff.pivot(["umc", "contractvorm", "geslacht"])
    columns = tuple(Column(key, "int") for key, _, _ in GENDER_COLUMNS)
    totals = {key: 0 for key, _, _ in GENDER_COLUMNS}
    rows = []
    for inst in ctx.instellingen:
        values = {key: sum(lookup(grid, (inst.code, cv, g), "n") for cv in cvs)
                  for key, cvs, g in GENDER_COLUMNS}
        for k in totals:
            totals[k] += values[k]
        rows.append(Row(key=inst.code, naam=inst.naam, values=dict(values)))
    rows.append(Row(key="totaal", values=dict(totals), is_total=True))
    overig = staff.pivot("umc", cv=GEREALISEERD, not_geslacht=V_M)
    per_umc = {i.code: lookup(overig, i.code, "n") for i in ctx.instellingen
               if lookup(overig, i.code, "n")}
    tabel = Table(key="gender", columns=columns, rows=tuple(rows),
                  facts={"overig_per_instelling": per_umc})
    per_jaar, vorig = _history(ctx, gender_jaar)
    h = per_jaar[-1]  # the report year
    mannen = staff.count(cv=GEREALISEERD, geslacht="m")
    return Gender(
        tabel=tabel, totaal=h.totaal, vrouwen=h.vrouwen, mannen=mannen,
        overig=h.totaal - h.vrouwen - mannen, vrouwen_pct=h.vrouwen_pct,
        vast_totaal=h.vast_totaal, vast_vrouwen=h.vast_vrouwen,
        vast_vrouwen_pct=h.vast_vrouwen_pct, in_tabel=h.vrouwen + mannen,
        per_jaar=per_jaar, vorig=vorig)


def compute_functies(ctx: Context) -> dict[str, Functiestand]:
    grid = _staff(ctx).pivot(["functiecategorie", "contractvorm"])
    out = {}
    for cat in categorieen(ctx):
        personen = {cv: lookup(grid, (cat.code, cv), "n") for cv in GEREALISEERD}
        fte = {cv: units_to_fte(lookup(grid, (cat.code, cv), "units")) for cv in GEREALISEERD}
        out[cat.code] = Functiestand(
            code=cat.code, naam=cat.naam, groep=cat.groep, personen=personen, fte=fte,
            personen_totaal=sum(personen.values()), fte_totaal=sum(fte.values(), ZERO))
    return out


def functies_table(functies: dict[str, Functiestand]) -> Table:
    columns = (Column("groep", "text"), Column("vast", "fte"), Column("toegezegd_vast", "fte"),
               Column("tijdelijk", "fte"), Column("fte_totaal", "fte"),
               Column("personen", "int"))
    rows = []
    totals: dict[str, object] = {"groep": "", "vast": ZERO, "toegezegd_vast": ZERO,
                                 "tijdelijk": ZERO, "fte_totaal": ZERO, "personen": 0}
    for f in functies.values():
        values: dict[str, object] = {
            "groep": f.groep, "vast": f.fte["vast"], "toegezegd_vast": f.fte["toegezegd_vast"],
            "tijdelijk": f.fte["tijdelijk"], "fte_totaal": f.fte_totaal,
            "personen": f.personen_totaal}
        for k in totals:
            if k != "groep":
                totals[k] += values[k]  # type: ignore[operator]
        rows.append(Row(key=f.code, naam=f.naam, values=values))
    rows.append(Row(key="totaal", values=totals, is_total=True))
    return Table(key="functies", columns=columns, rows=tuple(rows),
                 facts={"zonder_inloop": True})


def compute_dataspecialisten(ctx: Context) -> Dataspecialisten:
    staff = _staff(ctx)
    ds = {"functie": DATASPECIALIST}
    by_cv = staff.pivot("contractvorm", functie=DATASPECIALIST)

    def n(cvs: tuple[str, ...]) -> int:
        return sum(lookup(by_cv, cv, "n") for cv in cvs)

    def fte(cvs: tuple[str, ...]) -> Decimal:
        return units_to_fte(sum(lookup(by_cv, cv, "units") for cv in cvs))

    per_jaar = []
    for jaar in ctx.jaren:
        s = ctx.staff(jaar)
        assert s is not None
        per_jaar.append((jaar, s.fte(cv=STRUCTUREEL, **ds), s.fte(cv="tijdelijk", **ds)))
    basis = ctx.staff(ctx.basisjaar)
    personen, vast_personen = n(GEREALISEERD), n(("vast",))
    return Dataspecialisten(
        personen=personen, fte=fte(GEREALISEERD), vast_personen=vast_personen,
        vast_fte=fte(("vast",)), vast_pct=pct(vast_personen, personen),
        toegezegd_personen=n(("toegezegd_vast",)), toegezegd_fte=fte(("toegezegd_vast",)),
        tijdelijk_personen=n(("tijdelijk",)), tijdelijk_fte=fte(("tijdelijk",)),
        basis_fte=basis.fte(cv=GEREALISEERD, **ds) if basis is not None else None,
        per_jaar=tuple(per_jaar))

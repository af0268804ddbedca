"""Staff on the reference date: Bijlage V (fte), Tabel 3 (persons), Bijlage VI (gender),
function categories, UD and the dataspecialists of KPI 14."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Callable, TypeVar

from ..formatting import fmt_getal, round_half_up
from ..model import (Column, Dataspecialisten, Formatie, FormatieJaar, Functiestand, Gender,
                     GenderJaar, Personen, PersonenJaar, Row, Table)
from .common import (CV_LABELS, GEREALISEERD, STRUCTUREEL, ZERO, Context, Staff, dec,
                     int_or_none, minimum_norm, pct, records, text)

FTE_CVS = ("inloop", "tijdelijk", "toegezegd_vast", "vast")  # seed column order
UD = "ud"
DATASPECIALIST = "dataspecialist"
T = TypeVar("T")
TIJDELIJK_GENDER = ("tijdelijk", "toegezegd_vast")  # "tijdelijk" columns of Bijlage VI
V_M = ("v", "m")


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

    out = []
    for _, r in sorted(enumerate(recs), key=order):
        out.append(Categorie(code=text(r.get("code")), naam=text(r.get("naam")),
                             groep=text(r.get("groep"))))
    return out


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
    """(one entry per year start..jaar, the entry of the year before `jaar` or None)."""
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
    vast = staff.fte(cv="vast")
    toegezegd = staff.fte(cv="toegezegd_vast")
    tijdelijk = staff.fte(cv="tijdelijk")
    structureel = vast + toegezegd
    gerealiseerd = structureel + tijdelijk
    return FormatieJaar(
        jaar=jaar, begroot_fte=begroot, vast_fte=vast, toegezegd_fte=toegezegd,
        tijdelijk_fte=tijdelijk, inloop_fte=staff.fte(cv="inloop"),
        structureel_fte=structureel, structureel_pct=pct(structureel, begroot),
        gerealiseerd_fte=gerealiseerd, gerealiseerd_pct=pct(gerealiseerd, begroot),
        vast_aandeel_pct=pct(structureel, gerealiseerd))


def _onder_norm(ctx: Context, tabel: Table) -> tuple[str, ...]:
    """Institutions whose structural realisation, as printed (whole %), is below the
    `structurele_realisatie` norm value; () without a norm value."""
    norm, _ = minimum_norm(ctx, "structurele_realisatie")
    if norm is None:
        return ()
    out = []
    for row in tabel.rows:
        value = row.values.get("realisatie_pct")
        if not row.is_total and value is not None and round_half_up(value) < norm:
            out.append(row.label)
    return tuple(out)


def compute_formatie(ctx: Context) -> Formatie:
    staff = _staff(ctx)
    begroot = begroting(ctx)
    columns = tuple(Column(cv, CV_LABELS[cv], "fte") for cv in FTE_CVS) + (
        Column("begroot", "Begroot", "fte"),
        Column("realisatie_pct", "Realisatie structurele formatie", "pct"),
    )
    totals = {k: ZERO for k in FTE_CVS + ("begroot",)}
    rows = []
    for inst in ctx.instellingen:
        values: dict[str, object] = {cv: staff.fte(umc=inst.code, cv=cv) for cv in FTE_CVS}
        values["begroot"] = begroot[inst.code]
        structureel = sum((values[cv] for cv in STRUCTUREEL), ZERO)  # type: ignore[misc]
        values["realisatie_pct"] = pct(structureel, begroot[inst.code])
        for k in totals:
            totals[k] += values[k]  # type: ignore[operator]
        rows.append(Row(label=inst.naam, values=values, key=inst.code))
    per_jaar, vorig = _history(
        ctx, lambda jaar, s: formatie_jaar(jaar, s, totals["begroot"]))
    huidig = per_jaar[-1]  # the report year: the headline figures are defined once
    total_values: dict[str, object] = dict(totals)
    total_values["realisatie_pct"] = huidig.structureel_pct
    rows.append(Row(label="Totaal", values=total_values, key="totaal", is_total=True))
    tabel = Table(key="realisatie_fte", title="Gerealiseerde posities (fte)",
                  first_column="umc", columns=columns, rows=tuple(rows))
    return Formatie(
        tabel=tabel,
        begroot_fte=huidig.begroot_fte,
        vast_fte=huidig.vast_fte,
        toegezegd_fte=huidig.toegezegd_fte,
        tijdelijk_fte=huidig.tijdelijk_fte,
        inloop_fte=huidig.inloop_fte,
        structureel_fte=huidig.structureel_fte,
        structureel_pct=huidig.structureel_pct,
        gerealiseerd_fte=huidig.gerealiseerd_fte,
        gerealiseerd_pct=huidig.gerealiseerd_pct,
        vast_aandeel_pct=huidig.vast_aandeel_pct,
        per_jaar=per_jaar,
        vorig=vorig,
        onder_norm=_onder_norm(ctx, tabel),
    )


def personen_jaar(jaar: int, staff: Staff) -> PersonenJaar:
    counts = {cv: staff.count(cv=cv) for cv in FTE_CVS}
    return PersonenJaar(
        jaar=jaar, totaal=sum(counts[cv] for cv in GEREALISEERD), vast=counts["vast"],
        toegezegd=counts["toegezegd_vast"], tijdelijk=counts["tijdelijk"],
        inloop=counts["inloop"], vast_of_toegezegd=counts["vast"] + counts["toegezegd_vast"])


def compute_personen(ctx: Context) -> Personen:
    staff = _staff(ctx)
    columns = tuple(Column(cv, CV_LABELS[cv], "int") for cv in FTE_CVS)
    totals = {cv: 0 for cv in FTE_CVS}
    rows = []
    for inst in ctx.instellingen:
        values = {cv: staff.count(umc=inst.code, cv=cv) for cv in FTE_CVS}
        for cv in FTE_CVS:
            totals[cv] += values[cv]
        rows.append(Row(label=inst.naam, values=dict(values), key=inst.code))
    rows.append(Row(label="Totaal", values=dict(totals), key="totaal", is_total=True))
    tabel = Table(key="personen", title="Aantal medewerkers", first_column="umc",
                  columns=columns, rows=tuple(rows))
    per_jaar, vorig = _history(ctx, personen_jaar)
    huidig = per_jaar[-1]  # the report year
    return Personen(
        tabel=tabel,
        totaal=huidig.totaal,
        vast=huidig.vast,
        toegezegd=huidig.toegezegd,
        tijdelijk=huidig.tijdelijk,
        inloop=huidig.inloop,
        vast_of_toegezegd=huidig.vast_of_toegezegd,
        per_jaar=per_jaar,
        vorig=vorig,
    )


def _overig_note(ctx: Context, staff: Staff) -> tuple[str, ...]:
    """The note under Bijlage VI about persons whose gender is neither v nor m."""
    per_umc = []
    for inst in ctx.instellingen:
        n = staff.count(umc=inst.code, cv=GEREALISEERD,
                        where=lambda p: p.geslacht not in V_M)
        if n:
            per_umc.append((inst.naam, n))
    total = sum(n for _, n in per_umc)
    if not total:
        return ()
    if len(per_umc) == 1:
        waar = per_umc[0][0]
    else:
        waar = ", ".join(f"{naam} {fmt_getal(n)}" for naam, n in per_umc)
    if total == 1:
        return (f"Bij één medewerker ({waar}) is het geslacht niet als vrouw of man "
                "geregistreerd; deze medewerker telt mee in de totalen, niet in deze tabel.",)
    return (f"Bij {fmt_getal(total)} medewerkers ({waar}) is het geslacht niet als vrouw of "
            "man geregistreerd; zij tellen mee in de totalen, niet in deze tabel.",)


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
    cols = (("vast_v", "vast [v]", ("vast",), "v"),
            ("tijdelijk_v", "tijdelijk [v]", TIJDELIJK_GENDER, "v"),
            ("vast_m", "vast [m]", ("vast",), "m"),
            ("tijdelijk_m", "tijdelijk [m]", TIJDELIJK_GENDER, "m"))
    columns = tuple(Column(key, label, "int") for key, label, _, _ in cols)
    totals = {key: 0 for key, _, _, _ in cols}
    rows = []
    for inst in ctx.instellingen:
        values = {key: staff.count(umc=inst.code, cv=cvs, geslacht=g)
                  for key, _, cvs, g in cols}
        for k in totals:
            totals[k] += values[k]
        rows.append(Row(label=inst.naam, values=dict(values), key=inst.code))
    rows.append(Row(label="Totaal", values=dict(totals), key="totaal", is_total=True))
    tabel = Table(key="gender", title="Vrouwen en mannen", first_column="umc",
                  columns=columns, rows=tuple(rows), notes=_overig_note(ctx, staff))
    per_jaar, vorig = _history(ctx, gender_jaar)
    huidig = per_jaar[-1]  # the report year
    mannen = staff.count(cv=GEREALISEERD, geslacht="m")
    return Gender(
        tabel=tabel,
        totaal=huidig.totaal,
        vrouwen=huidig.vrouwen,
        mannen=mannen,
        overig=huidig.totaal - huidig.vrouwen - mannen,
        vrouwen_pct=huidig.vrouwen_pct,
        vast_totaal=huidig.vast_totaal,
        vast_vrouwen=huidig.vast_vrouwen,
        vast_vrouwen_pct=huidig.vast_vrouwen_pct,
        in_tabel=huidig.vrouwen + mannen,
        per_jaar=per_jaar,
        vorig=vorig,
    )


def compute_functies(ctx: Context) -> dict[str, Functiestand]:
    staff = _staff(ctx)
    out = {}
    for cat in categorieen(ctx):
        personen = {cv: staff.count(functie=cat.code, cv=cv) for cv in GEREALISEERD}
        fte = {cv: staff.fte(functie=cat.code, cv=cv) for cv in GEREALISEERD}
        out[cat.code] = Functiestand(
            code=cat.code, naam=cat.naam, groep=cat.groep, personen=personen, fte=fte,
            personen_totaal=sum(personen.values()),
            fte_totaal=sum(fte.values(), ZERO))
    return out


def functies_table(functies: dict[str, Functiestand]) -> Table:
    columns = (
        Column("groep", "Functiegroep", "text"),
        Column("vast", "Vast", "fte"),
        Column("toegezegd_vast", "Tijdelijk toegezegd vast", "fte"),
        Column("tijdelijk", "Tijdelijk", "fte"),
        Column("fte_totaal", "Totaal fte", "fte"),
        Column("personen", "Personen", "int"),
    )
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
        rows.append(Row(label=f.naam, values=values, key=f.code))
    rows.append(Row(label="Totaal", values=totals, key="totaal", is_total=True))
    return Table(key="functies", title="Fte per functiecategorie", first_column="Functie",
                 columns=columns, rows=tuple(rows),
                 notes=("Exclusief inloopposities.",))


def compute_dataspecialisten(ctx: Context) -> Dataspecialisten:
    staff = _staff(ctx)
    ds = {"functie": DATASPECIALIST}
    personen = staff.count(cv=GEREALISEERD, **ds)
    vast_personen = staff.count(cv="vast", **ds)
    per_jaar = []
    for jaar in ctx.jaren:
        s = ctx.staff(jaar)
        assert s is not None
        per_jaar.append((jaar, s.fte(cv=STRUCTUREEL, **ds), s.fte(cv="tijdelijk", **ds)))
    basis = ctx.staff(ctx.basisjaar)
    return Dataspecialisten(
        personen=personen,
        fte=staff.fte(cv=GEREALISEERD, **ds),
        vast_personen=vast_personen,
        vast_fte=staff.fte(cv="vast", **ds),
        vast_pct=pct(vast_personen, personen),
        toegezegd_personen=staff.count(cv="toegezegd_vast", **ds),
        toegezegd_fte=staff.fte(cv="toegezegd_vast", **ds),
        tijdelijk_personen=staff.count(cv="tijdelijk", **ds),
        tijdelijk_fte=staff.fte(cv="tijdelijk", **ds),
        basis_fte=basis.fte(cv=GEREALISEERD, **ds) if basis is not None else None,
        per_jaar=tuple(per_jaar),
    )

"""Reconciliation: figures that should agree, checked after the model is computed.

Every finding becomes a `Controle` in the model and a warning `Problem` naming the input
file(s) concerned. Only real discrepancies are reported.
"""

from __future__ import annotations

from decimal import Decimal

from ..errors import Problem
from ..formatting import fmt_euro, fmt_fte, fmt_getal, fmt_pct
from ..model import Controle, Financien, Formatie, Functiestand, Gender
from .common import GEREALISEERD, ZERO, Context, dec, pct, records, text
from .finance import CATEGORY_KEYS
from .staffing import FTE_CVS

TOTAL_COLUMNS = ("totaal", "totaal_besteed", "besteed")  # optional extra column


def reconcile(ctx: Context, financien: Financien, formatie: Formatie, gender: Gender,
              functies: dict[str, Functiestand]) -> tuple[tuple[Controle, ...], list[Problem]]:
    found: list[Controle] = []
    jaar = ctx.jaar
    personeel = ctx.source(f"{jaar}/personeel")
    staff = ctx.staff(jaar)
    assert staff is not None

    # 1. headcount vs the v/m table
    if gender.overig:
        n = gender.overig
        wie = "1 medewerker" if n == 1 else f"{fmt_getal(n)} medewerkers"
        telt = "telt" if n == 1 else "tellen"
        found.append(Controle(
            onderwerp="Aantal medewerkers en tabel vrouwen/mannen",
            verwacht=gender.totaal, gevonden=gender.in_tabel, verschil=n,
            toelichting=f"{wie} met geslacht anders dan v/m {telt} mee in de totalen "
                        f"({fmt_getal(gender.totaal)}), maar niet in de tabel vrouwen/mannen "
                        f"({fmt_getal(gender.in_tabel)}).",
            bestanden=(personeel,)))

    # 2. fte can never exceed the number of persons
    for inst in ctx.instellingen:
        for cv in FTE_CVS:
            fte = staff.fte(umc=inst.code, cv=cv)
            n = staff.count(umc=inst.code, cv=cv)
            if fte > n:
                found.append(Controle(
                    onderwerp=f"Fte en personen {inst.naam} ({cv})",
                    verwacht=n, gevonden=fte, verschil=fte - n,
                    toelichting=f"{fmt_fte(fte)} fte bij {fmt_getal(n)} personen: meer fte "
                                "dan personen is niet mogelijk.",
                    bestanden=(personeel,)))

    # 3. category sums vs totals
    for y in ctx.jaren:
        fin_file = ctx.source(f"{y}/financien")
        for r in records(ctx.dataset.jaren[y].financien):
            col = next((c for c in TOTAL_COLUMNS if c in r and r[c] is not None
                        and text(r[c]) != ""), None)
            if col is None:
                continue
            som = sum((dec(r.get(k)) for k in CATEGORY_KEYS), ZERO)
            opgegeven = dec(r[col])
            if som != opgegeven:
                found.append(Controle(
                    onderwerp=f"Som bestedingen {ctx.naam(text(r.get('umc')))} {y}",
                    verwacht=opgegeven, gevonden=som, verschil=som - opgegeven,
                    toelichting=f"de som van de categorieën ({fmt_euro(som)}) wijkt af van "
                                f"de opgegeven kolom '{col}' ({fmt_euro(opgegeven)}).",
                    bestanden=(fin_file,)))
        file_total = sum((dec(r.get(k)) for r in records(ctx.dataset.jaren[y].financien)
                          for k in CATEGORY_KEYS), ZERO)
        jaar_tabel = next((j.besteed for j in financien.per_jaar if j.jaar == y), ZERO)
        if file_total != jaar_tabel:
            found.append(Controle(
                onderwerp=f"Bestedingen {y} in bestand en tabel",
                verwacht=file_total, gevonden=jaar_tabel, verschil=jaar_tabel - file_total,
                toelichting="niet alle bestedingen in het bestand horen bij een umc uit "
                            "umcs.csv.",
                bestanden=(fin_file,)))
    file_fte = staff.fte(cv=GEREALISEERD)
    if file_fte != formatie.gerealiseerd_fte:
        found.append(Controle(
            onderwerp="Fte in bestand en tabel",
            verwacht=file_fte, gevonden=formatie.gerealiseerd_fte,
            verschil=formatie.gerealiseerd_fte - file_fte,
            toelichting="niet alle fte in het bestand horen bij een umc uit umcs.csv.",
            bestanden=(personeel,)))
    functie_fte = sum((f.fte_totaal for f in functies.values()), ZERO)
    if functie_fte != file_fte:
        found.append(Controle(
            onderwerp="Fte per functiecategorie en totaal",
            verwacht=file_fte, gevonden=functie_fte, verschil=functie_fte - file_fte,
            toelichting="de som over de functiecategorieën wijkt af van het totaal; niet "
                        "alle functiecategorieën staan in functiecategorieen.csv.",
            bestanden=(personeel, ctx.source("referentie/functiecategorieen"))))

    # 4. spent more than received (cumulative per institution)
    fin_files = tuple(ctx.source(f"{y}/financien") for y in ctx.jaren)
    for row in financien.tabel.rows:
        if row.is_total:
            continue
        besteed, ontvangen = row.values["besteed"], row.values["ontvangen"]
        if besteed > ontvangen:
            found.append(Controle(
                onderwerp=f"Besteed en ontvangen {row.label}",
                verwacht=ontvangen, gevonden=besteed, verschil=besteed - ontvangen,
                toelichting=f"t/m {jaar} is {fmt_euro(besteed - ontvangen)} meer besteed dan "
                            "ontvangen.",
                bestanden=fin_files))

    # 5. structural realisation above the budget (informational)
    begroting = ctx.source("referentie/begroting")
    for row in formatie.tabel.rows:
        if row.is_total:
            continue
        structureel: Decimal = row.values["vast"] + row.values["toegezegd_vast"]
        begroot: Decimal = row.values["begroot"]
        if begroot > 0 and structureel > begroot:
            found.append(Controle(
                onderwerp=f"Realisatie boven begroting {row.label}",
                verwacht=begroot, gevonden=structureel, verschil=structureel - begroot,
                toelichting=f"structurele formatie {fmt_fte(structureel)} fte is "
                            f"{fmt_pct(pct(structureel, begroot))} van de begrote "
                            f"{fmt_fte(begroot)} fte (ter informatie; de begroting is een "
                            "raming).",
                bestanden=(personeel, begroting)))

    problems = [Problem(file=", ".join(c.bestanden), expected=f"{c.onderwerp}: {c.toelichting}",
                        severity="warning") for c in found]
    return tuple(found), problems

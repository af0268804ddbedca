"""Reconciliation: figures that should agree, checked after the model is computed.

Every finding is a `Controle` with a code (`soort`) and its numbers; the view layer words
it (reportgen/view/messages.py) and the build lists it as a warning. Only real
discrepancies are reported. The checks:

- `geslacht_buiten_tabel`: persons whose gender is neither v nor m count in the totals but
  not in the v/m table;
- `fte_boven_personen`: an institution has more fte than persons in a contract form;
- `som_bestedingen`: a financien row's optional total column differs from its categories;
- `bestedingen_buiten_tabel` / `fte_buiten_tabel`: money or fte of an unknown institution;
- `functies_buiten_totaal`: fte in function categories not in functiecategorieen.csv;
- `meer_besteed_dan_ontvangen`: cumulative spending above receipts (per institution);
- `realisatie_boven_begroting`: structural formation above the budget (informational).
"""

from __future__ import annotations

from decimal import Decimal

from ..model import Controle, Financien, Formatie, Functiestand, Gender
from ..vocab import GEREALISEERD
from .common import ZERO, Context, dec, lookup, records, text, units_to_fte
from .finance import CATEGORY_KEYS
from .staffing import FTE_CVS

TOTAL_COLUMNS = ("totaal", "totaal_besteed", "besteed")  # optional extra column


def reconcile(ctx: Context, financien: Financien, formatie: Formatie, gender: Gender,
              functies: dict[str, Functiestand]) -> tuple[Controle, ...]:
    found: list[Controle] = []
    jaar = ctx.jaar
    personeel = ctx.source(f"{jaar}/personeel")
    staff = ctx.staff(jaar)
    assert staff is not None

    if gender.overig:
        found.append(Controle("geslacht_buiten_tabel", verwacht=gender.totaal,
                              gevonden=gender.in_tabel, verschil=gender.overig,
                              bestanden=(personeel,)))

    grid = staff.pivot(["umc", "contractvorm"])
    for inst in ctx.instellingen:
        for cv in FTE_CVS:
            fte = units_to_fte(lookup(grid, (inst.code, cv), "units"))
            n = lookup(grid, (inst.code, cv), "n")
            if fte > n:
                found.append(Controle("fte_boven_personen", verwacht=n, gevonden=fte,
                                      verschil=fte - n, bestanden=(personeel,),
                                      instelling=inst.code, detail=cv))

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
                found.append(Controle("som_bestedingen", verwacht=opgegeven, gevonden=som,
                                      verschil=som - opgegeven, bestanden=(fin_file,),
                                      instelling=text(r.get("umc")), jaar=y, detail=col))
        file_total = sum((dec(r.get(k)) for r in records(ctx.dataset.jaren[y].financien)
                          for k in CATEGORY_KEYS), ZERO)
        jaar_tabel = next((j.besteed for j in financien.per_jaar if j.jaar == y), ZERO)
        if file_total != jaar_tabel:
            found.append(Controle("bestedingen_buiten_tabel", verwacht=file_total,
                                  gevonden=jaar_tabel, verschil=jaar_tabel - file_total,
                                  bestanden=(fin_file,), jaar=y))
    file_fte = staff.fte(cv=GEREALISEERD)
    if file_fte != formatie.gerealiseerd_fte:
        found.append(Controle("fte_buiten_tabel", verwacht=file_fte,
                              gevonden=formatie.gerealiseerd_fte,
                              verschil=formatie.gerealiseerd_fte - file_fte,
                              bestanden=(personeel,)))
    functie_fte = sum((f.fte_totaal for f in functies.values()), ZERO)
    if functie_fte != file_fte:
        found.append(Controle("functies_buiten_totaal", verwacht=file_fte,
                              gevonden=functie_fte, verschil=functie_fte - file_fte,
                              bestanden=(personeel,
                                         ctx.source("referentie/functiecategorieen"))))

    fin_files = tuple(ctx.source(f"{y}/financien") for y in ctx.jaren)
    for row in financien.tabel.rows:
        besteed, ontvangen = row.values["besteed"], row.values["ontvangen"]
        if not row.is_total and besteed > ontvangen:
            found.append(Controle("meer_besteed_dan_ontvangen", verwacht=ontvangen,
                                  gevonden=besteed, verschil=besteed - ontvangen,
                                  bestanden=fin_files, instelling=row.key, jaar=jaar))

    begroting = ctx.source("referentie/begroting")
    for row in formatie.tabel.rows:
        if row.is_total:
            continue
        structureel: Decimal = row.values["vast"] + row.values["toegezegd_vast"]
        begroot: Decimal = row.values["begroot"]
        if begroot > 0 and structureel > begroot:
            found.append(Controle("realisatie_boven_begroting", verwacht=begroot,
                                  gevonden=structureel, verschil=structureel - begroot,
                                  bestanden=(personeel, begroting), instelling=row.key))
    return tuple(found)

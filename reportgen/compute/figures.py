"""Figure data (seed Figuren 1-6) and the workload monitor summary.

The shape of each figure is documented at `model.Figure`; charts.py draws them.
"""

from __future__ import annotations

from decimal import Decimal

from ..model import (Dataspecialisten, Figure, Functiestand, Series, Werkdruk,
                     WerkdrukMeting)
from .common import ZERO, Context, dec, pct, records, text
from .staffing import STRUCTUREEL, categorieen

MOMENTEN = ("voor", "nu", "ideaal")
SCORES = ("baanzekerheid", "werkdruk")


# ---------------------------------------------------------------- workload monitor


def monitor_jaren(ctx: Context) -> list[int]:
    """Years up to the report year that hold a (non-empty) workload monitor."""
    return [j for j in ctx.jaren
            if ctx.dataset.jaren[j].werkdrukmonitor is not None
            and len(ctx.dataset.jaren[j].werkdrukmonitor) > 0]


def monitor_gemiddelden(ctx: Context, jaar: int) -> dict[str, dict[str, Decimal]]:
    """moment -> {score: exact mean} of one measurement."""
    sums: dict[str, dict[str, Decimal]] = {}
    counts: dict[str, int] = {}
    for r in records(ctx.dataset.jaren[jaar].werkdrukmonitor):
        moment = text(r.get("moment")).lower()
        sums.setdefault(moment, {s: ZERO for s in SCORES})
        counts[moment] = counts.get(moment, 0) + 1
        for s in SCORES:
            sums[moment][s] += dec(r.get(s))
    return {m: {s: sums[m][s] / counts[m] for s in SCORES}
            for m in MOMENTEN if counts.get(m)}


def monitor_deelnemers(ctx: Context, jaar: int) -> int:
    """Distinct participants (umc, deelnemer) of one measurement."""
    return len({(text(r.get("umc")), text(r.get("deelnemer")))
                for r in records(ctx.dataset.jaren[jaar].werkdrukmonitor)})


def compute_werkdruk(ctx: Context) -> Werkdruk:
    metingen = tuple(
        WerkdrukMeting(meetjaar=j, deelnemers=monitor_deelnemers(ctx, j),
                       gemiddelde=monitor_gemiddelden(ctx, j))
        for j in monitor_jaren(ctx))
    if not metingen:
        return Werkdruk(meetjaar=None, deelnemers=0, gemiddelde={})
    laatste = metingen[-1]
    return Werkdruk(meetjaar=laatste.meetjaar, deelnemers=laatste.deelnemers,
                    gemiddelde=laatste.gemiddelde, metingen=metingen,
                    vorige=metingen[-2] if len(metingen) > 1 else None)


def _panel_title(moment: str, meetjaar: int | None) -> str:
    if moment == "voor":
        return "Vóór het sectorplan"
    if moment == "nu":
        return f"Meting {meetjaar}" if meetjaar else "Meting"
    return "Ideale situatie"


def werkdruk_figure(ctx: Context, werkdruk: Werkdruk) -> Figure:
    meetjaar = werkdruk.meetjaar
    recs = records(ctx.dataset.jaren[meetjaar].werkdrukmonitor) if meetjaar else []

    def order(r: dict) -> tuple:
        return (text(r.get("umc")), text(r.get("deelnemer")))

    panels = []
    series = []
    for moment in MOMENTEN:
        rows = sorted((r for r in recs if text(r.get("moment")).lower() == moment), key=order)
        werk = tuple(dec(r.get("werkdruk")) for r in rows)
        zeker = tuple(dec(r.get("baanzekerheid")) for r in rows)
        titel = _panel_title(moment, meetjaar)
        panels.append({"moment": moment, "label": titel, "werkdruk": werk,
                       "baanzekerheid": zeker,
                       "gemiddelde": werkdruk.gemiddelde.get(moment, {})})
        series.append(Series(label=f"{titel}: ervaren werkdruk", key=f"{moment}:werkdruk",
                             values=werk))
        series.append(Series(label=f"{titel}: ervaren baanzekerheid",
                             key=f"{moment}:baanzekerheid", values=zeker))
    return Figure(
        key="werkdruk",
        kind="scatter_panels",
        title="Ervaren baanzekerheid en werkdruk van deelnemers aan de focusgroepen",
        categories=tuple(p["label"] for p in panels),
        series=tuple(series),
        x_label="Ervaren werkdruk (1–10)",
        y_label="Ervaren baanzekerheid (1–10)",
        extra={"meetjaar": meetjaar, "momenten": MOMENTEN, "panels": tuple(panels),
               "schaal": (1, 10), "deelnemers": werkdruk.deelnemers,
               "leeg": not recs},
    )


# ---------------------------------------------------------------- staff figures


def dataspecialisten_figure(ds: Dataspecialisten) -> Figure:
    vast = tuple(v for _, v, _ in ds.per_jaar)
    tijdelijk = tuple(t for _, _, t in ds.per_jaar)
    return Figure(
        key="dataspecialisten",
        kind="stacked_bar",
        title="Dataspecialisten op sectorplanmiddelen per jaar (fte)",
        categories=tuple(str(j) for j, _, _ in ds.per_jaar),
        series=(Series("Vast (incl. tijdelijk toegezegd vast)", vast, key="vast"),
                Series("Tijdelijk", tijdelijk, key="tijdelijk")),
        y_label="fte",
        extra={"totaal": tuple(v + t for v, t in zip(vast, tijdelijk)),
               "leeg": not any(v + t for v, t in zip(vast, tijdelijk))},
    )


def fte_per_umc_figure(ctx: Context) -> Figure:
    staff = ctx.staff(ctx.jaar)
    assert staff is not None
    vast = tuple(staff.fte(umc=i.code, cv=STRUCTUREEL) for i in ctx.instellingen)
    tijdelijk = tuple(staff.fte(umc=i.code, cv="tijdelijk") for i in ctx.instellingen)
    inloop = tuple(staff.fte(umc=i.code, cv="inloop") for i in ctx.instellingen)
    return Figure(
        key="fte_per_umc",
        kind="stacked_barh",
        title="Gerealiseerde fte per umc naar contractvorm",
        categories=tuple(i.naam for i in ctx.instellingen),
        series=(Series("Vast (incl. tijdelijk toegezegd vast)", vast, key="vast"),
                Series("Tijdelijk", tijdelijk, key="tijdelijk"),
                Series("Inloop", inloop, key="inloop")),
        x_label="fte",
        extra={"codes": tuple(i.code for i in ctx.instellingen),
               "leeg": not any(vast + tijdelijk + inloop)},
    )


def functies_figure(functies: dict[str, Functiestand], groep: str) -> Figure:
    stands = [f for f in functies.values() if f.groep == groep]
    titles = {"wetenschappelijk": "Fte per wetenschappelijke functiecategorie",
              "ondersteunend": "Fte per ondersteunende functiecategorie"}
    series = tuple(
        Series(label, tuple(f.fte[cv] for f in stands), key=cv)
        for cv, label in (("vast", "Vast"), ("toegezegd_vast", "Tijdelijk toegezegd vast"),
                          ("tijdelijk", "Tijdelijk")))
    return Figure(
        key=f"functies_{groep}",
        kind="stacked_barh",
        title=titles.get(groep, f"Functies {groep} (fte)"),
        categories=tuple(f.naam for f in stands),
        series=series,
        x_label="fte",
        extra={"codes": tuple(f.code for f in stands),
               "leeg": not any(f.fte_totaal for f in stands)},
    )


def gender_figure(ctx: Context) -> Figure:
    """Women/men share of the fte per scientific function category, vast contracts only."""
    staff = ctx.staff(ctx.jaar)
    assert staff is not None
    cats = [c for c in categorieen(ctx) if c.groep == "wetenschappelijk"]
    fte = {g: tuple(staff.fte(functie=c.code, cv="vast", geslacht=g) for c in cats)
           for g in ("v", "m")}
    fte["x"] = tuple(staff.fte(functie=c.code, cv="vast",
                               where=lambda p: p.geslacht not in ("v", "m")) for c in cats)
    totals = tuple(fte["v"][i] + fte["m"][i] + fte["x"][i] for i in range(len(cats)))
    keys = ("v", "m", "x") if any(fte["x"]) else ("v", "m")
    labels = {"v": "Vrouw", "m": "Man", "x": "Anders/onbekend"}
    return Figure(
        key="gender_functiegroep",
        kind="stacked_pct_barh",
        title="Verdeling vrouw/man per functiegroep (vast, fte)",
        categories=tuple(c.naam for c in cats),
        series=tuple(Series(labels[g], fte[g], key=g) for g in keys),
        x_label="aandeel (%)",
        extra={"aandeel": {g: tuple(pct(fte[g][i], totals[i]) for i in range(len(cats)))
                           for g in keys},
               "totaal_fte": totals, "codes": tuple(c.code for c in cats),
               "leeg": not any(totals)},
    )

"""Figure data (seed Figuren 1-6) and the workload monitor summary.

The shape of each figure is documented at `model.Figure`; charts.py draws them.
"""

from __future__ import annotations

from decimal import Decimal

from ..model import (Dataspecialisten, Figure, Functiestand, Series, Werkdruk,
                     WerkdrukMeting)
from ..vocab import MOMENT, SCORES, STRUCTUREEL, V_M
from .common import ZERO, Context, dec, lookup, pct, records, text, units_to_fte
from .staffing import categorieen


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
            for m in MOMENT if counts.get(m)}


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


def werkdruk_figure(ctx: Context, werkdruk: Werkdruk) -> Figure:
    meetjaar = werkdruk.meetjaar
    recs = records(ctx.dataset.jaren[meetjaar].werkdrukmonitor) if meetjaar else []

    def order(r: dict) -> tuple:
        return (text(r.get("umc")), text(r.get("deelnemer")))

    panels = []
    series = []
    for moment in MOMENT:
        rows = sorted((r for r in recs if text(r.get("moment")).lower() == moment), key=order)
        werk = tuple(dec(r.get("werkdruk")) for r in rows)
        zeker = tuple(dec(r.get("baanzekerheid")) for r in rows)
        panels.append({"moment": moment, "werkdruk": werk, "baanzekerheid": zeker,
                       "gemiddelde": werkdruk.gemiddelde.get(moment, {})})
        series.append(Series(key=f"{moment}:werkdruk", values=werk))
        series.append(Series(key=f"{moment}:baanzekerheid", values=zeker))
    return Figure(
        key="werkdruk", kind="scatter_panels", categories=MOMENT.codes,
        series=tuple(series),
        extra={"meetjaar": meetjaar, "panels": tuple(panels), "schaal": (1, 10),
               "deelnemers": werkdruk.deelnemers, "leeg": not recs},
    )


# ---------------------------------------------------------------- staff figures


def dataspecialisten_figure(ds: Dataspecialisten) -> Figure:
    vast = tuple(v for _, v, _ in ds.per_jaar)
    tijdelijk = tuple(t for _, _, t in ds.per_jaar)
    return Figure(
        key="dataspecialisten", kind="stacked_bar",
        categories=tuple(str(j) for j, _, _ in ds.per_jaar),
        series=(Series("vast", vast), Series("tijdelijk", tijdelijk)),
        extra={"totaal": tuple(v + t for v, t in zip(vast, tijdelijk)), "eenheid": "fte",
               "leeg": not any(v + t for v, t in zip(vast, tijdelijk))},
    )


def fte_per_instelling_figure(ctx: Context) -> Figure:
    staff = ctx.staff(ctx.jaar)
    assert staff is not None
    grid = staff.pivot(["umc", "contractvorm"])

    def fte(code: str, cvs: tuple[str, ...]) -> Decimal:
        return units_to_fte(sum(lookup(grid, (code, cv), "units") for cv in cvs))

    codes = tuple(i.code for i in ctx.instellingen)
    vast = tuple(fte(c, STRUCTUREEL) for c in codes)
    tijdelijk = tuple(fte(c, ("tijdelijk",)) for c in codes)
    inloop = tuple(fte(c, ("inloop",)) for c in codes)
    return Figure(
        key="fte_per_instelling", kind="stacked_barh", categories=codes,
        names={i.code: i.naam for i in ctx.instellingen},
        series=(Series("vast", vast), Series("tijdelijk", tijdelijk),
                Series("inloop", inloop)),
        extra={"eenheid": "fte", "leeg": not any(vast + tijdelijk + inloop)},
    )


def functies_figure(functies: dict[str, Functiestand], groep: str) -> Figure:
    """fte per function category of one group; a category nobody holds is left out of the
    chart (the table of function categories still lists it)."""
    stands = [f for f in functies.values() if f.groep == groep and f.fte_totaal]
    series = tuple(Series(cv, tuple(f.fte[cv] for f in stands))
                   for cv in ("vast", "toegezegd_vast", "tijdelijk"))
    return Figure(
        key=f"functies_{groep}", kind="stacked_barh",
        categories=tuple(f.code for f in stands), names={f.code: f.naam for f in stands},
        series=series,
        extra={"groep": groep, "eenheid": "fte",
               "leeg": not any(f.fte_totaal for f in stands)},
    )


def gender_figure(ctx: Context) -> Figure:
    """Women/men share of the fte per scientific function category, vast contracts only."""
    staff = ctx.staff(ctx.jaar)
    assert staff is not None
    cats = [c for c in categorieen(ctx) if c.groep == "wetenschappelijk"]
    grid = staff.pivot(["functiecategorie", "geslacht"], cv="vast")
    fte = {g: tuple(units_to_fte(lookup(grid, (c.code, g), "units")) for c in cats)
           for g in V_M}
    anders = staff.pivot("functiecategorie", cv="vast", not_geslacht=V_M)
    fte["x"] = tuple(units_to_fte(lookup(anders, c.code, "units")) for c in cats)
    totals = tuple(fte["v"][i] + fte["m"][i] + fte["x"][i] for i in range(len(cats)))
    keep = [i for i, total in enumerate(totals) if total]  # no bar for an empty category
    if keep:
        cats = [cats[i] for i in keep]
        fte = {g: tuple(values[i] for i in keep) for g, values in fte.items()}
        totals = tuple(totals[i] for i in keep)
    keys = ("v", "m", "x") if any(fte["x"]) else ("v", "m")
    return Figure(
        key="gender_functiegroep", kind="stacked_pct_barh",
        categories=tuple(c.code for c in cats), names={c.code: c.naam for c in cats},
        series=tuple(Series(g, fte[g]) for g in keys),
        extra={"aandeel": {g: tuple(pct(fte[g][i], totals[i]) for i in range(len(cats)))
                           for g in keys},
               "totaal_fte": totals, "eenheid": "fte", "leeg": not any(totals)},
    )

"""Money: seed Tabel 1 (cumulative spending per institution) and spending per year."""

from __future__ import annotations

from decimal import Decimal

from ..model import Column, Financien, JaarBesteding, Row, Table
from .common import ZERO, Context, dec, pct, records, text

#: The spending categories of financien.csv, in the seed's column order.
CATEGORY_KEYS = ("tijdelijke_posities", "vaste_posities", "indirecte_kosten", "materieel")


def _sum_by_umc(ctx: Context, jaren: list[int]) -> dict[str, dict[str, Decimal]]:
    """umc -> {ontvangen, categories...} summed over the given years."""
    keys = ("ontvangen",) + CATEGORY_KEYS
    out: dict[str, dict[str, Decimal]] = {i.code: {k: ZERO for k in keys}
                                          for i in ctx.instellingen}
    for jaar in jaren:
        for rec in records(ctx.dataset.jaren[jaar].financien):
            umc = text(rec.get("umc"))
            if umc not in out:
                continue  # unknown institution: validation reports it
            for k in keys:
                out[umc][k] += dec(rec.get(k))
    return out


def compute_financien(ctx: Context) -> Financien:
    sums = _sum_by_umc(ctx, ctx.jaren)
    columns = tuple(Column(k, "euro") for k in CATEGORY_KEYS) + (
        Column("besteed", "euro"), Column("ontvangen", "euro"),
        Column("onderbesteding", "euro"), Column("besteed_pct", "pct"))
    rows: list[Row] = []
    totals = {k: ZERO for k in CATEGORY_KEYS + ("besteed", "ontvangen", "onderbesteding")}
    for inst in ctx.instellingen:
        s = sums[inst.code]
        besteed = sum((s[k] for k in CATEGORY_KEYS), ZERO)
        values: dict[str, object] = {k: s[k] for k in CATEGORY_KEYS}
        values.update(besteed=besteed, ontvangen=s["ontvangen"],
                      onderbesteding=s["ontvangen"] - besteed,
                      besteed_pct=pct(besteed, s["ontvangen"]))
        for k in totals:
            totals[k] += values[k]  # type: ignore[operator]
        rows.append(Row(key=inst.code, naam=inst.naam, values=values))
    total_values: dict[str, object] = dict(totals)
    total_values["besteed_pct"] = pct(totals["besteed"], totals["ontvangen"])
    rows.append(Row(key="totaal", values=total_values, is_total=True))
    tabel = Table(key="besteding", columns=columns, rows=tuple(rows),
                  facts={"van": ctx.jaren[0] if ctx.jaren else ctx.jaar, "tot": ctx.jaar})

    per_jaar = []
    for jaar in ctx.jaren:
        s = _sum_by_umc(ctx, [jaar])
        ontvangen = sum((v["ontvangen"] for v in s.values()), ZERO)
        besteed = sum((v[k] for v in s.values() for k in CATEGORY_KEYS), ZERO)
        per_jaar.append(JaarBesteding(jaar=jaar, ontvangen=ontvangen, besteed=besteed,
                                      besteed_pct=pct(besteed, ontvangen)))

    return Financien(
        tabel=tabel,
        ontvangen_totaal=totals["ontvangen"],
        besteed_totaal=totals["besteed"],
        onderbesteding=totals["onderbesteding"],
        besteed_pct=pct(totals["besteed"], totals["ontvangen"]),
        tijdelijke_posities=totals["tijdelijke_posities"],
        vaste_posities=totals["vaste_posities"],
        indirecte_kosten=totals["indirecte_kosten"],
        materieel=totals["materieel"],
        per_jaar=tuple(per_jaar),
        besteed_pct_jaar=per_jaar[-1].besteed_pct if per_jaar else None,
    )


def per_jaar_table(fin: Financien) -> Table:
    """Money received and spent per calendar year; the total row is cumulative."""
    columns = (Column("ontvangen", "euro"), Column("besteed", "euro"),
               Column("verschil", "euro"), Column("besteed_pct", "pct"))
    rows = [
        Row(key=str(j.jaar), naam=str(j.jaar), values={
            "ontvangen": j.ontvangen, "besteed": j.besteed,
            "verschil": j.ontvangen - j.besteed, "besteed_pct": j.besteed_pct})
        for j in fin.per_jaar
    ]
    ontvangen = sum((j.ontvangen for j in fin.per_jaar), ZERO)
    besteed = sum((j.besteed for j in fin.per_jaar), ZERO)
    rows.append(Row(key="totaal", is_total=True, values={
        "ontvangen": ontvangen, "besteed": besteed, "verschil": ontvangen - besteed,
        "besteed_pct": pct(besteed, ontvangen)}))
    return Table(key="besteding_per_jaar", columns=columns, rows=tuple(rows))

"""Money: seed Tabel 1 (cumulative spending per institution) and spending per year."""

from __future__ import annotations

from decimal import Decimal

from ..model import Column, Financien, JaarBesteding, Row, Table
from .common import ZERO, Context, dec, pct, records, text

CATEGORIES = (
    ("tijdelijke_posities", "Tijdelijke posities"),
    ("vaste_posities", "Vaste posities"),
    ("indirecte_kosten", "Indirecte kosten"),
    ("materieel", "Materieel"),
)
CATEGORY_KEYS = tuple(k for k, _ in CATEGORIES)


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
    columns = tuple(Column(k, label, "euro") for k, label in CATEGORIES) + (
        Column("besteed", "Totaal besteed", "euro"),
        Column("ontvangen", "Ontvangen", "euro"),
        Column("onderbesteding", "Onderbesteding", "euro"),
        Column("besteed_pct", "Besteed", "pct"),
    )
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
        rows.append(Row(label=inst.naam, values=values, key=inst.code))
    total_values: dict[str, object] = dict(totals)
    total_values["besteed_pct"] = pct(totals["besteed"], totals["ontvangen"])
    rows.append(Row(label="Totaal", values=total_values, key="totaal", is_total=True))
    tabel = Table(
        key="besteding",
        title=f"Bestedingen {ctx.jaren[0]}–{ctx.jaar}" if ctx.jaren else "Bestedingen",
        first_column="umc",
        columns=columns,
        rows=tuple(rows),
    )

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
    columns = (
        Column("ontvangen", "Ontvangen", "euro"),
        Column("besteed", "Besteed", "euro"),
        Column("verschil", "Onderbesteding", "euro"),
        Column("besteed_pct", "Besteed (%)", "pct"),
    )
    rows = [
        Row(label=str(j.jaar), key=str(j.jaar), values={
            "ontvangen": j.ontvangen, "besteed": j.besteed,
            "verschil": j.ontvangen - j.besteed, "besteed_pct": j.besteed_pct})
        for j in fin.per_jaar
    ]
    ontvangen = sum((j.ontvangen for j in fin.per_jaar), ZERO)
    besteed = sum((j.besteed for j in fin.per_jaar), ZERO)
    rows.append(Row(label="Totaal", key="totaal", is_total=True, values={
        "ontvangen": ontvangen, "besteed": besteed, "verschil": ontvangen - besteed,
        "besteed_pct": pct(besteed, ontvangen)}))
    return Table(key="besteding_per_jaar", title="Besteding per jaar", first_column="jaar",
                 columns=columns, rows=tuple(rows))

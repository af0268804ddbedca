"""Compute stage: a validated `Dataset` in, the complete `ReportModel` out.

    model = build_model(dataset)

Everything the report shows is computed here, as numbers and codes (Decimal/int, never
preformatted, no Dutch wording), before any rendering. Missing optional data (rapport.toml,
kpi_waarden, the workload monitor, commissie.csv, kpis/indicatoren) never stops the
computation: the model gets `None`, "geen gegevens" or defaults; validation
(reportgen/completeness.py) decides whether that is an error or a placeholder. Modules:

- common.py    exact-number helpers, the context, the staff frame (pandas, integer fte)
- finance.py   seed Tabel 1 (cumulative spending) and spending per year
- staffing.py  Bijlage V (fte), Tabel 3 (persons), Bijlage VI (gender), functions, data
               specialists
- figures.py   figure data (seed Figuren 1-6) and the workload monitor
- kpis.py      the KPIs, their measures and statuses
- reconcile.py reconciliation findings (`controles`)
- meta.py      institutions, themes, theme matrix, committee
"""

from __future__ import annotations

from .. import period
from ..dataset import Dataset
from ..model import ReportModel, Table
from ..settings import resolve_rapport, resolve_sectorplan
from ..vocab import UD
from .common import Context
from .figures import (compute_werkdruk, dataspecialisten_figure, fte_per_instelling_figure,
                      functies_figure, gender_figure, werkdruk_figure)
from .finance import compute_financien, per_jaar_table
from .kpis import compute_kpis
from .meta import commissie, instellingen, themamatrix, themas
from .reconcile import reconcile
from .staffing import (compute_dataspecialisten, compute_formatie, compute_functies,
                       compute_gender, compute_personen, functies_table)

__all__ = ["build_model"]


def build_model(dataset: Dataset) -> ReportModel:
    ref = dataset.referentie
    sectorplan = resolve_sectorplan(ref.sectorplan, dataset.looptijd)
    ctx = Context(dataset=dataset, sectorplan=sectorplan,
                  instellingen=instellingen(ref.umcs))
    # Only a period set in sectorplan.toml says which year is the plan's last.
    eindjaar = ctx.eindjaar if period.from_settings(ref.sectorplan) else None
    rapport = resolve_rapport(dataset.huidig.rapport, ctx.jaar, eindjaar)

    financien = compute_financien(ctx)
    formatie = compute_formatie(ctx)
    personen = compute_personen(ctx)
    gender = compute_gender(ctx)
    functies = compute_functies(ctx)
    dataspecialisten = compute_dataspecialisten(ctx)
    werkdruk = compute_werkdruk(ctx)
    kpis = compute_kpis(ctx)
    kpi_secties: dict[str, list[str]] = {}
    for k in kpis.values():
        kpi_secties.setdefault(k.sectie, []).append(k.code)

    tabellen: dict[str, Table] = {t.key: t for t in (
        financien.tabel, per_jaar_table(financien), functies_table(functies),
        formatie.tabel, personen.tabel, gender.tabel)}
    figuren = {f.key: f for f in (
        werkdruk_figure(ctx, werkdruk),
        dataspecialisten_figure(dataspecialisten),
        fte_per_instelling_figure(ctx),
        functies_figure(functies, "wetenschappelijk"),
        functies_figure(functies, "ondersteunend"),
        gender_figure(ctx),
    )}

    return ReportModel(
        jaar=ctx.jaar,
        peildatum=rapport["peildatum"],
        soort=rapport["soort"],
        sectorplan=sectorplan,
        rapport=rapport,
        instellingen=ctx.instellingen,
        themas=themas(ctx, kpi_secties),
        financien=financien,
        formatie=formatie,
        personen=personen,
        gender=gender,
        functies=functies,
        ud=functies.get(UD),
        dataspecialisten=dataspecialisten,
        werkdruk=werkdruk,
        kpis=kpis,
        themamatrix=themamatrix(ctx),
        commissie=commissie(ctx),
        tabellen=tabellen,
        figuren=figuren,
        controles=reconcile(ctx, financien, formatie, gender, functies),
        aantal_instellingen=len(ctx.instellingen),
    )

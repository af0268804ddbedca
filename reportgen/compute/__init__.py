"""Compute stage: a validated `Dataset` in, the complete `ReportModel` out.

    model, problems = build_model(dataset, draft=False)

Everything the report shows is computed here, as plain data (Decimal/int, never
preformatted numbers), before any rendering. Modules:

- common.py    exact-number helpers, the staff snapshot, the problem-collecting context
- finance.py   seed Tabel 1 (cumulative spending) and spending per year
- staffing.py  Bijlage V (fte), Tabel 3 (persons), Bijlage VI (gender), functions, KPI 14
- figures.py   figure data (seed Figuren 1-6) and the workload monitor
- kpis.py      the 20 KPIs, their measures and statuses, the conclusions table
- reconcile.py reconciliation findings (`controles`)
- meta.py      settings, institutions, themes, theme matrix, committee

Missing optional data (rapport.toml, kpi_waarden, kpi_oordeel for qualitative KPIs, the
workload monitor, sectorplan.toml, commissie.csv, kpis/indicatoren) never stops the
computation: the model gets `None`/"geen gegevens"/defaults and one Problem per missing
piece is returned, a warning when `draft` is true and an error otherwise. Reconciliation
findings are always warnings.
"""

from __future__ import annotations

from ..dataset import Dataset
from ..errors import Problem
from ..model import ReportModel, Table
from .common import Context
from .figures import (compute_werkdruk, dataspecialisten_figure, fte_per_umc_figure,
                      functies_figure, gender_figure, werkdruk_figure)
from .finance import compute_financien, per_jaar_table
from .kpis import compute_conclusies, compute_kpis, conclusies_table
from .meta import (commissie, instellingen, rapport_settings, sectorplan_settings,
                   themamatrix, themas)
from .reconcile import reconcile
from .staffing import (UD, compute_dataspecialisten, compute_formatie, compute_functies,
                       compute_gender, compute_personen, functies_table)

__all__ = ["build_model"]


def build_model(dataset: Dataset, draft: bool = False) -> tuple[ReportModel, list[Problem]]:
    ref = dataset.referentie
    ctx = Context(dataset=dataset, draft=draft, sectorplan={},
                  instellingen=instellingen(ref.umcs))
    ctx.sectorplan = sectorplan_settings(ctx)

    rapport, soort, peildatum = rapport_settings(ctx)

    financien = compute_financien(ctx)
    formatie = compute_formatie(ctx)
    personen = compute_personen(ctx)
    gender = compute_gender(ctx)
    functies = compute_functies(ctx)
    dataspecialisten = compute_dataspecialisten(ctx)

    werkdruk = compute_werkdruk(ctx)
    if werkdruk.meetjaar is None:
        ctx.missing(f"{ctx.jaar}/werkdrukmonitor.csv",
                    f"een werkdrukmonitor in {ctx.jaar} of een eerder meetjaar",
                    gevolg="figuur 'werkdruk' en de KPI Werkdruk blijven zonder gegevens")

    kpis = compute_kpis(ctx)
    conclusies = compute_conclusies(kpis)
    kpi_secties: dict[str, list[str]] = {}
    for k in kpis.values():
        kpi_secties.setdefault(k.sectie, []).append(k.code)

    tabellen: dict[str, Table] = {}
    for t in (financien.tabel, per_jaar_table(financien), functies_table(functies),
              conclusies_table(conclusies), formatie.tabel, personen.tabel, gender.tabel):
        tabellen[t.key] = t

    figuren = {f.key: f for f in (
        werkdruk_figure(ctx, werkdruk),
        dataspecialisten_figure(dataspecialisten),
        fte_per_umc_figure(ctx),
        functies_figure(functies, "wetenschappelijk"),
        functies_figure(functies, "ondersteunend"),
        gender_figure(ctx),
    )}

    controles, reconcile_problems = reconcile(ctx, financien, formatie, gender, functies)

    model = ReportModel(
        jaar=ctx.jaar,
        peildatum=peildatum,
        soort=soort,
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
        conclusies=conclusies,
        themamatrix=themamatrix(ctx),
        commissie=commissie(ctx),
        tabellen=tabellen,
        figuren=figuren,
        controles=controles,
        aantal_instellingen=len(ctx.instellingen),
    )
    return model, ctx.problems + reconcile_problems

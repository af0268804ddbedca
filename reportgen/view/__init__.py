"""The view layer: the report model (numbers and codes) becomes the presentation
structure the templates, charts, texts, exports and change summary read — every Dutch
label, title, note and phrase is made here or in the templates.

    parts = prepare(model)                       # labels, KPI views, tables, figures
    plan = text_plan(outline, model)             # which texts the outline asks for
    context = text_context(model, parts)         # what a text's placeholders can use
    report = build_view(model, parts, outline, texts, draft=..., build_info=...)

Modules: labels.py (report names), tables.py, figures.py, kpis.py (norms, conclusions),
messages.py (reconciliation warnings), structure.py (the outline applied); besides the
report: factsheet.py (`reportgen factsheets`) and status.py (`reportgen status`).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass, field
from typing import Any, Mapping

from markupsafe import Markup, escape

from ..model import Commissielid, ReportModel
from ..outline import Outline
from ..settings import publication_date
from .figures import FigureView, figure_view
from .kpis import (Conclusie, KpiView, conclusies, conclusies_table, kpi_results_table,
                   kpi_view)
from .labels import Labels, report_labels
from .structure import BlockView, Expander, SectionView, TextPlan, text_plan
from .tables import TableView, table_view, themamatrix_table

__all__ = ["Parts", "ReportView", "prepare", "text_context", "text_plan", "build_view",
           "TextPlan", "SectionView", "BlockView"]


@dataclass(frozen=True)
class Parts:
    """What the view makes of the model before the texts are rendered."""

    labels: Labels
    kpis: dict[str, KpiView]
    conclusies: tuple[Conclusie, ...]
    tabellen: dict[str, TableView]  # every table, also the conclusions table
    figuren: dict[str, FigureView]


def prepare(model: ReportModel) -> Parts:
    labels = report_labels(model)
    basisjaar = model.sectorplan["basisjaar"]
    eindjaar = model.sectorplan["looptijd_eind"]
    kpis = {code: kpi_view(k, basisjaar, eindjaar) for code, k in model.kpis.items()}
    rows = conclusies(kpis)
    tabellen = {k: table_view(t, labels) for k, t in model.tabellen.items()}
    tabellen["conclusies"] = conclusies_table(rows)  # without KPIs: a placeholder in print
    if kpis:
        tabellen["kpi_indicatoren"] = kpi_results_table(kpis, model.jaar)
    tabellen["themamatrix"] = themamatrix_table(model, labels)
    figuren = {k: figure_view(f, labels) for k, f in model.figuren.items()}
    return Parts(labels=labels, kpis=kpis, conclusies=rows, tabellen=tabellen,
                 figuren=figuren)


def text_context(model: ReportModel, parts: Parts) -> dict[str, Any]:
    """The names a text's placeholders can use: the model's fields, with the KPIs, tables
    and figures as the reader sees them (a measure's `norm` in words), plus `sectorplan`
    (the settings of referentie/sectorplan.toml with their defaults)."""
    context = {f.name: getattr(model, f.name) for f in dataclasses.fields(model)}
    context.update(kpis=parts.kpis, conclusies=parts.conclusies, tabellen=parts.tabellen,
                   figuren=parts.figuren, sectorplan=model.sectorplan)
    return context


@dataclass(frozen=True)
class CommissieView:
    leden: tuple[Commissielid, ...]
    secretariaat: tuple[Commissielid, ...]
    aantal_leden: int  # active members on the publication date, chair not counted
    heeft_voorzitter: bool


def commissie_view(model: ReportModel, datum: dt.date) -> CommissieView:
    leden = tuple(c for c in model.commissie if c.rol == "lid")
    actief = [c for c in leden if (c.tot is None or c.tot >= datum)
              and (c.van is None or c.van <= datum)]
    voorzitters = [c for c in actief if c.functie == "voorzitter"]
    return CommissieView(
        leden=leden, secretariaat=tuple(c for c in model.commissie if c.rol != "lid"),
        aantal_leden=len(actief) - len(voorzitters), heeft_voorzitter=bool(voorzitters))


class Texts:
    """The rendered texts as templates ask for them: `tekst('samenvatting')` gives the text
    (or, for a required text that is missing, a visible placeholder; an optional one that
    is missing gives nothing)."""

    def __init__(self, texts: Mapping[str, Any], plan: TextPlan, data_name: str = "data",
                 jaar: int | None = None):
        self.texts = texts
        self.plan = plan
        self.data_name = data_name
        self.jaar = jaar

    def has(self, key: str) -> bool:
        return key in self.texts or key not in self.plan.optional

    def __call__(self, key: str) -> Markup:
        value = self.texts.get(key)
        if value is None:
            if key in self.plan.optional:
                return Markup("")
            path = f"{self.data_name}/{self.jaar}/teksten/{key}.md" if self.jaar else key
            return Markup('<div class="ontbreekt tekst-ontbreekt">[Tekst ontbreekt: {}]</div>'
                          ).format(path)
        if not isinstance(value, Markup):
            value = escape(value)  # a plain str is text, never trusted HTML
        return Markup('<div class="tekst tekst-{}">{}</div>').format(key, value)


@dataclass(frozen=True)
class ReportView:
    """Everything the report templates read."""

    model: ReportModel
    labels: Labels
    voorwerk: tuple[str, ...]
    hoofdstukken: tuple[SectionView, ...]
    kpis: dict[str, KpiView]
    conclusies: tuple[Conclusie, ...]
    tabellen: dict[str, TableView]  # the tables the report prints, in report order
    figuren: dict[str, FigureView]  # the figures the report shows, in report order
    alle_tabellen: dict[str, TableView]  # printed tables first, then the other computed ones
    tekst: Texts
    commissie: CommissieView
    publicatiedatum: dt.date
    draft: bool = False
    build_info: dict[str, Any] = field(default_factory=dict)

    @property
    def has_letter(self) -> bool:
        """A voortgangsrapportage may leave the letter out; then there is no brief.pdf."""
        return "brief" in self.voorwerk and self.tekst.has("brief")


def _block_view(parts: Parts, texts: Texts) -> Any:
    def make(soort: str, sleutel: str) -> BlockView | None:
        if soort in ("tekst", "conclusie"):
            if sleutel not in texts.texts and sleutel in texts.plan.optional:
                return None
            return BlockView(soort, sleutel, (f"blokken/{soort}.html",))
        if soort == "figuur":
            return BlockView(soort, sleutel, (f"blokken/figuur_{sleutel}.html",
                                              "blokken/figuur.html"),
                             data=parts.figuren.get(sleutel))
        if soort == "tabel":
            return BlockView(soort, sleutel, (f"blokken/tabel_{sleutel}.html",
                                              "blokken/tabel.html"),
                             data=parts.tabellen.get(sleutel))
        return BlockView("onderdeel", sleutel, (f"blokken/{sleutel}.html",))
    return make


def build_view(model: ReportModel, parts: Parts, outline: Outline, texts: Mapping[str, Any],
               plan: TextPlan, *, draft: bool = False,
               build_info: Mapping[str, Any] | None = None,
               data_name: str = "data") -> ReportView:
    tekst = Texts(texts, plan, data_name, model.jaar)
    hoofdstukken = Expander(outline, model, parts.kpis, _block_view(parts, tekst)).sections()
    shown: list[BlockView] = []
    for chapter in hoofdstukken:
        for section in chapter.walk():
            for item in section.items:
                if isinstance(item, BlockView):
                    shown += [item, *(b for b in item.na)]
    tabellen = {b.sleutel: b.data for b in shown if b.soort == "tabel" and b.data}
    figuren = {b.sleutel: b.data for b in shown if b.soort == "figuur" and b.data}
    # The KPI result tables and the theme matrix are printed too (by their own blocks).
    printed = dict(tabellen)
    if any(b.soort == "kpi" for b in shown) and "kpi_indicatoren" in parts.tabellen:
        printed["kpi_indicatoren"] = parts.tabellen["kpi_indicatoren"]
    if any(b.sleutel == "themamatrix" for b in shown):
        printed["themamatrix"] = parts.tabellen["themamatrix"]
    return ReportView(
        model=model, labels=parts.labels, voorwerk=outline.voorwerk,
        hoofdstukken=hoofdstukken, kpis=parts.kpis, conclusies=parts.conclusies,
        tabellen=tabellen, figuren=figuren, tekst=tekst,
        alle_tabellen={**printed, **{k: t for k, t in parts.tabellen.items()
                                     if k not in printed}},
        commissie=commissie_view(model, publication_date(model.rapport)),
        publicatiedatum=publication_date(model.rapport), draft=draft,
        build_info=dict(build_info or {}))

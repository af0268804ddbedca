"""The outline (opbouw.toml) applied to one report: chapters and sections with their
titles filled in, themes and subthemes repeated from the data, KPIs placed, and every
block tied to what it shows. Templates walk this tree; they decide nothing themselves."""

from __future__ import annotations

import fnmatch
from dataclasses import dataclass, field
from typing import Any, Iterator, Mapping

from ..model import ReportModel
from ..outline import OVERIGE, Block, Outline, Section, fill
from .kpis import KpiView


@dataclass(frozen=True)
class BlockView:
    soort: str  # tekst | conclusie | figuur | tabel | onderdeel | kpi
    sleutel: str  # text key, figure/table key, component name, KPI code
    templates: tuple[str, ...]  # the first that exists is included
    data: Any = None  # FigureView, TableView, KpiView
    kop: int | None = None  # KPI under its own heading of this level
    na: tuple["BlockView", ...] = ()  # blocks after a KPI's text (opbouw.toml [na_kpi])


@dataclass(frozen=True)
class SectionView:
    id: str  # heading id, "h-..." (appendices "h-bijlage-...")
    titel: str
    niveau: int  # 1 = chapter (h1) .. 3 (h3)
    genummerd: bool
    bijlage: bool  # an appendix: "Bijlage I", ...
    items: tuple[Any, ...]  # BlockView | SectionView, in order
    bijlagen: bool = False  # its sections are appendices
    inhoudsopgave_tussenkoppen: bool = False
    klassen: tuple[str, ...] = ()  # extra classes for the stylesheet
    is_section: bool = True

    def walk(self) -> Iterator["SectionView"]:
        yield self
        for item in self.items:
            if isinstance(item, SectionView):
                yield from item.walk()


@dataclass(frozen=True)
class TextPlan:
    """The texts a report uses, in report order, and which of them it may leave out."""

    keys: tuple[str, ...]
    optional: frozenset[str] = field(default_factory=frozenset)

    def required(self) -> list[str]:
        return [k for k in self.keys if k not in self.optional]


# ------------------------------------------------------------------ expansion


def _repeat(section: Section, model: ReportModel, scope: Mapping[str, Any]
            ) -> list[dict[str, Any]]:
    """The values a section is filled with: once, or once per theme / subtheme."""
    if section.per == "thema":
        return [{**scope, "code": t.code, "naam": t.naam, "_thema": t} for t in model.themas]
    if section.per == "subthema":
        themas = [scope["_thema"]] if "_thema" in scope else list(model.themas)
        return [{**scope, "code": s.code, "naam": s.naam} for t in themas
                for s in t.subthemas]
    return [dict(scope)]


def _anchors(outline: Outline, model: ReportModel, settings: Mapping[str, Any]) -> set[str]:
    """Every `kpis` value the outline uses once expanded (except @overige)."""
    found: set[str] = set()

    def walk(sections: tuple[Section, ...], scope: Mapping[str, Any]) -> None:
        for s in sections:
            for values in _repeat(s, model, scope):
                if s.kpis and s.kpis != OVERIGE:
                    found.add(fill(s.kpis, values))
                walk(s.paragrafen, values)

    walk(outline.hoofdstukken, dict(settings))
    return found


def text_plan(outline: Outline, model: ReportModel) -> TextPlan:
    """Every text key the outline asks for, in report order (the letter first), and the
    keys the report type may leave out (opbouw.toml [soorten.<soort>] mag_ontbreken)."""
    keys: list[str] = ["brief"] if "brief" in outline.voorwerk else []
    anchors = _anchors(outline, model, model.sectorplan)

    def blocks(items: tuple[Block, ...], values: Mapping[str, Any]) -> None:
        keys.extend(fill(b.sleutel, values) for b in items if b.soort in ("tekst", "conclusie"))

    def walk(sections: tuple[Section, ...], scope: Mapping[str, Any]) -> None:
        for s in sections:
            for values in _repeat(s, model, scope):
                blocks(s.inhoud, values)
                walk(s.paragrafen, values)
                for kpi in _placed(s, values, model.kpis, anchors):
                    keys.append(kpi.tekst)
                blocks(s.slot, values)

    walk(outline.hoofdstukken, dict(model.sectorplan))
    keys = list(dict.fromkeys(keys))
    globs = outline.mag_ontbreken.get(model.soort, ())
    optional = {k for k in keys if any(fnmatch.fnmatchcase(k, g) for g in globs)}
    return TextPlan(tuple(keys), frozenset(optional))


def _placed(section: Section, values: Mapping[str, Any], kpis: Mapping[str, Any],
            anchors: set[str]) -> list[Any]:
    if not section.kpis:
        return []
    if section.kpis == OVERIGE:
        return [k for k in kpis.values() if k.sectie not in anchors]
    sectie = fill(section.kpis, values)
    return [k for k in kpis.values() if k.sectie == sectie]


#: Components laid out on a landscape page (css: .liggend).
LANDSCAPE = ("themamatrix",)


def _classes(items: list[Any]) -> tuple[str, ...]:
    """"liggend" for a section holding a landscape component; "liggend-start" for one
    whose first part is such a section (its heading goes onto that landscape page)."""
    if any(isinstance(i, BlockView) and i.sleutel in LANDSCAPE for i in items):
        return ("liggend",)
    first = items[0] if items else None
    if isinstance(first, SectionView) and "liggend" in first.klassen:
        return ("liggend-start",)
    return ()


class Expander:
    """Builds the SectionView tree. `block_view` turns one outline block into a BlockView
    (or None when it shows nothing, e.g. an optional text that was left out)."""

    def __init__(self, outline: Outline, model: ReportModel, kpis: dict[str, KpiView],
                 block_view: Any):
        self.outline = outline
        self.model = model
        self.kpis = kpis
        self.block_view = block_view
        self.anchors = _anchors(outline, model, model.sectorplan)

    def sections(self) -> tuple[SectionView, ...]:
        out: list[SectionView] = []
        for chapter in self.outline.hoofdstukken:
            out += self._section(chapter, dict(self.model.sectorplan), in_bijlagen=False)
        return tuple(out)

    def _blocks(self, items: tuple[Block, ...], values: Mapping[str, Any]) -> list[BlockView]:
        out = []
        for b in items:
            view = self.block_view(b.soort, fill(b.sleutel, values))
            if view is not None:
                out.append(view)
        return out

    def _kpi(self, kpi: KpiView, kop: int | None) -> BlockView:
        na = tuple(self._blocks(self.outline.na_kpi.get(kpi.code, ()), {}))
        return BlockView("kpi", kpi.code, ("blokken/kpi.html",), data=kpi, kop=kop, na=na)

    def _section(self, s: Section, scope: Mapping[str, Any], in_bijlagen: bool
                 ) -> list[SectionView]:
        out = []
        for values in _repeat(s, self.model, scope):
            items: list[Any] = self._blocks(s.inhoud, values)
            for child in s.paragrafen:
                items += self._section(child, values, in_bijlagen=s.bijlagen)
            kop = s.niveau + 1 if s.kpi_kop and s.niveau < 3 else None
            items += [self._kpi(k, kop) for k in _placed(s, values, self.kpis, self.anchors)]
            items += self._blocks(s.slot, values)
            if not items:
                continue
            sid = fill(s.id, values)
            out.append(SectionView(klassen=_classes(items),
                id=f"h-bijlage-{sid}" if in_bijlagen else f"h-{sid}",
                titel=fill(s.titel, values), niveau=s.niveau,
                genummerd=s.genummerd and not in_bijlagen, bijlage=in_bijlagen,
                items=tuple(items), bijlagen=s.bijlagen,
                inhoudsopgave_tussenkoppen=s.inhoudsopgave_tussenkoppen))
        return out

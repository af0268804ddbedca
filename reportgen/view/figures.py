"""Figures as the reader sees them: the computed `model.Figure` (codes and numbers) gets
its title, legend labels, axis labels, category names and a text alternative for screen
readers. Every figure's wording is declared here, once; charts.py draws `FigureView`s."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Callable

from ..formatting import fmt_fte, fmt_getal, fmt_pct
from ..model import Figure
from ..vocab import CONTRACTVORM, FUNCTIEGROEP, GESLACHT, MOMENT
from .labels import Labels


@dataclass(frozen=True)
class SeriesView:
    label: str  # legend label
    values: tuple[Any, ...]
    key: str = ""  # the code (charts pick colours by it)


@dataclass(frozen=True)
class FigureView:
    key: str
    kind: str
    title: str
    categories: tuple[str, ...]  # category labels as printed
    series: tuple[SeriesView, ...]
    x_label: str = ""
    y_label: str = ""
    extra: dict[str, Any] = field(default_factory=dict)
    alt: str = ""  # text alternative for screen readers


VAST_INCL = "Vast (incl. tijdelijk toegezegd vast)"
SCORE_AXIS = "Ervaren {} (1–10)"


@dataclass(frozen=True)
class FigureSpec:
    title: Callable[[Figure, Labels], str]
    series: dict[str, str] = field(default_factory=dict)  # code -> legend label
    x_label: str = ""
    y_label: str = ""


def _functies_title(figure: Figure, labels: Labels) -> str:
    groep = figure.extra.get("groep", "")
    return {"wetenschappelijk": "Fte per wetenschappelijke functiecategorie",
            "ondersteunend": "Fte per ondersteunende functiecategorie"}.get(
        groep, f"Fte per functiecategorie ({FUNCTIEGROEP.label(groep).lower()})")


CV = CONTRACTVORM.labels
FIGURES: dict[str, FigureSpec] = {
    "werkdruk": FigureSpec(
        title=lambda f, lab: "Ervaren baanzekerheid en werkdruk van deelnemers aan de "
                             "focusgroepen",
        x_label=SCORE_AXIS.format("werkdruk"), y_label=SCORE_AXIS.format("baanzekerheid")),
    "dataspecialisten": FigureSpec(
        title=lambda f, lab: "Dataspecialisten op sectorplanmiddelen per jaar (fte)",
        series={"vast": VAST_INCL, "tijdelijk": CV["tijdelijk"]}, y_label="fte"),
    "fte_per_instelling": FigureSpec(
        title=lambda f, lab: f"Gerealiseerde fte per {lab.instelling} naar contractvorm",
        series={"vast": VAST_INCL, "tijdelijk": CV["tijdelijk"], "inloop": CV["inloop"]},
        x_label="fte"),
    "functies": FigureSpec(title=_functies_title, series=dict(CV), x_label="fte"),
    "gender_functiegroep": FigureSpec(
        title=lambda f, lab: "Verdeling vrouw/man per functiegroep (vast, fte)",
        series={"v": GESLACHT.label("v"), "m": GESLACHT.label("m"),
                "x": "Anders/onbekend"},
        x_label="aandeel (%)"),
}


def spec_for(key: str) -> FigureSpec | None:
    return FIGURES.get("functies" if key.startswith("functies_") else key)


def _panel_label(moment: str, meetjaar: Any) -> str:
    if moment == "nu":
        return f"Meting {meetjaar}" if meetjaar else "Meting"
    if moment == "ideaal":
        return "Ideale situatie"
    return MOMENT.label(moment)


def figure_view(figure: Figure, labels: Labels) -> FigureView:
    spec = spec_for(figure.key)
    assert spec is not None, figure.key
    extra = dict(figure.extra)
    if figure.kind == "scatter_panels":
        meetjaar = extra.get("meetjaar")
        panels = tuple({**p, "label": _panel_label(p["moment"], meetjaar)}
                       for p in extra.get("panels", ()))
        extra["panels"] = panels
        categories = tuple(p["label"] for p in panels)
        score = {"werkdruk": "ervaren werkdruk", "baanzekerheid": "ervaren baanzekerheid"}
        series = tuple(SeriesView(
            f"{_panel_label(s.key.split(':')[0], meetjaar)}: {score[s.key.split(':')[1]]}",
            s.values, s.key) for s in figure.series)
    else:
        categories = tuple(figure.names.get(c, c) for c in figure.categories)
        series = tuple(SeriesView(spec.series.get(s.key, s.key), s.values, s.key)
                       for s in figure.series)
    view = FigureView(key=figure.key, kind=figure.kind, title=spec.title(figure, labels),
                      categories=categories, series=series, x_label=spec.x_label,
                      y_label=spec.y_label, extra=extra)
    return FigureView(**{**view.__dict__, "alt": figure_alt(view)})


# ------------------------------------------------------------------------------ alt texts

FIGURE_KIND_LABEL = {
    "scatter_panels": "Spreidingsdiagrammen",
    "stacked_bar": "Gestapeld staafdiagram",
    "stacked_barh": "Liggend gestapeld staafdiagram",
    "stacked_pct_barh": "Liggend staafdiagram in procenten",
}


def _alt_number(value: Any, unit: str) -> str:
    if value is None:
        return "geen gegevens"
    return fmt_getal(value) if unit == "aantal" else fmt_fte(value)


def _mean(values: list[Decimal]) -> Decimal | None:
    return sum(values, Decimal(0)) / len(values) if values else None


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def _enumerate(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " en " + items[-1]


def figure_alt(figure: FigureView) -> str:
    """A text alternative that a screen reader can use instead of the picture: what kind of
    chart it is, what it shows and its main figures (totals per bar, shares, panel
    averages). The caption below the figure adds the definitions."""
    kind = FIGURE_KIND_LABEL.get(figure.kind, "Figuur")
    title = figure.title.rstrip(".")
    if figure.extra.get("leeg"):
        return f"{title}: geen gegevens beschikbaar."
    legend = _enumerate([_lower_first(s.label) for s in figure.series] or [""])
    if figure.kind == "scatter_panels":
        parts = []
        for p in figure.extra.get("panels") or ():
            xs = [Decimal(str(v)) for v in p.get("werkdruk", ()) if v is not None]
            ys = [Decimal(str(v)) for v in p.get("baanzekerheid", ()) if v is not None]
            mx, my = _mean(xs), _mean(ys)
            if mx is None or my is None:
                continue
            parts.append(f"{_lower_first(p.get('label', ''))} werkdruk {fmt_getal(mx, 1)} "
                         f"en baanzekerheid {fmt_getal(my, 1)}")
        deelnemers = figure.extra.get("deelnemers")
        wie = f", {fmt_getal(deelnemers)} deelnemers" if deelnemers else ""
        axes = (f"horizontaal {_lower_first(figure.x_label)}, verticaal "
                f"{_lower_first(figure.y_label)}")
        means = f" Gemiddelden: {'; '.join(parts)}." if parts else ""
        return f"{kind}: {title}{wie}; {axes}.{means}"
    if figure.kind == "stacked_pct_barh":
        items = []
        first = figure.series[0] if figure.series else None
        for i, cat in enumerate(figure.categories):
            values = [Decimal(str(s.values[i])) for s in figure.series
                      if i < len(s.values) and s.values[i] is not None]
            total = sum(values, Decimal(0))
            if first is None or not total or i >= len(first.values) or first.values[i] is None:
                continue
            items.append(f"{cat} {fmt_pct(Decimal(str(first.values[i])) * 100 / total)}")
        if not items:
            return f"{kind}: {title}, opgebouwd uit {legend}."
        return (f"{kind}: {title}. Aandeel {_lower_first(first.label)} per categorie: "
                + ", ".join(items) + ".")
    unit = figure.extra.get("eenheid", "fte")
    totals = []
    for i, cat in enumerate(figure.categories):
        values = [s.values[i] for s in figure.series if i < len(s.values)]
        total = sum((Decimal(str(v)) for v in values if v is not None), Decimal(0))
        totals.append(f"{cat} {_alt_number(total, unit)}")
    eenheid = "personen" if unit == "aantal" else "fte"
    return (f"{kind}: {title}, opgebouwd uit {legend}. Totaal in {eenheid}: "
            + ", ".join(totals) + ".")

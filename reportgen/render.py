"""HTML rendering: the ReportModel, the rendered texts and the chart SVGs become one HTML
document (Jinja2 templates in `templates/`), ready for WeasyPrint.

    html = render_report_html(model, texts, svgs, draft=False, build_info=None)
    letter = render_letter_html(model, texts)

The templates (editable by the secretariat, see templates/README.md) only lay out; all
numbering happens here, after the body is rendered, so it always matches what is printed:

1. headings: every `<h1|h2|h3 class="genummerd">` gets its number (1, 2.1, 3.1.1) and every
   `<h2 class="bijlage">` its appendix number (Bijlage I, II, ...), in document order;
   every heading gets a unique id;
2. figures and tables: a caption writes `{{ nummer('figuur', key) }}` (a definition marker
   `[[#figuur:key]]`); they are numbered 1..n per kind in order of appearance, and every
   reference marker `[[figuur:key]]` / `[[tabel:key]]` in templates or texts becomes
   "figuur 3" / "tabel 1" (`[[Figuur:key]]` gives "Figuur 3" at a sentence start), linked
   to the figure. An unknown reference is a visible marker in a draft and an error naming
   the text file otherwise;
3. the table of contents is rendered last, from the numbered headings (h1-h3, plus the
   samenvatting's subheadings), so it always matches the body; page numbers come from
   WeasyPrint (`target-counter`).

Autoescape is on everywhere: model strings (institution names, ...) are escaped; texts
arrive as safe Markup from texts.py.
"""

from __future__ import annotations

import base64
import dataclasses
import datetime as dt
import functools
import html as htmllib
import re
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any, Mapping, Sequence

from jinja2 import Environment, StrictUndefined
from markupsafe import Markup, escape

from . import resources
from .errors import DataError, Problem
from .project import find_template_file, template_loader
from babel.dates import format_date

from .formatting import (fmt_datum, fmt_euro, fmt_fte, fmt_getal, fmt_pct, register_filters,
                         round_half_up)
from .compute.common import DEFAULT_SECTORPLAN as COMPUTE_DEFAULT_SECTORPLAN
from .compute.kpis import places_for
from .model import KpiResultaat, ReportModel, Table
from .texts import fmt_woorden, is_optional

TEMPLATES_DIR = resources.templates_dir()  # the package default

#: One templates folder or several, searched in order (the first file found wins);
#: None is the package default.
TemplateDirs = Path | str | Sequence[Path | str] | None

SOORT_LABEL = {
    "tussentijdse_evaluatie": "Tussentijdse evaluatie",
    "eindevaluatie": "Eindevaluatie",
    "voortgangsrapportage": "Voortgangsrapportage",
}

STATUS_LABEL = {
    "behaald": "Behaald",
    "op koers": "Op koers",
    "aandachtspunt": "Aandachtspunt",
    "geen gegevens": "Geen gegevens",
}

# The sector plan settings the templates may use; compute fills the names and years,
# the optional ones (colofon, budget) stay empty when sectorplan.toml leaves them out.
DEFAULT_SECTORPLAN = {
    **COMPUTE_DEFAULT_SECTORPLAN,
    "budget_per_jaar": None,
    "email": None,
    "website": None,
    "redactie": None,
    "vormgeving": None,
}

BRIEF_KEYS = ("datum", "ontvanger", "adres_ontvanger", "adres_afzender", "contactpersoon",
              "telefoon", "email", "onderwerp", "aanhef", "afsluiting", "namens",
              "ondertekenaar", "functie_ondertekenaar")

ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII",
         "XIV", "XV", "XVI", "XVII", "XVIII", "XIX", "XX")


# ------------------------------------------------------------------------------ labels


@dataclass(frozen=True)
class Labels:
    """Names of this report, shared by the templates and the PDF metadata."""

    soort: str  # tussentijdse_evaluatie | eindevaluatie | voortgangsrapportage
    soort_label: str  # "Eindevaluatie", "Voortgangsrapportage 2026"
    soort_woord: str  # "eindevaluatie", "voortgangsrapportage 2026" (inside a sentence)
    titel: str  # cover title
    ondertitel: str  # cover subtitle with report type and year / period
    kopregel: str  # running header
    pdf_titel: str  # "Eindevaluatie sectorplan Geneeskunde en Gezondheidswetenschappen 2028"
    commissie: str
    sectorplan_lang: str
    sectorplan: str
    periode: str  # "2022–2028"
    is_evaluatie: bool


def sectorplan_settings(model: ReportModel) -> dict[str, Any]:
    raw = (model.rapport or {}).get("sectorplan") or {}
    merged = dict(DEFAULT_SECTORPLAN)
    merged.update({k: v for k, v in raw.items() if v is not None})
    return merged


def report_labels(model: ReportModel) -> Labels:
    sp = sectorplan_settings(model)
    rapport = model.rapport or {}
    soort = model.soort if model.soort in SOORT_LABEL else "voortgangsrapportage"
    label = SOORT_LABEL[soort]
    is_evaluatie = soort != "voortgangsrapportage"
    if not is_evaluatie:
        label = f"{label} {model.jaar}"
    lang = sp["sectorplan_lang"]
    titel = rapport.get("titel") or f"{lang[:1].upper()}{lang[1:]}: {label.lower()}"
    start = sp.get("looptijd_start") or model.jaar
    periode = f"{start}–{model.jaar}"
    peildatum = fmt_datum(model.peildatum)
    if label.lower() in titel.lower():
        # The title already names the report type: the subtitle adds only what it lacks.
        ondertitel = (f"Periode {periode}, peildatum {peildatum}" if is_evaluatie
                      else f"Peildatum {peildatum}")
    else:
        ondertitel = (f"{label} over de periode {periode}" if is_evaluatie
                      else f"{label}, peildatum {peildatum}")
    noun = SOORT_LABEL[soort]
    return Labels(
        soort=soort, soort_label=label, soort_woord=label[:1].lower() + label[1:],
        titel=titel, ondertitel=ondertitel, kopregel=f"{label} {lang}",
        pdf_titel=f"{noun} {lang} {model.jaar}", commissie=sp["commissie"],
        sectorplan_lang=lang, sectorplan=sp["sectorplan"], periode=periode,
        is_evaluatie=is_evaluatie)


def publication_date(model: ReportModel) -> dt.date:
    """The report's date (cover, colofon, PDF metadata): publicatiedatum, else peildatum."""
    value = (model.rapport or {}).get("publicatiedatum")
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            pass
    return model.peildatum


# ------------------------------------------------------------------------------ filters


def fmt_maand(value: Any) -> str:
    """`juni 2029`."""
    if value is None:
        return ""
    if isinstance(value, str):
        value = dt.date.fromisoformat(value)
    return format_date(value, format="MMMM y", locale="nl_NL")


def fmt_cel(value: Any, kind: str, empty_zero: bool = False) -> str:
    """One table cell by Column.kind; None prints as an en dash (not computable)."""
    if value is None:
        return "–" if kind != "text" else ""
    if kind == "euro":
        return fmt_euro(value, empty_zero=empty_zero)
    if kind == "fte":
        return fmt_fte(value)
    if kind == "pct":
        return fmt_pct(value)
    if kind == "int":
        return fmt_getal(value)
    return str(value)


def fmt_eenheid(value: Any, eenheid: str) -> str:
    """A KPI measure in its unit: pct `87%`, fte `41,00 fte`, aantal `23`, score `7,1`."""
    if value is None:
        return "–"
    if eenheid == "pct":
        return fmt_pct(value)
    if eenheid == "fte":
        return f"{fmt_fte(value)} fte"
    if eenheid == "score":
        return fmt_getal(value, 1)
    # A count that is an average over the umc's keeps one decimal (12,5), as in the
    # conclusions table (compute.kpis.places_for).
    return fmt_getal(value, places_for("aantal", Decimal(value)))


def fmt_verschil(value: Any, eenheid: str) -> str:
    """A change with its sign: `+5 procentpunt`, `−0,5`, `+6,50 fte`, `0`."""
    if value is None:
        return "–"
    d = Decimal(value)
    if eenheid == "pct":
        body, suffix = fmt_getal(abs(d)), " procentpunt"
        zero = round_half_up(d, 0) == 0
    elif eenheid == "fte":
        body, suffix = fmt_fte(abs(d)), " fte"
        zero = round_half_up(d, 2) == 0
    elif eenheid == "score":
        body, suffix = fmt_getal(abs(d), 1), ""
        zero = round_half_up(d, 1) == 0
    else:
        places = places_for("aantal", d)
        body, suffix = fmt_getal(abs(d), places), ""
        zero = round_half_up(d, places) == 0
    sign = "" if zero else ("+" if d > 0 else "\u2212")
    return f"{sign}{body}{suffix}"


def printed_change(waarde: Any, basis: Any, eenheid: str) -> Decimal | None:
    """The change between two KPI values as a reader computes it from the printed values
    (fmt_eenheid), so "7,5 (basis 7,5)" never shows a change of "-0,1"."""
    if waarde is None or basis is None:
        return None
    w, b = Decimal(waarde), Decimal(basis)
    return (round_half_up(w, places_for(eenheid, w))
            - round_half_up(b, places_for(eenheid, b)))


def is_informatief(indicator: Any) -> bool:
    """An informative measure has no norm to meet, so it never has a status of its own."""
    return getattr(indicator, "norm", "") == "informatief"


@functools.lru_cache(maxsize=1)
def concept_svg() -> str:
    """"CONCEPT" diagonally on an A4 sheet, as an SVG path (no fonts needed), for drafts."""
    from matplotlib.font_manager import FontProperties
    from matplotlib.path import Path as MplPath
    from matplotlib.textpath import TextPath

    font = Path(__file__).resolve().parent / "assets" / "fonts" / "Lato-Bold.ttf"
    text = TextPath((0, 0), "CONCEPT", size=40, prop=FontProperties(fname=str(font)))
    xs = [v[0] for v in text.vertices]
    ys = [v[1] for v in text.vertices]
    cx, cy = (min(xs) + max(xs)) / 2, (min(ys) + max(ys)) / 2
    parts = []
    for verts, code in text.iter_segments():
        pts = [(verts[i] - cx, cy - verts[i + 1]) for i in range(0, len(verts), 2)]
        letter = {MplPath.MOVETO: "M", MplPath.LINETO: "L", MplPath.CURVE3: "Q",
                  MplPath.CURVE4: "C", MplPath.CLOSEPOLY: "Z"}[code]
        coords = "" if letter == "Z" else " ".join(f"{x:.2f} {y:.2f}" for x, y in pts)
        parts.append(f"{letter}{coords}")
    return ('<svg xmlns="http://www.w3.org/2000/svg" width="210mm" height="297mm" '
            'viewBox="0 0 210 297"><path transform="translate(105 148) rotate(-50)" '
            f'fill="#b03a2e" fill-opacity="0.12" d="{" ".join(parts)}"/></svg>')


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
    if unit == "aantal":
        return fmt_getal(value)
    return fmt_fte(value)


def _mean(values: list[Decimal]) -> Decimal | None:
    return sum(values, Decimal(0)) / len(values) if values else None


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def _enumerate(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " en " + items[-1]


def figure_alt(figure: Any) -> str:
    """A text alternative for a chart that a screen reader can use instead of the picture:
    what kind of chart it is, what it shows and its main figures (totals per bar, shares,
    panel averages). The caption below the figure adds the definitions."""
    if figure is None:
        return ""
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


LEADING_HYPHEN_RE = re.compile(r"(?<!\S)(-\w+)")


def keep_hyphenated(value: Any) -> Markup:
    """Escape a label and keep a word that starts with a hyphen ("en -interventies") in one
    piece, so a narrow column never breaks the line right after that hyphen."""
    text = str(escape("" if value is None else value))
    return Markup(LEADING_HYPHEN_RE.sub(r'<span class="heel">\1</span>', text))


def svg_data_uri(svg: str) -> str:
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode("utf-8")).decode("ascii")


def roman(n: int) -> str:
    return ROMAN[n - 1] if 0 < n <= len(ROMAN) else str(n)


# ------------------------------------------------------------------------------ tables


# Rough widths (mm) per column kind, used to split very wide tables into column groups
# that fit the 160 mm text column; each group repeats the label column.
KIND_WIDTH_MM = {"euro": 25, "fte": 16, "pct": 14, "int": 13, "text": 32}
LABEL_WIDTH_MM = 34
COLUMN_SPACE_MM = 160


def column_groups(table: Table, max_width: float = COLUMN_SPACE_MM) -> list[tuple]:
    groups: list[list] = [[]]
    width = LABEL_WIDTH_MM
    for col in table.columns:
        w = KIND_WIDTH_MM.get(col.kind, 20)
        if groups[-1] and width + w > max_width:
            groups.append([])
            width = LABEL_WIDTH_MM
        groups[-1].append(col)
        width += w
    return [tuple(g) for g in groups if g]


def column_widths(group: tuple) -> list[str]:
    """Percent widths (label column first) for a column group in a 100% wide table."""
    weights = [KIND_WIDTH_MM.get(c.kind, 20) for c in group]
    label = max(LABEL_WIDTH_MM, COLUMN_SPACE_MM - sum(weights) * 1.0)
    label = min(label, 48)
    rest = 100 - label / COLUMN_SPACE_MM * 100
    out = [label / COLUMN_SPACE_MM * 100] + [rest * w / sum(weights) for w in weights]
    return [f"{w:.1f}%" for w in out]


# ------------------------------------------------------------------------------ environment


def template_dirs(templates_dir: TemplateDirs = None) -> tuple[Path, ...]:
    """The templates folders to search, in order: a project's own folder first, then the
    package default (see reportgen/project.py)."""
    if templates_dir is None:
        return (TEMPLATES_DIR,)
    if isinstance(templates_dir, (str, Path)):
        return (Path(templates_dir),)
    return tuple(Path(d) for d in templates_dir)


@functools.lru_cache(maxsize=8)
def _environment(dirs: tuple[str, ...]) -> Environment:
    env = Environment(
        loader=template_loader(dirs),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
    )
    register_filters(env)
    env.filters.update(
        maand=fmt_maand,
        cel=fmt_cel,
        eenheid=fmt_eenheid,
        verschil=fmt_verschil,
        svg_uri=svg_data_uri,
        heel=keep_hyphenated,
        woorden=fmt_woorden,
        romeins=roman,
    )
    env.globals.update(STATUS_LABEL=STATUS_LABEL, column_groups=column_groups,
                       figuur_alt=figure_alt,
                       column_widths=column_widths, verandering=printed_change,
                       is_informatief=is_informatief)
    return env


def get_environment(templates_dir: TemplateDirs = None) -> Environment:
    """The Jinja2 environment (created once per list of templates folders)."""
    return _environment(tuple(str(d.resolve()) for d in template_dirs(templates_dir)))


def _read_css(dirs: Sequence[Path], medium: str) -> Markup:
    names = ["css/fonts.css", "css/rapport.css"] if medium == "print" else ["css/rapport.css",
                                                                             "css/scherm.css"]
    parts = []
    for name in names:
        path = find_template_file(dirs, name)
        if path is not None:
            parts.append(path.read_text(encoding="utf-8"))
    # CSS is trusted template material; a closing style tag would end the block.
    return Markup("\n".join(parts).replace("</", "<\\/"))


# ------------------------------------------------------------------------------ context


def _normalise_brief(rapport: Mapping[str, Any]) -> dict[str, Any]:
    raw = rapport.get("brief") or {}
    brief = {k: raw.get(k) for k in BRIEF_KEYS}
    for k in ("ontvanger", "adres_ontvanger", "adres_afzender"):
        v = brief[k]
        if isinstance(v, str):
            brief[k] = [v]
        elif v is None:
            brief[k] = []
    return brief


def _normalise_rapport(model: ReportModel) -> dict[str, Any]:
    raw = dict(model.rapport or {})
    rapport = {k: raw.get(k) for k in ("soort", "titel", "publicatiedatum", "peildatum",
                                        "versie")}
    rapport.update({k: v for k, v in raw.items() if k not in ("brief", "sectorplan")})
    return rapport


class _Texts:
    """Access to the rendered texts from templates: `tekst('samenvatting')`."""

    def __init__(self, texts: Mapping[str, Any], soort: str):
        self.texts = texts
        self.soort = soort

    def optional(self, key: str) -> bool:
        return is_optional(key, self.soort)

    def has(self, key: str) -> bool:
        return key in self.texts or not self.optional(key)

    def __call__(self, key: str) -> Markup:
        value = self.texts.get(key)
        if value is None:
            if self.optional(key):
                return Markup("")
            return Markup('<div class="ontbreekt tekst-ontbreekt">[Tekst ontbreekt: {}]</div>'
                          ).format(key)
        if not isinstance(value, Markup):
            value = escape(value)  # a plain str is text, never trusted HTML
        return Markup('<div class="tekst tekst-{}">{}</div>').format(key, value)


def _kpis_per_sectie(model: ReportModel) -> dict[str, list[KpiResultaat]]:
    out: dict[str, list[KpiResultaat]] = {}
    for kpi in model.kpis.values():
        out.setdefault(kpi.sectie, []).append(kpi)
    return out


def _subtheme_kpis(model: ReportModel,
                   per_sectie: dict[str, list[KpiResultaat]]) -> dict[str, list[KpiResultaat]]:
    out = {}
    for thema in model.themas:
        for sub in thema.subthemas:
            codes = [c for c in sub.kpis if c in model.kpis]
            kpis = [model.kpis[c] for c in codes]
            for kpi in per_sectie.get(sub.code, []):
                if kpi.code not in codes:
                    kpis.append(kpi)
            out[sub.code] = kpis
    return out


PLACED_SECTIONS = ("rust_en_ruimte", "samenwerking", "gezondheidswetenschappen", "diversiteit")


def _unplaced_kpis(model: ReportModel,
                   per_subtheme: dict[str, list[KpiResultaat]]) -> list[KpiResultaat]:
    """KPIs whose `sectie` is neither a known section nor a subtheme (shown in 3.4)."""
    in_subthemes = {k.code for kpis in per_subtheme.values() for k in kpis}
    return [k for k in model.kpis.values()
            if k.sectie not in PLACED_SECTIONS and k.code not in in_subthemes]


def _figure_after_kpi(model: ReportModel) -> dict[str, list[str]]:
    """Figures shown right after a KPI's text: the dataspecialisten chart with KPI 14."""
    placed: dict[str, list[str]] = {}
    if "dataspecialisten" in model.figuren:
        for kpi in model.kpis.values():
            if any(i.code == "dataspecialisten_fte" for i in kpi.indicatoren):
                placed.setdefault(kpi.code, []).append("dataspecialisten")
                break
    return placed


def _commissie_context(model: ReportModel, datum: dt.date) -> dict[str, Any]:
    leden = [c for c in model.commissie if c.rol == "lid"]
    secretariaat = [c for c in model.commissie if c.rol != "lid"]
    actief = [c for c in leden if (c.tot is None or c.tot >= datum)
              and (c.van is None or c.van <= datum)]
    voorzitters = [c for c in actief if c.functie == "voorzitter"]
    return {"leden": leden, "secretariaat": secretariaat,
            "aantal_leden": len(actief) - len(voorzitters), "heeft_voorzitter": bool(voorzitters)}


def _context(model: ReportModel, texts: Mapping[str, Any], svgs: Mapping[str, str], draft: bool,
             build_info: Mapping[str, Any] | None, medium: str,
             templates_dir: Sequence[Path]) -> dict:
    labels = report_labels(model)
    ctx: dict[str, Any] = {f.name: getattr(model, f.name) for f in dataclasses.fields(model)}
    datum = publication_date(model)
    build = dict(build_info or {})
    per_sectie = _kpis_per_sectie(model)
    per_subtheme = _subtheme_kpis(model, per_sectie)
    ctx.update(
        model=model,
        labels=labels,
        sectorplan=sectorplan_settings(model),
        rapport=_normalise_rapport(model),
        brief=_normalise_brief(model.rapport or {}),
        publicatiedatum=datum,
        draft=draft,
        build_info=build,
        concept_nummer=build.get("concept_nummer", build.get("draft_number")),
        builddatum=build.get("builddatum", build.get("build_date")),
        medium=medium,
        svgs=dict(svgs),
        tekst=_Texts(texts, model.soort),
        nummer=_definition_marker,
        kpis_per_sectie=per_sectie,
        subthema_kpis=per_subtheme,
        figuur_na_kpi=_figure_after_kpi(model),
        commissie_info=_commissie_context(model, datum),
        css=_read_css(templates_dir, medium),
        concept_achtergrond=svg_data_uri(concept_svg()) if draft else "",
        overige_kpis=_unplaced_kpis(model, per_subtheme),
    )
    return ctx


def _definition_marker(kind: str, key: str) -> Markup:
    return Markup('<span class="nummer">[[#{}:{}]]</span>').format(kind, key)


# ------------------------------------------------------------------------------ post-processing

HEADING_RE = re.compile(r"<(h[1-6])((?:\s[^>]*)?)>(.*?)</\1>", re.S)
ATTR_RE = re.compile(r'([\w:-]+)="([^"]*)"')
TAG_RE = re.compile(r"<[^>]+>")
DEF_RE = re.compile(r"\[\[#(figuur|tabel):([\w.-]+)\]\]")
REF_RE = re.compile(r"\[\[([Ff]iguur|[Tt]abel):([\w.-]+)\]\]")
# References to numbered headings: [[hoofdstuk:kengetallen]] -> "hoofdstuk 5",
# [[paragraaf:besteding]] -> "paragraaf 5.1", [[bijlage:themamatrix]] -> "bijlage I".
HEADREF_RE = re.compile(r"\[\[([Hh]oofdstuk|[Pp]aragraaf|[Bb]ijlage):([\w.-]+)\]\]")
NUMBERED_HEADING_RE = re.compile(
    r'<h[1-6][^>]*\sid="([^"]*)"[^>]*><span class="kopnummer">([^<]*)</span>')


def _attrs(raw: str) -> dict[str, str]:
    return {k: v for k, v in ATTR_RE.findall(raw or "")}


def _plain(html_fragment: str) -> str:
    """Text of an HTML fragment, still HTML-escaped (safe to put back into HTML)."""
    text = TAG_RE.sub("", html_fragment)
    return " ".join(htmllib.escape(htmllib.unescape(text), quote=False).split())


@dataclass(frozen=True)
class TocEntry:
    id: str
    level: int
    text: Markup  # escaped heading text including its number
    nummer: str


def number_headings(html: str) -> tuple[str, list[TocEntry]]:
    """Number headings, give each a unique id, and collect the TOC entries."""
    counters = [0, 0, 0]
    bijlage = 0
    seen: set[str] = set()
    toc: list[TocEntry] = []
    auto = 0

    def unique(base: str) -> str:
        candidate, n = base, 1
        while candidate in seen:
            n += 1
            candidate = f"{base}-{n}"
        seen.add(candidate)
        return candidate

    def replace(match: re.Match) -> str:
        nonlocal bijlage, auto
        tag, raw, inner = match.group(1), match.group(2), match.group(3)
        level = int(tag[1])
        attrs = _attrs(raw)
        classes = attrs.get("class", "").split()
        nummer = ""
        if "genummerd" in classes and level <= 3:
            counters[level - 1] += 1
            for i in range(level, 3):
                counters[i] = 0
            nummer = ".".join(str(c) for c in counters[:level])
            inner = f'<span class="kopnummer">{nummer}</span> {inner}'
        elif "bijlage" in classes:
            bijlage += 1
            nummer = f"Bijlage {roman(bijlage)}"
            inner = f'<span class="kopnummer">{nummer}</span> {inner}'
        original_id = attrs.get("id")
        if original_id is None:
            auto += 1
        new_id = unique(original_id or f"kop-{auto}")
        attrs["id"] = new_id
        # Keep the heading's own attributes as written; only add or rename its id.
        if original_id is None:
            raw = f'{raw} id="{new_id}"'
        elif new_id != original_id:
            raw = re.sub(r'\bid="[^"]*"', f'id="{new_id}"', raw, count=1)
        toc_attr = attrs.get("data-toc", "")
        if toc_attr != "nee" and (level <= 3 or toc_attr.isdigit()):
            toc_level = int(toc_attr) if toc_attr.isdigit() else (2 if "bijlage" in classes
                                                                    else level)
            toc.append(TocEntry(attrs["id"], toc_level, Markup(_plain(inner)), nummer))
        return f"<{tag}{raw}>{inner}</{tag}>"

    # Ids used elsewhere (figures, tables, KPI blocks) are reserved first.
    for m in re.finditer(r'<(?!h[1-6]\b)[a-z]+\b[^>]*\sid="([^"]*)"', html):
        seen.add(m.group(1))
    return HEADING_RE.sub(replace, html), toc


def fix_heading_levels(html: str) -> str:
    """Give subheadings the level that follows their section heading, so no level is
    skipped (PDF/UA, Matterhorn 14-003): a `## Kop` (h4) right under a chapter (h1) becomes
    an h2, under a section (h2) an h3; `###` (h5) one level deeper. Such a heading keeps
    its look through `data-niveau` (its level as written; see css/rapport.css) and stays out
    of the bookmarks unless it carries data-toc. Run after `number_headings`."""
    section = 0  # level of the last h1-h3 heading

    def replace(match: re.Match) -> str:
        nonlocal section
        tag, raw, inner = match.group(1), match.group(2), match.group(3)
        level = int(tag[1])
        if level <= 3:
            section = level
            return match.group(0)
        target = min(level, section + level - 3)
        if target == level:
            return match.group(0)
        return f'<h{target}{raw} data-niveau="{level}">{inner}</h{target}>'

    return HEADING_RE.sub(replace, html)


def definition_numbers(html: str) -> dict[tuple[str, str], int]:
    """(kind, key) -> number, for every definition marker in document order."""
    numbers: dict[tuple[str, str], int] = {}
    count = {"figuur": 0, "tabel": 0}
    for kind, key in DEF_RE.findall(html):
        if (kind, key) not in numbers:
            count[kind] += 1
            numbers[(kind, key)] = count[kind]
    return numbers


MID_SENTENCE_RE = re.compile(r"[^\W\d_][,;]? $|[\d,;(] ?$|\($")  # "in ", "zie (", "2, "
SENTENCE_START_RE = re.compile(r"[.!?] $")


def _sentence_case(word: str, before: str) -> str:
    """"Figuur"/"figuur" as Dutch spelling wants it where the marker stands: lower case
    inside a sentence ("te zien in figuur 6"), a capital after a full stop. Anything else
    (a tag right before it, the start of a paragraph) keeps the case the text chose."""
    if MID_SENTENCE_RE.search(before):
        return word.lower()
    if SENTENCE_START_RE.search(before):
        return word[:1].upper() + word[1:]
    return word


def number_references(html: str, numbers: dict[tuple[str, str], int] | None = None,
                      link: bool = True) -> tuple[str, list[str]]:
    """Number figure/table definitions and resolve references; returns unresolved markers.

    `numbers` (from another document, e.g. the report for the stand-alone letter) resolves
    references without linking them."""
    own = definition_numbers(html)
    html = DEF_RE.sub(lambda m: f"{m.group(1).capitalize()} {own[(m.group(1), m.group(2))]}.",
                      html)
    table = numbers if numbers is not None else own
    unresolved: list[str] = []

    def refer(match: re.Match) -> str:
        word, key = match.group(1), match.group(2)
        word = _sentence_case(word, match.string[max(0, match.start() - 3):match.start()])
        n = table.get((word.lower(), key))
        if n is None:
            unresolved.append(match.group(0))
            return (f'<span class="ontbreekt">[verwijzing onbekend: '
                    f'{htmllib.escape(word.lower())}:{htmllib.escape(key)}]</span>')
        if not link:
            return f"{word} {n}"
        return f'<a class="verwijzing" href="#{word.lower()}-{key}">{word} {n}</a>'

    html = REF_RE.sub(refer, html)
    return html, unresolved


def heading_numbers(numbered_html: str) -> dict[str, str]:
    """Heading id -> its printed number ("5", "5.1", "Bijlage I") after `number_headings`."""
    return dict(NUMBERED_HEADING_RE.findall(numbered_html))


def heading_references(html: str, numbers: Mapping[str, str],
                       link: bool = True) -> tuple[str, list[str]]:
    """Resolve `[[hoofdstuk:key]]`, `[[paragraaf:key]]` and `[[bijlage:key]]` to the
    number of the heading with id `h-<key>` (appendices: `h-bijlage-<key>`)."""
    unresolved: list[str] = []

    def refer(match: re.Match) -> str:
        word, key = match.group(1), match.group(2)
        word = _sentence_case(word, match.string[max(0, match.start() - 3):match.start()])
        kind = word.lower()
        anchor = f"h-bijlage-{key}" if kind == "bijlage" else f"h-{key}"
        nummer = numbers.get(anchor)
        if nummer and kind == "bijlage":
            nummer = nummer.split()[-1]  # "Bijlage I" -> "I"
        # A chapter number has no dot, a section number has one.
        if not nummer or (kind == "hoofdstuk" and "." in nummer) or (
                kind == "paragraaf" and "." not in nummer):
            unresolved.append(match.group(0))
            return (f'<span class="ontbreekt">[verwijzing onbekend: '
                    f'{htmllib.escape(kind)}:{htmllib.escape(key)}]</span>')
        text = f"{word} {nummer}"
        return f'<a class="verwijzing" href="#{anchor}">{text}</a>' if link else text

    return HEADREF_RE.sub(refer, html), unresolved


def _unresolved_problems(model: ReportModel, texts: Mapping[str, Any],
                         unresolved: list[str]) -> list[Problem]:
    problems = []
    for marker in dict.fromkeys(unresolved):
        keys = [k for k, v in texts.items() if marker in str(v)]
        files = [f"{model.jaar}/teksten/{k}.md" for k in keys] or ["templates/"]
        for f in files:
            problems.append(Problem(
                file=f, column=None, value=marker,
                expected="een verwijzing naar een figuur, tabel, hoofdstuk, paragraaf of "
                         "bijlage die in het rapport staat (figuren: "
                         + ", ".join(model.figuren) + "; tabellen: besteding, conclusies, "
                         "realisatie_fte, personen, gender; koppen: zie templates/README.md)"))
    return problems


def _mark_summary_subheadings(texts: Mapping[str, Any]) -> dict[str, Any]:
    """The samenvatting's `## Kop` subheadings are listed in the TOC (level 2)."""
    out = dict(texts)
    value = out.get("samenvatting")
    if isinstance(value, Markup):
        out["samenvatting"] = Markup(re.sub(r"<h4(?![^>]*data-toc)", '<h4 data-toc="2"',
                                            str(value)))
    return out


TABLE_BLOCK_RE = re.compile(r"(<table\b.*?</table>)", re.S)
# In running text an amount or a quantity never breaks from its unit: "€ 262.138.216",
# "324,27 fte". (Table cells do not wrap at all.)
UNIT_SPACE_RES = (
    (re.compile(r"€ (?=[-\u2212]?\d)"), "€\u00a0"),
    (re.compile(r"(?<=\d) (?=fte\b)"), "\u00a0"),
)


def keep_units_together(html: str) -> str:
    """Non-breaking spaces between "€" and its amount and between a number and "fte",
    outside tables (whose cells never wrap and whose text the tests compare)."""
    parts = TABLE_BLOCK_RE.split(html)
    for i in range(0, len(parts), 2):  # even parts lie outside <table> blocks
        for pattern, repl in UNIT_SPACE_RES:
            parts[i] = pattern.sub(repl, parts[i])
    return "".join(parts)


def _finish(env: Environment, html: str, model: ReportModel, texts: Mapping[str, Any],
            draft: bool, ctx: dict[str, Any], with_toc: bool,
            numbers: dict[tuple[str, str], int] | None = None,
            headings: Mapping[str, str] | None = None) -> str:
    """Number headings, figures and tables and resolve references. `numbers`/`headings`
    come from the full report when a part (the letter) is rendered on its own."""
    html, toc = number_headings(html)
    html = fix_heading_levels(html)
    html, unresolved = number_references(html, numbers, link=numbers is None)
    html, unresolved_h = heading_references(
        html, headings if headings is not None else heading_numbers(html),
        link=headings is None)
    unresolved += unresolved_h
    html = keep_units_together(html)
    if unresolved and not draft:
        raise DataError(_unresolved_problems(model, texts, unresolved))
    if with_toc:
        toc_html = env.get_template("onderdelen/inhoudsopgave.html").render(ctx, toc=toc)
        html = html.replace("<!--INHOUDSOPGAVE-->", toc_html, 1)
    return html


# ------------------------------------------------------------------------------ entry points


def render_report_html(model: ReportModel, texts: Mapping[str, Any], svgs: Mapping[str, str],
                       draft: bool = False, build_info: Mapping[str, Any] | None = None,
                       medium: str = "print", templates_dir: TemplateDirs = None) -> str:
    """The complete report as one HTML document (`medium` "print" for WeasyPrint, "screen"
    for a standalone HTML file). `templates_dir`: one folder or a list searched in order."""
    tdir = template_dirs(templates_dir)
    env = get_environment(tdir)
    texts = _mark_summary_subheadings(texts)
    ctx = _context(model, texts, svgs, draft, build_info, medium, tdir)
    body = env.get_template("rapport.html").render(ctx)
    return _finish(env, body, model, texts, draft, ctx, with_toc=True)


def has_letter(model: ReportModel, texts: Mapping[str, Any]) -> bool:
    """Whether this report has a letter to the minister. A voortgangsrapportage may leave
    the text `brief` out; its report then has no letter, and a stand-alone brief.pdf would
    only show "[ontbreekt: ...]" markers, so the build should not write one."""
    return _Texts(texts, model.soort).has("brief")


def render_letter_html(model: ReportModel, texts: Mapping[str, Any], draft: bool = False,
                       build_info: Mapping[str, Any] | None = None, medium: str = "print",
                       templates_dir: TemplateDirs = None) -> str:
    """The letter to the minister alone, as its own HTML document."""
    tdir = template_dirs(templates_dir)
    env = get_environment(tdir)
    ctx = _context(model, texts, {}, draft, build_info, medium, tdir)
    # A reference in the letter ("zie tabel 1") uses the numbers of the full report.
    report = env.get_template("rapport.html").render(ctx)
    numbers = definition_numbers(report)
    headings = heading_numbers(number_headings(report)[0])
    body = env.get_template("brief.html").render(ctx)
    return _finish(env, body, model, texts, draft, ctx, with_toc=False, numbers=numbers,
                   headings=headings)

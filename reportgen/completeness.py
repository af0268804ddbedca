"""What a report of year Y still lacks: the optional pieces of the data folder that the
outline needs (settings, KPI definitions and values, the committee's judgements, the
workload monitor, the committee). Part of validation: `reportgen validate` and the build
run the same checks.

Each missing piece is one `Problem`: a warning in a draft (the report shows a visible
placeholder, and the message says so) and an error in a final build. Compute never
reports anything; it works with what is there.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Iterable

from .dataset import Dataset
from .errors import Problem, Severity
from .outline import OVERIGE, Outline
from .settings import BRIEF, RAPPORT, SECTORPLAN


@dataclass
class _Gaps:
    dataset: Dataset
    draft: bool
    problems: list[Problem] = field(default_factory=list)

    @property
    def severity(self) -> Severity:
        return "warning" if self.draft else "error"

    def source(self, stem: str) -> str:
        for s in self.dataset.sources:
            if s.path.rsplit(".", 1)[0] == stem:
                return s.path
        return f"{stem}.csv"

    def missing(self, file: str, what: str, *, gevolg: str | None = None,
                column: str | None = None, value: str | None = None) -> None:
        text = f"ontbreekt: {what}"
        if self.draft and gevolg:
            text += f" (concept: {gevolg})"
        self.problems.append(Problem(file=file, expected=text, column=column, value=value,
                                     severity=self.severity))


def _rows(frame: Any) -> Iterable[dict[str, Any]]:
    return [] if frame is None else frame.to_dict("records")


def _blocks(outline: Outline) -> set[str]:
    """Every `soort:sleutel` (and component) the outline places."""
    found: set[str] = set()

    def walk(sections: Iterable[Any]) -> None:
        for s in sections:
            for b in (*s.inhoud, *s.slot):
                found.add(f"{b.soort}:{b.sleutel}" if b.soort != "onderdeel" else b.sleutel)
            walk(s.paragrafen)

    walk(outline.hoofdstukken)
    for blocks in outline.na_kpi.values():
        found |= {f"{b.soort}:{b.sleutel}" for b in blocks}
    return found


def _anchors(outline: Outline) -> tuple[set[str], bool, bool]:
    """(fixed `kpis` values, whether subthemes take their KPIs, whether @overige exists)."""
    fixed: set[str] = set()
    per_sub = overige = False

    def walk(sections: Iterable[Any]) -> None:
        nonlocal per_sub, overige
        for s in sections:
            if s.kpis == OVERIGE:
                overige = True
            elif s.kpis and "{" in s.kpis:
                per_sub = per_sub or s.per == "subthema"
            elif s.kpis:
                fixed.add(s.kpis)
            walk(s.paragrafen)

    walk(outline.hoofdstukken)
    return fixed, per_sub, overige


def _settings(g: _Gaps, outline: Outline, heeft_brief: bool) -> None:
    ref = g.dataset.referentie
    jaar = g.dataset.jaar
    if ref.sectorplan is None:
        g.missing("referentie/sectorplan.toml",
                  "de instellingen van het sectorplan (namen, looptijd, basisjaar)",
                  gevolg="neutrale standaardwaarden gebruikt")
    else:
        for s in SECTORPLAN:
            if s.required and ref.sectorplan.get(s.key) is None:
                g.missing("referentie/sectorplan.toml", f"de instelling '{s.key}' ({s.doc})",
                          gevolg="standaardwaarde gebruikt", column=s.key)
    rapport = g.dataset.huidig.rapport
    if rapport is None:
        g.missing(f"{jaar}/rapport.toml",
                  "de rapportinstellingen (soort, titel, publicatiedatum, brief)",
                  gevolg="standaardwaarden gebruikt")
        return
    for s in RAPPORT:
        if s.required and rapport.get(s.key) is None:
            g.missing(f"{jaar}/rapport.toml", f"de instelling '{s.key}' ({s.doc})",
                      gevolg="standaardwaarde gebruikt", column=s.key)
    if heeft_brief:
        brief = rapport.get("brief") if isinstance(rapport.get("brief"), dict) else {}
        for s in BRIEF:
            if s.required and not brief.get(s.key):
                g.missing(f"{jaar}/rapport.toml", f"'brief.{s.key}' ({s.doc})",
                          gevolg="de brief toont een plaatshouder", column=f"brief.{s.key}")


def _kpis(g: _Gaps, outline: Outline, blocks: set[str]) -> None:
    ds = g.dataset
    ref = ds.referentie
    jaar = ds.jaar
    fixed, per_sub, overige = _anchors(outline)
    wants_kpis = bool(fixed or per_sub or overige or "tabel:conclusies" in blocks)
    if not wants_kpis:
        return
    if ref.kpis is None:
        g.missing("referentie/kpis.csv", "de KPI-definities",
                  gevolg="het rapport toont geen KPI's")
        if "figuur:werkdruk" in blocks:  # the figure still needs the monitor
            _monitor_only(g)
        return
    subthemas = {r.get("code") for r in _rows(ref.subthemas)}
    for r in _rows(ref.kpis):
        sectie = r.get("sectie")
        placed = sectie in fixed or (per_sub and sectie in subthemas) or overige
        if not placed:
            g.problems.append(Problem(
                file=g.source("referentie/kpis"), line=r.get("_line"), column="sectie",
                value=str(sectie), severity=g.severity,
                expected="een sectie waar het rapport KPI's bespreekt ("
                         + ", ".join(sorted(fixed)) + (", of een subthema" if per_sub else "")
                         + "); zonder zo'n plaats ontbreekt deze KPI in het rapport"))
    if ref.indicatoren is None:
        g.missing("referentie/indicatoren.csv", "de indicatoren van de KPI's",
                  gevolg="kwantitatieve KPI's krijgen geen waarde")
    _kpi_values(g)
    _judgements(g)
    uses_monitor = "figuur:werkdruk" in blocks or any(
        r.get("bron") == "werkdrukmonitor" for r in _rows(ref.indicatoren))
    if uses_monitor and not any(
            y.werkdrukmonitor is not None and len(y.werkdrukmonitor) > 0
            for j, y in ds.jaren.items() if j <= jaar):
        g.missing(f"{jaar}/werkdrukmonitor.csv",
                  f"een werkdrukmonitor in {jaar} of een eerder meetjaar",
                  gevolg="de figuur en de KPI over werkdruk blijven zonder gegevens")


def _kpi_values(g: _Gaps) -> None:
    ds = g.dataset
    jaar = ds.jaar
    basisjaar = _basisjaar(ds)
    indicators = [r for r in _rows(ds.referentie.indicatoren) if r.get("bron") == "kpi_waarden"]
    if not indicators:
        return
    needed_years = {jaar}
    if basisjaar < jaar and any(r.get("norm") in ("hoger_dan_basis", "lager_dan_basis")
                                for r in indicators):
        needed_years.add(basisjaar)
    for y in sorted(needed_years):
        year = ds.jaren.get(y)
        if year is None or year.kpi_waarden is None:
            g.missing(f"{y}/kpi_waarden.csv",
                      f"de door de instellingen aangeleverde KPI-waarden voor {y}",
                      gevolg="deze KPI's tonen 'geen gegevens'")
    current = ds.huidig.kpi_waarden
    if current is None:
        return
    delivered = {r.get("indicator") for r in _rows(current) if r.get("waarde") is not None}
    for r in indicators:
        if r.get("code") not in delivered:
            g.missing(g.source(f"{jaar}/kpi_waarden"),
                      f"een waarde van minstens één instelling voor indicator '{r.get('code')}'",
                      gevolg="'geen gegevens'", column="indicator", value=str(r.get("code")))


def _basisjaar(ds: Dataset) -> int:
    sp = ds.referentie.sectorplan or {}
    value = sp.get("basisjaar")
    start, eind = ds.looptijd
    return value if isinstance(value, int) and not isinstance(value, bool) else min(
        start + 1, eind)


def _judgements(g: _Gaps) -> None:
    ds = g.dataset
    jaar = ds.jaar
    oordeel = ds.huidig.kpi_oordeel
    judged = {r.get("kpi") for r in _rows(oordeel) if r.get("status") or r.get("toelichting")}
    qualitative = [r.get("code") for r in _rows(ds.referentie.kpis)
                   if (r.get("soort") or "kwalitatief") == "kwalitatief"
                   and r.get("code") not in judged]
    if not qualitative:
        return
    if oordeel is None:
        g.missing(f"{jaar}/kpi_oordeel.csv",
                  f"het oordeel van de commissie over {len(qualitative)} kwalitatieve KPI's "
                  f"({', '.join(str(q) for q in qualitative)})",
                  gevolg="de conclusietabel toont 'geen gegevens'")
        return
    for code in qualitative:
        g.missing(g.source(f"{jaar}/kpi_oordeel"), "een oordeel van de commissie (status of "
                  "toelichting) voor deze kwalitatieve KPI",
                  gevolg="de conclusietabel toont 'geen gegevens'", column="kpi",
                  value=str(code))


def missing_pieces(dataset: Dataset, outline: Outline, *, draft: bool,
                   heeft_brief: bool) -> list[Problem]:
    """Every optional piece the report of `dataset.jaar` needs and does not have."""
    g = _Gaps(dataset, draft)
    blocks = _blocks(outline)
    _settings(g, outline, heeft_brief)
    _kpis(g, outline, blocks)
    if "commissie" in blocks and dataset.referentie.commissie is None:
        g.missing("referentie/commissie.csv", "de samenstelling van de commissie",
                  gevolg="de bijlage over de commissie blijft leeg")
    if "figuur:werkdruk" in blocks and not _kpis_wanted(outline, blocks):
        _monitor_only(g)
    return g.problems


def _kpis_wanted(outline: Outline, blocks: set[str]) -> bool:
    fixed, per_sub, overige = _anchors(outline)
    return bool(fixed or per_sub or overige or "tabel:conclusies" in blocks)


def _monitor_only(g: _Gaps) -> None:
    ds = g.dataset
    if not any(y.werkdrukmonitor is not None and len(y.werkdrukmonitor) > 0
               for j, y in ds.jaren.items() if j <= ds.jaar):
        g.missing(f"{ds.jaar}/werkdrukmonitor.csv",
                  f"een werkdrukmonitor in {ds.jaar} of een eerder meetjaar",
                  gevolg="de figuur over werkdruk blijft zonder gegevens")


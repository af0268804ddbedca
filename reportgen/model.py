"""The report model: every figure the report shows, computed before any rendering.

`compute.build_model(dataset)` returns a `ReportModel`. It holds numbers and codes only:
numbers stay `Decimal`/`int` (never preformatted strings) and there is no Dutch wording in
it; the view layer (reportgen/view/) turns it into the presentation structure that the
templates, charts, texts, exports and change summary read.

Field names are the Dutch domain terms of the data contract, because the secretariat cites
them in texts, e.g. `{{ formatie.structureel_fte | fte }}` or
`{{ financien.besteed_pct | pct }}`. Percentages are unrounded on a 0-100 scale; `None`
means "not computable / no data". "start..jaar" below means every year from the first year
of the plan's period (`Dataset.looptijd_start`) up to the report year.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Literal

Number = Decimal | int

# ---------------------------------------------------------------- generic tables & figures

ColumnKind = Literal["text", "euro", "fte", "pct", "int"]


@dataclass(frozen=True)
class Column:
    """A column of a computed table: its key and the kind of number it holds. The header
    a reader sees comes from the view layer (reportgen/view/tables.py)."""

    key: str
    kind: ColumnKind


@dataclass(frozen=True)
class Row:
    key: str  # stable id: institution code, function category code, year, "totaal"
    values: dict[str, Any]  # column key -> Decimal | int | str (a code) | None
    naam: str = ""  # the name the data gives this row (institution, function category)
    is_total: bool = False


@dataclass(frozen=True)
class Table:
    """A computed table: numbers and codes only. `facts` holds what a note under the table
    needs (e.g. persons outside the v/m columns per institution); the view words it."""

    key: str  # "besteding", "realisatie_fte", "personen", "gender", "functies", ...
    columns: tuple[Column, ...]
    rows: tuple[Row, ...]
    facts: dict[str, Any] = field(default_factory=dict)

    def row(self, key: str) -> Row:
        for r in self.rows:
            if r.key == key:
                return r
        raise KeyError(key)

    @property
    def total(self) -> Row | None:
        return next((r for r in self.rows if r.is_total), None)


@dataclass(frozen=True)
class Series:
    key: str  # a code: contractvorm, geslacht, "<moment>:<score>", ...
    values: tuple[Number | None, ...]


FigureKind = Literal["scatter_panels", "stacked_bar", "stacked_barh", "stacked_pct_barh"]


@dataclass(frozen=True)
class Figure:
    """Data of one chart: categories and series by code; titles, legends and axis labels
    come from the view layer. `names` gives the data's own name of a category (an
    institution, a function category) where it has one.

    Every figure key is always present; `extra["leeg"]` is True when there is no data.
    - "werkdruk" (scatter_panels): categories = moments (voor, nu, ideaal);
      extra["panels"] = ({"moment", "werkdruk": (...), "baanzekerheid": (...),
      "gemiddelde": {"werkdruk", "baanzekerheid"}}, ...), one score per participant in
      the same order; series "<moment>:werkdruk" and "<moment>:baanzekerheid" repeat them;
      extra also holds "meetjaar", "deelnemers", "schaal" (1, 10).
    - "dataspecialisten" (stacked_bar): categories = years; series "vast" (incl.
      toegezegd vast) and "tijdelijk" in fte; extra["totaal"] = fte per year.
    - "fte_per_instelling" (stacked_barh): categories = institution codes; series "vast"
      (incl. toegezegd vast), "tijdelijk", "inloop" in fte.
    - "functies_<groep>" (stacked_barh): categories = function category codes of that
      group; series "vast", "toegezegd_vast", "tijdelijk" in fte.
    - "gender_functiegroep" (stacked_pct_barh): categories = scientific function
      categories; series "v", "m" (and "x" only when present) in fte of vast contracts;
      extra["aandeel"] = {series key: shares 0-100 per category}.
    """

    key: str
    kind: FigureKind
    categories: tuple[str, ...]
    series: tuple[Series, ...]
    names: dict[str, str] = field(default_factory=dict)
    extra: dict[str, Any] = field(default_factory=dict)


# ---------------------------------------------------------------- report sections


@dataclass(frozen=True)
class Instelling:
    code: str
    naam: str
    volgorde: int


@dataclass(frozen=True)
class Subthema:
    code: str
    naam: str
    volgorde: int
    kpis: tuple[str, ...]  # KPI codes shown in this subtheme's section


@dataclass(frozen=True)
class Thema:
    code: str  # the theme code of subthemas.csv (free, the plan's own)
    naam: str
    subthemas: tuple[Subthema, ...]


@dataclass(frozen=True)
class JaarBesteding:
    jaar: int
    ontvangen: Decimal
    besteed: Decimal
    besteed_pct: Decimal | None  # share of that year's receipts spent


@dataclass(frozen=True)
class Financien:
    tabel: Table  # seed Tabel 1, cumulative start..jaar
    ontvangen_totaal: Decimal
    besteed_totaal: Decimal
    onderbesteding: Decimal  # ontvangen - besteed
    besteed_pct: Decimal | None
    tijdelijke_posities: Decimal
    vaste_posities: Decimal
    indirecte_kosten: Decimal
    materieel: Decimal
    per_jaar: tuple[JaarBesteding, ...]
    besteed_pct_jaar: Decimal | None  # share of this year's receipts spent this year


@dataclass(frozen=True)
class FormatieJaar:
    """Fte of one year on its reference date (31 December), totals over all institutions;
    the same definitions as `Formatie` (inloop apart, excluded from every realisation)."""

    jaar: int
    begroot_fte: Decimal  # referentie/begroting.csv (the same every year)
    vast_fte: Decimal
    toegezegd_fte: Decimal
    tijdelijk_fte: Decimal
    inloop_fte: Decimal
    structureel_fte: Decimal  # vast + toegezegd_vast
    structureel_pct: Decimal | None  # structureel / begroot
    gerealiseerd_fte: Decimal  # vast + toegezegd_vast + tijdelijk
    gerealiseerd_pct: Decimal | None  # gerealiseerd / begroot
    vast_aandeel_pct: Decimal | None  # structureel / gerealiseerd


@dataclass(frozen=True)
class Formatie:
    """Bijlage V (seed Tabel 2): fte on the reference date; inloop apart.

    History for trends (texts cite e.g. `formatie.vorig.structureel_fte`):
    - `per_jaar`: one `FormatieJaar` per year start..jaar, oldest first; its last entry
      holds the same figures as this object itself;
    - `vorig`: the entry of the year before the report year (None in the first year);
    - `tabel_per_jaar`: Bijlage V as it stood in each year 2022..jaar (oldest first, the
      last one is `tabel` itself), for the trend per institution (factsheets);
    - `onder_norm`: names of the institutions (in `volgorde`) whose structural realisation
      is below the norm value of the measure `structurele_realisatie` (indicatoren.csv,
      `norm_waarde`), compared at the printed precision (whole percentages, so 89,95%
      printed as 90% is not below 90%); institutions without a budget are left out; empty
      when there is no norm value. It does not look at `vanaf_jaar`: a text may say which
      umc's are still below the norm before it applies.
    """

    tabel: Table
    begroot_fte: Decimal
    vast_fte: Decimal
    toegezegd_fte: Decimal
    tijdelijk_fte: Decimal
    inloop_fte: Decimal
    structureel_fte: Decimal  # vast + toegezegd_vast
    structureel_pct: Decimal | None  # structureel / begroot
    gerealiseerd_fte: Decimal  # vast + toegezegd_vast + tijdelijk
    gerealiseerd_pct: Decimal | None  # gerealiseerd / begroot
    vast_aandeel_pct: Decimal | None  # structureel / gerealiseerd (KPI continuiteit)
    per_jaar: tuple[FormatieJaar, ...] = ()  # start..jaar, oldest first
    vorig: FormatieJaar | None = None  # the year before `jaar`
    onder_norm: tuple[str, ...] = ()  # institution names below the structurele_realisatie norm
    tabel_per_jaar: tuple[Table, ...] = ()  # `tabel` of each year 2022..jaar; the last is `tabel`


@dataclass(frozen=True)
class PersonenJaar:
    """Persons of one year on its reference date, totals over all institutions."""

    jaar: int
    totaal: int  # excl. inloop
    vast: int
    toegezegd: int
    tijdelijk: int
    inloop: int
    vast_of_toegezegd: int


@dataclass(frozen=True)
class Personen:
    """Seed Tabel 3: persons on the reference date.

    `per_jaar` holds one `PersonenJaar` per year start..jaar (oldest first, the last one
    equals this year's figures); `vorig` is the year before the report year (None in the
    first year), e.g. `{{ personen.vorig.totaal | getal }}`.
    """

    tabel: Table
    totaal: int  # excl. inloop
    vast: int
    toegezegd: int
    tijdelijk: int
    inloop: int
    vast_of_toegezegd: int
    per_jaar: tuple[PersonenJaar, ...] = ()  # start..jaar, oldest first
    vorig: PersonenJaar | None = None  # the year before `jaar`


@dataclass(frozen=True)
class GenderJaar:
    """Women among the persons of one year (inloop excluded), all institutions."""

    jaar: int
    totaal: int  # all persons excl. inloop, any geslacht
    vrouwen: int
    vrouwen_pct: Decimal | None
    vast_totaal: int  # persons with contractvorm vast
    vast_vrouwen: int
    vast_vrouwen_pct: Decimal | None


@dataclass(frozen=True)
class Gender:
    """Bijlage VI (seed Tabel 4), inloop excluded.

    `per_jaar` holds one `GenderJaar` per year start..jaar (oldest first, the last one
    equals this year's figures), e.g. for the trend of `vast_vrouwen_pct`; `vorig` is the
    year before the report year (None in the first year).
    """

    tabel: Table
    totaal: int  # all persons excl. inloop, any geslacht
    vrouwen: int
    mannen: int
    overig: int  # x or onbekend: in totals and shares, not in the v/m columns
    vrouwen_pct: Decimal | None
    vast_totaal: int
    vast_vrouwen: int
    vast_vrouwen_pct: Decimal | None
    in_tabel: int  # persons in the v/m table (totaal - overig)
    per_jaar: tuple[GenderJaar, ...] = ()  # start..jaar, oldest first
    vorig: GenderJaar | None = None  # the year before `jaar`


@dataclass(frozen=True)
class Functiestand:
    """Persons and fte of one function category per contractvorm (inloop excluded)."""

    code: str
    naam: str
    groep: str
    personen: dict[str, int]  # contractvorm -> persons
    fte: dict[str, Decimal]  # contractvorm -> fte
    personen_totaal: int
    fte_totaal: Decimal


@dataclass(frozen=True)
class Dataspecialisten:
    """KPI 14: function category `dataspecialist`, inloop excluded."""

    personen: int
    fte: Decimal
    vast_personen: int  # contractvorm vast only
    vast_fte: Decimal
    vast_pct: Decimal | None  # vast_personen / personen
    toegezegd_personen: int
    toegezegd_fte: Decimal
    tijdelijk_personen: int
    tijdelijk_fte: Decimal
    basis_fte: Decimal | None  # baseline year (2023)
    per_jaar: tuple[tuple[int, Decimal, Decimal], ...]  # (jaar, permanent incl. toegezegd, tijdelijk) fte


KpiStatus = Literal["behaald", "op koers", "aandachtspunt", "geen gegevens"]


@dataclass(frozen=True)
class IndicatorResultaat:
    """A quantitative measure of a KPI (indicatoren.csv) for the report year.

    `norm` is the norm's code (hoger_dan_basis, lager_dan_basis, minimaal, informatief);
    `norm_waarde` and `vanaf_jaar` are its numbers, so a text can compare:
    `{% if m.norm_waarde is not none and m.waarde < m.norm_waarde %}`. The Dutch wording of
    the norm comes from the view layer.
    """

    code: str
    naam: str
    eenheid: str  # pct | aantal | fte | score
    waarde: Decimal | None
    basis: Decimal | None  # value in the baseline year
    basisjaar: int | None
    verandering: Decimal | None  # waarde - basis
    norm: str  # code: hoger_dan_basis | lager_dan_basis | minimaal | informatief
    status: KpiStatus
    per_instelling: dict[str, Decimal | None] = field(default_factory=dict)
    norm_waarde: Decimal | None = None  # indicatoren.csv `norm_waarde` (e.g. 90), else None
    vanaf_jaar: int | None = None  # first year the norm applies, None = always


@dataclass(frozen=True)
class KpiResultaat:
    code: str  # "continuiteit_personeel", "werkdruk", ..., "5" .. "20"
    nummer: str  # as printed: "" for the general KPIs, "KPI 6", ...
    naam: str
    omschrijving: str
    sectie: str  # where the KPI is discussed: a section key or a subtheme code
    soort: Literal["kwantitatief", "kwalitatief"]
    indicatoren: tuple[IndicatorResultaat, ...]
    status: KpiStatus
    oordeel: str  # committee's one-line judgement (kpi_oordeel.csv), "" if none
    tekst: str  # key of the text that discusses it, e.g. "kpi_6"


@dataclass(frozen=True)
class Controle:
    """A reconciliation finding: two figures that should agree and do not. `soort` names
    the check (see compute/reconcile.py); the view layer words it."""

    soort: str
    verwacht: Decimal | int
    gevonden: Decimal | int
    verschil: Decimal | int
    bestanden: tuple[str, ...] = ()  # input files concerned, relative to the data folder
    instelling: str = ""  # institution code, when the finding concerns one
    jaar: int | None = None
    detail: str = ""  # a code or column name the finding is about


@dataclass(frozen=True)
class Commissielid:
    naam: str
    rol: str  # lid | secretariaat
    functie: str  # voorzitter, vicevoorzitter, or ""
    van: dt.date | None
    tot: dt.date | None
    aanhef: str = ""  # "de heer" / "mevrouw" / ""


@dataclass(frozen=True)
class WerkdrukMeting:
    """One measurement of the workload monitor (a year with werkdrukmonitor.csv)."""

    meetjaar: int
    deelnemers: int  # distinct (umc, deelnemer) pairs
    gemiddelde: dict[str, dict[str, Decimal]]  # moment -> {"baanzekerheid", "werkdruk"}


@dataclass(frozen=True)
class Werkdruk:
    """Workload monitor (seed Figuur 1) summary; None fields when no monitor exists.

    `meetjaar`, `deelnemers` and `gemiddelde` describe the latest measurement up to the
    report year. History: `metingen` holds every measurement up to the report year, oldest
    first (the last one is the latest), e.g. `werkdruk.metingen[0].gemiddelde.nu.werkdruk`;
    `vorige` is the measurement before the latest one (None when there is only one).
    Moments present in a measurement only (`voor`, `nu`, `ideaal`).
    """

    meetjaar: int | None
    deelnemers: int
    gemiddelde: dict[str, dict[str, Decimal]]  # moment -> {"baanzekerheid", "werkdruk"}
    metingen: tuple[WerkdrukMeting, ...] = ()  # every measurement up to jaar, oldest first
    vorige: WerkdrukMeting | None = None  # the measurement before the latest


@dataclass
class ReportModel:
    """Everything computed for a report year. `sectorplan` and `rapport` are the settings
    with their defaults filled in (reportgen/settings.py)."""

    jaar: int
    peildatum: dt.date
    soort: str  # a code of vocab.RAPPORTSOORT
    sectorplan: dict[str, Any]
    rapport: dict[str, Any]
    instellingen: tuple[Instelling, ...]
    themas: tuple[Thema, ...]
    financien: Financien
    formatie: Formatie
    personen: Personen
    gender: Gender
    functies: dict[str, Functiestand]  # function category code -> stand
    ud: Functiestand | None  # shortcut to functies["ud"]
    dataspecialisten: Dataspecialisten
    werkdruk: Werkdruk
    kpis: dict[str, KpiResultaat]  # in report order
    themamatrix: dict[str, dict[str, str]]  # institution -> subthema -> hoofd|beperkt
    commissie: tuple[Commissielid, ...]
    tabellen: dict[str, Table]  # every computed table
    figuren: dict[str, Figure]
    controles: tuple[Controle, ...]
    aantal_instellingen: int = 0

    def instelling(self, code: str) -> Instelling | None:
        return next((i for i in self.instellingen if i.code == code), None)

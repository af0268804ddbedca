"""Check a loaded `Dataset` against the data contract and the project's own file rules.

`validate(dataset)` returns every problem at once (errors and warnings); it never raises
for bad data. Loading has already checked the shape of each file (columns present, cells
convertible to their type); this module checks the values: vocabularies, codes that must
exist in the reference files, ranges, uniqueness, and the rules that span several files
(every institution has its money and people each year, KPI references, ...).

Warnings flag data that is legal but suspicious (e.g. more spent than received). Messages
are Dutch; each names the file (relative to the data folder), the spreadsheet line, the
column and the offending value.

`None` in a required column means loading already reported the cell, so it is skipped here.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from decimal import Decimal
from pathlib import Path
from typing import Any, Iterable, Iterator

import pandas as pd

from .dataset import Dataset, YearData
from .errors import Problem, Severity
from .formatting import fmt_euro
from .loading import AMOUNT_COLUMNS
from .measures import measure_of
from .settings_checks import validate_rapport, validate_sectorplan
from .vocab import (AANHEF, AGGREGATIE, BRON, CONTRACTVORM, EENHEID, FUNCTIE,
                    FUNCTIEGROEP, GESLACHT, INZET, KPI_SOORT, MOMENT, NORM, RAPPORTSOORT,
                    ROL, STATUS, VERPLICHTE_FUNCTIECATEGORIEEN)

# ------------------------------------------------------------------------------ vocabularies

SPENT_COLUMNS = AMOUNT_COLUMNS[1:]
FTE_MAX_DECIMALS = 4
SCORE_MIN, SCORE_MAX = Decimal(1), Decimal(10)

# The vocabularies (reportgen/vocab.py) by the names the checks below use.
REQUIRED_FUNCTIECATEGORIEEN = VERPLICHTE_FUNCTIECATEGORIEEN
CONTRACTVORMEN, GESLACHTEN, GROEPEN = CONTRACTVORM.codes, GESLACHT.codes, FUNCTIEGROEP.codes
KPI_SOORTEN, EENHEDEN, BRONNEN, NORMEN = KPI_SOORT.codes, EENHEID.codes, BRON.codes, NORM.codes
AGGREGATIES, KPI_STATUSSEN, MOMENTEN = AGGREGATIE.codes, STATUS.codes, MOMENT.codes
COMMISSIE_ROLLEN, COMMISSIE_FUNCTIES, RAPPORT_SOORTEN = ROL.codes, FUNCTIE.codes, RAPPORTSOORT.codes


def _one_of(values: Iterable[str]) -> str:
    return "verwacht: een van " + ", ".join(f"'{v}'" for v in values)


# ------------------------------------------------------------------------------ helpers


class _Collector:
    """Collects problems; knows the real file names (csv or xlsx) from dataset.sources."""

    def __init__(self, dataset: Dataset, files: dict[str, str] | None = None):
        self.dataset = dataset
        self.problems: list[Problem] = []
        self._paths = {Path(s.path).with_suffix("").as_posix().lower(): s.path
                       for s in dataset.sources if s.path.lower().endswith((".csv", ".xlsx"))}
        self._paths.update({k.lower(): v for k, v in (files or {}).items()})

    def file(self, relpath: str) -> str:
        """`referentie/umcs` -> `referentie/umcs.csv` (or `.xlsx` when that was read, or
        the name given in `files`)."""
        return self._paths.get(relpath.lower(), f"{relpath}.csv")

    def add(self, file: str, expected: str, line: int | None = None,
            column: str | None = None, value: Any = None,
            severity: Severity = "error") -> None:
        self.problems.append(Problem(file, expected, line=line, column=column,
                                     value=None if value is None else _show(value),
                                     severity=severity))

    def warn(self, file: str, expected: str, line: int | None = None,
             column: str | None = None, value: Any = None) -> None:
        self.add(file, expected, line, column, value, severity="warning")


def _show(value: Any) -> str:
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return str(value)


def _rows(frame: pd.DataFrame | None) -> Iterator[dict[str, Any]]:
    if frame is None:
        return iter(())
    return iter(frame.to_dict("records"))


def _codes(frame: pd.DataFrame | None, column: str = "code") -> list[str]:
    if frame is None or column not in frame:
        return []
    return [c for c in frame[column].tolist() if isinstance(c, str)]


def _known_text(codes: list[str], limit: int = 12) -> str:
    shown = ", ".join(codes[:limit])
    return shown + (", ..." if len(codes) > limit else "")


def _check_vocab(c: _Collector, frame: pd.DataFrame | None, file: str, column: str,
                 allowed: Iterable[str], severity: Severity = "error") -> None:
    allowed = tuple(allowed)
    for row in _rows(frame):
        value = row.get(column)
        if value is not None and value not in allowed:
            c.add(file, _one_of(allowed), row["_line"], column, value, severity)


def _check_ref(c: _Collector, frame: pd.DataFrame | None, file: str, column: str,
               known: list[str], ref_file: str) -> None:
    known_set = set(known)
    expected = f"verwacht: een code uit {ref_file} ({_known_text(known)})"
    for row in _rows(frame):
        value = row.get(column)
        if value is not None and value not in known_set:
            c.add(file, expected, row["_line"], column, value)


def _check_unique(c: _Collector, frame: pd.DataFrame | None, file: str,
                  columns: tuple[str, ...], what: str) -> dict[tuple, int]:
    """Report every repeat of the key `columns`; returns key -> first line.

    `what` names the thing that must be unique; `{0}`, `{1}` stand for the key's parts."""
    first: dict[tuple, int] = {}
    for row in _rows(frame):
        key = tuple(row.get(col) for col in columns)
        if any(k is None for k in key):
            continue
        if key in first:
            c.add(file, f"verwacht: {what.format(*key)} één keer; staat al op regel "
                        f"{first[key]}",
                  row["_line"], columns[-1], key[-1])
        else:
            first[key] = row["_line"]
    return first


def _check_every_umc(c: _Collector, frame: pd.DataFrame | None, file: str,
                     umcs: list[str], expected: str) -> None:
    """An error for each institution without a row in `frame`; `{}` in `expected` is its
    code."""
    present = set(_codes(frame, "umc"))
    for code in umcs:
        if code not in present:
            c.add(file, expected.format(code), None, "umc", code)


def _decimal(value: Any) -> Decimal | None:
    return value if isinstance(value, Decimal) else None


def _check_volgorde(c: _Collector, frame: pd.DataFrame | None, file: str, what: str) -> None:
    """A warning for each row whose `volgorde` repeats an earlier one (order undefined)."""
    first: dict[Any, int] = {}
    for row in _rows(frame):
        v = row.get("volgorde")
        if v is None:
            continue
        if v in first:
            c.warn(file, f"dezelfde volgorde als regel {first[v]}; de volgorde van deze "
                         f"{what} in het rapport is dan willekeurig", row["_line"], "volgorde", v)
        else:
            first[v] = row["_line"]


def _check_themes(c: _Collector, frame: pd.DataFrame | None, file: str) -> None:
    """Theme codes are free; each theme has one name, and two themes not the same name."""
    naam_of: dict[str, tuple[str, int]] = {}  # thema -> (thema_naam, first line)
    thema_of: dict[str, str] = {}  # thema_naam -> first thema with it
    warned: set[str] = set()
    for row in _rows(frame):
        thema, naam, line = row.get("thema"), row.get("thema_naam"), row["_line"]
        if thema is None or naam is None:
            continue
        if thema in naam_of and naam_of[thema][0] != naam:
            c.add(file, f"verwacht: dezelfde thema_naam voor thema '{thema}' als op regel "
                        f"{naam_of[thema][1]} ('{naam_of[thema][0]}')", line, "thema_naam", naam)
        elif naam in thema_of and thema_of[naam] != thema and thema not in warned:
            warned.add(thema)
            c.warn(file, f"thema '{thema}' heeft dezelfde thema_naam als thema "
                         f"'{thema_of[naam]}'; in het rapport zijn ze dan niet te onderscheiden",
                   line, "thema_naam", naam)
        naam_of.setdefault(thema, (naam, line))
        thema_of.setdefault(naam, thema)


# ------------------------------------------------------------------------------ reference


def _validate_reference(c: _Collector) -> None:
    ref = c.dataset.referentie
    f_umcs = c.file("referentie/umcs")
    f_sub = c.file("referentie/subthemas")
    f_fc = c.file("referentie/functiecategorieen")
    f_beg = c.file("referentie/begroting")
    f_tm = c.file("referentie/themamatrix")
    umcs = _codes(ref.umcs)
    subthemas = _codes(ref.subthemas)

    # umcs.csv
    _check_unique(c, ref.umcs, f_umcs, ("code",), "elke umc-code")
    _check_volgorde(c, ref.umcs, f_umcs, "instellingen")

    # subthemas.csv: codes and the number of themes and subthemes are the plan's own
    _check_unique(c, ref.subthemas, f_sub, ("code",), "elke subthemacode")
    _check_volgorde(c, ref.subthemas, f_sub, "subthema's")
    _check_themes(c, ref.subthemas, f_sub)

    # functiecategorieen.csv
    _check_unique(c, ref.functiecategorieen, f_fc, ("code",), "elke functiecategorie")
    _check_vocab(c, ref.functiecategorieen, f_fc, "groep", GROEPEN)
    groups = {row["code"]: row for row in _rows(ref.functiecategorieen)
              if row.get("code") is not None}
    for code, groep in REQUIRED_FUNCTIECATEGORIEEN.items():
        row = groups.get(code)
        if row is None:
            c.add(f_fc, f"verwacht: functiecategorie '{code}' (groep '{groep}'); het "
                        f"datacontract schrijft deze categorie voor", None, "code", code)
        elif row.get("groep") is not None and row["groep"] != groep and row["groep"] in GROEPEN:
            c.add(f_fc, f"verwacht: groep '{groep}' voor functiecategorie '{code}'",
                  row["_line"], "groep", row["groep"])

    # begroting.csv
    _check_ref(c, ref.begroting, f_beg, "umc", umcs, f_umcs)
    _check_unique(c, ref.begroting, f_beg, ("umc",), "elke instelling")
    _check_every_umc(c, ref.begroting, f_beg, umcs,
                     "verwacht: een regel voor instelling '{}' uit " + f_umcs)
    for row in _rows(ref.begroting):
        fte = _decimal(row.get("begroot_fte"))
        if fte is not None and fte <= 0:
            c.add(f_beg, "verwacht: een begroot aantal fte groter dan 0", row["_line"],
                  "begroot_fte", fte)

    # themamatrix.csv
    _check_ref(c, ref.themamatrix, f_tm, "umc", umcs, f_umcs)
    _check_ref(c, ref.themamatrix, f_tm, "subthema", subthemas, f_sub)
    _check_vocab(c, ref.themamatrix, f_tm, "inzet", INZET.codes)
    _check_unique(c, ref.themamatrix, f_tm, ("umc", "subthema"), "elke combinatie van umc en "
                  "subthema")


# ------------------------------------------------------------------------------ years


def _validate_financien(c: _Collector, year: YearData, umcs: list[str]) -> None:
    f = c.file(f"{year.jaar}/financien")
    f_umcs = c.file("referentie/umcs")
    frame = year.financien
    _check_ref(c, frame, f, "umc", umcs, f_umcs)
    _check_unique(c, frame, f, ("umc",), "één regel per instelling")
    _check_every_umc(c, frame, f, umcs, "verwacht: een regel voor instelling '{}' (elk jaar "
                     f"één regel per instelling uit {f_umcs}); ontbreekt voor {year.jaar}")
    for row in _rows(frame):
        amounts = [_decimal(row.get(col)) for col in AMOUNT_COLUMNS]
        for col, amount in zip(AMOUNT_COLUMNS, amounts):
            if amount is not None and amount < 0:
                c.add(f, "verwacht: een bedrag van 0 of meer (in euro)", row["_line"], col,
                      amount)
        if all(a is not None and a == 0 for a in amounts):
            c.warn(f, f"alle bedragen van {row.get('umc')} in {year.jaar} zijn 0; klopt dat?",
                   row["_line"], "ontvangen", row.get("ontvangen"))


def _fte_ok(fte: Decimal) -> bool:
    if not (Decimal(0) < fte <= Decimal(1)):
        return False
    exponent = fte.normalize().as_tuple().exponent
    return not isinstance(exponent, int) or exponent >= -FTE_MAX_DECIMALS


def _validate_personeel(c: _Collector, year: YearData, umcs: list[str]) -> None:
    ref = c.dataset.referentie
    f = c.file(f"{year.jaar}/personeel")
    f_umcs = c.file("referentie/umcs")
    frame = year.personeel
    _check_ref(c, frame, f, "umc", umcs, f_umcs)
    _check_ref(c, frame, f, "functiecategorie", _codes(ref.functiecategorieen),
               c.file("referentie/functiecategorieen"))
    _check_vocab(c, frame, f, "contractvorm", CONTRACTVORMEN)
    _check_vocab(c, frame, f, "geslacht", GESLACHTEN)
    _check_ref(c, frame, f, "subthema", _codes(ref.subthemas), c.file("referentie/subthemas"))
    for row in _rows(frame):
        fte = _decimal(row.get("fte"))
        if fte is not None and not _fte_ok(fte):
            c.add(f, f"verwacht: fte groter dan 0 en hoogstens 1, met hoogstens "
                     f"{FTE_MAX_DECIMALS} decimalen (bijv. 0,8 of 0,3125)", row["_line"], "fte",
                  fte)
    _check_unique(c, frame, f, ("umc", "id"), "per umc elke id (hier id '{1}' van {0})")
    _check_every_umc(c, frame, f, umcs, "verwacht: personeel van instelling '{}' in "
                     f"{year.jaar}; er staat geen enkele regel voor deze instelling in het "
                     "bestand")
    # Empty subthema is legal (contract); only the report year's figures per subtheme
    # are printed, so only that year is worth a warning: one per institution (its first
    # line), so that `reportgen status` can tell whose rows they are.
    no_sub: dict[Any, list[int]] = defaultdict(list)
    for row in _rows(frame):
        if row.get("subthema") is None and year.jaar == c.dataset.jaar:
            no_sub[row.get("umc")].append(row["_line"])
    for umc, rows in no_sub.items():
        lines = ", ".join(str(n) for n in rows[:10]) + (", ..." if len(rows) > 10 else "")
        who = "1 persoon" if len(rows) == 1 else f"{len(rows)} personen"
        van = f" van {umc}" if umc else ""
        c.warn(f, f"{who}{van} zonder subthema (regel {lines}); deze tellen niet mee in de "
                  f"cijfers per subthema", rows[0], "subthema", "")


def _sums(frame: pd.DataFrame, columns: Iterable[str]) -> dict[str, tuple[Decimal, int]]:
    """umc -> (sum of the columns, line of the row)."""
    out: dict[str, tuple[Decimal, int]] = {}
    for row in _rows(frame):
        umc = row.get("umc")
        if umc is None or umc in out:
            continue
        total = sum((_decimal(row.get(col)) or Decimal(0) for col in columns), Decimal(0))
        out[umc] = (total, row["_line"])
    return out


def _inloop_text(n: int) -> str:
    return "1 inloopmedewerker" if n == 1 else f"{n} inloopmedewerkers"


def _validate_cross_year(c: _Collector, umcs: list[str]) -> None:
    """Money against people over the years: spending, underspending and inloop."""
    ds = c.dataset
    begroot = {row["umc"]: _decimal(row.get("begroot_fte")) or Decimal(0)
               for row in _rows(ds.referentie.begroting) if row.get("umc") is not None}
    cum_received: dict[str, Decimal] = defaultdict(Decimal)
    cum_spent: dict[str, Decimal] = defaultdict(Decimal)
    for jaar in sorted(ds.jaren):
        year = ds.jaren[jaar]
        f_pers = c.file(f"{jaar}/personeel")
        received = _sums(year.financien, ("ontvangen",))
        spent = _sums(year.financien, SPENT_COLUMNS)
        for umc, (amount, _) in received.items():
            cum_received[umc] += amount
        for umc, (amount, _) in spent.items():
            cum_spent[umc] += amount
        by_umc: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for row in _rows(year.personeel):
            if row.get("umc") is not None:
                by_umc[row["umc"]].append(row)
        for umc in umcs:
            people = by_umc.get(umc, [])
            inloop = [p for p in people if p.get("contractvorm") == "inloop"]
            structural = [p for p in people if p.get("contractvorm") not in (None, "inloop")]
            got = received.get(umc, (Decimal(0), None))[0]
            if people and not structural and (begroot.get(umc, Decimal(0)) > 0 or got > 0):
                c.warn(f_pers, f"{umc} heeft een begroting maar in {jaar} alleen "
                               f"inloopposities en geen structurele sectorplanposities",
                       people[0]["_line"], "contractvorm", "inloop")
            under = cum_received[umc] - cum_spent[umc]
            if inloop and umc in received and under <= 0:
                c.warn(f_pers, f"{umc} heeft in {jaar} {_inloop_text(len(inloop))}, maar geen "
                               f"onderbesteding (cumulatief ontvangen min besteed t/m {jaar}: "
                               f"{fmt_euro(under)}); inloop wordt uit onderbesteding betaald",
                       inloop[0]["_line"], "contractvorm", "inloop")
    # Spent more than received, cumulatively up to the report year.
    f_fin = c.file(f"{ds.jaar}/financien")
    lines = _sums(ds.huidig.financien, ("ontvangen",))
    for umc in umcs:
        if umc not in lines:
            continue
        if cum_spent[umc] > cum_received[umc]:
            c.warn(f_fin, f"{umc} heeft t/m {ds.jaar} cumulatief meer besteed "
                          f"({fmt_euro(cum_spent[umc])}) dan ontvangen "
                          f"({fmt_euro(cum_received[umc])})", lines[umc][1], "ontvangen",
                   lines[umc][0])


# ------------------------------------------------------------------------------ project files


def _validate_kpis(c: _Collector) -> None:
    ref = c.dataset.referentie
    f_kpis = c.file("referentie/kpis")
    f_ind = c.file("referentie/indicatoren")
    if ref.kpis is not None:
        _check_unique(c, ref.kpis, f_kpis, ("code",), "elke KPI-code")
        _check_vocab(c, ref.kpis, f_kpis, "soort", KPI_SOORTEN)
    if ref.indicatoren is None:
        return
    ind = ref.indicatoren
    _check_unique(c, ind, f_ind, ("code",), "elke indicatorcode")
    if ref.kpis is None:
        for row in _rows(ind):
            c.add(f_ind, f"verwacht: een KPI uit {f_kpis}, maar dat bestand ontbreekt",
                  row["_line"], "kpi", row.get("kpi"))
    else:
        _check_ref(c, ind, f_ind, "kpi", _codes(ref.kpis), f_kpis)
    _check_vocab(c, ind, f_ind, "eenheid", EENHEDEN)
    _check_vocab(c, ind, f_ind, "bron", BRONNEN)
    _check_vocab(c, ind, f_ind, "norm", NORMEN)
    for row in _rows(ind):
        line = row["_line"]
        aggregatie = row.get("aggregatie")
        if row.get("bron") == "kpi_waarden":
            if aggregatie not in AGGREGATIES:
                c.add(f_ind, _one_of(AGGREGATIES) + " (verplicht bij bron 'kpi_waarden')",
                      line, "aggregatie", aggregatie or "")
        elif aggregatie is not None:
            c.warn(f_ind, "aggregatie geldt alleen bij bron 'kpi_waarden' en wordt hier "
                          "genegeerd", line, "aggregatie", aggregatie)
        if row.get("bron") == "personeel":
            for column, value, expected in measure_of(row, set(_codes(ref.functiecategorieen)))[1]:
                c.add(f_ind, f"verwacht: {expected}", line, column, value)
        if row.get("norm") == "minimaal" and row.get("norm_waarde") is None:
            c.add(f_ind, "verwacht: een getal bij norm 'minimaal', bijv. 90", line,
                  "norm_waarde", "")
        vanaf = row.get("vanaf_jaar")
        ds = c.dataset
        if vanaf is not None and not (ds.looptijd_start <= vanaf <= ds.looptijd_eind):
            c.warn(f_ind, f"dit jaar valt buiten de looptijd ({ds.looptijd_start} t/m "
                          f"{ds.looptijd_eind}); de norm geldt dan in geen enkel rapport",
                   line, "vanaf_jaar", vanaf)


def _validate_year_project(c: _Collector, year: YearData, umcs: list[str]) -> None:
    ref = c.dataset.referentie
    f_umcs = c.file("referentie/umcs")
    f_ind = c.file("referentie/indicatoren")
    f_kpis = c.file("referentie/kpis")
    indicators = {row["code"]: row for row in _rows(ref.indicatoren)
                  if row.get("code") is not None}

    if year.kpi_waarden is not None:
        f = c.file(f"{year.jaar}/kpi_waarden")
        _check_ref(c, year.kpi_waarden, f, "umc", umcs, f_umcs)
        _check_unique(c, year.kpi_waarden, f, ("umc", "indicator"),
                      "elke combinatie van umc en indicator")
        delivered = sorted(code for code, row in indicators.items()
                           if row.get("bron") == "kpi_waarden")
        for row in _rows(year.kpi_waarden):
            code, line = row.get("indicator"), row["_line"]
            if code is None:
                continue
            if ref.indicatoren is None:
                c.add(f, f"verwacht: een indicator uit {f_ind}, maar dat bestand ontbreekt",
                      line, "indicator", code)
                continue
            ind = indicators.get(code)
            if ind is None or ind.get("bron") != "kpi_waarden":
                c.add(f, f"verwacht: een indicator uit {f_ind} met bron 'kpi_waarden' "
                         f"({_known_text(delivered)})", line, "indicator", code)
                continue
            waarde = _decimal(row.get("waarde"))
            if waarde is None:
                continue
            if ind.get("eenheid") == "pct" and not (0 <= waarde <= 100):
                c.add(f, "verwacht: een percentage van 0 tot en met 100", line, "waarde",
                      waarde)
            elif ind.get("eenheid") == "score" and not (SCORE_MIN <= waarde <= SCORE_MAX):
                c.add(f, "verwacht: een score van 1 tot en met 10", line, "waarde", waarde)
            elif waarde < 0:
                c.add(f, "verwacht: een waarde van 0 of meer", line, "waarde", waarde)

    if year.kpi_oordeel is not None:
        f = c.file(f"{year.jaar}/kpi_oordeel")
        if ref.kpis is None:
            for row in _rows(year.kpi_oordeel):
                c.add(f, f"verwacht: een KPI uit {f_kpis}, maar dat bestand ontbreekt",
                      row["_line"], "kpi", row.get("kpi"))
        else:
            _check_ref(c, year.kpi_oordeel, f, "kpi", _codes(ref.kpis), f_kpis)
        _check_unique(c, year.kpi_oordeel, f, ("kpi",), "elke KPI")
        _check_vocab(c, year.kpi_oordeel, f, "status", KPI_STATUSSEN)

    if year.werkdrukmonitor is not None:
        f = c.file(f"{year.jaar}/werkdrukmonitor")
        frame = year.werkdrukmonitor
        _check_ref(c, frame, f, "umc", umcs, f_umcs)
        _check_vocab(c, frame, f, "moment", MOMENTEN)
        _check_unique(c, frame, f, ("deelnemer", "moment"),
                      "elke combinatie van deelnemer en moment")
        for row in _rows(frame):
            for col in ("baanzekerheid", "werkdruk"):
                score = _decimal(row.get(col))
                if score is not None and not (SCORE_MIN <= score <= SCORE_MAX):
                    c.add(f, "verwacht: een score van 1 tot en met 10", row["_line"], col,
                          score)


def _validate_commissie(c: _Collector) -> None:
    frame = c.dataset.referentie.commissie
    if frame is None:
        return
    f = c.file("referentie/commissie")
    _check_vocab(c, frame, f, "rol", COMMISSIE_ROLLEN)
    _check_vocab(c, frame, f, "functie", COMMISSIE_FUNCTIES)
    _check_vocab(c, frame, f, "aanhef", AANHEF.codes)
    for row in _rows(frame):
        van, tot = row.get("van"), row.get("tot")
        if isinstance(van, dt.date) and isinstance(tot, dt.date) and tot < van:
            c.add(f, f"verwacht: een einddatum op of na de begindatum ({van.isoformat()})",
                  row["_line"], "tot", tot)
    for functie in COMMISSIE_FUNCTIES:
        holders = [row for row in _rows(frame)
                   if row.get("functie") == functie and row.get("tot") is None]
        for row in holders[1:]:
            c.warn(f, f"meer dan één zittende {functie} (ook regel {holders[0]['_line']})",
                   row["_line"], "functie", functie)


# ------------------------------------------------------------------------------ entry point


def _validate_year_tables(c: _Collector, year: YearData, umcs: list[str]) -> None:
    _validate_financien(c, year, umcs)
    _validate_personeel(c, year, umcs)
    _validate_year_project(c, year, umcs)


def validate_year_tables(dataset: Dataset, jaar: int, umcs: list[str],
                         files: dict[str, str] | None = None) -> list[Problem]:
    """The rules of one year's tables (financien, personeel, kpi_waarden, kpi_oordeel,
    werkdrukmonitor) against the reference, without the rules that span years.

    `umcs`: the institutions whose rows must be present (e.g. only the one institution of
    a returned workbook). `files` maps a table (`"2025/personeel"`) to the name problems
    should carry instead of the data file (e.g. a workbook's sheet name)."""
    c = _Collector(dataset, files)
    _validate_year_tables(c, dataset.jaren[jaar], umcs)
    return c.problems


def validate(dataset: Dataset) -> list[Problem]:
    """Every contract and cross-file problem of `dataset` (errors and warnings)."""
    c = _Collector(dataset)
    umcs = _codes(dataset.referentie.umcs)
    _validate_reference(c)
    for jaar in sorted(dataset.jaren):
        year = dataset.jaren[jaar]
        _validate_year_tables(c, year, umcs)
        validate_rapport(c, year)
    _validate_cross_year(c, umcs)
    _validate_kpis(c)
    _validate_commissie(c)
    validate_sectorplan(c)
    return c.problems


def _stem(file: str) -> str:
    """`2025/financien.csv` -> `2025/financien`; a folder (`2023`) stays as it is."""
    head, _, last = file.rstrip("/").rpartition("/")
    name = last.rsplit(".", 1)[0] if "." in last else last
    return f"{head}/{name}" if head else name


def validate_loaded(dataset: Dataset, load_problems: list[Problem]) -> list[Problem]:
    """Validate what could be loaded, so a user sees every problem in one run.

    When loading already found errors, the rules still run on the files that loaded, but
    problems in a file (or year folder) that failed to load are left out: they would only
    repeat the loading error (a missing financien.csv would also be "no row for umc X" for
    every institution). When a reference file failed, nothing else can be checked against
    it, so only the loading problems are reported. Warnings are left out as well while
    there are loading errors: they are often computed from the values that failed to load
    (a received amount that could not be read makes "spent more than received")."""
    broken = [_stem(p.file) for p in load_problems if p.is_error]
    if not broken:
        return validate(dataset)
    if any(b.startswith("referentie") for b in broken):
        return []

    def concerns_broken(problem: Problem) -> bool:
        stem = _stem(problem.file)
        return any(stem == b or stem.startswith(b + "/") for b in broken)

    return [p for p in validate(dataset) if p.is_error and not concerns_broken(p)]

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
from decimal import Decimal
from typing import Any

import pandas as pd

from .dataset import Dataset, YearData
from .errors import Problem
from .measures import measure_of
from .settings_checks import validate_rapport, validate_sectorplan
from .tablechecks import Collector as _Collector
from .tablechecks import check_every_umc as _check_every_umc
from .tablechecks import check_ref as _check_ref
from .tablechecks import check_unique as _check_unique
from .tablechecks import check_vocab as _check_vocab
from .tablechecks import check_volgorde as _check_volgorde
from .tablechecks import codes as _codes
from .tablechecks import one_of as _one_of
from .tablechecks import rows as _rows
from .vocab import (AANHEF, AGGREGATIE, BRON, EENHEID, FUNCTIE, FUNCTIEGROEP, INZET,
                    KPI_SOORT, NORM, ROL, VERPLICHTE_FUNCTIECATEGORIEEN)
from .yearrules import (FTE_MAX_DECIMALS, SCORE_MAX, SCORE_MIN, SPENT_COLUMNS,  # noqa: F401
                        validate_cross_year)
from .yearrules import validate_year_tables as _validate_year

# The vocabularies (reportgen/vocab.py) by the names the checks below use.
REQUIRED_FUNCTIECATEGORIEEN = VERPLICHTE_FUNCTIECATEGORIEEN
GROEPEN, KPI_SOORTEN, EENHEDEN = FUNCTIEGROEP.codes, KPI_SOORT.codes, EENHEID.codes
BRONNEN, NORMEN, AGGREGATIES = BRON.codes, NORM.codes, AGGREGATIE.codes
COMMISSIE_ROLLEN, COMMISSIE_FUNCTIES = ROL.codes, FUNCTIE.codes


def _decimal(value: Any) -> Decimal | None:
    return value if isinstance(value, Decimal) else None


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
    _validate_year(c, year, umcs)


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
    validate_cross_year(c, umcs)
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

"""The typed data set that `loading.load_dataset` hands to validation and compute.

Tables are pandas DataFrames with the columns documented per field. Money and fte are
`decimal.Decimal` (object dtype) so that sums are exact; codes are `str`. Every frame keeps
a `_line` column: the spreadsheet line number the row came from (header = line 1), so later
checks can still point at the right line. Missing optional files are `None` (or empty
dicts); whether that is an error is decided by validation and by the build mode (draft or
not), never by loading.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

CONTRACTVORMEN = ("vast", "toegezegd_vast", "tijdelijk", "inloop")
GESLACHTEN = ("v", "m", "x", "onbekend")
THEMAS = ("preventie", "datagedreven_innovatie", "fundament_toepassing")
GROEPEN = ("wetenschappelijk", "ondersteunend")
INZET = ("hoofd", "beperkt")
FIRST_YEAR = 2022
LAST_YEAR = 2028


@dataclass(frozen=True)
class SourceFile:
    """One input file that was read: path relative to the data folder and its sha256."""

    path: str
    sha256: str


@dataclass(frozen=True)
class TextFile:
    """A Markdown text as written by the secretariat (placeholders not yet rendered)."""

    key: str  # file name without .md, e.g. "samenvatting", "kpi_06"
    path: str  # relative to the data folder, for error messages
    source: str


@dataclass
class Reference:
    """`data/referentie/`: stable over the whole sector plan period."""

    umcs: pd.DataFrame  # code, naam, volgorde (int), _line — sorted by volgorde
    begroting: pd.DataFrame  # umc, begroot_fte (Decimal), _line
    subthemas: pd.DataFrame  # code, thema, thema_naam, naam, volgorde (int), _line
    functiecategorieen: pd.DataFrame  # code, naam, groep, _line (+ optional volgorde)
    themamatrix: pd.DataFrame  # umc, subthema, inzet, _line
    # The project's own files (docs/data-design.md); None when absent.
    kpis: pd.DataFrame | None = None  # kpis.csv
    indicatoren: pd.DataFrame | None = None  # indicatoren.csv
    commissie: pd.DataFrame | None = None  # commissie.csv
    sectorplan: dict[str, Any] | None = None  # sectorplan.toml


@dataclass
class YearData:
    """`data/<jaar>/`."""

    jaar: int
    financien: pd.DataFrame  # umc, ontvangen, tijdelijke_posities, vaste_posities,
    #                          indirecte_kosten, materieel (Decimal), _line
    personeel: pd.DataFrame  # id, umc, functiecategorie, contractvorm, fte (Decimal),
    #                          geslacht, subthema (str or None), _line
    # The project's own files; None / empty when absent.
    rapport: dict[str, Any] | None = None  # rapport.toml
    kpi_waarden: pd.DataFrame | None = None  # umc, indicator, waarde (Decimal), _line
    kpi_oordeel: pd.DataFrame | None = None  # kpi, status, toelichting, _line
    werkdrukmonitor: pd.DataFrame | None = None  # deelnemer, umc, moment, baanzekerheid,
    #                                              werkdruk (Decimal), _line
    teksten: dict[str, TextFile] = field(default_factory=dict)


@dataclass
class Dataset:
    """Everything read for a build of year `jaar`: the reference plus years 2022..jaar."""

    root: Path
    jaar: int
    referentie: Reference
    jaren: dict[int, YearData]
    sources: list[SourceFile] = field(default_factory=list)

    @property
    def huidig(self) -> YearData:
        return self.jaren[self.jaar]

    @property
    def looptijd(self) -> tuple[int, int]:
        """(first, last) year of the sector plan period: `looptijd_start`/`looptijd_eind`
        of sectorplan.toml, else the years reportgen knows (validation checks them)."""
        sp = self.referentie.sectorplan or {}

        def year(key: str, default: int) -> int:
            value = sp.get(key)
            return value if isinstance(value, int) and not isinstance(value, bool) else default

        return (year("looptijd_start", FIRST_YEAR), year("looptijd_eind", LAST_YEAR))

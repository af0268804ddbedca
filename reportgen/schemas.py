"""The shape of every table file reportgen reads, declared as data: its columns, how
each cell is converted and whether the data contract requires the file.

`loading.read_table` converts every cell by these schemas (the kinds are explained in the
docstring of reportgen/loading.py); `reportgen init` writes a header-only CSV per schema.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Literal

Kind = Literal[
    "str", "opt_str", "int", "opt_int", "decimal", "opt_decimal", "amount", "date",
    "opt_date",
]


@dataclass(frozen=True)
class Column:
    """One column of a table file.

    kind: how a cell is converted (see the docstring of reportgen/loading.py); `amount` = Decimal with an
    empty cell meaning 0. required: the column must be in the header row (an optional
    column that is present is converted like any other).
    """

    name: str
    kind: Kind = "str"
    required: bool = True


@dataclass(frozen=True)
class Schema:
    """A table file: its name (file stem), columns and whether the contract requires it."""

    name: str
    columns: tuple[Column, ...]
    contract: bool = False

    def column(self, name: str) -> Column | None:
        return next((c for c in self.columns if c.name == name), None)


def _cols(*spec: str | Column) -> tuple[Column, ...]:
    return tuple(c if isinstance(c, Column) else Column(c) for c in spec)


#: Numbers no sector plan can have, refused when a file is read (they would also break
#: exact arithmetic later): |amount| >= 10^12 euro, |other number| >= 10^9. An amount has
#: at most two decimals (whole cents).
MAX_ABS: dict[str, Decimal] = {"amount": Decimal(10) ** 12, "decimal": Decimal(10) ** 9}
AMOUNT_DECIMALS = 2

AMOUNT_COLUMNS = ("ontvangen", "tijdelijke_posities", "vaste_posities", "indirecte_kosten",
                  "materieel")

SCHEMAS: dict[str, Schema] = {
    s.name: s
    for s in (
        # -- referentie/ (contract)
        Schema("umcs", _cols("code", "naam", Column("volgorde", "int")), contract=True),
        Schema("begroting", _cols("umc", Column("begroot_fte", "decimal")), contract=True),
        Schema("subthemas", _cols("code", "thema", "thema_naam", "naam",
                                  Column("volgorde", "int")), contract=True),
        Schema("functiecategorieen", _cols("code", "naam", "groep",
                                           Column("volgorde", "int", required=False)),
               contract=True),
        Schema("themamatrix", _cols("umc", "subthema", "inzet"), contract=True),
        # -- referentie/ (project, docs/data-design.md)
        Schema("commissie", _cols("naam", Column("aanhef", "opt_str"), "rol",
                                  Column("functie", "opt_str"), Column("van", "opt_date"),
                                  Column("tot", "opt_date"), Column("volgorde", "int"))),
        Schema("kpis", _cols("code", Column("nummer", "opt_str"), "naam", "omschrijving",
                             "sectie", "soort", Column("volgorde", "int"))),
        Schema("indicatoren", _cols("code", "kpi", "naam", "eenheid", "bron",
                                    Column("aggregatie", "opt_str"), "norm",
                                    Column("norm_waarde", "opt_decimal"),
                                    Column("vanaf_jaar", "opt_int"),
                                    # bron personeel: the measure (reportgen/measures.py)
                                    *(Column(c, "opt_str", required=False)
                                      for c in ("maat", "functiecategorie", "contractvorm",
                                                "geslacht", "aandeel_van")))),
        # -- <jaar>/ (contract)
        Schema("financien", _cols("umc", *(Column(c, "amount") for c in AMOUNT_COLUMNS)),
               contract=True),
        Schema("personeel", _cols("id", "umc", "functiecategorie", "contractvorm",
                                  Column("fte", "decimal"), "geslacht",
                                  Column("subthema", "opt_str")), contract=True),
        # -- <jaar>/ (project)
        Schema("kpi_waarden", _cols("umc", "indicator", Column("waarde", "decimal"))),
        Schema("kpi_oordeel", _cols("kpi", Column("status", "opt_str"),
                                    Column("toelichting", "opt_str"))),
        Schema("werkdrukmonitor", _cols("deelnemer", "umc", "moment",
                                        Column("baanzekerheid", "decimal"),
                                        Column("werkdruk", "decimal"))),
    )
}

REFERENCE_TABLES = ("umcs", "begroting", "subthemas", "functiecategorieen", "themamatrix",
                    "commissie", "kpis", "indicatoren")
YEAR_TABLES = ("financien", "personeel", "kpi_waarden", "kpi_oordeel", "werkdrukmonitor")

# Keys of rapport.toml that hold dates (ISO strings are turned into datetime.date).
RAPPORT_DATE_KEYS: tuple[tuple[str, ...], ...] = (
    ("publicatiedatum",), ("peildatum",), ("brief", "datum"),
)

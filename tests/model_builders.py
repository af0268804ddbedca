"""In-memory data sets for model tests: tables in the shape of tests/data_builders.py
("relpath" -> list of row dicts of strings), typed the way reportgen.loading types them,
without touching the disk."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path
from typing import Any

import pandas as pd

from reportgen.dataset import Dataset, Reference, YearData


_DECIMAL = {"begroot_fte", "fte", "waarde", "baanzekerheid", "werkdruk", "norm_waarde",
            "ontvangen", "tijdelijke_posities", "vaste_posities", "indirecte_kosten",
            "materieel"}
_AMOUNT = {"ontvangen", "tijdelijke_posities", "vaste_posities", "indirecte_kosten",
           "materieel"}
_INT = {"volgorde", "vanaf_jaar"}


def _cell(col: str, value: Any) -> Any:
    if isinstance(value, str):
        value = value.strip()
    if col in _DECIMAL:
        if value in ("", None):
            return Decimal(0) if col in _AMOUNT else None
        return Decimal(str(value))
    if col in _INT:
        return None if value in ("", None) else int(value)
    if col in ("van", "tot"):
        return dt.date.fromisoformat(value) if value else None
    return None if value == "" else value


def frame(rows: list[dict[str, Any]], columns: list[str] | None = None) -> pd.DataFrame:
    columns = columns or (list(rows[0]) if rows else [])
    data = [{c: _cell(c, r.get(c, "")) for c in columns} | {"_line": i}
            for i, r in enumerate(rows, start=2)]
    return pd.DataFrame(data, columns=columns + ["_line"], dtype=object)


def dataset_from_tables(tables: dict[str, list[dict]], jaar: int,
                        files: dict[str, Any] | None = None) -> Dataset:
    """A typed Dataset from row-dict tables; `files` holds parsed TOML documents by
    relpath ("referentie/sectorplan.toml", "<jaar>/rapport.toml")."""
    files = files or {}

    def t(name: str) -> pd.DataFrame | None:
        return frame(tables[name]) if name in tables else None

    ref = Reference(
        umcs=t("referentie/umcs"), begroting=t("referentie/begroting"),
        subthemas=t("referentie/subthemas"),
        functiecategorieen=t("referentie/functiecategorieen"),
        themamatrix=t("referentie/themamatrix"), kpis=t("referentie/kpis"),
        indicatoren=t("referentie/indicatoren"), commissie=t("referentie/commissie"),
        sectorplan=files.get("referentie/sectorplan.toml"))
    jaren = {}
    for y in range(2022, jaar + 1):
        jaren[y] = YearData(
            jaar=y, financien=t(f"{y}/financien"), personeel=t(f"{y}/personeel"),
            rapport=files.get(f"{y}/rapport.toml"), kpi_waarden=t(f"{y}/kpi_waarden"),
            kpi_oordeel=t(f"{y}/kpi_oordeel"), werkdrukmonitor=t(f"{y}/werkdrukmonitor"))
    return Dataset(root=Path("."), jaar=jaar, referentie=ref, jaren=jaren)


SECTORPLAN = {"sectorplan": "Versnellen op gezondheid", "commissie": "Commissie (fictief)",
              "looptijd_start": 2022,
              "looptijd_eind": 2028, "basisjaar": 2023}


def person(pid: str, umc: str, cv: str, fte: str, gesl: str = "v",
           cat: str = "ud") -> dict[str, str]:
    return {"id": pid, "umc": umc, "functiecategorie": cat, "contractvorm": cv, "fte": fte,
            "geslacht": gesl, "subthema": ""}

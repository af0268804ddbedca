"""Shared helpers of the compute stage: exact numbers, the settings and the staff of a
year as one pandas frame with exact integer fte.

Compute never reports problems: whether a missing piece is an error or a placeholder is
decided by validation (reportgen/completeness.py); compute fills in `None` or "geen
gegevens" and carries on.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any, Iterable

import pandas as pd

from ..dataset import Dataset
from ..model import Instelling
from ..numbers import percentage

ZERO = Decimal(0)
#: fte has at most four decimals (validation); summed exactly as integers of 1/10000 fte.
FTE_SCALE = 10_000


def is_missing(value: Any) -> bool:
    if value is None:
        return True
    if isinstance(value, float) and math.isnan(value):
        return True
    if value is pd.NA or value is pd.NaT:
        return True
    if isinstance(value, str) and value.strip() == "":
        return True
    return False


def dec(value: Any) -> Decimal:
    """An exact Decimal; empty/None/NaN is zero (the contract: empty amount = 0)."""
    if is_missing(value):
        return ZERO
    if isinstance(value, Decimal):
        return value
    if isinstance(value, bool):
        return Decimal(int(value))
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, float):
        return Decimal(repr(value))
    s = str(value).strip()
    if "," in s:  # a Dutch number that slipped through: 1.234,56
        s = s.replace(".", "").replace(",", ".")
    try:
        return Decimal(s)
    except InvalidOperation:
        return ZERO


def dec_or_none(value: Any) -> Decimal | None:
    return None if is_missing(value) else dec(value)


def int_or_none(value: Any) -> int | None:
    if is_missing(value):
        return None
    try:
        return int(dec(value))
    except (InvalidOperation, ValueError):
        return None


def text(value: Any) -> str:
    """A cell as clean text ("" for empty); integral floats lose their ".0"."""
    if is_missing(value):
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def pct(part: Any, whole: Any) -> Decimal | None:
    """Unrounded percentage on a 0-100 scale, None when the whole is zero."""
    result = percentage(dec(part), dec(whole))
    return ZERO if result is not None and result == 0 else result


def records(df: pd.DataFrame | None) -> list[dict[str, Any]]:
    if df is None or len(df) == 0:
        return []
    return df.to_dict("records")


def as_date(value: Any) -> dt.date | None:
    if is_missing(value):
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value).strip()[:10])
    except ValueError:
        return None


# ---------------------------------------------------------------- staff snapshot

STAFF_KEYS = ("umc", "functiecategorie", "contractvorm", "geslacht")


def _fte_units(value: Any) -> int:
    scaled = dec(value) * FTE_SCALE
    units = int(scaled)
    if units != scaled:  # more than four decimals: validation refuses it, stay exact anyway
        raise ValueError(f"fte met meer dan vier decimalen: {value}")
    return units


class Staff:
    """One year's personeel.csv as a frame (umc, functiecategorie, contractvorm, geslacht,
    units = fte x 10000 as int64) with exact vectorised aggregations."""

    def __init__(self, df: pd.DataFrame | None):
        if df is None or len(df) == 0:
            self.frame = pd.DataFrame({k: pd.Series(dtype=object) for k in STAFF_KEYS}
                                      | {"units": pd.Series(dtype="int64")})
            return
        frame = pd.DataFrame({
            "umc": df["umc"].map(text),
            "functiecategorie": df["functiecategorie"].map(text),
            "contractvorm": df["contractvorm"].map(text),
            "geslacht": df["geslacht"].map(lambda v: text(v).lower()),
        })
        frame["units"] = df["fte"].map(_fte_units).astype("int64")
        self.frame = frame

    def _mask(self, umc: str | None = None, cv: Iterable[str] | str | None = None,
              functie: str | None = None, geslacht: Iterable[str] | str | None = None,
              not_geslacht: Iterable[str] | None = None) -> pd.Series:
        f = self.frame
        mask = pd.Series(True, index=f.index)
        if umc is not None:
            mask &= f["umc"] == umc
        if cv is not None:
            mask &= f["contractvorm"].isin((cv,) if isinstance(cv, str) else tuple(cv))
        if functie is not None:
            mask &= f["functiecategorie"] == functie
        if geslacht is not None:
            mask &= f["geslacht"].isin((geslacht,) if isinstance(geslacht, str)
                                       else tuple(geslacht))
        if not_geslacht is not None:
            mask &= ~f["geslacht"].isin(tuple(not_geslacht))
        return mask

    def fte(self, **filters: Any) -> Decimal:
        return units_to_fte(int(self.frame.loc[self._mask(**filters), "units"].sum()))

    def count(self, **filters: Any) -> int:
        return int(self._mask(**filters).sum())

    def pivot(self, by: str | list[str], *, cv: Iterable[str] | str | None = None,
              functie: str | None = None, geslacht: Iterable[str] | str | None = None,
              not_geslacht: Iterable[str] | None = None) -> pd.DataFrame:
        """fte units and person counts grouped by `by` (pandas groupby), for the rows that
        pass the filters; columns `units` and `n`."""
        sub = self.frame.loc[self._mask(cv=cv, functie=functie, geslacht=geslacht,
                                        not_geslacht=not_geslacht)]
        return sub.groupby(by).agg(units=("units", "sum"), n=("units", "size"))


def units_to_fte(units: int) -> Decimal:
    return Decimal(int(units)) / FTE_SCALE


def lookup(table: pd.DataFrame, key: Any, column: str) -> int:
    """A value of a `Staff.pivot` result, 0 when the group does not occur."""
    try:
        return int(table.at[key, column])
    except KeyError:
        return 0


# ---------------------------------------------------------------- context


@dataclass
class Context:
    """What every compute module needs: the data, the settings and the institutions."""

    dataset: Dataset
    sectorplan: dict[str, Any]  # settings.resolve_sectorplan
    instellingen: tuple[Instelling, ...]
    _staff: dict[int, Staff] = field(default_factory=dict)

    @property
    def jaar(self) -> int:
        return self.dataset.jaar

    @property
    def jaren(self) -> list[int]:
        return sorted(y for y in self.dataset.jaren if y <= self.dataset.jaar)

    @property
    def basisjaar(self) -> int:
        return int(self.sectorplan["basisjaar"])

    @property
    def eindjaar(self) -> int:
        return int(self.sectorplan["looptijd_eind"])

    def staff(self, jaar: int) -> Staff | None:
        if jaar not in self.dataset.jaren:
            return None
        if jaar not in self._staff:
            self._staff[jaar] = Staff(self.dataset.jaren[jaar].personeel)
        return self._staff[jaar]

    def source(self, stem: str) -> str:
        """An input file's name as read (csv or xlsx), relative to the data folder;
        `stem` is the path without extension, e.g. "2025/personeel"."""
        for s in self.dataset.sources:
            if s.path.rsplit(".", 1)[0] == stem:
                return s.path
        return f"{stem}.csv"

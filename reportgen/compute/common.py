"""Shared helpers of the compute stage: exact numbers, settings, the staff snapshot and
the context that collects problems about missing optional data."""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any, Callable, Iterable, Iterator

import pandas as pd

from ..dataset import Dataset
from ..errors import Problem
from ..formatting import percentage
from ..model import Instelling

ZERO = Decimal(0)

# Dutch labels of the contract forms, as the seed prints them.
CV_LABELS = {
    "inloop": "Inloop",
    "tijdelijk": "Tijdelijk",
    "toegezegd_vast": "Tijdelijk toegezegd vast",
    "vast": "Vast",
}
STRUCTUREEL = ("vast", "toegezegd_vast")
GEREALISEERD = ("vast", "toegezegd_vast", "tijdelijk")  # inloop is reported apart

# Neutral stand-ins for settings that sectorplan.toml leaves out. They name no plan: a
# draft prints them (and warns); a final build requires the names (REQUIRED_SETTINGS).
# The period always comes from the data set (Dataset.looptijd_start/_eind), the baseline
# year defaults to the first year of the period, `commissie_kort` to `commissie`.
DEFAULT_SECTORPLAN: dict[str, Any] = {
    "sectorplan": "[naam sectorplan]",
    "sectorplan_lang": "sectorplan",
    "commissie": "Sectorplancommissie",
    "commissie_kort": "Sectorplancommissie",
    "instelling": "instelling",  # the word for one funded institution
    "instellingen": "instellingen",
    "looptijd_start": None,
    "looptijd_eind": None,
    "basisjaar": None,
}
REQUIRED_SETTINGS = {"sectorplan": "de naam van het sectorplan",
                     "commissie": "de naam van de commissie"}


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


def dsum(values: Iterable[Any]) -> Decimal:
    total = ZERO
    for v in values:
        total += dec(v)
    return total


def pct(part: Any, whole: Any) -> Decimal | None:
    """Unrounded percentage on a 0-100 scale, None when the whole is zero."""
    result = percentage(dec(part), dec(whole))
    return ZERO if result is not None and result == 0 else result


def records(df: pd.DataFrame | None) -> list[dict[str, Any]]:
    if df is None or len(df) == 0:
        return []
    return df.to_dict("records")


def line_of(rec: dict[str, Any]) -> int | None:
    return int_or_none(rec.get("_line"))


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


def minimum_norm(ctx: "Context", code: str) -> tuple[Decimal | None, int | None]:
    """(norm_waarde, vanaf_jaar) of the measure `code` in indicatoren.csv when its norm is
    `minimaal` with a value; (None, None) otherwise (no file, no such row, other norm)."""
    for r in records(ctx.dataset.referentie.indicatoren):
        if text(r.get("code")) != code:
            continue
        if (text(r.get("norm")).lower() or "informatief") != "minimaal":
            return None, None
        return dec_or_none(r.get("norm_waarde")), int_or_none(r.get("vanaf_jaar"))
    return None, None


# ---------------------------------------------------------------- staff snapshot


@dataclass(frozen=True)
class Person:
    umc: str
    functie: str
    cv: str  # contractvorm
    fte: Decimal
    geslacht: str


class Staff:
    """One year's personeel.csv as a list of persons with small exact aggregations."""

    def __init__(self, df: pd.DataFrame | None):
        self.persons: list[Person] = [
            Person(
                umc=text(r.get("umc")),
                functie=text(r.get("functiecategorie")),
                cv=text(r.get("contractvorm")),
                fte=dec(r.get("fte")),
                geslacht=text(r.get("geslacht")).lower(),
            )
            for r in records(df)
        ]

    def select(self, *, umc: str | None = None, cv: Iterable[str] | str | None = None,
               functie: str | None = None, geslacht: Iterable[str] | str | None = None,
               where: Callable[[Person], bool] | None = None) -> Iterator[Person]:
        cvs = (cv,) if isinstance(cv, str) else (tuple(cv) if cv is not None else None)
        gs = (geslacht,) if isinstance(geslacht, str) else (
            tuple(geslacht) if geslacht is not None else None)
        for p in self.persons:
            if umc is not None and p.umc != umc:
                continue
            if cvs is not None and p.cv not in cvs:
                continue
            if functie is not None and p.functie != functie:
                continue
            if gs is not None and p.geslacht not in gs:
                continue
            if where is not None and not where(p):
                continue
            yield p

    def fte(self, **filters: Any) -> Decimal:
        return dsum(p.fte for p in self.select(**filters))

    def count(self, **filters: Any) -> int:
        return sum(1 for _ in self.select(**filters))


# ---------------------------------------------------------------- context


@dataclass
class Context:
    """What every compute module needs: the data, the settings and the problem list."""

    dataset: Dataset
    draft: bool
    sectorplan: dict[str, Any]
    instellingen: tuple[Instelling, ...]
    problems: list[Problem] = field(default_factory=list)
    _staff: dict[int, Staff] = field(default_factory=dict)

    @property
    def jaar(self) -> int:
        return self.dataset.jaar

    @property
    def jaren(self) -> list[int]:
        return sorted(y for y in self.dataset.jaren if y <= self.dataset.jaar)

    @property
    def basisjaar(self) -> int:
        return int(self.sectorplan.get("basisjaar") or self.dataset.looptijd_start)

    @property
    def eindjaar(self) -> int:
        return self.dataset.looptijd_eind

    def staff(self, jaar: int) -> Staff | None:
        if jaar not in self.dataset.jaren:
            return None
        if jaar not in self._staff:
            self._staff[jaar] = Staff(self.dataset.jaren[jaar].personeel)
        return self._staff[jaar]

    def missing(self, file: str, expected: str, *, gevolg: str | None = None,
                line: int | None = None, column: str | None = None,
                value: str | None = None) -> None:
        """A missing optional piece: a warning in a draft build, an error otherwise.

        `expected` says what is missing; `gevolg` what a draft does without it (only
        printed for drafts: a final build stops)."""
        text = f"ontbreekt: {expected}"
        if self.draft and gevolg:
            text += f" (concept: {gevolg})"
        self.problems.append(Problem(
            file=file, expected=text, line=line, column=column, value=value,
            severity="warning" if self.draft else "error"))

    def unusable(self, file: str, expected: str, *, line: int | None = None,
                 column: str | None = None, value: str | None = None) -> None:
        """A value reportgen cannot use: a warning in a draft build, an error otherwise."""
        self.problems.append(Problem(
            file=file, expected=expected, line=line, column=column, value=value,
            severity="warning" if self.draft else "error"))

    def warn(self, file: str, expected: str, *, line: int | None = None,
             column: str | None = None, value: str | None = None) -> None:
        self.problems.append(Problem(file=file, expected=expected, line=line, column=column,
                                     value=value, severity="warning"))

    def source(self, stem: str) -> str:
        """An input file's name as read (csv or xlsx), relative to the data folder;
        `stem` is the path without extension, e.g. "2025/personeel"."""
        for s in self.dataset.sources:
            if s.path.rsplit(".", 1)[0] == stem:
                return s.path
        return f"{stem}.csv"

    def naam(self, code: str) -> str:
        for i in self.instellingen:
            if i.code == code:
                return i.naam
        return code

"""Measures computed from personeel.csv (indicatoren.csv rows with `bron = personeel`),
defined as data: what is counted (fte or persons), of which persons, and as a share of
what. A plan defines its own measures with the optional columns of indicatoren.csv; a few
common ones can be named by their code alone.

    maat              fte | personen
    functiecategorie  a function category code; empty = every category
    contractvorm      contract forms joined with '+'; empty = vast+toegezegd_vast+tijdelijk
                      (inloop is reported apart and never counts)
    geslacht          v | m | x | onbekend; empty = everyone
    aandeel_van       empty = the count itself; 'contractvorm', 'geslacht' or
                      'functiecategorie' = as a percentage of the same count without that
                      filter; 'begroting' = fte as a percentage of the budgeted fte

`measure_of(row)` gives the definition of an indicatoren.csv row (or None with the reason);
compute evaluates it per institution and for the whole sector.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from .vocab import CONTRACTVORM, DATASPECIALIST, GEREALISEERD, GESLACHT, STRUCTUREEL

MAATEN = ("fte", "personen")
AANDEEL_VAN = ("contractvorm", "geslacht", "functiecategorie", "begroting")
COLUMNS = ("maat", "functiecategorie", "contractvorm", "geslacht", "aandeel_van")


@dataclass(frozen=True)
class PersoneelMaat:
    maat: str  # fte | personen
    functiecategorie: str | None = None
    contractvorm: tuple[str, ...] = GEREALISEERD
    geslacht: str | None = None
    aandeel_van: str | None = None

    def noemer(self) -> "PersoneelMaat | None":
        """The count this measure is a share of (None: a plain count, or the budget)."""
        if self.aandeel_van == "contractvorm":
            return replace(self, contractvorm=GEREALISEERD, aandeel_van=None)
        if self.aandeel_van == "geslacht":
            return replace(self, geslacht=None, aandeel_van=None)
        if self.aandeel_van == "functiecategorie":
            return replace(self, functiecategorie=None, aandeel_van=None)
        return None


#: Measures a plan may name by code alone (their definition in the terms above).
BEKEND: dict[str, PersoneelMaat] = {
    "vast_aandeel": PersoneelMaat("fte", contractvorm=STRUCTUREEL, aandeel_van="contractvorm"),
    "structurele_realisatie": PersoneelMaat("fte", contractvorm=STRUCTUREEL,
                                            aandeel_van="begroting"),
    "vrouwen_aandeel": PersoneelMaat("personen", geslacht="v", aandeel_van="geslacht"),
    "vrouwen_aandeel_vast": PersoneelMaat("personen", contractvorm=("vast",), geslacht="v",
                                          aandeel_van="geslacht"),
    "dataspecialisten_fte": PersoneelMaat("fte", functiecategorie=DATASPECIALIST),
    "dataspecialisten": PersoneelMaat("personen", functiecategorie=DATASPECIALIST),
    "dataspecialisten_vast_aandeel": PersoneelMaat(
        "personen", functiecategorie=DATASPECIALIST, contractvorm=("vast",),
        aandeel_van="contractvorm"),
}


def _text(row: dict[str, Any], key: str) -> str:
    value = row.get(key)
    return "" if value is None else str(value).strip()


def measure_of(row: dict[str, Any], categories: set[str] | None = None
               ) -> tuple[PersoneelMaat | None, list[tuple[str, str, str]]]:
    """The definition of an indicatoren.csv row with bron 'personeel', and the problems as
    (column, value, what was expected)."""
    code = _text(row, "code")
    if not any(_text(row, c) for c in COLUMNS):
        if code in BEKEND:
            return BEKEND[code], []
        return None, [("maat", "", "een definitie in de kolommen maat, functiecategorie, "
                       "contractvorm, geslacht en aandeel_van, of een bekende code: "
                       + ", ".join(BEKEND))]
    problems: list[tuple[str, str, str]] = []
    maat = _text(row, "maat")
    if maat not in MAATEN:
        problems.append(("maat", maat, "fte of personen"))
    functie = _text(row, "functiecategorie") or None
    if functie is not None and categories is not None and functie not in categories:
        problems.append(("functiecategorie", functie,
                         "een functiecategorie uit functiecategorieen.csv"))
    cvs = tuple(c.strip() for c in _text(row, "contractvorm").split("+") if c.strip())
    bad = [c for c in cvs if c not in CONTRACTVORM or c == "inloop"]
    if bad:
        problems.append(("contractvorm", _text(row, "contractvorm"),
                         "contractvormen uit vast, toegezegd_vast en tijdelijk, "
                         "verbonden met '+'"))
    geslacht = _text(row, "geslacht") or None
    if geslacht is not None and geslacht not in GESLACHT:
        problems.append(("geslacht", geslacht, "een van " + ", ".join(GESLACHT.codes)))
    aandeel = _text(row, "aandeel_van") or None
    if aandeel is not None and aandeel not in AANDEEL_VAN:
        problems.append(("aandeel_van", aandeel, "leeg of een van " + ", ".join(AANDEEL_VAN)))
    if aandeel == "begroting" and maat != "fte":
        problems.append(("aandeel_van", aandeel, "'begroting' alleen bij maat fte"))
    if problems:
        return None, problems
    return PersoneelMaat(maat, functie, cvs or GEREALISEERD, geslacht, aandeel), []

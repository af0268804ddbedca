"""Every setting of reportgen, declared once (as mkdocs declares its config options).

Two TOML files hold settings (docs/data-design.md):

- `referentie/sectorplan.toml`: what holds for the whole sector plan (names, period,
  contact, the word for an institution);
- `<jaar>/rapport.toml`: the report of one year (type, title, dates, the letter).

Each `Setting` names its key, the TOML types it accepts, its default, whether a final
build needs it, and a one-line Dutch description that `reportgen init` writes above it.
Validation checks the files against these declarations; `resolve_sectorplan` and
`resolve_rapport` return the settings with every default filled in. No other module lists
setting keys or defaults.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, Mapping

from .vocab import RAPPORTSOORT, SOORT_ANDERS, SOORT_EINDJAAR


@dataclass(frozen=True)
class Setting:
    key: str
    types: tuple[type, ...]
    doc: str  # Dutch, one line
    default: Any = None
    required: bool = False  # a final build needs it
    example: Any = None  # what `reportgen init` writes (commented out) as an example

    def accepts(self, value: Any) -> bool:
        if isinstance(value, bool) and bool not in self.types:
            return False
        if isinstance(value, dt.datetime) and dt.datetime not in self.types:
            return False
        if not isinstance(value, self.types):
            return False
        if list in self.types and isinstance(value, list):
            return all(isinstance(v, str) for v in value)
        return True


SECTORPLAN: tuple[Setting, ...] = (
    Setting("sectorplan", (str,), "korte naam van het sectorplan, zoals op de omslag",
            required=True, example="Naam van het sectorplan"),
    Setting("sectorplan_lang", (str,), "aanduiding van het sectorplan in lopende tekst",
            required=True, example="sectorplan Voorbeeldwetenschappen"),
    Setting("commissie", (str,), "volledige naam van de commissie", required=True,
            example="Commissie sectorplan Voorbeeldwetenschappen"),
    Setting("commissie_kort", (str,), "korte naam van de commissie (briefhoofd, bijlage)",
            example="Commissie sectorplan VW"),
    Setting("looptijd_start", (int,), "eerste kalenderjaar van de looptijd", required=True,
            example=2024),
    Setting("looptijd_eind", (int,), "laatste kalenderjaar van de looptijd", required=True,
            example=2030),
    Setting("basisjaar", (int,), "basisjaar van de KPI's (standaard het tweede jaar van de "
            "looptijd)", example=2025),
    Setting("budget_per_jaar", (int, float), "structureel budget per jaar, in euro",
            example=10000000),
    Setting("instelling", (str,), "woord voor één deelnemende instelling in tabellen en "
            "bijschriften", default="instelling", example="universiteit"),
    Setting("instellingen", (str,), "meervoud van dat woord", default="instellingen",
            example="universiteiten"),
    Setting("email", (str,), "e-mailadres van het secretariaat (colofon, brief)",
            example="secretariaat@example.org"),
    Setting("website", (str,), "website van de commissie (colofon)",
            example="www.example.org"),
    Setting("redactie", (str,), "wie de tekst heeft geschreven en geredigeerd (colofon)"),
    Setting("vormgeving", (str,), "wie de vormgeving verzorgde (colofon)"),
    Setting("trefwoorden", (list,), "trefwoorden in de metadata van de PDF", default=[],
            example=["sectorplan"]),
    Setting("voorbeeld", (bool, str), "true (of een korte toelichting) als de gegevens geheel "
            "of deels fictief zijn; omslag en colofon vermelden dat dan", default=False,
            example=False),
)

RAPPORT: tuple[Setting, ...] = (
    Setting("soort", (str,), "soort rapport: " + ", ".join(RAPPORTSOORT.codes),
            required=True, example="voortgangsrapportage"),
    Setting("titel", (str,), "titel op de omslag (standaard afgeleid van sectorplan en "
            "soort)"),
    Setting("publicatiedatum", (dt.date,), "datum van publicatie (omslag, colofon, "
            "PDF-metadata)", required=True, example=dt.date(2025, 6, 1)),
    Setting("peildatum", (dt.date,), "peildatum van de cijfers (standaard 31 december van "
            "het verslagjaar)"),
    Setting("versie", (str,), "versie, in het colofon", example="1.0"),
    Setting("brief", (dict,), "de aanbiedingsbrief aan de minister (tabel [brief])"),
)

BRIEF: tuple[Setting, ...] = (
    Setting("datum", (dt.date,), "datum van de brief", required=True),
    Setting("ontvanger", (list,), "regels van de geadresseerde", required=True),
    Setting("adres_ontvanger", (list,), "adresregels van de geadresseerde", required=True),
    Setting("adres_afzender", (list,), "adresregels van de commissie", required=True),
    Setting("contactpersoon", (str,), "contactpersoon bij het secretariaat", required=True),
    Setting("telefoon", (str,), "telefoonnummer van de contactpersoon", required=True),
    Setting("email", (str,), "e-mailadres (standaard dat uit sectorplan.toml)"),
    Setting("onderwerp", (str,), "onderwerpregel", required=True),
    Setting("aanhef", (str,), "aanhef, bijv. 'Geachte minister,'", required=True),
    Setting("afsluiting", (str,), "slotformule", required=True),
    Setting("namens", (str,), "regel onder de slotformule, bijv. 'namens de commissie'"),
    Setting("ondertekenaar", (str,), "naam van wie ondertekent", required=True),
    Setting("functie_ondertekenaar", (str,), "functie van wie ondertekent"),
)

#: Keys whose TOML value may also be an ISO date string (loading turns them into dates).
DATE_KEYS: tuple[tuple[str, ...], ...] = (
    ("publicatiedatum",), ("peildatum",), ("brief", "datum"),
)


def declared(settings: tuple[Setting, ...]) -> dict[str, Setting]:
    return {s.key: s for s in settings}


def _with_defaults(settings: tuple[Setting, ...],
                   given: Mapping[str, Any] | None) -> dict[str, Any]:
    out = {s.key: s.default for s in settings}
    for key, value in (given or {}).items():
        if key in out and value is not None:
            out[key] = value
    return out


def resolve_sectorplan(given: Mapping[str, Any] | None, looptijd: tuple[int, int]
                       ) -> dict[str, Any]:
    """sectorplan.toml with every default filled in. `looptijd` is the period that
    applies (from the file, or derived from the year folders when it has none)."""
    out = _with_defaults(SECTORPLAN, given)
    out["looptijd_start"], out["looptijd_eind"] = looptijd
    if not isinstance(out.get("basisjaar"), int) or isinstance(out["basisjaar"], bool):
        out["basisjaar"] = min(looptijd[0] + 1, looptijd[1])
    out["trefwoorden"] = list(out.get("trefwoorden") or [])
    return out


def report_type(given: Mapping[str, Any] | None, jaar: int, eindjaar: int | None) -> str:
    """The report type of year `jaar`: rapport.toml's `soort`, else the final evaluation in
    the plan's last year and a progress report in every other year. `eindjaar` None: the
    settings do not say when the plan ends (the last year folder is only the latest
    delivery), so a progress report."""
    soort = (given or {}).get("soort")
    if isinstance(soort, str) and soort in RAPPORTSOORT:
        return soort
    return SOORT_EINDJAAR if eindjaar is not None and jaar >= eindjaar else SOORT_ANDERS


def resolve_rapport(given: Mapping[str, Any] | None, jaar: int, eindjaar: int | None
                    ) -> dict[str, Any]:
    """rapport.toml with defaults: `soort`, `peildatum` (31 December of `jaar`), an empty
    `brief` table with every letter key present."""
    out = _with_defaults(RAPPORT, given)
    for key, value in (given or {}).items():
        out.setdefault(key, value)  # unknown keys stay available (validation warns)
    out["soort"] = report_type(given, jaar, eindjaar)
    peildatum = out.get("peildatum")
    if not isinstance(peildatum, dt.date) or isinstance(peildatum, dt.datetime):
        out["peildatum"] = dt.date(jaar, 12, 31)
    brief = out.get("brief") if isinstance(out.get("brief"), dict) else {}
    out["brief"] = _with_defaults(BRIEF, brief)
    for key in ("ontvanger", "adres_ontvanger", "adres_afzender"):
        value = out["brief"][key]
        out["brief"][key] = [value] if isinstance(value, str) else list(value or [])
    return out


def publication_date(rapport: Mapping[str, Any]) -> dt.date:
    """The report's date (cover, colofon, PDF metadata): publicatiedatum, else peildatum."""
    value = rapport.get("publicatiedatum")
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return rapport["peildatum"]

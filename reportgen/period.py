"""The period of a sector plan (looptijd): the years a data folder covers.

The period is data, not code (data contract v2):

1. `referentie/sectorplan.toml` sets it with `looptijd_start` and `looptijd_eind`. It is
   used when both are whole numbers and the start is not after the end.
2. Otherwise (no sectorplan.toml, a key missing or invalid) the period runs from the first
   to the last year folder present (`2019/`, `2020/`, ...). Validation reports an invalid
   key as an error; compute reports a missing one (a warning in a draft, an error in a
   final build).

A report year outside the period is a usage error (exit 2) that names the period.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .errors import ConfigError

SETTINGS_FILE = "referentie/sectorplan.toml"
_YEAR_FOLDER = re.compile(r"\d{4}")


@dataclass(frozen=True)
class Looptijd:
    """The first and last year of the plan and where they came from."""

    start: int
    eind: int
    uit_instellingen: bool  # True: sectorplan.toml; False: the year folders

    def __contains__(self, jaar: object) -> bool:
        return isinstance(jaar, int) and self.start <= jaar <= self.eind

    def __str__(self) -> str:
        return f"{self.start}–{self.eind}"


def _year(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def from_settings(sectorplan: dict[str, Any] | None) -> tuple[int, int] | None:
    """(looptijd_start, looptijd_eind) from sectorplan.toml when both are usable."""
    if not sectorplan:
        return None
    start, eind = _year(sectorplan.get("looptijd_start")), _year(sectorplan.get("looptijd_eind"))
    if start is None or eind is None or start > eind:
        return None
    return start, eind


def year_folders(root: Path) -> list[int]:
    """The years that have a folder in the data folder, sorted."""
    if not Path(root).is_dir():
        return []
    return sorted(int(p.name) for p in Path(root).iterdir()
                  if p.is_dir() and _YEAR_FOLDER.fullmatch(p.name))


def determine(root: Path, sectorplan: dict[str, Any] | None) -> Looptijd | None:
    """The period of the data folder `root` (see the module docstring); None when neither
    the settings nor any year folder says."""
    given = from_settings(sectorplan)
    if given is not None:
        return Looptijd(given[0], given[1], uit_instellingen=True)
    years = year_folders(root)
    if not years:
        return None
    return Looptijd(years[0], years[-1], uit_instellingen=False)


def known(looptijd: Looptijd | None) -> Looptijd:
    """`looptijd`, or a ConfigError (exit 2) when neither the settings nor a year folder
    gives one."""
    if looptijd is None:
        raise ConfigError(
            f"De looptijd van het sectorplan is onbekend: {SETTINGS_FILE} noemt geen "
            "looptijd_start en looptijd_eind en de datamap heeft geen jaarmap (zoals 2025/). "
            "Vul de looptijd in sectorplan.toml in.")
    return looptijd


def check_year(looptijd: Looptijd | None, jaar: int) -> Looptijd:
    """`looptijd` when it contains `jaar`; a ConfigError (exit 2) naming the period
    otherwise."""
    looptijd = known(looptijd)
    if jaar in looptijd:
        return looptijd
    if looptijd.uit_instellingen:
        raise ConfigError(f"Verslagjaar {jaar} valt buiten de looptijd van het sectorplan "
                          f"({looptijd}, volgens {SETTINGS_FILE}).")
    raise ConfigError(
        f"Verslagjaar {jaar} valt buiten de looptijd van het sectorplan ({looptijd}). "
        f"{SETTINGS_FILE} noemt geen bruikbare looptijd_start en looptijd_eind; daarom "
        "loopt de looptijd van de eerste tot en met de laatste jaarmap in de datamap.")


def of_folder(root: Path) -> Looptijd | None:
    """The period of a data folder before it is loaded (an unreadable sectorplan.toml is
    left to loading to report; the year folders decide then)."""
    import tomllib

    try:
        settings = tomllib.loads((Path(root) / SETTINGS_FILE).read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        settings = None
    return determine(Path(root), settings)


def check_folder_year(root: Path, jaar: int) -> Looptijd:
    """Up front, before anything heavy runs: `jaar` lies in the period of data folder
    `root`, else a ConfigError (exit 2) naming the period."""
    return check_year(of_folder(root), jaar)

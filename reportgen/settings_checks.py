"""Checks of the two settings files: `referentie/sectorplan.toml` and
`<jaar>/rapport.toml` (docs/data-design.md). Part of `validation.validate`, which passes
its problem collector (`c.dataset`, `c.add`, `c.warn`).

Every key is declared in reportgen/settings.py; an unknown key is a warning, a value of the
wrong type an error naming the file, the line of the key, the key and the value. (Missing
keys are reported by reportgen/completeness.py.) The period keys must be years with the
end not before the start; the baseline year must lie within the period that loading
settled on (`Dataset.looptijd_start` .. `looptijd_eind`). Every string (key, value, list
item) must be free of invisible and direction-changing characters (reportgen/inputfiles.py)
and every number finite (TOML allows `nan` and `inf`); `budget_per_jaar` lies between 0 and
10^12 euro.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from typing import Any

from . import inputfiles
from .dataset import Dataset, YearData
from .settings import BRIEF, RAPPORT, SECTORPLAN, Setting
from .vocab import RAPPORTSOORT

YEAR_MIN, YEAR_MAX = 1000, 9999  # a year in the settings has four digits
#: budget_per_jaar must stay below this (euro); the data's amounts have the same bound.
BUDGET_MAX = 10 ** 12


def _toml_line(dataset: Dataset, relpath: str, key: tuple[str, ...]) -> int | None:
    """Line of `key` in a TOML file (best effort, for messages)."""
    text = inputfiles.read_text_file(dataset.root, dataset.root / relpath, "instellingen")
    if text is None:
        return None
    section: tuple[str, ...] = ()
    for n, line in enumerate(text.splitlines(), start=1):
        stripped = line.strip()
        m = re.fullmatch(r"\[\s*([^\[\]]+?)\s*\]\s*(#.*)?", stripped)
        if m:
            section = tuple(p.strip().strip('"') for p in m.group(1).split("."))
            continue
        if section == key[:-1] and re.match(rf'"?{re.escape(key[-1])}"?\s*=', stripped):
            return n
    return None


def _type_name(types: tuple[type, ...]) -> str:
    names = {str: "tekst tussen aanhalingstekens", int: "een geheel getal",
             float: "een getal", bool: "true of false",
             dt.date: "een datum zonder aanhalingstekens, bijv. 2026-06-01",
             list: "een lijst, bijv. [\"regel 1\", \"regel 2\"]", dict: "een tabel [..]"}
    if set(types) == {int, float}:
        return "een getal"
    return " of ".join(names[x] for x in types)


def _check_values(c: Any, doc: dict[str, Any], relpath: str) -> None:
    """Every string of a settings file (keys, values, list items) without invisible or
    direction-changing characters; every number finite (TOML allows nan and inf)."""
    for path, text in inputfiles.invisible_in_values(doc):
        c.add(relpath, inputfiles.invisible_expected(text),
              _toml_line(c.dataset, relpath, path), ".".join(path),
              inputfiles.show_invisible(text))
    for path, value in _floats(doc):
        if not math.isfinite(value):
            c.add(relpath, "verwacht: een gewoon getal (geen nan of inf)",
                  _toml_line(c.dataset, relpath, path), ".".join(path), value)


def _floats(doc: Any, path: tuple[str, ...] = ()) -> list[tuple[tuple[str, ...], float]]:
    if isinstance(doc, dict):
        return [f for k, v in doc.items() for f in _floats(v, (*path, str(k)))]
    if isinstance(doc, list):
        return [f for v in doc for f in _floats(v, path)]
    return [(path, doc)] if isinstance(doc, float) else []


def _check_toml(c: Any, doc: dict[str, Any], relpath: str,
                settings: tuple[Setting, ...], prefix: tuple[str, ...] = ()) -> None:
    """Every key of a settings file against its declaration (reportgen/settings.py)."""
    declared = {s.key: s for s in settings}
    for key, value in doc.items():
        path = (*prefix, key)
        line = _toml_line(c.dataset, relpath, path)
        shown = ".".join(path)
        setting = declared.get(key)
        if setting is None:
            c.warn(relpath, f"onbekende instelling '{shown}'; wordt genegeerd", line, shown)
        elif not setting.accepts(value):
            c.add(relpath, f"verwacht: {_type_name(setting.types)}", line, shown, value)


def validate_sectorplan(c: Any) -> None:
    doc = c.dataset.referentie.sectorplan
    if doc is None:
        return
    relpath = "referentie/sectorplan.toml"
    _check_values(c, doc, relpath)
    _check_toml(c, doc, relpath, SECTORPLAN)
    years = {key: value for key in ("looptijd_start", "looptijd_eind", "basisjaar")
             if isinstance(value := doc.get(key), int) and not isinstance(value, bool)}
    for key, value in years.items():
        if not YEAR_MIN <= value <= YEAR_MAX:
            c.add(relpath, "verwacht: een jaartal van vier cijfers, bijv. 2025",
                  _toml_line(c.dataset, relpath, (key,)), key, value)
    start, eind = years.get("looptijd_start"), years.get("looptijd_eind")
    if start is not None and eind is not None and eind < start:
        c.add(relpath, f"verwacht: een jaar op of na looptijd_start ({start})",
              _toml_line(c.dataset, relpath, ("looptijd_eind",)), "looptijd_eind", eind)
    basisjaar, ds = years.get("basisjaar"), c.dataset
    if basisjaar is not None and not ds.looptijd_start <= basisjaar <= ds.looptijd_eind:
        c.add(relpath, f"verwacht: een jaar binnen de looptijd ({ds.looptijd_start} t/m "
                       f"{ds.looptijd_eind})", _toml_line(ds, relpath, ("basisjaar",)),
              "basisjaar", basisjaar)
    budget = doc.get("budget_per_jaar")
    if isinstance(budget, (int, float)) and not isinstance(budget, bool) and \
            math.isfinite(budget):
        line = _toml_line(c.dataset, relpath, ("budget_per_jaar",))
        if budget <= 0:
            c.add(relpath, "verwacht: een bedrag groter dan 0 (in euro)", line,
                  "budget_per_jaar", budget)
        elif budget >= BUDGET_MAX:
            c.add(relpath, "verwacht: een bedrag van minder dan 1.000.000.000.000 euro "
                           "(duizend miljard); dit bedrag kan niet kloppen", line,
                  "budget_per_jaar", budget)


def validate_rapport(c: Any, year: YearData) -> None:
    doc = year.rapport
    if doc is None:
        return
    relpath = f"{year.jaar}/rapport.toml"
    _check_values(c, doc, relpath)
    _check_toml(c, doc, relpath, RAPPORT)
    brief = doc.get("brief")
    if isinstance(brief, dict):
        _check_toml(c, brief, relpath, BRIEF, ("brief",))
    soort = doc.get("soort")
    if isinstance(soort, str) and soort not in RAPPORTSOORT.codes:
        c.add(relpath, "verwacht: een van " + ", ".join(f"'{v}'" for v in RAPPORTSOORT.codes),
              _toml_line(c.dataset, relpath, ("soort",)), "soort", soort)
    peildatum = doc.get("peildatum")
    if isinstance(peildatum, dt.date) and peildatum.year != year.jaar:
        c.warn(relpath, f"de peildatum valt niet in het verslagjaar {year.jaar}",
               _toml_line(c.dataset, relpath, ("peildatum",)), "peildatum", peildatum)

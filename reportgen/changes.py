"""Change summary: what changed since the previous build in the same output folder.

Every build stores a snapshot of its figures and texts (`cijfers.json`) next to the PDF.
The next build compares its own snapshot with that one and writes `wijzigingen.md`: which
table cells changed (table, row, column, old -> new, printed the Dutch way) and which texts
were added, removed or edited — written for a committee member, not for a developer.
"""

from __future__ import annotations

import difflib
import hashlib
import json
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from .formatting import fmt_euro, fmt_fte, fmt_getal, fmt_pct
from .model import ReportModel

SNAPSHOT_NAME = "cijfers.json"
SUMMARY_NAME = "wijzigingen.md"
SNAPSHOT_VERSION = 1


def _plain(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, Decimal):
        return format(value.normalize(), "f") if value == value.to_integral() else str(value)
    return str(value)


def snapshot(model: ReportModel, text_sources: dict[str, str]) -> dict[str, Any]:
    """Plain JSON-able snapshot of every table cell and every text source of a build."""
    tables: dict[str, Any] = {}
    for key, table in model.tabellen.items():
        tables[key] = {
            "titel": table.title,
            "kolommen": {c.key: {"label": c.label, "soort": c.kind} for c in table.columns},
            "rijen": {
                (row.key or row.label): {
                    "label": row.label,
                    "waarden": {c.key: _plain(row.values.get(c.key)) for c in table.columns},
                }
                for row in table.rows
            },
        }
    texts = {
        key: {"sha256": hashlib.sha256(src.encode("utf-8")).hexdigest(), "bron": src}
        for key, src in sorted(text_sources.items())
    }
    return {"versie": SNAPSHOT_VERSION, "jaar": model.jaar, "tabellen": tables,
            "teksten": texts}


def write_snapshot(data: dict[str, Any], path: Path) -> None:
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n",
                    encoding="utf-8")


def read_json(path: Path) -> dict[str, Any] | None:
    """A JSON object from `path`, or None when it is missing or unreadable."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def read_snapshot(path: Path) -> dict[str, Any] | None:
    """The previous build's snapshot, or None when there is none (or it is unreadable)."""
    data = read_json(path)
    return data if data is not None and data.get("versie") == SNAPSHOT_VERSION else None


@dataclass(frozen=True)
class CellChange:
    tabel: str
    rij: str
    kolom: str
    oud: str
    nieuw: str


@dataclass(frozen=True)
class TextChange:
    sleutel: str
    soort: str  # toegevoegd | verwijderd | gewijzigd
    regels_weg: int = 0
    regels_bij: int = 0


@dataclass
class ChangeSummary:
    eerste_build: bool
    cellen: list[CellChange] = field(default_factory=list)
    teksten: list[TextChange] = field(default_factory=list)
    tabellen_nieuw: list[str] = field(default_factory=list)
    tabellen_weg: list[str] = field(default_factory=list)

    @property
    def leeg(self) -> bool:
        return not (self.cellen or self.teksten or self.tabellen_nieuw or self.tabellen_weg)


_FORMAT = {"euro": fmt_euro, "fte": fmt_fte, "pct": fmt_pct, "int": fmt_getal}


def _show(value: str | None, kind: str) -> str:
    if value is None or value == "":
        return "(leeg)"
    fmt = _FORMAT.get(kind)
    if fmt is None:
        return value
    try:
        return fmt(Decimal(value))
    except ArithmeticError:
        return value


def compare(old: dict[str, Any] | None, new: dict[str, Any]) -> ChangeSummary:
    if old is None:
        return ChangeSummary(eerste_build=True)
    summary = ChangeSummary(eerste_build=False)
    old_tables, new_tables = old.get("tabellen", {}), new["tabellen"]
    summary.tabellen_nieuw = [new_tables[k]["titel"] for k in new_tables if k not in old_tables]
    summary.tabellen_weg = [old_tables[k]["titel"] for k in old_tables if k not in new_tables]
    for key, nt in new_tables.items():
        ot = old_tables.get(key)
        if ot is None:
            continue
        for rkey, nrow in nt["rijen"].items():
            orow = ot["rijen"].get(rkey, {"waarden": {}})
            for ckey, col in nt["kolommen"].items():
                before = orow["waarden"].get(ckey)
                after = nrow["waarden"].get(ckey)
                if _same(before, after):
                    continue
                summary.cellen.append(CellChange(
                    tabel=nt["titel"], rij=nrow["label"], kolom=col["label"],
                    oud=_show(before, col["soort"]), nieuw=_show(after, col["soort"])))
        for rkey, orow in ot["rijen"].items():
            if rkey not in nt["rijen"]:
                summary.cellen.append(CellChange(tabel=nt["titel"], rij=orow["label"],
                                                 kolom="(hele rij)", oud="aanwezig",
                                                 nieuw="verwijderd"))
    old_texts, new_texts = old.get("teksten", {}), new["teksten"]
    for key in sorted(set(old_texts) | set(new_texts)):
        o, n = old_texts.get(key), new_texts.get(key)
        if o is None:
            summary.teksten.append(TextChange(key, "toegevoegd"))
        elif n is None:
            summary.teksten.append(TextChange(key, "verwijderd"))
        elif o["sha256"] != n["sha256"]:
            removed = added = 0
            for line in difflib.ndiff(o["bron"].splitlines(), n["bron"].splitlines()):
                removed += line.startswith("- ")
                added += line.startswith("+ ")
            summary.teksten.append(TextChange(key, "gewijzigd", removed, added))
    return summary


def _same(a: str | None, b: str | None) -> bool:
    if a == b:
        return True
    try:
        return Decimal(a or "0") == Decimal(b or "0") and (a is None) == (b is None)
    except ArithmeticError:
        return False


def to_markdown(summary: ChangeSummary, jaar: int) -> str:
    lines = [f"# Wijzigingen in het rapport {jaar} ten opzichte van de vorige build", ""]
    if summary.eerste_build:
        lines.append("Dit is de eerste build in deze uitvoermap; er is nog niets om mee te "
                     "vergelijken.")
        return "\n".join(lines) + "\n"
    if summary.leeg:
        lines.append("Geen wijzigingen: alle cijfers en teksten zijn gelijk aan de vorige "
                     "build.")
        return "\n".join(lines) + "\n"
    if summary.cellen:
        lines += [f"## Gewijzigde cijfers ({len(summary.cellen)})", "",
                  "| Tabel | Rij | Kolom | Was | Wordt |", "|---|---|---|---|---|"]
        for c in summary.cellen:
            lines.append(f"| {_md(c.tabel)} | {_md(c.rij)} | {_md(c.kolom)} | {_md(c.oud)} "
                         f"| {_md(c.nieuw)} |")
        lines.append("")
    for title, items in (("Nieuwe tabellen", summary.tabellen_nieuw),
                         ("Vervallen tabellen", summary.tabellen_weg)):
        if items:
            lines += [f"## {title}", ""] + [f"- {_md(t)}" for t in items] + [""]
    if summary.teksten:
        lines += [f"## Gewijzigde teksten ({len(summary.teksten)})", ""]
        for t in summary.teksten:
            if t.soort == "gewijzigd":
                lines.append(f"- {t.sleutel}: gewijzigd ({t.regels_weg} regel(s) weg, "
                             f"{t.regels_bij} regel(s) bij)")
            else:
                lines.append(f"- {t.sleutel}: {t.soort}")
        lines.append("")
    return "\n".join(lines)


def _md(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")

"""Change summary: what changed since the previous build in the same output folder.

Every build stores a snapshot of its figures and texts (`cijfers.json`) next to the PDF.
The next build compares its own snapshot with that one and writes `wijzigingen.md`, written
for a committee member, not for a developer:

- changed figures: one line per table cell whose *printed* value changed (table, row,
  column, old -> new, formatted the Dutch way as in the report); a cell whose exact value
  moved but prints the same (98% -> 98%) is not a change a reader can see and is left out;
- changed texts: per text whose source was edited (or added, or removed), the sentences
  that went out and came in, as the reader sees them (placeholders filled in); texts whose
  source is unchanged but whose figures changed with the data are listed apart.
"""

from __future__ import annotations

import difflib
import hashlib
import html
import json
import re
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any, Iterable, Mapping

from .formatting import fmt_datum, fmt_euro, fmt_fte, fmt_getal, fmt_pct
from .view.tables import TableView

SNAPSHOT_NAME = "cijfers.json"
SUMMARY_NAME = "wijzigingen.md"
SNAPSHOT_VERSION = 2
READABLE_VERSIONS = (1, 2)  # version 1 had no rendered text; it still compares

MAX_SENTENCES = 12  # changed sentences (old and new) listed per text
MAX_SENTENCE_CHARS = 300


def _plain(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, Decimal):
        return format(value.normalize(), "f") if value == value.to_integral() else str(value)
    return str(value)


_REFERENCE_RE = re.compile(r"\[\[([A-Za-z]+):[^\]\s]+\]\]")  # [[tabel:key]] before layout
_BLOCK_END_RE = re.compile(r"</(p|li|h\d|blockquote|div|tr|figcaption)>|<br\s*/?>", re.I)
_TAG_RE = re.compile(r"<[^>]+>")
_SPACES_RE = re.compile(r"[ \t\r\f\v\u00a0]+")


def plain_text(fragment: str) -> str:
    """Readable text of a rendered HTML fragment: tags out, one block per line."""
    text = _BLOCK_END_RE.sub("\n", str(fragment))
    text = html.unescape(_TAG_RE.sub("", text))
    text = _REFERENCE_RE.sub(lambda m: m.group(1).lower(), text)
    lines = (_SPACES_RE.sub(" ", line).strip() for line in text.splitlines())
    return "\n".join(line for line in lines if line)


def snapshot(tables: Mapping[str, TableView], jaar: int, text_sources: Mapping[str, str],
             rendered: Mapping[str, str] | None = None,
             paths: Mapping[str, str] | None = None) -> dict[str, Any]:
    """Plain JSON-able snapshot of every table cell and every text of a build.

    `text_sources`: key -> Markdown source as written; `rendered`: key -> rendered HTML (the
    text as the reader sees it); `paths`: key -> file path relative to the data folder."""
    out: dict[str, Any] = {}
    for key, table in tables.items():
        out[key] = {
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
    texts: dict[str, Any] = {}
    for key, src in sorted(text_sources.items()):
        entry: dict[str, Any] = {"sha256": hashlib.sha256(src.encode("utf-8")).hexdigest(),
                                 "bron": src}
        if rendered is not None and key in rendered:
            entry["tekst"] = plain_text(rendered[key])
        if paths is not None and key in paths:
            entry["pad"] = paths[key]
        texts[key] = entry
    return {"versie": SNAPSHOT_VERSION, "jaar": jaar, "tabellen": out,
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
    if data is None or data.get("versie") not in READABLE_VERSIONS:
        return None
    if not isinstance(data.get("tabellen"), dict) or not isinstance(data.get("teksten"), dict):
        return None
    return data


@dataclass(frozen=True)
class CellChange:
    tabel: str
    rij: str
    kolom: str
    oud: str
    nieuw: str
    # Where the cell is (TableView key, row key, column key), for marking it in a draft.
    tabel_sleutel: str = ""
    rij_sleutel: str = ""
    kolom_sleutel: str = ""


@dataclass(frozen=True)
class TextChange:
    sleutel: str
    soort: str  # toegevoegd | verwijderd | gewijzigd | cijfers
    pad: str = ""
    # The sentences that changed, in text order, as ("weg", old) / ("bij", new); an edited
    # sentence gives its old version directly followed by its new one.
    zinnen: tuple[tuple[str, str], ...] = ()
    meer: int = 0  # further changed sentences, not listed

    @property
    def weg(self) -> tuple[str, ...]:
        return tuple(z for kind, z in self.zinnen if kind == "weg")

    @property
    def bij(self) -> tuple[str, ...]:
        return tuple(z for kind, z in self.zinnen if kind == "bij")


@dataclass
class ChangeSummary:
    eerste_build: bool
    cellen: list[CellChange] = field(default_factory=list)
    teksten: list[TextChange] = field(default_factory=list)
    tabellen_nieuw: list[str] = field(default_factory=list)
    tabellen_weg: list[str] = field(default_factory=list)
    # The previous build's texts as the reader saw them (key -> plain text), for marking
    # the changed sentences in a draft.
    vorige_teksten: dict[str, str] = field(default_factory=dict)

    @property
    def leeg(self) -> bool:
        return not (self.cellen or self.teksten or self.tabellen_nieuw or self.tabellen_weg)

    @property
    def bewerkte_teksten(self) -> list[TextChange]:
        return [t for t in self.teksten if t.soort != "cijfers"]

    @property
    def teksten_met_nieuwe_cijfers(self) -> list[TextChange]:
        return [t for t in self.teksten if t.soort == "cijfers"]


_FORMAT = {"euro": fmt_euro, "fte": fmt_fte, "pct": fmt_pct, "int": fmt_getal}


def _show(value: str | None, kind: str) -> str:
    if value is None or value == "":
        return "(leeg)"
    fmt = _FORMAT.get(kind)
    if fmt is None:
        return value
    try:
        return fmt(Decimal(value))
    except (ArithmeticError, ValueError):
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
            orow = ot["rijen"].get(rkey)
            for ckey, col in nt["kolommen"].items():
                after = _show(nrow["waarden"].get(ckey), col["soort"])
                if orow is None:
                    before = "(nieuwe rij)"
                else:
                    before = _show(orow["waarden"].get(ckey), col["soort"])
                    if before == after:  # equal as printed: nothing a reader can see
                        continue
                summary.cellen.append(CellChange(
                    tabel=nt["titel"], rij=nrow["label"], kolom=col["label"],
                    oud=before, nieuw=after, tabel_sleutel=key, rij_sleutel=rkey,
                    kolom_sleutel=ckey))
        for rkey, orow in ot["rijen"].items():
            if rkey not in nt["rijen"]:
                summary.cellen.append(CellChange(tabel=nt["titel"], rij=orow["label"],
                                                 kolom="(hele rij)", oud="aanwezig",
                                                 nieuw="vervallen", tabel_sleutel=key,
                                                 rij_sleutel=rkey))
    old_texts = old.get("teksten", {})
    summary.teksten = _text_changes(old_texts, new["teksten"])
    summary.vorige_teksten = {
        k: (v.get("tekst") if "tekst" in v else plain_text(v.get("bron", "")))
        for k, v in old_texts.items() if isinstance(v, dict)}
    return summary


def _text_changes(old_texts: Mapping[str, Any], new_texts: Mapping[str, Any]
                  ) -> list[TextChange]:
    out: list[TextChange] = []
    for key in sorted(set(old_texts) | set(new_texts)):
        o, n = old_texts.get(key), new_texts.get(key)
        pad = (n or o or {}).get("pad", "")
        if o is None:
            out.append(TextChange(key, "toegevoegd", pad))
        elif n is None:
            out.append(TextChange(key, "verwijderd", pad))
        else:
            edited = o.get("sha256") != n.get("sha256")
            # Compare what the reader sees when both builds recorded it, else the source.
            if "tekst" in o and "tekst" in n:
                before, after = o["tekst"], n["tekst"]
            else:
                before, after = o.get("bron", ""), n.get("bron", "")
            if not edited and before == after:
                continue
            diff = _sentence_diff(before, after)
            if not edited and not diff:
                continue
            out.append(TextChange(
                key, "gewijzigd" if edited else "cijfers", pad,
                zinnen=tuple((kind, _clip(z)) for kind, z in diff[:MAX_SENTENCES]),
                meer=max(0, len(diff) - MAX_SENTENCES)))
    return out


_SENTENCE_END_RE = re.compile(r"(?<=[.!?])\s+(?=[^\sa-z])")


def sentences(text: str) -> list[str]:
    """Split running text into sentences (per line, then after . ! ? before a non-lowercase
    character); good enough to show a reader which sentence changed."""
    out: list[str] = []
    for line in text.splitlines():
        out += [s.strip() for s in _SENTENCE_END_RE.split(line) if s.strip()]
    return out


def _sentence_diff(before: str, after: str) -> list[tuple[str, str]]:
    """Changed sentences in text order: ("weg", old) and ("bij", new); an edited sentence
    is its old version followed by its new one."""
    a, b = sentences(before), sentences(after)
    out: list[tuple[str, str]] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        old, new = a[i1:i2] if op != "insert" else [], b[j1:j2] if op != "delete" else []
        if op == "equal":
            continue
        if len(old) == len(new):
            for o, n in zip(old, new):
                out += [("weg", o), ("bij", n)]
        else:
            out += [("weg", o) for o in old] + [("bij", n) for n in new]
    return out


def _clip(sentence: str) -> str:
    if len(sentence) <= MAX_SENTENCE_CHARS:
        return sentence
    return sentence[:MAX_SENTENCE_CHARS - 1].rstrip() + "…"


def describe_build(manifest: Mapping[str, Any] | None) -> str | None:
    """"concept 2 van 21 november 2026" / "de definitieve versie" for a build's manifest."""
    if not manifest:
        return None
    options = manifest.get("opties")
    if not isinstance(options, dict):
        return None
    if not options.get("draft"):
        return "de definitieve versie"
    text = "een concept"
    nummer = manifest.get("concept_nummer")
    if isinstance(nummer, int) and nummer > 0:
        text = f"concept {nummer}"
    datum = manifest.get("builddatum")
    if isinstance(datum, str):
        try:
            text += f" van {fmt_datum(datum)}"
        except ValueError:
            pass
    return text


def to_markdown(summary: ChangeSummary, jaar: int, *, deze: str | None = None,
                vorige: str | None = None, max_cellen: int | None = None,
                volledig: str | None = None) -> str:
    """The summary as Markdown for a committee member.

    `deze` / `vorige` describe this and the previous build ("concept 3 van 22 november
    2026"); `max_cellen` caps the changed-figures table (for the terminal), pointing to
    `volledig` (the file with the full list)."""
    title = f"# Wijzigingen in het rapport {jaar}"
    if deze:
        title += f" ({deze})"
    lines = [title, ""]
    if summary.eerste_build:
        lines.append("Dit is de eerste build in deze uitvoermap; er is nog geen vorige versie "
                     "om mee te vergelijken.")
        return "\n".join(lines) + "\n"
    lines += [f"Vergeleken met de vorige build in deze uitvoermap"
              f"{f' ({vorige})' if vorige else ''}.", ""]
    if summary.leeg:
        lines.append("Geen wijzigingen: alle cijfers en teksten zijn gelijk aan de vorige "
                     "build.")
        return "\n".join(lines) + "\n"
    if summary.cellen:
        shown = summary.cellen if max_cellen is None else summary.cellen[:max_cellen]
        lines += [f"## Gewijzigde cijfers ({len(summary.cellen)})", "",
                  "| Tabel | Rij | Kolom | Was | Wordt |", "|---|---|---|---|---|"]
        for c in shown:
            lines.append(f"| {_md(c.tabel)} | {_md(c.rij)} | {_md(c.kolom)} | {_md(c.oud)} "
                         f"| {_md(c.nieuw)} |")
        lines.append("")
        if len(shown) < len(summary.cellen):
            rest = len(summary.cellen) - len(shown)
            lines += [f"… en nog {rest} gewijzigde cijfers"
                      f"{f'; zie {volledig}' if volledig else ''}.", ""]
    else:
        lines += ["Geen gewijzigde cijfers in de tabellen.", ""]
    for title, items in (("Nieuwe tabellen", summary.tabellen_nieuw),
                         ("Vervallen tabellen", summary.tabellen_weg)):
        if items:
            lines += [f"## {title}", ""] + [f"- {_md(t)}" for t in items] + [""]
    edited = summary.bewerkte_teksten
    if edited:
        lines += [f"## Gewijzigde teksten ({len(edited)})", ""]
        for t in edited:
            lines += _text_lines(t)
    figures_only = summary.teksten_met_nieuwe_cijfers
    if figures_only:
        lines += [f"## Teksten met andere cijfers ({len(figures_only)})", "",
                  "De tekst zelf is niet aangepast, maar de cijfers die erin staan zijn met "
                  "de gegevens meegewijzigd.", ""]
        for t in figures_only:
            lines += _text_lines(t)
    return "\n".join(lines).rstrip("\n") + "\n"


_KIND_LABEL = {"toegevoegd": "nieuwe tekst", "verwijderd": "tekst verwijderd",
               "gewijzigd": "tekst aangepast", "cijfers": "cijfers in de tekst gewijzigd"}


def _text_lines(t: TextChange) -> list[str]:
    where = f" (`{t.pad}`)" if t.pad else ""
    lines = [f"### {_md(t.sleutel)}{where}: {_KIND_LABEL.get(t.soort, t.soort)}", ""]
    for kind, zin in t.zinnen:
        lines.append(f"- {'Was' if kind == 'weg' else 'Wordt'}: „{_md(zin)}”")
    if t.meer:
        lines.append(f"- … en nog {t.meer} gewijzigde zin(nen)")
    if t.soort == "gewijzigd" and not t.zinnen:
        lines.append("- Alleen de opmaak of de invulvelden zijn aangepast; de tekst leest "
                     "hetzelfde.")
    lines.append("")
    return lines


def _md(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def cell_changes_text(cells: Iterable[CellChange]) -> list[str]:
    """One plain line per changed cell ("Tabel, rij, kolom: oud -> nieuw"), for logs."""
    return [f"{c.tabel}, {c.rij}, {c.kolom}: {c.oud} -> {c.nieuw}" for c in cells]

"""The report outline (`opbouw.toml`): chapters and sections in order, what each holds, and
which texts a report type may leave out. Python reads it; nothing else lists sections.

The package ships a default (`reportgen/templates/opbouw.toml`, from the repository's
`templates/`); a sector plan overrides it with `referentie/opbouw.toml` in its data folder.
`docs/opbouw.md` describes the format. In short:

    voorwerk = ["omslag", "colofon", "inhoudsopgave", "brief"]

    [soorten.voortgangsrapportage]
    mag_ontbreken = ["brief", "subthema_*_conclusie"]

    [na_kpi]
    "14" = ["figuur:dataspecialisten"]

    [[hoofdstuk]]
    id = "kengetallen"
    titel = "Kengetallen"
      [[hoofdstuk.paragraaf]]
      id = "besteding"
      titel = "Besteding"
      inhoud = ["tekst:besteding", "tabel:besteding"]

A section (`hoofdstuk`, `paragraaf`, at most three levels) shows, in this order: its
`inhoud`, its own `paragraaf` sections, the KPIs whose `sectie` in kpis.csv equals its
`kpis` (each under its own numbered heading with `kpi_kop = true`), then its `slot`.
`per = "thema"` / `per = "subthema"` repeats a section for every theme or subtheme of
subthemas.csv, with `{code}` and `{naam}` filled in. Titles may name sector plan settings:
`{sectorplan_lang}`, `{instellingen}`, ... A section that ends up empty is left out.

Blocks are strings `soort:sleutel`: `tekst:<key>`, `conclusie:<key>` (a text under the
heading "Conclusie", only when it exists), `figuur:<key>`, `tabel:<key>`, or a component
without key: `themamatrix`, `commissie`.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import inputfiles
from .errors import Problem
from .vocab import RAPPORTSOORT

OUTLINE_NAME = "opbouw.toml"
VOORWERK = ("omslag", "colofon", "inhoudsopgave", "brief")
BLOCK_KINDS = ("tekst", "conclusie", "figuur", "tabel")
COMPONENTS = ("themamatrix", "commissie")
PER = ("thema", "subthema")
#: `kpis = "@overige"`: the KPIs that no other section or subtheme shows.
OVERIGE = "@overige"
MAX_LEVEL = 3
SECTION_KEYS = ("id", "titel", "genummerd", "inhoud", "paragraaf", "kpis", "kpi_kop",
                "slot", "per", "bijlagen", "inhoudsopgave_tussenkoppen")
TOP_KEYS = ("voorwerk", "soorten", "na_kpi", "hoofdstuk")
ID_RE = re.compile(r"^[a-z0-9{}_-]+$")
FIELD_RE = re.compile(r"\{([a-z_]+)\}")


@dataclass(frozen=True)
class Block:
    soort: str  # tekst | conclusie | figuur | tabel | onderdeel
    sleutel: str  # text key, figure or table key, component name (may hold {code})


@dataclass(frozen=True)
class Section:
    id: str
    titel: str
    niveau: int  # 1 = chapter
    genummerd: bool = True
    inhoud: tuple[Block, ...] = ()
    paragrafen: tuple["Section", ...] = ()
    kpis: str | None = None
    kpi_kop: bool = False
    slot: tuple[Block, ...] = ()
    per: str | None = None  # thema | subthema
    bijlagen: bool = False  # its sections are appendices (Bijlage I, II, ...)
    inhoudsopgave_tussenkoppen: bool = False  # its texts' subheadings go into the TOC


@dataclass(frozen=True)
class Outline:
    voorwerk: tuple[str, ...]
    hoofdstukken: tuple[Section, ...]
    mag_ontbreken: dict[str, tuple[str, ...]] = field(default_factory=dict)  # soort -> globs
    na_kpi: dict[str, tuple[Block, ...]] = field(default_factory=dict)
    bron: str = OUTLINE_NAME  # the file it came from, for messages
    text: str = field(default="", compare=False, repr=False)  # the TOML as read (messages)


HEADER_RE = re.compile(r"^\s*\[\[\s*hoofdstuk(\s*\.\s*paragraaf)*\s*\]\]")


class _Reader:
    def __init__(self, source: str, text: str):
        self.source = source
        self.lines = text.splitlines()
        self.problems: list[Problem] = []
        # Sections are read in file order: the line of each [[...]] header, so a problem
        # in a section names a line of that section, not an earlier one with the same text.
        self.headers = [n for n, line in enumerate(self.lines, start=1)
                        if HEADER_RE.match(line)]
        self.start = 1  # the first line of the section being read
        self.ids: set[str] = set()

    def enter(self) -> int:
        """The first line of the next section in the file."""
        return self.headers.pop(0) if self.headers else self.start

    def skip(self, raw: Any) -> None:
        """Pass the headers of sections that are not read (below the deepest level)."""
        for child in raw if isinstance(raw, list) else ():
            if isinstance(child, dict):
                self.enter()
                self.skip(child.get("paragraaf"))

    def line_of(self, needle: str) -> int | None:
        for first in (self.start, 1):
            for n, line in enumerate(self.lines[first - 1:], start=first):
                if needle in line:
                    return n
        return None

    def add(self, expected: str, value: Any = None, column: str | None = None,
            needle: str | None = None) -> None:
        shown = None if value is None else str(value)
        self.problems.append(Problem(
            file=self.source, expected=expected, column=column, value=shown,
            line=self.line_of(needle or (shown if shown else "")) if (needle or shown)
            else None))

    def block(self, raw: Any, where: str) -> Block | None:
        if not isinstance(raw, str) or not raw.strip():
            self.add("een onderdeel als tekst, bijv. \"tekst:besteding\" of "
                     "\"tabel:besteding\"", raw, where)
            return None
        raw = raw.strip()
        if raw in COMPONENTS:
            return Block("onderdeel", raw)
        soort, sep, sleutel = raw.partition(":")
        if not sep or soort not in BLOCK_KINDS or not ID_RE.match(sleutel.replace(".", "")):
            self.add("een onderdeel 'soort:sleutel' met soort " + ", ".join(BLOCK_KINDS)
                     + ", of een van " + ", ".join(COMPONENTS), raw, where)
            return None
        return Block(soort, sleutel)

    def blocks(self, raw: Any, where: str) -> tuple[Block, ...]:
        if raw is None:
            return ()
        if not isinstance(raw, list):
            self.add("een lijst van onderdelen tussen [ ]", raw, where)
            return ()
        return tuple(b for b in (self.block(x, where) for x in raw) if b is not None)

    def section(self, raw: Any, niveau: int, parent_per: str | None) -> Section | None:
        where = "hoofdstuk" if niveau == 1 else "paragraaf"
        start = self.start = self.enter()
        if not isinstance(raw, dict):
            self.add(f"een tabel [[{where}]]", raw, where)
            return None
        for key in raw:
            if key not in SECTION_KEYS:
                self.add("een bekende sleutel: " + ", ".join(SECTION_KEYS), key, key,
                         needle=f"{key} =")
        sid, titel = raw.get("id"), raw.get("titel")
        if not isinstance(sid, str) or not ID_RE.match(sid):
            self.add("een id van kleine letters, cijfers, '-' of '_' (uniek in het rapport)",
                     sid, "id", needle=f'"{sid}"' if sid else None)
            sid = sid if isinstance(sid, str) else "?"
        if not isinstance(titel, str) or not titel.strip():
            self.add("een titel", titel, "titel", needle=f'"{sid}"')
            titel = sid
        per = raw.get("per")
        if per is not None and (per not in PER or (per == "thema" and parent_per)
                                or (per == "subthema" and parent_per == "subthema")):
            self.add("per = \"thema\" of per = \"subthema\" (een subthema binnen een thema)",
                     per, "per", needle=f'"{per}"')
            per = None
        if sid in self.ids and "{" not in sid and ID_RE.match(sid):
            self.add("een id die maar één keer voorkomt", sid, "id", needle=f'"{sid}"')
        self.ids.add(sid)
        if per and "{code}" not in sid:
            self.add("bij per = \"thema\"/\"subthema\" een id met {code}, bijv. "
                     "\"thema-{code}\"", sid, "id", needle=f'"{sid}"')
        children_raw = raw.get("paragraaf", [])
        children: list[Section] = []
        if children_raw and niveau >= MAX_LEVEL:
            self.add(f"hooguit {MAX_LEVEL} niveaus (hoofdstuk, paragraaf, subparagraaf)",
                     sid, "paragraaf", needle=f'"{sid}"')
            self.skip(children_raw)
        elif not isinstance(children_raw, list):
            self.add("[[...paragraaf]]-tabellen", children_raw, "paragraaf")
        else:
            for child in children_raw:
                sec = self.section(child, niveau + 1, per or parent_per)
                if sec is not None:
                    children.append(sec)
            self.start = start  # back to this section for its remaining keys
        kpis = raw.get("kpis")
        if kpis is not None and not isinstance(kpis, str):
            self.add("de sectie uit kpis.csv als tekst, bijv. kpis = \"diversiteit\"", kpis,
                     "kpis")
            kpis = None
        flags = {}
        for key in ("genummerd", "kpi_kop", "bijlagen", "inhoudsopgave_tussenkoppen"):
            value = raw.get(key, key == "genummerd")
            if not isinstance(value, bool):
                self.add("true of false", value, key, needle=f"{key} =")
                value = key == "genummerd"
            flags[key] = value
        return Section(id=sid, titel=titel, niveau=niveau,
                       inhoud=self.blocks(raw.get("inhoud"), "inhoud"),
                       paragrafen=tuple(children), kpis=kpis,
                       slot=self.blocks(raw.get("slot"), "slot"), per=per, **flags)


def parse_outline(text: str, source: str = OUTLINE_NAME) -> tuple[Outline | None,
                                                                   list[Problem]]:
    """The outline in `text` (TOML), or None with the problems that make it unusable."""
    reader = _Reader(source, text)
    try:
        doc = tomllib.loads(text)
    except RecursionError:
        return None, [Problem(file=source, expected=inputfiles.TOO_DEEP)]
    except tomllib.TOMLDecodeError as exc:
        m = re.search(r"line (\d+)", str(exc))
        return None, [Problem(file=source, line=int(m.group(1)) if m else None,
                              expected=f"geldige TOML ({exc})")]
    for path, value in inputfiles.invisible_in_values(doc):
        reader.add(inputfiles.invisible_expected(value), inputfiles.show_invisible(value),
                   ".".join(path), needle=value)
    for key in doc:
        if key not in TOP_KEYS:
            reader.add("een bekende sleutel: " + ", ".join(TOP_KEYS), key, key,
                       needle=key)
    voorwerk = doc.get("voorwerk", list(VOORWERK))
    if not isinstance(voorwerk, list) or any(v not in VOORWERK for v in voorwerk):
        reader.add("een lijst met onderdelen uit " + ", ".join(VOORWERK), voorwerk,
                   "voorwerk", needle="voorwerk")
        voorwerk = list(VOORWERK)
    soorten = doc.get("soorten", {})
    mag_ontbreken: dict[str, tuple[str, ...]] = {}
    for soort, spec in (soorten.items() if isinstance(soorten, dict) else ()):
        if soort not in RAPPORTSOORT:
            reader.add("een rapportsoort: " + ", ".join(RAPPORTSOORT.codes), soort,
                       "soorten", needle=soort)
            continue
        globs = spec.get("mag_ontbreken", []) if isinstance(spec, dict) else None
        if not isinstance(globs, list) or not all(isinstance(g, str) for g in globs):
            reader.add("mag_ontbreken = een lijst van tekstsleutels (met * als joker)",
                       globs, "mag_ontbreken", needle="mag_ontbreken")
            continue
        mag_ontbreken[soort] = tuple(globs)
    na_kpi = {str(code): reader.blocks(blocks, "na_kpi")
              for code, blocks in (doc.get("na_kpi") or {}).items()}
    chapters_raw = doc.get("hoofdstuk", [])
    if not isinstance(chapters_raw, list) or not chapters_raw:
        reader.add("minstens één [[hoofdstuk]]", None, "hoofdstuk")
        chapters_raw = []
    chapters = [s for s in (reader.section(c, 1, None) for c in chapters_raw) if s]
    outline = Outline(voorwerk=tuple(voorwerk), text=text, hoofdstukken=tuple(chapters),
                      mag_ontbreken=mag_ontbreken, na_kpi=na_kpi, bron=source)
    return (None if reader.problems else outline), reader.problems


def read_outline(path: Path, source: str, root: Path | None = None
                 ) -> tuple[Outline | None, list[Problem]]:
    """The outline in the file `path` (named `source` in problems). With `root` (the data
    folder), only a regular file inside it within the size limit is read
    (reportgen/inputfiles.py)."""
    if root is not None:
        data, problem = inputfiles.read_input(root, path, "opbouw", shown=source)
        if data is None:
            return None, [problem]
    else:
        try:
            data = path.read_bytes()
        except OSError as exc:
            return None, [Problem(file=source, expected=f"een leesbaar UTF-8-bestand ({exc})")]
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        return None, [Problem(file=source, expected=f"een leesbaar UTF-8-bestand ({exc})")]
    return parse_outline(text, source)


def unknown_blocks(outline: Outline, figures: set[str], tables: set[str]) -> list[Problem]:
    """Figures and tables the outline places but reportgen does not make."""
    reader = _Reader(outline.bron, outline.text)
    known = {"figuur": figures | {"themamatrix"}, "tabel": tables}

    def check(blocks: tuple[Block, ...]) -> None:
        for b in blocks:
            if b.soort in known and b.sleutel not in known[b.soort]:
                reader.add(f"een bekende {b.soort}: " + ", ".join(sorted(known[b.soort])),
                           f"{b.soort}:{b.sleutel}", b.soort)

    def walk(sections: tuple[Section, ...]) -> None:
        for s in sections:
            check(s.inhoud)
            check(s.slot)
            walk(s.paragrafen)

    walk(outline.hoofdstukken)
    for blocks in outline.na_kpi.values():
        check(blocks)
    return reader.problems


def fill(template: str, values: dict[str, Any]) -> str:
    """`{naam}`-fields in a title or key, from `values` (unknown fields stay as written)."""
    return FIELD_RE.sub(lambda m: str(values.get(m.group(1), m.group(0))), template)

"""Numbering after rendering: headings get their numbers (1, 2.1, 3.1.1, Bijlage I) and
unique ids, figures and tables are numbered in order of appearance, and every reference
marker (`[[figuur:key]]`, `[[tabel:key]]`, `[[hoofdstuk:key]]`, `[[paragraaf:key]]`,
`[[bijlage:key]]`) becomes its number, linked. Pure string functions over the rendered
HTML, so the numbers always match what is printed."""

from __future__ import annotations

import html as htmllib
import re
from dataclasses import dataclass
from typing import Mapping

from markupsafe import Markup

ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII",
         "XIV", "XV", "XVI", "XVII", "XVIII", "XIX", "XX")


def roman(n: int) -> str:
    return ROMAN[n - 1] if 0 < n <= len(ROMAN) else str(n)


HEADING_RE = re.compile(r"<(h[1-6])((?:\s[^>]*)?)>(.*?)</\1>", re.S)
ATTR_RE = re.compile(r'([\w:-]+)="([^"]*)"')
TAG_RE = re.compile(r"<[^>]+>")
DEF_RE = re.compile(r"\[\[#(figuur|tabel):([\w.-]+)\]\]")
REF_RE = re.compile(r"\[\[([Ff]iguur|[Tt]abel):([\w.-]+)\]\]")
# References to numbered headings: [[hoofdstuk:kengetallen]] -> "hoofdstuk 5",
# [[paragraaf:besteding]] -> "paragraaf 5.1", [[bijlage:themamatrix]] -> "bijlage I".
HEADREF_RE = re.compile(r"\[\[([Hh]oofdstuk|[Pp]aragraaf|[Bb]ijlage):([\w.-]+)\]\]")
NUMBERED_HEADING_RE = re.compile(
    r'<h[1-6][^>]*\sid="([^"]*)"[^>]*><span class="kopnummer">([^<]*)</span>')


def _attrs(raw: str) -> dict[str, str]:
    return {k: v for k, v in ATTR_RE.findall(raw or "")}


def _plain(html_fragment: str) -> str:
    """Text of an HTML fragment, still HTML-escaped (safe to put back into HTML)."""
    text = TAG_RE.sub("", html_fragment)
    return " ".join(htmllib.escape(htmllib.unescape(text), quote=False).split())


@dataclass(frozen=True)
class TocEntry:
    id: str
    level: int
    text: Markup  # escaped heading text including its number
    nummer: str


def number_headings(html: str) -> tuple[str, list[TocEntry]]:
    """Number headings, give each a unique id, and collect the TOC entries."""
    counters = [0, 0, 0]
    bijlage = 0
    seen: set[str] = set()
    toc: list[TocEntry] = []
    auto = 0

    def unique(base: str) -> str:
        candidate, n = base, 1
        while candidate in seen:
            n += 1
            candidate = f"{base}-{n}"
        seen.add(candidate)
        return candidate

    def replace(match: re.Match) -> str:
        nonlocal bijlage, auto
        tag, raw, inner = match.group(1), match.group(2), match.group(3)
        level = int(tag[1])
        attrs = _attrs(raw)
        classes = attrs.get("class", "").split()
        nummer = ""
        if "genummerd" in classes and level <= 3:
            counters[level - 1] += 1
            for i in range(level, 3):
                counters[i] = 0
            nummer = ".".join(str(c) for c in counters[:level])
            inner = f'<span class="kopnummer">{nummer}</span> {inner}'
        elif "bijlage" in classes:
            bijlage += 1
            nummer = f"Bijlage {roman(bijlage)}"
            inner = f'<span class="kopnummer">{nummer}</span> {inner}'
        original_id = attrs.get("id")
        if original_id is None:
            auto += 1
        new_id = unique(original_id or f"kop-{auto}")
        attrs["id"] = new_id
        # Keep the heading's own attributes as written; only add or rename its id.
        if original_id is None:
            raw = f'{raw} id="{new_id}"'
        elif new_id != original_id:
            raw = re.sub(r'\bid="[^"]*"', f'id="{new_id}"', raw, count=1)
        toc_attr = attrs.get("data-toc", "")
        if toc_attr != "nee" and (level <= 3 or toc_attr.isdigit()):
            toc_level = int(toc_attr) if toc_attr.isdigit() else (2 if "bijlage" in classes
                                                                    else level)
            toc.append(TocEntry(attrs["id"], toc_level, Markup(_plain(inner)), nummer))
        return f"<{tag}{raw}>{inner}</{tag}>"

    # Ids used elsewhere (figures, tables, KPI blocks) are reserved first.
    for m in re.finditer(r'<(?!h[1-6]\b)[a-z]+\b[^>]*\sid="([^"]*)"', html):
        seen.add(m.group(1))
    return HEADING_RE.sub(replace, html), toc


def fix_heading_levels(html: str) -> str:
    """Give subheadings the level that follows their section heading, so no level is
    skipped (PDF/UA, Matterhorn 14-003): a `## Kop` (h4) right under a chapter (h1) becomes
    an h2, under a section (h2) an h3; `###` (h5) one level deeper. Such a heading keeps
    its look through `data-niveau` (its level as written; see css/rapport.css) and stays out
    of the bookmarks unless it carries data-toc. Run after `number_headings`."""
    section = 0  # level of the last h1-h3 heading

    def replace(match: re.Match) -> str:
        nonlocal section
        tag, raw, inner = match.group(1), match.group(2), match.group(3)
        level = int(tag[1])
        if level <= 3:
            section = level
            return match.group(0)
        target = min(level, section + level - 3)
        if target == level:
            return match.group(0)
        return f'<h{target}{raw} data-niveau="{level}">{inner}</h{target}>'

    return HEADING_RE.sub(replace, html)


def definition_numbers(html: str) -> dict[tuple[str, str], int]:
    """(kind, key) -> number, for every definition marker in document order."""
    numbers: dict[tuple[str, str], int] = {}
    count = {"figuur": 0, "tabel": 0}
    for kind, key in DEF_RE.findall(html):
        if (kind, key) not in numbers:
            count[kind] += 1
            numbers[(kind, key)] = count[kind]
    return numbers


MID_SENTENCE_RE = re.compile(r"[^\W\d_][,;]? $|[\d,;(] ?$|\($")  # "in ", "zie (", "2, "
SENTENCE_START_RE = re.compile(r"[.!?] $")


def _sentence_case(word: str, before: str) -> str:
    """"Figuur"/"figuur" as Dutch spelling wants it where the marker stands: lower case
    inside a sentence ("te zien in figuur 6"), a capital after a full stop. Anything else
    (a tag right before it, the start of a paragraph) keeps the case the text chose."""
    if MID_SENTENCE_RE.search(before):
        return word.lower()
    if SENTENCE_START_RE.search(before):
        return word[:1].upper() + word[1:]
    return word


def number_references(html: str, numbers: dict[tuple[str, str], int] | None = None,
                      link: bool = True) -> tuple[str, list[str]]:
    """Number figure/table definitions and resolve references; returns unresolved markers.

    `numbers` (from another document, e.g. the report for the stand-alone letter) resolves
    references without linking them."""
    own = definition_numbers(html)
    html = DEF_RE.sub(lambda m: f"{m.group(1).capitalize()} {own[(m.group(1), m.group(2))]}.",
                      html)
    table = numbers if numbers is not None else own
    unresolved: list[str] = []

    def refer(match: re.Match) -> str:
        word, key = match.group(1), match.group(2)
        word = _sentence_case(word, match.string[max(0, match.start() - 3):match.start()])
        n = table.get((word.lower(), key))
        if n is None:
            unresolved.append(match.group(0))
            return (f'<span class="ontbreekt">[verwijzing onbekend: '
                    f'{htmllib.escape(word.lower())}:{htmllib.escape(key)}]</span>')
        if not link:
            return f"{word} {n}"
        return f'<a class="verwijzing" href="#{word.lower()}-{key}">{word} {n}</a>'

    html = REF_RE.sub(refer, html)
    return html, unresolved


def heading_numbers(numbered_html: str) -> dict[str, str]:
    """Heading id -> its printed number ("5", "5.1", "Bijlage I") after `number_headings`."""
    return dict(NUMBERED_HEADING_RE.findall(numbered_html))


def heading_references(html: str, numbers: Mapping[str, str],
                       link: bool = True) -> tuple[str, list[str]]:
    """Resolve `[[hoofdstuk:key]]`, `[[paragraaf:key]]` and `[[bijlage:key]]` to the
    number of the heading with id `h-<key>` (appendices: `h-bijlage-<key>`)."""
    unresolved: list[str] = []

    def refer(match: re.Match) -> str:
        word, key = match.group(1), match.group(2)
        word = _sentence_case(word, match.string[max(0, match.start() - 3):match.start()])
        kind = word.lower()
        anchor = f"h-bijlage-{key}" if kind == "bijlage" else f"h-{key}"
        nummer = numbers.get(anchor)
        if nummer and kind == "bijlage":
            nummer = nummer.split()[-1]  # "Bijlage I" -> "I"
        # A chapter number has no dot, a section number has one.
        if not nummer or (kind == "hoofdstuk" and "." in nummer) or (
                kind == "paragraaf" and "." not in nummer):
            unresolved.append(match.group(0))
            return (f'<span class="ontbreekt">[verwijzing onbekend: '
                    f'{htmllib.escape(kind)}:{htmllib.escape(key)}]</span>')
        text = f"{word} {nummer}"
        return f'<a class="verwijzing" href="#{anchor}">{text}</a>' if link else text

    return HEADREF_RE.sub(refer, html), unresolved



TABLE_BLOCK_RE = re.compile(r"(<table\b.*?</table>)", re.S)
# In running text an amount or a quantity never breaks from its unit: "€ 262.138.216",
# "324,27 fte". (Table cells do not wrap at all.)
UNIT_SPACE_RES = (
    (re.compile(r"€ (?=[-\u2212]?\d)"), "€\u00a0"),
    (re.compile(r"(?<=\d) (?=fte\b)"), "\u00a0"),
)


def keep_units_together(html: str) -> str:
    """Non-breaking spaces between "€" and its amount and between a number and "fte",
    outside tables (whose cells never wrap and whose text the tests compare)."""
    parts = TABLE_BLOCK_RE.split(html)
    for i in range(0, len(parts), 2):  # even parts lie outside <table> blocks
        for pattern, repl in UNIT_SPACE_RES:
            parts[i] = pattern.sub(repl, parts[i])
    return "".join(parts)


#: A word longer than this gets break opportunities (<wbr>) every BREAK_EVERY characters:
#: WeasyPrint's layout time grows steeply with the length of an unbreakable word, and a
#: narrow table cell would clip it at the page edge.
LONG_WORD = 40
BREAK_EVERY = 20
_SKIP_RE = re.compile(r"(<(style|script)\b.*?</\2>|<[^>]+>)", re.S | re.I)
_LONG_RE = re.compile(r"(?:&[#\w]+;|[^\s<&]){%d,}" % (LONG_WORD + 1))
_UNIT_RE = re.compile(r"&[#\w]+;|[^\s<&]")


def _break_word(match: re.Match) -> str:
    units = _UNIT_RE.findall(match.group(0))  # an entity (&amp;) is one unit, never split
    return "<wbr>".join("".join(units[i:i + BREAK_EVERY])
                        for i in range(0, len(units), BREAK_EVERY))


def break_long_words(html: str) -> str:
    """Break opportunities in every word longer than LONG_WORD characters, in text only
    (never inside tags, attributes, styles or scripts)."""
    parts = _SKIP_RE.split(html)
    out = []
    i = 0
    while i < len(parts):
        out.append(_LONG_RE.sub(_break_word, parts[i]))
        if i + 1 < len(parts):
            out.append(parts[i + 1])
        i += 3  # text, the whole tag/element, the inner group of the split
    return "".join(out)

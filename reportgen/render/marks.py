"""Marks in a draft: what changed since the previous build, put into the HTML before layout.

Driven by the change set of `changes.compare` (a `ChangeSummary`, which carries the keys of
every changed cell and the previous build's texts as the reader saw them):

- a changed table cell gets the class `wz-cel` (a highlighted background) and an id;
- in a text, every changed or new sentence is wrapped in `<span class="wz-zin">` (a light
  tint) and the block holding it (p, li, ...) gets the class `wz-blok` (a bar in the
  margin); a number that changed inside such a sentence is wrapped in
  `<span class="wz-getal">` (highlighted); where sentences were taken out, the block gets
  `wz-blok-weg` (a mark in the margin) and the sentence that now follows an id;
- every mark that the change page links to carries an id `wijziging-N`.

The marks are CSS backgrounds and borders only (css/rapport.css, css/scherm.css):
WeasyPrint draws backgrounds and borders as artifacts, so screen readers skip them and the
tagged PDF's text is unchanged; a sentence span is a plain Span in the structure tree.

Sentences are found exactly as `changes.plain_text` + `changes.sentences` find them for
the snapshot, but with their position in the HTML, so the previous build's sentences can
be compared one to one (`text_sentences`).
"""

from __future__ import annotations

import difflib
import html as htmllib
import re
from dataclasses import dataclass, field
from typing import Callable, Iterable

from markupsafe import Markup

from ..changes import _SENTENCE_END_RE, sentences as split_sentences

# One unit of the HTML: a tag, an entity, a reference marker ([[tabel:key]] reads "tabel"
# in the snapshot) or a single character.
_UNIT_RE = re.compile(r"<[^>]*>|&[#\w]+;|\[\[([A-Za-z]+):[^\]\s<]+\]\]|.", re.S)
_TAG_NAME_RE = re.compile(r"<(/?)([A-Za-z][\w-]*)")
_BLOCK_END_RE = re.compile(r"</(p|li|h\d|blockquote|div|tr|figcaption)>|<br\s*/?>", re.I)
_SPACE_CHARS = frozenset(" \t\r\f\v\u00a0")  # changes._SPACES_RE
_LINE_BREAKS = frozenset("\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029")  # str.splitlines
_VOID = frozenset({"br", "img", "hr", "wbr", "input", "meta", "col", "link", "source"})
#: Elements that take the margin bar. Headings keep their exact markup (the TOC and the
#: subheading helpers read it); their sentences are tinted only.
_BLOCKS = frozenset({"p", "li", "blockquote", "dd", "dt", "td", "th", "figcaption", "aside",
                     "div"})
_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
#: A number as printed: "€ 1.234,50", "324,95 fte", "87%", "-3", "2026".
_NUMBER_RE = re.compile(r"(?:€ ?)?[-\u2212]?\d(?:[\d.]*\d)?(?:,\d+)?(?: ?%| fte\b)?")
_CLASS_ATTR_RE = re.compile(r'\sclass="([^"]*)"')


@dataclass(frozen=True)
class Sentence:
    """A sentence of a rendered text: its plain text (as in the snapshot), where it starts
    and ends in the HTML, the start of the block tag holding it (None: no block, or a
    heading) and the HTML position of each of its characters (start, end)."""

    text: str
    start: int
    end: int
    block: int | None
    spans: tuple[tuple[int, int], ...]


@dataclass
class _Char:
    ch: str
    start: int
    end: int
    block: int | None


def _units(fragment: str) -> list[_Char]:
    """The readable characters of `fragment` with their HTML positions; block ends and
    line breaks become "\n" (as changes.plain_text makes them)."""
    out: list[_Char] = []
    stack: list[tuple[str, int]] = []  # open elements: (name, start of the tag)

    def current_block() -> int | None:
        for name, start in reversed(stack):
            if name in _HEADINGS:
                return None
            if name in _BLOCKS:
                return start
        return None

    for m in _UNIT_RE.finditer(fragment):
        unit = m.group(0)
        if unit.startswith("<") and len(unit) > 1 and unit.endswith(">"):
            if _BLOCK_END_RE.fullmatch(unit):
                out.append(_Char("\n", m.start(), m.start(), None))
            name_m = _TAG_NAME_RE.match(unit)
            if name_m:
                closing, name = name_m.group(1) == "/", name_m.group(2).lower()
                if closing:
                    for i in range(len(stack) - 1, -1, -1):
                        if stack[i][0] == name:
                            del stack[i:]
                            break
                elif name not in _VOID and not unit.endswith("/>"):
                    stack.append((name, m.start()))
            continue
        block = current_block()
        if m.group(1) is not None:  # a reference marker reads as its kind
            text = m.group(1).lower()
        elif unit.startswith("&"):
            text = htmllib.unescape(unit)
        else:
            text = unit
        for ch in text:
            out.append(_Char(ch, m.start(), m.end(), block))
    return out


def _lines(chars: list[_Char]) -> Iterable[list[_Char]]:
    line: list[_Char] = []
    for c in chars:
        if c.ch in _LINE_BREAKS:
            yield line
            line = []
        else:
            line.append(c)
    yield line


def _normalise(line: list[_Char]) -> list[_Char]:
    """Runs of spaces become one space; the line is stripped (changes.plain_text)."""
    out: list[_Char] = []
    for c in line:
        if c.ch in _SPACE_CHARS:
            if out and out[-1].ch == " " and out[-1].block == -2:
                out[-1].end = c.end
                continue
            out.append(_Char(" ", c.start, c.end, -2))  # -2: a collapsed run (for now)
        else:
            out.append(c)
    while out and out[0].ch.isspace():
        out.pop(0)
    while out and out[-1].ch.isspace():
        out.pop()
    return out


def _sentence(chars: list[_Char]) -> Sentence:
    text = "".join(c.ch for c in chars)
    block = next((c.block for c in chars if c.block != -2), None)
    return Sentence(text=text, start=chars[0].start, end=chars[-1].end, block=block,
                    spans=tuple((c.start, c.end) for c in chars))


def text_sentences(fragment: str) -> list[Sentence]:
    """The sentences of a rendered text, in order: the same list as
    `changes.sentences(changes.plain_text(fragment))`, with their places in the HTML."""
    out: list[Sentence] = []
    for raw in _lines(_units(str(fragment))):
        line = _normalise(raw)
        if not line:
            continue
        text = "".join(c.ch for c in line)
        pos = 0
        for sep in [*_SENTENCE_END_RE.finditer(text), None]:
            end = sep.start() if sep else len(text)
            piece = line[pos:end]
            while piece and piece[0].ch.isspace():
                piece = piece[1:]
            while piece and piece[-1].ch.isspace():
                piece = piece[:-1]
            if piece:
                out.append(_sentence(piece))
            if sep:
                pos = sep.end()
    return out


# ---------------------------------------------------------------------------- marking


@dataclass(frozen=True)
class Range:
    """A span to wrap around [start, end) of the HTML (text only; split at tags)."""

    start: int
    end: int
    klasse: str
    id: str = ""


@dataclass(frozen=True)
class SentenceMark:
    """One change in a text, as the change page lists it: `soort` gewijzigd (old -> new),
    nieuw (new) or weg (old, taken out before the sentence with the anchor)."""

    soort: str
    anker: str  # id in the HTML ("" when the change has no place, e.g. a text emptied)
    oud: str = ""
    nieuw: str = ""


@dataclass
class MarkedText:
    html: Markup
    marks: list[SentenceMark] = field(default_factory=list)


def changed_numbers(old: str, new: str) -> list[tuple[int, int]]:
    """(start, end) in `new` of every number that is not in `old` at the same place."""
    a = list(_NUMBER_RE.finditer(old))
    b = list(_NUMBER_RE.finditer(new))
    matcher = difflib.SequenceMatcher(None, [m.group(0) for m in a], [m.group(0) for m in b],
                                      autojunk=False)
    out: list[tuple[int, int]] = []
    for op, _i1, _i2, j1, j2 in matcher.get_opcodes():
        if op in ("replace", "insert"):
            out += [(m.start(), m.end()) for m in b[j1:j2]]
    return out


PAIR_RATIO = 0.5  # an old and a new sentence this similar are one sentence, edited


def align(olds: list[str], news: list[str]) -> list[tuple[str, int, int]]:
    """Pair the old sentences of a changed passage with its new ones, in order: each old
    sentence with the most similar new one still ahead of it (when similar enough).
    Returns, in text order, ("gewijzigd", i, j), ("nieuw", -1, j) and ("weg", i, j): i
    indexes `olds`, j `news` (for "weg": the new sentence that follows)."""
    out: list[tuple[str, int, int]] = []
    j = 0
    for i, o in enumerate(olds):
        best, best_ratio = None, PAIR_RATIO
        for k in range(j, len(news)):
            matcher = difflib.SequenceMatcher(None, o, news[k], autojunk=False)
            if matcher.real_quick_ratio() < best_ratio or matcher.quick_ratio() < best_ratio:
                continue
            ratio = matcher.ratio()
            if ratio >= best_ratio:
                best, best_ratio = k, ratio
        if best is None:
            out.append(("weg", i, j))
            continue
        out += [("nieuw", -1, k) for k in range(j, best)]
        out.append(("gewijzigd", i, best))
        j = best + 1
    out += [("nieuw", -1, k) for k in range(j, len(news))]
    return out


def _old_sentences(text: str) -> tuple[list[str], list[int]]:
    """The previous build's sentences (changes.sentences) and the line each stood on."""
    out: list[str] = []
    lines: list[int] = []
    for n, line in enumerate(text.splitlines()):
        for s in split_sentences(line):
            out.append(s)
            lines.append(n)
    return out, lines


def mark_text(fragment: str, old_text: str, anchor: Callable[[], str]) -> MarkedText:
    """Mark in `fragment` (a rendered text) what changed against `old_text` (the previous
    build's plain text of it; "" for a new text). `anchor()` hands out the next id."""
    new = text_sentences(fragment)
    old, old_lines = _old_sentences(old_text)
    ranges: list[Range] = []
    blocks: dict[int, set[str]] = {}
    marks: list[SentenceMark] = []

    def sentence_range(s: Sentence, oud: str, soort: str) -> None:
        ident = anchor()
        ranges.append(Range(s.start, s.end, "wz-zin", ident))
        if s.block is not None:
            blocks.setdefault(s.block, set()).add("wz-blok")
        marks.append(SentenceMark(soort, ident, oud=oud, nieuw=s.text))
        if oud:
            for a, b in changed_numbers(oud, s.text):
                ranges.append(Range(s.spans[a][0], s.spans[b - 1][1], "wz-getal"))

    def taken_out(j: int, i: int, texts: list[str]) -> None:
        """Sentences old[i:i+len(texts)] went out before new[j]. The mark goes on the
        sentence before the gap when they shared a paragraph, else on the one after."""
        if not new:
            marks.extend(SentenceMark("weg", "", oud=t) for t in texts)
            return
        same_line = i > 0 and old_lines[i - 1] == old_lines[i]
        s = new[j - 1] if (same_line and j > 0) or j >= len(new) else new[j]
        ident = anchor()
        ranges.append(Range(s.start, s.end, "wz-na-weg", ident))
        if s.block is not None:
            blocks.setdefault(s.block, set()).add("wz-blok-weg")
        marks.extend(SentenceMark("weg", ident, oud=t) for t in texts)

    matcher = difflib.SequenceMatcher(None, old, [s.text for s in new], autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            continue
        gone: list[int] = []
        for kind, i, j in align(old[i1:i2], [x.text for x in new[j1:j2]]):
            if kind == "weg":
                gone.append(i1 + i)
                continue
            if gone:
                taken_out(j1 + j, gone[0], [old[g] for g in gone])
                gone = []
            sentence_range(new[j1 + j], old[i1 + i] if i >= 0 else "", kind)
        if gone:
            taken_out(j2, gone[0], [old[g] for g in gone])
    if not ranges and not blocks:
        return MarkedText(Markup(fragment), marks)
    return MarkedText(Markup(apply_marks(str(fragment), ranges, blocks)), marks)


def _add_classes(tag: str, classes: set[str]) -> str:
    extra = " ".join(sorted(classes))
    m = _CLASS_ATTR_RE.search(tag)
    if m:
        return f'{tag[:m.end(1)]} {extra}{tag[m.end(1):]}'
    name = _TAG_NAME_RE.match(tag)
    at = name.end() if name else len(tag) - 1
    return f'{tag[:at]} class="{extra}"{tag[at:]}'


def apply_marks(fragment: str, ranges: list[Range], blocks: dict[int, set[str]]) -> str:
    """Wrap every range in spans (closed before and reopened after each tag inside it, so
    the HTML stays well formed; nested ranges nest) and add classes to block tags."""
    ordered = sorted(ranges, key=lambda r: (r.start, -r.end))
    cuts = sorted({r.start for r in ranges} | {r.end for r in ranges})
    out: list[str] = []
    open_: list[Range] = []
    placed: set[str] = set()

    def close_all() -> None:
        out.extend("</span>" for _ in open_)
        open_.clear()

    def text(a: int, b: int) -> None:
        points = [a, *(c for c in cuts if a < c < b), b]
        for p, q in zip(points, points[1:]):
            active = [r for r in ordered if r.start <= p < r.end]
            keep = 0
            while keep < min(len(open_), len(active)) and open_[keep] is active[keep]:
                keep += 1
            out.extend("</span>" for _ in open_[keep:])
            del open_[keep:]
            for r in active[keep:]:
                attr = ""
                if r.id and r.id not in placed:
                    placed.add(r.id)
                    attr = f' id="{r.id}"'
                out.append(f'<span class="{r.klasse}"{attr}>')
                open_.append(r)
            out.append(fragment[p:q])

    pos = 0
    for m in re.finditer(r"<[^>]*>", fragment):
        if m.start() > pos:
            text(pos, m.start())
        close_all()
        tag = m.group(0)
        out.append(_add_classes(tag, blocks[m.start()]) if m.start() in blocks else tag)
        pos = m.end()
    if pos < len(fragment):
        text(pos, len(fragment))
    close_all()
    return "".join(out)

"""Originality: no prose we ship borrows a sentence from the seed documents.

Facts and figures from the seeds (the mid-term evaluation and the sector plan itself) may be
used; their sentences may not. This test tokenises every prose file of the project and fails
when a file shares a sequence of `N` consecutive words with either seed, unless that
sequence consists only of fixed names and titles (ALLOWLIST plus the names printed from the
reference files) and a few function words around them.

Tokenising: lowercase `\\w+` words. Jinja is removed before tokenising; a `{{ … }}`
placeholder and a run of digits both become one number marker, so a sentence copied with its
figures replaced by placeholders is still caught. Text never spans a separation between two
extracted pieces (e.g. two Jinja string literals).

Run `python tests/test_originality.py` to list every shared sequence per file.
"""

from __future__ import annotations

import csv
import html
import re
from functools import lru_cache
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS_DIR = ROOT.parent / "shared" / "seeds"
SEED_FILES = ("004_af047e6f16f27bb4.txt", "001_22826c81dc8327a2.txt")

#: Length of the word sequences compared.
N = 7

#: Fixed names and titles that may appear verbatim (reviewed by hand; keep it short).
#: Names that the report prints from data/referentie/ (KPI names and formulations, themes,
#: subthemes, umc's, committee members) are added automatically by `allowed_phrases()`.
ALLOWLIST = (
    # ministry and committee names
    "ministerie van onderwijs cultuur en wetenschap",
    "minister van onderwijs cultuur en wetenschap",
    "ocw",
    "commissie sectorplan medische en gezondheidswetenschappen",
    "sectorplan geneeskunde en gezondheidswetenschappen",
    "sectorplan medische en gezondheidswetenschappen",
    "bèta techniek", "social sciences humanities",  # the other sector plan domains
    # networks, programmes, consortia
    "institute for human organ and disease model technologies",
    "e health living and learning lab",
    "universitair public health opleidingsinstituut",
    "coalitie leefstijl in de zorg",
    "citrienfondsprogramma digitaal mee in de zorg",
    "european health data space",
    "amsterdam umc", "upho",
    "translationeel en klinisch onderzoek en onderwijs",  # subtheme as the sector plan spells it
    "hdmt", "ellla",  # acronyms printed after the names above
    # section titles of the report
    "voortgang sectorplan", "rust en ruimte", "monitor rust en ruimte",
    "vrouwelijke en mannelijke medewerkers in sectorplanposities per umc",  # Bijlage VI
    # persons and addresses
    "prof dr cécile boot dr astrid bosma", "dr roos schelvis",
    "mr dr r m letschert",
    "postbus 16375 2500 bj den haag",
)

NUMBER = "0"  # marker for a number or a placeholder

#: Words that may stand next to an allowed name inside a shared sequence: function words,
#: numbers (also as words) and the nouns of "de drie thema's X, Y en Z" / "de umc's".
FUNCTION_WORDS = frozenset(
    "de het een en of van in op voor met door aan te tot uit bij naar om over als dat die "
    "dit deze zijn haar hun namens twee drie acht negen thema subthema umc s".split()
) | {NUMBER}
WORD = re.compile(r"\w+")

JINJA_COMMENT = re.compile(r"\{#.*?#\}", re.S)
JINJA_EXPR = re.compile(r"\{\{.*?\}\}", re.S)
JINJA_STMT = re.compile(r"\{%.*?%\}", re.S)
JINJA_STRING = re.compile(r"\"([^\"]*)\"|'([^']*)'")
REFERENCE = re.compile(r"\[\[(\w+):[^\]]*\]\]")  # [[figuur:key]] → "figuur <n>"
HTML_COMMENT = re.compile(r"<!--.*?-->", re.S)
HTML_RAW = re.compile(r"<(style|script)\b.*?</\1>", re.S | re.I)
HTML_TAG = re.compile(r"<[^>]*>")

SEPARATOR = "\x00"  # never part of a word: sequences do not cross it


# ------------------------------------------------------------------------ tokenising

def tokens(text: str) -> list[str]:
    """Lowercase words; every run of numbers (`16.097.831,00`) becomes one NUMBER."""
    out: list[str] = []
    for w in WORD.findall(text.lower()):
        if w.isdigit():
            w = NUMBER
            if out and out[-1] == NUMBER:
                continue
        out.append(w)
    return out


def pieces(text: str) -> list[list[str]]:
    """Token lists of the separate pieces of a prepared text."""
    return [t for t in (tokens(p) for p in text.split(SEPARATOR)) if t]


def _jinja_strings(source: str) -> list[str]:
    """Prose inside Jinja tags: string literals of three words or more."""
    found = []
    for m in re.finditer(r"\{\{.*?\}\}|\{%.*?%\}", source, re.S):
        for s in JINJA_STRING.finditer(m.group(0)):
            lit = s.group(1) if s.group(1) is not None else s.group(2)
            if len(WORD.findall(lit)) >= 3:
                found.append(lit)
    return found


def prose_of_markdown(source: str, jinja: bool = True) -> str:
    if jinja:
        source = JINJA_COMMENT.sub(" ", source)
        strings = _jinja_strings(source)
        source = JINJA_EXPR.sub(f" {NUMBER} ", source)
        source = JINJA_STMT.sub(" ", source)
        source = SEPARATOR.join([source, *strings])
    return REFERENCE.sub(rf" \1 {NUMBER} ", source)


def prose_of_html(source: str) -> str:
    source = JINJA_COMMENT.sub(" ", source)
    strings = _jinja_strings(source)
    source = JINJA_EXPR.sub(f" {NUMBER} ", source)
    source = JINJA_STMT.sub(" ", source)
    source = HTML_COMMENT.sub(" ", source)
    source = HTML_RAW.sub(SEPARATOR, source)
    source = HTML_TAG.sub(" ", source)
    return SEPARATOR.join([html.unescape(source), *strings])


def prose_files() -> dict[Path, str]:
    """Every prose file we ship, mapped to its prepared text."""
    files: dict[Path, str] = {}
    for p in sorted(ROOT.glob("data/*/teksten/*.md")):
        files[p] = prose_of_markdown(p.read_text(encoding="utf-8"))
    for p in sorted(ROOT.glob("templates/**/*.html")):
        files[p] = prose_of_html(p.read_text(encoding="utf-8"))
    docs = [*sorted(ROOT.glob("docs/*.md")), ROOT / "README.md", ROOT / "data" / "README.md",
            ROOT / "templates" / "README.md", *sorted(ROOT.glob("reportgen/skeleton/**/*.md")),
            *sorted(ROOT.glob("reportgen/skeleton/**/*.toml"))]
    for p in docs:
        if p.is_file():
            files[p] = prose_of_markdown(p.read_text(encoding="utf-8"), jinja=False)
    return files


# ------------------------------------------------------------------------ comparison

def ngrams(toks: list[str], n: int = N):
    return (tuple(toks[i:i + n]) for i in range(len(toks) - n + 1))


@lru_cache(maxsize=1)
def seed_ngrams() -> frozenset[tuple[str, ...]]:
    grams: set[tuple[str, ...]] = set()
    for name in SEED_FILES:
        grams.update(ngrams(tokens((SEEDS_DIR / name).read_text(encoding="utf-8"))))
    return frozenset(grams)


def _reference_names() -> list[str]:
    """Names and titles the report prints from the reference data."""
    ref = ROOT / "data" / "referentie"
    columns = {
        "kpis.csv": ("naam", "omschrijving"),
        "subthemas.csv": ("naam", "thema_naam"),
        "umcs.csv": ("naam",),
        "commissie.csv": ("naam",),
    }
    names = []
    for file, cols in columns.items():
        path = ref / file
        if not path.is_file():
            continue
        with path.open(encoding="utf-8-sig", newline="") as f:
            for row in csv.DictReader(f):
                names.extend(row.get(c) or "" for c in cols)
    return names


@lru_cache(maxsize=1)
def allowed_phrases() -> tuple[tuple[str, ...], ...]:
    phrases = {tuple(tokens(p)) for p in (*ALLOWLIST, *_reference_names())}
    return tuple(p for p in phrases if p)


def _allowed_mask(toks: list[str]) -> list[bool]:
    mask = [False] * len(toks)
    index: dict[str, list[int]] = {}
    for i, t in enumerate(toks):
        index.setdefault(t, []).append(i)
    for phrase in allowed_phrases():
        k = len(phrase)
        for i in index.get(phrase[0], ()):
            if tuple(toks[i:i + k]) == phrase:
                mask[i:i + k] = [True] * k
    return mask


def shared_sequences(text: str) -> list[str]:
    """The passages of `text` that share an N-word sequence with a seed (merged spans)."""
    seeds = seed_ngrams()
    found: list[str] = []
    for toks in pieces(text):
        mask = None
        spans: list[list[int]] = []
        for i, gram in enumerate(ngrams(toks)):
            if gram not in seeds:
                continue
            if mask is None:
                mask = _allowed_mask(toks)
            window = range(i, i + N)
            if any(mask[j] for j in window) and all(
                mask[j] or toks[j] in FUNCTION_WORDS for j in window
            ):
                continue
            if spans and i <= spans[-1][1]:
                spans[-1][1] = i + N
            else:
                spans.append([i, i + N])
        found.extend(" ".join(toks[a:b]) for a, b in spans)
    return found


def all_overlaps() -> dict[str, list[str]]:
    return {
        str(p.relative_to(ROOT)): hits
        for p, text in prose_files().items()
        if (hits := shared_sequences(text))
    }


# ------------------------------------------------------------------------------ tests

needs_seeds = pytest.mark.skipif(
    not all((SEEDS_DIR / s).is_file() for s in SEED_FILES),
    reason=f"seed documents not present in {SEEDS_DIR}",
)


def test_tokens_merge_numbers_and_placeholders():
    assert tokens("€ 16.097.831,00 en 87%") == ["0", "en", "0"]
    text = prose_of_markdown("In {{ jaar }} en {{ x | euro }} {% if a %}ja{% endif %}.")
    assert pieces(text) == [["in", "0", "en", "0", "ja"]]


def test_html_prose_leaves_out_tags_and_jinja_but_keeps_captions():
    text = prose_of_html(
        '<style>p { color: red }</style><p class="x">Een <b>vet</b> woord{# note #}</p>'
        '{{ m.bijschrift("Een bijschrift in een macro") }}'
    )
    assert pieces(text) == [["een", "vet", "woord", "0"], ["een", "bijschrift", "in", "een", "macro"]]


def test_allowed_names_only_with_function_words():
    phrase = ("het", "ministerie", "van", "onderwijs", "cultuur", "en", "wetenschap")
    mask = _allowed_mask(list(phrase))
    assert mask == [False] + [True] * 6
    assert all(m or t in FUNCTION_WORDS for m, t in zip(mask, phrase))


@needs_seeds
def test_detects_a_copied_sentence():
    seed = tokens((SEEDS_DIR / SEED_FILES[0]).read_text(encoding="utf-8"))
    # a stretch of ordinary prose from the seed, not only names
    for i in range(len(seed) // 3, len(seed) - 20):
        window = seed[i:i + 12]
        if NUMBER not in window and sum(t in FUNCTION_WORDS for t in window) < 6:
            break
    assert shared_sequences("Zo staat het er: " + " ".join(window) + ".")


@needs_seeds
def test_no_prose_shares_a_sentence_with_the_seeds():
    overlaps = all_overlaps()
    assert not overlaps, "prose too close to the seeds (rewrite in own words):\n" + "\n".join(
        f"{path}:\n" + "\n".join(f"    … {h} …" for h in hits) for path, hits in overlaps.items()
    )


if __name__ == "__main__":  # list all shared sequences, worst file first
    result = all_overlaps()
    for path, hits in sorted(result.items(), key=lambda kv: -len(kv[1])):
        print(f"{len(hits):3d} {path}")
        for h in hits:
            print(f"      … {h} …")
    print(f"{sum(len(h) for h in result.values())} passages in {len(result)} files")

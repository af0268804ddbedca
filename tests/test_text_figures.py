"""No figure in the example texts is typed by hand: every amount, fte, count, percentage
and report year a reader sees comes from a placeholder. What remains are names and a few
historical dates, each listed here on purpose."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# Digits that are part of a name or a fixed historical date, not a figure from the data.
ALLOWED = [
    r"\b1 (juni|april) 2023\b",  # installation of the committee (instellingsbesluit)
    r"\b1 (april|juni)\b",  # statutory deadlines; their year is a placeholder
    r"\bfebruari 2024\b",  # publication of the Verkenning Gezondheidswetenschappen
    r"\bRaamplan Artsopleiding 2020\b",
    r"\bData in de regio 2\.0\b",
    r"\bfase 3\b",  # a phase-3 trial
    r"\bKPI \d+[ab]?\b",  # KPI numbers are names
]


def _visible_text(source: str) -> str:
    text = re.sub(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}", " ", source, flags=re.S)
    text = re.sub(r"\[\[[^\]]*\]\]", " ", text)  # figure/table/heading references
    for pattern in ALLOWED:
        text = re.sub(pattern, " ", text)
    return text


def test_example_texts_type_no_figures():
    offenders = []
    for path in sorted((ROOT / "data").glob("*/teksten/*.md")):
        text = _visible_text(path.read_text(encoding="utf-8"))
        for match in re.finditer(r"[^\n]{0,30}\d[^\n]{0,30}", text):
            offenders.append(f"{path.relative_to(ROOT)}: …{match.group(0).strip()}…")
    assert not offenders, "typed figures in texts:\n" + "\n".join(offenders)


def test_the_check_sees_a_typed_figure():
    assert re.search(r"\d", _visible_text("De realisatie is 87% ({{ x | pct }})."))
    assert not re.search(r"\d", _visible_text("De realisatie is {{ formatie.structureel_pct | pct }}."))

"""Jinja filters and helpers of the report templates (besides the number filters of
reportgen/formatting.py): table cells by column kind, months, labels from the
vocabularies, splitting wide tables, the draft watermark."""

from __future__ import annotations

import base64
import datetime as dt
import functools
import re
from pathlib import Path
from typing import Any

from babel.dates import format_date
from markupsafe import Markup, escape

from ..formatting import LOCALE, fmt_euro, fmt_fte, fmt_getal, fmt_pct
from ..resources import fonts_dir
from ..view.kpis import fmt_eenheid, fmt_verschil
from ..view.tables import TableView
from ..vocab import INZET, STATUS


def fmt_maand(value: Any) -> str:
    """`juni 2029`."""
    if value is None:
        return ""
    if isinstance(value, str):
        value = dt.date.fromisoformat(value)
    return format_date(value, format="MMMM y", locale=LOCALE)


def fmt_cel(value: Any, kind: str, empty_zero: bool = False) -> str:
    """One table cell by column kind; None prints as an en dash (not computable)."""
    if value is None:
        return "–" if kind != "text" else ""
    if kind == "euro":
        return fmt_euro(value, empty_zero=empty_zero)
    if kind == "fte":
        return fmt_fte(value)
    if kind == "pct":
        return fmt_pct(value)
    if kind == "int":
        return fmt_getal(value)
    return str(value)


LEADING_HYPHEN_RE = re.compile(r"(?<!\S)(-\w+)")


def keep_hyphenated(value: Any) -> Markup:
    """Escape a label and keep a word that starts with a hyphen ("en -interventies") in one
    piece, so a narrow column never breaks the line right after that hyphen."""
    text = str(escape("" if value is None else value))
    return Markup(LEADING_HYPHEN_RE.sub(r'<span class="heel">\1</span>', text))


def svg_data_uri(svg: str) -> str:
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode("utf-8")).decode("ascii")


# Rough widths (mm) per column kind, used to split very wide tables into column groups
# that fit the 160 mm text column; each group repeats the label column.
KIND_WIDTH_MM = {"euro": 25, "fte": 16, "pct": 14, "int": 13, "text": 32}
LABEL_WIDTH_MM = 34
COLUMN_SPACE_MM = 160


def column_groups(table: TableView, max_width: float = COLUMN_SPACE_MM) -> list[tuple]:
    groups: list[list] = [[]]
    width = LABEL_WIDTH_MM
    for col in table.columns:
        w = KIND_WIDTH_MM.get(col.kind, 20)
        if groups[-1] and width + w > max_width:
            groups.append([])
            width = LABEL_WIDTH_MM
        groups[-1].append(col)
        width += w
    return [tuple(g) for g in groups if g]


def column_widths(group: tuple) -> list[str]:
    """Percent widths (label column first) for a column group in a 100% wide table."""
    weights = [KIND_WIDTH_MM.get(c.kind, 20) for c in group]
    label = max(LABEL_WIDTH_MM, COLUMN_SPACE_MM - sum(weights) * 1.0)
    label = min(label, 48)
    rest = 100 - label / COLUMN_SPACE_MM * 100
    out = [label / COLUMN_SPACE_MM * 100] + [rest * w / sum(weights) for w in weights]
    return [f"{w:.1f}%" for w in out]


@functools.lru_cache(maxsize=1)
def concept_svg() -> str:
    """"CONCEPT" diagonally on an A4 sheet, as an SVG path (no fonts needed), for drafts."""
    from matplotlib.font_manager import FontProperties
    from matplotlib.path import Path as MplPath
    from matplotlib.textpath import TextPath

    font = Path(fonts_dir()) / "Lato-Bold.ttf"
    text = TextPath((0, 0), "CONCEPT", size=40, prop=FontProperties(fname=str(font)))
    xs = [v[0] for v in text.vertices]
    ys = [v[1] for v in text.vertices]
    cx, cy = (min(xs) + max(xs)) / 2, (min(ys) + max(ys)) / 2
    parts = []
    for verts, code in text.iter_segments():
        pts = [(verts[i] - cx, cy - verts[i + 1]) for i in range(0, len(verts), 2)]
        letter = {MplPath.MOVETO: "M", MplPath.LINETO: "L", MplPath.CURVE3: "Q",
                  MplPath.CURVE4: "C", MplPath.CLOSEPOLY: "Z"}[code]
        coords = "" if letter == "Z" else " ".join(f"{x:.2f} {y:.2f}" for x, y in pts)
        parts.append(f"{letter}{coords}")
    return ('<svg xmlns="http://www.w3.org/2000/svg" width="210mm" height="297mm" '
            'viewBox="0 0 210 297"><path transform="translate(105 148) rotate(-50)" '
            f'fill="#b03a2e" fill-opacity="0.12" d="{" ".join(parts)}"/></svg>')


FILTERS = {
    "maand": fmt_maand,
    "cel": fmt_cel,
    "eenheid": fmt_eenheid,
    "verschil": fmt_verschil,
    "svg_uri": svg_data_uri,
    "heel": keep_hyphenated,
    "statuslabel": STATUS.label,
    "inzetlabel": INZET.label,
}

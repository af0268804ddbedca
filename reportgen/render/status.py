"""`reportgen status` on screen and on paper: the same `view.status.StatusView` as a rich
table in the terminal and as a self-contained HTML page (house style, Lato subset
embedded, accessible table markup) to mail around."""

from __future__ import annotations

import base64
import functools
import io
import string
from pathlib import Path
from typing import Any, TextIO

from markupsafe import Markup

from ..resources import fonts_dir
from ..view.status import CellView, StatusView

#: Terminal styles per tone; the words carry the meaning, colour only supports it.
RICH_STYLE = {"goed": "green", "fout": "bold red", "let-op": "yellow", "neutraal": "dim"}

#: Embedded in the HTML page (subset to the characters the page uses).
PAGE_FONTS = ((400, "Lato-Regular.ttf"), (700, "Lato-Bold.ttf"))


# ------------------------------------------------------------------------------ terminal


def _rich_cell(cell: CellView) -> Any:
    from rich.text import Text

    text = Text(cell.text, style=RICH_STYLE.get(cell.tone, ""))
    if cell.note:
        text.append(f"\n{cell.note}", style="dim")
    return text


def print_status(view: StatusView, stream: TextIO | None = None,
                 width: int | None = None, hint: str = "") -> None:
    """The overview as rich tables (colours only on a terminal)."""
    from rich import box
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    console = Console(file=stream, width=width, highlight=False, soft_wrap=False)
    console.print(Text(view.titel, style="bold"))
    console.print(Text(view.ondertitel, style="dim"))

    pieces = Table(title="Per onderdeel", title_justify="left", box=box.SIMPLE_HEAD,
                   show_lines=False, pad_edge=False)
    pieces.add_column("Onderdeel", style="bold", ratio=3)
    pieces.add_column("Stand", ratio=3)
    pieces.add_column("Bestanden", style="dim", ratio=4, overflow="fold")
    for row in view.pieces:
        pieces.add_row(row.label, _rich_cell(row.cell), "\n".join(row.files) or "–")
    console.print(pieces)

    if view.institutions:
        table = Table(title=f"Per {view.instelling}", title_justify="left",
                      box=box.SIMPLE_HEAD, pad_edge=False)
        table.add_column(view.instelling, style="bold")
        for label in view.institution_columns:
            table.add_column(label)
        for inst in view.institutions:
            table.add_row(inst.naam, *(_rich_cell(c) for c in inst.cells))
        if view.unassigned:
            table.add_row(Text(view.unassigned_label, style="italic"),
                          *(_rich_cell(c) for c in view.unassigned))
        console.print(table)

    console.print(Text(view.conclusie, style="bold green" if view.can_build else "bold red"))
    for line in view.toelichting:
        console.print(line)
    if hint:
        console.print(Text(hint, style="dim"))


# ------------------------------------------------------------------------------ HTML


@functools.lru_cache(maxsize=4)
def _font_face(weight: int, name: str, characters: str) -> str:
    """An @font-face rule with Lato subset to `characters`, as a data URI (a few kB)."""
    import logging

    from fontTools import subset

    # fontTools warns about Lato's early 'created' date in every subset; nothing to do.
    noisy = logging.getLogger("fontTools")
    level = noisy.level
    noisy.setLevel(logging.ERROR)
    try:
        return _subset_face(subset, weight, name, characters)
    finally:
        noisy.setLevel(level)


def _subset_face(subset: Any, weight: int, name: str, characters: str) -> str:
    options = subset.Options()
    options.layout_features = ["kern", "liga", "lnum", "tnum"]
    options.hinting = False  # screens hint themselves; halves the size
    font = subset.load_font(str(fonts_dir() / name), options)
    subsetter = subset.Subsetter(options)
    subsetter.populate(text=characters)
    subsetter.subset(font)
    out = io.BytesIO()
    subset.save_font(font, out, options)
    data = base64.b64encode(out.getvalue()).decode("ascii")
    return (f'@font-face {{ font-family: "Lato"; font-weight: {weight}; font-style: normal; '
            f'src: url("data:font/ttf;base64,{data}") format("truetype"); }}')


def _css(dirs: tuple[Path, ...], characters: str) -> Markup:
    parts = [_font_face(w, name, characters) for w, name in PAGE_FONTS]
    for name in ("css/rapport.css", "css/scherm.css", "css/status.css"):
        path = next((d / name for d in dirs if (d / name).is_file()), None)
        if path is not None:
            parts.append(path.read_text(encoding="utf-8"))
    return Markup("\n".join(parts).replace("</", "<\\/"))


def status_html(view: StatusView, hint: str = "",
                dirs: tuple[Path, ...] | None = None) -> str:
    """The overview as one self-contained HTML page (`templates/status.html`)."""
    from . import get_environment, template_dirs

    dirs = tuple(Path(d) for d in (dirs or template_dirs()))
    env = get_environment(dirs)
    template = env.get_template("status.html")
    body = template.render(v=view, hint=hint, css=Markup(""))
    # The page's own characters, plus printable ASCII and a few more (generated CSS
    # content, what a reader may type into a find box and see highlighted).
    characters = "".join(sorted(set(body) | set(string.printable.strip()) | set("–‘’“”€")))
    return template.render(v=view, hint=hint, css=_css(dirs, characters))

"""A factsheet (`view.factsheet.FactsheetView`) and its trend chart become one HTML
document (templates/factsheet.html) for WeasyPrint, in the report's house style
(css/fonts.css, css/rapport.css) plus css/factsheet.css."""

from __future__ import annotations

from pathlib import Path
from typing import Sequence

from markupsafe import Markup

from ..view.factsheet import FactsheetView

CSS_FILES = ("css/fonts.css", "css/rapport.css", "css/factsheet.css")


def _css(dirs: Sequence[Path]) -> Markup:
    parts = []
    for name in CSS_FILES:
        path = next((Path(d) / name for d in dirs if (Path(d) / name).is_file()), None)
        if path is not None:
            parts.append(path.read_text(encoding="utf-8"))
    return Markup("\n".join(parts).replace("</", "<\\/"))


def render_factsheet_html(sheet: FactsheetView, svg: str,
                          dirs: Sequence[Path] | None = None) -> str:
    from . import get_environment, template_dirs
    from .numbering import break_long_words, keep_units_together

    dirs = template_dirs(dirs or ())
    env = get_environment(dirs)
    html = env.get_template("factsheet.html").render(
        f=sheet, svg=svg, labels=sheet.labels, jaar=sheet.jaar,
        peildatum=sheet.peildatum, publicatiedatum=sheet.publicatiedatum, medium="print",
        draft=False, css=_css(dirs))
    return break_long_words(keep_units_together(html))

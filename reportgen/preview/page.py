"""The page the preview serves: the screen version of the report with the preview's panel
(errors over the last report that worked, warnings) and its reload script
(reportgen/preview/pagina.html)."""

from __future__ import annotations

import functools
import re
from pathlib import Path
from typing import Any, Sequence

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from ..errors import Problem

_BODY_RE = re.compile(r"<body\b[^>]*>", re.I)
_BODY_END = "</body>"


@functools.lru_cache(maxsize=1)
def _macros() -> Any:
    env = Environment(loader=FileSystemLoader(str(Path(__file__).parent)), autoescape=True,
                      undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    return env.get_template("pagina.html").module


def waiting_page(jaar: int) -> str:
    return str(_macros().leeg(f"Het voorbeeld van het rapport {jaar} wordt opgebouwd …"))


def compose(report_html: str | None, version: int, *, errors: Sequence[Problem] = (),
            warnings: Sequence[Problem] = (), internal: str = "", jaar: int = 0) -> str:
    """`report_html` (the last report that worked, or None) with the panel and the reload
    script for page version `version`."""
    macros = _macros()
    about_texts = any("/teksten/" in str(p.file) for p in warnings)
    panel = str(macros.paneel(list(errors), list(warnings), internal, report_html is not None,
                              about_texts))
    script = str(macros.script(version))
    html = report_html
    if html is None:
        html = str(macros.leeg(f"Er is nog geen versie van het rapport {jaar} die lukte."))
    body = _BODY_RE.search(html)
    if body is None:  # not a full document (a template lost its <body>): show it anyway
        return panel + html + script
    end = html.rfind(_BODY_END)
    if end < body.end():
        end = len(html)
    return html[:body.end()] + panel + html[body.end():end] + script + html[end:]

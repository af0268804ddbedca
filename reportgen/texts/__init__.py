"""Text stage: the Markdown texts of a year, with Jinja placeholders, become safe HTML.

`render_texts(teksten, keys, context, ...)` takes every `TextFile` the report uses (the
keys come from the outline, reportgen/view/structure.py) and

1. renders its placeholders (`{{ formatie.structureel_fte | fte }}`, `{% if ... %}`) in an
   `ImmutableSandboxedEnvironment` whose context is the report model as the view presents
   it (view.text_context: the model's fields, KPIs with their norms in words, `sectorplan`)
   and whose filters are the Dutch formatting filters;
2. turns the result into HTML with markdown-it-py (CommonMark, raw HTML disabled) and the
   report's conventions (subheadings, quotes, text boxes, footnotes, references).

Texts come from the umc's and the secretariat and are untrusted: raw HTML is escaped, links
are limited to http(s)/mailto and printed with their URL, images are dropped, and every
value a placeholder inserts is HTML-escaped and shielded from Markdown. Every problem
(unknown placeholder, syntax error, filter failure, missing or unknown text) becomes a
`Problem` that names the file and the line inside the .md file. In a final build they are
errors; in a draft build they are warnings and the report shows a visible marker instead.

The stage is pure: it reads only the texts and the context, never the file system.

Output HTML (what render.py and the stylesheet can rely on):
- `<h4 class="tussenkop" id="<key>-<slug>">` for `## Kop` (use `tussenkoppen()` for a TOC);
- `<blockquote class="citaat">…<p class="citaat-bron">— …</p></blockquote>`;
- `<aside class="kader"><h4>Titel</h4>…</aside>` for a ```` ```kader Titel ```` block;
- `<span class="voetnoot">…</span>` for `^[…]`;
- `[[figuur:key]]` / `[[tabel:key]]` and the heading references `[[hoofdstuk:key]]`,
  `[[paragraaf:key]]`, `[[bijlage:key]]` left untouched for the renderer;
- `<span class="ontbreekt">[onbekend: …]</span>` and
  `<div class="ontbreekt">[Tekst ontbreekt: …]</div>` markers (draft builds only).
"""

from __future__ import annotations

import html
import re
from typing import Any, Iterable

from jinja2.sandbox import ImmutableSandboxedEnvironment
from markdown_it import MarkdownIt
from markupsafe import Markup

from ..dataset import TextFile
from ..errors import Problem, Severity
from .markdown import _TAG_RE, _make_markdown, _render_markdown
from .run import _RUN, _Run, _suggestion
from .sandbox import (_CONTEXT_NAMES, TEXT_FILTERS, _make_environment, _render_jinja,
                      fmt_opsomming, fmt_woorden)

__all__ = ["render_texts", "render_text", "text_path", "tussenkoppen", "fmt_woorden",
           "fmt_opsomming", "TEXT_FILTERS"]


def text_path(jaar: int, key: str) -> str:
    """Path of a text relative to the data folder, as problems name it."""
    return f"{jaar}/teksten/{key}.md"


# ------------------------------------------------------------------------- public API


def render_text(
    text: TextFile,
    context: dict[str, Any],
    draft: bool = False,
    known_refs: Iterable[str] | None = None,
) -> tuple[Markup, list[Problem]]:
    """Render one text (placeholders, then Markdown). Used by `render_texts` and tests."""
    env = _make_environment()
    md = _make_markdown()
    return _render_one(env, md, text, context, draft, set(known_refs or ()))


def _render_one(
    env: ImmutableSandboxedEnvironment,
    md: MarkdownIt,
    text: TextFile,
    context: dict[str, Any],
    draft: bool,
    known_refs: set[str],
) -> tuple[Markup, list[Problem]]:
    run = _Run(text=text, draft=draft, context=context)
    token = _RUN.set(run)
    names = _CONTEXT_NAMES.set(tuple(context))
    try:
        rendered = _render_jinja(env, run, context)
        prefix = ""
        if rendered is None:
            # The placeholders could not be rendered: show the text as written, flagged.
            first = next((p for p in run.problems if p.is_error or draft), None)
            where = f" (regel {first.line})" if first and first.line else ""
            prefix = (
                f'<div class="ontbreekt">[Fout in invulveld{where}: '
                f"{html.escape(text.path)}]</div>\n"
            )
            rendered = text.source
        body = _render_markdown(md, run, rendered, known_refs)
    finally:
        _RUN.reset(token)
        _CONTEXT_NAMES.reset(names)
    return Markup(prefix + body), run.problems


def render_texts(
    teksten: dict[str, TextFile],
    keys: Iterable[str],
    context: dict[str, Any],
    *,
    jaar: int,
    optional: Iterable[str] = (),
    known_refs: Iterable[str] = (),
    draft: bool = False,
    cache: dict[Any, tuple[Markup, list[Problem]]] | None = None,
) -> tuple[dict[str, Markup], list[Problem]]:
    """Render every text the report uses (`keys`, in report order); report missing,
    unknown and faulty texts.

    Returns the HTML per text key (only texts that exist) and the problems: errors in a
    final build, warnings in a draft build (where the report shows markers instead). A
    missing text in `optional` is no problem at all.

    `cache` (the preview's) keeps each text's result by its key, path and source, so an
    unchanged text is not rendered again. It is only valid for one context, one `draft`
    and one set of `known_refs`: the caller empties it when any of those changes."""
    env = _make_environment()
    md = _make_markdown()
    severity: Severity = "warning" if draft else "error"
    refs = set(known_refs)
    optional = set(optional)
    result: dict[str, Markup] = {}
    problems: list[Problem] = []
    all_keys = list(dict.fromkeys(keys))
    for key in all_keys:
        text = teksten.get(key)
        if text is not None and text.source.strip():
            cache_key = (key, text.path, text.source)
            if cache is not None and cache_key in cache:
                html_out, text_problems = cache[cache_key]
            else:
                html_out, text_problems = _render_one(env, md, text, context, draft, refs)
                if cache is not None:
                    cache[cache_key] = (html_out, list(text_problems))
            result[key] = html_out
            problems += text_problems
            continue
        if key in optional:
            continue
        path = text.path if text is not None else text_path(jaar, key)
        gevolg = " (concept: de tekst wordt een zichtbare plaatshouder)" if draft else ""
        problems.append(Problem(
            file=path, severity=severity,
            expected=("tekst ontbreekt of is leeg; maak dit Markdown-bestand aan (zie "
                      f"docs/data-design.md, teksten){gevolg}")))
    known = set(all_keys)
    for key in sorted(set(teksten) - known):
        problems.append(Problem(
            file=teksten[key].path, severity="warning",
            expected=("deze tekst wordt niet in het rapport gebruikt"
                      f"{_suggestion(key, known)}; zie opbouw.toml voor de teksten die het "
                      "rapport gebruikt")))
    return result, problems


_TUSSENKOP_RE = re.compile(r'<h4 class="tussenkop" id="([^"]+)">(.*?)</h4>', re.S)


def tussenkoppen(fragment: str) -> list[tuple[str, str]]:
    """(id, plain title) of every `## Kop` subheading in a rendered text, for a TOC."""
    return [
        (m.group(1), html.unescape(_TAG_RE.sub("", m.group(2))).strip())
        for m in _TUSSENKOP_RE.finditer(str(fragment))
    ]

"""HTML rendering: the presentation structure (`view.ReportView`) and the chart SVGs become
one HTML document through the Jinja2 templates, ready for WeasyPrint.

    html = render_report_html(report_view, svgs)
    letter = render_letter_html(report_view)

The templates (editable by the secretariat, see templates/README.md) only lay out; the
view decides what is shown and in what words. Numbering happens after the body is rendered
(numbering.py), so it always matches what is printed; the table of contents is rendered
last, from the numbered headings, with page numbers from WeasyPrint (`target-counter`).

Autoescape is on everywhere: strings from the data are escaped; texts arrive as safe
Markup from texts.py.
"""

from __future__ import annotations

import copy
import dataclasses
import functools
import re
from pathlib import Path
from typing import Any, Iterable, Mapping, Sequence

from jinja2 import Environment, StrictUndefined
from markupsafe import Markup

from .. import webfonts
from ..errors import DataError, Problem
from ..formatting import register_filters
from ..resources import templates_dir as default_templates_dir
from ..texts import fmt_woorden
from ..view import ReportView, Texts
from ..view.wijzigingen import Wijzigingen, geen_markering
from . import filters
from .changepage import Marker, insert_page
from .safeloader import SafeFileSystemLoader, check_template_folder, read_template
from .numbering import (break_long_words, definition_numbers, fix_heading_levels,
                        heading_numbers,
                        heading_references, keep_units_together, number_headings,
                        number_references, roman)

__all__ = ["render_report_html", "render_letter_html", "template_dirs", "get_environment",
           "reset_templates"]

TemplateDirs = Sequence[Path | str]


def template_dirs(extra: Iterable[Path | str] = ()) -> tuple[Path, ...]:
    """The folders templates are looked up in: the project's own first, then the package's
    defaults (a project overrides a template by a file of the same name). A project's own
    folder is checked first: DataError when it holds a file that may not be read (a link
    leaving it, a device, a file above the size limit; reportgen/render/safeloader.py)."""
    default = default_templates_dir()
    dirs = [Path(d) for d in extra if Path(d).is_dir()]
    for folder in dirs:
        if folder.resolve() != default.resolve():
            check_template_folder(folder)
    return tuple(dict.fromkeys([*dirs, default]))


@functools.lru_cache(maxsize=8)
def _environment(dirs: tuple[str, ...]) -> Environment:
    env = Environment(
        loader=SafeFileSystemLoader(list(dirs)),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
    )
    register_filters(env)
    env.filters.update(filters.FILTERS, woorden=fmt_woorden, romeins=roman)
    env.globals.update(column_groups=filters.column_groups,
                       column_widths=filters.column_widths)
    return env


def reset_templates() -> None:
    """Forget the compiled templates, so the next rendering reads them from disk again
    (the preview, after a template changed)."""
    _environment.cache_clear()


def get_environment(dirs: TemplateDirs | None = None) -> Environment:
    """The Jinja2 environment (created once per list of template folders)."""
    return _environment(tuple(str(Path(d).resolve()) for d in (dirs or template_dirs())))


def _read(dirs: TemplateDirs, name: str) -> str | None:
    """The template file `name` from the first folder that has it (a link that leaves its
    folder is refused: render/safeloader.py), or None."""
    for folder in map(Path, dirs):
        if (folder / name).is_file() or (folder / name).is_symlink():
            return read_template(folder, folder / name)
    return None


def _read_css(dirs: TemplateDirs, medium: str) -> Markup:
    names = (["css/fonts.css", "css/rapport.css"] if medium == "print"
             else ["css/rapport.css", "css/scherm.css"])
    parts = []
    if medium != "print":  # the same faces as the PDF, embedded as WOFF2 subsets
        fonts = _read(dirs, "css/fonts.css")
        if fonts is not None:
            parts.append(webfonts.font_face_css(fonts))
    parts += [css for css in (_read(dirs, name) for name in names) if css is not None]
    # CSS is trusted template material; a closing style tag would end the block.
    return Markup("\n".join(parts).replace("</", "<\\/"))


def _definition_marker(kind: str, key: str) -> Markup:
    return Markup('<span class="nummer">[[#{}:{}]]</span>').format(kind, key)


def _context(rv: ReportView, svgs: Mapping[str, str], medium: str,
             dirs: TemplateDirs, marker: Marker | None = None) -> dict[str, Any]:
    model = rv.model
    ctx: dict[str, Any] = {f.name: getattr(model, f.name) for f in dataclasses.fields(model)}
    build = rv.build_info
    if marker is not None:
        tekst = rv.tekst
        tekst = Texts(marker.mark_texts(tekst.texts), tekst.plan, tekst.data_name, tekst.jaar)
    ctx.update(
        rv=rv,
        labels=rv.labels,
        voorwerk=rv.voorwerk,
        hoofdstukken=rv.hoofdstukken,
        has_letter=rv.has_letter,
        kpis=rv.kpis,
        conclusies=rv.conclusies,
        tabellen=rv.tabellen,
        figuren=rv.figuren,
        brief=model.rapport["brief"],
        publicatiedatum=rv.publicatiedatum,
        commissie_info=rv.commissie,
        tekst=tekst if marker is not None else rv.tekst,
        draft=rv.draft,
        # Marks of a draft (render/changepage.py): `wijziging(tabel, rij, kolom)` gives a
        # table cell's mark; without marks it marks nothing.
        markering=marker is not None,
        wijziging=marker.cel if marker is not None else geen_markering,
        build_info=build,
        concept_nummer=build.get("concept_nummer"),
        builddatum=build.get("builddatum"),
        medium=medium,
        svgs=dict(svgs),
        nummer=_definition_marker,
        css=_read_css(dirs, medium),
        concept_achtergrond=filters.svg_data_uri(filters.concept_svg()) if rv.draft else "",
    )
    return ctx


def _unresolved_problems(rv: ReportView, unresolved: list[str]) -> list[Problem]:
    problems = []
    texts = rv.tekst.texts
    for marker in dict.fromkeys(unresolved):
        keys = [k for k, v in texts.items() if marker in str(v)]
        files = [f"{rv.model.jaar}/teksten/{k}.md" for k in keys] or ["templates/"]
        for f in files:
            problems.append(Problem(
                file=f, value=marker,
                expected="een verwijzing naar een figuur, tabel, hoofdstuk, paragraaf of "
                         "bijlage die in het rapport staat (figuren: "
                         + ", ".join(["themamatrix", *rv.figuren]) + "; tabellen: "
                         + ", ".join(rv.tabellen) + "; koppen: zie de id's in opbouw.toml)"))
    return problems


def _mark_summary_subheadings(rv: ReportView) -> ReportView:
    """The `## Kop` subheadings of texts in a section with `inhoudsopgave_tussenkoppen`
    (the samenvatting) are listed in the table of contents (level 2). Returns a view with
    those texts marked; `rv` itself is left as it is (the letter, the change summary and
    `texts.tussenkoppen` read it after the report is rendered)."""
    texts = dict(rv.tekst.texts)
    for chapter in rv.hoofdstukken:
        for section in chapter.walk():
            if not section.inhoudsopgave_tussenkoppen:
                continue
            for item in section.items:
                key = getattr(item, "sleutel", None)
                value = texts.get(key) if getattr(item, "soort", "") == "tekst" else None
                if isinstance(value, Markup):
                    texts[key] = Markup(re.sub(r"<h4(?![^>]*data-toc)", '<h4 data-toc="2"',
                                               str(value)))
    tekst = copy.copy(rv.tekst)
    tekst.texts = texts
    return dataclasses.replace(rv, tekst=tekst)


def _finish(env: Environment, html: str, rv: ReportView, ctx: dict[str, Any],
            with_toc: bool, numbers: dict[tuple[str, str], int] | None = None,
            headings: Mapping[str, str] | None = None) -> str:
    """Number headings, figures and tables and resolve references. `numbers`/`headings`
    come from the full report when a part (the letter) is rendered on its own."""
    html, toc = number_headings(html)
    html = fix_heading_levels(html)
    html, unresolved = number_references(html, numbers, link=numbers is None)
    html, unresolved_h = heading_references(
        html, headings if headings is not None else heading_numbers(html),
        link=headings is None)
    unresolved += unresolved_h
    html = break_long_words(keep_units_together(html))
    if unresolved and not rv.draft:
        raise DataError(_unresolved_problems(rv, unresolved))
    if with_toc:
        toc_html = env.get_template("onderdelen/inhoudsopgave.html").render(ctx, toc=toc)
        html = html.replace("<!--INHOUDSOPGAVE-->", toc_html, 1)
    return html


_CSS_STAND_IN = "/* reportgen: stylesheet */"


def render_report_html(rv: ReportView, svgs: Mapping[str, str], medium: str = "print",
                       dirs: TemplateDirs | None = None,
                       changes: Wijzigingen | None = None) -> str:
    """The complete report as one HTML document (`medium` "print" for WeasyPrint,
    "screen" for a standalone HTML file). With `changes` (a draft compared with the
    previous build) everything that changed is marked and a change page comes first."""
    dirs = tuple(dirs or template_dirs())
    env = get_environment(dirs)
    rv = _mark_summary_subheadings(rv)
    marker = Marker(changes) if changes is not None else None
    # The charts and the stylesheet (with the screen fonts: most of the document's bytes)
    # go in after numbering, which need not scan them: the templates get stand-ins.
    stand_ins = {key: tuple(f"rg-svg-{key}-{i}" for i in range(len(parts)))
                 for key, parts in svgs.items()}
    ctx = _context(rv, stand_ins, medium, dirs, marker)
    css, ctx["css"] = ctx["css"], Markup(_CSS_STAND_IN)
    body = env.get_template("rapport.html").render(ctx)
    html = _finish(env, body, rv, ctx, with_toc=True)
    html = insert_page(html, marker.page(env, ctx, body) if marker is not None else "")
    html = html.replace(_CSS_STAND_IN, str(css), 1)
    for key, parts in svgs.items():
        for stand_in, svg in zip(stand_ins[key], parts):
            html = html.replace(filters.svg_data_uri(stand_in), filters.svg_data_uri(svg))
    return html


def render_letter_html(rv: ReportView, medium: str = "print",
                       dirs: TemplateDirs | None = None) -> str:
    """The letter to the minister alone, as its own HTML document."""
    dirs = tuple(dirs or template_dirs())
    env = get_environment(dirs)
    ctx = _context(rv, {}, medium, dirs)
    # A reference in the letter ("zie tabel 1") uses the numbers of the full report.
    report = env.get_template("rapport.html").render(ctx)
    numbers = definition_numbers(report)
    headings = heading_numbers(number_headings(report)[0])
    body = env.get_template("brief.html").render(ctx)
    return _finish(env, body, rv, ctx, with_toc=False, numbers=numbers, headings=headings)

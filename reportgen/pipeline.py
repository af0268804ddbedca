"""The stages up to the HTML, shared by `build`, `validate` and the preview:

    load -> validate (rules, completeness) -> compute -> view (texts, outline) -> render

`prepare()` runs load to view and raises one `DataError` holding every problem found so
far; `render_html()` adds the HTML. Charts, PDF and writing are the build's (build.py).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Mapping, Sequence

from . import completeness, loading, outline as outline_mod, validation
from .dataset import Dataset
from .errors import DataError, Problem, errors_of
from .model import ReportModel
from .outline import OUTLINE_NAME, Outline
from .resources import templates_dir


@dataclass
class Prepared:
    dataset: Dataset
    outline: Outline
    model: ReportModel
    view: Any  # view.ReportView
    problems: list[Problem] = field(default_factory=list)  # warnings (and, in validate, errors)
    outline_source: str = ""


def load_outline(data_dir: Path) -> tuple[Outline | None, list[Problem], str]:
    """The sector plan's own outline (referentie/opbouw.toml) or the package default."""
    own = data_dir / "referentie" / OUTLINE_NAME
    if own.is_file() or own.is_symlink():
        source = f"referentie/{OUTLINE_NAME}"
        outline, problems = outline_mod.read_outline(own, source, root=data_dir)
        return outline, problems, source
    source = f"{templates_dir().name}/{OUTLINE_NAME} (standaard)"
    outline, problems = outline_mod.read_outline(templates_dir() / OUTLINE_NAME, source)
    return outline, problems, source


def prepare(data_dir: Path, jaar: int, *, draft: bool = False,
            build_info: Mapping[str, Any] | None = None) -> Prepared:
    """Load, validate, compute and present year `jaar`. Raises DataError with every
    problem found when there are errors: data errors stop before compute (which needs
    valid data); otherwise settings, missing pieces and texts are all checked first."""
    from . import compute, texts as texts_mod, view as view_mod
    from .view.messages import controle_problems

    dataset, problems = loading.load_dataset(data_dir, jaar)
    problems += validation.validate_loaded(dataset, problems)
    outline, outline_problems, source = load_outline(data_dir)
    problems += outline_problems
    if outline is None or errors_of(problems):  # compute needs valid data and an outline
        raise DataError(problems)

    model = compute.build_model(dataset)
    parts = view_mod.prepare(model)
    problems += outline_mod.unknown_blocks(outline, set(parts.figuren), set(parts.tabellen))
    plan = view_mod.text_plan(outline, model)
    has_letter = "brief" in outline.voorwerk and (
        "brief" in dataset.huidig.teksten or "brief" not in plan.optional)
    problems += completeness.missing_pieces(dataset, outline, draft=draft,
                                            heeft_brief=has_letter)
    known = {f"tabel:{k}" for k in parts.tabellen} | {f"figuur:{k}" for k in parts.figuren}
    known.add("figuur:themamatrix")
    rendered, text_problems = texts_mod.render_texts(
        dataset.huidig.teksten, plan.keys, view_mod.text_context(model, parts),
        jaar=jaar, optional=plan.optional, known_refs=known, draft=draft)
    problems += text_problems
    problems += controle_problems(model)
    if errors_of(problems):
        raise DataError(problems)
    report = view_mod.build_view(model, parts, outline, rendered, plan, draft=draft,
                                 build_info=build_info, data_name=data_dir.name or "data")
    return Prepared(dataset=dataset, outline=outline, model=model, view=report,
                    problems=problems, outline_source=source)


def render_html(prepared: Prepared, svgs: Mapping[str, str], *, medium: str = "print",
                dirs: Sequence[Path] | None = None) -> str:
    from . import render

    return render.render_report_html(prepared.view, svgs, medium=medium, dirs=dirs)


def render_documents(prepared: Prepared, svgs: Mapping[str, str],
                     dirs: Sequence[Path] | None = None) -> tuple[str, str | None, str]:
    """Every HTML document of a build: the report for print, the letter (None when the
    report has none) and the report for the screen. `reportgen validate` renders the same
    documents, so it meets every problem the build meets before the PDF."""
    from . import render

    view = prepared.view
    report = render.render_report_html(view, svgs, dirs=dirs)
    letter = render.render_letter_html(view, dirs=dirs) if view.has_letter else None
    screen = render.render_report_html(view, svgs, medium="screen", dirs=dirs)
    return report, letter, screen

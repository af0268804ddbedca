"""The stages up to the HTML, shared by `build`, `validate` and the preview:

    load -> validate (rules, completeness) -> compute -> view (texts, outline) -> render

`prepare()` runs load to view and raises one `DataError` holding every problem found so
far; `render_html()` adds the HTML. Charts, PDF and writing are the build's (build.py).

The preview reuses the expensive half when only the texts changed: `compute_stage()`
(load, validate, outline, compute, the view's tables and figures) once, then `present()`
(texts, completeness, the report view) for every edit of a text, with the texts read anew
by `read_year_texts()`. `prepare()` is `present(compute_stage(...))`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Mapping, Sequence

from . import completeness, loading, outline as outline_mod, validation
from .dataset import Dataset, TextFile
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


@dataclass
class Computed:
    """Everything up to the texts: the data read and checked, the model and the parts of
    the view that depend on the data only (tables, figures, KPIs, labels)."""

    dataset: Dataset
    outline: Outline
    outline_source: str
    model: ReportModel
    parts: Any  # view.Parts
    problems: list[Problem] = field(default_factory=list)  # warnings so far


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


@dataclass
class Checked:
    """The first stage: the data folder loaded and checked against the data rules, and
    the outline read. `ok` is False when compute cannot run (data errors, no outline);
    then completeness and the texts are not checked yet."""

    dataset: Dataset
    outline: Outline | None
    problems: list[Problem]
    outline_source: str

    @property
    def ok(self) -> bool:
        return self.outline is not None and not errors_of(self.problems)


def check_data(data_dir: Path, jaar: int) -> Checked:
    """Load year `jaar` (and the years before it) and check it against the data rules."""
    dataset, problems = loading.load_dataset(data_dir, jaar)
    problems += validation.validate_loaded(dataset, problems)
    outline, outline_problems, source = load_outline(data_dir)
    problems += outline_problems
    own = data_dir / "referentie" / OUTLINE_NAME
    if own.is_file():  # an input like any other: in the manifest with its sha256
        dataset.sources.append(loading.source_file(data_dir, own))
        dataset.sources.sort(key=lambda s: s.path)
    return Checked(dataset=dataset, outline=outline, problems=problems,
                   outline_source=source)


def compute_stage(data_dir: Path, jaar: int, checked: Checked | None = None) -> Computed:
    """Load, validate and compute year `jaar`. Raises DataError with every problem found
    when the data has errors (compute needs valid data and an outline). `checked` is the
    result of `check_data` when the caller already has it (the status checks once)."""
    from . import compute, view as view_mod

    checked = checked or check_data(data_dir, jaar)
    if not checked.ok:  # compute needs valid data and an outline
        raise DataError(checked.problems)
    dataset, outline, source = checked.dataset, checked.outline, checked.outline_source
    assert outline is not None
    problems = list(checked.problems)
    model = compute.build_model(dataset)
    parts = view_mod.prepare(model)
    problems += outline_mod.unknown_blocks(outline, set(parts.figuren), set(parts.tabellen))
    return Computed(dataset=dataset, outline=outline, outline_source=source, model=model,
                    parts=parts, problems=problems)


def text_folder(jaar: int) -> str:
    """The folder of a year's texts, relative to the data folder."""
    return f"{jaar}/teksten"


def read_year_texts(data_dir: Path, jaar: int) -> tuple[dict[str, TextFile], list[Problem]]:
    """The texts of year `jaar` read anew (for `present` after a text was edited)."""
    teksten, problems, _ = loading.read_texts(data_dir, text_folder(jaar))
    return teksten, problems


def present(computed: Computed, *, draft: bool = False,
            build_info: Mapping[str, Any] | None = None, data_name: str = "data",
            texts: tuple[dict[str, TextFile], list[Problem]] | None = None,
            text_cache: dict[Any, Any] | None = None) -> Prepared:
    """Texts, completeness and the report view on top of `computed`. `texts` replaces the
    texts (and their reading problems) that were loaded with the data; `text_cache` keeps
    rendered texts between calls on the same `computed` (texts.render_texts). Raises
    DataError with every problem when there are errors."""
    from . import texts as texts_mod, view as view_mod
    from .view.messages import controle_problems

    dataset, outline, model, parts = (computed.dataset, computed.outline, computed.model,
                                      computed.parts)
    problems = list(computed.problems)
    teksten = dataset.huidig.teksten
    if texts is not None:
        teksten, read_problems = texts
        folder = text_folder(dataset.jaar) + "/"
        problems = [p for p in problems if not str(p.file).startswith(folder)]
        problems += read_problems
    plan = view_mod.text_plan(outline, model)
    has_letter = "brief" in outline.voorwerk and (
        "brief" in teksten or "brief" not in plan.optional)
    problems += completeness.missing_pieces(dataset, outline, draft=draft,
                                            heeft_brief=has_letter)
    known = {f"tabel:{k}" for k in parts.tabellen} | {f"figuur:{k}" for k in parts.figuren}
    known.add("figuur:themamatrix")
    rendered, text_problems = texts_mod.render_texts(
        teksten, plan.keys, view_mod.text_context(model, parts),
        jaar=dataset.jaar, optional=plan.optional, known_refs=known, draft=draft,
        cache=text_cache)
    problems += text_problems
    problems += controle_problems(model)
    if errors_of(problems):
        raise DataError(problems)
    report = view_mod.build_view(model, parts, outline, rendered, plan, draft=draft,
                                 build_info=build_info, data_name=data_name)
    return Prepared(dataset=dataset, outline=outline, model=model, view=report,
                    problems=problems, outline_source=computed.outline_source)


def prepare(data_dir: Path, jaar: int, *, draft: bool = False,
            build_info: Mapping[str, Any] | None = None,
            checked: Checked | None = None) -> Prepared:
    """Load, validate, compute and present year `jaar`. Raises DataError with every
    problem found when there are errors: data errors stop before compute (which needs
    valid data); otherwise settings, missing pieces and texts are all checked first."""
    return present(compute_stage(data_dir, jaar, checked), draft=draft,
                   build_info=build_info, data_name=data_dir.name or "data")


def render_html(prepared: Prepared, svgs: Mapping[str, str], *, medium: str = "print",
                dirs: Sequence[Path] | None = None) -> str:
    from . import render

    return render.render_report_html(prepared.view, svgs, medium=medium, dirs=dirs)


def render_documents(prepared: Prepared, svgs: Mapping[str, Any],
                     dirs: Sequence[Path] | None = None,
                     changes: Any = None) -> tuple[str, str | None, str]:
    """Every HTML document of a build: the report for print, the letter (None when the
    report has none) and the report for the screen; `changes` marks what changed in a
    draft (view.wijzigingen). `reportgen validate` renders the same documents, so it meets
    every problem the build meets before the PDF."""
    from . import render

    view = prepared.view
    report = render.render_report_html(view, svgs, dirs=dirs, changes=changes)
    letter = render.render_letter_html(view, dirs=dirs) if view.has_letter else None
    screen = render.render_report_html(view, svgs, medium="screen", dirs=dirs,
                                       changes=changes)
    return report, letter, screen

"""The build, top to bottom: load -> validate -> compute -> charts -> texts -> HTML -> PDF
-> write. Each stage lives in its own module; this file only wires them together.

Output goes to <out>/<jaar>/. It is written atomically: everything is produced in a
temporary folder next to it and moved into place only when the whole build succeeded, so a
failed build leaves the previous output untouched.
"""

from __future__ import annotations

import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from . import loading, validation
from .errors import ConfigError, DataError, Problem, errors_of, warnings_of

Echo = Callable[[str], None] | None

PDF_NAME = "rapport.pdf"


@dataclass(frozen=True)
class BuildOptions:
    data_dir: Path
    out_dir: Path
    jaar: int
    draft: bool = False
    quiet: bool = False


@dataclass
class BuildResult:
    pdf_path: Path
    warnings: list[Problem] = field(default_factory=list)


def _check_paths(data_dir: Path, jaar: int) -> None:
    if not data_dir.is_dir():
        raise ConfigError(f"Datamap '{data_dir}' bestaat niet.")
    if not (data_dir / "referentie").is_dir():
        raise ConfigError(f"Datamap '{data_dir}' heeft geen map 'referentie/'.")


def load_and_validate(data_dir: Path, jaar: int):
    """Load and validate; raise DataError with every problem when there are errors."""
    _check_paths(data_dir, jaar)
    dataset, problems = loading.load_dataset(data_dir, jaar)
    if not errors_of(problems):
        problems += validation.validate(dataset)
    if errors_of(problems):
        raise DataError(problems)
    return dataset, problems


def validate_data(data_dir: Path, jaar: int) -> list[Problem]:
    """`reportgen validate`: every problem (errors and warnings) for year `jaar`."""
    _check_paths(data_dir, jaar)
    dataset, problems = loading.load_dataset(data_dir, jaar)
    if not errors_of(problems):
        problems += validation.validate(dataset)
    return problems


def build_report(options: BuildOptions, echo: Echo = None) -> BuildResult:
    from . import charts, compute, pdf, render, texts

    say = echo or (lambda _msg: None)
    say(f"Inlezen en controleren van {options.data_dir} voor {options.jaar} ...")
    dataset, problems = load_and_validate(options.data_dir, options.jaar)

    say("Berekenen van tabellen, figuren en KPI's ...")
    model, model_problems = compute.build_model(dataset, draft=options.draft)
    problems += model_problems

    say("Tekenen van figuren ...")
    svgs = charts.render_charts(model)

    say("Verwerken van teksten ...")
    rendered_texts, text_problems = texts.render_texts(dataset, model, draft=options.draft)
    problems += text_problems
    if errors_of(problems):
        raise DataError(problems)

    say("Opmaken van het rapport ...")
    html = render.render_report_html(model, rendered_texts, svgs, draft=options.draft)
    pdf_bytes = pdf.html_to_pdf(html, model)

    final_dir = options.out_dir / str(options.jaar)
    options.out_dir.mkdir(parents=True, exist_ok=True)
    tmp_dir = Path(tempfile.mkdtemp(prefix=f".{options.jaar}-", dir=options.out_dir))
    try:
        (tmp_dir / PDF_NAME).write_bytes(pdf_bytes)
        _replace_dir(tmp_dir, final_dir)
    except BaseException:
        shutil.rmtree(tmp_dir, ignore_errors=True)
        raise
    return BuildResult(pdf_path=final_dir / PDF_NAME, warnings=warnings_of(problems))


def _replace_dir(new: Path, final: Path) -> None:
    """Move `new` into place as `final`, keeping the old one until the swap is done."""
    old = final.with_name(f".{final.name}-old")
    if old.exists():
        shutil.rmtree(old)
    if final.exists():
        final.rename(old)
    new.rename(final)
    if old.exists():
        shutil.rmtree(old)

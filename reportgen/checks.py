"""Every check a build runs up to the PDF, without the PDF: what `reportgen validate` and
`reportgen status` report. A build meets exactly these problems, so a clean `validate`
means a final build can run.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from . import status as status_mod
from .build import check_paths
from .errors import DataError, Problem, errors_of


@dataclass
class Validation:
    """What `check_all` found: every problem, the data as loaded (for `reportgen status`:
    which rows belong to which institution) and whether every check ran. `complete` is
    False when data errors stopped the run before the missing pieces and the texts were
    checked (a build stops at the same point)."""

    problems: list[Problem]
    dataset: Any  # dataset.Dataset
    complete: bool
    checked: Any = None  # pipeline.Checked: the load, to run another check on


def check_all(data_dir: Path, jaar: int, draft: bool = False,
              template_dirs: tuple[Path, ...] = (), checked: Any = None) -> Validation:
    """Run every check a build of year `jaar` runs up to the PDF (see `validate_data`).
    `checked`: the result of `pipeline.check_data` when the caller already has it (the
    status runs the final and the draft checks on one load)."""
    from . import pipeline, render

    check_paths(data_dir, jaar)
    checked = checked or pipeline.check_data(data_dir, jaar)
    if not checked.ok:
        return Validation(checked.problems, checked.dataset, False, checked)
    try:
        prepared = pipeline.prepare(data_dir, jaar, draft=draft, checked=checked)
        # the same documents as the build: report, letter and screen version
        pipeline.render_documents(prepared, {}, render.template_dirs(template_dirs))
    except DataError as err:
        return Validation(err.problems, checked.dataset, True, checked)
    return Validation(prepared.problems, checked.dataset, True, checked)


def validate_data(data_dir: Path, jaar: int, draft: bool = False,
                  template_dirs: tuple[Path, ...] = ()) -> list[Problem]:
    """`reportgen validate`: every problem (errors and warnings) a build of year `jaar`
    would meet up to the PDF: data rules, settings, missing pieces, texts, placeholders
    and references. With `draft`, missing pieces are warnings (placeholders)."""
    return check_all(data_dir, jaar, draft=draft, template_dirs=template_dirs).problems


def collect_status(data_dir: Path, jaar: int, template_dirs: tuple[Path, ...] = ()) -> status_mod.Status:
    """The status of year `jaar` for a final build (the checks of `reportgen validate`),
    plus whether a draft (`--draft`) could run (`reportgen validate --draft`)."""
    data_dir = Path(data_dir)
    final = check_all(data_dir, jaar, draft=False, template_dirs=template_dirs)
    draft = check_all(data_dir, jaar, draft=True, template_dirs=template_dirs,
                      checked=final.checked)
    status = status_mod.summarise(final.dataset, final.problems, final.complete, data_dir)
    status.draft_errors = len(errors_of(draft.problems))
    return status

"""Templates read like every other input (reportgen/inputfiles.py): only regular files
inside their templates folder, within the size limit of a template.

A project's `templates/` folder is checked as a whole before anything is rendered
(`check_template_folder`): a symbolic link that leaves it (a stylesheet linked to
`/etc/passwd`), a device or pipe, or a file above the limit is an error naming the file,
and nothing of it is read. `SafeFileSystemLoader` applies the same rule to each template
Jinja2 loads, so a link that appears later is refused as well.
"""

from __future__ import annotations

import os
import posixpath
from pathlib import Path
from typing import Any, Callable

from jinja2 import FileSystemLoader, TemplateNotFound
from jinja2.loaders import split_template_path

from .. import inputfiles
from ..errors import DataError

WHERE = "de map templates/"


def check_template_folder(folder: Path) -> None:
    """DataError listing every file of a project's templates folder that may not be read."""
    problems = inputfiles.checked_files(Path(folder), "sjabloon", WHERE)
    if problems:
        raise DataError(problems)


def read_template(folder: Path, path: Path) -> str:
    """The text of the template file `path` inside `folder`; DataError when it may not be
    read (see the module docstring)."""
    data, problem = inputfiles.read_input(folder, path, "sjabloon", WHERE,
                                          shown=f"{folder.name}/{_rel(folder, path)}")
    if data is None:
        raise DataError([problem])
    return data.decode("utf-8")


def _rel(folder: Path, path: Path) -> str:
    try:
        return path.relative_to(folder).as_posix()
    except ValueError:
        return path.name


class SafeFileSystemLoader(FileSystemLoader):
    """FileSystemLoader that reads a template only as `read_template` allows."""

    def get_source(self, environment: Any, template: str
                   ) -> tuple[str, str, Callable[[], bool]]:
        pieces = split_template_path(template)
        for searchpath in self.searchpath:
            filename = posixpath.join(searchpath, *pieces)
            if os.path.lexists(filename) and not os.path.isdir(filename):
                break
        else:
            raise TemplateNotFound(template)
        contents = read_template(Path(searchpath), Path(filename))
        mtime = os.path.getmtime(filename)

        def uptodate() -> bool:
            try:
                return os.path.getmtime(filename) == mtime
            except OSError:
                return False

        return contents, os.path.normpath(filename), uptodate

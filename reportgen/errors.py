"""Domain errors and data problems.

Every problem found in the input is a `Problem`: it names the file (relative to the data
folder), the line a spreadsheet user sees (header = line 1), the column, the offending value
and what was expected. A problem in a returned workbook (`reportgen import`) names the
sheet and the cell instead of the line (`personeel!E12`). Stages collect problems and raise a single `DataError` holding all of
them, so a user sees every problem at once. The CLI turns `ReportgenError`s into clean
messages and exit codes; they never reach the user as tracebacks.
"""

from __future__ import annotations

import errno
from dataclasses import dataclass
from typing import Iterable, Literal

Severity = Literal["error", "warning"]


@dataclass(frozen=True)
class Problem:
    file: str
    expected: str
    line: int | None = None
    column: str | None = None
    value: str | None = None
    severity: Severity = "error"
    sheet: str | None = None  # workbooks: the sheet ...
    cell: str | None = None  # ... and the cell, e.g. "E12" (needs `sheet`)

    @property
    def is_error(self) -> bool:
        return self.severity == "error"

    def __str__(self) -> str:
        where = [self.file]
        if self.sheet is not None:
            where.append(f"cel {self.sheet}!{self.cell}" if self.cell
                         else f"blad '{self.sheet}'")
        if self.line is not None:
            where.append(f"regel {self.line}")
        if self.column is not None:
            where.append(f"kolom '{self.column}'")
        text = ", ".join(where)
        if self.value is not None:
            text += f": waarde '{self.value}'"
        label = "fout" if self.is_error else "waarschuwing"
        return f"{label}: {text} — {self.expected}"


def errors_of(problems: Iterable[Problem]) -> list[Problem]:
    return [p for p in problems if p.is_error]


def warnings_of(problems: Iterable[Problem]) -> list[Problem]:
    return [p for p in problems if not p.is_error]


class ReportgenError(Exception):
    """Base of every error the CLI reports without a traceback."""

    exit_code = 1


class DataError(ReportgenError):
    """The input data has one or more errors; `problems` lists all of them (and warnings)."""

    exit_code = 1

    def __init__(self, problems: list[Problem]):
        self.problems = list(problems)
        n = len(errors_of(self.problems))
        super().__init__(f"{n} fout(en) in de invoer")

    def __str__(self) -> str:
        lines = [super().__str__() + ":"]
        lines += [f"  {p}" for p in self.problems]
        return "\n".join(lines)


class ConfigError(ReportgenError):
    """Wrong usage: unknown year, missing data folder, bad option combination."""

    exit_code = 2


_IO_REASONS = {
    errno.ENOSPC: "de schijf is vol",
    errno.EDQUOT: "de schijfruimte (quota) is op",
    errno.EACCES: "geen toestemming (rechten)",
    errno.EPERM: "geen toestemming (rechten)",
    errno.EROFS: "de schijf is alleen-lezen",
    errno.ENOENT: "de map of het bestand bestaat niet",
    errno.ENOTDIR: "een deel van het pad is geen map",
    errno.EEXIST: "er staat al een bestand met die naam",
    errno.EISDIR: "dit is een map, geen bestand",
    errno.ENAMETOOLONG: "de naam is te lang",
    errno.EIO: "een lees- of schrijffout van de schijf",
}


def io_reason(exc: OSError) -> str:
    """A Dutch reason for an I/O failure ("de schijf is vol")."""
    return _IO_REASONS.get(exc.errno or 0, exc.strerror or type(exc).__name__)


class IOProblem(ReportgenError):
    """Reading or writing a file failed (full disk, no rights, ...): one clear message,
    never a traceback."""

    exit_code = 1

    def __init__(self, exc: OSError, doing: str = "schrijven"):
        where = f" ({exc.filename})" if getattr(exc, "filename", None) else ""
        super().__init__(f"Het {doing} is mislukt{where}: {io_reason(exc)}.")
        self.original = exc

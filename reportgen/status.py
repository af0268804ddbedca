"""`reportgen status`: what has been delivered for a report year, per piece and per
institution, and whether a final build can run now.

The overview is derived from the checks a build runs, never from a separate guess:
`checks.check_all` (load, data rules, completeness, texts and their placeholders, the
rendered HTML; the same run as `reportgen validate`) gives every problem, and each problem
is attributed to a piece by its file and to an institution by the `umc` cell of the line
it names (the loaded frames keep `_line`). A problem without a line that names an
institution code in the column `umc` ("no row for institution X") goes to that institution.

Which files were delivered comes from what loading read (`Dataset.sources` and the rows of
the year's frames). This module holds codes and counts only; the wording is in
`view/status.py`.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable, Literal

from .dataset import Dataset
from .errors import Problem, errors_of
from .settings import resolve_sectorplan

#: Pieces in the order of the overview. `opbouw` and `overig` are listed only when they
#: have problems.
PIECES = ("financien", "personeel", "kpi_waarden", "teksten", "kpi_oordeel",
          "instellingen", "werkdrukmonitor", "kpi_definities", "commissie", "referentie",
          "opbouw", "overig")
#: Pieces every institution delivers itself (rows with its code in the column `umc`).
PER_INSTITUTION = ("financien", "personeel", "kpi_waarden")
ONLY_WITH_PROBLEMS = ("opbouw", "overig")

#: Year files by piece (file stem inside `<jaar>/`).
YEAR_FILES = {"financien": "financien", "personeel": "personeel",
              "kpi_waarden": "kpi_waarden", "kpi_oordeel": "kpi_oordeel",
              "werkdrukmonitor": "werkdrukmonitor", "rapport": "instellingen"}
#: Reference files by piece (file stem inside `referentie/`).
REFERENCE_FILES = {"sectorplan": "instellingen", "kpis": "kpi_definities",
                   "indicatoren": "kpi_definities", "commissie": "commissie",
                   "opbouw": "opbouw", "umcs": "referentie", "begroting": "referentie",
                   "subthemas": "referentie", "functiecategorieen": "referentie",
                   "themamatrix": "referentie"}
#: Tables whose rows belong to an institution (column `umc`): year files and reference.
UMC_YEAR_TABLES = ("financien", "personeel", "kpi_waarden", "werkdrukmonitor")
UMC_REFERENCE_TABLES = ("begroting", "themamatrix")
#: Pieces that the completeness checks only look at once the KPI definitions are there.
NEED_KPI_DEFINITIONS = ("kpi_waarden", "kpi_oordeel", "werkdrukmonitor")
#: Pieces fully checked by the data rules alone (the first stage of a build).
CHECKED_BY_RULES = ("financien", "personeel", "referentie", "kpi_definities")

State = Literal["aangeleverd", "ontbreekt", "fouten", "niet_vereist"]


@dataclass(frozen=True)
class Cell:
    """The status of one piece (for the sector, or for one institution).

    state: `aangeleverd` (delivered, no errors), `fouten` (delivered, with errors),
    `ontbreekt` (not delivered, and the checks say a final build needs it, or could not
    check it yet), `niet_vereist` (not delivered, and the checks that ran do not ask for
    it). `checked` is False when a check that concerns this piece has not run yet (data
    errors stopped the run first, or the KPI definitions are missing)."""

    state: State
    errors: int = 0
    warnings: int = 0
    checked: bool = True
    files: tuple[str, ...] = ()  # files of this piece that were read (report year)


@dataclass(frozen=True)
class InstitutionStatus:
    code: str
    naam: str
    cells: dict[str, Cell]  # piece (PER_INSTITUTION) -> cell


@dataclass
class Status:
    jaar: int
    data_dir: Path
    pieces: dict[str, Cell]  # in PIECES order (opbouw/overig only with problems)
    institutions: list[InstitutionStatus]
    unassigned: dict[str, Cell]  # per-institution pieces: problems of no institution
    problems: list[Problem]  # every problem, as `reportgen validate` lists them
    by_file: dict[str, list[Problem]]  # file -> its problems (errors first)
    by_institution: dict[str, list[Problem]]  # institution code -> its problems
    piece_of_file: dict[str, str]  # file -> piece
    complete: bool  # every check ran (False: data errors stopped it early)
    errors: int = 0  # problems that block a final build
    warnings: int = 0
    draft_errors: int | None = None  # errors that would block a draft (None: not checked)
    instelling: str = "instelling"  # the plan's word for one institution (sectorplan.toml)

    @property
    def can_build(self) -> bool:
        """A final build (no --draft) can run now: the checks found no error."""
        return self.errors == 0


# ------------------------------------------------------------------------ attribution


def first_file(problem: Problem | str) -> str:
    """The file a problem names (a reconciliation warning names several: the first)."""
    file = problem if isinstance(problem, str) else problem.file
    return file.split(", ")[0].strip()


def _stem(path: str) -> str:
    """`2025/Financien.xlsx` -> `2025/financien`."""
    head, _, last = path.rstrip("/").rpartition("/")
    name = last.rsplit(".", 1)[0] if "." in last else last
    return (f"{head}/{name}" if head else name).lower()


def piece_of(file: str) -> str:
    """The piece a file belongs to (PIECES)."""
    parts = file.strip().split("/")
    if parts[0].startswith("templates") or parts[0].startswith("opbouw"):
        return "opbouw"
    if len(parts) < 2 or not parts[1]:
        return "overig"
    if parts[0] == "referentie":
        return REFERENCE_FILES.get(_stem(parts[1]).split(" ")[0], "overig")
    if parts[0].isdigit():
        if parts[1].lower() == "teksten":
            return "teksten"
        return YEAR_FILES.get(_stem(parts[1]), "overig")
    return "overig"


def _line_owners(dataset: Dataset) -> dict[tuple[str, int], str]:
    """(file stem, spreadsheet line) -> the code in that row's `umc` cell."""
    owners: dict[tuple[str, int], str] = {}

    def add(stem: str, frame: Any) -> None:
        if frame is None or "umc" not in frame.columns or "_line" not in frame.columns:
            return
        for umc, line in zip(frame["umc"], frame["_line"]):
            if isinstance(umc, str) and umc:
                owners[(stem, int(line))] = umc

    for name in UMC_REFERENCE_TABLES:
        add(f"referentie/{name}", getattr(dataset.referentie, name, None))
    for jaar, year in dataset.jaren.items():
        for name in UMC_YEAR_TABLES:
            add(f"{jaar}/{name}", getattr(year, name, None))
    return owners


def institution_of(problem: Problem, owners: dict[tuple[str, int], str],
                   codes: set[str]) -> str | None:
    """The institution a problem is about, or None (sector-wide, or an unknown code)."""
    if problem.line is not None:
        owner = owners.get((_stem(first_file(problem)), problem.line))
        if owner in codes:
            return owner
    if problem.column == "umc" and problem.value in codes:
        return problem.value
    return None


# ------------------------------------------------------------------------ delivery


def _delivered_files(dataset: Dataset) -> dict[str, list[str]]:
    """piece -> the files of the report year (and of referentie/) that loading read."""
    out: dict[str, list[str]] = defaultdict(list)
    texts = 0
    for source in dataset.sources:
        path = source.path
        parts = path.split("/")
        if parts[0] == str(dataset.jaar) and len(parts) > 2 and parts[1].lower() == "teksten":
            texts += 1
            continue
        if parts[0] not in ("referentie", str(dataset.jaar)):
            continue
        out[piece_of(path)].append(path)
    if texts:
        out["teksten"].append(f"{dataset.jaar}/teksten/ ({texts})")
    return out


def _rows_of(frame: Any, code: str) -> bool:
    return frame is not None and "umc" in frame.columns and bool((frame["umc"] == code).any())


def _cell(delivered: bool, problems: Iterable[Problem], checked: bool,
          files: Iterable[str] = ()) -> Cell:
    problems = list(problems)
    errors = len(errors_of(problems))
    warnings = len(problems) - errors
    if delivered:
        state: State = "fouten" if errors else "aangeleverd"
    elif errors or not checked:
        state = "ontbreekt"
    else:
        state = "niet_vereist"
    return Cell(state=state, errors=errors, warnings=warnings, checked=checked,
                files=tuple(files))


# ------------------------------------------------------------------------ the overview


def summarise(dataset: Dataset, problems: list[Problem], complete: bool,
              data_dir: Path) -> Status:
    """Group the problems of a validation run by piece, file and institution."""
    umcs = dataset.referentie.umcs
    institutions = [(str(c), str(n)) for c, n in zip(umcs["code"], umcs["naam"])
                    if isinstance(c, str) and c] if umcs is not None and len(umcs) else []
    codes = {c for c, _ in institutions}
    owners = _line_owners(dataset)

    by_piece: dict[str, list[Problem]] = defaultdict(list)
    by_file: dict[str, list[Problem]] = defaultdict(list)
    by_institution: dict[str, list[Problem]] = defaultdict(list)
    by_piece_institution: dict[tuple[str, str | None], list[Problem]] = defaultdict(list)
    piece_of_file: dict[str, str] = {}
    for p in problems:
        file = first_file(p)
        piece = piece_of(file)
        piece_of_file[p.file] = piece
        by_piece[piece].append(p)
        by_file[p.file].append(p)
        owner = institution_of(p, owners, codes)
        if owner is not None:
            by_institution[owner].append(p)
        if piece in PER_INSTITUTION:
            by_piece_institution[(piece, owner)].append(p)

    kpi_definitions_broken = bool(errors_of(by_piece["kpi_definities"]))

    def checked(piece: str) -> bool:
        if piece in CHECKED_BY_RULES:
            return True
        if not complete:
            return False
        return not (piece in NEED_KPI_DEFINITIONS and kpi_definitions_broken)

    delivered = _delivered_files(dataset)
    pieces: dict[str, Cell] = {}
    for piece in PIECES:
        if piece in ONLY_WITH_PROBLEMS and not by_piece[piece]:
            continue
        files = delivered.get(piece, [])
        is_delivered = bool(files) or piece in ONLY_WITH_PROBLEMS
        pieces[piece] = _cell(is_delivered, by_piece[piece], checked(piece), files)

    year = dataset.huidig
    rows: list[InstitutionStatus] = []
    for code, naam in institutions:
        cells = {piece: _cell(_rows_of(getattr(year, piece), code),
                              by_piece_institution[(piece, code)], checked(piece))
                 for piece in PER_INSTITUTION}
        rows.append(InstitutionStatus(code=code, naam=naam, cells=cells))
    unassigned = {piece: _cell(True, by_piece_institution[(piece, None)], checked(piece))
                  for piece in PER_INSTITUTION if by_piece_institution[(piece, None)]}

    ordered = {f: sorted(ps, key=lambda p: (not p.is_error, p.line or 0))
               for f, ps in sorted(by_file.items(), key=lambda kv: _file_order(kv[0]))}
    errors = len(errors_of(problems))
    word = resolve_sectorplan(dataset.referentie.sectorplan, dataset.looptijd)["instelling"]
    return Status(jaar=dataset.jaar, data_dir=data_dir, pieces=pieces, institutions=rows,
                  unassigned=unassigned, problems=list(problems), by_file=ordered,
                  by_institution=dict(by_institution), piece_of_file=piece_of_file,
                  complete=complete, errors=errors, warnings=len(problems) - errors,
                  instelling=word if isinstance(word, str) and word else "instelling")


def _file_order(file: str) -> tuple[int, str]:
    """Files in the order of the pieces, then by name."""
    piece = piece_of(first_file(file))
    return (PIECES.index(piece) if piece in PIECES else len(PIECES), file)

"""`reportgen status` in words: the facts of `reportgen.status.Status` become the rows the
terminal table (rich) and the HTML page print. Both read the same `StatusView`, so they
always say the same thing."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from ..errors import Problem
from ..formatting import fmt_datum
from ..status import PER_INSTITUTION, Cell, Status

PIECE_LABELS = {
    "financien": "Financiën",
    "personeel": "Personeel",
    "kpi_waarden": "KPI-waarden",
    "teksten": "Teksten",
    "kpi_oordeel": "Oordelen van de commissie per KPI",
    "instellingen": "Rapport- en sectorplaninstellingen (rapport.toml, sectorplan.toml)",
    "werkdrukmonitor": "Werkdrukmonitor",
    "kpi_definities": "KPI-definities (kpis.csv, indicatoren.csv)",
    "commissie": "Samenstelling van de commissie",
    "referentie": "Referentiegegevens",
    "opbouw": "Opbouw van het rapport en sjablonen",
    "overig": "Overige meldingen",
}
#: Styling hook per state (CSS class and terminal colour); the words carry the meaning.
TONE = {"aangeleverd": "goed", "fouten": "fout", "ontbreekt": "fout",
        "niet_vereist": "neutraal"}


def aantal(n: int, enkel: str, meer: str) -> str:
    return f"{n} {enkel if n == 1 else meer}"


def fouten(n: int) -> str:
    return aantal(n, "fout", "fouten")


def waarschuwingen(n: int) -> str:
    return aantal(n, "waarschuwing", "waarschuwingen")


@dataclass(frozen=True)
class CellView:
    text: str  # "aangeleverd", "3 fouten", "ontbreekt (1 fout)", ...
    tone: str  # goed | fout | let-op | neutraal
    note: str = ""  # "2 waarschuwingen", "nog niet gecontroleerd", ...

    @property
    def full(self) -> str:
        return f"{self.text}; {self.note}" if self.note else self.text


def cell_view(cell: Cell) -> CellView:
    if cell.state == "aangeleverd":
        text = "aangeleverd"
    elif cell.state == "fouten":
        text = fouten(cell.errors)
    elif cell.state == "ontbreekt":
        text = "ontbreekt" + (f" ({fouten(cell.errors)})" if cell.errors else "")
    else:
        text = "niet aangeleverd, niet vereist"
    notes = []
    if cell.warnings:
        notes.append(waarschuwingen(cell.warnings))
    if not cell.checked:
        notes.append("nog niet volledig gecontroleerd" if cell.state != "ontbreekt"
                     else "nog niet gecontroleerd")
    tone = TONE[cell.state]
    if tone == "goed" and cell.warnings:
        tone = "let-op"
    return CellView(text=text, tone=tone, note=", ".join(notes))


def count_view(cell: Cell | None) -> CellView:
    """Problems that concern a whole file rather than one institution: counts only."""
    if cell is None or not (cell.errors or cell.warnings):
        return CellView("–", "neutraal")
    if cell.errors:
        return CellView(fouten(cell.errors), "fout",
                        waarschuwingen(cell.warnings) if cell.warnings else "")
    return CellView(waarschuwingen(cell.warnings), "let-op")


@dataclass(frozen=True)
class PieceRow:
    key: str
    label: str
    cell: CellView
    files: tuple[str, ...]  # the files that were read, e.g. "2025/financien.csv"


@dataclass(frozen=True)
class InstitutionRow:
    code: str
    naam: str
    cells: tuple[CellView, ...]  # in the order of `StatusView.institution_columns`
    problems: int  # problems (errors and warnings) attributed to this institution


@dataclass(frozen=True)
class ProblemGroup:
    """The problems of one piece; those of a per-institution piece by institution."""

    piece: str  # label of the piece
    errors: int
    warnings: int
    parts: tuple[tuple[str, tuple[str, ...]], ...]  # (institution name or "", problems)


@dataclass(frozen=True)
class StatusView:
    jaar: int
    titel: str
    ondertitel: str
    instelling: str  # the plan's word for one institution ("umc")
    pieces: tuple[PieceRow, ...]
    institution_columns: tuple[str, ...]
    institutions: tuple[InstitutionRow, ...]
    unassigned: tuple[CellView, ...] | None  # per-institution pieces: no institution
    unassigned_label: str
    can_build: bool
    conclusie: str  # the bottom line
    toelichting: tuple[str, ...]  # what follows from it, what to do next
    groups: tuple[ProblemGroup, ...]


def conclusion(status: Status) -> tuple[str, tuple[str, ...]]:
    """The bottom line: can a final build run now, and if not, how many errors block it."""
    if status.can_build:
        head = "Een definitieve build kan nu draaien: de controles vinden geen fouten."
        more = ((f"Er zijn {waarschuwingen(status.warnings)}; die houden de build niet "
                 "tegen, maar zijn het nalezen waard.",) if status.warnings else ())
        return head, more
    head = (f"Een definitieve build kan nu niet draaien: {fouten(status.errors)} "
            f"{'houdt' if status.errors == 1 else 'houden'} hem tegen.")
    more: list[str] = []
    if not status.complete:
        more.append("De controle stopte bij de fouten in de gegevens. Ontbrekende "
                    "onderdelen en de teksten worden pas gecontroleerd als die fouten zijn "
                    "opgelost; daarna kunnen er meer meldingen volgen.")
    if status.pieces.get("kpi_definities") and status.pieces["kpi_definities"].errors:
        more.append("Zonder volledige KPI-definities zijn de KPI-waarden, de oordelen van de "
                    "commissie en de werkdrukmonitor nog niet te controleren.")
    if status.draft_errors == 0:
        more.append("Een conceptversie (reportgen build --draft) kan wel draaien: daarin "
                    "worden ontbrekende onderdelen zichtbare plaatshouders.")
    elif status.draft_errors:
        more.append(f"Ook een conceptversie (reportgen build --draft) kan nu niet draaien: "
                    f"{fouten(status.draft_errors)} "
                    f"{'houdt' if status.draft_errors == 1 else 'houden'} die tegen.")
    return head, tuple(more)


def status_view(status: Status, instelling: str = "instelling",
                now: dt.datetime | None = None) -> StatusView:
    now = now or dt.datetime.now()
    pieces = tuple(PieceRow(key=k, label=PIECE_LABELS[k], cell=cell_view(c), files=c.files)
                   for k, c in status.pieces.items())
    institutions = tuple(
        InstitutionRow(code=i.code, naam=i.naam,
                       cells=tuple(cell_view(i.cells[p]) for p in PER_INSTITUTION),
                       problems=len(status.by_institution.get(i.code, ())))
        for i in status.institutions)
    unassigned = None
    if status.unassigned:
        unassigned = tuple(count_view(status.unassigned.get(p)) for p in PER_INSTITUTION)
    unassigned_label = f"Het hele bestand (niet één {instelling})"
    head, more = conclusion(status)
    data = status.data_dir.as_posix()
    return StatusView(
        jaar=status.jaar, titel=f"Stand van de aanlevering {status.jaar}",
        ondertitel=(f"Datamap {data}, opgesteld op {fmt_datum(now.date())} om "
                    f"{now:%H.%M} uur"),
        instelling=instelling, pieces=pieces,
        institution_columns=tuple(PIECE_LABELS[p] for p in PER_INSTITUTION),
        institutions=institutions, unassigned=unassigned,
        unassigned_label=unassigned_label,
        can_build=status.can_build,
        conclusie=head, toelichting=more, groups=_groups(status, unassigned_label))


def _groups(status: Status, unassigned_label: str) -> tuple[ProblemGroup, ...]:
    """Every problem, by piece (in overview order) and, for the pieces the institutions
    deliver themselves, by institution; each as `reportgen validate` prints it."""
    names = {i.code: i.naam for i in status.institutions}
    owner = {id(p): code for code, ps in status.by_institution.items() for p in ps}
    by_piece: dict[str, list[Problem]] = {}
    for file, problems in status.by_file.items():
        by_piece.setdefault(status.piece_of_file.get(file, "overig"), []).extend(problems)
    groups = []
    for piece in [k for k in PIECE_LABELS if k in by_piece]:
        problems = by_piece[piece]
        errors = sum(1 for p in problems if p.is_error)
        if piece in PER_INSTITUTION:
            parts: dict[str, list[str]] = {}
            for code in [*names, None]:
                lines = [str(p) for p in problems if owner.get(id(p)) == code]
                if lines:
                    parts[names[code] if code else unassigned_label] = lines
            grouped = tuple((k, tuple(v)) for k, v in parts.items())
        else:
            grouped = (("", tuple(str(p) for p in problems)),)
        groups.append(ProblemGroup(piece=PIECE_LABELS[piece], errors=errors,
                                   warnings=len(problems) - errors, parts=grouped))
    return tuple(groups)


def validate_hint(jaar: int, data_dir: Path) -> str:
    data = "" if data_dir.as_posix() in ("data", "./data") else f" --data {data_dir}"
    return (f"Elke melding met bestand, regel en kolom: reportgen validate --year "
            f"{jaar}{data}")

"""`reportgen import`: read the workbooks the institutions returned into data/<jaar>/.

For every returned file (a path given, or the files directly inside a folder given):
1. open it safely: a regular file of at most MAX_BYTES, a real .xlsx (not .xls, .csv, .ods
   or anything else renamed), not a zip bomb; symbolic links inside a given folder are
   skipped, not followed;
2. institution and year from inside the workbook (reportgen/workbooks.py), checked against
   `--year`, referentie/umcs.csv, the file name and the other files of the same run;
3. the three data sheets read twice with openpyxl, with and without `data_only`: every
   formula is an error naming its cell (a formula is never read, so one without a cached
   value cannot turn into 0 or empty), as are merged cells, invisible or
   direction-changing characters and values outside the header's columns;
4. the cells converted exactly as a contract file's (`loading.to_frame`) and checked by the
   contract rules (`validation.validate_year_tables`, with the workbook's institution as the
   only one), plus the theme matrix.
Each problem names the workbook, the sheet and the cell. A workbook without errors replaces
its institution's rows in data/<jaar>/financien.csv, personeel.csv and kpi_waarden.csv
(reportgen/datafiles.py, atomically); a workbook with errors changes nothing and gets a
feedback workbook (reportgen/feedback.py).
"""

from __future__ import annotations

import dataclasses
import io
import re
import warnings
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from . import feedback, inputfiles, loading, validation
from .build import folder_lock, write_files_atomic
from .datafiles import DataFile, read_data_file
from .dataset import Dataset, Reference, YearData
from .errors import ConfigError, DataError, Problem, Severity, errors_of
from .workbooks import (
    DATA_SHEETS, INSTITUTION_COLUMN, KNOWN_SHEETS, codes, default_folder, feedback_name,
    institutions, load_reference, read_meta,
)

# The limits and the invisible characters are declared once, in reportgen/inputfiles.py.
MAX_BYTES = inputfiles.MAX_BYTES["werkmap"]
MAX_UNPACKED = inputfiles.MAX_UNPACKED
MAX_ROWS = inputfiles.MAX_ROWS["werkmap"]
MAX_COLUMNS = inputfiles.MAX_COLUMNS["werkmap"]
RETURN_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".csv", ".ods", ".numbers")
OLE_MAGIC = bytes.fromhex("d0cf11e0a1b11ae1")
INVISIBLE = inputfiles.INVISIBLE


@dataclass
class Delivery:
    """One returned file and what became of it."""

    path: Path
    name: str  # the file name, as problems show it
    problems: list[Problem] = field(default_factory=list)
    code: str | None = None
    jaar: int | None = None
    content: bytes | None = None  # the file, when it opened as a workbook (for feedback)
    frames: dict[str, pd.DataFrame] = field(default_factory=dict)
    tables: dict[str, _Sheet] = field(default_factory=dict)  # data sheet -> cells read
    imported: bool = False
    feedback: Path | None = None

    @property
    def ok(self) -> bool:
        return not errors_of(self.problems)

    def add(self, expected: str, sheet: str | None = None, cell: str | None = None,
            column: str | None = None, value: Any = None, line: int | None = None,
            severity: Severity = "error") -> None:
        self.problems.append(Problem(
            self.name, expected, line=line, column=column,
            value=None if value is None else loading.as_text(value) or str(value),
            severity=severity, sheet=sheet, cell=cell))


@dataclass
class ImportResult:
    deliveries: list[Delivery]
    warnings: list[Problem] = field(default_factory=list)  # skipped files
    written: list[Path] = field(default_factory=list)  # data files replaced
    removed: list[Path] = field(default_factory=list)  # outdated feedback workbooks


# ------------------------------------------------------------------ entry point


def import_workbooks(data_dir: Path, jaar: int, paths: list[Path],
                     out_dir: Path | None = None) -> ImportResult:
    """Read the returned workbooks `paths` (files or folders) for year `jaar`."""
    data_dir = Path(data_dir)
    ref = load_reference(data_dir, jaar)
    files, skipped = collect_files(paths)
    _read_targets(data_dir, jaar)  # refuse before reading anything when data/<jaar> is unfit
    deliveries = [read_delivery(path, jaar, ref, data_dir, from_folder)
                  for path, from_folder in files]
    _check_duplicates(deliveries)
    folder = Path(out_dir) if out_dir is not None else default_folder(jaar)
    result = ImportResult(deliveries=deliveries, warnings=skipped)
    clean = [d for d in deliveries if d.ok]
    if clean:
        order = {code: n for n, code in enumerate(institutions(ref))}
        (data_dir / str(jaar)).mkdir(exist_ok=True)
        with folder_lock(data_dir / str(jaar), f"Er loopt al een import in "
                         f"'{data_dir / str(jaar)}'; probeer het straks opnieuw."):
            new: list[tuple[Path, bytes]] = []
            for table, target in _read_targets(data_dir, jaar).items():  # under the lock
                for d in sorted(clean, key=lambda d: order.get(d.code, len(order))):
                    target.replace(d.code, _rows(d.frames[table]), order)
                if target.exists or any(len(d.frames[table]) for d in clean):
                    new.append((target.path, target.render()))
            write_files_atomic(new)
            result.written = [path for path, _ in new]
        for d in clean:
            d.imported = True
            stale = folder / feedback_name(jaar, d.code)
            if stale.is_file():
                stale.unlink()
                result.removed.append(stale)
    for d in deliveries:
        if not d.ok and d.content is not None:
            path = folder / feedback_name(jaar, d.code or d.path.stem)
            try:
                feedback.write_feedback(d, ref, jaar, path)
                d.feedback = path
            except Exception as err:  # noqa: BLE001 - the import itself has succeeded
                d.add(f"de terugkoppelingswerkmap kon niet worden gemaakt "
                      f"({type(err).__name__}: {err}); geef de fouten hierboven door",
                      severity="warning")
    return result


def _read_targets(data_dir: Path, jaar: int) -> dict[str, DataFile]:
    """The year's three tables, ready to be rewritten; DataError when one cannot be."""
    targets: dict[str, DataFile] = {}
    problems: list[Problem] = []
    for table in DATA_SHEETS:
        target, found = read_data_file(data_dir, jaar, table)
        problems += found
        if target is not None:
            targets[table] = target
    if problems:
        raise DataError(problems)
    return targets


def _rows(frame: pd.DataFrame) -> list[dict[str, Any]]:
    return [{k: v for k, v in row.items() if k != "_line"}
            for row in frame.to_dict("records")]


# ------------------------------------------------------------------ finding the files


def collect_files(paths: list[Path]) -> tuple[list[tuple[Path, bool]], list[Problem]]:
    """The files to read, each with whether it was found inside a given folder; warnings
    for what was skipped. A given path that does not exist is a usage error."""
    files: list[tuple[Path, bool]] = []
    skipped: list[Problem] = []
    seen: set[Path] = set()
    for given in paths:
        given = Path(given)
        if not given.exists():
            raise ConfigError(f"'{given}' bestaat niet.")
        if not given.is_dir():
            if given.resolve() not in seen:
                seen.add(given.resolve())
                files.append((given, False))
            continue
        for entry in sorted(given.iterdir()):
            if entry.name.startswith((".", "~$")):
                continue  # hidden files and Excel's lock files
            if entry.is_symlink():
                skipped.append(Problem(str(entry), "symbolische koppeling; wordt niet "
                                       "gevolgd en niet ingelezen", severity="warning"))
            elif entry.is_dir():
                skipped.append(Problem(str(entry), "submap; alleen bestanden direct in de "
                                       "opgegeven map worden ingelezen", severity="warning"))
            elif entry.suffix.lower() in RETURN_SUFFIXES:
                if entry.resolve() not in seen:  # the same file given twice
                    seen.add(entry.resolve())
                    files.append((entry, True))
            else:
                skipped.append(Problem(str(entry), "geen werkmap (.xlsx); wordt overgeslagen",
                                       severity="warning"))
    if not files:
        where = ", ".join(str(p) for p in paths)
        raise ConfigError(f"Geen werkmappen gevonden in {where}; verwacht: .xlsx-bestanden "
                          "zoals 'reportgen intake' ze maakt.")
    return files, skipped


# ------------------------------------------------------------------ one workbook


def read_delivery(path: Path, jaar: int, ref: Reference, data_dir: Path,
                  from_folder: bool) -> Delivery:
    """Read and check one returned file; its problems in workbook order (the workbook
    as a whole, then sheet by sheet, row by row), errors before warnings."""
    d = _read_delivery(path, jaar, ref, data_dir, from_folder)
    d.problems.sort(key=_problem_order)
    return d


def _problem_order(p: Problem) -> tuple:
    from openpyxl.utils.cell import coordinate_from_string, column_index_from_string

    sheet = DATA_SHEETS.index(p.sheet) if p.sheet in DATA_SHEETS else (
        -1 if p.sheet is None else len(DATA_SHEETS))
    row = col = 0
    if p.cell:
        letters, row = coordinate_from_string(p.cell)
        col = column_index_from_string(letters)
    return (not p.is_error, sheet, row or p.line or 0, col)


def _read_delivery(path: Path, jaar: int, ref: Reference, data_dir: Path,
                   from_folder: bool) -> Delivery:
    d = Delivery(path=path, name=path.name)
    data = _read_bytes(d, from_folder)
    if data is None or not _looks_like_xlsx(d, data):
        return d
    books = _open_books(d, data)
    if books is None:
        return d
    d.content = data
    with_formulas, values = books
    if not _check_identity(d, with_formulas, jaar, ref):
        return d
    for name, title in _check_sheets(d, with_formulas).items():
        table = _read_sheet(d, with_formulas[title], values[title], title, name)
        if table is not None:
            d.tables[name] = table
    if len(d.tables) == len(DATA_SHEETS) and not any(t.rows for t in d.tables.values()):
        d.add("de werkmap is niet ingevuld: de bladen financien, personeel en kpi_waarden "
              "bevatten geen gegevens")
        return d
    for name, table in d.tables.items():
        d.frames[name] = _to_frame(d, table, name)
    if len(d.tables) == len(DATA_SHEETS):
        _apply_rules(d, ref, jaar, data_dir)
    return d


def _read_bytes(d: Delivery, from_folder: bool) -> bytes | None:
    suffix = d.path.suffix.lower()
    messages = {
        ".xls": "een Excel 97-2003-bestand (.xls); verwacht: de werkmap als Excel-werkmap "
                "(.xlsx), zoals u die ontving (Opslaan als > Excel-werkmap)",
        ".csv": "een CSV-bestand; verwacht: de ingevulde werkmap (.xlsx) zelf, niet een "
                "export van één blad",
        ".xlsm": "een werkmap met macro's (.xlsm); verwacht: een Excel-werkmap (.xlsx) "
                 "zonder macro's (Opslaan als > Excel-werkmap)",
        ".ods": "een OpenDocument-werkblad (.ods); verwacht: een Excel-werkmap (.xlsx) "
                "(Opslaan als > Excel 2007-365)",
        ".numbers": "een Numbers-bestand; verwacht: een Excel-werkmap (.xlsx) (Exporteer "
                    "naar > Excel)",
    }
    if suffix in messages:
        d.add(messages[suffix])
        return None
    if suffix != ".xlsx":
        d.add(f"bestandstype '{d.path.suffix or '(geen)'}'; verwacht: een Excel-werkmap "
              "(.xlsx)")
        return None
    try:
        data = inputfiles.read_regular(d.path, MAX_BYTES, follow=not from_folder)
    except inputfiles.NotRegular:
        d.add("geen gewoon bestand; verwacht: een Excel-werkmap (.xlsx)")
        return None
    except inputfiles.TooBig as err:
        d.add(inputfiles.too_big(err.size, "werkmap") + " (een ingevulde werkmap is "
              "gewoonlijk kleiner dan 1 MB)")
        return None
    except OSError as err:
        d.add(f"het bestand kan niet worden geopend ({err.strerror})")
        return None
    if not data:
        d.add("het bestand is leeg (0 bytes); verwacht: de ingevulde werkmap")
        return None
    return data


_megabytes = inputfiles.megabytes


def _looks_like_xlsx(d: Delivery, data: bytes) -> bool:
    """A zip with the parts of an Excel workbook, small enough when unpacked."""
    if data.startswith(OLE_MAGIC):
        d.add("geen .xlsx-werkmap: het bestand is een oud Excel-bestand (.xls) of een "
              "werkmap die met een wachtwoord is beveiligd; verwacht: een Excel-werkmap "
              "(.xlsx) zonder wachtwoord om te openen")
        return False
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            infos = zf.infolist()
            names = {i.filename for i in infos}
            mimetype = zf.read("mimetype")[:100] if "mimetype" in names else b""
    except (zipfile.BadZipFile, OSError, ValueError, KeyError, RuntimeError):
        looks_text = b"\x00" not in data[:4096]
        kind = " (het lijkt een tekstbestand, bijv. CSV)" if looks_text else ""
        d.add(f"geen Excel-werkmap: de inhoud is geen .xlsx-bestand{kind}, alleen de naam "
              "eindigt op .xlsx; verwacht: de werkmap zoals Excel die opslaat")
        return False
    if b"opendocument" in mimetype:
        d.add("een OpenDocument-werkblad met de naam .xlsx; verwacht: een Excel-werkmap "
              "(.xlsx) (Opslaan als > Excel 2007-365)")
        return False
    if not any(n.startswith("xl/") for n in names):
        d.add("geen Excel-werkmap: een zip-archief zonder werkbladen (bijv. een ander "
              "Office-document) met de naam .xlsx; verwacht: de ingevulde werkmap")
        return False
    unpacked = sum(i.file_size for i in infos)
    if unpacked > MAX_UNPACKED:
        d.add(f"de werkmap is uitgepakt {_megabytes(unpacked)} groot; verwacht: hoogstens "
              f"{_megabytes(MAX_UNPACKED)}; het is niet gelezen")
        return False
    return True


def _open_books(d: Delivery, data: bytes) -> tuple[Any, Any] | None:
    """The workbook with formulas and the one with cached values."""
    from openpyxl import load_workbook

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # openpyxl's notes on unsupported extensions
            with_formulas = load_workbook(io.BytesIO(data), data_only=False)
            values = load_workbook(io.BytesIO(data), data_only=True)
    except Exception as err:  # noqa: BLE001 - any failure of a foreign file is a message
        d.add(f"de werkmap kan niet worden gelezen ({type(err).__name__}); verwacht: een "
              "werkmap die Excel zonder foutmelding opent")
        return None
    return with_formulas, values


_CODE_BOUNDARY = r"(?<![A-Za-z0-9]){}(?![A-Za-z0-9])"


def _check_identity(d: Delivery, wb: Any, jaar: int, ref: Reference) -> bool:
    """Institution and year from inside the workbook; False when reading on makes no
    sense (no record of them, another year, an unknown institution)."""
    d.code, d.jaar = read_meta(wb)
    if not any(ws.max_row > 1 or ws.max_column > 1 or ws.cell(1, 1).value is not None
               for ws in wb.worksheets):
        d.add("de werkmap is leeg; verwacht: de ingevulde werkmap die u van het "
              "secretariaat ontving")
        return False
    if d.code is None or d.jaar is None:
        d.add("in de werkmap staat niet voor welke instelling en welk jaar zij is; verwacht: "
              "de werkmap die 'reportgen intake' maakte (gegevens overgenomen in een nieuwe "
              "werkmap worden niet herkend)")
        return False
    if d.jaar != jaar:
        d.add(f"deze werkmap is voor {d.jaar}; verwacht: een werkmap voor {jaar} (het jaar "
              f"dat wordt ingelezen)", value=d.jaar)
        return False
    known = institutions(ref)
    if d.code not in known:
        d.add(f"instelling '{d.code}' staat niet in referentie/umcs.csv; verwacht: een van "
              f"{', '.join(known)}", value=d.code)
        return False
    named = [code for code in known
             if re.search(_CODE_BOUNDARY.format(re.escape(code)), d.path.stem, re.I)]
    if named and d.code not in named:
        d.add(f"de bestandsnaam noemt {', '.join(named)}, maar de werkmap is van {d.code} "
              f"({known[d.code]}); verwacht: de werkmap van de instelling zelf (is de "
              "werkmap van een andere instelling ingevuld?)", value=d.path.name)
    return True


def _check_duplicates(deliveries: list[Delivery]) -> None:
    by_code: dict[str, list[Delivery]] = {}
    for d in deliveries:
        if d.code is not None and d.content is not None:
            by_code.setdefault(d.code, []).append(d)
    for code, group in by_code.items():
        for d in group if len(group) > 1 else ():
            others = ", ".join(str(o.path) for o in group if o is not d)
            d.add(f"nog een werkmap van {code} in deze import: {others}; verwacht: één "
                  "werkmap per instelling (geen van beide is ingelezen)")


def _check_sheets(d: Delivery, wb: Any) -> dict[str, str]:
    """Data sheet -> the sheet's title in the workbook (matched case-insensitively);
    missing ones are errors, unknown ones warnings."""
    present: dict[str, str] = {}
    by_key = {name.strip().lower(): name for name in wb.sheetnames}
    for sheet in DATA_SHEETS:
        actual = by_key.get(sheet)
        if actual is None:
            d.add(f"blad '{sheet}' ontbreekt; verwacht: de bladen "
                  f"{', '.join(DATA_SHEETS)} met hun oorspronkelijke naam", sheet=sheet)
        elif not hasattr(wb[actual], "iter_rows"):
            d.add("geen werkblad met cellen (bijv. een grafiekblad)", sheet=actual)
        else:
            present[sheet] = actual
    for name in wb.sheetnames:
        if name.strip().lower() not in KNOWN_SHEETS:
            d.add("extra blad; wordt niet ingelezen", sheet=name, severity="warning")
    return present


# ------------------------------------------------------------------ one sheet


@dataclass
class _Sheet:
    title: str  # as the workbook spells it
    header_line: int
    header: list[Any]
    rows: list[tuple[int, list[Any]]]
    letters: dict[str, str]  # column name (and "kolom N") -> column letter
    reported: set[tuple[int, str]]  # (line, column name) already reported


def _read_sheet(d: Delivery, ws_f: Any, ws_v: Any, sheet: str, name: str) -> _Sheet | None:
    """The sheet's cells as a contract table; formulas, merged cells, invisible
    characters and cells outside the header's columns are errors here."""
    from openpyxl.utils import get_column_letter

    if ws_f.max_row > MAX_ROWS or ws_f.max_column > MAX_COLUMNS:
        d.add(f"het blad gebruikt {ws_f.max_row} rijen en {ws_f.max_column} kolommen "
              f"(tot cel {get_column_letter(ws_f.max_column)}{ws_f.max_row}); verwacht: "
              f"hoogstens {MAX_ROWS} rijen en {MAX_COLUMNS} kolommen", sheet=sheet)
        return None
    n_rows, n_cols = ws_f.max_row, ws_f.max_column
    grid = [list(r) for r in ws_v.iter_rows(min_row=1, max_row=n_rows, max_col=n_cols,
                                            values_only=True)]
    bad: set[tuple[int, int]] = set()  # (row, col), 1-based: reported, read as empty
    for merged in ws_f.merged_cells.ranges:
        d.add(f"samengevoegde cellen {merged.coord}; verwacht: elke waarde in een eigen "
              "cel (maak het samenvoegen ongedaan)", sheet=sheet,
              cell=f"{get_column_letter(merged.min_col)}{merged.min_row}")
        bad |= {(r, c) for r in range(merged.min_row, merged.max_row + 1)
                for c in range(merged.min_col, merged.max_col + 1)
                if (r, c) != (merged.min_row, merged.min_col)}
    for row in ws_f.iter_rows(min_row=1, max_row=n_rows, max_col=n_cols):
        for cell in row:
            value = cell.value
            text = inputfiles.formula_text(cell)
            if text is not None:
                cached = grid[cell.row - 1][cell.column - 1]
                d.add(f"een formule ({inputfiles.describe_cached(cached)}); verwacht: een "
                      "ingevulde waarde (kopieer de cel en plak alleen de waarde)",
                      sheet=sheet, cell=cell.coordinate, value=text)
                bad.add((cell.row, cell.column))
            elif isinstance(value, str) and INVISIBLE.search(value):
                d.add(inputfiles.invisible_expected(value), sheet=sheet, cell=cell.coordinate,
                      value=inputfiles.show_invisible(value))
                bad.add((cell.row, cell.column))
    for r, c in bad:
        grid[r - 1][c - 1] = None
    records = [(n, cells) for n, cells in enumerate(grid, start=1)]
    raw = loading.split_header(records, "xlsx")
    if raw is None:
        d.add(f"het blad is leeg; verwacht: de kopregel "
              f"({', '.join(_required(name))}) en de gegevens", sheet=sheet)
        return None
    width = max((i + 1 for i, c in enumerate(raw.header) if not loading.is_empty(c)),
                default=0)
    letters: dict[str, str] = {}
    for idx in range(width):
        letters.setdefault(loading.column_key(raw.header[idx]), get_column_letter(idx + 1))
        letters[f"kolom {idx + 1}"] = get_column_letter(idx + 1)
    umc_at = next((i for i in range(width)
                   if loading.column_key(raw.header[i]) == INSTITUTION_COLUMN), None)
    rows = []
    for line, cells in raw.rows:
        for idx in range(width, len(cells)):
            if not loading.is_empty(cells[idx]):
                d.add("een waarde buiten de kolommen van de kopregel; verwacht: gegevens "
                      "alleen onder een kolomnaam", sheet=sheet,
                      cell=f"{get_column_letter(idx + 1)}{line}", value=cells[idx])
        cells = cells[:width]
        if all(loading.is_empty(c) for i, c in enumerate(cells) if i != umc_at) and \
                not any((line, i + 1) in bad for i in range(width)):
            continue  # an unused row (only the pre-filled institution code)
        rows.append((line, cells))
    reported = {(r, loading.column_key(raw.header[c - 1])) for r, c in bad if c <= width}
    names = {letter: name for name, letter in letters.items() if not name.startswith("kolom ")}
    for i, p in enumerate(d.problems):  # formulas etc. were found before the header
        if p.sheet == sheet and p.cell and p.column is None:
            letter = p.cell.rstrip("0123456789")
            if letter in names and int(p.cell[len(letter):]) > raw.header_line:
                d.problems[i] = dataclasses.replace(p, column=names[letter])
    return _Sheet(sheet, raw.header_line, raw.header[:width], rows, letters, reported)


def _required(sheet: str) -> list[str]:
    return [c.name for c in loading.SCHEMAS[sheet].columns if c.required]


def _relocate(d: Delivery, problem: Problem, table: _Sheet) -> None:
    """A problem of `loading`/`validation` (line, column) as the workbook's cell."""
    letter = table.letters.get(problem.column or "")
    cell = f"{letter}{problem.line}" if letter and problem.line is not None else None
    d.problems.append(Problem(d.name, problem.expected, line=None if cell else problem.line,
                              column=problem.column, value=problem.value,
                              severity=problem.severity, sheet=table.title, cell=cell))


def _to_frame(d: Delivery, table: _Sheet, name: str) -> pd.DataFrame:
    raw = loading.RawTable.from_rows(table.header_line, table.header, table.rows, "xlsx")
    frame, problems = loading.to_frame(raw, loading.SCHEMAS[name], name)
    for p in problems:
        if p.expected == loading.EXPECT_ROWS or (p.line, p.column) in table.reported:
            continue  # no rows: checked by the rules; reported cells: reported once
        _relocate(d, p, table)
    if INSTITUTION_COLUMN in frame:
        for idx, row in frame.iterrows():
            umc = row[INSTITUTION_COLUMN]
            if umc is not None and umc != d.code:
                d.add(f"verwacht: '{d.code}', de instelling van deze werkmap; gegevens van "
                      "een andere instelling horen in de werkmap van die instelling",
                      sheet=table.title,
                      cell=f"{table.letters[INSTITUTION_COLUMN]}{row['_line']}",
                      column=INSTITUTION_COLUMN, value=umc)
                frame.at[idx, INSTITUTION_COLUMN] = None
    return frame


# ------------------------------------------------------------------ the rules


def _apply_rules(d: Delivery, ref: Reference, jaar: int, data_dir: Path) -> None:
    """The contract rules on the workbook's tables, with its institution as the only one,
    and the theme matrix."""
    year = YearData(jaar=jaar, financien=d.frames["financien"],
                    personeel=d.frames["personeel"], kpi_waarden=d.frames["kpi_waarden"])
    dataset = Dataset(root=data_dir, jaar=jaar, referentie=ref, jaren={jaar: year})
    files = {f"{jaar}/{sheet}": sheet for sheet in DATA_SHEETS}
    for p in validation.validate_year_tables(dataset, jaar, [d.code], files):
        if p.file in d.tables:
            _relocate(d, p, d.tables[p.file])
        else:
            d.problems.append(Problem(d.name, p.expected, line=p.line, column=p.column,
                                      value=p.value, severity=p.severity))
    _check_theme_matrix(d, ref, d.tables["personeel"])


def _check_theme_matrix(d: Delivery, ref: Reference, table: _Sheet) -> None:
    """A person on a subtheme the institution does not invest in (Bijlage I) is a
    warning: legal, but the figures per subtheme will show it."""
    matrix = ref.themamatrix
    invested = {row["subthema"] for row in matrix.to_dict("records")
                if row.get("umc") == d.code}
    known = set(codes(ref.subthemas))
    if not invested:
        return
    lines: dict[str, list[int]] = {}
    for row in d.frames["personeel"].to_dict("records"):
        sub = row.get("subthema")
        if sub in known and sub not in invested:
            lines.setdefault(sub, []).append(row["_line"])
    letter = table.letters.get("subthema")
    for sub, found in lines.items():
        who = "1 persoon" if len(found) == 1 else f"{len(found)} personen"
        d.add(f"{d.code} investeert volgens referentie/themamatrix.csv niet in subthema "
              f"'{sub}' ({who}); klopt het subthema?", sheet=table.title,
              cell=f"{letter}{found[0]}" if letter else None, column="subthema", value=sub,
              severity="warning")

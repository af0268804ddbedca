"""`reportgen intake`: one Excel workbook per institution to collect a year's figures.

Each workbook (`intake-<jaar>-<code>.xlsx`) has
- `toelichting`: what to fill in, per column, the peildatum and whom to ask;
- `financien`, `personeel`, `kpi_waarden`: header row = the contract's column names
  (from `loading.SCHEMAS`), the institution's code filled in and locked, drop-down lists
  for the codes and validated number cells; `personeel` is pre-filled with the
  institution's persons of the previous year (ids kept);
- `keuzelijsten`: the codes of the drop-down lists with their meaning.
Every sheet is protected; only the data area of the three data sheets is unlocked (the
protection has no password: it prevents accidents, not intent). Institution and year are
recorded inside the workbook (see reportgen/workbooks.py).
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Protection
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from . import loading
from .dataset import Reference
from .vocab import CONTRACTVORM, GESLACHT
from .errors import Problem
from .validation import FTE_MAX_DECIMALS
from .workbooks import (
    BOLD, DATA_SHEETS, FIRST_DATA_ROW, HEADER_FILL, HEADER_FONT, HEADER_ROW,
    INSTITUTION_COLUMN, INSTRUCTIONS_SHEET, LISTS_SHEET, LOCKED_FILL, THIN, TITLE_FONT, WRAP,
    contact, default_folder, delivered_indicators, institutions, intake_name,
    load_reference, looptijd, save_workbook, write_meta,
)

# Empty rows offered below last year's persons, and at least this many rows in total.
SPARE_PERSON_ROWS = 200
MIN_PERSON_ROWS = 300
SPARE_KPI_ROWS = 10
UNLOCKED = Protection(locked=False)
LOCKED = Protection(locked=True)

# What each contract column means, as the instructions sheet explains it. `{jaar}` is the
# year asked for.
COLUMN_HELP: dict[str, dict[str, str]] = {
    "financien": {
        "umc": "De code van uw instelling. Staat al ingevuld.",
        "ontvangen": "Het sectorplangeld dat uw instelling in {jaar} heeft ontvangen, in euro.",
        "tijdelijke_posities": "Uitgaven in {jaar} aan tijdelijke posities, in euro.",
        "vaste_posities": "Uitgaven in {jaar} aan vaste posities, in euro.",
        "indirecte_kosten": "Indirecte kosten in {jaar} ten laste van het sectorplan, in "
                            "euro.",
        "materieel": "Materiële uitgaven in {jaar} ten laste van het sectorplan, in euro.",
    },
    "personeel": {
        "id": "Een gepseudonimiseerde code per persoon, uniek binnen uw instelling. Geen "
              "namen of personeelsnummers. Wie vorig jaar al meetelde, houdt dezelfde code.",
        "umc": "De code van uw instelling. Staat al ingevuld.",
        "functiecategorie": "De functiecategorie; kies een code uit de lijst (betekenis: "
                            "blad keuzelijsten).",
        "contractvorm": "De aard van de aanstelling; kies vast, toegezegd_vast, tijdelijk "
                        "of inloop (betekenis: blad keuzelijsten).",
        "fte": "De omvang die het sectorplan bekostigt op de peildatum: groter dan 0 en "
               "hoogstens 1, met hoogstens " + str(FTE_MAX_DECIMALS) + " decimalen (32 van "
               "36 uur is 0,8889).",
        "geslacht": "Kies v, m, x of onbekend.",
        "subthema": "Het subthema waarop deze persoon werkt; kies uit de lijst of laat leeg "
                    "als er geen subthema is.",
    },
    "kpi_waarden": {
        "umc": "De code van uw instelling. Staat al ingevuld.",
        "indicator": "De code van de indicator; kies uit de lijst. Alleen de indicatoren "
                     "die uw instelling meet; elke indicator één keer.",
        "waarde": "De gemeten waarde over {jaar}. Een percentage als getal van 0 tot en met "
                  "100 (12,5 voor 12,5%).",
    },
}

AMOUNT_FORMAT = "#,##0.00"
FTE_FORMAT = "0.00##"
NUMBER_FORMAT = "General"
TEXT_FORMAT = "@"


@dataclass
class IntakeResult:
    folder: Path
    paths: list[Path] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)


def write_intake(data_dir: Path, jaar: int, out_dir: Path | None = None) -> IntakeResult:
    """Write one intake workbook per institution of referentie/umcs.csv into `out_dir`
    (default out/intake/<jaar>/). Raises ConfigError / DataError (reference data that does
    not load); warnings (last year's persons that did not load cleanly) are returned."""
    data_dir = Path(data_dir)
    ref = load_reference(data_dir, jaar)
    folder = Path(out_dir) if out_dir is not None else default_folder(jaar)
    result = IntakeResult(folder=folder)
    previous, result.warnings = _previous_persons(data_dir, jaar)
    for code, naam in institutions(ref).items():
        rows = [r for r in previous if r.get("umc") == code]
        wb = build_workbook(ref, jaar, code, naam, rows)
        path = folder / intake_name(jaar, code)
        save_workbook(wb, path)
        result.paths.append(path)
    return result


def _previous_persons(data_dir: Path, jaar: int) -> tuple[list[dict[str, Any]],
                                                          list[Problem]]:
    """Last year's personeel rows (cells that did not load are None) and, as warnings,
    the problems of that file."""
    first, _ = looptijd(data_dir)
    if jaar - 1 < first or not (data_dir / str(jaar - 1)).is_dir():
        return [], []
    table = loading.read_table(data_dir, f"{jaar - 1}/personeel")
    warnings = [dataclasses.replace(p, severity="warning", expected=(
        f"{p.expected} (deze cel blijft leeg in de voorgevulde werkmappen)"
        if p.is_error else p.expected)) for p in table.problems]
    if table.frame is None:
        return [], warnings
    return table.frame.to_dict("records"), warnings


# ------------------------------------------------------------------ the workbook


def build_workbook(ref: Reference, jaar: int, code: str, naam: str,
                   persons: list[dict[str, Any]]) -> Workbook:
    """The intake workbook of one institution (not saved)."""
    wb = Workbook()
    instructions = wb.active
    instructions.title = INSTRUCTIONS_SHEET
    lists = _lists_sheet(wb, ref)
    sheets = {name: wb.create_sheet(name) for name in DATA_SHEETS}
    wb.move_sheet(lists.ws, offset=len(DATA_SHEETS))  # keuzelijsten last
    indicators = delivered_indicators(ref)

    fin = sheets["financien"]
    _data_sheet(fin, "financien", code, n_rows=1)
    for col in loading.AMOUNT_COLUMNS:
        _add_validation(fin, "financien", col, 1, _amount_validation())

    pers = sheets["personeel"]
    n_pers = max(len(persons) + SPARE_PERSON_ROWS, MIN_PERSON_ROWS)
    _data_sheet(pers, "personeel", code, n_rows=n_pers)
    _fill_persons(pers, persons)
    _add_validation(pers, "personeel", "fte", n_pers, _fte_validation())
    _validate_list(pers, "personeel", "functiecategorie", n_pers, lists.ranges["fc"],
                   "functiecategorie", allow_blank=False)
    _validate_list(pers, "personeel", "contractvorm", n_pers, lists.ranges["cv"],
                   "contractvorm", allow_blank=False)
    _validate_list(pers, "personeel", "geslacht", n_pers, lists.ranges["gs"], "geslacht",
                   allow_blank=False)
    _validate_list(pers, "personeel", "subthema", n_pers, lists.ranges["st"], "subthema",
                   allow_blank=True)

    kpi = sheets["kpi_waarden"]
    n_kpi = len(indicators) + SPARE_KPI_ROWS
    _data_sheet(kpi, "kpi_waarden", code, n_rows=n_kpi)
    if indicators:
        _validate_list(kpi, "kpi_waarden", "indicator", n_kpi, lists.ranges["ind"],
                       "indicator", allow_blank=False)
    _add_validation(kpi, "kpi_waarden", "waarde", n_kpi, _value_validation())

    _instructions(instructions, ref, jaar, code, naam, indicators, bool(persons))
    write_meta(wb, code, jaar)
    wb.properties.title = f"Aanlevering sectorplan {jaar} — {naam}"
    wb.properties.creator = "reportgen"
    wb.active = 0
    return wb


def _header(schema_name: str) -> list[str]:
    """The contract's column names of a table, in the schema's order."""
    return [c.name for c in loading.SCHEMAS[schema_name].columns if c.required]


def _col(schema_name: str, column: str) -> str:
    return get_column_letter(_header(schema_name).index(column) + 1)


def _data_sheet(ws: Worksheet, schema_name: str, code: str, n_rows: int) -> None:
    """Header row, the institution's code in every data row (locked), the rest of the
    data area unlocked; number formats; protection."""
    header = _header(schema_name)
    schema = loading.SCHEMAS[schema_name]
    for idx, name in enumerate(header, start=1):
        cell = ws.cell(HEADER_ROW, idx, name)
        cell.font, cell.fill, cell.protection = HEADER_FONT, HEADER_FILL, LOCKED
        kind = schema.column(name).kind
        letter = get_column_letter(idx)
        ws.column_dimensions[letter].width = max(14, len(name) + 4)
        fmt = (AMOUNT_FORMAT if kind == "amount" else FTE_FORMAT if name == "fte"
               else NUMBER_FORMAT if kind.endswith("decimal") else TEXT_FORMAT)
        for row in range(FIRST_DATA_ROW, FIRST_DATA_ROW + n_rows):
            cell = ws.cell(row, idx)
            cell.number_format = fmt
            if name == INSTITUTION_COLUMN:
                cell.value = code
                cell.fill, cell.protection = LOCKED_FILL, LOCKED
            else:
                cell.protection = UNLOCKED
    ws.freeze_panes = ws.cell(FIRST_DATA_ROW, 1)
    _protect(ws)


def _protect(ws: Worksheet) -> None:
    """Sheet protection without a password; column widths and row heights stay free."""
    ws.protection.sheet = True
    ws.protection.formatColumns = False
    ws.protection.formatRows = False


def _fill_persons(ws: Worksheet, persons: list[dict[str, Any]]) -> None:
    header = _header("personeel")
    for offset, person in enumerate(persons):
        for idx, name in enumerate(header, start=1):
            if name == INSTITUTION_COLUMN:
                continue
            value = person.get(name)
            if isinstance(value, Decimal):
                value = float(value)  # a number cell; 4 decimals survive a float
            ws.cell(FIRST_DATA_ROW + offset, idx, value)


# ------------------------------------------------------------------ validations


def _number_dv(formula1: str, operator: str, error: str, prompt: str,
               formula2: str | None = None) -> DataValidation:
    return DataValidation(type="decimal", operator=operator, formula1=formula1,
                          formula2=formula2, allow_blank=True, showErrorMessage=True,
                          showInputMessage=True, errorStyle="stop",
                          errorTitle="Ongeldige waarde", error=error,
                          promptTitle="Invullen", prompt=prompt)


def _amount_validation() -> DataValidation:
    return _number_dv("0", "greaterThanOrEqual",
                      "Vul een bedrag in euro in van 0 of meer, zonder euroteken.",
                      "Bedrag in euro (0 of meer). Een lege cel telt als 0.")


def _fte_validation() -> DataValidation:
    smallest = "0." + "0" * (FTE_MAX_DECIMALS - 1) + "1"
    return _number_dv(smallest, "between",
                      f"Vul een fte in die groter is dan 0 en hoogstens 1, met hoogstens "
                      f"{FTE_MAX_DECIMALS} decimalen (bijvoorbeeld 0,8).",
                      "Fte op de peildatum: groter dan 0 en hoogstens 1.", formula2="1")


def _value_validation() -> DataValidation:
    return _number_dv("0", "greaterThanOrEqual",
                      "Vul een getal van 0 of meer in; een percentage als getal van 0 tot "
                      "en met 100.", "De gemeten waarde (0 of meer).")


def _add_validation(ws: Worksheet, schema_name: str, column: str, n_rows: int,
                     dv: DataValidation) -> None:
    letter = _col(schema_name, column)
    dv.add(f"{letter}{FIRST_DATA_ROW}:{letter}{FIRST_DATA_ROW + n_rows - 1}")
    ws.add_data_validation(dv)


def _validate_list(ws: Worksheet, schema_name: str, column: str, n_rows: int, source: str,
                   what: str, allow_blank: bool) -> None:
    blank = " of laat de cel leeg" if allow_blank else ""
    dv = DataValidation(type="list", formula1=source, allow_blank=allow_blank,
                        showErrorMessage=True, showInputMessage=True, errorStyle="stop",
                        errorTitle="Onbekende code",
                        error=f"Kies een {what} uit de keuzelijst{blank}. De betekenis van "
                              f"de codes staat op het blad {LISTS_SHEET}.",
                        promptTitle="Invullen", prompt=f"Kies een {what} uit de lijst{blank}.")
    _add_validation(ws, schema_name, column, n_rows, dv)


# ------------------------------------------------------------------ lists sheet


class _ListsSheet:
    """The `keuzelijsten` sheet; `ranges` maps a list to its absolute cell range."""

    def __init__(self, ws: Worksheet):
        self.ws = ws
        self.ranges: dict[str, str] = {}
        self._col = 1

    def add(self, key: str, title: str, rows: list[tuple[str, ...]],
            headings: tuple[str, ...]) -> None:
        ws, col = self.ws, self._col
        ws.cell(1, col, title).font = BOLD
        for offset, heading in enumerate(headings):
            cell = ws.cell(2, col + offset, heading)
            cell.font, cell.border = BOLD, THIN
        for r, values in enumerate(rows, start=3):
            for offset, value in enumerate(values):
                ws.cell(r, col + offset, value)
        letter = get_column_letter(col)
        last = max(3, 2 + len(rows))
        self.ranges[key] = f"{quote_sheetname(ws.title)}!${letter}$3:${letter}${last}"
        ws.column_dimensions[letter].width = 26
        for offset in range(1, len(headings)):
            ws.column_dimensions[get_column_letter(col + offset)].width = 40
        self._col += len(headings) + 1


def _lists_sheet(wb: Workbook, ref: Reference) -> _ListsSheet:
    lists = _ListsSheet(wb.create_sheet(LISTS_SHEET))
    fc = [(r["code"], r.get("naam") or "", r.get("groep") or "")
          for r in ref.functiecategorieen.to_dict("records") if isinstance(r.get("code"), str)]
    lists.add("fc", "functiecategorie", fc, ("code", "naam", "groep"))
    lists.add("cv", "contractvorm", [(c, CONTRACTVORM.explain(c))
                                     for c in CONTRACTVORM.codes], ("code", "betekenis"))
    lists.add("gs", "geslacht", [(g, GESLACHT.explain(g)) for g in GESLACHT.codes],
              ("code", "betekenis"))
    st = [(r["code"], r.get("naam") or "", r.get("thema_naam") or "")
          for r in ref.subthemas.to_dict("records") if isinstance(r.get("code"), str)]
    lists.add("st", "subthema", st, ("code", "naam", "thema"))
    ind = [(r["code"], r.get("naam") or "", r.get("eenheid") or "")
           for r in delivered_indicators(ref)]
    lists.add("ind", "indicator (blad kpi_waarden)", ind, ("code", "naam", "eenheid"))
    _protect(lists.ws)
    return lists


# ------------------------------------------------------------------ instructions


def _instructions(ws: Worksheet, ref: Reference, jaar: int, code: str, naam: str,
                  indicators: list[dict], prefilled: bool) -> None:
    email = contact(ref)
    ws.column_dimensions["A"].width = 24
    ws.column_dimensions["B"].width = 100
    lines: list[tuple[str, str, Any]] = [
        ("titel", f"Aanlevering sectorplangegevens over {jaar}", None),
        ("", "", None),
        ("veld", "Instelling", f"{naam} ({code})"),
        ("veld", "Verslagjaar", jaar),
        ("veld", "Peildatum", f"31 december {jaar}"),
        ("veld", "Vragen", email),
        ("", "", None),
        ("kop", "Zo vult u de werkmap in", None),
    ]
    steps = [
        "Vul de bladen financien, personeel en kpi_waarden in. Alleen de witte cellen onder "
        "de kopregel kunt u wijzigen; de kopregel en de kolom umc liggen vast.",
        f"Vul op het blad financien alleen de bedragen over het kalenderjaar {jaar} in, "
        "geen totalen over meer jaren. Een lege cel telt als 0.",
        f"Het blad personeel beschrijft iedereen met een door het sectorplan bekostigde "
        f"positie op 31 december {jaar}, één regel per persoon."
        + (f" Het is al gevuld met de personen die uw instelling over {jaar - 1} heeft "
           "aangeleverd: werk die regels bij, maak de cellen leeg van wie niet meer "
           "meetelt en voeg nieuwe personen toe op de lege regels eronder."
           if prefilled else ""),
        "Vul op het blad kpi_waarden de KPI-metingen van uw instelling in: één regel per "
        "indicator die u meet. Meet u een indicator niet, laat die dan weg.",
        "Kies codes uit de keuzelijst in de cel. Het blad keuzelijsten geeft de betekenis "
        "van elke code.",
        "Typ of plak alleen waarden (bij plakken: Plakken speciaal > Waarden). Een werkmap "
        "met formules of samengevoegde cellen kan niet worden ingelezen; extra bladen "
        "worden overgeslagen.",
        "Verander de namen van de bladen en de kolommen niet. De instelling en het jaar "
        "liggen in de werkmap zelf vast; de bestandsnaam mag u aanpassen, maar stuur per "
        "instelling één werkmap.",
        f"Stuur de ingevulde werkmap terug naar {email}. Als er iets niet klopt, ontvangt u "
        "een terugkoppeling met de cellen die aandacht nodig hebben.",
    ]
    lines += [("stap", f"{n}.", text) for n, text in enumerate(steps, start=1)]
    for sheet in DATA_SHEETS:
        lines += [("", "", None), ("kop", f"Blad {sheet}", None)]
        help_texts = COLUMN_HELP[sheet]
        lines += [("kolom", name, help_texts[name].format(jaar=jaar))
                  for name in _header(sheet)]
    if indicators:
        lines += [("", "", None), ("kop", "Indicatoren op het blad kpi_waarden", None)]
        lines += [("kolom", r["code"], f"{r.get('naam') or ''} ({_unit(r.get('eenheid'))})")
                  for r in indicators]
    for row, (kind, a, b) in enumerate(lines, start=1):
        cell_a = ws.cell(row, 1, a or None)
        if kind == "titel":
            cell_a.font = TITLE_FONT
        elif kind == "kop":
            cell_a.font = BOLD
        elif kind in ("veld", "kolom"):
            cell_a.font = BOLD
        if b is not None:
            cell_b = ws.cell(row, 2, b)
            cell_b.alignment = WRAP
    _protect(ws)


def _unit(eenheid: Any) -> str:
    return {"pct": "percentage, 0 tot en met 100", "aantal": "aantal", "fte": "fte",
            "score": "score van 1 tot en met 10"}.get(eenheid, str(eenheid or ""))

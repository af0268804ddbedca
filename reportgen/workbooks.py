"""What `reportgen intake` (reportgen/intake.py) and `reportgen import`
(reportgen/importing.py) share: sheet names, file names, the record of institution and
year inside a workbook, styles, saving, the sector plan period and the reference data.

Institution and year are recorded in the workbook's custom document properties
(`reportgen_instelling`, `reportgen_jaar`, `reportgen_formaat`; in Excel: File > Info >
Properties > Advanced > Custom). Excel and LibreOffice keep them when the file is saved
again, so the import does not depend on the file name.
"""

from __future__ import annotations

import io
import re
from pathlib import Path

from openpyxl import Workbook
from openpyxl.packaging.custom import IntProperty, StringProperty
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side

from . import loading, period
from .build import write_file_atomic
from .dataset import Reference
from .errors import ConfigError, DataError, errors_of

# The contract tables an institution delivers, each on a sheet of the same name.
DATA_SHEETS = ("financien", "personeel", "kpi_waarden")
INSTRUCTIONS_SHEET = "toelichting"
LISTS_SHEET = "keuzelijsten"
FEEDBACK_SHEET = "terugkoppeling"
KNOWN_SHEETS = (INSTRUCTIONS_SHEET, *DATA_SHEETS, LISTS_SHEET, FEEDBACK_SHEET)
HEADER_ROW = 1
FIRST_DATA_ROW = 2
# The column every data sheet has, filled in with the institution's code and locked.
INSTITUTION_COLUMN = "umc"

PROP_INSTITUTION = "reportgen_instelling"
PROP_YEAR = "reportgen_jaar"
PROP_FORMAT = "reportgen_formaat"
FORMAT_VERSION = 1

# -- styles
HEADER_FILL = PatternFill("solid", fgColor="1F4E79")
HEADER_FONT = Font(bold=True, color="FFFFFF")
LOCKED_FILL = PatternFill("solid", fgColor="E7E6E6")  # filled in by reportgen, locked
ERROR_FILL = PatternFill("solid", fgColor="FFC7CE")  # feedback: a cell with an error
TITLE_FONT = Font(bold=True, size=14)
BOLD = Font(bold=True)
WRAP = Alignment(wrap_text=True, vertical="top")
THIN = Border(bottom=Side(style="thin", color="808080"))


def default_folder(jaar: int) -> Path:
    """Where intake workbooks and feedback workbooks go by default: out/intake/<jaar>/."""
    return Path("out") / "intake" / str(jaar)


def _safe(code: str) -> str:
    return re.sub(r"[^A-Za-z0-9_.-]", "_", code)


def intake_name(jaar: int, code: str) -> str:
    return f"intake-{jaar}-{_safe(code)}.xlsx"


def feedback_name(jaar: int, code: str) -> str:
    return f"terugkoppeling-{jaar}-{_safe(code)}.xlsx"


# ------------------------------------------------------------------ period and reference


def looptijd(data_dir: Path) -> tuple[int, int]:
    """The sector plan period (first year, last year) of `data_dir`, by the rule of
    reportgen/period.py: sectorplan.toml, else the year folders present."""
    found = period.known(period.of_folder(data_dir))
    return found.start, found.eind


def check_year(data_dir: Path, jaar: int) -> None:
    period.check_folder_year(data_dir, jaar)


def load_reference(data_dir: Path, jaar: int) -> Reference:
    """The checked year and the reference data of `data_dir`; a missing folder is a usage
    error, a reference file that does not load is a DataError."""
    data_dir = Path(data_dir)
    if not data_dir.is_dir():
        raise ConfigError(f"Datamap '{data_dir}' bestaat niet.")
    if not (data_dir / "referentie").is_dir():
        raise ConfigError(f"Datamap '{data_dir}' heeft geen map 'referentie/'.")
    check_year(data_dir, jaar)
    ref, problems, _ = loading.load_reference(data_dir)
    if errors_of(problems):
        raise DataError(problems)
    return ref


def institutions(ref: Reference) -> dict[str, str]:
    """Institution code -> name, in `volgorde`."""
    return {row["code"]: row["naam"] for row in ref.umcs.to_dict("records")
            if isinstance(row.get("code"), str)}


def contact(ref: Reference) -> str:
    """Whom an institution asks: the e-mail address of referentie/sectorplan.toml."""
    email = (ref.sectorplan or {}).get("email")
    return email if isinstance(email, str) and email.strip() else \
        "het secretariaat van de commissie"


def codes(frame, column: str = "code") -> list[str]:  # noqa: ANN001 - a DataFrame or None
    if frame is None or column not in frame:
        return []
    return [c for c in frame[column].tolist() if isinstance(c, str)]


def delivered_indicators(ref: Reference) -> list[dict]:
    """The rows of indicatoren.csv that the institutions deliver (`bron = kpi_waarden`)."""
    if ref.indicatoren is None:
        return []
    return [row for row in ref.indicatoren.to_dict("records")
            if row.get("bron") == "kpi_waarden" and isinstance(row.get("code"), str)]


# ------------------------------------------------------------------ metadata


def write_meta(wb: Workbook, code: str, jaar: int) -> None:
    """Record institution and year inside the workbook (custom document properties)."""
    props = wb.custom_doc_props
    for name in (PROP_INSTITUTION, PROP_YEAR, PROP_FORMAT):
        if name in props.names:
            del props[name]
    props.append(StringProperty(name=PROP_INSTITUTION, value=code))
    props.append(IntProperty(name=PROP_YEAR, value=jaar))
    props.append(IntProperty(name=PROP_FORMAT, value=FORMAT_VERSION))


def read_meta(wb: Workbook) -> tuple[str | None, int | None]:
    """(institution code, year) recorded by `write_meta`; None for what is absent."""
    props = wb.custom_doc_props
    code = jaar = None
    if PROP_INSTITUTION in props.names:
        value = props[PROP_INSTITUTION].value
        code = str(value).strip() if value is not None else None
    if PROP_YEAR in props.names:
        value = props[PROP_YEAR].value
        try:
            jaar = int(str(value).strip())
        except ValueError:
            jaar = None
    return code or None, jaar


# ------------------------------------------------------------------ saving


def save_workbook(wb: Workbook, path: Path) -> None:
    """Save atomically (temporary file, then os.replace); creates the folder."""
    buffer = io.BytesIO()
    wb.save(buffer)
    path.parent.mkdir(parents=True, exist_ok=True)
    write_file_atomic(path, buffer.getvalue())

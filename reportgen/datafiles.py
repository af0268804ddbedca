"""Replace one institution's rows in a year's contract CSV (`reportgen import`).

The other institutions' rows stay exactly as they are, byte for byte (institutions deliver
at different times): the file is split into its raw records, the institution's records are
taken out and its new rows are put where its first old row was (or, for an institution
that had none, before the first institution that comes after it in `volgorde`, else at the
end). New rows follow the file's own dialect: its delimiter, its byte order mark, its line
ending and, in a `;` file, the decimal comma. A file that does not exist yet is written as
Dutch Excel writes CSV: `;`, UTF-8 with BOM, decimal comma, CRLF line endings.

Only CSV is written: a year table given as `.xlsx` is refused (the secretariat converts it
first), so the import never rewrites a spreadsheet someone keeps by hand.
"""

from __future__ import annotations

import codecs
import csv
import io
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from . import inputfiles, loading
from .errors import Problem

AMOUNT_QUANTUM = Decimal("0.01")


@dataclass(frozen=True)
class CsvStyle:
    delimiter: str
    bom: bool
    newline: str

    @property
    def decimal_comma(self) -> bool:
        return self.delimiter == ";"


NEW_FILE_STYLE = CsvStyle(delimiter=";", bom=True, newline="\r\n")


@dataclass
class _Record:
    raw: str  # the record's text as in the file, line ending included
    umc: str | None  # None for a record without an institution (blank line)


@dataclass
class DataFile:
    """A year table as raw records, ready to have institutions' rows replaced."""

    path: Path
    schema: loading.Schema
    style: CsvStyle
    prefix: str = ""  # everything up to and including the header record
    header: list[str] = field(default_factory=list)  # column keys as in the file
    records: list[_Record] = field(default_factory=list)
    exists: bool = True

    def replace(self, code: str, rows: list[dict[str, Any]], order: dict[str, int]) -> None:
        """Put `rows` (converted values by column name) in place of `code`'s records."""
        positions = [i for i, r in enumerate(self.records) if r.umc == code]
        kept = [r for r in self.records if r.umc != code]
        if positions:
            at = positions[0]
        else:
            mine = order.get(code, len(order))
            later = [i for i, r in enumerate(kept)
                     if r.umc is not None and order.get(r.umc, len(order)) > mine]
            at = later[0] if later else len(kept)
        new = [_Record(self._format(row), code) for row in rows]
        self.records = kept[:at] + new + kept[at:]

    def _format(self, row: dict[str, Any]) -> str:
        buffer = io.StringIO()
        writer = csv.writer(buffer, delimiter=self.style.delimiter,
                            lineterminator=self.style.newline)
        writer.writerow([self._cell(name, row.get(name)) for name in self.header])
        return buffer.getvalue()

    def _cell(self, name: str, value: Any) -> str:
        if value is None:
            return ""
        if isinstance(value, Decimal):
            column = self.schema.column(name)
            if column is not None and column.kind == "amount" and \
                    value == value.quantize(AMOUNT_QUANTUM):
                value = value.quantize(AMOUNT_QUANTUM)  # euro with cents, as elsewhere
            text = format(value, "f")
            return text.replace(".", ",") if self.style.decimal_comma else text
        return str(value)

    def render(self) -> bytes:
        """The file's new content."""
        parts = [self.prefix]
        for record in self.records:
            if parts[-1] and not parts[-1].endswith(("\n", "\r")):
                parts[-1] += self.style.newline  # a last line without line ending
            parts.append(record.raw)
        text = "".join(parts)
        return (codecs.BOM_UTF8 if self.style.bom else b"") + text.encode("utf-8")


def read_data_file(root: Path, jaar: int, table: str) -> tuple[DataFile | None,
                                                              list[Problem]]:
    """`data/<jaar>/<table>.csv` split into records; a new DataFile when there is none.
    Problems (errors) when it cannot be rewritten safely: given as .xlsx, not UTF-8, no
    header with the contract's columns."""
    schema = loading.SCHEMAS[table]
    folder = root / str(jaar)
    rel = f"{jaar}/{table}"
    xlsx = loading.find_file(folder, f"{table}.xlsx") if folder.is_dir() else None
    path = (loading.find_file(folder, f"{table}.csv") if folder.is_dir() else None)
    if xlsx is not None:
        return None, [Problem(f"{rel}.xlsx", f"de import schrijft alleen CSV-bestanden; "
                                             f"verwacht: {rel}.csv in plaats van een "
                                             f"Excel-bestand (sla het op als CSV UTF-8)")]
    if path is None:
        data_file = DataFile(path=folder / f"{table}.csv", schema=schema, style=NEW_FILE_STYLE,
                             exists=False)
        data_file.header = [c.name for c in schema.columns if c.required]
        data_file.prefix = data_file._format({c: c for c in data_file.header})
        return data_file, []
    shown = f"{jaar}/{path.name}"
    data, problem = inputfiles.read_input(root, path, "tabel", shown=shown)
    if data is None:
        return None, [Problem(shown, f"{problem.expected}; de import kan dit bestand niet "
                                     "veilig bijwerken")]
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return None, [Problem(shown, "verwacht: tekst in UTF-8-codering; de import kan dit "
                                     "bestand niet veilig bijwerken")]
    lines = io.StringIO(text, newline="").readlines()
    delimiter = loading.detect_delimiter(text)
    reader = csv.reader(iter(lines), delimiter=delimiter)
    raw_records: list[tuple[str, list[str]]] = []
    start = 0
    try:
        for record in reader:
            raw_records.append(("".join(lines[start:reader.line_num]), record))
            start = reader.line_num
    except csv.Error as err:
        return None, [Problem(shown, f"verwacht: geldige CSV ({err})", line=start + 1)]
    header_at = next((i for i, (_, rec) in enumerate(raw_records)
                      if any(c.strip() for c in rec)), None)
    if header_at is None:  # an empty file: written anew, in its own encoding
        data_file = DataFile(path=path, schema=schema, style=CsvStyle(
            NEW_FILE_STYLE.delimiter, data.startswith(codecs.BOM_UTF8), NEW_FILE_STYLE.newline))
        data_file.header = [c.name for c in schema.columns if c.required]
        data_file.prefix = data_file._format({c: c for c in data_file.header})
        return data_file, []
    header_raw = raw_records[header_at][0]
    newline = ("\r\n" if header_raw.endswith("\r\n") else "\r" if header_raw.endswith("\r")
               else "\n")
    header = [loading.column_key(c) for c in raw_records[header_at][1]]
    missing = [c.name for c in schema.columns if c.required and c.name not in header]
    if missing:
        return None, [Problem(shown, f"verwacht: de kolommen {', '.join(missing)} in de "
                                     f"kopregel; de import kan dit bestand niet veilig "
                                     f"bijwerken", line=header_at + 1)]
    umc_at = header.index("umc")
    data_file = DataFile(path=path, schema=schema,
                         style=CsvStyle(delimiter, data.startswith(codecs.BOM_UTF8), newline))
    data_file.header = header
    data_file.prefix = "".join(raw for raw, _ in raw_records[:header_at + 1])
    for raw, record in raw_records[header_at + 1:]:
        umc = record[umc_at].strip() if umc_at < len(record) else ""
        data_file.records.append(_Record(raw, umc or None))
    return data_file, []

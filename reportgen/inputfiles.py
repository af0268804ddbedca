"""Reading input files safely: what every reader of a data folder, a project's templates
and a returned workbook shares (reportgen/loading.py, reportgen/frames.py,
reportgen/outline.py, reportgen/render, reportgen/importing.py, reportgen/datafiles.py).

**Symbolic links.** Only regular files inside the folder being read are read (the data
folder; for templates the project's `templates/` folder). A symbolic link whose target lies
inside that folder is followed (e.g. a text shared by two years); a link that leaves it (a
text linked to `/proc/self/environ`, a CSV linked to `/etc/passwd`, a linked year folder
or `teksten/` elsewhere) is an error naming the link, and nothing of the target is read, so
none of its content can reach a message, the report or `cijfers.json`. Devices, pipes and
sockets are refused as well (opened non-blocking, checked with fstat before reading).

**Sizes.** Every kind of file has a size limit (`MAX_BYTES`), checked with `fstat` before
a byte is read: a 200 MB personeel.csv is refused at once with its size, instead of taking
minutes and gigabytes before failing. Tables are bounded in rows and columns as well
(`MAX_ROWS`, `MAX_COLUMNS`), and an .xlsx in the size of its unpacked parts
(`MAX_UNPACKED`, against zip bombs).

**Invisible characters.** Zero-width and direction-changing characters (`INVISIBLE`) in a
value that reaches the report are refused: the value would look different from what it
is (a right-to-left override turns `1202` into `2021` on screen). A byte order mark at the
very start of a file is allowed (the file is decoded with `utf-8-sig`).
"""

from __future__ import annotations

import io
import os
import re
import stat
import zipfile
from pathlib import Path
from typing import Any, Iterator, Literal, NamedTuple

from .errors import Problem

Kind = Literal["tabel", "instellingen", "tekst", "opbouw", "sjabloon", "werkmap"]

# ---------------------------------------------------------------------------- limits

#: Size limit per kind of file, in bytes. A personeel.csv of 40.000 persons is about 2 MB;
#: a filled-in intake workbook is far below 1 MB.
MAX_BYTES: dict[Kind, int] = {
    "tabel": 25_000_000,  # a table of the data folder (.csv or .xlsx)
    "instellingen": 1_000_000,  # sectorplan.toml, rapport.toml
    "tekst": 1_000_000,  # a Markdown text (a whole report is about 100 kB of text)
    "opbouw": 1_000_000,  # opbouw.toml
    "sjabloon": 5_000_000,  # a file in the project's templates/ folder
    "werkmap": 10_000_000,  # a workbook returned to `reportgen import`
}
#: Data rows (below the header) and columns per table.
MAX_ROWS: dict[Kind, int] = {"tabel": 250_000, "werkmap": 20_000}
MAX_COLUMNS: dict[Kind, int] = {"tabel": 100, "werkmap": 60}
#: All parts of an .xlsx (a zip archive) together, unpacked.
MAX_UNPACKED = 200_000_000

WHAT: dict[Kind, str] = {
    "tabel": "een tabel (.csv of .xlsx)",
    "instellingen": "een instellingenbestand (.toml)",
    "tekst": "een tekst (.md)",
    "opbouw": "de opbouw van het rapport (opbouw.toml)",
    "sjabloon": "een sjabloon of stijlblad",
    "werkmap": "een ingevulde werkmap",
}


#: A TOML file nested so deeply that the parser gives up (`x = [[[[...]]]]`).
TOO_DEEP = ("verwacht: geldige TOML-syntaxis; de lijsten of tabellen zijn te diep in elkaar "
            "genest")


def megabytes(n: int) -> str:
    """`12345678` -> "12,3 MB" (Dutch decimal comma)."""
    return f"{n / 1_000_000:.1f}".replace(".", ",") + " MB"


def too_big(size: int, kind: Kind) -> str:
    return (f"het bestand is {megabytes(size)} groot; verwacht: hoogstens "
            f"{megabytes(MAX_BYTES[kind])} voor {WHAT[kind]}; het is niet gelezen")


def too_many_rows(kind: Kind) -> str:
    return (f"meer dan {MAX_ROWS[kind]:,} gegevensregels; verwacht: hoogstens "
            f"{MAX_ROWS[kind]:,} ({WHAT[kind]}); het bestand is niet verder gelezen"
            ).replace(",", ".")


def too_many_columns(width: int, kind: Kind) -> str:
    return (f"een regel met {width} kolommen; verwacht: hoogstens {MAX_COLUMNS[kind]} "
            f"kolommen ({WHAT[kind]}); het bestand is niet verder gelezen")


# ---------------------------------------------------------------------------- links


def _inside(path: Path, folder: Path) -> bool:
    try:
        return path.resolve().is_relative_to(folder.resolve())
    except (OSError, RuntimeError):  # a loop of links, a broken component
        return False


def _rel(root: Path, path: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()


def outside_link(root: Path, path: Path, where: str = "de datamap") -> Problem | None:
    """An error when `path` (a file or folder under `root`, by name) is, or lies under, a
    symbolic link that leaves `root`. Nothing is read."""
    if _inside(path, root):
        return None
    folder = path.is_dir()
    rel = _rel(root, path) + ("/" if folder else "")
    what = "een map" if folder else "een bestand"
    return Problem(rel, f"een symbolische koppeling naar {what} buiten {where}; verwacht: "
                        f"een gewoon bestand of een gewone map in {where} (de koppeling is "
                        "niet gevolgd, de inhoud niet gelezen)")


class Read(NamedTuple):
    """What `read_input` returns: the bytes, or the problem why they were not read."""

    data: bytes | None
    problem: Problem | None


def read_input(root: Path, path: Path, kind: Kind, where: str = "de datamap",
               shown: str | None = None) -> Read:
    """The bytes of the input file `path` under the folder `root`, read only when it is a
    regular file inside `root` (after following links) of at most `MAX_BYTES[kind]`.
    Problems name the file as `shown` (default: relative to `root`)."""
    rel = shown if shown is not None else _rel(root, path)
    link = outside_link(root, path, where)
    if link is not None:
        return Read(None, Problem(rel, link.expected))
    try:
        return Read(read_regular(path, MAX_BYTES[kind]), None)
    except NotRegular:
        return Read(None, Problem(rel, "geen gewoon bestand (maar bijvoorbeeld een map, "
                                       "apparaat of pipe); verwacht: een gewoon bestand"))
    except TooBig as err:
        return Read(None, Problem(rel, too_big(err.size, kind)))
    except OSError as err:
        return Read(None, Problem(rel, f"bestand is niet leesbaar ({err.strerror})"))


class NotRegular(OSError):
    """Not a regular file (a folder, device, pipe or socket)."""


class TooBig(OSError):
    def __init__(self, size: int):
        super().__init__(f"{size} bytes")
        self.size = size


def read_regular(path: Path, limit: int, *, follow: bool = True) -> bytes:
    """The bytes of `path`: a regular file of at most `limit` bytes (checked with fstat
    before reading, and again while reading, for a file that grows). Raises NotRegular,
    TooBig or the OSError of opening. `follow=False` refuses a symbolic link itself."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0)
    if not follow:
        flags |= getattr(os, "O_NOFOLLOW", 0)
    fd = os.open(path, flags)
    with os.fdopen(fd, "rb") as fh:
        info = os.fstat(fh.fileno())
        if not stat.S_ISREG(info.st_mode):
            raise NotRegular(str(path))
        if info.st_size > limit:
            raise TooBig(info.st_size)
        data = fh.read(limit + 1)
    if len(data) > limit:
        raise TooBig(len(data))
    return data


def read_text_file(root: Path, path: Path, kind: Kind) -> str | None:
    """The text of a file that was read (and accepted) before, e.g. to find the line of a
    key for a message; None when it cannot be read safely."""
    data, problem = read_input(root, path, kind)
    if data is None or problem is not None:
        return None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return None


def checked_files(folder: Path, kind: Kind, where: str) -> list[Problem]:
    """Every file under `folder` that may not be read: a link leaving it, anything but a
    regular file or folder, a file above the size limit (problems name the file relative
    to `folder`'s parent, e.g. `templates/css/rapport.css`)."""
    problems: list[Problem] = []
    base = folder.parent
    for dirpath, dirnames, filenames in os.walk(folder, followlinks=False):
        here = Path(dirpath)
        dirnames[:] = [d for d in sorted(dirnames) if d != "__pycache__"]
        for name in sorted(filenames) + [d for d in dirnames if (here / d).is_symlink()]:
            path = here / name
            shown = _rel(base, path)
            if not _inside(path, folder):
                problems.append(Problem(shown, f"een symbolische koppeling naar een bestand "
                                               f"of map buiten {where}; verwacht: een gewoon "
                                               f"bestand in {where} (niet gelezen)"))
                continue
            try:
                info = path.stat()
            except OSError as err:
                problems.append(Problem(shown, f"bestand is niet leesbaar ({err.strerror})"))
                continue
            if stat.S_ISDIR(info.st_mode):
                continue
            if not stat.S_ISREG(info.st_mode):
                problems.append(Problem(shown, "geen gewoon bestand (maar bijvoorbeeld een "
                                               "apparaat of pipe); verwacht: een gewoon "
                                               "bestand"))
            elif info.st_size > MAX_BYTES[kind]:
                problems.append(Problem(shown, too_big(info.st_size, kind)))
    return problems


# ---------------------------------------------------------------------------- characters

#: Zero-width characters, direction marks, embeddings, overrides and isolates, the word
#: joiner and invisible operators, and a byte order mark inside a value.
INVISIBLE_CHARS = ("\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff")
INVISIBLE = re.compile(f"[{INVISIBLE_CHARS}]")


def invisible_codes(text: str) -> str:
    """The invisible characters of `text` as code points: "U+200B, U+202E"."""
    return ", ".join(sorted({f"U+{ord(ch):04X}" for ch in INVISIBLE.findall(text)}))


def show_invisible(text: str) -> str:
    """`text` with every invisible character written as `<U+202E>` (for messages)."""
    return INVISIBLE.sub(lambda m: f"<U+{ord(m.group()):04X}>", text)


def invisible_expected(text: str) -> str:
    """The message for a value with invisible characters."""
    return (f"onzichtbaar teken of teken dat de schrijfrichting omdraait "
            f"({invisible_codes(text)}); verwacht: alleen zichtbare tekens (typ de waarde "
            "opnieuw in)")


def invisible_in_lines(text: str) -> Iterator[tuple[int, int, str]]:
    """(line, position in the line, the line) of the first invisible character on each
    line of `text` that has one; lines and positions count from 1."""
    if not INVISIBLE.search(text):
        return
    for number, line in enumerate(text.splitlines(), start=1):
        m = INVISIBLE.search(line)
        if m:
            yield number, m.start() + 1, line


def invisible_in_values(doc: Any, path: tuple[str, ...] = ()
                        ) -> Iterator[tuple[tuple[str, ...], str]]:
    """(key path, string) for every string with invisible characters in a parsed TOML
    document (keys included); a list item's path ends in its key."""
    if isinstance(doc, dict):
        for key, value in doc.items():
            if INVISIBLE.search(str(key)):
                yield (*path, str(key)), str(key)
            yield from invisible_in_values(value, (*path, str(key)))
    elif isinstance(doc, list):
        for item in doc:
            yield from invisible_in_values(item, path)
    elif isinstance(doc, str) and INVISIBLE.search(doc):
        yield path, doc


# ---------------------------------------------------------------------------- workbooks

_FORMULA_TAG = re.compile(rb"<(?:\w+:)?f[\s>/]")
EXCEL_ERRORS = ("#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A",
                "#GETTING_DATA", "#SPILL!", "#CALC!")


def unpacked_size(data: bytes) -> int:
    """The size of all parts of a zip archive together, unpacked (BadZipFile when `data`
    is no zip archive)."""
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        return sum(i.file_size for i in zf.infolist())


def has_formulas(data: bytes) -> bool:
    """Whether any worksheet of the .xlsx `data` holds a formula (a cheap look at the
    sheets' XML, so workbooks without formulas are read only once)."""
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        for info in zf.infolist():
            if info.filename.startswith("xl/worksheets/") and \
                    info.filename.endswith(".xml"):
                with zf.open(info) as part:
                    tail = b""
                    while chunk := part.read(1 << 20):
                        if _FORMULA_TAG.search(tail + chunk):
                            return True
                        tail = chunk[-16:]
    return False


def formula_text(cell: Any) -> str | None:
    """The formula of a cell read without `data_only` (`=B2/2`), or None when the cell
    holds a value. Works for normal and read-only worksheets."""
    from openpyxl.worksheet.formula import ArrayFormula, DataTableFormula

    value = cell.value
    if isinstance(value, ArrayFormula):
        return value.text
    if isinstance(value, DataTableFormula):
        return str(value)
    if getattr(cell, "data_type", None) == "f":
        return str(value)
    return None


def describe_cached(cached: Any) -> str:
    """How a formula's cached result reads in a message."""
    from .cells import as_text

    return ("zonder berekende uitkomst" if cached is None
            else f"met berekende uitkomst '{as_text(cached)}'")


def is_cached_error(cached: Any) -> bool:
    """Whether a formula's cached result is an Excel error value (#DIV/0!, #N/A, ...)."""
    return isinstance(cached, str) and cached.strip().upper() in EXCEL_ERRORS

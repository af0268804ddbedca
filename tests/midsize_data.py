"""A mid-size data folder with many known problems, for the contract test that the
vectorised loading and validation report exactly what the row-by-row version reported
(tests/test_midsize_problems.py; the expected problems are in
tests/fixtures/midsize_problems.json).

Self-contained on purpose (no data_builders, no example data): 12 fictitious institutions,
2.500 persons a year, 2022-2025, written in the three dialects (`,` CSV, `;` CSV with
decimal commas, .xlsx). Deterministic for a given variant:

- "regels": every value converts, but many break a rule (unknown codes, repeated keys,
  out-of-range numbers, missing institutions, inloop without underspending, ...), so every
  rule and warning of validation runs;
- "inlezen": cells that do not convert as well (text in a number column, empty required
  cells, values past the header, a duplicate column), so loading reports them and
  validation leaves out what concerns those files.

    python tests/midsize_data.py /tmp/midsize regels
"""

from __future__ import annotations

import csv
import random
import sys
from pathlib import Path

from reportgen.vocab import VERPLICHTE_FUNCTIECATEGORIEEN

YEARS = (2022, 2023, 2024, 2025)
N_INST, N_PERS = 12, 2500
CODES = [f"I{i:02d}" for i in range(1, N_INST + 1)]
THEMES = {"a": ("Thema A", ["a1", "a2", "a3"]), "b": ("Thema B", ["b1", "b2", "b3"]),
          "c": ("Thema C", ["c1", "c2", "c3"])}
SUBTHEMES = [s for _, (_, subs) in THEMES.items() for s in subs]
FUNCTIONS = list(VERPLICHTE_FUNCTIECATEGORIEEN)
CONTRACTS = ["vast"] * 6 + ["toegezegd_vast", "tijdelijk", "tijdelijk", "inloop"]
GENDERS = ["v"] * 6 + ["m"] * 4 + ["x"]
FTES = ["1", "0.8", "0.6", "0.5", "0.4", "0.3125", "0.25", "1.0000"]


def _write(path: Path, header: list[str], rows: list[list[str]], dialect: str = ",") -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    if dialect == "xlsx":
        from openpyxl import Workbook

        wb = Workbook()
        ws = wb.active
        ws.append(header)
        for row in rows:
            ws.append([_xlsx_cell(v) for v in row])
        wb.save(path.with_suffix(".xlsx"))
        return
    with path.open("w", encoding="utf-8-sig" if dialect == ";" else "utf-8",
                   newline="") as fh:
        writer = csv.writer(fh, delimiter=dialect, lineterminator="\r\n")
        writer.writerow(header)
        for row in rows:
            writer.writerow([_comma(v) if dialect == ";" else v for v in row])


def _comma(value: str) -> str:
    try:
        float(value)
    except ValueError:
        return value
    return value.replace(".", ",")


def _xlsx_cell(value: str):
    try:
        number = float(value)
    except ValueError:
        return value if value != "" else None
    return int(number) if number.is_integer() and "." not in value else number


def _reference(root: Path, rng: random.Random) -> None:
    ref = root / "referentie"
    umcs = [[c, f"Instelling {c[1:]}", str(i)] for i, c in enumerate(CODES, start=1)]
    umcs[5][2] = "5"  # the same volgorde as I05: a warning
    _write(ref / "umcs.csv", ["code", "naam", "volgorde"], umcs)
    begroting = [[c, f"{rng.randint(60, 140)}.{rng.randint(0, 99):02d}"] for c in CODES]
    begroting[3][1] = "0"  # not above 0: an error
    _write(ref / "begroting.csv", ["umc", "begroot_fte"], begroting)
    _write(ref / "subthemas.csv", ["code", "thema", "thema_naam", "naam", "volgorde"],
           [[s, t, name, f"Subthema {s}", str(i)] for i, (t, (name, subs)) in
            enumerate(THEMES.items()) for s in subs])
    _write(ref / "functiecategorieen.csv", ["code", "naam", "groep"],
           [[code, code.replace("_", " ").capitalize(), groep]
            for code, groep in VERPLICHTE_FUNCTIECATEGORIEEN.items()])
    matrix = [[c, s, rng.choice(["hoofd", "beperkt"])] for c in CODES for s in SUBTHEMES
              if rng.random() < 0.5]
    matrix += [[matrix[0][0], matrix[0][1], "hoofd"], ["I99", "a1", "hoofd"],
               ["I01", "z9", "veel"]]
    _write(ref / "themamatrix.csv", ["umc", "subthema", "inzet"], matrix)
    _write(ref / "kpis.csv", ["code", "nummer", "naam", "omschrijving", "sectie", "soort",
                              "volgorde"],
           [["k1", "KPI 1", "Aandeel", "Het aandeel.", "a1", "kwantitatief", "1"],
            ["k2", "KPI 2", "Oordeel", "Het oordeel.", "b1", "kwalitatief", "2"],
            ["k2", "KPI 3", "Dubbel", "Dubbel.", "c1", "getal", "3"]])
    _write(ref / "indicatoren.csv", ["code", "kpi", "naam", "eenheid", "bron", "aggregatie",
                                     "norm", "norm_waarde", "vanaf_jaar"],
           [["pct", "k1", "Percentage", "pct", "kpi_waarden", "gemiddelde", "minimaal", "50",
             "2024"],
            ["score", "k1", "Score", "score", "kpi_waarden", "gemiddelde", "informatief", "",
             ""],
            ["aantal", "k1", "Aantal", "aantal", "kpi_waarden", "som", "hoger_dan_basis", "",
             "2030"],
            ["intern", "k1", "Intern", "pct", "personeel", "som", "minimaal", "", ""]])
    (ref / "sectorplan.toml").write_text(
        'sectorplan = "Fictief plan"\nsectorplan_lang = "fictief sectorplan"\n'
        'commissie = "Fictieve commissie"\nlooptijd_start = 2022\nlooptijd_eind = 2025\n'
        'budget_per_jaar = 12000000\n', encoding="utf-8")


def _persons(rng: random.Random, jaar: int) -> list[list[str]]:
    rows = []
    for n in range(N_PERS):
        umc = CODES[n % N_INST]
        rows.append([f"p{n:05d}", umc, rng.choice(FUNCTIONS), rng.choice(CONTRACTS),
                     rng.choice(FTES), rng.choice(GENDERS),
                     "" if rng.random() < 0.03 else rng.choice(SUBTHEMES)])
    # Institution I12 only has inloop in 2023; I11 has no persons at all in 2024.
    for row in rows:
        if row[1] == "I12" and jaar == 2023:
            row[3] = "inloop"
    if jaar == 2024:
        rows = [r for r in rows if r[1] != "I11"]
    return rows


def _rule_breaks(rows: list[list[str]], jaar: int) -> None:
    """Values that convert but break a rule, spread over the file."""
    edits = {7: (4, "1.5"), 19: (4, "0.12345"), 23: (4, "0"), 41: (4, "-0.5"),
             53: (1, "I99"), 67: (2, "hoogleraar_emeritus"), 70: (3, "vast contract"),
             89: (5, "?"), 97: (6, "z9"), 1103: (0, rows[1102][0]), 1500: (4, "1.0001")}
    for at, (col, value) in edits.items():
        rows[at][col] = value
    rows[1103][1] = rows[1102][1]  # the same id at the same institution: repeated
    if jaar == 2025:
        rows[1700][4] = "0.99999"


def _load_breaks(rows: list[list[str]]) -> None:
    rows[11][4] = "veel"
    rows[12][5] = ""
    rows[13][2] = ""
    rows[14] += ["te veel"]
    rows[15][4] = "0,5"


def write_midsize(root: Path, variant: str = "regels") -> Path:
    """Write the mid-size data folder into `root` (see the module docstring)."""
    assert variant in ("regels", "inlezen")
    rng = random.Random(f"midsize/{variant}")
    root = Path(root)
    _reference(root, rng)
    pers_header = ["id", "umc", "functiecategorie", "contractvorm", "fte", "geslacht",
                   "subthema"]
    for jaar in YEARS:
        folder = root / str(jaar)
        rows = _persons(rng, jaar)
        _rule_breaks(rows, jaar)
        if variant == "inlezen" and jaar == 2023:
            _load_breaks(rows)
        dialect = {2022: ",", 2023: ";", 2024: "xlsx", 2025: ","}[jaar]
        header = pers_header + (["subthema"] if variant == "inlezen" and jaar == 2024 else [])
        _write(folder / "personeel.csv", header, rows, dialect)
        money = []
        for i, code in enumerate(CODES):
            received = 1_000_000 + 10_000 * i + 1000 * (jaar - 2022)
            spent = [received * 0.3, received * 0.4, received * 0.1, received * 0.05]
            if code == "I12":
                spent = [received * 0.5, received * 0.5, received * 0.2, 0]
            money.append([code, f"{received:.2f}", *(f"{s:.2f}" for s in spent)])
        money[2][3] = "-100.00"
        money[4] = [money[4][0], "0", "0", "0", "0", "0"]
        money.append([money[6][0], "10.00", "0", "0", "0", "0"])
        money.append(["I77", "10.00", "0", "0", "0", "0"])
        del money[8]
        if variant == "inlezen" and jaar == 2025:
            money[1][5] = "ongeveer 10"
        _write(folder / "financien.csv", ["umc", "ontvangen", "tijdelijke_posities",
                                          "vaste_posities", "indirecte_kosten", "materieel"],
               money, "xlsx" if jaar == 2023 else ",")
        values = [[c, ind, str(rng.randint(1, 90))] for c in CODES
                  for ind in ("pct", "score", "aantal") if rng.random() < 0.8]
        values += [["I01", "pct", "120"], ["I02", "score", "0.5"], ["I03", "aantal", "-3"],
                   ["I04", "intern", "5"], ["I05", "onbekend", "5"], ["I99", "pct", "5"]]
        values.append(list(values[0]))
        _write(folder / "kpi_waarden.csv", ["umc", "indicator", "waarde"], values)
        _write(folder / "kpi_oordeel.csv", ["kpi", "status", "toelichting"],
               [["k1", "behaald", "Goed."], ["k2", "prima", "Onbekende status."],
                ["k2", "", "Dubbel."], ["k9", "op koers", ""]])
        if jaar in (2023, 2025):
            monitor = [[f"d{n:03d}", CODES[n % N_INST], moment,
                        f"{rng.randint(10, 100) / 10}", f"{rng.randint(10, 100) / 10}"]
                       for n in range(120) for moment in ("voor", "nu", "ideaal")]
            monitor[5][3], monitor[9][4], monitor[12][2] = "11", "0.5", "straks"
            monitor.append(list(monitor[0]))
            _write(folder / "werkdrukmonitor.csv", ["deelnemer", "umc", "moment",
                                                    "baanzekerheid", "werkdruk"], monitor)
    return root


if __name__ == "__main__":
    write_midsize(Path(sys.argv[1]), sys.argv[2] if len(sys.argv) > 2 else "regels")

"""Minimal valid data folders for tests.

Typical use:

    from data_builders import minimal_tables, write_tables, write_dataset

    root = write_dataset(tmp_path)                 # valid folder, years 2022..2023

    tables = minimal_tables()                      # dict: "relpath" -> list of row dicts
    tables["2023/personeel"][0]["fte"] = "1.5"     # mutate one thing ...
    write_tables(tmp_path, tables)                 # ... and write it

A table is keyed by its path relative to the data folder without extension
("referentie/umcs", "2023/financien") and holds rows as dicts of strings, written as CSV
with `,` and a decimal point. Use `write_csv(..., dutch=True)` for the `;`/decimal-comma
dialect and `write_xlsx` for an Excel copy. Non-table files (TOML, Markdown) are in
`minimal_files()`: "relpath with extension" -> text.

The folder has 3 institutions (EMC, LUMC, UMCG), the 9 subthemes, the 10 contract function
categories and a few people per year. With `project_files=True` it also has every project
file of docs/data-design.md (KPIs, indicators, committee, settings, KPI values, workload
monitor, one text) with every setting a final build needs; `helpers.write_complete_dataset`
adds a short fictitious text for every key the report needs.
"""

from __future__ import annotations

import csv
import re
from pathlib import Path
from typing import Iterable

Rows = list[dict[str, str]]

UMCS: Rows = [
    {"code": "EMC", "naam": "Erasmus MC", "volgorde": "1"},
    {"code": "LUMC", "naam": "LUMC", "volgorde": "2"},
    {"code": "UMCG", "naam": "UMC Groningen", "volgorde": "3"},
]

SUBTHEMAS: Rows = [
    {"code": c, "thema": t, "thema_naam": tn, "naam": n, "volgorde": str(i)}
    for i, (c, t, tn, n) in enumerate([
        ("innovatiemotor", "preventie", "Preventie", "Innovatiemotor in de regio"),
        ("methodologie", "preventie", "Preventie", "Onderzoeksmethodologie"),
        ("leefstijl", "preventie", "Preventie", "Leefstijldata en interventies"),
        ("cohorten", "datagedreven_innovatie", "Datagedreven innovatie", "Cohorten"),
        ("dataspecialisten", "datagedreven_innovatie", "Datagedreven innovatie",
         "Dataspecialisten onderzoek"),
        ("ai_ehealth", "datagedreven_innovatie", "Datagedreven innovatie",
         "AI, e-health en medische technologie"),
        ("klinisch", "fundament_toepassing", "Van fundamenteel tot toepassing",
         "Klinisch onderzoek"),
        ("valorisatie", "fundament_toepassing", "Van fundamenteel tot toepassing",
         "Valorisatie"),
        ("geneesmiddelen", "fundament_toepassing", "Van fundamenteel tot toepassing",
         "Geneesmiddelen"),
    ], start=1)
]

FUNCTIECATEGORIEEN: Rows = [
    {"code": c, "naam": n, "groep": g}
    for c, n, g in [
        ("hoogleraar", "Hoogleraar", "wetenschappelijk"),
        ("uhd", "UHD", "wetenschappelijk"),
        ("ud", "UD", "wetenschappelijk"),
        ("docent", "Docent", "wetenschappelijk"),
        ("onderzoeker", "Onderzoeker", "wetenschappelijk"),
        ("dataspecialist", "Dataspecialist", "ondersteunend"),
        ("analist", "Analist", "ondersteunend"),
        ("onderzoeksverpleegkundige", "Onderzoeksverpleegkundige", "ondersteunend"),
        ("valorisatie", "Valorisatiemedewerker", "ondersteunend"),
        ("overig_ondersteunend", "Overig ondersteunend", "ondersteunend"),
    ]
]


def _person(pid: str, umc: str, cat: str, vorm: str, fte: str, gesl: str, sub: str) -> dict:
    return {"id": pid, "umc": umc, "functiecategorie": cat, "contractvorm": vorm,
            "fte": fte, "geslacht": gesl, "subthema": sub}


def _personeel(year: int) -> Rows:
    rows = [
        _person("p1", "EMC", "ud", "vast", "1", "v", "methodologie"),
        _person("p2", "EMC", "onderzoeker", "tijdelijk", "0.6", "m", "cohorten"),
        _person("p3", "EMC", "dataspecialist", "toegezegd_vast", "0.8", "v", "dataspecialisten"),
        _person("p1", "LUMC", "hoogleraar", "vast", "0.2", "m", "klinisch"),
        _person("p2", "LUMC", "analist", "vast", "1", "v", "leefstijl"),
        _person("p1", "UMCG", "uhd", "vast", "0.9", "v", "innovatiemotor"),
        _person("p2", "UMCG", "docent", "tijdelijk", "0.5", "x", "geneesmiddelen"),
    ]
    if year >= 2023:
        rows += [
            _person("p4", "EMC", "ud", "vast", "0.75", "m", "methodologie"),
            _person("p3", "LUMC", "onderzoeksverpleegkundige", "inloop", "0.4", "v", "klinisch"),
            _person("p3", "UMCG", "valorisatie", "vast", "0.3125", "onbekend", "valorisatie"),
        ]
    return rows


def _financien(year: int) -> Rows:
    # Received exceeds spent every year, so every institution underspends (inloop is legal).
    scale = 1 if year == 2022 else 2
    rows = []
    for i, umc in enumerate(("EMC", "LUMC", "UMCG"), start=1):
        rows.append({
            "umc": umc,
            "ontvangen": f"{1000000 * i * scale}.00",
            "tijdelijke_posities": f"{100000 * i * scale}.50",
            "vaste_posities": f"{300000 * i * scale}.25",
            "indirecte_kosten": f"{50000 * i * scale}",
            "materieel": f"{1234.56 * i:.2f}",
        })
    return rows


def minimal_tables(years: Iterable[int] = (2022, 2023), project_files: bool = False
                   ) -> dict[str, Rows]:
    """Every table of a minimal valid data folder, as fresh (mutable) row dicts."""
    tables: dict[str, Rows] = {
        "referentie/umcs": [dict(r) for r in UMCS],
        "referentie/begroting": [
            {"umc": "EMC", "begroot_fte": "3.5"},
            {"umc": "LUMC", "begroot_fte": "2"},
            {"umc": "UMCG", "begroot_fte": "2.25"},
        ],
        "referentie/subthemas": [dict(r) for r in SUBTHEMAS],
        "referentie/functiecategorieen": [dict(r) for r in FUNCTIECATEGORIEEN],
        "referentie/themamatrix": [
            {"umc": "EMC", "subthema": "methodologie", "inzet": "hoofd"},
            {"umc": "EMC", "subthema": "cohorten", "inzet": "beperkt"},
            {"umc": "LUMC", "subthema": "klinisch", "inzet": "hoofd"},
            {"umc": "UMCG", "subthema": "innovatiemotor", "inzet": "hoofd"},
        ],
    }
    for year in years:
        tables[f"{year}/financien"] = _financien(year)
        tables[f"{year}/personeel"] = _personeel(year)
    if project_files:
        tables.update(_project_tables(list(years)))
    return tables


def _project_tables(years: list[int]) -> dict[str, Rows]:
    last = years[-1]
    return {
        "referentie/kpis": [
            {"code": "continuiteit_personeel", "nummer": "", "naam": "Continuïteit personeel",
             "omschrijving": "Meer vaste posities.", "sectie": "rust_en_ruimte",
             "soort": "kwantitatief", "volgorde": "1"},
            {"code": "6", "nummer": "KPI 6", "naam": "Extramurale praktijk",
             "omschrijving": "Meer onderzoek buiten het ziekenhuis.", "sectie": "innovatiemotor",
             "soort": "kwantitatief", "volgorde": "2"},
            {"code": "7", "nummer": "KPI 7", "naam": "Samenwerking",
             "omschrijving": "Betere samenwerking.", "sectie": "samenwerking",
             "soort": "kwalitatief", "volgorde": "3"},
        ],
        "referentie/indicatoren": [
            {"code": "vast_aandeel", "kpi": "continuiteit_personeel",
             "naam": "Aandeel vaste formatie (fte)", "eenheid": "pct", "bron": "personeel",
             "aggregatie": "", "norm": "minimaal", "norm_waarde": "90", "vanaf_jaar": "2026"},
            {"code": "extramuraal_aandeel", "kpi": "6", "naam": "Aandeel extramuraal",
             "eenheid": "pct", "bron": "kpi_waarden", "aggregatie": "gemiddelde",
             "norm": "hoger_dan_basis", "norm_waarde": "", "vanaf_jaar": ""},
        ],
        "referentie/commissie": [
            {"naam": "prof. dr. A. (Anna) Voorbeeld", "aanhef": "mevrouw", "rol": "lid",
             "functie": "voorzitter", "van": "", "tot": "", "volgorde": "1"},
            {"naam": "dr. B. (Bram) Fictief", "aanhef": "de heer", "rol": "lid",
             "functie": "", "van": "2022-03-01", "tot": "2024-03-01", "volgorde": "2"},
            {"naam": "C. (Cor) Verzonnen", "aanhef": "", "rol": "secretariaat",
             "functie": "", "van": "", "tot": "", "volgorde": "1"},
        ],
        f"{last}/kpi_waarden": [
            {"umc": u, "indicator": "extramuraal_aandeel", "waarde": w}
            for u, w in (("EMC", "12.5"), ("LUMC", "20"), ("UMCG", "7.25"))
        ],
        f"{last}/kpi_oordeel": [
            {"kpi": "7", "status": "op koers", "toelichting": "De samenwerking groeit."},
            {"kpi": "6", "status": "", "toelichting": ""},
        ],
        f"{last}/werkdrukmonitor": [
            {"deelnemer": d, "umc": u, "moment": m, "baanzekerheid": b, "werkdruk": w}
            for d, u in (("d1", "EMC"), ("d2", "LUMC"))
            for m, b, w in (("voor", "4", "8.5"), ("nu", "7", "7"), ("ideaal", "9", "5.5"))
        ],
    }


def minimal_files(years: Iterable[int] = (2022, 2023)) -> dict[str, str]:
    """The non-table project files (TOML, Markdown) of a full minimal folder."""
    years = list(years)
    last = years[-1]
    return {
        "referentie/sectorplan.toml": (
            'sectorplan = "Versnellen op gezondheid"\n'
            'sectorplan_lang = "sectorplan Geneeskunde en Gezondheidswetenschappen"\n'
            'commissie = "Commissie sectorplan Medische en Gezondheidswetenschappen"\n'
            "looptijd_start = 2022\nlooptijd_eind = 2028\n"
            "budget_per_jaar = 40000000\nbasisjaar = 2023\n"
        ),
        f"{last}/rapport.toml": (
            'soort = "voortgangsrapportage"\n'
            f'titel = "Voortgangsrapportage {last}"\n'
            f"publicatiedatum = {last + 1}-06-01\n"
            f'peildatum = "{last}-12-31"\n'
            "[brief]\n"
            f"datum = {last + 1}-06-01\n"
            'ontvanger = ["De minister van Onderwijs, Cultuur en Wetenschap"]\n'
            'adres_ontvanger = ["Postbus 16375", "2500 BJ Den Haag"]\n'
            'adres_afzender = ["Postbus 1", "1000 AA Amsterdam"]\n'
            'contactpersoon = "dr. C. Contact"\n'
            'telefoon = "070 000 00 00"\n'
            f'onderwerp = "Voortgangsrapportage {last}"\n'
            'aanhef = "Geachte minister,"\n'
            'afsluiting = "Met vriendelijke groet,"\n'
            'ondertekenaar = "prof. dr. A. Voorbeeld"\n'
        ),
        f"{last}/teksten/samenvatting.md": (
            "De gerealiseerde formatie is {{ formatie.structureel_fte | fte }} fte.\n"
        ),
    }


# ------------------------------------------------------------------------------ writers

_POINT_NUMBER = re.compile(r"-?\d+(\.\d+)?")


def dutch_number(text: str) -> str:
    """`1234567.5` -> `1.234.567,5` (thousands dots, decimal comma); other text unchanged."""
    if not _POINT_NUMBER.fullmatch(text):
        return text
    sign = "-" if text.startswith("-") else ""
    whole, _, frac = text.lstrip("-").partition(".")
    groups = []
    while len(whole) > 3:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    groups.insert(0, whole)
    return sign + ".".join(groups) + ("," + frac if frac else "")


def write_csv(path: Path, rows: Rows, *, dutch: bool = False, bom: bool = False,
              header: list[str] | None = None) -> Path:
    """Write rows as CSV: `,` + decimal point, or with dutch=True `;` + decimal comma and
    thousands dots (as Dutch Excel exports). `header` defaults to the first row's keys."""
    path.parent.mkdir(parents=True, exist_ok=True)
    header = header if header is not None else (list(rows[0]) if rows else [])
    with path.open("w", encoding="utf-8-sig" if bom else "utf-8", newline="") as fh:
        writer = csv.writer(fh, delimiter=";" if dutch else ",", lineterminator="\r\n"
                            if dutch else "\n")
        writer.writerow(header)
        for row in rows:
            cells = [row.get(h, "") for h in header]
            writer.writerow([dutch_number(c) for c in cells] if dutch else cells)
    return path


def write_xlsx(path: Path, rows: Rows, *, header: list[str] | None = None) -> Path:
    """Write rows to the first sheet of an .xlsx; number-like text becomes a number cell."""
    from openpyxl import Workbook

    path.parent.mkdir(parents=True, exist_ok=True)
    header = header if header is not None else (list(rows[0]) if rows else [])
    wb = Workbook()
    ws = wb.active
    ws.append(header)
    for row in rows:
        out = []
        for h in header:
            v = row.get(h, "")
            if _POINT_NUMBER.fullmatch(v):
                out.append(float(v) if "." in v else int(v))
            else:
                out.append(v if v != "" else None)
        ws.append(out)
    wb.save(path)
    return path


def write_tables(root: Path, tables: dict[str, Rows], files: dict[str, str] | None = None
                 ) -> Path:
    """Write every table as `<root>/<relpath>.csv` and every file in `files`; returns root."""
    root = Path(root)
    for relpath, rows in tables.items():
        write_csv(root / f"{relpath}.csv", rows)
    for relpath, text in (files or {}).items():
        p = root / relpath
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(text, encoding="utf-8")
    return root


def write_dataset(root: Path, years: Iterable[int] = (2022, 2023),
                  project_files: bool = False) -> Path:
    """Write a minimal valid data folder into `root` and return `root`."""
    years = list(years)
    return write_tables(root, minimal_tables(years, project_files),
                        minimal_files(years) if project_files else None)

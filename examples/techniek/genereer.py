#!/usr/bin/env python3
"""Write the synthetic data of the fictitious example plan 'Techniek en Energiesystemen'.

Usage (from any folder; standard library only)::

    python examples/techniek/genereer.py            # rewrites the files below in place
    python examples/techniek/genereer.py --out DIR  # writes the same files under DIR/data

Everything here is invented: the plan, its four universities, themes, budgets and every
person-level row. The figures are plausible, not real. The script is deterministic: every
random choice comes from `random.Random` seeded with a string derived from SEED (string
seeds go through SHA-512, so the output does not depend on PYTHONHASHSEED or the platform).
Running it twice gives byte-identical files; tests/test_second_example.py checks that the
committed files equal a fresh run.

It owns these files and nothing else:
- data/referentie/: umcs, begroting, subthemas, functiecategorieen, themamatrix (contract);
- data/<jaar>/ for 2024-2027: financien, personeel (contract) and kpi_waarden.

Written by hand (never touched here): sectorplan.toml, opbouw.toml, commissie.csv,
kpis.csv, indicatoren.csv, rapport.toml, kpi_oordeel.csv and the texts in teksten/.

Method
------
*Money.* Each university receives a fixed share (its share of the budgeted fte) of the
yearly budget, every year. Spending is a year-specific fraction of that year's receipts
(slow start, catching up later) with a little noise per university, split over the four
spending categories with year-specific shares (temporary positions first, permanent
positions later).

*People.* Persons keep their id from year to year. Each year, per university: some
temporary contracts are converted (tijdelijk -> toegezegd_vast -> vast), a few temporary
staff leave, then new persons are hired until the structural formation (vast +
toegezegd_vast), the temporary formation and, from 2026, the inloop formation reach that
year's target share of the budgeted fte. Function category, gender and subtheme are drawn
per new person (subtheme weighted by the theme matrix: 3 for a main investment, 1 for a
smaller one). Fte is the funded part of the
position in steps of 4 hours out of 40.

*KPI values* (kpi_waarden.csv) per university and year for the measures that
indicatoren.csv takes from kpi_waarden: shared research facilities, field labs with grid
operators (zero where the university does not invest in that subtheme) and the share of
electrification projects with an industrial partner (reported only by the universities
that invest in electrification).

CSV dialect: `;` as delimiter, decimal comma, UTF-8 with BOM, `\\n` line ends.
"""

from __future__ import annotations

import argparse
import random
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

SEED = "tes-2024"
HERE = Path(__file__).resolve().parent
YEARS = (2024, 2025, 2026, 2027)
BUDGET_PER_JAAR = Decimal(12_000_000)  # equals budget_per_jaar in sectorplan.toml

# ------------------------------------------------------------------ reference data

# code, printed name, order, budgeted structural fte
UNIVERSITEITEN = (
    ("BRK", "Technische Universiteit Brakenburg", 1, Decimal("32.00")),
    ("LWD", "Universiteit van Lindewaard", 2, Decimal("22.50")),
    ("HMV", "Rijksuniversiteit Heemvliet", 3, Decimal("18.00")),
    ("WSK", "Technische Universiteit Westerkamp", 4, Decimal("27.50")),
)

# code, theme code, theme name, subtheme name, order
SUBTHEMAS = (
    ("netbeheer", "systeem", "Energiesysteem van de toekomst",
     "Slimme netten en flexibiliteit", 1),
    ("opslag", "systeem", "Energiesysteem van de toekomst", "Opslag en conversie", 2),
    ("warmte", "systeem", "Energiesysteem van de toekomst", "Duurzame warmte", 3),
    ("elektrificatie", "industrie", "Schone industrie",
     "Elektrificatie van industriële processen", 4),
    ("materialen", "industrie", "Schone industrie", "Circulaire materialen", 5),
)

# code, name, group, order (the contract's ten codes plus one of this plan: technicus)
FUNCTIECATEGORIEEN = (
    ("hoogleraar", "Hoogleraar", "wetenschappelijk", 1),
    ("uhd", "Universitair hoofddocent", "wetenschappelijk", 2),
    ("ud", "Universitair docent", "wetenschappelijk", 3),
    ("docent", "Docent", "wetenschappelijk", 4),
    ("onderzoeker", "Onderzoeker", "wetenschappelijk", 5),
    ("dataspecialist", "Dataspecialist", "ondersteunend", 6),
    ("technicus", "Technicus", "ondersteunend", 7),
    ("analist", "Analist", "ondersteunend", 8),
    ("onderzoeksverpleegkundige", "Onderzoeksverpleegkundige", "ondersteunend", 9),
    ("valorisatie", "Valorisatiemedewerker", "ondersteunend", 10),
    ("overig_ondersteunend", "Overig ondersteunend", "ondersteunend", 11),
)

THEMAMATRIX = (
    ("BRK", "netbeheer", "hoofd"), ("BRK", "elektrificatie", "hoofd"),
    ("BRK", "opslag", "beperkt"),
    ("LWD", "warmte", "hoofd"), ("LWD", "materialen", "hoofd"),
    ("LWD", "netbeheer", "beperkt"),
    ("HMV", "opslag", "hoofd"), ("HMV", "warmte", "beperkt"),
    ("HMV", "materialen", "beperkt"),
    ("WSK", "elektrificatie", "hoofd"), ("WSK", "opslag", "hoofd"),
    ("WSK", "netbeheer", "hoofd"), ("WSK", "materialen", "beperkt"),
)

# ------------------------------------------------------------------ yearly parameters

# share of the year's receipts spent, per year
BESTEED = {2024: Decimal("0.46"), 2025: Decimal("0.74"), 2026: Decimal("0.93"),
           2027: Decimal("1.04")}
# spending split: tijdelijke_posities, vaste_posities, indirecte_kosten, materieel
VERDELING = {
    2024: (Decimal("0.40"), Decimal("0.24"), Decimal("0.20"), Decimal("0.16")),
    2025: (Decimal("0.31"), Decimal("0.38"), Decimal("0.19"), Decimal("0.12")),
    2026: (Decimal("0.22"), Decimal("0.49"), Decimal("0.18"), Decimal("0.11")),
    2027: (Decimal("0.16"), Decimal("0.56"), Decimal("0.18"), Decimal("0.10")),
}
# target fte as a share of the budgeted fte: structural, temporary, inloop
DOEL = {
    2024: (0.24, 0.20, 0.00),
    2025: (0.52, 0.21, 0.00),
    2026: (0.73, 0.16, 0.04),
    2027: (0.87, 0.12, 0.05),
}
# conversion chances per year: tijdelijk -> toegezegd_vast, toegezegd_vast -> vast
OMZETTING = (0.25, 0.65)
VERTREK = 0.06  # chance that a temporary person leaves in a year

# weights of the function categories of new hires, per kind of position
FUNCTIES_STRUCTUREEL = {"hoogleraar": 5, "uhd": 11, "ud": 30, "docent": 10,
                        "onderzoeker": 14, "dataspecialist": 10, "technicus": 8,
                        "analist": 3, "valorisatie": 4, "overig_ondersteunend": 5}
FUNCTIES_TIJDELIJK = {"ud": 6, "docent": 6, "onderzoeker": 60, "dataspecialist": 10,
                      "technicus": 8, "analist": 4, "valorisatie": 3,
                      "overig_ondersteunend": 3}
FUNCTIES_INLOOP = {"onderzoeker": 6, "dataspecialist": 2, "technicus": 2}
# chance that a new person is a woman, per function category (the rest men, rarely x)
VROUW = {"hoogleraar": 0.22, "uhd": 0.27, "ud": 0.33, "docent": 0.40, "onderzoeker": 0.31,
         "dataspecialist": 0.25, "technicus": 0.15, "analist": 0.45, "valorisatie": 0.55,
         "overig_ondersteunend": 0.60}
ANDERS = 0.01  # chance of geslacht x or onbekend
FTE_STRUCTUREEL = (Decimal("1.0"), Decimal("1.0"), Decimal("0.9"), Decimal("0.8"),
                   Decimal("0.8"), Decimal("0.6"), Decimal("0.5"))
FTE_TIJDELIJK = (Decimal("1.0"), Decimal("1.0"), Decimal("0.8"), Decimal("0.6"),
                 Decimal("0.5"), Decimal("0.4"), Decimal("0.2"))

# kpi_waarden: (indicator, value for 2024, growth per year, noise) per university
FACILITEITEN_START = {"BRK": 2, "LWD": 1, "HMV": 1, "WSK": 2}
PROEFTUIN_START = {"BRK": 2, "LWD": 0, "WSK": 1}  # where netbeheer has inzet; else 0
# only the universities that invest in elektrificatie report this share
INDUSTRIE_START = {"BRK": 34.0, "WSK": 38.0}


def rng(*parts: object) -> random.Random:
    return random.Random("/".join([SEED, *map(str, parts)]))


def money(value: Decimal) -> Decimal:
    return value.quantize(Decimal("1"), rounding=ROUND_HALF_UP)


# ------------------------------------------------------------------ writing


def cell(value: object) -> str:
    if isinstance(value, Decimal):
        text = f"{value:f}".replace(".", ",")
    else:
        text = str(value)
    if any(c in text for c in ';"\n'):
        text = '"' + text.replace('"', '""') + '"'
    return text


def write_csv(path: Path, header: tuple[str, ...], rows: list[tuple]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    lines = [";".join(header)] + [";".join(cell(v) for v in row) for row in rows]
    path.write_bytes(("\ufeff" + "\n".join(lines) + "\n").encode("utf-8"))


def euro(value: Decimal) -> Decimal:
    return money(value).quantize(Decimal("0.01"))


# ------------------------------------------------------------------ generation


def reference(data: Path) -> None:
    ref = data / "referentie"
    write_csv(ref / "umcs.csv", ("code", "naam", "volgorde"),
              [(c, n, v) for c, n, v, _ in UNIVERSITEITEN])
    write_csv(ref / "begroting.csv", ("umc", "begroot_fte"),
              [(c, b) for c, _, _, b in UNIVERSITEITEN])
    write_csv(ref / "subthemas.csv", ("code", "thema", "thema_naam", "naam", "volgorde"),
              list(SUBTHEMAS))
    write_csv(ref / "functiecategorieen.csv", ("code", "naam", "groep", "volgorde"),
              list(FUNCTIECATEGORIEEN))
    write_csv(ref / "themamatrix.csv", ("umc", "subthema", "inzet"), list(THEMAMATRIX))


def financien(data: Path) -> None:
    total_fte = sum(b for *_, b in UNIVERSITEITEN)
    for jaar in YEARS:
        rows = []
        for code, _, _, begroot in UNIVERSITEITEN:
            r = rng("financien", jaar, code)
            ontvangen = money(BUDGET_PER_JAAR * begroot / total_fte)
            factor = BESTEED[jaar] + Decimal(r.randint(-400, 400)) / 10000
            besteed = ontvangen * factor
            delen = [money(besteed * (s + Decimal(r.randint(-150, 150)) / 10000))
                     for s in VERDELING[jaar]]
            rows.append((code, euro(ontvangen), *(euro(d) for d in delen)))
        write_csv(data / str(jaar) / "financien.csv",
                  ("umc", "ontvangen", "tijdelijke_posities", "vaste_posities",
                   "indirecte_kosten", "materieel"), rows)


def _pick(r: random.Random, weights: dict[str, float]) -> str:
    keys = list(weights)
    return r.choices(keys, weights=[weights[k] for k in keys])[0]


def _subthema(r: random.Random, code: str) -> str:
    inzet = [(s, 3 if i == "hoofd" else 1) for u, s, i in THEMAMATRIX if u == code]
    return r.choices([s for s, _ in inzet], weights=[w for _, w in inzet])[0]


def _geslacht(r: random.Random, functie: str) -> str:
    x = r.random()
    if x < ANDERS:
        return "x" if r.random() < 0.5 else "onbekend"
    return "v" if x < ANDERS + VROUW[functie] * (1 - ANDERS) else "m"


def personeel(data: Path) -> None:
    staff: dict[str, list[dict]] = {code: [] for code, *_ in UNIVERSITEITEN}
    counter = {code: 0 for code in staff}
    for jaar in YEARS:
        rows = []
        for code, _, _, begroot in UNIVERSITEITEN:
            r = rng("personeel", jaar, code)
            people = staff[code]
            # conversions and departures of last year's staff
            kept = []
            for p in people:
                if p["contractvorm"] == "tijdelijk":
                    if r.random() < VERTREK:
                        continue
                    if r.random() < OMZETTING[0]:
                        p["contractvorm"] = "toegezegd_vast"
                elif p["contractvorm"] == "toegezegd_vast" and r.random() < OMZETTING[1]:
                    p["contractvorm"] = "vast"
                elif p["contractvorm"] == "inloop" and r.random() < 0.3:
                    continue
                kept.append(p)
            people[:] = kept

            def fte(*cvs: str) -> Decimal:
                return sum((p["fte"] for p in people if p["contractvorm"] in cvs), Decimal(0))

            structureel, tijdelijk, inloop = (Decimal(str(s)) * begroot for s in DOEL[jaar])
            plan = (
                (("vast", "toegezegd_vast"), structureel, FUNCTIES_STRUCTUREEL,
                 FTE_STRUCTUREEL),
                (("tijdelijk",), tijdelijk, FUNCTIES_TIJDELIJK, FTE_TIJDELIJK),
                (("inloop",), inloop, FUNCTIES_INLOOP, FTE_TIJDELIJK),
            )
            for cvs, target, functies, ftes in plan:
                while fte(*cvs) < target:
                    counter[code] += 1
                    functie = _pick(r, functies)
                    if cvs[0] == "vast":
                        cv = "vast" if r.random() < 0.8 else "toegezegd_vast"
                    else:
                        cv = cvs[0]
                    people.append({
                        "id": f"{code}-{counter[code]:04d}", "functie": functie,
                        "contractvorm": cv, "fte": r.choice(ftes),
                        "geslacht": _geslacht(r, functie), "subthema": _subthema(r, code),
                    })
            for p in people:
                rows.append((p["id"], code, p["functie"], p["contractvorm"], p["fte"],
                             p["geslacht"], p["subthema"]))
        write_csv(data / str(jaar) / "personeel.csv",
                  ("id", "umc", "functiecategorie", "contractvorm", "fte", "geslacht",
                   "subthema"), rows)


def kpi_waarden(data: Path) -> None:
    for i, jaar in enumerate(YEARS):
        rows = []
        for code, *_ in UNIVERSITEITEN:
            r = rng("kpi_waarden", jaar, code)
            rows.append((code, "gedeelde_faciliteiten",
                         FACILITEITEN_START[code] + i + r.randint(0, 1) * (i > 0)))
            proeftuinen = 0  # a university without inzet on netbeheer reports none
            if code in PROEFTUIN_START:
                proeftuinen = PROEFTUIN_START[code] + (3 * i) // 2 + r.randint(0, 1)
            rows.append((code, "proeftuinen", proeftuinen))
            if code in INDUSTRIE_START:
                share = INDUSTRIE_START[code] + 4.5 * i + r.uniform(-2, 2)
                rows.append((code, "aandeel_industrie", Decimal(str(round(share, 1)))))
        write_csv(data / str(jaar) / "kpi_waarden.csv", ("umc", "indicator", "waarde"), rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=HERE,
                        help="project folder to write data/ into (default: this folder)")
    args = parser.parse_args()
    data = args.out / "data"
    reference(data)
    financien(data)
    personeel(data)
    kpi_waarden(data)


if __name__ == "__main__":
    main()

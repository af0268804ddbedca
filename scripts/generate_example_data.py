#!/usr/bin/env python3
"""Generate the example data set in `data/` (contract files + reportgen's own files).

Usage::

    python scripts/generate_example_data.py            # rewrites data/ in place
    python scripts/generate_example_data.py --out DIR  # writes the same files under DIR

The generator is deterministic: every random choice comes from `random.Random` instances
seeded with strings derived from SEED (below), e.g. ``"20260601/personeel/2025"``. Python
seeds string seeds through SHA-512, so the output does not depend on PYTHONHASHSEED, the
platform or numpy. Running it twice gives byte-identical files; tests/test_example_data.py
checks that the committed data/ equals a fresh run.

It writes only the files it owns. `data/<jaar>/teksten/` and `data/<jaar>/kpi_oordeel.csv`
are written by hand by other authors and are never touched (nor deleted).

Method
------
*Reference files* (umc's, budget, subthemes, function categories, theme matrix, committee,
KPIs, measures, settings) are facts from the published mid-term evaluation (the "seed
report", `../shared/seeds/004_af047e6f16f27bb4.txt`) and are written as they are. The theme
matrix lost its dot sizes in the text copy: which dots are `beperkt` is our reconstruction.

*Finances 2022-2025* reproduce the seed's Tabel 1: each published cumulative cell
(umc x spending category, 2022..2025) is split over the four years with category-specific
weights (temporary positions front-loaded, permanent positions back-loaded) and largest-
remainder rounding, so the four yearly files add up to the published cell to the euro.
Money received is a fixed yearly share per umc of EUR 40 mln (2022: the remainder of the
published EUR 142.138.216 received over 2022-2025, a partial start year). 2026-2028 are
synthetic: receipts as before, spending above receipts to catch up the underspending.

*Personnel* (one row per person, snapshot on 31 December) is built per year in four steps:
1. headcount per umc x contractvorm (2025: seed Tabel 3; other years derived from fte
   trajectories and the 2025 average fte per person);
2. function categories: a global multiset of labels per contractvorm (2025: fixed UD and
   dataspecialist counts from the seed text) dealt out to the umc's person slots with
   umc-specific preferences (e.g. more data specialists where the umc invests in the
   dataspecialisten subtheme);
3. fte in units of 0.0001: per contractvorm, iterative proportional fitting of a
   umc x {ud, dataspecialist, other} matrix to the per-umc cell targets (2025: the
   published Tabel 2 cells plus a small 4th-decimal deviation, see below) and the column
   targets (2025: UD and dataspecialist fte from the seed text); each cell is then spread
   over its persons as hours/36 in half-hour steps (0.8889 = 32/36 h), and the last
   few ten-thousandths go to one person of the cell;
4. gender (2025: seed Tabel 4 counts per umc x {vast; tijdelijk + toegezegd_vast} plus one
   person with geslacht `x` in Erasmus MC vast) and subtheme (drawn from the umc's theme
   matrix, empty for ~8 %). Genders are then swapped between persons of the same umc and
   contract group until women hold the majority of permanent fte in every scientific
   function group (seed Figuur 6); swaps keep the Tabel 4 counts.

Why 4 decimals: the seed's Tabel 2 cells sum to 324,94 fte while the text reports a realised
formation of 324,95 and a structural formation of 293,09 (printed 293,1). Both are only
reproducible from unrounded person-level sums: the 2025 totals are vast 275,9610,
toegezegd_vast 17,1325, tijdelijk 31,8535 (structural 293,0935 -> 293,09; realised 324,9470 ->
324,95), and every per-umc cell rounds (half up) to its published value.

*KPI values, workload monitor, report settings* are synthetic example data following the
story of the seed report (see data/README.md).
"""

from __future__ import annotations

import argparse
import csv
import io
import math
import random
from pathlib import Path

SEED = "20260601"

FIRST_YEAR, LAST_YEAR, ANCHOR = 2022, 2028, 2025
YEARS = list(range(FIRST_YEAR, LAST_YEAR + 1))
UNIT = 10_000  # fte are integers in units of 0.0001 fte
CVS = ("vast", "toegezegd_vast", "tijdelijk", "inloop")

ROOT = Path(__file__).resolve().parent.parent


def rng_for(*parts: object) -> random.Random:
    return random.Random("/".join([SEED, *map(str, parts)]))


# ---------------------------------------------------------------------------- reference

UMCS = [  # code, name as in seed Tabel 1/2, begroot fte (seed Bijlage V "Begroot")
    ("AUMC-UVA", "Amsterdam UMC UvA", "44.70"),
    ("AUMC-VU", "Amsterdam UMC VU", "32.60"),
    ("EMC", "Erasmus MC", "50.40"),
    ("LUMC", "LUMC", "32.30"),
    ("MUMC", "Maastricht UMC+", "38.50"),
    ("RUMC", "Radboudumc", "38.30"),
    ("UMCG", "UMCG", "53.30"),
    ("UMCU", "UMC Utrecht", "46.40"),
]
CODES = [u[0] for u in UMCS]
BEGROOT = {c: int(round(float(b) * 100)) for c, _, b in UMCS}  # in 0.01 fte

SUBTHEMAS = [  # code, thema, thema_naam, naam (seed TOC 4.1.1 .. 4.3.3)
    ("innovatiemotor", "preventie", "Preventie", "Innovatiemotor in de regio"),
    ("onderzoeksmethodologie", "preventie", "Preventie", "Onderzoeksmethodologie"),
    ("leefstijl", "preventie", "Preventie", "Leefstijldata en -interventies"),
    ("cohorten", "datagedreven_innovatie", "Datagedreven innovatie", "Populatie- en patiëntcohorten"),
    ("dataspecialisten", "datagedreven_innovatie", "Datagedreven innovatie", "Dataspecialisten onderzoek"),
    ("ai_ehealth", "datagedreven_innovatie", "Datagedreven innovatie", "AI, e-health en medische technologie"),
    ("klinisch", "fundament_toepassing", "Van fundament tot toepassing", "Translationeel en klinisch onderzoek en onderwijs"),
    ("valorisatie", "fundament_toepassing", "Van fundament tot toepassing", "Valorisatie"),
    ("geneesmiddelen", "fundament_toepassing", "Van fundament tot toepassing", "Geneesmiddelen en ATMP's"),
]
SUB_CODES = [s[0] for s in SUBTHEMAS]

FUNCTIES = [  # code, naam, groep, typical fte of one person
    ("hoogleraar", "Hoogleraar", "wetenschappelijk", 0.35),
    ("uhd", "UHD", "wetenschappelijk", 0.50),
    ("ud", "UD", "wetenschappelijk", 0.56),
    ("docent", "Docent", "wetenschappelijk", 0.55),
    ("onderzoeker", "Onderzoeker", "wetenschappelijk", 0.60),
    ("dataspecialist", "Dataspecialist", "ondersteunend", 0.68),
    ("analist", "Analist", "ondersteunend", 0.60),
    ("onderzoeksverpleegkundige", "Onderzoeksverpleegkundige", "ondersteunend", 0.62),
    ("valorisatie", "Valorisatie-expert", "ondersteunend", 0.60),
    ("overig_ondersteunend", "Overig ondersteunend", "ondersteunend", 0.50),
]
F_CODES = [f[0] for f in FUNCTIES]
F_GROUP = {f[0]: f[2] for f in FUNCTIES}
F_TYPICAL = {f[0]: f[3] for f in FUNCTIES}
SCIENTIFIC = [f for f in F_CODES if F_GROUP[f] == "wetenschappelijk"]

# Seed Bijlage I. The seed's row names "Amsterdam UMC VUmc" and "UMC Groningen" are AUMC-VU
# and UMCG. Dot sizes are lost in the text copy; the `beperkt` ones are our reconstruction.
THEMAMATRIX = {
    "AUMC-UVA": ["onderzoeksmethodologie", "ai_ehealth", "klinisch"],
    "AUMC-VU": ["innovatiemotor", "cohorten", "valorisatie"],
    "EMC": ["onderzoeksmethodologie", "leefstijl", "cohorten", "dataspecialisten", "klinisch"],
    "LUMC": ["innovatiemotor", "leefstijl", "dataspecialisten", "klinisch", "geneesmiddelen"],
    "MUMC": ["onderzoeksmethodologie", "leefstijl", "cohorten", "ai_ehealth", "klinisch"],
    "RUMC": ["leefstijl", "ai_ehealth", "geneesmiddelen"],
    "UMCG": ["innovatiemotor", "leefstijl", "cohorten", "dataspecialisten", "klinisch",
             "valorisatie", "geneesmiddelen"],
    "UMCU": ["innovatiemotor", "cohorten", "klinisch"],
}
BEPERKT = {("EMC", "dataspecialisten"), ("LUMC", "leefstijl"), ("MUMC", "cohorten"),
           ("UMCG", "valorisatie"), ("UMCG", "geneesmiddelen"), ("UMCU", "innovatiemotor")}

SECTORPLAN_TOML = '''\
# Settings that hold for the whole sector plan period (docs/data-design.md).
sectorplan = "Versnellen op gezondheid"
sectorplan_lang = "sectorplan Geneeskunde en Gezondheidswetenschappen"
commissie = "Commissie sectorplan Medische en Gezondheidswetenschappen"
commissie_kort = "Commissie sectorplan MGW"
looptijd_start = 2022
looptijd_eind = 2028
budget_per_jaar = 40000000         # euro, structural
basisjaar = 2023                   # baseline year of the KPIs
email = "sectorplancommissie@zonmw.nl"
website = "www.sectorplan-mgw.nl"
redactie = "Leden sectorplancommissie en secretarissen ZonMw"
vormgeving = "Secretariaat van de commissie"
instelling = "umc"                 # the word for one institution in tables and captions
instellingen = "umc's"
trefwoorden = ["umc", "medische en gezondheidswetenschappen"]   # PDF metadata
# Example data: the cover and colofon say what is synthetic.
voorbeeld = "Voorbeeldrapport. De referentiegegevens en de totalen over 2025 zijn ontleend aan de gepubliceerde tussentijdse evaluatie; de gegevens per persoon, de andere jaren, de KPI-waarden en de werkdrukmonitor zijn synthetisch, en citaten en tekstkaders zijn fictief. De cijfers zijn geen bevindingen."
'''

# Seed Bijlage II (naam, aanhef, rol, functie, van, tot). The committee was installed on
# 1 June 2023 (Bijlage III); an empty `van` means "from the installation".
COMMISSIE = [
    ("prof. dr. D.I. (Dorret) Boomsma", "mevrouw", "lid", "", "", ""),
    ("prof. dr. ir. E.J.M. (Edith) Feskens", "mevrouw", "lid", "", "", ""),
    ("prof. dr. H. (Henk) Garretsen", "de heer", "lid", "", "", ""),
    ("prof. dr. W.J.G. (Witte) Hoogendijk", "de heer", "lid", "", "2025-03-01", ""),
    ("prof. dr. J.A. (André) Knottnerus", "de heer", "lid", "voorzitter", "", ""),
    ("prof. dr. C.L. (Christine) Mummery", "mevrouw", "lid", "vicevoorzitter", "", ""),
    ("prof. dr. R.J.G. (Ron) Peters", "de heer", "lid", "", "", "2024-03-01"),
    ("prof. dr. M.J.T. (Marcel) Reinders", "de heer", "lid", "", "", ""),
    ("prof. dr. R. (Rozemarijn) Vliegenthart", "mevrouw", "lid", "", "", ""),
    ("dr. T. (Tim) Ahuis", "de heer", "secretariaat", "", "", ""),
    ("O. (Öznur) Sendag", "mevrouw", "secretariaat", "", "", ""),
    ("dr. O.W. (Oliver) Stockhammer", "de heer", "secretariaat", "", "", ""),
    ("D.T.J. (Daniëlle) Woutersen, MSc", "mevrouw", "secretariaat", "", "", ""),
]

# code, nummer, naam, omschrijving, sectie, soort. KPI 6-20: the formulations printed in the
# seed report; the four general KPIs and KPI 5 are summarised from the seed's description.
KPIS = [
    ("continuiteit_personeel", "", "Continuïteit personeel",
     "Het aandeel vaste posities op de sectorplanthema's neemt in 2028 substantieel toe ten opzichte van 2023.",
     "rust_en_ruimte", "kwantitatief"),
    ("werkdruk", "", "Werkdruk",
     "Medewerkers op de sectorplanthema's ervaren in 2028 minder werkdruk dan in 2023.",
     "rust_en_ruimte", "kwantitatief"),
    ("interdisciplinariteit", "", "Interdisciplinariteit en interprofessionaliteit",
     "Onderzoeksgroepen en opleidingen werken structureel samen over de grenzen van disciplines, professies en instellingen heen.",
     "samenwerking", "kwalitatief"),
    ("diversiteit", "", "Diversiteit",
     "De sector maakt zichtbaar dat de diversiteit van het personeel waar nodig toeneemt en onderbouwt dat waar mogelijk met cijfers.",
     "diversiteit", "kwalitatief"),
    ("5", "KPI 5", "Gezondheidswetenschappen in beeld",
     "Gezondheidswetenschappen in beeld: opleidingen en onderzoek in de gezondheidswetenschappen, ook buiten de umc's, worden in kaart gebracht.",
     "gezondheidswetenschappen", "kwalitatief"),
    ("6", "KPI 6", "Samenwerking rond preventie",
     "Concrete structurele samenwerkingsverbanden op het gebied van onderzoek en onderwijs rondom (innovatieve) preventie.",
     "innovatiemotor", "kwalitatief"),
    ("7", "KPI 7", "Extramurale praktijk",
     "Het aandeel extramurale praktijk in het geneeskunde curriculum neemt toe in 2028 t.o.v. 2023.",
     "innovatiemotor", "kwantitatief"),
    ("8", "KPI 8", "Nieuwe onderzoeksmethoden en experts",
     "Beschrijving van nieuwe onderzoeksmethoden en specifieke expertise die is opgebouwd, met de verwachte impact op preventie. Dus: beschrijving van de impact pathways via een aantal voorbeelden. De toename van experts wordt kwantitatief weergegeven.",
     "onderzoeksmethodologie", "kwantitatief"),
    ("9", "KPI 9", "Methoden en expertise in het onderwijs",
     "Beschrijving van manieren waarop de nieuwe onderzoeksmethoden en/of expertise doordringen in het onderwijs.",
     "onderzoeksmethodologie", "kwalitatief"),
    ("10", "KPI 10", "Projecten als innovatiemotor",
     "Concrete projecten waar het umc de innovatiemotorfunctie heeft: a. projecten voor een solide data-infrastructuur, b. projecten waarin methodologie en expertise wordt ingezet op het gebied van leefstijl. De toename van projecten wordt kwantitatief aangegeven.",
     "leefstijl", "kwantitatief"),
    ("11", "KPI 11", "Bestendiging cohorten",
     "Beschrijving van de bestendiging van cohorten en/of cohortinfrastructuur waarbij zichtbaar wordt gemaakt dat de infrastructuur is verbeterd en dat (de continuïteit en structurele financiering van) de cohorten is/zijn verbeterd.",
     "cohorten", "kwalitatief"),
    ("12", "KPI 12", "Methodologie en expertise cohorten",
     "Beschrijving van de ontwikkeling van methodologie en expertise aan de hand van een aantal voorbeelden.",
     "cohorten", "kwalitatief"),
    ("13", "KPI 13", "Loopbaanpaden en onderwijs dataspecialisten",
     "Beschrijving van loopbaanpaden en onderwijs aan medewerkers en studenten op dit vlak (aantal voorbeelden). Tevens wordt een narratief voor het geheel opgenomen.",
     "dataspecialisten", "kwalitatief"),
    ("14", "KPI 14", "Dataspecialisten",
     "Aantal dataspecialisten neemt substantieel toe in 2028 t.o.v. 2023. Hierbij ook aandacht voor de kwaliteit.",
     "dataspecialisten", "kwantitatief"),
    ("15", "KPI 15", "Ontsluiting van data",
     "Beschrijving van initiatieven waarin data worden ontsloten die zowel door zorgprofessionals (binnen en buiten de organisatie) als door burgers/patiënten (buiten de organisatie) worden gebruikt.",
     "ai_ehealth", "kwalitatief"),
    ("16", "KPI 16", "Effectiviteit e-health en AI",
     "Beschrijving van een aantal onderzoeken naar de effectiviteit en impact van e-health of AI-toepassingen.",
     "ai_ehealth", "kwalitatief"),
    ("17", "KPI 17", "Vertaling naar diagnostiek en behandeling",
     "Beschrijving van initiatieven die hebben bijgedragen aan betere en snellere vertaling van fundamentele kennis in diagnostiek en behandeling.",
     "klinisch", "kwalitatief"),
    ("18", "KPI 18", "Vrijstelling klinische onderzoekers",
     "Beschrijving van initiatieven die hebben bijgedragen aan de vrijstelling van klinische onderzoekers ten behoeve van de vertaling van onderzoek naar de praktijk.",
     "klinisch", "kwalitatief"),
    ("19", "KPI 19", "Valorisatieroute",
     "Beschrijving van hoe valorisatietunnel is ingericht, inclusief bepaling van keuzes in onderwerpen die gesteund worden.",
     "valorisatie", "kwalitatief"),
    ("20", "KPI 20", "Van preklinisch naar klinisch",
     "Beschrijving van een aantal interventies dat vanuit een preklinisch stadium naar een klinisch stadium binnen de academische setting is vertaald.",
     "geneesmiddelen", "kwalitatief"),
]

# code, kpi, naam, eenheid, bron, aggregatie, norm, norm_waarde, vanaf_jaar
INDICATOREN = [
    ("vast_aandeel", "continuiteit_personeel", "Aandeel vaste formatie (fte)", "pct", "personeel", "", "hoger_dan_basis", "", ""),
    ("structurele_realisatie", "continuiteit_personeel", "Realisatie structurele formatie", "pct", "personeel", "", "minimaal", "90", "2026"),
    ("werkdruk", "werkdruk", "Ervaren werkdruk (gemiddelde score)", "score", "werkdrukmonitor", "", "lager_dan_basis", "", ""),
    ("vrouwen_aandeel", "diversiteit", "Aandeel vrouwen (personen)", "pct", "personeel", "", "informatief", "", ""),
    ("vrouwen_aandeel_vast", "diversiteit", "Aandeel vrouwen met vast contract (personen)", "pct", "personeel", "", "informatief", "", ""),
    ("extramuraal_aandeel", "7", "Aandeel extramurale praktijk in het curriculum", "pct", "kpi_waarden", "gemiddelde", "hoger_dan_basis", "", ""),
    ("experts", "8", "Aantal experts nieuwe onderzoeksmethoden", "aantal", "kpi_waarden", "som", "hoger_dan_basis", "", ""),
    ("projecten_data", "10", "Projecten solide data-infrastructuur", "aantal", "kpi_waarden", "som", "hoger_dan_basis", "", ""),
    ("projecten_leefstijl", "10", "Projecten methodologie en expertise leefstijl", "aantal", "kpi_waarden", "som", "hoger_dan_basis", "", ""),
    ("dataspecialisten_fte", "14", "Dataspecialisten (fte)", "fte", "personeel", "", "hoger_dan_basis", "", ""),
]

# ----------------------------------------------------------------- published 2025 figures

# Seed Tabel 1: cumulative spending 2022-2025 per umc and category (empty cell = 0).
TABEL1 = {  # tijdelijke_posities, vaste_posities, indirecte_kosten, materieel
    "AUMC-UVA": (2103645, 11311214, 2682972, 0),
    "AUMC-VU": (3894500, 8310681, 2441036, 0),
    "EMC": (1652608, 16220364, 1365000, 0),
    "LUMC": (2434971, 10587300, 1353519, 131580),
    "MUMC": (154720, 10843986, 2199741, 0),
    "RUMC": (1414640, 6751905, 1633309, 43667),
    "UMCG": (2239695, 9380254, 2282420, 43196),
    "UMCU": (2912113, 7955107, 1583415, 0),
}
CATS = ("tijdelijke_posities", "vaste_posities", "indirecte_kosten", "materieel")
ONTVANGEN_2022_2025 = 142_138_216
BUDGET = 40_000_000

# Seed Tabel 2 (fte in 0.01): inloop, tijdelijk, toegezegd_vast, vast.
TABEL2 = {
    "AUMC-UVA": (897, 60, 280, 3783),
    "AUMC-VU": (570, 0, 601, 3372),
    "EMC": (439, 509, 0, 4698),
    "LUMC": (0, 520, 0, 3000),
    "MUMC": (170, 130, 80, 3383),
    "RUMC": (1384, 570, 144, 3066),
    "UMCG": (410, 741, 465, 3118),
    "UMCU": (62, 655, 143, 3176),
}
# Seed Tabel 3 headcounts: inloop, tijdelijk, toegezegd_vast, vast.
TABEL3 = {
    "AUMC-UVA": (14, 1, 5, 58),
    "AUMC-VU": (10, 0, 7, 54),
    "EMC": (12, 11, 0, 74),
    "LUMC": (0, 9, 0, 50),
    "MUMC": (3, 2, 1, 87),
    "RUMC": (29, 8, 2, 49),
    "UMCG": (9, 14, 7, 56),
    "UMCU": (5, 16, 3, 68),
}
# Seed Tabel 4: vast v, tijdelijk(+toegezegd) v, vast m, tijdelijk(+toegezegd) m.
TABEL4 = {
    "AUMC-UVA": (41, 1, 17, 5),
    "AUMC-VU": (40, 6, 14, 1),
    "EMC": (44, 7, 29, 4),
    "LUMC": (35, 4, 15, 5),
    "MUMC": (57, 2, 30, 1),
    "RUMC": (26, 6, 23, 4),
    "UMCG": (37, 13, 19, 8),
    "UMCU": (44, 14, 24, 5),
}
# Column totals of the 2025 fte in units of 0.0001 (see module docstring): they round to
# the published 275,96 / 17,13 / 31,85 and give 293,09 structural and 324,95 realised.
TOTAL_2025 = {"vast": 2_759_610, "toegezegd_vast": 171_325, "tijdelijk": 318_535}
# UD and dataspecialists 2025 (seed 5.2.1 and 4.2.2), inloop excluded: persons, fte units.
UD_2025 = {"vast": (140, 778_100), "toegezegd_vast": (5, 25_100), "tijdelijk": (10, 46_400)}
DS_2025 = {"vast": (52, 354_000), "toegezegd_vast": (5, 41_000), "tijdelijk": (10, 15_000)}

# Function mix 2025 per contractvorm (persons). UD and dataspecialist counts are published;
# the rest is our choice, consistent with seed Figuren 4 and 5.
LABELS_2025 = {
    "vast": {"hoogleraar": 20, "uhd": 38, "ud": 140, "docent": 55, "onderzoeker": 95,
             "dataspecialist": 52, "analist": 40, "onderzoeksverpleegkundige": 22,
             "valorisatie": 10, "overig_ondersteunend": 24},
    "toegezegd_vast": {"uhd": 2, "ud": 5, "docent": 3, "onderzoeker": 6, "dataspecialist": 5,
                       "analist": 2, "onderzoeksverpleegkundige": 1, "overig_ondersteunend": 1},
    "tijdelijk": {"hoogleraar": 1, "uhd": 2, "ud": 10, "docent": 7, "onderzoeker": 18,
                  "dataspecialist": 10, "analist": 6, "onderzoeksverpleegkundige": 4,
                  "valorisatie": 1, "overig_ondersteunend": 2},
    "inloop": {"ud": 8, "docent": 10, "onderzoeker": 35, "dataspecialist": 8, "analist": 10,
               "onderzoeksverpleegkundige": 5, "valorisatie": 2, "overig_ondersteunend": 4},
}

# ------------------------------------------------------------------ synthetic trajectories

# Cumulative spending share 2022-2025 per umc (received = spent / share); gives the umc's
# fixed share of the yearly budget. Low shares where the seed shows much inloop.
SPEND_SHARE = {"AUMC-UVA": 0.85, "AUMC-VU": 0.88, "EMC": 0.90, "LUMC": 0.84,
               "MUMC": 0.80, "RUMC": 0.62, "UMCG": 0.72, "UMCU": 0.75}
# Spending 2025 as a share of the umc's 2025 receipts (seed: 92 % on average).
SPEND_2025 = {"AUMC-UVA": 0.95, "AUMC-VU": 0.96, "EMC": 0.96, "LUMC": 0.93,
              "MUMC": 0.91, "RUMC": 0.86, "UMCG": 0.88, "UMCU": 0.89}
SPEND_RAMP = (0.50, 0.90, 0.90)  # relative spending ratio 2022, 2023, 2024 (2024 tempered)
CAT_TILT = {  # how each category leans over 2022..2025 (temporary early, permanent late)
    "tijdelijke_posities": (1.6, 1.25, 0.95, 0.75),
    "vaste_posities": (0.75, 0.95, 1.03, 1.08),
    "indirecte_kosten": (1.0, 1.0, 1.0, 1.0),
    "materieel": (0.0, 1.0, 1.0, 1.2),
}
# Spending as a share of that year's receipts, 2026-2028 (catching up the underspending).
SPEND_RATIO_LATE = {2026: 1.05, 2027: 1.09, 2028: 1.12}
CAT_MIX_LATE = {  # share of the yearly spending per category, 2026-2028
    2026: (0.11, 0.73, 0.15, 0.01),
    2027: (0.08, 0.77, 0.14, 0.01),
    2028: (0.05, 0.81, 0.13, 0.01),
}

# Structural realisation (vast + toegezegd) as fraction of begroot in 2028 per umc.
STRUCT_2028 = {"AUMC-UVA": 0.98, "AUMC-VU": 1.20, "EMC": 0.99, "LUMC": 0.97,
               "MUMC": 0.96, "RUMC": 0.93, "UMCG": 0.86, "UMCU": 0.88}
STRUCT_EARLY = {2022: 0.38, 2023: 0.72, 2024: 0.88}  # x the 2025 structural fte
STRUCT_LATE = {2026: 0.45, 2027: 0.80, 2028: 1.00}  # share of the 2025 -> 2028 gap closed
TOEGEZEGD_SHARE = {2022: 0.03, 2023: 0.07, 2024: 0.08, 2026: 0.04, 2027: 0.025, 2028: 0.015}
TIJDELIJK_FACTOR = {2022: 2.4, 2023: 2.0, 2024: 1.35, 2026: 0.75, 2027: 0.52, 2028: 0.32}
INLOOP_FACTOR = {2022: 0.0, 2023: 0.12, 2024: 0.5, 2026: 0.8, 2027: 0.55, 2028: 0.3}
DS_FACTOR = {2022: 0.62, 2023: 0.72, 2024: 0.82, 2026: 1.07, 2027: 1.12, 2028: 1.16}
WOMEN_DRIFT = {2022: -0.05, 2023: -0.035, 2024: -0.015, 2026: 0.01, 2027: 0.02, 2028: 0.03}
OTHER_GENDER = {2022: [], 2023: [("UMCG", "onbekend")], 2024: [("LUMC", "x")],
                2026: [("EMC", "x")], 2027: [("EMC", "x"), ("RUMC", "onbekend")],
                2028: [("EMC", "x"), ("UMCU", "x")]}
AVG_FTE_DEFAULT = {"vast": 0.556, "toegezegd_vast": 0.685, "tijdelijk": 0.522, "inloop": 0.48}

# umc preferences when dealing out function categories.
def function_pref(umc: str, f: str) -> float:
    subs = THEMAMATRIX[umc]
    w = 1.0
    if f == "dataspecialist":
        w *= 2.0 if "dataspecialisten" in subs else 1.0
        w *= 1.4 if "cohorten" in subs else 1.0
    if f == "valorisatie":
        w *= 4.0 if "valorisatie" in subs else 0.6
    if f == "onderzoeksverpleegkundige":
        w *= 1.6 if "klinisch" in subs else 0.7
    if f == "analist":
        w *= 1.4 if "geneesmiddelen" in subs else 1.0
    return w


def subthema_weights(umc: str, f: str) -> dict[str, float]:
    weights = {}
    for s in THEMAMATRIX[umc]:
        w = 1.0 if (umc, s) in BEPERKT else 3.0
        if f == "dataspecialist" and s in ("dataspecialisten", "cohorten", "ai_ehealth"):
            w *= 3.0
        if f == "valorisatie" and s == "valorisatie":
            w *= 5.0
        if f == "onderzoeksverpleegkundige" and s == "klinisch":
            w *= 3.0
        if f in ("docent", "ud") and s in ("innovatiemotor", "onderzoeksmethodologie"):
            w *= 1.5
        weights[s] = w
    return weights


# --------------------------------------------------------------------------- helpers


def largest_remainder(total: int, weights: list[float]) -> list[int]:
    """Integers proportional to `weights` that sum exactly to `total` (total >= 0)."""
    s = sum(weights)
    if s <= 0:
        raise ValueError("weights must have a positive sum")
    raw = [total * w / s for w in weights]
    base = [math.floor(r) for r in raw]
    rest = total - sum(base)
    order = sorted(range(len(raw)), key=lambda i: (-(raw[i] - base[i]), i))
    for i in order[:rest]:
        base[i] += 1
    return base


def fmt_fte(units: int) -> str:
    whole, frac = divmod(units, UNIT)
    text = f"{whole}.{frac:04d}".rstrip("0")
    return text + "0" if text.endswith(".") else text


def fmt_eur(amount: int) -> str:
    return f"{amount}.00"


def fmt_dec(x: float, nd: int = 1) -> str:
    return f"{x:.{nd}f}"


class Writer:
    """Collects files in memory, then writes them (only when the content changed)."""

    def __init__(self) -> None:
        self.files: dict[str, str] = {}

    def csv(self, rel: str, header: list[str], rows: list[list[object]]) -> None:
        buf = io.StringIO()
        w = csv.writer(buf, lineterminator="\n")
        w.writerow(header)
        for r in rows:
            w.writerow(r)
        self.files[rel] = buf.getvalue()

    def text(self, rel: str, content: str) -> None:
        self.files[rel] = content

    def write(self, out: Path) -> list[Path]:
        written = []
        for rel, content in sorted(self.files.items()):
            path = out / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            data = content.encode("utf-8")
            if not path.exists() or path.read_bytes() != data:
                path.write_bytes(data)
            written.append(path)
        return written


# ------------------------------------------------------------------------ reference files


def reference(w: Writer) -> None:
    w.csv("referentie/umcs.csv", ["code", "naam", "volgorde"],
          [[c, n, i] for i, (c, n, _) in enumerate(UMCS, 1)])
    w.csv("referentie/begroting.csv", ["umc", "begroot_fte"], [[c, b] for c, _, b in UMCS])
    w.csv("referentie/subthemas.csv", ["code", "thema", "thema_naam", "naam", "volgorde"],
          [[c, t, tn, n, i] for i, (c, t, tn, n) in enumerate(SUBTHEMAS, 1)])
    w.csv("referentie/functiecategorieen.csv", ["code", "naam", "groep", "volgorde"],
          [[c, n, g, i] for i, (c, n, g, _) in enumerate(FUNCTIES, 1)])
    rows = []
    for c in CODES:
        for s in SUB_CODES:
            if s in THEMAMATRIX[c]:
                rows.append([c, s, "beperkt" if (c, s) in BEPERKT else "hoofd"])
    w.csv("referentie/themamatrix.csv", ["umc", "subthema", "inzet"], rows)
    w.text("referentie/sectorplan.toml", SECTORPLAN_TOML)
    rows, volg = [], {"lid": 0, "secretariaat": 0}
    for naam, aanhef, rol, functie, van, tot in COMMISSIE:
        volg[rol] += 1
        rows.append([naam, aanhef, rol, functie, van, tot, volg[rol]])
    w.csv("referentie/commissie.csv", ["naam", "aanhef", "rol", "functie", "van", "tot", "volgorde"], rows)
    w.csv("referentie/kpis.csv", ["code", "nummer", "naam", "omschrijving", "sectie", "soort", "volgorde"],
          [[*k, i] for i, k in enumerate(KPIS, 1)])
    w.csv("referentie/indicatoren.csv",
          ["code", "kpi", "naam", "eenheid", "bron", "aggregatie", "norm", "norm_waarde", "vanaf_jaar"],
          [list(r) for r in INDICATOREN])


# ------------------------------------------------------------------------------- finances


def finances() -> dict[int, dict[str, dict[str, int]]]:
    """year -> umc -> {ontvangen, tijdelijke_posities, ...} (whole euro)."""
    spent_cum = {c: sum(TABEL1[c]) for c in CODES}
    received_guess = [spent_cum[c] / SPEND_SHARE[c] for c in CODES]
    share = [r / sum(received_guess) for r in received_guess]
    year_total = {y: BUDGET for y in YEARS}
    year_total[2022] = ONTVANGEN_2022_2025 - 3 * BUDGET
    out: dict[int, dict[str, dict[str, int]]] = {y: {c: {} for c in CODES} for y in YEARS}
    for y in YEARS:
        for c, amount in zip(CODES, largest_remainder(year_total[y], share)):
            out[y][c]["ontvangen"] = amount

    rng = rng_for("financien")
    early = [2022, 2023, 2024, 2025]
    for c in CODES:
        rec = {y: out[y][c]["ontvangen"] for y in early}
        spent_2025 = SPEND_2025[c] * rec[2025]
        ramp = [r * rng.uniform(0.93, 1.07) for r in SPEND_RAMP]
        scale = (spent_cum[c] - spent_2025) / sum(r * rec[y] for r, y in zip(ramp, early))
        year_total = [r * scale * rec[y] for r, y in zip(ramp, early)] + [spent_2025]
        # fit category x year to the published category totals and the year totals
        m = [[t * tilt for t, tilt in zip(year_total, CAT_TILT[cat])] for cat in CATS]
        for _ in range(200):
            for k in range(len(CATS)):
                s = sum(m[k])
                m[k] = [v * TABEL1[c][k] / s if s else 0.0 for v in m[k]]
            for j in range(len(early)):
                s = sum(m[k][j] for k in range(len(CATS)))
                for k in range(len(CATS)):
                    m[k][j] *= year_total[j] / s
        for k, cat in enumerate(CATS):
            parts = largest_remainder(TABEL1[c][k], m[k]) if TABEL1[c][k] else [0, 0, 0, 0]
            for y, p in zip(early, parts):
                out[y][c][cat] = p
    for y in (2026, 2027, 2028):
        for c in CODES:
            ratio = SPEND_RATIO_LATE[y] * rng.uniform(0.97, 1.03)
            total = round(out[y][c]["ontvangen"] * ratio)
            mix = list(CAT_MIX_LATE[y])
            if TABEL1[c][3] == 0:
                mix[3] = 0.0  # umc's that never bought materieel keep not doing so
            parts = largest_remainder(total, [m * rng.uniform(0.9, 1.1) if m else 0.0 for m in mix])
            for cat, p in zip(CATS, parts):
                out[y][c][cat] = p
    return out


def write_finances(w: Writer, fin: dict[int, dict[str, dict[str, int]]]) -> None:
    for y in YEARS:
        rows = [[c, *(fmt_eur(fin[y][c][k]) for k in ("ontvangen", *CATS))] for c in CODES]
        w.csv(f"{y}/financien.csv", ["umc", "ontvangen", *CATS], rows)


# ------------------------------------------------------------------------------ personnel


class Infeasible(Exception):
    """A random draw led to an fte cell no person split can meet; build_year retries."""


class Person:
    __slots__ = ("umc", "cv", "f", "fte", "g", "sub", "pid", "w")

    def __init__(self, umc: str, cv: str, f: str):
        self.umc, self.cv, self.f = umc, cv, f
        self.fte = 0
        self.g = ""
        self.sub = ""
        self.pid = ""
        self.w = 1.0


def deal_functions(rng: random.Random, slots: dict[str, int], labels: dict[str, int]) -> dict[str, list[str]]:
    """Deal the label multiset out to the umc slots with umc preferences."""
    assert sum(slots.values()) == sum(labels.values()), (slots, labels)
    order = [u for u in CODES for _ in range(slots.get(u, 0))]
    rng.shuffle(order)
    remaining = dict(labels)
    result: dict[str, list[str]] = {u: [] for u in CODES}
    for u in order:
        funcs = [f for f in F_CODES if remaining.get(f, 0) > 0]
        weights = [remaining[f] * function_pref(u, f) for f in funcs]
        f = rng.choices(funcs, weights)[0]
        remaining[f] -= 1
        result[u].append(f)
    return result


def ipf_targets(rows: dict[str, dict[str, float]], row_t: dict[str, int],
                col_t: dict[str, int]) -> dict[str, dict[str, int]]:
    """Integer cell targets with exact row sums and exact sums for the fixed columns.

    `rows[u][g]` is the provisional fte of group g in umc u (g = fixed column or "other");
    `col_t` holds targets for the fixed columns only ("other" absorbs the rest).
    """
    groups = sorted({g for r in rows.values() for g in r})
    other_total = sum(row_t.values()) - sum(col_t.values())
    col_all = dict(col_t)
    col_all["other"] = other_total
    m = {u: dict(r) for u, r in rows.items()}
    for _ in range(500):
        for u, r in m.items():
            s = sum(r.values())
            for g in r:
                r[g] *= row_t[u] / s
        for g in groups:
            s = sum(m[u].get(g, 0.0) for u in m)
            if s > 0 and g in col_all:
                for u in m:
                    if g in m[u]:
                        m[u][g] *= col_all[g] / s
    cells: dict[str, dict[str, int]] = {u: {} for u in m}
    # rows without an "other" group must meet their row target with fixed cells only
    for u, r in m.items():
        if "other" not in r:
            keys = sorted(r)
            for g, v in zip(keys, largest_remainder(row_t[u], [r[g] for g in keys])):
                cells[u][g] = v
    for g in col_t:
        free = [u for u in sorted(m) if g in m[u] and "other" in m[u]]
        fixed = sum(cells[u].get(g, 0) for u in m if "other" not in m[u])
        if free:
            for u, v in zip(free, largest_remainder(col_t[g] - fixed, [m[u][g] for u in free])):
                cells[u][g] = v
        else:
            assert fixed == col_t[g], (g, fixed, col_t[g])
    for u, r in m.items():
        if "other" in r:
            cells[u]["other"] = row_t[u] - sum(v for g, v in cells[u].items() if g != "other")
    return cells


def spread_fte(rng: random.Random, persons: list[Person], target: int) -> None:
    """Give each person an fte (units) summing exactly to target: half-hours/36, one absorber."""
    n = len(persons)
    lo, hi = 140, UNIT  # 0.5 h .. 36 h
    if not 2 * n * lo <= target <= 0.97 * n * hi:
        raise Infeasible(f"{persons[0].umc} {persons[0].cv}: {n} persons, {target} units")
    sw = sum(p.w for p in persons)
    desired = [target * p.w / sw for p in persons]
    # clip into range, redistributing the excess
    for _ in range(20):
        over = sum(max(0.0, d - hi) for d in desired) + sum(min(0.0, d - 2 * lo) for d in desired)
        desired = [min(max(d, 2 * lo), hi) for d in desired]
        free = [i for i, d in enumerate(desired) if 2 * lo < d < hi]
        if abs(over) < 1 or not free:
            break
        for i in free:
            desired[i] += over / len(free)
    halfhours = [min(72, max(1, round(d * 72 / UNIT))) for d in desired]

    def units(h: int) -> int:
        return round(h * UNIT / 72)

    def total() -> int:
        return sum(units(h) for h in halfhours)

    step = UNIT / 72
    guard = 0
    while abs(target - total()) >= step and guard < 100_000:
        guard += 1
        i = rng.randrange(n)
        if target > total() and halfhours[i] < 72:
            halfhours[i] += 1
        elif target < total() and halfhours[i] > 1:
            halfhours[i] -= 1
    vals = [units(h) for h in halfhours]
    resid = target - sum(vals)
    if resid:
        cand = [i for i in range(n) if lo <= vals[i] + resid <= hi]
        assert cand, (target, vals)
        vals[rng.choice(cand)] += resid
    assert sum(vals) == target
    for p, v in zip(persons, vals):
        p.fte = v


def deviations(rng: random.Random, published: dict[str, int], total_dev: int) -> dict[str, int]:
    """Per-umc 4th-decimal deviations (|d| <= 45 units) that add up to total_dev."""
    nonzero = [u for u in CODES if published[u] > 0]
    dev = {u: 0 for u in CODES}
    for u in nonzero:
        dev[u] = rng.randint(-30, 30)
    diff = total_dev - sum(dev.values())
    while diff:
        u = rng.choice(nonzero)
        step = 1 if diff > 0 else -1
        if abs(dev[u] + step) <= 45:
            dev[u] += step
            diff -= step
    return dev


def build_year(y: int, *spec: object) -> list[Person]:
    """Persons of one year; retries with the next derived seed when a draw is infeasible."""
    for attempt in range(50):
        try:
            return build_year_attempt(rng_for("personeel", y, attempt), *spec)
        except Infeasible:
            continue
    raise RuntimeError(f"no feasible personnel draw for {y}")


def build_year_attempt(rng: random.Random, cells: dict[tuple[str, str], tuple[int, int]],
                       labels: dict[str, dict[str, int]], fixed: dict[str, dict[str, int]],
                       gender: dict[tuple[str, str], dict[str, int]], women_inloop: float) -> list[Person]:
    """Persons of one year. cells[(umc, cv)] = (persons, fte units)."""
    people: list[Person] = []
    for cv in CVS:
        slots = {u: cells[(u, cv)][0] for u in CODES}
        dealt = deal_functions(rng, slots, labels[cv])
        cv_people: dict[str, list[Person]] = {}
        for u in CODES:
            ps = [Person(u, cv, f) for f in dealt[u]]
            for p in ps:
                if p.f != "hoogleraar" and rng.random() < 0.08:
                    p.w = 1.0  # a full-time sectorplan position
                else:
                    p.w = min(0.9, max(0.1, F_TYPICAL[p.f] * math.exp(rng.gauss(0, 0.25))))
            cv_people[u] = ps
        fixed_cols = fixed.get(cv, {})

        def group(p: Person) -> str:
            return p.f if p.f in fixed_cols else "other"

        prov: dict[str, dict[str, float]] = {}
        row_t: dict[str, int] = {}
        for u in CODES:
            if not cv_people[u]:
                assert cells[(u, cv)][1] == 0
                continue
            r: dict[str, float] = {}
            for p in cv_people[u]:
                r[group(p)] = r.get(group(p), 0.0) + p.w
            prov[u] = r
            row_t[u] = cells[(u, cv)][1]
        if not prov:
            continue
        targets = ipf_targets(prov, row_t, fixed_cols)
        for u in prov:
            for g, t in targets[u].items():
                spread_fte(rng, [p for p in cv_people[u] if group(p) == g], t)
        for u in CODES:
            people.extend(cv_people[u])

    assign_gender(rng, people, gender, women_inloop)
    balance_gender(rng, people)
    for p in people:
        if rng.random() < (0.15 if p.cv == "inloop" else 0.08):
            p.sub = ""
        else:
            sw = subthema_weights(p.umc, p.f)
            keys = [s for s in SUB_CODES if s in sw]
            p.sub = rng.choices(keys, [sw[s] for s in keys])[0]
    assign_ids(rng, people)
    return people


def gender_group(cv: str) -> str:
    return "vast" if cv == "vast" else ("tt" if cv in ("tijdelijk", "toegezegd_vast") else "inloop")


def assign_gender(rng: random.Random, people: list[Person], gender: dict[tuple[str, str], dict[str, int]],
                  women_inloop: float) -> None:
    for u in CODES:
        for grp in ("vast", "tt"):
            ps = [p for p in people if p.umc == u and gender_group(p.cv) == grp]
            counts = gender.get((u, grp), {})
            labels = [g for g in ("v", "m", "x", "onbekend") for _ in range(counts.get(g, 0))]
            assert len(labels) == len(ps), (u, grp, len(labels), len(ps))
            rng.shuffle(labels)
            for p, g in zip(ps, labels):
                p.g = g
        for p in people:
            if p.umc == u and p.cv == "inloop":
                p.g = "v" if rng.random() < women_inloop else "m"


def balance_gender(rng: random.Random, people: list[Person]) -> None:
    """Swap genders within (umc, contract group) until women hold > 55 % of the permanent fte
    of every scientific function group (seed Figuur 6); Tabel 4 counts are unchanged."""
    vast = [p for p in people if p.cv == "vast"]

    def share(f: str) -> float:
        ps = [p for p in vast if p.f == f]
        tot = sum(p.fte for p in ps)
        return sum(p.fte for p in ps if p.g == "v") / tot if tot else 1.0

    for _ in range(500):
        low = [f for f in SCIENTIFIC if share(f) <= 0.55]
        if not low:
            return
        f = low[0]
        men = [p for p in vast if p.f == f and p.g == "m"]
        rng.shuffle(men)
        done = False
        for man in men:
            donors = [p for p in vast if p.umc == man.umc and p.g == "v" and p.f != f
                      and (F_GROUP[p.f] == "ondersteunend" or share(p.f) > 0.65)]
            if donors:
                woman = rng.choice(donors)
                man.g, woman.g = "v", "m"
                done = True
                break
        if not done:
            raise Infeasible(f"cannot balance gender for {f}")
    raise Infeasible("gender balancing did not converge")


ID_CHARS = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"


def assign_ids(rng: random.Random, people: list[Person]) -> None:
    used: set[tuple[str, str]] = set()
    for p in people:
        while True:
            pid = "P" + "".join(rng.choice(ID_CHARS) for _ in range(6))
            if (p.umc, pid) not in used:
                used.add((p.umc, pid))
                p.pid = pid
                break


def spec_2025() -> tuple:
    rng = rng_for("spec", 2025)
    cells: dict[tuple[str, str], tuple[int, int]] = {}
    cv_index = {"inloop": 0, "tijdelijk": 1, "toegezegd_vast": 2, "vast": 3}
    for cv, k in cv_index.items():
        published = {u: TABEL2[u][k] * 100 for u in CODES}
        pub_total = sum(published.values())
        if cv in TOTAL_2025:
            total_dev = TOTAL_2025[cv] - pub_total
        else:
            total_dev = rng.randint(-40, 40)
        dev = deviations(rng, published, total_dev)
        for u in CODES:
            t = published[u] + dev[u] if published[u] else 0
            cells[(u, cv)] = (TABEL3[u][k], t)
    fixed = {cv: {"ud": UD_2025[cv][1], "dataspecialist": DS_2025[cv][1]} for cv in UD_2025}
    gender = {}
    for u in CODES:
        vv, tv, vm, tm = TABEL4[u]
        gender[(u, "vast")] = {"v": vv, "m": vm}
        gender[(u, "tt")] = {"v": tv, "m": tm}
    gender[("EMC", "vast")]["x"] = 1  # Tabel 3: 74 vast, Tabel 4: 44 + 29 = 73
    return cells, LABELS_2025, fixed, gender, 0.62


def spec_other(y: int, anchor_cells: dict[tuple[str, str], tuple[int, int]]) -> tuple:
    rng = rng_for("spec", y)
    cells: dict[tuple[str, str], tuple[int, int]] = {}
    for u in CODES:
        a = {cv: anchor_cells[(u, cv)] for cv in CVS}
        struct25 = a["vast"][1] + a["toegezegd_vast"][1]
        if y < ANCHOR:
            struct = struct25 * STRUCT_EARLY[y] * rng.uniform(0.93, 1.07)
        else:
            goal = STRUCT_2028[u] * BEGROOT[u] * 100
            struct = struct25 + (goal - struct25) * STRUCT_LATE[y] * rng.uniform(0.95, 1.05)
        toeg_share = TOEGEZEGD_SHARE[y] * rng.uniform(0.5, 1.5)
        base_tijd = a["tijdelijk"][1] if a["tijdelijk"][1] else 10_000
        fte = {
            "vast": round(struct * (1 - toeg_share)),
            "toegezegd_vast": round(struct * toeg_share),
            "tijdelijk": round(base_tijd * TIJDELIJK_FACTOR[y] * rng.uniform(0.85, 1.15)),
            "inloop": round(a["inloop"][1] * INLOOP_FACTOR[y] * rng.uniform(0.85, 1.15)),
        }
        for cv in CVS:
            t = fte[cv]
            n25, t25 = a[cv]
            avg = (t25 / n25 / UNIT) if n25 else AVG_FTE_DEFAULT[cv]
            avg *= rng.uniform(0.95, 1.05)
            n = round(t / UNIT / avg) if t > 0 else 0
            if t > 0:
                n = max(n, 1, math.ceil(t / (0.95 * UNIT)))
                n = min(n, t // 300)
                if n == 0:
                    t, n = 0, 0
            cells[(u, cv)] = (n, t)
    labels: dict[str, dict[str, int]] = {}
    for cv in CVS:
        total_n = sum(cells[(u, cv)][0] for u in CODES)
        base = LABELS_2025[cv]
        weights = [base.get(f, 0) * (DS_FACTOR[y] if f == "dataspecialist" else 1.0) for f in F_CODES]
        labels[cv] = {f: k for f, k in zip(F_CODES, largest_remainder(total_n, weights)) if k} if total_n else {}
    gender: dict[tuple[str, str], dict[str, int]] = {}
    others = list(OTHER_GENDER[y])
    for u in CODES:
        vv, tv, vm, tm = TABEL4[u]
        for grp, (wv, wm), cvs in (("vast", (vv, vm), ("vast",)),
                                   ("tt", (tv, tm), ("tijdelijk", "toegezegd_vast"))):
            n = sum(cells[(u, cv)][0] for cv in cvs)
            p_w = (wv / (wv + wm) if wv + wm else 0.6) + WOMEN_DRIFT[y] + rng.uniform(-0.03, 0.03)
            p_w = min(max(p_w, 0.35), 0.85)
            n_other = sum(1 for uu, _ in others if uu == u) if grp == "vast" else 0
            n_other = min(n_other, n)
            nv = round((n - n_other) * p_w)
            counts = {"v": nv, "m": n - n_other - nv}
            for uu, g in others:
                if uu == u and grp == "vast" and n_other > 0:
                    counts[g] = counts.get(g, 0) + 1
                    n_other -= 1
            gender[(u, grp)] = counts
    return cells, labels, {}, gender, 0.62 + WOMEN_DRIFT[y]


def personnel() -> dict[int, list[Person]]:
    cells25, labels25, fixed25, gender25, wi25 = spec_2025()
    out = {ANCHOR: build_year(ANCHOR, cells25, labels25, fixed25, gender25, wi25)}
    for y in YEARS:
        if y != ANCHOR:
            out[y] = build_year(y, *spec_other(y, cells25))
    return out


def write_personnel(w: Writer, people: dict[int, list[Person]]) -> None:
    order = {c: i for i, c in enumerate(CODES)}
    for y in YEARS:
        ps = sorted(people[y], key=lambda p: (order[p.umc], p.pid))
        w.csv(f"{y}/personeel.csv", ["id", "umc", "functiecategorie", "contractvorm", "fte", "geslacht", "subthema"],
              [[p.pid, p.umc, p.f, p.cv, fmt_fte(p.fte), p.g, p.sub] for p in ps])


# ------------------------------------------------------------------------- KPI values etc.

KPI_REPORTERS = {  # measure -> umc's investing in the subtheme that carries it
    "extramuraal_aandeel": [u for u in CODES if "innovatiemotor" in THEMAMATRIX[u]],
    "experts": [u for u in CODES if "onderzoeksmethodologie" in THEMAMATRIX[u]],
    "projecten_data": [u for u in CODES if "leefstijl" in THEMAMATRIX[u]],
    "projecten_leefstijl": [u for u in CODES if "leefstijl" in THEMAMATRIX[u]],
}
KPI_YEARS = list(range(2023, LAST_YEAR + 1))


def kpi_values() -> dict[int, list[list[object]]]:
    rng = rng_for("kpi_waarden")
    out: dict[int, list[list[object]]] = {y: [] for y in KPI_YEARS}
    for ind in ("extramuraal_aandeel", "experts", "projecten_data", "projecten_leefstijl"):
        for u in KPI_REPORTERS[ind]:
            if ind == "extramuraal_aandeel":
                v = rng.uniform(8.0, 12.0)
                growth = rng.uniform(0.8, 1.4)  # percentage points per year
                for y in KPI_YEARS:
                    out[y].append([u, ind, fmt_dec(v, 1)])
                    v += growth * rng.uniform(0.6, 1.4)
            else:
                v = {"experts": rng.randint(3, 8), "projecten_data": rng.randint(1, 4),
                     "projecten_leefstijl": rng.randint(2, 5)}[ind]
                for y in KPI_YEARS:
                    out[y].append([u, ind, v])
                    v += rng.choice([0, 1, 1, 2])
    return out


def write_kpi_values(w: Writer) -> None:
    order = {c: i for i, c in enumerate(CODES)}
    for y, rows in kpi_values().items():
        rows = sorted(rows, key=lambda r: (order[r[0]], r[1]))
        w.csv(f"{y}/kpi_waarden.csv", ["umc", "indicator", "waarde"], rows)


MONITOR = {  # year -> moment -> (mean baanzekerheid, sd, mean werkdruk, sd)
    2025: {"voor": (5.2, 2.3, 7.6, 1.0), "nu": (8.4, 0.8, 7.4, 1.0), "ideaal": (9.3, 0.5, 5.1, 0.8)},
    2027: {"voor": (5.3, 2.3, 7.5, 1.0), "nu": (8.5, 0.8, 7.0, 1.0), "ideaal": (9.3, 0.5, 5.0, 0.8)},
    2028: {"voor": (5.1, 2.2, 7.6, 1.0), "nu": (8.6, 0.7, 6.7, 1.0), "ideaal": (9.3, 0.5, 5.0, 0.8)},
}


def write_monitor(w: Writer) -> None:
    for y, moments in MONITOR.items():
        rng = rng_for("werkdrukmonitor", y)
        rows = []
        for u in CODES:
            for k in range(1, rng.choice([7, 8, 8, 9]) + 1):
                deelnemer = f"{u}-{y % 100:02d}{k:02d}"
                for moment, (bm, bs, wm, ws) in moments.items():
                    b = min(10.0, max(1.0, rng.gauss(bm, bs)))
                    wd = min(10.0, max(1.0, rng.gauss(wm, ws)))
                    rows.append([deelnemer, u, moment, fmt_dec(b), fmt_dec(wd)])
        w.csv(f"{y}/werkdrukmonitor.csv", ["deelnemer", "umc", "moment", "baanzekerheid", "werkdruk"], rows)


TITEL = "Sectorplan Geneeskunde en Gezondheidswetenschappen"
BRIEF = '''
[brief]                            # the letter to the minister (facts from the seed letter)
datum = {datum}
ontvanger = ["Aan de Minister van Onderwijs, Cultuur en Wetenschap", "mr. dr. R.M. Letschert"]
adres_ontvanger = ["Ministerie van Onderwijs, Cultuur en Wetenschap", "Postbus 16375", "2500 BJ Den Haag"]
adres_afzender = ["Postbus 93245", "2509 AE Den Haag"]
contactpersoon = "dr. Oliver Stockhammer"
telefoon = "070 219 01 74"
email = "sectorplancommissie@zonmw.nl"
onderwerp = "Aanbieding {onderwerp} sectorplan Geneeskunde en Gezondheidswetenschappen"
aanhef = "Geachte mevrouw Letschert,"
afsluiting = "Met vriendelijke groet,"
namens = "namens de Commissie sectorplan Medische en Gezondheidswetenschappen"
ondertekenaar = "Prof. dr. J.A. (André) Knottnerus"
functie_ondertekenaar = "Voorzitter"
'''


def write_rapport(w: Writer) -> None:
    for y in YEARS:
        pub = f"{y + 1}-06-01"
        if y == ANCHOR:
            soort, titel, brief = "tussentijdse_evaluatie", f"{TITEL}: tussentijdse evaluatie", "tussentijdse evaluatie"
        elif y == LAST_YEAR:
            soort, titel, brief = "eindevaluatie", f"{TITEL}: eindevaluatie", "eindevaluatie"
        else:
            soort, titel, brief = "voortgangsrapportage", f"{TITEL}: voortgangsrapportage {y}", None
        text = (f"# Settings of the {y} report (docs/data-design.md). Example data.\n"
                f'soort = "{soort}"\n'
                f'titel = "{titel}"\n'
                f"publicatiedatum = {pub}\n"
                f"peildatum = {y}-12-31\n"
                f'versie = "1.0"\n')
        if brief:
            text += BRIEF.format(datum=pub, onderwerp=brief)
        w.text(f"{y}/rapport.toml", text)


# -------------------------------------------------------------------------------- checks


def self_check(fin: dict, people: dict[int, list[Person]]) -> None:
    """Fail loudly when the generated 2025 data no longer reproduces the seed's figures."""
    for c in CODES:
        for k, cat in enumerate(CATS):
            assert sum(fin[y][c][cat] for y in (2022, 2023, 2024, 2025)) == TABEL1[c][k], (c, cat)
    assert sum(fin[y][c]["ontvangen"] for y in (2022, 2023, 2024, 2025) for c in CODES) == ONTVANGEN_2022_2025
    ps = people[2025]
    for y, year_people in people.items():
        for p in year_people:
            assert 0 < p.fte <= UNIT, (y, p.umc, p.fte)
    idx = {"inloop": 0, "tijdelijk": 1, "toegezegd_vast": 2, "vast": 3}
    for c in CODES:
        for cv, k in idx.items():
            sel = [p for p in ps if p.umc == c and p.cv == cv]
            assert len(sel) == TABEL3[c][k], (c, cv)
            s = sum(p.fte for p in sel)
            assert (s + 50) // 100 == TABEL2[c][k], (c, cv, s)
    for cv, t in TOTAL_2025.items():
        assert sum(p.fte for p in ps if p.cv == cv) == t
    for f, spec in (("ud", UD_2025), ("dataspecialist", DS_2025)):
        for cv, (n, t) in spec.items():
            sel = [p for p in ps if p.f == f and p.cv == cv]
            assert (len(sel), sum(p.fte for p in sel)) == (n, t), (f, cv)


# --------------------------------------------------------------------------------- main


def generate(out: Path) -> list[Path]:
    w = Writer()
    reference(w)
    fin = finances()
    write_finances(w, fin)
    people = personnel()
    self_check(fin, people)
    write_personnel(w, people)
    write_kpi_values(w)
    write_monitor(w)
    write_rapport(w)
    return w.write(out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "data", help="target folder (default: data/)")
    args = parser.parse_args(argv)
    files = generate(args.out)
    print(f"{len(files)} bestanden geschreven in {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

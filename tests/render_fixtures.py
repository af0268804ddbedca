"""A small hand-made ReportModel (3 institutions, every field filled) and a matching set
of rendered texts, for fast template, chart and PDF tests that do not need the data
pipeline.

    from render_fixtures import make_model, make_texts
    model = make_model()                     # eindevaluatie 2028
    model = make_model(soort="voortgangsrapportage", jaar=2026)
    texts = make_texts(model)                # key -> Markup, every key the report uses

The third institution is deliberately named like an HTML injection
(`INJECTIE_NAAM`): the report must print it as literal text and fetch nothing.
All figures are invented; they only need to be internally plausible.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

from markupsafe import Markup, escape

from reportgen.model import (
    Column,
    Commissielid,
    Conclusie,
    Controle,
    Dataspecialisten,
    Figure,
    Financien,
    Formatie,
    Functiestand,
    Gender,
    IndicatorResultaat,
    Instelling,
    JaarBesteding,
    KpiResultaat,
    Personen,
    ReportModel,
    Row,
    Series,
    Subthema,
    Table,
    Thema,
    Werkdruk,
)

INJECTIE_NAAM = "<img src='file:///etc/passwd'>"

SOORTEN = ("tussentijdse_evaluatie", "eindevaluatie", "voortgangsrapportage")

SUBTHEMAS = (
    ("preventie", "Preventie", (
        ("innovatiemotor", "Innovatiemotor in de regio", ("6", "7")),
        ("onderzoeksmethodologie", "Onderzoeksmethodologie", ("8", "9")),
        ("leefstijl", "Leefstijldata en -interventies", ("10",)),
    )),
    ("datagedreven_innovatie", "Datagedreven innovatie", (
        ("cohorten", "Populatie- en patiëntcohorten", ("11", "12")),
        ("dataspecialisten", "Dataspecialisten onderzoek", ("13", "14")),
        ("ai_ehealth", "AI, e-health en medische technologie", ("15", "16")),
    )),
    ("fundament_toepassing", "Van fundament tot toepassing", (
        ("klinisch", "Translationeel en klinisch onderzoek en onderwijs", ("17", "18")),
        ("valorisatie", "Valorisatie", ("19",)),
        ("geneesmiddelen", "Geneesmiddelen en ATMP's", ("20",)),
    )),
)

# code, nummer, naam, omschrijving (fixture wording), sectie, soort
KPIS = (
    ("continuiteit_personeel", "", "Continuïteit personeel",
     "Het aandeel vaste posities op de sectorplanthema's is in 2028 duidelijk hoger dan in 2023.",
     "rust_en_ruimte", "kwantitatief"),
    ("werkdruk", "", "Werkdruk",
     "Medewerkers op de sectorplanthema's ervaren in 2028 minder werkdruk dan in 2023.",
     "rust_en_ruimte", "kwantitatief"),
    ("interdisciplinariteit", "", "Interdisciplinariteit en interprofessionaliteit",
     "Zichtbare groei van samenwerking tussen disciplines en professies.",
     "samenwerking", "kwalitatief"),
    ("diversiteit", "", "Diversiteit",
     "De diversiteit van het personeel neemt waar nodig toe.", "diversiteit", "kwantitatief"),
    ("5", "KPI 5", "Gezondheidswetenschappen",
     "Verbinding met de gezondheidswetenschappen buiten de umc's.",
     "gezondheidswetenschappen", "kwalitatief"),
    ("6", "KPI 6", "Samenwerkingsverbanden preventie",
     "Structurele samenwerkingsverbanden in onderzoek en onderwijs rond preventie.",
     "innovatiemotor", "kwalitatief"),
    ("7", "KPI 7", "Extramurale praktijk",
     "Het aandeel extramurale praktijk in het curriculum neemt toe.", "innovatiemotor",
     "kwantitatief"),
    ("8", "KPI 8", "Nieuwe onderzoeksmethoden",
     "Nieuwe methoden en expertise met verwachte impact op preventie.",
     "onderzoeksmethodologie", "kwantitatief"),
    ("9", "KPI 9", "Methoden in het onderwijs",
     "Nieuwe methoden vinden hun weg naar het onderwijs.", "onderzoeksmethodologie",
     "kwalitatief"),
    ("10", "KPI 10", "Innovatiemotorprojecten",
     "Projecten voor data-infrastructuur en leefstijl waarin het umc voortrekker is.",
     "leefstijl", "kwantitatief"),
    ("11", "KPI 11", "Cohortinfrastructuur", "Bestendiging van cohorten en hun infrastructuur.",
     "cohorten", "kwalitatief"),
    ("12", "KPI 12", "Methodologie cohorten", "Ontwikkeling van methodologie en expertise.",
     "cohorten", "kwalitatief"),
    ("13", "KPI 13", "Loopbaanpaden dataspecialisten",
     "Loopbaanpaden en onderwijs voor dataspecialisten.", "dataspecialisten", "kwalitatief"),
    ("14", "KPI 14", "Aantal dataspecialisten",
     "Het aantal dataspecialisten neemt in 2028 substantieel toe ten opzichte van 2023.",
     "dataspecialisten", "kwantitatief"),
    ("15", "KPI 15", "Ontsloten data", "Initiatieven die data ontsluiten voor zorg en burger.",
     "ai_ehealth", "kwalitatief"),
    ("16", "KPI 16", "Effect e-health en AI", "Onderzoek naar effect en impact van e-health en AI.",
     "ai_ehealth", "kwalitatief"),
    ("17", "KPI 17", "Vertaling naar de kliniek",
     "Initiatieven voor snellere vertaling van kennis naar diagnostiek en behandeling.",
     "klinisch", "kwalitatief"),
    ("18", "KPI 18", "Vrijstelling klinisch onderzoekers",
     "Vrijstelling van klinisch onderzoekers voor vertaling naar de praktijk.", "klinisch",
     "kwalitatief"),
    ("19", "KPI 19", "Valorisatietunnel", "Inrichting van de valorisatietunnel.", "valorisatie",
     "kwalitatief"),
    ("20", "KPI 20", "Preklinisch naar klinisch",
     "Interventies die van preklinisch naar klinisch stadium zijn gebracht.", "geneesmiddelen",
     "kwalitatief"),
)

FUNCTIES = (
    # code, naam, groep, {contractvorm: (personen, fte)}
    ("hoogleraar", "Hoogleraar", "wetenschappelijk",
     {"vast": (6, D("2.4000")), "toegezegd_vast": (0, D("0")), "tijdelijk": (1, D("0.2000"))}),
    ("uhd", "UHD", "wetenschappelijk",
     {"vast": (12, D("8.1111")), "toegezegd_vast": (1, D("0.8000")), "tijdelijk": (1, D("0.5000"))}),
    ("ud", "UD", "wetenschappelijk",
     {"vast": (40, D("27.4444")), "toegezegd_vast": (3, D("2.1000")), "tijdelijk": (4, D("2.6000"))}),
    ("docent", "Docent", "wetenschappelijk",
     {"vast": (9, D("5.5000")), "toegezegd_vast": (1, D("0.6000")), "tijdelijk": (2, D("1.0000"))}),
    ("onderzoeker", "Onderzoeker", "wetenschappelijk",
     {"vast": (15, D("10.2222")), "toegezegd_vast": (2, D("1.4000")), "tijdelijk": (6, D("4.1000"))}),
    ("dataspecialist", "Dataspecialist", "ondersteunend",
     {"vast": (14, D("10.3000")), "toegezegd_vast": (2, D("1.6000")), "tijdelijk": (3, D("2.2000"))}),
    ("analist", "Analist", "ondersteunend",
     {"vast": (7, D("5.0000")), "toegezegd_vast": (0, D("0")), "tijdelijk": (2, D("1.2000"))}),
    ("onderzoeksverpleegkundige", "Onderzoeksverpleegkundige", "ondersteunend",
     {"vast": (4, D("2.8000")), "toegezegd_vast": (0, D("0")), "tijdelijk": (1, D("0.8000"))}),
    ("valorisatie", "Valorisatie-expert", "ondersteunend",
     {"vast": (3, D("2.0000")), "toegezegd_vast": (1, D("0.5000")), "tijdelijk": (0, D("0"))}),
    ("overig_ondersteunend", "Overig ondersteunend", "ondersteunend",
     {"vast": (4, D("2.6000")), "toegezegd_vast": (0, D("0")), "tijdelijk": (1, D("0.6000"))}),
)

CONTRACTVORMEN = ("vast", "toegezegd_vast", "tijdelijk")


def _waarde_zin(i: IndicatorResultaat) -> str:
    """A short Dutch phrase as compute builds it: "86% (2023: 71%)"."""
    from reportgen.formatting import fmt_fte, fmt_getal, fmt_pct

    def f(v):
        if v is None:
            return "geen gegevens"
        return {"pct": fmt_pct, "fte": lambda x: fmt_fte(x) + " fte"}.get(
            i.eenheid, lambda x: fmt_getal(x, 1 if i.eenheid == "score" else 0))(v)

    basis = f" ({i.basisjaar}: {f(i.basis)})" if i.basis is not None else ""
    return f"{f(i.waarde)}{basis}"


def _pct(part, whole):
    return None if not whole else D(part) * 100 / D(whole)


def _instellingen(naam3: str) -> tuple[Instelling, ...]:
    return (
        Instelling("NOORD", "UMC Noord", 1),
        Instelling("ZUID", "Zuid UMC+", 2),
        Instelling("INJ", naam3, 3),
    )


# Per institution: money (cumulative), fte per contractvorm, persons per contractvorm,
# begroot, gender counts (v vast, v tijdelijk+toegezegd, m vast, m tijdelijk+toegezegd).
PER_UMC = {
    "NOORD": dict(
        geld=dict(tijdelijke_posities=D("2103645.00"), vaste_posities=D("11311214.00"),
                  indirecte_kosten=D("2682972.00"), materieel=D("0"),
                  ontvangen=D("19850000.00")),
        fte=dict(inloop=D("3.2500"), tijdelijk=D("4.6000"), toegezegd_vast=D("2.8000"),
                 vast=D("30.8333")),
        personen=dict(inloop=5, tijdelijk=8, toegezegd_vast=4, vast=48),
        begroot=D("40.00"), gender=(30, 7, 17, 5)),
    "ZUID": dict(
        geld=dict(tijdelijke_posities=D("1652608.00"), vaste_posities=D("16220364.00"),
                  indirecte_kosten=D("1365000.00"), materieel=D("131580.00"),
                  ontvangen=D("21200000.00")),
        fte=dict(inloop=D("1.7000"), tijdelijk=D("5.0900"), toegezegd_vast=D("2.0000"),
                 vast=D("29.9800")),
        personen=dict(inloop=3, tijdelijk=9, toegezegd_vast=3, vast=45),
        begroot=D("36.50"), gender=(28, 8, 17, 4)),
    "INJ": dict(
        geld=dict(tijdelijke_posities=D("154720.00"), vaste_posities=D("6843986.00"),
                  indirecte_kosten=D("1199741.00"), materieel=D("43667.00"),
                  ontvangen=D("9150000.00")),
        fte=dict(inloop=D("0.6200"), tijdelijk=D("3.7600"), toegezegd_vast=D("4.6000"),
                 vast=D("13.8378")),
        personen=dict(inloop=1, tijdelijk=7, toegezegd_vast=7, vast=21),
        begroot=D("26.00"), gender=(13, 9, 8, 5)),
}


def _sum(values):
    total = D(0)
    for v in values:
        total += v
    return total


def _besteding_tabel(inst) -> tuple[Table, dict]:
    cols = (
        Column("tijdelijke_posities", "Tijdelijke posities", "euro"),
        Column("vaste_posities", "Vaste posities", "euro"),
        Column("indirecte_kosten", "Indirecte kosten", "euro"),
        Column("materieel", "Materieel", "euro"),
        Column("totaal", "Totaal besteed", "euro"),
        Column("ontvangen", "Ontvangen", "euro"),
        Column("onderbesteding", "Onderbesteding", "euro"),
        Column("besteed_pct", "Besteed", "pct"),
    )
    cats = ("tijdelijke_posities", "vaste_posities", "indirecte_kosten", "materieel")
    rows = []
    tot = {c: D(0) for c in cats + ("totaal", "ontvangen")}
    for i in inst:
        g = PER_UMC[i.code]["geld"]
        besteed = _sum(g[c] for c in cats)
        values = {c: g[c] for c in cats}
        values.update(totaal=besteed, ontvangen=g["ontvangen"],
                      onderbesteding=g["ontvangen"] - besteed,
                      besteed_pct=_pct(besteed, g["ontvangen"]))
        for c in cats:
            tot[c] += g[c]
        tot["totaal"] += besteed
        tot["ontvangen"] += g["ontvangen"]
        rows.append(Row(i.naam, values, key=i.code))
    totals = {c: tot[c] for c in cats}
    totals.update(totaal=tot["totaal"], ontvangen=tot["ontvangen"],
                  onderbesteding=tot["ontvangen"] - tot["totaal"],
                  besteed_pct=_pct(tot["totaal"], tot["ontvangen"]))
    rows.append(Row("Totaal", totals, key="totaal", is_total=True))
    return Table("besteding", "Besteding", "umc", cols, tuple(rows)), tot


def _fte_tabel(inst) -> tuple[Table, dict]:
    cols = (
        Column("inloop", "Inloop", "fte"),
        Column("tijdelijk", "Tijdelijk", "fte"),
        Column("toegezegd_vast", "Tijdelijk toegezegd vast", "fte"),
        Column("vast", "Vast", "fte"),
        Column("begroot", "Begroot", "fte"),
        Column("realisatie_pct", "Realisatie structurele formatie", "pct"),
    )
    keys = ("inloop", "tijdelijk", "toegezegd_vast", "vast")
    tot = {k: D(0) for k in keys + ("begroot",)}
    rows = []
    for i in inst:
        d = PER_UMC[i.code]
        values = {k: d["fte"][k] for k in keys}
        values["begroot"] = d["begroot"]
        values["realisatie_pct"] = _pct(d["fte"]["vast"] + d["fte"]["toegezegd_vast"],
                                        d["begroot"])
        for k in keys:
            tot[k] += d["fte"][k]
        tot["begroot"] += d["begroot"]
        rows.append(Row(i.naam, values, key=i.code))
    totals = dict(tot)
    totals["realisatie_pct"] = _pct(tot["vast"] + tot["toegezegd_vast"], tot["begroot"])
    rows.append(Row("Totaal", totals, key="totaal", is_total=True))
    notes = (f"Inloopposities ({tot['inloop']:.2f} fte) tellen niet mee in de realisatie."
             .replace(".", ","),)
    return Table("realisatie_fte", "Realisatie fte", "umc", cols, tuple(rows), notes), tot


def _personen_tabel(inst) -> tuple[Table, dict]:
    cols = (
        Column("inloop", "Inloop", "int"),
        Column("tijdelijk", "Tijdelijk", "int"),
        Column("toegezegd_vast", "Tijdelijk toegezegd vast", "int"),
        Column("vast", "Vast", "int"),
    )
    keys = ("inloop", "tijdelijk", "toegezegd_vast", "vast")
    tot = {k: 0 for k in keys}
    rows = []
    for i in inst:
        p = PER_UMC[i.code]["personen"]
        for k in keys:
            tot[k] += p[k]
        rows.append(Row(i.naam, {k: p[k] for k in keys}, key=i.code))
    rows.append(Row("Totaal", dict(tot), key="totaal", is_total=True))
    return Table("personen", "Personen", "umc", cols, tuple(rows)), tot


def _gender_tabel(inst) -> tuple[Table, tuple]:
    cols = (
        Column("vast_v", "vast [v]", "int"),
        Column("tijdelijk_v", "tijdelijk [v]", "int"),
        Column("vast_m", "vast [m]", "int"),
        Column("tijdelijk_m", "tijdelijk [m]", "int"),
    )
    tot = [0, 0, 0, 0]
    rows = []
    for i in inst:
        g = PER_UMC[i.code]["gender"]
        tot = [a + b for a, b in zip(tot, g)]
        rows.append(Row(i.naam, dict(zip(("vast_v", "tijdelijk_v", "vast_m", "tijdelijk_m"), g)),
                        key=i.code))
    rows.append(Row("Totaal", dict(zip(("vast_v", "tijdelijk_v", "vast_m", "tijdelijk_m"), tot)),
                    key="totaal", is_total=True))
    notes = ("Bij één medewerker (UMC Noord) is het geslacht niet als vrouw of man "
             "geregistreerd; deze medewerker telt mee in de totalen, niet in deze tabel.",)
    return Table("gender", "Gender", "umc", cols, tuple(rows), notes), tuple(tot)


def _figuren(model_inst, jaar: int, fte_tot: dict) -> dict[str, Figure]:
    figuren: dict[str, Figure] = {}
    # Workload monitor: 3 panels with per-participant scores (deterministic pseudo data).
    panels = []
    for moment, label, base_w, base_b in (
        ("voor", "Vóór het sectorplan", 7.6, 5.2),
        ("nu", f"Meting {jaar}", 7.1, 8.1),
        ("ideaal", "Ideale situatie", 5.4, 9.0),
    ):
        werkdruk, zekerheid = [], []
        for n in range(24):
            werkdruk.append(D(str(round(base_w + ((n * 7) % 11 - 5) * 0.25, 1))))
            zekerheid.append(D(str(round(min(10, base_b + ((n * 5) % 9 - 4) * 0.35), 1))))
        panels.append({"moment": moment, "label": label, "werkdruk": tuple(werkdruk),
                       "baanzekerheid": tuple(zekerheid)})
    figuren["werkdruk"] = Figure(
        key="werkdruk", kind="scatter_panels",
        title="Ervaren baanzekerheid en werkdruk van deelnemers aan de focusgroepen",
        categories=tuple(p["label"] for p in panels), series=(),
        x_label="Ervaren werkdruk (1–10)", y_label="Ervaren baanzekerheid (1–10)",
        extra={"panels": tuple(panels), "meetjaar": jaar, "deelnemers": 24})

    jaren = tuple(range(2022, jaar + 1))
    vast = tuple(D(str(v)) for v in (1.2, 4.5, 7.9, 9.6, 10.8, 11.4, 11.9)[: len(jaren)])
    tijd = tuple(D(str(v)) for v in (2.4, 3.1, 2.6, 2.3, 2.0, 1.8, 1.6)[: len(jaren)])
    figuren["dataspecialisten"] = Figure(
        key="dataspecialisten", kind="stacked_bar",
        title="Dataspecialisten op sectorplanmiddelen per jaar (fte)",
        categories=tuple(str(j) for j in jaren),
        series=(Series("Vast (incl. toegezegd vast)", vast, key="vast"),
                Series("Tijdelijk", tijd, key="tijdelijk")),
        y_label="fte")

    figuren["fte_per_umc"] = Figure(
        key="fte_per_umc", kind="stacked_barh",
        title="Gerealiseerde fte per umc naar contractvorm",
        categories=tuple(i.naam for i in model_inst),
        series=(
            Series("Vast (incl. toegezegd vast)", tuple(
                PER_UMC[i.code]["fte"]["vast"] + PER_UMC[i.code]["fte"]["toegezegd_vast"]
                for i in model_inst), key="vast"),
            Series("Tijdelijk", tuple(PER_UMC[i.code]["fte"]["tijdelijk"] for i in model_inst),
                   key="tijdelijk"),
            Series("Inloop", tuple(PER_UMC[i.code]["fte"]["inloop"] for i in model_inst),
                   key="inloop"),
        ),
        x_label="fte")

    for groep, key in (("wetenschappelijk", "functies_wetenschappelijk"),
                       ("ondersteunend", "functies_ondersteunend")):
        rows = [f for f in FUNCTIES if f[2] == groep]
        figuren[key] = Figure(
            key=key, kind="stacked_barh",
            title=f"Fte per functiecategorie ({groep}) naar contractvorm",
            categories=tuple(f[1] for f in rows),
            series=(
                Series("Vast", tuple(f[3]["vast"][1] for f in rows), key="vast"),
                Series("Toegezegd vast", tuple(f[3]["toegezegd_vast"][1] for f in rows),
                       key="toegezegd_vast"),
                Series("Tijdelijk", tuple(f[3]["tijdelijk"][1] for f in rows), key="tijdelijk"),
            ),
            x_label="fte")

    wet = [f for f in FUNCTIES if f[2] == "wetenschappelijk"]
    figuren["gender_functiegroep"] = Figure(
        key="gender_functiegroep", kind="stacked_pct_barh",
        title="Verdeling vrouw/man per functiegroep (vast, fte)",
        categories=tuple(f[1] for f in wet),
        series=(
            Series("Vrouw", tuple((f[3]["vast"][1] * D("0.62")).quantize(D("0.0001"))
                                  for f in wet), key="v"),
            Series("Man", tuple((f[3]["vast"][1] * D("0.38")).quantize(D("0.0001"))
                                for f in wet), key="m"),
        ),
        x_label="aandeel (%)")
    return figuren


def make_model(soort: str = "eindevaluatie", jaar: int = 2028,
               naam3: str = INJECTIE_NAAM) -> ReportModel:
    """A complete ReportModel with 3 institutions; every field is filled."""
    assert soort in SOORTEN
    inst = _instellingen(naam3)
    peildatum = dt.date(jaar, 12, 31)
    publicatie = dt.date(jaar + 1, 6, 1)
    soort_woord = {"tussentijdse_evaluatie": "tussentijdse evaluatie",
                   "eindevaluatie": "eindevaluatie",
                   "voortgangsrapportage": f"voortgangsrapportage {jaar}"}[soort]
    sectorplan = {
        "sectorplan": "Versnellen op gezondheid",
        "sectorplan_lang": "sectorplan Geneeskunde en Gezondheidswetenschappen",
        "commissie": "Commissie sectorplan Medische en Gezondheidswetenschappen",
        "commissie_kort": "Commissie sectorplan MGW",
        "looptijd_start": 2022,
        "looptijd_eind": 2028,
        "budget_per_jaar": 40000000,
        "basisjaar": 2023,
        "email": "sectorplancommissie@example.org",
        "website": "www.example.org/sectorplan",
        "redactie": "Leden sectorplancommissie en secretariaat",
        "vormgeving": "reportgen",
    }
    rapport = {
        "soort": soort,
        "titel": f"Sectorplan Geneeskunde en Gezondheidswetenschappen: {soort_woord}",
        "publicatiedatum": publicatie,
        "peildatum": peildatum,
        "versie": "1.0",
        "brief": {
            "datum": publicatie,
            "ontvanger": ["Aan de Minister van Onderwijs, Cultuur en Wetenschap",
                          "mr. dr. A.B. Voorbeeld"],
            "adres_ontvanger": ["Ministerie van Onderwijs, Cultuur en Wetenschap",
                                "Postbus 16375", "2500 BJ Den Haag"],
            "adres_afzender": ["Postbus 93245", "2509 AE Den Haag"],
            "contactpersoon": "dr. C. Contact",
            "telefoon": "070 000 00 00",
            "email": "sectorplancommissie@example.org",
            "onderwerp": f"Aanbieding {soort_woord} sectorplan Geneeskunde en "
                         "Gezondheidswetenschappen",
            "aanhef": "Geachte mevrouw Voorbeeld,",
            "afsluiting": "Met vriendelijke groet,",
            "namens": "namens de Commissie sectorplan Medische en Gezondheidswetenschappen",
            "ondertekenaar": "Prof. dr. V. (Voorzitter) Fictief",
            "functie_ondertekenaar": "Voorzitter",
        },
        "sectorplan": sectorplan,
    }

    themas = tuple(
        Thema(code, naam, tuple(Subthema(sc, sn, n + 1 + 3 * t, kpis)
                                for n, (sc, sn, kpis) in enumerate(subs)))
        for t, (code, naam, subs) in enumerate(SUBTHEMAS))

    besteding, geld = _besteding_tabel(inst)
    fte_tabel, fte = _fte_tabel(inst)
    pers_tabel, pers = _personen_tabel(inst)
    gender_tabel, gtot = _gender_tabel(inst)

    per_jaar = []
    for j in range(2022, jaar + 1):
        ontv = D(12000000) if j == 2022 else D(16000000)
        besteed = ontv * (D("0.55") + D("0.07") * (j - 2022))
        per_jaar.append(JaarBesteding(j, ontv, besteed, _pct(besteed, ontv)))
    financien = Financien(
        tabel=besteding, ontvangen_totaal=geld["ontvangen"], besteed_totaal=geld["totaal"],
        onderbesteding=geld["ontvangen"] - geld["totaal"],
        besteed_pct=_pct(geld["totaal"], geld["ontvangen"]),
        tijdelijke_posities=geld["tijdelijke_posities"], vaste_posities=geld["vaste_posities"],
        indirecte_kosten=geld["indirecte_kosten"], materieel=geld["materieel"],
        per_jaar=tuple(per_jaar), besteed_pct_jaar=per_jaar[-1].besteed_pct)

    structureel = fte["vast"] + fte["toegezegd_vast"]
    gerealiseerd = structureel + fte["tijdelijk"]
    formatie = Formatie(
        tabel=fte_tabel, begroot_fte=fte["begroot"], vast_fte=fte["vast"],
        toegezegd_fte=fte["toegezegd_vast"], tijdelijk_fte=fte["tijdelijk"],
        inloop_fte=fte["inloop"], structureel_fte=structureel,
        structureel_pct=_pct(structureel, fte["begroot"]), gerealiseerd_fte=gerealiseerd,
        gerealiseerd_pct=_pct(gerealiseerd, fte["begroot"]),
        vast_aandeel_pct=_pct(structureel, gerealiseerd))
    totaal_p = pers["vast"] + pers["toegezegd_vast"] + pers["tijdelijk"]
    personen = Personen(
        tabel=pers_tabel, totaal=totaal_p, vast=pers["vast"], toegezegd=pers["toegezegd_vast"],
        tijdelijk=pers["tijdelijk"], inloop=pers["inloop"],
        vast_of_toegezegd=pers["vast"] + pers["toegezegd_vast"])
    vrouwen = gtot[0] + gtot[1]
    mannen = gtot[2] + gtot[3]
    gender = Gender(
        tabel=gender_tabel, totaal=totaal_p, vrouwen=vrouwen, mannen=mannen,
        overig=totaal_p - vrouwen - mannen, vrouwen_pct=_pct(vrouwen, totaal_p),
        vast_totaal=pers["vast"], vast_vrouwen=gtot[0], vast_vrouwen_pct=_pct(gtot[0], pers["vast"]),
        in_tabel=vrouwen + mannen)

    functies = {}
    for code, naam, groep, stand in FUNCTIES:
        functies[code] = Functiestand(
            code=code, naam=naam, groep=groep,
            personen={k: stand[k][0] for k in CONTRACTVORMEN},
            fte={k: stand[k][1] for k in CONTRACTVORMEN},
            personen_totaal=sum(stand[k][0] for k in CONTRACTVORMEN),
            fte_totaal=_sum(stand[k][1] for k in CONTRACTVORMEN))
    ds = functies["dataspecialist"]
    dataspecialisten = Dataspecialisten(
        personen=ds.personen_totaal, fte=ds.fte_totaal,
        vast_personen=ds.personen["vast"], vast_fte=ds.fte["vast"],
        vast_pct=_pct(ds.personen["vast"], ds.personen_totaal),
        toegezegd_personen=ds.personen["toegezegd_vast"], toegezegd_fte=ds.fte["toegezegd_vast"],
        tijdelijk_personen=ds.personen["tijdelijk"], tijdelijk_fte=ds.fte["tijdelijk"],
        basis_fte=D("7.6000"),
        per_jaar=tuple((j, D("1.2") + D("1.7") * (j - 2022), D("2.0")) for j in range(2022, jaar + 1)))

    figuren = _figuren(inst, jaar, fte)
    werkdruk = Werkdruk(
        meetjaar=jaar, deelnemers=24,
        gemiddelde={"voor": {"baanzekerheid": D("5.21"), "werkdruk": D("7.62")},
                    "nu": {"baanzekerheid": D("8.05"), "werkdruk": D("7.08")},
                    "ideaal": {"baanzekerheid": D("8.98"), "werkdruk": D("5.41")}})

    kpis: dict[str, KpiResultaat] = {}
    statussen = ("behaald", "op koers", "aandachtspunt", "geen gegevens")
    for n, (code, nummer, naam, omschrijving, sectie, kpisoort) in enumerate(KPIS):
        indicatoren = ()
        if code == "continuiteit_personeel":
            indicatoren = (
                IndicatorResultaat("vast_aandeel", "Aandeel vaste formatie (fte)", "pct",
                                   formatie.vast_aandeel_pct, D("71.4"), 2023,
                                   formatie.vast_aandeel_pct - D("71.4"),
                                   f"{jaar} hoger dan in 2023", "behaald"),
                IndicatorResultaat("structurele_realisatie", "Realisatie structurele formatie",
                                   "pct", formatie.structureel_pct, D("52.0"), 2023,
                                   formatie.structureel_pct - D("52.0"),
                                   "minimaal 90% vanaf 2026", "aandachtspunt",
                                   {i.code: v for i, v in zip(inst, (D("84.1"), D("87.6"),
                                                                      D("70.9")))}),
            )
        elif code == "werkdruk":
            indicatoren = (IndicatorResultaat(
                "werkdruk", "Ervaren werkdruk (gemiddelde score 1–10)", "score", D("7.08"),
                D("7.62"), 2023, D("-0.54"), f"{jaar} lager dan in 2023", "behaald"),)
        elif code == "diversiteit":
            indicatoren = (IndicatorResultaat(
                "vrouwen_aandeel", "Aandeel vrouwen", "pct", gender.vrouwen_pct, D("61.2"), 2023,
                gender.vrouwen_pct - D("61.2"), "informatief", "geen gegevens"),)
        elif code == "7":
            indicatoren = (IndicatorResultaat(
                "extramuraal_aandeel", "Aandeel extramurale praktijk in het curriculum", "pct",
                D("14.3333"), D("9.6667"), 2023, D("4.6667"), f"{jaar} hoger dan in 2023",
                "behaald"),)
        elif code == "8":
            indicatoren = (IndicatorResultaat(
                "experts", "Aantal experts nieuwe onderzoeksmethoden", "aantal", D("23"), D("9"),
                2023, D("14"), f"{jaar} hoger dan in 2023", "behaald"),)
        elif code == "10":
            indicatoren = (
                IndicatorResultaat("projecten_data", "Projecten data-infrastructuur", "aantal",
                                   D("12"), D("5"), 2023, D("7"), f"{jaar} hoger dan in 2023",
                                   "behaald"),
                IndicatorResultaat("projecten_leefstijl", "Projecten leefstijl", "aantal", None,
                                   None, 2023, None, f"{jaar} hoger dan in 2023", "geen gegevens"),
            )
        elif code == "14":
            indicatoren = (IndicatorResultaat(
                "dataspecialisten_fte", "Dataspecialisten (fte)", "fte", ds.fte_totaal,
                D("7.6000"), 2023, ds.fte_totaal - D("7.6000"), f"{jaar} hoger dan in 2023",
                "behaald"),)
        status = statussen[n % 4] if kpisoort == "kwalitatief" else (
            "aandachtspunt" if code == "continuiteit_personeel" else
            "geen gegevens" if code == "10" else "behaald")
        kpis[code] = KpiResultaat(
            code=code, nummer=nummer, naam=naam, omschrijving=omschrijving, sectie=sectie,
            soort=kpisoort, indicatoren=indicatoren, status=status,
            oordeel=f"Oordeel van de commissie over {naam.lower()}.", tekst=f"kpi_{code}")

    conclusies = tuple(
        Conclusie(kpi=k.code, nummer=k.nummer, naam=k.naam,
                  waarde=("; ".join(_waarde_zin(i) for i in k.indicatoren) or "zie toelichting"),
                  norm=(k.indicatoren[0].norm if k.indicatoren else "beschrijving"),
                  status=k.status, oordeel=k.oordeel)
        for k in kpis.values())

    themamatrix = {
        "NOORD": {"innovatiemotor": "hoofd", "cohorten": "hoofd", "valorisatie": "beperkt",
                  "klinisch": "hoofd"},
        "ZUID": {"onderzoeksmethodologie": "hoofd", "leefstijl": "beperkt",
                 "ai_ehealth": "hoofd", "geneesmiddelen": "hoofd"},
        "INJ": {"leefstijl": "hoofd", "dataspecialisten": "hoofd", "klinisch": "beperkt"},
    }
    commissie = (
        Commissielid("prof. dr. A. (Anna) Eerste", "lid", "", None, None, aanhef="mevrouw"),
        Commissielid("prof. dr. B. (Bram) Tweede", "lid", "", dt.date(2025, 3, 1), None,
                     aanhef="de heer"),
        Commissielid("prof. dr. V. (Voorzitter) Fictief", "lid", "voorzitter", None, None,
                     aanhef="de heer"),
        Commissielid("prof. dr. C. (Carla) Derde", "lid", "vicevoorzitter", None, None,
                     aanhef="mevrouw"),
        Commissielid("prof. dr. D. (Dirk) Vierde", "lid", "", None, dt.date(2024, 3, 1),
                     aanhef="de heer"),
        Commissielid("dr. C. Contact", "secretariaat", "", None, None, aanhef="de heer"),
        Commissielid("E. (Eva) Vijfde, MSc", "secretariaat", "", None, None, aanhef="mevrouw"),
    )
    tabellen = {"besteding": besteding, "realisatie_fte": fte_tabel, "personen": pers_tabel,
                "gender": gender_tabel}
    controles = (Controle("Personen buiten v/m in de gendertabel", totaal_p,
                          vrouwen + mannen, totaal_p - vrouwen - mannen,
                          "Medewerkers met geslacht x of onbekend."),)
    return ReportModel(
        jaar=jaar, peildatum=peildatum, soort=soort, rapport=rapport, instellingen=inst,
        themas=themas, financien=financien, formatie=formatie, personen=personen,
        gender=gender, functies=functies, ud=functies["ud"], dataspecialisten=dataspecialisten,
        werkdruk=werkdruk, kpis=kpis, conclusies=conclusies, themamatrix=themamatrix,
        commissie=commissie, tabellen=tabellen, figuren=figuren, controles=controles,
        aantal_instellingen=len(inst))


# ---------------------------------------------------------------------------- texts

def _p(*sentences: str) -> str:
    return "<p>" + " ".join(sentences) + "</p>"


def text_keys(model: ReportModel) -> list[str]:
    """Every text key the report uses (docs/data-design.md)."""
    keys = ["brief", "leeswijzer", "samenvatting", "inleiding_achtergrond", "inleiding_werkwijze",
            "voortgang", "rust_en_ruimte", "monitor_rust_en_ruimte", "rust_en_ruimte_conclusie",
            "samenwerking", "samenwerking_conclusie", "gezondheidswetenschappen"]
    for thema in model.themas:
        keys.append(f"thema_{thema.code}")
        for sub in thema.subthemas:
            keys += [f"subthema_{sub.code}", f"subthema_{sub.code}_conclusie"]
    keys += [k.tekst for k in model.kpis.values()]
    keys += ["besteding", "personeel", "onderzoek_onderwijs", "ondersteunend", "conclusies",
             "instellingsbesluit", "werkwijze"]
    return keys


def make_texts(model: ReportModel, missing: tuple[str, ...] = ()) -> dict[str, Markup]:
    """Rendered text fragments (as texts.py delivers them) for every key except `missing`."""
    texts: dict[str, Markup] = {}
    filler = _p("Deze alinea is fictieve vultekst voor de opmaaktests van het rapport.",
                "Zij beschrijft in rustige bewoordingen de voortgang in het betreffende onderdeel,",
                "zodat regelafstand, afbreking en paginering beoordeeld kunnen worden.")
    for key in text_keys(model):
        texts[key] = Markup(filler + _p(f"Tekstsleutel: {escape(key)}."))
    texts["samenvatting"] = Markup(
        filler
        + '<h4 class="tussenkop" id="kernbevindingen-en-conclusie-op-hoofdlijnen">'
          "Kernbevindingen en conclusie op hoofdlijnen</h4>"
        + _p("De besteding staat in [[tabel:besteding]]; de formatie per umc in "
             "[[figuur:fte_per_umc]].")
        + '<h4 class="tussenkop" id="aanbevelingen-en-vervolg">Aanbevelingen en vervolg</h4>'
        + filler)
    texts["monitor_rust_en_ruimte"] = Markup(
        _p("De uitkomsten van de monitor staan in [[figuur:werkdruk]].")
        + '<blockquote class="citaat"><p>Dankzij de vaste aanstelling kan ik eindelijk '
          "vooruit plannen.</p>"
          '<p class="citaat-bron">— Fictieve onderzoeker (UMC Noord)</p></blockquote>'
        + filler)
    texts["kpi_14"] = Markup(
        _p("De ontwikkeling van het aantal dataspecialisten staat in "
           "[[figuur:dataspecialisten]].")
        + '<aside class="kader"><h4>Voorbeeld: landelijk datanetwerk</h4>'
        + _p("Een fictief voorbeeld van een initiatief, ter illustratie van een tekstkader.")
        + "</aside>")
    texts["besteding"] = Markup(
        _p("[[Tabel:besteding]] toont de cumulatieve besteding per umc.",
           'De onderbesteding wordt ingelopen.<span class="voetnoot">Fictieve voetnoot bij '
           "de besteding.</span>")
        + filler)
    texts["personeel"] = Markup(
        _p("Zie [[figuur:fte_per_umc]] en [[tabel:realisatie_fte]] in bijlage V.") + filler)
    texts["onderzoek_onderwijs"] = Markup(_p("Zie [[figuur:functies_wetenschappelijk]].")
                                          + filler)
    texts["ondersteunend"] = Markup(_p("Zie [[figuur:functies_ondersteunend]].") + filler)
    texts["kpi_diversiteit"] = Markup(
        _p("Zie [[figuur:gender_functiegroep]] en [[tabel:gender]].") + filler)
    texts["conclusies"] = Markup(filler + _p("Het overzicht per KPI staat in "
                                             "[[tabel:conclusies]]."))
    for key in missing:
        texts.pop(key, None)
    return texts

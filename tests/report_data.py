"""A complete synthetic data folder for the whole report, built through the real pipeline.

    from report_data import write_report_data, prepare_report
    root = write_report_data(tmp_path / "data")            # eindevaluatie 2028
    root = write_report_data(path, soort="voortgangsrapportage", jaar=2026)
    prepared = prepare_report(root, 2028)                  # pipeline.prepare: load..view

The folder holds everything a final build needs, so the templates, charts, texts and PDF
are tested on a model that compute made from data (nothing here can drift from compute):

- the small contract data of tests/data_builders.py (three institutions, every year
  2022..jaar), where the third institution is named like an HTML injection
  (`INJECTIE_NAAM`): the report must print it as literal text and fetch nothing;
  the first institution spends nothing on materieel (an empty money cell);
- 20 KPIs placed like the example's (rust en ruimte, samenwerking, subthemes, diversiteit),
  with measures from all three sources (personeel, the workload monitor, delivered values),
  an informative measure, and committee judgements that use every status;
- two workload measurements (2025 and the report year), the committee with members who
  joined and left, a chair and a vice-chair, the settings with a full letter;
- the example's outline (data/referentie/opbouw.toml);
- one fictitious text per key the outline asks for (view.text_plan), with the conventions
  the layout needs: subheadings in the summary, a quote, a text box, a footnote,
  references to figures, tables and headings, and placeholders citing live figures.

Expected figures in tests come from these tables (or from the model), never typed in.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Iterable, Mapping

from data_builders import Rows, minimal_tables, write_tables

REPO = Path(__file__).resolve().parents[1]
EXAMPLE_OUTLINE = REPO / "data" / "referentie" / "opbouw.toml"

INJECTIE_NAAM = "<img src='file:///etc/passwd'>"
SOORTEN = ("tussentijdse_evaluatie", "eindevaluatie", "voortgangsrapportage")
NAMEN = {"EMC": "Erasmus MC", "LUMC": "LUMC"}  # UMCG gets the hostile name

# code, nummer, naam, omschrijving, sectie, soort
KPIS = (
    ("continuiteit_personeel", "", "Continuïteit personeel",
     "Het aandeel vaste posities op de sectorplanthema's is aan het eind duidelijk hoger.",
     "rust_en_ruimte", "kwantitatief"),
    ("werkdruk", "", "Werkdruk", "Medewerkers ervaren minder werkdruk.", "rust_en_ruimte",
     "kwantitatief"),
    ("interdisciplinariteit", "", "Interdisciplinariteit en interprofessionaliteit",
     "Zichtbare groei van samenwerking tussen disciplines en professies.", "samenwerking",
     "kwalitatief"),
    ("diversiteit", "", "Diversiteit", "De diversiteit van het personeel neemt toe.",
     "diversiteit", "kwantitatief"),
    ("5", "KPI 5", "Gezondheidswetenschappen",
     "Verbinding met de gezondheidswetenschappen buiten de umc's.",
     "gezondheidswetenschappen", "kwalitatief"),
    ("6", "KPI 6", "Samenwerkingsverbanden preventie",
     "Structurele samenwerkingsverbanden rond preventie.", "innovatiemotor", "kwalitatief"),
    ("7", "KPI 7", "Extramurale praktijk",
     "Het aandeel extramurale praktijk in het curriculum neemt toe.", "innovatiemotor",
     "kwantitatief"),
    ("8", "KPI 8", "Nieuwe onderzoeksmethoden",
     "Nieuwe methoden en expertise met verwachte impact op preventie.", "methodologie",
     "kwantitatief"),
    ("9", "KPI 9", "Methoden in het onderwijs",
     "Nieuwe methoden vinden hun weg naar het onderwijs.", "methodologie", "kwalitatief"),
    ("10", "KPI 10", "Innovatiemotorprojecten",
     "Projecten voor data-infrastructuur en leefstijl.", "leefstijl", "kwantitatief"),
    ("11", "KPI 11", "Cohortinfrastructuur", "Bestendiging van cohorten.", "cohorten",
     "kwalitatief"),
    ("12", "KPI 12", "Methodologie cohorten", "Ontwikkeling van methodologie.", "cohorten",
     "kwalitatief"),
    ("13", "KPI 13", "Loopbaanpaden dataspecialisten",
     "Loopbaanpaden en onderwijs voor dataspecialisten.", "dataspecialisten", "kwalitatief"),
    ("14", "KPI 14", "Aantal dataspecialisten",
     "Het aantal dataspecialisten neemt substantieel toe.", "dataspecialisten",
     "kwantitatief"),
    ("15", "KPI 15", "Ontsloten data", "Initiatieven die data ontsluiten.", "ai_ehealth",
     "kwalitatief"),
    ("16", "KPI 16", "Effect e-health en AI", "Onderzoek naar effect van e-health en AI.",
     "ai_ehealth", "kwalitatief"),
    ("17", "KPI 17", "Vertaling naar de kliniek", "Snellere vertaling naar de kliniek.",
     "klinisch", "kwalitatief"),
    ("18", "KPI 18", "Vrijstelling klinisch onderzoekers",
     "Vrijstelling van klinisch onderzoekers.", "klinisch", "kwalitatief"),
    ("19", "KPI 19", "Valorisatietunnel", "Inrichting van de valorisatietunnel.",
     "valorisatie", "kwalitatief"),
    ("20", "KPI 20", "Preklinisch naar klinisch",
     "Interventies van preklinisch naar klinisch stadium.", "geneesmiddelen", "kwalitatief"),
)

# code, kpi, naam, eenheid, bron, aggregatie, norm, norm_waarde, vanaf_jaar
INDICATOREN = (
    ("vast_aandeel", "continuiteit_personeel", "Aandeel vaste formatie (fte)", "pct",
     "personeel", "", "hoger_dan_basis", "", ""),
    ("structurele_realisatie", "continuiteit_personeel", "Realisatie structurele formatie",
     "pct", "personeel", "", "minimaal", "90", "2026"),
    ("werkdruk", "werkdruk", "Ervaren werkdruk (gemiddelde score 1–10)", "score",
     "werkdrukmonitor", "", "lager_dan_basis", "", ""),
    ("vrouwen_aandeel", "diversiteit", "Aandeel vrouwen", "pct", "personeel", "",
     "informatief", "", ""),
    ("extramuraal_aandeel", "7", "Aandeel extramurale praktijk in het curriculum", "pct",
     "kpi_waarden", "gemiddelde", "hoger_dan_basis", "", ""),
    ("experts", "8", "Aantal experts nieuwe onderzoeksmethoden", "aantal", "kpi_waarden",
     "som", "hoger_dan_basis", "", ""),
    ("projecten_data", "10", "Projecten data-infrastructuur", "aantal", "kpi_waarden", "som",
     "hoger_dan_basis", "", ""),
    ("dataspecialisten_fte", "14", "Dataspecialisten (fte)", "fte", "personeel", "",
     "hoger_dan_basis", "", ""),
)

#: The committee's judgement per qualitative KPI cycles through every status.
STATUSSEN = ("behaald", "op koers", "aandachtspunt", "geen gegevens")

FILLER = ("Deze alinea is fictieve vultekst voor de opmaaktests van het rapport. Zij "
          "beschrijft in rustige bewoordingen de voortgang in het betreffende onderdeel, "
          "zodat regelafstand, afbreking en paginering beoordeeld kunnen worden.")

#: Texts with the conventions the layout tests need (Markdown as the secretariat writes
#: it); every other key gets FILLER and its own key.
SPECIAL_TEXTS = {
    "samenvatting": (
        f"{FILLER}\n\n## Kernbevindingen en conclusie op hoofdlijnen\n\n"
        "De besteding staat in [[tabel:besteding]]; de formatie per umc in "
        "[[figuur:fte_per_instelling]].\n\n## Aanbevelingen en vervolg\n\n"
        f"{FILLER}\n"),
    "monitor_rust_en_ruimte": (
        "De uitkomsten van de monitor staan in [[figuur:werkdruk]].\n\n"
        "> Dankzij de vaste aanstelling kan ik eindelijk vooruit plannen.\n>\n"
        "> — Fictieve onderzoeker (Erasmus MC)\n\n"
        f"{FILLER}\n"),
    "kpi_14": (
        "De ontwikkeling van het aantal dataspecialisten staat in "
        "[[figuur:dataspecialisten]].\n\n"
        "```kader Voorbeeld: landelijk datanetwerk\n"
        "Een fictief voorbeeld van een initiatief, ter illustratie van een tekstkader.\n"
        "```\n"),
    "besteding": (
        "[[Tabel:besteding]] toont de cumulatieve besteding per umc. Ontvangen: "
        "{{ financien.ontvangen_totaal | euro }}, besteed: "
        "{{ financien.besteed_totaal | euro }}. De onderbesteding wordt "
        "ingelopen.^[Fictieve voetnoot bij de besteding.]\n\n"
        f"{FILLER}\n"),
    "personeel": (
        "Zie [[figuur:fte_per_instelling]] en [[tabel:realisatie_fte]] in "
        "[[bijlage:realisatie]]. De formatie is {{ formatie.structureel_fte | fte }} fte.\n\n"
        f"{FILLER}\n"),
    "onderzoek_onderwijs": f"Zie [[figuur:functies_wetenschappelijk]].\n\n{FILLER}\n",
    "ondersteunend": f"Zie [[figuur:functies_ondersteunend]].\n\n{FILLER}\n",
    "kpi_diversiteit": f"Zie [[figuur:gender_functiegroep]] en [[tabel:gender]].\n\n{FILLER}\n",
    "conclusies": f"{FILLER}\n\nHet overzicht per KPI staat in [[tabel:conclusies]].\n",
    "brief": ("Hierbij bieden wij u het rapport aan. De besteding staat in "
              "[[tabel:besteding]] van het rapport.\n"),
}


def _soort_woord(soort: str, jaar: int) -> str:
    return {"tussentijdse_evaluatie": "tussentijdse evaluatie", "eindevaluatie":
            "eindevaluatie", "voortgangsrapportage": f"voortgangsrapportage {jaar}"}[soort]


def report_tables(jaar: int = 2028, naam3: str = INJECTIE_NAAM) -> dict[str, Rows]:
    """Every table of the report's data folder (see the module docstring)."""
    years = list(range(2022, jaar + 1))
    tables = minimal_tables(years)
    for row in tables["referentie/umcs"]:
        row["naam"] = NAMEN.get(row["code"], naam3)
    for y in years:
        for row in tables[f"{y}/financien"]:
            if row["umc"] == "EMC":
                row["materieel"] = ""  # nothing spent: an empty cell in the money table
        # every contract form in both function groups, for the charts' colours
        tables[f"{y}/personeel"] += [
            {"id": "p5", "umc": "LUMC", "functiecategorie": "analist",
             "contractvorm": "tijdelijk", "fte": "0.5", "geslacht": "m",
             "subthema": "klinisch"},
            {"id": "p6", "umc": "EMC", "functiecategorie": "onderzoeker",
             "contractvorm": "toegezegd_vast", "fte": "0.7", "geslacht": "v",
             "subthema": "cohorten"},
            {"id": "p7", "umc": "UMCG", "functiecategorie": "dataspecialist",
             "contractvorm": "tijdelijk", "fte": "0.6", "geslacht": "v",
             "subthema": "dataspecialisten"},
        ]
        if y >= 2025:  # data specialists grow after the baseline year
            tables[f"{y}/personeel"].append(
                {"id": "p9", "umc": "LUMC", "functiecategorie": "dataspecialist",
                 "contractvorm": "vast", "fte": "0.9", "geslacht": "v",
                 "subthema": "leefstijl"})
    tables["referentie/themamatrix"] += [
        {"umc": "UMCG", "subthema": "dataspecialisten", "inzet": "hoofd"},
        {"umc": "LUMC", "subthema": "leefstijl", "inzet": "beperkt"},
    ]
    tables["referentie/kpis"] = [
        {"code": c, "nummer": n, "naam": na, "omschrijving": o, "sectie": s, "soort": so,
         "volgorde": str(i)} for i, (c, n, na, o, s, so) in enumerate(KPIS, start=1)]
    tables["referentie/indicatoren"] = [
        dict(zip(("code", "kpi", "naam", "eenheid", "bron", "aggregatie", "norm",
                  "norm_waarde", "vanaf_jaar"), row)) for row in INDICATOREN]
    tables["referentie/commissie"] = [
        {"naam": n, "aanhef": a, "rol": r, "functie": f, "van": van, "tot": tot,
         "volgorde": str(i)}
        for i, (n, a, r, f, van, tot) in enumerate([
            ("prof. dr. A. (Anna) Eerste", "mevrouw", "lid", "", "", ""),
            ("prof. dr. B. (Bram) Tweede", "de heer", "lid", "", "2025-03-01", ""),
            ("prof. dr. V. (Voorzitter) Fictief", "de heer", "lid", "voorzitter", "", ""),
            ("prof. dr. C. (Carla) Derde", "mevrouw", "lid", "vicevoorzitter", "", ""),
            ("prof. dr. D. (Dirk) Vierde", "de heer", "lid", "", "", "2024-03-01"),
            ("dr. C. Contact", "de heer", "secretariaat", "", "", ""),
            ("E. (Eva) Vijfde, MSc", "mevrouw", "secretariaat", "", "", ""),
        ], start=1)]
    for y in years:
        if y < 2023:
            continue
        step = y - 2023
        tables[f"{y}/kpi_waarden"] = [
            {"umc": "EMC", "indicator": "extramuraal_aandeel", "waarde": str(9 + step)},
            {"umc": "LUMC", "indicator": "extramuraal_aandeel", "waarde": f"{10 + step}.5"},
            {"umc": "EMC", "indicator": "experts", "waarde": str(4 + 2 * step)},
            {"umc": "UMCG", "indicator": "experts", "waarde": str(5 + step)},
            {"umc": "LUMC", "indicator": "projecten_data", "waarde": str(2 + step)},
        ]
    for y in (2025, jaar) if jaar >= 2025 else ():
        tables[f"{y}/werkdrukmonitor"] = _monitor(y)
    qualitative = [k for k in KPIS if k[5] == "kwalitatief"]
    tables[f"{jaar}/kpi_oordeel"] = [
        {"kpi": k[0], "status": STATUSSEN[i % len(STATUSSEN)] if k[5] == "kwalitatief"
         else "", "toelichting": f"Oordeel van de commissie over {k[2].lower()}."}
        for i, k in enumerate(qualitative + [k for k in KPIS if k not in qualitative])]
    return tables


def _monitor(jaar: int) -> Rows:
    """Deterministic scores of eight participants per institution; later measurements
    show less workload and more job security 'nu'."""
    rows = []
    shift = (jaar - 2025) * 0.3
    for u, umc in enumerate(("EMC", "LUMC", "UMCG")):
        for n in range(8):
            d = f"{umc.lower()}-{n}"
            for moment, w, b in (("voor", 7.6, 5.2), ("nu", 7.1 - shift, 8.1 + shift / 3),
                                 ("ideaal", 5.4, 9.0)):
                werk = min(10.0, max(1.0, w + ((n * 7 + u) % 11 - 5) * 0.25))
                zeker = min(10.0, max(1.0, b + ((n * 5 + u) % 9 - 4) * 0.35))
                rows.append({"deelnemer": d, "umc": umc, "moment": moment,
                             "baanzekerheid": f"{zeker:.1f}", "werkdruk": f"{werk:.1f}"})
    return rows


def report_files(soort: str = "eindevaluatie", jaar: int = 2028) -> dict[str, str]:
    """The settings files (TOML) of the report's data folder."""
    assert soort in SOORTEN
    woord = _soort_woord(soort, jaar)
    return {
        "referentie/sectorplan.toml": (
            'sectorplan = "Versnellen op gezondheid"\n'
            'sectorplan_lang = "sectorplan Geneeskunde en Gezondheidswetenschappen"\n'
            'commissie = "Commissie sectorplan Medische en Gezondheidswetenschappen"\n'
            'commissie_kort = "Commissie sectorplan MGW"\n'
            "looptijd_start = 2022\nlooptijd_eind = 2028\nbasisjaar = 2023\n"
            "budget_per_jaar = 40000000\n"
            'instelling = "umc"\ninstellingen = "umc\'s"\n'
            'email = "sectorplancommissie@example.org"\n'
            'website = "www.example.org/sectorplan"\n'
            'redactie = "Leden sectorplancommissie en secretariaat"\n'
            'vormgeving = "reportgen"\n'
            'trefwoorden = ["umc"]\n'),
        f"{jaar}/rapport.toml": (
            f'soort = "{soort}"\n'
            f'titel = "Sectorplan Geneeskunde en Gezondheidswetenschappen: {woord}"\n'
            f"publicatiedatum = {jaar + 1}-06-01\n"
            f"peildatum = {jaar}-12-31\n"
            'versie = "1.0"\n'
            "[brief]\n"
            f"datum = {jaar + 1}-06-01\n"
            'ontvanger = ["Aan de Minister van Onderwijs, Cultuur en Wetenschap", '
            '"mr. dr. A.B. Voorbeeld"]\n'
            'adres_ontvanger = ["Ministerie van Onderwijs, Cultuur en Wetenschap", '
            '"Postbus 16375", "2500 BJ Den Haag"]\n'
            'adres_afzender = ["Postbus 93245", "2509 AE Den Haag"]\n'
            'contactpersoon = "dr. C. Contact"\n'
            'telefoon = "070 000 00 00"\n'
            f'onderwerp = "Aanbieding {woord} sectorplan Geneeskunde en '
            'Gezondheidswetenschappen"\n'
            'aanhef = "Geachte mevrouw Voorbeeld,"\n'
            'afsluiting = "Met vriendelijke groet,"\n'
            'namens = "namens de Commissie sectorplan Medische en Gezondheidswetenschappen"\n'
            'ondertekenaar = "Prof. dr. V. (Voorzitter) Fictief"\n'
            'functie_ondertekenaar = "Voorzitter"\n'),
    }


def text_plan_of(root: Path, jaar: int):
    """The texts the outline asks for in the data folder `root` (view.text_plan), from
    the data as it is (load, compute, view; texts need not exist yet)."""
    from reportgen import compute, loading, pipeline, view

    dataset, _ = loading.load_dataset(root, jaar)
    outline, problems, _ = pipeline.load_outline(root)
    assert outline is not None, [str(p) for p in problems]
    return view.text_plan(outline, compute.build_model(dataset))


def filler_text(key: str) -> str:
    return f"{FILLER}\n\nTekstsleutel: {key}.\n"


def write_texts(root: Path, jaar: int, *, skip: Iterable[str] = (), skip_optional: bool = False,
                texts: Mapping[str, str] | None = None, filler=filler_text,
                special: Mapping[str, str] = SPECIAL_TEXTS) -> list[str]:
    """One text per key of the text plan (`special` where it has one, else `filler(key)`),
    except `skip` (and, with `skip_optional`, every text the report type may leave out);
    `texts` overrides or adds sources. Returns the keys written."""
    folder = Path(root) / str(jaar) / "teksten"
    folder.mkdir(parents=True, exist_ok=True)
    plan = text_plan_of(root, jaar)
    sources = {k: special.get(k) or filler(k) for k in plan.keys}
    sources.update(texts or {})
    leave_out = set(skip) | (set(plan.optional) if skip_optional else set())
    written = []
    for key, source in sources.items():
        if key in leave_out:
            continue
        (folder / f"{key}.md").write_text(source, encoding="utf-8")
        written.append(key)
    return written


def write_report_data(root: Path, *, soort: str = "eindevaluatie", jaar: int = 2028,
                      naam3: str = INJECTIE_NAAM, skip_texts: Iterable[str] = (),
                      skip_optional: bool = False, texts: Mapping[str, str] | None = None,
                      outline: Path | None = EXAMPLE_OUTLINE) -> Path:
    """Write the complete data folder into `root` (see the module docstring). `outline`
    None leaves the package's default outline in charge."""
    root = write_tables(Path(root), report_tables(jaar, naam3), report_files(soort, jaar))
    if outline is not None:
        shutil.copyfile(outline, root / "referentie" / "opbouw.toml")
    write_texts(root, jaar, skip=skip_texts, skip_optional=skip_optional, texts=texts)
    return root


def prepare_report(root: Path, jaar: int, *, draft: bool = False, build_info=None):
    """pipeline.prepare (load, validate, compute, view) of the folder `root`."""
    from reportgen import pipeline

    return pipeline.prepare(Path(root), jaar, draft=draft, build_info=build_info)


def view_with(prepared, *, model=None, texts: Mapping[str, object] | None = None,
              drop: Iterable[str] = (), draft: bool | None = None, build_info=None):
    """The report view again (view stage only), with another model (e.g. one changed
    field of what compute made), other rendered texts (key -> Markup, or a plain str to
    test escaping), texts left out, or another build mode. The shared fixtures stay as
    they are."""
    from reportgen import view

    rv = prepared.view
    model = model if model is not None else prepared.model
    rendered = dict(rv.tekst.texts)
    rendered.update(texts or {})
    for key in drop:
        rendered.pop(key, None)
    return view.build_view(
        model, view.prepare(model), prepared.outline, rendered,
        view.text_plan(prepared.outline, model),
        draft=rv.draft if draft is None else draft,
        build_info=rv.build_info if build_info is None else build_info,
        data_name=rv.tekst.data_name)

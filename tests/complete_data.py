"""A small data set that a final build accepts: the minimal folder of data_builders plus a
short (fictitious) text for every text the outline asks for. Used by the preview and the
draft-marking tests.

    root = write_complete_dataset(tmp_path)        # years 2022..2023, report year 2023
"""

from __future__ import annotations

from pathlib import Path

from data_builders import write_dataset

JAAR = 2023
# Fictitious letter settings (rapport.toml [brief]), appended after `datum`.
LETTER_SETTINGS = """ontvanger = ["Aan de minister", "mr. A. Fictief"]
adres_ontvanger = ["Ministerie", "Postbus 1", "1000 AA Plaats"]
adres_afzender = ["Postbus 2", "2000 BB Plaats"]
contactpersoon = "dr. B. Verzonnen"
telefoon = "000 000 00 00"
onderwerp = "Aanbieding van de voortgangsrapportage"
aanhef = "Geachte minister,"
afsluiting = "Met vriendelijke groet,"
ondertekenaar = "C. Voorbeeld"
"""


def write_complete_dataset(root: Path, jaar: int = JAAR) -> Path:
    from reportgen import pipeline, view

    write_dataset(root, years=(2022, jaar), project_files=True)
    with (root / "referentie" / "sectorplan.toml").open("a", encoding="utf-8") as fh:
        fh.write('sectorplan_lang = "sectorplan Voorbeeldwetenschappen"\n')
    with (root / str(jaar) / "rapport.toml").open("a", encoding="utf-8") as fh:
        fh.write(LETTER_SETTINGS)
    computed = pipeline.compute_stage(root, jaar)
    plan = view.text_plan(computed.outline, computed.model)
    folder = root / str(jaar) / "teksten"
    folder.mkdir(parents=True, exist_ok=True)
    for key in plan.keys:
        path = folder / f"{key}.md"
        if not path.exists():
            path.write_text(f"Korte fictieve testtekst voor {key}.\n", encoding="utf-8")
    (folder / "besteding.md").write_text(
        "Ontvangen: {{ financien.ontvangen_totaal | euro }}. De commissie volgt de besteding "
        "per instelling.\n\nBesteed: {{ financien.besteed_totaal | euro }}.\n",
        encoding="utf-8")
    return root

"""The second example project, examples/techniek: a fictitious plan of another domain (four
universities, two themes with five subthemes, period 2024-2030, its own outline and KPIs)
that reportgen turns into a final report without any Python of the plan's own.

One final build per session (`reportgen build --year 2027`, no --draft, from inside a copy
of the project folder, so the checkout stays clean); the tests read its PDF. Every expected
value is read or recomputed here from the example's own files with the standard library,
independently of reportgen.
"""

from __future__ import annotations

import contextlib
import csv
import re
import shutil
import subprocess
import sys
import tomllib
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pytest
from click.testing import CliRunner
from pypdf import PdfReader

from reportgen.cli import main

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "techniek"
DATA = EXAMPLE / "data"
YEAR = 2027

#: Facts of the example plan in this repository (data/): none may appear in the second plan.
MGW_NAMES = ("umc", "Versnellen op gezondheid", "Gezondheidswetenschappen",
             "Medische en Gezondheidswetenschappen", "Commissie sectorplan MGW", "MGW", "ZonMw",
             "Knottnerus", "Amsterdam UMC", "werkdrukmonitor")


# ------------------------------------------------------------------ reading the example


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f, delimiter=";"))


def number(text: str) -> Decimal:
    """A number as the example's `;` files write it: decimal comma, no thousands dots."""
    return Decimal(text.replace(".", "").replace(",", "."))


def dutch(value: Decimal, places: int) -> str:
    """Dutch notation, rounded half away from zero: 1234567.5 -> '1.234.567,50'."""
    q = value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    whole, _, frac = f"{abs(q):f}".partition(".")
    groups = []
    while whole:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    text = ".".join(groups) + ("," + frac if places else "")
    return ("-" if q < 0 else "") + text


def settings() -> dict:
    return tomllib.loads((DATA / "referentie" / "sectorplan.toml").read_text("utf-8"))


def outline() -> dict:
    return tomllib.loads((DATA / "referentie" / "opbouw.toml").read_text("utf-8"))


# ------------------------------------------------------------------ the build


@pytest.fixture(scope="session")
def techniek(tmp_path_factory) -> Path:
    """A copy of the project folder, built once as a final report from inside it."""
    project = tmp_path_factory.mktemp("techniek") / "techniek"
    shutil.copytree(EXAMPLE, project, ignore=shutil.ignore_patterns("out", "__pycache__"))
    with contextlib.chdir(project):
        result = CliRunner().invoke(main, ["build", "--year", str(YEAR)])
    assert result.exit_code == 0, result.output
    return project


@pytest.fixture(scope="session")
def pdf(techniek) -> PdfReader:
    return PdfReader(techniek / "out" / str(YEAR) / "rapport.pdf")


@pytest.fixture(scope="session")
def pages(pdf) -> list[str]:
    """Every page's text, whitespace collapsed (names that wrap in a table cell join up)."""
    return [" ".join(page.extract_text().split()) for page in pdf.pages]


@pytest.fixture(scope="session")
def text(pages) -> str:
    return " ".join(pages)


def page_with(pages: list[str], *needles: str) -> str:
    found = [p for p in pages if all(n in p for n in needles)]
    assert found, needles
    return found[0]


# ------------------------------------------------------------------ tests


@pytest.mark.slow
def test_validate_says_the_example_is_in_order(techniek, monkeypatch):
    monkeypatch.chdir(techniek)
    result = CliRunner().invoke(main, ["validate", "--year", str(YEAR)])
    assert result.exit_code == 0, result.output
    assert f"Invoer voor {YEAR} is in orde" in result.output
    assert "fout:" not in result.output


@pytest.mark.slow
def test_it_is_a_final_report_with_a_letter(techniek, pages):
    out = techniek / "out" / str(YEAR)
    assert (out / "brief.pdf").is_file()
    assert not [p for p in pages if "Concept" in p or "CONCEPT" in p]
    assert "[Tekst ontbreekt" not in " ".join(pages)
    rapport = tomllib.loads((DATA / str(YEAR) / "rapport.toml").read_text("utf-8"))
    assert rapport["soort"] == "tussentijdse_evaluatie"
    assert rapport["brief"]["onderwerp"] in page_with(pages, "Geachte minister,")


@pytest.mark.slow
def test_cover_names_the_plan_its_period_and_that_it_is_fictitious(pages):
    sp = settings()
    cover = pages[0]
    assert f"Sectorplan ‘{sp['sectorplan']}’" in cover
    assert f"Periode {sp['looptijd_start']}–{YEAR}, peildatum 31 december {YEAR}" in cover
    assert sp["commissie"] in cover
    assert sp["voorbeeld"] in cover  # and in the colofon
    assert sp["voorbeeld"] in page_with(pages, "Colofon")


@pytest.mark.slow
def test_its_institutions_themes_and_subthemes_are_printed(text):
    names = [r["naam"] for r in read_csv(DATA / "referentie" / "umcs.csv")]
    subthemas = read_csv(DATA / "referentie" / "subthemas.csv")
    assert len(names) == 4 and len({r["thema"] for r in subthemas}) == 2
    for name in [*names, *(r["naam"] for r in subthemas), *(r["thema_naam"] for r in subthemas)]:
        assert name in text, name
    assert "Bijlage III Formatie en personen per universiteit" in text


@pytest.mark.slow
def test_chapters_and_appendices_follow_its_own_outline(pdf):
    chapters = outline()["hoofdstuk"]
    bookmarks = [b.title for b in pdf.outline if not isinstance(b, list)]
    numbered = [t for t in bookmarks if re.match(r"\d+ ", t)]
    assert numbered == [f"{n} {c['titel']}" for n, c in enumerate(chapters, start=1)]
    # the key figures come before the themes, the themes before the cooperation chapter
    assert numbered[2:5] == ["3 Middelen en mensen", "4 De thema's", "5 Samenwerking en onderwijs"]
    appendices = [b.title for b in pdf.outline[-1]]
    sp = settings()
    expected = [p["titel"].format(commissie_kort=sp["commissie_kort"],
                                  instelling=sp["instelling"], instellingen=sp["instellingen"])
                for p in chapters[-1]["paragraaf"]]
    romans = ["I", "II", "III", "IV", "V"]
    assert appendices == [f"Bijlage {r} {t}" for r, t in zip(romans, expected)]
    assert appendices[-1] == "Bijlage V Inzet van de universiteiten per subthema"


@pytest.mark.slow
def test_spending_totals_equal_the_sums_of_its_financien_files(pages):
    categories = ("tijdelijke_posities", "vaste_posities", "indirecte_kosten", "materieel")
    sums = dict.fromkeys(categories, Decimal(0))
    for jaar in range(settings()["looptijd_start"], YEAR + 1):
        for row in read_csv(DATA / str(jaar) / "financien.csv"):
            for c in categories:
                sums[c] += number(row[c])
    total = sum(sums.values(), Decimal(0))
    expected = "Totaal " + " ".join(f"€ {dutch(v, 2)}" for v in [*sums.values(), total])
    assert expected in page_with(pages, "Tabel 1.")


@pytest.mark.slow
def test_formation_table_equals_its_personeel_file(pages):
    """Bijlage III: fte per contractvorm, budget and structural realisation, per university
    (the table of fte per university and contract form, with the budget column)."""
    begroot = {r["umc"]: number(r["begroot_fte"])
               for r in read_csv(DATA / "referentie" / "begroting.csv")}
    people = read_csv(DATA / str(YEAR) / "personeel.csv")
    page = page_with(pages, "Tijdelijk toegezegd vast", "Begroot", "Realisatie structurele")
    for inst in read_csv(DATA / "referentie" / "umcs.csv"):
        fte = {cv: sum((number(p["fte"]) for p in people
                        if p["umc"] == inst["code"] and p["contractvorm"] == cv), Decimal(0))
               for cv in ("inloop", "tijdelijk", "toegezegd_vast", "vast")}
        realisatie = (fte["vast"] + fte["toegezegd_vast"]) / begroot[inst["code"]] * 100
        row = " ".join([inst["naam"], *(dutch(v, 2) for v in fte.values()),
                        dutch(begroot[inst["code"]], 2), dutch(realisatie, 0) + "%"])
        assert row in page, row


@pytest.mark.slow
def test_no_name_of_the_mgw_plan_appears(techniek, text):
    out = techniek / "out" / str(YEAR)
    letter = " ".join(p.extract_text() for p in PdfReader(out / "brief.pdf").pages)
    meta = PdfReader(out / "rapport.pdf").metadata
    html = (out / "rapport.html").read_text("utf-8")
    # what a reader can see: not the embedded fonts and images (base64 may contain "umc")
    html = re.sub(r"<style>.*?</style>|data:[\w/+.-]+;base64,[\w+/=]+", " ", html, flags=re.S)
    for where, content in (("rapport.pdf", text), ("brief.pdf", letter),
                           ("metadata", " ".join(str(v) for v in meta.values())),
                           ("rapport.html", html)):
        for name in MGW_NAMES:
            assert name.lower() not in content.lower(), (where, name)


@pytest.mark.slow
def test_quotes_and_text_boxes_say_they_are_fictitious(text):
    assert text.count("(fictief citaat)") == 2
    assert text.count("(fictief voorbeeld)") == 2


def test_texts_type_no_numbers_but_years():
    """Every figure in the texts comes from a placeholder; only years are typed."""
    jinja = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}|\[\[[^\]]*\]\]", re.S)
    for path in sorted((DATA / str(YEAR) / "teksten").glob("*.md")):
        prose = jinja.sub(" ", path.read_text("utf-8"))
        prose = re.sub(r"(?m)^\s*\d+\. ", "", prose)  # numbered list items
        for n in re.findall(r"\d+(?:[.,]\d+)*", prose):
            assert re.fullmatch(r"20\d\d", n), (path.name, n)


def test_the_generator_reproduces_the_committed_data(tmp_path):
    subprocess.run([sys.executable, str(EXAMPLE / "genereer.py"), "--out", str(tmp_path)],
                   check=True)
    written = sorted(p.relative_to(tmp_path / "data") for p in (tmp_path / "data").rglob("*")
                     if p.is_file())
    assert len(written) == 5 + 3 * 4  # reference files, then three files per year
    for rel in written:
        assert (tmp_path / "data" / rel).read_bytes() == (DATA / rel).read_bytes(), rel


def test_texts_borrow_no_sentence_from_the_seed_documents():
    originality = pytest.importorskip("test_originality")
    if not all((originality.SEEDS_DIR / s).is_file() for s in originality.SEED_FILES):
        pytest.skip("seed documents not present")
    files = [*sorted((DATA / str(YEAR) / "teksten").glob("*.md")), EXAMPLE / "LEESMIJ.md"]
    overlaps = {p.name: hits for p in files
                if (hits := originality.shared_sequences(
                    originality.prose_of_markdown(p.read_text("utf-8"))))}
    assert not overlaps

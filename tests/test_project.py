"""Project folders and `reportgen init`, the package resources, and the period and themes
coming from the data (contract v2).

The end-to-end proof builds one draft PDF per session for a fictitious second plan
(tests/fixtures/ander_plan: 5 institutions, 2 themes with 5 subthemes, period 2019-2025):
`reportgen init`, copy the plan's contract files in, build from inside the project folder.
"""

from __future__ import annotations

import contextlib
import json
import re
import shutil
import tomllib
from pathlib import Path

import pytest
from click.testing import CliRunner
from pypdf import PdfReader

from data_builders import minimal_tables, write_dataset, write_tables
from reportgen import project, render, resources
from reportgen.cli import main
from reportgen.compute import build_model
from reportgen.errors import ConfigError, errors_of
from reportgen.loading import load_dataset
from reportgen.schemas import SCHEMAS
from reportgen.settings import BRIEF, RAPPORT, SECTORPLAN

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "ander_plan"
INSTELLINGEN = ("Universiteit van Noordwaard", "Hogeschool Zuidkaap",
                "Technische Universiteit Oostmeer", "Universiteit Vlietdijk",
                "Rijksuniversiteit Kwelder")
THEMAS = ("Kust en delta", "Open zee en klimaat")
SUBTHEMAS = ("Duinen en dijken", "Deltadynamiek", "Getijdenenergie", "Plankton en voedselweb",
             "Zeesensoren en data")
OWN_COVER_LINE = "Eigen omslag van de commissie (fictief)"


def cli(*args: str):
    return CliRunner().invoke(main, list(args))


def copy_fixture(data_dir: Path) -> None:
    """The fixture's contract files over a new project's data folder (not its README)."""
    for item in FIXTURE.iterdir():
        if item.is_dir():
            shutil.copytree(item, data_dir / item.name, dirs_exist_ok=True)


# ------------------------------------------------------------------------ resources


def test_package_resources_are_found():
    assert (resources.templates_dir() / "rapport.html").is_file()
    assert (resources.templates_dir() / "css" / "rapport.css").is_file()
    assert (resources.fonts_dir() / "Lato-Regular.ttf").is_file()
    assert (resources.skeleton_dir() / "LEESMIJ.md").is_file()
    assert render.template_dirs() == (resources.templates_dir(),)


def test_pyproject_lists_every_package():
    """The wheel holds exactly the packages pyproject.toml lists (the templates mapping
    rules out automatic discovery): a new subpackage must be added there."""
    root = Path(__file__).resolve().parents[1]
    config = tomllib.loads((root / "pyproject.toml").read_text("utf-8"))["tool"]["setuptools"]
    found = {".".join(p.parent.relative_to(root).parts)
             for p in (root / "reportgen").rglob("__init__.py")
             if "skeleton" not in p.parts}
    assert set(config["packages"]) == found | {"reportgen.templates"}
    assert config["package-dir"] == {"reportgen.templates": "templates"}


# ------------------------------------------------------------------------------ init


def test_init_writes_the_skeleton(tmp_path):
    result = cli("init", str(tmp_path / "proj"), "--start", "2019", "--eind", "2025")
    assert result.exit_code == 0, result.output
    root = tmp_path / "proj"
    assert "LEESMIJ.md" in result.stdout
    for name in ("umcs", "begroting", "subthemas", "functiecategorieen", "themamatrix",
                 "kpis", "indicatoren", "commissie"):
        raw = (root / "data" / "referentie" / f"{name}.csv").read_bytes()
        assert raw.startswith(b"\xef\xbb\xbf") and raw.endswith(b"\r\n")  # BOM, Excel lines
        header = raw.decode("utf-8-sig").strip().split(";")
        assert header == [c.name for c in SCHEMAS[name].columns]
    for name in ("financien", "personeel"):
        assert (root / "data" / "2019" / f"{name}.csv").read_text("utf-8-sig").count("\n") == 1
    sectorplan_toml = (root / "data/referentie/sectorplan.toml").read_text("utf-8")
    assert tomllib.loads(sectorplan_toml) == {"looptijd_start": 2019, "looptijd_eind": 2025}
    rapport_toml = (root / "data/2019/rapport.toml").read_text("utf-8")
    assert tomllib.loads(rapport_toml) == {}  # every key commented out, with an example
    for setting in SECTORPLAN:  # every declared setting is offered, under its description
        assert f"{setting.key} = " in sectorplan_toml
    for setting in (*RAPPORT, *BRIEF):
        assert f"# {setting.key} = " in rapport_toml or f"# [{setting.key}]" in rapport_toml
    key_line = re.compile(r"# (\[\w+\]|\w+ = .*)")
    uncommented = "\n".join(line[2:] for line in rapport_toml.splitlines()
                             if key_line.fullmatch(line))  # every example is valid TOML
    assert tomllib.loads(uncommented)["brief"]["datum"].isoformat() == "2020-06-01"
    leesmij = (root / "LEESMIJ.md").read_text("utf-8")
    assert "reportgen validate --year 2019" in leesmij
    assert "reportgen build --year 2019 --draft" in leesmij
    assert "$" not in leesmij and str(resources.templates_dir()) in leesmij
    assert not (root / "data/referentie/opbouw.toml").exists() or (
        resources.default_outline() is not None)


def test_init_copies_the_default_outline_when_the_package_has_one(tmp_path, monkeypatch):
    outline = tmp_path / "opbouw.toml"
    outline.write_text("# standaardopbouw (test)\n", encoding="utf-8")
    monkeypatch.setattr(resources, "default_outline", lambda: outline)
    project.create_project(tmp_path / "proj", 2024, 2030)
    copied = tmp_path / "proj/data/referentie/opbouw.toml"
    assert copied.read_text("utf-8") == "# standaardopbouw (test)\n"
    assert "opbouw.toml" in (tmp_path / "proj/LEESMIJ.md").read_text("utf-8")


def test_init_defaults_to_the_current_year_and_accepts_an_empty_folder(tmp_path):
    import datetime as dt

    (tmp_path / "leeg").mkdir()
    result = cli("init", str(tmp_path / "leeg"))
    assert result.exit_code == 0, result.output
    year = dt.date.today().year
    assert (tmp_path / "leeg" / "data" / str(year) / "rapport.toml").is_file()


def test_init_refuses_a_folder_that_is_not_empty_and_overwrites_nothing(tmp_path):
    (tmp_path / "bezet").mkdir()
    (tmp_path / "bezet" / "notities.txt").write_text("van mij", encoding="utf-8")
    result = cli("init", str(tmp_path / "bezet"))
    assert result.exit_code == 2
    assert "bestaat al en is niet leeg" in result.stderr and "Traceback" not in result.output
    assert [p.name for p in (tmp_path / "bezet").iterdir()] == ["notities.txt"]
    (tmp_path / "bestand").write_text("x", encoding="utf-8")
    assert cli("init", str(tmp_path / "bestand")).exit_code == 2
    bad = cli("init", str(tmp_path / "nieuw"), "--start", "2025", "--eind", "2020")
    assert bad.exit_code == 2 and "--eind 2020 ligt voor --start 2025" in bad.stderr
    assert not (tmp_path / "nieuw").exists()
    missing = cli("init")
    assert missing.exit_code == 2 and "Geef 'MAP' op" in missing.stderr


# ------------------------------------------------------------------- project folder


def test_project_folder_rule(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    here = project.locate()
    assert (here.data_dir, here.out_dir) == (Path("data"), Path("out"))
    assert here.template_dirs == (resources.templates_dir(),) and here.own_templates is None
    (tmp_path / "p" / "templates").mkdir(parents=True)
    there = project.locate(Path("p"), out=Path("elders"))
    assert (there.data_dir, there.out_dir) == (Path("p/data"), Path("elders"))
    assert there.template_dirs == (Path("p/templates"), resources.templates_dir())
    assert there.own_templates == Path("p/templates")
    with pytest.raises(ConfigError, match="Projectmap 'q' bestaat niet"):
        project.locate(Path("q"))


def test_a_project_stylesheet_replaces_the_default_one(tmp_path):
    own = tmp_path / "templates"
    (own / "css").mkdir(parents=True)
    (own / "css" / "rapport.css").write_text("/* eigen huisstijl */\n", encoding="utf-8")
    dirs = project.template_dirs(tmp_path)
    css = str(render._read_css(dirs, "print"))
    assert "/* eigen huisstijl */" in css
    assert "@font-face" in css  # fonts.css still comes from the package
    default = (resources.templates_dir() / "css" / "rapport.css").read_text("utf-8")
    assert default.strip().splitlines()[0] not in css
    screen = str(render._read_css(render.template_dirs(dirs), "screen"))
    assert (resources.templates_dir() / "css" / "scherm.css").read_text("utf-8") in screen


def test_no_data_folder_is_a_usage_error_with_a_hint(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = cli("validate", "--year", "2023")
    assert result.exit_code == 2
    assert "Datamap 'data' bestaat niet" in result.stderr and "reportgen init" in result.stderr


# ---------------------------------------------------------------- period and themes


def test_period_comes_from_sectorplan_toml_or_else_the_year_folders(tmp_path):
    root = write_dataset(tmp_path)  # years 2022-2023, no sectorplan.toml
    ds, _ = load_dataset(root, 2023)
    assert (ds.looptijd_start, ds.looptijd_eind) == (2022, 2023)
    with pytest.raises(ConfigError, match=r"\(2022–2023\).*eerste tot en met de laatste"):
        load_dataset(root, 2024)
    (root / "referentie" / "sectorplan.toml").write_text(
        "looptijd_start = 2021\nlooptijd_eind = 2030\n", encoding="utf-8")
    ds, problems = load_dataset(root, 2023)
    assert (ds.looptijd_start, ds.looptijd_eind) == (2021, 2030)
    assert [p.file for p in errors_of(problems)] == ["2021/"]  # a year folder is missing
    with pytest.raises(ConfigError, match=r"2031 valt buiten de looptijd van het sectorplan "
                                          r"\(2021–2030, volgens referentie/sectorplan.toml\)"):
        load_dataset(root, 2031)


def test_themes_follow_their_first_subtheme_whatever_their_codes(tmp_path):
    tables = minimal_tables()
    for r in tables["referentie/subthemas"]:
        r["thema"] = {"preventie": "zzz", "datagedreven_innovatie": "aaa",
                      "fundament_toepassing": "mmm"}[r["thema"]]
    tables["referentie/subthemas"][0]["volgorde"] = "20"  # zzz now starts at volgorde 2
    ds, _ = load_dataset(write_tables(tmp_path, tables), 2023)
    model = build_model(ds)
    assert [t.code for t in model.themas] == ["zzz", "aaa", "mmm"]
    assert [s.code for s in model.themas[0].subthemas] == ["methodologie", "leefstijl",
                                                          "innovatiemotor"]


# ------------------------------------------------------- end to end: a second plan


@pytest.fixture(scope="session")
def ander_plan(tmp_path_factory) -> Path:
    """`reportgen init` + the fictitious plan's files + an own cover template, built once
    as a draft from inside the project folder."""
    root = tmp_path_factory.mktemp("ander") / "proj"
    assert cli("init", str(root), "--start", "2019").exit_code == 0
    copy_fixture(root / "data")
    cover = (resources.templates_dir() / "onderdelen" / "omslag.html").read_text("utf-8")
    own = root / "templates" / "onderdelen" / "omslag.html"
    own.parent.mkdir(parents=True)
    own.write_text(cover + f"\n<p>{OWN_COVER_LINE}</p>\n", encoding="utf-8")
    with contextlib.chdir(root):
        result = cli("build", "--year", "2022", "--draft")
    assert result.exit_code == 0, result.output
    return root


def test_a_second_plan_builds_with_its_own_institutions_and_themes(ander_plan):
    wanted = {*INSTELLINGEN, *THEMAS, *SUBTHEMAS, "Werkplaats Noordzee", OWN_COVER_LINE}
    for page in PdfReader(ander_plan / "out" / "2022" / "rapport.pdf").pages:
        text = " ".join(page.extract_text().split())
        wanted = {name for name in wanted if name not in text}
        if not wanted:  # text extraction is slow: stop at the first page that completes
            break
    assert not wanted
    html = (ander_plan / "out" / "2022" / "rapport.html").read_text("utf-8")
    for example_fact in ("Amsterdam UMC", "Preventie", "Datagedreven innovatie"):
        assert example_fact not in html
    sjablonen = json.loads((ander_plan / "out/2022/manifest.json").read_text("utf-8"))[
        "sjablonen"]
    assert "project/templates/onderdelen/omslag.html" in sjablonen
    assert "templates/onderdelen/omslag.html" in sjablonen


def test_a_second_plan_loads_its_period(ander_plan):
    ds, problems = load_dataset(ander_plan / "data", 2022)
    assert (ds.looptijd_start, ds.looptijd_eind) == (2019, 2025)
    assert sorted(ds.jaren) == [2019, 2020, 2021, 2022]
    assert not errors_of(problems)


def test_validate_in_the_project_lists_what_a_final_build_needs(ander_plan, monkeypatch):
    monkeypatch.chdir(ander_plan)
    result = cli("validate", "--year", "2022")
    assert result.exit_code == 1
    for piece in ("fout: 2022/rapport.toml", "fout: referentie/kpis.csv",
                  "fout: referentie/commissie.csv", "fout: 2022/teksten/samenvatting.md",
                  "fout: 2022/teksten/thema_kust.md", "fout: 2022/teksten/subthema_getij.md"):
        assert piece in result.stdout, piece
    errors = [line for line in result.stdout.splitlines() if line.startswith("fout:")]
    for contract_file in ("umcs.csv", "subthemas.csv", "financien.csv", "personeel.csv"):
        assert not [e for e in errors if contract_file in e]  # the delivered files are fine
    outside = cli("validate", "--year", "2026")
    assert outside.exit_code == 2
    assert "(2019–2025, volgens referentie/sectorplan.toml)" in outside.stderr


def test_intake_in_the_project_writes_into_its_out_folder(ander_plan, monkeypatch):
    monkeypatch.chdir(ander_plan)
    result = cli("intake", "--year", "2023")
    assert result.exit_code == 0, result.output
    written = sorted(p.name for p in (ander_plan / "out" / "intake" / "2023").iterdir())
    assert written == sorted(f"intake-2023-{code}.xlsx"
                             for code in ("UNW", "HZK", "TUO", "UVD", "RUK"))

"""Settings (reportgen/settings.py): every setting declared once, with its type, default and
whether a final build needs it; the resolved settings the model carries; and the parts of
the pipeline that read the declarations (validation, completeness, the report's labels)."""

from __future__ import annotations

import datetime as dt
import tomllib

import pytest

from data_builders import minimal_tables
from model_builders import dataset_from_tables
from report_data import EXAMPLE_OUTLINE, report_files, report_tables
from reportgen import completeness
from reportgen.compute import build_model
from reportgen.outline import read_outline
from reportgen.settings import (BRIEF, DATE_KEYS, RAPPORT, SECTORPLAN, declared,
                                publication_date, report_type, resolve_rapport,
                                resolve_sectorplan)
from reportgen.view.labels import report_labels

PERIOD = (2022, 2028)


# ------------------------------------------------------------------ declarations


@pytest.mark.parametrize("settings", [SECTORPLAN, RAPPORT, BRIEF],
                         ids=["sectorplan", "rapport", "brief"])
def test_every_setting_is_declared_once_with_a_dutch_description(settings):
    keys = [s.key for s in settings]
    assert len(keys) == len(set(keys))
    for s in settings:
        assert s.types and s.doc and s.doc[0].islower(), s.key
        if s.default is not None:
            assert s.accepts(s.default), s.key
        if s.example is not None:
            assert s.accepts(s.example), s.key


def test_date_keys_are_declared_dates():
    for path in DATE_KEYS:
        settings = declared(BRIEF) if path[0] == "brief" else declared(RAPPORT)
        assert dt.date in settings[path[-1]].types, path


def test_accepts_checks_the_toml_type():
    sp, rapport = declared(SECTORPLAN), declared(RAPPORT)
    assert sp["looptijd_start"].accepts(2024)
    assert not sp["looptijd_start"].accepts(True)  # a bool is no year
    assert not sp["looptijd_start"].accepts("2024")
    assert sp["budget_per_jaar"].accepts(1.5e7) and sp["budget_per_jaar"].accepts(40000000)
    assert sp["trefwoorden"].accepts(["a", "b"]) and not sp["trefwoorden"].accepts(["a", 1])
    assert rapport["publicatiedatum"].accepts(dt.date(2026, 6, 1))
    assert not rapport["publicatiedatum"].accepts(dt.datetime(2026, 6, 1, 12))
    assert sp["voorbeeld"].accepts(False) and sp["voorbeeld"].accepts("Fictieve gegevens.")
    assert not sp["voorbeeld"].accepts(1) and not sp["instelling"].accepts(["umc"])


# ------------------------------------------------------------------ resolution


def test_sectorplan_defaults():
    out = resolve_sectorplan(None, PERIOD)
    assert set(out) == {s.key for s in SECTORPLAN}
    assert (out["looptijd_start"], out["looptijd_eind"]) == PERIOD
    assert out["basisjaar"] == 2023  # the second year of the period
    assert (out["instelling"], out["instellingen"]) == ("instelling", "instellingen")
    assert out["trefwoorden"] == [] and out["voorbeeld"] is False
    assert out["sectorplan"] is None  # required: completeness names it, no invented name


def test_given_sectorplan_settings_win_over_defaults():
    out = resolve_sectorplan({"instelling": "umc", "basisjaar": 2024, "trefwoorden": ["x"],
                              "email": None, "onbekend": 1}, PERIOD)
    assert out["instelling"] == "umc" and out["basisjaar"] == 2024
    assert out["trefwoorden"] == ["x"] and out["email"] is None
    assert "onbekend" not in out  # validation warns about it
    assert resolve_sectorplan({"basisjaar": True}, PERIOD)["basisjaar"] == 2023


def test_the_period_of_sectorplan_toml_is_the_models():
    """looptijd_start/-eind are required settings: what sectorplan.toml says is the period
    the model, the KPI statuses and the labels use."""
    tables = minimal_tables(years=(2022, 2023, 2024))
    sp = {"sectorplan": "X", "looptijd_start": 2022, "looptijd_eind": 2024,
          "basisjaar": 2023}
    model = build_model(dataset_from_tables(tables, 2024, {"referentie/sectorplan.toml": sp}))
    assert (model.sectorplan["looptijd_start"], model.sectorplan["looptijd_eind"]) == (
        2022, 2024)
    # the plan's last year: a final evaluation unless rapport.toml says otherwise
    assert model.soort == "eindevaluatie"
    assert report_labels(model).periode == "2022–2024"


@pytest.mark.parametrize("given, jaar, soort", [
    (None, 2028, "eindevaluatie"), (None, 2025, "voortgangsrapportage"),
    ({"soort": "tussentijdse_evaluatie"}, 2025, "tussentijdse_evaluatie"),
    ({"soort": "jaarverslag"}, 2025, "voortgangsrapportage"),  # validation reports it
])
def test_report_type(given, jaar, soort):
    assert report_type(given, jaar, 2028) == soort
    assert resolve_rapport(given, jaar, 2028)["soort"] == soort


def test_rapport_defaults():
    out = resolve_rapport({"titel": "T", "brief": {"ontvanger": "De minister"},
                           "kleur": "blauw"}, 2026, 2028)
    assert out["peildatum"] == dt.date(2026, 12, 31)
    assert set(out["brief"]) == {s.key for s in BRIEF}
    assert out["brief"]["ontvanger"] == ["De minister"]  # one line becomes a list
    assert out["brief"]["adres_afzender"] == []
    assert out["kleur"] == "blauw"  # unknown keys stay available; validation warns
    assert resolve_rapport({"peildatum": dt.date(2026, 6, 30)}, 2026, 2028)["peildatum"] == (
        dt.date(2026, 6, 30))


def test_publication_date_falls_back_to_the_reference_date():
    assert publication_date({"publicatiedatum": dt.date(2027, 6, 1),
                             "peildatum": dt.date(2026, 12, 31)}) == dt.date(2027, 6, 1)
    assert publication_date({"publicatiedatum": None,
                             "peildatum": dt.date(2026, 12, 31)}) == dt.date(2026, 12, 31)
    assert publication_date({"publicatiedatum": dt.datetime(2027, 6, 1, 9),
                             "peildatum": None}) == dt.date(2027, 6, 1)


def test_the_model_carries_the_resolved_settings():
    files = {k: tomllib.loads(v) for k, v in report_files().items()}
    model = build_model(dataset_from_tables(report_tables(), 2028, files))
    assert model.sectorplan == resolve_sectorplan(files["referentie/sectorplan.toml"], PERIOD)
    assert model.rapport == resolve_rapport(files["2028/rapport.toml"], 2028, 2028)
    assert model.peildatum == model.rapport["peildatum"] and model.soort == "eindevaluatie"


# ------------------------------------------------------------------ who reads them


@pytest.mark.parametrize("setting", [s for s in SECTORPLAN if s.required],
                         ids=lambda s: s.key)
def test_completeness_names_every_required_sectorplan_setting(setting):
    files = {k: tomllib.loads(v) for k, v in report_files().items()}
    del files["referentie/sectorplan.toml"][setting.key]
    outline, _ = read_outline(EXAMPLE_OUTLINE, "referentie/opbouw.toml")
    dataset = dataset_from_tables(report_tables(), 2028, files)
    (p,) = completeness.missing_pieces(dataset, outline, draft=False, heeft_brief=True)
    assert (p.file, p.column) == ("referentie/sectorplan.toml", setting.key)
    assert setting.doc in p.expected


def test_validation_checks_settings_against_their_declaration(tmp_path):
    from data_builders import minimal_files, write_tables
    from reportgen.errors import errors_of, warnings_of
    from reportgen.loading import load_dataset
    from reportgen.validation import validate

    files = minimal_files()
    files["referentie/sectorplan.toml"] += 'instelling = 3\nkleur = "blauw"\n'
    root = write_tables(tmp_path, minimal_tables(project_files=True), files)
    dataset, problems = load_dataset(root, 2023)
    assert problems == []
    found = validate(dataset)
    (err,) = errors_of(found)
    assert (err.file, err.column, err.value) == ("referentie/sectorplan.toml", "instelling",
                                                 "3")
    assert err.expected == "verwacht: tekst tussen aanhalingstekens"
    (warn,) = warnings_of(found)
    assert (warn.column, warn.line) == ("kleur", files["referentie/sectorplan.toml"].count(
        "\n"))

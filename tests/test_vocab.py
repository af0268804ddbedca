"""Vocabularies (reportgen/vocab.py): every closed list of codes declared once, with the
Dutch label a reader sees. Validation checks the data against them (a wrong code is named
with file, line, column and the vocabulary's codes in order), compute uses the codes and
the view takes the labels from them."""

from __future__ import annotations

import pytest

from data_builders import minimal_files, minimal_tables, write_tables
from reportgen import vocab
from reportgen.errors import errors_of
from reportgen.loading import load_dataset
from reportgen.validation import validate
from reportgen.view.tables import TABLES
from reportgen.vocab import (AANHEF, BRON, CONTRACTVORM, EENHEID, FUNCTIE, FUNCTIEGROEP,
                             GEREALISEERD, GESLACHT, INZET, KPI_SOORT, MOMENT, NORM, ROL,
                             STATUS, STRUCTUREEL, V_M, Vocabulary)

VOCABULARIES = {name: value for name, value in vars(vocab).items()
                if isinstance(value, Vocabulary)}


@pytest.mark.parametrize("name", sorted(VOCABULARIES))
def test_codes_are_unique_with_a_label(name):
    v = VOCABULARIES[name]
    assert len(v.codes) == len(set(v.codes)) == len(v) > 0
    for code in v:
        assert code in v and v.label(code).strip(), (name, code)
    assert v.label("onbekende-code") == "onbekende-code"  # unknown codes print as they are


def test_derived_lists_stay_inside_their_vocabulary():
    assert set(STRUCTUREEL) < set(GEREALISEERD) < set(CONTRACTVORM.codes)
    assert set(V_M) < set(GESLACHT.codes)
    assert set(vocab.VERPLICHTE_FUNCTIECATEGORIEEN.values()) == set(FUNCTIEGROEP.codes)
    assert vocab.DATASPECIALIST in vocab.VERPLICHTE_FUNCTIECATEGORIEEN
    assert vocab.UD in vocab.VERPLICHTE_FUNCTIECATEGORIEEN
    assert {vocab.SOORT_EINDJAAR, vocab.SOORT_ANDERS} <= set(vocab.RAPPORTSOORT.codes)
    assert set(vocab.STATUS_RANG) == set(STATUS.codes)
    assert vocab.GEEN_GEGEVENS in STATUS and vocab.INFORMATIEF in NORM


# (vocabulary, table, column): every column of the data contract with a closed list
CHECKED = [
    (CONTRACTVORM, "2023/personeel", "contractvorm"),
    (GESLACHT, "2023/personeel", "geslacht"),
    (FUNCTIEGROEP, "referentie/functiecategorieen", "groep"),
    (INZET, "referentie/themamatrix", "inzet"),
    (KPI_SOORT, "referentie/kpis", "soort"),
    (EENHEID, "referentie/indicatoren", "eenheid"),
    (BRON, "referentie/indicatoren", "bron"),
    (NORM, "referentie/indicatoren", "norm"),
    (STATUS, "2023/kpi_oordeel", "status"),
    (MOMENT, "2023/werkdrukmonitor", "moment"),
    (ROL, "referentie/commissie", "rol"),
    (FUNCTIE, "referentie/commissie", "functie"),
    (AANHEF, "referentie/commissie", "aanhef"),
]


@pytest.mark.parametrize("vocabulary, table, column", CHECKED,
                         ids=[f"{t}:{c}" for _, t, c in CHECKED])
def test_validation_checks_codes_against_the_vocabulary(tmp_path, vocabulary, table, column):
    tables = minimal_tables(project_files=True)
    tables[table][0][column] = "bogus"
    root = write_tables(tmp_path, tables, minimal_files())
    dataset, problems = load_dataset(root, 2023)
    assert problems == []
    (p,) = errors_of(validate(dataset))
    assert (p.file, p.line, p.column, p.value) == (f"{table}.csv", 2, column, "bogus")
    assert p.expected == "verwacht: een van " + ", ".join(f"'{c}'" for c in vocabulary.codes)


def test_the_view_prints_the_vocabularys_labels():
    assert TABLES["personen"].columns == dict(CONTRACTVORM.labels)
    assert [TABLES["realisatie_fte"].columns[c] for c in CONTRACTVORM.codes] == list(
        CONTRACTVORM.labels.values())

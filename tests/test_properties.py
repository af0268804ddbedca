"""Property test: for random valid data, every total equals the sum of its rows and every
share stays where it must.

Invariants (shares on a 0-100 scale):
- every total row of an euro/fte/int column is the exact sum of the rows above it;
- shares of a part in its whole (women among persons, permanent among realised fte, vast
  dataspecialists among dataspecialists, segments of the gender figure) lie in 0-100, and
  the segments of one gender bar add up to 100;
- the spent share exceeds 100 exactly when more was spent than received (legitimate when
  underspending of earlier years is caught up), and is never negative;
- structural realisation is never negative but may exceed 100 (the seed shows 122%);
- headcount = persons in the v/m table + persons outside v/m; fte of all function
  categories = realised formation; underspending = received - spent.
"""

from __future__ import annotations

from decimal import Decimal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from data_builders import FUNCTIECATEGORIEEN, SUBTHEMAS
from model_builders import dataset_from_tables
from reportgen.compute import build_model
from reportgen.view.labels import report_labels
from reportgen.view.messages import controle_problems
from reportgen.view.tables import table_view

CONTRACTVORMEN = ("vast", "toegezegd_vast", "tijdelijk", "inloop")
GESLACHTEN = ("v", "m", "x", "onbekend")
FUNCTIES = tuple(f["code"] for f in FUNCTIECATEGORIEEN)

money = st.integers(min_value=0, max_value=10**9).map(lambda c: f"{Decimal(c) / 100:.2f}")
fte = st.integers(min_value=1, max_value=10_000).map(lambda n: str(Decimal(n) / 10_000))
budget = st.integers(min_value=0, max_value=5_000).map(lambda n: str(Decimal(n) / 100))


@st.composite
def datasets(draw):
    n = draw(st.integers(min_value=1, max_value=6))
    codes = draw(st.lists(st.from_regex(r"[A-Z]{2,6}", fullmatch=True), min_size=n,
                          max_size=n, unique=True))
    jaar = draw(st.integers(min_value=2022, max_value=2024))
    tables = {
        "referentie/umcs": [{"code": c, "naam": f"Instelling {c}", "volgorde": str(i)}
                            for i, c in enumerate(draw(st.permutations(codes)))],
        "referentie/begroting": [{"umc": c, "begroot_fte": draw(budget)} for c in codes],
        "referentie/subthemas": [dict(r) for r in SUBTHEMAS],
        "referentie/functiecategorieen": [dict(r) for r in FUNCTIECATEGORIEEN],
        "referentie/themamatrix": [],
    }
    for y in range(2022, jaar + 1):
        tables[f"{y}/financien"] = [
            {"umc": c, "ontvangen": draw(money), "tijdelijke_posities": draw(money),
             "vaste_posities": draw(money), "indirecte_kosten": draw(money),
             "materieel": draw(money)} for c in codes]
        people = []
        for c in codes:
            for i in range(draw(st.integers(min_value=0, max_value=8))):
                people.append({
                    "id": f"p{i}", "umc": c, "functiecategorie": draw(st.sampled_from(FUNCTIES)),
                    "contractvorm": draw(st.sampled_from(CONTRACTVORMEN)), "fte": draw(fte),
                    "geslacht": draw(st.sampled_from(GESLACHTEN)), "subthema": ""})
        tables[f"{y}/personeel"] = people
    return dataset_from_tables(tables, jaar)


def _between(value, low=0, high=100):
    return value is None or low <= value <= high


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(datasets())
def test_totals_are_sums_and_shares_stay_in_range(dataset):
    model = build_model(dataset)
    # reconciliation findings are warnings, never errors
    assert not [p for p in controle_problems(model) if p.is_error]

    for table in model.tabellen.values():
        total = table.total
        if total is None:
            continue
        body = [r for r in table.rows if not r.is_total]
        for col in table.columns:
            if col.kind in ("euro", "fte", "int"):
                assert total.values[col.key] == sum((r.values[col.key] for r in body),
                                                    Decimal(0)), (table.key, col.key)
            if col.kind == "pct":
                for r in table.rows:
                    assert r.values[col.key] is None or r.values[col.key] >= 0

    fin = model.financien
    assert fin.onderbesteding == fin.ontvangen_totaal - fin.besteed_totaal
    for row in fin.tabel.rows:
        share = row.values["besteed_pct"]
        if row.values["ontvangen"] == 0:
            assert share is None
        else:
            assert share >= 0
            assert (share > 100) == (row.values["besteed"] > row.values["ontvangen"])
    for j in fin.per_jaar:
        assert j.besteed_pct is None or (j.besteed_pct > 100) == (j.besteed > j.ontvangen)

    f = model.formatie
    assert f.gerealiseerd_fte == f.structureel_fte + f.tijdelijk_fte
    assert _between(f.vast_aandeel_pct)
    assert f.structureel_pct is None or f.structureel_pct >= 0
    assert sum((s.fte_totaal for s in model.functies.values()), Decimal(0)) == f.gerealiseerd_fte

    g = model.gender
    assert g.totaal == model.personen.totaal == g.in_tabel + g.overig
    assert sum(g.tabel.total.values.values()) == g.in_tabel
    assert _between(g.vrouwen_pct) and _between(g.vast_vrouwen_pct)
    # persons outside v/m: a computed fact, and the view notes it under the table
    assert sum(g.tabel.facts["overig_per_instelling"].values()) == g.overig
    labels = report_labels(model)
    assert bool(table_view(g.tabel, labels).notes) == bool(g.overig)

    ds = model.dataspecialisten
    assert _between(ds.vast_pct)
    assert ds.personen == ds.vast_personen + ds.toegezegd_personen + ds.tijdelijk_personen

    fig = model.figuren["gender_functiegroep"]
    for i in range(len(fig.categories)):
        shares = [fig.extra["aandeel"][s.key][i] for s in fig.series]
        assert all(_between(v) for v in shares)
        if fig.extra["totaal_fte"][i] > 0:
            assert abs(sum(shares) - 100) < Decimal("1e-20")  # exact up to Decimal precision

    # valid data: nothing impossible is ever reported
    assert not [c for c in model.controles
                if c.soort in ("fte_boven_personen", "fte_buiten_tabel",
                               "functies_buiten_totaal", "bestedingen_buiten_tabel")]

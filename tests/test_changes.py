"""Change summary between two builds: cells old -> new in Dutch, texts added/edited."""

from decimal import Decimal
from types import SimpleNamespace

from reportgen import changes
from reportgen.model import Column, Row, Table


def _model(amount: str, fte: str, rows_extra: bool = False):
    cols = (Column("besteed", "Totaal besteed", "euro"), Column("vast", "Vast", "fte"))
    rows = [Row("Erasmus MC", {"besteed": Decimal(amount), "vast": Decimal(fte)}, key="EMC"),
            Row("Totaal", {"besteed": Decimal(amount), "vast": Decimal(fte)}, key="totaal",
                is_total=True)]
    if rows_extra:
        rows.insert(1, Row("LUMC", {"besteed": Decimal(0), "vast": Decimal(0)}, key="LUMC"))
    table = Table("besteding", "Bestedingen per umc", "umc", cols, tuple(rows))
    return SimpleNamespace(jaar=2025, tabellen={"besteding": table})


def test_first_build_says_so():
    snap = changes.snapshot(_model("100", "1.5"), {"samenvatting": "Tekst"})
    summary = changes.compare(None, snap)
    assert summary.eerste_build
    assert "eerste build" in changes.to_markdown(summary, 2025)


def test_unchanged_build_reports_no_changes():
    a = changes.snapshot(_model("100", "1.5"), {"samenvatting": "Tekst"})
    b = changes.snapshot(_model("100.00", "1.50"), {"samenvatting": "Tekst"})
    summary = changes.compare(a, b)
    assert summary.leeg
    assert "Geen wijzigingen" in changes.to_markdown(summary, 2025)


def test_changed_cell_is_named_with_old_and_new_value_in_dutch():
    old = changes.snapshot(_model("16097831", "37.83"), {})
    new = changes.snapshot(_model("16097832.5", "37.83"), {})
    summary = changes.compare(old, new)
    cells = {(c.tabel, c.rij, c.kolom): (c.oud, c.nieuw) for c in summary.cellen}
    assert cells[("Bestedingen per umc", "Erasmus MC", "Totaal besteed")] == (
        "€ 16.097.831,00", "€ 16.097.832,50")
    md = changes.to_markdown(summary, 2025)
    assert "| Bestedingen per umc | Erasmus MC | Totaal besteed | € 16.097.831,00 | " \
           "€ 16.097.832,50 |" in md


def test_new_row_and_text_changes_are_listed():
    old = changes.snapshot(_model("1", "1"), {"samenvatting": "a\nb\n", "oud": "x"})
    new = changes.snapshot(_model("1", "1", rows_extra=True),
                           {"samenvatting": "a\nc\n", "nieuw": "y"})
    summary = changes.compare(old, new)
    assert any(c.rij == "LUMC" and c.oud == "(leeg)" and c.nieuw == "0,00"
               for c in summary.cellen)
    kinds = {t.sleutel: t.soort for t in summary.teksten}
    assert kinds == {"samenvatting": "gewijzigd", "oud": "verwijderd", "nieuw": "toegevoegd"}
    md = changes.to_markdown(summary, 2025)
    assert "samenvatting: gewijzigd (1 regel(s) weg, 1 regel(s) bij)" in md


def test_snapshot_roundtrip(tmp_path):
    snap = changes.snapshot(_model("5", "0.5"), {"k": "t"})
    changes.write_snapshot(snap, tmp_path / "cijfers.json")
    assert changes.read_snapshot(tmp_path / "cijfers.json") == snap
    assert changes.read_snapshot(tmp_path / "missing.json") is None

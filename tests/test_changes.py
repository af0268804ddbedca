"""Change summary between two builds: cells old -> new in Dutch, texts added/edited."""

from decimal import Decimal

from reportgen import changes
from reportgen.view.tables import ColumnView, RowView, TableView


def _tables(amount: str, fte: str, rows_extra: bool = False) -> dict[str, TableView]:
    """The tables of a build as the reader sees them (view.TableView)."""
    cols = (ColumnView("besteed", "Totaal besteed", "euro"), ColumnView("vast", "Vast", "fte"))
    rows = [RowView("Erasmus MC", {"besteed": Decimal(amount), "vast": Decimal(fte)},
                    key="EMC"),
            RowView("Totaal", {"besteed": Decimal(amount), "vast": Decimal(fte)}, key="totaal",
                    is_total=True)]
    if rows_extra:
        rows.insert(1, RowView("LUMC", {"besteed": Decimal(0), "vast": Decimal(0)},
                               key="LUMC"))
    table = TableView("besteding", "Bestedingen per umc", "umc", cols, tuple(rows))
    return {"besteding": table}


def _snapshot(tables, texts, **kwargs):
    return changes.snapshot(tables, 2025, texts, **kwargs)


def test_first_build_says_so():
    snap = _snapshot(_tables("100", "1.5"), {"samenvatting": "Tekst"})
    summary = changes.compare(None, snap)
    assert summary.eerste_build
    assert "eerste build" in changes.to_markdown(summary, 2025)


def test_unchanged_build_reports_no_changes():
    a = _snapshot(_tables("100", "1.5"), {"samenvatting": "Tekst"})
    b = _snapshot(_tables("100.00", "1.50"), {"samenvatting": "Tekst"})
    summary = changes.compare(a, b)
    assert summary.leeg
    assert "Geen wijzigingen" in changes.to_markdown(summary, 2025)


def test_changed_cell_is_named_with_old_and_new_value_in_dutch():
    old = _snapshot(_tables("16097831", "37.83"), {})
    new = _snapshot(_tables("16097832.5", "37.83"), {})
    summary = changes.compare(old, new)
    cells = {(c.tabel, c.rij, c.kolom): (c.oud, c.nieuw) for c in summary.cellen}
    assert cells[("Bestedingen per umc", "Erasmus MC", "Totaal besteed")] == (
        "€ 16.097.831,00", "€ 16.097.832,50")
    md = changes.to_markdown(summary, 2025)
    assert "| Bestedingen per umc | Erasmus MC | Totaal besteed | € 16.097.831,00 | " \
           "€ 16.097.832,50 |" in md


def test_new_row_and_text_changes_are_listed():
    old = _snapshot(_tables("1", "1"), {"samenvatting": "a\nb\n", "oud": "x"})
    new = _snapshot(_tables("1", "1", rows_extra=True),
                           {"samenvatting": "a\nc\n", "nieuw": "y"})
    summary = changes.compare(old, new)
    assert any(c.rij == "LUMC" and c.oud == "(nieuwe rij)" and c.nieuw == "0,00"
               for c in summary.cellen)
    kinds = {t.sleutel: t.soort for t in summary.teksten}
    assert kinds == {"samenvatting": "gewijzigd", "oud": "verwijderd", "nieuw": "toegevoegd"}
    edit = next(t for t in summary.teksten if t.sleutel == "samenvatting")
    assert (edit.weg, edit.bij) == (("b",), ("c",))
    md = changes.to_markdown(summary, 2025)
    assert "### samenvatting: tekst aangepast" in md
    assert "- Was: „b”" in md and "- Wordt: „c”" in md


def test_removed_row_is_named():
    old = _snapshot(_tables("1", "1", rows_extra=True), {})
    new = _snapshot(_tables("1", "1"), {})
    cells = changes.compare(old, new).cellen
    assert [(c.rij, c.kolom, c.oud, c.nieuw) for c in cells] == [
        ("LUMC", "(hele rij)", "aanwezig", "vervallen")]


def test_change_below_the_printed_precision_is_not_listed():
    # 1.5 -> 1.504 fte prints as 1,50 both times: nothing a reader can see.
    old = _snapshot(_tables("100", "1.5"), {})
    new = _snapshot(_tables("100.001", "1.504"), {})
    assert changes.compare(old, new).leeg


def test_text_change_shows_the_sentences_as_the_reader_sees_them():
    src = "De formatie is {{ formatie.fte | fte }} fte. Dat is veel."
    old = _snapshot(_tables("1", "1"), {"personeel": src},
                           rendered={"personeel": "<p>De formatie is 1,00 fte. Dat is veel.</p>"},
                           paths={"personeel": "2025/teksten/personeel.md"})
    edited = src.replace("veel", "genoeg")
    new = _snapshot(_tables("1", "1"), {"personeel": edited},
                           rendered={"personeel": "<p>De formatie is 1,00 fte. Dat is genoeg.</p>"},
                           paths={"personeel": "2025/teksten/personeel.md"})
    [t] = changes.compare(old, new).teksten
    assert (t.soort, t.pad, t.weg, t.bij) == (
        "gewijzigd", "2025/teksten/personeel.md", ("Dat is veel.",), ("Dat is genoeg.",))
    md = changes.to_markdown(changes.compare(old, new), 2025)
    assert "### personeel (`2025/teksten/personeel.md`): tekst aangepast" in md


def test_unedited_text_with_new_figures_is_listed_apart():
    src = "De formatie is {{ formatie.fte | fte }} fte."
    old = _snapshot(_tables("1", "1"), {"personeel": src},
                           rendered={"personeel": "<p>De formatie is 1,00 fte.</p>"})
    new = _snapshot(_tables("1", "2"), {"personeel": src},
                           rendered={"personeel": "<p>De formatie is 2,00 fte.</p>"})
    summary = changes.compare(old, new)
    [t] = summary.teksten
    assert t.soort == "cijfers" and t.bij == ("De formatie is 2,00 fte.",)
    md = changes.to_markdown(summary, 2025)
    assert "## Teksten met andere cijfers (1)" in md
    assert "Gewijzigde teksten" not in md


def test_summary_names_both_builds_and_caps_the_terminal_version():
    old = _snapshot(_tables("1", "1"), {})
    new = _snapshot(_tables("2", "2"), {})
    summary = changes.compare(old, new)
    assert len(summary.cellen) == 4
    prev = changes.describe_build({"opties": {"draft": True}, "concept_nummer": 2,
                                   "builddatum": "2026-11-21"})
    assert prev == "concept 2 van 21 november 2026"
    assert changes.describe_build({"opties": {"draft": False}}) == "de definitieve versie"
    md = changes.to_markdown(summary, 2025, deze="concept 3 van 22 november 2026",
                             vorige=prev, max_cellen=1, volledig="out/2025/wijzigingen.md")
    assert md.startswith("# Wijzigingen in het rapport 2025 (concept 3 van 22 november 2026)")
    assert "(concept 2 van 21 november 2026)" in md
    assert "… en nog 3 gewijzigde cijfers; zie out/2025/wijzigingen.md." in md


def test_plain_text_of_rendered_html():
    html = '<h4 class="tussenkop">Kop</h4><p>Een &amp; twee<br>drie</p><ul><li>a</li></ul>'
    assert changes.plain_text(html) == "Kop\nEen & twee\ndrie\na"


def test_snapshot_roundtrip(tmp_path):
    snap = _snapshot(_tables("5", "0.5"), {"k": "t"})
    changes.write_snapshot(snap, tmp_path / "cijfers.json")
    assert changes.read_snapshot(tmp_path / "cijfers.json") == snap
    assert changes.read_snapshot(tmp_path / "missing.json") is None
    (tmp_path / "kapot.json").write_text("{niet json", encoding="utf-8")
    assert changes.read_snapshot(tmp_path / "kapot.json") is None

"""The example data in data/ reproduces the seed report's published 2025 figures.

Deliberately independent of reportgen: the CSVs are read with pandas as plain strings and
aggregated straightforwardly here, so a bug in reportgen's compute cannot hide a data error
(and vice versa). Expected values are the published cells of the mid-term evaluation
(Tabel 1-4, Bijlage V/VI and the figures in its text).
"""

from __future__ import annotations

import importlib.util
import tomllib
from decimal import ROUND_HALF_UP, Decimal
from functools import cache
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
YEARS = range(2022, 2029)
CATS = ["tijdelijke_posities", "vaste_posities", "indirecte_kosten", "materieel"]
CODES = ["AUMC-UVA", "AUMC-VU", "EMC", "LUMC", "MUMC", "RUMC", "UMCG", "UMCU"]


def r2(x: Decimal) -> Decimal:
    return x.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def pct(part, whole, places: str = "1") -> Decimal:
    part, whole = (Decimal(int(x)) if not isinstance(x, Decimal) else x for x in (part, whole))
    return (part * 100 / whole).quantize(Decimal(places), rounding=ROUND_HALF_UP)


@cache
def read(rel: str) -> pd.DataFrame:
    return pd.read_csv(DATA / rel, dtype=str, keep_default_na=False)


@cache
def personeel(year: int) -> pd.DataFrame:
    df = read(f"{year}/personeel.csv").copy()
    df["fte"] = df["fte"].map(Decimal)
    return df


def money(year: int) -> pd.DataFrame:
    df = read(f"{year}/financien.csv").copy()
    for col in ["ontvangen", *CATS]:
        df[col] = df[col].map(lambda v: Decimal(v) if v else Decimal(0))
    return df.set_index("umc")


def fte_sum(df: pd.DataFrame) -> Decimal:
    return sum(df["fte"], Decimal(0))


def excl_inloop(df: pd.DataFrame) -> pd.DataFrame:
    return df[df.contractvorm != "inloop"]


# ------------------------------------------------------------------------- reference


def test_reference_files():
    umcs = read("referentie/umcs.csv")
    assert list(umcs.code) == CODES
    assert list(umcs.naam) == ["Amsterdam UMC UvA", "Amsterdam UMC VU", "Erasmus MC", "LUMC",
                               "Maastricht UMC+", "Radboudumc", "UMCG", "UMC Utrecht"]
    assert list(umcs.volgorde) == [str(i) for i in range(1, 9)]
    begroting = read("referentie/begroting.csv").set_index("umc").begroot_fte.map(Decimal)
    assert sum(begroting) == Decimal("336.50")
    assert begroting["UMCG"] == Decimal("53.30")

    sub = read("referentie/subthemas.csv")
    assert list(sub.code) == ["innovatiemotor", "onderzoeksmethodologie", "leefstijl", "cohorten",
                              "dataspecialisten", "ai_ehealth", "klinisch", "valorisatie", "geneesmiddelen"]
    assert sub.groupby("thema").size().to_dict() == {
        "preventie": 3, "datagedreven_innovatie": 3, "fundament_toepassing": 3}
    assert set(sub.thema_naam) == {"Preventie", "Datagedreven innovatie", "Van fundament tot toepassing"}

    fc = read("referentie/functiecategorieen.csv").set_index("code")
    assert set(fc.index) >= {"hoogleraar", "uhd", "ud", "docent", "onderzoeker", "dataspecialist",
                             "analist", "onderzoeksverpleegkundige", "valorisatie", "overig_ondersteunend"}
    assert fc.loc["ud", "groep"] == "wetenschappelijk"
    assert fc.loc["dataspecialist", "groep"] == "ondersteunend"

    tm = read("referentie/themamatrix.csv")
    assert len(tm) == 34  # dots in seed Bijlage I
    assert set(tm.inzet) == {"hoofd", "beperkt"}
    assert (tm.inzet == "hoofd").sum() > (tm.inzet == "beperkt").sum()
    assert set(tm[tm.umc == "AUMC-VU"].subthema) == {"innovatiemotor", "cohorten", "valorisatie"}
    assert len(tm[tm.umc == "UMCG"]) == 7

    kpis = read("referentie/kpis.csv")
    assert list(kpis.code) == ["continuiteit_personeel", "werkdruk", "interdisciplinariteit",
                               "diversiteit", *[str(i) for i in range(5, 21)]]
    sectie = dict(zip(kpis.code, kpis.sectie))
    assert sectie["werkdruk"] == "rust_en_ruimte" and sectie["14"] == "dataspecialisten"
    assert sectie["10"] == "leefstijl" and sectie["20"] == "geneesmiddelen"
    assert all(kpis.omschrijving.str.len() > 20)

    ind = read("referentie/indicatoren.csv").set_index("code")
    assert ind.loc["structurele_realisatie", "norm_waarde"] == "90"
    assert ind.loc["structurele_realisatie", "vanaf_jaar"] == "2026"
    assert ind.loc["extramuraal_aandeel", "aggregatie"] == "gemiddelde"
    assert set(ind.kpi) <= set(kpis.code)

    com = read("referentie/commissie.csv")
    leden = com[com.rol == "lid"]
    assert len(leden) == 9 and len(com[com.rol == "secretariaat"]) == 4
    assert com.set_index("naam").loc["prof. dr. W.J.G. (Witte) Hoogendijk", "van"] == "2025-03-01"
    assert com.set_index("naam").loc["prof. dr. R.J.G. (Ron) Peters", "tot"] == "2024-03-01"
    assert com.set_index("naam").loc["prof. dr. J.A. (André) Knottnerus", "functie"] == "voorzitter"
    with open(DATA / "referentie/sectorplan.toml", "rb") as fh:
        sp = tomllib.load(fh)
    assert sp["budget_per_jaar"] == 40_000_000 and sp["basisjaar"] == 2023


# ------------------------------------------------------------------- seed Tabel 1


TABEL1 = {
    "AUMC-UVA": ("2103645", "11311214", "2682972", ""),
    "AUMC-VU": ("3894500", "8310681", "2441036", ""),
    "EMC": ("1652608", "16220364", "1365000", ""),
    "LUMC": ("2434971", "10587300", "1353519", "131580"),
    "MUMC": ("154720", "10843986", "2199741", ""),
    "RUMC": ("1414640", "6751905", "1633309", "43667"),
    "UMCG": ("2239695", "9380254", "2282420", "43196"),
    "UMCU": ("2912113", "7955107", "1583415", ""),
}


def cumulative(upto: int = 2025) -> pd.DataFrame:
    frames = [money(y) for y in range(2022, upto + 1)]
    total = frames[0]
    for f in frames[1:]:
        total = total + f
    return total


def test_tabel1_cells_cumulative_2022_2025():
    cum = cumulative()
    for umc, cells in TABEL1.items():
        for cat, cell in zip(CATS, cells):
            assert cum.loc[umc, cat] == Decimal(cell or 0), (umc, cat)
    column_totals = {cat: sum(cum[cat]) for cat in CATS}
    # The seed prints 81.360.812 and 15.541.411 under its (EUR 1 inconsistent) cells; the
    # computed column totals are the sums of the published cells and meet in the grand total.
    assert column_totals == {"tijdelijke_posities": 16806892, "vaste_posities": 81360811,
                             "indirecte_kosten": 15541412, "materieel": 218443}
    assert sum(column_totals.values()) == 113_927_558


def test_received_spent_underspending_2025():
    cum = cumulative()
    received = sum(cum.ontvangen)
    spent = sum(sum(cum[c]) for c in CATS)
    assert received == 142_138_216
    assert spent == 113_927_558
    assert received - spent == 28_210_658
    assert pct(spent, received, "1") == 80
    # 2025 alone: spending rose to about 92% of that year's receipts
    y = money(2025)
    assert pct(sum(sum(y[c]) for c in CATS), sum(y.ontvangen), "1") == 92
    # structural EUR 40 mln a year, 2022 a partial start year
    for year in range(2023, 2029):
        assert sum(money(year).ontvangen) == 40_000_000
    assert sum(money(2022).ontvangen) < 40_000_000


def test_per_umc_row_totals_are_category_sums():
    # The seed prints 19.237.971 / 13.198.448 / 12.450.634 (EUR 1 off its own category cells);
    # the data reproduces the categories, so the computed totals differ by EUR 1 there.
    cum = cumulative()
    totals = {u: sum(cum.loc[u, c] for c in CATS) for u in CODES}
    assert totals["AUMC-UVA"] == 16_097_831
    assert totals["EMC"] == 19_237_972
    assert totals["MUMC"] == 13_198_447
    assert totals["UMCU"] == 12_450_635


# --------------------------------------------------------- Tabel 2 / Bijlage V (fte)


TABEL2 = {  # inloop, tijdelijk, toegezegd_vast, vast, begroot, realisatie %
    "AUMC-UVA": ("8.97", "0.60", "2.80", "37.83", "44.70", 91),
    "AUMC-VU": ("5.70", "0.00", "6.01", "33.72", "32.60", 122),
    "EMC": ("4.39", "5.09", "0.00", "46.98", "50.40", 93),
    "LUMC": ("0.00", "5.20", "0.00", "30.00", "32.30", 93),
    "MUMC": ("1.70", "1.30", "0.80", "33.83", "38.50", 90),
    "RUMC": ("13.84", "5.70", "1.44", "30.66", "38.30", 84),
    "UMCG": ("4.10", "7.41", "4.65", "31.18", "53.30", 67),
    "UMCU": ("0.62", "6.55", "1.43", "31.76", "46.40", 72),
}
CV_ORDER = ["inloop", "tijdelijk", "toegezegd_vast", "vast"]


def fte_by(df: pd.DataFrame, *keys: str) -> dict:
    return {k: sum(g.fte, Decimal(0)) for k, g in df.groupby(list(keys) if len(keys) > 1 else keys[0])}


def test_tabel2_cells_and_realisation_per_umc():
    p = personeel(2025)
    cell = fte_by(p, "umc", "contractvorm")
    begroot = read("referentie/begroting.csv").set_index("umc").begroot_fte.map(Decimal)
    for umc, (*published, beg, real_pct) in TABEL2.items():
        for cv, value in zip(CV_ORDER, published[:4]):
            assert r2(cell.get((umc, cv), Decimal(0))) == Decimal(value), (umc, cv)
        assert begroot[umc] == Decimal(beg)
        structural = cell.get((umc, "vast"), 0) + cell.get((umc, "toegezegd_vast"), 0)
        assert pct(structural, begroot[umc], "1") == real_pct, umc


def test_tabel2_totals_structural_and_realised():
    p = personeel(2025)
    by_cv = fte_by(p, "contractvorm")
    assert r2(by_cv["inloop"]) == Decimal("39.32")
    assert r2(by_cv["tijdelijk"]) == Decimal("31.85")
    assert r2(by_cv["toegezegd_vast"]) == Decimal("17.13")
    assert r2(by_cv["vast"]) == Decimal("275.96")
    structural = by_cv["vast"] + by_cv["toegezegd_vast"]
    realised = structural + by_cv["tijdelijk"]
    assert r2(structural) == Decimal("293.09")
    assert r2(realised) == Decimal("324.95")  # the rounded cells would give 324,94
    assert pct(structural, Decimal("336.50"), "1") == 87
    assert pct(realised, Decimal("336.50"), "1") == 97


# ----------------------------------------------------------- Tabel 3 (headcounts)


TABEL3 = {  # inloop, tijdelijk, toegezegd_vast, vast
    "AUMC-UVA": (14, 1, 5, 58), "AUMC-VU": (10, 0, 7, 54), "EMC": (12, 11, 0, 74),
    "LUMC": (0, 9, 0, 50), "MUMC": (3, 2, 1, 87), "RUMC": (29, 8, 2, 49),
    "UMCG": (9, 14, 7, 56), "UMCU": (5, 16, 3, 68),
}


def test_tabel3_headcounts():
    counts = personeel(2025).groupby(["umc", "contractvorm"]).size().to_dict()
    for umc, published in TABEL3.items():
        for cv, n in zip(CV_ORDER, published):
            assert counts.get((umc, cv), 0) == n, (umc, cv)
    totals = personeel(2025).groupby("contractvorm").size().to_dict()
    assert totals == {"inloop": 82, "tijdelijk": 61, "toegezegd_vast": 25, "vast": 496}


# ------------------------------------------------------- Tabel 4 / Bijlage VI (gender)


TABEL4 = {  # vast v, tijdelijk v, vast m, tijdelijk m  (tijdelijk = tijdelijk + toegezegd_vast)
    "AUMC-UVA": (41, 1, 17, 5), "AUMC-VU": (40, 6, 14, 1), "EMC": (44, 7, 29, 4),
    "LUMC": (35, 4, 15, 5), "MUMC": (57, 2, 30, 1), "RUMC": (26, 6, 23, 4),
    "UMCG": (37, 13, 19, 8), "UMCU": (44, 14, 24, 5),
}


def test_tabel4_gender_counts():
    p = excl_inloop(personeel(2025)).copy()
    p["groep"] = p.contractvorm.map(lambda cv: "vast" if cv == "vast" else "tijdelijk")
    counts = p.groupby(["umc", "groep", "geslacht"]).size().to_dict()
    for umc, (vv, tv, vm, tm) in TABEL4.items():
        assert counts.get((umc, "vast", "v"), 0) == vv, umc
        assert counts.get((umc, "tijdelijk", "v"), 0) == tv, umc
        assert counts.get((umc, "vast", "m"), 0) == vm, umc
        assert counts.get((umc, "tijdelijk", "m"), 0) == tm, umc
    outside = p[~p.geslacht.isin(["v", "m"])]
    assert len(outside) == 1
    assert outside.iloc[0].umc == "EMC" and outside.iloc[0].contractvorm == "vast"
    assert outside.iloc[0].geslacht in ("x", "onbekend")


def test_diversity_figures():
    p = excl_inloop(personeel(2025))
    assert len(p) == 582
    assert p.geslacht.isin(["v", "m"]).sum() == 581
    women = (p.geslacht == "v").sum()
    assert women == 377 and pct(women, len(p), "0.1") == Decimal("64.8")
    vast = p[p.contractvorm == "vast"]
    assert len(vast) == 496
    assert (vast.geslacht == "v").sum() == 324
    assert pct(324, len(vast), "0.1") == Decimal("65.3")
    assert p.contractvorm.isin(["vast", "toegezegd_vast"]).sum() == 521


def test_women_majority_in_every_scientific_group_among_permanent_staff():
    fc = read("referentie/functiecategorieen.csv")
    scientific = set(fc[fc.groep == "wetenschappelijk"].code)
    vast = personeel(2025)[personeel(2025).contractvorm == "vast"]
    for f, g in vast[vast.functiecategorie.isin(scientific)].groupby("functiecategorie"):
        assert fte_sum(g[g.geslacht == "v"]) * 2 > fte_sum(g), f


# ------------------------------------------------------------- UD, data specialists


def stand(function: str) -> dict[str, tuple[int, Decimal]]:
    p = excl_inloop(personeel(2025))
    p = p[p.functiecategorie == function]
    return {cv: (len(g), fte_sum(g)) for cv, g in p.groupby("contractvorm")}


def test_ud_positions():
    s = stand("ud")
    assert (s["vast"][0], r2(s["vast"][1])) == (140, Decimal("77.81"))
    assert (s["toegezegd_vast"][0], r2(s["toegezegd_vast"][1])) == (5, Decimal("2.51"))
    assert (s["tijdelijk"][0], r2(s["tijdelijk"][1])) == (10, Decimal("4.64"))


def test_data_specialists():
    s = stand("dataspecialist")
    persons = sum(n for n, _ in s.values())
    fte = sum((f for _, f in s.values()), Decimal(0))
    assert persons == 67 and r2(fte) == Decimal("41.00")
    assert (s["vast"][0], r2(s["vast"][1])) == (52, Decimal("35.40"))
    assert pct(52, persons, "1") == 78
    assert (s["toegezegd_vast"][0], r2(s["toegezegd_vast"][1])) == (5, Decimal("4.10"))
    assert s["tijdelijk"][0] == persons - 52 - 5


def test_function_mix_matches_seed_figures_4_and_5():
    p = excl_inloop(personeel(2025))
    fc = read("referentie/functiecategorieen.csv").set_index("code").groep
    per_f = fte_by(p, "functiecategorie")
    sci = {f: v for f, v in per_f.items() if fc[f] == "wetenschappelijk"}
    sup = {f: v for f, v in per_f.items() if fc[f] == "ondersteunend"}
    assert max(sci, key=sci.get) == "ud"
    assert max(sup, key=sup.get) == "dataspecialist"


# ------------------------------------------------------------- every year, format


def test_personnel_rows_are_well_formed():
    fc = set(read("referentie/functiecategorieen.csv").code)
    tm = read("referentie/themamatrix.csv")
    invests = set(zip(tm.umc, tm.subthema))
    for year in YEARS:
        p = personeel(year)
        assert list(p.columns) == ["id", "umc", "functiecategorie", "contractvorm", "fte", "geslacht", "subthema"]
        assert not p.duplicated(["umc", "id"]).any()
        assert set(p.umc) <= set(CODES)
        assert set(p.functiecategorie) <= fc
        assert set(p.contractvorm) <= {"vast", "toegezegd_vast", "tijdelijk", "inloop"}
        assert set(p.geslacht) <= {"v", "m", "x", "onbekend"}
        assert all(Decimal(0) < f <= 1 for f in p.fte)
        assert all(-f.as_tuple().exponent <= 4 for f in p.fte)
        with_sub = p[p.subthema != ""]
        assert all((u, s) in invests for u, s in zip(with_sub.umc, with_sub.subthema)), year
        assert 0.75 < len(with_sub) / len(p) < 1  # filled for most, empty for some


def test_files_are_plain_comma_csv_utf8_lf():
    for path in DATA.rglob("*.csv"):
        if path.name == "kpi_oordeel.csv" or "teksten" in path.parts:
            continue  # written by hand, not by the generator
        raw = path.read_bytes()
        assert b"\r" not in raw, path
        assert not raw.startswith(b"\xef\xbb\xbf"), path
        header = raw.decode("utf-8").split("\n", 1)[0]
        assert "," in header and ";" not in header, path


def test_synthetic_years_tell_the_story():
    def structural_pct(year: int) -> Decimal:
        p = personeel(year)
        return pct(fte_sum(p[p.contractvorm.isin(["vast", "toegezegd_vast"])]), Decimal("336.50"))

    def ds_fte(year: int) -> Decimal:
        p = excl_inloop(personeel(year))
        return fte_sum(p[p.functiecategorie == "dataspecialist"])

    def inloop(year: int) -> Decimal:
        p = personeel(year)
        return fte_sum(p[p.contractvorm == "inloop"])

    def women_vast(year: int) -> Decimal:
        vast = personeel(year)[personeel(year).contractvorm == "vast"]
        return pct((vast.geslacht == "v").sum(), len(vast))

    assert structural_pct(2022) < structural_pct(2023) < structural_pct(2024) < structural_pct(2025)
    assert structural_pct(2025) < structural_pct(2026) < structural_pct(2027) < structural_pct(2028)
    assert structural_pct(2028) > 93
    assert ds_fte(2028) > ds_fte(2023) * Decimal("1.2")
    assert inloop(2025) > inloop(2026) > inloop(2027) > inloop(2028)
    assert women_vast(2028) > women_vast(2025)
    for year in (2026, 2027, 2028):
        m = money(year)
        assert sum(sum(m[c]) for c in CATS) > sum(m.ontvangen), year


def test_kpi_values_only_from_investing_umcs():
    tm = read("referentie/themamatrix.csv")
    carrier = {"extramuraal_aandeel": "innovatiemotor", "experts": "onderzoeksmethodologie",
               "projecten_data": "leefstijl", "projecten_leefstijl": "leefstijl"}
    for year in range(2023, 2029):
        kv = read(f"{year}/kpi_waarden.csv")
        for ind, g in kv.groupby("indicator"):
            assert set(g.umc) == set(tm[tm.subthema == carrier[ind]].umc), (year, ind)
    base = read("2023/kpi_waarden.csv")
    extra = base[base.indicator == "extramuraal_aandeel"].waarde.map(Decimal)
    assert all(Decimal(8) <= v <= Decimal(12) for v in extra)
    last = read("2028/kpi_waarden.csv")
    assert sum(last[last.indicator == "experts"].waarde.map(int)) > sum(
        base[base.indicator == "experts"].waarde.map(int))


def test_workload_monitor_story():
    for year in YEARS:
        assert (DATA / f"{year}/werkdrukmonitor.csv").exists() == (year in (2025, 2027, 2028))

    def means(year: int) -> pd.DataFrame:
        df = read(f"{year}/werkdrukmonitor.csv").copy()
        for col in ("baanzekerheid", "werkdruk"):
            df[col] = df[col].astype(float)
            assert df[col].between(1, 10).all()
        return df.groupby("moment")[["baanzekerheid", "werkdruk"]].agg(["mean", "std"])

    m = means(2025)
    assert m.loc["voor", ("werkdruk", "mean")] > 7 and m.loc["nu", ("werkdruk", "mean")] > 7
    assert m.loc["nu", ("baanzekerheid", "mean")] > m.loc["voor", ("baanzekerheid", "mean")] + 2
    assert m.loc["voor", ("baanzekerheid", "std")] > 2 * m.loc["nu", ("baanzekerheid", "std")]
    assert m.loc["ideaal", ("werkdruk", "mean")] < 6
    assert means(2028).loc["nu", ("werkdruk", "mean")] < means(2027).loc["nu", ("werkdruk", "mean")] \
        < m.loc["nu", ("werkdruk", "mean")]
    sizes = read("2025/werkdrukmonitor.csv").groupby("umc").deelnemer.nunique()
    assert set(sizes.index) == set(CODES) and sizes.between(6, 10).all()


def test_report_settings():
    def load(year: int) -> dict:
        with open(DATA / f"{year}/rapport.toml", "rb") as fh:
            return tomllib.load(fh)

    r25, r28 = load(2025), load(2028)
    assert r25["soort"] == "tussentijdse_evaluatie"
    assert str(r25["publicatiedatum"]) == "2026-06-01"
    assert r25["brief"]["aanhef"] == "Geachte mevrouw Letschert,"
    assert r25["brief"]["contactpersoon"] == "dr. Oliver Stockhammer"
    assert r28["soort"] == "eindevaluatie" and str(r28["publicatiedatum"]) == "2029-06-01"
    assert str(r28["brief"]["datum"]) == "2029-06-01" and "eindevaluatie" in r28["brief"]["onderwerp"]
    for year in (2022, 2023, 2024, 2026, 2027):
        r = load(year)
        assert r["soort"] == "voortgangsrapportage"
        assert str(r["publicatiedatum"]) == f"{year + 1}-06-01"


# ------------------------------------------------------------------- determinism


def test_generator_reproduces_data_byte_for_byte(tmp_path):
    spec = importlib.util.spec_from_file_location("generate_example_data",
                                                  ROOT / "scripts" / "generate_example_data.py")
    gen = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(gen)
    written = gen.generate(tmp_path)
    assert len(written) > 30
    for path in written:
        rel = path.relative_to(tmp_path)
        assert (DATA / rel).read_bytes() == path.read_bytes(), rel

"""The rules of one year's tables (financien, personeel, kpi_waarden, kpi_oordeel,
werkdrukmonitor) and the rules that span the years (money against people), for
reportgen/validation.py. Vectorised with pandas: masks, `isin`, `groupby`; Python loops
run over institutions and over the rows with a problem, never over all persons.

Plausibility: an amount above ten times the plan's yearly budget (`budget_per_jaar` in
sectorplan.toml) and an institution's staff above ten times its budgeted fte are warnings
naming the value: legal, but almost certainly a unit or typing mistake. Numbers that
cannot be right at all (10^30, fractions of a cent) are refused when the file is read
(reportgen/frames.py).
"""

from __future__ import annotations

import math
from collections import defaultdict
from decimal import Decimal
from typing import Any

import numpy as np
import pandas as pd

from .dataset import YearData
from .formatting import fmt_euro
from .schemas import AMOUNT_COLUMNS
from .tablechecks import (Collector, check_every_umc, check_ref, check_unique, check_vocab,
                          codes, compare, decimals, known_text, one_of, rows)
from .vocab import (CONTRACTVORM, GESLACHT, MOMENT, STATUS)

SPENT_COLUMNS = AMOUNT_COLUMNS[1:]
FTE_MAX_DECIMALS = 4
FTE_SCALE = 10 ** FTE_MAX_DECIMALS
SCORE_MIN, SCORE_MAX = Decimal(1), Decimal(10)
#: An amount (a staff total) above this many times the budget is a warning.
PLAUSIBLE_FACTOR = 10


def _ordered(c: Collector, keyed: list[tuple[int, int, tuple]]) -> None:
    """Add problems keyed by (row position, position in the row) in that order."""
    for _, _, args in sorted(keyed, key=lambda k: (k[0], k[1])):
        kind, *rest = args
        (c.add if kind == "error" else c.warn)(*rest)


def yearly_budget(c: Collector) -> Decimal | None:
    """`budget_per_jaar` of sectorplan.toml when it is a usable positive number."""
    value = (c.dataset.referentie.sectorplan or {}).get("budget_per_jaar")
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    if isinstance(value, float) and not math.isfinite(value):
        return None
    budget = Decimal(str(value))
    return budget if 0 < budget < Decimal(10) ** 12 else None


# ------------------------------------------------------------------------------ financien


def validate_financien(c: Collector, year: YearData, umcs: list[str]) -> None:
    f = c.file(f"{year.jaar}/financien")
    f_umcs = c.file("referentie/umcs")
    frame = year.financien
    check_ref(c, frame, f, "umc", umcs, f_umcs)
    check_unique(c, frame, f, ("umc",), "één regel per instelling")
    check_every_umc(c, frame, f, umcs, "verwacht: een regel voor instelling '{}' (elk jaar "
                    f"één regel per instelling uit {f_umcs}); ontbreekt voor {year.jaar}")
    if frame is None or not len(frame):
        return
    budget = yearly_budget(c)
    lines = frame["_line"].tolist()
    keyed: list[tuple[int, int, tuple]] = []
    zero = np.ones(len(frame), dtype=bool)
    for order, col in enumerate(AMOUNT_COLUMNS):
        amounts = decimals(frame, col)
        zero &= compare(amounts, "<=", 0) & compare(amounts, ">=", 0)
        for pos in np.flatnonzero(compare(amounts, "<", 0)):
            keyed.append((pos, order, ("error", f, "verwacht: een bedrag van 0 of meer (in "
                                       "euro)", lines[pos], col, amounts.iat[pos])))
        if budget is not None:
            for pos in np.flatnonzero(compare(amounts, ">", budget * PLAUSIBLE_FACTOR)):
                keyed.append((pos, order, (
                    "warning", f, f"onwaarschijnlijk groot bedrag: meer dan tien keer het "
                                  f"budget per jaar van het hele sectorplan ({fmt_euro(budget)},"
                                  f" referentie/sectorplan.toml); klopt het bedrag (in euro)?",
                    lines[pos], col, amounts.iat[pos])))
    for pos in np.flatnonzero(zero):
        keyed.append((pos, len(AMOUNT_COLUMNS), (
            "warning", f, f"alle bedragen van {frame['umc'].iat[pos]} in {year.jaar} zijn 0; "
                          "klopt dat?", lines[pos], "ontvangen", frame["ontvangen"].iat[pos])))
    _ordered(c, keyed)


# ------------------------------------------------------------------------------ personeel


def fte_units(values: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """Per Decimal value (None: not ok): whether it is a valid fte (greater than 0, at most
    1, at most four decimals) and its exact number of 1/10000 fte. The rounding to units
    happens in floating point (numpy); whether it was exact is checked on the Decimals
    (value x 10000 == units), so nothing is rounded silently."""
    ok = values.notna().to_numpy()
    units = np.zeros(len(values), dtype="int64")
    if not ok.any():
        return ok, units
    exact = values[ok]
    approx = np.rint(exact.astype(float).to_numpy() * FTE_SCALE)
    approx = np.clip(approx, -1, FTE_SCALE + 1).astype("int64")  # outside (0, 1]: refused
    equal = (exact * FTE_SCALE == pd.Series(approx, index=exact.index, dtype=object))
    at = np.flatnonzero(ok)
    ok[at] = equal.to_numpy(dtype=bool) & (approx > 0) & (approx <= FTE_SCALE)
    units[at] = approx
    return ok, units


def validate_personeel(c: Collector, year: YearData, umcs: list[str]) -> None:
    ref = c.dataset.referentie
    f = c.file(f"{year.jaar}/personeel")
    f_umcs = c.file("referentie/umcs")
    frame = year.personeel
    check_ref(c, frame, f, "umc", umcs, f_umcs)
    check_ref(c, frame, f, "functiecategorie", codes(ref.functiecategorieen),
              c.file("referentie/functiecategorieen"))
    check_vocab(c, frame, f, "contractvorm", CONTRACTVORM.codes)
    check_vocab(c, frame, f, "geslacht", GESLACHT.codes)
    check_ref(c, frame, f, "subthema", codes(ref.subthemas), c.file("referentie/subthemas"))
    fte = decimals(frame, "fte")
    good, units = fte_units(fte)
    bad = fte.notna().to_numpy() & ~good
    for line, value in zip(frame["_line"][bad].tolist(), fte[bad].tolist()):
        c.add(f, f"verwacht: fte groter dan 0 en hoogstens 1, met hoogstens "
                 f"{FTE_MAX_DECIMALS} decimalen (bijv. 0,8 of 0,3125)", line, "fte", value)
    check_unique(c, frame, f, ("umc", "id"), "per umc elke id (hier id '{1}' van {0})")
    check_every_umc(c, frame, f, umcs, "verwacht: personeel van instelling '{}' in "
                    f"{year.jaar}; er staat geen enkele regel voor deze instelling in het "
                    "bestand")
    # Empty subthema is legal (contract); only the report year's figures per subtheme
    # are printed, so only that year is worth a warning: one per institution (at its first
    # line), so that `reportgen status` can tell whose rows they are.
    if frame is not None and len(frame) and year.jaar == c.dataset.jaar:
        none = frame["subthema"].isna() if "subthema" in frame else \
            pd.Series(True, index=frame.index)
        missing = frame.loc[none.to_numpy(), ["umc", "_line"]]
        for umc, group in missing.groupby("umc", sort=False, dropna=False):
            no_sub = group["_line"].tolist()
            lines = ", ".join(str(n) for n in no_sub[:10]) + (", ..." if len(no_sub) > 10
                                                               else "")
            who = "1 persoon" if len(no_sub) == 1 else f"{len(no_sub)} personen"
            van = f" van {umc}" if isinstance(umc, str) and umc else ""
            c.warn(f, f"{who}{van} zonder subthema (regel {lines}); deze tellen niet mee in "
                      f"de cijfers per subthema", no_sub[0], "subthema", "")
    _staff_above_budget(c, year, frame, units, good, f)


def _staff_above_budget(c: Collector, year: YearData, frame: pd.DataFrame | None,
                        units: np.ndarray, good: np.ndarray, f: str) -> None:
    """A warning for an institution whose staff is far above its budgeted fte."""
    if frame is None or not good.any() or "umc" not in frame:
        return
    begroot = {row["umc"]: row.get("begroot_fte") for row in rows(c.dataset.referentie.begroting)
               if isinstance(row.get("begroot_fte"), Decimal) and row["begroot_fte"] > 0}
    umc = frame["umc"][good]
    totals = pd.Series(units[good], index=umc.index).groupby(umc, sort=False).sum()
    first = frame["_line"][good].groupby(umc, sort=False).first()
    for code, total in totals.items():
        budget = begroot.get(code)
        amount = Decimal(int(total)) / FTE_SCALE
        if budget is not None and amount > budget * PLAUSIBLE_FACTOR:
            c.warn(f, f"{code} heeft in {year.jaar} samen {amount} fte aan personeel, meer "
                      f"dan tien keer het begrote aantal ({budget} fte in "
                      f"{c.file('referentie/begroting')}); klopt dat?", int(first[code]),
                   "fte", amount)


# ------------------------------------------------------------------------------ across years


def _sums(frame: pd.DataFrame | None, columns: tuple[str, ...]) -> dict[str, tuple[Decimal, int]]:
    """umc -> (sum of the columns, line of the row) (financien: a row per institution)."""
    out: dict[str, tuple[Decimal, int]] = {}
    for row in rows(frame):
        umc = row.get("umc")
        if umc is None or umc in out:
            continue
        total = sum((v for col in columns if isinstance(v := row.get(col), Decimal)),
                    Decimal(0))
        out[umc] = (total, row["_line"])
    return out


def _inloop_text(n: int) -> str:
    return "1 inloopmedewerker" if n == 1 else f"{n} inloopmedewerkers"


def _staff_by_umc(frame: pd.DataFrame | None) -> tuple[dict, dict, dict, dict]:
    """Per institution: line of its first person, number of structural positions, line of
    its first inloop person and the number of inloop persons."""
    if frame is None or not len(frame) or "umc" not in frame:
        return {}, {}, {}, {}
    known = frame["umc"].notna().to_numpy()
    people = frame[known]
    cv = people["contractvorm"] if "contractvorm" in people else \
        pd.Series(None, index=people.index, dtype=object)
    inloop = cv.eq("inloop").to_numpy()
    structural = cv.notna().to_numpy() & ~inloop
    by = people["umc"]
    first = people["_line"].groupby(by, sort=False).first().to_dict()
    n_struct = pd.Series(structural, index=people.index).groupby(by, sort=False).sum().to_dict()
    in_rows = people[inloop]
    in_first = in_rows["_line"].groupby(in_rows["umc"], sort=False).first().to_dict()
    in_n = in_rows.groupby("umc", sort=False).size().to_dict()
    return first, n_struct, in_first, in_n


def validate_cross_year(c: Collector, umcs: list[str]) -> None:
    """Money against people over the years: spending, underspending and inloop."""
    ds = c.dataset
    begroot = {row["umc"]: row.get("begroot_fte") if isinstance(row.get("begroot_fte"),
                                                                Decimal) else Decimal(0)
               for row in rows(ds.referentie.begroting) if row.get("umc") is not None}
    cum_received: dict[str, Decimal] = defaultdict(Decimal)
    cum_spent: dict[str, Decimal] = defaultdict(Decimal)
    for jaar in sorted(ds.jaren):
        year = ds.jaren[jaar]
        f_pers = c.file(f"{jaar}/personeel")
        received = _sums(year.financien, ("ontvangen",))
        spent = _sums(year.financien, SPENT_COLUMNS)
        for umc, (amount, _) in received.items():
            cum_received[umc] += amount
        for umc, (amount, _) in spent.items():
            cum_spent[umc] += amount
        first, n_struct, in_first, in_n = _staff_by_umc(year.personeel)
        for umc in umcs:
            got = received.get(umc, (Decimal(0), None))[0]
            if umc in first and not n_struct.get(umc) and (
                    begroot.get(umc, Decimal(0)) > 0 or got > 0):
                c.warn(f_pers, f"{umc} heeft een begroting maar in {jaar} alleen "
                               f"inloopposities en geen structurele sectorplanposities",
                       first[umc], "contractvorm", "inloop")
            under = cum_received[umc] - cum_spent[umc]
            if umc in in_first and umc in received and under <= 0:
                c.warn(f_pers, f"{umc} heeft in {jaar} {_inloop_text(in_n[umc])}, maar geen "
                               f"onderbesteding (cumulatief ontvangen min besteed t/m {jaar}: "
                               f"{fmt_euro(under)}); inloop wordt uit onderbesteding betaald",
                       in_first[umc], "contractvorm", "inloop")
    # Spent more than received, cumulatively up to the report year.
    f_fin = c.file(f"{ds.jaar}/financien")
    lines = _sums(ds.huidig.financien, ("ontvangen",))
    for umc in umcs:
        if umc not in lines:
            continue
        if cum_spent[umc] > cum_received[umc]:
            c.warn(f_fin, f"{umc} heeft t/m {ds.jaar} cumulatief meer besteed "
                          f"({fmt_euro(cum_spent[umc])}) dan ontvangen "
                          f"({fmt_euro(cum_received[umc])})", lines[umc][1], "ontvangen",
                   lines[umc][0])


# ------------------------------------------------------------------------------ project files


def validate_year_project(c: Collector, year: YearData, umcs: list[str]) -> None:
    ref = c.dataset.referentie
    f_umcs = c.file("referentie/umcs")
    f_kpis = c.file("referentie/kpis")
    if year.kpi_waarden is not None:
        _kpi_waarden(c, year, umcs)
    if year.kpi_oordeel is not None:
        f = c.file(f"{year.jaar}/kpi_oordeel")
        frame = year.kpi_oordeel
        if ref.kpis is None:
            for line, value in zip(frame["_line"].tolist(), frame["kpi"].tolist()):
                c.add(f, f"verwacht: een KPI uit {f_kpis}, maar dat bestand ontbreekt",
                      line, "kpi", value)
        else:
            check_ref(c, frame, f, "kpi", codes(ref.kpis), f_kpis)
        check_unique(c, frame, f, ("kpi",), "elke KPI")
        check_vocab(c, frame, f, "status", STATUS.codes)
    if year.werkdrukmonitor is not None:
        f = c.file(f"{year.jaar}/werkdrukmonitor")
        frame = year.werkdrukmonitor
        check_ref(c, frame, f, "umc", umcs, f_umcs)
        check_vocab(c, frame, f, "moment", MOMENT.codes)
        check_unique(c, frame, f, ("deelnemer", "moment"),
                     "elke combinatie van deelnemer en moment")
        keyed: list[tuple[int, int, tuple]] = []
        for order, col in enumerate(("baanzekerheid", "werkdruk")):
            scores = decimals(frame, col)
            wrong = scores.notna().to_numpy() & ~(compare(scores, ">=", SCORE_MIN)
                                                  & compare(scores, "<=", SCORE_MAX))
            for pos in np.flatnonzero(wrong):
                keyed.append((pos, order, ("error", f, "verwacht: een score van 1 tot en met "
                                           "10", int(frame["_line"].iat[pos]), col,
                                           scores.iat[pos])))
        _ordered(c, keyed)


def _kpi_waarden(c: Collector, year: YearData, umcs: list[str]) -> None:
    ref = c.dataset.referentie
    f = c.file(f"{year.jaar}/kpi_waarden")
    f_ind = c.file("referentie/indicatoren")
    frame = year.kpi_waarden
    check_ref(c, frame, f, "umc", umcs, c.file("referentie/umcs"))
    check_unique(c, frame, f, ("umc", "indicator"), "elke combinatie van umc en indicator")
    indicators: dict[Any, dict[str, Any]] = {row["code"]: row for row in rows(ref.indicatoren)
                                             if row.get("code") is not None}
    delivered = sorted(code for code, row in indicators.items()
                       if row.get("bron") == "kpi_waarden")
    code = frame["indicator"]
    has = code.notna().to_numpy()
    lines = frame["_line"].tolist()
    if ref.indicatoren is None:
        for pos in np.flatnonzero(has):
            c.add(f, f"verwacht: een indicator uit {f_ind}, maar dat bestand ontbreekt",
                  lines[pos], "indicator", code.iat[pos])
        return
    bron = code.map({k: v.get("bron") for k, v in indicators.items()})
    eenheid = code.map({k: v.get("eenheid") for k, v in indicators.items()})
    known = has & bron.eq("kpi_waarden").to_numpy()
    waarde = decimals(frame, "waarde")
    value = known & waarde.notna().to_numpy()
    pct, score = eenheid.eq("pct").to_numpy(), eenheid.eq("score").to_numpy()
    bad_pct = value & pct & ~(compare(waarde, ">=", 0) & compare(waarde, "<=", 100))
    bad_score = value & score & ~(compare(waarde, ">=", SCORE_MIN)
                                  & compare(waarde, "<=", SCORE_MAX))
    negative = value & ~pct & ~score & compare(waarde, "<", 0)
    unknown = has & ~known
    for pos in np.flatnonzero(unknown | bad_pct | bad_score | negative):
        if unknown[pos]:
            c.add(f, f"verwacht: een indicator uit {f_ind} met bron 'kpi_waarden' "
                     f"({known_text(delivered)})", lines[pos], "indicator", code.iat[pos])
        elif bad_pct[pos]:
            c.add(f, "verwacht: een percentage van 0 tot en met 100", lines[pos], "waarde",
                  waarde.iat[pos])
        elif bad_score[pos]:
            c.add(f, "verwacht: een score van 1 tot en met 10", lines[pos], "waarde",
                  waarde.iat[pos])
        else:
            c.add(f, "verwacht: een waarde van 0 of meer", lines[pos], "waarde",
                  waarde.iat[pos])


def validate_year_tables(c: Collector, year: YearData, umcs: list[str]) -> None:
    validate_financien(c, year, umcs)
    validate_personeel(c, year, umcs)
    validate_year_project(c, year, umcs)


__all__ = ["validate_year_tables", "validate_cross_year", "SPENT_COLUMNS", "FTE_MAX_DECIMALS",
           "SCORE_MIN", "SCORE_MAX", "one_of"]

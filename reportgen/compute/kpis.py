"""The 20 KPIs of the sector plan: their measures (indicatoren.csv), statuses and the
conclusions table that closes chapter 6.

Measures come from three sources (`bron`):
- `personeel`: computed from that year's personeel.csv as reportgen/measures.py defines;
- `werkdrukmonitor`: mean score at `nu` of the latest measurement up to the report year;
  the baseline is the mean at `voor` of the first measurement;
- `kpi_waarden`: delivered per institution, aggregated by `aggregatie` (`som` or
  `gemiddelde`) over the institutions that reported.

Status rules are those of docs/data-design.md. Missing pieces (no kpis.csv, no values) give
"geen gegevens"; whether that is an error is decided by validation (completeness.py). Two
choices made here:
- values are compared at the precision the report prints them (whole percentages, fte to
  2 decimals, scores and averages to 1), so a reader never sees "87% (2023: 87%)"
  labelled as an improvement;
- `informatief` measures never claim a status of their own (they show "geen gegevens")
  and are left out when a KPI's status is the worst of its measures. In the baseline year
  itself (or before it) a baseline norm cannot be judged yet: "geen gegevens".
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from ..model import IndicatorResultaat, KpiResultaat
from ..numbers import printed
from ..measures import PersoneelMaat, measure_of
from ..vocab import GEEN_GEGEVENS as GEEN, INFORMATIEF, NORM, STATUS, STATUS_RANG
from .common import (ZERO, Context, Staff, dec, dec_or_none, int_or_none, is_missing, pct,
                     records, text)
from .figures import monitor_gemiddelden, monitor_jaren
from .staffing import begroting


# ---------------------------------------------------------------- measures from personeel


def personeel_value(staff: Staff, maat: PersoneelMaat, umc: str | None,
                    begroot: Decimal) -> Decimal | None:
    """A personnel measure (reportgen/measures.py) for one institution or (umc None) all."""

    def count(m: PersoneelMaat) -> Decimal:
        filters = {"umc": umc, "cv": m.contractvorm, "functie": m.functiecategorie,
                   "geslacht": m.geslacht}
        return (staff.fte(**filters) if m.maat == "fte"
                else Decimal(staff.count(**filters)))

    value = count(maat)
    if maat.aandeel_van == "begroting":
        return pct(value, begroot)
    noemer = maat.noemer()
    return pct(value, count(noemer)) if noemer is not None else value


# ---------------------------------------------------------------- statuses


def measure_status(norm: str, eenheid: str, waarde: Decimal | None, basis: Decimal | None,
                   norm_waarde: Decimal | None, vanaf: int | None, jaar: int,
                   basisjaar: int, eindjaar: int) -> str:
    if waarde is None or norm not in NORM or norm == INFORMATIEF:
        return GEEN
    w = printed(waarde, eenheid)
    if norm == "minimaal":
        if norm_waarde is None:
            return GEEN
        ok = w >= norm_waarde
        if vanaf is None or jaar >= vanaf:
            return "behaald" if ok else "aandachtspunt"
        return "op koers" if ok else "aandachtspunt"
    if basis is None or jaar <= basisjaar:
        return GEEN
    b = printed(basis, eenheid)
    ok = w > b if norm == "hoger_dan_basis" else w < b
    if jaar >= eindjaar:
        return "behaald" if ok else "aandachtspunt"
    return "op koers" if ok else "aandachtspunt"


def worst(statuses: list[str]) -> str:
    return min(statuses, key=lambda s: STATUS_RANG[s]) if statuses else GEEN


# ---------------------------------------------------------------- the computation


class _Values:
    """Measure values per source, for any year."""

    def __init__(self, ctx: Context):
        self.ctx = ctx
        self.begroot = begroting(ctx)
        self.monitor = monitor_jaren(ctx)

    def personeel(self, maat: PersoneelMaat, jaar: int
                  ) -> tuple[Decimal | None, dict[str, Any]]:
        staff = self.ctx.staff(jaar)
        if staff is None:
            return None, {}
        total = personeel_value(staff, maat, None, sum(self.begroot.values(), ZERO))
        per = {i.code: personeel_value(staff, maat, i.code, self.begroot[i.code])
               for i in self.ctx.instellingen}
        return total, per

    def werkdruk(self, score: str) -> tuple[Decimal | None, Decimal | None, dict[str, Any]]:
        if not self.monitor:
            return None, None, {}
        last, first = self.monitor[-1], self.monitor[0]
        waarde = monitor_gemiddelden(self.ctx, last).get("nu", {}).get(score)
        basis = monitor_gemiddelden(self.ctx, first).get("voor", {}).get(score)
        per: dict[str, Any] = {}
        for inst in self.ctx.instellingen:
            vals = [dec(r.get(score))
                    for r in records(self.ctx.dataset.jaren[last].werkdrukmonitor)
                    if text(r.get("umc")) == inst.code and text(r.get("moment")).lower() == "nu"]
            per[inst.code] = sum(vals, ZERO) / len(vals) if vals else None
        return waarde, basis, per

    def geleverd(self, code: str, aggregatie: str,
                 jaar: int) -> tuple[Decimal | None, dict[str, Any]] | None:
        """None when that year's kpi_waarden file is absent."""
        yd = self.ctx.dataset.jaren.get(jaar)
        if yd is None or yd.kpi_waarden is None:
            return None
        per: dict[str, Any] = {i.code: None for i in self.ctx.instellingen}
        for r in records(yd.kpi_waarden):
            if text(r.get("indicator")) == code and text(r.get("umc")) in per \
                    and not is_missing(r.get("waarde")):
                per[text(r.get("umc"))] = dec(r.get("waarde"))
        vals = [v for v in per.values() if v is not None]
        if not vals:
            return None, per
        total = sum(vals, ZERO)
        if aggregatie == "gemiddelde":
            total = total / len(vals)
        return total, per


def _indicator(ctx: Context, values: _Values, r: dict[str, Any]) -> IndicatorResultaat:
    jaar = ctx.jaar
    code = text(r.get("code"))
    eenheid = text(r.get("eenheid")).lower() or "aantal"
    bron = text(r.get("bron")).lower()
    norm = text(r.get("norm")).lower() or INFORMATIEF
    norm_waarde = dec_or_none(r.get("norm_waarde"))
    vanaf = int_or_none(r.get("vanaf_jaar"))
    aggregatie = text(r.get("aggregatie")).lower() or "som"
    waarde = basis = None
    per: dict[str, Any] = {}
    maat = measure_of(r)[0] if bron == "personeel" else None
    if maat is not None:
        waarde, per = values.personeel(maat, jaar)
        if ctx.basisjaar < jaar:
            basis, _ = values.personeel(maat, ctx.basisjaar)
    elif bron == "werkdrukmonitor":
        waarde, basis, per = values.werkdruk(
            code if code in ("baanzekerheid", "werkdruk") else "werkdruk")
    elif bron == "kpi_waarden":
        got = values.geleverd(code, aggregatie, jaar)
        if got is not None:
            waarde, per = got
        if norm in ("hoger_dan_basis", "lager_dan_basis") and ctx.basisjaar < jaar:
            got_b = values.geleverd(code, aggregatie, ctx.basisjaar)
            basis = got_b[0] if got_b is not None else None
    return IndicatorResultaat(
        code=code, naam=text(r.get("naam")), eenheid=eenheid, waarde=waarde, basis=basis,
        basisjaar=ctx.basisjaar if basis is not None else None,
        verandering=(waarde - basis) if waarde is not None and basis is not None else None,
        norm=norm,
        status=measure_status(norm, eenheid, waarde, basis, norm_waarde, vanaf, jaar,
                              ctx.basisjaar, ctx.eindjaar),  # type: ignore[arg-type]
        per_instelling=per, norm_waarde=norm_waarde, vanaf_jaar=vanaf)


def compute_kpis(ctx: Context) -> dict[str, KpiResultaat]:
    """Every KPI of kpis.csv (in `volgorde`) with its measures and status; {} without
    kpis.csv."""
    ref = ctx.dataset.referentie
    if ref.kpis is None:
        return {}
    values = _Values(ctx)
    indicators: dict[str, list[IndicatorResultaat]] = {}
    for r in records(ref.indicatoren):
        indicators.setdefault(text(r.get("kpi")), []).append(_indicator(ctx, values, r))

    oordelen = _oordelen(ctx)
    kpi_recs = sorted(enumerate(records(ref.kpis)),
                      key=lambda ir: (int_or_none(ir[1].get("volgorde")) or 10**6, ir[0]))
    out: dict[str, KpiResultaat] = {}
    for _, r in kpi_recs:
        code = text(r.get("code"))
        soort = text(r.get("soort")).lower() or "kwalitatief"
        meas = tuple(indicators.get(code, ()))
        status_o, toelichting = oordelen.get(code, ("", ""))
        status = status_o or worst([m.status for m in meas if m.norm != INFORMATIEF])
        out[code] = KpiResultaat(
            code=code, nummer=text(r.get("nummer")), naam=text(r.get("naam")),
            omschrijving=text(r.get("omschrijving")), sectie=text(r.get("sectie")),
            soort="kwantitatief" if soort == "kwantitatief" else "kwalitatief",
            indicatoren=meas, status=status,  # type: ignore[arg-type]
            oordeel=toelichting, tekst=f"kpi_{code}")
    return out


def _oordelen(ctx: Context) -> dict[str, tuple[str, str]]:
    out = {}
    for r in records(ctx.dataset.huidig.kpi_oordeel):
        status = text(r.get("status")).lower()
        out[text(r.get("kpi"))] = (status if status in STATUS else "",
                                   text(r.get("toelichting")))
    return out

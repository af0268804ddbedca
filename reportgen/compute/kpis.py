"""The 20 KPIs of the sector plan: their measures (indicatoren.csv), statuses and the
conclusions table that closes chapter 6.

Measures come from three sources (`bron`):
- `personeel`: computed from that year's personeel.csv (see PERSONEEL_MEASURES);
- `werkdrukmonitor`: mean score at `nu` of the latest measurement up to the report year;
  the baseline is the mean at `voor` of the first measurement;
- `kpi_waarden`: delivered per institution, aggregated by `aggregatie` (`som` or
  `gemiddelde`) over the institutions that reported.

Status rules are those of docs/data-design.md. Two choices made here:
- values are compared at the precision the report prints them (whole percentages, fte to
  2 decimals, scores and averages to 1), so a reader never sees "87% (2023: 87%)"
  labelled as an improvement;
- `informatief` measures never claim a status of their own (they show "geen gegevens")
  and are left out when a KPI's status is the worst of its measures. In the baseline year
  itself (or before it) a baseline norm cannot be judged yet: "geen gegevens".
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any, Callable

from ..formatting import fmt_fte, fmt_getal, fmt_pct, round_half_up
from ..model import Column, Conclusie, IndicatorResultaat, KpiResultaat, Row, Table
from .common import (GEREALISEERD, STRUCTUREEL, ZERO, Context, Staff, dec, dec_or_none,
                     int_or_none, is_missing, line_of, pct, records, text)
from .figures import monitor_gemiddelden, monitor_jaren
from .staffing import DATASPECIALIST, begroting

STATUSES = ("behaald", "op koers", "aandachtspunt", "geen gegevens")
# worst first: aandachtspunt < geen gegevens < op koers < behaald
STATUS_RANK = {"aandachtspunt": 0, "geen gegevens": 1, "op koers": 2, "behaald": 3}
NORMS = ("hoger_dan_basis", "lager_dan_basis", "minimaal", "informatief")
GEEN = "geen gegevens"


# ---------------------------------------------------------------- measures from personeel


def _vast_aandeel(staff: Staff, umc: str | None, begroot: Decimal) -> Decimal | None:
    return pct(staff.fte(umc=umc, cv=STRUCTUREEL), staff.fte(umc=umc, cv=GEREALISEERD))


def _structurele_realisatie(staff: Staff, umc: str | None, begroot: Decimal) -> Decimal | None:
    return pct(staff.fte(umc=umc, cv=STRUCTUREEL), begroot)


def _vrouwen_aandeel(staff: Staff, umc: str | None, begroot: Decimal) -> Decimal | None:
    return pct(staff.count(umc=umc, cv=GEREALISEERD, geslacht="v"),
               staff.count(umc=umc, cv=GEREALISEERD))


def _vrouwen_aandeel_vast(staff: Staff, umc: str | None, begroot: Decimal) -> Decimal | None:
    return pct(staff.count(umc=umc, cv="vast", geslacht="v"), staff.count(umc=umc, cv="vast"))


def _dataspecialisten_fte(staff: Staff, umc: str | None, begroot: Decimal) -> Decimal:
    return staff.fte(umc=umc, cv=GEREALISEERD, functie=DATASPECIALIST)


def _dataspecialisten(staff: Staff, umc: str | None, begroot: Decimal) -> Decimal:
    return Decimal(staff.count(umc=umc, cv=GEREALISEERD, functie=DATASPECIALIST))


def _dataspecialisten_vast_aandeel(staff: Staff, umc: str | None,
                                   begroot: Decimal) -> Decimal | None:
    return pct(staff.count(umc=umc, cv="vast", functie=DATASPECIALIST),
               staff.count(umc=umc, cv=GEREALISEERD, functie=DATASPECIALIST))


PERSONEEL_MEASURES: dict[str, Callable[[Staff, str | None, Decimal], Decimal | None]] = {
    "vast_aandeel": _vast_aandeel,
    "structurele_realisatie": _structurele_realisatie,
    "vrouwen_aandeel": _vrouwen_aandeel,
    "vrouwen_aandeel_vast": _vrouwen_aandeel_vast,
    "dataspecialisten_fte": _dataspecialisten_fte,
    "dataspecialisten": _dataspecialisten,
    "dataspecialisten_vast_aandeel": _dataspecialisten_vast_aandeel,
}


# ---------------------------------------------------------------- printing helpers


def places_for(eenheid: str, value: Decimal) -> int:
    if eenheid == "pct":
        return 0
    if eenheid == "fte":
        return 2
    if eenheid == "score":
        return 1
    return 0 if value == value.to_integral_value() else 1


def fmt_value(value: Decimal | None, eenheid: str) -> str:
    """A measure's value as a short Dutch phrase: `87%`, `41,04 fte`, `6,8`, `12`."""
    if value is None:
        return GEEN
    places = places_for(eenheid, value)
    if eenheid == "pct":
        return fmt_pct(value, places)
    if eenheid == "fte":
        return f"{fmt_fte(value)} fte"
    return fmt_getal(value, places)


def _printed(value: Decimal, eenheid: str) -> Decimal:
    return round_half_up(value, places_for(eenheid, value))


def norm_text(norm: str, eenheid: str, norm_waarde: Decimal | None, vanaf: int | None,
              basisjaar: int, eindjaar: int) -> str:
    if norm == "hoger_dan_basis":
        return f"{eindjaar} hoger dan in {basisjaar}"
    if norm == "lager_dan_basis":
        return f"{eindjaar} lager dan in {basisjaar}"
    if norm == "minimaal":
        t = f"minimaal {fmt_value(norm_waarde, eenheid)}" if norm_waarde is not None \
            else "minimaal (geen normwaarde)"
        return t + (f" vanaf {vanaf}" if vanaf else "")
    return "informatief"


def measure_status(norm: str, eenheid: str, waarde: Decimal | None, basis: Decimal | None,
                   norm_waarde: Decimal | None, vanaf: int | None, jaar: int,
                   basisjaar: int, eindjaar: int) -> str:
    if waarde is None or norm not in NORMS or norm == "informatief":
        return GEEN
    w = _printed(waarde, eenheid)
    if norm == "minimaal":
        if norm_waarde is None:
            return GEEN
        ok = w >= norm_waarde
        if vanaf is None or jaar >= vanaf:
            return "behaald" if ok else "aandachtspunt"
        return "op koers" if ok else "aandachtspunt"
    if basis is None or jaar <= basisjaar:
        return GEEN
    b = _printed(basis, eenheid)
    ok = w > b if norm == "hoger_dan_basis" else w < b
    if jaar >= eindjaar:
        return "behaald" if ok else "aandachtspunt"
    return "op koers" if ok else "aandachtspunt"


def worst(statuses: list[str]) -> str:
    return min(statuses, key=lambda s: STATUS_RANK[s]) if statuses else GEEN


# ---------------------------------------------------------------- the computation


class _Values:
    """Measure values per source, for any year."""

    def __init__(self, ctx: Context):
        self.ctx = ctx
        self.begroot = begroting(ctx)
        self.monitor = monitor_jaren(ctx)

    def personeel(self, code: str, jaar: int) -> tuple[Decimal | None, dict[str, Any]]:
        staff = self.ctx.staff(jaar)
        if staff is None:
            return None, {}
        fn = PERSONEEL_MEASURES[code]
        total = fn(staff, None, sum(self.begroot.values(), ZERO))
        per = {i.code: fn(staff, i.code, self.begroot[i.code]) for i in self.ctx.instellingen}
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


def compute_kpis(ctx: Context) -> dict[str, KpiResultaat]:
    ref = ctx.dataset.referentie
    jaar = ctx.jaar
    if ref.kpis is None:
        ctx.missing("referentie/kpis.csv",
                    "de KPI-definities", gevolg="het rapport toont geen KPI's")
        return {}
    if ref.indicatoren is None:
        ctx.missing("referentie/indicatoren.csv",
                    "de indicatoren van de KPI's",
                    gevolg="kwantitatieve KPI's krijgen geen waarde")
    values = _Values(ctx)
    ind_file = ctx.source("referentie/indicatoren")
    waarden_missing_reported: set[int] = set()

    def need_waarden_file(y: int) -> None:
        if y not in waarden_missing_reported:
            waarden_missing_reported.add(y)
            ctx.missing(f"{y}/kpi_waarden.csv",
                        f"de door de umc's aangeleverde KPI-waarden voor {y}",
                        gevolg="deze KPI's tonen 'geen gegevens'")

    indicators: dict[str, list[IndicatorResultaat]] = {}
    norms_of: dict[tuple[str, str], str] = {}
    for r in records(ref.indicatoren):
        code, kpi = text(r.get("code")), text(r.get("kpi"))
        eenheid = text(r.get("eenheid")).lower() or "aantal"
        bron = text(r.get("bron")).lower()
        norm = text(r.get("norm")).lower() or "informatief"
        norm_waarde = dec_or_none(r.get("norm_waarde"))
        vanaf = int_or_none(r.get("vanaf_jaar"))
        aggregatie = text(r.get("aggregatie")).lower() or "som"
        waarde = basis = None
        per: dict[str, Any] = {}
        if bron == "personeel":
            if code in PERSONEEL_MEASURES:
                waarde, per = values.personeel(code, jaar)
                if ctx.basisjaar < jaar:
                    basis, _ = values.personeel(code, ctx.basisjaar)
            else:
                ctx.unusable(ind_file, "een indicator die reportgen uit personeel.csv kan "
                            "berekenen: " + ", ".join(PERSONEEL_MEASURES),
                            line=line_of(r), column="code", value=code)
        elif bron == "werkdrukmonitor":
            waarde, basis, per = values.werkdruk(
                code if code in ("baanzekerheid", "werkdruk") else "werkdruk")
        elif bron == "kpi_waarden":
            got = values.geleverd(code, aggregatie, jaar)
            if got is None:
                need_waarden_file(jaar)
            else:
                waarde, per = got
                if waarde is None:
                    ctx.missing(ctx.source(f"{jaar}/kpi_waarden"),
                                f"een waarde van minstens één umc voor indicator '{code}'",
                                column="indicator", value=code)
            if norm in ("hoger_dan_basis", "lager_dan_basis") and ctx.basisjaar < jaar:
                got_b = values.geleverd(code, aggregatie, ctx.basisjaar)
                if got_b is None:
                    need_waarden_file(ctx.basisjaar)
                else:
                    basis = got_b[0]
        else:
            ctx.unusable(ind_file, "bron 'personeel', 'werkdrukmonitor' of 'kpi_waarden'",
                        line=line_of(r), column="bron", value=bron)
        indicators.setdefault(kpi, []).append(IndicatorResultaat(
            code=code,
            naam=text(r.get("naam")),
            eenheid=eenheid,
            waarde=waarde,
            basis=basis,
            basisjaar=ctx.basisjaar if basis is not None else None,
            verandering=(waarde - basis) if waarde is not None and basis is not None else None,
            norm=norm_text(norm, eenheid, norm_waarde, vanaf, ctx.basisjaar, ctx.eindjaar),
            status=measure_status(norm, eenheid, waarde, basis, norm_waarde, vanaf, jaar,
                                  ctx.basisjaar, ctx.eindjaar),  # type: ignore[arg-type]
            per_instelling=per,
            norm_waarde=norm_waarde,
            vanaf_jaar=vanaf,
        ))
        norms_of[(kpi, code)] = norm

    oordelen = _oordelen(ctx)
    oordeel_file = ctx.source(f"{jaar}/kpi_oordeel")
    oordeel_present = ctx.dataset.huidig.kpi_oordeel is not None
    kpi_recs = sorted(enumerate(records(ref.kpis)),
                      key=lambda ir: (int_or_none(ir[1].get("volgorde")) or 10**6, ir[0]))
    out: dict[str, KpiResultaat] = {}
    missing_qual = []
    for _, r in kpi_recs:
        code = text(r.get("code"))
        soort = text(r.get("soort")).lower() or "kwalitatief"
        meas = tuple(indicators.get(code, ()))
        status_o, toelichting = oordelen.get(code, ("", ""))
        if status_o:
            status = status_o
        else:
            status = worst([m.status for m in meas
                            if norms_of.get((code, m.code)) != "informatief"])
        if soort == "kwalitatief" and not (status_o or toelichting):
            missing_qual.append(code)
            if oordeel_present:
                ctx.missing(oordeel_file, "een oordeel van de commissie (status of "
                            "toelichting) voor deze kwalitatieve KPI",
                            column="kpi", value=code)
        out[code] = KpiResultaat(
            code=code,
            nummer=text(r.get("nummer")),
            naam=text(r.get("naam")),
            omschrijving=text(r.get("omschrijving")),
            sectie=text(r.get("sectie")),
            soort="kwantitatief" if soort == "kwantitatief" else "kwalitatief",
            indicatoren=meas,
            status=status,  # type: ignore[arg-type]
            oordeel=toelichting,
            tekst=f"kpi_{code}",
        )
    if missing_qual and not oordeel_present:
        ctx.missing(f"{jaar}/kpi_oordeel.csv",
                    f"het oordeel van de commissie over {len(missing_qual)} kwalitatieve "
                    f"KPI's ({', '.join(missing_qual)})")
    return out


def _oordelen(ctx: Context) -> dict[str, tuple[str, str]]:
    out = {}
    for r in records(ctx.dataset.huidig.kpi_oordeel):
        status = text(r.get("status")).lower()
        out[text(r.get("kpi"))] = (status if status in STATUSES else "",
                                   text(r.get("toelichting")))
    return out


# ---------------------------------------------------------------- conclusions


def _phrase(m: IndicatorResultaat) -> str:
    t = fmt_value(m.waarde, m.eenheid)
    if m.waarde is not None and m.basis is not None and m.basisjaar is not None:
        t += f" ({m.basisjaar}: {fmt_value(m.basis, m.eenheid)})"
    return t


def compute_conclusies(kpis: dict[str, KpiResultaat]) -> tuple[Conclusie, ...]:
    out = []
    for k in kpis.values():
        meas = k.indicatoren
        if not meas:
            waarde = "zie oordeel" if k.soort == "kwalitatief" and k.oordeel else GEEN
            norm = "kwalitatieve beoordeling" if k.soort == "kwalitatief" else ""
        elif len(meas) == 1:
            waarde, norm = _phrase(meas[0]), meas[0].norm
        else:
            waarde = "; ".join(f"{m.naam}: {_phrase(m)}" for m in meas)
            norms = []
            for m in meas:
                if m.norm not in norms:
                    norms.append(m.norm)
            norm = "; ".join(norms)
        out.append(Conclusie(kpi=k.code, nummer=k.nummer, naam=k.naam, waarde=waarde,
                             norm=norm, status=k.status, oordeel=k.oordeel))
    return tuple(out)


def conclusies_table(conclusies: tuple[Conclusie, ...]) -> Table:
    columns = (
        Column("nummer", "Nr.", "text"),
        Column("waarde", "Stand", "text"),
        Column("norm", "Norm", "text"),
        Column("status", "Status", "text"),
        Column("oordeel", "Oordeel commissie", "text"),
    )
    rows = tuple(
        Row(label=c.naam, key=c.kpi, values={"nummer": c.nummer, "waarde": c.waarde,
                                            "norm": c.norm, "status": c.status,
                                            "oordeel": c.oordeel})
        for c in conclusies)
    return Table(key="conclusies", title="Conclusies per KPI", first_column="KPI",
                 columns=columns, rows=rows)

"""Reference data that the report prints as it is: institutions, themes, the theme matrix
and the committee."""

from __future__ import annotations

from typing import Any

from ..model import Commissielid, Instelling, Subthema, Thema
from ..vocab import ROL
from .common import Context, as_date, int_or_none, records, text


def instellingen(umcs) -> tuple[Instelling, ...]:
    items = [Instelling(code=text(r.get("code")), naam=text(r.get("naam")),
                        volgorde=int_or_none(r.get("volgorde")) or 0) for r in records(umcs)]
    return tuple(sorted(items, key=lambda i: (i.volgorde, i.code)))


def themas(ctx: Context, kpi_secties: dict[str, list[str]]) -> tuple[Thema, ...]:
    """Themes and subthemes of subthemas.csv: subthemes by `volgorde`, themes in the order
    of their first subtheme."""
    recs = sorted(records(ctx.dataset.referentie.subthemas),
                  key=lambda r: (int_or_none(r.get("volgorde")) or 0, text(r.get("code"))))
    groups: dict[str, dict[str, Any]] = {}  # insertion order = order of first subtheme
    for r in recs:
        g = groups.setdefault(text(r.get("thema")), {"naam": text(r.get("thema_naam")),
                                                     "subs": []})
        code = text(r.get("code"))
        g["subs"].append(Subthema(code=code, naam=text(r.get("naam")),
                                  volgorde=int_or_none(r.get("volgorde")) or 0,
                                  kpis=tuple(kpi_secties.get(code, ()))))
    return tuple(Thema(code=t, naam=g["naam"], subthemas=tuple(g["subs"]))
                 for t, g in groups.items())


def themamatrix(ctx: Context) -> dict[str, dict[str, str]]:
    out: dict[str, dict[str, str]] = {i.code: {} for i in ctx.instellingen}
    for r in records(ctx.dataset.referentie.themamatrix):
        umc = text(r.get("umc"))
        if umc in out:
            out[umc][text(r.get("subthema"))] = text(r.get("inzet")).lower()
    return out


def commissie(ctx: Context) -> tuple[Commissielid, ...]:
    """The committee (commissie.csv): members first, then the secretariat, each by
    `volgorde`; () without the file."""
    rol_order = {code: i for i, code in enumerate(ROL)}
    recs = sorted(enumerate(records(ctx.dataset.referentie.commissie)), key=lambda ir: (
        rol_order.get(text(ir[1].get("rol")).lower(), len(rol_order)),
        int_or_none(ir[1].get("volgorde")) or 0, ir[0]))
    return tuple(Commissielid(
        naam=text(r.get("naam")), rol=text(r.get("rol")).lower(),
        functie=text(r.get("functie")).lower(), van=as_date(r.get("van")),
        tot=as_date(r.get("tot")), aanhef=text(r.get("aanhef"))) for _, r in recs)

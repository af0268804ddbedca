"""Settings and reference data that the report prints as they are: sector plan and report
settings, institutions, themes, the theme matrix and the committee."""

from __future__ import annotations

import datetime as dt
from typing import Any

from ..model import Commissielid, Instelling, Subthema, Thema
from ..period import from_settings
from .common import (DEFAULT_SECTORPLAN, REQUIRED_SETTINGS, Context, as_date, int_or_none,
                     records, text)

SOORTEN = ("tussentijdse_evaluatie", "eindevaluatie", "voortgangsrapportage")
SETTINGS_FILE = "referentie/sectorplan.toml"


def instellingen(umcs) -> tuple[Instelling, ...]:
    recs = records(umcs)
    items = [Instelling(code=text(r.get("code")), naam=text(r.get("naam")),
                        volgorde=int_or_none(r.get("volgorde")) or 0) for r in recs]
    return tuple(sorted(items, key=lambda i: (i.volgorde, i.code)))


def sectorplan_settings(ctx: Context) -> dict[str, Any]:
    """sectorplan.toml over the neutral defaults, with the period of the data set. A
    missing file, name or period is reported (a warning in a draft, an error otherwise);
    an empty text counts as missing."""
    ds = ctx.dataset
    given = ds.referentie.sectorplan
    periode = f"{ds.looptijd_start}–{ds.looptijd_eind}"
    settings = dict(DEFAULT_SECTORPLAN)
    if given is None:
        ctx.missing(SETTINGS_FILE, "instellingen van het sectorplan (namen, looptijd, "
                    "basisjaar)", gevolg=f"algemene namen; looptijd {periode} volgens de "
                    "jaarmappen")
    else:
        settings.update({k: v for k, v in given.items() if v is not None and v != ""})
        for key, what in REQUIRED_SETTINGS.items():
            if not given.get(key):
                ctx.missing(SETTINGS_FILE, f"{key} ({what})", column=key,
                            gevolg=f"'{DEFAULT_SECTORPLAN[key]}' gebruikt")
        if from_settings(given) is None:
            ctx.missing(SETTINGS_FILE, "een geldige looptijd_start en looptijd_eind",
                        column="looptijd_start",
                        gevolg=f"looptijd {periode} volgens de jaarmappen")
        if not given.get("commissie_kort") and given.get("commissie"):
            settings["commissie_kort"] = given["commissie"]
    settings["looptijd_start"], settings["looptijd_eind"] = ds.looptijd_start, ds.looptijd_eind
    if not isinstance(settings.get("basisjaar"), int) or isinstance(settings["basisjaar"], bool):
        settings["basisjaar"] = ds.looptijd_start
    return settings


def rapport_settings(ctx: Context) -> tuple[dict[str, Any], str, dt.date]:
    """rapport.toml of the report year (+ "sectorplan"), the kind of report and the
    reference date."""
    given = ctx.dataset.huidig.rapport
    jaar = ctx.jaar
    if given is None:
        ctx.missing(f"{jaar}/rapport.toml",
                    "rapportinstellingen (soort, titel, publicatiedatum, brief)",
                    gevolg="standaardwaarden gebruikt")
        rapport: dict[str, Any] = {}
    else:
        rapport = dict(given)
    soort = text(rapport.get("soort"))
    if soort not in SOORTEN:  # the final year gets the eindevaluatie, if it is known
        final = from_settings(ctx.dataset.referentie.sectorplan) is not None \
            and jaar >= ctx.eindjaar
        soort = "eindevaluatie" if final else "voortgangsrapportage"
    rapport["soort"] = soort
    peildatum = as_date(rapport.get("peildatum")) or dt.date(jaar, 12, 31)
    rapport["peildatum"] = peildatum
    rapport["sectorplan"] = dict(ctx.sectorplan)
    return rapport, soort, peildatum


def themas(ctx: Context, kpi_secties: dict[str, list[str]]) -> tuple[Thema, ...]:
    recs = sorted(records(ctx.dataset.referentie.subthemas),
                  key=lambda r: (int_or_none(r.get("volgorde")) or 0, text(r.get("code"))))
    groups: dict[str, dict[str, Any]] = {}
    for r in recs:
        thema = text(r.get("thema"))
        g = groups.setdefault(thema, {"naam": text(r.get("thema_naam")), "subs": []})
        code = text(r.get("code"))
        g["subs"].append(Subthema(code=code, naam=text(r.get("naam")),
                                  volgorde=int_or_none(r.get("volgorde")) or 0,
                                  kpis=tuple(kpi_secties.get(code, ()))))
    # Themes in the order of their first subtheme (the records are sorted already).
    keys = list(groups)
    return tuple(Thema(code=t, naam=groups[t]["naam"], subthemas=tuple(groups[t]["subs"]))
                 for t in keys)


def themamatrix(ctx: Context) -> dict[str, dict[str, str]]:
    out: dict[str, dict[str, str]] = {i.code: {} for i in ctx.instellingen}
    for r in records(ctx.dataset.referentie.themamatrix):
        umc = text(r.get("umc"))
        if umc in out:
            out[umc][text(r.get("subthema"))] = text(r.get("inzet")).lower()
    return out


def commissie(ctx: Context) -> tuple[Commissielid, ...]:
    df = ctx.dataset.referentie.commissie
    if df is None:
        ctx.missing("referentie/commissie.csv",
                    "de samenstelling van de commissie (bijlage II)",
                    gevolg="bijlage II blijft leeg")
        return ()
    rol_order = {"lid": 0, "secretariaat": 1}
    recs = sorted(enumerate(records(df)), key=lambda ir: (
        rol_order.get(text(ir[1].get("rol")).lower(), 2),
        int_or_none(ir[1].get("volgorde")) or 0, ir[0]))
    return tuple(Commissielid(
        naam=text(r.get("naam")), rol=text(r.get("rol")).lower(),
        functie=text(r.get("functie")).lower(), van=as_date(r.get("van")),
        tot=as_date(r.get("tot")), aanhef=text(r.get("aanhef"))) for _, r in recs)

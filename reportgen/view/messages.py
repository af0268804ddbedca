"""Reconciliation findings (`model.controles`) in words: each becomes a warning that names
the input files concerned, the figures and the difference."""

from __future__ import annotations

from ..errors import Problem
from ..formatting import fmt_euro, fmt_fte, fmt_getal, fmt_pct
from ..model import Controle, ReportModel
from ..numbers import percentage
from ..vocab import CONTRACTVORM


def _naam(model: ReportModel, code: str) -> str:
    inst = model.instelling(code)
    return inst.naam if inst is not None else code


def controle_text(c: Controle, model: ReportModel) -> str:
    """"<onderwerp>: <toelichting>" for one finding."""
    naam = _naam(model, c.instelling) if c.instelling else ""
    if c.soort == "geslacht_buiten_tabel":
        n = int(c.verschil)
        wie = "1 medewerker" if n == 1 else f"{fmt_getal(n)} medewerkers"
        telt = "telt" if n == 1 else "tellen"
        return (f"Aantal medewerkers en tabel vrouwen/mannen: {wie} met geslacht anders dan "
                f"v/m {telt} mee in de totalen ({fmt_getal(c.verwacht)}), maar niet in de "
                f"tabel vrouwen/mannen ({fmt_getal(c.gevonden)}).")
    if c.soort == "fte_boven_personen":
        return (f"Fte en personen {naam} ({CONTRACTVORM.label(c.detail).lower()}): "
                f"{fmt_fte(c.gevonden)} fte bij {fmt_getal(c.verwacht)} personen: meer fte "
                "dan personen is niet mogelijk.")
    if c.soort == "som_bestedingen":
        return (f"Som bestedingen {naam} {c.jaar}: de som van de categorieën "
                f"({fmt_euro(c.gevonden)}) wijkt af van de opgegeven kolom '{c.detail}' "
                f"({fmt_euro(c.verwacht)}).")
    if c.soort == "bestedingen_buiten_tabel":
        return (f"Bestedingen {c.jaar} in bestand en tabel: niet alle bestedingen in het "
                f"bestand horen bij een instelling uit umcs.csv (verschil "
                f"{fmt_euro(c.verschil)}).")
    if c.soort == "fte_buiten_tabel":
        return ("Fte in bestand en tabel: niet alle fte in het bestand horen bij een "
                f"instelling uit umcs.csv (verschil {fmt_fte(c.verschil)} fte).")
    if c.soort == "functies_buiten_totaal":
        return ("Fte per functiecategorie en totaal: de som over de functiecategorieën wijkt "
                f"{fmt_fte(c.verschil)} fte af van het totaal; niet alle functiecategorieën "
                "staan in functiecategorieen.csv.")
    if c.soort == "meer_besteed_dan_ontvangen":
        return (f"Besteed en ontvangen {naam}: t/m {c.jaar} is {fmt_euro(c.verschil)} meer "
                "besteed dan ontvangen.")
    if c.soort == "realisatie_boven_begroting":
        return (f"Realisatie boven begroting {naam}: structurele formatie "
                f"{fmt_fte(c.gevonden)} fte is {fmt_pct(percentage(c.gevonden, c.verwacht))} "
                f"van de begrote {fmt_fte(c.verwacht)} fte (ter informatie; de begroting is "
                "een raming).")
    return f"{c.soort}: verwacht {c.verwacht}, gevonden {c.gevonden}."


def controle_problems(model: ReportModel) -> list[Problem]:
    return [Problem(file=", ".join(c.bestanden), expected=controle_text(c, model),
                    severity="warning") for c in model.controles]

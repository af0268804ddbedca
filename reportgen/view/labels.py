"""The names of a report: title, subtitle, running header, PDF title, period, and the
plan's own word for an institution. Shared by the templates and the PDF metadata."""

from __future__ import annotations

from dataclasses import dataclass

from ..formatting import fmt_datum
from ..model import ReportModel
from ..settings import publication_date
from ..vocab import RAPPORTSOORT, SOORT_ANDERS


@dataclass(frozen=True)
class Labels:
    soort: str  # a code of vocab.RAPPORTSOORT
    soort_label: str  # "Eindevaluatie", "Voortgangsrapportage 2026"
    soort_woord: str  # "eindevaluatie", "voortgangsrapportage 2026" (inside a sentence)
    titel: str  # cover title
    ondertitel: str  # cover subtitle with report type and year / period
    kopregel: str  # running header
    pdf_titel: str  # "Eindevaluatie sectorplan ... 2028"
    pdf_onderwerp: str  # PDF subject line
    trefwoorden: tuple[str, ...]  # PDF keywords
    commissie: str
    commissie_kort: str
    sectorplan_lang: str
    sectorplan: str
    periode: str  # "2022–2028": first year of the period up to the report year
    instelling: str  # the plan's word for one institution ("umc", "universiteit")
    instellingen: str  # its plural
    is_evaluatie: bool
    voorbeeld: str  # "" or why the data is (partly) fictitious: cover and colofon say so


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def report_labels(model: ReportModel) -> Labels:
    sp = model.sectorplan
    rapport = model.rapport
    soort = model.soort if model.soort in RAPPORTSOORT else SOORT_ANDERS
    noun = RAPPORTSOORT.label(soort)
    is_evaluatie = soort != SOORT_ANDERS
    label = noun if is_evaluatie else f"{noun} {model.jaar}"
    lang = sp.get("sectorplan_lang") or sp.get("sectorplan") or "sectorplan"
    titel = rapport.get("titel") or f"{_capital(lang)}: {label.lower()}"
    periode = f"{sp['looptijd_start']}–{model.jaar}"
    peildatum = fmt_datum(model.peildatum)
    if label.lower() in titel.lower():
        # The title already names the report type: the subtitle adds only what it lacks.
        ondertitel = (f"Periode {periode}, peildatum {peildatum}" if is_evaluatie
                      else f"Peildatum {peildatum}")
    else:
        ondertitel = (f"{label} over de periode {periode}" if is_evaluatie
                      else f"{label}, peildatum {peildatum}")
    commissie = sp.get("commissie") or "de commissie"
    naam = sp.get("sectorplan") or lang
    return Labels(
        soort=soort, soort_label=label, soort_woord=label[:1].lower() + label[1:],
        titel=titel, ondertitel=ondertitel, kopregel=f"{label} {lang}",
        pdf_titel=f"{noun} {lang} {model.jaar}",
        pdf_onderwerp=f"{label} van het {lang} ‘{naam}’, peildatum {peildatum}",
        trefwoorden=("sectorplan", naam, label.lower(), *sp.get("trefwoorden", ()),
                     str(model.jaar)),
        commissie=commissie, commissie_kort=sp.get("commissie_kort") or commissie,
        sectorplan_lang=lang, sectorplan=naam, periode=periode,
        instelling=sp["instelling"], instellingen=sp["instellingen"],
        is_evaluatie=is_evaluatie, voorbeeld=_voorbeeld(sp.get("voorbeeld")))


VOORBEELD = ("Dit rapport is gemaakt met fictieve voorbeeldgegevens; de cijfers en citaten erin "
             "zijn geen bevindingen.")


def _voorbeeld(value: object) -> str:
    """The notice for example data: the plan's own explanation, or a standard sentence."""
    if isinstance(value, str) and value.strip():
        return value.strip()
    return VOORBEELD if value is True else ""


__all__ = ["Labels", "report_labels", "publication_date"]

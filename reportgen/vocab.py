"""Every closed vocabulary of reportgen, declared once: the codes the data files use and,
next to each code, the Dutch label a reader sees.

Loading and validation check codes against these vocabularies, compute works with the
codes only, and the view layer takes the labels from here. Nothing else lists them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterator, Mapping


@dataclass(frozen=True)
class Vocabulary:
    """A closed list of codes in their print order, each with its Dutch label."""

    name: str
    labels: Mapping[str, str]
    uitleg: Mapping[str, str] = field(default_factory=dict)  # longer meaning, for forms

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(self.labels)

    def label(self, code: str) -> str:
        return self.labels.get(code, code)

    def explain(self, code: str) -> str:
        return self.uitleg.get(code, self.label(code).lower())

    def __contains__(self, code: object) -> bool:
        return code in self.labels

    def __iter__(self) -> Iterator[str]:
        return iter(self.labels)

    def __len__(self) -> int:
        return len(self.labels)


# ------------------------------------------------------------------ the data contract

CONTRACTVORM = Vocabulary("contractvorm", {
    "vast": "Vast",
    "toegezegd_vast": "Tijdelijk toegezegd vast",
    "tijdelijk": "Tijdelijk",
    "inloop": "Inloop",
}, uitleg={
    "vast": "vaste aanstelling",
    "toegezegd_vast": "tijdelijke aanstelling met een onvoorwaardelijke toezegging van een "
                      "vaste aanstelling",
    "tijdelijk": "tijdelijke aanstelling zonder toezegging",
    "inloop": "inloopfunctie, betaald uit onderbesteding (wordt apart gerapporteerd)",
})
#: Structural formation: permanent and unconditionally promised permanent contracts.
STRUCTUREEL = ("vast", "toegezegd_vast")
#: Realised formation; inloop (funded from underspending) is reported apart.
GEREALISEERD = ("vast", "toegezegd_vast", "tijdelijk")

GESLACHT = Vocabulary("geslacht", {
    "v": "Vrouw",
    "m": "Man",
    "x": "Anders",
    "onbekend": "Onbekend",
}, uitleg={
    "v": "vrouw",
    "m": "man",
    "x": "anders dan vrouw of man",
    "onbekend": "niet bekend of niet opgegeven",
})
#: The genders the gender tables show in columns; the others count in totals and notes.
V_M = ("v", "m")

FUNCTIEGROEP = Vocabulary("groep", {
    "wetenschappelijk": "Wetenschappelijk personeel",
    "ondersteunend": "Ondersteunend personeel",
})

#: Function categories the contract requires, with their group.
VERPLICHTE_FUNCTIECATEGORIEEN = {
    "hoogleraar": "wetenschappelijk",
    "uhd": "wetenschappelijk",
    "ud": "wetenschappelijk",
    "docent": "wetenschappelijk",
    "onderzoeker": "wetenschappelijk",
    "dataspecialist": "ondersteunend",
    "analist": "ondersteunend",
    "onderzoeksverpleegkundige": "ondersteunend",
    "valorisatie": "ondersteunend",
    "overig_ondersteunend": "ondersteunend",
}
#: The function category that the data specialists' figures count (contract).
DATASPECIALIST = "dataspecialist"
#: The function category with its own shortcut in texts (`ud`).
UD = "ud"

INZET = Vocabulary("inzet", {
    "hoofd": "extra investering",
    "beperkt": "beperkte inzet",
})

# ------------------------------------------------------------------ the project's own files

RAPPORTSOORT = Vocabulary("soort", {
    "tussentijdse_evaluatie": "Tussentijdse evaluatie",
    "eindevaluatie": "Eindevaluatie",
    "voortgangsrapportage": "Voortgangsrapportage",
})
#: The report type of a year whose rapport.toml does not say (last year / other years).
SOORT_EINDJAAR = "eindevaluatie"
SOORT_ANDERS = "voortgangsrapportage"

STATUS = Vocabulary("status", {
    "behaald": "Behaald",
    "op koers": "Op koers",
    "aandachtspunt": "Aandachtspunt",
    "geen gegevens": "Geen gegevens",
})
GEEN_GEGEVENS = "geen gegevens"
#: Worst first: a KPI without a committee judgement takes the worst status of its measures.
STATUS_RANG = {"aandachtspunt": 0, "geen gegevens": 1, "op koers": 2, "behaald": 3}

NORM = Vocabulary("norm", {
    "hoger_dan_basis": "hoger dan in het basisjaar",
    "lager_dan_basis": "lager dan in het basisjaar",
    "minimaal": "minimaal",
    "informatief": "informatief",
})
INFORMATIEF = "informatief"

EENHEID = Vocabulary("eenheid", {
    "pct": "procent",
    "aantal": "aantal",
    "fte": "fte",
    "score": "score",
})

BRON = Vocabulary("bron", {
    "personeel": "berekend uit personeel.csv",
    "werkdrukmonitor": "berekend uit werkdrukmonitor.csv",
    "kpi_waarden": "aangeleverd in kpi_waarden.csv",
})
AGGREGATIE = Vocabulary("aggregatie", {"som": "som", "gemiddelde": "gemiddelde"})
KPI_SOORT = Vocabulary("soort", {"kwantitatief": "kwantitatief", "kwalitatief": "kwalitatief"})

MOMENT = Vocabulary("moment", {
    "voor": "Vóór het sectorplan",
    "nu": "Op het moment van de meting",
    "ideaal": "Ideaal",
})
SCORES = ("baanzekerheid", "werkdruk")

ROL = Vocabulary("rol", {"lid": "Commissie", "secretariaat": "Secretariaat"})
FUNCTIE = Vocabulary("functie", {"voorzitter": "voorzitter", "vicevoorzitter": "vicevoorzitter"})
AANHEF = Vocabulary("aanhef", {"de heer": "de heer", "mevrouw": "mevrouw"})

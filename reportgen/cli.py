"""Command line interface. Commands only parse arguments and call library functions;
domain errors (ReportgenError) become clean Dutch messages and exit codes, never
tracebacks. Click's own usage errors and help headings are Dutch too (see `_DutchGroup`).

Exit status: 0 success (warnings allowed), 1 data errors (and internal errors, with the
traceback in the build's log file), 2 usage errors (bad option, unknown year, missing data
folder, `init` into a folder that is not empty).

Where the data, output and templates are follows the project folder rule of
reportgen/project.py: the current directory or `--project DIR`, with `--data` / `--out`
overriding one folder each.
"""

from __future__ import annotations

import datetime as dt
import re
import os
import sys
from pathlib import Path
from typing import Any, NoReturn

import click

from .errors import DataError, ReportgenError, errors_of, warnings_of

USAGE_EXIT = 2
COMMANDS = "'init', 'validate', 'build', 'preview', 'status', 'factsheets', 'intake' of 'import'"


# ------------------------------------------------------------------ Dutch click plumbing


class _DutchCommand(click.Command):
    """Dutch help headings ("Gebruik", "Opties") and help-option text."""

    def __init__(self, *args: Any, **kwargs: Any):
        kwargs.setdefault("options_metavar", "[OPTIES]")
        super().__init__(*args, **kwargs)

    def format_usage(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        formatter.write_usage(ctx.command_path, " ".join(self.collect_usage_pieces(ctx)),
                              prefix="Gebruik: ")

    def format_options(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        records = [rv for p in self.get_params(ctx)
                   if isinstance(p, click.Option) and (rv := p.get_help_record(ctx))]
        if records:
            with formatter.section("Opties"):
                formatter.write_dl(records)

    def get_help_option(self, ctx: click.Context) -> click.Option | None:
        option = super().get_help_option(ctx)
        if option is not None:
            option.help = "Toon deze hulp en stop."
        return option


class _DutchGroup(_DutchCommand, click.Group):
    """The `reportgen` group: Dutch headings, and Dutch usage errors with exit status 2."""

    command_class = _DutchCommand

    def __init__(self, *args: Any, **kwargs: Any):
        kwargs.setdefault("subcommand_metavar", "OPDRACHT [ARGUMENTEN]...")
        super().__init__(*args, **kwargs)

    def format_options(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        _DutchCommand.format_options(self, ctx, formatter)
        rows = []
        for name in self.list_commands(ctx):
            cmd = self.get_command(ctx, name)
            if cmd is not None and not cmd.hidden:
                rows.append((name, cmd.get_short_help_str(60)))
        if rows:
            with formatter.section("Opdrachten"):
                formatter.write_dl(rows)

    def main(self, args: Any = None, prog_name: str | None = None,
             complete_var: str | None = None, standalone_mode: bool = True,
             **extra: Any) -> Any:
        if not standalone_mode:
            return super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
        try:
            rv = super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
        except click.UsageError as err:
            _usage_error(err)
        except click.ClickException as err:
            click.echo(f"Fout: {err.format_message()}", err=True)
            sys.exit(err.exit_code)
        except click.Abort:
            click.echo("Afgebroken.", err=True)
            sys.exit(1)
        sys.exit(rv if isinstance(rv, int) else 0)


class DutchUsageError(click.UsageError):
    """A usage error whose message is already Dutch."""


def _usage_error(err: click.UsageError) -> NoReturn:
    """Print a click usage error in Dutch (with the usage line) and exit with status 2."""
    ctx = err.ctx
    if type(err).__name__ == "NoArgsIsHelpError" and ctx is not None:  # plain `reportgen`
        click.echo(ctx.get_help(), err=True)
        sys.exit(USAGE_EXIT)
    if ctx is not None:
        click.echo(ctx.get_usage(), err=True)
        help_name = ctx.help_option_names[0] if ctx.help_option_names else "--help"
        click.echo(f"Zie '{ctx.command_path} {help_name}' voor alle opties.", err=True)
        click.echo("", err=True)
    click.echo(f"Fout: {_dutch_message(err)}", err=True)
    sys.exit(USAGE_EXIT)


def _hint(err: click.BadParameter) -> str:
    if err.param_hint is not None:
        hint = err.param_hint
        return hint if isinstance(hint, str) else " / ".join(repr(h) for h in hint)
    if err.param is not None:
        return err.param.get_error_hint(err.ctx)
    return "een parameter"


def _dutch_message(err: click.UsageError) -> str:
    if isinstance(err, DutchUsageError):
        return err.message
    if isinstance(err, click.NoSuchOption):
        text = f"Onbekende optie '{err.option_name}'."
        if err.possibilities:
            text += " Bedoelde u " + " of ".join(f"'{p}'" for p in err.possibilities) + "?"
        return text
    if isinstance(err, click.MissingParameter):
        if isinstance(err.param, click.Argument):
            return f"Geef {_hint(err)} op (het argument ontbreekt)."
        return f"De optie {_hint(err)} ontbreekt."
    if isinstance(err, click.BadParameter):
        return f"Ongeldige waarde voor {_hint(err)}: {err.message}"
    if isinstance(err, click.BadOptionUsage):
        if "does not take" in err.message:
            return f"De optie '{err.option_name}' neemt geen waarde."
        return f"De optie '{err.option_name}' heeft een waarde nodig."
    name = getattr(err, "command_name", None)
    if isinstance(err, getattr(click, "NoSuchCommand", ())) or name:
        return f"Onbekende opdracht '{name}'; kies {COMMANDS}."
    extra = re.match(r"Got unexpected extra arguments? \((.*)\)", err.message)
    if extra:
        return f"Onverwacht argument: {extra.group(1)}."
    if err.message.startswith("Missing command"):
        return f"Geef een opdracht: {COMMANDS}."
    return f"Ongeldig gebruik: {err.format_message()}"


class _Year(click.ParamType):
    name = "jaar"

    def convert(self, value: Any, param: Any, ctx: Any) -> int:
        if isinstance(value, int):
            return value
        try:
            return int(str(value).strip())
        except ValueError:
            self.fail(f"'{value}' is geen jaartal (verwacht bijvoorbeeld 2028).", param, ctx)


YEAR = _Year()


def _require_year(jaar: int | None) -> int:
    if jaar is None:
        ctx = click.get_current_context()
        raise DutchUsageError("Geef het verslagjaar op met --year, bijvoorbeeld --year 2028.",
                               ctx)
    return jaar


def _year_option(f: Any) -> Any:
    return click.option("--year", "jaar", type=YEAR, default=None, metavar="JAAR",
                        help="Verslagjaar, bijvoorbeeld 2028 (verplicht).")(f)


def _data_option(f: Any) -> Any:
    return click.option("--data", "data_dir", type=click.Path(path_type=Path),
                        default=None, metavar="MAP",
                        help="Map met referentie/ en een map per jaar (standaard: data/ "
                        "in de projectmap).")(f)


def _project_option(f: Any) -> Any:
    return click.option("--project", "project_dir", type=click.Path(path_type=Path),
                        default=None, metavar="MAP",
                        help="Projectmap met data/, out/ en eventueel templates/ "
                        "(standaard: de huidige map).")(f)


def _where(out_help: str | None = None) -> Any:
    """The options every command over a year of a project shares: --year, --project,
    --data, and --out (with its own help) when the command writes somewhere."""

    def decorate(f: Any) -> Any:
        if out_help is not None:
            f = click.option("--out", "out_dir", type=click.Path(path_type=Path),
                             default=None, metavar="MAP", help=out_help)(f)
        return _year_option(_project_option(_data_option(f)))

    return decorate


def _locate(project_dir: Path | None, data_dir: Path | None = None,
            out_dir: Path | None = None) -> Any:
    """The project of the options (reportgen/project.py); a usage error when it is not
    there."""
    from .project import locate

    try:
        return locate(project_dir, data_dir, out_dir)
    except ReportgenError as err:
        _fail(err)


# ---------------------------------------------------------------------------- commands


@click.group(cls=_DutchGroup, name="reportgen")
@click.version_option(package_name="reportgen", message="%(prog)s, versie %(version)s",
                      help="Toon de versie en stop.")
def main() -> None:
    """reportgen — rapporten van een sectorplan uit de jaarlijkse gegevens.

    Begin met 'reportgen init MAP' voor een nieuw project; voer daarna 'reportgen validate'
    en 'reportgen build' uit in die projectmap.
    """


def _fail(err: ReportgenError, quiet: bool = False) -> NoReturn:
    """Print a failed build or check: errors first, then (unless quiet) warnings; the log
    file when there is one. Exit with the error's status."""
    if isinstance(err, DataError):
        errors = errors_of(err.problems)
        click.echo(f"Mislukt: {len(errors)} fout(en) in de invoer; er is niets "
                   "geschreven en de vorige versie blijft staan.", err=True)
        for p in errors:
            click.echo(f"  {p}", err=True)
        warnings = warnings_of(err.problems)
        if warnings and not quiet:
            click.echo(f"Daarnaast {len(warnings)} waarschuwing(en):", err=True)
            for p in warnings:
                click.echo(f"  {p}", err=True)
    elif type(err).__name__ == "InternalError":
        click.echo(str(err), err=True)
    else:
        click.echo(f"Fout: {err}", err=True)
    log_path = getattr(err, "log_path", None)
    if log_path is not None and str(log_path) not in str(err):
        click.echo(f"Logbestand: {log_path}", err=True)
    sys.exit(err.exit_code)


@main.command(short_help="Controleer de invoer voor een verslagjaar.")
@_where()
@click.option("--draft", is_flag=True, help="Controleer voor een concept: wat ontbreekt "
              "wordt een waarschuwing (in het concept een zichtbare plaatshouder) in plaats "
              "van een fout.")
def validate(jaar: int | None, project_dir: Path | None, data_dir: Path | None,
             draft: bool) -> None:
    """Controleer de invoer voor een verslagjaar: alles wat een build tot en met de PDF
    controleert (gegevens, instellingen, ontbrekende onderdelen, teksten, invulvelden en
    verwijzingen). Meldt alle problemen tegelijk. Zonder --draft geldt elk ontbrekend
    onderdeel als fout, zoals bij een definitieve versie."""
    from .checks import validate_data

    jaar = _require_year(jaar)
    project = _locate(project_dir, data_dir)
    problems = _run("het controleren", validate_data, project.data_dir, jaar, draft=draft,
                    template_dirs=project.template_dirs)
    errors = errors_of(problems)
    for p in errors + warnings_of(problems):
        click.echo(str(p))
    n_warn = len(problems) - len(errors)
    if errors:
        click.echo(f"{len(errors)} fout(en), {n_warn} waarschuwing(en).", err=True)
        sys.exit(1)
    click.echo(f"Invoer voor {jaar} is in orde ({n_warn} waarschuwing(en)).")


@main.command(short_help="Bouw het rapport (PDF, brief, HTML, tabellen) voor een jaar.")
@_where(out_help="Uitvoermap; het rapport komt in <out>/<jaar>/, het "
              "logbestand in <out>/logs/ (standaard: out/ in de projectmap).")
@click.option("--draft", is_flag=True, help="Conceptversie: 'CONCEPT' op elke pagina, "
              "conceptnummer en builddatum in de voettekst; ontbrekende teksten en waarden "
              "worden zichtbare plaatshouders en waarschuwingen. Het conceptnummer is dat "
              "van de vorige build in dezelfde uitvoermap + 1 als die ook een concept was, "
              "anders 1. De builddatum is SOURCE_DATE_EPOCH als die is gezet, anders vandaag.")
@click.option("--zonder-markering", "zonder_markering", is_flag=True,
              help="Bij --draft: markeer niet wat sinds de vorige build in dezelfde "
              "uitvoermap is gewijzigd (standaard wel: gewijzigde cijfers en zinnen "
              "gemarkeerd, en vooraan een pagina met alle wijzigingen).")
@click.option("--quiet", "-q", is_flag=True, help="Niets tonen bij succes, alleen de fouten "
              "bij mislukken (voor geplande builds, cron).")
def build(jaar: int | None, project_dir: Path | None, data_dir: Path | None,
          out_dir: Path | None, draft: bool, zonder_markering: bool, quiet: bool) -> None:
    """Bouw het volledige rapport voor een verslagjaar: rapport.pdf, brief.pdf (als het
    rapport een brief heeft), rapport.html, tabellen (csv, xlsx), wijzigingen.md en
    manifest.json in <out>/<jaar>/.

    Zonder --draft is alles wat ontbreekt een fout. Een concept markeert wat sinds de
    vorige build in dezelfde uitvoermap is gewijzigd; een definitieve versie nooit. Een
    mislukte build laat de vorige versie ongemoeid. Een sjabloon of stylesheet in
    templates/ van de projectmap vervangt het standaardbestand met dezelfde naam.
    Afsluitstatus: 0 gelukt, 1 fouten in de invoer, 2 verkeerd gebruik.
    """
    from .build import BuildOptions, build_report, log_failure
    from .errors import IOProblem

    jaar = _require_year(jaar)
    project = _locate(project_dir, data_dir, out_dir)
    options = BuildOptions(data_dir=project.data_dir, out_dir=project.out_dir, jaar=jaar,
                           draft=draft, quiet=quiet, template_dirs=project.template_dirs,
                           markering=not zonder_markering)
    try:
        result = build_report(options)
    except ReportgenError as err:
        _warn_log_failure(log_failure())
        _fail(err, quiet)
    except OSError as err:
        _fail(IOProblem(err, "lezen of schrijven"), quiet)
    _warn_log_failure(log_failure())
    if quiet:
        return
    for p in result.warnings:
        click.echo(str(p))
    if result.warnings:
        click.echo("")
    click.echo(result.changes_short.rstrip())
    click.echo("")
    what = f"Concept {result.concept_nummer}" if result.concept_nummer else "Rapport"
    letter = "brief.pdf, " if (result.out_dir / "brief.pdf").exists() else ""
    click.echo(f"{what} geschreven in {result.out_dir}: rapport.pdf, {letter}rapport.html, "
               "tabellen, wijzigingen.md, manifest.json"
               + (f" ({len(result.warnings)} waarschuwing(en))" if result.warnings else "")
               + ".")
    if result.log_path is not None:
        click.echo(f"Logbestand: {result.log_path}")


def _warn_log_failure(reason: str | None) -> None:
    if reason:
        click.echo(f"Let op: het logbestand kon niet (volledig) worden geschreven: {reason}.",
                   err=True)


@main.command(short_help="Maak een nieuwe projectmap voor een sectorplan.")
@click.argument("map_", metavar="MAP", type=click.Path(path_type=Path))
@click.option("--start", "start", type=YEAR, default=None, metavar="JAAR",
              help="Eerste jaar van de looptijd (standaard: het huidige jaar).")
@click.option("--eind", "eind", type=YEAR, default=None, metavar="JAAR",
              help="Laatste jaar van de looptijd (standaard: gelijk aan --start; pas het "
              "later aan in data/referentie/sectorplan.toml).")
def init(map_: Path, start: int | None, eind: int | None) -> None:
    """Maak een nieuw project in MAP: data/ met lege invulbestanden (alleen de kopregel),
    sectorplan.toml, een map voor het eerste jaar met rapport.toml, en LEESMIJ.md met wat
    u invult en in welke volgorde. MAP moet nieuw of leeg zijn; er wordt niets
    overschreven."""
    from .project import create_project

    start = start if start is not None else dt.date.today().year
    eind = eind if eind is not None else start
    ctx = click.get_current_context()
    for name, value in (("--start", start), ("--eind", eind)):
        if not 1000 <= value <= 9999:
            raise DutchUsageError(f"{name} {value} is geen jaartal van vier cijfers.", ctx)
    if eind < start:
        raise DutchUsageError(f"--eind {eind} ligt voor --start {start}; het laatste jaar "
                              "van de looptijd kan niet voor het eerste liggen.", ctx)
    _run("het maken van het project", create_project, map_, start, eind)
    click.echo(f"Nieuw project gemaakt in {map_} (looptijd {start}–{eind}).")
    click.echo(f"Lees {map_ / 'LEESMIJ.md'}: daarin staat wat u invult en in welke volgorde.")
    click.echo(f"Controleer daarna in die map met: reportgen validate --year {start}")


@main.command(short_help="Bekijk het rapport in de browser; het werkt zich bij bij elke "
              "wijziging.")
@_where()
@click.option("--port", type=click.IntRange(1, 65535), default=None, metavar="POORT",
              help="Poort op 127.0.0.1 (standaard 8765; is die bezet, dan een vrije).")
@click.option("--draft", is_flag=True, help="Toon het rapport als concept: ontbrekende "
              "teksten en waarden worden zichtbare plaatshouders in plaats van fouten.")
@click.option("--markeer", is_flag=True, help="Markeer wat sinds de laatste build in de "
              "uitvoermap is gewijzigd, zoals in een concept-PDF.")
@click.option("--out", "out_dir", type=click.Path(path_type=Path), default=None,
              metavar="MAP", help="Uitvoermap met de laatste build, voor --markeer en het "
              "conceptnummer (standaard: out/ in de projectmap).")
def preview(jaar: int | None, project_dir: Path | None, data_dir: Path | None,
            port: int | None, draft: bool, markeer: bool, out_dir: Path | None) -> None:
    """Start een lokale webserver (alleen op deze computer bereikbaar) die het rapport als
    webpagina toont. Bij elke wijziging in de datamap of de sjablonen wordt het rapport
    opnieuw opgemaakt en ververst de geopende pagina zich op dezelfde plek. Een fout in een
    tekst verschijnt bovenaan de pagina, met bestand en regel; het voorbeeld blijft
    draaien. Stoppen met Ctrl-C."""
    from .preview import PreviewOptions, run_preview

    jaar = _require_year(jaar)
    project = _locate(project_dir, data_dir, out_dir)
    options = PreviewOptions(data_dir=project.data_dir, jaar=jaar, draft=draft,
                             markeer=markeer, out_dir=project.out_dir, port=port,
                             template_dirs=project.template_dirs)
    try:
        run_preview(options)
    except ReportgenError as err:
        _fail(err)


def _run(what: str, func: Any, *args: Any, **kwargs: Any) -> Any:
    """Call a library function for a command: domain errors become messages and exit
    codes, file system errors and bugs short Dutch messages (never a traceback)."""
    from .errors import IOProblem

    try:
        return func(*args, **kwargs)
    except ReportgenError as err:
        _fail(err)
    except OSError as err:
        _fail(IOProblem(err, "lezen of schrijven"))
    except Exception as err:  # a bug, not a data problem: no traceback for the user
        click.echo(f"Onverwachte fout in reportgen bij {what} ({type(err).__name__}: "
                   f"{err}). Dit is een fout in het programma, niet in de gegevens; meld het "
                   "aan de beheerder (details: draai met PYTHONDEVMODE=1).", err=True)
        if os.environ.get("PYTHONDEVMODE"):
            raise
        sys.exit(1)


@main.command(short_help="Maak per instelling een werkmap om de gegevens van een jaar "
              "aan te leveren.")
@_where(out_help="Map voor de werkmappen (standaard: out/intake/<jaar> in "
              "de projectmap).")
def intake(jaar: int | None, project_dir: Path | None, data_dir: Path | None,
           out_dir: Path | None) -> None:
    """Maak voor elke instelling uit referentie/umcs.csv een Excel-werkmap
    (intake-<jaar>-<code>.xlsx) met de bladen financien, personeel en kpi_waarden, een
    toelichting en keuzelijsten. Het blad personeel is gevuld met de personen van het
    vorige jaar. Stuur elke instelling haar eigen werkmap; lees de ingevulde werkmappen in
    met 'reportgen import'."""
    from .intake import write_intake

    jaar = _require_year(jaar)
    project = _locate(project_dir, data_dir)
    result = _run("het maken van de werkmappen", write_intake, project.data_dir, jaar,
                  out_dir or project.intake_dir(jaar))
    for p in result.warnings:
        click.echo(str(p))
    click.echo(f"{len(result.paths)} werkmap(pen) geschreven in {result.folder}:")
    for path in result.paths:
        click.echo(f"  {path.name}")


@main.command("import", short_help="Lees de ingevulde werkmappen van de instellingen in.")
@_where(out_help="Map voor de terugkoppelingswerkmappen (standaard: "
              "out/intake/<jaar> in de projectmap).")
@click.argument("paden", nargs=-1, type=click.Path(path_type=Path), metavar="PAD...")
def import_(jaar: int | None, project_dir: Path | None, data_dir: Path | None,
            out_dir: Path | None, paden: tuple[Path, ...]) -> None:
    """Lees de ingevulde werkmappen in (bestanden, of mappen met werkmappen). Een werkmap
    zonder fouten vervangt de regels van haar instelling in <data>/<jaar>/financien.csv,
    personeel.csv en kpi_waarden.csv; de regels van de andere instellingen blijven staan.
    Een werkmap met fouten verandert niets en krijgt een terugkoppelingswerkmap
    (terugkoppeling-<jaar>-<code>.xlsx) met de foute cellen gemarkeerd.

    Afsluitstatus: 0 alles ingelezen, 1 een of meer werkmappen met fouten, 2 verkeerd
    gebruik."""
    from .importing import import_workbooks

    jaar = _require_year(jaar)
    if not paden:
        raise DutchUsageError("Geef een of meer werkmappen of mappen op, bijvoorbeeld: "
                              f"reportgen import --year {jaar} retour/",
                              click.get_current_context())
    project = _locate(project_dir, data_dir)
    result = _run("het inlezen", import_workbooks, project.data_dir, jaar, list(paden),
                  out_dir or project.intake_dir(jaar))
    for p in result.warnings:
        click.echo(str(p))
    failed = 0
    for d in result.deliveries:
        who = f"{d.code} ({d.path})" if d.code else str(d.path)
        errors, warns = errors_of(d.problems), warnings_of(d.problems)
        if d.imported:
            counts = ", ".join(f"{len(d.frames[t])} regel(s) {t}" for t in d.frames)
            click.echo(f"{who}: ingelezen — {counts}"
                       + (f"; {len(warns)} waarschuwing(en)" if warns else "") + ".")
        else:
            failed += 1
            where = f"; terugkoppeling: {d.feedback}" if d.feedback else ""
            click.echo(f"{who}: niet ingelezen, {len(errors)} fout(en){where}.")
        for p in errors + warns:
            click.echo(f"  {p}")
    if result.written:
        click.echo("Bijgewerkt: " + ", ".join(str(p) for p in result.written) + ".")
    for path in result.removed:
        click.echo(f"Verouderde terugkoppeling verwijderd: {path}")
    n = len(result.deliveries)
    if failed:
        click.echo(f"{n - failed} van {n} werkmap(pen) ingelezen; {failed} met fouten "
                   "(hun gegevens zijn niet gewijzigd).", err=True)
        sys.exit(1)
    click.echo(f"{n} van {n} werkmap(pen) ingelezen.")


@main.command(short_help="Toon per instelling en per onderdeel wat er is aangeleverd en of "
              "een definitieve build kan draaien.")
@_where()
@click.option("--html", "html_path", type=click.Path(path_type=Path), default=None,
              metavar="BESTAND", help="Schrijf hetzelfde overzicht ook als zelfstandige "
              "HTML-pagina (om rond te sturen).")
def status(jaar: int | None, project_dir: Path | None, data_dir: Path | None,
           html_path: Path | None) -> None:
    """Toon de stand van de aanlevering voor een verslagjaar: per onderdeel (financiën,
    personeel, KPI-waarden, teksten, oordelen van de commissie, rapport- en
    sectorplaninstellingen, werkdrukmonitor) en per instelling of het is aangeleverd,
    ontbreekt of fouten heeft, en
    onderaan of een definitieve build nu kan draaien. Het overzicht komt uit dezelfde
    controles als 'reportgen validate' en de build.

    Afsluitstatus: 0 een definitieve build kan draaien, 1 niet (fouten), 2 verkeerd
    gebruik."""
    from .build import write_file_atomic
    from .render.status import print_status, status_html
    from .checks import collect_status
    from .view.status import status_view, validate_hint

    jaar = _require_year(jaar)
    data_dir = _locate(project_dir, data_dir).data_dir
    result = _run("het opstellen van het overzicht", collect_status, data_dir, jaar)
    view = status_view(result, instelling=result.instelling)
    hint = validate_hint(jaar, data_dir)
    print_status(view, hint=hint)
    if html_path is not None:
        page = _run("het schrijven van de HTML-pagina", status_html, view, hint)
        if html_path.parent and not html_path.parent.is_dir():
            html_path.parent.mkdir(parents=True, exist_ok=True)
        _run("het schrijven van de HTML-pagina", write_file_atomic, html_path,
             page.encode("utf-8"))
        click.echo(f"Overzicht geschreven: {html_path}")
    sys.exit(0 if result.can_build else 1)


@main.command(short_help="Maak per instelling een factsheet (PDF) voor de locatiebezoeken.")
@_where(out_help="Uitvoermap; de factsheets komen in "
              "<out>/factsheets/<jaar>/ (standaard: out/ in de projectmap).")
def factsheets(jaar: int | None, project_dir: Path | None, data_dir: Path | None,
               out_dir: Path | None) -> None:
    """Maak voor elke instelling een factsheet van één of twee A4-pagina's
    (factsheet-<jaar>-<code>.pdf) met haar formatie naar contractvorm tegenover de
    begroting, haar structurele realisatie naast die van alle instellingen samen, het aantal
    medewerkers en vrouwen/mannen, besteding en onderbesteding, de ontwikkeling over de
    jaren en haar rij uit de themamatrix. De cijfers zijn die uit de tabellen van het
    rapport.

    Afsluitstatus: 0 gelukt, 1 fouten in de invoer, 2 verkeerd gebruik."""
    from .factsheets import write_factsheets

    jaar = _require_year(jaar)
    project = _locate(project_dir, data_dir, out_dir)
    result = _run("het maken van de factsheets", write_factsheets, project.data_dir, jaar,
                  project.out_dir, template_dirs=project.template_dirs)
    if result.warnings:
        click.echo(f"De gegevens geven {len(result.warnings)} waarschuwing(en); zie "
                   f"'reportgen validate --year {jaar}'.")
    click.echo(f"{len(result.paths)} factsheet(s) geschreven in {result.folder}:")
    for path in result.paths:
        click.echo(f"  {path.name}")

"""Command line interface. Commands only parse arguments and call library functions;
domain errors (ReportgenError) become clean Dutch messages and exit codes, never
tracebacks. Click's own usage errors and help headings are Dutch too (see `_DutchGroup`).

Exit status: 0 success (warnings allowed), 1 data errors (and internal errors, with the
traceback in the build's log file), 2 usage errors (bad option, unknown year, missing data
folder).
"""

from __future__ import annotations

import re
import os
import sys
from pathlib import Path
from typing import Any, NoReturn

import click

from .errors import DataError, ReportgenError, errors_of, warnings_of

DEFAULT_DATA = Path("data")
DEFAULT_OUT = Path("out")
USAGE_EXIT = 2
COMMANDS = "'build', 'preview', 'validate', 'intake' of 'import'"


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
                        default=DEFAULT_DATA, metavar="MAP",
                        help="Map met referentie/ en een map per jaar (standaard: data).")(f)


# ---------------------------------------------------------------------------- commands


@click.group(cls=_DutchGroup, name="reportgen")
@click.version_option(package_name="reportgen", message="%(prog)s, versie %(version)s",
                      help="Toon de versie en stop.")
def main() -> None:
    """reportgen — het evaluatierapport van het sectorplan 'Versnellen op gezondheid'."""


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
@_year_option
@_data_option
@click.option("--draft", is_flag=True, help="Controleer voor een concept: wat ontbreekt "
              "wordt een waarschuwing (in het concept een zichtbare plaatshouder) in plaats "
              "van een fout.")
def validate(jaar: int | None, data_dir: Path, draft: bool) -> None:
    """Controleer de invoer voor een verslagjaar: alles wat een build tot en met de PDF
    controleert (gegevens, instellingen, ontbrekende onderdelen, teksten, invulvelden en
    verwijzingen). Meldt alle problemen tegelijk."""
    from .build import validate_data

    jaar = _require_year(jaar)
    try:
        problems = validate_data(data_dir, jaar, draft=draft)
    except ReportgenError as err:
        _fail(err)
    except OSError as err:
        click.echo(f"Lezen mislukt: {err}", err=True)
        sys.exit(1)
    except Exception as err:  # a bug, not a data problem: no traceback for the user
        click.echo(f"Onverwachte fout in reportgen bij het controleren ({type(err).__name__}: "
                   f"{err}). Dit is een fout in het programma, niet in de gegevens; meld het "
                   "aan de beheerder (details: draai met PYTHONDEVMODE=1).", err=True)
        if os.environ.get("PYTHONDEVMODE"):
            raise
        sys.exit(1)
    errors = errors_of(problems)
    for p in errors + warnings_of(problems):
        click.echo(str(p))
    n_warn = len(problems) - len(errors)
    if errors:
        click.echo(f"{len(errors)} fout(en), {n_warn} waarschuwing(en).", err=True)
        sys.exit(1)
    click.echo(f"Invoer voor {jaar} is in orde ({n_warn} waarschuwing(en)).")


@main.command(short_help="Bouw het rapport (PDF, brief, HTML, tabellen) voor een jaar.")
@_year_option
@_data_option
@click.option("--out", "out_dir", type=click.Path(path_type=Path), default=DEFAULT_OUT,
              metavar="MAP", help="Uitvoermap; het rapport komt in <out>/<jaar>/, het "
              "logbestand in <out>/logs/ (standaard: out).")
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
def build(jaar: int | None, data_dir: Path, out_dir: Path, draft: bool,
          zonder_markering: bool, quiet: bool) -> None:
    """Bouw het volledige rapport voor een verslagjaar: rapport.pdf, brief.pdf (als het
    rapport een brief heeft), rapport.html, tabellen (csv, xlsx), wijzigingen.md en
    manifest.json in <out>/<jaar>/.

    Zonder --draft is alles wat ontbreekt een fout. Een concept markeert wat sinds de
    vorige build in dezelfde uitvoermap is gewijzigd; een definitieve versie nooit. Een
    mislukte build laat de vorige versie ongemoeid. Afsluitstatus: 0 gelukt, 1 fouten in
    de invoer, 2 verkeerd gebruik.
    """
    from .build import BuildOptions, build_report

    jaar = _require_year(jaar)
    options = BuildOptions(data_dir=data_dir, out_dir=out_dir, jaar=jaar, draft=draft,
                           quiet=quiet, markering=not zonder_markering)
    try:
        result = build_report(options)
    except ReportgenError as err:
        _fail(err, quiet)
    except OSError as err:
        click.echo(f"Schrijven of lezen mislukt: {err}", err=True)
        sys.exit(1)
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
    click.echo(f"Logbestand: {result.log_path}")


@main.command(short_help="Bekijk het rapport in de browser; het werkt zich bij bij elke "
              "wijziging.")
@_year_option
@_data_option
@click.option("--port", type=click.IntRange(1, 65535), default=None, metavar="POORT",
              help="Poort op 127.0.0.1 (standaard 8765; is die bezet, dan een vrije).")
@click.option("--draft", is_flag=True, help="Toon het rapport als concept: ontbrekende "
              "teksten en waarden worden zichtbare plaatshouders in plaats van fouten.")
@click.option("--markeer", is_flag=True, help="Markeer wat sinds de laatste build in de "
              "uitvoermap is gewijzigd, zoals in een concept-PDF.")
@click.option("--out", "out_dir", type=click.Path(path_type=Path), default=DEFAULT_OUT,
              metavar="MAP", help="Uitvoermap met de laatste build, voor --markeer en het "
              "conceptnummer (standaard: out).")
def preview(jaar: int | None, data_dir: Path, port: int | None, draft: bool, markeer: bool,
            out_dir: Path) -> None:
    """Start een lokale webserver (alleen op deze computer bereikbaar) die het rapport als
    webpagina toont. Bij elke wijziging in de datamap of de sjablonen wordt het rapport
    opnieuw opgemaakt en ververst de geopende pagina zich op dezelfde plek. Een fout in een
    tekst verschijnt bovenaan de pagina, met bestand en regel; het voorbeeld blijft
    draaien. Stoppen met Ctrl-C."""
    from .preview import PreviewOptions, run_preview

    jaar = _require_year(jaar)
    options = PreviewOptions(data_dir=data_dir, jaar=jaar, draft=draft, markeer=markeer,
                             out_dir=out_dir, port=port)
    try:
        run_preview(options)
    except ReportgenError as err:
        _fail(err)


def _run(what: str, func: Any, *args: Any) -> Any:
    """Call a library function for `intake`/`import`: domain errors become messages and
    exit codes, file system errors and bugs short Dutch messages (never a traceback)."""
    try:
        return func(*args)
    except ReportgenError as err:
        _fail(err)
    except OSError as err:
        click.echo(f"Lezen of schrijven mislukt: {err}", err=True)
        sys.exit(1)
    except Exception as err:  # a bug, not a data problem: no traceback for the user
        click.echo(f"Onverwachte fout in reportgen bij {what} ({type(err).__name__}: "
                   f"{err}). Dit is een fout in het programma, niet in de gegevens; meld het "
                   "aan de beheerder (details: draai met PYTHONDEVMODE=1).", err=True)
        if os.environ.get("PYTHONDEVMODE"):
            raise
        sys.exit(1)


@main.command(short_help="Maak per instelling een werkmap om de gegevens van een jaar "
              "aan te leveren.")
@_year_option
@_data_option
@click.option("--out", "out_dir", type=click.Path(path_type=Path), default=None,
              metavar="MAP", help="Map voor de werkmappen (standaard: out/intake/<jaar>).")
def intake(jaar: int | None, data_dir: Path, out_dir: Path | None) -> None:
    """Maak voor elke instelling uit referentie/umcs.csv een Excel-werkmap
    (intake-<jaar>-<code>.xlsx) met de bladen financien, personeel en kpi_waarden, een
    toelichting en keuzelijsten. Het blad personeel is gevuld met de personen van het
    vorige jaar. Stuur elke instelling haar eigen werkmap; lees de ingevulde werkmappen in
    met 'reportgen import'."""
    from .intake import write_intake

    jaar = _require_year(jaar)
    result = _run("het maken van de werkmappen", write_intake, data_dir, jaar, out_dir)
    for p in result.warnings:
        click.echo(str(p))
    click.echo(f"{len(result.paths)} werkmap(pen) geschreven in {result.folder}:")
    for path in result.paths:
        click.echo(f"  {path.name}")


@main.command("import", short_help="Lees de ingevulde werkmappen van de instellingen in.")
@_year_option
@_data_option
@click.option("--out", "out_dir", type=click.Path(path_type=Path), default=None,
              metavar="MAP", help="Map voor de terugkoppelingswerkmappen (standaard: "
              "out/intake/<jaar>).")
@click.argument("paden", nargs=-1, type=click.Path(path_type=Path), metavar="PAD...")
def import_(jaar: int | None, data_dir: Path, out_dir: Path | None,
            paden: tuple[Path, ...]) -> None:
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
    result = _run("het inlezen", import_workbooks, data_dir, jaar, list(paden), out_dir)
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

"""Command line interface. Commands only parse arguments and call library functions;
domain errors (ReportgenError) become clean messages and exit codes, never tracebacks.

Exit status: 0 success (warnings allowed), 1 data errors, 2 usage errors.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from .errors import ReportgenError

DEFAULT_DATA = Path("data")
DEFAULT_OUT = Path("out")


def _fail(err: ReportgenError) -> None:
    click.echo(str(err), err=True)
    sys.exit(err.exit_code)


@click.group()
@click.version_option(package_name="reportgen")
def main() -> None:
    """reportgen — het evaluatierapport van het sectorplan 'Versnellen op gezondheid'."""


@main.command()
@click.option("--year", "jaar", type=int, required=True, help="Verslagjaar, bijv. 2028.")
@click.option("--data", "data_dir", type=click.Path(path_type=Path), default=DEFAULT_DATA,
              show_default=True, help="Map met referentie/ en een map per jaar.")
def validate(jaar: int, data_dir: Path) -> None:
    """Controleer de invoer voor een verslagjaar; meldt alle problemen tegelijk."""
    from .build import validate_data

    try:
        problems = validate_data(data_dir, jaar)
    except ReportgenError as err:
        _fail(err)
        return
    for p in problems:
        click.echo(str(p))
    n_err = sum(p.is_error for p in problems)
    n_warn = len(problems) - n_err
    if n_err:
        click.echo(f"{n_err} fout(en), {n_warn} waarschuwing(en).", err=True)
        sys.exit(1)
    click.echo(f"Invoer voor {jaar} is in orde ({n_warn} waarschuwing(en)).")


@main.command()
@click.option("--year", "jaar", type=int, required=True, help="Verslagjaar, bijv. 2028.")
@click.option("--data", "data_dir", type=click.Path(path_type=Path), default=DEFAULT_DATA,
              show_default=True, help="Map met referentie/ en een map per jaar.")
@click.option("--out", "out_dir", type=click.Path(path_type=Path), default=DEFAULT_OUT,
              show_default=True, help="Uitvoermap; het rapport komt in <out>/<jaar>/.")
@click.option("--draft", is_flag=True, help="Conceptversie: 'CONCEPT' op elke pagina; "
              "ontbrekende teksten en waarden worden zichtbare plaatshouders en waarschuwingen.")
@click.option("--quiet", is_flag=True, help="Alleen fouten tonen (voor geplande builds).")
def build(jaar: int, data_dir: Path, out_dir: Path, draft: bool, quiet: bool) -> None:
    """Bouw het volledige rapport (PDF, brief, HTML, tabellen) voor een verslagjaar."""
    from .build import BuildOptions, build_report

    options = BuildOptions(data_dir=data_dir, out_dir=out_dir, jaar=jaar, draft=draft,
                           quiet=quiet)
    try:
        result = build_report(options)
    except ReportgenError as err:
        _fail(err)
        return
    except OSError as err:
        click.echo(f"Schrijven of lezen mislukt: {err}", err=True)
        sys.exit(1)
    if quiet:
        return
    for p in result.warnings:
        click.echo(str(p))
    click.echo(result.changes_markdown.rstrip())
    click.echo(f"Rapport geschreven: {result.pdf_path}")
    click.echo(f"Logbestand: {result.log_path}")

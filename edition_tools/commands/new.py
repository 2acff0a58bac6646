"""``edition new DIR``: a new edition folder with a sample transcript, ready to build."""

from __future__ import annotations

import shlex

import click

from ..diagnostics import UserError


@click.command("new", short_help="Make a new edition folder with a sample transcript.")
@click.argument("folder", type=click.Path(file_okay=True, dir_okay=True))
@click.option("--title", default=None, help="The edition's title (written to edition.toml).")
@click.pass_context
def command(ctx, folder, title):
    """Make a new edition in FOLDER: edition.toml, transcripts/ with a sample transcript and its
    metadata sidecar, and an empty tei/. FOLDER must be new or empty.

    \b
    Example:
      edition new my-edition --title "Letters from Trieste, 1910-1914"
      cd my-edition && edition build
    """
    from ..scaffold import create_edition

    try:
        files = create_edition(folder, title)
    except UserError as exc:
        click.echo(str(exc), err=True)
        ctx.exit(1)
    click.echo(f"made a new edition in {folder}:")
    for f in files:
        click.echo(f"  {f}")
    click.echo("next: put your transcripts (.txt) in transcripts/, then build the edition:")
    click.echo(f"  cd {shlex.quote(folder)} && edition build")

"""``edition build [DIR]``: the whole pipeline, doing only what changed."""

from __future__ import annotations

import json
from pathlib import Path

import click

from ..build.pipeline import display_path
from ..diagnostics import UserError, summary_line
from ..parallel import default_jobs
from ..project import load_project


@click.command("build", short_help="Convert, validate and render an edition, redoing only what changed.")
@click.argument("folder", default=".", type=click.Path(file_okay=False))
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=None,
              help="Documents processed in parallel (default: the number of cores).")
@click.option("--clean", is_flag=True, help="Empty the output folder and rebuild everything.")
@click.option("--keep-going", is_flag=True, help="Render even when validation found errors.")
@click.option("--pdf/--no-pdf", default=None, help="Make the PDFs, per document and of the whole edition (default: as edition.toml says).")
@click.option("-q", "--quiet", is_flag=True, help="Print only errors and warnings: no progress bar, no summary.")
@click.option("-v", "--verbose", is_flag=True, help="Also print informational messages.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="json: one JSON object on stdout (diagnostics, counts, where the site is).")
@click.pass_context
def command(ctx, folder, jobs, clean, keep_going, pdf, quiet, verbose, fmt):
    """Convert, validate and render the edition in FOLDER (default: here).

    Transcripts without TEI are converted (a TEI file is never overwritten), every TEI file is
    validated (errors stop the build before rendering, unless --keep-going), and the HTML site
    and PDFs are written to the output folder (site/). A second build redoes only what changed.

    \b
    Example:
      edition build                 # the edition in this folder
      edition build my-edition -j 2 --no-pdf
      edition build --clean --format json > report.json
    """
    from ..build import BuildOptions, build

    try:
        project = load_project(folder)
        options = BuildOptions(
            jobs=jobs or default_jobs(), clean=clean, keep_going=keep_going, pdf=pdf, edition_pdf=pdf,
            progress=False if (quiet or fmt == "json") else None,
        )
        report = build(project, options)
    except UserError as exc:
        click.echo(str(exc), err=True)
        ctx.exit(1)
    except OSError as exc:  # the disk: permissions, space
        where = exc.filename or folder
        click.echo(f"{where}: error: cannot write the output: {exc.strerror or exc} (check the folder's permissions and free space)", err=True)
        ctx.exit(1)
    if fmt == "json":
        click.echo(json.dumps(report.as_dict(), ensure_ascii=False, indent=2, sort_keys=True))
        ctx.exit(0 if report.ok else 1)
    for d in report.diagnostics:
        if d.severity != "info" or verbose:
            click.echo(d.format(), err=True)
    if not quiet:
        for line in summary_lines(report):
            click.echo(line)
    ctx.exit(0 if report.ok else 1)


def summary_lines(report) -> list[str]:
    """The few lines printed after a build: what was done, the counts, where to look."""
    lines = []
    if report.did_nothing and not report.stopped:
        lines.append(f"nothing to do: {_n(report.documents, 'document')} up to date ({report.seconds:.2f} s)")
    else:
        done = []
        if report.converted:
            done.append(f"converted {_n(len(report.converted), 'transcript')}")
        if report.validated:
            done.append(f"validated {_n(report.validated, 'TEI file')}")
        if report.rendered:
            pdfs = f" ({_n(report.pdfs, 'PDF')})" if report.pdfs else ""
            done.append(f"rendered {_n(report.rendered, 'document')}{pdfs}")
        if report.removed:
            done.append(f"removed the pages of {_n(report.removed, 'deleted document')}")
        if report.site_written:
            done.append(f"wrote {_n(report.site_pages, 'site file')}")
        if report.edition_pdf:
            done.append(f"wrote {report.edition_pdf}")
        if done:
            lines.append("; ".join(done))
        lines.append(f"{summary_line(report.diagnostics, report.files)} ({report.seconds:.2f} s)")
    if report.stopped:
        lines.append(f"build stopped: {report.stopped}")
    index = report.project.index_html
    if index.exists():
        here = report.project.root == Path.cwd().resolve()
        serve = "edition serve" if here else f"edition serve {display_path(report.project.root)}"
        lines.append(f"open {display_path(index)} ({index.as_uri()}) or run: {serve}")
    return lines


def _n(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"

"""``edition render``: TEI documents to a static HTML site and/or PDF."""

from __future__ import annotations

import importlib

import sys
from pathlib import Path

import click

from ..diagnostics import UserError, summary_line
from ..fsutil import collect


@click.command("render")
@click.argument("paths", nargs=-1, required=True)
@click.option("-o", "--output", "out_dir", required=True, type=click.Path(file_okay=False, path_type=Path),
              help="Folder to write the site (and PDFs) into; created if missing.")
@click.option("--to", "target", type=click.Choice(["html", "pdf", "all"]), default="html", show_default=True,
              help="What to write: the HTML site, PDFs (one per document and edition.pdf), or both.")
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=1, show_default=True,
              help="Documents rendered in parallel (processes).")
@click.option("--site-title", default="Edition", show_default=True, help="Name of the edition shown on every page.")
@click.option("--base-url", default="", help="Public URL of the site, used in the 'cite this' lines (e.g. https://example.org/ed/).")
@click.option("--no-review", is_flag=True, help="Leave out the review view (conversion notes, uncertain readings).")
def command(paths, out_dir, target, jobs, site_title, base_url, no_review):
    """Render TEI documents (files, folders or globs) as a static HTML site and/or PDF.

    The site has a reading and a diplomatic page per document (and a review page unless
    --no-review), an index by date, registers of persons, places and original-language terms,
    and a search that works from static files. Everything it needs is inside the output folder.
    A document that cannot be read is reported on one line (file:line:col) and skipped; the exit
    code is then 1.

    \b
    Example:
      edition render tei/ -o site/
      edition render tei/*.xml -o out/ --to all --jobs 2
    """
    files = collect(paths, (".xml",))
    if not files:
        raise UserError("no TEI files (*.xml) found in " + ", ".join(paths) + "; give the files or the folder that holds them")
    if base_url and not base_url.endswith("/"):
        base_url += "/"
    options = {"site_title": site_title, "base_url": base_url, "review": not no_review}
    problems = []
    good: list[Path] = []

    if target in ("html", "all"):
        from ..render.site import render_documents, write_site

        summaries = []
        for path, (written, summary, diag) in zip(files, render_documents(files, out_dir, jobs=jobs, options=options)):
            if diag is not None:
                problems.append(diag)
                click.echo(diag.format(), err=True)
                continue
            summaries.append(summary)
            good.append(path)
        slugs = {}
        for s in summaries:
            if s["slug"] in slugs:
                raise UserError(f"two documents would both be written as {s['slug']}.html: {slugs[s['slug']]} and {s['source']}; rename one",
                                s["source"])
            slugs[s["slug"]] = s["source"]
        write_site(summaries, out_dir, site_title=site_title)
        click.echo(f"wrote {len(summaries)} document{'s' if len(summaries) != 1 else ''} and the site pages to {out_dir}", err=True)
    else:
        good = list(files)

    if target in ("pdf", "all"):
        try:
            # import_module consults sys.modules, so a missing (or blocked) module is noticed even when
            # the package already holds the attribute from an earlier import
            pdf = importlib.import_module("edition_tools.render.pdf")
        except ImportError as exc:
            raise click.UsageError(f"PDF output is not available in this installation ({exc}); use --to html") from None
        from ..render.html import Renderer
        from ..xmlio import XMLInputError

        renderer = Renderer(**options)
        pdf_sources = []
        for path in good:
            try:
                pdf.write_document_pdf(path, out_dir, renderer)
                pdf_sources.append(path)
            except XMLInputError as exc:
                diag = UserError(exc.message, exc.path, exc.line, exc.column, exc.code).as_diagnostic()
                problems.append(diag)
                click.echo(diag.format(), err=True)
            except UserError as exc:
                problems.append(exc.as_diagnostic())
                click.echo(str(exc), err=True)
        if pdf_sources:
            extra = {"title": site_title} if site_title != "Edition" else {}
            pdf.write_edition_pdf(pdf_sources, out_dir / "edition.pdf", renderer, **extra)
        click.echo(f"wrote {len(pdf_sources)} PDF{'s' if len(pdf_sources) != 1 else ''} and edition.pdf to {out_dir}", err=True)

    if problems:
        click.echo(summary_line(problems, len(files)), err=True)
    sys.exit(1 if problems else 0)

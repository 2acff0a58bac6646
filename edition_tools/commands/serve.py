"""``edition serve [DIR]``: preview the built site on localhost, rebuilding on change."""

from __future__ import annotations

import click

from ..diagnostics import UserError
from ..parallel import default_jobs
from ..project import load_project


@click.command("serve", short_help="Preview the built site on 127.0.0.1, rebuilding on change.")
@click.argument("folder", default=".", type=click.Path(file_okay=False))
@click.option("-p", "--port", type=click.IntRange(0, 65535), default=8000, show_default=True,
              help="Port on 127.0.0.1; 0 picks a free one.")
@click.option("--build/--no-build", "build_first", default=True, show_default=True,
              help="Build before serving.")
@click.option("--watch/--no-watch", default=True, show_default=True,
              help="Rebuild when edition.toml, a transcript or a TEI file changes.")
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=None, help="Parallel documents (default: cores).")
@click.option("--pdf/--no-pdf", default=None, help="Make the PDFs (default: as edition.toml says).")
@click.pass_context
def command(ctx, folder, port, build_first, watch, jobs, pdf):
    """Serve the site of the edition in FOLDER on http://127.0.0.1:PORT/ for preview, and rebuild
    it when its files change. Only this computer can connect. Stop with Ctrl-C.

    \b
    Example:
      edition serve                  # then open http://127.0.0.1:8000/
      edition serve my-edition --port 0 --no-pdf
    """
    from ..build import BuildOptions, build
    from ..build.serve import PreviewServer
    from .build import summary_lines

    def rebuild():
        report = build(load_project(folder), BuildOptions(jobs=jobs or default_jobs(), pdf=pdf, edition_pdf=pdf))
        for d in report.diagnostics:
            if d.severity != "info":
                click.echo(d.format(), err=True)
        for line in summary_lines(report):
            if not line.startswith("open "):
                click.echo(line, err=True)

    try:
        project = load_project(folder)
        if build_first:
            rebuild()
        server = PreviewServer(project, port, rebuild if watch else None)
    except UserError as exc:
        click.echo(str(exc), err=True)
        ctx.exit(1)
    try:  # from the start on: a Ctrl-C right after the address is printed also stops the server cleanly
        server.start()
        click.echo(f"serving {project.relative(project.output_dir)}/ at {server.url} (Ctrl-C to stop)", err=False)
        if not project.index_html.exists():
            click.echo("there is no index.html yet: build the edition (edition build) to see the site", err=True)
        server.wait()
    except KeyboardInterrupt:
        pass
    finally:
        server.stop()
    click.echo("stopped", err=True)

"""``edition convert``: transcripts to TEI."""

from __future__ import annotations

import sys
from functools import partial
from pathlib import Path

import click

from ..convert.layouts import LAYOUTS
from ..diagnostics import UserError
from ..fsutil import collect
from ..parallel import run_many


def _convert_one(src: Path, out_dir: Path, layout: str, meta: Path | None, force: bool):
    from ..convert.api import convert_file

    return convert_file(src, out_dir, layout=layout, meta=meta, force=force)


@click.command("convert")
@click.argument("sources", nargs=-1, required=True, metavar="SRC...")
@click.option("-o", "--output", "out_dir", required=True, type=click.Path(file_okay=False, path_type=Path),
              help="Folder for the TEI files (DIR/<stem>.xml).")
@click.option("--layout", type=click.Choice(["auto", *LAYOUTS]), default="auto", show_default=True,
              help="Transcript layout; auto detects it.")
@click.option("--meta", type=click.Path(dir_okay=False, path_type=Path),
              help="Metadata sidecar (TOML); default: <stem>.meta.toml beside each transcript.")
@click.option("--report", "report_format", type=click.Choice(["text", "json"]), default=None,
              help="Print the conversion report (every heuristic decision with its line) on stdout.")
@click.option("--force", is_flag=True, help="Overwrite TEI files that already exist (they may be hand-edited).")
@click.option("-j", "--jobs", type=click.IntRange(1, 64), default=1, show_default=True, help="Parallel processes.")
def command(sources, out_dir, layout, meta, report_format, force, jobs):
    """Convert transcripts (files or folders of .txt) into TEI, one file per transcript.

    Each conversion checks itself: the words of the transcript must come out in the TEI, in order.
    A transcript that fails is reported (file:line: message) and nothing is written for it; the
    other files are still converted. Exit status 1 if any file failed.

    \b
    Example:
      edition convert transcripts/ -o tei/
      edition convert memo.txt -o tei/ --layout plain --report text
      edition convert transcripts/ -o tei/ --force --jobs 4 --report json > report.json
    """
    try:
        files = collect(sources, (".txt",))
    except UserError as exc:
        raise click.UsageError(str(exc))
    files = [f for f in files if f.suffix == ".txt"]
    if not files:
        raise click.UsageError("no .txt transcripts found in " + ", ".join(sources))
    if meta is not None and len(files) > 1:
        raise click.UsageError("--meta names one sidecar; use it with one transcript (or put <stem>.meta.toml beside each)")
    work = partial(_convert_one, out_dir=out_dir, layout=layout, meta=meta, force=force)
    results = list(run_many(work, files, jobs=jobs, label="converting"))
    failed = 0
    for r in results:
        for d in r.diagnostics:
            click.echo(d.format(), err=True)
        if not r.ok:
            failed += 1
    written = sum(1 for r in results if r.ok and not r.skipped)
    skipped = sum(1 for r in results if r.skipped)
    if report_format:
        from ..convert import report

        sys.stdout.write(report.as_json(results) if report_format == "json" else report.as_text(results))
    decisions = sum(len(r.decisions) for r in results)
    summary = f"converted {written} of {len(results)} transcript(s) into {out_dir}"
    if skipped:
        summary += f", {skipped} left unchanged (exists; --force overwrites)"
    if failed:
        summary += f", {failed} failed"
    summary += f"; {decisions} decision(s) to review"
    click.echo(summary, err=True)
    sys.exit(1 if failed else 0)

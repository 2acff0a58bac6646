"""``edition validate``: check TEI files against the project schema and integrity rules."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

import click

from ..diagnostics import Diagnostic, UserError, summary_line
from ..fsutil import collect


@click.command("validate")
@click.argument("paths", nargs=-1, required=True)
@click.option("--schema", "schema", type=click.Path(dir_okay=False, path_type=Path),
              help="Check against this schema instead of the project's: .xsd, .rng or .sch (e.g. tei_all.rng).")
@click.option("--rules/--no-rules", default=True, show_default=True, help="Run the integrity rules R01–R18.")
@click.option("--format", "fmt", type=click.Choice(["text", "json", "junit"]), default="text", show_default=True,
              help="text: one line per problem on stderr; json and junit (XML) on stdout, for CI.")
@click.option("--strict", is_flag=True, help="Warnings fail too (exit 1).")
@click.option("--jobs", "-j", type=click.IntRange(min=1), default=1, show_default=True, help="Check files in N processes.")
def command(paths, schema, rules, fmt, strict, jobs):
    """Check TEI files (files, folders, globs) for well-formedness, the schema, then the rules.

    Each problem is printed as `path:line:col: severity: message (hint) [rule]`, then a summary line.
    Exit status: 0 valid, 1 problems found (warnings only with --strict), 2 usage error or unusable schema.

    \b
    Example:
      edition validate tei/
      edition validate tei/*.xml --strict --format junit > validate.xml
      edition validate --schema tei_all.rng --no-rules tei/
    """
    from ..validate import SchemaError, Validator

    try:
        validator = Validator(schema, rules=rules)
    except SchemaError as exc:
        raise click.BadParameter(f"{exc.path}: {exc.message}", param_hint="'--schema'") from None
    try:
        files = collect(paths, (".xml",))
    except UserError as exc:
        raise click.BadParameter(str(exc), param_hint="PATHS") from None
    diags = validator.validate_files(files, jobs=jobs)
    diags.sort(key=lambda d: (d.path, d.line, d.column, d.code, d.message))

    if fmt == "json":
        click.echo(json.dumps({"files": len(files), "summary": summary_line(diags, len(files)),
                               "diagnostics": [d.as_dict() for d in diags]}, ensure_ascii=False, indent=2, sort_keys=True))
    elif fmt == "junit":
        click.echo(to_junit(diags, [str(f) for f in files]), nl=False)
    else:
        for d in diags:
            click.echo(d.format(), err=True)
    click.echo(summary_line(diags, len(files)), err=True)
    failing = {"error", "warning"} if strict else {"error"}
    sys.exit(1 if any(d.severity in failing for d in diags) else 0)


def to_junit(diags: list[Diagnostic], files: list[str]) -> str:
    """One test case per file; each error (or warning) is a failure with its position."""
    by_file: dict[str, list[Diagnostic]] = {f: [] for f in files}
    for d in diags:
        by_file.setdefault(d.path, []).append(d)
    failures = sum(1 for ds in by_file.values() if any(d.severity in ("error", "warning") for d in ds))
    out = ['<?xml version="1.0" encoding="UTF-8"?>',
           f'<testsuite name="edition validate" tests="{len(by_file)}" failures="{failures}" errors="0">']
    for f, ds in by_file.items():
        bad = [d for d in ds if d.severity in ("error", "warning")]
        if not bad:
            out.append(f"  <testcase classname=\"validate\" name={quoteattr(f)}/>")
            continue
        out.append(f"  <testcase classname=\"validate\" name={quoteattr(f)}>")
        text = "\n".join(d.format() for d in bad)
        msg = f"{sum(d.severity == 'error' for d in bad)} errors, {sum(d.severity == 'warning' for d in bad)} warnings"
        out.append(f"    <failure message={quoteattr(msg)} type=\"validation\">{escape(text)}</failure>")
        out.append("  </testcase>")
    out.append("</testsuite>")
    return "\n".join(out) + "\n"

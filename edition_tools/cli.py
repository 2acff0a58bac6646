"""The ``edition`` command: a thin layer over the library.

Each sub-command lives in ``edition_tools/commands/<name>.py`` and exports ``command``. Commands
parse options, call one library function, print diagnostics and choose the exit code:

====  ==========================================================
0     success
1     content problems (invalid TEI, a transcript that failed)
2     usage error: bad option, missing argument, unreadable schema
====  ==========================================================
"""

from __future__ import annotations

import importlib
import sys

import click

from . import __version__
from .diagnostics import UserError

#: Sub-commands in the order ``edition --help`` lists them.
COMMANDS = ("convert", "validate", "render", "build", "new", "serve")


class LazyGroup(click.Group):
    """Imports a sub-command's module only when it is used, so ``edition convert`` does not pay
    for WeasyPrint or the schema compiler."""

    def list_commands(self, ctx):
        return [c for c in COMMANDS if self._module(c) is not None]

    def get_command(self, ctx, name):
        mod = self._module(name)
        return getattr(mod, "command", None) if mod else None

    @staticmethod
    def _module(name):
        if name not in COMMANDS:
            return None
        try:
            return importlib.import_module(f"edition_tools.commands.{name}")
        except ModuleNotFoundError as exc:
            if exc.name == f"edition_tools.commands.{name}":
                return None
            raise


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="edition")
def cli():
    """edition-tools: transcripts to TEI, validated, published as HTML and PDF.

    \b
    Example:
      edition convert transcripts/ -o tei/
      edition validate tei/
      edition render tei/ -o site/
    """


def main(argv=None):
    try:
        rv = cli.main(args=argv, prog_name="edition", standalone_mode=False)
    except click.exceptions.Abort:
        click.echo("interrupted", err=True)
        sys.exit(130)
    except click.ClickException as exc:
        exc.show()
        sys.exit(exc.exit_code)
    except UserError as exc:
        click.echo(str(exc), err=True)
        sys.exit(1)
    except KeyboardInterrupt:
        click.echo("interrupted", err=True)
        sys.exit(130)
    sys.exit(rv if isinstance(rv, int) else 0)


if __name__ == "__main__":  # pragma: no cover
    main()

"""Diagnostics are values: collected by the library, printed by the CLI.

Text form: ``path:line:col: severity: message [code]`` (docutils/compiler style), so editors'
tools and CI annotate the right line.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from typing import Iterable, Literal

Severity = Literal["error", "warning", "info"]


@dataclass(frozen=True, order=True)
class Diagnostic:
    path: str
    line: int
    column: int
    severity: Severity
    message: str
    code: str = ""
    hint: str = ""
    extra: dict = field(default_factory=dict, compare=False, hash=False)

    def format(self) -> str:
        code = f" [{self.code}]" if self.code else ""
        hint = f" ({self.hint})" if self.hint else ""
        where = f"{self.path}:{self.line}:{self.column}" if self.line else str(self.path)  # line 0: the file as a whole
        return f"{where}: {self.severity}: {self.message}{hint}{code}"

    def as_dict(self) -> dict:
        d = asdict(self)
        if not d["extra"]:
            d.pop("extra")
        return d


class UserError(Exception):
    """A problem with what the user gave us (a file, an option): printed as one line, never a traceback."""

    def __init__(self, message: str, path: str | None = None, line: int = 0, column: int = 0, code: str = ""):
        super().__init__(message)
        self.message = message
        self.path = path
        self.line = line
        self.column = column
        self.code = code

    def as_diagnostic(self) -> Diagnostic:
        return Diagnostic(self.path or "<input>", self.line, self.column, "error", self.message, self.code)

    def __str__(self) -> str:
        if self.path:
            return self.as_diagnostic().format()
        return self.message


def summary_line(diags: Iterable[Diagnostic], files_total: int) -> str:
    diags = list(diags)
    errors = sum(1 for d in diags if d.severity == "error")
    warnings = sum(1 for d in diags if d.severity == "warning")
    files_bad = len({d.path for d in diags if d.severity in ("error", "warning")})
    e = f"{errors} error{'s' if errors != 1 else ''}"
    w = f"{warnings} warning{'s' if warnings != 1 else ''}"
    return f"{e}, {w} in {files_bad} of {files_total} file{'s' if files_total != 1 else ''}"


def to_json(diags: Iterable[Diagnostic]) -> str:
    return json.dumps([d.as_dict() for d in diags], ensure_ascii=False, indent=2, sort_keys=True)

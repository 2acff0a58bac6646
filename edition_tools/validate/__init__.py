"""Validate TEI files: well-formedness (hardened parser), the schema, then the integrity rules.

    from edition_tools.validate import Validator
    v = Validator()                      # the project schema (schema/histdocs.xsd) and rules R01–R18
    diags = v.validate_file("tei/a.xml")
    diags = v.validate_files(paths, jobs=2)   # plus the cross-file rules (R17, R18)

``Validator(schema=Path("tei_all.rng"))`` checks against any user schema instead (.xsd, .rng, .sch).
Schemas are compiled once per Validator; a compiled xmlschema schema is cached on disk.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Sequence


from ..diagnostics import Diagnostic
from ..parallel import run_many
from ..resources import resource_dir
from ..xmlio import TEI_NS, XMLInputError, local_name, parse_bytes
from .rules import DATE_WINDOW, FileFacts, check_document, check_edition
from .schemas import SchemaError, load_checker

__all__ = ["Validator", "SchemaError", "Diagnostic", "PROJECT_SCHEMA", "PROJECT_SCHEMATRON"]

SCHEMA_DIR = resource_dir("schema")
PROJECT_SCHEMA = SCHEMA_DIR / "histdocs.xsd"
PROJECT_SCHEMATRON = SCHEMA_DIR / "histdocs-rules.sch"
XINCLUDE_NS = "http://www.w3.org/2001/XInclude"


class Positions:
    """Line and column of an element's start tag, from the file's bytes (columns are computed only
    for elements that get a diagnostic)."""

    def __init__(self, data: bytes):
        self.data = data
        self._lines: list[str] | None = None
        self._same: dict[tuple, list] | None = None

    def __call__(self, el) -> tuple[int, int]:
        line = getattr(el, "sourceline", None) or 1
        if not isinstance(getattr(el, "tag", None), str):
            return line, 1
        if self._lines is None:
            self._lines = self.data.decode("utf-8", "replace").splitlines()
        # the n-th element of this name on its line is the n-th start tag of that name there
        if self._same is None:
            self._same = {}
            for e in el.getroottree().iter():
                if isinstance(e.tag, str):
                    self._same.setdefault((e.tag, e.sourceline), []).append(e)
        peers = self._same.get((el.tag, el.sourceline), [el])
        nth = next((i for i, e in enumerate(peers) if e is el), 0)
        name = re.escape(local_name(el))
        if 1 <= line <= len(self._lines):
            found = list(re.finditer(rf"<(?:[\w.-]+:)?{name}(?=[\s/>]|$)", self._lines[line - 1]))
            if found:
                return line, found[min(nth, len(found) - 1)].start() + 1
        return line, 1


@dataclass
class FileResult:
    diagnostics: list[Diagnostic]
    facts: FileFacts | None


class Validator:
    """Compiles the schema once; checks files with it and, unless ``rules=False``, the rules."""

    def __init__(self, schema: Path | str | None = None, rules: bool = True, *, date_window: tuple[int, int] = DATE_WINDOW):
        self.schema_path = Path(schema) if schema is not None else PROJECT_SCHEMA
        self.project_schema = schema is None
        self.rules = rules
        self.date_window = date_window
        self.checker = load_checker(self.schema_path)  # SchemaError if unusable

    # -- one file
    def validate_file(self, path: Path | str) -> list[Diagnostic]:
        return self._check(Path(path)).diagnostics

    def validate_bytes(self, data: bytes, path: str = "<input>") -> list[Diagnostic]:
        return self._check_bytes(data, path).diagnostics

    def _check(self, path: Path) -> FileResult:
        try:
            data = path.read_bytes()
        except IsADirectoryError:
            return FileResult([Diagnostic(str(path), 0, 0, "error", "this is a folder, not a file", "io")], None)
        except FileNotFoundError:
            return FileResult([Diagnostic(str(path), 0, 0, "error", "no such file", "io")], None)
        except OSError as exc:
            return FileResult([Diagnostic(str(path), 0, 0, "error", f"cannot read the file: {exc.strerror}", "io")], None)
        return self._check_bytes(data, str(path))

    def _check_bytes(self, data: bytes, path: str) -> FileResult:
        try:
            tree = parse_bytes(data, path)
        except XMLInputError as exc:
            m = re.search(r"ID (\S+) already defined", exc.message)
            if m:  # the parser checks xml:id uniqueness; say it in the editor's words
                return FileResult([Diagnostic(path, exc.line, exc.column, "error", f"xml:id \"{m.group(1)}\" is used more than once in this file",
                                              "duplicate-id", "give each element its own xml:id")], None)
            if "amplification" in exc.message:  # libxml2 stops entity bombs before the DOCTYPE check
                return FileResult([Diagnostic(path, exc.line, exc.column, "error",
                                              "the document declares entities that expand enormously (an entity bomb); it was not read",
                                              "entity-bomb", "remove the <!DOCTYPE …> declaration")], None)
            return FileResult([Diagnostic(path, exc.line, exc.column, "error", exc.message, exc.code)], None)
        locate = Positions(data)
        root = tree.getroot()
        diags: list[Diagnostic] = []
        for xi in root.iter(f"{{{XINCLUDE_NS}}}*"):
            line, col = locate(xi)
            diags.append(Diagnostic(path, line, col, "error", "XInclude is not processed (nothing outside the named files is read)",
                                    "xinclude", "copy the included text into this file"))
        tei = root.tag == f"{{{TEI_NS}}}TEI"
        if not tei and (self.project_schema or self.rules):
            if local_name(root) == "TEI":
                msg = "the root element TEI is not in the TEI namespace"
                hint = 'write <TEI xmlns="http://www.tei-c.org/ns/1.0">'
            else:
                msg = f"this is not a TEI document: the root element is <{local_name(root)}>"
                hint = 'a TEI file starts with <TEI xmlns="http://www.tei-c.org/ns/1.0">'
            return FileResult(diags + [Diagnostic(path, root.sourceline or 1, 1, "error", msg, "not-tei", hint)], None)
        diags += self.checker.check(tree, path, locate)
        facts = None
        if self.rules:
            rule_diags, facts = check_document(tree, path, locate, date_window=self.date_window)
            if self.project_schema:  # the project schema already reports a missing or unknown supplied/@reason
                rule_diags = [d for d in rule_diags if d.code != "R06"]
            diags += rule_diags
        return FileResult(_sorted(diags), facts)

    # -- many files
    def validate_files(self, paths: Sequence[Path | str], jobs: int = 1, *, progress: bool | None = None) -> list[Diagnostic]:
        paths = [Path(p) for p in paths]
        if jobs > 1 and len(paths) > 1:
            results = run_many(_worker_check, [str(p) for p in paths], jobs=jobs, label="validating", progress=progress,
                               initializer=_worker_init, initargs=(None if self.project_schema else str(self.schema_path), self.rules, self.date_window))
        else:
            results = run_many(self._check, paths, jobs=1, label="validating", progress=progress)
        diags: list[Diagnostic] = []
        facts: list[FileFacts] = []
        for r in results:
            diags += r.diagnostics
            if r.facts is not None:
                facts.append(r.facts)
        if self.rules:
            diags += check_edition(facts)
        return diags


def _sorted(diags: Iterable[Diagnostic]) -> list[Diagnostic]:
    return sorted(diags, key=lambda d: (d.line, d.column, d.code, d.message))


_WORKER: Validator | None = None


def _worker_init(schema, rules, date_window):
    global _WORKER
    _WORKER = Validator(schema, rules, date_window=date_window)


def _worker_check(path: str) -> FileResult:
    assert _WORKER is not None
    return _WORKER._check(Path(path))

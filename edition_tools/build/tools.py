"""The converter, validator and renderer as the build drives them.

:class:`Toolchain` is the one place the build calls the convert, validate and render parts. Each
part is imported only when there is work for it, so a build with nothing to do never loads
WeasyPrint, never compiles a schema or a stylesheet and never parses XML.

An instance is sent to worker processes (it must pickle); ``setup_validate``/``setup_render`` run
once per process and compile what is needed there, once. The main process calls them too before
it checks across documents or writes the site-wide pages.
"""

from __future__ import annotations

import dataclasses
import inspect
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..diagnostics import Diagnostic
from ..resources import resource_dir

PACKAGE_DIR = Path(__file__).resolve().parent.parent

TRANSCRIPT_SUFFIXES = (".txt",)
SIDECAR_SUFFIX = ".meta.toml"
TEI_SUFFIX = ".xml"


@dataclass
class Converted:
    """What converting one transcript gave."""

    source: Path
    output: Path | None
    ok: bool
    diagnostics: list[Diagnostic] = field(default_factory=list)


@dataclass
class Rendered:
    """What rendering one document gave."""

    tei: Path
    ok: bool
    outputs: list[Path] = field(default_factory=list)
    summary: dict[str, Any] | None = None
    pdf: Path | None = None
    diagnostics: list[Diagnostic] = field(default_factory=list)


def _files_under(*folders: Path) -> list[Path]:
    out: list[Path] = []
    for folder in folders:
        if folder.is_file():
            out.append(folder)
        elif folder.is_dir():
            out.extend(
                p for p in folder.rglob("*")
                if p.is_file() and "__pycache__" not in p.parts and p.suffix not in (".pyc", ".pyo")
            )
    return sorted(out)


class Toolchain:
    """The real convert, validate and render parts."""

    # ------------------------------------------------------------------ cache keys

    def stage_files(self) -> dict[str, list[Path]]:
        """For each stage, the files whose content decides its output (code, stylesheets, schema,
        assets). A change in any of them makes that stage redo its work."""
        common = [PACKAGE_DIR / "__init__.py", PACKAGE_DIR / "xmlio.py"]
        return {
            "validate": common + _files_under(PACKAGE_DIR / "validate", resource_dir("schema")),
            "render": common + _files_under(PACKAGE_DIR / "render", resource_dir("xslt"), Path(__file__)),
        }

    # ------------------------------------------------------------------ conversion

    def sidecar(self, transcript: Path) -> Path | None:
        p = transcript.with_name(transcript.name[: -len(transcript.suffix)] + SIDECAR_SUFFIX)
        return p if p.is_file() else None

    def tei_path(self, transcript: Path, tei_dir: Path) -> Path:
        """Where the TEI of ``transcript`` goes in ``tei_dir`` (as ``convert_file`` names it)."""
        return tei_dir / (transcript.name[: -len(transcript.suffix)] + TEI_SUFFIX)

    def convert(self, transcript: Path, tei_dir: Path, meta: Path | None, defaults: dict[str, Any] | None = None) -> Converted:
        """Convert one transcript whose TEI does not exist yet. ``defaults`` are the edition's own
        metadata (editors, publisher, licence from edition.toml), used where the transcript's
        sidecar does not say otherwise."""
        from ..convert import api

        if not defaults:
            res = api.convert_file(transcript, tei_dir, meta=meta, force=False)
        elif "defaults" in inspect.signature(api.convert_file).parameters:
            res = api.convert_file(transcript, tei_dir, meta=meta, force=False, defaults=defaults)
        else:
            return self._convert_with_defaults(transcript, tei_dir, meta, defaults)
        return Converted(transcript, res.output, bool(res.ok and not res.skipped), list(res.diagnostics))

    def _convert_with_defaults(self, transcript: Path, tei_dir: Path, meta: Path | None, defaults: dict[str, Any]) -> Converted:
        """``convert_file`` with the sidecar laid over the edition's defaults."""
        from ..convert.api import convert_text
        from ..convert.source import read_sidecar, read_transcript, sidecar_for
        from ..diagnostics import UserError
        from ..xmlio import serialize, write_atomic

        out = self.tei_path(transcript, tei_dir)
        if out.exists():  # never overwrite a TEI file (it may hold hand edits)
            return Converted(transcript, out, False, [])
        try:
            text = read_transcript(transcript)
            meta_path = Path(meta) if meta else sidecar_for(transcript)
            merged = dict(defaults)
            if meta_path.exists():
                merged.update(read_sidecar(meta_path))
            tree, _doc = convert_text(text, str(transcript), meta=merged)
        except UserError as exc:
            return Converted(transcript, None, False, [exc.as_diagnostic()])
        write_atomic(out, serialize(tree))
        return Converted(transcript, out, True, [])

    # ------------------------------------------------------------------ validation

    def setup_validate(self) -> None:
        from ..validate import Validator

        self._validator = Validator(schema=None, rules=True)

    def validate(self, tei: Path) -> tuple[list[Diagnostic], Any]:
        """Diagnostics of one file, and the facts the cross-document rules need (JSON-serialisable)."""
        # per-file diagnostics and facts in one pass (the validator's file check, as validate_files uses it)
        check = getattr(self._validator, "check_file", None) or self._validator._check
        result = check(Path(tei))
        facts = dataclasses.asdict(result.facts) if result.facts is not None else None
        return list(result.diagnostics), facts

    def cross_validate(self, facts: list[Any]) -> list[Diagnostic]:
        """Rules across documents (identifiers unique in the edition, one person one id), from the
        cached facts of every document: no file is read again."""
        from ..validate.rules import FileFacts, check_edition

        return check_edition([
            FileFacts(f["path"], [tuple(x) for x in f["doc_ids"]], [(x[0], tuple(x[1]), x[2]) for x in f["persons"]])
            for f in facts if f is not None
        ])

    # ------------------------------------------------------------------ rendering

    def setup_render(self, settings: dict[str, Any]) -> None:
        from ..render.html import Renderer

        self._renderer = Renderer(site_title=settings.get("title") or "Edition", base_url=settings.get("base_url", ""))

    def page_name(self, tei: Path) -> str:
        """The name the document's pages get in the site (two documents must not share one)."""
        from ..render.html import document_slug

        return document_slug(tei)

    def render(self, tei: Path, out_dir: Path, pdf_dir: Path | None) -> Rendered:
        """The document's pages and its summary (one parse), then its PDF."""
        outputs, summary = self._renderer.render_file(tei, out_dir)
        pdf = None
        if pdf_dir is not None:
            from ..render.pdf import write_document_pdf

            pdf = write_document_pdf(tei, pdf_dir, self._renderer)
        return Rendered(tei, True, list(outputs), summary, pdf)

    def render_site(self, summaries: list[dict], out_dir: Path) -> list[Path]:
        return list(self._renderer.write_site(summaries, out_dir))

    def render_edition_pdf(self, teis: list[Path], out_path: Path, title: str) -> Path:
        from ..render.pdf import write_edition_pdf

        return write_edition_pdf(teis, out_path, self._renderer, title=title)

    def __getstate__(self):
        # compiled validators and renderers (attributes starting with "_") stay in their process
        return {k: v for k, v in self.__dict__.items() if not k.startswith("_")}

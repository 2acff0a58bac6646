"""The converter's public API: ``convert_text`` (in memory) and ``convert_file`` (one transcript -> one TEI file)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lxml import etree

from ..diagnostics import Diagnostic, UserError
from ..xmlio import serialize, write_atomic
from . import textcheck
from .layouts import LAYOUTS, detect_layout
from .model import Decision, Document
from .source import clean_text, read_sidecar, read_transcript, sidecar_for
from .writer import Writer, prepare_meta


@dataclass
class ConvertResult:
    source: Path
    output: Path | None
    ok: bool
    skipped: bool = False
    diagnostics: list[Diagnostic] = field(default_factory=list)
    decisions: list[Decision] = field(default_factory=list)
    layout: str = ""
    dropped: list = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {
            "source": str(self.source), "output": str(self.output) if self.output else None, "ok": self.ok,
            "skipped": self.skipped, "layout": self.layout,
            "diagnostics": [d.as_dict() for d in self.diagnostics],
            "decisions": [d.as_dict() for d in self.decisions],
            "dropped": [{"line": d.line, "text": d.text, "reason": d.reason, "to_header": d.to_header, "prefix": d.prefix}
                        for d in self.dropped],
        }


def convert_text(text: str, path: str = "<text>", *, layout: str = "auto", meta: dict[str, Any] | None = None,
                 check: bool = True) -> tuple[etree._ElementTree, Document]:
    """Convert transcript ``text`` to a TEI tree. Raises :class:`UserError` if a word would be lost."""
    text = clean_text(text)
    name = layout if layout != "auto" else detect_layout(text)
    if name not in LAYOUTS:
        raise UserError(f"unknown layout {layout!r} (choose from auto, {', '.join(LAYOUTS)})")
    doc = Document(path, name)
    LAYOUTS[name].read(text, doc)
    if not doc.blocks:
        raise UserError("the transcript has no text to convert", path, 1, 1, "empty")
    full_meta = prepare_meta(doc, meta or {})
    tree = Writer(doc, full_meta, Path(path).name).build()
    if check:
        try:
            textcheck.check(text, doc, tree)
        except textcheck.TextLoss as exc:
            raise UserError(f"{exc.message}; nothing was written (please report this transcript)", path, exc.line, 1, "text-lost") from None
    return tree, doc


def convert_file(src: str | Path, out_dir: str | Path, *, layout: str = "auto", meta: str | Path | None = None,
                 force: bool = False, defaults: dict[str, Any] | None = None) -> ConvertResult:
    """Convert one transcript into ``out_dir/<stem>.xml``. User errors become diagnostics, never exceptions.

    ``defaults`` is metadata laid under the sidecar (an edition's publisher, editors, licence)."""
    src = Path(src)
    out = Path(out_dir) / f"{src.stem}.xml"
    result = ConvertResult(src, None, ok=False)
    if out.exists() and not force:
        result.skipped = True
        result.ok = True
        result.output = out
        result.diagnostics.append(Diagnostic(str(out), 0, 0, "warning",
                                             "a TEI file already exists and may have been edited by hand; not overwritten",
                                             "exists", "use --force to replace it"))
        return result
    try:
        text = read_transcript(src)
        meta_path = Path(meta) if meta else sidecar_for(src)
        sidecar = read_sidecar(meta_path) if (meta or meta_path.exists()) else {}
        tree, doc = convert_text(text, str(src), layout=layout, meta={**(defaults or {}), **sidecar})
    except UserError as exc:
        d = exc.as_diagnostic()
        result.diagnostics.append(d)
        return result
    except Exception as exc:  # a converter bug must not become a traceback for the editor
        result.diagnostics.append(Diagnostic(
            str(src), 0, 0, "error",
            f"internal error while converting ({type(exc).__name__}: {exc}); nothing was written for this file",
            "internal", "please report this transcript to the edition-tools developers"))
        return result
    write_atomic(out, serialize(tree))
    result.output = out
    result.ok = True
    result.layout = doc.layout
    result.decisions = doc.decisions
    result.dropped = doc.dropped
    return result

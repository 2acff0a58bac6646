"""A stand-in toolchain for the build tests, and helpers to make small editions.

The build's own logic (what is up to date, what is redone, what survives an interruption) is tested
with this toolchain, which does simple, observable work: it writes a minimal TEI file per
transcript, reports an error for a ``<p>`` containing ``ERROR``, writes one page per document and
an index. Every call is appended to a log file, so tests can see exactly what work a build did,
also when the work ran in worker processes. The real toolchain is exercised in
``test_build_integration.py``.
"""

from __future__ import annotations

import json
import os
import textwrap
import time
from pathlib import Path

from edition_tools.build.tools import Rendered, Converted, Toolchain
from edition_tools.diagnostics import Diagnostic
from edition_tools.xmlio import parse_file, text_of, write_atomic, xpath

TEI_TEMPLATE = """<?xml version="1.0" encoding="UTF-8"?>
<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt><title>{title}</title></titleStmt></fileDesc></teiHeader>
<text><body><div type="report">{paras}</div></body></text></TEI>
"""


def tei_doc(title: str, *paras: str) -> str:
    return TEI_TEMPLATE.format(title=title, paras="".join(f"<p>{p}</p>" for p in paras))


class FakeTools(Toolchain):
    """Simple, observable stand-ins for convert, validate and render."""

    def __init__(self, log: Path, tool_files: dict[str, list[Path]] | None = None, slow: float = 0.0):
        self.log = Path(log)
        self.tool_files = tool_files or {}
        self.slow = slow

    def record(self, *words: str) -> None:
        with open(self.log, "a", encoding="utf-8") as fh:
            fh.write(" ".join(words) + "\n")

    def calls(self) -> list[str]:
        return self.log.read_text(encoding="utf-8").splitlines() if self.log.exists() else []

    def clear(self) -> None:
        self.log.unlink(missing_ok=True)

    def stage_files(self):
        return self.tool_files

    def convert(self, transcript, tei_dir, meta, defaults=None):
        self.record("convert", transcript.name)
        with open(self.log.with_suffix(".defaults"), "a", encoding="utf-8") as fh:
            fh.write(json.dumps(defaults, sort_keys=True) + "\n")
        lines = [ln.strip() for ln in transcript.read_text(encoding="utf-8").splitlines() if ln.strip()]
        if not lines:
            return Converted(transcript, None, False, [Diagnostic(str(transcript), 1, 1, "error", "the transcript is empty", "empty")])
        out = self.tei_path(transcript, tei_dir)
        write_atomic(out, tei_doc(lines[0], *lines[1:]))
        return Converted(transcript, out, True, [])

    def setup_validate(self):
        self._ready = True

    def validate(self, tei):
        self.record("validate", tei.name)
        tree = parse_file(tei)
        diags = [
            Diagnostic(str(tei), p.sourceline, 1, "error", "this paragraph says ERROR", "fake-error")
            for p in xpath(tree, "//tei:p[contains(., 'ERROR')]")
        ]
        return diags, {"path": str(tei), "title": text_of(xpath(tree, "//tei:title")[0])}

    def cross_validate(self, facts):
        self.record("cross", str(len(facts)))
        titles: dict[str, str] = {}
        diags = []
        for f in facts:
            if f["title"] in titles:
                diags.append(Diagnostic(f["path"], 1, 1, "warning", f"same title as {titles[f['title']]}", "fake-dup"))
            titles.setdefault(f["title"], Path(f["path"]).name)
        return diags

    def setup_render(self, settings):
        self._settings = settings

    def page_name(self, tei):
        return tei.stem

    def render(self, tei, out_dir, pdf_dir):
        self.record("render", tei.name)
        if self.slow:
            time.sleep(self.slow)
        tree = parse_file(tei)
        title = text_of(xpath(tree, "//tei:title")[0])
        words = sum(len(text_of(p).split()) for p in xpath(tree, "//tei:p"))
        page = out_dir / "doc" / (tei.stem + ".html")
        write_atomic(page, f"<html><title>{title}</title><body>{words} words</body></html>\n")
        pdf = None
        if pdf_dir is not None:
            pdf = pdf_dir / (tei.stem + ".pdf")
            write_atomic(pdf, f"%PDF fake {title}\n")
        return Rendered(tei, True, [page], {"id": tei.stem, "title": title, "words": words}, pdf)

    def render_site(self, summaries, out_dir):
        self.record("site", str(len(summaries)))
        items = "".join(f"<li>{s['id']}: {s['title']} ({s['words']})</li>" for s in summaries)
        title = self._settings.get("title", "") if hasattr(self, "_settings") else ""
        index = out_dir / "index.html"
        write_atomic(index, f"<html><title>{title}</title><ul>{items}</ul></html>\n")
        search = out_dir / "search.json"
        write_atomic(search, "[" + ",".join(f'"{s["id"]}"' for s in summaries) + "]\n")
        return [index, search]

    def render_edition_pdf(self, teis, out_path, title):
        self.record("edition_pdf", str(len(teis)))
        titles = [text_of(xpath(parse_file(t), "//tei:title")[0]) for t in teis]
        write_atomic(out_path, f"%PDF fake edition {title}: " + "; ".join(titles) + "\n")
        return out_path


def make_edition(root: Path, n: int = 3, *, toml: str | None = None) -> Path:
    """An edition folder with ``n`` transcripts (no TEI yet)."""
    (root / "transcripts").mkdir(parents=True, exist_ok=True)
    for i in range(n):
        (root / "transcripts" / f"doc{i:02d}.txt").write_text(
            f"Document {i}\n\nFirst paragraph of document {i}.\n\nSecond paragraph, {i} words or so.\n", encoding="utf-8"
        )
    (root / "edition.toml").write_text(
        toml if toml is not None else textwrap.dedent("""\
            [edition]
            title = "Test edition"
            """),
        encoding="utf-8",
    )
    return root


def touch_later(path: Path, seconds: float = 5.0) -> None:
    """Move a file's modification time forward (as if edited later)."""
    st = path.stat()
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns + int(seconds * 1e9)))

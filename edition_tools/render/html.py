"""TEI documents to HTML pages through the XSLT 1.0 stylesheets in ``xslt/``.

::

    r = Renderer()                                  # compiles the stylesheets once
    html = r.render_document_html(tree, view="reading")
    files = r.write_document("tei/a.xml", "site/")  # reading, diplomatic and review pages
    summary = r.summarize(tree, "tei/a.xml")        # what the index, registers and search need
    r.write_site([summary, ...], "site/")

The renderer marks a copy of the document before the transform (see :mod:`.marks`). The
stylesheets run under an ``XSLTAccessControl`` that denies reading files, writing files and the network
at run time.
"""

from __future__ import annotations

import copy
import os
import re
from pathlib import Path
from typing import Iterable

from lxml import etree

from ..diagnostics import UserError
from ..resources import resource_dir
from ..xmlio import TEI_NS, XMLInputError, local_name, parse_file, write_atomic
from . import htmlio
from .marks import _tei, annotate

#: the stylesheets: ``xslt/`` (see resources.py; ``EDITION_XSLT_DIR`` overrides it, e.g. for
#: an installation that keeps them elsewhere)
XSLT_DIR = Path(os.environ.get("EDITION_XSLT_DIR") or resource_dir("xslt"))
MAIN_STYLESHEET = XSLT_DIR / "tei-html.xsl"
VIEWS = ("reading", "diplomatic", "review", "print")

#: run-time policy of the stylesheets: no document(), no exsl:document, no network
ACCESS_CONTROL = etree.XSLTAccessControl(
    read_file=False, write_file=False, create_dir=False, read_network=False, write_network=False
)


def document_slug(path: str | Path) -> str:
    """Output name of a TEI file: its name without ``.xml``/``.tei``, limited to safe characters."""
    name = Path(path).name
    for suffix in (".xml", ".tei"):
        if name.lower().endswith(suffix):
            name = name[: -len(suffix)]
    slug = re.sub(r"[^A-Za-z0-9._-]+", "-", name).strip(".-")
    return slug or "document"


def page_names(slug: str) -> dict[str, str]:
    return {"reading": f"{slug}.html", "diplomatic": f"{slug}.diplomatic.html", "review": f"{slug}.review.html"}


class Renderer:
    """Renders TEI documents as HTML pages and a static site. Compile once, render many."""

    def __init__(self, *, site_title: str = "Edition", base_url: str = "", review: bool = True):
        self.site_title = site_title
        self.base_url = base_url
        self.review = review
        self._transform = compile_stylesheet(MAIN_STYLESHEET)

    # ------------------------------------------------------------------ one page

    def render_document_html(self, tree, view: str = "reading", *, slug: str = "document") -> bytes:
        """One page of one document as HTML5 bytes. ``tree`` is not modified."""
        root = tree.getroot() if isinstance(tree, etree._ElementTree) else tree
        prepared = annotate(copy.deepcopy(root))
        return self._render_prepared(prepared, view, slug)

    def _render_prepared(self, root: etree._Element, view: str, slug: str, path: str | None = None) -> bytes:
        if view not in VIEWS:
            raise ValueError(f"unknown view {view!r}; expected one of {', '.join(VIEWS)}")
        names = page_names(slug)
        screen = view != "print"
        params = {
            "view": view,
            "page-name": names.get(view, "") if screen else "",
            "reading-page": names["reading"],
            "diplomatic-page": names["diplomatic"],
            "review-page": names["review"] if self.review else "",
            "base-url": self.base_url,
            "site-title": self.site_title,
        }
        try:
            result = self._transform(root, **{k: etree.XSLT.strparam(v) for k, v in params.items()})
        except etree.XSLTApplyError as exc:
            raise UserError(f"the stylesheets failed on this document: {exc}", path) from None
        page = result.getroot()
        if page is None:
            raise UserError("the stylesheets produced no page for this document", path)
        if view == "print":
            for span in page.iter("span"):
                if "fn-print" in (span.get("class") or "").split():
                    htmlio.normalize_space_in(span)
        return htmlio.serialize_html(page)

    # ------------------------------------------------------------------ documents

    def write_document(self, tei_path: str | Path, out_dir: str | Path) -> list[Path]:
        """Write the document's pages (reading, diplomatic and, unless disabled, review)."""
        files, _summary = self.render_file(tei_path, out_dir)
        return files

    def render_file(self, tei_path: str | Path, out_dir: str | Path) -> tuple[list[Path], dict]:
        """Write the pages of one TEI file and return them with the document's summary."""
        root = _read(tei_path)
        annotate(root)
        slug = document_slug(tei_path)
        names = page_names(slug)
        views = ["reading", "diplomatic"] + (["review"] if self.review else [])
        out = Path(out_dir)
        files = []
        for view in views:
            data = self._render_prepared(root, view, slug, str(tei_path))
            target = out / names[view]
            write_atomic(target, data)
            files.append(target)
        from .summary import summarize_prepared

        return files, summarize_prepared(root, tei_path, slug, review=self.review)

    def summarize(self, tei_tree, path: str | Path) -> dict:
        """Everything the site-wide pages need from one document (JSON-serialisable)."""
        from .summary import summarize_prepared

        root = tei_tree.getroot() if isinstance(tei_tree, etree._ElementTree) else tei_tree
        return summarize_prepared(annotate(copy.deepcopy(root)), path, document_slug(path), review=self.review)

    # ------------------------------------------------------------------ site

    def write_site(self, summaries: Iterable[dict], out_dir: str | Path) -> list[Path]:
        """Write index.html, the registers, the search page and index, and the assets."""
        from .site import write_site

        return write_site(list(summaries), Path(out_dir), site_title=self.site_title)


def compile_stylesheet(path: Path) -> etree.XSLT:
    """Compile a stylesheet (read with the hardened parser; its xsl:includes resolve next to it)."""
    try:
        doc = parse_file(path)
    except XMLInputError as exc:
        raise UserError(f"cannot read the stylesheet: {exc.message}", exc.path, exc.line, exc.column) from None
    doc.docinfo.URL = str(path)
    try:
        return etree.XSLT(doc, access_control=ACCESS_CONTROL)
    except etree.XSLTParseError as exc:
        raise UserError(f"the stylesheet does not compile: {exc}", str(path)) from None


def _read(path: str | Path) -> etree._Element:
    try:
        root = parse_file(path).getroot()
    except XMLInputError as exc:
        raise UserError(exc.message, exc.path, exc.line, exc.column, exc.code) from None
    if root.tag not in (_tei("TEI"), _tei("teiCorpus")):
        raise UserError(
            f"the root element is <{local_name(root) or root.tag}>, not a TEI document "
            f"(expected <TEI xmlns=\"{TEI_NS}\">)",
            str(path), root.sourceline or 1, 0, "not-tei",
        )
    return root


def render_site(tei_paths: Iterable[str | Path], out_dir: str | Path, jobs: int = 1, **options) -> list[Path]:
    """Render every document and the site pages; return every file written."""
    from .site import render_site as _render_site

    return _render_site(list(tei_paths), Path(out_dir), jobs=jobs, **options)

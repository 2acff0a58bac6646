"""TEI documents to HTML pages through the XSLT 1.0 stylesheets in ``xslt/``.

::

    r = Renderer()                                  # compiles the stylesheets once
    html = r.render_document_html(tree, view="reading")
    files = r.write_document("tei/a.xml", "site/")  # reading, diplomatic and review pages
    summary = r.summarize(tree, "tei/a.xml")        # what the index, registers and search need
    r.write_site([summary, ...], "site/")

Before the transform the renderer marks a copy of the document with attributes in the namespace
``urn:x-edition-tools:render``: a stable anchor on every paragraph and speech, a number on every
numbered note, a label on every page break, the display name of every person, place, organisation
and responsibility statement that has an xml:id. One pass in document order does it, so rendering time
grows linearly with the size of the document. The stylesheets run under an ``XSLTAccessControl``
that denies reading files, writing files and the network at run time.
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
from ..xmlio import TEI_NS, XML_ID, XMLInputError, local_name, parse_file, write_atomic
from . import htmlio

R_NS = "urn:x-edition-tools:render"
#: the stylesheets: ``xslt/`` (see resources.py; ``EDITION_XSLT_DIR`` overrides it, e.g. for
#: an installation that keeps them elsewhere)
XSLT_DIR = Path(os.environ.get("EDITION_XSLT_DIR") or resource_dir("xslt"))
MAIN_STYLESHEET = XSLT_DIR / "tei-html.xsl"
VIEWS = ("reading", "diplomatic", "review", "print")

#: run-time policy of the stylesheets: no document(), no exsl:document, no network
ACCESS_CONTROL = etree.XSLTAccessControl(
    read_file=False, write_file=False, create_dir=False, read_network=False, write_network=False
)

_ANCHOR = f"{{{R_NS}}}anchor"
_BLOCK = f"{{{R_NS}}}block"
_FN = f"{{{R_NS}}}fn"
_FNLABEL = f"{{{R_NS}}}fnlabel"
_PB = f"{{{R_NS}}}pb"
_PBN = f"{{{R_NS}}}pbn"
_CHAIN = f"{{{R_NS}}}chain"
_CHAIN_FIRST = f"{{{R_NS}}}chainfirst"
_LABEL = f"{{{R_NS}}}label"

#: notes that stay in the running text (in brackets) or are hidden, rather than numbered
INLINE_NOTE_TYPES = frozenset({"originalTerm", "conversion"})
#: elements whose content is phrase-level: a said/quote inside one of them is not a block
PHRASE_PARENTS = frozenset({"p", "ab", "head", "l", "hi", "seg", "said", "quote", "q", "item", "cell", "note", "title"})
BLOCK_CHILDREN = frozenset({"p", "ab", "lg", "list", "sp", "table"})


def _tei(name: str) -> str:
    return f"{{{TEI_NS}}}{name}"


_SPEECH_TAGS = frozenset(_tei(n) for n in ("said", "quote", "q"))
_BLOCK_CHILD_TAGS = frozenset(_tei(n) for n in BLOCK_CHILDREN)


def is_block_speech(el: etree._Element) -> bool:
    """A ``said``/``quote``/``q`` shown as an indented block: it holds paragraphs, or is declared
    ``#block`` and does not stand inside a paragraph."""
    if el.tag not in _SPEECH_TAGS:
        return False
    if "#block" in (el.get("rendition") or "").split():
        parent = el.getparent()
        if parent is not None and local_name(parent) not in PHRASE_PARENTS:
            return True
    return any(child.tag in _BLOCK_CHILD_TAGS for child in el)


def is_numbered_note(el: etree._Element) -> bool:
    return el.get("type") not in INLINE_NOTE_TYPES and el.get("place") != "inline"


_MARKED_TAGS = tuple(_tei(n) for n in ("p", "ab", "sp", "said", "quote", "q", "note", "pb"))
_NOTE = _tei("note")
_TEXT = _tei("text")
_PB_TAG = _tei("pb")
_PERSON = _tei("person")
#: the kind of anchor (and its counter) of each anchored element; said, quote and q are anchored
#: only when they are block speeches
_ANCHOR_KIND = {_tei("p"): "p", _tei("ab"): "p", _tei("sp"): "sp"}
#: compiled once: an XPath compiled per call costs more than the walk on a small document
_HAS_MARKS = etree.XPath("boolean(//@r:*)", namespaces={"r": R_NS})
_XML_IDS = etree.XPath("//@xml:id")


def annotate(root: etree._Element) -> etree._Element:
    """Mark anchors, block speeches, note numbers and page labels (in place); return ``root``.

    One pass over the elements that take a mark, in document order (linear in the document)."""
    if _HAS_MARKS(root):  # marked before: start afresh
        for el in root.iter(*_MARKED_TAGS):
            for key in [k for k in el.attrib if k.startswith("{" + R_NS + "}")]:
                del el.attrib[key]
    taken = set(_XML_IDS(root))
    counters = {"p": 0, "sp": 0, "speech": 0}
    fn = 0
    pages = 0
    for text in root.iter(_TEXT):
        if any(True for _ in text.iterancestors(_TEXT)):
            continue  # a floating text inside another text: covered by the outer one
        notes_above = [note.get("type") for note in text.iterancestors(_NOTE)]
        all_in_conversion_note = "conversion" in notes_above
        # A text that stands inside a note counts as inside it only from its own first note on
        # (the behaviour of the earlier element-by-element ancestor check, kept unchanged).
        all_in_note = False
        in_note, in_conversion_note = _elements_inside_notes(text)
        for el in text.iter(*_MARKED_TAGS):
            tag = el.tag
            if tag == _PB_TAG:
                pages += 1
                n = (el.get("n") or "").strip()
                el.set(_PB, f"p. {n}" if n else f"[p. {pages + 1}]")
                el.set(_PBN, str(pages))
                continue
            if tag == _NOTE:
                all_in_note = bool(notes_above)
                # a note inside a converter's note is shown with it (in brackets, review view only)
                if is_numbered_note(el) and not (all_in_conversion_note or el in in_conversion_note):
                    fn += 1
                    el.set(_FN, str(fn))
                    el.set(_FNLABEL, (el.get("n") or "").strip() or str(fn))
                continue
            kind = _ANCHOR_KIND.get(tag)
            if kind is None and is_block_speech(el):
                el.set(_BLOCK, "true")
                kind = "speech"
            if kind and not (all_in_note or el in in_note):
                counters[kind] += 1
                anchor = el.get(XML_ID)
                if not anchor:
                    anchor = f"{kind}-{counters[kind]}"
                    while anchor in taken:
                        anchor += "x"
                el.set(_ANCHOR, anchor)
    _mark_split_speeches(root)
    _mark_labels(root)
    return root


_MARKED_IN_NOTE = etree.XPath(
    "descendant::tei:note/descendant::*[self::tei:p or self::tei:ab or self::tei:sp or self::tei:said"
    " or self::tei:quote or self::tei:q or self::tei:note]",
    namespaces={"tei": TEI_NS},
)
_NOTES_IN_CONVERSION_NOTE = etree.XPath(
    "descendant::tei:note[@type = 'conversion']/descendant::tei:note", namespaces={"tei": TEI_NS}
)


def _elements_inside_notes(text: etree._Element) -> tuple[set, set]:
    """The marked elements of ``text`` that stand inside a note, and the notes that stand inside a
    conversion note (two XPath walks; a set answers the question per element in constant time)."""
    return set(_MARKED_IN_NOTE(text)), set(_NOTES_IN_CONVERSION_NOTE(text))


def _mark_split_speeches(root: etree._Element) -> None:
    """Give the parts of a speech split with @next/@prev one r:chain value ("1", "2", …), so the
    page can highlight them together."""
    parts = {el.get(XML_ID): el for el in root.iter(_tei("said"), _tei("q"), _tei("quote"))
             if el.get(XML_ID) and (el.get("next") or el.get("prev"))}
    chain = 0
    for el in parts.values():
        prev = (el.get("prev") or "").strip()
        if prev.startswith("#") and prev[1:] in parts:
            continue  # not the first part
        chain += 1
        el.set(_CHAIN_FIRST, "true")
        seen = set()
        while el is not None and id(el) not in seen:
            seen.add(id(el))
            el.set(_CHAIN, str(chain))
            nxt = (el.get("next") or "").strip()
            el = parts.get(nxt[1:]) if nxt.startswith("#") else None


_LABELLED_TAGS = tuple(_tei(n) for n in ("person", "place", "org", "respStmt"))
_LABEL_XPATHS = {
    _tei(name): etree.XPath(f"normalize-space({expr})", namespaces={"tei": TEI_NS})
    for name, expr in {
        "person": "(tei:persName[@type='full'] | tei:persName[not(../tei:persName[@type='full'])][1])[1]",
        "place": "tei:placeName[1]",
        "org": "tei:orgName[1]",
        "respStmt": "(tei:persName | tei:name | tei:orgName)[1]",
    }.items()
}
_HAS_FULL_NAME = etree.XPath("boolean(tei:persName[@type='full'])", namespaces={"tei": TEI_NS})


def _mark_labels(root: etree._Element) -> None:
    """Give every person, place, organisation and responsibility statement with an xml:id its
    display name as r:label, so the page names it in each pointer's hover text without working the
    name out again each time. A person's name written "Castro, Fidel" reads as "Fidel Castro"."""
    for el in root.iter(*_LABELLED_TAGS):
        if el.get(XML_ID) is None:
            continue
        label = _LABEL_XPATHS[el.tag](el)
        if el.tag == _PERSON and ", " in label and not _HAS_FULL_NAME(el):
            family, given = label.split(", ", 1)
            if "," not in given:
                label = f"{given} {family}"
        el.set(_LABEL, label)


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

"""Print editions: PDF from the print view of the HTML renderer, laid out by WeasyPrint.

    TEI --Renderer.render_document_html(view="print")--> HTML --prepare (footnotes, heads)--> WeasyPrint + print.css --> PDF

* one PDF per document (:func:`write_document_pdf`) and one for the whole edition with a title page
  and a table of contents (:func:`write_edition_pdf`);
* footnotes at the foot of the page of their call (``float: footnote``), running heads, page
  numbers, the source's page breaks as marks with a label in the margin (``assets/print.css``);
* WeasyPrint reads only local files inside the allowed folders (:class:`LocalFileFetcher`): no
  network, no ``data:`` URLs, nothing outside the output and asset folders;
* the output is deterministic: WeasyPrint writes no creation date unless the HTML asks for one, and
  the same input gives the same bytes.

The HTML is parsed by WeasyPrint's own HTML parser; this module edits that tree (plain
``xml.etree`` elements) before layout and never serializes HTML itself.
"""

from __future__ import annotations

import html as html_text
import logging
import mimetypes
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Iterator, Sequence
from urllib.parse import urlsplit
from urllib.request import url2pathname
from xml.etree import ElementTree as ET

from weasyprint import CSS, HTML
from weasyprint.document import Document
from weasyprint.formatting_structure import boxes
from weasyprint.urls import URLFetcher, URLFetcherResponse

from edition_tools.diagnostics import UserError
from edition_tools.xmlio import parse_file, write_atomic

ASSETS_DIR = Path(__file__).resolve().parent / "assets"
PRINT_CSS = ASSETS_DIR / "print.css"
DEFAULT_EDITION_TITLE = "Documents of the Edition"

LOG = logging.getLogger(__name__)

_WHITESPACE = re.compile(r"\s+")

#: A footnote longer than this (in characters, whitespace collapsed) is printed as a numbered block
#: right after the paragraph (or other block) that holds its call, not at the foot of the page:
#: WeasyPrint cannot split a footnote across pages, and cuts off a note taller than the footnote
#: area (measured: a 5,000-character note lost its end; 3,700 still fitted on A4 with print.css).
LONG_NOTE_CHARS = 2500

#: HTML elements after which a long note may be placed.
_BLOCKS = frozenset(
    "p li dd dt h1 h2 h3 h4 h5 h6 blockquote div section article aside main header footer "
    "figure figcaption address pre td th caption table ul ol dl".split()
)


class PDFRenderError(UserError):
    """WeasyPrint could not lay out a document."""


# --------------------------------------------------------------------------- fetching


class RefusedURL(ValueError):
    """A resource the PDF renderer will not read."""


class LocalFileFetcher(URLFetcher):
    """A WeasyPrint URL fetcher that reads only regular files inside ``allowed_dirs``.

    Refused: every scheme but ``file:`` (``http:``, ``https:``, ``ftp:``, ``data:`` …), ``file:`` URLs
    with a host, and paths that resolve (after ``..`` and symbolic links) outside the allowed
    folders. ``data:`` URLs are refused too: the print view has no need of them, and refusing them
    keeps the rule simple (only files the edition itself ships are embedded).

    WeasyPrint treats a refused resource like a missing one (the page is made without it); the
    refused URLs are collected in :attr:`refused` and logged.
    """

    def __init__(self, allowed_dirs: Iterable[Path], source: Path | str | None = None):
        super().__init__(allowed_protocols=("file",), allow_redirects=False, fail_on_errors=False)
        self.allowed_dirs = tuple(dict.fromkeys(Path(d).resolve() for d in allowed_dirs))
        self.source = source  # named in the log messages
        self.refused: list[str] = []

    def local_path(self, url: str) -> Path:
        """The file ``url`` names, if it may be read; otherwise raise :class:`RefusedURL`."""
        parts = urlsplit(url)
        scheme = parts.scheme.lower()
        if scheme != "file":
            raise RefusedURL(f"{scheme or 'relative'} URL refused: the PDF renderer reads only local files ({_short(url)})")
        if parts.netloc not in ("", "localhost"):
            raise RefusedURL(f"file URL with a host refused ({_short(url)})")
        path = Path(url2pathname(parts.path)).resolve()
        if not any(path.is_relative_to(root) for root in self.allowed_dirs):
            raise RefusedURL(f"file outside the output and asset folders refused: {path}")
        if not path.is_file():
            raise RefusedURL(f"no such file: {path}")
        return path

    def fetch(self, url, headers=None):  # noqa: D102 (WeasyPrint's interface)
        try:
            path = self.local_path(url)
        except RefusedURL as exc:
            self.refused.append(url)
            LOG.warning("%s: warning: %s", self.source or "<html>", exc)
            raise
        content_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        return URLFetcherResponse(path.as_uri(), path.read_bytes(), {"Content-Type": content_type})


def _short(url: str, limit: int = 80) -> str:
    return url if len(url) <= limit else url[: limit - 1] + "…"


# --------------------------------------------------------------------------- preparing the HTML tree


def _classes(el: ET.Element) -> list[str]:
    return (el.get("class") or "").split()


def _has_class(el: ET.Element, name: str) -> bool:
    return name in _classes(el)


def iter_class(root: ET.Element, name: str) -> Iterator[ET.Element]:
    """Elements under ``root`` (itself included) whose class list holds ``name``, in document order."""
    for el in root.iter():
        if isinstance(el.tag, str) and _has_class(el, name):
            yield el


def normalise_whitespace(el: ET.Element) -> None:
    """Collapse every whitespace run inside ``el`` (text and descendants' tails, not ``el``'s own
    tail) to one space, and strip it at both ends.

    WeasyPrint crashes on a space followed by a newline inside a footnote ("Got ' \\n' between two
    lines"); HTML gives the same rendering for any run of spaces, so this changes no visible text.
    """
    if el.text:
        el.text = _WHITESPACE.sub(" ", el.text)
    for sub in el.iter():
        if sub is el:
            continue
        if sub.text:
            sub.text = _WHITESPACE.sub(" ", sub.text)
        if sub.tail:
            sub.tail = _WHITESPACE.sub(" ", sub.tail)
    _strip_edge(el, leading=True)
    _strip_edge(el, leading=False)


def _strip_edge(el: ET.Element, leading: bool) -> None:
    """Remove whitespace at the start (or end) of ``el``'s content."""
    if leading:
        if el.text and el.text.strip():
            el.text = el.text.lstrip()
            return
        el.text = "" if el.text is not None else None
        for child in el:
            if not isinstance(child.tag, str):
                continue
            _strip_edge(child, leading=True)
            if "".join(child.itertext()).strip():
                return
            if child.tail and child.tail.strip():
                child.tail = child.tail.lstrip()
                return
            if child.tail is not None:
                child.tail = ""
    else:
        children = [c for c in el if isinstance(c.tag, str)]
        for child in reversed(children):
            if child.tail and child.tail.strip():
                child.tail = child.tail.rstrip()
                return
            if child.tail is not None:
                child.tail = ""
            _strip_edge(child, leading=False)
            if "".join(child.itertext()).strip():
                return
        if el.text is not None:
            el.text = el.text.rstrip()


def _text(el: ET.Element, skip_class: str = "fn-print") -> str:
    """The visible text of ``el`` without footnote bodies and calls, whitespace collapsed."""
    out: list[str] = []

    def walk(node: ET.Element) -> None:
        if node.text:
            out.append(node.text)
        for child in node:
            if child.tag == "br":
                out.append(" ")
            elif isinstance(child.tag, str) and not (_has_class(child, skip_class) or _has_class(child, "fn-call")):
                walk(child)
            if child.tail:
                out.append(child.tail)

    walk(el)
    return _WHITESPACE.sub(" ", "".join(out)).strip()


def _head(root: ET.Element) -> ET.Element | None:
    return root.find("head")


def _body(root: ET.Element) -> ET.Element:
    body = root.find("body")
    if body is None:  # the HTML parser always makes one
        raise ValueError("HTML without a body")
    return body


def document_title(root: ET.Element, fallback: str) -> str:
    """The title of a rendered document: ``<meta name="edition-title">``, else the first ``h1``."""
    head = _head(root)
    if head is not None:
        for meta in head.iter("meta"):
            if (meta.get("name") or "").lower() == "edition-title" and (meta.get("content") or "").strip():
                return _WHITESPACE.sub(" ", meta.get("content")).strip()
    h1 = next(_body(root).iter("h1"), None)
    if h1 is not None and _text(h1):
        return _text(h1)
    return fallback


@dataclass
class FootnoteCounts:
    notes: int = 0
    numbered: int = 0
    long_notes: int = 0


def prepare_footnotes(root: ET.Element, long_note_chars: int = LONG_NOTE_CHARS) -> FootnoteCounts:
    """Make every ``span.fn-print`` ready to float to the foot of the page.

    * whitespace normalised (see :func:`normalise_whitespace`);
    * ``data-n`` set from the call (``a.fn-call`` right before it) so the note is marked with the
      same number as the call in the text;
    * ``id="fn-N"`` given to the note when no element has that id yet, so the call links to it;
    * a note longer than ``long_note_chars`` becomes a block (``div.fn-block``) right after the
      block that holds its call, since it would not fit at the foot of a page.
    """
    counts = FootnoteCounts()
    ids = {el.get("id") for el in root.iter() if isinstance(el.tag, str) and el.get("id")}
    parents = {child: parent for parent in root.iter() for child in parent}
    for note in list(iter_class(root, "fn-print")):
        counts.notes += 1
        normalise_whitespace(note)
        parent = parents.get(note)
        call = _previous_sibling(parent, note)
        if call is not None and _has_class(call, "fn-call"):
            _glue_to_previous_word(call, parent)
            number = _WHITESPACE.sub("", "".join(call.itertext()))
            if number:
                note.set("data-n", number)
                counts.numbered += 1
            href = call.get("href") or ""
            if href.startswith("#") and len(href) > 1 and href[1:] not in ids and not note.get("id"):
                note.set("id", href[1:])
                ids.add(href[1:])
        if parent is not None and len("".join(note.itertext())) > long_note_chars:
            _move_after_block(note, parent, parents)
            counts.long_notes += 1
    return counts


#: WORD JOINER: forbids a line break between the word and the call ("policy.1" may otherwise
#: break after the full stop, leaving the call alone at the top of the next page). It has no glyph
#: and does not show in the PDF's text.
WORD_JOINER = "\u2060"


def _glue_to_previous_word(call: ET.Element, parent: ET.Element) -> None:
    siblings = list(parent)
    index = siblings.index(call)
    if index == 0:
        if parent.text and not parent.text[-1].isspace() and not parent.text.endswith(WORD_JOINER):
            parent.text += WORD_JOINER
        return
    previous = siblings[index - 1]
    if previous.tail:
        if not previous.tail[-1].isspace() and not previous.tail.endswith(WORD_JOINER):
            previous.tail += WORD_JOINER
    elif "".join(previous.itertext())[-1:].strip():
        previous.tail = WORD_JOINER


def _move_after_block(note: ET.Element, parent: ET.Element, parents: dict) -> None:
    """Turn a footnote into a ``div.fn-block`` placed after the nearest block holding it (or left
    where it is when no block holds it)."""
    block = parent
    while block.tag not in _BLOCKS and parents.get(block) is not None and parents[block].tag not in ("body", "html"):
        block = parents[block]
    container = parents.get(block)
    stays = block.tag in ("body", "html") or container is None
    if not stays:
        _detach(note, parent)
    note.tag = "div"
    note.set("class", " ".join(c if c != "fn-print" else "fn-block" for c in _classes(note)))
    marker = ET.Element("span", {"class": "fn-block-n"})
    marker.text = f"{note.get('data-n')}." if note.get("data-n") else ""
    marker.tail = " " + (note.text or "") if marker.text else note.text
    note.text = None
    note.insert(0, marker)
    if stays:
        return
    index = list(container).index(block)
    note.tail = block.tail
    block.tail = None
    container.insert(index + 1, note)
    parents[note] = container


def _detach(el: ET.Element, parent: ET.Element) -> None:
    """Remove ``el`` from ``parent`` keeping its tail text in place."""
    tail = el.tail
    siblings = list(parent)
    index = siblings.index(el)
    if tail:
        if index == 0:
            parent.text = (parent.text or "") + tail
        else:
            prev = siblings[index - 1]
            prev.tail = (prev.tail or "") + tail
    el.tail = None
    parent.remove(el)


def _previous_sibling(parent: ET.Element | None, el: ET.Element) -> ET.Element | None:
    if parent is None:
        return None
    previous = None
    for child in parent:
        if child is el:
            return previous
        previous = child
    return None


#: Longest running head (characters); longer titles are cut at a word and end with "…".
RUNNING_HEAD_CHARS = 72


def running_head(title: str, limit: int = RUNNING_HEAD_CHARS) -> str:
    """``title`` short enough for one line of the running head."""
    title = _WHITESPACE.sub(" ", title).strip()
    if len(title) <= limit:
        return title
    cut = title[: limit - 1]
    if " " in cut:
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip(" ,;:.-–—") + "…"


def set_pdf_title(root: ET.Element, title: str) -> None:
    """The PDF's Title metadata comes from ``<title>``: make it the document's title."""
    head = _head(root)
    if head is None:
        head = ET.Element("head")
        root.insert(0, head)
    element = head.find("title")
    if element is None:
        element = ET.SubElement(head, "title")
    for child in list(element):
        element.remove(child)
    element.text = title


def prepare_document(root: ET.Element, title: str, edition_title: str | None = None) -> None:
    """Prepare one rendered document for print: footnotes, running-head data, PDF title."""
    prepare_footnotes(root)
    set_pdf_title(root, title)
    body = _body(root)
    body.set("data-document-title", running_head(title))
    if edition_title:
        body.set("data-edition-title", running_head(edition_title, 40))


# --------------------------------------------------------------------------- laying out


def _parse_html(html_bytes: bytes, base_dir: Path, fetcher: LocalFileFetcher) -> HTML:
    return HTML(string=html_bytes, base_url=base_dir.resolve().as_uri() + "/", url_fetcher=fetcher)


def _print_stylesheet(fetcher: LocalFileFetcher) -> CSS:
    return CSS(filename=str(PRINT_CSS), url_fetcher=fetcher)


# --------------------------------------------------------------------------- footnote placement check

#: How many times a layout is repeated to bring misplaced footnotes back to the page of their call.
MAX_REPAIR_ROUNDS = 3


@dataclass
class Footnote:
    """A floating footnote and the element that shows its call (``a.fn-call``, or the note itself)."""

    note: ET.Element
    call: ET.Element
    block: ET.Element  # the nearest block holding the call
    next_block: ET.Element | None  # the block after it, if any
    repairs: int = 0


@dataclass
class Misplaced:
    label: str
    call_page: int | None
    note_page: int | None


@dataclass
class LayoutReport:
    pages: int = 0
    footnotes: int = 0
    repair_rounds: int = 0
    misplaced: list[Misplaced] = field(default_factory=list)


def _footnotes(root: ET.Element) -> list[Footnote]:
    parents = {child: parent for parent in root.iter() for child in parent}
    found = []
    for note in iter_class(root, "fn-print"):
        parent = parents.get(note)
        if parent is None:
            continue
        previous = _previous_sibling(parent, note)
        call = previous if previous is not None and _has_class(previous, "fn-call") else note
        block = parent
        while block.tag not in _BLOCKS and parents.get(block) is not None and parents[block].tag not in ("body", "html"):
            block = parents[block]
        container = parents.get(block)
        next_block = None
        if container is not None:
            siblings = [c for c in container if isinstance(c.tag, str)]
            index = siblings.index(block)
            if index + 1 < len(siblings):
                next_block = siblings[index + 1]
        found.append(Footnote(note, call, block, next_block))
    return found


def _pages_of(document: Document) -> tuple[dict[int, int], dict[int, int]]:
    """Page numbers (1-based) where each element's first in-flow box, and each footnote's own box, are.

    Reads WeasyPrint's box tree (``Page._page_box``): a floating footnote leaves an inline
    placeholder in the text and becomes a block box in the page's footnote area.
    """
    in_flow: dict[int, int] = {}
    footnote_boxes: dict[int, int] = {}
    for number, page in enumerate(document.pages, start=1):
        stack = [page._page_box]
        while stack:
            box = stack.pop()
            element = getattr(box, "element", None)
            if element is not None and isinstance(getattr(element, "tag", None), str):
                classes = _classes(element)
                if "fn-print" in classes and isinstance(box, boxes.BlockBox):
                    footnote_boxes.setdefault(id(element), number)
                elif "fn-call" in classes or "fn-print" in classes:
                    in_flow.setdefault(id(element), number)
            stack.extend(getattr(box, "children", None) or ())
    return in_flow, footnote_boxes


def misplaced_footnotes(document: Document, notes: list[Footnote]) -> list[tuple[Footnote, int | None, int | None]]:
    """The footnotes whose text is not on the page of their call: (footnote, call page, note page)."""
    in_flow, footnote_boxes = _pages_of(document)
    wrong = []
    for fn in notes:
        call_page = in_flow.get(id(fn.call))
        note_page = footnote_boxes.get(id(fn.note))
        if call_page != note_page:
            wrong.append((fn, call_page, note_page))
    return wrong


def _add_style(el: ET.Element, declaration: str) -> None:
    style = (el.get("style") or "").strip()
    if declaration not in style:
        el.set("style", f"{style}; {declaration}" if style else declaration)


def _repair(fn: Footnote) -> None:
    """Move text so the footnote fits on the page of its call, one step more each time.

    1. a page break before the block after the call: WeasyPrint moves the last footnote of a page
       on to the next page to make room for the first lines of a following paragraph, though the
       call stays behind; starting that paragraph on the next page keeps the note with its call;
    2. a page break before the block holding the call: call and note move on together.
    """
    fn.repairs += 1
    if fn.repairs == 1 and fn.next_block is not None:
        _add_style(fn.next_block, "break-before: page")
    else:
        _add_style(fn.block, "break-before: page")


def layout_checked(document: HTML, fetcher: LocalFileFetcher, source: Path | str,
                   max_rounds: int = MAX_REPAIR_ROUNDS) -> tuple[bytes, LayoutReport]:
    """Lay out ``document`` with print.css, check every footnote is on the page of its call, repair
    and lay out again (at most ``max_rounds`` times), and return the PDF bytes with a report.

    Footnotes still misplaced after the last round are logged as warnings, not hidden.
    """
    stylesheet = _print_stylesheet(fetcher)
    notes = _footnotes(document.etree_element)
    report = LayoutReport(footnotes=len(notes))
    try:
        for round_number in range(max_rounds + 1):
            rendered = document.render(stylesheets=[stylesheet])
            wrong = misplaced_footnotes(rendered, notes)
            if not wrong or round_number == max_rounds:
                break
            report.repair_rounds += 1
            for fn, _call_page, _note_page in wrong:
                _repair(fn)
        report.pages = len(rendered.pages)
        report.misplaced = [Misplaced(fn.note.get("data-n") or "?", call, page) for fn, call, page in wrong]
        pdf = rendered.write_pdf()
    except Exception as exc:  # a layout failure inside WeasyPrint: one line, not a traceback
        raise PDFRenderError(
            f"WeasyPrint could not lay out the PDF ({type(exc).__name__}: {exc}); "
            "please report this with the file",
            str(source), 0, 0, "pdf-layout",
        ) from exc
    for item in report.misplaced:
        LOG.warning("%s: warning: footnote %s is on page %s of the PDF but its call is on page %s",
                    source, item.label, item.note_page or "(none)", item.call_page)
    return pdf, report


def _render_html(renderer, tei_path: Path) -> bytes:
    tree = parse_file(tei_path)
    html_bytes = renderer.render_document_html(tree, view="print")
    if isinstance(html_bytes, str):
        html_bytes = html_bytes.encode("utf-8")
    return html_bytes


def _default_renderer(renderer):
    if renderer is not None:
        return renderer
    from edition_tools.render.html import Renderer  # imported late: the HTML renderer compiles XSLT

    return Renderer()


def html_to_pdf(html_bytes: bytes, base_dir: Path, allowed_dirs: Sequence[Path] = (), source: Path | str = "<html>",
                title: str | None = None) -> bytes:
    """Lay out one print-view HTML page as PDF bytes (see :func:`html_to_pdf_report`)."""
    pdf, _report = html_to_pdf_report(html_bytes, base_dir, allowed_dirs, source, title)
    return pdf


def html_to_pdf_report(html_bytes: bytes, base_dir: Path, allowed_dirs: Sequence[Path] = (),
                       source: Path | str = "<html>", title: str | None = None,
                       max_repair_rounds: int = MAX_REPAIR_ROUNDS) -> tuple[bytes, LayoutReport]:
    """Lay out one print-view HTML page: footnotes prepared, print.css applied, footnote placement
    checked and repaired. Returns the PDF bytes and a :class:`LayoutReport`.

    Relative URLs resolve against ``base_dir``; only files inside ``base_dir``, the package's
    asset folder and ``allowed_dirs`` are read.
    """
    fetcher = LocalFileFetcher([base_dir, ASSETS_DIR, *allowed_dirs], source)
    document = _parse_html(html_bytes, base_dir, fetcher)
    root = document.etree_element
    prepare_document(root, title or document_title(root, Path(str(source)).stem))
    return layout_checked(document, fetcher, source, max_repair_rounds)


def write_document_pdf(tei_path: Path, out_dir: Path, renderer=None) -> Path:
    """Render one TEI document to ``out_dir/<name>.pdf`` (see :func:`pdf_name`) and return that path.

    Raises :class:`edition_tools.xmlio.XMLInputError` for unreadable TEI and
    :class:`PDFRenderError` when WeasyPrint fails; the PDF is written atomically (never half a file).
    """
    tei_path = Path(tei_path)
    out_dir = Path(out_dir)
    renderer = _default_renderer(renderer)
    html_bytes = _render_html(renderer, tei_path)
    out_dir.mkdir(parents=True, exist_ok=True)
    pdf = html_to_pdf(html_bytes, out_dir, source=tei_path)
    out_path = out_dir / f"{pdf_name(tei_path)}.pdf"
    write_atomic(out_path, pdf)
    return out_path


def pdf_name(tei_path: Path) -> str:
    """The PDF's file name without ``.pdf``: the HTML page's name (``a.tei.xml`` -> ``a``), so the
    site's ``a.html`` and ``a.pdf`` go together."""
    from edition_tools.render.html import document_slug

    return document_slug(tei_path)


# --------------------------------------------------------------------------- the edition


def _edition_skeleton(title: str, lang: str, entries: list[tuple[str, str]]) -> str:
    """The title page and the table of contents, as HTML text (the documents are added as trees)."""
    esc = html_text.escape
    count = len(entries)
    items = "".join(
        f'<li><a href="#{esc(anchor)}"><span class="toc-title">{esc(label)}</span></a></li>'
        for anchor, label in entries
    )
    return (
        f'<!DOCTYPE html><html lang="{esc(lang)}"><head><meta charset="utf-8"><title>{esc(title)}</title></head>'
        f'<body data-edition-title="{esc(running_head(title, 40))}">'
        f'<section class="edition-cover"><h1 class="edition-title">{esc(title)}</h1>'
        f'<p class="edition-subtitle">{count} document{"" if count == 1 else "s"}</p></section>'
        f'<nav class="edition-contents"><h2>Contents</h2><ol>{items}</ol></nav>'
        f"</body></html>"
    )


def _prefix_ids(root: ET.Element, prefix: str) -> None:
    """Make ids unique across documents: ``id`` and local ``href="#…"`` get ``prefix``."""
    for el in root.iter():
        if not isinstance(el.tag, str):
            continue
        if el.get("id"):
            el.set("id", prefix + el.get("id"))
        href = el.get("href")
        if href and href.startswith("#") and len(href) > 1:
            el.set("href", "#" + prefix + href[1:])


def write_edition_pdf(tei_paths: list[Path], out_path: Path, renderer=None, title: str = DEFAULT_EDITION_TITLE) -> Path:
    """Render the documents into one PDF: title page, table of contents, then each document on a new page.

    Footnote numbers are those of each document (as on the site); page numbers run through the
    whole volume, and the contents list each document's first page.
    """
    path, _report = write_edition_pdf_report(tei_paths, out_path, renderer, title)
    return path


def write_edition_pdf_report(tei_paths: list[Path], out_path: Path, renderer=None,
                             title: str = DEFAULT_EDITION_TITLE) -> tuple[Path, LayoutReport]:
    """:func:`write_edition_pdf`, also returning the :class:`LayoutReport` of the layout."""
    tei_paths = [Path(p) for p in tei_paths]
    if not tei_paths:
        raise UserError("no TEI documents to put in the edition PDF", None, 0, 0, "pdf-empty")
    out_path = Path(out_path)
    renderer = _default_renderer(renderer)
    out_dir = out_path.parent
    out_dir.mkdir(parents=True, exist_ok=True)
    fetcher = LocalFileFetcher([out_dir, ASSETS_DIR], out_path)
    base = out_dir.resolve().as_uri() + "/"

    sections: list[ET.Element] = []
    head_extras: list[ET.Element] = []
    entries: list[tuple[str, str]] = []
    lang = "en"
    for index, tei_path in enumerate(tei_paths, start=1):
        parsed = HTML(string=_render_html(renderer, tei_path), base_url=base, url_fetcher=fetcher)
        root = parsed.etree_element
        doc_title = document_title(root, pdf_name(tei_path))
        prepare_footnotes(root)
        prefix = f"d{index}-"
        _prefix_ids(root, prefix)
        anchor = f"doc-{index}"
        section = ET.Element("section", {"class": "edition-document", "id": anchor, "data-document-title": running_head(doc_title, 50)})
        if root.get("lang"):
            section.set("lang", root.get("lang"))
        body = _body(root)
        section.text = body.text
        for child in list(body):
            section.append(child)
        sections.append(section)
        entries.append((anchor, doc_title))
        if index == 1:
            lang = root.get("lang") or lang
            head = _head(root)
            if head is not None:
                head_extras = [
                    el for el in head
                    if el.tag == "style" or (el.tag == "link" and "stylesheet" in (el.get("rel") or "").lower().split())
                ]

    edition = HTML(string=_edition_skeleton(title, lang, entries), base_url=base, url_fetcher=fetcher)
    root = edition.etree_element
    head = _head(root)
    if head is not None:
        for el in head_extras:
            head.append(el)
    body = _body(root)
    for section in sections:
        body.append(section)
    pdf, report = layout_checked(edition, fetcher, out_path)
    write_atomic(out_path, pdf)
    return out_path, report

"""PDF editions: footnotes on the page of their call, running heads, page numbers, margin page
marks, title page and contents, a URL fetcher that reads only allowed local files, same bytes on
re-run.

The layout tests read the PDFs back with poppler (``pdftotext``, ``pdftoppm``). They use a small
stand-in for the HTML renderer that produces the agreed print-view shape (``a.fn-call`` followed by
``span.fn-print``, ``span.pb[data-label]``, ``meta[name=edition-title]`` and ``h1``), so the print
layer is tested on its own; ``test_pdf_integration.py`` runs the real renderer.
"""

from __future__ import annotations

import html
import logging
import random
import re
import subprocess
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from weasyprint import HTML

from conftest import DATA, require_tool
from edition_tools.diagnostics import UserError
from edition_tools.render.pdf import (
    ASSETS_DIR,
    LocalFileFetcher,
    RefusedURL,
    document_title,
    html_to_pdf,
    html_to_pdf_report,
    normalise_whitespace,
    prepare_footnotes,
    running_head,
    write_document_pdf,
    write_edition_pdf,
)
from edition_tools.xmlio import local_name, xpath

PDF_DATA = DATA / "pdf"
LONG_DOC = PDF_DATA / "commission-record.tei.xml"
LETTER = PDF_DATA / "secretary-letter.tei.xml"
LONG_TITLE = "Record of the Trade Commission, First Session"
LETTER_TITLE = "Letter from the Commission Secretary to the Minister of Trade"
NOTES_IN_LONG_DOC = 8

MM = 72 / 25.4  # PDF points per millimetre
# print.css: @page margin 24mm 22mm 26mm 32mm
TOP_MARGIN_PT = 24 * MM
BOTTOM_MARGIN_PT = 26 * MM
LEFT_MARGIN_PT = 32 * MM


# --------------------------------------------------------------------------- stand-in renderer, reading PDFs back


def tree_of(markup: str):
    """The tree WeasyPrint's own HTML parser makes (the one pdf.py edits)."""
    return HTML(string=markup).etree_element


def footnote_span(root):
    return next(el for el in root.iter() if "fn-print" in (el.get("class") or "").split())


class ContractRenderer:
    """Stand-in for ``edition_tools.render.html.Renderer``: TEI -> print-view HTML of the agreed shape."""

    def __init__(self):
        self.calls = 0

    def render_document_html(self, tree, view="reading"):
        assert view == "print"
        self.calls += 1
        root = tree.getroot()
        title = "".join(xpath(root, "string(tei:teiHeader/tei:fileDesc/tei:titleStmt/tei:title[1])")).strip()
        self.pb_count = 0
        parts = []
        for el in xpath(root, "tei:text/tei:body/tei:div/*"):
            name = local_name(el)
            if name == "head":
                parts.append(f"<h1>{self.inline(el)}</h1>")
            elif name in ("p", "dateline", "salute", "signed"):
                parts.append(f'<p class="{name}">{self.inline(el)}</p>')
            else:  # opener, closer
                parts.append(f'<div class="{name}">' + "".join(f"<p>{self.inline(c)}</p>" for c in el) + "</div>")
        return (
            '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
            f'<title>{html.escape(title)}</title><meta name="edition-title" content="{html.escape(title)}">'
            f'</head><body><main>{"".join(parts)}</main></body></html>'
        ).encode("utf-8")

    def inline(self, el) -> str:
        out = [html.escape(el.text or "")]
        for child in el:
            name = local_name(child)
            if name == "note":
                n = child.get("n")
                out.append(
                    f'<a class="fn-call" href="#fn-{n}" id="fnref-{n}">{n}</a>'
                    f'<span class="fn-print">{html.escape("".join(child.itertext()))}</span>'
                )
            elif name == "pb":
                self.pb_count += 1
                out.append(f'<span class="pb" data-label="[p. {self.pb_count + 1} of extract]"></span>')
            elif name == "lb":
                out.append("<br>")
            else:
                out.append(self.inline(child))
            out.append(html.escape(child.tail or ""))
        return "".join(out)


def pdf_pages_text(pdf: Path) -> list[str]:
    """Text of each page (pdftotext separates pages with form feeds)."""
    require_tool("pdftoppm")
    out = subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    pages = out.split("\f")
    if pages and not pages[-1].strip():
        pages.pop()
    return pages


WORD_RE = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>')
PAGE_RE = re.compile(r'<page width="([\d.]+)" height="([\d.]+)">(.*?)</page>', re.S)


def pdf_words(pdf: Path) -> list[dict]:
    """Per page: its height and its words with their boxes (pdftotext -bbox)."""
    require_tool("pdftoppm")
    out = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    pages = []
    for width, height, body in PAGE_RE.findall(out):
        words = [
            {"x0": float(a), "y0": float(b), "x1": float(c), "y1": float(d), "text": html.unescape(t)}
            for a, b, c, d, t in WORD_RE.findall(body)
        ]
        pages.append({"width": float(width), "height": float(height), "words": words})
    return pages


def page_of(pages: list[str], needle: str) -> int:
    """1-based number of the only page containing ``needle``."""
    found = [i + 1 for i, text in enumerate(pages) if needle in text]
    assert len(found) == 1, f"{needle!r} expected on exactly one page, found on {found}"
    return found[0]


def head_text(page: dict) -> str:
    return " ".join(w["text"] for w in page["words"] if w["y1"] < TOP_MARGIN_PT)


def foot_text(page: dict) -> str:
    return " ".join(w["text"] for w in page["words"] if w["y0"] > page["height"] - BOTTOM_MARGIN_PT)


# --------------------------------------------------------------------------- footnote whitespace


def test_space_newline_in_footnote_is_collapsed_without_losing_text():
    root = tree_of(
        '<p>Text<a class="fn-call" href="#fn-1">1</a><span class="fn-print">\n  First line \n'
        "  <i>second \n\t line</i> \n third  line \n </span> after</p>"
    )
    note = footnote_span(root)
    before = " ".join("".join(note.itertext()).split())
    normalise_whitespace(note)
    text = "".join(note.itertext())
    assert text == "First line second line third line"
    assert text == before  # the words are all kept, in order
    assert "\n" not in text and "  " not in text
    assert note.tail == " after"  # the text after the note is not part of it


def test_whitespace_only_children_at_the_edges_are_stripped():
    root = tree_of('<p><span class="fn-print"> <b> </b> \n Kept <em>words</em> \n <i> \n </i>\n</span></p>')
    note = footnote_span(root)
    normalise_whitespace(note)
    assert "".join(note.itertext()) == "Kept words"


SPACES = st.sampled_from([" ", "\n", " \n", "\n ", "\t", "  ", " \n\t ", "\r\n"])
WORD = st.sampled_from(["alpha", "beta", "gamma", "Khrushchev’s", "[sic]", "1962", "—"])
RUN = st.lists(st.tuples(st.one_of(SPACES, st.just("")), WORD), max_size=6).map(
    lambda pairs: "".join(space + word for space, word in pairs)
)
INNER = st.recursive(
    RUN.map(html.escape),
    lambda inner: st.tuples(st.sampled_from(["i", "b", "span"]), st.lists(inner, max_size=3), SPACES).map(
        lambda t: f"<{t[0]}>{t[2].join(t[1])}</{t[0]}>{t[2]}"
    ),
    max_leaves=8,
)


@settings(max_examples=60, deadline=None)
@given(parts=st.lists(st.tuples(INNER, SPACES), max_size=5))
def test_normalising_footnote_whitespace_keeps_every_word(parts):
    content = "".join(a + b for a, b in parts)
    root = tree_of(f'<p>x<span class="fn-print">{content}</span>y</p>')
    note = footnote_span(root)
    words_before = "".join(note.itertext()).split()
    normalise_whitespace(note)
    text = "".join(note.itertext())
    assert text.split() == words_before
    assert "\n" not in text and "\t" not in text and "\r" not in text
    assert text == text.strip()


def test_running_heads_are_cut_at_a_word():
    assert running_head("  Short   title ") == "Short title"
    long = "Record of a Conversation with Prime Minister Fidel Castro Ruz and President Osvaldo Dorticós Torrado"
    head = running_head(long, 50)
    assert len(head) <= 50 and head.endswith("…")
    assert long.startswith(head[:-1]) and long[len(head) - 1] == " "


def test_footnote_crash_case_renders_after_normalising(tmp_path):
    # The raw WeasyPrint trap: a space followed by a newline in a long footnote.
    note = " ".join(["The footnote text goes on \n and on."] * 40)
    markup = f'<html><body><p>Call<a class="fn-call" href="#fn-1">1</a><span class="fn-print">{note}</span>.</p></body></html>'
    pdf = html_to_pdf(markup.encode(), tmp_path)
    assert pdf.startswith(b"%PDF-")


def test_footnotes_get_the_number_of_their_call_and_a_link_target():
    root = tree_of(
        '<p>A<a class="fn-call" href="#fn-7" id="fnref-7">7</a><span class="fn-print">seven</span>'
        ' B<a class="fn-call" href="#fn-8" id="fnref-8">8</a><span class="fn-print">eight</span></p>'
        '<ol><li id="fn-8">eight (screen list)</li></ol>'
    )
    counts = prepare_footnotes(root)
    notes = [el for el in root.iter() if "fn-print" in (el.get("class") or "").split()]
    assert (counts.notes, counts.numbered) == (2, 2)
    assert [n.get("data-n") for n in notes] == ["7", "8"]
    assert notes[0].get("id") == "fn-7"
    assert notes[1].get("id") is None  # fn-8 exists already: never a duplicate id


def test_document_title_prefers_meta_and_leaves_out_footnotes():
    with_meta = tree_of('<html><head><meta name="edition-title" content=" A  title "></head><body><h1>Other</h1></body></html>')
    assert document_title(with_meta, "stem") == "A title"
    from_h1 = tree_of(
        '<html><body><h1>Letter<a class="fn-call" href="#fn-1">1</a><span class="fn-print">note text</span> of 1961</h1></body></html>'
    )
    assert document_title(from_h1, "stem") == "Letter of 1961"
    assert document_title(tree_of("<html><body><p>x</p></body></html>"), "stem") == "stem"
    assert document_title(tree_of("<html><body><h1>Two<br>lines</h1></body></html>"), "stem") == "Two lines"


def test_a_note_too_long_for_the_foot_of_a_page_follows_its_paragraph():
    root = tree_of(
        '<html><body><ul><li><p>Call<a class="fn-call" href="#fn-3">3</a><span class="fn-print">'
        + "long " * 20
        + '</span> tail text.</p></li></ul><p>Next</p></body></html>'
    )
    counts = prepare_footnotes(root, long_note_chars=50)
    assert counts.long_notes == 1
    li = next(root.iter("li"))
    paragraph, block = list(li)
    assert "".join(paragraph.itertext()) == "Call\u20603 tail text."  # the tail stays; the call is glued to its word
    assert block.tag == "div" and block.get("class") == "fn-block" and block.get("id") == "fn-3"
    assert "".join(block.itertext()) == "3. " + " ".join(["long"] * 20)


def test_a_long_note_directly_in_the_body_stays_in_place():
    root = tree_of(
        '<html><body><p>Before</p>Loose text<a class="fn-call" href="#fn-1">1</a><span class="fn-print">'
        + "long " * 20 + '</span> after.<p>Last</p></body></html>'
    )
    prepare_footnotes(root, long_note_chars=50)
    body = next(root.iter("body"))
    assert [el.tag for el in body] == ["p", "a", "div", "p"]
    assert body[2].tail == " after."


def test_a_note_longer_than_a_page_is_printed_whole(tmp_path):
    words = " ".join(f"w{i:04d}" for i in range(1100))  # about 6,000 characters: more than a page foot holds
    body = " ".join(["Plain running text of the document."] * 60)
    markup = (
        f'<html><body><p>{body}</p><p>Callhere<a class="fn-call" href="#fn-1">1</a>'
        f'<span class="fn-print">longnotestart {words} longnoteend</span> after.</p><p>{body}</p></body></html>'
    )
    pdf = tmp_path / "long.pdf"
    pdf.write_bytes(html_to_pdf(markup.encode(), tmp_path))
    text = " ".join(pdf_pages_text(pdf))
    assert "1. longnotestart" in text and "longnoteend" in text
    assert all(f"w{i:04d}" in text for i in range(1100))  # no word lost


# --------------------------------------------------------------------------- URL fetcher


@pytest.fixture
def allowed(tmp_path):
    out = tmp_path / "out"
    (out / "img").mkdir(parents=True)
    (out / "img" / "mark.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg" width="1" height="1"/>')
    (tmp_path / "secret.txt").write_text("not for the PDF")
    (out / "link-out.txt").symlink_to(tmp_path / "secret.txt")
    return out


@pytest.mark.parametrize(
    "url",
    [
        "http://example.org/style.css",
        "https://example.org/font.woff2",
        "ftp://example.org/x.png",
        "data:text/css,body{color:red}",
        "data:image/png;base64,iVBORw0KGgo=",
        "file:///etc/passwd",
        "file://remote-host/share/x.css",
        "javascript:alert(1)",
    ],
)
def test_fetcher_refuses_anything_but_allowed_local_files(allowed, url):
    fetcher = LocalFileFetcher([allowed])
    with pytest.raises(RefusedURL):
        fetcher.fetch(url)
    assert fetcher.refused == [url]


def test_fetcher_refuses_escapes_from_the_allowed_folder(allowed):
    fetcher = LocalFileFetcher([allowed])
    base = allowed.as_uri()
    for url in (f"{base}/../secret.txt", f"{base}/%2e%2e/secret.txt", f"{base}/link-out.txt", f"{base}/img/missing.png"):
        with pytest.raises(RefusedURL):
            fetcher.fetch(url)


def test_fetcher_reads_files_inside_the_allowed_folders(allowed):
    fetcher = LocalFileFetcher([allowed])
    response = fetcher.fetch((allowed / "img" / "mark.svg").as_uri())
    assert response.content_type == "image/svg+xml"
    assert b"<svg" in response.read()
    with_host = fetcher.fetch("file://localhost" + str(allowed / "img" / "mark.svg"))
    assert b"<svg" in with_host.read()
    assert fetcher.refused == []
    css = LocalFileFetcher([ASSETS_DIR]).fetch((ASSETS_DIR / "print.css").as_uri())
    assert css.content_type == "text/css"


def test_refused_resources_are_reported_and_the_pdf_is_still_made(tmp_path, caplog):
    (tmp_path / "outside.css").write_text("p { color: red }")
    out = tmp_path / "out"
    out.mkdir()
    markup = (
        '<html><head><link rel="stylesheet" href="../outside.css"><link rel="stylesheet" href="http://example.org/a.css">'
        '</head><body><p>Text<img src="data:image/png;base64,iVBORw0KGgo="></p></body></html>'
    )
    with caplog.at_level(logging.WARNING, logger="edition_tools.render.pdf"):
        pdf = html_to_pdf(markup.encode(), out, source="page.html")
    assert pdf.startswith(b"%PDF-")
    messages = [r.getMessage() for r in caplog.records if r.name == "edition_tools.render.pdf"]
    assert len(messages) == 3 and all(m.startswith("page.html: warning: ") for m in messages)
    joined = " | ".join(messages)
    assert "outside.css" in joined and "example.org" in joined and "data URL refused" in joined


# --------------------------------------------------------------------------- a document PDF


@pytest.fixture(scope="module")
def document_pdf(tmp_path_factory) -> Path:
    require_tool("pdftoppm")
    out_dir = tmp_path_factory.mktemp("document-pdf")
    return write_document_pdf(LONG_DOC, out_dir, renderer=ContractRenderer())


def test_document_pdf_is_named_like_the_html_page(document_pdf):
    assert document_pdf.name == "commission-record.pdf"  # from commission-record.tei.xml, like commission-record.html
    assert document_pdf.read_bytes().startswith(b"%PDF-")
    assert not [p for p in document_pdf.parent.iterdir() if p.name.endswith(".tmp")]


def test_each_footnote_is_on_the_page_of_its_call(document_pdf):
    pages = pdf_pages_text(document_pdf)
    note_pages = set()
    for k in range(1, NOTES_IN_LONG_DOC + 1):
        call_page = page_of(pages, f"callsite{k:02d}")
        note_page = page_of(pages, f"notetext{k:02d}")
        assert note_page == call_page, f"footnote {k}: call on page {call_page}, note text on page {note_page}"
        note_pages.add(note_page)
    assert len(pages) >= 3 and len(note_pages) >= 2, "the test document must spread its notes over several pages"


def test_footnotes_sit_below_the_text_and_carry_their_number(document_pdf):
    pages = pdf_words(document_pdf)
    for k in range(1, NOTES_IN_LONG_DOC + 1):
        page = next(p for p in pages if any(w["text"] == f"notetext{k:02d}." for w in p["words"]))
        words = page["words"]
        note_y = next(w["y0"] for w in words if w["text"] == f"notetext{k:02d}.")
        call_y = next(w["y0"] for w in words if w["text"].startswith(f"callsite{k:02d}"))
        assert note_y > call_y
        assert note_y > page["height"] / 3  # in the lower part of the page, not inline
        # "k." marker opens the note: "k. Note text marker notetextkk."
        idx = next(i for i, w in enumerate(words) if w["text"] == f"notetext{k:02d}.")
        assert [w["text"] for w in words[idx - 4 : idx]] == [f"{k}.", "Note", "text", "marker"]


def test_running_heads_and_page_numbers(document_pdf):
    pages = pdf_words(document_pdf)
    assert head_text(pages[0]) == ""  # the first page shows the title itself
    for number, page in enumerate(pages, start=1):
        assert foot_text(page) == str(number)
        if number > 1:
            assert head_text(page) == LONG_TITLE


def test_page_breaks_of_the_source_are_labelled_in_the_margin(document_pdf):
    pages = pdf_words(document_pdf)
    labels = [
        (i, w) for i, page in enumerate(pages) for w in page["words"] if w["text"] == "[p."
    ]
    assert len(labels) == 2
    for i, label in labels:
        body = [w for w in pages[i]["words"] if TOP_MARGIN_PT < w["y0"] < pages[i]["height"] - BOTTOM_MARGIN_PT]
        text_left = min(w["x0"] for w in body if w is not label)
        assert label["x1"] < text_left <= LEFT_MARGIN_PT + 1
        # on the level of a line of text that holds the mark
        marks = [w for w in pages[i]["words"] if "\u2016" in w["text"]]
        assert any(abs(m["y0"] - label["y0"]) < 8 for m in marks)


def test_pages_as_images_show_each_note_on_the_page_of_its_call(document_pdf, tmp_path):
    from PIL import Image

    pdftoppm = require_tool("pdftoppm")
    dpi = 50
    subprocess.run([pdftoppm, "-r", str(dpi), "-png", str(document_pdf), str(tmp_path / "page")], check=True)
    images = sorted(tmp_path.glob("page-*.png"))
    pages = pdf_words(document_pdf)
    assert len(images) == len(pages)
    gray = []
    for image in images:
        with Image.open(image) as im:
            gray.append(im.convert("L"))
        low, high = gray[-1].getextrema()
        assert low < 128 < high, f"{image.name} looks blank"

    def ink(page_index: int, word: dict) -> int:
        """Darkest pixel inside the word's box on the page image."""
        scale = dpi / 72
        box = (int(word["x0"] * scale), int(word["y0"] * scale), int(word["x1"] * scale) + 1, int(word["y1"] * scale) + 1)
        return gray[page_index].crop(box).getextrema()[0]

    for k in range(1, NOTES_IN_LONG_DOC + 1):
        found = [
            (i, w) for i, page in enumerate(pages) for w in page["words"]
            if w["text"] == f"notetext{k:02d}." or w["text"].startswith(f"callsite{k:02d}")
        ]
        assert len(found) == 2 and found[0][0] == found[1][0], f"footnote {k}: {found}"
        for i, word in found:
            assert ink(i, word) < 100, f"{word['text']} is not drawn on page {i + 1}"


def test_pdf_metadata_title_is_the_document_title(document_pdf):
    info = subprocess.run(["pdfinfo", str(document_pdf)], capture_output=True, text=True, check=True).stdout
    assert re.search(r"^Title:\s+" + re.escape(LONG_TITLE) + "$", info, re.M), info


def test_the_same_input_gives_the_same_bytes(document_pdf, tmp_path):
    again = write_document_pdf(LONG_DOC, tmp_path, renderer=ContractRenderer())
    assert again.read_bytes() == document_pdf.read_bytes()
    assert b"CreationDate" not in again.read_bytes()


def test_unreadable_tei_raises_a_located_error_and_writes_nothing(tmp_path):
    from edition_tools.xmlio import XMLInputError

    bad = tmp_path / "bad.xml"
    bad.write_text('<TEI xmlns="http://www.tei-c.org/ns/1.0"><text>')
    with pytest.raises(XMLInputError) as info:
        write_document_pdf(bad, tmp_path / "out", renderer=ContractRenderer())
    assert info.value.path == str(bad) and info.value.line >= 1
    assert not (tmp_path / "out" / "bad.pdf").exists()


# --------------------------------------------------------------------------- placement check and repair

WORDS = (
    "the commission agreed that delegation minister trade supply schedule harvest records archive "
    "letter reply question port freight cargo insurance session meeting secretary report"
).split()


def marked_document(seed: int) -> bytes:
    """Print-view HTML with paragraphs and footnotes of random lengths (seeded): call k follows the
    word ``callK`` and note k starts with ``noteK`` (K zero-padded to three digits)."""
    rnd = random.Random(seed)
    parts = ['<html lang="en"><head><meta name="edition-title" content="Stress"></head><body><h1>Stress</h1>']
    n = 0
    for _ in range(rnd.randint(15, 30)):
        words = []
        for _ in range(rnd.choice([12, 30, 60, 120, 200])):
            words.append(rnd.choice(WORDS))
            if rnd.random() < 0.012:
                n += 1
                note = " ".join(rnd.choice(WORDS) for _ in range(rnd.choice([8, 25, 60, 150, 300])))
                words[-1] = (
                    f'call{n:03d}<a class="fn-call" href="#fn-{n}" id="fnref-{n}">{n}</a>'
                    f'<span class="fn-print">note{n:03d} {note}</span>'
                )
        parts.append("<p>" + " ".join(words) + ".</p>")
    parts.append("</body></html>")
    return "".join(parts).encode()


def notes_off_their_call_page(pdf: Path, count: int) -> list[tuple[int, list[int], list[int]]]:
    pages = pdf_pages_text(pdf)
    wrong = []
    for k in range(1, count + 1):
        calls = [i + 1 for i, t in enumerate(pages) if f"call{k:03d}" in t]
        notes = [i + 1 for i, t in enumerate(pages) if f"note{k:03d}" in t]
        if len(calls) != 1 or calls != notes:
            wrong.append((k, calls, notes))
    return wrong


# A seed where WeasyPrint 70 with print.css, without the repair, carries notes 14 and 15 to the next
# page and leaves note 15 out of the PDF altogether (seeds 8, 27, 47, 63 and 103 show the same).
# If print.css changes, the first assertion tells whether the seed still shows it.
@pytest.mark.parametrize("seed", [97])
def test_misplaced_footnotes_are_found_and_repaired(tmp_path, seed, caplog):
    markup = marked_document(seed)
    count = markup.count(b'class="fn-print"')
    with caplog.at_level(logging.WARNING, logger="edition_tools.render.pdf"):
        unrepaired, before = html_to_pdf_report(markup, tmp_path, source="stress.html", max_repair_rounds=0)
    logged = [r.getMessage() for r in caplog.records if "footnote" in r.getMessage()]
    assert len(logged) == len(before.misplaced) and all(m.startswith("stress.html: warning: footnote ") for m in logged)
    (tmp_path / "before.pdf").write_bytes(unrepaired)
    wrong_before = notes_off_their_call_page(tmp_path / "before.pdf", count)
    assert before.misplaced and wrong_before, f"seed {seed} no longer shows a misplaced footnote; choose another"
    assert {m.label for m in before.misplaced} == {str(k) for k, _, _ in wrong_before}  # the check sees what poppler sees
    # a note WeasyPrint left out of the PDF altogether is caught, not only one on a later page
    assert any(m.note_page is None for m in before.misplaced)
    assert any(notes == [] for _, _, notes in wrong_before)

    repaired, after = html_to_pdf_report(markup, tmp_path)
    (tmp_path / "after.pdf").write_bytes(repaired)
    assert after.repair_rounds >= 1 and after.misplaced == []
    assert notes_off_their_call_page(tmp_path / "after.pdf", count) == []


# --------------------------------------------------------------------------- the edition PDF


@pytest.fixture(scope="module")
def edition_pdf(tmp_path_factory) -> Path:
    require_tool("pdftoppm")
    out = tmp_path_factory.mktemp("edition-pdf") / "edition.pdf"
    return write_edition_pdf([LETTER, LONG_DOC], out, renderer=ContractRenderer(), title="Trade Commission Papers")


def test_edition_has_a_title_page_and_contents_with_page_numbers(edition_pdf):
    pages = pdf_pages_text(edition_pdf)
    words = pdf_words(edition_pdf)
    assert "Trade Commission Papers" in pages[0] and "2 documents" in pages[0]
    assert head_text(words[0]) == "" and foot_text(words[0]) == ""  # a bare title page
    contents = pages[1]
    assert contents.lstrip().startswith("Contents")
    lines = [line.strip() for line in contents.splitlines() if line.strip()]
    entries = {}
    for title in (LETTER_TITLE, LONG_TITLE):
        line = next((line for line in lines if line.startswith(title)), None)
        assert line is not None, f"{title!r} is not in the contents: {lines}"
        number = re.fullmatch(re.escape(title) + r"[\s.]*(\d+)", line)
        assert number, f"no page number after {title!r} in the contents: {line!r}"
        entries[title] = int(number.group(1))
    assert entries[LETTER_TITLE] == 3
    assert entries[LONG_TITLE] > entries[LETTER_TITLE]
    for title, number in entries.items():
        top = [w["text"] for w in words[number - 1]["words"] if w["y0"] < words[number - 1]["height"] / 3]
        assert " ".join(top).startswith(title.split(",")[0]), f"{title!r} is not at the top of page {number}"
    assert "headnotetext" not in contents  # a note in a heading stays out of the contents


def test_edition_running_heads_name_the_edition_and_the_document(edition_pdf):
    words = pdf_words(edition_pdf)
    pages = pdf_pages_text(edition_pdf)
    long_start = page_of(pages, "callsite01")
    assert foot_text(words[1]) == "2"  # the contents page is numbered
    for number in range(3, len(words) + 1):
        page = words[number - 1]
        assert foot_text(page) == str(number)
        head = head_text(page)
        if number in (3, long_start):  # a document's opening page shows its title in full
            assert head == ""
            continue
        expected = LETTER_TITLE if number < long_start else LONG_TITLE
        assert head.startswith("Trade Commission Papers") and head.endswith(expected), head
    assert long_start < len(words)  # the long document has pages with running heads


def test_edition_keeps_each_documents_footnote_numbers_on_their_pages(edition_pdf):
    pages = pdf_pages_text(edition_pdf)
    assert page_of(pages, "headnotetext") == page_of(pages, "Minister of Trade1")
    assert page_of(pages, "letternotetext") == page_of(pages, "estimates are")
    for k in range(1, NOTES_IN_LONG_DOC + 1):
        assert page_of(pages, f"notetext{k:02d}") == page_of(pages, f"callsite{k:02d}")


def test_edition_with_an_unreadable_document_writes_nothing(tmp_path):
    from edition_tools.xmlio import XMLInputError

    bad = tmp_path / "bad.xml"
    bad.write_text("<!DOCTYPE TEI [<!ENTITY x SYSTEM 'file:///etc/passwd'>]><TEI>&x;</TEI>")
    with pytest.raises(XMLInputError) as info:
        write_edition_pdf([LETTER, bad], tmp_path / "edition.pdf", renderer=ContractRenderer())
    assert info.value.path == str(bad)
    assert list(tmp_path.iterdir()) == [bad]


def test_edition_without_documents_is_a_user_error(tmp_path):
    with pytest.raises(UserError):
        write_edition_pdf([], tmp_path / "edition.pdf", renderer=ContractRenderer())
    assert not (tmp_path / "edition.pdf").exists()

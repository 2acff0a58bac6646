"""TEI -> the HTML renderer's print view -> PDF, end to end, read back with poppler.

Uses the real ``edition_tools.render.html.Renderer`` on the test documents in ``tests/data/pdf``.
"""

from __future__ import annotations

import re

import pytest

from conftest import FRUS_CORPUS, require_file, require_tool
from edition_tools.render.pdf import write_document_pdf, write_edition_pdf
from edition_tools.xmlio import parse_file, text_of, xpath
from test_pdf import (
    LETTER,
    LETTER_TITLE,
    LONG_DOC,
    LONG_TITLE,
    NOTES_IN_LONG_DOC,
    foot_text,
    head_text,
    page_of,
    pdf_pages_text,
    pdf_words,
)


def words(text: str) -> set[str]:
    """Runs of letters, and runs of digits (punctuation and printed call numbers touch words in the PDF)."""
    return set(re.findall(r"[^\W\d_]+|\d+", text))


@pytest.fixture(scope="module")
def renderer():
    from edition_tools.render.html import Renderer

    return Renderer()


@pytest.fixture(scope="module")
def long_pdf(tmp_path_factory):
    require_tool("pdftoppm")
    return write_document_pdf(LONG_DOC, tmp_path_factory.mktemp("integration"))  # renderer=None: makes its own


def test_real_renderer_footnotes_are_on_the_page_of_their_call(long_pdf):
    pages = pdf_pages_text(long_pdf)
    assert len(pages) >= 3
    for k in range(1, NOTES_IN_LONG_DOC + 1):
        assert page_of(pages, f"notetext{k:02d}") == page_of(pages, f"callsite{k:02d}"), f"footnote {k}"


def test_real_renderer_loses_no_text_of_the_body(long_pdf):
    body = xpath(parse_file(LONG_DOC).getroot(), "//tei:text")[0]
    notes = xpath(body, ".//tei:note")
    expected = words(text_of(body, skip=("note",))) | words(" ".join(text_of(n) for n in notes))
    assert len(notes) == NOTES_IN_LONG_DOC and len(expected) > 100
    printed = words(" ".join(pdf_pages_text(long_pdf)))
    missing = sorted(expected - printed)
    assert not missing, f"words of the TEI text missing from the PDF: {missing[:20]}"


def test_real_renderer_heads_numbers_and_page_marks(long_pdf):
    pages = pdf_words(long_pdf)
    for number, page in enumerate(pages, start=1):
        assert foot_text(page) == str(number)
        if number > 1:
            assert head_text(page) == LONG_TITLE
    assert sum(1 for page in pages for w in page["words"] if w["text"] == "[p.") == 2


def test_real_renderer_edition(tmp_path, renderer):
    require_tool("pdftoppm")
    out = write_edition_pdf([LONG_DOC, LETTER], tmp_path / "edition.pdf", renderer=renderer, title="Trade Commission Papers")
    pages = pdf_pages_text(out)
    assert "Trade Commission Papers" in pages[0]
    contents = [line.strip() for line in pages[1].splitlines() if line.strip()]
    assert contents[0] == "Contents"
    starts = {}
    for title in (LONG_TITLE, LETTER_TITLE):
        line = next(line for line in contents if line.startswith(title))
        starts[title] = int(re.fullmatch(re.escape(title) + r"[\s.]*(\d+)", line).group(1))
    assert starts[LONG_TITLE] == 3 and starts[LETTER_TITLE] > starts[LONG_TITLE]
    assert pages[starts[LETTER_TITLE] - 1].lstrip().startswith("Letter from the Commission Secretary")
    # footnote numbers restart with each document and stay on the page of their call
    assert page_of(pages, "headnotetext") == starts[LETTER_TITLE]
    assert page_of(pages, "letternotetext") == page_of(pages, "estimates are")
    for k in range(1, NOTES_IN_LONG_DOC + 1):
        assert page_of(pages, f"notetext{k:02d}") == page_of(pages, f"callsite{k:02d}")


# A FRUS development document on which WeasyPrint misplaced a footnote before the repair
# (benchmarks/render_pdf.py: "repairs" column).
FRUS_CASES = ["frus1958-60v08_d247"]


@pytest.mark.parametrize("name", FRUS_CASES)
def test_real_frus_document_keeps_notes_with_calls_and_loses_no_text(tmp_path, renderer, name):
    from edition_tools.convert.api import convert_file
    from edition_tools.render.pdf import html_to_pdf_report

    source = require_file(FRUS_CORPUS / f"{name}.txt", "the FRUS development corpus is kept in tests/data/external/frus/")
    converted = convert_file(source, tmp_path, force=True)
    assert converted.ok, [d.format() for d in converted.diagnostics]
    tree = parse_file(converted.output)
    pdf, report = html_to_pdf_report(renderer.render_document_html(tree, view="print"), tmp_path, source=converted.output)
    assert report.footnotes >= 1 and report.misplaced == []
    out = tmp_path / f"{name}.pdf"
    out.write_bytes(pdf)

    text = xpath(tree.getroot(), "//tei:text")[0]
    shown_notes = xpath(text, ".//tei:note[not(@type = 'conversion')]")  # conversion notes are not published
    expected = words(text_of(text, skip=("note",))) | words(" ".join(text_of(n) for n in shown_notes))
    missing = sorted(expected - words(" ".join(pdf_pages_text(out))))
    assert not missing, f"words of the TEI text missing from the PDF: {missing[:20]}"


def test_same_bytes_from_another_process_with_another_hash_seed(long_pdf, tmp_path):
    import os
    import subprocess
    import sys

    code = (
        "import sys; from pathlib import Path; from edition_tools.render.pdf import write_document_pdf; "
        "write_document_pdf(Path(sys.argv[1]), Path(sys.argv[2]))"
    )
    env = {**os.environ, "PYTHONHASHSEED": "4242"}
    subprocess.run([sys.executable, "-c", code, str(LONG_DOC), str(tmp_path)], check=True, env=env, timeout=300)
    assert (tmp_path / long_pdf.name).read_bytes() == long_pdf.read_bytes()

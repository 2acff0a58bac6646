"""Fast paths of the layout readers (round 5): each is compared with the plain path it replaces, on the
test inputs and on generated texts."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from edition_tools.convert.layouts import detect_layout, pdf_text, plain, transcript
from edition_tools.convert.model import Document
from edition_tools.convert.source import clean_text, read_transcript

ROOT = Path(__file__).resolve().parent.parent
INPUTS = sorted((ROOT / "transcripts").glob("*.txt")) + sorted((ROOT / "tests" / "data" / "convert").glob("*/*.txt"))


def _reading(doc: Document) -> tuple:
    return doc.blocks, doc.notes, doc.meta, doc.decisions, doc.dropped, doc.div_type


def _fresh_pdf_reading(text: str) -> Document:
    """The PDF text reader's reading of a copy of ``text`` (another object: no reading kept for it)."""
    doc = Document("x", pdf_text.NAME)
    pdf_text.read(text[:1] + text[1:], doc)
    return doc


def _assert_pdf_reader_takes_the_detected_reading(text: str) -> None:
    transcript.detect(text)
    taken = Document("x", pdf_text.NAME)
    pdf_text.read(text, taken)
    assert _reading(taken) == _reading(_fresh_pdf_reading(text))
    assert plain._detected == []  # given once, the others forgotten with it


def test_the_pdf_reader_takes_the_reading_of_layout_detection_on_the_inputs() -> None:
    """The transcript detector reads a PDF extract with the PDF text reader; when the layout chosen is
    pdf-text, that reader takes the reading (its own blocks, labelled lines not split) instead of
    reading the text a second time."""
    extracts = 0
    for path in INPUTS:
        text = clean_text(read_transcript(path))
        if transcript.is_pdf_extract(text) and not transcript.line_numbers.detect(text):
            extracts += 1
            _assert_pdf_reader_takes_the_detected_reading(text)
    assert extracts >= 2


def test_a_pdf_text_conversion_reads_the_text_once(monkeypatch) -> None:
    """Sample 002 is read by the PDF text reader once per conversion: in layout detection."""
    from edition_tools.convert.api import convert_text

    path = next(p for p in INPUTS if p.name.startswith("002"))
    text = read_transcript(path)
    calls = []
    scan = pdf_text.scan
    monkeypatch.setattr(pdf_text, "scan", lambda *a: calls.append(1) or scan(*a))
    pdf_text.detect.cache_clear()
    tree, doc = convert_text(text, path.name)
    assert doc.layout == "pdf-text"
    assert len(calls) == 2  # the detector's look for page breaks, and the one reading


_WORDS = st.sampled_from(["the", "talks", "went", "on", "depart-", "ment", "so-", "called", "Moscow.", "said:", "is"])
_LINE = st.tuples(st.sampled_from(["", "", "HOLLIS: ", "QUENDORF: ", "Q. "]), st.lists(_WORDS, min_size=4, max_size=12))


@settings(max_examples=60, deadline=None)
@given(st.lists(_LINE, min_size=6, max_size=40), st.sampled_from(["\n", "\n\n"]), st.sets(st.integers(0, 5), min_size=1))
def test_the_taken_pdf_reading_is_the_pdf_readers_own_on_generated_extracts(lines, gap, page_breaks) -> None:
    """Generated PDF extracts (form feeds between pages, or interleaved empty lines) with speaker labels
    at line starts, which the transcript detector splits off: the PDF text reader still gets its own
    blocks."""
    out = []
    for k, (label, ws) in enumerate(lines):
        if k in page_breaks:
            out.append("\f" + f"Interview    Page {k}")
        out.append(label + " ".join(ws) + " " * (k % 3))
    text = clean_text(gap.join(out) + "\n")
    assert transcript.is_pdf_extract(text)  # (form feeds)
    _assert_pdf_reader_takes_the_detected_reading(text)


def test_detection_keeps_no_pdf_reading_for_other_texts() -> None:
    """A plain text's kept reading is the plain reader's alone: the PDF text reader reads it itself."""
    text = clean_text(read_transcript(ROOT / "tests" / "data" / "convert" / "plain" / "memcon.txt"))
    assert detect_layout(text) == "plain"
    assert [r for _t, r, _d in plain._detected] == ["plain"]
    doc = Document("x", pdf_text.NAME)
    pdf_text.read(text, doc)
    assert _reading(doc) == _reading(_fresh_pdf_reading(text))

"""Page numbers printed on the source's pages become ``pb/@n``: the PDF text reader drops them as page
furniture and keeps their numbers; the writer gives each page break the number of the page it opens,
and numbers no break when the breaks and the pages it counted do not tally."""

from __future__ import annotations

from conftest import DATA
from edition_tools.convert.api import convert_text
from edition_tools.convert.layouts import pdf_text
from edition_tools.convert.model import Document
from edition_tools.render.marks import R_NS, annotate
from edition_tools.xmlio import TEI_NS, parse_bytes, xpath

SENTENCES = [
    "The commission met again on the ninth of March in the old building of the academy, and",
    "its members heard the reports of the hydrologists on the spring floods of the river basin.",
    "The figures of the two sides differed, and the chairman proposed to measure again in April.",
]


def pages(feet: list[str | None]) -> str:
    """Form-feed pages of three lines each, each closed by its foot line (None: no foot)."""
    out = []
    for k, foot in enumerate(feet):
        lines = [f"{s[:-1]} (page {['one', 'two', 'three', 'four', 'five'][k]})." for s in SENTENCES]
        out.append("\n".join(lines + ([f"\n{foot}"] if foot else [])) + "\n")
    return "\f".join(out)


def read(text: str) -> Document:
    doc = Document("t.txt", pdf_text.NAME)
    pdf_text.read(text, doc)
    return doc


def test_each_page_after_a_break_keeps_its_printed_number() -> None:
    doc = read(pages(["- 1 -", "- 2 -", "- 3 -"]))
    assert [d.reason for d in doc.dropped] == ["page number"] * 3
    assert doc.meta["page_numbers"] == ["2", "3"]
    # the source's own pagination, not the place in the extract: a document printed from page 117
    doc = read(pages(["117", "118", "119", "120"]))
    assert doc.meta["page_numbers"] == ["118", "119", "120"]


def test_a_page_without_its_number_gets_none() -> None:
    doc = read(pages(["- 1 -", "- 2 -", None, "- 4 -"]))
    assert doc.meta["page_numbers"] == ["2", None, "4"]


def test_no_numbers_when_none_are_printed() -> None:
    assert "page_numbers" not in read(pages([None, None, None])).meta


def test_a_blank_page_leaves_the_breaks_unnumbered() -> None:
    """Two page breaks on one line (a blank page between): the n-th break need not open the n-th page
    counted, so nothing is numbered."""
    text = pages(["- 1 -", "- 2 -", "- 4 -"]).replace("\f", "\f\f", 2).replace("\f\f", "\f", 1)
    assert text.count("\f") == 3
    assert "page_numbers" not in read(text).meta


def test_the_page_breaks_of_the_tei_carry_the_numbers() -> None:
    text = (DATA / "convert" / "pdf" / "memo_form_feed.txt").read_text(encoding="utf-8")
    tree, _doc = convert_text(text, "memo.txt")
    assert [pb.get("n") for pb in xpath(tree, "//tei:body//tei:pb")] == ["2"]
    court = (DATA / "convert" / "transcript" / "court_reporter.txt").read_text(encoding="utf-8")
    tree, _doc = convert_text(court, "court.txt")
    assert [pb.get("n") for pb in xpath(tree, "//tei:body//tei:pb")] == ["12", "13", "14"]


def test_breaks_that_do_not_tally_with_the_pages_get_no_number(monkeypatch) -> None:
    """The writer numbers the breaks only when there are as many as the reader counted pages after the
    first (here the reader is made to count one page too many)."""
    real = pdf_text._keep_page_numbers

    def one_more(printed, pages, doc):
        real(printed, pages + 1, doc)

    monkeypatch.setattr(pdf_text, "_keep_page_numbers", one_more)
    text = (DATA / "convert" / "pdf" / "memo_form_feed.txt").read_text(encoding="utf-8")
    tree, _doc = convert_text(text, "memo.txt")
    assert [pb.get("n") for pb in xpath(tree, "//tei:body//tei:pb")] == [None]


def test_a_telegrams_page_header_numbers_its_page() -> None:
    """``PAGE 02 MOSCOW 04512 01 OF 02 151432Z``: the header is dropped, its number goes to the break."""
    text = (DATA / "convert" / "plain" / "telegram_pages.txt").read_text(encoding="utf-8")
    tree, doc = convert_text(text, "telegram.txt")
    assert doc.meta["page_numbers"] == ["2"]
    assert [pb.get("n") for pb in xpath(tree, "//tei:body//tei:pb")] == ["1", "2"]


def test_the_first_pages_printed_number_opens_the_text() -> None:
    """The number printed on the first page (``- 1 -``, a court reporter's ``12``, a telegram's
    ``PAGE 01``) goes to a break of its own at the start of the text: no other break opens that page."""
    doc = read(pages(["- 1 -", "- 2 -", "- 3 -"]))
    assert doc.meta["first_page_number"] == "1"
    assert "first_page_number" not in read(pages([None, "- 2 -", "- 3 -"])).meta
    court = (DATA / "convert" / "transcript" / "court_reporter.txt").read_text(encoding="utf-8")
    tree, _doc = convert_text(court, "court.txt")
    div = xpath(tree, "//tei:body/tei:div")[0]
    assert div[0].tag == f"{{{TEI_NS}}}pb" and div[0].get("n") == "12"


def test_an_unnumbered_page_is_counted_from_a_break_at_the_start() -> None:
    """The reading page labels a break without ``@n`` by its place among the pages: the breaks before
    it, plus one for the first page unless a break opens the text."""
    def labels(body: str) -> list[str]:
        root = parse_bytes(f'<TEI xmlns="{TEI_NS}"><text><body>{body}</body></text></TEI>'.encode()).getroot()
        return [pb.get(f"{{{R_NS}}}pb") for pb in annotate(root).iter(f"{{{TEI_NS}}}pb")]

    assert labels('<div><p>One <pb/>two <pb n="9"/>three <pb/>four</p></div>') == ["[p. 2]", "p. 9", "[p. 4]"]
    assert labels('<div><pb n="12"/><head>H</head><p>One <pb/>two <pb n="14"/>three</p></div>') == ["p. 12", "[p. 2]", "p. 14"]
    assert labels('<div><head>H</head><pb/><p>One</p></div>') == ["[p. 2]"]

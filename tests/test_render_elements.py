"""What each element looks like in the reading, diplomatic, review and print views (encoding
model §6), checked on the rendered HTML with XPath."""

from __future__ import annotations

from pathlib import Path

import pytest

from edition_tools.render.html import Renderer
from edition_tools.render.htmlio import parse_html
from edition_tools.xmlio import parse_bytes, parse_file

DOCS = Path(__file__).resolve().parent / "data" / "render" / "docs"


@pytest.fixture(scope="module")
def renderer():
    return Renderer()


@pytest.fixture(scope="module")
def page(renderer):
    cache = {}

    def get(doc: str, view: str = "reading"):
        key = (doc, view)
        if key not in cache:
            cache[key] = parse_html(renderer.render_document_html(parse_file(DOCS / f"{doc}.xml"), view=view))
        return cache[key]

    return get


def text(el) -> str:
    return " ".join("".join(el.itertext()).split())


def one(page, expr, **kw):
    found = page.xpath(expr, **kw)
    assert len(found) >= 1, f"nothing matches {expr}"
    return found[0]


def cls(name: str) -> str:
    return f"contains(concat(' ', normalize-space(@class), ' '), ' {name} ')"


# ------------------------------------------------------------------ page structure and header panel


def test_page_has_landmarks_lang_and_headings_in_order(page):
    p = page("header-full")
    assert p.get("lang") == "en"
    assert p.xpath("//main") and p.xpath("//header") and p.xpath("//nav[@aria-label]") and p.xpath("//footer")
    levels = [int(h.tag[1]) for h in p.iter("h1", "h2", "h3", "h4", "h5", "h6")]
    assert levels[0] == 1 and levels.count(1) == 1
    assert all(b <= a + 1 for a, b in zip(levels, levels[1:])), levels
    assert one(p, "//meta[@name='edition-title']").get("content").startswith("Memorandum of a Conversation")


def test_header_panel_shows_the_metadata(page):
    panel = one(page("header-full"), "//header[@class='doc-header']")
    terms = [text(dt) for dt in panel.xpath(".//dt")]
    for label in ("Date", "Author", "Translated by", "Contributed by", "Archival reference", "Source", "Source note",
                  "Rights", "Participants", "Keywords"):
        assert label in terms, label
    assert "automatic conversion" not in " ".join(terms)  # the converter is credited only in the review view
    dd = {text(dt): text(dt.getnext()) for dt in panel.xpath(".//dt")}
    assert dd["Date"] == "3 March 1958"
    assert dd["Archival reference"] == "Rivertown, Harbour Archive, Fond 12, Box 4, File 9"
    assert "Harbour Archive, Fond 12, Box 4, File 9, sheets 2-3" in dd["Source note"]
    assert "Creative Commons Attribution 4.0" in dd["Rights"]
    assert "Ilona Varga, Minister of Trade" in dd["Participants"] and "Otto Brandt" in dd["Participants"]
    assert "Amaka Okafor" not in dd["Participants"]  # the translator is not a participant
    assert [text(li) for li in panel.xpath(".//ul[@class='keywords']/li")] == ["harbour dues", "grain trade"]
    assert "promises a reply" in text(one(panel, ".//section[@class='abstract']"))
    licence = one(panel, ".//dd[@class='rights']//a")
    assert licence.get("href") == "https://creativecommons.org/licenses/by/4.0/"


def test_cite_this_line_and_stable_anchors(page):
    p = page("speech")
    ids = p.xpath("//section[@id='text']//*[@id]/@id")
    assert len(ids) == len(set(ids))
    paragraphs = p.xpath("//section[@id='text']//p[not(" + cls("speaker") + ") and not(" + cls("speaker-label") + ")]")
    assert paragraphs and all(par.get("id") for par in paragraphs)
    assert all(sp.get("id") for sp in p.xpath("//div[" + cls("sp") + "]"))
    link = one(p, "//p[@id='p-1']/a[" + cls("cite-link") + "]")
    assert link.get("href") == "#p-1"
    assert link.get("title") == "Cite: Record of a Conversation on Fishing Rights, 14 June 1963. document.html#p-1"
    cite = text(one(page("header-full"), "//p[@class='cite-this']"))
    assert "Rivertown, Harbour Archive, Fond 12, Box 4, File 9" in cite


def test_view_switch_links_both_views_without_javascript(page):
    for view in ("reading", "diplomatic", "review"):
        p = page("speech", view)
        links = p.xpath("//nav[@class='view-switch']//a")
        assert [a.get("href") for a in links] == ["document.html", "document.diplomatic.html", "document.review.html"]
        current = p.xpath("//nav[@class='view-switch']//a[@aria-current='page']")
        assert [a.get("data-view") for a in current] == [view]
        assert not p.xpath("//script")


def test_print_view_has_no_script_no_navigation_and_no_stylesheet_link(page):
    p = page("interventions", "print")
    assert not p.xpath("//script | //nav | //link")
    assert p.xpath("//h1")


# ------------------------------------------------------------------ speech


def test_said_quoted_attributed_and_unquoted_said_gets_no_marks(page):
    p = page("speech")
    quoted = one(p, "//span[" + cls("said") + "][contains(., 'Not yet')]")
    assert [text(m) for m in quoted.xpath("span[" + cls("q-mark") + "]")] == ["“", "”"]
    assert quoted.get("title") == "James Haldane → Claire Moreau: direct speech"
    plain = one(p, "//span[" + cls("said") + "][contains(., 'The fleet is ready')]")
    assert not plain.xpath(".//span[" + cls("q-mark") + "]")
    assert plain.get("title") == "James Haldane: direct speech (inferred, medium)"
    assert one(p, "//span[" + cls("said") + "][contains(., 'take months')]").get("title") == "Kenji Ito: thought"


def test_parts_of_a_split_speech_are_highlighted_together(page):
    p = page("speech")
    parts = p.xpath("//span[@data-chain]")
    assert [(x.get("data-chain"), x.text) for x in parts] == [("1", "The fleet is ready,"), ("1", "but the nets are not.")]
    style = p.xpath("//head/style")[0].text
    assert '.text:has([data-chain="1"]:hover) [data-chain="1"]' in style
    assert not page("speech", "print").xpath("//style | //*[@data-chain]")


def test_block_speech_is_indented_with_a_generated_speaker_label(page):
    block = one(page("speech"), "//blockquote[" + cls("said") + "]")
    assert text(one(block, "p[" + cls("speaker-label") + "]")) == "Claire Moreau:"
    assert block.get("title").startswith("Claire Moreau → James Haldane")
    diplomatic = one(page("speech", "diplomatic"), "//blockquote[" + cls("said") + "]")
    assert not diplomatic.xpath("p[" + cls("speaker-label") + "]")  # the diplomatic view adds no label


def test_sp_keeps_the_printed_speaker_and_names_the_speaker_on_hover(page):
    sp = page("speech").xpath("//div[" + cls("sp") + "]")
    assert [text(s.xpath("p[@class='speaker']")[0]) for s in sp] == ["Ito:", "Both:"]
    assert [s.get("title") for s in sp] == ["Kenji Ito", "Claire Moreau and James Haldane"]


def test_quote_and_socalled_marks_are_regenerated(page):
    p = page("speech")
    assert text(one(p, "//span[@class='soCalled']")) == "“fishermen's peace”"
    assert text(one(p, "//span[@class='quote']")) == "“a quiet victory for common sense.”"


# ------------------------------------------------------------------ interventions


def test_sic_reading_and_diplomatic(page):
    reading = one(page("interventions"), "//span[@class='sic']")
    assert text(reading) == "milion"
    assert reading.get("title") == "flagged as an error by Nadia Petrova"
    assert text(reading.getnext()) == "[sic]"
    diplomatic = one(page("interventions", "diplomatic"), "//span[@class='sic']")
    assert text(diplomatic.getnext()) == "[SIC]" and diplomatic.get("title") is None


def test_choice_shows_correction_in_reading_and_source_in_diplomatic(page):
    r = one(page("interventions"), "//span[" + cls("choice") + "][contains(@title, 'attainted') or contains(., 'attain')]")
    assert text(r) == "attained" and r.get("title") == "source reads: attainted"
    d = one(page("interventions", "diplomatic"), "//span[" + cls("choice") + "][contains(., 'attain')]")
    assert text(d) == "attainted" and d.get("title").startswith("editor's correction: attained")


def test_emendations_listed_in_reading_view_only(page):
    items = page("interventions").xpath("//section[@class='emendations']//li")
    assert [" ".join("".join(li.itertext()).split()) for li in items] == [
        "attained: the source reads “attainted” (corrected by Test Editor)"]
    assert items[0].xpath("a/@href") == ["#p-1"]
    assert not page("interventions", "diplomatic").xpath("//section[@class='emendations']")
    assert not page("interventions", "print").xpath("//section[@class='emendations']")


def test_supplied_in_brackets_with_reason_and_who(page):
    s = page("interventions").xpath("//span[@class='supplied']")
    assert [text(x) for x in s] == ["[our]", "[southern]"]
    assert s[0].get("title") == "added in translation: implicit in the original; by Nadia Petrova"
    assert s[1].get("title") == "added for clarity; by Nadia Petrova; certainty: medium"


def test_gap_shows_the_source_words_or_an_ellipsis_with_the_reason(page):
    gaps = page("interventions").xpath("//span[@class='gap']")
    assert text(gaps[0]) == "[not declassified]" and gaps[0].get("title") == "not declassified"
    assert text(gaps[1]).startswith("[…") and gaps[1].get("title") == "illegible (2 words)"


def test_original_term_italic_with_language(page):
    term = one(page("interventions"), "//span[" + cls("note-originalTerm") + "]")
    assert text(term) == "[nerazberikha]"
    foreign = one(term, "i[@class='foreign']")
    assert foreign.get("lang") == "ru-Latn" and foreign.get("title") == "Russian (romanised)"


def test_footnotes_numbered_and_linked_both_ways(page):
    p = page("interventions")
    calls = p.xpath("//a[" + cls("fn-call") + "]")
    assert [(a.get("href"), a.get("id"), text(a)) for a in calls] == [("#fn-1", "fnref-1", "1"), ("#fn-2", "fnref-2", "2")]
    for n in (1, 2):
        item = one(p, "//li[@id=$id]", id=f"fn-{n}")
        assert item.xpath(".//a[@href=$h]", h=f"#fnref-{n}")
    assert "Annual Bulletin" in text(one(p, "//li[@id='fn-1']"))
    assert not p.xpath("//span[" + cls("fn-print") + "]")


def test_print_view_footnote_text_follows_its_call_with_normalised_space(page):
    p = page("interventions", "print")
    for n, start in ((1, "According to the ministry"), (2, "A second note")):
        call = one(p, "//a[@id=$id]", id=f"fnref-{n}")
        assert call.get("class") == "fn-call" and call.get("href") == f"#fn-{n}" and text(call) == str(n)
        span = call.getnext()
        assert span.tag == "span" and span.get("class") == "fn-print"
        raw = "".join(span.itertext())
        assert raw.startswith(start) and "\n" not in raw and "  " not in raw and raw == raw.strip()
    assert not p.xpath("//section[" + cls("footnotes") + "]")


def test_source_note_footnote_goes_to_the_header_panel(page):
    p = page("opener-closer")
    note = one(p, "//header[@class='doc-header']//dd[@id='fn-1']")
    assert "Consular files" in text(note) and note.xpath(".//a[@href='#fnref-1']")
    assert one(p, "//h3//a[@id='fnref-1']").get("href") == "#fn-1"
    assert not p.xpath("//section[" + cls("footnotes") + "]//*[@id='fn-1']")


def test_conversion_notes_and_uncertainty_only_in_the_review_view(page):
    for view in ("reading", "diplomatic", "print"):
        p = page("interventions", view)
        assert "Paragraph boundary uncertain" not in text(p.xpath("//body")[0])
        assert not p.xpath("//*[@data-cert]")
    review = page("interventions", "review")
    assert "Paragraph boundary uncertain" in text(one(review, "//span[@class='conversion-note']"))
    assert one(review, "//p[@data-cert='medium']").get("data-resp") == "#conv"


# ------------------------------------------------------------------ names, dates, pages, structure


def test_names_link_to_registers_in_reading_view_only(page):
    link = one(page("header-full"), "//section[@id='text']//a[" + cls("name") + "][contains(., 'Varga')]")
    assert link.get("href") == "persons.html#person-varga" and link.get("title") == "Ilona Varga, Minister of Trade"
    place = one(page("header-full"), "//section[@id='text']//a[" + cls("place") + "]")
    assert place.get("href") == "places.html#place-rivertown"
    assert not page("header-full", "diplomatic").xpath("//section[@id='text']//a[" + cls("name") + "]")


def test_dates_carry_their_iso_value(page):
    t = one(page("interventions"), "//time[contains(., '30 September')]")
    assert t.get("datetime") == "1959-09-30"
    assert t.get("title") == "1959-09-30 (year inferred from the document date)"


def test_page_breaks_are_labelled_markers(page):
    pb = page("opener-closer").xpath("//span[@class='pb']")
    assert [(x.get("data-label"), x.text) for x in pb] == [("[p. 2]", None)]
    labels = [x.get("data-label") for x in page("safety").xpath("//span[@class='pb']")]
    assert labels == ["p. 2", "p. 3"]


def test_opener_head_with_line_break_list_and_closer(page):
    p = page("opener-closer")
    assert text(one(p, "//div[@class='opener']/span[" + cls("seg-classification") + "]")) == "Confidential."
    head = one(p, "//h3")
    assert head.xpath("br") and text(head).startswith("ON THE SHIPPING QUESTION")
    lists = p.xpath("//div[" + cls("list") + "]")
    assert [text(one(lst, "p[@class='list-head']")) for lst in lists] == ["Subjects:", "Copies to:"]
    assert [text(li) for li in lists[0].xpath("ul/li")] == ["Freight rates.", "Crew papers.", "Ice conditions."]
    signed = one(p, "//div[@class='closer']/div[@class='signed']")
    assert signed.xpath("br") and "V. Aalto" in text(signed)


def test_foreign_tei_table_figure_hi_ref_and_heading_notes(page):
    p = page("foreign-frus-memo")
    table = one(p, "//table")
    assert text(one(table, "caption")) == "Tonnage (thousands)"
    assert [text(th) for th in table.xpath(".//th")] == ["Year", "Exports", "Imports"]
    assert one(table, ".//td[@colspan='2']") is not None
    assert text(one(p, "//figure/figcaption")) == "Chart of shipments A bar chart showing exports rising."
    assert one(p, "//figure/a[@class='graphic gen']").get("href") == "figures/chart-41.png"
    assert not p.xpath("//img")  # images are linked, never fetched
    assert [s.text for s in p.xpath("//section[@id='text']//i[@data-rend='italic']")] == ["Brown", "aide-mémoire"]
    assert one(p, "//sup[@data-rend='sup']").text == "a"
    assert one(p, "//a[@class='ref'][. = 'Document 42']").get("href") == "https://history.example.gov/frus/d42"
    assert one(p, "//h3/a[@id='fnref-1']") is not None  # a footnote inside the heading
    assert len(p.xpath("//li[" + cls("footnote") + "]")) == 3


def test_unknown_elements_fall_back_to_their_content_with_a_class(page):
    p = page("robustness-invalid")
    assert text(one(p, "//span[@class='tei-madeUp']")) == "invented words"
    assert text(one(p, "//span[@class='tei-castItem']")) == "cast item"
    assert "Foreign markup text survives." in text(one(p, "//span[@class='foreign-markup']"))
    assert one(p, "//h6[@class='head']").text == "Seven levels deep"


def test_transcript_nested_divs_verse_glossary_and_apparatus(page):
    p = page("foreign-transcript")
    assert [h.tag for h in p.xpath("//section[@id='text']//*[self::h3 or self::h4]")] == ["h3", "h4"]
    assert [text(dt) for dt in p.xpath("//section[@id='text']//dl/dt")] == ["AB", "CO"]
    assert len(p.xpath("//div[@class='lg']/div[@class='l']")) == 2
    assert one(p, "//i[@class='foreign']").get("lang") == "de"
    assert "CHAIRMAN: The meeting is open." in text(one(p, "//p[@id='p-1']"))


def test_rendering_a_non_tei_document_is_a_clear_error(renderer, tmp_path):
    from edition_tools.diagnostics import UserError

    bad = tmp_path / "plain.xml"
    bad.write_text("<html><body>not TEI</body></html>")
    with pytest.raises(UserError) as info:
        renderer.write_document(bad, tmp_path / "out")
    assert "not a TEI document" in str(info.value) and str(bad) in str(info.value)
    assert not (tmp_path / "out").exists()


def test_tei_in_an_unusual_shape_still_renders(renderer):
    tree = parse_bytes(b'<TEI xmlns="http://www.tei-c.org/ns/1.0"><text><body><p>Only a body.</p></body></text></TEI>')
    html = renderer.render_document_html(tree)
    p = parse_html(html)
    assert text(one(p, "//h1")) == "Untitled document"
    assert text(one(p, "//p[@id='p-1']")).startswith("Only a body.")

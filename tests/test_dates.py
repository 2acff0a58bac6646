"""Dates: parse_date on dateline strings and mark_dates on TEI snippets (encoding model §3.14)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings, strategies as st
from lxml import etree

from edition_tools.convert.dates import DateContext, find_dates, mark_dates, parse_date
from edition_tools.convert.markup import string_value
from edition_tools.convert.model import Document
from edition_tools.xmlio import TEI_NS, to_string


def snippet(xml: str) -> etree._Element:
    return etree.fromstring(f'<p xmlns="{TEI_NS}">{xml}</p>')


def plain(el: etree._Element) -> str:
    """The element's content as markup without the namespace declaration."""
    s = to_string(el).replace(f' xmlns="{TEI_NS}"', "")
    return s[len("<p>"):-len("</p>")]


def run(xml: str, ctx: DateContext, doc: Document | None = None) -> tuple[str, Document]:
    doc = doc or Document("t.txt", "test")
    el = snippet(xml)
    mark_dates(el, ctx, doc, 7)
    return plain(el), doc


# --------------------------------------------------------------------------- parse_date

PARSE = [
    ("March 3, 1962", "1962-03-03", "March 3, 1962"),
    ("3 March 1962", "1962-03-03", "3 March 1962"),
    ("26 April 1961", "1961-04-26", "26 April 1961"),
    ("September 10, 1970", "1970-09-10", "September 10, 1970"),
    ("December 28, 1963,3:15 p.m.", "1963-12-28", "December 28, 1963"),
    ("Moscow, March 3, 1962, 6 p.m.", "1962-03-03", "March 3, 1962"),
    ("O 151400Z MAR 76", "1976-03-15", "151400Z MAR 76"),
    ("R 011200Z JAN 1975", "1975-01-01", "011200Z JAN 1975"),
    ("Bangkok, March 11, 1971, 0957Z.", "1971-03-11", "March 11, 1971"),
    ("August 20, 1968.", "1968-08-20", "August 20, 1968"),
    ("1958-11-12", "1958-11-12", "1958-11-12"),
    ("Washington, Tuesday, March 3, 1962", "1962-03-03", "Tuesday, March 3, 1962"),
    ("Sept. 10, 1970", "1970-09-10", "Sept. 10, 1970"),
    ("JUNE 3, 1959", "1959-06-03", "JUNE 3, 1959"),
    ("the 3rd of March 1962", "1962-03-03", "the 3rd of March 1962"),
    ("Geneva, 29 February 1960", "1960-02-29", "29 February 1960"),
    ("March 1962", "1962-03", "March 1962"),
    ("Kennedy’s message of 18 April.", "--04-18", "18 April"),
    ("Oct 26", "--10-26", "Oct 26"),
    ("in 1961 the talks", "1961", "1961"),
]


@pytest.mark.parametrize("text, when, span", PARSE)
def test_parse_date_finds_the_date_part(text, when, span):
    dv = parse_date(text)
    assert dv is not None
    assert dv.when == when
    assert text[dv.start:dv.end] == span


@pytest.mark.parametrize(
    "text",
    [
        "no date here",
        "We may 5 times",          # modal verb
        "the march on Washington",  # noun
        "May I ask a question?",
        "in 1961 cases",            # a count, not a year
        "1961-63",                  # a span of years: not a date we write
        "February 30, 1962",        # no such day
        "1961",                     # a bare number: no context that makes it a year
        "at 4:05 p.m.",
        "the 1960s",
        "Paragraph 12, 1963 tons",
    ],
)
def test_parse_date_none(text):
    assert parse_date(text) is None


def test_parse_date_day_range():
    dv = parse_date("They met March 3–5, 1962 in Geneva.")
    assert (dv.when, dv.to) == ("1962-03-03", "1962-03-05")


def test_find_dates_in_order_without_overlap():
    found = find_dates("On 3 March 1962 and March 5, 1962, and in March 1962.")
    assert [d.when for d in found] == ["1962-03-03", "1962-03-05", "1962-03"]


# --------------------------------------------------------------------------- mark_dates

DOC = DateContext(doc_date="1962-11-06", setting_date="1962-11-06")

MARK = [
    # explicit full date: no cert, no evidence
    ("On March 3, 1962, he left.", DOC,
     'On <date when="1962-03-03">March 3, 1962</date>, he left.'),
    # day + month: year from the document date
    ("Kennedy’s message of 18 April.", DateContext(doc_date="1961-04-26"),
     'Kennedy’s message of <date when="1961-04-18" evidence="internal">18 April</date>.'),
    # "the 27th" takes the month of the preceding date in the same element: cert high
    ("his letter of October 26 and the reply of the 27th.", DOC,
     'his letter of <date when="1962-10-26" evidence="internal">October 26</date> and the reply of '
     '<date when="1962-10-27" evidence="internal" cert="high" resp="#conv">the 27th</date>.'),
    # "today" in a record of conversation: the setting date, cert medium
    ("I met today with Castro.", DateContext(doc_date="1961-04-26", setting_date="1961-04-22"),
     'I met <date when="1961-04-22" evidence="internal" cert="medium" resp="#conv">today</date> with Castro.'),
    # "today, November 6" agrees with the setting date: one date, deterministic
    ("the next day—today, November 6—in the evening", DOC,
     'the next day—<date when="1962-11-06" evidence="internal">today, November 6</date>—in the evening'),
    # month + year, year alone after a preposition
    ("in March 1962 and again in 1963.", DOC,
     'in <date when="1962-03">March 1962</date> and again in <date when="1963">1963</date>.'),
    # day range
    ("the conference of March 3–5, 1962", DOC,
     'the conference of <date from="1962-03-03" to="1962-03-05">March 3–5, 1962</date>'),
    # no year anywhere but an explicit date earlier in the element gives one (cert medium)
    ("On March 3, 1950, he wrote. On March 5 he left.", DateContext(),
     'On <date when="1950-03-03">March 3, 1950</date>, he wrote. On '
     '<date when="1950-03-05" evidence="internal" cert="medium" resp="#conv">March 5</date> he left.'),
    # false positives left alone
    ("We may 5 times ask; the march; the 17th parallel; the 23rd Party Congress; in 1961 cases.", DOC,
     "We may 5 times ask; the march; the 17th parallel; the 23rd Party Congress; in 1961 cases."),
    # "the 27th" with no month anywhere: not marked
    ("on the 27th they left", DOC, "on the 27th they left"),
    # "today" with no reference date: not marked
    ("I met today with him", DateContext(), "I met today with him"),
    # notes and existing dates are skipped; a date split by an element is not guessed
    ('of 18 April<note>April 19</note> <date when="1962">1962</date> October <pb/>26', DateContext(doc_date="1961-04-26"),
     'of <date when="1961-04-18" evidence="internal">18 April</date><note>April 19</note> <date when="1962">1962</date> October <pb/>26'),
    # upper-case dates in headings
    ("MEETING OF JUNE 3, 1959", DOC, 'MEETING OF <date when="1959-06-03">JUNE 3, 1959</date>'),
]


@pytest.mark.parametrize("xml, ctx, expected", MARK)
def test_mark_dates(xml, ctx, expected):
    ctx = DateContext(ctx.doc_date, ctx.setting_date)  # fresh state per case
    out, doc = run(xml, ctx)
    assert out == expected
    assert doc.decisions == []


def test_no_year_gives_month_day_and_a_decision():
    out, doc = run("letter of October 26", DateContext())
    assert out == 'letter of <date when="--10-26" cert="medium" resp="#conv" xml:id="date1">October 26</date>'
    assert [(d.rule, d.line, d.target) for d in doc.decisions] == [("dates.no-year", 7, "date1")]


def test_inferred_date_after_document_is_a_decision():
    out, doc = run("his letter of December 3", DateContext(doc_date="1962-11-06"))
    assert out == ('his letter of <date when="1962-12-03" evidence="internal" cert="medium" resp="#conv" '
                   'xml:id="date1">December 3</date>')
    (d,) = doc.decisions
    assert d.rule == "dates.after-document" and "1961-12-03" in d.alternative


def test_day_long_after_the_document_date_is_read_as_the_year_before():
    out, doc = run("my message of Dec 17 arrived", DateContext(doc_date="1969-01-16"))
    assert out == ('my message of <date when="1968-12-17" evidence="internal" cert="medium" resp="#conv" '
                   'xml:id="date1">Dec 17</date> arrived')
    (d,) = doc.decisions
    assert d.rule == "dates.previous-year" and d.alternative.startswith("1969-12-17")


def test_ordinal_takes_month_from_previous_element_with_medium_cert():
    ctx = DateContext(doc_date="1962-11-06")
    doc = Document("t.txt", "test")
    run("Kennedy’s letter of October 26 arrived.", ctx, doc)
    out, _ = run("The reply of the 27th followed.", ctx, doc)
    assert out == 'The reply of <date when="1962-10-27" evidence="internal" cert="medium" resp="#conv">the 27th</date> followed.'
    # the month is remembered for one element only
    run("Nothing here.", ctx, doc)
    out, _ = run("And the 28th.", ctx, doc)
    assert out == "And the 28th."


def test_today_with_a_different_written_day_is_a_decision():
    out, doc = run("today, November 7", DateContext(doc_date="1962-11-06", setting_date="1962-11-06"))
    assert 'when="1962-11-07"' in out and 'cert="medium"' in out
    assert [d.rule for d in doc.decisions] == ["dates.today"]


def test_mark_today_can_be_turned_off():
    ctx = DateContext(doc_date="1962-11-06", setting_date="1962-11-06", mark_today=False)
    out, _ = run("I met today with him", ctx)
    assert out == "I met today with him"


def test_mark_dates_counts_and_goes_into_children():
    el = snippet('On <hi rend="italic">March 3, 1962</hi> and 4 May 1962<note>March 5, 1962</note>')
    n = mark_dates(el, DateContext(), Document("t", "t"), 1)
    assert n == 2
    assert plain(el) == ('On <hi rend="italic"><date when="1962-03-03">March 3, 1962</date></hi> and '
                         '<date when="1962-05-04">4 May 1962</date><note>March 5, 1962</note>')


# --------------------------------------------------------------------------- properties

WORDS = st.sampled_from(
    ["March", "May", "may", "3", "26", "1962", "the", "27th", "today", ",", ".", "of", "in", "—", "April",
     "Sept.", "1961-63", "–", "5", "Tuesday", "cases", "the march", "29", "February", "0957Z", "31"]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(WORDS, max_size=14), st.lists(WORDS, max_size=6),
       st.sampled_from([None, "1962-11-06", "1962", "1962-11"]))
def test_mark_dates_never_changes_the_text(words, tail_words, doc_date):
    text, tail = " ".join(words), " ".join(tail_words)
    el = snippet("")
    el.text = text
    hi = etree.SubElement(el, f"{{{TEI_NS}}}hi")
    hi.text = tail
    hi.tail = text
    before = string_value(el)
    mark_dates(el, DateContext(doc_date, doc_date), Document("t", "t"), 1)
    assert string_value(el) == before
    for d in el.iter(f"{{{TEI_NS}}}date"):
        when = d.get("when") or d.get("from")
        assert when and (when[:4].isdigit() or when.startswith("--"))


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=60))
def test_parse_date_never_raises_and_span_is_inside(text):
    dv = parse_date(text)
    if dv is not None:
        assert 0 <= dv.start < dv.end <= len(text)


@pytest.mark.parametrize("text", ["321400Z MAR 76", "151400Z Mar 76", "151400 MAR 76", "X151400Z MAR 76"])
def test_not_a_date_time_group(text):
    """An invalid day, a month not in capitals, no Z, a group glued to a word: no date."""
    assert all(d.when != "1976-03-15" and "Z" not in text[d.start:d.end] for d in find_dates(text))

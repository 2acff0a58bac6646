"""Quotations: pairing, removing and classifying quotation marks (encoding model §3.7 (d), (h); §4)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings, strategies as st
from lxml import etree

from edition_tools.convert.markup import string_value
from edition_tools.convert.model import Document
from edition_tools.convert.names import Entity, NameIndex
from edition_tools.convert.quotes import mark_quotations
from edition_tools.xmlio import TEI_NS, to_string

SPEAKERS = NameIndex([
    Entity("castro_f", "person", ["Castro, Fidel"]),
    Entity("guevara", "person", ["Guevara, Ernesto"]),
    Entity("rusk", "person", ["Rusk, Dean"]),
])


def snippet(xml: str) -> etree._Element:
    return etree.fromstring(f'<p xmlns="{TEI_NS}">{xml}</p>')


def plain(el: etree._Element) -> str:
    s = to_string(el).replace(f' xmlns="{TEI_NS}"', "")
    return s[len("<p>"):-len("</p>")]


def run(xml: str, speakers: NameIndex | None = SPEAKERS) -> tuple[str, Document]:
    doc = Document("t.txt", "test")
    el = snippet(xml)
    mark_quotations(el, doc, 9, speakers)
    return plain(el), doc


DQ = 'rendition="#dq #dq-close"'

CASES = [
    # direct speech after an inquit with a colon: said, who from the inquit
    ("Fidel said: “If so, why would Kennedy mention it?” I said nothing.",
     f'Fidel said: <said who="#castro_f" direct="true" {DQ}>If so, why would Kennedy mention it?</said> I said nothing.'),
    ("Guevara half-jokingly noted: “We will have to eat <hi>less</hi>.”",
     f'Guevara half-jokingly noted: <said who="#guevara" direct="true" {DQ}>We will have to eat <hi>less</hi>.</said>'),
    # comma inquit with a pronoun: said without who
    ("I asked him, “Was that very smart?” He said no.",
     f'I asked him, <said direct="true" {DQ}>Was that very smart?</said> He said no.'),
    # inquit after the quotation
    ("“We will never agree,” Rusk said.", f'<said who="#rusk" direct="true" {DQ}>We will never agree,</said> Rusk said.'),
    ("“No,” he replied.", f'<said direct="true" {DQ}>No,</said> he replied.'),
    # a verb of saying with "that" before the quotation; after a full stop inside the marks a new
    # sentence begins, so "I told him" is not its inquit
    ("Rusk told me yesterday that “the situation is deteriorating rapidly.” I told him to wait.",
     f'Rusk told me yesterday that <said who="#rusk" direct="true" {DQ}>the situation is deteriorating rapidly.</said> I told him to wait.'),
    ("“The talks are over.” I said nothing more.", f'<q {DQ}>The talks are over.</q> I said nothing more.'),
    # cited writing
    ("in which he is called a “puppet of the USSR.”", f'in which he is called a <quote {DQ}>puppet of the USSR.</quote>'),
    ("the sentence which reads: “For its part, the Soviet Union will transfer its functions.”",
     f'the sentence which reads: <quote {DQ}>For its part, the Soviet Union will transfer its functions.</quote>'),
    ("Kissinger identified the following “serious risks: the units would be dispersed.”",
     f'Kissinger identified the following <quote {DQ}>serious risks: the units would be dispersed.</quote>'),
    ("Brezhnev on March 24 branding “American aggressors” again",
     f'Brezhnev on March 24 branding <quote {DQ}>American aggressors</quote> again'),
    ("the press wrote that “the US is the aggressor and must leave the country”.",
     f'the press wrote that <quote {DQ}>the US is the aggressor and must leave the country</quote>.'),
    # scare quotes: one to three words
    ("only those who were involved with “offensive” weapons.",
     f'only those who were involved with <soCalled {DQ}>offensive</soCalled> weapons.'),
    ("without Communist “flight safety guarantee” assurances",
     f'without Communist <soCalled {DQ}>flight safety guarantee</soCalled> assurances'),
    # generic: the converter cannot tell
    ("he was all for firmness even “from those with only families left in Germany”.",
     f'he was all for firmness even <q {DQ}>from those with only families left in Germany</q>.'),
    ("“Never.”", f'<q {DQ}>Never.</q>'),
    # a “Recalled stated” telegram style is not an inquit
    ("rejected Gromyko arguments that “times have changed.” Recalled stated Soviet opposition",
     f'rejected Gromyko arguments that <q {DQ}>times have changed.</q> Recalled stated Soviet opposition'),
    # nested single quotes
    ("differs little from “the Cold War ‘détente’ period.”",
     f'differs little from <q {DQ}>the Cold War <soCalled rendition="#sq #sq-close">détente</soCalled> period.</q>'),
    ("once SVN ‘is secure from outside aggression’ and",
     'once SVN <q rendition="#sq #sq-close">is secure from outside aggression</q> and'),
    # apostrophes are never quotation marks
    ("Khrushchev’s letter, vpechatlitel’nost’ and the boys’ toys.",
     "Khrushchev’s letter, vpechatlitel’nost’ and the boys’ toys."),
    # straight quotes when they pair
    ('He said "yes" and then "no, not at all".',
     f'He said <said direct="true" {DQ}>yes</said> and then <q {DQ}>no, not at all</q>.'),
    # child elements inside the quotation move with it; notes outside are untouched
    ('called a “puppet<note n="1">See below.</note> of the USSR”<note n="2">“x</note>',
     f'called a <quote {DQ}>puppet<note n="1">See below.</note> of the USSR</quote><note n="2">“x</note>'),
    # empty quotation: left alone
    ("“”", "“”"),
]


@pytest.mark.parametrize("xml, expected", CASES)
def test_mark_quotations(xml, expected):
    out, doc = run(xml)
    assert out == expected
    assert doc.decisions == []


@pytest.mark.parametrize(
    "xml, count",
    [
        ("the end of a quotation” here", 1),
        ("They use ”equality of security.”", 2),
        ('5" guns and "quoted', 2),
        ("‘unclosed single", 1),
    ],
)
def test_unbalanced_marks_are_kept_with_a_decision(xml, count):
    out, doc = run(xml)
    assert out == xml.replace('"', '"')
    assert [d.rule for d in doc.decisions] == ["quotes.unbalanced"] * count
    assert all(d.line == 9 for d in doc.decisions)


def test_quotation_over_paragraphs_is_chained():
    doc = Document("t.txt", "test")
    texts = ["The paper reads as follows: “Initial talking points.",
             "“1. These were to be simple and “short” points.",
             "“2. X was to show desire for peace.”",
             "“Concerning the talks, we agree.",
             "The end of the letter.”"]
    els = [snippet(t) for t in texts]
    for k, el in enumerate(els, start=1):
        mark_quotations(el, doc, k, SPEAKERS)
    med = 'cert="medium" resp="#conv"'
    assert [plain(el) for el in els] == [
        f'The paper reads as follows: <quote rendition="#dq" {med} xml:id="quote1" next="#quote2">Initial talking points.</quote>',
        f'<quote rendition="#dq" {med} xml:id="quote2" prev="#quote1" next="#quote3">1. These were to be simple and '
        f'<soCalled {DQ}>short</soCalled> points.</quote>',
        f'<quote {DQ} {med} xml:id="quote3" prev="#quote2">2. X was to show desire for peace.</quote>',
        f'<q rendition="#dq" {med} xml:id="quote4" next="#quote5">Concerning the talks, we agree.</q>',
        f'<q rendition="#dq-close" {med} xml:id="quote5" prev="#quote4">The end of the letter.</q>',
    ]
    assert doc.decisions == []


def test_closing_part_holding_a_quotation():
    doc = Document("t.txt", "test")
    first, second = snippet("the “We."), snippet("the “offensive” agree.”.")
    mark_quotations(first, doc, 1, SPEAKERS)
    mark_quotations(second, doc, 2, SPEAKERS)
    assert plain(second) == ('<q rendition="#dq-close" cert="medium" resp="#conv" xml:id="quote2" prev="#quote1">the '
                             f'<soCalled {DQ}>offensive</soCalled> agree.</q>.')
    assert doc.decisions == []


def test_quotation_not_continued_keeps_a_decision():
    doc = Document("t.txt", "test")
    first, second = snippet("He wrote: “We will never agree."), snippet("Nothing follows.")
    mark_quotations(first, doc, 3, SPEAKERS)
    mark_quotations(second, doc, 4, SPEAKERS)
    assert plain(first) == ('He wrote: <quote rendition="#dq" cert="medium" resp="#conv" xml:id="quote1">We will never '
                            'agree.</quote>')
    assert plain(second) == "Nothing follows."
    assert [(d.rule, d.line, d.target) for d in doc.decisions] == [("quotes.unclosed", 3, "quote1")]
    # at the end of the document too
    doc = Document("t.txt", "test")
    mark_quotations(snippet("He said “this quotation continues"), doc, 7, SPEAKERS)
    assert [(d.rule, d.line) for d in doc.decisions] == [("quotes.unclosed", 7)]


def test_opening_mark_inside_a_quotation_is_not_a_quotation_running_on():
    out, doc = run("x ‘a “b’ c")
    assert out == 'x <soCalled rendition="#sq #sq-close">a “b</soCalled> c'
    assert [d.rule for d in doc.decisions] == ["quotes.unbalanced"]


def test_without_an_index_said_has_no_who():
    out, _ = run("Fidel said: “Yes, we will.”", speakers=None)
    assert out == f'Fidel said: <said direct="true" {DQ}>Yes, we will.</said>'


# --------------------------------------------------------------------------- properties

PIECES = st.sampled_from(
    ["“", "”", "‘", "’", '"', "word", "Fidel said:", "called a", "the", "’s", " ", ",", ".", "?", "reads:",
     "offensive", "weapons", "Khrushchev’s", "he said"]
)
QUOTE_MARKS = set("“”‘’\"")


@settings(max_examples=400, deadline=None)
@given(st.lists(PIECES, max_size=20), st.lists(PIECES, max_size=6))
def test_mark_quotations_keeps_the_text_but_the_marks_it_encodes(pieces, tail):
    el = snippet("")
    el.text = " ".join(pieces)
    child = etree.SubElement(el, f"{{{TEI_NS}}}hi")
    child.text = "x"
    child.tail = " ".join(tail)
    before = string_value(el)
    doc = Document("t", "t")
    mark_quotations(el, doc, 1, SPEAKERS)
    after = string_value(el)
    # only quotation marks were removed, in order, and each removed pair is recorded in @rendition
    assert [c for c in before if c not in QUOTE_MARKS] == [c for c in after if c not in QUOTE_MARKS]
    encoded = [e for e in el.iter() if e.get("rendition")]
    removed = {"#dq #dq-close": 2, "#sq #sq-close": 2, "#dq": 1, "#dq-close": 1}
    assert len(before) - len(after) == sum(removed[e.get("rendition")] for e in encoded)
    for e in encoded:
        assert string_value(e) != ""


@settings(max_examples=300, deadline=None)
@given(st.lists(st.lists(PIECES, max_size=10), min_size=1, max_size=5))
def test_paragraphs_of_one_document_keep_their_text(paragraphs):
    """Quotations running over paragraphs keep state on the document: never an error, never a lost word."""
    doc = Document("t", "t")
    for k, pieces in enumerate(paragraphs, start=1):
        el = snippet("")
        el.text = " ".join(pieces)
        before = string_value(el)
        mark_quotations(el, doc, k, SPEAKERS)
        after = string_value(el)
        assert [c for c in before if c not in QUOTE_MARKS] == [c for c in after if c not in QUOTE_MARKS]
        removed = {"#dq #dq-close": 2, "#sq #sq-close": 2, "#dq": 1, "#dq-close": 1}
        assert len(before) - len(after) == sum(removed[e.get("rendition")] for e in el.iter() if e.get("rendition"))

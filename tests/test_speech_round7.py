"""Speech, round 7: speaker labels inside running text, linear growth of the speech pass, transcript
detection with mixed labels.
"""

from __future__ import annotations

import pytest
from lxml import etree
from test_linear_growth import counted_lines

from edition_tools.convert import markup, speech
from edition_tools.convert.layouts import detect_layout, transcript
from edition_tools.convert.markup import top_level_offsets
from edition_tools.convert.model import Document
from edition_tools.convert.names import Entity, NameIndex
from edition_tools.convert.quotes import mark_quotations
from edition_tools.xmlio import TEI_NS, to_string

SPEAKERS = NameIndex([
    Entity("khrushchev", "person", ["Khrushchev, Nikita S.", "N. S. Khrushchev"]),
    Entity("gromyko", "person", ["Gromyko, Andrei A.", "A. A. Gromyko"]),
    Entity("moscow", "place", ["Moscow"]),
])


def snippet(xml: str) -> etree._Element:
    return etree.fromstring(f'<p xmlns="{TEI_NS}">{xml}</p>')


def quotations(xml: str) -> str:
    el = snippet(xml)
    mark_quotations(el, Document("t.txt", "test"), 1, SPEAKERS)
    return to_string(el).replace(f' xmlns="{TEI_NS}"', "")[len("<p>"):-len("</p>")]


# --------------------------------------------------------------------------- 1. a speaker label before a quotation

LABELLED = 'direct="true" cert="medium" resp="#conv" rendition="#dq #dq-close"'


@pytest.mark.parametrize("xml, expected", [
    # the label of a translated record inside running text: the label's person speaks, as a guess
    ("The question could wait, and then N. S. KHRUSHCHEV: “We will not wait forever.” I say it again.",
     (f'The question could wait, and then N. S. KHRUSHCHEV: <said who="#khrushchev" {LABELLED}>We will not wait'
      " forever.</said> I say it again.")),
    ("I recall that meeting. A. A. GROMYKO: “The Soviet Government has been patient.”",
     (f'I recall that meeting. A. A. GROMYKO: <said who="#gromyko" {LABELLED}>The Soviet Government has been'
      " patient.</said>")),
    ("N. S. KHRUSHCHEV: “Three sites or three hundred, it is the principle.”",
     (f'N. S. KHRUSHCHEV: <said who="#khrushchev" {LABELLED}>Three sites or three hundred, it is the'
      " principle.</said>")),
    ("Then Khrushchev: “Tell him that.”", f'Then Khrushchev: <said who="#khrushchev" {LABELLED}>Tell him that.</said>'),
])
def test_a_speaker_label_in_running_text_opens_said(xml, expected):
    assert quotations(xml) == expected


@pytest.mark.parametrize("xml", [
    # the name is an addressee or an object, not a speaker
    "He wrote to Khrushchev: “I shall report this in full.”",
    "The Ambassador quoted Gromyko: “We shall see.”",
    # a label that names nobody the index knows, or a place
    "SUBJECT: “Berlin access routes and the deputies.”",
    "TASS REPORTS: “The talks were held in a friendly atmosphere.”",
    "MOSCOW: “The talks were held in a friendly atmosphere.”",
])
def test_a_label_that_names_no_speaker_stays_q(xml):
    assert "<said" not in quotations(xml)


def test_a_speech_verb_still_wins_over_a_label():
    """"Khrushchev said:" is an inquit (no guess): the label rule does not add cert to it."""
    out = quotations("N. S. Khrushchev said: “We will not wait.”")
    assert '<said who="#khrushchev" direct="true" rendition="#dq #dq-close">' in out


# --------------------------------------------------------------------------- 2. the speech pass grows linearly

#: the speeches of one paragraph: a quotation after "He said:" (its speaker from the pronoun), indirect
#: speech, a comma inquit, an inverted inquit (two parts chained) — each kind many times in one paragraph
SPEECH_UNITS = (
    "He said: “We agree on point {k}.” Rusk replied that point {k} was settled. "
    "Dobrynin stressed, we will not wait on point {k}. "
    "The argument of point {k} is strong, continued Rusk, and we are confident of it. "
)
RUSK_DOBRYNIN = NameIndex([
    Entity("rusk", "person", ["Rusk, Dean"]),
    Entity("dobrynin", "person", ["Dobrynin, Anatoly"]),
])


def speech_paragraph(n: int) -> etree._Element:
    """A paragraph of ``n`` units of :data:`SPEECH_UNITS`, its quotations marked as the writer does first."""
    el = snippet("Rusk met Dobrynin. " + "".join(SPEECH_UNITS.format(k=k) for k in range(n)))
    mark_quotations(el, Document("t.txt", "test"), 1, RUSK_DOBRYNIN)
    return el


def marked_speech(el: etree._Element) -> etree._Element:
    speech.mark_speech(el, speech.SpeechContext("kudryavtsev", RUSK_DOBRYNIN), Document("t.txt", "test"), 1)
    return el


def speech_work(n: int) -> int:
    el = speech_paragraph(n)
    with counted_lines(speech, markup) as count:
        marked_speech(el)
    return count[0]


def test_speech_pass_work_grows_linearly():
    """Ten times the speeches in a paragraph run at most about ten times the lines of the speech and
    markup modules. Before round 7 they ran about a hundred times more at 10x: each speech was wrapped
    on its own (the paragraph's offsets read and its content rebuilt), asked the paragraph's children
    whether they held a speech, and each sentence asked every quotation of the paragraph whether it lay
    in the sentence."""
    small, large = speech_work(20), speech_work(200)
    assert large < 11 * small, (small, large)


def test_speech_pass_reads_the_paragraph_layout_a_fixed_number_of_times(monkeypatch):
    reads = []

    def counting(el):
        reads.append(el)
        return top_level_offsets(el)

    monkeypatch.setattr(markup, "top_level_offsets", counting)
    monkeypatch.setattr(speech, "top_level_offsets", counting)
    for n in (10, 100):
        el = speech_paragraph(n)
        reads.clear()
        marked_speech(el)
        assert len(el.findall(f"{{{TEI_NS}}}said")) == 5 * n  # the quotation, 1 + 1 + 2 of the sentences
        assert sum(1 for r in reads if r is el) <= 3, n


def test_speeches_of_a_paragraph_as_before():
    """The speeches of two units, wrapped at once, as they were one by one: who, direct, cert, and the ids
    of the chained parts and of the quotations given in the same order (the quotations left to right by
    the pronoun pass, the parts by the chains, then the decisions right to left)."""
    out = to_string(marked_speech(speech_paragraph(2))).replace(f' xmlns="{TEI_NS}"', "")
    med = 'cert="medium" resp="#conv"'
    quote = f'direct="true" rendition="#dq #dq-close" who="#rusk" {med}'
    unit = ("He said: <said {quote} xml:id=\"said{q}\">We agree on point {k}.</said> Rusk replied that "
            "<said who=\"#rusk\" direct=\"false\">point {k} was settled.</said> Dobrynin stressed, "
            "<said who=\"#dobrynin\" direct=\"true\" {med}>we will not wait on point {k}.</said> "
            "<said xml:id=\"said{a}\" next=\"#said{b}\" who=\"#rusk\" direct=\"true\" {med}>The argument of "
            "point {k} is strong,</said> continued Rusk, <said xml:id=\"said{b}\" prev=\"#said{a}\" "
            "who=\"#rusk\" direct=\"true\" {med}>and we are confident of it.</said> ")
    assert out == ("<p>Rusk met Dobrynin. " + unit.format(quote=quote, med=med, q=1, k=0, a=3, b=4)
                   + unit.format(quote=quote, med=med, q=2, k=1, a=5, b=6) + "</p>")


def test_a_speech_reaching_into_the_next_one_is_not_nested():
    """A sentence end inside a child element (here a ``hi``) widens the first speech over the child where
    the second one starts: the first speech read is kept, the second is not wrapped inside it (it was,
    as a ``said`` inside a ``said``)."""
    el = snippet('Rusk said that we <hi>agree. Dobrynin said that we</hi> go.')
    speech.mark_speech(el, speech.SpeechContext(None, RUSK_DOBRYNIN), Document("t.txt", "test"), 1)
    out = to_string(el).replace(f' xmlns="{TEI_NS}"', "")
    assert out == ('<p>Rusk said that <said who="#rusk" direct="false">we <hi>agree. Dobrynin said that we</hi>'
                   '</said> go.</p>')


# --------------------------------------------------------------------------- 3. transcript detection


def paragraphs(*texts: str) -> str:
    return "\n\n".join(texts) + "\n"


#: a short taped conversation whose typist wrote two labels of each kind: too few of either for a
#: transcript, enough of both
MIXED_FEW = paragraphs(
    "TELEPHONE CONVERSATION BETWEEN THE PRESIDENT AND McGEORGE BUNDY",
    "[The recording begins after the call was connected.]",
    "The President. Mac, have you seen the new letter?",
    "BUNDY: Yes, Mr. President. It came in on the ticker.",
    "The President. It is quite different from the one of last night.",
    "BUNDY: Rusk thinks we should answer the first letter.",
    "(The recording ends here.)",
)


def test_labels_of_both_kinds_count_together():
    assert detect_layout(MIXED_FEW) == "transcript"
    assert transcript.detect(MIXED_FEW) == 0.8


@pytest.mark.parametrize("text", [
    # a memorandum with notes and a list of attachments: field lines, no turns
    paragraphs(
        "MEMORANDUM FOR THE PRESIDENT", "SUBJECT: Berlin Contingency Planning",
        "The Berlin task force met on March 3 and reviewed the plans for the access routes.",
        "Note: The plans were cleared with the Department of Defense.",
        "Note: The British and French embassies have copies.",
        "Tab A: Memorandum from Secretary McNamara, March 2, 1962.",
        "Tab B: Draft instructions to General Clay.",
        "Tab C: Draft note to the Soviet Government.",
        "Dean Rusk",
    ),
    # a record whose paragraphs open with a place twice and quote one speaker once
    paragraphs(
        "RECORD OF CONVERSATION", "Moscow. The talks began at eleven in the Kremlin.",
        "Gromyko: the Soviet side will not wait forever, he said at the start.",
        "Moscow. The second meeting was held in the evening.",
        "The Ambassador said that he would report to Washington.",
        "The conversation lasted two hours.",
    ),
])
def test_a_record_of_fields_or_places_stays_plain(text):
    assert detect_layout(text) == "plain"


@pytest.mark.parametrize("line", [
    "Tab A: Memorandum from Secretary McNamara.", "TAB B: Draft statement.", "Annex 2: Map of Berlin.",
    "Attachment A: Text of the note.", "Exhibit IV: Photograph of the site.", "Enclosures: 3.",
])
def test_an_attachment_line_is_no_speaker_label(line):
    assert transcript.speaker_label(line) is None


def test_a_name_beginning_like_a_field_is_still_a_label():
    assert transcript.speaker_label("Tabor: We agree.") == ("Tabor:", 7)


def test_an_attachments_list_after_full_stop_labels_is_no_turn():
    doc = Document("<test>", "transcript")
    transcript.read(paragraphs(
        "MEETING ON THE CUBAN MISSILE CRISIS",
        "The President. How long would it take?", "McNamara. Not less than a week.",
        "The President. And the blockade?", "McNamara. Forty-eight hours.",
        "Attachments:", "Tab A: Memorandum from Secretary McNamara.", "Tab B: Draft statement on the blockade.",
    ), doc)
    assert [b.attrs["speaker"] for b in doc.blocks if b.kind == "sp"] == [
        "The President.", "McNamara.", "The President.", "McNamara."]
    assert [b.text for b in doc.blocks if b.kind == "p"] == [
        "Attachments:", "Tab A: Memorandum from Secretary McNamara.", "Tab B: Draft statement on the blockade."]

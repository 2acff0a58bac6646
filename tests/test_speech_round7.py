"""Speech, round 7: speaker labels inside running text, linear growth of the speech pass, transcript
detection with mixed labels.
"""

from __future__ import annotations

import pytest
from lxml import etree

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

"""Reported speech in paragraphs written in capitals (cables): read through a lower-case view."""

from __future__ import annotations

from types import SimpleNamespace

from edition_tools.convert.api import convert_text
from edition_tools.convert.speech import capitals_view
from edition_tools.xmlio import xpath

CABLE = ("FROM: AMEMBASSY MOSCOW\nTO: SECSTATE WASHDC\nSUBJECT: GROMYKO ON BERLIN\n\n"
         "1. GROMYKO SAID THAT THE SOVIET SIDE WAS READY TO TALK. HE ADDED THAT NOTHING HAD CHANGED.\n\n"
         "2. THE WEATHER IN MOSCOW WAS COLD AND THE MEETING WAS SHORT.\n\nSTOESSEL\n")


def test_view_is_lower_case_with_names_and_sentence_openings() -> None:
    text = "GROMYKO SAID THAT THE SIDE WAS READY. HE ADDED THAT IT WAS."
    view = capitals_view(text, [SimpleNamespace(start=0, end=7)])
    assert view == "Gromyko said that the side was ready. He added that it was."
    assert len(view) == len(text)


def test_mixed_case_text_is_read_as_written() -> None:
    text = "Gromyko said that the SALT talks would go on in Geneva next week, as planned."
    assert capitals_view(text, []) is text


def test_speech_in_a_cable_in_capitals() -> None:
    tree, _ = convert_text(CABLE, "cable.txt")
    said = xpath(tree, "//tei:body//tei:said")
    assert ["".join(s.itertext()) for s in said] == ["THE SOVIET SIDE WAS READY TO TALK.", "NOTHING HAD CHANGED."]
    assert [s.get("who") for s in said] == ["#gromyko", "#gromyko"]
    assert said[1].get("cert") == "medium"  # "HE": the subject of the sentence before

"""Document styles the first goldens did not cover: State Department airgrams, British letters and
Whitehall minutes (ordinal and roman-numeral dates, P.S., initials and date under the text), signature
blocks with the signer's title, Wilson Center records with a speaker's label before a quotation."""

from __future__ import annotations

from edition_tools.convert.api import convert_text
from edition_tools.convert.dates import find_dates
from edition_tools.xmlio import TEI_NS

NS = {"t": TEI_NS}


def body(text: str, layout: str = "auto"):
    tree, _doc = convert_text(text, layout=layout)
    return tree, tree.find(".//t:div", NS)


def text_of(el) -> str:
    return " ".join("".join(el.itertext()).split())


# --------------------------------------------------------------------------- dates


def test_a_whitehall_minute_date_gives_the_month_in_roman_numerals() -> None:
    assert [d.when for d in find_dates("T. J. B. 5.iii.62")] == ["1962-03-05"]
    assert [d.when for d in find_dates("seen 15.XI.1962.")] == ["1962-11-15"]
    # a section number, an invalid day and a decimal are not dates
    assert find_dates("para 3.iv.2 of the brief") == []
    assert find_dates("on 31.ii.62") == []
    assert find_dates("1.x.62.5") == []


def test_a_british_dateline_with_an_ordinal_and_a_comma_dates_the_letter() -> None:
    tree, div = body("FOREIGN OFFICE, S.W.1.\n\n3rd March, 1962.\n\nDear Harold,\n\n"
                     "Thank you for your letter of 26th February.\n\nYours ever,\n\nEvelyn Shuckburgh\n")
    dateline = div.find("t:dateline", NS)
    assert dateline is not None and dateline.find("t:date", NS).get("when") == "1962-03-03"
    assert tree.find(".//t:creation/t:date", NS).get("when") == "1962-03-03"
    # the year of a day and month in the text comes from the document date
    assert div.find("t:p/t:date", NS).get("when") == "1962-02-26"


# --------------------------------------------------------------------------- letters and minutes


LETTER = """FOREIGN OFFICE, S.W.1.

3rd March, 1962.

CONFIDENTIAL

Dear Harold,

We share your view that the Russians are unlikely to move before Geneva.

Yours ever,

Evelyn Shuckburgh

P.S. The Prime Minister would like to see you when you are next in London.

Enclosure.
"""


def test_a_classification_between_date_and_salutation_opens_the_letter() -> None:
    _tree, div = body(LETTER)
    opener = div.find("t:opener", NS)
    assert [c.tag.split("}")[1] for c in opener] == ["seg", "salute"]
    assert opener[0].get("type") == "classification" and opener[0].text == "CONFIDENTIAL"


def test_a_postscript_after_the_signature_leaves_the_closer_in_place() -> None:
    _tree, div = body(LETTER)
    children = [c.tag.split("}")[1] for c in div]
    assert children[-2:] == ["closer", "postscript"]
    closer = div.find("t:closer", NS)
    assert text_of(closer.find("t:salute", NS)) == "Yours ever,"
    assert text_of(closer.find("t:signed", NS)) == "Evelyn Shuckburgh"
    assert [text_of(p) for p in div.find("t:postscript", NS)] == [
        "P.S. The Prime Minister would like to see you when you are next in London.", "Enclosure."]
    assert div.get("type") == "letter"  # a salutation and a signature


def test_a_p_s_without_a_signature_before_it_stays_a_paragraph() -> None:
    _tree, div = body("A note\n\nThe talks go on.\n\nP.S. The Prime Minister agrees.\n")
    assert div.find("t:postscript", NS) is None


def test_a_minute_signed_with_initials_and_dated_under_them() -> None:
    tree, div = body("PRIME MINISTER\n\nBerlin: Contingency Planning\n\n"
                     "The Foreign Secretary has now seen the American paper of 2nd March.\n\n"
                     "I agree. Send the message tonight.\n\nH. M.\n\n6.iii.62\n")
    closer = div.find("t:closer", NS)
    assert [c.tag.split("}")[1] for c in closer] == ["signed", "dateline"]
    assert closer.find("t:dateline/t:date", NS).get("when") == "1962-03-06"
    assert tree.find(".//t:creation/t:date", NS).get("when") == "1962-03-06"
    assert div.find("t:p/t:date", NS).get("when") == "1962-03-02"


# --------------------------------------------------------------------------- airgrams


AIRGRAM = """AIRGRAM

DEPARTMENT OF STATE

A-412

CONFIDENTIAL

TO: Department of State

FROM: Amembassy LONDON

DATE: March 14, 1962

SUBJECT: Conversation with Foreign Secretary on Berlin

1. On March 12 the Ambassador called on Lord Home at the Foreign Office.

For the Ambassador:

Joseph N. Greene, Jr.
Counselor of Embassy
"""


def test_an_airgram_s_letterhead_and_number_open_its_fields() -> None:
    tree, div = body(AIRGRAM)
    head = div.find("t:head", NS)
    assert head.find("t:lb", NS) is not None and text_of(head) == "AIRGRAM DEPARTMENT OF STATE"
    opener = div.find("t:opener", NS)
    assert [(c.tag.split("}")[1], c.get("type")) for c in opener] == [
        ("seg", "registryNumber"), ("seg", "classification"), ("seg", "distribution"), ("seg", "distribution"),
        ("dateline", None)]
    assert tree.find(".//t:creation/t:date", NS).get("when") == "1962-03-14"
    # the form number is one identifier, not a number after "A-"
    registry = opener.find("t:seg", NS)
    assert text_of(registry) == "A-412" and registry.find("t:num", NS) is None
    # the heading names the form only: the subject is the title
    assert tree.find(".//t:titleStmt/t:title", NS).text == "Conversation with Foreign Secretary on Berlin"


def test_a_signature_for_the_ambassador_with_the_signer_s_title() -> None:
    _tree, div = body(AIRGRAM)
    signed = div.find("t:closer/t:signed", NS)
    assert text_of(signed) == "For the Ambassador: Joseph N. Greene, Jr. Counselor of Embassy"
    assert len(signed.findall("t:lb", NS)) == 2


def test_a_last_paragraph_in_lower_case_is_no_signer_s_title() -> None:
    _tree, div = body("A heading\n\nThe talks go on.\n\nDean Rusk\nwill report on them tomorrow\n")
    assert div.find("t:closer", NS) is None


# --------------------------------------------------------------------------- speech


def test_a_quotation_that_ends_a_sentence_ends_it_for_the_next_inquit() -> None:
    # a record of conversation: the speaker's name and a colon before his words, then "He added that …"
    _tree, div = body("Record of Conversation\n\nRusk said that the inspection was limited to a few sites.\n\n"
                      "N. S. KHRUSHCHEV: “Three sites or three hundred, it is the principle that matters.” "
                      "He added that the Soviet delegation in Geneva had its instructions.\n")
    added = [s for s in div.iter(f"{{{TEI_NS}}}said") if "delegation" in text_of(s)]
    assert len(added) == 1 and added[0].get("who") == "#khrushchev"


# --------------------------------------------------------------------------- web archive records


RECORD = """RECORD OF CONVERSATION

between Chairman of the Council of Ministers of the USSR N. S. KHRUSHCHEV and US Ambassador L. THOMPSON

16 March 1962

The conversation took place in the Kremlin.

The conversation lasted one hour and twenty minutes.

Recorded by V. Sukhodrev

[illegible signature]

Record ID
\t176543
"""


def test_a_record_s_heading_goes_on_after_a_separator_with_between() -> None:
    tree, div = body(RECORD, "web-record")
    head = div.find("t:head", NS)
    assert head.find("t:lb", NS) is not None and text_of(head).startswith("RECORD OF CONVERSATION between Chairman")
    assert div.find("t:dateline/t:date", NS).get("when") == "1962-03-16"
    assert "between Chairman" in tree.find(".//t:titleStmt/t:title", NS).text


def test_recorded_by_and_an_illegible_signature_close_the_record() -> None:
    _tree, div = body(RECORD, "web-record")
    signed = div.find("t:closer/t:signed", NS)
    assert text_of(signed).startswith("Recorded by V. Sukhodrev")
    gap = signed.find("t:gap", NS)
    assert gap is not None and gap.get("reason") == "illegible" and gap.find("t:desc", NS).text == "illegible signature"


# --------------------------------------------------------------------------- press releases


RELEASE = """THE WHITE HOUSE

Office of the White House Press Secretary

FOR IMMEDIATE RELEASE                                        March 23, 1962

REMARKS OF THE PRESIDENT AT THE UNIVERSITY OF CALIFORNIA, BERKELEY

Thank you very much, ladies and gentlemen. [Applause]
"""


def test_a_press_release_is_dated_by_its_release_line_and_titled_by_what_it_releases() -> None:
    tree, div = body(RELEASE)
    assert [c.tag.split("}")[1] for c in div][:3] == ["head", "dateline", "head"]
    assert text_of(div[0]) == "THE WHITE HOUSE Office of the White House Press Secretary"
    dateline = div.find("t:dateline", NS)
    assert dateline.find("t:placeName", NS) is None  # FOR IMMEDIATE RELEASE is no place
    assert tree.find(".//t:creation/t:date", NS).get("when") == "1962-03-23"
    assert tree.find(".//t:titleStmt/t:title", NS).text.startswith("REMARKS OF THE PRESIDENT")


def test_he_after_an_unidentified_speaker_is_not_the_speaker_before_him() -> None:
    # an airgram's "the Ambassador" (the author's chief, named nowhere) answers Lord Home
    _tree, div = body("A heading\n\nLord Home said that the talks would go on.\n\n"
                      "The Ambassador replied that the Department agreed. He stressed that the allies could not wait.\n")
    stressed = [s for s in div.iter(f"{{{TEI_NS}}}said") if "allies" in text_of(s)]
    assert len(stressed) == 1 and stressed[0].get("who") != "#home"


def test_a_release_line_names_no_place_before_its_date() -> None:
    """The dateline's place guess (shared by every layout) knows a release line's words are no place."""
    from edition_tools.convert.discover import dateline_place

    for line in ("FOR IMMEDIATE RELEASE  March 23, 1962", "For Release  March 23, 1962", "EMBARGOED March 23, 1962"):
        assert dateline_place(line, line.index("March")) is None
    assert dateline_place("Fort Worth, March 23, 1962", 12) == "Fort Worth"

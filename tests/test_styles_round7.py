"""Document styles, round 7: date forms of letters and diaries ("15th or 16th March", "the 3rd inst.",
"the night of 22/23 October"), diary entries, airgram numbers, letterheads, press-release notes and the
opener lines of web records."""

from __future__ import annotations

import pytest
from lxml import etree

from edition_tools.convert.dates import DateContext, find_dates, mark_dates
from edition_tools.convert.model import Document
from edition_tools.xmlio import TEI_NS

NS = {"t": TEI_NS}


def dates_in(text: str, doc_date: str | None = "1962-03-03") -> list[tuple[str, dict[str, str]]]:
    """(text, attributes) of every date mark_dates makes in ``text``."""
    el = etree.fromstring(f'<p xmlns="{TEI_NS}">{text}</p>')
    mark_dates(el, DateContext(doc_date), Document("t.txt", "test"), 1)
    return [("".join(d.itertext()), {k: v for k, v in d.attrib.items() if k in ("when", "from", "to")})
            for d in el.iter(f"{{{TEI_NS}}}date")]


# --------------------------------------------------------------------------- dates


@pytest.mark.parametrize("text, expected", [
    # two days of one month: both are dates, with the month (and year) written after the second
    ("perhaps on 15th or 16th March.", [("15th", "--03-15"), ("16th March", "--03-16")]),
    ("on 15 or 16 March 1962", [("15", "1962-03-15"), ("16 March 1962", "1962-03-16")]),
    ("March 15 or 16, 1962", [("March 15", "1962-03-15"), ("16, 1962", "1962-03-16")]),
    ("the letters of October 26 and 27 exchanged", [("October 26", "--10-26"), ("27", "--10-27")]),
    ("on 3rd and 4th March", [("3rd", "--03-03"), ("4th March", "--03-04")]),
])
def test_two_days_of_one_month_are_two_dates(text, expected) -> None:
    assert [(text[d.start:d.end], d.when) for d in find_dates(text)] == expected


@pytest.mark.parametrize("text, span, start, end", [
    ("on the night of 22/23 October the ships", "22/23 October", "--10-22", "--10-23"),
    ("on 15/16 March the talks", "15/16 March", "--03-15", "--03-16"),
    ("26/27 October 1962", "26/27 October 1962", "1962-10-26", "1962-10-27"),
    ("March 15/16", "March 15/16", "--03-15", "--03-16"),
    ("on March 15-16, 1962 in Geneva", "March 15-16, 1962", "1962-03-15", "1962-03-16"),
    ("on the night of 22-23 October", "22-23 October", "--10-22", "--10-23"),
])
def test_a_night_over_two_days_is_a_range(text, span, start, end) -> None:
    [d] = find_dates(text)
    assert (text[d.start:d.end], d.when, d.to) == (span, start, end)


@pytest.mark.parametrize("text", [
    "on 12/3/62",            # a numeric date: day or month first is not known
    "on 3/7 March",          # not a night: the days are not consecutive
    "March 3/4/62",
    "on March 3 and 4 tanks",  # a count after "and", not a day
    "on 16 or 15 March",     # days out of order: not a pair
])
def test_forms_that_are_no_pair_or_night_give_no_wrong_day(text) -> None:
    found = {d.when for d in find_dates(text)} | {d.to for d in find_dates(text) if d.to}
    assert found <= {"--03-03", "--03-15", "--03-16", "1962-03"}  # at most the day written with its month
    assert "--03-04" not in found and "--03-07" not in found


def test_inst_ult_and_prox_are_days_of_the_letters_month_the_month_before_and_after() -> None:
    text = "Your letter of the 3rd inst. and mine of the 28th ult.; we meet on the 2nd prox."
    assert dates_in(text) == [("the 3rd inst.", {"when": "1962-03-03"}),
                              ("the 28th ult.", {"when": "1962-02-28"}),
                              ("the 2nd prox.", {"when": "1962-04-02"})]
    # across the turn of the year, and the long forms
    assert dates_in("your letter of 20th ultimo", "1962-01-10") == [("20th ultimo", {"when": "1961-12-20"})]
    assert dates_in("on the 5th instant", "1962-03-03") == [("the 5th instant", {"when": "1962-03-05"})]


def test_ult_without_a_document_date_is_left_unmarked_not_given_a_nearby_month() -> None:
    # "the 3rd" alone would take February from the date before it; "ult." says another month
    assert dates_in("On 26th February we met. Your letter of the 3rd ult.", None) == [
        ("26th February", {"when": "--02-26"})]
    assert dates_in("the 31st ult.", "1962-03-20") == []  # 31 February is no day


# --------------------------------------------------------------------------- letters and minutes


def convert(text: str):
    from edition_tools.convert.api import convert_text

    tree, _doc = convert_text(text, "t.txt", layout="plain")
    return tree, tree.find(".//t:div", NS)


def text_of(el) -> str:
    return " ".join("".join(el.itertext()).split())


EMBASSY_LETTER = """BRITISH EMBASSY,
WASHINGTON, D.C.

14th March, 1962.

SECRET

Dear Alec,

The President saw me this morning about the Geneva talks.

Yours ever,

David Ormsby Gore
"""


def test_a_letterhead_address_and_the_date_under_it_are_the_letters_dateline_not_its_title() -> None:
    tree, div = convert(EMBASSY_LETTER)
    assert div.find("t:head", NS) is None
    dateline = div.find("t:dateline", NS)
    assert text_of(dateline) == "BRITISH EMBASSY, WASHINGTON, D.C. 14th March, 1962."
    assert len(dateline.findall("t:lb", NS)) == 2  # the address lines and the date keep their lines
    assert dateline.find("t:date", NS).get("when") == "1962-03-14"
    assert tree.find(".//t:titleStmt/t:title", NS).text == "UNKNOWN"  # no title in the text: none made up
    opener = div.find("t:opener", NS)
    assert [c.tag.split("}")[1] for c in opener] == ["seg", "salute"]


@pytest.mark.parametrize("top", [
    "Letter From Chairman Kosygin to President Johnson\n\nMoscow, August 20, 1968.\n\n",  # a heading, then the dateline
    "FOREIGN OFFICE, S.W.1.\n\n3rd March, 1962.\n\nThe Ambassador called today.\n\n",  # no salutation: not a letter's head
])
def test_a_heading_or_a_letterhead_without_a_salutation_stays_the_heading(top) -> None:
    _tree, div = convert(top + "Dear Harold,\n\nThank you.\n\nYours ever,\n\nEvelyn Shuckburgh\n"
                         if "Kosygin" in top else top + "He said nothing new.\n")
    assert div.find("t:head", NS) is not None


MINUTE = """Foreign Secretary

Nuclear Tests: the Soviet Reply

The Russian reply to the Western proposals reached us last night. It rejects international inspection on Soviet territory.

2. I submit a draft telegram to Sir Frank Roberts.

P. F. de Z.

12.iii.62
"""


def test_a_minutes_addressee_goes_in_the_opener_and_its_subject_is_the_heading() -> None:
    tree, div = convert(MINUTE)
    assert div.get("type") == "memorandum"
    assert [(c.tag.split("}")[1], c.get("type"), text_of(c)) for c in div.find("t:opener", NS)] == [
        ("seg", "distribution", "Foreign Secretary")]
    assert text_of(div.find("t:head", NS)) == "Nuclear Tests: the Soviet Reply"
    assert list(div).index(div.find("t:opener", NS)) == 0  # the addressee stands above the subject
    assert tree.find(".//t:titleStmt/t:title", NS).text == "Nuclear Tests: the Soviet Reply"
    # initials with a particle sign the minute (Philip de Zulueta's "P. F. de Z.")
    assert text_of(div.find("t:closer/t:signed", NS)) == "P. F. de Z."


def test_an_office_as_the_heading_of_a_text_without_a_signature_is_no_minute() -> None:
    _tree, div = convert("PRIME MINISTER\n\nThe office of Prime Minister grew in the nineteenth century.\n\n"
                         "Its powers rest on convention rather than on statute.\n")
    assert text_of(div.find("t:head", NS)) == "PRIME MINISTER"
    assert div.find("t:opener", NS) is None


# --------------------------------------------------------------------------- web records

RECORD_TOP = """March 16, 1962
{title}

This document was made possible with support from the Leon Levy Foundation.

RECORD OF CONVERSATION

between N. S. KHRUSHCHEV and US Ambassador L. THOMPSON

THOMPSON conveyed the President's greetings.

Author(s):
	Khrushchev, Nikita Sergeevich, 1894-1971
Donors
	{donor}
Record ID
	176543
"""


def convert_record(title: str, donor: str = "Leon Levy Foundation"):
    from edition_tools.convert.api import convert_text

    tree, _doc = convert_text(RECORD_TOP.format(title=title, donor=donor), "r.txt", layout="web-record")
    return tree


def test_a_records_catalogue_title_and_funder_line_go_to_the_header_not_the_opener() -> None:
    tree = convert_record("Record of Conversation between N. S. Khrushchev and Ambassador L. Thompson",
                          donor="Carnegie Corporation of New York")
    bibl = tree.find(".//t:sourceDesc/t:bibl", NS)
    assert bibl.find("t:title", NS).text == "Record of Conversation between N. S. Khrushchev and Ambassador L. Thompson"
    notes = [n.text for n in bibl.findall("t:note[@type='catalogue']", NS)]
    assert "This document was made possible with support from the Leon Levy Foundation." in notes
    donors = [r.find("t:orgName", NS).text for r in bibl.findall("t:respStmt", NS) if r.find("t:resp", NS).text == "donor"]
    assert donors == ["Carnegie Corporation of New York", "Leon Levy Foundation"]
    opener = tree.find(".//t:body/t:div/t:opener", NS)
    assert [c.tag.split("}")[1] for c in opener] == ["dateline"]


def test_a_funder_the_trailer_lists_already_is_not_listed_twice() -> None:
    tree = convert_record("Record of Conversation between N. S. Khrushchev and Ambassador L. Thompson")
    donors = tree.findall(".//t:sourceDesc/t:bibl/t:respStmt/t:orgName", NS)
    assert [d.text for d in donors] == ["Leon Levy Foundation"]


def test_a_sentence_under_the_records_date_is_no_catalogue_title() -> None:
    tree = convert_record("Handwritten note on the first page: to be filed.")
    assert tree.find(".//t:sourceDesc/t:bibl/t:title", NS).text != "Handwritten note on the first page: to be filed."
    segs = tree.findall(".//t:body/t:div/t:opener/t:seg", NS)
    assert [s.get("type") for s in segs] == ["archivalAnnotation"]


def test_the_addressee_under_a_british_letters_signature_is_in_the_closer() -> None:
    _tree, div = convert(EMBASSY_LETTER + "\nThe Rt. Hon. the Earl of Home,\nForeign Office.\n")
    assert div.get("type") == "letter"
    closer = div.find("t:closer", NS)
    seg = closer.find("t:seg", NS)
    assert (seg.get("type"), text_of(seg)) == ("distribution", "The Rt. Hon. the Earl of Home, Foreign Office.")
    assert seg.find("t:lb", NS) is not None
    assert div.find("t:postscript", NS) is None


def test_a_last_line_without_an_address_under_the_signature_is_no_addressee() -> None:
    _tree, div = convert(EMBASSY_LETTER + "\nEnclosure.\n")
    assert div.find("t:closer/t:seg", NS) is None

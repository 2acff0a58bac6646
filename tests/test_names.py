"""Names: the index, participant lists, speaker labels and mark_names on TEI snippets (encoding model §3.13)."""

from __future__ import annotations

import pytest
from hypothesis import example, given, settings, strategies as st
from lxml import etree

from edition_tools.convert.markup import string_value
from edition_tools.convert.model import Document
from edition_tools.convert.names import (
    Entity,
    NameIndex,
    entities_from_participants,
    mark_names,
    person_forms,
    slug,
)
from edition_tools.xmlio import TEI_NS, to_string


def snippet(xml: str) -> etree._Element:
    return etree.fromstring(f'<p xmlns="{TEI_NS}">{xml}</p>')


def plain(el: etree._Element) -> str:
    s = to_string(el).replace(f' xmlns="{TEI_NS}"', "")
    return s[len("<p>"):-len("</p>")]


def cuba_index() -> NameIndex:
    """Persons of a record of conversation in Havana (as the header metadata would declare them)."""
    return NameIndex([
        Entity("castro_f", "person", ["Castro, Fidel", "Fidel Castro Ruz"]),
        Entity("castro_r", "person", ["Castro, Raul"]),
        Entity("dorticos", "person", ["Dorticós Torrado, Osvaldo"]),
        Entity("khrushchev", "person", ["Khrushchev, N. S."]),
        Entity("kennedy", "person", ["Kennedy"]),
        Entity("mikoyan", "person", ["Mikoyan, Anastas"]),
    ])


def mark(xml: str, index: NameIndex | None = None, doc: Document | None = None) -> tuple[str, Document]:
    index = index or cuba_index()
    doc = doc or Document("t.txt", "test")
    el = snippet(xml)
    mark_names(el, index, doc, 5)
    return plain(el), doc


# --------------------------------------------------------------------------- forms and ids


def test_forms_of_a_catalogue_name():
    forms = person_forms(Entity("castro_f", "person", ["Castro, Fidel", "Fidel Castro Ruz"]))
    for f in ["Fidel Castro", "Castro", "Fidel", "F. Castro", "Fidel Castro Ruz", "Castro Ruz"]:
        assert f in forms
    forms = person_forms(Entity("khrushchev", "person", ["Khrushchev, N. S."]))
    assert {"N. S. Khrushchev", "N.S. Khrushchev", "Khrushchev"} <= set(forms)


def test_common_given_names_and_common_word_surnames_are_not_forms_alone():
    forms = person_forms(Entity("helms", "person", ["Helms, Richard"]))
    assert "Richard" not in forms and "Helms" in forms
    forms = person_forms(Entity("green", "person", ["Green, Marshall"]))
    assert "Green" not in forms and "Marshall Green" in forms


def test_slug():
    assert slug("Dorticós Torrado") == "dorticos_torrado"
    assert slug("1st Division") == "n1st_division"


# --------------------------------------------------------------------------- mark_names

MARK = [
    # known names, titles inside persName as roleName
    ("with Prime Minister Fidel CASTRO RUZ and President Osvaldo DORTICOS TORRADO",
     'with <persName ref="#castro_f"><roleName type="office">Prime Minister</roleName> Fidel CASTRO RUZ</persName> and '
     '<persName ref="#dorticos"><roleName type="office">President</roleName> Osvaldo DORTICOS TORRADO</persName>'),
    ("a message of Cde. N. S. Khrushchev in reply to Kennedy’s message",
     'a message of <persName ref="#khrushchev"><roleName type="honorific" full="abb">Cde.</roleName> N. S. Khrushchev</persName> '
     'in reply to <persName ref="#kennedy">Kennedy</persName>’s message'),
    ("I met Fidel Castro and Dorticos; I thank you, Comrade Mikoyan.",
     'I met <persName ref="#castro_f">Fidel Castro</persName> and <persName ref="#dorticos">Dorticos</persName>; '
     'I thank you, <persName ref="#mikoyan"><roleName type="honorific">Comrade</roleName> Mikoyan</persName>.'),
    # accents and decomposed accents match; the text keeps its spelling
    ("Dorticós and Dorticós", '<persName ref="#dorticos">Dorticós</persName> and <persName ref="#dorticos">Dorticós</persName>'),
    # Raul Castro is a different person from Fidel
    ("Raul Castro and Fidel", '<persName ref="#castro_r">Raul Castro</persName> and <persName ref="#castro_f">Fidel</persName>'),
    # places from the gazetteer, organisations from the short list; pronoun "us" is not the US
    ("the Soviet Union, the US and the U.S.S.R.; tell us; NATO and the UN in Cuba",
     'the <placeName ref="#ussr">Soviet Union</placeName>, the <placeName ref="#usa">US</placeName> and the '
     '<placeName ref="#ussr">U.S.S.R.</placeName>; tell us; <orgName ref="#nato">NATO</orgName> and the '
     '<orgName ref="#un">UN</orgName> in <placeName ref="#cuba">Cuba</placeName>'),
    # the longer place wins; a newspaper is not a place
    ("West Berlin and the Washington Post", '<placeName ref="#west_berlin">West Berlin</placeName> and the Washington Post'),
    # unknown capitalised names are not guessed; lower-case forms are not names
    ("Kovalenko met Rodriguez; fidel castro", "Kovalenko met Rodriguez; fidel castro"),
    # an all-capitals heading: "US" may be the pronoun
    ("LET US GO", "LET US GO"),
    # existing markup is not entered
    ('<persName>Castro</persName> and <note>Dorticos</note>', "<persName>Castro</persName> and <note>Dorticos</note>"),
    # names in the words of an omission notice are marked
    ('<gap reason="omitted"><desc>Omitted here is a talk with Dorticos</desc></gap>',
     '<gap reason="omitted"><desc>Omitted here is a talk with <persName ref="#dorticos">Dorticos</persName></desc></gap>'),
    # a place name that contains a given name
    ("Camp David, Maryland", '<placeName ref="#camp_david">Camp David</placeName>, <placeName ref="#maryland">Maryland</placeName>'),
]


@pytest.mark.parametrize("xml, expected", MARK)
def test_mark_names(xml, expected):
    out, doc = mark(xml)
    assert out == expected
    assert doc.decisions == []


def test_shared_surname_goes_to_the_more_frequent_person_with_a_decision():
    index = cuba_index()
    doc = Document("t.txt", "test")
    mark("Fidel Castro and Fidel Castro spoke; Raul Castro listened.", index, doc)
    out, _ = mark("Castro agreed.", index, doc)
    assert out == '<persName ref="#castro_f" cert="medium" resp="#conv" xml:id="name1">Castro</persName> agreed.'
    (d,) = doc.decisions
    assert (d.rule, d.alternative, d.target, d.line) == ("names.ambiguous", "castro_r", "name1", 5)


def test_a_form_the_metadata_gives_decides_a_shared_surname():
    index = NameIndex([Entity("castro_f", "person", ["Castro, Fidel"], ["Fidel", "Castro"]),
                       Entity("castro_r", "person", ["Castro, Raul"], ["Raul Castro"])])
    out, doc = mark("Raul Castro and Raul Castro; Castro agreed.", index)
    assert out == ('<persName ref="#castro_r">Raul Castro</persName> and <persName ref="#castro_r">Raul Castro</persName>; '
                   '<persName ref="#castro_f">Castro</persName> agreed.')
    assert doc.decisions == []


def test_head_of_state_title_does_not_attach_to_another_holder_of_the_surname():
    index = NameIndex(entities_from_participants(["Mr. U. Alexis Johnson"]))
    out, _ = mark("President Johnson and Mr. Johnson", index)
    # the participant is Mr. Johnson; "President Johnson" is the president of the authority list
    assert out == ('<persName ref="#johnson_l"><roleName type="office">President</roleName> Johnson</persName> and '
                   '<persName ref="#johnson"><roleName type="honorific" full="abb">Mr.</roleName> Johnson</persName>')
    index = NameIndex([Entity("johnson", "person", ["Johnson, U. Alexis"], ["Mr. Johnson"])])
    out, _ = mark("Premier Johnson", index)
    assert out == "Premier Johnson"


def test_role_tokens_are_not_offices():
    index = NameIndex([Entity("dorticos", "person", ["Dorticós Torrado, Osvaldo"], [], role="participant"),
                       Entity("kudryavtsev", "person", ["Kudryavtsev, Sergey Mikhailovich"], [], role="author participant")])
    out, _ = mark("President Dorticos and (S. KUDRYAVTSEV)", index)
    assert out == ('<persName ref="#dorticos"><roleName type="office">President</roleName> Dorticos</persName> and '
                   '(<persName ref="#kudryavtsev">S. KUDRYAVTSEV</persName>)')


def test_shared_surnames_of_the_authority_list_need_a_fitting_title():
    out, _ = mark("President Kennedy, Attorney General Kennedy, Ambassador Kennedy and Kennedy", NameIndex())
    assert out == ('<persName ref="#kennedy_j"><roleName type="office">President</roleName> Kennedy</persName>, '
                   '<persName ref="#kennedy_r"><roleName type="office">Attorney General</roleName> Kennedy</persName>, '
                   'Ambassador Kennedy and Kennedy')


def test_middle_initial_is_not_an_honorific():
    index = NameIndex([Entity("jackson", "person", ["Jackson"])])
    out, _ = mark("Henry M. Jackson and M. Jackson", index)
    assert out == ('Henry M. <persName ref="#jackson">Jackson</persName> and '
                   '<persName ref="#jackson"><roleName type="honorific" full="abb">M.</roleName> Jackson</persName>')


def test_the_president_is_rs_when_a_participant():
    index = NameIndex(entities_from_participants(["The President", "President Suharto of Indonesia"]))
    out, _ = mark("The President told President Suharto; the Vice President; the President of Ghana", index)
    assert out == ('The <rs type="person" ref="#president">President</rs> told <persName ref="#suharto">'
                   '<roleName type="office">President</roleName> Suharto</persName>; the Vice President; '
                   'the President of <placeName ref="#ghana">Ghana</placeName>')


def test_well_known_persons_without_declaration_and_used_flags():
    index = NameIndex()
    out, _ = mark("Khrushchev wrote to Kennedy; Chiang Mai; John F. Kennedy", index)
    assert out == ('<persName ref="#khrushchev">Khrushchev</persName> wrote to Kennedy; '
                   '<placeName ref="#chiang_mai">Chiang Mai</placeName>; <persName ref="#kennedy_j">John F. Kennedy</persName>')
    assert [e.id for e in index.entities()] == ["khrushchev", "chiang_mai", "kennedy_j"]  # order of first use


def test_declared_entity_takes_over_the_authority_entry_without_changing_its_forms():
    e = Entity("dobrynin", "person", ["Dobrynin"], [])
    index = NameIndex([e])
    out, _ = mark("Anatoly Dobrynin", index)
    assert out == '<persName ref="#dobrynin">Anatoly Dobrynin</persName>'
    assert e.forms == [] and e.used
    assert [x.id for x in index.entities()] == ["dobrynin"]


def test_entities_lists_declared_then_used():
    index = cuba_index()
    mark("Cuba and Kennedy", index)
    ents = index.entities()
    assert [x.id for x in ents] == ["castro_f", "castro_r", "dorticos", "khrushchev", "kennedy", "mikoyan", "cuba"]
    assert [x.id for x in ents if x.used] == ["kennedy", "cuba"]


def test_mark_names_counts_and_enters_inline_children():
    el = snippet('<hi rend="italic">Fidel</hi> and <said>Dorticos said</said>')
    assert mark_names(el, cuba_index(), Document("t", "t"), 1) == 2
    assert plain(el) == ('<hi rend="italic"><persName ref="#castro_f">Fidel</persName></hi> and '
                         '<said><persName ref="#dorticos">Dorticos</persName> said</said>')


# --------------------------------------------------------------------------- participants and labels

PARTICIPANTS = [
    ("Ambassador Anatoliy F. Dobrynin, USSR", "dobrynin", "Dobrynin, Anatoliy F.",
     ["Anatoliy F. Dobrynin", "Ambassador Dobrynin", "Dobrynin"], "Ambassador, USSR"),
    ("Mr. U. Alexis Johnson", "johnson", "Johnson, U. Alexis", ["U. Alexis Johnson", "Mr. Johnson", "Johnson"], ""),
    ("Chairman—Henry A. Kissinger", "kissinger", "Kissinger, Henry A.", ["Henry A. Kissinger", "Kissinger"], "Chairman"),
    ("The President", "president", "The President", [], "President"),
    ("President Suharto of Indonesia", "suharto", "Suharto", ["Suharto", "President Suharto"], "President of Indonesia"),
    ("Mr. Nitze, ISA, Chairman", "nitze", "Nitze", ["Nitze", "Mr. Nitze"], "ISA, Chairman"),
    ("Elliot Richardson, Attorney General", "richardson", "Richardson, Elliot", ["Elliot Richardson", "Richardson"], "Attorney General"),
    ("Lt. Gen. John Vogt", "vogt", "Vogt, John", ["John Vogt", "Lt. Gen. Vogt", "Vogt"], "Lt. Gen."),
    ("Soviet Ambassador Anatoliy F. Dobrynin[2]", "dobrynin", "Dobrynin, Anatoliy F.",
     ["Anatoliy F. Dobrynin", "Ambassador Dobrynin", "Dobrynin"], "Soviet Ambassador"),
    ("Mr. D.S. Laskey", "laskey", "Laskey, D.S.", ["D.S. Laskey", "Mr. Laskey", "Laskey"], ""),
    ("Robert Murphy (Nixon Staff)", "murphy", "Murphy, Robert", ["Robert Murphy", "Murphy"], "Nixon Staff"),
]


@pytest.mark.parametrize("item, ident, canonical, forms, note", PARTICIPANTS)
def test_entities_from_participants(item, ident, canonical, forms, note):
    (e,) = entities_from_participants([item])
    # role holds the person/@role token, note the office and affiliation as listed
    assert (e.id, e.kind, e.names[0], e.forms, e.role, e.note) == (ident, "person", canonical, forms, "participant", note)


def test_participant_group_headings_are_skipped_and_ids_unique():
    items = ["United States", "State", "JCS", "NSC Staff", "West Berlin", "[Here follows a list of participants.]",
             "Mr. Richard Helms", "Col. Richard T. Kennedy", "Mr. Robert Kennedy"]
    assert [e.id for e in entities_from_participants(items)] == ["helms", "kennedy", "kennedy_r"]


def test_present_line_with_several_persons_is_split():
    items = ["The President, Foreign Minister Quaison-Sackey, the Ambassador of Ghana, Mr. Bill Moyers"]
    ents = entities_from_participants(items)
    assert [e.id for e in ents] == ["president", "quaison_sackey", "ambassador_of_ghana", "moyers"]
    out, _ = mark("The Ambassador reported; the Ambassador of Ghana smiled", NameIndex(ents))
    assert out == 'The Ambassador reported; the <rs type="person" ref="#ambassador_of_ghana">Ambassador of Ghana</rs> smiled'


LABELS = [
    ("The President:", "president"),
    ("President:", "president"),
    ("Dr. Kissinger:", "kissinger"),
    ("Mr. Johnson:", "johnson"),
    ("Lt. Gen. Vogt:", "vogt"),
    ("CIA Director Helms:", "helms"),
    ("Secretary Rusk:", "rusk"),
    ("Robert Murphy:", "murphy"),
    ("K:", "speaker_k"),        # two participants' surnames start with K: not guessed
    ("Q:", "questioner"),
]


def test_person_for_label():
    index = NameIndex(entities_from_participants(
        ["The President", "Chairman—Henry A. Kissinger", "Mr. U. Alexis Johnson", "Lt. Gen. John Vogt", "Col. Richard T. Kennedy"]))
    got = [(label, index.person_for_label(label).id) for label, _ in LABELS]
    assert got == LABELS
    # the label form is remembered, the same label gives the same entity, new speakers are listed
    assert "Dr. Kissinger" in index.get("kissinger").forms
    assert index.person_for_label("Dr. Kissinger:") is index.get("kissinger")
    # a label naming a person of the authority list declares that person
    rusk = index.get("rusk")
    assert (rusk.names, rusk.used, "Secretary Rusk" in rusk.forms) == (["Rusk, Dean"], True, True)
    assert rusk in index.entities()
    murphy = index.get("murphy")
    assert (murphy.names, murphy.forms, murphy.role, murphy.note) == (["Murphy, Robert"], ["Robert Murphy"], "speaker", "")
    new = index.person_for_label("Secretary Halvorsen:")
    assert (new.id, new.names, new.forms, new.role, new.note) == (
        "halvorsen", ["Halvorsen"], ["Secretary Halvorsen"], "speaker", "Secretary")
    out, _ = mark("Secretary Rusk met Dean Rusk", index)
    assert out == ('<persName ref="#rusk"><roleName type="office">Secretary</roleName> Rusk</persName> met '
                   '<persName ref="#rusk">Dean Rusk</persName>')


def test_single_initial_label_resolves_to_the_only_participant_with_that_initial():
    index = NameIndex([Entity("udall", "person", ["Udall, Stewart"]), Entity("khrushchev", "person", ["Khrushchev, N. S."])])
    assert index.person_for_label("K:").id == "khrushchev"
    assert index.person_for_label("U:").id == "udall"


# --------------------------------------------------------------------------- properties

WORDS = st.sampled_from(
    ["Fidel", "Castro", "Raul", "CASTRO", "RUZ", "Cde.", "N.", "S.", "Khrushchev", "President", "Dorticós", "the",
     "US", "us", "U.S.", "Soviet", "Union", "’s", ",", ".", "and", "Mr.", "M.", "Comrade", "West", "Berlin", "said"]
)


SHARED_INDEX = cuba_index()  # one index for every example: building one takes ~30 ms


@settings(max_examples=300, deadline=None)
@given(st.lists(WORDS, max_size=16), st.lists(WORDS, max_size=5))
@example(["Khrushchev", "U.S.", "N."], [])  # "N. U.S. Khrushchev": the initials reach back into "U.S."
def test_mark_names_never_changes_the_text(words, inner):
    el = snippet("")
    el.text = " ".join(words)
    hi = etree.SubElement(el, f"{{{TEI_NS}}}hi")
    hi.text = " ".join(inner)
    hi.tail = " ".join(reversed(words))
    before = string_value(el)
    mark_names(el, SHARED_INDEX, Document("t", "t"), 1)
    assert string_value(el) == before
    for name in el.iter(f"{{{TEI_NS}}}persName", f"{{{TEI_NS}}}placeName", f"{{{TEI_NS}}}orgName"):
        assert name.get("ref", "").startswith("#")
        assert string_value(name).strip() == string_value(name)


def test_initials_before_a_name_do_not_reach_into_the_name_before_it():
    el = snippet("N. U.S. Khrushchev spoke.")
    mark_names(el, SHARED_INDEX, Document("t", "t"), 1)
    assert string_value(el) == "N. U.S. Khrushchev spoke."
    names = [(string_value(n), n.get("ref")) for n in el.iter(f"{{{TEI_NS}}}persName", f"{{{TEI_NS}}}placeName")]
    assert ("Khrushchev", "#khrushchev") in names


def test_group_headings_of_a_titled_participant_list_are_not_persons():
    from edition_tools.convert.names import entities_from_participants

    items = ["Ruritania", "Mr. Quendorf", "Ambassador Varnak", "North Zembla", "Dr. Aldemir", "General Toller"]
    ids = [e.id for e in entities_from_participants(items)]
    assert ids == ["quendorf", "varnak", "aldemir", "toller"]
    # a list of untitled names keeps its untitled lines
    items = ["Anatoliy Dobrynin", "Mr. Quendorf", "Varnak Aldemir", "Toller Brisk"]
    assert "dobrynin" in [e.id for e in entities_from_participants(items)]


def test_a_label_names_a_listed_person_only_as_the_list_allows():
    """A form the authority list marks "+" ("+Carter", "+Kennedy") counts only after a title of the
    person's office, in speaker labels as in the text; the title picks one of two Kennedys."""
    index = NameIndex([])
    assert index.person_for_label("PRESIDENT KENNEDY").id == "kennedy_j"
    assert index.person_for_label("Attorney General Kennedy").id == "kennedy_r"
    carter = index.person_for_label("CARTER")
    assert carter.id != "carter_j" and carter.names == ["Carter"]
    # a person the text only mentioned becomes a speaker when a label names them
    assert index.person_for_label("McNAMARA").role == "speaker"


def test_initials_before_a_listed_surname_belong_to_the_name():
    index = NameIndex([])
    text = "Signed by A. Kosygin and by H. Kosygin, with N. Khrushchev present."
    spans = [(text[s:e], ent.id) for s, e, ent, _c in index.find(text)]
    assert ("A. Kosygin", "kosygin") in spans  # Aleksei: his initial
    assert ("Kosygin", "kosygin") in spans  # "H." is not his initial: the name alone
    assert ("N. Khrushchev", "khrushchev") in spans

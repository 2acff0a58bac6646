"""The fourth round of speed-ups to name marking changes nothing: each fast path is compared with the plain
form it replaces (kept here as the reference) on generated inputs and on the converter's own inputs."""

from __future__ import annotations

import copy

from hypothesis import example, given, settings, strategies as st
from lxml import etree

from edition_tools import xmlio
from edition_tools.convert import names
from edition_tools.convert.model import Document
from edition_tools.convert.nameforms import common_word_surnames, fold, title_type
from edition_tools.convert.textspans import wrap_spans
from edition_tools.xmlio import TEI_NS, XML_ID, E, qn

from test_convert_speed import _MATCH_ENTITIES, _RESOLVE_ENTITIES, RESOLVE_TEXT

# --------------------------------------------------------------------------- E


def _plain_e(tag: str, attrib=None, *children, text=None) -> etree._Element:
    """E as a new element with the namespace map and each attribute set in turn."""
    el = etree.Element(qn(tag) if not tag.startswith("{") else tag, nsmap={None: TEI_NS})
    for k, v in (attrib or {}).items():
        if v is not None:
            el.set(qn(k) if k.startswith("xml:") else k, v)
    if text is not None:
        el.text = text
    for child in children:
        if child is not None:
            el.append(child)
    return el


_ATTRIBUTE = st.tuples(st.sampled_from(["ref", "type", "full", "xml:id", "when", "cert"]),
                       st.one_of(st.none(), st.sampled_from(["#rusk", "#usa", "abb", "office", "n1", ""])))
_CALL = st.tuples(st.sampled_from(["persName", "placeName", "roleName", "p", f"{{{TEI_NS}}}date"]),
                  st.lists(_ATTRIBUTE, max_size=3).map(dict), st.one_of(st.none(), st.text(st.characters(min_codepoint=0x20, max_codepoint=0x2FF), max_size=5)),
                  st.booleans())


@settings(max_examples=300, deadline=None)
@given(st.lists(_CALL, min_size=1, max_size=12))
def test_e_from_prototypes_with_attributes_is_the_plain_element(calls):
    """E (a copy of the tag's prototype, attributes set) makes the plain element, in a tree as on its own,
    asked for again and again, and its prototypes do not change."""
    for _round in range(3):  # the first asks make the prototypes, the later ones copy them
        fast_root, plain_root = E("p"), _plain_e("p")
        for tag, attrib, text, child in calls:
            fast = E(tag, attrib, E("lb") if child else None, text=text)
            plain = _plain_e(tag, attrib, _plain_e("lb") if child else None, text=text)
            assert etree.tostring(fast) == etree.tostring(plain)
            fast.tail = plain.tail = "x"
            fast_root.append(fast)
            plain_root.append(plain)
        assert etree.tostring(fast_root) == etree.tostring(plain_root)
    for key, proto in xmlio._PROTOTYPES.items():
        assert proto.text is None and len(proto) == 0 and proto.getparent() is None, key


# --------------------------------------------------------------------------- NameIndex

_ALL_ENTITIES = _RESOLVE_ENTITIES + _MATCH_ENTITIES


# --------------------------------------------------------------------------- the matcher's table


def _plain_table(index) -> tuple[dict, set, tuple]:
    """The table, explicit forms and start characters of NameIndex._build as it was: every form folded and
    put one at a time, each rebuild."""
    table: dict = {}

    def put(form, e):
        key = fold(form)[0]
        rows = table.setdefault(key, [])
        if all(r[0] is not e for r in rows):
            rows.append((e, form))
        elif all(r[1] != form for r in rows):
            rows.append((e, form))

    for e in index._declared.values():
        if e.kind == "person" and e.id in index._fixed:
            continue
        if e.kind == "person":
            m = names._office_phrase_re().fullmatch(e.names[0].strip()) if e.names else None
            if m:
                continue
            extra = index._extra_forms.get(e.id, [])
            probe = names.Entity(e.id, e.kind, e.names, e.forms + extra) if extra else e
            for form in names.person_forms(probe):
                put(form, e)
            for form in common_word_surnames(tuple(probe.names), tuple(probe.forms)):
                put(form, e)  # "Green": matched, then kept only where the text names the person (round 6)
        else:
            for form in e.names + e.forms:
                put(names.strip_markers(form), e)
    explicit = {(e.id, fold(names.strip_markers(f))[0]) for e in index._declared.values() for f in e.forms}
    firsts = frozenset(key[:1] for key in table)
    uncapitalised = frozenset(key[:2] for key, rows in table.items() if any(not r[1][:1].isupper() for r in rows))
    return table, explicit, (firsts, uncapitalised)


def _table_view(table):
    return {key: [(id(e), form) for e, form in rows] for key, rows in table.items()}


_MORE_ENTITIES = [
    names.Entity("rusk", "person", ["Rusk, Dean"], ["Secretary Rusk [3]"], role="participant"),
    names.Entity("president", "person", ["The President"], [], role="participant"),
    names.Entity("un", "org", ["United Nations [2]"], ["UN", "u.n."]),
    names.Entity("berlin", "place", ["Berlin"], ["berlin", "West Berlin"]),
    names.Entity("castro", "person", ["Castro, Fidel"], ["Castro"], role="mentioned"),
]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(_ALL_ENTITIES + _MORE_ENTITIES), max_size=8), st.lists(st.text(
    st.sampled_from("Dr. Green Castro Ruz de  [1]"), max_size=12), max_size=3))
def test_the_table_built_from_remembered_forms_is_the_plain_table(entities, added_forms):
    """The matcher's table made from each entity's remembered (folded form, form) pairs, the explicit forms
    and the start characters are those of the plain build, also after forms are added to an entity."""
    index = names.NameIndex(copy.deepcopy(entities))
    for form in [None] + added_forms:
        person = next((e for e in index._declared.values() if e.kind == "person"), None)
        if person is not None and form:
            person.forms.append(form)
            index._changed()
        index._build()
        table, explicit, starts = _plain_table(index)
        assert _table_view(index._table) == _table_view(table)
        assert index._explicit == explicit
        assert names._start_chars(index._table) == starts


# --------------------------------------------------------------------------- mark_names


def _plain_element(m, text, index, doc, line):
    """names._element as it was: the element made bare, its attributes set one by one, its text left to
    wrap_spans."""
    e = m.entity
    index.note_mention(e)
    if m.office:
        return E("rs", {"type": "person", "ref": f"#{e.id}"})
    new = E({"person": "persName", "place": "placeName", "org": "orgName"}[e.kind], {"ref": f"#{e.id}"})
    if m.cert:
        new.set("cert", m.cert)
        new.set("resp", "#conv")
        new.set(XML_ID, doc.new_id("name"))
    if m.guess:  # (round 6: initials, a common-word surname; each with its own report line)
        rule, decision, alternative = names._GUESSES[m.guess]
        doc.decide(line, rule, decision.format(name=text[m.name_start:m.end], id=e.id), alternative,
                   cert=m.cert, target=new.get(XML_ID))
    elif m.cert:
        doc.decide(line, "names.ambiguous", f"“{text[m.name_start:m.end]}” read as {e.id} (mentioned more often so far)",
                   " or ".join(a.id for a in m.alternatives), cert=m.cert, target=new.get(XML_ID))
    if m.title:
        typ, abb = title_type(m.title)
        role = E("roleName", {"type": typ, "full": "abb" if abb else None}, text=m.title)
        new.append(role)
        role.tail = text[m.start + len(m.title):m.end]
    return new


def _plain_mark_names(el, index, doc, line, skip=("persName", "placeName", "orgName", "date", "note", "speaker", "rs")):
    def find(text):
        return [(m.start, m.end, _plain_element(m, text, index, doc, line)) for m in index.matches(text)]
    return wrap_spans(el, find, skip=skip)


def _marked(mark, paragraphs, entities):
    index = names.NameIndex(copy.deepcopy(entities))
    doc = Document("t.txt", "test")
    out = []
    for parts in paragraphs:
        p = E("p", text=parts[0])
        for i, part in enumerate(parts[1:]):
            child = E(["hi", "note", "said"][i % 3], text=part[:6])
            child.tail = part[6:]
            p.append(child)
        n = mark(p, index, doc, 3)
        out.append((n, etree.tostring(p)))
    return out, [str(d) for d in doc.decisions], dict(index._mentions)


_OFFICE_ENTITIES = _RESOLVE_ENTITIES + [names.Entity("ambassador_x", "person", ["The Ambassador"], [], role="participant")]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.lists(RESOLVE_TEXT, min_size=1, max_size=4), min_size=1, max_size=4),
       st.integers(0, len(_OFFICE_ENTITIES)))
@example([["Castro met the Ambassador and Premier Castro", "Green and Mr. Green", "Gen. Green, Castro"],
          ["Castro", "Castro Fidel Castro the Ambassador"]], len(_OFFICE_ENTITIES))
@example([["R. Rusk and N. S. Khrushchev, and M. N. S. Khrushchev", "H. Q. Jackson, R. Q. Rusk"]], len(_OFFICE_ENTITIES))
@example([["", "President Green"]], 13)
def test_mark_names_makes_what_it_made(paragraphs, n_entities):
    """The name elements made with their attributes (and text) in one call to E are the ones made bare
    and completed afterwards: the same tree, decisions and mentions."""
    entities = _OFFICE_ENTITIES[-n_entities:] if n_entities else []
    assert _marked(names.mark_names, paragraphs, entities) == _marked(_plain_mark_names, paragraphs, entities)

"""The fast paths of the discovery passes, the header and the text check give what the plain ways gave.

Each reference below is the code as it was before the fast path (kept here, not in the package); the
tests compare them on the FRUS transcripts and on generated inputs."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings, strategies as st
from lxml import etree

from edition_tools.convert import header
from edition_tools.convert.names import Entity
from edition_tools.xmlio import XML_ID, E

# --------------------------------------------------------------------------- header: entity declarations


def reference_entity(e, tag: str, name_tag: str) -> etree._Element:
    """``header._entity`` as it was: every element made one by one."""
    el = E(tag)
    el.set(XML_ID, e.id)
    role = (getattr(e, "role", "") or "").strip()
    office = ""
    if tag == "person" and role:
        tokens = role.split()
        if all(t in header.ROLE_TOKENS for t in tokens):
            el.set("role", " ".join(dict.fromkeys(tokens)))
        else:
            office = role
    names = list(dict.fromkeys([n for n in e.names if n]))
    for k, n in enumerate(names or [header.UNKNOWN]):
        el.append(E(name_tag, {"type": "variant"} if k else None, text=n))
    forms = [f for f in dict.fromkeys(getattr(e, "forms", []) or []) if f not in names]
    for f in forms[:12]:
        el.append(E(name_tag, {"type": "variant"}, text=f))
    note = getattr(e, "note", "") or ""
    if office and office.lower() not in note.lower():
        note = f"{office}; {note}" if note else office
    if note:
        el.append(E("note", {"type": "role"} if tag == "person" else None, text=note))
    return el


KINDS = [("person", "person", "persName"), ("place", "place", "placeName"), ("org", "org", "orgName")]
_words = st.sampled_from(["Castro", "Fidel", "UNKNOWN", "", "Mr. Rusk", "Moscow", "participant", "mentioned",
                          "Ambassador", "speaker author", "Ambassador, USSR", "a note"])


@settings(max_examples=300, deadline=None)
@given(kind=st.sampled_from(KINDS), names=st.lists(_words, max_size=4),
       forms=st.lists(st.one_of(_words, st.integers(0, 30).map(lambda i: f"Form {i}")), max_size=24),
       role=st.sampled_from(["", "participant", "author participant participant", "Ambassador, USSR", " speaker "]),
       note=st.sampled_from(["", "found in the text", "ambassador, ussr: found"]))
def test_an_entity_declaration_is_the_one_made_element_by_element(kind, names, forms, role, note):
    kind_name, tag, name_tag = kind
    e = Entity(id="x_1", kind=kind_name, names=names, forms=forms, role=role, note=note)
    assert etree.tostring(header._entity(e, tag, name_tag)) == etree.tostring(reference_entity(e, tag, name_tag))


def test_the_templates_are_not_changed_by_their_copies():
    e = Entity(id="castro", kind="person", names=["Fidel Castro"], forms=["Castro"], role="mentioned", note="n")
    first = etree.tostring(header._entity(e, "person", "persName"))
    header._entity(e, "person", "persName").text = "changed"
    assert etree.tostring(header._entity(e, "person", "persName")) == first
    assert header._entity_template("person", "persName", 2, True).get(XML_ID) is None

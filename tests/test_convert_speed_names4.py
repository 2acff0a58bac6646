"""The fourth round of speed-ups to name marking changes nothing: each fast path is compared with the plain
form it replaces (kept here as the reference) on generated inputs and on the converter's own inputs."""

from __future__ import annotations

from hypothesis import given, settings, strategies as st
from lxml import etree

from edition_tools import xmlio
from edition_tools.xmlio import TEI_NS, E, qn

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
    """E copies a prototype with the attributes set when the same tag and attributes were asked for
    before: the same element, in a tree as on its own, and the prototype does not change."""
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

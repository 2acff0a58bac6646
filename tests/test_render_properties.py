"""Property test: generated TEI with random mixed content renders in every view without an
error and without losing or adding a word; link targets of any kind never become unsafe links."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from edition_tools.render.html import Renderer
from edition_tools.render.htmlio import parse_html
from edition_tools.render.textcheck import check_page
from edition_tools.xmlio import E, parse_bytes, serialize

WORDS = st.text(alphabet=st.sampled_from(list("abcXYZ éøß12 <>&\"'’—.,;:\u0416\u05d0")), min_size=0, max_size=12)
TARGETS = st.sampled_from(["https://example.org/", "#p1", "javascript:alert(1)", " data:text/html,x", "VBScript:x",
                           "rel/page.html", "//host/x", "mailto:a@b.c", "java\tscript:x", "", "file:///etc/passwd"])


def inline(depth: int):
    leaf = WORDS
    if depth <= 0:
        return leaf

    def wrap(tag, **attrs):
        return st.lists(inline(depth - 1), max_size=3).map(lambda kids: ("el", tag, attrs, kids))

    return st.one_of(
        leaf,
        wrap("persName", ref="#x"),
        wrap("said", who="#x", direct="true"),
        wrap("said", rendition="#dq #dq-close"),
        wrap("supplied", reason="clarification"),
        wrap("sic"),
        wrap("hi", rend="italic"),
        wrap("foreign", **{"xml:lang": "ru-Latn"}),
        wrap("quote"),
        wrap("unknownThing"),
        wrap("note", place="foot", type="editorial"),
        wrap("note", type="originalTerm", place="inline"),
        wrap("note", type="conversion"),
        wrap("date", when="1960-01-01"),
        TARGETS.flatmap(lambda t: wrap("ref", target=t)),
        st.just(("el", "lb", {}, [])),
        st.just(("el", "pb", {}, [])),
        st.just(("el", "gap", {"reason": "illegible"}, [])),
        st.tuples(WORDS, WORDS).map(lambda ab: ("choice", ab[0], ab[1])),
    )


def build(node, parent):
    if isinstance(node, str):
        if len(parent):
            parent[-1].tail = (parent[-1].tail or "") + node
        else:
            parent.text = (parent.text or "") + node
        return
    if node[0] == "choice":
        parent.append(E("choice", None, E("sic", text=node[1]), E("corr", {"resp": "#ed"}, text=node[2])))
        return
    _, tag, attrs, kids = node
    el = E(tag, attrs)
    for k in kids:
        build(k, el)
    parent.append(el)


PARAGRAPHS = st.lists(st.lists(inline(3), max_size=6), min_size=1, max_size=4)


@pytest.fixture(scope="module")
def renderer():
    return Renderer()


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(paragraphs=PARAGRAPHS)
def test_generated_tei_loses_no_text_and_links_stay_safe(renderer, paragraphs):
    div = E("div", {"type": "report"})
    for content in paragraphs:
        p = E("p")
        for node in content:
            build(node, p)
        div.append(p)
    tei = E("TEI", {"xml:lang": "en"},
            E("teiHeader", None, E("fileDesc", None, E("titleStmt", None, E("title", text="Generated")),
                                   E("publicationStmt", None, E("p", text="x")), E("sourceDesc", None, E("p", text="x")))),
            E("text", None, E("body", None, div)))
    tree = parse_bytes(serialize(tei))  # the same document as a reader of the file would see it
    for view in ("reading", "diplomatic", "review", "print"):
        html = renderer.render_document_html(tree, view=view)
        assert check_page(tree.getroot(), html, view) == [], view
        for href in parse_html(html).xpath("//@href"):
            squashed = "".join(href.split()).lower()
            assert not squashed.startswith(("javascript:", "data:", "vbscript:", "file:", "//")), href


def test_a_note_inside_a_word_is_a_word_boundary_on_both_sides(renderer):
    """Found by the property test above: "1<note place="foot"/>1" is "11" in the TEI without the note,
    and the page has the note's call between the two: the call is a boundary, so is the note."""
    p = E("p", text="1")
    note = E("note", {"place": "foot", "type": "editorial"})
    note.tail = "1"
    p.append(note)
    tei = E("TEI", {"xml:lang": "en"},
            E("teiHeader", None, E("fileDesc", None, E("titleStmt", None, E("title", text="Generated")),
                                   E("publicationStmt", None, E("p", text="x")), E("sourceDesc", None, E("p", text="x")))),
            E("text", None, E("body", None, E("div", {"type": "report"}, p))))
    tree = parse_bytes(serialize(tei))
    for view in ("reading", "diplomatic", "review", "print"):
        assert check_page(tree.getroot(), renderer.render_document_html(tree, view=view), view) == [], view

"""HTML rendering: goldens per test document and view, determinism, the no-text-lost check.

Goldens live in tests/data/render/golden/. They are compared byte for byte and rewritten only
when the environment variable EDITION_UPDATE_GOLDENS=1 is set:

    EDITION_UPDATE_GOLDENS=1 .venv/bin/python -m pytest -q tests/test_render.py
"""

from __future__ import annotations

import difflib
import hashlib
import os
from pathlib import Path

import pytest

from edition_tools.render.html import Renderer, annotate, document_slug
from edition_tools.render.textcheck import check_page
from edition_tools.xmlio import parse_file

HERE = Path(__file__).resolve().parent
DOCS = HERE / "data" / "render" / "docs"
GOLDEN = HERE / "data" / "render" / "golden"
SAMPLE_TEI = sorted((HERE.parent / "tei").glob("*.xml"))
VIEWS = ("reading", "diplomatic", "review", "print")
UPDATE = os.environ.get("EDITION_UPDATE_GOLDENS") == "1"

TEST_DOCS = sorted(DOCS.glob("*.xml"))


def check_golden(path: Path, data: bytes) -> None:
    if UPDATE:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        return
    if not path.exists():
        pytest.fail(f"no golden file {path.relative_to(HERE.parent)}; review the output, then create it with "
                    "EDITION_UPDATE_GOLDENS=1 .venv/bin/python -m pytest tests/test_render.py")
    expected = path.read_bytes()
    if data != expected:
        diff = "".join(difflib.unified_diff(expected.decode().splitlines(True), data.decode().splitlines(True),
                                            "golden", "rendered", n=1))
        pytest.fail(f"{path.name} differs from the golden (if the change is intended, regenerate with "
                    f"EDITION_UPDATE_GOLDENS=1):\n{diff[:4000]}")


@pytest.fixture(scope="module")
def renderer():
    return Renderer(site_title="Test Edition")


@pytest.mark.parametrize("view", VIEWS)
@pytest.mark.parametrize("doc", TEST_DOCS, ids=lambda p: p.stem)
def test_golden_per_document_and_view(renderer, doc, view):
    html = renderer.render_document_html(parse_file(doc), view=view, slug=document_slug(doc))
    check_golden(GOLDEN / f"{doc.stem}.{view}.html", html)


@pytest.mark.parametrize("view", VIEWS)
@pytest.mark.parametrize("doc", TEST_DOCS + SAMPLE_TEI, ids=lambda p: p.stem)
def test_no_text_lost(renderer, doc, view):
    root = parse_file(doc).getroot()
    problems = check_page(root, renderer.render_document_html(root, view=view), view)
    assert problems == []


def _tei_written_elsewhere() -> list[Path]:
    """TEI of the project written by others (converter goldens, validator cases, FRUS targets, PDF
    cases) and the design's target encodings (tests/data/external/design-examples): documents in styles this renderer was not written
    against. Files that are not TEI documents (deliberately broken validator cases) are left out."""
    from edition_tools.xmlio import TEI_NS, XMLInputError

    found = []
    candidates = [p for p in sorted((HERE / "data").rglob("*.xml")) if "render" not in p.relative_to(HERE / "data").parts]
    for path in candidates:
        try:
            root = parse_file(path).getroot()
        except XMLInputError:
            continue
        if root.tag == f"{{{TEI_NS}}}TEI":
            found.append(path)
    return found


OTHER_TEI = _tei_written_elsewhere()


@pytest.mark.parametrize("doc", OTHER_TEI, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_no_text_lost_on_tei_written_elsewhere(renderer, doc):
    root = parse_file(doc).getroot()
    for view in VIEWS:
        assert check_page(root, renderer.render_document_html(root, view=view), view) == [], view


def test_text_check_detects_a_lost_word(renderer):
    """The check itself can fail: drop a word from the page and it must say so."""
    root = parse_file(DOCS / "speech.xml").getroot()
    html = renderer.render_document_html(root, view="reading")
    assert check_page(root, html, "reading") == []
    damaged = html.replace(b"northern banks", b"banks", 1)
    assert damaged != html
    problems = check_page(root, damaged, "reading")
    assert problems and "northern" in problems[0]


def test_text_check_detects_a_lost_note(renderer):
    root = parse_file(DOCS / "interventions.xml").getroot()
    html = renderer.render_document_html(root, view="print")
    damaged = html.replace(b"According to the ministry", b"According to", 1)
    assert any(p.startswith("note 1:") for p in check_page(root, damaged, "print"))


@pytest.mark.parametrize("view", VIEWS)
def test_output_is_deterministic(view):
    """Two renderers, two runs: the same bytes (no timestamps, no generate-id() values)."""
    doc = DOCS / "interventions.xml"
    first = Renderer().render_document_html(parse_file(doc), view=view)
    second = Renderer().render_document_html(parse_file(doc), view=view)
    assert first == second


def test_render_does_not_modify_the_callers_tree(renderer):
    from edition_tools.xmlio import serialize

    tree = parse_file(DOCS / "speech.xml")
    before = serialize(tree, indent=False)
    renderer.render_document_html(tree, view="review")
    assert serialize(tree, indent=False) == before


def test_annotate_numbers_notes_and_anchors_in_document_order():
    root = parse_file(DOCS / "foreign-frus-memo.xml").getroot()
    annotate(root)
    r = "{urn:x-edition-tools:render}"
    notes = [el for el in root.iter("{http://www.tei-c.org/ns/1.0}note")]
    assert [n.get(r + "fn") for n in notes] == ["1", "2", "3"]
    assert [n.get(r + "fnlabel") for n in notes] == ["1", "2", "3"]
    anchors = [el.get(r + "anchor") for el in root.iter() if isinstance(el.tag, str) and el.get(r + "anchor")]
    assert anchors == [f"p-{i}" for i in range(1, len(anchors) + 1)]
    # annotating twice gives the same marks (render_document_html may be called on a rendered copy)
    again = annotate(root)
    assert [el.get(r + "anchor") for el in again.iter() if isinstance(el.tag, str) and el.get(r + "anchor")] == anchors


def test_sample_edition_documents_render_in_every_view(renderer):
    docs = SAMPLE_TEI or TEST_DOCS
    for doc in docs:
        for view in VIEWS:
            assert renderer.render_document_html(parse_file(doc), view=view).startswith(b"<!DOCTYPE html>\n<html lang=")


SITE_PAGES = ("index.html", "persons.html", "places.html", "terms.html", "search.html", "search-index.js")


@pytest.fixture(scope="module")
def test_site(tmp_path_factory):
    from edition_tools.render.html import render_site

    out = tmp_path_factory.mktemp("golden-site")
    render_site(TEST_DOCS, out, site_title="Test Edition")
    return out


@pytest.mark.parametrize("name", SITE_PAGES)
def test_golden_site_pages(test_site, name):
    check_golden(GOLDEN / "site" / name, (test_site / name).read_bytes())


@pytest.fixture(scope="module")
def sample_site(tmp_path_factory):
    from edition_tools.render.html import render_site

    out = tmp_path_factory.mktemp("sample-site")
    render_site(SAMPLE_TEI, out)
    return out


SAMPLE_PAGES = [f"{document_slug(p)}{suffix}" for p in SAMPLE_TEI
                for suffix in (".html", ".diplomatic.html", ".review.html")] + list(SITE_PAGES)


@pytest.mark.parametrize("name", SAMPLE_PAGES if SAMPLE_TEI else ["(no sample edition yet)"])
def test_golden_sample_edition(request, name):
    if not SAMPLE_TEI:
        from conftest import require_file

        require_file(HERE.parent / "tei" / "002_d39848a8c61f49d7.xml", "the sample edition is converted into tei/ by the build")
    inputs = "".join(f"{hashlib.sha256(p.read_bytes()).hexdigest()}  {p.name}\n" for p in SAMPLE_TEI).encode()
    if not UPDATE and (GOLDEN / "sample" / "inputs.sha256").exists() and (GOLDEN / "sample" / "inputs.sha256").read_bytes() != inputs:
        pytest.fail("tei/ has changed since the sample edition's goldens were made; review the new pages and "
                    "regenerate them with EDITION_UPDATE_GOLDENS=1 .venv/bin/python -m pytest tests/test_render.py -k sample")
    check_golden(GOLDEN / "sample" / "inputs.sha256", inputs)
    sample_site = request.getfixturevalue("sample_site")
    check_golden(GOLDEN / "sample" / name, (sample_site / name).read_bytes())

"""End-to-end conversion goldens: ``tests/data/convert/<layout>/<case>.txt`` -> ``<case>.xml``.

The TEI must match the golden byte for byte. Regenerate goldens only on purpose, and review the diff
like code::

    EDITION_UPDATE_GOLDENS=1 .venv/bin/python -m pytest tests/test_convert_goldens.py
"""

from __future__ import annotations

import difflib
import os
from pathlib import Path

import pytest

from edition_tools.convert.api import convert_text
from edition_tools.convert.source import read_sidecar, read_transcript, sidecar_for
from edition_tools.xmlio import parse_bytes, serialize, xpath

from conftest import DATA, jing_validate

CASES = sorted((DATA / "convert").glob("*/*.txt"))
# the pdf_text folder holds the layout reader's own unit-test inputs (block dumps, not TEI goldens)
CASES = [c for c in CASES if c.parent.name != "pdf_text"]
LAYOUT_OF_FOLDER = {"web_record": "web-record", "pdf": "pdf-text", "transcript": "transcript", "plain": "plain"}
UPDATE = os.environ.get("EDITION_UPDATE_GOLDENS") == "1"


def convert_case(path: Path, layout: str = "auto") -> bytes:
    text = read_transcript(path)
    side = sidecar_for(path)
    meta = read_sidecar(side) if side.exists() else {}
    tree, _ = convert_text(text, str(path), layout=layout, meta=meta)
    return serialize(tree)


@pytest.mark.parametrize("case", CASES, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_golden(case: Path):
    got = convert_case(case)
    golden = case.with_suffix(".xml")
    if UPDATE:
        golden.write_bytes(got)
    assert golden.exists(), f"no golden for {case}; run with EDITION_UPDATE_GOLDENS=1 and review it"
    want = golden.read_bytes()
    if got != want:
        diff = "".join(difflib.unified_diff(want.decode().splitlines(True), got.decode().splitlines(True),
                                            str(golden), "converted", n=2))
        pytest.fail(f"TEI differs from the golden (EDITION_UPDATE_GOLDENS=1 to accept after review):\n{diff[:6000]}")


@pytest.mark.parametrize("case", CASES, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_auto_detects_the_folder_layout(case: Path):
    from edition_tools.convert.layouts import detect_layout

    assert detect_layout(read_transcript(case)) == LAYOUT_OF_FOLDER[case.parent.name]


@pytest.mark.parametrize("case", CASES, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_deterministic(case: Path):
    assert convert_case(case) == convert_case(case)


def test_goldens_valid_against_tei_all(tei_all_rng, tmp_path):
    goldens = [c.with_suffix(".xml") for c in CASES if c.with_suffix(".xml").exists()]
    assert goldens
    res = jing_validate(tei_all_rng, goldens)
    assert res.returncode == 0, res.stdout + res.stderr


# ---------------------------------------------------------------------------- signs, one by one


def tei(case: str):
    return parse_bytes(convert_case(DATA / "convert" / case)).getroot()


def texts(root, expr):
    return ["".join(e.itertext()) for e in xpath(root, expr)]


def test_web_record_opener_heading_closer_and_header():
    root = tei("web_record/record_gromyko.txt")
    assert xpath(root, "string(//tei:opener/tei:byline/tei:docAuthor)") == "A. A. GROMYKO"
    assert texts(root, "//tei:opener/tei:seg[@type='classification']") == ["Secret."]
    assert texts(root, "//tei:opener/tei:seg[@type='copyNumber']") == ["Copy Nº 1"]
    assert xpath(root, "string(//tei:opener/tei:dateline/tei:date/@when)") == "1962-03-14"
    assert xpath(root, "string(//tei:opener/tei:seg[@type='registryNumber']/tei:sic)") == "77/gs"
    assert xpath(root, "string(//tei:div/tei:dateline/tei:date/@when)") == "1962-03-12"
    assert "THOMPSON" in xpath(root, "string(//tei:div/tei:head)")
    assert xpath(root, "count(//tei:head/tei:lb)") == 1
    assert "(A. GROMYKO)" in xpath(root, "string(//tei:closer/tei:signed)")
    # trailer -> header
    assert xpath(root, "normalize-space(//tei:profileDesc/tei:abstract)").startswith("Gromyko receives Thompson")
    assert xpath(root, "string(//tei:sourceDesc/tei:bibl/tei:idno[@type='recordID'])") == "188999"
    assert xpath(root, "string(//tei:msIdentifier/tei:idno/tei:idno[@type='fond'])") == "06"
    assert xpath(root, "string(//tei:msContents/tei:msItem/tei:locus/@from)") == "5"
    assert xpath(root, "string(//tei:titleStmt/tei:respStmt[@xml:id='translator']/tei:name)") == "Jane Doe"
    assert xpath(root, "string(//tei:bibl/tei:date[@type='uploaded']/@when)") == "2020-01-15"
    assert texts(root, "//tei:relatedItem[@type='relatedResource']//tei:title") == ["The Berlin Crisis, 1958-1962"]
    # the image caption and the teaser are not in the document
    whole = "".join(root.itertext())
    assert "photograph of the Kremlin" not in whole
    assert "A collection of documents" not in whole


def test_sic_wraps_preceding_token_in_both_cases():
    root = tei("web_record/record_gromyko.txt")
    sic = xpath(root, "//tei:text//tei:sic")[0]
    assert sic.get("rendition") == "#sicMarker" and sic.get("resp") == "#translator"
    root = tei("plain/telegram.txt")
    sic = xpath(root, "//tei:text//tei:sic")
    assert [s.text for s in sic] == ["unaceptable"] and sic[0].get("rendition") == "#sicMarkerLower"
    assert "[sic]" not in "".join(xpath(root, "//tei:text")[0].itertext())


def test_brackets_become_supplied_original_terms_and_gaps():
    root = tei("web_record/record_gromyko.txt")
    sup = {s.text: s.get("reason") for s in xpath(root, "//tei:text//tei:supplied")}
    assert sup["I"] == "implicit-in-original"
    assert sup["our"] == "implicit-in-original"
    assert "of the two sides" in sup
    term = xpath(root, "//tei:note[@type='originalTerm']/tei:foreign")
    assert [t.text for t in term] == ["spokoystviye"]
    assert term[0].get("{http://www.w3.org/XML/1998/namespace}lang") == "ru-Latn"
    assert xpath(root, "count(//tei:text//tei:gap[@reason='obfuscated-email'])") == 1


def test_declassification_and_omission_notices_keep_their_words():
    root = tei("plain/telegram.txt")
    gaps = xpath(root, "//tei:text//tei:gap[@reason='notDeclassified']")
    assert [g.get("quantity") for g in gaps] == ["2", None]
    assert [g.get("unit") for g in gaps] == ["line", "line"]
    assert "2 lines of source text not declassified" in texts(root, "//tei:gap/tei:desc")
    root = tei("plain/memcon.txt")
    assert texts(root, "//tei:gap[@reason='omitted']/tei:desc") == ["Omitted here is a list of the other participants."]


def test_footnotes_placed_at_markers_bracketed_and_superscript():
    root = tei("plain/telegram.txt")
    notes = xpath(root, "//tei:text//tei:note[@place='foot']")
    assert [n.get("n") for n in notes] == ["1", "2"]
    assert notes[0].get("type") == "sourceStatement" and notes[0].getparent().tag.endswith("head")
    assert notes[1].get("type") == "editorial"
    # a note's own bracket is marked up too
    assert xpath(root, "string(//tei:note[@n='2']/tei:note[@type='editorial'])") == "not printed"
    root = tei("plain/memcon.txt")
    note = xpath(root, "//tei:text//tei:note[@n='1']")[0]
    assert "".join(note.itertext()) == "Foreign Minister of the Soviet Union."
    assert "".join(note.getparent().itertext()).find("Gromyko") < "".join(note.getparent().itertext()).find("Foreign Minister")


def test_uncertain_reading_and_word_completion():
    root = tei("plain/memcon.txt")
    sup = xpath(root, "//tei:text//tei:supplied")
    by_text = {s.text: s for s in sup}
    assert by_text["work"].get("cert") == "low" and by_text["work"].get("reason") == "illegible"
    assert by_text["obert"].get("reason") == "clarification"


def test_dateline_lists_and_signature():
    root = tei("plain/telegram.txt")
    assert xpath(root, "string(//tei:div/tei:dateline/tei:date/@when)") == "1962-03-03"
    assert texts(root, "//tei:closer/tei:signed") == ["Thompson"]
    root = tei("plain/memcon.txt")
    lists = xpath(root, "//tei:list")
    assert [l.get("type") for l in lists] == ["subject", "participants"]
    assert texts(root, "//tei:list[@type='participants']/tei:item")[0].startswith("Ambassador Anatoliy F. Dobrynin")
    root = tei("plain/letter.txt")
    assert texts(root, "//tei:opener/tei:salute") == ["Dear Mr. President,"]
    assert texts(root, "//tei:closer/tei:salute") == ["Sincerely,"]
    assert texts(root, "//tei:closer/tei:signed") == ["A. Kosygin"]


def test_speaker_turns_and_non_speech():
    root = tei("transcript/press_conference.txt")
    sps = xpath(root, "//tei:sp")
    labels = [xpath(sp, "string(tei:speaker)") for sp in sps]
    assert labels[:4] == ["THE PRESIDENT:", "Q:", "THE PRESIDENT:", "Q:"]
    assert "Mr. Gromyko:" in labels
    # every sp points to a person in the header
    ids = set(xpath(root, "//tei:listPerson/tei:person/@xml:id"))
    assert all(sp.get("who", "#")[1:] in ids for sp in sps if sp.get("who"))
    # the omission notice and the stage direction in parentheses are not speech
    assert xpath(root, "count(//tei:sp//tei:gap[@reason='omitted'])") == 0
    assert xpath(root, "count(//tei:p[not(ancestor::tei:sp)]/tei:gap[@reason='omitted'])") == 1
    assert any("(The President nods.)" == t for t in texts(root, "//tei:p[not(ancestor::tei:sp)]"))
    # the speech continued after the stage direction is chained to its first part
    cont = [sp for sp in sps if sp.get("prev")]
    assert len(cont) == 1 and cont[0].get("who") == xpath(root, "string(//tei:sp[@next]/@who)")
    root = tei("transcript/stop_labels.txt")
    assert [xpath(sp, "string(tei:speaker)") for sp in xpath(root, "//tei:sp")] == [
        "The President.", "Bundy.", "The President.", "Bundy.", "The President."]


def test_pdf_extract_page_breaks_block_quote_and_hyphen():
    root = tei("pdf/extract.txt")
    body = xpath(root, "//tei:body")[0]
    assert xpath(body, "count(.//tei:pb)") == 1
    said = xpath(body, ".//tei:said[@rendition='#block']")
    assert len(said) == 1 and xpath(said[0], "count(tei:p)") >= 1
    whole = "".join(body.itertext())
    assert "so-called" in whole and "socalled" not in whole
    sup = {"".join(s.itertext()): s.get("reason") for s in xpath(body, ".//tei:supplied")}
    assert sup.get("our") == "implicit-in-original" and sup.get("for us") == "implicit-in-original"
    assert sup.get("October 26") == "clarification"
    assert [f.text for f in xpath(body, ".//tei:foreign")] == ["podzuzhivaniye"]

"""The two sample transcripts, converted, against what the encoding model asks of them; and the
sample edition in ``tei/`` is exactly what the converter makes of ``transcripts/``."""

from __future__ import annotations

import hashlib

from pathlib import Path

import pytest

from edition_tools.convert.api import convert_text
from edition_tools.convert.source import read_sidecar, read_transcript, sidecar_for
from edition_tools.xmlio import XML_LANG, xpath

from conftest import ROOT, jing_validate

SAMPLES = ROOT / "transcripts"
S000 = SAMPLES / "000_aa32d76ad1862673.txt"
S002 = SAMPLES / "002_d39848a8c61f49d7.txt"


def convert(path: Path):
    side = sidecar_for(path)
    tree, doc = convert_text(read_transcript(path), str(path), meta=read_sidecar(side) if side.exists() else {})
    return tree.getroot(), doc


@pytest.fixture(scope="module")
def s000():
    return convert(S000)


@pytest.fixture(scope="module")
def s002():
    return convert(S002)


#: SHA-256 of the sample transcripts as they were received (they are kept byte for byte)
ORIGINAL_SHA256 = {
    "000_aa32d76ad1862673.txt": "a5dd599efb5eec550de456fc19427298080dc76c6cbcda9f2b2377ff60442bad",
    "002_d39848a8c61f49d7.txt": "08f1ece65fee0f109a6d6905be5d763dd36841ffd2559b770530a465e23b9fce",
}


def test_samples_are_the_originals_byte_for_byte():
    for p in (S000, S002):
        assert hashlib.sha256(p.read_bytes()).hexdigest() == ORIGINAL_SHA256[p.name], p.name


def test_000_layout_and_interventions(s000):
    root, doc = s000
    assert doc.layout == "web-record"
    text = xpath(root, "//tei:text")[0]
    assert len(xpath(text, ".//tei:sic")) == 1
    assert xpath(text, "string(.//tei:sic)") == "149"
    assert [s.text for s in xpath(text, ".//tei:supplied")] == ["I", "I", "I"]
    assert all(s.get("reason") == "implicit-in-original" for s in xpath(text, ".//tei:supplied"))


def test_000_opener_heading_dateline_closer(s000):
    root, _ = s000
    div = xpath(root, "//tei:body/tei:div")[0]
    assert div.get("type") == "recordOfConversation"
    assert [c.tag.split("}")[1] for c in div][:3] == ["opener", "head", "dateline"]
    assert xpath(div, "string(tei:opener/tei:byline/tei:docAuthor)").strip() == "S. M. KUDRYAVTSEV"
    assert xpath(div, "string(tei:opener/tei:seg[@type='classification'])") == "Top Secret."
    assert xpath(div, "string(tei:opener/tei:dateline/tei:date/@when)") == "1961-04-26"
    assert xpath(div, "string(tei:dateline/tei:date/@when)") == "1961-04-22"
    assert "(S. KUDRYAVTSEV)" in xpath(div, "string(tei:closer/tei:signed)")
    assert div[-1].tag.endswith("closer")


def test_000_header_from_trailer(s000):
    root, _ = s000
    h = xpath(root, "//tei:teiHeader")[0]
    assert xpath(h, "string(.//tei:abstract)").startswith("Kudryavtsev delivers the text")
    assert xpath(h, "string(.//tei:creation/tei:date/@when)") == "1961-04-26"
    assert xpath(h, "string(.//tei:bibl/tei:idno[@type='recordID'])") == "188141"
    assert xpath(h, "string(.//tei:msIdentifier/tei:repository)") == "Archive of Foreign Policy of the Russian Federation (AVP RF)"
    assert [x.text for x in xpath(h, ".//tei:msIdentifier//tei:idno/tei:idno")] == ["0104", "17", "118", "3"]
    assert xpath(h, "string(.//tei:titleStmt/tei:respStmt[@xml:id='translator']/tei:name)") == "Gary Goldberg"
    assert "James G. Hershberg" in [x.text for x in xpath(h, ".//tei:titleStmt/tei:respStmt/tei:name")]
    assert xpath(h, "count(.//tei:keywords[@scheme='http://id.loc.gov/authorities/subjects']/tei:term)") == 4
    assert xpath(h, "string(.//tei:availability/tei:p/tei:gap/@reason)") == "obfuscated-email"
    assert xpath(h, "string(.//tei:bibl/tei:date[@type='uploaded']/@when)") == "2018-08-27"
    assert xpath(h, "string(.//tei:msContents/tei:textLang/@mainLang)") == "ru"
    assert xpath(h, "string(.//tei:revisionDesc/@status)") == "converted"
    assert xpath(h, "string(.//tei:respStmt[@xml:id='conv']/tei:resp)")
    # the related resource's title is kept; its image caption is not
    assert "New Russian Evidence" in xpath(h, "string(.//tei:relatedItem[@type='relatedResource'])")
    assert "[image:" not in "".join(root.itertext())


def test_000_speeches_of_castro_attributed(s000):
    root, _ = s000
    said = xpath(root, "//tei:text//tei:said")
    assert len(said) >= 6
    castro = xpath(root, "string(//tei:person[tei:persName[contains(., 'Castro, Fidel')]]/@xml:id)")
    assert castro
    assert all(f"#{castro}" in s.get("who", "").split() for s in said)
    chained = [s for s in said if s.get("next")]
    assert chained, "the inverted inquits split speeches into @next/@prev chains"


def test_002_page_breaks_block_quotes_supplied_terms(s002):
    root, doc = s002
    assert doc.layout == "pdf-text"
    body = xpath(root, "//tei:body")[0]
    assert xpath(body, "count(.//tei:pb)") == 14
    blocks = xpath(body, ".//tei:said[@rendition='#block']")
    assert len(blocks) == 2
    assert all(b.get("who") == "#castro_f" for b in blocks)
    supplied = xpath(body, ".//tei:supplied")
    assert len(supplied) == 4
    assert sorted(s.get("reason") for s in supplied) == ["clarification", "clarification", "implicit-in-original", "implicit-in-original"]
    terms = xpath(body, ".//tei:note[@type='originalTerm']/tei:foreign")
    assert [t.text for t in terms] == ["vpechatlitel’nost’", "podzuzhivaniye"]
    assert all(t.get(XML_LANG) == "ru-Latn" for t in terms)
    whole = "".join(body.itertext())
    assert "so-called" in whole and "socalled" not in whole
    assert "[" not in whole and "]" not in whole


def test_002_metadata_from_sidecar_unknowns_marked(s002):
    root, _ = s002
    h = xpath(root, "//tei:teiHeader")[0]
    assert xpath(h, "string(.//tei:creation/tei:date/@when)") == "1962-11-06"
    assert xpath(h, "string(.//tei:titleStmt/tei:respStmt[@xml:id='translator']/tei:name)") == "UNKNOWN"
    assert xpath(h, "string(.//tei:msIdentifier/tei:repository)") == "UNKNOWN"
    assert "ru-Latn" in xpath(h, ".//tei:langUsage/tei:language/@ident")
    # dates without a year take it from the document date
    dates = {d.get("when") for d in xpath(root, "//tei:text//tei:date[@evidence='internal']")}
    assert "1962-10-26" in dates and "1962-10-27" in dates


def test_tei_folder_keeps_every_word_of_the_samples():
    """``tei/`` may be edited by hand after conversion (markup added, metadata filled in), but the
    words of each transcript must still all be there, in order."""
    from edition_tools.convert import textcheck
    from edition_tools.convert.layouts import LAYOUTS, detect_layout
    from edition_tools.convert.model import Document
    from edition_tools.xmlio import parse_file

    for src in (S000, S002):
        built = ROOT / "tei" / (src.stem + ".xml")
        assert built.exists(), f"{built} missing: run `make edition`"
        text = read_transcript(src)
        doc = Document(str(src), detect_layout(text))
        LAYOUTS[doc.layout].read(text, doc)
        textcheck.check(text, doc, parse_file(built))


def test_sample_edition_valid_against_tei_all(tei_all_rng):
    files = sorted((ROOT / "tei").glob("*.xml"))
    assert files
    res = jing_validate(tei_all_rng, files)
    assert res.returncode == 0, res.stdout + res.stderr


def test_000_without_its_sidecar_declares_each_person_once():
    """The record's catalogue names "Castro, Fidel", which the authority list also knows: one person,
    under the list's id, not a second one for the catalogue."""
    tree, _doc = convert_text(read_transcript(S000), str(S000), meta={})
    persons = xpath(tree.getroot(), "//tei:particDesc//tei:person")
    names = [xpath(p, "string(tei:persName[1])") for p in persons]
    assert len(names) == len(set(names)), names
    assert "castro_f" in [p.get("{http://www.w3.org/XML/1998/namespace}id") for p in persons]

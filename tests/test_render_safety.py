"""Safety of the HTML output: escaped text, no unsafe links, no reads or writes by the
stylesheets, no half-written output, hostile XML refused with one clear line."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import etree

from edition_tools.render.html import ACCESS_CONTROL, Renderer
from edition_tools.render.htmlio import parse_html
from edition_tools.xmlio import parse_file

DOCS = Path(__file__).resolve().parent / "data" / "render" / "docs"


@pytest.fixture(scope="module")
def safety_pages():
    r = Renderer()
    tree = parse_file(DOCS / "safety.xml")
    return {view: r.render_document_html(tree, view=view) for view in ("reading", "diplomatic", "review", "print")}


@pytest.mark.parametrize("view", ["reading", "diplomatic", "review", "print"])
def test_markup_in_text_stays_text(safety_pages, view):
    html = safety_pages[view]
    assert b"<script" not in html
    assert b"&lt;script&gt;alert(1)&lt;/script&gt;" in html
    page = parse_html(html)
    assert page.xpath("//title")[0].text.startswith('Links of every kind <script>alert("title")</script>')


@pytest.mark.parametrize("view", ["reading", "diplomatic", "review"])
def test_only_safe_links_are_emitted(safety_pages, view):
    page = parse_html(safety_pages[view])
    hrefs = page.xpath("//@href | //@src | //@action")
    for href in hrefs:
        squashed = "".join(href.split()).lower()
        assert not squashed.startswith(("javascript:", "data:", "vbscript:", "file:", "//")), href
    text_links = {a.text_content(): a.get("href") for a in page.xpath("//section[@id='text']//a[@class='ref']")}
    assert text_links == {
        "eight": "https://example.org/a?b=1&c=2",
        "nine": "mailto:editor@example.org",
        "ten": "other.html#x",
        "eleven": "#intro",
        # @target is a list of pointers separated by white space: "java<TAB>script:…" is the two
        # pointers "java" and "script:…", and only the first, a harmless relative path, is linked
        "three": "java",
        "https://example.org/p": "https://example.org/p",
    }
    refused = [s.text_content() for s in page.xpath("//span[contains(@class, 'unsafe-link')]")]
    assert refused == ["one", "two", "four", "five", "six", "seven"]
    facs = page.xpath("//a[contains(@class, 'facs')]/@href")
    assert facs == ["images/page3.png"]


@pytest.mark.parametrize("view", ["reading", "diplomatic", "review", "print"])
def test_nothing_is_fetched_and_no_style_is_copied(safety_pages, view):
    page = parse_html(safety_pages[view])
    assert not page.xpath("//img | //iframe | //object | //embed | //video | //audio | //*[@style]")
    external = [v for v in page.xpath("//link/@href | //script/@src") if ":" in v or v.startswith("//")]
    assert external == []
    assert b"evil.example" not in safety_pages[view]


def test_stylesheets_cannot_read_files_or_the_network(tmp_path):
    secret = tmp_path / "secret.xml"
    secret.write_text("<secret>do not read</secret>")
    xsl = etree.XML(
        f"""<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
          <xsl:template match="/"><out><xsl:copy-of select="document('{secret.as_uri()}')"/>
          <xsl:copy-of select="document('http://127.0.0.1:9/x.xml')"/></out></xsl:template>
        </xsl:stylesheet>""".encode()
    )
    transform = etree.XSLT(xsl, access_control=ACCESS_CONTROL)
    with pytest.raises(etree.XSLTApplyError):
        transform(etree.XML(b"<a/>"))
    assert "read rights" in str(transform.error_log) or "refused" in str(transform.error_log)


def test_stylesheets_cannot_write_files(tmp_path):
    target = tmp_path / "written.txt"
    xsl = etree.XML(
        f"""<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
              xmlns:exsl="http://exslt.org/common" extension-element-prefixes="exsl">
          <xsl:template match="/"><exsl:document href="{target.as_uri()}"><x/></exsl:document><out/></xsl:template>
        </xsl:stylesheet>""".encode()
    )
    transform = etree.XSLT(xsl, access_control=ACCESS_CONTROL)
    with pytest.raises(etree.XSLTApplyError):
        transform(etree.XML(b"<a/>"))
    assert not target.exists()


HOSTILE = {
    "xxe.xml": (b'<?xml version="1.0"?>\n<!DOCTYPE TEI [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n'
                b'<TEI xmlns="http://www.tei-c.org/ns/1.0"><text><body><p>&x;</p></body></text></TEI>', "DOCTYPE"),
    "laughs.xml": (b'<?xml version="1.0"?>\n<!DOCTYPE TEI [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;&a;">]>\n'
                   b'<TEI xmlns="http://www.tei-c.org/ns/1.0"><text><body><p>&b;</p></body></text></TEI>', "DOCTYPE"),
    "broken.xml": (b'<TEI xmlns="http://www.tei-c.org/ns/1.0"><text><body>\n<p>unclosed</body></text></TEI>', "not well-formed"),
    "empty.xml": (b"", "empty"),
}


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_bad_input_gives_one_line_and_no_page(tmp_path, name):
    from edition_tools.cli import cli

    data, expected = HOSTILE[name]
    src = tmp_path / "in"
    src.mkdir()
    (src / name).write_bytes(data)
    good = src / "good.xml"
    good.write_bytes((DOCS / "speech.xml").read_bytes())
    out = tmp_path / "site"
    result = CliRunner().invoke(cli, ["render", str(src), "-o", str(out)])
    assert result.exit_code == 1, result.output
    lines = [ln for ln in result.stderr.splitlines() if name in ln]
    assert len(lines) == 1 and expected in lines[0] and ": error: " in lines[0], result.stderr
    assert "Traceback" not in result.output
    stem = name[:-4]
    assert not list(out.glob(f"{stem}*")), "no page for a document that could not be read"
    assert (out / "good.html").exists()  # the other documents are still rendered
    assert not list(out.rglob("*.tmp"))

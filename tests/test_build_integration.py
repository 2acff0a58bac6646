"""The build with the real converter, validator and renderer (lxml, XSLT, WeasyPrint)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from edition_tools.build import BuildOptions, build
from edition_tools.build.tools import Toolchain
from edition_tools.project import load_project

ROOT = Path(__file__).resolve().parent.parent

LETTER = """<?xml version="1.0" encoding="UTF-8"?>
<TEI xmlns="http://www.tei-c.org/ns/1.0" xml:lang="en">
  <teiHeader>
    <fileDesc>
      <titleStmt>
        <title type="main">{title}</title>
        <respStmt xml:id="ed">
          <resp>encoding</resp>
          <name>Test Editor</name>
        </respStmt>
      </titleStmt>
      <publicationStmt>
        <publisher>Test Publisher</publisher>
        <idno type="project">{idno}</idno>
        <availability status="free">
          <p>Written for the tests of edition-tools.</p>
        </availability>
      </publicationStmt>
      <sourceDesc>
        <bibl type="transcript"><title>{title}</title></bibl>
      </sourceDesc>
    </fileDesc>
    <profileDesc>
      <creation><date when="1958-04-02">2 April 1958</date></creation>
      <langUsage>
        <language ident="en">English</language>
      </langUsage>
      <particDesc>
        <listPerson>
          <person xml:id="keller"><persName>Keller, Anna</persName></person>
        </listPerson>
      </particDesc>
      <settingDesc>
        <listPlace>
          <place xml:id="linz"><placeName>Linz</placeName></place>
        </listPlace>
      </settingDesc>
    </profileDesc>
    <revisionDesc status="reviewed">
      <change when="2026-01-01" who="#ed">written by hand</change>
    </revisionDesc>
  </teiHeader>
  <text>
    <body>
      <div type="letter">
        <head>{title}</head>
        <dateline><placeName ref="#linz">Linz</placeName>, <date when="1958-04-02">April 2, 1958</date></dateline>
        <p>{para} <persName ref="#keller">Dr. Keller</persName> thanks the station for its care.</p>
        <closer>
          <signed><persName ref="#keller">Anna Keller</persName></signed>
        </closer>
      </div>
    </body>
  </text>
</TEI>
"""


def letter(title: str, idno: str, para: str = "The registers of the ferry station arrived today in good order.") -> str:
    return LETTER.format(title=title, idno=idno, para=para)


@pytest.fixture
def edition(tmp_path):
    root = tmp_path / "ed"
    (root / "tei").mkdir(parents=True)
    (root / "edition.toml").write_text('[edition]\ntitle = "Ferry Letters"\n', encoding="utf-8")
    (root / "tei" / "letter-a.xml").write_text(letter("Letter on the Ferry Registers", "letter-a"), encoding="utf-8")
    (root / "tei" / "letter-b.xml").write_text(letter("Second Letter on the Ferry", "letter-b", "Wintry days at the ferry."), encoding="utf-8")
    return root


def run(root: Path, **kw):
    return build(load_project(root), BuildOptions(jobs=kw.pop("jobs", 1), progress=False, **kw))


def test_real_build_writes_pages_site_and_pdfs_and_then_does_nothing(edition):
    report = run(edition, pdf=True, edition_pdf=True)
    assert report.ok, [d.format() for d in report.diagnostics]
    site = edition / "site"
    for name in ("letter-a.html", "letter-a.diplomatic.html", "letter-b.html", "index.html", "search.html", "persons.html"):
        assert (site / name).is_file(), name
    assert "Letter on the Ferry Registers" in (site / "index.html").read_text(encoding="utf-8")
    assert "Ferry Letters" in (site / "index.html").read_text(encoding="utf-8")
    assert (site / "pdf" / "letter-a.pdf").read_bytes().startswith(b"%PDF")
    assert (site / "edition.pdf").read_bytes().startswith(b"%PDF")
    assert report.pdfs == 2 and report.edition_pdf
    again = run(edition, pdf=True, edition_pdf=True)
    assert again.did_nothing and again.ok


def test_one_changed_document_rerenders_only_its_pages(edition):
    run(edition, pdf=False, edition_pdf=False)
    site = edition / "site"
    before = {p.name: p.read_bytes() for p in site.glob("*.html")}
    (edition / "tei" / "letter-b.xml").write_text(letter("Second Letter on the Ferry", "letter-b", "Icy days at the ferry."), encoding="utf-8")
    report = run(edition, pdf=False, edition_pdf=False)
    assert report.ok and report.validated == 1 and report.rendered == 1 and report.site_written
    after = {p.name: p.read_bytes() for p in site.glob("*.html")}
    changed = {n for n in after if after[n] != before.get(n)}
    assert changed and all(n.startswith("letter-b") for n in changed), changed
    assert "Icy days" in (site / "letter-b.html").read_text(encoding="utf-8")
    assert "Icy days" in (site / "search-index.js").read_text(encoding="utf-8")


def test_invalid_tei_stops_the_build_with_located_messages(edition):
    bad = letter("Broken Letter", "letter-c").replace('<date when="1958-04-02">April', '<date when="1958-13-02">April')
    (edition / "tei" / "letter-c.xml").write_text(bad, encoding="utf-8")
    report = run(edition, pdf=False, edition_pdf=False)
    assert not report.ok and report.rendered == 0
    errs = [d for d in report.diagnostics if d.severity == "error"]
    assert errs and all(d.path.endswith("letter-c.xml") for d in errs)
    assert any(d.line == bad.splitlines().index(next(l for l in bad.splitlines() if "1958-13-02" in l)) + 1 for d in errs)
    assert not (edition / "site" / "index.html").exists()


def test_duplicate_document_ids_across_files_are_found_from_cached_facts(edition):
    run(edition, pdf=False, edition_pdf=False)
    (edition / "tei" / "letter-c.xml").write_text(letter("Third Letter", "letter-a"), encoding="utf-8")
    report = run(edition, pdf=False, edition_pdf=False)
    assert report.validated == 1
    cross = [d for d in report.diagnostics if d.code == "R17"]
    assert cross and cross[0].path.endswith("letter-c.xml")


def test_a_build_with_nothing_to_do_loads_no_validator_renderer_or_weasyprint(edition):
    run(edition, pdf=False, edition_pdf=False)
    script = (
        "import sys, json\n"
        "from edition_tools.build import BuildOptions, build\n"
        "from edition_tools.project import load_project\n"
        f"r = build(load_project({str(edition)!r}), BuildOptions(jobs=1, progress=False, pdf=False, edition_pdf=False))\n"
        "heavy = [m for m in ('weasyprint', 'xmlschema', 'edition_tools.validate', 'edition_tools.render.html', 'edition_tools.convert.api') if m in sys.modules]\n"
        "print(json.dumps({'nothing': r.did_nothing, 'heavy': heavy}))\n"
    )
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60, cwd=ROOT)
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout) == {"nothing": True, "heavy": []}


def test_parallel_real_build_matches_serial(edition):
    run(edition, pdf=False, edition_pdf=False, jobs=1)
    site = edition / "site"
    serial = {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*") if p.is_file() and ".edition" not in str(p)}
    run(edition, pdf=False, edition_pdf=False, jobs=2, clean=True)
    parallel = {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*") if p.is_file() and ".edition" not in str(p)}
    assert parallel == serial


def test_toolchain_names_agree_with_the_converter(tmp_path):
    from edition_tools.convert import source as api

    src = tmp_path / "a.b.txt"
    assert Toolchain().tei_path(src, tmp_path / "tei") == tmp_path / "tei" / "a.b.xml"
    (tmp_path / "a.b.meta.toml").write_text("")
    assert Toolchain().sidecar(src) == api.sidecar_for(src)


def test_toolchain_keys_cover_stylesheets_schema_and_code():
    files = Toolchain().stage_files()
    names = {p.relative_to(ROOT).as_posix() for stage in files.values() for p in stage if p.is_relative_to(ROOT)}
    assert "xslt/tei-html.xsl" in names and "schema/histdocs.xsd" in names
    assert "edition_tools/render/html.py" in names and "edition_tools/validate/rules.py" in names
    assert "edition_tools/__init__.py" in names
    assert all(p.is_file() for stage in files.values() for p in stage)

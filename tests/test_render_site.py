"""The static site: index by date, registers, search index, assets, the command line."""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from click.testing import CliRunner

from edition_tools.cli import cli
from edition_tools.render.html import Renderer, render_site
from edition_tools.render.htmlio import parse_html
from edition_tools.render.search import build_search_index, fold, search, tokens
from edition_tools.xmlio import parse_file

HERE = Path(__file__).resolve().parent
DOCS = HERE / "data" / "render" / "docs"
SAMPLE_002 = HERE.parent / "tei" / "002_d39848a8c61f49d7.xml"
SITE_DOCS = [DOCS / n for n in ("header-full.xml", "speech.xml", "interventions.xml", "opener-closer.xml", "foreign-frus-memo.xml",
                                 "robustness-invalid.xml")]


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    out = tmp_path_factory.mktemp("site")
    files = render_site(SITE_DOCS, out, site_title="Test Edition")
    return out, files


def text(el) -> str:
    return " ".join("".join(el.itertext()).split())


def test_site_files(site):
    out, files = site
    names = sorted(p.relative_to(out).as_posix() for p in files)
    for doc in SITE_DOCS:
        stem = doc.stem
        assert {f"{stem}.html", f"{stem}.diplomatic.html", f"{stem}.review.html"} <= set(names)
    assert {"index.html", "persons.html", "places.html", "terms.html", "search.html", "search-index.js",
            "assets/edition.css", "assets/search.js"} <= set(names)
    assert not list(out.rglob("*.tmp"))


def test_index_lists_documents_by_date_with_abstracts(site):
    out, _ = site
    page = parse_html((out / "index.html").read_bytes())
    entries = page.xpath("//li[@class='document-entry']")
    dates = [e.xpath(".//time/@datetime")[0] if e.xpath(".//time") else "" for e in entries]
    assert dates == ["1947-01-09", "1956-03-14", "1958-03-03", "1959-10-02", "1963-06-14", ""]  # undated last
    first = entries[2]
    assert first.xpath(".//h2/a/@href") == ["header-full.html"]
    assert "promises a reply" in text(first.xpath(".//p[@class='doc-abstract']")[0])
    assert first.xpath(".//a[@href='header-full.diplomatic.html']")


def test_person_register_lists_documents_and_speeches(site):
    out, _ = site
    page = parse_html((out / "persons.html").read_bytes())
    moreau = page.xpath("//li[@id='person-moreau']")[0]
    assert text(moreau.xpath("span[@class='reg-name']")[0]) == "Moreau, Claire"
    occ = text(moreau.xpath("ul[@class='occurrences']")[0])
    assert "mentioned in 2 passages" in occ and "speaks in 3 passages" in occ
    assert moreau.xpath(".//a/@href")[0] == "speech.html#p-1"
    varga = page.xpath("//li[@id='person-varga']")[0]
    assert "Minister Varga" in text(varga)  # the form in the text is shown beside the canonical name
    # every name link in the documents points at an entry of a register
    ids = set(page.xpath("//li/@id")) | set(parse_html((out / "places.html").read_bytes()).xpath("//li/@id"))
    for doc in SITE_DOCS:
        html = parse_html((out / f"{doc.stem}.html").read_bytes())
        for href in html.xpath("//section[@id='text']//a[contains(@class, 'name')]/@href"):
            assert href.split("#", 1)[1] in ids, href


def test_places_and_terms_registers(site):
    out, _ = site
    places = parse_html((out / "places.html").read_bytes())
    assert places.xpath("//li[@id='place-rivertown']//a/@href") == ["header-full.html#p-1"]
    terms = parse_html((out / "terms.html").read_bytes())
    term = terms.xpath("//i[@lang='ru-Latn']")[0]
    assert term.text == "nerazberikha"
    assert term.getparent().xpath(".//a/@href") == ["interventions.html#p-4"]


def test_site_pages_have_landmarks_and_no_external_requests(site):
    out, _ = site
    for name in ("index.html", "persons.html", "places.html", "terms.html", "search.html"):
        page = parse_html((out / name).read_bytes())
        assert page.get("lang") and page.xpath("//main") and page.xpath("//nav[@aria-label]")
        assert [h.tag for h in page.iter("h1")] == ["h1"]
        for url in page.xpath("//@href | //@src"):
            assert "://" not in url, url
    css = (out / "assets" / "edition.css").read_text()
    assert "url(" not in css and "@import" not in css


def test_search_index_finds_words_in_order_of_documents(site):
    out, _ = site
    script = (out / "search-index.js").read_text(encoding="utf-8")
    prefix = "window.EDITION_SEARCH_INDEX = "
    assert script.startswith(prefix) and script.rstrip().endswith(";")
    index = json.loads(script[len(prefix):].rstrip().rstrip(";"))
    hits = search(index, "quota autumn")
    docs = index["docs"]
    assert [(docs[d]["url"], anchor) for d, anchor in hits] == [("speech.html", "p-1")]
    assert [(docs[d]["url"], anchor) for d, anchor in search(index, "autumn")] == [("speech.html", "p-1"), ("speech.html", "p-5")]
    assert search(index, "nerazberi")  # the last word may be a prefix
    assert search(index, "Aide-MEMOIRE")  # case and accents folded
    assert search(index, "no-such-word-anywhere") == []
    # footnotes are searchable and point at the note
    assert ("interventions.html", "fn-1") in [(docs[d]["url"], a) for d, a in search(index, "Annual Bulletin")]


def test_fold_matches_the_script():
    assert fold("Dorticós ÉTÉ Straße") == "dorticos ete straße"


@given(st.text())
@settings(max_examples=300, deadline=None)
def test_fold_is_nfkd_without_marks_lowered(text):
    """The cached per-character table gives what the definition gives on the whole string."""
    decomposed = unicodedata.normalize("NFKD", text)
    expected = "".join(c for c in decomposed if not unicodedata.category(c).startswith("M")).lower()
    assert fold(text) == expected


def test_search_finds_a_word_from_sample_002(tmp_path):
    """With the sample edition present, a word of sample 002; before that, a test document."""
    doc = SAMPLE_002 if SAMPLE_002.exists() else DOCS / "speech.xml"
    r = Renderer()
    files, summary = r.render_file(doc, tmp_path)
    index = build_search_index([summary])
    word = "vpechatlitel" if SAMPLE_002.exists() else "fishermen"
    assert search(index, word), word


def test_search_index_from_kept_document_words_equals_one_made_afresh(tmp_path):
    """The words each summary keeps (made in the worker) give the index that tokenising the
    passages of every document again gives: same entries, same postings, in the same order."""
    r = Renderer()
    summaries = [r.render_file(DOCS / name, tmp_path)[1] for name in sorted(p.name for p in DOCS.glob("*.xml"))]
    assert all(s["search_words"] for s in summaries)
    kept = build_search_index(summaries)
    # the index made directly: every passage of every document tokenised in one run
    entries = [[d, item["anchor"], item["text"]] for d, s in enumerate(summaries)
               for item in [{"anchor": "", "text": s["title"]}] + s["search"]]
    words = {}
    for n, (_d, _anchor, text) in enumerate(entries):
        for w in sorted(set(tokens(text))):
            words.setdefault(w, []).append(n)
    assert kept["entries"] == entries
    assert kept["words"] == dict(sorted(words.items()))
    afresh = [{k: v for k, v in s.items() if k != "search_words"} for s in summaries]
    assert build_search_index(afresh) == kept
    assert len(kept["docs"]) == len(summaries) and sum(map(len, kept["words"].values())) > 100


def test_summary_is_json_and_matches_the_api(site):
    r = Renderer(site_title="Test Edition")
    tree = parse_file(DOCS / "speech.xml")
    summary = r.summarize(tree, DOCS / "speech.xml")
    assert json.loads(json.dumps(summary)) == summary
    assert summary["title"] == "Record of a Conversation on Fishing Rights, 14 June 1963"
    assert summary["date"] == "1963-06-14"
    assert summary["pages"] == {"reading": "speech.html", "diplomatic": "speech.diplomatic.html", "review": "speech.review.html"}
    haldane = [e for e in summary["entities"] if e["id"] == "haldane"][0]
    assert haldane["speaks"] == ["p-1", "p-2", "sp-2"] and haldane["anchors"] == ["p-1", "p-2"]
    out, _ = site
    # write_site from summaries alone gives the same register as render_site
    again = tmp = out.parent / "again"
    r.write_site([r.summarize(parse_file(d), d) for d in SITE_DOCS], tmp)
    assert (again / "persons.html").read_bytes() == (out / "persons.html").read_bytes()
    assert (again / "search-index.js").read_bytes() == (out / "search-index.js").read_bytes()


def test_write_document_returns_the_pages(tmp_path):
    files = Renderer(review=False).write_document(DOCS / "speech.xml", tmp_path)
    assert [f.name for f in files] == ["speech.html", "speech.diplomatic.html"]
    page = parse_html(files[0].read_bytes())
    assert not page.xpath("//a[@data-view='review']")


def test_site_is_byte_identical_on_rerun(tmp_path):
    a, b = tmp_path / "a", tmp_path / "b"
    render_site(SITE_DOCS[:2], a)
    render_site(SITE_DOCS[:2], b, jobs=2)
    files_a = sorted(p.relative_to(a) for p in a.rglob("*") if p.is_file())
    assert files_a == sorted(p.relative_to(b) for p in b.rglob("*") if p.is_file())
    for rel in files_a:
        assert (a / rel).read_bytes() == (b / rel).read_bytes(), rel


# ------------------------------------------------------------------ command line


def test_help_has_an_example():
    result = CliRunner().invoke(cli, ["render", "--help"])
    assert result.exit_code == 0 and "Example:" in result.output and "edition render tei/ -o site/" in result.output


def test_cli_renders_a_folder(tmp_path):
    out = tmp_path / "site"
    result = CliRunner().invoke(cli, ["render", str(DOCS / "speech.xml"), str(DOCS / "opener-closer.xml"), "-o", str(out),
                                      "--site-title", "My Edition", "--base-url", "https://example.org/ed"])
    assert result.exit_code == 0, result.output
    assert "wrote 2 documents" in result.stderr
    page = parse_html((out / "speech.html").read_bytes())
    assert page.xpath("//p[@class='site-title']/a")[0].text == "My Edition"
    assert page.xpath("//p[@id='p-1']/a[@class='cite-link gen']/@title")[0].endswith("https://example.org/ed/speech.html#p-1")


def test_cli_usage_errors(tmp_path):
    result = CliRunner().invoke(cli, ["render", str(DOCS)])
    assert result.exit_code == 2 and "--output" in result.output
    result = CliRunner().invoke(cli, ["render", str(DOCS), "-o", str(tmp_path), "--to", "epub"])
    assert result.exit_code == 2


def test_cli_nothing_to_render(tmp_path):
    from edition_tools.cli import main

    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(SystemExit) as info:
        main(["render", str(empty), "-o", str(tmp_path / "out")])
    assert info.value.code == 1


def test_cli_pdf_missing_is_a_usage_error(tmp_path, monkeypatch):
    import sys

    monkeypatch.setitem(sys.modules, "edition_tools.render.pdf", None)
    result = CliRunner().invoke(cli, ["render", str(DOCS / "speech.xml"), "-o", str(tmp_path), "--to", "pdf"])
    assert result.exit_code == 2 and "PDF output is not available" in result.output


def test_cli_duplicate_output_names_are_refused(tmp_path, capsys):
    from edition_tools.cli import main

    a = tmp_path / "a" / "doc.xml"
    b = tmp_path / "b" / "doc.xml"
    for p in (a, b):
        p.parent.mkdir()
        p.write_bytes((DOCS / "speech.xml").read_bytes())
    with pytest.raises(SystemExit) as info:
        main(["render", str(a), str(b), "-o", str(tmp_path / "out")])
    assert info.value.code == 1
    err = capsys.readouterr().err
    assert "both be written as doc.html" in err and len(err.strip().splitlines()) == 1


def test_cli_to_all_writes_site_and_pdfs(tmp_path):
    out = tmp_path / "out"
    result = CliRunner().invoke(cli, ["render", str(DOCS / "speech.xml"), "-o", str(out), "--to", "all"])
    assert result.exit_code == 0, result.output
    assert (out / "speech.html").exists() and (out / "index.html").exists()
    assert (out / "speech.pdf").read_bytes().startswith(b"%PDF") and (out / "edition.pdf").read_bytes().startswith(b"%PDF")

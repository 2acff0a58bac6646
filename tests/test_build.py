"""The build pipeline: what is done on a first build, what is redone after a change, what survives
an interruption. Uses the observable stand-in toolchain of ``test_build_support``."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from edition_tools.build import BuildOptions, build
from edition_tools.build.cache import CACHE_NAME
from edition_tools.build.lock import BuildLock
from edition_tools.diagnostics import UserError
from edition_tools.project import load_project

from test_build_support import FakeTools, make_edition, tei_doc, touch_later

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def edition(tmp_path):
    root = make_edition(tmp_path / "ed", 3)
    tools_dir = tmp_path / "tools"
    tools_dir.mkdir()
    (tools_dir / "style.xsl").write_text("v1", encoding="utf-8")
    (tools_dir / "rules.sch").write_text("v1", encoding="utf-8")
    tools = FakeTools(tmp_path / "calls.log", {"validate": [tools_dir / "rules.sch"], "render": [tools_dir / "style.xsl"]})
    return root, tools


def run(root: Path, tools: FakeTools, **kw):
    hook = kw.pop("hook", None)
    opts = BuildOptions(jobs=kw.pop("jobs", 1), progress=False, **kw)
    return build(load_project(root), opts, toolchain=tools, hook=hook)


def outputs(root: Path) -> dict[str, bytes]:
    site = root / "site"
    return {
        p.relative_to(site).as_posix(): p.read_bytes()
        for p in sorted(site.rglob("*"))
        if p.is_file() and not any(part.startswith(".") for part in p.relative_to(site).parts)
    }


def test_first_build_converts_validates_renders_everything(edition):
    root, tools = edition
    report = run(root, tools)
    assert report.ok, [d.format() for d in report.diagnostics]
    assert len(report.converted) == 3 and report.validated == 3 and report.rendered == 3
    assert report.pdfs == 3 and report.site_written and report.edition_pdf
    assert sorted(p.name for p in (root / "tei").iterdir()) == ["doc00.xml", "doc01.xml", "doc02.xml"]
    assert set(outputs(root)) == {
        "doc/doc00.html", "doc/doc01.html", "doc/doc02.html", "pdf/doc00.pdf", "pdf/doc01.pdf", "pdf/doc02.pdf",
        "index.html", "search.json", "edition.pdf",
    }
    index = (root / "site" / "index.html").read_text()
    assert "<title>Test edition</title>" in index and "doc02: Document 2" in index
    assert sorted(c.split()[0] for c in tools.calls()) == sorted(
        ["convert"] * 3 + ["validate"] * 3 + ["cross"] + ["render"] * 3 + ["site", "edition_pdf"]
    )


def test_second_build_with_nothing_changed_does_no_work(edition):
    root, tools = edition
    run(root, tools)
    before = outputs(root)
    tools.clear()
    report = run(root, tools)
    assert report.ok and report.did_nothing
    assert tools.calls() == []
    assert outputs(root) == before


def test_no_change_build_does_not_read_unchanged_files(edition, monkeypatch):
    """Stat first: with sizes and times unchanged, no file content is hashed."""
    root, tools = edition
    run(root, tools)
    from edition_tools.build import cache as cache_mod

    hashed = []
    real = cache_mod.sha256_bytes
    monkeypatch.setattr(cache_mod, "sha256_bytes", lambda data: hashed.append(len(data)) or real(data))
    run(root, tools)
    assert hashed == []


def test_changing_one_tei_file_rebuilds_that_document_and_the_site(edition):
    root, tools = edition
    run(root, tools)
    before = outputs(root)
    tools.clear()
    (root / "tei" / "doc01.xml").write_text(tei_doc("Document 1, revised", "A new paragraph with more words in it."), encoding="utf-8")
    report = run(root, tools)
    assert report.ok
    assert sorted(tools.calls()) == sorted(["validate doc01.xml", "cross 3", "render doc01.xml", "site 3", "edition_pdf 3"])
    after = outputs(root)
    changed = {k for k in after if after[k] != before.get(k)}
    assert changed == {"doc/doc01.html", "pdf/doc01.pdf", "index.html", "edition.pdf"}
    assert "Document 1, revised" in after["index.html"].decode()


def test_a_change_that_keeps_the_cross_document_facts_skips_the_cross_document_rules(edition):
    root, tools = edition
    run(root, tools)
    tools.clear()
    (root / "tei" / "doc01.xml").write_text(tei_doc("Document 1", "Only the paragraph changed."), encoding="utf-8")
    run(root, tools)
    assert sorted(tools.calls()) == sorted(["validate doc01.xml", "render doc01.xml", "site 3", "edition_pdf 3"])


def test_site_pages_are_rebuilt_from_stored_summaries_without_parsing_other_documents(edition, monkeypatch):
    root, tools = edition
    run(root, tools)
    (root / "tei" / "doc02.xml").write_text(tei_doc("Document 2", "Changed."), encoding="utf-8")
    from edition_tools import xmlio

    parsed = []
    real = xmlio.parse_bytes
    monkeypatch.setattr(xmlio, "parse_bytes", lambda data, path=None: parsed.append(Path(str(path)).name) or real(data, path))
    import test_build_support

    monkeypatch.setattr(test_build_support, "parse_file", lambda p: xmlio.parse_bytes(Path(p).read_bytes(), p))
    run(root, tools, edition_pdf=False)
    assert set(parsed) == {"doc02.xml"}
    assert "doc00: Document 0" in (root / "site" / "index.html").read_text()


def test_a_lost_summary_is_made_again(edition):
    root, tools = edition
    run(root, tools)
    for f in (root / "site" / ".edition-summaries").iterdir():
        if "Document 1" in f.read_text():
            f.unlink()
    (root / "tei" / "doc00.xml").write_text(tei_doc("Document 0", "Changed."), encoding="utf-8")
    tools.clear()
    report = run(root, tools)
    assert report.ok
    assert sorted(tools.calls()) == sorted(["validate doc00.xml", "render doc00.xml", "render doc01.xml", "site 3", "edition_pdf 3"])
    assert "doc01: Document 1" in (root / "site" / "index.html").read_text()
    assert len(list((root / "site" / ".edition-summaries").iterdir())) == 3


def test_same_content_rewritten_is_not_rebuilt(edition):
    """A new modification time with the same content costs a hash, not a rebuild."""
    root, tools = edition
    run(root, tools)
    tools.clear()
    touch_later(root / "tei" / "doc00.xml")
    report = run(root, tools)
    assert report.did_nothing and tools.calls() == []


def test_an_existing_tei_file_is_never_overwritten_and_a_newer_transcript_is_reported(edition):
    root, tools = edition
    run(root, tools)
    tei = root / "tei" / "doc00.xml"
    hand_edited = tei_doc("Document 0", "Corrected by hand.")
    tei.write_text(hand_edited, encoding="utf-8")
    src = root / "transcripts" / "doc00.txt"
    src.write_text("Document 0\n\nThe transcript, changed.\n", encoding="utf-8")
    touch_later(src, 10)
    tools.clear()
    report = run(root, tools)
    assert tei.read_text(encoding="utf-8") == hand_edited
    assert not any(c.startswith("convert") for c in tools.calls())
    stale = [d for d in report.diagnostics if d.code == "transcript-newer"]
    assert len(stale) == 1 and stale[0].severity == "warning" and "doc00.txt" in stale[0].path
    assert "--force" in stale[0].hint
    assert report.ok  # a warning, not an error
    # the warning stays until the TEI is dealt with, also when nothing else changed
    again = run(root, tools)
    assert [d.code for d in again.diagnostics] == ["transcript-newer"]
    tei.write_text(tei_doc("Document 0", "Reconciled with the new transcript."), encoding="utf-8")
    assert [d.code for d in run(root, tools).diagnostics] == []


def test_a_transcript_without_tei_is_converted_on_the_next_build(edition):
    root, tools = edition
    run(root, tools)
    (root / "transcripts" / "doc09.txt").write_text("Document 9\n\nNew.\n", encoding="utf-8")
    tools.clear()
    report = run(root, tools)
    assert [Path(c).name for c in report.converted] == ["doc09.xml"]
    assert sorted(tools.calls()) == sorted(["convert doc09.txt", "validate doc09.xml", "cross 4", "render doc09.xml", "site 4", "edition_pdf 4"])


def test_validation_errors_stop_before_rendering_unless_keep_going(edition):
    root, tools = edition
    (root / "tei").mkdir()
    (root / "tei" / "doc01.xml").write_text(tei_doc("Document 1", "fine", "this is an ERROR here"), encoding="utf-8")
    report = run(root, tools)
    assert not report.ok and report.errors == 1 and "--keep-going" in report.stopped
    err = [d for d in report.diagnostics if d.severity == "error"][0]
    assert err.path.endswith("doc01.xml") and err.line == 3 and err.code == "fake-error"
    assert not any(c.startswith("render") for c in tools.calls())
    assert not (root / "site" / "index.html").exists()
    # the error is reported again without validating again
    tools.clear()
    again = run(root, tools)
    assert again.errors == 1 and tools.calls() == []
    kept = run(root, tools, keep_going=True)
    assert kept.errors == 1 and kept.rendered == 3 and (root / "site" / "index.html").exists()


def test_cross_document_diagnostics_are_reported_and_cached(edition):
    root, tools = edition
    (root / "tei").mkdir()
    (root / "tei" / "a.xml").write_text(tei_doc("Same", "x"), encoding="utf-8")
    (root / "tei" / "b.xml").write_text(tei_doc("Same", "y"), encoding="utf-8")
    report = run(root, tools)
    assert [d.code for d in report.diagnostics] == ["fake-dup"]
    tools.clear()
    assert [d.code for d in run(root, tools).diagnostics] == ["fake-dup"]
    assert tools.calls() == []


def test_deleted_document_loses_its_pages(edition):
    root, tools = edition
    (root / "tei").mkdir()
    (root / "tei" / "extra.xml").write_text(tei_doc("Extra", "x"), encoding="utf-8")
    run(root, tools)
    assert (root / "site" / "doc" / "extra.html").exists()
    (root / "tei" / "extra.xml").unlink()
    tools.clear()
    report = run(root, tools)
    assert report.removed == 1
    assert not (root / "site" / "doc" / "extra.html").exists() and not (root / "site" / "pdf" / "extra.pdf").exists()
    assert "extra" not in (root / "site" / "index.html").read_text()
    assert sorted(tools.calls()) == sorted(["cross 3", "site 3", "edition_pdf 3"])


def test_a_deleted_output_is_rebuilt(edition):
    root, tools = edition
    run(root, tools)
    (root / "site" / "doc" / "doc02.html").unlink()
    (root / "site" / "search.json").unlink()
    tools.clear()
    run(root, tools)
    assert sorted(tools.calls()) == ["render doc02.xml", "site 3"]
    assert (root / "site" / "doc" / "doc02.html").exists() and (root / "site" / "search.json").exists()


def test_a_stylesheet_change_rerenders_without_revalidating(edition, tmp_path):
    root, tools = edition
    run(root, tools)
    (tmp_path / "tools" / "style.xsl").write_text("v2", encoding="utf-8")
    tools.clear()
    run(root, tools)
    assert sorted(c.split()[0] for c in tools.calls()) == ["edition_pdf", "render", "render", "render", "site"]
    (tmp_path / "tools" / "rules.sch").write_text("v2", encoding="utf-8")
    tools.clear()
    run(root, tools)
    assert sorted(c.split()[0] for c in tools.calls()) == ["cross", "validate", "validate", "validate"]


def test_edition_settings_change_rebuilds_site_pages(edition):
    root, tools = edition
    run(root, tools)
    (root / "edition.toml").write_text('[edition]\ntitle = "Another title"\n', encoding="utf-8")
    tools.clear()
    run(root, tools)
    assert "<title>Another title</title>" in (root / "site" / "index.html").read_text()
    assert "site 3" in tools.calls() and "edition_pdf 3" in tools.calls()


def test_no_pdf_option_skips_pdfs_and_removes_old_ones(edition):
    root, tools = edition
    run(root, tools)
    assert (root / "site" / "pdf" / "doc00.pdf").exists()
    report = run(root, tools, pdf=False, edition_pdf=False)
    assert report.ok and report.pdfs == 0
    assert not (root / "site" / "pdf" / "doc00.pdf").exists() and not (root / "site" / "edition.pdf").exists()


def test_clean_rebuilds_everything(edition):
    root, tools = edition
    run(root, tools)
    (root / "site" / "leftover.txt").write_text("x")
    tools.clear()
    report = run(root, tools, clean=True)
    assert report.rendered == 3 and report.validated == 3 and not report.converted
    assert not (root / "site" / "leftover.txt").exists()


def test_clean_refuses_a_folder_the_build_did_not_make(edition):
    root, tools = edition
    (root / "site").mkdir()
    (root / "site" / "precious.txt").write_text("keep me")
    with pytest.raises(UserError, match="not made by `edition build`"):
        run(root, tools, clean=True)
    assert (root / "site" / "precious.txt").read_text() == "keep me"


def test_corrupt_cache_means_a_full_rebuild_not_a_crash(edition):
    root, tools = edition
    run(root, tools)
    before = outputs(root)
    (root / "site" / CACHE_NAME).write_bytes(b'{"format": 1, "docs": ')
    tools.clear()
    report = run(root, tools)
    assert report.ok and report.rendered == 3 and not report.converted
    assert outputs(root) == before
    assert json.loads((root / "site" / CACHE_NAME).read_bytes())["format"] == 1


def test_parallel_build_gives_the_same_site_as_serial(edition, tmp_path):
    root, tools = edition
    for i in range(3, 8):
        (root / "transcripts" / f"doc{i:02d}.txt").write_text(f"Document {i}\n\nText {i}.\n", encoding="utf-8")
    serial = run(root, tools, jobs=1)
    serial_out = outputs(root)
    run(root, tools, clean=True, jobs=2)
    assert serial.ok and outputs(root) == serial_out
    assert sum(c.startswith("render") for c in tools.calls()) == 16  # 8 serial + 8 parallel (logged by the workers)


def test_ctrl_c_during_rendering_keeps_finished_work_and_the_next_build_completes(edition):
    root, tools = edition
    done = []

    def hook(event, name):
        if event == "rendered":
            done.append(name)
            if len(done) == 2:
                raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        run(root, tools, hook=hook)
    assert not (root / "site" / "index.html").exists()
    assert not list((root / "site").rglob("*.tmp"))
    tools.clear()
    report = run(root, tools)
    assert report.ok
    # only the document that was not finished is rendered again, then the site-wide outputs
    assert sorted(tools.calls()) == ["edition_pdf 3", "render doc02.xml", "site 3"]
    fresh = outputs(root)
    run(root, tools, clean=True)
    assert outputs(root) == fresh


KILLED_BUILD = textwrap.dedent("""\
    import os, signal, sys
    from pathlib import Path
    sys.path.insert(0, {tests!r})
    from test_build_support import FakeTools
    from edition_tools.build import BuildOptions, build, pipeline
    from edition_tools.project import load_project

    # save the cache after every document, as a long build does every few seconds
    pipeline.SAVE_EVERY = pipeline.SAVE_COST_FACTOR = 0
    root = Path({root!r})
    tools = FakeTools(Path({log!r}), {files!r})
    count = []

    def hook(event, name):
        if event == "rendered":
            count.append(name)
            if len(count) == 2:
                # a write in progress at the moment of the kill
                (root / "site" / "doc" / ".doc02.html.k1ll3d.tmp").write_text("<html>half a pa")
                os.kill(os.getpid(), signal.SIGKILL)

    build(load_project(root), BuildOptions(jobs=1, progress=False), toolchain=tools, hook=hook)
""")


def test_a_killed_build_is_repaired_by_the_next_build(edition, tmp_path):
    root, tools = edition
    files = {k: [str(p) for p in v] for k, v in tools.tool_files.items()}
    script = KILLED_BUILD.format(tests=str(Path(__file__).parent), root=str(root), log=str(tools.log), files=files)
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60, cwd=ROOT)
    assert proc.returncode == -signal.SIGKILL, proc.stderr
    assert (root / "site" / BuildLock.NAME).read_text().startswith("running")
    assert list((root / "site").rglob("*.tmp"))
    tools = FakeTools(tools.log, {k: [Path(p) for p in v] for k, v in files.items()})
    tools.clear()
    report = run(root, tools)
    assert report.ok and not report.converted
    assert not list((root / "site").rglob("*.tmp"))
    assert (root / "site" / BuildLock.NAME).read_text() == ""
    # the two documents finished before the kill were saved in the cache: only the third is redone
    assert sorted(tools.calls()) == ["edition_pdf 3", "render doc02.xml", "site 3"]
    repaired = outputs(root)
    run(root, tools, clean=True)
    assert outputs(root) == repaired


def test_a_second_build_at_the_same_time_is_refused(edition):
    root, tools = edition
    (root / "site").mkdir()
    holder = subprocess.Popen(
        [sys.executable, "-c", "import sys, time\nfrom pathlib import Path\nfrom edition_tools.build.lock import BuildLock\n"
         f"with BuildLock(Path({str(root / 'site')!r})):\n    print('locked', flush=True)\n    time.sleep(60)\n"],
        stdout=subprocess.PIPE, text=True, cwd=ROOT,
    )
    try:
        assert holder.stdout.readline().strip() == "locked"
        with pytest.raises(UserError, match=rf"another build is running in this output folder \(process {holder.pid}\)"):
            run(root, tools)
    finally:
        holder.kill()
        holder.wait()
    # the lock goes with the process that held it
    assert run(root, tools).ok


def test_failed_conversion_is_an_error_and_other_documents_still_build(edition):
    root, tools = edition
    (root / "transcripts" / "empty.txt").write_text("\n\n", encoding="utf-8")
    report = run(root, tools, keep_going=True)
    errs = [d for d in report.diagnostics if d.severity == "error"]
    assert [d.code for d in errs] == ["empty"] and errs[0].path.endswith("empty.txt")
    assert report.rendered == 3 and not report.ok


def test_converter_crash_is_reported_per_file(edition, monkeypatch):
    root, tools = edition

    def boom(self, transcript, tei_dir, meta, defaults=None):
        raise RuntimeError("unexpected shape")

    monkeypatch.setattr(FakeTools, "convert", boom)
    report = run(root, tools)
    assert {d.code for d in report.diagnostics} == {"internal"}
    assert len(report.diagnostics) == 3 and "RuntimeError: unexpected shape" in report.diagnostics[0].message


def test_broken_tei_is_a_diagnostic_not_a_traceback(edition):
    root, tools = edition
    (root / "tei").mkdir()
    (root / "tei" / "broken.xml").write_text("<TEI><unclosed></TEI>", encoding="utf-8")
    report = run(root, tools)
    errs = [d for d in report.diagnostics if d.severity == "error"]
    assert errs and errs[0].path.endswith("broken.xml")
    assert not report.ok


def test_two_documents_with_the_same_page_name_are_an_error_not_an_overwrite(edition):
    root, tools = edition
    (root / "tei" / "a").mkdir(parents=True)
    (root / "tei" / "b").mkdir()
    (root / "tei" / "a" / "same.xml").write_text(tei_doc("Same A", "a"), encoding="utf-8")
    (root / "tei" / "b" / "same.xml").write_text(tei_doc("Same B", "b"), encoding="utf-8")
    report = run(root, tools)
    clash = [d for d in report.diagnostics if d.code == "page-clash"]
    assert len(clash) == 1 and clash[0].path.endswith("b/same.xml") and "a/same.xml" in clash[0].message
    assert not report.ok
    assert "Same A" in (root / "site" / "doc" / "same.html").read_text()
    assert "render same.xml" in tools.calls() and tools.calls().count("render same.xml") == 1


def test_an_empty_edition_says_there_is_nothing_to_build(tmp_path):
    tools = FakeTools(tmp_path / "calls.log")
    (tmp_path / "ed").mkdir()
    report = build(load_project(tmp_path / "ed"), BuildOptions(jobs=1, progress=False), toolchain=tools)
    assert [d.code for d in report.diagnostics] == ["no-documents"] and report.ok


def test_edition_settings_reach_the_converter_as_defaults(tmp_path):
    root = make_edition(tmp_path / "ed", 2, toml=textwrap.dedent("""\
        [edition]
        title = "T"
        editors = ["A. Editor"]
        publisher = "Example Library"
        licence = "CC0-1.0"
        """))
    tools = FakeTools(tmp_path / "calls.log")
    run(root, tools)
    seen = [json.loads(x) for x in (tmp_path / "calls.defaults").read_text().splitlines()]
    assert seen == [{"editors": ["A. Editor"], "licence": "CC0-1.0", "publisher": "Example Library"}] * 2


def test_a_large_edition_pdf_comes_with_a_warning(edition, monkeypatch):
    root, tools = edition
    from edition_tools.build import pipeline

    monkeypatch.setattr(pipeline, "EDITION_PDF_LARGE", 3)
    report = run(root, tools)
    assert [d.code for d in report.diagnostics] == ["edition-pdf-large"] and report.ok
    assert "edition_pdf = false" in report.diagnostics[0].hint
    assert [d.code for d in run(root, tools, edition_pdf=False).diagnostics] == []


def test_a_document_that_no_longer_renders_loses_its_old_pages(edition, monkeypatch):
    root, tools = edition
    run(root, tools)
    assert (root / "site" / "doc" / "doc01.html").exists()
    (root / "tei" / "doc01.xml").write_text(tei_doc("Document 1", "changed"), encoding="utf-8")
    real = FakeTools.render

    def failing(self, tei, out_dir, pdf_dir):
        if tei.name == "doc01.xml":
            raise RuntimeError("renderer bug")
        return real(self, tei, out_dir, pdf_dir)

    monkeypatch.setattr(FakeTools, "render", failing)
    report = run(root, tools)
    assert [d.code for d in report.diagnostics] == ["internal"] and not report.ok
    assert not (root / "site" / "doc" / "doc01.html").exists() and not (root / "site" / "pdf" / "doc01.pdf").exists()
    assert "doc01" not in (root / "site" / "index.html").read_text()
    monkeypatch.setattr(FakeTools, "render", real)
    again = run(root, tools)
    assert again.ok and again.rendered == 1 and (root / "site" / "doc" / "doc01.html").exists()

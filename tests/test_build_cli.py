"""``edition build`` on the command line: exit codes, messages, ``--format json``, ``--quiet``."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from edition_tools.build import pipeline
from edition_tools.cli import cli

from test_build_support import FakeTools, make_edition, tei_doc


@pytest.fixture
def fake(tmp_path, monkeypatch):
    tools = FakeTools(tmp_path / "calls.log")
    monkeypatch.setattr(pipeline, "Toolchain", lambda: tools)
    return tools


def invoke(*args, cwd: Path | None = None):
    old = os.getcwd()
    if cwd is not None:
        os.chdir(cwd)
    try:
        return CliRunner().invoke(cli, ["build", *args], catch_exceptions=False)
    finally:
        os.chdir(old)


def test_help_has_an_example():
    res = CliRunner().invoke(cli, ["build", "--help"])
    assert res.exit_code == 0 and "Example:" in res.output and "--jobs" in res.output and "--keep-going" in res.output


def test_build_prints_what_it_did_and_where_to_open_the_site(tmp_path, fake):
    root = make_edition(tmp_path / "ed", 2)
    res = invoke("-j", "1", cwd=root)
    assert res.exit_code == 0, res.stderr
    out = res.stdout
    assert "converted 2 transcripts; validated 2 TEI files; rendered 2 documents (2 PDFs)" in out
    assert "0 errors, 0 warnings in 0 of 2 files" in out
    assert "open site/index.html (file://" in out
    again = invoke("-j", "1", cwd=root)
    assert again.exit_code == 0 and again.stdout.startswith("nothing to do: 2 documents up to date")


def test_errors_exit_1_with_compiler_style_lines_on_stderr(tmp_path, fake):
    root = make_edition(tmp_path / "ed", 1)
    (root / "tei").mkdir()
    (root / "tei" / "bad.xml").write_text(tei_doc("Bad", "an ERROR"), encoding="utf-8")
    res = invoke(str(root), "-j", "1")
    assert res.exit_code == 1
    lines = res.stderr.strip().splitlines()
    assert len(lines) == 1
    assert lines[0].endswith("tei/bad.xml:3:1: error: this paragraph says ERROR [fake-error]")
    assert "build stopped: 1 error: nothing was rendered" in res.stdout


def test_json_format_is_one_object_and_nothing_else(tmp_path, fake):
    root = make_edition(tmp_path / "ed", 2)
    res = invoke(str(root), "--format", "json", "-j", "1")
    assert res.exit_code == 0
    data = json.loads(res.stdout)
    assert data["ok"] is True and data["documents"] == 2 and data["rendered"] == 2
    assert data["index"] == str((root / "site" / "index.html").resolve())
    assert data["diagnostics"] == [] and res.stderr == ""
    (root / "tei" / "doc00.xml").write_text(tei_doc("Doc", "ERROR"), encoding="utf-8")
    res = invoke(str(root), "--format", "json", "-j", "1")
    data = json.loads(res.stdout)
    assert res.exit_code == 1 and data["ok"] is False and data["errors"] == 1
    assert data["diagnostics"][0]["code"] == "fake-error" and data["stopped"]


def test_quiet_prints_only_problems(tmp_path, fake):
    root = make_edition(tmp_path / "ed", 1)
    res = invoke(str(root), "-q", "-j", "1")
    assert res.exit_code == 0 and res.stdout == "" and res.stderr == ""


def test_bad_edition_toml_is_one_line_exit_1(tmp_path, fake):
    root = make_edition(tmp_path / "ed", 1, toml="[edition]\ntitel = 'x'\n")
    res = invoke(str(root))
    assert res.exit_code == 1
    assert res.stderr.count("\n") == 1 and "unknown key 'titel' in [edition]" in res.stderr
    assert "Traceback" not in res.stderr


def test_missing_folder_is_a_user_error(tmp_path, fake):
    res = invoke(str(tmp_path / "nowhere"))
    assert res.exit_code == 1 and "no such folder" in res.stderr


@pytest.mark.parametrize("args", [["--jobs", "0"], ["--format", "xml"], ["--bogus"]])
def test_usage_errors_exit_2(tmp_path, fake, args):
    res = invoke(str(tmp_path), *args)
    assert res.exit_code == 2


def test_a_transcript_that_fails_to_convert_counts_as_a_file(tmp_path, fake):
    root = make_edition(tmp_path / "ed", 2)
    (root / "transcripts" / "empty.txt").write_text("\n", encoding="utf-8")
    res = invoke(str(root), "-j", "1", "--keep-going")
    assert res.exit_code == 1
    assert "empty.txt:1:1: error: the transcript is empty [empty]" in res.stderr
    assert "1 error, 0 warnings in 1 of 3 files" in res.stdout


def test_no_pdf_leaves_out_every_pdf(tmp_path, fake):
    root = make_edition(tmp_path / "ed", 2)
    res = invoke(str(root), "-j", "1", "--no-pdf")
    assert res.exit_code == 0 and "PDF" not in res.stdout
    assert not list((root / "site").rglob("*.pdf")) and (root / "site" / "index.html").exists()


def test_an_unwritable_output_folder_is_one_line_not_a_traceback(tmp_path, fake):
    if os.geteuid() == 0:
        # root writes anywhere: make the output folder a file instead
        root = make_edition(tmp_path / "ed", 1, toml='[paths]\noutput = "out"\n')
        (root / "out").write_text("a file where the output folder should be")
    else:
        root = make_edition(tmp_path / "ed", 1)
        (root / "site").mkdir()
        (root / "site").chmod(0o500)
    res = invoke(str(root), "-j", "1")
    assert res.exit_code == 1
    assert res.stderr.count("\n") == 1 and "error: cannot" in res.stderr and "Traceback" not in res.stderr

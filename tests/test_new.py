"""``edition new``: a new edition folder that builds."""

from __future__ import annotations

from click.testing import CliRunner

from edition_tools.build import BuildOptions, build
from edition_tools.cli import cli
from edition_tools.project import load_project
from edition_tools.scaffold import FILES

from test_build_support import FakeTools


def new(*args):
    return CliRunner().invoke(cli, ["new", *args], catch_exceptions=False)


def test_help_has_an_example():
    res = CliRunner().invoke(cli, ["new", "--help"])
    assert res.exit_code == 0 and "Example:" in res.output


def test_new_makes_an_edition_that_loads_and_builds(tmp_path):
    dest = tmp_path / "my edition"
    res = new(str(dest), "--title", 'Letters "from" Trieste, 1910–1914')
    assert res.exit_code == 0, res.output
    assert "cd '" in res.output and "edition build" in res.output
    assert sorted(p.relative_to(dest).as_posix() for p in dest.rglob("*") if p.is_file()) == sorted(FILES.values())
    assert (dest / "tei").is_dir()
    project = load_project(dest)
    assert project.title == 'Letters "from" Trieste, 1910–1914'
    assert project.output_dir == dest.resolve() / "site"
    sample = dest / "transcripts" / "memo-1958-03-14.txt"
    assert sample.read_text(encoding="utf-8").startswith("Memorandum of Conversation")
    tools = FakeTools(tmp_path / "calls.log")
    report = build(project, BuildOptions(jobs=1, progress=False), toolchain=tools)
    assert report.ok and report.converted == [str(dest / "tei" / "memo-1958-03-14.xml")]
    assert (dest / "site" / "index.html").exists()


def test_without_title_the_default_settings_are_written(tmp_path):
    assert new(str(tmp_path / "e")).exit_code == 0
    p = load_project(tmp_path / "e")
    assert p.title == "Untitled edition" and p.pdf and p.edition_pdf and p.licence == "CC-BY-4.0"


def test_an_empty_existing_folder_is_fine(tmp_path):
    assert new(str(tmp_path)).exit_code == 0
    assert (tmp_path / "edition.toml").exists()


def test_a_non_empty_folder_is_refused_and_left_alone(tmp_path):
    (tmp_path / "notes.txt").write_text("mine")
    res = new(str(tmp_path))
    assert res.exit_code == 1 and "not empty" in res.stderr and res.stderr.count("\n") == 1
    assert [p.name for p in tmp_path.iterdir()] == ["notes.txt"]


def test_a_file_is_refused(tmp_path):
    (tmp_path / "f").write_text("x")
    res = new(str(tmp_path / "f"))
    assert res.exit_code == 1 and "a file of this name exists" in res.stderr


def test_an_empty_title_is_refused(tmp_path):
    res = new(str(tmp_path / "e"), "--title", "  ")
    assert res.exit_code == 1 and "title" in res.stderr and not (tmp_path / "e").exists()


def test_missing_folder_argument_is_a_usage_error():
    assert CliRunner().invoke(cli, ["new"]).exit_code == 2


def test_a_new_edition_builds_with_the_real_tools_and_its_tei_is_valid(tmp_path, tei_all_rng):
    from conftest import jing_validate

    dest = tmp_path / "e"
    assert new(str(dest), "--title", "Harbour Records").exit_code == 0
    report = build(load_project(dest), BuildOptions(jobs=1, progress=False, pdf=False, edition_pdf=False))
    assert report.ok, [d.format() for d in report.diagnostics]
    assert [d for d in report.diagnostics if d.severity != "info"] == []
    tei = dest / "tei" / "memo-1958-03-14.xml"
    assert report.converted == [str(tei)]
    text = tei.read_text(encoding="utf-8")
    assert 'who="#keller"' in text and "<sic " in text and "<gap " in text and 'place="foot"' in text
    index = (dest / "site" / "index.html").read_text(encoding="utf-8")
    assert "Harbour Records" in index and "memo-1958-03-14.html" in index
    page = (dest / "site" / "memo-1958-03-14.html").read_text(encoding="utf-8")
    assert "our conservators have seen worse" in page
    jing = jing_validate(tei_all_rng, [tei])
    assert jing.returncode == 0, jing.stdout + jing.stderr

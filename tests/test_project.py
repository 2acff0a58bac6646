"""The edition project model: edition.toml, its defaults and its error messages."""

from __future__ import annotations

from pathlib import Path

import pytest

from edition_tools.diagnostics import UserError
from edition_tools.project import load_project, parse_project

ROOT = Path(__file__).resolve().parent.parent


def test_a_folder_without_edition_toml_is_an_edition_with_defaults(tmp_path):
    p = load_project(tmp_path)
    assert p.root == tmp_path.resolve() and p.config_path is None
    assert p.transcripts_dir == tmp_path.resolve() / "transcripts"
    assert p.tei_dir == tmp_path.resolve() / "tei"
    assert p.output_dir == tmp_path.resolve() / "site"
    assert p.index_html == p.output_dir / "index.html"
    assert p.title == "Untitled edition" and p.language == "en" and p.pdf and p.edition_pdf


def test_every_setting_is_read(tmp_path):
    (tmp_path / "edition.toml").write_text(
        """
[edition]
title = "Conversations in Havana"
editors = ["A. Editor", "B. Editor"]
publisher = "Example Library"
licence = "CC0-1.0"
base_url = "https://example.org/havana/"
language = "de-AT"

[paths]
transcripts = "sources/text"
tei = "encoded"
output = "public"

[build]
pdf = false
edition_pdf = false
""",
        encoding="utf-8",
    )
    p = load_project(tmp_path)
    assert p.title == "Conversations in Havana"
    assert p.editors == ("A. Editor", "B. Editor")
    assert (p.publisher, p.licence, p.base_url, p.language) == ("Example Library", "CC0-1.0", "https://example.org/havana/", "de-AT")
    assert p.transcripts_dir == tmp_path.resolve() / "sources" / "text"
    assert p.tei_dir == tmp_path.resolve() / "encoded" and p.output_dir == tmp_path.resolve() / "public"
    assert p.pdf is False and p.edition_pdf is False
    assert p.config_path == tmp_path.resolve() / "edition.toml"


def test_a_single_editor_may_be_a_string(tmp_path):
    p = parse_project('[edition]\neditors = "Only One"\n', tmp_path)
    assert p.editors == ("Only One",)


def test_invalid_toml_names_the_line(tmp_path):
    (tmp_path / "edition.toml").write_text('[edition]\ntitle = "unclosed\n', encoding="utf-8")
    with pytest.raises(UserError) as err:
        load_project(tmp_path)
    assert err.value.line == 2 and "not valid TOML" in err.value.message
    assert str(err.value).startswith(str(tmp_path.resolve() / "edition.toml") + ":2:")


@pytest.mark.parametrize(
    "text, words",
    [
        ("[edition]\ntitel = 'x'\n", "unknown key 'titel' in [edition]"),
        ("[editon]\ntitle = 'x'\n", "unknown table [editon]"),
        ("[edition]\ntitle = 3\n", "[edition] title must be text in quotes"),
        ("[build]\npdf = 'yes'\n", "[build] pdf must be true or false"),
        ("[edition]\neditors = [1, 2]\n", "[edition] editors must be a list of strings"),
        ("[edition]\nlanguage = 'English'\n", "language must be a language tag"),
        ("[edition]\nbase_url = 'example.org'\n", "base_url must start with http"),
        ("[paths]\ntei = '../elsewhere'\n", "points outside the edition folder"),
        ("[paths]\noutput = ''\n", "[paths] output must not be empty"),
        ("edition = 'x'\n", "edition must be a table"),
    ],
)
def test_problems_are_reported_in_words(tmp_path, text, words):
    with pytest.raises(UserError) as err:
        parse_project(text, tmp_path)
    assert words in err.value.message


def test_all_problems_are_reported_at_once(tmp_path):
    with pytest.raises(UserError) as err:
        parse_project("[edition]\ntitel = 'x'\nlanguage = 'English'\n[build]\npdf = 1\n", tmp_path)
    msg = err.value.message
    assert "titel" in msg and "language" in msg and "pdf" in msg


@pytest.mark.parametrize("output", [".", "tei", "transcripts", "tei/site"])
def test_output_folder_must_be_its_own(tmp_path, output):
    with pytest.raises(UserError, match="output must be a folder of its own"):
        parse_project(f"[paths]\noutput = '{output}'\n", tmp_path)


def test_missing_folder_and_file_are_user_errors(tmp_path):
    with pytest.raises(UserError, match="no such folder"):
        load_project(tmp_path / "nope")
    (tmp_path / "f").write_text("x")
    with pytest.raises(UserError, match="is a file"):
        load_project(tmp_path / "f")


def test_non_utf8_edition_toml(tmp_path):
    (tmp_path / "edition.toml").write_bytes(b'[edition]\ntitle = "Caf\xe9"\n')
    with pytest.raises(UserError, match="not UTF-8"):
        load_project(tmp_path)


def test_this_repository_is_an_edition():
    p = load_project(ROOT)
    assert p.config_path == ROOT / "edition.toml"
    assert p.transcripts_dir == ROOT / "transcripts" and p.tei_dir == ROOT / "tei" and p.output_dir == ROOT / "site"
    assert sorted(f.name for f in p.transcripts_dir.glob("*.txt")) == ["000_aa32d76ad1862673.txt", "002_d39848a8c61f49d7.txt"]
    assert p.title != "Untitled edition"

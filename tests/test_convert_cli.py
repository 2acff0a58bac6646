"""``edition convert`` on the command line: happy path, report, --force, bad input, usage errors."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

from click.testing import CliRunner

from edition_tools.cli import cli

from conftest import DATA

LINE = re.compile(r"^(?P<path>[^:]+):(?P<line>\d+):(?P<col>\d+): error: .+$")


def run(*args):
    return CliRunner().invoke(cli, list(map(str, args)), catch_exceptions=False)


def test_help_has_an_example():
    res = run("convert", "--help")
    assert res.exit_code == 0 and "Example:" in res.output


def test_converts_a_folder_and_writes_one_file_per_transcript(tmp_path):
    src = tmp_path / "src"
    shutil.copytree(DATA / "convert" / "plain", src)
    res = run("convert", src, "-o", tmp_path / "tei")
    assert res.exit_code == 0, res.output
    written = sorted(p.name for p in (tmp_path / "tei").glob("*.xml"))
    sources = sorted(p.with_suffix(".xml").name for p in src.glob("*.txt"))
    assert len(sources) >= 3 and written == sources
    assert f"converted {len(sources)} of {len(sources)}" in res.output


def test_refuses_to_overwrite_without_force(tmp_path):
    src = DATA / "convert" / "plain" / "letter.txt"
    out = tmp_path / "tei"
    assert run("convert", src, "-o", out).exit_code == 0
    target = out / "letter.xml"
    target.write_text("<!-- hand-edited -->", encoding="utf-8")
    res = run("convert", src, "-o", out)
    assert res.exit_code == 0
    assert "already exists" in res.output and "--force" in res.output
    # a message about the file as a whole names the file, with no made-up line and column
    assert f"{target}: warning: a TEI file already exists" in res.output and ":0:0:" not in res.output
    assert target.read_text(encoding="utf-8") == "<!-- hand-edited -->"
    assert run("convert", src, "-o", out, "--force").exit_code == 0
    assert target.read_text(encoding="utf-8").startswith("<?xml")


def test_report_json_lists_decisions_with_lines(tmp_path):
    res = CliRunner().invoke(cli, ["convert", str(DATA / "convert" / "plain" / "memcon.txt"), "-o", str(tmp_path),
                                   "--report", "json"])
    assert res.exit_code == 0
    data = json.loads(res.stdout)
    assert data[0]["ok"] is True and data[0]["layout"] == "plain"
    decisions = data[0]["decisions"]
    assert decisions and all(d["line"] > 0 and d["rule"] and d["cert"] in ("medium", "low") for d in decisions)
    assert any(d["rule"] == "inline.uncertain" for d in decisions)


def test_report_text(tmp_path):
    res = CliRunner().invoke(cli, ["convert", str(DATA / "convert" / "plain" / "memcon.txt"), "-o", str(tmp_path),
                                   "--report", "text"])
    assert res.exit_code == 0
    assert re.search(r"memcon\.txt:\d+: (low|medium): ", res.stdout)


def _bad_inputs(folder: Path) -> dict[str, Path]:
    folder.mkdir()
    files = {
        "empty": folder / "empty.txt",
        "binary": folder / "binary.txt",
        "latin1": folder / "latin1.txt",
        "badmeta": folder / "badmeta.txt",
        "good": folder / "good.txt",
    }
    files["empty"].write_bytes(b"")
    files["binary"].write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    files["latin1"].write_bytes("Memorandum\n\nThe caf\xe9 meeting.\n".encode("latin-1"))
    files["badmeta"].write_text("A note\n\nSome text.\n", encoding="utf-8")
    (folder / "badmeta.meta.toml").write_text('title = "x"\ndate = \n', encoding="utf-8")
    shutil.copy(DATA / "convert" / "plain" / "letter.txt", files["good"])
    return files


def test_bad_input_one_line_each_nothing_written_others_converted(tmp_path):
    files = _bad_inputs(tmp_path / "in")
    out = tmp_path / "out"
    res = run("convert", tmp_path / "in", "-o", out)
    assert res.exit_code == 1
    errors = [l for l in res.output.splitlines() if ": error: " in l]
    assert len(errors) == 4, res.output
    for l in errors:
        m = LINE.match(l)
        assert m, l
    by_file = {Path(LINE.match(l).group("path")).name: l for l in errors}
    assert "empty" in by_file["empty.txt"]
    assert "binary" in by_file["binary.txt"]
    assert "not UTF-8" in by_file["latin1.txt"] and ":3:" in by_file["latin1.txt"]
    assert "TOML" in by_file["badmeta.meta.toml"] and ":2:" in by_file["badmeta.meta.toml"]
    assert "Traceback" not in res.output
    assert sorted(p.name for p in out.glob("*")) == ["good.xml"]


def test_usage_errors_exit_2(tmp_path):
    assert run("convert").exit_code == 2
    assert run("convert", DATA / "convert" / "plain" / "letter.txt").exit_code == 2  # no -o
    res = run("convert", DATA / "convert" / "plain" / "letter.txt", "-o", tmp_path, "--layout", "odt")
    assert res.exit_code == 2 and "odt" in res.output
    assert run("convert", tmp_path / "missing.txt", "-o", tmp_path).exit_code == 2


def test_jobs_gives_the_same_files(tmp_path):
    src = DATA / "convert" / "plain"
    run("convert", src, "-o", tmp_path / "a")
    assert run("convert", src, "-o", tmp_path / "b", "--jobs", "2").exit_code == 0
    for f in (tmp_path / "a").glob("*.xml"):
        assert f.read_bytes() == (tmp_path / "b" / f.name).read_bytes()

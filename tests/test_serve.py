"""``edition serve``: the site on 127.0.0.1, hidden files refused, rebuilt on change."""

from __future__ import annotations

import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from click.testing import CliRunner

from edition_tools.build import BuildOptions, build
from edition_tools.build.serve import PreviewServer, input_snapshot
from edition_tools.cli import cli
from edition_tools.diagnostics import UserError
from edition_tools.project import load_project

from test_build_support import FakeTools, make_edition, tei_doc

ROOT = Path(__file__).resolve().parent.parent


def get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=5) as resp:
            return resp.status, resp.read().decode("utf-8")
    except urllib.error.HTTPError as exc:
        return exc.code, ""


@pytest.fixture
def built(tmp_path):
    root = make_edition(tmp_path / "ed", 2)
    tools = FakeTools(tmp_path / "calls.log")
    project = load_project(root)
    build(project, BuildOptions(jobs=1, progress=False), toolchain=tools)
    return project, tools


def test_serves_the_site_and_rebuilds_on_change(built):
    project, tools = built
    builds = []

    def rebuild():
        builds.append(build(load_project(project.root), BuildOptions(jobs=1, progress=False), toolchain=tools))

    server = PreviewServer(project, 0, rebuild, poll=0.1).start()
    try:
        assert server.httpd.server_address[0] == "127.0.0.1"
        status, body = get(server.url)
        assert status == 200 and "doc01: Document 1" in body
        assert get(server.url + "doc/doc00.html")[0] == 200
        (project.tei_dir / "doc01.xml").write_text(tei_doc("Document 1, revised", "More words here."), encoding="utf-8")
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline and not builds:
            time.sleep(0.05)
        assert builds, "no rebuild within 15 s of a change"
        assert builds[0].rendered == 1 and builds[0].ok
        assert "doc01: Document 1, revised" in get(server.url)[1]
        # nothing changed since: no further builds
        time.sleep(0.5)
        assert len(builds) == 1
    finally:
        server.stop()


def test_hidden_files_and_folder_listings_are_not_served(built):
    project, _ = built
    assert (project.output_dir / ".edition-cache.json").exists()
    server = PreviewServer(project, 0).start()
    try:
        assert get(server.url + ".edition-cache.json")[0] == 404
        assert get(server.url + "%2Eedition-cache.json")[0] == 404
        assert get(server.url + "doc/")[0] == 404
        assert get(server.url + "../edition.toml")[0] == 404
    finally:
        server.stop()


def test_a_port_in_use_is_a_user_error(built):
    project, _ = built
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        s.listen()
        with pytest.raises(UserError, match="is in use; choose another with --port"):
            PreviewServer(project, s.getsockname()[1])


def test_snapshot_sees_edits_additions_and_the_config(built):
    project, _ = built
    first = input_snapshot(project)
    (project.transcripts_dir / "new.txt").write_text("x")
    second = input_snapshot(project)
    assert second != first
    (project.root / "edition.toml").write_text('[edition]\ntitle = "Changed"\n')
    assert input_snapshot(project) != second


def test_help_has_an_example():
    res = CliRunner().invoke(cli, ["serve", "--help"])
    assert res.exit_code == 0 and "Example:" in res.output and "127.0.0.1" in res.output


def test_command_serves_until_interrupted(built):
    project, _ = built
    proc = subprocess.Popen(
        [sys.executable, "-m", "edition_tools", "serve", str(project.root), "--port", "0", "--no-build", "--no-watch"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT,
        # Ctrl-C as from a terminal: a test run started in the background of a script ignores SIGINT, and
        # its children would inherit that (the server would never hear the signal)
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    try:
        line = proc.stdout.readline()
        assert "at http://127.0.0.1:" in line, line + proc.stderr.read()
        url = line.split(" at ", 1)[1].split()[0]
        status, body = get(url)
        assert status == 200 and "doc00" in body
    finally:
        proc.send_signal(signal.SIGINT)
        out, err = proc.communicate(timeout=15)
    assert proc.returncode == 0, err
    assert "Traceback" not in err and "stopped" in err

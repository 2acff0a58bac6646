"""An installed wheel works without the source checkout: it carries the stylesheets and the
schema (``setup.py`` copies ``xslt/`` and ``schema/`` into ``edition_tools/_resources``).

The wheel is built in this environment (no download) from a copy of the project's files, unpacked
into a folder of its own, and run from a folder far from the checkout: it converts sample 000,
validates the TEI against the project schema and rules, and renders the HTML pages.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from conftest import ROOT

PROJECT_FILES = ("pyproject.toml", "setup.py", "README.md", "edition_tools", "xslt", "schema")
SAMPLE = ROOT / "transcripts" / "000_aa32d76ad1862673.txt"


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> Path:
    """The wheel, built and unpacked (a pure-Python wheel installs by unpacking)."""
    tmp = tmp_path_factory.mktemp("wheel")
    src = tmp / "src"
    for name in PROJECT_FILES:
        path = ROOT / name
        if path.is_dir():
            shutil.copytree(path, src / name, ignore=shutil.ignore_patterns("__pycache__", "*.pyc", "*.egg-info", "_resources"))
        else:
            src.mkdir(exist_ok=True)
            shutil.copy2(path, src / name)
    dist = tmp / "dist"
    build = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", str(src), "--no-deps", "--no-build-isolation", "--no-index", "-q", "-w", str(dist)],
        capture_output=True, text=True, timeout=600,
    )
    assert build.returncode == 0, build.stdout + build.stderr
    wheels = list(dist.glob("edition_tools-*.whl"))
    assert len(wheels) == 1, wheels
    site = tmp / "site"
    with zipfile.ZipFile(wheels[0]) as zf:
        names = zf.namelist()
        for name in ("xslt/tei-html.xsl", "xslt/text.xsl", "schema/histdocs.xsd", "schema/xml.xsd", "schema/histdocs-rules.sch"):
            assert f"edition_tools/_resources/{name}" in names, name
        zf.extractall(site)
    return site


def test_wheel_converts_validates_and_renders_without_the_checkout(installed, tmp_path):
    work = tmp_path / "elsewhere"
    work.mkdir()
    shutil.copy2(SAMPLE, work / SAMPLE.name)
    shutil.copy2(SAMPLE.with_name(SAMPLE.stem + ".meta.toml"), work)
    env = {**os.environ, "PYTHONPATH": str(installed)}
    env.pop("EDITION_XSLT_DIR", None)

    def edition(*args):
        return subprocess.run([sys.executable, "-m", "edition_tools", *args], cwd=work, env=env,
                              capture_output=True, text=True, timeout=300)

    where = subprocess.run([sys.executable, "-c", "import edition_tools.resources as r; print(r.resource_dir('xslt'))"],
                           cwd=work, env=env, capture_output=True, text=True, timeout=60)
    assert where.returncode == 0, where.stderr
    assert Path(where.stdout.strip()) == installed / "edition_tools" / "_resources" / "xslt"

    converted = edition("convert", SAMPLE.name, "-o", "tei")
    assert converted.returncode == 0, converted.stderr
    validated = edition("validate", "tei")
    assert validated.returncode == 0, validated.stderr
    assert "0 errors" in validated.stderr
    rendered = edition("render", "tei", "-o", "site")
    assert rendered.returncode == 0, rendered.stderr
    page = (work / "site" / "000_aa32d76ad1862673.html").read_text(encoding="utf-8")
    assert "Castro" in page and "[sic]" in page

"""Shared test helpers.

``require_tool("jing")`` skips a test when an external tool is missing on a user's machine, with a
reason saying how to get it, but fails it under ``CI=true`` (CI must run every test).
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"
#: reference data kept in the repository (tests/data/external/README.md)
EXTERNAL = DATA / "external"
TEI_ALL_RNG = EXTERNAL / "tei" / "tei_all.rng"
FRUS_CORPUS = EXTERNAL / "frus"
DESIGN_EXAMPLES = EXTERNAL / "design-examples"

INSTALL_HINT = {
    "jing": "apt-get install jing (or run `make test`, which installs it)",
    "chromium": "apt-get install chromium (or run `make test`, which installs it)",
    "pdftoppm": "apt-get install poppler-utils (or run `make test`, which installs it)",
}


def in_ci() -> bool:
    return os.environ.get("CI", "").lower() == "true"


def require_tool(name: str) -> str:
    path = shutil.which(name)
    if path:
        return path
    msg = f"{name} is not installed: {INSTALL_HINT.get(name, 'install it')}"
    if in_ci():
        pytest.fail(msg + " (CI=true: every test must run)")
    pytest.skip(msg)


def require_file(path: Path, why: str) -> Path:
    if path.exists():
        return path
    msg = f"{path} is missing: {why}"
    if in_ci():
        pytest.fail(msg + " (CI=true: every test must run)")
    pytest.skip(msg)


def jing_validate(rng: Path, files: list[Path]) -> subprocess.CompletedProcess:
    """Run jing on ``files`` against ``rng`` (one JVM for all files)."""
    jing = require_tool("jing")
    return subprocess.run([jing, str(rng), *map(str, files)], capture_output=True, text=True, timeout=600)


@pytest.fixture(scope="session")
def tei_all_rng() -> Path:
    return require_file(TEI_ALL_RNG, "the TEI P5 tei_all schema is kept in tests/data/external/tei/")

"""Where the stylesheets (``xslt/``) and the project schema (``schema/``) are.

In a source checkout they sit at the top of the project, next to the package, where editors and
developers change them. An installed wheel carries copies inside the package
(``edition_tools/_resources/``, put there by ``setup.py`` when the wheel is built), so the
tool works without the checkout. The copy inside the package wins when it exists.
"""

from __future__ import annotations

from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
#: copies made when a wheel is built (absent in a checkout)
BUNDLED_DIR = PACKAGE_DIR / "_resources"
#: a source checkout keeps the stylesheets and the schema next to the package
CHECKOUT_DIR = PACKAGE_DIR.parent
#: the folders a wheel must carry
RESOURCE_FOLDERS = ("xslt", "schema")


def resource_dir(name: str) -> Path:
    """The folder ``name`` (one of :data:`RESOURCE_FOLDERS`): the installed copy, else the checkout's."""
    if name not in RESOURCE_FOLDERS:
        raise ValueError(f"unknown resource folder {name!r}")
    bundled = BUNDLED_DIR / name
    return bundled if bundled.is_dir() else CHECKOUT_DIR / name

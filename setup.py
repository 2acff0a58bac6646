"""Build hook: a wheel carries the stylesheets and the schema.

The project keeps ``xslt/`` and ``schema/`` at its top level (where editors find them); an
installed package needs them too. When a wheel is built, they are copied into the package as
``edition_tools/_resources/`` (see ``edition_tools/resources.py``). Editable installs read them
in place. Everything else is in ``pyproject.toml``.
"""

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

HERE = Path(__file__).resolve().parent
RESOURCE_FOLDERS = ("xslt", "schema")
SKIP = ("__pycache__",)


class BuildPyWithResources(build_py):
    def run(self):
        super().run()
        if getattr(self, "editable_mode", False):
            return  # an editable install reads the checkout's folders
        target = Path(self.build_lib) / "edition_tools" / "_resources"
        for name in RESOURCE_FOLDERS:
            dest = target / name
            if dest.exists():
                shutil.rmtree(dest)
            shutil.copytree(HERE / name, dest, ignore=shutil.ignore_patterns(*SKIP, "*.pyc"))


setup(cmdclass={"build_py": BuildPyWithResources})

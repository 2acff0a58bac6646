"""The licence an edition (or a sidecar) names: a Creative Commons identifier gets the licence's
address as ``licence/@target``; any other text is kept as it is, without an address."""

from __future__ import annotations

import pytest

from edition_tools.convert.api import convert_text
from edition_tools.convert.header import licence_url
from edition_tools.xmlio import xpath

TEXT = "MEMORANDUM\n\nWashington, March 3, 1962\n\nThe talks went well.\n"


@pytest.mark.parametrize("ident, url", [
    ("CC-BY-4.0", "https://creativecommons.org/licenses/by/4.0/"),
    ("cc-by-sa-4.0", "https://creativecommons.org/licenses/by-sa/4.0/"),
    ("CC-BY-NC-ND-4.0", "https://creativecommons.org/licenses/by-nc-nd/4.0/"),
    ("CC-BY-3.0", "https://creativecommons.org/licenses/by/3.0/"),
    ("CC0-1.0", "https://creativecommons.org/publicdomain/zero/1.0/"),
    ("CC-BY-ND-SA-4.0", None),  # no such licence
    ("MIT", None),
    ("All rights reserved by the archive", None),
])
def test_licence_address(ident, url):
    assert licence_url(ident) == url


def test_licence_in_the_header_links_to_its_text():
    tree, _ = convert_text(TEXT, "memo.txt", meta={"licence": "CC-BY-4.0"})
    lic = xpath(tree.getroot(), "//tei:publicationStmt/tei:availability/tei:licence")
    assert [(el.text, el.get("target")) for el in lic] == [("CC-BY-4.0", "https://creativecommons.org/licenses/by/4.0/")]


def test_a_licence_given_in_words_has_no_address():
    tree, _ = convert_text(TEXT, "memo.txt", meta={"licence": "Free for research use"})
    lic = xpath(tree.getroot(), "//tei:publicationStmt/tei:availability/tei:licence")
    assert [(el.text, el.get("target")) for el in lic] == [("Free for research use", None)]

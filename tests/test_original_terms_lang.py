"""Original terms in brackets take the language of the source: pinyin in a translation from Chinese."""

from __future__ import annotations

import pytest

from edition_tools.convert.inline import classify_bracket
from edition_tools.convert.writer import original_term_lang


@pytest.mark.parametrize("meta, tag", [
    ({}, "ru-Latn"),
    ({"original_language": "Russian"}, "ru-Latn"),
    ({"original_language": "Chinese"}, "zh-Latn"),
    ({"original_language": "German"}, "de"),
    ({"original_language": "English"}, "ru-Latn"),
    ({"original_language": "Klingon"}, "ru-Latn"),
    ({"original_language": "Chinese", "original_term_lang": "zh-Latn-pinyin"}, "zh-Latn-pinyin"),
])
def test_original_term_lang_follows_the_source_language(meta, tag) -> None:
    assert original_term_lang(meta) == tag


@pytest.mark.parametrize("inner", ["zhengfeng", "xiafang", "Xīnhuá shè".lower(), "dazibao", "renmin ribao", "lǚguǎn"])
def test_pinyin_is_an_original_term_in_a_translation_from_chinese(inner) -> None:
    assert classify_bracket(inner, " ", " ", "zh-Latn")[0] == "originalTerm"


@pytest.mark.parametrize("inner", ["the", "human", "same", "open", "banana", "struggle", "and the"])
def test_english_words_are_no_pinyin(inner) -> None:
    assert classify_bracket(inner, " ", " ", "zh-Latn")[0] != "originalTerm"


def test_pinyin_is_not_read_as_romanised_russian() -> None:
    assert classify_bracket("zhengfeng", " ", " ")[0] != "originalTerm"
    assert classify_bracket("vpechatlitel’nost’", " ", " ")[0] == "originalTerm"

"""Words and sentences are counted as a reader of each language would count them."""

import pytest

from app.wordcount import count_words, sentences


@pytest.mark.parametrize(
    ("text", "locale", "words"),
    [
        ("You are a child first.", "en", 5),
        ("The grown-ups here will help you.", "en", 6),
        ("هذا المكان لك.", "ar", 3),
        ("សូមស្វាគមន៍មកកាន់ Kite", "km", 3),
        ("ဒီနေရာက သင့်အတွက်ပါ။", "my", 6),
        ("นี่คือที่สำหรับหนู", "th", 5),
        ("ນີ້ແມ່ນບ່ອນສຳລັບເຈົ້າ", "lo", 4),
    ],
)
def test_words_are_counted_with_a_real_segmenter_where_scripts_have_no_spaces(
    text, locale, words
) -> None:  # type: ignore[no-untyped-def]
    assert count_words(text, locale) == words


def test_sentences_end_the_way_each_language_ends_them() -> None:
    assert sentences("You are safe. Really!", "en") == ["You are safe.", "Really!"]
    assert len(sentences("ប្អូនមិនចាំបាច់ប្រាប់ឈ្មោះទេ។ ពេលប្អូនធ្វើរួចហើយ សូមចុច «ចេញ»។", "km")) == 2
    assert len(sentences("هذا المكان لك. هنا يمكنك معرفة حقوقك؟", "ar")) == 2
    assert sentences("นี่คือที่สำหรับหนู หนูเรียนรู้ได้", "th") == ["นี่คือที่สำหรับหนู", "หนูเรียนรู้ได้"]

"""Counting words and sentences in any launch language, with ICU's segmenters.

Thai, Khmer, Lao and Burmese are written without spaces between words, so splitting on
spaces would count a whole sentence as one word; ICU's dictionaries find the real words.
"""

from functools import cache

import icu

# ICU rule statuses from 100 up mark real words (numbers, letters, kana, ideographs);
# below 100 are spaces and punctuation.
_WORD_STATUS = 100


@cache
def _word_breaker(locale: str) -> icu.BreakIterator:
    return icu.BreakIterator.createWordInstance(icu.Locale(locale))


@cache
def _sentence_breaker(locale: str) -> icu.BreakIterator:
    return icu.BreakIterator.createSentenceInstance(icu.Locale(locale))


# Scripts written without spaces between words; elsewhere a word is what spaces separate
# ("grown-ups" is one word to its reader, two to ICU).
SPACELESS = {"th", "km", "lo", "my"}


def count_words(text: str, locale: str) -> int:
    """How many words the text has, as a reader of that language would count them."""
    if locale not in SPACELESS:
        return sum(1 for token in text.split() if any(ch.isalnum() for ch in token))
    breaker = _word_breaker(locale)
    breaker.setText(text)
    count = 0
    for _end in breaker:
        if breaker.getRuleStatus() >= _WORD_STATUS:
            count += 1
    return count


# Thai and Lao end a sentence with a space, not a mark.
SPACE_ENDS_SENTENCE = {"th", "lo"}


def sentences(text: str, locale: str) -> list[str]:
    """The text's sentences, split the way that language ends them (., ។, ။, ؟, or a space)."""
    if locale in SPACE_ENDS_SENTENCE:
        return text.split()
    breaker = _sentence_breaker(locale)
    breaker.setText(text)
    pieces, start = [], 0
    for end in breaker:
        piece = text[start:end].strip()
        if piece:
            pieces.append(piece)
        start = end
    return pieces

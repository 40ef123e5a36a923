"""Generators of hostile texts for ``alignsim extract``, one function per class, each just
under the size limit (250,000 bytes) so that the work, not the size check, is tested."""

from __future__ import annotations

import random

SIZE = 245_000
NAMES = ["Pakistan", "India", "China", "Russia", "United States", "France", "Iran", "Japan"]
CUES = ["signed an agreement with", "condemned", "threatened", "met", "praised", "accused"]


def _fill(piece: str, size: int = SIZE) -> str:
    return (piece * (size // len(piece) + 1))[:size]


def one_huge_sentence() -> str:
    """Ordinary words and no sentence end for half a megabyte."""
    words = [
        "the",
        "minister",
        "said",
        "relations",
        "between",
        "the",
        "two",
        "states",
        "would",
        "improve",
        "soon",
    ]
    rng = random.Random(1)
    return " ".join(rng.choice(words) for _ in range(SIZE // 6))[:SIZE] + ".\n"


def one_huge_word() -> str:
    """No space, no punctuation: a single word."""
    return "a" * SIZE + "\n"


def thousands_of_names() -> str:
    """Country names one after another, a single run of capitalised words."""
    rng = random.Random(2)
    return " ".join(rng.choice(NAMES) for _ in range(SIZE // 8))[:SIZE] + ".\n"


def names_in_a_list() -> str:
    """Country names separated by commas, one sentence."""
    rng = random.Random(3)
    return ", ".join(rng.choice(NAMES) for _ in range(SIZE // 9))[:SIZE] + ".\n"


def thousands_of_events() -> str:
    """A dated event between two countries in every paragraph."""
    rng = random.Random(4)
    paragraphs = []
    size = 0
    while size < SIZE:
        text = (
            f"On {rng.randint(1, 28)} March {rng.randint(1990, 2020)}, {rng.choice(NAMES)} "
            f"{rng.choice(CUES)} {rng.choice(NAMES)} over energy cooperation and trade."
        )
        paragraphs.append(text)
        size += len(text) + 2
    return "\n\n".join(paragraphs)[:SIZE] + "\n"


def thousands_of_dates() -> str:
    """Dates in every form, one after another."""
    forms = ["in 2019", "on 5 May 2001", "March 2010", "2015-06-01", "last year", "in the 1990s"]
    return _fill("Talks were held " + ", ".join(forms) + ". ")


def tiny_sentences() -> str:
    """Hundreds of thousands of two-character sentences."""
    return _fill("A. ")


def tiny_paragraphs() -> str:
    """A blank line after every word."""
    return _fill("India\n\n")


def capitalised_words() -> str:
    """Capitalised words that name no country."""
    return _fill("Alpha Beta Gamma Delta Epsilon Zeta Eta Theta ")


def titles_everywhere() -> str:
    """Officials' titles around every name."""
    return _fill("The Prime Minister of India met the President of the United States. ")


def nested_quotes_and_brackets() -> str:
    """Brackets and quotes nested deep."""
    return "India " + "(“[" * 20_000 + "China" + "]”)" * 20_000 + " met.\n"


def unusual_unicode() -> str:
    """Combining marks, right-to-left text, zero-width characters and emoji."""
    return _fill("Ind\u0301ia\u200b met \u202eChina\u202c 🇮🇳🇨🇳 ف ש. ", SIZE // 2)


def abbreviations() -> str:
    """Abbreviations that sentence splitters look up one by one."""
    return _fill("U.S. Gen. Mr. Dr. St. Jan. Feb. e.g. i.e. etc. No. Vol. pp. ")


#: every class above, by name
CLASSES = {
    name: function
    for name, function in dict(globals()).items()
    if callable(function) and not name.startswith("_") and function.__module__ == __name__
}

"""Search finds a word in any of its forms: "relaciones" finds the section that says "relación".

Material's search worker adds a trailing wildcard to each word typed, and lunr never runs its
stemmer on a wildcard word, so a stemmed index finds nothing for a whole word. So the stemming is
done here, when the index is written: Snowball's stemmer for the language groups the words of the
language's pages by stem (relación, relaciones: "relacion"), and each section lists, in a search
field of its own that no reader sees, the other forms its words take elsewhere on the site. A
search for any form then finds every section that has one of them.

Plain Python on the search index's documents: therapy_site.languages calls it for each language.
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from typing import Any

import snowballstemmer

FIELD = "forms"  # the documents' field, and its entry in the index's "fields" (weighed like the text)
# Snowball's algorithm for each language code; a language not here keeps its words as written.
ALGORITHMS = {"en": "english", "es": "spanish"}
SHORTEST = 4  # shorter forms are mostly small words (qué, sé, its) that every section has
TAG = re.compile(r"<[^>]+>")
FALLBACK_SEPARATOR = re.compile(r"[\s\-]+")


def unaccented(word: str) -> str:
    """The word as typed on a phone without accents: "relación" -> "relacion" (ñ stays ñ)."""
    letters = unicodedata.normalize("NFD", word.replace("ñ", "\0"))
    return "".join(c for c in letters if not unicodedata.combining(c)).replace("\0", "ñ")


def splitter(separator: str | None) -> re.Pattern[str]:
    """Material's separator (a JavaScript regular expression) read by Python, as close as it goes."""
    try:
        return re.compile(separator) if separator else FALLBACK_SEPARATOR
    except re.error:
        return FALLBACK_SEPARATOR


def words(text: str, separator: re.Pattern[str]) -> set[str]:
    """A text's words as the search worker cuts them: lower case, split at the separator."""
    plain = html.unescape(TAG.sub(" ", text)).lower()
    return {word for word in separator.split(plain) if word}


def with_forms(docs: Iterable[dict[str, Any]], language: str, separator: str | None) -> list[dict[str, Any]]:
    """The documents, each with the other forms of its words (space-separated) where there are any."""
    docs = list(docs)
    algorithm = ALGORITHMS.get(language)
    if algorithm is None:
        return docs
    stem = snowballstemmer.stemmer(algorithm).stemWord
    split = splitter(separator)
    found = [words(f"{doc.get('title', '')} {doc.get('text', '')}", split) for doc in docs]
    stems = {word: stem(word) for word in set().union(*found)}
    forms: dict[str, set[str]] = defaultdict(set)
    for word, root in stems.items():
        forms[root].add(word)
    # Each word's family, worked out once: the words of its stem, and itself without accents.
    family = {word: frozenset(forms[root] | {unaccented(word)}) for word, root in stems.items()}
    written = []
    for doc, own in zip(docs, found):
        others = set().union(*(family[word] for word in own)) - own
        kept = not_extended({form for form in others if len(form) >= SHORTEST}, own)
        written.append({**doc, FIELD: " ".join(kept)} if kept else doc)
    return written


def not_extended(forms: set[str], own: set[str]) -> list[str]:
    """The forms, in order, less those that start a longer word of the section: the worker's
    wildcard finds those already ("ayuda" is in "ayudar*"), so the index need not list them."""
    everything = sorted(forms | own)
    return [
        word for word, after in zip(everything, [*everything[1:], ""]) if word in forms and not after.startswith(word)
    ]

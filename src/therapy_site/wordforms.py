"""Search finds a word in its other forms: "relaciones" finds the page that says "relación".

Material's search worker adds a trailing wildcard to each word typed, and lunr never runs its
stemmer on a wildcard word, so a stemmed index finds nothing for a whole word. So the forms are
written into the index instead, when it is built: each page's own entry gets a search field that no
reader sees, listing the other forms of the page's words:

- the other number, by the language's regular rules: where a rule is sure (relación, relaciones;
  señal, señales) the form is made up; where the same ending also makes verbs (actúa, actúas) or
  words that have no number (about), only a form that another page uses and that Snowball's
  stemmer finds to be the same word (terapeuta, terapeutas);
- each form without its accents, as many phones type it (dificil, sesion).

Forms that begin a longer word of the page are left out: the wildcard finds them already.

Plain Python on the search index's documents: therapy_site.languages calls it for each language.
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections import defaultdict
from collections.abc import Callable, Collection, Iterable
from typing import Any

import snowballstemmer

FIELD = "forms"  # the documents' field, and its entry in the index's "fields" (weighed like the text)
# Snowball's algorithm for each language code; a language not here keeps its words as written.
ALGORITHMS = {"en": "english", "es": "spanish"}
ACUTE = str.maketrans("aeiou", "áéíóú")


def accented(match: re.Match[str]) -> str:
    """relacion|es -> relación: a Spanish singular in -n or -s takes back the accent its plural drops."""
    return match[1] + match[2].translate(ACUTE) + match[3]


def unaccented_plural(match: re.Match[str]) -> str:
    """relación -> relaciones: the plural drops the accent."""
    return match[1] + unaccented(match[2]) + match[3] + "es"


# Plural <-> singular: (pattern, replacement, made up). A made-up form is written even when no page
# has it (relación -> relaciones); any other only when a page of the site has it, because the same
# ending is common on words without number (Spanish verbs: actúa, actúas; English: about, could).
Rule = tuple[re.Pattern[str], "str | Callable[[re.Match[str]], str]", bool]
NUMBER_RULES: dict[str, list[Rule]] = {
    "es": [
        (re.compile(r"^(.{2,})ones$"), r"\1ón", True),  # relaciones -> relación, razones -> razón
        (re.compile(r"^(.{2,})ón$"), r"\1ones", True),  # relación -> relaciones
        (re.compile(r"^(.{3,})ces$"), r"\1z", True),  # veces -> vez
        (re.compile(r"^(.{3,})z$"), r"\1ces", True),  # vez -> veces
        (re.compile(r"^(.{3,}(?:[ldjy]|[^aei]r))es$"), r"\1", True),  # señales -> señal, dolores -> dolor
        (re.compile(r"^(.{3,}(?:[ldjy]|[^aei]r))$"), r"\1es", True),  # señal -> señales, dolor -> dolores
        (re.compile(r"^(.{2,})([aeiou])([ns])es$"), accented, False),  # intereses -> interés
        (re.compile(r"^(.{2,})([áéíóú])([ns])$"), unaccented_plural, False),  # interés -> intereses
        (re.compile(r"^(.{3,}[aeiouáéó])s$"), r"\1", False),  # terapeutas -> terapeuta
        (re.compile(r"^(.{3,}[aeiouáéó])$"), r"\1s", False),  # terapeuta -> terapeutas
    ],
    "en": [
        (re.compile(r"^(.{3,}[^aeiou])ies$"), r"\1y", True),  # therapies -> therapy
        (re.compile(r"^(.{3,}[^aeiou])y$"), r"\1ies", False),  # therapy -> therapies
        (re.compile(r"^(.{3,}(?:s|x|z|ch|sh))es$"), r"\1", False),  # boxes -> box
        (re.compile(r"^(.{3,}[^su])s$"), r"\1", False),  # therapists -> therapist
        (re.compile(r"^(.{3,}(?:s|x|z|ch|sh))$"), r"\1es", False),  # box -> boxes
        (re.compile(r"^(.{3,}[^sxzy])$"), r"\1s", False),  # therapist -> therapists
    ],
}
# A Spanish infinitive, with or without a pronoun (hablar, decirle): a verb, with no plural.
INFINITIVE = re.compile(r"(?:ar|er|ir)(?:se|le|les|lo|la|los|las|me|te|nos)?$")
SHORTEST = 4  # shorter forms are mostly small words (qué, sé, its) that every page has
TAG = re.compile(r"<[^>]+>")
FALLBACK_SEPARATOR = re.compile(r"[\s\-]+")


def unaccented(word: str) -> str:
    """The word as typed on a phone without accents: "relación" -> "relacion" (ñ stays ñ)."""
    letters = unicodedata.normalize("NFD", word.replace("ñ", "\0"))
    return "".join(c for c in letters if not unicodedata.combining(c)).replace("\0", "ñ")


def other_number(
    word: str,
    language: str,
    vocabulary: Collection[str] = (),
    same_word: Callable[[str, str], bool] = lambda a, b: True,
) -> set[str]:
    """The word's plural if it reads as a singular, its singular if it reads as a plural, by the
    language's regular rules; a rule that is not sure gives only a form of `vocabulary` that is
    `same_word` as the word (the stemmer says so)."""
    if language == "es" and INFINITIVE.search(word):
        return set()  # hablar: a verb has no plural
    guesses = set()
    for pattern, replacement, made_up in NUMBER_RULES.get(language, []):
        form = pattern.sub(replacement, word)
        if form != word and (made_up or (form in vocabulary and same_word(form, word))):
            guesses.add(form)
    return guesses


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
    """The documents, each page's own entry (its address without a #section) with the other forms
    of the page's words, space-separated: a search for one of them lists the page, and the
    sections that have the word as written. (One list a page, not one a section: the Spanish index
    grows by a tenth, not by a third.)"""
    docs = list(docs)
    algorithm = ALGORITHMS.get(language)
    if algorithm is None:
        return docs
    stem = snowballstemmer.stemmer(algorithm).stemWord
    split = splitter(separator)
    pages: dict[str, set[str]] = defaultdict(set)
    for doc in docs:
        pages[page_of(doc)] |= words(f"{doc.get('title', '')} {doc.get('text', '')}", split)
    # Each word's other spellings, worked out once.
    vocabulary = set().union(*pages.values())
    family = {word: frozenset(spellings(word, language, stem, vocabulary)) for word in vocabulary}
    listed: dict[str, str] = {}
    for page, own in pages.items():
        others = set().union(*(family[word] for word in own)) - own
        kept = not_extended({form for form in others if len(form) >= SHORTEST}, own)
        if kept:
            listed[page] = " ".join(kept)
    # The page's own entry carries the list (a page without one: its first section).
    carrier: dict[str, int] = {}
    for index, doc in enumerate(docs):
        if page_of(doc) not in carrier or doc.get("location") == page_of(doc):
            carrier[page_of(doc)] = index
    at = {carrier[page]: forms for page, forms in listed.items()}
    return [{**doc, FIELD: at[index]} if index in at else doc for index, doc in enumerate(docs)]


def page_of(doc: dict[str, Any]) -> str:
    return str(doc.get("location", "")).split("#", 1)[0]


def spellings(word: str, language: str, stem: Callable[[str], str], vocabulary: Collection[str]) -> set[str]:
    """The word without accents, and its other number, with and without them."""
    numbers = other_number(word, language, vocabulary, lambda a, b: stem(a) == stem(b))
    return {unaccented(form) for form in {word} | numbers} | numbers


def not_extended(forms: set[str], own: set[str]) -> list[str]:
    """The forms, in order, less those that start a longer word of the page: the worker's
    wildcard finds those already ("ayuda" is in "ayudar*"), so the index need not list them."""
    everything = sorted(forms | own)
    return [
        word for word, after in zip(everything, [*everything[1:], ""]) if word in forms and not after.startswith(word)
    ]

"""The other forms of each section's words, written into the search index (therapy_site.wordforms)."""

from __future__ import annotations

import pytest

from therapy_site import wordforms

SEPARATOR = r"[\s\-,.:;¿?¡!()]+"


@pytest.mark.parametrize(
    ("language", "page", "elsewhere", "listed", "not_listed"),
    [
        # language, a page's text, another page's text, forms the page must list, forms it must not
        # the plural, made up by a sure rule; "relacion" is left out: "relacion*" finds "relaciones"
        ("es", "Su relación con su terapeuta.", "", {"relaciones"}, {"relación", "relacion"}),
        ("es", "Las relaciones sanas.", "", {"relación"}, {"relaciones"}),
        ("es", "Las sesiones", "", {"sesión"}, set()),
        ("es", "Una señal", "", {"señales"}, {"senal"}),  # ñ is a letter, not an accent
        ("es", "Un dolor", "", {"dolores"}, set()),
        ("es", "Los dolores", "", set(), {"dolor"}),  # "dolor*" finds "dolores" already
        # without accents; "dificil" is left out: "dificil*" finds "dificiles"
        ("es", "Es difícil", "", {"dificiles", "difíciles"}, {"difícil", "dificil"}),
        # a vowel's -s also makes verbs (actúa, actúas): only a form another page has
        ("es", "Mi terapeuta", "Los terapeutas", {"terapeutas"}, set()),
        ("es", "Mi terapeuta", "", set(), {"terapeutas"}),
        ("es", "Ella actúa así", "", {"actua"}, {"actúas", "actuas"}),
        ("es", "Puede hablar", "", set(), {"hablares"}),  # a verb has no plural
        # the wildcard reaches longer words already: "ayuda*" finds "ayudar"; no made-up family
        ("es", "Puede ayudar", "Pida ayuda", set(), {"ayuda"}),
        ("es", "qué", "que", set(), {"que"}),  # short words: on every page anyway
        ("en", "My therapist listens.", "Therapists listen.", {"therapists"}, {"listen"}),
        ("en", "Many therapies", "", {"therapy"}, set()),
        ("en", "It is about you", "", set(), {"abouts"}),
        ("en", "Flückiger and others", "", {"fluckiger"}, set()),
        ("xx", "relación", "relaciones", set(), {"relaciones", "relacion"}),  # no stemmer: as written
    ],
)
def test_forms_listed_for_a_page(
    language: str, page: str, elsewhere: str, listed: set[str], not_listed: set[str]
) -> None:
    docs = [{"location": "a/", "title": "", "text": page}, {"location": "b/", "title": "", "text": elsewhere}]
    forms = set(wordforms.with_forms(docs, language, SEPARATOR)[0].get(wordforms.FIELD, "").split())
    assert listed <= forms, f"{sorted(listed - forms)} missing from {sorted(forms)}"
    assert not (not_listed & forms), f"{sorted(not_listed & forms)} should not be listed"


def test_a_page_lists_the_forms_of_all_its_sections_once_on_its_own_entry() -> None:
    docs = [
        {"location": "a/", "title": "Inicio", "text": ""},
        {"location": "a/#one", "title": "Uno", "text": "Una relación"},
        {"location": "a/#two", "title": "Dos", "text": "Una sesión"},
        {"location": "b/#only", "title": "Tres", "text": "Un dolor"},  # no entry of its own
    ]
    written = wordforms.with_forms(docs, "es", SEPARATOR)
    assert set(written[0][wordforms.FIELD].split()) >= {"relaciones", "sesiones"}
    assert [wordforms.FIELD in doc for doc in written] == [True, False, False, True]
    assert "dolores" in written[3][wordforms.FIELD].split()


def test_documents_keep_their_fields_and_order() -> None:
    docs = [{"location": f"{n}/", "title": f"T{n}", "text": "<p>relación</p>", "tags": ["x"]} for n in range(3)]
    written = wordforms.with_forms(docs, "es", SEPARATOR)
    assert [doc["location"] for doc in written] == ["0/", "1/", "2/"]
    assert all(doc["tags"] == ["x"] and doc["text"] == "<p>relación</p>" for doc in written)
    assert "p" not in written[0][wordforms.FIELD].split()  # tags are not words


@pytest.mark.parametrize(
    ("word", "typed"),
    [("relación", "relacion"), ("señal", "señal"), ("pingüino", "pinguino"), ("ÁRBOL", "ARBOL"), ("café", "cafe")],
)
def test_unaccented(word: str, typed: str) -> None:
    assert wordforms.unaccented(word) == typed


def test_a_separator_python_cannot_read_falls_back_to_spaces_and_hyphens() -> None:
    assert wordforms.splitter("(?<named>x)") is wordforms.FALLBACK_SEPARATOR
    assert wordforms.splitter(None) is wordforms.FALLBACK_SEPARATOR

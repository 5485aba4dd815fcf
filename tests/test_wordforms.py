"""The other forms of each section's words, written into the search index (therapy_site.wordforms)."""

from __future__ import annotations

import pytest

from therapy_site import wordforms

SEPARATOR = r"[\s\-,.:;¿?¡!()]+"


@pytest.mark.parametrize(
    ("language", "section", "elsewhere", "listed", "not_listed"),
    [
        # language, the section's text, another section's text, forms the section must list, must not
        # "relacion" (no accent) is left out: "relacion*" finds "relaciones" already
        ("es", "Su relación con su terapeuta.", "Las relaciones sanas.", {"relaciones"}, {"relación", "relacion"}),
        ("es", "Las relaciones sanas.", "Su relación con su terapeuta.", {"relación"}, {"relaciones"}),
        ("es", "Las sesiones", "Una sesión", {"sesión"}, set()),
        ("es", "Es difícil", "", {"dificil"}, {"difícil"}),
        ("es", "Una señal", "Las señales", {"señales"}, {"senal"}),  # ñ is a letter, not an accent
        # the wildcard reaches longer words already: "ayuda*" finds "ayudar"
        ("es", "Puede ayudar", "Pida ayuda", set(), {"ayuda"}),
        ("es", "Mi terapeuta", "Los terapeutas", {"terapeutas"}, set()),
        ("es", "qué", "que", set(), {"que"}),  # short words: in every section anyway
        ("en", "My therapist listens.", "Therapists listen.", {"therapists"}, {"listen"}),
        ("en", "Flückiger and others", "", {"fluckiger"}, set()),
        ("xx", "relación", "relaciones", set(), {"relaciones", "relacion"}),  # no stemmer: as written
    ],
)
def test_forms_listed_for_a_section(
    language: str, section: str, elsewhere: str, listed: set[str], not_listed: set[str]
) -> None:
    docs = [{"location": "a/", "title": "", "text": section}, {"location": "b/", "title": "", "text": elsewhere}]
    forms = set(wordforms.with_forms(docs, language, SEPARATOR)[0].get(wordforms.FIELD, "").split())
    assert listed <= forms, f"{sorted(listed - forms)} missing from {sorted(forms)}"
    assert not (not_listed & forms), f"{sorted(not_listed & forms)} should not be listed"


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

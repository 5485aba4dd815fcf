"""The site's tables of words (translations/*.yml), for tests that render templates on strings."""

from __future__ import annotations

from pathlib import Path

from therapy_site import words

ROOT = Path(__file__).resolve().parents[1]
TABLES = words.read_tables(ROOT, ["en", "es"], "en")
ENGLISH, SPANISH = TABLES["en"], TABLES["es"]

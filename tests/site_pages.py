"""The pages the site must publish, shared by the build, readability and browser tests."""

from __future__ import annotations

# Each topic page teaches one part of the brief and carries a quiz.
TOPIC_PAGES = [
    "what-is-the-therapeutic-relationship.md",
    "what-a-good-relationship-feels-like.md",
    "what-can-get-in-the-way.md",
    "how-it-helps.md",
    "when-it-is-not-healthy.md",
]

CONTENT_PAGES = [
    "index.md",
    *TOPIC_PAGES,
    "your-first-sessions.md",
    "how-is-it-going.md",
    "glossary.md",
    "sources.md",
    "about.md",
    "privacy.md",
    "for-clinicians/index.md",
]


def built_path(src: str) -> str:
    """docs/foo.md -> foo/index.html, as MkDocs writes it with directory URLs."""
    if src == "index.md" or src.endswith("/index.md"):
        return src[: -len(".md")] + ".html"
    return src[: -len(".md")] + "/index.html"


def page_url(src: str) -> str:
    """The page's address relative to the site root, e.g. 'foo/' or ''."""
    path = built_path(src)
    return path[: -len("index.html")]


# The site's languages and where each lives: English at the root, Spanish under /es/.
LANGUAGES = {"en": "", "es": "es/"}


def source(src: str, language: str = "en") -> str:
    """The file of a page in a language: 'about.md' -> 'about.es.md'."""
    return src if language == "en" else src.removesuffix(".md") + f".{language}.md"


def built_in(src: str, language: str = "en") -> str:
    """Where a page of a language is written: 'about.md', 'es' -> 'es/about/index.html'."""
    return LANGUAGES[language] + built_path(src)

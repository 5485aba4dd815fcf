"""MkDocs glue: mkdocs-static-i18n builds each language in turn into one site folder; this makes
each a whole site (therapy_site.languages): Material's script on a Spanish page starts at /es/ (its
search and instant navigation stay among Spanish pages), mkdocs-redirects moves /es/old/ to /es/new/,
and each language's 404 page, sitemap and search index end up in its folder."""

from __future__ import annotations

from urllib.parse import urlsplit

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from therapy_site import build, languages


@event_priority(-110)  # with hooks/pages.py, after mkdocs-static-i18n (-100) chose the files
def on_files(files: Files, config: MkDocsConfig) -> Files:
    now, redirects = build.current(), config.plugins.get("redirects")
    if redirects is not None and now.language.folder:
        # mkdocs-redirects read the files before this language's were chosen: give it this
        # language's pages, and the same moves within the language's folder.
        redirects.doc_pages = {now.key(file.src_uri): file for file in files.documentation_pages()}
        redirects.redirects = {now.language.folder + old: new for old, new in redirects.redirects.items()}
    return files


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    folder = build.current().language.folder
    return languages.with_base(output, get_relative_url(folder, page.url)) if folder else output


@event_priority(-110)  # after hooks/privacy.py (-100) has secured the page
def on_post_template(output_content: str, template_name: str, config: MkDocsConfig) -> str:
    now = build.current()
    if now.language.folder and template_name.endswith(".html"):
        site_path = urlsplit(config.site_url or "/").path.rstrip("/")
        output_content = languages.with_base(output_content, f"{site_path}/{now.language.folder}")
    now.root_files[template_name] = output_content
    return output_content


@event_priority(-110)  # after mkdocs-static-i18n (-100) has built the other languages
def on_post_build(config: MkDocsConfig) -> None:
    if build.last_of_run(config.plugins.get(languages.PLUGIN)):
        build.place_language_files(config.site_dir)

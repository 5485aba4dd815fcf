"""Browser tests in real Chromium against the built site.

A package on purpose: pytest then imports this folder's conftest.py as `browser.conftest`,
so it never shadows tests/conftest.py, which other tests import as plain `conftest`.
"""

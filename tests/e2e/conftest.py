"""Browser fixtures live in tests/browser.py (a plugin for the whole suite); helpers re-exported here."""

from tests.browser import axe_violations, fits_320px  # noqa: F401

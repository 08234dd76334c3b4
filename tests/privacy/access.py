"""Access rules for the privacy pages: every logged-in user, about their own account only."""

from tests.access_kit import LOGGED_IN

RULES = {
    "privacy.overview": LOGGED_IN,
    "privacy.download_json": LOGGED_IN,
    "privacy.download_pdf": LOGGED_IN,
    "privacy.erase": LOGGED_IN,
}

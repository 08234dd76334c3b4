from tests.access_kit import LOGGED_IN

RULES = {"home.index": LOGGED_IN}

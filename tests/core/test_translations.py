"""The English catalogue is complete: every Dutch source string has an English translation."""

import subprocess
import sys
from pathlib import Path

from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parents[2]
# Every folder with user-facing text (tests/core/test_escaping.py reads the Python ones too).
SOURCES = ["app.py", "core", "accounts", "notifications", "registry", "standards", "compliance", "certification",
           "guidance", "reporting", "privacy", "home", "templates"]


def test_english_catalogue_translates_every_source_string(tmp_path):
    pot = tmp_path / "messages.pot"
    subprocess.run(
        [str(Path(sys.executable).parent / "pybabel"), "extract", "-F", "babel.cfg", "-k", "_l",
         "-k", "lazy_gettext", "-k", "lazy_text", "-k", "lazy_plural:1,2", "-o", str(pot), "--no-location",
         *[s for s in SOURCES if (ROOT / s).exists()]],
        cwd=ROOT, check=True, capture_output=True)
    wanted = {m.id for m in read_po(pot.open("rb")) if m.id}
    with (ROOT / "translations/en/LC_MESSAGES/messages.po").open("rb") as f:
        catalogue = read_po(f)
    done = {m.id for m in catalogue if m.id and m.string and not m.fuzzy
            and (all(m.string) if isinstance(m.string, (tuple, list)) else True)}
    missing = sorted(str(m) for m in wanted - done)
    assert not missing, f"{len(missing)} strings lack an English translation (run `make extract`): {missing[:10]}"


def test_translations_keep_their_placeholders():
    with (ROOT / "translations/en/LC_MESSAGES/messages.po").open("rb") as f:
        catalogue = read_po(f)
    import re

    wrong = [m.id for m in catalogue if m.id and m.string and isinstance(m.id, str)
             and sorted(re.findall(r"%\(\w+\)s", m.id)) != sorted(re.findall(r"%\(\w+\)s", m.string))]
    assert not wrong, wrong

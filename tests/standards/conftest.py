"""Fixtures for the quality-plan tests: the shipped plan, variants of it written to
tmp_path, and a published copy in the database."""

import pytest

from standards.services import publish_plan
from tests.standards.factories import SHIPPED, V11_CHANGES, first_version


@pytest.fixture
def shipped_text():
    return SHIPPED.read_text(encoding="utf-8")


@pytest.fixture
def write_plan(tmp_path, shipped_text):
    """`write_plan(version="1.1", replace=[(old, new), ...])`: a copy of the shipped plan with
    the first occurrence of each `old` replaced, written as <code>-<version>.yaml."""

    def _write(version=None, replace=(), text=None, name=None):
        content = shipped_text if text is None else text
        for old, new in replace:
            assert old in content, f"test setup: {old!r} is not in the plan"
            content = content.replace(old, new, 1)
        if version:
            content = content.replace('version: "1.0"', f'version: "{version}"', 1)
        path = tmp_path / (name or f"kwaliteitsplan-dans-veilig-{version or '1.0'}.yaml")
        path.write_text(content, encoding="utf-8")
        return path

    return _write


@pytest.fixture
def published_plan(app):
    """The shipped plan, published."""
    return first_version()


@pytest.fixture
def second_version(app, published_plan, write_plan):
    """Version 1.1 published on top of 1.0: B2's English title and evidence changed, A6
    renumbered to A7 (one removed, one added), and a shorter certificate validity."""
    path = write_plan("1.1", replace=V11_CHANGES)
    return publish_plan(path).plan

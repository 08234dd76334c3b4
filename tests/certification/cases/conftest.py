import pytest


@pytest.fixture(autouse=True)
def _own_evidence_dir(evidence_dir):
    return evidence_dir

"""Every recommendation of the 2023 inquiry is either served by a criterion of the shipped plan
or listed under out_of_scope with a reason. The codes come from the seed itself, the
government's follow-up table, which CI checks out next to the repository."""

import os
import re
from pathlib import Path

import pytest

from standards import PLANS_DIR
from standards.recommendations import RECOMMENDATIONS
from standards.schema import load_plan_file

REPO = Path(__file__).resolve().parents[2]
SEED = REPO / ".." / "shared" / "seed" / "000_58470d0bfb97ba4c.txt"
# A recommendation starts a line with its number, e.g. "5.10 Verken de mogelijkheid ...".
CODE_AT_LINE_START = re.compile(r"^\s*([1-6]\.\d{1,2})\s+\S", re.MULTILINE)


@pytest.fixture(scope="module")
def seed_codes():
    if not SEED.is_file():
        if os.environ.get("CI"):  # CI always has ../shared beside the checkout: never pass by skipping there
            pytest.fail(f"the seed is missing at {SEED.resolve()}")
        pytest.skip(f"the seed is not at {SEED.resolve()}: the coverage test reads the recommendation codes from "
                    "../shared/seed/000_58470d0bfb97ba4c.txt next to the repository checkout")
    codes = CODE_AT_LINE_START.findall(SEED.read_text(encoding="utf-8"))
    assert codes, f"no recommendation codes found in {SEED}"
    return codes


def test_the_seed_lists_each_recommendation_once(seed_codes):
    assert len(seed_codes) == len(set(seed_codes)), sorted(code for code in seed_codes if seed_codes.count(code) > 1)
    assert "5.10" in seed_codes


def test_our_list_of_recommendations_is_the_seeds(seed_codes):
    assert set(RECOMMENDATIONS) == set(seed_codes)


@pytest.mark.parametrize("path", sorted(PLANS_DIR.glob("*.yaml")), ids=lambda path: path.name)
def test_every_recommendation_is_served_or_out_of_scope(seed_codes, path):
    document = load_plan_file(path)
    served = document.traced_recommendations()
    out_of_scope = {item.recommendation: item.reason for item in document.out_of_scope}
    unaccounted = [code for code in seed_codes if code not in served and code not in out_of_scope]
    assert not unaccounted, f"{path.name}: neither served by a criterion nor out of scope: {unaccounted}"
    for code, reason in out_of_scope.items():
        assert reason.nl and reason.en, f"out-of-scope recommendation {code} needs a reason in both languages"

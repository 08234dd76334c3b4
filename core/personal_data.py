"""What each package does with a person's data when they ask for erasure (AVG art. 17), and
what it must keep and why. Packages register a rule in their `init_app`; the privacy
package runs them all in one transaction and shows every `kept` text on the account page.

Export (art. 15) needs no registration: it collects every row that refers to the user
through a foreign key, so a new table with a user column is in the download the day it is
added (see `privacy.collect`).
"""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class ErasureRule:
    name: str
    # Removes or anonymises what this package holds about `user`, in the caller's transaction;
    # returns {what: how many} for the audit event (counts only, never the data itself).
    erase: Callable[[object], dict]
    # What is kept, and why, as the person reads it (a lazy string), or None when nothing is.
    kept: object = None
    # A reason the erasure cannot go ahead yet (a lazy string), or None.
    refuses: Callable[[object], object] | None = None


_rules: dict[str, ErasureRule] = {}


def register(rule: ErasureRule) -> None:
    _rules[rule.name] = rule


def rules() -> list[ErasureRule]:
    return list(_rules.values())

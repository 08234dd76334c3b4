"""Failed-login limits, in the rate limiter's shared store.

- Per account *and* address (`LOGIN_FAILURE_LIMIT`, 5 per 15 minutes): past it, that address
  may not try that account again until the window passes, or until the owner follows an
  unlock link we e-mail. Nobody can lock someone else out from their own address.
- Per address (`LOGIN_FAILURE_LIMIT_PER_ADDRESS`, 20 per 15 minutes): one address guessing
  many accounts. The address is the client's, read from `X-Forwarded-For` only through the
  configured number of trusted proxies (`TRUSTED_PROXIES`, see app.py).
- Per account from everywhere (`LOGIN_SLOWDOWN_AFTER`, 10 per 15 minutes): the account is
  not locked but slowed down: one attempt per `LOGIN_SLOWDOWN_SECONDS` (10) from any
  address, so the owner still gets in and a spread-out guesser gets few tries.
"""

from dataclasses import dataclass

from flask import current_app
from limits import parse

from core.extensions import limiter


def _email(email: str) -> str:
    return (email or "").strip().lower()


@dataclass(frozen=True)
class Verdict:
    allowed: bool
    unlockable: bool = False  # refused for this account at this address: an e-mailed link helps
    wait_seconds: int = 0  # slowed down: the next attempt is possible after this


def _limits(email: str, address: str):
    cfg = current_app.config
    email, address = _email(email), address or "-"
    prefix = _prefix()
    return {
        "pair": (parse(cfg["LOGIN_FAILURE_LIMIT"]), (f"{prefix}login-pair", email, address)),
        "address": (parse(cfg["LOGIN_FAILURE_LIMIT_PER_ADDRESS"]), (f"{prefix}login-address", address)),
        "account": (parse(cfg["LOGIN_SLOWDOWN_AFTER"]), (f"{prefix}login-account", email)),
    }


def _prefix() -> str:
    return current_app.config.get("RATELIMIT_KEY_PREFIX") or ""  # several installations may share one Redis


def check(email: str, address: str) -> Verdict:
    """May this attempt be made? Counts a slowed-down account's attempt as it lets it through."""
    limits = _limits(email, address)
    store = limiter.limiter
    if not store.test(limits["pair"][0], *limits["pair"][1]):
        return Verdict(False, unlockable=True)
    if not store.test(limits["address"][0], *limits["address"][1]):
        return Verdict(False)
    if not store.test(limits["account"][0], *limits["account"][1]):
        seconds = int(current_app.config["LOGIN_SLOWDOWN_SECONDS"])
        if not store.hit(parse(f"1 per {seconds} seconds"), f"{_prefix()}login-slow", _email(email)):
            return Verdict(False, wait_seconds=seconds)
    return Verdict(True)


def failed(email: str, address: str) -> None:
    for item, ids in _limits(email, address).values():
        limiter.limiter.hit(item, *ids)


def succeeded(email: str, address: str) -> None:
    """A correct password clears what counts against the account (not the address's count)."""
    limits = _limits(email, address)
    for name in ("pair", "account"):
        item, ids = limits[name]
        limiter.limiter.clear(item, *ids)


def unlock(email: str, address: str) -> None:
    """The owner followed the e-mailed link: their address may try their account again."""
    succeeded(email, address)

"""Access rules for the route × role test. Each package's tests/<pkg>/access.py lists
`RULES = {endpoint: rule}` and optionally `SAMPLES = {endpoint: callable -> url kwargs}`.

`STATE_SAMPLES = {endpoint: [(callable -> url kwargs, rule), ...]}` lists the same endpoint
on other objects or states with the rule that holds for them (who may decide a review
depends on its state): the test walks those too, for every method and role."""

from dataclasses import dataclass

from accounts.models import Role

ROLES = (None, Role.admin, Role.assessor, Role.school_owner, Role.teacher, Role.monitor)  # None: not logged in


@dataclass(frozen=True)
class Rule:
    public: bool = False
    roles: frozenset | None = None  # None: any logged-in user

    def allows(self, role) -> bool:
        if self.public:
            return True
        if role is None:
            return False
        return self.roles is None or role in self.roles


PUBLIC = Rule(public=True)
LOGGED_IN = Rule()


def roles(*allowed: Role) -> Rule:
    return Rule(roles=frozenset(allowed))

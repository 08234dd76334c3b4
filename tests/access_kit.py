"""Access rules for the route × role test. Each package's tests/<pkg>/access.py lists
`RULES = {endpoint: rule}` and optionally `SAMPLES = {endpoint: callable -> url kwargs}`."""

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

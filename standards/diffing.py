"""What changed between two versions of a quality plan: criteria added, removed and changed
(with the fields that changed), domains, and the plan's rules, scale and scope."""

from dataclasses import dataclass, field

from standards.schema import PlanDocument

# Lists whose items are matched by a key rather than by position.
_KEYED_LISTS = {"rating_scale": "value", "verdicts": "code", "finding_grades": "code", "out_of_scope": "recommendation"}
_MISSING = object()


@dataclass
class Change:
    """One changed value; `old` or `new` is None when the item was added or removed."""

    path: str
    old: object
    new: object

    @property
    def is_scalar(self) -> bool:
        return not isinstance(self.old, (dict, list)) and not isinstance(self.new, (dict, list))


@dataclass
class ItemChange:
    """A criterion or domain present in both versions, and the fields of it that changed."""

    code: str
    title: dict
    fields: list[str]


@dataclass
class PlanDiff:
    code: str
    old_version: str
    new_version: str
    added: list[dict] = field(default_factory=list)
    removed: list[dict] = field(default_factory=list)
    changed: list[ItemChange] = field(default_factory=list)
    domains_added: list[dict] = field(default_factory=list)
    domains_removed: list[dict] = field(default_factory=list)
    domains_changed: list[ItemChange] = field(default_factory=list)
    plan_changes: list[Change] = field(default_factory=list)

    @property
    def is_empty(self) -> bool:
        return not (self.added or self.removed or self.changed or self.domains_added or self.domains_removed
                    or self.domains_changed or self.plan_changes)


def as_document(source) -> dict:
    """A plan (stored QualityPlan, parsed PlanDocument or its dict) as a plain dict."""
    if isinstance(source, PlanDocument):
        return source.as_dict()
    if hasattr(source, "as_document"):
        return source.as_document()
    return source


def _compare(old, new, path: str) -> list[Change]:
    if isinstance(old, dict) and isinstance(new, dict):
        changes = []
        for key in list(old) + [key for key in new if key not in old]:
            sub = f"{path}.{key}" if path else str(key)
            changes += _compare(old.get(key, _MISSING), new.get(key, _MISSING), sub)
        return changes
    key = _KEYED_LISTS.get(path)
    if key and isinstance(old, list) and isinstance(new, list):
        old_items = {str(item.get(key)): item for item in old}
        new_items = {str(item.get(key)): item for item in new}
        changes = []
        for ident in list(old_items) + [ident for ident in new_items if ident not in old_items]:
            changes += _compare(old_items.get(ident, _MISSING), new_items.get(ident, _MISSING), f"{path}[{ident}]")
        return changes
    if old == new:
        return []
    return [Change(path, None if old is _MISSING else old, None if new is _MISSING else new)]


def _items_by_code(items) -> dict[str, dict]:
    return {item["code"]: item for item in items}


def diff_plans(old, new) -> PlanDiff:
    """Compare two versions (stored plans, parsed files, or their dicts), old first."""
    old, new = as_document(old), as_document(new)
    diff = PlanDiff(code=new["code"], old_version=old["version"], new_version=new["version"])

    top_level = {key: value for key, value in old.items() if key not in ("code", "version", "domains")}
    diff.plan_changes = _compare(top_level, {key: value for key, value in new.items()
                                             if key not in ("code", "version", "domains")}, "")
    if old["code"] != new["code"]:
        diff.plan_changes.insert(0, Change("code", old["code"], new["code"]))

    old_domains, new_domains = _items_by_code(old["domains"]), _items_by_code(new["domains"])
    diff.domains_added = [domain for code, domain in new_domains.items() if code not in old_domains]
    diff.domains_removed = [domain for code, domain in old_domains.items() if code not in new_domains]
    for code, domain in new_domains.items():
        if code in old_domains:
            fields = [change.path for change in _compare(
                {k: v for k, v in old_domains[code].items() if k != "criteria"},
                {k: v for k, v in domain.items() if k != "criteria"}, "")]
            if fields:
                diff.domains_changed.append(ItemChange(code, domain["title"], fields))

    def criteria(domains):
        return {criterion["code"]: dict(criterion, domain=domain["code"])
                for domain in domains.values() for criterion in domain["criteria"]}

    old_criteria, new_criteria = criteria(old_domains), criteria(new_domains)
    diff.added = [criterion for code, criterion in new_criteria.items() if code not in old_criteria]
    diff.removed = [criterion for code, criterion in old_criteria.items() if code not in new_criteria]
    for code, criterion in new_criteria.items():
        if code in old_criteria:
            fields = [change.path for change in _compare(old_criteria[code], criterion, "")]
            if fields:
                diff.changed.append(ItemChange(code, criterion["title"], fields))
    return diff

"""Reading and checking a plan file.

`validate_plan_file(path)` returns a list of problems, each naming its place in the plan
("B2.title.en: missing (line 190)"), or an empty list when the file is a valid plan.
`load_plan_file(path)` returns the parsed `PlanDocument` or raises `PlanFileError`.
"""

import re
from collections import Counter
from pathlib import Path

import yaml
from pydantic import ValidationError

from standards.errors import PlanFileError
from standards.recommendations import RECOMMENDATIONS, recommendation_key
from standards.schema.document import PlanDocument

MAX_FILE_BYTES = 2 * 1024 * 1024


# --- reading the file ----------------------------------------------------------------------------------

class _LineLoader(yaml.SafeLoader):
    """A safe loader that remembers where each mapping starts and refuses duplicate keys,
    which plain YAML silently overwrites."""

    def __init__(self, stream):
        super().__init__(stream)
        # id(mapping or list) -> line where it starts; (id(mapping), key) -> line of that key
        self.lines: dict = {}
        self.duplicates: list[str] = []

    def construct_yaml_map(self, node):
        data = {}
        self.lines[id(data)] = node.start_mark.line + 1
        seen = set()
        for key_node, _value in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge" or not isinstance(key_node, yaml.ScalarNode):
                continue
            self.lines[(id(data), key_node.value)] = key_node.start_mark.line + 1
            if key_node.value in seen:
                self.duplicates.append(f"line {key_node.start_mark.line + 1}: duplicate key {key_node.value!r}; "
                                       "each key may appear only once in the same block")
            seen.add(key_node.value)
        yield data
        data.update(self.construct_mapping(node))

    def construct_yaml_seq(self, node):
        data = []
        self.lines[id(data)] = node.start_mark.line + 1
        yield data
        data.extend(self.construct_sequence(node))


_LineLoader.add_constructor("tag:yaml.org,2002:map", _LineLoader.construct_yaml_map)
_LineLoader.add_constructor("tag:yaml.org,2002:seq", _LineLoader.construct_yaml_seq)


def read_plan_file(path) -> tuple[dict, dict]:
    """Parse the YAML; return (data, line of each mapping) or raise PlanFileError."""
    path = Path(path)
    if not path.exists():
        raise PlanFileError(path, [f"file not found: {path}"])
    if not path.is_file():
        raise PlanFileError(path, [f"not a file: {path}"])
    if path.stat().st_size > MAX_FILE_BYTES:
        raise PlanFileError(path, [f"file is larger than {MAX_FILE_BYTES // (1024 * 1024)} MB; is this a plan file?"])
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise PlanFileError(path, ["the file is not UTF-8 text; save it as UTF-8"])
    if not text.strip():
        raise PlanFileError(path, ["the file is empty"])
    loader = _LineLoader(text)
    try:
        data = loader.get_single_data()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = f"line {mark.line + 1}, column {mark.column + 1}: " if mark else ""
        problem = " ".join(part for part in (exc.context, exc.problem) if part)
        raise PlanFileError(path, [f"{where}YAML syntax error: {problem}"])
    except yaml.YAMLError as exc:
        raise PlanFileError(path, [f"YAML syntax error: {exc}"])
    finally:
        loader.dispose()
    if loader.duplicates:
        raise PlanFileError(path, loader.duplicates)
    if not isinstance(data, dict):
        raise PlanFileError(path, ["the file must hold a mapping at the top level (code:, version:, title:, ...)"])
    return data, loader.lines


def load_plan_file(path) -> PlanDocument:
    """Read and validate a plan file; raise PlanFileError listing every problem."""
    data, lines = read_plan_file(path)
    document, errors = parse_plan(data, lines)
    if errors:
        raise PlanFileError(path, errors)
    return document


def validate_plan_file(path) -> list[str]:
    """Every problem with the plan file at `path`; an empty list means it is valid."""
    try:
        load_plan_file(path)
    except PlanFileError as exc:
        return exc.errors
    return []


# --- validation ---------------------------------------------------------------------------------------

def parse_plan(data: dict, lines: dict | None = None) -> tuple[PlanDocument | None, list[str]]:
    """Validate raw plan data; return (document, []) or (None, problems)."""
    lines = lines or {}
    errors = _consistency_errors(data, lines)
    try:
        document = PlanDocument.model_validate(data)
    except ValidationError as exc:
        for error in exc.errors():
            if tuple(error["loc"]) == ("criteria",) and error["type"] == "extra_forbidden":
                continue  # reported above as criteria in no domain
            label, line = _place(error["loc"], data, lines)
            errors.append(_with_line(f"{label}: {_describe(error)}", line))
        return None, errors
    errors += _plan_errors(document)
    return (None, errors) if errors else (document, [])


def validate_plan(data: dict, lines: dict | None = None) -> list[str]:
    return parse_plan(data, lines)[1]


def _with_line(message: str, line: int | None) -> str:
    return f"{message} (line {line})" if line else message


_MESSAGES = {
    "missing": "missing",
    "extra_forbidden": "unknown field (check the spelling, or remove it)",
    "string_too_short": "empty",
    "string_type": "must be text",
    "int_type": "must be a whole number",
    "int_parsing": "must be a whole number",
    "int_from_float": "must be a whole number",
    "bool_type": "must be true or false",
    "bool_parsing": "must be true or false",
    "float_type": "must be a number",
    "float_parsing": "must be a number",
    "list_type": "must be a list",
    "dict_type": "must be a mapping (key: value)",
    "model_type": "must be a mapping (key: value)",
    "model_attributes_type": "must be a mapping (key: value)",
    "date_type": "must be a date like 2026-01-01",
    "date_parsing": "must be a date like 2026-01-01",
    "date_from_datetime_parsing": "must be a date like 2026-01-01",
    "date_from_datetime_inexact": "must be a date like 2026-01-01",
}


def _describe(error: dict) -> str:
    kind, ctx = error["type"], error.get("ctx") or {}
    if kind in _MESSAGES:
        return _MESSAGES[kind]
    if kind == "too_short":
        return f"needs at least {ctx.get('min_length', 1)} item(s)"
    if kind == "greater_than":
        return f"must be greater than {ctx.get('gt')}"
    if kind == "greater_than_equal":
        return f"must be at least {ctx.get('ge')}"
    if kind == "less_than_equal":
        return f"must be at most {ctx.get('le')}"
    if kind == "value_error":
        return str(ctx.get("error", error["msg"]))
    return error["msg"]


def _identity(item, list_name: str) -> str | None:
    if not isinstance(item, dict):
        return None
    key = {"rating_scale": "value", "out_of_scope": "recommendation"}.get(list_name, "code")
    value = item.get(key)
    return str(value).strip() if isinstance(value, (str, int, float)) and str(value).strip() else None


def _child(node, key):
    if isinstance(node, dict):
        return node.get(key)
    if isinstance(node, list) and isinstance(key, int) and 0 <= key < len(node):
        return node[key]
    return None


def _place(loc, data, lines) -> tuple[str, int | None]:
    """Turn a pydantic location into a place a plan author recognises: ('domains', 1,
    'criteria', 1, 'title', 'en') becomes "B2.title.en", with the nearest line number."""
    segments: list[str] = []
    node, line = data, lines.get(id(data))
    for key in loc:
        if key == "[key]":
            continue
        line = lines.get((id(node), key), line)
        node = _child(node, key)
        if isinstance(node, (dict, list)) and id(node) in lines:
            line = lines[id(node)]
        if not isinstance(key, int):
            segments.append(str(key))
            continue
        list_name = segments[-1] if segments else ""
        ident = _identity(node, list_name)
        if list_name == "domains":
            segments = [ident or f"domain #{key + 1}"]
        elif list_name == "criteria":
            segments = [ident] if ident else segments[:-1] + [f"criterion #{key + 1}"]
        elif ident:
            segments[-1] += f"[{ident}]"
        else:
            segments[-1] += f" #{key + 1}"
    return ".".join(segments) or "(top level)", line


def _criteria_in_domains(data) -> list[tuple[str | None, int, object]]:
    """(domain code, criterion index, criterion) for every criterion listed under a domain."""
    found = []
    domains = data.get("domains") if isinstance(data.get("domains"), list) else []
    for domain in domains:
        if not isinstance(domain, dict) or not isinstance(domain.get("criteria"), list):
            continue
        code = domain.get("code") if isinstance(domain.get("code"), str) else None
        found += [(code, index, criterion) for index, criterion in enumerate(domain["criteria"])]
    return found


def _duplicates(values) -> list:
    scalars = [value for value in values if isinstance(value, (str, int, float)) and not isinstance(value, bool)]
    return [value for value, count in Counter(scalars).items() if count > 1]


def _consistency_errors(data: dict, lines: dict) -> list[str]:
    """Checks across the plan that hold even when some fields are still wrong."""
    errors = []
    line_of = lambda item: lines.get(id(item))  # noqa: E731
    stray = data.get("criteria")
    for index, criterion in enumerate(stray if isinstance(stray, list) else [stray] if stray else []):
        label = _identity(criterion, "criteria") or f"criterion #{index + 1}"
        errors.append(_with_line(f"{label}: criterion is in no domain; list it under the criteria of a domain",
                                 line_of(criterion)))
    domains = data.get("domains") if isinstance(data.get("domains"), list) else []
    domain_codes = [d.get("code") for d in domains if isinstance(d, dict) and isinstance(d.get("code"), str)]
    for code in _duplicates(domain_codes):
        last = [d for d in domains if isinstance(d, dict) and d.get("code") == code][-1]
        errors.append(_with_line(f"{code}: duplicate domain code; each domain needs its own code", line_of(last)))

    homes: dict[str, list[tuple[str, object]]] = {}
    for domain_code, _index, criterion in _criteria_in_domains(data):
        code = _identity(criterion, "criteria")
        if not code:
            continue
        homes.setdefault(code, []).append((domain_code or "?", criterion))
        prefix = re.match(r"([A-Z]+)\d", code)
        if domain_code and prefix and prefix.group(1) != domain_code:
            errors.append(_with_line(f"{code}: listed under domain {domain_code}, but its code belongs to domain "
                                     f"{prefix.group(1)}; move it or renumber it", line_of(criterion)))
        for field in ("recommendations", "evidence"):
            values = criterion.get(field)
            for value in _duplicates(values) if isinstance(values, list) else []:
                if isinstance(value, (str, int, float)):
                    errors.append(_with_line(f"{code}.{field}: {value!r} is listed twice", line_of(values)))
    for code, places in homes.items():
        if len(places) > 1:
            domains = sorted({domain for domain, _criterion in places})
            errors.append(_with_line(f"{code}: duplicate criterion code (in domain{'s' if len(domains) > 1 else ''} "
                                     f"{', '.join(domains)}); each criterion needs its own code",
                                     line_of(places[-1][1])))

    for name, key in (("out_of_scope", "recommendation"), ("verdicts", "code"), ("finding_grades", "code"),
                      ("rating_scale", "value")):
        items = data.get(name) if isinstance(data.get(name), list) else []
        values = [item.get(key) for item in items if isinstance(item, dict) and isinstance(item.get(key), (str, int))]
        for value in _duplicates(values):
            errors.append(f"{name}[{value}]: listed twice")
    return errors


def _plan_errors(document: PlanDocument) -> list[str]:
    """Checks that need the whole, well-formed plan."""
    errors = []
    served_by: dict[str, list[str]] = {}
    for criterion in document.criteria():
        for code in criterion.recommendations:
            served_by.setdefault(code, []).append(criterion.code)
    excluded = {item.recommendation for item in document.out_of_scope}
    for code in sorted(excluded & set(served_by), key=recommendation_key):
        errors.append(f"out_of_scope[{code}]: recommendation {code} is served by criteria "
                      f"{', '.join(served_by[code])}; remove it from out_of_scope or from those criteria")
    for code in sorted(set(RECOMMENDATIONS) - excluded - set(served_by), key=recommendation_key):
        errors.append(f"recommendation {code} ({RECOMMENDATIONS[code]['en']}) is served by no criterion and not "
                      "listed under out_of_scope")
    if "meets" not in {verdict.code for verdict in document.verdicts}:
        errors.append("verdicts: needs the verdict 'meets', which the pass rules count")
    grades = {grade.code for grade in document.finding_grades}
    for code in document.pass_rules.conditions.settle_grades if document.pass_rules.conditions else []:
        if code not in grades:
            errors.append(f"pass_rules.conditions.settle_grades: {code!r} is not one of the finding_grades "
                          f"({', '.join(sorted(grades))})")
    rules = document.rules
    if rules.renewal_window_months >= rules.certificate_validity_months:
        errors.append("rules.renewal_window_months: must be shorter than rules.certificate_validity_months")
    if sum(rules.cpd.min_points_by_category.values()) > rules.cpd.min_points:
        errors.append("rules.cpd.min_points_by_category: adds up to more than rules.cpd.min_points")
    return errors

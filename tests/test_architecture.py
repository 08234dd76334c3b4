"""The house plan, checked by reading the source with `ast` (nothing is imported):

(a) a package imports only packages on a lower floor (never one above, never a neighbour on
    its own floor); a package tells the floors above it what happened through a domain
    event (core/events.py), which needs no import of them;
(b) no import cycle between modules (imports at module level; those under
    `if TYPE_CHECKING:` do not run and are left out);
(c) an import inside a function says why on its line, with the convention
    `# noqa: PLC0415  (the reason)`: a heavy optional library, or a cycle that cannot be
    broken. Everything else is imported at the top.

The floors are FLOORS below, the same table as in ARCHITECTURE.md. Known violations that
another change is removing are listed, one line each with the reason, in KNOWN_VIOLATIONS; a
listed violation that no longer occurs fails the test too, so the list only shrinks.
"""

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# Lowest first. A package may import only packages on a lower floor.
FLOORS = {
    "core": 0,            # infrastructure only: config, db, audit, mail, i18n, storage, events, errors
    "accounts": 1,        # users, roles, login, permissions
    "notifications": 2,   # in-app messages
    "standards": 3,       # the quality plan
    "compliance": 4,      # schools, self-assessment, review
    "certification": 5,   # certificates, teachers, sanctions, cases
    "registry": 6,        # the public registers, their API, verification
    "reporting": 7,       # annual reports, sector figures
    "privacy": 7,         # an account's data: download, erasure
    "guidance": 8,        # step plans, the wegwijzer, footer pages
    "home": 8,            # each role's home page
    "app": 9,             # wires every package
}

# Floors inside a package: a sub-package imports only those on a lower sub-floor of the same
# package ("*": the package's other modules; a module not listed is a shared helper).
SUB_FLOORS = {
    "compliance": {"*": 0, "review": 1},
    "certification": {"teachers": 0, "certificates": 1, "sanctions": 2, "cases": 3},
}

REASON = re.compile(r"#\s*noqa:\s*[A-Z0-9, ]*PLC0415[A-Z0-9, ]*\s+\(\s*\S.*\)")

# Known violations, each removed by another change; the lead takes them off as those merge.
# (importer, imported) for floors, (the cycle's first module, "cycle") for cycles, and
# (module, "inside") for a module with unexplained imports inside functions.
KNOWN_VIOLATIONS: set[tuple[str, str]] = {
    # Pages and the demo of a lower sub-floor that show or make what a higher one owns; they
    # wait for a "page parts" question event and demo steps of the sanctions' and cases' own.
    ('certification.teachers.views.admin', 'certification.sanctions.services'),
    ('certification.teachers.views.admin', 'certification.sanctions.forms'),
    ('certification.teachers.demo', 'certification.sanctions.models'),
    ('certification.teachers.demo', 'certification.sanctions.services'),
    ('certification.teachers.demo', 'certification.cases.services'),
    ('certification.certificates.views', 'certification.sanctions.forms'),
    ('certification.certificates.views', 'certification.sanctions.objections'),
}


def _modules() -> dict[str, Path]:
    found = {"app": ROOT / "app.py"}
    for package in FLOORS:
        folder = ROOT / package
        if not folder.is_dir():
            continue
        for path in folder.rglob("*.py"):
            parts = list(path.relative_to(ROOT).with_suffix("").parts)
            if parts[-1] == "__init__":
                parts.pop()
            found[".".join(parts)] = path
    return found


MODULES = _modules()


def _absolute(module: str, node: ast.ImportFrom, modules: dict[str, Path]) -> str:
    if not node.level:
        return node.module or ""
    is_package = modules[module].name == "__init__.py"
    base = module.split(".")
    base = base[: len(base) - node.level + (1 if is_package else 0)]
    return ".".join(base + ([node.module] if node.module else []))


def _targets(module: str, node: ast.Import | ast.ImportFrom, modules: dict[str, Path]) -> list[str]:
    """The app's modules that an import statement loads (the most specific one per name)."""
    if isinstance(node, ast.Import):
        names = [alias.name for alias in node.names]
    else:
        base = _absolute(module, node, modules)
        names = [f"{base}.{alias.name}" if f"{base}.{alias.name}" in modules else base for alias in node.names]
    targets = []
    for name in names:
        while name and name not in modules:
            name = name.rpartition(".")[0]
        if name and name != module:
            targets.append(name)
    return targets


def _is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING")


def _imports(path: Path):
    """Yield (node, at_module_level, in_function) for every import statement."""
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))

    def walk(node, module_level, in_function):
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.Import | ast.ImportFrom):
                yield child, module_level, in_function
            elif isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda):
                yield from walk(child, False, True)
            elif isinstance(child, ast.ClassDef):
                yield from walk(child, module_level, in_function)
            elif isinstance(child, ast.If) and _is_type_checking(child):
                yield from walk(child, False, in_function)
            else:
                yield from walk(child, module_level, in_function)

    yield from walk(tree, True, False)


def _package(module: str) -> str:
    return module.split(".")[0]


def _graph(modules=MODULES) -> dict[str, set[str]]:
    return {module: {target for node, module_level, _ in _imports(path) if module_level
                     for target in _targets(module, node, modules)} for module, path in modules.items()}


def _sub_floor(module: str) -> int | None:
    parts = module.split(".")
    table = SUB_FLOORS.get(parts[0], {})
    return table.get(parts[1] if len(parts) > 1 else "", table.get("*"))


def _floor_violations(modules=MODULES) -> set[tuple[str, str]]:
    found = set()
    for module, path in modules.items():
        own = _package(module)
        for node, _, _ in _imports(path):
            for target in _targets(module, node, modules):
                other = _package(target)
                if other != own and FLOORS[other] >= FLOORS[own]:
                    found.add((module, target))
                below, above = _sub_floor(module), _sub_floor(target)
                if other == own and None not in (below, above) and above > below:
                    found.add((module, target))
    return found


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan)."""
    index, low, stack, on_stack, components = {}, {}, [], set(), []

    def visit(module):
        index[module] = low[module] = len(index)
        stack.append(module)
        on_stack.add(module)
        for target in sorted(graph.get(module, ())):
            if target not in index:
                visit(target)
                low[module] = min(low[module], low[target])
            elif target in on_stack:
                low[module] = min(low[module], index[target])
        if low[module] == index[module]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == module:
                    break
            if len(component) > 1:
                components.append(sorted(component))

    for module in sorted(graph):
        if module not in index:
            visit(module)
    return components


def _unexplained_function_imports(modules=MODULES) -> set[tuple[str, str]]:
    found = set()
    for module, path in modules.items():
        lines = path.read_text(encoding="utf-8").splitlines()
        for node, _, in_function in _imports(path):
            if not in_function:
                continue
            text = " ".join(lines[node.lineno - 1: node.end_lineno])
            if not REASON.search(text):
                names = node.module if isinstance(node, ast.ImportFrom) else node.names[0].name
                found.add((module, f"inside:{'.' * getattr(node, 'level', 0)}{names} (line {node.lineno})"))
    return found


def test_every_package_has_a_floor():
    folders = {path.parent.name for path in ROOT.glob("*/__init__.py")} - {"tests", "migrations", "bench"}
    assert folders <= set(FLOORS), f"packages without a floor: {sorted(folders - set(FLOORS))}"


def test_packages_import_only_lower_floors():
    found = _floor_violations()
    known = {pair for pair in KNOWN_VIOLATIONS if pair[1] not in ("inside", "cycle")}
    new, gone = sorted(found - known), sorted(known - found)
    assert not new, "imports of a package on the same or a higher floor:\n" + "\n".join(
        f"  {a} -> {b}" for a, b in new)
    assert not gone, "no longer imported, take off KNOWN_VIOLATIONS:\n" + "\n".join(f"  {a} -> {b}" for a, b in gone)


def test_no_import_cycles():
    cycles = {cycle[0]: cycle for cycle in _cycles(_graph())}
    known = {module for module, what in KNOWN_VIOLATIONS if what == "cycle"}
    new, gone = sorted(set(cycles) - known), sorted(known - set(cycles))
    assert not new, "import cycles between modules:\n" + "\n".join(f"  {' -> '.join(cycles[m])}" for m in new)
    assert not gone, "cycle gone, take off KNOWN_VIOLATIONS:\n" + "\n".join(f"  {m}" for m in gone)


def test_imports_inside_functions_say_why():
    found = _unexplained_function_imports()
    known = {pair for pair in KNOWN_VIOLATIONS if pair[1] == "inside"}
    new = sorted(pair for pair in found if (pair[0], "inside") not in known)
    gone = sorted(pair for pair in known if pair[0] not in {module for module, _ in found})
    assert not new, ("imports inside a function without `# noqa: PLC0415  (why)`:\n"
                     + "\n".join(f"  {a}: {b[len('inside:'):]}" for a, b in new))
    assert not gone, "every import explained or moved, take off KNOWN_VIOLATIONS:\n" + "\n".join(
        f"  {a}" for a, _ in gone)


def test_the_checks_can_fail(tmp_path):
    """An import one floor up, an unexplained import in a function and a cycle are all seen."""
    (tmp_path / "core").mkdir()
    (tmp_path / "core" / "bad.py").write_text("from accounts.models import User\n\n\ndef f():\n    import core.worse\n"
                                              "    from core import bad  # noqa: PLC0415  (why)\n")
    (tmp_path / "core" / "worse.py").write_text("import core.bad\n")
    modules = {**MODULES, "core.bad": tmp_path / "core" / "bad.py", "core.worse": tmp_path / "core" / "worse.py"}
    assert _floor_violations(modules) - _floor_violations() == {("core.bad", "accounts.models")}
    (tmp_path / "up.py").write_text("from compliance.review.models import Recommendation\n")
    with_upward = {**MODULES, "compliance.models": tmp_path / "up.py"}
    assert ("compliance.models", "compliance.review.models") in _floor_violations(with_upward)
    assert _unexplained_function_imports(modules) - _unexplained_function_imports() == {
        ("core.bad", "inside:core.worse (line 5)")}
    graph = _graph(modules)
    graph["core.worse"].add("core.bad")
    graph["core.bad"].add("core.worse")
    assert ["core.bad", "core.worse"] in _cycles(graph)

"""docs/architecture.md: no folder of review_assistant imports a folder above it (lazy imports inside functions
count), and the context does not import triage."""
import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "review_assistant"
LAYERS = ["case", "catalog", "law", "engine", "outputs", "service"]  # each may import the ones before it
ROOT_MODULES = {"review_assistant", "review_assistant.settings"}


def _imports(path: Path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            yield node.module, node.lineno
        elif isinstance(node, ast.ImportFrom) and node.level:
            yield "." * node.level + (node.module or ""), node.lineno
        elif isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name, node.lineno


def test_no_folder_imports_upward():
    wrong = []
    for layer in LAYERS:
        allowed = set(LAYERS[:LAYERS.index(layer) + 1])
        for path in (PACKAGE / layer).rglob("*.py"):
            for module, line in _imports(path):
                assert not module.startswith("."), f"{path}:{line}: relative imports are written absolute here"
                if not module.startswith("review_assistant") or module in ROOT_MODULES:
                    continue
                target = module.split(".")[1]
                if target in LAYERS and target not in allowed:
                    wrong.append(f"{path.relative_to(PACKAGE)}:{line} imports {module}")
    assert wrong == []


def test_every_module_lives_in_a_folder_of_the_flow():
    loose = {p.name for p in PACKAGE.glob("*.py")}
    assert loose == {"__init__.py", "settings.py"}
    assert {p.name for p in PACKAGE.iterdir() if p.is_dir() and (p / "__init__.py").exists()} == set(LAYERS)


def test_context_does_not_call_triage():
    modules = {m for m, _ in _imports(PACKAGE / "engine" / "context.py")}
    assert "review_assistant.engine.major" not in modules
    assert "review_assistant.law.publicity" not in modules

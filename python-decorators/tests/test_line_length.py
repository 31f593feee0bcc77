"""The house rule for line length, checked for the project's Python (the package, its tests, the
wizard's templates, the examples and the benchmarks) as ESLint checks it for TypeScript."""
import os

from conftest import REPO_ROOT

MAX = 120
SKIP_DIRS = {"node_modules", ".vscode-host", "dist", "out", "test-output", ".git", "__pycache__"}


def python_files():
    for root, dirs, files in os.walk(REPO_ROOT):
        dirs[:] = [d for d in dirs if d not in SKIP_DIRS and not d.startswith(".")]
        for name in files:
            if name.endswith(".py"):
                yield os.path.join(root, name)


def test_no_python_line_is_over_120_characters():
    files = list(python_files())
    assert any(f.endswith(os.path.join("agentify", "emitter.py")) for f in files)  # the walk found the package
    long_lines = []
    for path in files:
        with open(path, encoding="utf-8") as f:
            for number, line in enumerate(f, 1):
                if len(line.rstrip("\n")) > MAX:
                    long_lines.append("%s:%d (%d characters)" % (os.path.relpath(path, REPO_ROOT), number, len(line)))
    assert long_lines == [], "lines over %d characters:\n%s" % (MAX, "\n".join(long_lines))

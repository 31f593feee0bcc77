"""@workflow / @agent / @tool keep the decorated signature under strict type checking (pyright
--strict, from the project's npm dev dependencies): the package and a typed usage file check
clean, and misuse in another file is reported at exactly the marked lines."""
import json
import os
import subprocess

from conftest import PACKAGE_ROOT, REPO_ROOT

PYRIGHT = os.path.join(REPO_ROOT, "node_modules", ".bin", "pyright")
BAD = os.path.join(PACKAGE_ROOT, "tests", "typing", "usage_bad.py")


def _pyright(*args):
    assert os.path.exists(PYRIGHT), "pyright is missing: run npm ci at the repository root"
    return subprocess.run([PYRIGHT, "--outputjson", *args], cwd=PACKAGE_ROOT, capture_output=True, text=True,
                          timeout=600)


def test_the_package_and_a_typed_usage_file_check_clean_in_strict_mode():
    done = _pyright("-p", "pyrightconfig.json")
    report = json.loads(done.stdout)
    errors = ["%s:%d %s" % (d["file"], d["range"]["start"]["line"] + 1, d["message"])
              for d in report["generalDiagnostics"] if d["severity"] == "error"]
    assert errors == [] and done.returncode == 0, "\n".join(errors)
    assert report["summary"]["filesAnalyzed"] >= 20


def test_misusing_a_decorated_function_is_a_type_error_at_each_marked_line():
    with open(BAD, encoding="utf-8") as f:
        marked = [i for i, line in enumerate(f, 1) if line.rstrip().endswith("# error")]
    report = json.loads(_pyright(BAD).stdout)
    lines = sorted(d["range"]["start"]["line"] + 1 for d in report["generalDiagnostics"] if d["severity"] == "error")
    assert len(marked) == 5 and lines == marked

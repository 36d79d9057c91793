"""In CI (``CI=true``, as .ci/run sets it) no test may skip: a skip fails, naming its reason."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT

SKIPPING_TESTS = """
import pytest
from tests.conftest import unavailable

def test_needs_a_browser():
    unavailable("chromium is not installed")

@pytest.mark.skipif(True, reason="needs fonts-dejavu-core")
def test_needs_a_font():
    pass

def test_needs_a_module():
    pytest.importorskip("no_such_module_here")

@pytest.mark.xfail(reason="a known bug", strict=True)
def test_known_bug():
    assert False

def test_runs():
    pass
"""


def run_pytest(tmp_path: Path, ci: str | None) -> subprocess.CompletedProcess[str]:
    """pytest on :data:`SKIPPING_TESTS` with this suite's conftest, ``CI`` set to ``ci``."""
    test_file = tmp_path / "test_skipping.py"
    test_file.write_text(SKIPPING_TESTS, encoding="utf-8")
    env = {key: value for key, value in os.environ.items() if key != "CI"}
    if ci is not None:
        env["CI"] = ci
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-p",
            "tests.conftest",
            "-p",
            "no:cacheprovider",
            "-q",
            "-rA",
            "--rootdir",
            str(tmp_path),
            str(test_file),
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_in_ci_every_skip_fails_naming_its_reason(tmp_path: Path) -> None:
    result = run_pytest(tmp_path, "true")
    assert result.returncode == 1, result.stdout
    # A skip decided before the test runs (skipif) fails as an error of its setup.
    summary = result.stdout.splitlines()[-1]
    assert summary.startswith("2 failed, 1 passed, 1 xfailed, 1 error"), result.stdout
    assert "chromium is not installed: CI runs every test" in result.stdout
    assert "test_needs_a_font skipped in CI (CI=true): needs fonts-dejavu-core" in result.stdout
    assert (
        "test_needs_a_module skipped in CI (CI=true): could not import 'no_such_module_here'"
        in result.stdout
    )


@pytest.mark.parametrize("ci", [None, "", "false", "0"])
def test_outside_ci_a_missing_tool_skips(tmp_path: Path, ci: str | None) -> None:
    result = run_pytest(tmp_path, ci)
    assert result.returncode == 0, result.stdout
    assert result.stdout.splitlines()[-1].startswith("1 passed, 3 skipped, 1 xfailed")

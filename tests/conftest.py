from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest

# The parse cache of every test run (and of the commands tests start) goes to a fresh folder, never the user's.
os.environ.setdefault("XXGK_CACHE_DIR", tempfile.mkdtemp(prefix="xxgk-test-cache-"))

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
DATA = Path(__file__).resolve().parent / "data"


@pytest.fixture(scope="session")
def shared() -> Path:
    if not SHARED.is_dir():
        if os.environ.get("CI"):
            pytest.fail(f"{SHARED} is missing: CI must run the tests on the real reports")
        pytest.skip("../shared is not beside the checkout")
    return SHARED


@pytest.fixture(scope="session")
def host():
    from xxgk_lint.core.plugins import load_plugins

    return load_plugins()


@pytest.fixture(scope="session")
def national(host):
    from xxgk_lint.core.ruleset import resolve_ruleset

    known = {code: rule for code, (_, rule) in host.rules.items()}
    return resolve_ruleset("national", {p.stem: p for _, p in host.rulesets}, known)

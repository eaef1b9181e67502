"""Property-based fuzzing of every reader and the rules behind it, on mutants of the real test inputs.

Each example derives a mutant (byte flips, truncation, splicing, random Unicode, shuffled lines, random table
shapes) from a seed and lints it through the Python API; the only acceptable outcomes are a result or a
documented per-file error (tests/fuzzing.py).  The CI profile bounds the examples (about a minute in all);
``HYPOTHESIS_PROFILE=long`` runs many more, and tools/fuzz.py runs for hours.  Every crash found became a
regression input under tests/data/fuzz/, checked by ``test_regression_inputs``.
"""

from __future__ import annotations

import os
import random

import pytest

hypothesis = pytest.importorskip("hypothesis")
from fuzzing import FUZZ, check_outputs, check_property, mutate  # noqa: E402
from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

settings.register_profile("ci", deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow],
                          database=None)
settings.register_profile("long", deadline=None, max_examples=5000, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))
LONG = os.environ.get("HYPOTHESIS_PROFILE") == "long"

#: Examples per format in CI: PDFs cost ~0.3 s each, text ~0.02 s.
EXAMPLES = {".txt": 150, ".html": 100, ".docx": 80, ".pdf": 25}


def _examples(suffix: str) -> settings:
    return settings(max_examples=5000 if LONG else EXAMPLES[suffix])


@pytest.mark.parametrize("suffix", sorted(EXAMPLES))
def test_mutants_of_real_inputs_give_a_result_or_a_documented_error(suffix):
    @_examples(suffix)
    @given(seed=st.integers(0, 2**32 - 1))
    def run(seed):
        check_property(mutate(suffix, random.Random(seed)), suffix)

    run()


@settings(max_examples=60)
@given(data=st.binary(max_size=4096), suffix=st.sampled_from(sorted(EXAMPLES)))
def test_arbitrary_bytes_under_any_name(data, suffix):
    check_property(data, suffix)


@settings(max_examples=60)
@given(text=st.text(max_size=2000), suffix=st.sampled_from([".txt", ".html"]))
def test_arbitrary_unicode_text(text, suffix):
    check_property(text.encode("utf-8", errors="surrogatepass"), suffix)


@settings(max_examples=30)
@given(seed=st.integers(0, 2**32 - 1), suffix=st.sampled_from([".txt", ".html", ".docx"]))
def test_every_output_format_renders_any_result(seed, suffix):
    check_outputs(mutate(suffix, random.Random(seed)), suffix)


REGRESSIONS = sorted(p for p in FUZZ.glob("*") if p.suffix in EXAMPLES) if FUZZ.is_dir() else []


@pytest.mark.parametrize("path", REGRESSIONS, ids=[p.name for p in REGRESSIONS])
def test_regression_inputs(path):
    check_property(path.read_bytes(), path.suffix)

"""Finding fingerprints that survive re-runs and edits elsewhere in the file.

A fingerprint hashes what a finding is about (rule code and the rule's key: cells, section, quoted text),
never where it is, so inserting a paragraph above does not change it.  Identical keys in one file are told
apart by their order of occurrence.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Iterable

from .model import Finding


def default_key(f: Finding) -> str:
    if f.cells:
        return ",".join(f.cells)
    quoted = f.evidence.get("text") if isinstance(f.evidence, dict) else None
    return f"{f.section or ''}|{quoted or f.message}"


def assign_fingerprints(findings: Iterable[Finding]) -> None:
    seen: Counter[str] = Counter()
    for f in findings:
        basis = f"{f.rule}|{f.key or default_key(f)}"
        seen[basis] += 1
        digest = hashlib.sha1(f"{basis}|{seen[basis]}".encode()).hexdigest()
        f.fingerprint = digest[:16]

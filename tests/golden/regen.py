"""Regenerate tests/golden/outputs.json: ``python tests/golden/regen.py`` from the repository root.

Run it only when a change is meant to alter findings or extracted cells, and review ``git diff`` of the file.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from golden import GOLDEN, outputs


def main() -> int:
    data = outputs()
    GOLDEN.write_text(json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    print(f"{GOLDEN}: {len(data)} inputs")
    return 0


if __name__ == "__main__":
    sys.exit(main())

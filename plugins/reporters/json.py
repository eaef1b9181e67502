"""Machine output: the JSON contract of docs/json-output.md, one document per run."""

from __future__ import annotations

import json
from typing import IO

from xxgk_lint.core.hookspecs import hookimpl
from xxgk_lint.core.reporting import RunResult, result_to_dict


class JsonReporter:
    name = "json"
    description = "JSON（结构见 docs/json-output.md）"
    needs_reports = False  # only each report's metadata: a parallel run need not keep texts and tables

    def render(self, result: RunResult, stream: IO[str]) -> None:
        json.dump(result_to_dict(result), stream, ensure_ascii=False, indent=2)
        stream.write("\n")


@hookimpl
def xxgk_reporters() -> list[JsonReporter]:
    return [JsonReporter()]

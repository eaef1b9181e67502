"""Command palette (Ctrl+P): every key of the current screen by its Chinese name, plus a few extra commands."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from textual.binding import Binding
from textual.command import DiscoveryHit, Hit, Hits, Provider


class ReviewCommands(Provider):
    def _commands(self) -> list[tuple[str, Callable[[], object], str]]:
        screen = self.screen
        out: list[tuple[str, Callable[[], object], str]] = []
        for binding in getattr(screen, "BINDINGS", []):
            if not isinstance(binding, Binding) or not binding.description:
                continue
            if screen.check_action(binding.action, ()) is False:
                continue
            key = self.app.get_key_display(binding)
            out.append((binding.description, partial(screen.run_action, binding.action),
                        f"{binding.tooltip or binding.description}（{key}）"))
        drop = getattr(screen, "drop_stale", None)
        if drop is not None:
            out.append(("删除已消失问题的审核记录", drop, "从审核记录中删除本次检查已不存在的问题"))
        return out

    async def discover(self) -> Hits:
        for name, command, help_text in self._commands():
            yield DiscoveryHit(name, command, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, command, help_text in self._commands():
            score = max(matcher.match(name), matcher.match(help_text) * 0.8)
            if score > 0:
                yield Hit(score, matcher.highlight(name), command, text=name, help=help_text)

"""Computed Rich styles cached per widget: ``rich_style`` walks every ancestor, too slow to ask per row."""

from __future__ import annotations

from rich.style import Style
from textual.widget import Widget


class CachedStyles(Widget):
    """Mixin for Line API widgets: ``cached_style(*components)`` is the widget's style plus those components."""

    _styles: dict[tuple[str, ...], Style]

    def cached_style(self, *components: str) -> Style:
        cache = self.__dict__.setdefault("_styles", {})
        found = cache.get(components)
        if found is None:
            found = self.rich_style
            for name in components:
                found += self.get_component_rich_style(name, partial=True)
            cache[components] = found
        return found

    def notify_style_update(self) -> None:
        self.__dict__.pop("_styles", None)
        super().notify_style_update()

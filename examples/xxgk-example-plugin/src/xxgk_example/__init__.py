"""xxgk-lint example plugin: a regional rule (EX101), its ruleset, and a Markdown reader.

The plugin checks the plugin API version it was written for when it is imported: a future xxgk-lint whose
hooks changed incompatibly then reports this plugin as failing to load, by name, instead of misbehaving.
"""

from xxgk_lint.core.hookspecs import API_VERSION

__version__ = "0.1.0"

#: The xxgk-lint plugin API this package was written for (``xxgk_lint.core.hookspecs.API_VERSION``).
SUPPORTED_API = 1

if API_VERSION != SUPPORTED_API:
    raise ImportError(f"xxgk-example-plugin 适用于插件接口版本 {SUPPORTED_API}，已安装的 xxgk-lint 为 {API_VERSION}")

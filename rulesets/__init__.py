"""Rulesets shipped with xxgk-lint (TOML files in this folder)."""

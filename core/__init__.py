"""The engine: document model, structure extraction, plugin host, rule runner, CLI."""

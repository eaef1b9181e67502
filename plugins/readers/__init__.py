"""Built-in report readers."""

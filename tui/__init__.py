"""Review TUI (Textual) — imported only by ``xxgk review``, never by ``xxgk check``."""

"""Built-in plugins: registered through the ``xxgk_lint`` entry-point group exactly like third-party ones."""

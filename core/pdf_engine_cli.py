"""``--pdf-engine`` (``check``, ``extract``): the reader options it becomes.

The choice travels as a reader option (``core.readers.configure_readers``) to the PDF reader of this process
and of every worker, so the core names no PDF library; here only whether pypdfium2 is installed is checked, to
refuse ``--pdf-engine pdfium`` with a clear message before any file is read.
"""

from __future__ import annotations

import argparse
import importlib.util


def reader_options(args: argparse.Namespace) -> dict[str, str]:
    """The reader options the command line asks for; ``ValueError`` (in Chinese) when they cannot be met."""
    engine = getattr(args, "pdf_engine", None)
    if engine is None:
        return {}
    if engine == "pdfium" and importlib.util.find_spec("pypdfium2") is None:
        raise ValueError("--pdf-engine pdfium 需要 pypdfium2，但它没有安装；安装：pip install 'xxgk-lint[fast]'")
    return {"pdf_engine": engine}

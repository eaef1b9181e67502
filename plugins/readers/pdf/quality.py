"""Whether the extracted pages can be checked at all, said in Chinese when they cannot.

A scanned report has pages without a text layer; a PDF whose fonts lack a Unicode mapping yields glyph ids
("(cid:N)") instead of characters.  Linting either would report every section and table as missing, which
hides the real problem, so such files are refused with the reason.  A report that is only partly affected
(a scanned annex, a few unmapped symbols) is still read: what can be checked is checked.
"""

from __future__ import annotations

from collections.abc import Sequence

from xxgk_lint.core.readers import ReadError

from .geometry import PageLayout

#: Refuse the file when at least this share of its glyphs has no Unicode mapping.
MAX_UNDECODABLE = 0.3


def check_readable(pages: Sequence[PageLayout]) -> list[str]:
    """Raise when nothing can be checked; otherwise return what could not be read, for rule T111."""
    total = len(pages)
    failed = sum(1 for p in pages if p.failed)
    if failed == total:
        raise ReadError("corrupt", f"PDF 文件已损坏：全部 {total} 页的内容都无法解析")
    glyphs = sum(len(p.glyphs) for p in pages)
    if glyphs == 0:
        scanned = sum(1 for p in pages if p.images and not p.glyphs)
        if scanned:
            raise ReadError("no-text", f"PDF 共 {total} 页，没有文字层（其中 {scanned} 页只有图像，可能是扫描件），"
                                       "无法提取文字；请提供带文字层的 PDF，或先做文字识别（OCR）后再检查")
        raise ReadError("no-text", f"PDF 共 {total} 页，没有任何可提取的文字")
    undecodable = sum(p.undecodable for p in pages)
    if undecodable >= MAX_UNDECODABLE * glyphs:
        share = round(100 * undecodable / glyphs)
        raise ReadError("no-unicode", f"PDF 中 {undecodable} 个字符（{share}%）无法识别为文字："
                                      "所用字体缺少 Unicode 映射（ToUnicode），提取出的只是字形编号 (cid:N)；"
                                      "请从原始文档重新导出 PDF（嵌入字体并保留文字信息）")
    notes = []
    scanned_pages = [i + 1 for i, p in enumerate(pages) if p.images and not p.glyphs]
    if scanned_pages:
        listed = "、".join(str(n) for n in scanned_pages)
        notes.append(f"PDF 第 {listed} 页没有文字层（只有图像，可能是扫描件），这些页的内容未能检查")
    broken = [i + 1 for i, p in enumerate(pages) if p.failed]
    if broken:
        notes.append(f"PDF 第 {'、'.join(str(n) for n in broken)} 页的内容无法解析，未能检查")
    if undecodable:
        notes.append(f"PDF 中有 {undecodable} 个字符无法识别为文字（字体缺少 Unicode 映射），相关内容可能未能检查")
    return notes


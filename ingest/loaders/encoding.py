"""Text encodings: decode the bytes of a text file (or a web page without a usable declaration).

A byte-order mark wins; then strict UTF-8; then GB18030 when it decodes to plausible simplified
Chinese; then charset-normalizer among a few CJK candidates. A file whose lines are in different
encodings (part UTF-8, part GBK) is decoded line by line; a line that is neither is an error, never
mojibake.
"""

from __future__ import annotations

import itertools
import re

from ingest.errors import IngestError


def normalize_newlines(text: str) -> str:
    """``\\r\\n`` and ``\\r`` become ``\\n``; a leading BOM character is dropped."""
    return text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")


BOMS = (
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
)
_CANDIDATES = ["gb18030", "big5"]
# UTF-16 without a BOM is only considered when the bytes hold NULs: every UTF-16 text with a newline,
# a digit or an ASCII letter has them, and no GB or UTF-8 text does. Otherwise random bytes read as
# UTF-16 give plausible-looking Chinese mojibake.
_CANDIDATES_WITH_NUL = [*_CANDIDATES, "utf_16_le", "utf_16_be"]
GB_FAMILY = {"gb2312", "gbk", "gb18030", "hz", "cp936"}


def decode_text(data: bytes, source: str) -> str:
    """Decode text bytes of unknown encoding (see the module docstring for the order tried).

    Args:
        data: the file's bytes.
        source: the file name, for error messages.

    Raises:
        IngestError: no supported encoding fits.
    """
    for bom, encoding in BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError:
                raise IngestError(source, f"文件开头标明为 {encoding.upper()} 编码，但内容无法按此解码") from None
    text = _try_decode(data, "utf-8")
    if text is not None:
        return _gbk_misread_as_utf8(text, data) or text
    lines = data.split(b"\n")
    if any(_utf8_cjk_line(line) for line in lines):
        # Valid Chinese UTF-8 lines in a file that is not UTF-8 as a whole: mixed encodings.
        return _decode_lines(lines, source)
    gb = _try_decode(data, "gb18030")
    if gb is not None and _plausible_simplified(gb):
        return gb
    guessed = _charset_normalizer_guess(data)
    if guessed is not None:
        return guessed
    if gb is not None and _looks_like_text(gb):
        return gb
    raise IngestError(source, "无法识别文件编码（不是 UTF-8、UTF-16 或 GBK/GB18030 编码的文本）")


def _try_decode(data: bytes, encoding: str) -> str | None:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        return None


def _is_cjkish(ch: str) -> bool:
    """CJK ideographs, CJK and full-width punctuation, general punctuation (“”、…)."""
    code = ord(ch)
    return 0x2000 <= code <= 0x9FFF or 0xF900 <= code <= 0xFAFF or 0xFF00 <= code <= 0xFFEF or code >= 0x20000


_BEYOND_TWO_BYTES = re.compile("[^\x00-\u07ff]")


def _gbk_misread_as_utf8(text: str, data: bytes) -> str | None:
    """The GB18030 reading of a short GBK text whose bytes also happen to be valid UTF-8, else None.

    Some GBK pairs are valid two-byte UTF-8 (GBK 通知 reads as ``֪ͨ``, a Hebrew accent and a
    combining mark). We take the GBK reading only when the UTF-8 one has only two-byte sequences
    (so no Chinese), they come from scattered Unicode blocks (real Greek, Cyrillic or accented Latin
    stays within one or two neighbouring 64-code-point blocks), and they mostly do not sit next to
    ASCII letters (accented Latin words do: ``café``).
    """
    if text.isascii() or _BEYOND_TWO_BYTES.search(text):
        return None  # checked at C speed first: the loop below is slow on a large file
    wide = [i for i, ch in enumerate(text) if ord(ch) > 0x7F]
    blocks = {ord(text[i]) >> 6 for i in wide}  # the block is the UTF-8 lead byte's low five bits
    if max(blocks) - min(blocks) <= 1:
        return None
    beside_latin = sum(
        1
        for i in wide
        if (i > 0 and text[i - 1].isascii() and text[i - 1].isalpha())
        or (i + 1 < len(text) and text[i + 1].isascii() and text[i + 1].isalpha())
    )
    if beside_latin * 2 > len(wide):
        return None
    gb = _try_decode(data, "gb18030")
    return gb if gb is not None and _plausible_simplified(gb) else None


def _utf8_cjk_line(line: bytes) -> bool:
    """A line that is valid UTF-8 and whose non-ASCII characters are mostly Chinese.

    A GBK line almost never passes: its byte pairs rarely form valid UTF-8, and when they do they
    decode to Latin/Greek/Cyrillic letters (two-byte sequences), not to CJK.
    """
    text = _try_decode(line, "utf-8")
    if text is None:
        return False
    wide = [ch for ch in text if ord(ch) > 0x7F]
    return len(wide) >= 2 and sum(map(_is_cjkish, wide)) >= 0.8 * len(wide)


def _decode_lines(lines: list[bytes], source: str) -> str:
    out: list[str] = []
    for number, line in enumerate(lines, start=1):
        if line.isascii() or _utf8_cjk_line(line):
            out.append(line.decode("utf-8"))
            continue
        text = _try_decode(line, "gb18030")
        if text is None:
            text = _try_decode(line, "utf-8")
        if text is None:
            raise IngestError(source, f"文件混用了多种编码，第 {number} 行既不是 UTF-8 也不是 GBK 编码，无法识别")
        out.append(text)
    return "\n".join(out)


_CJK_CHAR = re.compile("[\u4e00-\u9fff]")
# Control characters (category Cc) other than the whitespace ones and DOS end-of-file (\x1a).
_CONTROLS = re.compile("[\x00-\x08\x0e-\x19\x1b-\x1f\x7f-\x9f]")


def _plausible_simplified(text: str) -> bool:
    """Text decoded as GB18030 that reads as simplified Chinese: nearly all CJK characters in GB2312."""
    if not _looks_like_text(text):
        return False
    cjk = [m.group() for m in itertools.islice(_CJK_CHAR.finditer(text), 20000)]
    if not cjk:
        return False
    common = 0
    for ch in cjk:
        try:
            ch.encode("gb2312")
            common += 1
        except UnicodeEncodeError:
            pass
    return common >= 0.9 * len(cjk)


def _looks_like_text(text: str) -> bool:
    """No NULs or replacement characters, and almost no other control characters."""
    if "\x00" in text or "\ufffd" in text:
        return False
    controls = sum(1 for _ in _CONTROLS.finditer(text))
    return controls <= len(text) // 200


def _charset_normalizer_guess(data: bytes) -> str | None:
    from charset_normalizer import from_bytes

    candidates = _CANDIDATES_WITH_NUL if b"\x00" in data else _CANDIDATES
    best = from_bytes(data, cp_isolation=candidates).best()
    if best is None or best.encoding is None:
        return None
    encoding = "gb18030" if best.encoding.replace("_", "").lower() in GB_FAMILY else best.encoding
    text = _try_decode(data, encoding)
    return text if text is not None and _looks_like_text(text) else None

"""What an attachment really is, from its bytes first and its name second."""

from __future__ import annotations

import io
import zipfile

from PIL import Image, UnidentifiedImageError

from parsers.formats.rollup import looks_like_summary

_IMAGE_MAGIC = (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"II*\x00", b"MM\x00*", b"BM", b"GIF8")
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_BY_EXT = {
    "docx": "docx", "docm": "docx", "dotx": "docx", "pdf": "pdf", "doc": "doc", "odt": "odt", "rtf": "rtf",
    "xlsx": "xlsx", "xlsm": "xlsx", "xls": "xls", "zip": "zip", "png": "image", "jpg": "image",
    "jpeg": "image", "tif": "image", "tiff": "image", "bmp": "image", "gif": "image",
}  # fmt: skip
# a signature logo or an inline icon is small; a phone photo or scan of an A4 page is not
_MIN_PAGE_SIDE = 700
_MIN_PAGE_PIXELS = 1_000_000


def extension(filename: str) -> str:
    return filename.rsplit(".", 1)[-1].lower() if "." in filename else ""


def detect_kind(data: bytes, filename: str) -> str:
    """docx | xlsx | odt | zip | pdf | doc | xls | ole-encrypted | rtf | image | unknown."""
    head = data[:1024]
    if head.startswith(b"PK\x03\x04") or head.startswith(b"PK\x05\x06"):
        return _zip_kind(data)
    if b"%PDF-" in head:
        return "pdf"
    if head.startswith(_OLE):
        if "EncryptionInfo".encode("utf-16-le") in data[:65536] or b"E\x00n\x00c\x00r\x00y\x00p\x00t" in data:
            return "ole-encrypted"
        if "Workbook".encode("utf-16-le") in data or extension(filename) == "xls":
            return "xls"
        return "doc"
    if head.lstrip().startswith(b"{\\rtf"):
        return "rtf"
    if head.startswith(_IMAGE_MAGIC):
        return "image"
    return "unknown"


def _zip_kind(data: bytes) -> str:
    try:
        names = set(zipfile.ZipFile(io.BytesIO(data)).namelist())
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        return "zip"  # let the reader report it as corrupt
    if "word/document.xml" in names:
        return "docx"
    if "xl/workbook.xml" in names:
        return "xlsx"
    if "content.xml" in names and "mimetype" in names:
        return "odt"
    return "zip"


def looks_like_page(data: bytes) -> bool:
    try:
        with Image.open(io.BytesIO(data)) as img:
            w, h = img.size
    except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError):
        return False
    return min(w, h) >= _MIN_PAGE_SIDE and w * h >= _MIN_PAGE_PIXELS


def is_report_file(filename: str, data: bytes) -> bool:
    """Whether an attachment is worth a parse: office documents, PDFs, archives and page-sized images."""
    kind = detect_kind(data, filename)
    if kind == "unknown" and looks_like_summary(data):
        return True  # a lower office's baocao summary: a roll-up
    if kind == "unknown":
        return _BY_EXT.get(extension(filename)) not in (None, "image")
    if kind == "image":
        return looks_like_page(data)
    return True

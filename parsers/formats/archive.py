"""Zip containers (docx, xlsx, odt, .zip) opened only after their declared sizes look honest; safe XML."""

from __future__ import annotations

import io
import posixpath
import zipfile

from lxml import etree

from parsers import problems
from parsers.errors import ParseError
from parsers.model import Limits

# entries smaller than this may compress very well (a blank styles part); only big ones are ratio-checked
_RATIO_FLOOR = 1024 * 1024
_XML_PARSER = etree.XMLParser(
    resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False, remove_blank_text=False
)


def open_zip(data: bytes, filename: str, limits: Limits) -> zipfile.ZipFile:
    """A ZipFile whose directory was checked for bombs and escapes; ParseError otherwise."""
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
        infos = zf.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as e:
        raise ParseError(filename, problems.corrupt(filename)) from e
    if len(infos) > limits.max_entries:
        raise ParseError(filename, problems.suspicious_archive(f"{len(infos)} tệp con"))
    total = 0
    for info in infos:
        total += info.file_size
        name = info.filename.replace("\\", "/")
        if name.startswith("/") or ".." in name.split("/") or ":" in name.split("/")[0]:
            raise ParseError(filename, problems.suspicious_archive("đường dẫn tệp con bất thường"))
        if info.file_size > limits.max_entry_bytes:
            raise ParseError(filename, problems.suspicious_archive("tệp con giải nén quá lớn"))
        if info.file_size > _RATIO_FLOOR and info.file_size > limits.max_ratio * max(info.compress_size, 1):
            raise ParseError(filename, problems.suspicious_archive("tỷ lệ nén bất thường"))
    if total > limits.max_unpacked_bytes:
        raise ParseError(filename, problems.suspicious_archive("dung lượng giải nén quá lớn"))
    return zf


def read_member(zf: zipfile.ZipFile, name: str, filename: str) -> bytes:
    """One entry, never more than its (already checked) declared size."""
    info = zf.getinfo(name)
    if info.flag_bits & 0x1:
        raise ParseError(filename, problems.encrypted_office())
    try:
        with zf.open(info) as fh:
            return fh.read(info.file_size + 1)[: info.file_size]
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError) as e:
        raise ParseError(filename, problems.corrupt(filename)) from e


def check_xml(data: bytes, part: str, filename: str) -> None:
    """Refuse any DOCTYPE (XXE, billion laughs): OOXML and ODF never need one."""
    head = data
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        head = data.decode("utf-16", errors="replace").encode()
    lowered = head.lower()
    if b"<!doctype" in lowered or b"<!entity" in lowered:
        raise ParseError(filename, problems.unsafe_xml(part))


def parse_xml(data: bytes, part: str, filename: str) -> etree._Element:
    """An OOXML/ODF part, parsed without entities, network or huge trees."""
    check_xml(data, part, filename)
    try:
        return etree.fromstring(data, _XML_PARSER)
    except etree.XMLSyntaxError as e:
        raise ParseError(filename, problems.corrupt(filename)) from e


def list_documents(zf: zipfile.ZipFile) -> list[str]:
    """Entries of a .zip attachment worth reading, in archive order (no folders, no macOS resource forks)."""
    out = []
    for info in zf.infolist():
        base = posixpath.basename(info.filename)
        if info.is_dir() or info.filename.startswith("__MACOSX/") or base.startswith((".", "~$")):
            continue
        out.append(info.filename)
    return out


def entry_name(info_name: str, flag_bits: int) -> str:
    """Entry names from Windows zippers are cp437 unless bit 11 says UTF-8; Vietnamese ones are often cp1258."""
    if flag_bits & 0x800:
        return info_name
    try:
        return info_name.encode("cp437").decode("utf-8")
    except UnicodeError:
        return info_name

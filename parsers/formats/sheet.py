"""A school's figures sent alone as a spreadsheet: every sheet read as tables (openpyxl, read-only)."""

from __future__ import annotations

import io
import zipfile

import openpyxl

from parsers import problems
from parsers.blocks import Extracted, Table
from parsers.errors import ParseError
from parsers.formats import archive
from parsers.model import Limits

# a report's annex fits easily; a sheet beyond this is a data dump, not a report
_MAX_ROWS = 400
_MAX_COLS = 40


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "Có" if value else "Không"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else str(value).replace(".", ",")
    return " ".join(str(value).split())


def read_xlsx(data: bytes, filename: str, limits: Limits) -> Extracted:
    zf = archive.open_zip(data, filename, limits)
    for name in zf.namelist():
        if name.endswith((".xml", ".rels")):
            archive.check_xml(archive.read_member(zf, name, filename), name, filename)
    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, OSError, ValueError, KeyError, TypeError) as e:
        raise ParseError(filename, problems.corrupt(filename)) from e
    doc = Extracted(source="sheet")
    try:
        for index, ws in enumerate(book.worksheets):
            rows = []
            for row in ws.iter_rows(max_row=_MAX_ROWS, max_col=_MAX_COLS, values_only=True):
                cells = tuple(_cell(v) for v in row)
                if any(cells):
                    rows.append(cells)
            if rows:
                doc.blocks.append(Table(tuple(rows), index))
    finally:
        book.close()
    if not doc.blocks:
        doc.problems.append(problems.no_text(filename))
    return doc

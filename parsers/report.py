"""parse_attachment: bytes in, one Report per document out; bad input becomes a Report with problems."""

from __future__ import annotations

import dataclasses
import posixpath
import unicodedata

from parsers import problems
from parsers.blocks import Extracted
from parsers.errors import ParseError
from parsers.formats import archive, convert, word
from parsers.formats.rollup import looks_like_summary, read_summary
from parsers.model import GIVES_FIGURES, MetricValue, ParseSpec, Problem, Report
from parsers.reading.cycles import match_cycle, stated_year
from parsers.reading.fields import correct_symbol, read_header
from parsers.reading.metrics import MetricReader, choose
from parsers.reading.sections import read_sections
from parsers.reading.title import document_kind, read_title
from parsers.sniff import detect_kind, extension, is_report_file

# below this mean OCR word confidence (0..1) a scan is too unreliable to read figures from
UNREADABLE_BELOW = 0.45
_SUPPORTED_EXT = {
    "docx",
    "pdf",
    "doc",
    "odt",
    "rtf",
    "xlsx",
    "xls",
    "zip",
    "png",
    "jpg",
    "jpeg",
    "tif",
    "tiff",
}
_CONVERTED = {"doc": "docx", "odt": "docx", "rtf": "docx", "xls": "xlsx"}


def failed(filename: str, problem: Problem, source: str | None = None) -> Report:
    return Report(file=filename, text_source=source, problems=(problem,))


def parse_attachment(data: bytes, *, filename: str, spec: ParseSpec) -> list[Report]:
    """One Report per document; a .zip gives one per inner document ("x.zip/inner.docx")."""
    filename = unicodedata.normalize("NFC", filename)
    return _parse(data, filename, spec, depth=0)


def _parse(data: bytes, filename: str, spec: ParseSpec, depth: int) -> list[Report]:
    if len(data) > spec.limits.max_file_bytes:
        return [failed(filename, problems.too_large(len(data), spec.limits.max_file_bytes))]
    try:
        if looks_like_summary(data):
            rolled = read_summary(data, filename, spec)
            if rolled is not None:
                return [rolled]
        kind = detect_kind(data, filename)
        if kind == "zip":
            return _parse_zip(data, filename, spec, depth)
        return [build_report(filename, extract(data, filename, kind, spec), spec)]
    except ParseError as e:
        return [failed(filename, e.problem)]
    except (RecursionError, MemoryError):
        return [failed(filename, problems.timeout())]
    except Exception as e:  # noqa: BLE001 - one bad file must never stop the others; the office sees why
        if _starved(e):
            return [failed(filename, problems.timeout())]
        return [
            Report(filename, None, problems=(problems.internal(filename),), review_reasons=(repr(e)[:300],))
        ]


# how the loader says it could not map a library (numpy's, PIL's) into an address space at its limit
_NO_ROOM = ("failed to map segment", "cannot allocate memory")


def _starved(error: BaseException) -> bool:
    """An import that failed for want of memory: the first scan in a worker loads numpy under its memory cap."""
    seen: BaseException | None = error
    while seen is not None:
        if isinstance(seen, ImportError) and any(words in str(seen).lower() for words in _NO_ROOM):
            return True
        seen = seen.__cause__ or seen.__context__
    return False


def extract(data: bytes, filename: str, kind: str, spec: ParseSpec) -> Extracted:
    # pdfplumber and openpyxl cost ~200 ms to import; a parse worker reading only docx never needs them
    from parsers.formats import pdf, sheet
    from parsers.images import ocr

    limits = spec.limits
    if kind == "docx":
        return word.read_docx(data, filename, limits)
    if kind == "pdf":
        return pdf.read_pdf(data, filename, limits)
    if kind == "image":
        return ocr.read_image(data, filename, limits)
    if kind == "xlsx":
        return sheet.read_xlsx(data, filename, limits)
    if kind in _CONVERTED:
        ext = kind if kind != "doc" or extension(filename) not in ("dot",) else "dot"
        converted = convert.convert(data, ext, _CONVERTED[kind], filename)
        if _CONVERTED[kind] == "xlsx":
            return sheet.read_xlsx(converted, filename, limits)
        return word.read_docx(converted, filename, limits, source="converted")
    if kind == "ole-encrypted":
        raise ParseError(filename, problems.encrypted_office())
    if extension(filename) in _SUPPORTED_EXT:
        raise ParseError(filename, problems.corrupt(filename))
    raise ParseError(filename, problems.unsupported(filename))


def _parse_zip(data: bytes, filename: str, spec: ParseSpec, depth: int) -> list[Report]:
    if depth > 1:
        return [failed(filename, problems.suspicious_archive("tệp nén lồng nhau nhiều lớp"))]
    zf = archive.open_zip(data, filename, spec.limits)
    names = archive.list_documents(zf)
    if len(names) > spec.limits.max_zip_documents:
        return [failed(filename, problems.suspicious_archive(f"{len(names)} tệp trong tệp nén"))]
    reports: list[Report] = []
    for name in names:
        info = zf.getinfo(name)
        inner = f"{filename}/{unicodedata.normalize('NFC', archive.entry_name(name, info.flag_bits))}"
        blob = archive.read_member(zf, name, filename)
        if not is_report_file(posixpath.basename(inner), blob):
            continue
        reports.extend(_parse(blob, inner, spec, depth + 1))
    return reports or [failed(filename, problems.empty_archive(filename))]


def over_limits(values: list[MetricValue], spec: ParseSpec) -> list[tuple[MetricValue, MetricValue]]:
    """(part, whole) for each figure larger than the figure it is part of (17 trained of 12 key staff)."""
    number = {v.key: (v, float(v.value)) for v in values
              if isinstance(v.value, int | float) and not isinstance(v.value, bool)}
    out = []
    for m in spec.metrics:
        part, whole = number.get(m.key), number.get(m.at_most or "")
        if part and whole and part[1] > whole[1]:
            out.append((part[0], whole[0]))
    return out


def doubt_values(
    values: list[MetricValue], spec: ParseSpec, over_limit: list[tuple[MetricValue, MetricValue]]
) -> list[MetricValue]:
    """Each value with its doubt, when there is one: two readings that disagree (set by choose), a confidence
    under the spec's bar, or a part larger than its whole (over_limits: both are doubtful)."""
    over: dict[str, str] = {}
    for part, whole in over_limit:
        over[part.key] = over[whole.key] = f"{part.key} ({part.value:g}) lớn hơn {whole.key} ({whole.value:g})"
    out = []
    for v in values:
        doubt = v.doubt or over.get(v.key)
        if doubt is None and v.confidence < spec.review_below:
            doubt = f"độ tin cậy thấp ({v.confidence:.2f})"
        out.append(dataclasses.replace(v, doubt=doubt))
    return out


def build_report(filename: str, doc: Extracted, spec: ParseSpec) -> Report:
    lines = doc.lines()
    header = read_header(lines, spec.schools, ocr=doc.source == "ocr")
    area = read_title(doc.blocks)
    kind = document_kind(area, header.number, doc) if lines else "unknown"
    found: list[Problem] = list(doc.problems)
    review: list[str] = list(doc.review)
    unreadable = doc.ocr_confidence is not None and doc.ocr_confidence < UNREADABLE_BELOW
    if unreadable or (doc.source == "ocr" and sum(len(ln) for ln in lines) < 200):
        found.append(problems.unreadable_scan())
    if not lines and not found:  # nothing at all came out (e.g. a PDF whose page tree loops): never "read"
        found.append(problems.no_text(filename))
    number = header.number
    corrections: tuple[str, ...] = ()
    if doc.source == "ocr" and (fixed := correct_symbol(header.number, header.school)):
        number = fixed
        corrections = (f"document_number: OCR đọc «{header.number}», sửa theo ký hiệu của trường",)
    if header.by_tones and header.school:
        corrections += (f"school: OCR đọc «{header.school_text}», khớp {header.school.name} trừ dấu thanh",)
        review.append(f"trường nhận theo tên OCR khác dấu thanh: «{header.school_text}»")
    base = Report(
        file=filename,
        text_source=doc.source,
        kind=kind,
        title=area.title,
        school_id=header.school.id if header.school else None,
        school_name=header.school.name if header.school else header.school_text,
        school_suggestion=header.suggestion.id if header.suggestion and not header.school else None,
        document_number=number,
        corrections=corrections,
        date=header.date,
        period=header.period,
        problems=tuple(found),
        review_reasons=tuple(review),
    )
    if kind not in GIVES_FIGURES:
        return base  # a plan's targets, minutes' or a letter's numbers are never a school's figures
    cycle, cycle_problem = (None, None)
    if lines and doc.source != "sheet" and spec.cycles:
        cycle, cycle_problem = match_cycle(area, header.date, spec.cycles)
    read_fine = not unreadable and not any(p.code == "no_text" for p in found)
    if cycle_problem and read_fine and (kind != "annex" or cycle_problem.code == "wrong_year"):
        found.append(cycle_problem)
    said = stated_year("\n".join(area.title_lines))
    year = said[1] if said else (header.date.year if header.date else None)
    reader = MetricReader(spec.metrics, year)
    values = choose(reader.read(doc), spec.metrics)
    sections = read_sections(doc.blocks)
    by_key = {v.key: v for v in values}
    labels = {m.key: m.label for m in spec.metrics}
    if kind == "annex":
        pass  # a signature page or a figure table completes a report: what it lacks is not missing
    elif lines and not values and not any(p.code in ("no_text", "unreadable_scan") for p in found):
        found.append(problems.no_figures())
    elif values:
        found.extend(
            problems.missing_required(m.label) for m in spec.metrics if m.required and m.key not in by_key
        )
    over_limit = over_limits(values, spec)
    found.extend(
        problems.impossible(labels[part.key], part.value, labels[whole.key], whole.value)
        for part, whole in over_limit
    )
    values = doubt_values(values, spec, over_limit)
    review.extend(
        f"{m.key}: có ghi nhưng không đọc được — «{reader.unread[m.key][:120]}»"
        for m in spec.metrics
        if m.required and m.key not in by_key and m.key in reader.unread
    )
    review.extend(f"{v.key}: {v.doubt} — «{v.provenance.text[:120]}»" for v in values if v.doubt)
    if doc.source == "ocr" and doc.ocr_confidence is not None and doc.ocr_confidence < 0.8:
        review.append(f"OCR: độ tin cậy trung bình {doc.ocr_confidence:.2f}")
    if header.school is None and lines and doc.source != "sheet" and kind != "annex":
        review.append("không nhận ra trường trong phần đầu văn bản")
    return dataclasses.replace(
        base,
        cycle=cycle.id if cycle else None,
        metrics=tuple(values),
        difficulties=sections["difficulties"],
        proposals=sections["proposals"],
        problems=tuple(found),
        review_reasons=tuple(review),
    )

"""The values that go into a parse and come out of it: plain frozen dataclasses, cheap to pickle."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any


@dataclass(frozen=True)
class SchoolRef:
    id: str
    name: str
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class CycleRef:
    id: str
    title: str
    opens: date
    due: date
    keywords: tuple[str, ...] = ()


@dataclass(frozen=True)
class MetricSpec:
    key: str
    label: str
    aliases: tuple[str, ...]
    type: str  # count | percent | yesno | text
    required: bool = False
    at_most: str | None = None  # a fraction "17/21" beside this metric's label gives it 17 and at_most 21
    # at least one of these phrases must be in the label or sentence ("chủ chốt": a total of all staff is not
    # the key staff); none of excludes may be (băng rôn, pano, khẩu hiệu are not sessions)
    requires: tuple[str, ...] = ()
    excludes: tuple[str, ...] = ()
    # the words a figure in prose is counted in ("05 buổi"); "04 băng rôn" is then not this metric
    units: tuple[str, ...] = ()


@dataclass(frozen=True)
class Limits:
    """Bounds on what one attachment may cost; the defaults fit a school report with margin."""

    max_file_bytes: int = 50 * 1024 * 1024
    # a docx/xlsx/zip may not unpack to more than this in total, nor any entry to more than max_entry_bytes
    max_unpacked_bytes: int = 200 * 1024 * 1024
    max_entry_bytes: int = 100 * 1024 * 1024
    # honest deflate tops out near 1:10 on text XML; images are already compressed. 1:100 is a bomb.
    max_ratio: float = 100.0
    max_entries: int = 2000
    # a school sends one report, maybe a few annexes; more inner documents than this is not a report
    max_zip_documents: int = 20
    max_pages: int = 60
    max_ocr_pages: int = 20
    ocr_dpi: int = 300
    max_image_pixels: int = 60_000_000


@dataclass(frozen=True)
class ParseSpec:
    schools: tuple[SchoolRef, ...]
    cycles: tuple[CycleRef, ...]
    metrics: tuple[MetricSpec, ...]
    place_names: tuple[str, ...] = ("Điện Biên Phủ", "Điện Biên")
    limits: Limits = field(default_factory=Limits)
    # an OCR'd value below this confidence is reported but flagged for a person to check
    review_below: float = 0.75


@dataclass(frozen=True)
class Problem:
    code: str
    message: str  # plain Vietnamese with diacritics, for the school's receipt


@dataclass(frozen=True)
class Provenance:
    kind: str  # table | prose | sheet
    page: int | None = None
    table: int | None = None
    row: int | None = None
    text: str = ""
    read: str | None = None  # how: table_cell | label_value | sentence | summary

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"kind": self.kind, "text": self.text}
        if self.read is not None:
            out["read"] = self.read
        for key in ("page", "table", "row"):
            value = getattr(self, key)
            if value is not None:
                out[key] = value
        return out


@dataclass(frozen=True)
class MetricValue:
    key: str
    value: int | float | bool | str
    confidence: float
    provenance: Provenance
    # why a person should check this value (two readings disagree, ...), None when it was read without doubt
    doubt: str | None = None


# a document's genre (CONTRACT.md, parse --json): only a report, or an annex with one, gives figures and a cycle
KINDS = ("report", "annex", "plan", "letter", "minutes", "decision", "other", "unknown")
GIVES_FIGURES = frozenset({"report", "annex", "unknown"})


@dataclass(frozen=True)
class Report:
    file: str
    text_source: str | None  # docx | pdf-text | ocr | converted | sheet, None when nothing was read
    school_id: str | None = None  # only from a strict match of the whole name (level + proper name)
    school_name: str | None = None  # the school's name as the document writes it, on the roster or not
    document_number: str | None = None
    date: date | None = None
    period: str | None = None
    cycle: str | None = None
    metrics: tuple[MetricValue, ...] = ()
    difficulties: str | None = None
    proposals: str | None = None
    problems: tuple[Problem, ...] = ()
    review_reasons: tuple[str, ...] = ()
    kind: str = "unknown"  # one of KINDS
    title: str | None = None  # the title and trích yếu as written ("Báo cáo kết quả ... năm 2024"), NFC
    school_suggestion: str | None = None  # a near-name roster id, only when school_id is None; never counted
    corrections: tuple[
        str, ...
    ] = ()  # what was put right after reading (an OCR slip in the ký hiệu), and from what

    @property
    def needs_review(self) -> bool:
        return bool(self.review_reasons) or any(p.code in REVIEW_CODES for p in self.problems)

    def metric(self, key: str) -> MetricValue | None:
        return next((m for m in self.metrics if m.key == key), None)

    def to_json(self) -> dict[str, Any]:
        return {
            "file": self.file,
            "text_source": self.text_source,
            "kind": self.kind,
            "title": self.title,
            "school": {"id": self.school_id, "name": self.school_name},
            "school_suggestion": self.school_suggestion,
            "document_number": self.document_number,
            "date": self.date.isoformat() if self.date else None,
            "period": self.period,
            "cycle": self.cycle,
            "metrics": {m.key: m.value for m in self.metrics},
            "sections": {"difficulties": self.difficulties, "proposals": self.proposals},
            "problems": [p.message for p in self.problems],
            "problem_codes": [p.code for p in self.problems],
            "needs_review": self.needs_review,
            "review_reasons": list(self.review_reasons),
            "corrections": list(self.corrections),
            "provenance": {
                m.key: {
                    **m.provenance.to_json(),
                    "confidence": round(m.confidence, 2),
                    "ocr": self.text_source == "ocr",
                    "doubtful": m.doubt is not None,
                    "doubt": m.doubt,
                }
                for m in self.metrics
            },
        }


# problems that a person at the office should look at, beyond telling the school
REVIEW_CODES = frozenset(
    {"unreadable_scan", "no_text", "no_figures", "impossible_value", "timeout", "internal_error", "converter_missing",
     "conversion_failed", "ocr_missing"}
)  # fmt: skip

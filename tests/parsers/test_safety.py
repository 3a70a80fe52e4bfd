"""Hostile and broken input: never an exception, always a Report that says what is wrong."""

from __future__ import annotations

import io
import zipfile

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from parsers import Limits, ParseSpec, parse_attachment, parse_attachment_isolated
from tests.parsers.conftest import CORPUS


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    data=st.binary(max_size=2000), ext=st.sampled_from(["docx", "pdf", "doc", "xlsx", "zip", "jpg", "bin"])
)
def test_random_bytes_never_raise(data: bytes, ext: str, spec: ParseSpec) -> None:
    reports = parse_attachment(data, filename=f"x.{ext}", spec=spec)
    assert reports and all(r.problems or r.text_source for r in reports)


def test_too_large_is_refused_before_reading(spec: ParseSpec) -> None:
    small = ParseSpec(spec.schools, spec.cycles, spec.metrics, limits=Limits(max_file_bytes=1000))
    [report] = parse_attachment(b"%PDF-1.4" + b" " * 2000, filename="big.pdf", spec=small)
    assert [p.code for p in report.problems] == ["too_large"]


def test_nested_zip_one_level_is_opened_two_are_not(spec: ParseSpec) -> None:
    docx = (CORPUS / "th-him-lam-template.docx").read_bytes()

    def zipped(name: str, blob: bytes) -> bytes:
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w") as zf:
            zf.writestr(name, blob)
        return buf.getvalue()

    inner = zipped("bao-cao.docx", docx)
    [one] = parse_attachment(zipped("inner.zip", inner), filename="outer.zip", spec=spec)
    assert one.file == "outer.zip/inner.zip/bao-cao.docx" and one.school_id == "th-him-lam"
    [two] = parse_attachment(zipped("a.zip", zipped("b.zip", inner)), filename="outer.zip", spec=spec)
    assert [p.code for p in two.problems] == ["suspicious_archive"]


def test_too_many_documents_in_a_zip(spec: ParseSpec) -> None:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        for i in range(30):
            zf.writestr(f"{i}.docx", b"x")
    [report] = parse_attachment(buf.getvalue(), filename="many.zip", spec=spec)
    assert [p.code for p in report.problems] == ["suspicious_archive"]


def test_isolated_parse_gives_the_same_report(spec: ParseSpec) -> None:
    data = (CORPUS / "th-him-lam-template.docx").read_bytes()
    assert parse_attachment_isolated(data, filename="a.docx", spec=spec) == parse_attachment(
        data, filename="a.docx", spec=spec
    )


def test_isolated_parse_is_killed_on_timeout(spec: ParseSpec) -> None:
    data = (CORPUS / "thcs-thanh-binh-photo.jpg").read_bytes()
    [report] = parse_attachment_isolated(data, filename="scan.jpg", spec=spec, timeout_s=0.5)
    assert [p.code for p in report.problems] == ["timeout"]
    assert report.needs_review


def test_isolated_parse_survives_its_memory_limit(spec: ParseSpec) -> None:
    data = (CORPUS / "thcs-thanh-binh-photo.jpg").read_bytes()
    [report] = parse_attachment_isolated(data, filename="scan.jpg", spec=spec, memory_mb=120)
    assert [p.code for p in report.problems] == ["timeout"]


def test_spec_pickles_small(spec: ParseSpec) -> None:
    import pickle

    assert len(pickle.dumps(spec)) < 20_000


def test_an_import_without_room_is_too_much_memory_and_a_missing_module_is_not() -> None:
    from parsers.report import _starved

    lib = ImportError("libscipy_openblas64_.so: failed to map segment from shared object")
    try:
        raise ImportError("Importing the numpy C-extensions failed.") from lib
    except ImportError as wrapped:
        assert _starved(wrapped)
    assert not _starved(ImportError("No module named 'pdfplumber'"))
    assert not _starved(ValueError("failed to map segment"))

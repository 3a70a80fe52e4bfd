"""Every problem a parse can report, worded in plain Vietnamese for the receipt sent to the school."""

from __future__ import annotations

from parsers.model import Problem

ACCEPTED = ".docx, .doc, .odt, .rtf, .pdf, .xlsx, ảnh chụp (.jpg, .png, .tif) hoặc tệp nén .zip"


def unsupported(name: str) -> Problem:
    return Problem(
        "unsupported_type", f"Tệp «{name}» không phải loại tệp báo cáo được hỗ trợ (chỉ nhận {ACCEPTED})."
    )


def corrupt(name: str) -> Problem:
    return Problem("corrupt", f"Tệp «{name}» bị hỏng hoặc không đúng định dạng, không đọc được.")


def encrypted_pdf() -> Problem:
    return Problem(
        "encrypted", "Tệp PDF có mật khẩu, chưa mở được. Đề nghị nhà trường gửi lại bản không đặt mật khẩu."
    )


def encrypted_office() -> Problem:
    return Problem(
        "encrypted", "Tệp Word/Excel có mật khẩu, chưa mở được. Đề nghị gửi lại bản không đặt mật khẩu."
    )


def too_large(size: int, limit: int) -> Problem:
    mb, lim = size / 1048576, limit / 1048576
    return Problem("too_large", f"Tệp quá lớn ({mb:.1f} MB, giới hạn {lim:.0f} MB), chưa xử lý được.")


def suspicious_archive(detail: str) -> Problem:
    return Problem(
        "suspicious_archive",
        f"Tệp có cấu trúc bất thường ({detail}), không mở để bảo đảm an toàn. Đề nghị gửi lại tệp báo cáo gốc.",
    )


def unsafe_xml(part: str) -> Problem:
    return Problem(
        "unsafe_xml",
        f"Tệp chứa khai báo XML không an toàn ({part}), không mở để bảo đảm an toàn. Đề nghị gửi lại tệp khác.",
    )


def unreadable_scan() -> Problem:
    return Problem(
        "unreadable_scan",
        "Bản scan/ảnh chụp không đọc được chữ (ảnh mờ, nghiêng hoặc độ phân giải thấp). "
        "Đề nghị gửi bản Word, hoặc bản scan rõ hơn (300 dpi).",
    )


def no_text(name: str) -> Problem:
    return Problem("no_text", f"Tệp «{name}» không có nội dung chữ đọc được.")


def too_many_pages(pages: int, limit: int) -> Problem:
    return Problem("too_many_pages", f"Tệp có {pages} trang; chỉ đọc {limit} trang đầu.")


def wrong_year(found: int, years: list[int]) -> Problem:
    """The topic is one the office collects, the year is not one it collects it for."""
    return Problem(
        "wrong_year",
        f"Báo cáo ghi năm {found}, không thuộc đợt báo cáo nào Phòng đang nhận "
        f"(Phòng nhận báo cáo năm {_years(years)}). Nếu gửi nhầm báo cáo năm khác, đề nghị gửi lại đúng báo cáo.",
    )


def _years(years: list[int]) -> str:
    if len(years) > 2 and years == list(range(years[0], years[-1] + 1)):
        return f"{years[0]}–{years[-1]}"
    return ", ".join(str(y) for y in years)


def other_topic(title: str) -> Problem:
    """A report's title was read, and it names no topic the office collects (another topic's report)."""
    return Problem(
        "other_topic",
        f"Văn bản «{' '.join(title.split())[:160]}» là báo cáo về nội dung khác, không thuộc đợt báo cáo nào "
        "Phòng đang nhận. Nếu nhà trường gửi nhầm tệp, đề nghị gửi lại đúng báo cáo.",
    )


def unknown_cycle() -> Problem:
    """No title could be read: nobody can tell which cycle the document answers."""
    return Problem(
        "unknown_cycle",
        "Không đọc được tên báo cáo (phần tiêu đề) nên chưa xác định được báo cáo thuộc đợt báo cáo nào; "
        "Phòng sẽ xem và xác nhận.",
    )


def no_figures() -> Problem:
    return Problem("no_figures", "Không tìm thấy số liệu nào trong báo cáo.")


def missing_required(label: str) -> Problem:
    return Problem("missing_required", f"Thiếu số liệu: {label}.")


def impossible(label: str, value: object, other_label: str, other: object) -> Problem:
    return Problem(
        "impossible_value", f"Số liệu không hợp lý: {label} ({value}) lớn hơn {other_label} ({other})."
    )


def converter_missing(ext: str) -> Problem:
    return Problem(
        "converter_missing",
        f"Máy chủ chưa cài LibreOffice nên chưa đọc được tệp {ext}; Phòng sẽ xem thủ công "
        "(hoặc nhà trường gửi lại bản .docx/.pdf).",
    )


def conversion_failed(ext: str) -> Problem:
    return Problem(
        "conversion_failed", f"Không chuyển đổi được tệp {ext} để đọc. Đề nghị gửi lại bản .docx hoặc .pdf."
    )


def timeout() -> Problem:
    return Problem(
        "timeout",
        "Tệp xử lý quá lâu hoặc cần quá nhiều bộ nhớ nên đã dừng để bảo đảm an toàn; Phòng sẽ xem thủ công.",
    )


def empty_archive(name: str) -> Problem:
    return Problem("empty_archive", f"Tệp nén «{name}» không chứa tệp báo cáo nào đọc được.")


def internal(name: str) -> Problem:
    return Problem("internal_error", f"Có lỗi khi đọc tệp «{name}»; Phòng sẽ xem thủ công.")

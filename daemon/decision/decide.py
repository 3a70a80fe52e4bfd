"""Does this mail count, for which school and which cycle: one pure function over the evidence, with named reasons.

Read it like a mail filter: the rules in `decide` run top to bottom and the first that fits decides; every reason it
gives has a code, a severity and a sentence for the office staff in `REASONS`. Evidence is gathered elsewhere
(daemon/decision/evidence.py: the sender, the parsed documents, the cycles' windows, what the school already has); nothing
here reads a database, a clock or a mail.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import IntEnum, StrEnum


class Sender(StrEnum):
    OWN = "own"                          # mail this mailbox sent
    MACHINE = "machine"                  # auto-reply, bounce, list, bulk
    STAFF = "staff"                      # an address in office.staff, or the office's own address (not our mail)
    PASS = "registered_pass"             # a school's roster address; its provider's DMARC/DKIM check passed
    NONE = "registered_none"             # a roster address with no authentication result from our provider
    FAIL = "registered_fail"             # a roster address whose authentication failed: may be forged
    UNREGISTERED = "unregistered"        # anyone else


class Trust(IntEnum):
    """Who vouches for a report, highest first; a report replaces the current one only from an equal or higher."""

    OFFICE = 4       # `submit`, a staff decision
    PASS = 3
    NONE = 2
    CLAIM = 1        # a failing roster address, an unregistered one, or staff mail without a command


SENDER_TRUST = {Sender.PASS: Trust.PASS, Sender.NONE: Trust.NONE}


class Severity(StrEnum):
    BLOCKS = "blocks"        # the mail does not count
    PERSON = "person"        # a person must look: a claim waits, a counted report shows needs_review
    INFO = "info"            # said in the receipt or the record, changes nothing


class Outcome(StrEnum):
    COUNTED = "submission"           # a submission of the school for the cycle
    CLAIM = "claim"                  # waits for a person: never current, never mails the school it names
    NOT_SUBMISSION = "not_submission"  # a review item with the reason; nothing counted
    LINK_ONLY = "link_only"          # only cloud links: under review, the school asked for the file
    ANNEX = "annex"                  # attaches to the school's current submission
    NOTICE = "no_attachment"         # a school's mail without any file: the school is told
    DUPLICATE = "duplicate"
    REPLY_TO_US = "reply_to_us"
    STAFF = "staff_command"          # office staff deciding review items by mail
    IGNORED = "ignored"              # machine mail, our own mail, strangers naming no school


@dataclass(frozen=True)
class Reason:
    severity: Severity
    text: str  # for the office staff, plain Vietnamese


# every reason the decision can give, with its severity: one place, read by review items, status and the digest
REASONS: dict[str, Reason] = {
    # who sent it
    "own_mail": Reason(Severity.BLOCKS, "thư do chính hộp thư của Phòng gửi"),
    "machine_mail": Reason(Severity.BLOCKS, "thư tự động (trả lời vắng mặt, thư báo lỗi, thư hàng loạt)"),
    "no_file": Reason(Severity.INFO, "thư không có tệp báo cáo đính kèm"),
    "reply_to_us": Reason(Severity.INFO, "thư trả lời thư tự động của Phòng, không có tệp báo cáo"),
    "stranger_no_file": Reason(Severity.INFO, "người gửi không có trong danh sách trường, thư không có tệp báo cáo"),
    "staff_mail": Reason(Severity.INFO, "thư của cán bộ Phòng, không có lệnh duyệt hay tệp báo cáo"),
    "duplicate_message": Reason(Severity.BLOCKS, "thư này đã được nhận trước đó"),
    "same_files": Reason(Severity.BLOCKS, "các tệp này trùng với báo cáo hiện hành của trường"),
    "unregistered_sender": Reason(Severity.PERSON, "gửi từ địa chỉ chưa đăng ký của trường"),
    "auth_failed": Reason(Severity.PERSON,
                          "thư không qua kiểm tra xác thực người gửi (DMARC/DKIM), có thể bị giả mạo"),
    "staff_forward": Reason(Severity.PERSON, "thư của cán bộ Phòng có tệp báo cáo, không kèm lệnh duyệt"),
    "lower_trust": Reason(Severity.PERSON,
                          "báo cáo hiện hành của trường được xác nhận chắc chắn hơn thư này; cần người quyết định "
                          "có thay thế hay không"),
    # which school
    "names_other_school": Reason(Severity.PERSON, "văn bản ghi tên một trường khác với trường của địa chỉ gửi"),
    "names_unknown_school": Reason(Severity.PERSON, "văn bản ghi tên một trường không có trong danh sách"),
    "several_schools": Reason(Severity.PERSON, "các văn bản trong thư ghi tên nhiều trường khác nhau"),
    "no_school": Reason(Severity.PERSON, "không xác định được thư của trường nào"),
    "subject_only": Reason(Severity.PERSON, "tên trường chỉ có ở tiêu đề thư, văn bản không ghi"),
    # which cycle
    "other_topic": Reason(Severity.BLOCKS, "báo cáo về nội dung khác, không thuộc đợt báo cáo nào đang mở"),
    "wrong_year": Reason(Severity.BLOCKS, "báo cáo ghi năm không thuộc đợt báo cáo nào đang mở"),
    "cycle_closed": Reason(Severity.BLOCKS, "báo cáo thuộc một đợt báo cáo đã đóng hoặc chưa mở"),
    "no_open_cycle": Reason(Severity.BLOCKS, "không có đợt báo cáo nào đang nhận báo cáo vào thời điểm này"),
    "several_cycles": Reason(Severity.PERSON, "các văn bản trong thư thuộc nhiều đợt báo cáo khác nhau"),
    "cycle_by_date": Reason(Severity.PERSON,
                            "văn bản không nêu rõ đợt báo cáo; tạm xếp theo ngày nhận vào đợt đang mở"),
    # what it is
    "not_a_report": Reason(Severity.BLOCKS,
                           "tệp gửi kèm không phải báo cáo (kế hoạch, công văn, biên bản, quyết định...)"),
    "unknown_kind": Reason(Severity.PERSON, "không xác định được đây là báo cáo hay loại văn bản khác"),
    "annex_without_report": Reason(Severity.PERSON, "chỉ có phụ lục hoặc trang ký, trường chưa có báo cáo chính"),
    "link_only": Reason(Severity.PERSON, "thư chỉ có liên kết (Google Drive, OneDrive, Google Docs), không có tệp"),
    "files_over_cap": Reason(Severity.PERSON, "thư có quá nhiều tệp; chỉ đọc các tệp đầu, phần còn lại lưu để xem"),
    "figures_disagree": Reason(Severity.PERSON, "hai tệp trong thư ghi hai số khác nhau cho cùng một chỉ tiêu"),
    # how it was read (the parser's problem codes)
    "unreadable_scan": Reason(Severity.PERSON, "bản scan hoặc ảnh chụp không đọc được chữ"),
    "no_text": Reason(Severity.PERSON, "tệp không có nội dung chữ đọc được"),
    "no_figures": Reason(Severity.PERSON, "không tìm thấy số liệu nào trong báo cáo"),
    "missing_required": Reason(Severity.PERSON, "báo cáo thiếu số liệu bắt buộc"),
    "impossible_value": Reason(Severity.PERSON, "số liệu không hợp lý"),
    "doubtful_value": Reason(Severity.PERSON, "có số liệu đọc được nhưng chưa chắc chắn"),
    "timeout": Reason(Severity.PERSON, "tệp xử lý quá lâu, đã dừng"),
    "internal_error": Reason(Severity.PERSON, "lỗi khi đọc tệp"),
    "converter_missing": Reason(Severity.PERSON, "máy chủ chưa cài LibreOffice để đọc tệp này"),
    "ocr_missing": Reason(Severity.PERSON, "máy chủ chưa cài phần mềm nhận dạng chữ (OCR)"),
    "conversion_failed": Reason(Severity.PERSON, "không chuyển đổi được tệp để đọc"),
    "corrupt": Reason(Severity.PERSON, "tệp bị hỏng"),
    "encrypted": Reason(Severity.PERSON, "tệp có mật khẩu"),
    "unsupported_type": Reason(Severity.INFO, "loại tệp không được hỗ trợ"),
    "too_large": Reason(Severity.PERSON, "tệp quá lớn"),
    "suspicious_archive": Reason(Severity.PERSON, "tệp nén có cấu trúc bất thường"),
    "unsafe_xml": Reason(Severity.PERSON, "tệp chứa khai báo XML không an toàn"),
    "too_many_pages": Reason(Severity.INFO, "tệp quá nhiều trang, chỉ đọc các trang đầu"),
    "empty_archive": Reason(Severity.PERSON, "tệp nén không chứa tệp báo cáo"),
    "unknown_cycle": Reason(Severity.INFO, "văn bản không nêu rõ đợt báo cáo"),
    # what changes for the school
    "replaces_current": Reason(Severity.INFO, "thay thế báo cáo trước đó của trường"),
    "correction_after_due": Reason(Severity.INFO,
                                   "báo cáo điều chỉnh gửi sau hạn; trường vẫn được tính theo báo cáo đầu tiên"),
}
# our own trouble, never the school's fault: its text goes to the office staff, never into a school's mail
OFFICE_ONLY = frozenset({"converter_missing", "ocr_missing", "internal_error", "timeout"})
# the parser's problem codes about cycles: the decision reads them from Document.cycle_problem, not as reading doubts
_CYCLE_PROBLEMS = frozenset({"other_topic", "wrong_year", "unknown_cycle"})
_FIGURE_PROBLEMS = frozenset({"no_figures", "missing_required", "impossible_value"})
REPORT_KINDS = frozenset({"report", "unknown"})
_NOT_REPORTS = frozenset({"plan", "letter", "minutes", "decision", "other"})


def severity(code: str) -> Severity:
    """A code the table does not know (a parser's new problem) waits for a person rather than pass unseen."""
    return REASONS[code].severity if code in REASONS else Severity.PERSON


@dataclass(frozen=True)
class Document:
    """One document read from the mail's files, as the decision needs it."""

    name: str
    kind: str = "report"                # report | annex | plan | letter | minutes | decision | other | unknown
    school_id: str | None = None        # the roster school it names by its whole name
    school_name: str | None = None      # a school it names, on the roster or not
    suggestion: str | None = None       # a roster school with a near name (never attributed)
    cycle: str | None = None            # the cycle its title names, by topic and year
    cycle_problem: str | None = None    # other_topic | wrong_year | unknown_cycle
    problems: tuple[str, ...] = ()      # the parser's problem codes and doubts (doubtful_value)
    number: str | None = None           # "45/BC-THHL"
    has_figures: bool = False


@dataclass(frozen=True)
class Current:
    """What a school already has for a cycle: its current counted submission."""

    trust: int
    on_time: bool
    files: frozenset[str] = frozenset()   # sha256 of its files
    numbers: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Evidence:
    sender: Sender
    sender_school: str | None = None               # the school of the From address on the roster
    subject_school: str | None = None              # a roster school named by its whole name in the subject
    documents: tuple[Document, ...] = ()
    files: frozenset[str] = frozenset()            # sha256 of the mail's report files
    unread_files: int = 0                          # report files over the per-mail cap, kept unread
    links: tuple[str, ...] = ()                    # Google Drive / OneDrive / Docs links in the text
    answers_us: bool = False                       # In-Reply-To / References one of our mails (or a reply prefix before a subject we sent the school)
    duplicate_message: bool = False                # the same Message-ID with no new file
    machine: str | None = None                     # why a machine sent it (auto-reply, bounce ...)
    open_cycles: tuple[str, ...] = ()              # cycles whose window holds the arrival, for the school's level
    subject_cycle: str | None = None               # a cycle the subject names by its keywords
    figures_expected: frozenset[str] = frozenset({"qcn-2024"})  # cycles whose reports carry the plan's figures
    current: Mapping[tuple[str, str], Current] = field(default_factory=dict)  # (school, cycle) -> current


@dataclass(frozen=True)
class Decision:
    outcome: Outcome
    reasons: tuple[str, ...] = ()
    school: str | None = None
    cycle: str | None = None
    suggestion: str | None = None
    trust: int = Trust.CLAIM
    review: str | None = None       # the review item to open: claim | problem | link_only | unmatched
    reply: str | None = None        # the mail the school gets: receipt | notice | not_counted | annex
    replaces: bool = False
    on_time_from: bool | None = None  # set when an earlier report decides on time (a correction)

    @property
    def doubts(self) -> tuple[str, ...]:
        return tuple(r for r in self.reasons if severity(r) is not Severity.INFO)


def decide(e: Evidence) -> Decision:
    """The outcome of one mail and every reason for it: the first rule that fits decides."""
    if e.sender is Sender.OWN:
        return Decision(Outcome.IGNORED, ("own_mail",))
    if e.machine is not None or e.sender is Sender.MACHINE:
        return Decision(Outcome.IGNORED, ("machine_mail",))
    if e.duplicate_message:
        return Decision(Outcome.DUPLICATE, ("duplicate_message",))

    if e.sender is Sender.STAFF and not e.files and not e.unread_files and not e.links:
        return Decision(Outcome.STAFF, ("staff_mail",))
    registered = e.sender in (Sender.PASS, Sender.NONE, Sender.FAIL)
    school, who = _school(e)
    reports = [d for d in e.documents if d.kind in REPORT_KINDS]
    annexes = [d for d in e.documents if d.kind == "annex"]

    if not e.files and not e.unread_files:
        if e.links and school:
            trusted = e.sender in SENDER_TRUST and not who
            cycle = e.subject_cycle if e.subject_cycle in e.open_cycles else _only(e.open_cycles)
            return Decision(Outcome.LINK_ONLY, ("link_only", *who), school, cycle, review="link_only",
                            reply="notice" if trusted else None,
                            trust=SENDER_TRUST.get(e.sender, Trust.CLAIM))
        if e.answers_us:
            return Decision(Outcome.REPLY_TO_US, ("reply_to_us",), school)
        if registered and e.sender is not Sender.FAIL and school == e.sender_school:
            cycle = e.subject_cycle if e.subject_cycle in e.open_cycles else _only(e.open_cycles)
            return Decision(Outcome.NOTICE, ("no_file",), school, cycle, reply="notice")
        return Decision(Outcome.IGNORED, ("stranger_no_file",), school)

    if school is None:
        suggestion = next((d.suggestion for d in e.documents if d.suggestion), None)
        return Decision(Outcome.CLAIM, tuple(dict.fromkeys([*who, "no_school"])), None, _only(e.open_cycles),
                        suggestion, review="unmatched")

    cycle, cycle_reasons, blocked = _cycle(e, reports or annexes)
    trust = _trust(e, who)
    if not reports and not annexes or blocked:
        why = cycle_reasons if reports or annexes else ("not_a_report",)
        if who:  # a stranger's plan, letter or other-topic report: never pinned on the school it names
            return Decision(Outcome.NOT_SUBMISSION, (*why, *who), None, cycle, suggestion=school, review="unmatched")
        return Decision(Outcome.NOT_SUBMISSION, why, school, cycle, trust=trust, review="problem",
                        reply="not_counted")
    assert cycle is not None
    current = e.current.get((school, cycle))
    if trust is Trust.CLAIM:
        return Decision(Outcome.CLAIM, tuple(dict.fromkeys([*who, *cycle_reasons])), school, cycle,
                        review="claim")
    if current is not None and e.files and e.files <= current.files:
        return Decision(Outcome.DUPLICATE, ("same_files",), school, cycle)
    if not reports or (current is not None and all(_signed_copy(d, current) for d in reports)):
        if current is None:
            return Decision(Outcome.NOT_SUBMISSION, ("annex_without_report",), school, cycle, review="problem",
                            reply="not_counted")
        return Decision(Outcome.ANNEX, (), school, cycle, trust=trust, reply="annex")
    if current is not None and current.trust > trust:
        return Decision(Outcome.CLAIM, ("lower_trust", *cycle_reasons), school, cycle, review="claim")
    # an ad hoc request ("báo cáo đột xuất") asks for its own content: the plan's figures are not missing from it
    unasked = _FIGURE_PROBLEMS if cycle not in e.figures_expected else frozenset()
    reading = [p for d in reports for p in d.problems
               if p not in _CYCLE_PROBLEMS | unasked and severity(p) is not Severity.INFO]
    if e.unread_files:
        reading.append("files_over_cap")
    if all(d.kind == "unknown" for d in reports) and not reading:
        reading.append("unknown_kind")  # an unreadable one says so already
    reasons = list(dict.fromkeys([*cycle_reasons, *reading]))
    if current is not None:
        reasons.append("replaces_current")
    return Decision(Outcome.COUNTED, tuple(reasons), school, cycle, trust=trust,
                    review="problem" if any(severity(r) is Severity.PERSON for r in reasons) else None,
                    reply="receipt", replaces=current is not None,
                    on_time_from=current.on_time if current is not None else None)


def _school(e: Evidence) -> tuple[str | None, tuple[str, ...]]:
    """The school the mail is about, and the reasons that make it a claim rather than a submission."""
    named = {d.school_id for d in e.documents if d.school_id and d.kind != "letter"}
    strangers = [d for d in e.documents if d.school_name and not d.school_id and d.kind in REPORT_KINDS]
    own = e.sender_school
    why: list[str] = []
    if e.sender is Sender.FAIL:
        why.append("auth_failed")
    elif e.sender is Sender.STAFF:
        why.append("staff_forward")
    elif e.sender is Sender.UNREGISTERED:
        why.append("unregistered_sender")
    others = named - {own} if own else named
    if len(others) > 1 or (own is None and len(named) > 1):
        return None, (*why, "several_schools")
    if others:
        return next(iter(others)), (*why, "names_other_school") if own else tuple(why)
    if own and not any(d.suggestion != own for d in strangers):
        return own, tuple(why)
    if own:
        return None, (*why, "names_unknown_school")
    if strangers:
        return None, (*why, "names_unknown_school")
    if e.subject_school:
        return e.subject_school, (*why, "subject_only")
    return None, tuple(why)


def _trust(e: Evidence, who: tuple[str, ...]) -> Trust:
    return Trust.CLAIM if who else SENDER_TRUST.get(e.sender, Trust.CLAIM)


def _cycle(e: Evidence, docs: list[Document]) -> tuple[str | None, tuple[str, ...], bool]:
    """(the cycle, reasons, whether those reasons stop it counting)."""
    named = list(dict.fromkeys(d.cycle for d in docs if d.cycle))
    if len(named) > 1:
        return named[0], ("several_cycles",), True
    if named:
        if named[0] in e.open_cycles:
            return named[0], (), False
        return named[0], ("cycle_closed",), True
    problems = {d.cycle_problem for d in docs if d.cycle_problem}
    for code in ("wrong_year", "other_topic"):
        if code in problems:
            return None, (code,), True
    if e.subject_cycle and e.subject_cycle in e.open_cycles:
        return e.subject_cycle, ("cycle_by_date",) if len(e.open_cycles) > 1 else (), False
    if len(e.open_cycles) == 1:
        return e.open_cycles[0], ("cycle_by_date",), False
    if e.open_cycles:
        return e.open_cycles[0], ("several_cycles",), True
    return None, ("no_open_cycle",), True


def _signed_copy(doc: Document, current: Current) -> bool:
    """The signed scan of the report already counted: the same number, no figures of its own."""
    return bool(doc.number) and doc.number in current.numbers and not doc.has_figures


def _only(cycles: tuple[str, ...]) -> str | None:
    return cycles[0] if len(cycles) == 1 else None

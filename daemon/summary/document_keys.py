"""The office keys the signed báo cáo needs, and the official blanks printed when one is missing.

A clerk fills a dotted blank by hand before the head of office signs (the way drafts leave "Số:     /BC-..."),
so a missing key never prints a broken line such as "Kính gửi: ." or a date line without its place.
"""

from __future__ import annotations

from typing import Protocol

# Dotted blanks sized like the words they stand for: a clerk must have room to write the name by hand.
BLANK_SHORT = "." * 16  # a place name ("Điện Biên Phủ")
BLANK_LINE = "." * 40  # an addressee, a signer's name, the parent body


class DocumentKeys(Protocol):
    """What both the config's office and the summary's OfficeInfo carry."""

    @property
    def parent_body(self) -> str | None: ...

    @property
    def place(self) -> str: ...

    @property
    def report_to(self) -> tuple[str, ...]: ...

    @property
    def signer_title(self) -> str: ...

    @property
    def signer_name(self) -> str | None: ...


# key -> (what it fills, an example): the sentence `check` prints for each missing key.
_KEYS = {
    "report_to": (
        "the addressees after 'Kính gửi:' and the list under 'Nơi nhận'",
        "[Sở Giáo dục và Đào tạo tỉnh Điện Biên]",
    ),
    "place": ("the địa danh before the date ('<place>, ngày ... tháng ... năm ...')", "Điện Biên Phủ"),
    "parent_body": (
        "the cơ quan chủ quản line above the office's name in the header",
        "UBND thành phố Điện Biên Phủ",
    ),
    "signer_title": ("the signer's title above the signature", "TRƯỞNG PHÒNG"),
    "signer_name": ("the signer's name under the signature", "Lê Thị Hồng"),
}


def missing_document_keys(office: DocumentKeys) -> list[str]:
    """One warning line per missing key, in the order of the document: empty when the summary is complete."""
    present = {
        "report_to": any(name.strip() for name in office.report_to),
        "place": bool(office.place.strip()),
        "parent_body": bool((office.parent_body or "").strip()),
        "signer_title": bool(office.signer_title.strip()),
        "signer_name": bool((office.signer_name or "").strip()),
    }
    return [
        f"office.{key} is not set: the summary prints the blank '{BLANK_SHORT if key == 'place' else BLANK_LINE}' "
        f"for {what}, for a clerk to fill by hand before signing. Hint: {key}: {example}"
        for key, (what, example) in _KEYS.items()
        if not present[key]
    ]


def addressees(office: DocumentKeys) -> list[str]:
    names = [name.strip() for name in office.report_to if name.strip()]
    return names or [BLANK_LINE]


def place_or_blank(office: DocumentKeys) -> str:
    return office.place.strip() or BLANK_SHORT


def parent_or_blank(office: DocumentKeys) -> str:
    return (office.parent_body or "").strip().upper() or BLANK_LINE


def signer_title_or_blank(office: DocumentKeys) -> str:
    return office.signer_title.strip().upper() or BLANK_LINE


def signer_name_or_blank(office: DocumentKeys) -> str:
    return (office.signer_name or "").strip() or BLANK_LINE


def recipients_list(office: DocumentKeys) -> list[str]:
    """The lines under 'Nơi nhận:': 'Như trên' only when 'Kính gửi' names someone."""
    first = "- Như trên;" if any(name.strip() for name in office.report_to) else f"- {BLANK_LINE};"
    return [first, "- Lưu: VT."]

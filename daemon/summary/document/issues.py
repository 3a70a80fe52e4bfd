"""Section IV of the báo cáo (difficulties and proposals by theme, counted and attributed) and the annex that
keeps each school's own words.

The body never quotes a school: a proposal such as "Đề nghị Phòng GDĐT tổ chức tập huấn..." addressed to the
office itself would read wrong in the office's report upward. The quotes go to the annex, attributed.
"""

from __future__ import annotations

from docx.document import Document

from daemon.summary.document.format import LANDSCAPE_TEXT_WIDTH_CM, LEFT, add_text, format_par
from daemon.summary.document.tables import fill_cell, head_row, new_table
from daemon.summary.model import SchoolResult, SummaryData
from daemon.summary.themes import OTHER, ThemeGroup, group_by_theme, says_nothing, short_school_name
from daemon.summary.totals import reported

# Named schools per theme; beyond it "và N trường khác": section IV stays within two pages for 40+ schools,
# and every name is in the annex anyway.
MAX_NAMED = 5
QUOTES_SIZE = 12
QUOTE_WIDTHS = [1.3, 4.7]  # STT (12 pt bold fits on one line), school (cm); the texts share the rest


def clean(text: str | None) -> str:
    """One paragraph (justified text must not contain hard line breaks, DOMAIN §1.11); '' for "Không có"."""
    text = " ".join((text or "").split()).strip(' "“”')
    return "" if says_nothing(text) else text


def _entries(data: SummaryData, field: str) -> list[tuple[str, str]]:
    return [
        (short_school_name(s.name), text)
        for s in data.schools
        if reported(s) and (text := clean(getattr(s, field)))
    ]


def theme_sentence(group: ThemeGroup, verb: str) -> str:
    """'- 12 trường nêu khó khăn về kinh phí: MN Hoa Ban, TH Him Lam, ... và 4 trường khác.'"""
    names = list(group.schools)
    shown = ", ".join(names[:MAX_NAMED])
    if len(names) > MAX_NAMED:
        shown += f" và {len(names) - MAX_NAMED} trường khác"
    about = "khác" if group.theme is OTHER else f"về {group.theme.label}"
    return f"- {len(names)} trường {verb} {about}: {shown}."


def add_issues_section(doc: Document, data: SummaryData, *, annex: str | None) -> None:
    """Section IV; `annex` is the name of the annex holding the quotes ("Phụ lục II"), None when none quoted."""
    received = sum(1 for s in data.schools if reported(s))
    for number, title, field, verb, none in (
        (
            1,
            "Khó khăn, vướng mắc",
            "difficulties",
            "nêu khó khăn",
            "Các trường không nêu khó khăn, vướng mắc.",
        ),
        (
            2,
            "Đề xuất, kiến nghị",
            "proposals",
            "đề xuất, kiến nghị",
            "Các trường không có đề xuất, kiến nghị.",
        ),
    ):
        _par(doc, f"{number}. {title}", bold=True, keep_next=True)
        entries = _entries(data, field)
        if not entries:
            _par(doc, none)
            continue
        _par(
            doc,
            f"Có {len(entries)}/{received} trường đã gửi báo cáo {verb}, tập trung vào các nội dung sau:",
            keep_next=True,
        )
        for group in group_by_theme(entries):
            _par(doc, theme_sentence(group, verb))
    if annex:
        _par(doc, f"Ý kiến cụ thể của từng trường được tổng hợp tại {annex} kèm theo Báo cáo này.")


def quoted_schools(data: SummaryData) -> list[SchoolResult]:
    return [s for s in data.schools if reported(s) and (clean(s.difficulties) or clean(s.proposals))]


def add_quotes_table(doc: Document, data: SummaryData) -> None:
    """The annex table: each school's difficulties and proposals in its own words."""
    text_width = (LANDSCAPE_TEXT_WIDTH_CM - sum(QUOTE_WIDTHS)) / 2
    schools = quoted_schools(data)
    table = new_table(doc, len(schools) + 1, [*QUOTE_WIDTHS, text_width, text_width])
    head_row(table, ["STT", "Tên trường", "Khó khăn, vướng mắc", "Đề xuất, kiến nghị"], QUOTES_SIZE)
    for i, (row, school) in enumerate(zip(table.rows[1:], schools, strict=True), start=1):
        cells = row.cells
        fill_cell(cells[0], str(i), QUOTES_SIZE)
        fill_cell(cells[1], school.name, QUOTES_SIZE, align=LEFT)
        fill_cell(cells[2], clean(school.difficulties), QUOTES_SIZE, align=LEFT)
        fill_cell(cells[3], clean(school.proposals), QUOTES_SIZE, align=LEFT)


def _par(doc: Document, text: str, *, bold: bool = False, keep_next: bool = False) -> None:
    add_text(format_par(doc.add_paragraph(), keep_next=keep_next), text, bold=bold)

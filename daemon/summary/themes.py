"""Section IV of the báo cáo as a synthesis: the schools' difficulties and proposals grouped by theme.

The rules are plain keyword lists, read top to bottom, that an office clerk can check and extend: a school's
text belongs to every theme one of whose keywords it contains as whole words (case-insensitive, with
diacritics, so "mạng" never matches "mạnh"), and to "khác" (other) when it matches none. A theme is named in
the report as "<n> trường nêu khó khăn về <theme>: <schools>" or "... đề xuất, kiến nghị về <theme>: ...".
Keywords avoid the syllables whose tone mark is placed two ways ("hòa"/"hoà", "thủy"/"thuỷ"); text is
compared after NFC normalisation.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass


@dataclass(frozen=True)
class Theme:
    key: str
    label: str  # as it reads after "về": "kinh phí", "tài liệu tuyên truyền"
    keywords: tuple[str, ...]


THEMES = (
    Theme(
        "funding",
        "kinh phí",
        ("kinh phí", "ngân sách", "chi phí", "tài chính", "nguồn vốn", "nguồn lực tài chính"),
    ),
    Theme(
        "materials",
        "tài liệu tuyên truyền",
        (
            "tài liệu",
            "ấn phẩm",
            "tờ rơi",
            "áp phích",
            "pano",
            "panô",
            "băng rôn",
            "sách báo",
            "tủ sách",
            "học liệu",
        ),
    ),
    Theme(
        "training",
        "tập huấn, bồi dưỡng",
        ("tập huấn", "bồi dưỡng", "kỹ năng", "kĩ năng", "nâng cao năng lực"),
    ),
    Theme(
        "facilities",
        "cơ sở vật chất, trang thiết bị",
        (
            "cơ sở vật chất",
            "csvc",
            "thiết bị",
            "trang thiết bị",
            "máy chiếu",
            "máy tính",
            "loa",
            "âm thanh",
            "phòng học",
            "internet",
            "đường truyền",
            "wifi",
            "ti vi",
            "tivi",
            "màn hình",
        ),
    ),
    Theme(
        "staffing",
        "nhân lực",
        (
            "nhân lực",
            "nhân sự",
            "kiêm nhiệm",
            "thiếu giáo viên",
            "biên chế",
            "cán bộ phụ trách",
            "thiếu người",
        ),
    ),
    Theme(
        "language",
        "ngôn ngữ, học sinh dân tộc thiểu số",
        (
            "dân tộc thiểu số",
            "tiếng việt",
            "tiếng dân tộc",
            "song ngữ",
            "tiếng thái",
            "tiếng mông",
            "ngôn ngữ",
        ),
    ),
    Theme(
        "time",
        "thời gian",
        (
            "thiếu thời gian",
            "quỹ thời gian",
            "thời gian còn hạn chế",
            "thời gian hạn chế",
            "quá tải",
            "chồng chéo",
        ),
    ),
    Theme(
        "cooperation",
        "phối hợp với gia đình, địa phương",
        ("phụ huynh", "cha mẹ học sinh", "gia đình", "chính quyền", "địa phương", "phối hợp"),
    ),
    Theme(
        "area",
        "địa bàn, đi lại",
        ("địa bàn", "vùng sâu", "vùng xa", "đi lại", "điểm trường", "xa xôi", "giao thông"),
    ),
    Theme(
        "online",
        "thông tin trên mạng, tin giả",
        ("tin giả", "tin xấu độc", "xấu độc", "mạng xã hội", "an ninh mạng", "thông tin sai"),
    ),
)
OTHER = Theme("other", "nội dung khác", ())


@dataclass(frozen=True)
class ThemeGroup:
    theme: Theme
    schools: tuple[str, ...]  # in the order given


def _pattern(theme: Theme) -> re.Pattern[str]:
    words = sorted((re.escape(k) for k in theme.keywords), key=len, reverse=True)
    return re.compile(r"(?<!\w)(?:" + "|".join(words) + r")(?!\w)", re.IGNORECASE)


_PATTERNS = {theme.key: _pattern(theme) for theme in THEMES}


def themes_of(text: str) -> list[Theme]:
    """Every theme the text speaks of, in the order of THEMES; [OTHER] when none."""
    normal = unicodedata.normalize("NFC", text).lower()
    found = [theme for theme in THEMES if _PATTERNS[theme.key].search(normal)]
    return found or [OTHER]


# "Không có.", "Không có khó khăn gì", "Chưa có": a school that wrote the heading and nothing under it.
_NOTHING = re.compile(
    r"^\W*(?:không|chưa)(?:\s+(?:có|gì|nêu))*(?:\s+(?:khó khăn|vướng mắc|đề xuất|kiến nghị|gì)[\s,]*)*\W*$",
    re.IGNORECASE,
)


def says_nothing(text: str) -> bool:
    return not text.strip() or bool(_NOTHING.match(unicodedata.normalize("NFC", text).strip()))


def group_by_theme(entries: list[tuple[str, str]]) -> list[ThemeGroup]:
    """(school, text) pairs -> groups, the most-cited theme first, 'nội dung khác' always last."""
    members: dict[str, list[str]] = {}
    for school, text in entries:
        if says_nothing(text):
            continue
        for theme in themes_of(text):
            names = members.setdefault(theme.key, [])
            if school not in names:
                names.append(school)
    order = {theme.key: i for i, theme in enumerate((*THEMES, OTHER))}
    groups = [
        ThemeGroup(theme, tuple(members[theme.key])) for theme in (*THEMES, OTHER) if theme.key in members
    ]
    return sorted(groups, key=lambda g: (g.theme is OTHER, -len(g.schools), order[g.theme.key]))


_SHORT_LEVELS = (
    ("Tiểu học và Trung học cơ sở", "TH&THCS"),
    ("Trung học cơ sở", "THCS"),
    ("Mầm non", "MN"),
    ("Tiểu học", "TH"),
)


def short_school_name(name: str) -> str:
    """'Trường Mầm non Hoa Ban' -> 'MN Hoa Ban': the usual abbreviations of an education office's reports."""
    short = re.sub(r"^\s*trường\s+", "", name.strip(), flags=re.IGNORECASE)
    for long, abbr in _SHORT_LEVELS:
        if short.lower().startswith(long.lower()):
            return abbr + short[len(long) :]
    return short

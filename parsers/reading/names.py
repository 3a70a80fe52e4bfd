"""School names in free text: a school is its whole name (level + proper name), compared tone-aware.

"Thanh Xương" is never "Thanh Trường", "Him Lam 2" never "Him Lam", "Tiểu học số 3 Nà Nhạn" never
"THCS Nà Nhạn". A near miss is only ever suggested (suggest_school), never attributed (match_school).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from parsers.model import SchoolRef
from parsers.reading.keys import fold, tone_key

# (folded words, level): longest first, so "tieu hoc va trung hoc co so" is not read as "th" + "thcs"
_LEVEL_PHRASES: tuple[tuple[tuple[str, ...], str], ...] = tuple(
    sorted(
        [
            (("tieu", "hoc", "va", "trung", "hoc", "co", "so"), "ththcs"),
            (("tieu", "hoc", "trung", "hoc", "co", "so"), "ththcs"),
            (("tieu", "hoc", "va", "thcs"), "ththcs"),
            (("tieu", "hoc", "thcs"), "ththcs"),
            (("th", "va", "thcs"), "ththcs"),
            (("th", "thcs"), "ththcs"),
            (("ththcs",), "ththcs"),
            (("trung", "hoc", "co", "so"), "thcs"),
            (("thcs",), "thcs"),
            (("tieu", "hoc"), "th"),
            (("th",), "th"),
            (("mam", "non"), "mn"),
            (("mau", "giao"), "mn"),
            (("mn",), "mn"),
            (("mg",), "mn"),
        ],
        key=lambda p: -len(p[0]),
    )
)
# "Phổ thông dân tộc bán trú/nội trú" goes before a level ("PTDTBT TH ..."): part of the type, not the name
_PREFIXES = frozenset({"ptdtbt", "ptdtnt"})
# words that may follow a school's name without being part of it ("Trường TH Him Lam gửi báo cáo")
_FOLLOWERS = frozenset(
    "bao gui kinh nam ve xin phuong xa tp tinh huyen nop da co thuc trien tai voi va tren cua dia chi hoc ke"
    " ubnd phong dang trong the to bc vv cv qcn hieu email dt".split()
)
_FOLLOWING_PAIRS = frozenset({("thanh", "pho"), ("dien", "bien"), ("so", "dien"), ("dien", "thoai")})
_WORD = re.compile(r"[^\W_]+")
# "số" with a colon after a name is the number line glued on, not a "số 2" that names another school
_BOUNDARY = re.compile(r"[,;:()\[\]|–—\n_]|\s-\s|\.\s")


@dataclass(frozen=True)
class Token:
    text: str  # as written (NFC)
    folded: str
    toned: str  # tone_key: "hoà" and "hòa" agree, "hoa" and "hòa" do not
    start: int
    end: int


@dataclass(frozen=True)
class Named:
    """A school name as a text writes it: its level (None when none is written) and proper name."""

    level: str | None
    proper: tuple[Token, ...]
    start: int  # where the written name starts ("Trường", or the level, or the proper name)
    end: int

    def written(self, text: str) -> str:
        return " ".join(text[self.start : self.end].split())


def tokenize(text: str) -> list[Token]:
    text = unicodedata.normalize("NFC", text)
    return [Token(m[0], fold(m[0]), tone_key(m[0]), m.start(), m.end()) for m in _WORD.finditer(text)]


def _level_at(tokens: Sequence[Token], i: int) -> tuple[str, int] | None:
    """(level, number of tokens) of a level phrase starting at tokens[i]."""
    for phrase, level in _LEVEL_PHRASES:
        n = len(phrase)
        if tuple(t.folded for t in tokens[i : i + n]) == phrase:
            return level, n
    return None


@dataclass(frozen=True)
class RosterName:
    school: SchoolRef
    level: str | None
    proper: tuple[Token, ...]


def roster_names(schools: Sequence[SchoolRef]) -> list[RosterName]:
    out = []
    for school in schools:
        for form in (school.name, *school.aliases):
            tokens = tokenize(form)
            i = 1 if tokens and tokens[0].folded == "truong" else 0
            while i < len(tokens) and tokens[i].folded in _PREFIXES:
                i += 1
            found = _level_at(tokens, i)
            level, i = (found[0], i + found[1]) if found else (None, i)
            if tokens[i:]:
                out.append(RosterName(school, level, tuple(tokens[i:])))
    return out


def _same(text_tokens: Sequence[Token], name: Sequence[Token]) -> bool:
    """Tone-aware equality; a name written with no diacritics at all ("thanh hoa") is compared folded."""
    if [t.folded for t in text_tokens] != [t.folded for t in name]:
        return False
    bare = all(t.text.lower() == t.folded for t in text_tokens)
    return bare or [t.toned for t in text_tokens] == [t.toned for t in name]


def _ends_name(text: str, tokens: Sequence[Token], j: int) -> bool:
    """Whether the name that ends before tokens[j] ends there: no number, no further proper word."""
    if j >= len(tokens) or _BOUNDARY.search(text[tokens[j - 1].end : tokens[j].start]):
        return True
    nxt = tokens[j]
    if nxt.folded == "so" and text[nxt.end :].lstrip().startswith(":"):
        return True  # the "Số:" line glued on
    if nxt.folded.isdigit():
        return len(nxt.folded) == 4 and nxt.folded.startswith(("19", "20"))  # a year, not "Him Lam 2"
    if nxt.folded == "v" and text[nxt.end : nxt.end + 1] == "/":
        return True  # "V/v ...", a công văn's trích yếu
    if re.fullmatch(r"[ivx]+", nxt.folded):
        return False  # "Nà Nhạn II"
    pair = (nxt.folded, tokens[j + 1].folded if j + 1 < len(tokens) else "")
    if nxt.folded in _FOLLOWERS or pair in _FOLLOWING_PAIRS:
        return True
    return _cased(text) and nxt.text[:1].islower()


def _cased(text: str) -> bool:
    """Whether capitals mean something in the text (not all capitals, not all lower case)."""
    return any(c.islower() for c in text) and any(c.isupper() for c in text)


def _level_before(tokens: Sequence[Token], i: int) -> tuple[str, int] | None:
    """The level phrase that ends right before tokens[i], and where it starts."""
    for phrase, level in _LEVEL_PHRASES:
        n = len(phrase)
        if i - n >= 0 and tuple(t.folded for t in tokens[i - n : i]) == phrase:
            return level, i - n
    return None


def _start_of(tokens: Sequence[Token], at: int) -> int:
    """Include "Trường" (and a PTDTBT prefix) before a level phrase in the written name."""
    while at > 0 and tokens[at - 1].folded in (_PREFIXES | {"truong"}):
        at -= 1
    return tokens[at].start


def _hits(text: str, names: Sequence[RosterName]) -> list[tuple[RosterName, str | None, int, int]]:
    """Every place a roster proper name stands in the text as a whole name: (name, level written, start, end)."""
    tokens = tokenize(text)
    text = unicodedata.normalize("NFC", text)
    out = []
    for name in names:
        n = len(name.proper)
        for i in range(len(tokens) - n + 1):
            if not _same(tokens[i : i + n], name.proper) or not _ends_name(text, tokens, i + n):
                continue
            before = _level_before(tokens, i)
            start = _start_of(tokens, before[1]) if before else tokens[i].start
            if before is None and i > 0 and (tokens[i - 1].folded == "so" or tokens[i - 1].folded.isdigit()):
                continue  # "số 1 Nà Nhạn" is not "Nà Nhạn"
            out.append((name, before[0] if before else None, start, tokens[i + n - 1].end))
    return out


def match_school(text: str, schools: Sequence[SchoolRef]) -> SchoolRef | None:
    """The one roster school the text names by its whole name; None when none or several do.

    A level written beside the name must be the school's; a name written with no level counts only when
    exactly one roster school has that proper name."""
    names = roster_names(schools)
    found: dict[str, SchoolRef] = {}
    for name, level, _, _ in _hits(text, names):
        if level is not None and level == name.level:
            found[name.school.id] = name.school
        elif level is None:
            owners = {r.school.id for r in names if _same(name.proper, r.proper)}
            if len(owners) == 1:
                found[name.school.id] = name.school
    return next(iter(found.values())) if len(found) == 1 else None


def find_named(text: str) -> Named | None:
    """The first school name written in the text ("Trường ..."/a level word + a proper name), on roster or not."""
    tokens = tokenize(text)
    text = unicodedata.normalize("NFC", text)
    for i in range(len(tokens)):
        if tokens[i].folded in _PREFIXES or tokens[i].folded == "truong" and _level_at(tokens, i + 1) is None:
            continue
        found = _level_at(tokens, i)
        if found is None:
            continue
        level, j = found[0], i + found[1]
        while j < len(tokens) and tokens[j].folded in _PREFIXES:
            j += 1
        k = j
        while k < len(tokens) and (k == j or _goes_on(text, tokens, k)):
            k += 1
        if k > j:
            return Named(level, tuple(tokens[j:k]), _start_of(tokens, i), tokens[k - 1].end)
    return None


def _goes_on(text: str, tokens: Sequence[Token], k: int) -> bool:
    """Whether tokens[k] still belongs to a name being read (numbers do: "Him Lam 2")."""
    if _BOUNDARY.search(text[tokens[k - 1].end : tokens[k].start]):
        return False
    nxt = tokens[k]
    if nxt.folded == "so" and text[nxt.end :].lstrip().startswith(":"):
        return False
    if nxt.folded.isdigit():
        return not (len(nxt.folded) == 4 and nxt.folded.startswith(("19", "20")))
    pair = (nxt.folded, tokens[k + 1].folded if k + 1 < len(tokens) else "")
    if (
        nxt.folded in _FOLLOWERS
        and nxt.folded not in ("hoc", "dang", "the", "to", "tinh")
        or pair in _FOLLOWING_PAIRS
    ):
        return False
    return not _cased(text) or not nxt.text[:1].islower()


def _edit_distance_at_most_one(a: str, b: str) -> bool:
    if abs(len(a) - len(b)) > 1:
        return False
    if len(a) > len(b):
        a, b = b, a
    i = 0
    while i < len(a) and a[i] == b[i]:
        i += 1
    return a[i:] == b[i + 1 :] or a[i + 1 :] == b[i + 1 :]


def _nearness(written: Sequence[Token], roster: Sequence[Token]) -> int:
    """1: the same letters with other tones; 2: one letter apart (folded, spaces ignored); 3: one syllable more
    or less at either end ("Him Lam 2" / "Him Lam"); 4: one syllable of several replaced; 0: not near."""
    a, b = [t.folded for t in written], [t.folded for t in roster]
    if "".join(a) == "".join(b):
        return 1
    if _edit_distance_at_most_one("".join(a), "".join(b)):
        return 2
    short, long_ = sorted((a, b), key=len)
    if len(long_) == len(short) + 1 and short and short in (long_[1:], long_[:-1]):
        return 3
    return 4 if len(a) == len(b) > 1 and sum(x != y for x, y in zip(a, b, strict=True)) == 1 else 0


# levels that share pupils: a TH-THCS school is the nearest other level for a "TH" or "THCS" name
_KIN = {"ththcs": {"th", "thcs"}, "th": {"ththcs"}, "thcs": {"ththcs"}}


def suggest_school(text: str, schools: Sequence[SchoolRef]) -> SchoolRef | None:
    """A near miss for a name no roster school strictly matches: the same level and a proper name one letter
    or one syllable away, or the same proper name at another level. None when none or several fit."""
    named = find_named(text)
    if named is None or match_school(text, schools) is not None:
        return None
    names = roster_names(schools)

    def same_level(tier: int) -> dict[str, SchoolRef]:
        return {
            r.school.id: r.school
            for r in names
            if r.level == named.level and _nearness(named.proper, r.proper) == tier
        }

    for tier in (1, 2, 3):
        if found := same_level(tier):
            return next(iter(found.values())) if len(found) == 1 else None
    other = {
        r.school.id: r
        for r in names
        if r.level != named.level and [t.folded for t in r.proper] == [t.folded for t in named.proper]
    }
    kin = {k: r for k, r in other.items() if r.level in _KIN.get(named.level or "", set())} or other
    if kin:
        return next(iter(kin.values())).school if len(kin) == 1 else None
    found = same_level(4)
    return next(iter(found.values())) if len(found) == 1 else None


def tone_twin(text: str, schools: Sequence[SchoolRef]) -> SchoolRef | None:
    """The one roster school whose whole name the text writes with other tone marks or none ("MN TUỐI THƠ" for
    Tuổi Thơ): what OCR gets wrong most in a name. Never a strict match; None when none or several fit."""
    named = find_named(text)
    if named is None or named.level is None:
        return None
    folded = [t.folded for t in named.proper]
    found = {
        r.school.id: r.school
        for r in roster_names(schools)
        if r.level == named.level and [t.folded for t in r.proper] == folded
    }
    return next(iter(found.values())) if len(found) == 1 else None


def name_in(text: str, schools: Sequence[SchoolRef]) -> tuple[SchoolRef | None, str | None]:
    """(the roster school strictly named, the school name as the text writes it, on the roster or not)."""
    school = match_school(text, schools)
    if school is not None:
        names = [r for r in roster_names(schools) if r.school.id == school.id]
        hit = next(iter(_hits(text, names)), None)
        if hit is not None:
            start = hit[2]
            tokens = tokenize(text)
            at = next((i for i, t in enumerate(tokens) if t.start == start), 0)
            if hit[1] is None and at > 0 and tokens[at - 1].folded == "truong":
                start = tokens[at - 1].start
            return school, " ".join(unicodedata.normalize("NFC", text)[start : hit[3]].split())
    named = find_named(text)
    return school, (named.written(unicodedata.normalize("NFC", text)) if named else None)

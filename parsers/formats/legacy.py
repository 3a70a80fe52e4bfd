"""Pre-Unicode Vietnamese: TCVN3 (ABC, fonts .VnTime/.VnTimeH) and VNI-Windows, decoded per run."""

from __future__ import annotations

import re
import unicodedata

# byte (as its Latin-1 code point) -> letter, for the lower-case ABC fonts; verified against iconv TCVN5712-1
_TCVN3_PAIRS = (
    "¡Ă ¢Â £Ê ¤Ô ¥Ơ ¦Ư §Đ ¨ă ©â ªê «ô ¬ơ \u00adư ®đ µà ¶ả ·ã ¸á ¹ạ »ằ ¼ẳ ½ẵ ¾ắ Æặ Çầ Èẩ Éẫ Êấ Ëậ Ìè Îẻ Ïẽ "
    "Ðé Ñẹ Òề Óể Ôễ Õế Öệ ×ì Øỉ Üĩ Ýí Þị ßò áỏ âõ ãó äọ åồ æổ çỗ èố éộ êờ ëở ìỡ íớ îợ ïù ñủ òũ óú ôụ õừ "
    "öử ÷ữ øứ ùự úỳ ûỷ üỹ ýý þỵ"
)
TCVN3 = {pair[0]: pair[1] for pair in _TCVN3_PAIRS.split(" ")}

_VNI_TONES_LOWER = {"ø": "\u0300", "ù": "\u0301", "û": "\u0309", "õ": "\u0303", "ï": "\u0323"}
_VNI_HAT_LOWER = {"á": "\u0301", "à": "\u0300", "å": "\u0309", "ã": "\u0303", "ä": "\u0323"}
_VNI_BREVE_LOWER = {"é": "\u0301", "è": "\u0300", "ú": "\u0309", "ü": "\u0303", "ë": "\u0323"}


def _build_vni() -> dict[str, str]:
    table: dict[str, str] = {}

    def add(key: str, base: str, *marks: str) -> None:
        table[key] = unicodedata.normalize("NFC", base + "".join(marks))
        table[key.upper()] = unicodedata.normalize("NFC", base.upper() + "".join(marks))

    for vowel in "aeiouy":
        for mark, tone in _VNI_TONES_LOWER.items():
            add(vowel + mark, vowel, tone)
    for vowel in "aeo":
        add(vowel + "â", vowel, "\u0302")
        for mark, tone in _VNI_HAT_LOWER.items():
            add(vowel + mark, vowel, "\u0302", tone)
    add("aê", "a", "\u0306")
    for mark, tone in _VNI_BREVE_LOWER.items():
        add("a" + mark, "a", "\u0306", tone)
    for key, base in (("ô", "ơ"), ("ö", "ư")):
        add(key, base)
        for mark, tone in _VNI_TONES_LOWER.items():
            add(key + mark, base, tone)
    for key, letter in (("ñ", "đ"), ("æ", "ỉ"), ("ó", "ĩ"), ("ò", "ị"), ("î", "ỵ")):
        add(key, letter)
    return table


VNI = _build_vni()
_VNI_RE = re.compile("|".join(sorted(map(re.escape, VNI), key=len, reverse=True)))

# Latin-1 letters that Unicode Vietnamese uses itself; they prove nothing about a legacy encoding
_VIET_LATIN1 = set("àáâãèéêìíòóôõùúýÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝ")
_LEGACY_SIGNS = set(TCVN3) - _VIET_LATIN1
# ABC symbols that VNI never produces: their presence decides for TCVN3
_TCVN3_ONLY = set("µ¶·¸¹»¼½¾¨©ª«¬\u00ad®¡¢£¤¥¦§ÇÐÞßþ")
_VNI_SIGNS = set("øûïäåëüöñæîØÛÏÄÅËÜÖÑÆÎ")
_UNICODE_VIET = re.compile(r"[ăđơưĂĐƠƯ\u1ea0-\u1ef9]")  # not in Latin-1, so never legacy bytes


def font_encoding(font: str | None) -> str | None:
    """'tcvn3', 'tcvn3-upper' or 'vni' from a font name, None for a Unicode font."""
    if not font:
        return None
    name = font.strip().lower()
    if name.startswith(".vn"):
        return "tcvn3-upper" if name.endswith("h") else "tcvn3"
    if name.startswith("vni"):
        return "vni"
    return None


def decode_tcvn3(text: str, *, upper: bool = False) -> str:
    out = "".join(TCVN3.get(c, c) for c in text)
    return unicodedata.normalize("NFC", out.upper() if upper else out)


def decode_vni(text: str) -> str:
    return unicodedata.normalize("NFC", _VNI_RE.sub(lambda m: VNI[m.group(0)], text))


def decode(text: str, encoding: str | None) -> str:
    if encoding == "tcvn3":
        return decode_tcvn3(text)
    if encoding == "tcvn3-upper":
        return decode_tcvn3(text, upper=True)
    if encoding == "vni":
        return decode_vni(text)
    return text


def guess_encoding(text: str) -> str | None:
    """Legacy encoding of text that came without a font name (PDF, plain text), by its characters."""
    if _UNICODE_VIET.search(text):
        return None  # already Unicode: decoding it would destroy real letters
    letters = sum(c.isalpha() for c in text)
    signs = sum(c in _LEGACY_SIGNS or c in _VNI_SIGNS for c in text)
    # one stray symbol in a short line is not evidence; Vietnamese legacy text has one every few letters
    if signs < 2 or signs * 12 < letters:
        return None
    return "tcvn3" if any(c in _TCVN3_ONLY for c in text) else "vni"


def repair(text: str) -> str:
    """Decode legacy-encoded text found without font evidence; Unicode text comes back unchanged."""
    return decode(text, guess_encoding(text))

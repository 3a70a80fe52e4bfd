"""Metric values from prose, one sentence at a time: "label: value", value + label, fractions, negation."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence
from dataclasses import dataclass

from parsers.blocks import Paragraph
from parsers.model import MetricSpec, Provenance
from parsers.reading.keys import fold, fold_chars, words
from parsers.reading.labels import MIN_SCORE, LabelIndex, Match, allowed
from parsers.reading.numbers import LEADERS, Number, find_numbers, parse_value

# words that turn what follows in the sentence into a goal, not a result
TARGET_RE = re.compile(
    r"phan dau|chi tieu|muc tieu|den nam 20\d\d|den het nam|du kien|ke hoach de ra|se to chuc|se thuc hien"
    r"|nam toi|tiep tuc to chuc|dang ky|giao chi tieu"
)
_SENTENCE = re.compile(r"(?<=[.;!?])\s+|\n")
_AFFIRM = re.compile(r"\b(da|co|thuc hien|duy tri|phan cong|cu|ban hanh|trien khai)\b")
_NEGATE = re.compile(r"\b(chua|khong)\b")
_MAX_CONTEXT_WORDS = 12
_SENT = re.compile(r"\bcu\s*$")
_TRAINING = re.compile(r"\b(?:tap huan|boi duong)\b")
_SPELLED = re.compile(r"^\s*\([^()\d]{1,40}\)")
_PART_CLAUSE = re.compile(r"\btrong (?:số )?đó\b|;", re.IGNORECASE)
# a figure OCR read with low confidence keeps its value, with the confidence a doubtful table cell gets
DOUBTFUL_FACTOR = 0.6
# "- Số cuộc triển lãm ... đã tổ chức hoặc tham gia: 03." / "...: Có thực hiện." / "...: không có." / "...: 25 người
# (số liệu tập huấn báo cáo sau)."
_LABEL_VALUE = re.compile(
    r"^[\s\-+•*]*(?P<label>[^:]{6,220}?)\s*:\s*(?P<value>[^:]{1,40}?)(?:\s*\([^():]*\))?[\s.;]*$"
)
# the words that make a figure a sentence's total: "nâng tổng số buổi ... lên 22", "tổng cộng 22 buổi"
_TOTAL_BEFORE = re.compile(r"\b(?:tong so|tong cong|tat ca|ca nam)\b(?:(?!\d).)*$|\blen\s*$")
# two metrics in brackets and their figures in order: "(phát hiện / đã phối hợp xử lý): 02/01"
_PAIR = re.compile(r"\((?P<a>[^()/:]{3,60})/(?P<b>[^()/:]{3,60})\)\s*:\s*(?P<x>\d{1,5})\s*/\s*(?P<y>\d{1,5})\b")
# a heading's words before a yes/no metric's name, nothing after it: "3. Thực hiện ", "b) Về "
_HEADING_BEFORE = re.compile(r"\s*(?:(?:[ivx]{1,4}|\d{1,2}(?:\.\d{1,2})*|[a-z])\s*[.)])?\s*(?:thuc hien|ve|viec)?\s*")
# "17/21" and not a date (15/3/2024), a document number (45/BC) or a school's name (Mầm non 20/10: 20 > 10)
_FRACTION = re.compile(r"(?<![\w/.,])(\d{1,4})\s*/\s*(\d{1,4})(?![\w/]|[.,]\d)")
# the same said in words: "cử 20 (hai mươi) đồng chí (trên tổng số 22 đồng chí CBQL, GV chủ chốt)" (folded text)
_OF_TOTAL = re.compile(
    r"(?<![\w/.,])(\d{1,4})(?:\s*\([a-z ]*\))?(?:\s+[a-z]+){0,3}\s*[(,]?\s*(?:tren|trong)\s+(?:tong\s+)?so\s+(\d{1,4})\b"
)
# "không phát hiện tin giả nào": nothing of it, stated as such (a few words may sit between)
# ("không tổ chức, không tham gia cuộc triển lãm nào"), but "không chỉ", "không những" (not only) say yes
_NONE_BEFORE = re.compile(r"\b(khong|chua)(?! chi\b| nhung\b)(?: co)?(?: \w+){0,3}\s*$")
# "không có tin nào phải phối hợp xử lý": a zero counted in the unit before "nào", the metric named after it
_NONE_OF = re.compile(r"\b(?:khong|chua) (?:co |thay |(?P<verb>phat hien) )?(?P<unit>\w+(?:,? \w+){0,4}?) nao\b")


@dataclass(frozen=True)
class Candidate:
    key: str
    value: int | float | bool | str
    confidence: float
    provenance: Provenance


def confidence(match: Match, base: float) -> float:
    if match.margin >= 0.3:
        return base
    return min(base, 0.8 if match.margin >= 0.15 else 0.55)


def _numbering(sentence: str, num: Number) -> bool:
    """ "2 Số lượt người ... 1.476": the row number of an OCR'd table line, not a figure."""
    rest = sentence[num.end :]
    return not sentence[: num.start].strip(" |[(") and bool(re.match(r"\s*[.,)]?\s+[A-ZĐ\u00c0-\u1ef8]", rest))


def _misread(text: str, start: int, end: int, doubtful: Sequence[str]) -> bool:
    """Whether text[start:end], a figure, stands in a word OCR read with low confidence ("1B" read as 18)."""
    if not doubtful:
        return False
    words_at = [
        m for m in re.finditer(r"\S+", text) if m.start() < end and start < m.end() and re.search(r"\d", m[0])
    ]
    cores = {w.strip(" .,;:()") for w in doubtful}
    return any(m[0] in doubtful or m[0].strip(" .,;:()") in cores for m in words_at)


def _heading(sentence: str, num: Number) -> bool:
    """ "5, Phát hiện, xử lý tin giả ...": a numbered heading (OCR reads its "5." as "5,"), its only number the
    item's, not a figure."""
    return bool(re.match(r"[.,)]\s+[A-ZĐ\u00c0-\u1ef8]", sentence[num.end :]))


def _counted_in(spec: MetricSpec, right: str) -> bool:
    """Whether the words right after a figure are one of the metric's units ("05 buổi", "212 lượt")."""
    after = f"{' '.join(words(right)[:3])} "
    return any(after.startswith(f"{' '.join(words(u))} ") for u in spec.units)


def _only_unit(spec: MetricSpec, value: str) -> bool:
    """A form's blank left empty: only the metric's unit is printed after it ("...:  buổi")."""
    return any(words(value) == words(u) for u in spec.units)


def _unit_fits(spec: MetricSpec, right: str) -> bool:
    """A figure followed by a word is counted in that word: "04 băng rôn" is no number of sessions."""
    if not spec.units or not re.match(r"\s*[^\W\d_]", right):
        return True  # no units known, or "...: 12." / "12, ...": nothing is counted right after it
    return _counted_in(spec, right)


class ProseReader:
    def __init__(self, specs: Sequence[MetricSpec], index: LabelIndex) -> None:
        self.specs = tuple(specs)
        self.index = index
        self.bounded = {s.key: s.at_most for s in specs if s.at_most}
        self.wholes = {whole: part for part, whole in self.bounded.items()}
        self.unread: dict[str, str] = {}  # metric -> a "label: value" line whose value could not be read

    def read(self, para: Paragraph) -> list[Candidate]:
        out: list[Candidate] = []
        # a form's dotted or underlined blanks ("....34.... người"), as spaces so that positions stay
        text = LEADERS.sub(lambda m: " " * len(m[0]), para.text)
        for sentence in _SENTENCE.split(text):
            sentence = sentence.strip()
            if not sentence:
                continue
            prov = Provenance("prose", para.page, None, None, sentence, "sentence")
            folded = fold_chars(sentence)
            target = TARGET_RE.search(folded)
            cut = target.start() if target else len(sentence)
            pair = self._pair(sentence[:cut], prov)
            if pair:
                out.extend(pair)
                continue
            labelled = self._label_value(sentence[:cut], prov)
            if labelled is not None:
                if _misread(sentence, sentence.rfind(":") + 1, len(sentence), para.doubtful):
                    labelled = dataclasses.replace(labelled, confidence=labelled.confidence * DOUBTFUL_FACTOR)
                out.append(labelled)
                # "...được tập huấn: 14 đồng chí (trên tổng số 30 đồng chí chủ chốt)": the whole comes with it
                whole = self.bounded.get(labelled.key)
                for m in _OF_TOTAL.finditer(folded[:cut]):
                    if whole and int(m[1]) == labelled.value and int(m[1]) <= int(m[2]):
                        out.append(Candidate(whole, int(m[2]), labelled.confidence, labelled.provenance))
                continue
            fractions = [*_FRACTION.finditer(sentence[:cut]), *_OF_TOTAL.finditer(folded[:cut])]
            found = self._fractions(sentence[:cut], fractions, prov)
            if any(_misread(sentence, m.start(), m.end(), para.doubtful) for m in fractions):
                found = [dataclasses.replace(c, confidence=c.confidence * DOUBTFUL_FACTOR) for c in found]
            taken = [(m.start(), m.end()) for m in fractions] if found else []
            numbers = [n for n in find_numbers(sentence) if n.start < cut]
            numbers = [n for n in numbers if not any(a <= n.start < b for a, b in taken)]
            totals, inner = [False] * len(found), [False] * len(found)
            for i, num in enumerate(numbers):
                if i == 0 and (len(numbers) > 1 or _heading(sentence, num)) and _numbering(sentence, num):
                    continue
                prev_end = numbers[i - 1].end if i else 0
                next_start = numbers[i + 1].start if i + 1 < len(numbers) else cut
                left, right = sentence[prev_end : num.start], sentence[num.end : next_start]
                # between two figures, words after a comma name the next one ("phát hiện 02 tin giả, phối hợp
                # xử lý 01 tin"): each figure is read with its own clause
                if i + 1 < len(numbers) and not numbers[i + 1].percent and "," in right:
                    right = right.rsplit(",", 1)[0]
                if i and not numbers[i - 1].percent and "," in left:
                    left = left.split(",", 1)[1]
                cand = self._number(num, left, right)
                if cand is not None and cand[0] in self.wholes and _SENT.search(fold(left)) and _TRAINING.search(folded):
                    # "cử 04 đồng chí CBQL, GV chủ chốt ... tham dự lớp tập huấn": those sent, not all of them
                    cand = (self.wholes[cand[0]], cand[1], cand[2])
                if cand is not None:
                    doubt = DOUBTFUL_FACTOR if _misread(sentence, num.start, num.end, para.doubtful) else 1.0
                    found.append(Candidate(cand[0], cand[1], cand[2] * doubt, prov))
                    totals.append(bool(_TOTAL_BEFORE.search(folded[max(0, num.start - 80) : num.start])))
                    inner.append(sentence[: num.start].count("(") > sentence[: num.start].count(")"))
            found = _the_total(found, totals, inner)
            found.extend(self._none_of(sentence[:cut], folded[:cut], {c.key for c in found}, prov))
            found.extend(self._none(folded[:cut], {c.key for c in found}, prov))
            out.extend(found)
            out.extend(self._yesno(folded[:cut], prov))
        return out

    def _pair(self, sentence: str, prov: Provenance) -> list[Candidate]:
        """ "Tin giả ... (phát hiện / đã phối hợp xử lý): 02/01", "CBQL, GV chủ chốt (tổng số / đã được tập huấn):
        10 / 08": two metrics named in brackets, their figures in the same order."""
        m = _PAIR.search(sentence)
        if m is None:
            return []
        stem = sentence[: m.start()]
        first, second = self.index.best(f"{stem} {m['a']}"), self.index.best(f"{stem} {m['b']}")
        if first is None or second is None or first.spec.key == second.spec.key:
            return []
        prov = dataclasses.replace(prov, read="label_value")
        return [Candidate(first.spec.key, int(m["x"]), confidence(first, 0.9), prov),
                Candidate(second.spec.key, int(m["y"]), confidence(second, 0.9), prov)]

    def _label_value(self, sentence: str, prov: Provenance) -> Candidate | None:
        """ "Label: value", the value after its label (and nothing else after it)."""
        m = _LABEL_VALUE.match(sentence)
        if m is None or len(find_numbers(m["value"])) > 1:
            return None  # "...: 05 buổi, 1.250 lượt": two figures, each read beside its own words
        if m["label"].count("(") > m["label"].count(")"):
            return None  # "... 12 buổi (năm 2023: 09 buổi)": the colon is a remark's in brackets
        match = self.index.best(m["label"])
        if match is None:
            return None
        parsed = parse_value(m["value"], match.spec.type)
        if parsed is None or (match.spec.type == "count" and isinstance(parsed[0], float)):
            stated = parse_value(m["value"], "text") and not _only_unit(match.spec, m["value"])
            if parsed is not None or (stated and match.margin >= 0.3):
                self.unread.setdefault(match.spec.key, prov.text)  # not "...: ............ buổi", a blank
            return None
        prov = dataclasses.replace(prov, read="label_value")
        return Candidate(match.spec.key, parsed[0], confidence(match, 0.9) * parsed[1], prov)

    def _fractions(self, sentence: str, fractions: list[re.Match[str]], prov: Provenance) -> list[Candidate]:
        """ "cử 17/21 CBQL, GV chủ chốt tham gia tập huấn": 17 trained of 21, by the metrics' at_most pair."""
        out: list[Candidate] = []
        for m in fractions:
            part, whole = int(m[1]), int(m[2])
            if part > whole and "tong so" in fold(sentence[: m.start()]):
                part, whole = whole, part  # "(tổng số / đã được tập huấn): 10 / 08": the whole written first
            if not 0 < whole or part > whole:
                continue
            context = " ".join(
                sentence[m.end() :].split()[:_MAX_CONTEXT_WORDS] + sentence[: m.start()].split()[-10:]
            )
            scored = [(sc, s) for sc, s in self.index.score(context) if s.type == "count"]
            paired = [(sc, s) for sc, s in scored if s.key in self.bounded or s.key in self.wholes]
            if not paired or paired[0][0] < MIN_SCORE:
                continue
            score, spec = paired[0]
            key = spec.key if spec.key in self.bounded else self.wholes[spec.key]
            # the pair's two metrics share their words ("CBQL, GV chủ chốt ... tập huấn"): only a third metric
            # as close makes the reading doubtful
            rival = max((sc for sc, s in scored if s.key not in (key, self.bounded[key])), default=0.0)
            conf = confidence(Match(spec, score, score - rival), 0.85)
            out.append(Candidate(key, part, conf, prov))
            out.append(Candidate(self.bounded[key], whole, conf, prov))
        return out

    def _number(self, num: Number, left: str, right: str) -> tuple[str, int | float, float] | None:
        kinds = {"percent"} if num.percent else {"count"}
        right = _SPELLED.sub(" ", right, count=1)  # "3 (ba) cuộc": the unit after the number said in words
        # "Tổng số CBQL, GV chủ chốt: 14 người, trong đó đã được tập huấn: 09 người": a clause after "trong đó"
        # speaks of the part, not of the figure before it
        right = _PART_CLAUSE.split(right, maxsplit=1)[0]
        if not num.percent and 1900 <= num.value <= 2100 and re.search(r"nam\s*$", fold(left)):
            return None
        left_words = left.split()[-_MAX_CONTEXT_WORDS:]
        right_words = right.split()[:_MAX_CONTEXT_WORDS]
        short = " ".join(right_words).split(",")[0]
        # "tuyên truyền 05 lần": the unit says which metrics the figure can be
        keys = {s.key for s in self.specs if s.units and _counted_in(s, right)} or None
        match, base = None, 0.9
        for text in (short, " ".join(right_words)):
            m = self.index.best(text, kinds, keys) if text.strip() else None
            if m and m.score >= 0.75 and m.margin >= 0.25:
                match = m
                break
        if match is None:
            context = " ".join(left_words + right_words)
            match = self.index.best(context, kinds, keys)
            if match is None and keys:
                # the unit names the metric and the words around are its label, among other metrics' words
                fitting = [s for s in self.index.score(context) if s[1].key in keys and s[1].type in kinds]
                if len(fitting) != 1:
                    return None
                match = Match(fitting[0][1], fitting[0][0], 0.3)
                base = 0.8
            if match is None:
                return None
        if not _unit_fits(match.spec, right) or not allowed(match.spec, f" {' '.join(words(left + right))} "):
            return None
        value, sure = num.value, num.confidence
        if match.spec.type == "count" and isinstance(value, float):
            if num.confidence < 1 and abs(value * 1000 - round(value * 1000)) < 1e-6:
                value, sure = round(value * 1000), 0.85  # "1,901 lượt" typed English style: a count has no decimals
            else:
                return None
        return match.spec.key, value, confidence(match, base) * sure

    def _none_of(self, sentence: str, folded: str, have: set[str], prov: Provenance) -> list[Candidate]:
        """ "không có tin nào phải phối hợp xử lý": 0 of the metric the unit and the words after it name."""
        out = []
        for m in _NONE_OF.finditer(folded):
            unit = sentence[m.start("unit") : m.end("unit")]
            if not any(_counted_in(s, unit) for s in self.specs):
                continue
            right = f"{unit} {re.split(r'[,;:]', sentence[m.end() :])[0]}"
            if m["verb"]:  # "không phát hiện trường hợp nào đăng tải, chia sẻ tin giả": the verb names the metric
                right = f"{unit} phát hiện {re.split(r'[;:]', sentence[m.end() :])[0]}"
            cand = self._number(Number(0, False, m.start(), m.end()), sentence[: m.start()], right)
            if cand is not None and cand[0] not in have:
                out.append(Candidate(cand[0], 0, min(cand[2], 0.8), prov))
        return out

    def _none(self, folded: str, have: set[str], prov: Provenance) -> list[Candidate]:
        """ "không phát hiện tin giả nào", "chưa tổ chức triển lãm ảnh": a count of 0, said in words."""
        out = []
        for spec in self.specs:
            if spec.type != "count" or spec.key in have:
                continue
            for phrase in sorted((spec.label, *spec.aliases), key=len, reverse=True):
                at = folded.find(fold(phrase))
                if at >= 0 and _NONE_BEFORE.search(folded[:at].rstrip(" ,")):
                    if allowed(spec, f" {' '.join(words(folded))} "):
                        out.append(Candidate(spec.key, 0, 0.8, prov))
                    break
        return out

    def _yesno(self, folded: str, prov: Provenance) -> list[Candidate]:
        out = []
        for spec in self.specs:
            if spec.type != "yesno":
                continue
            # every mention, the longest phrase first: in "phân công Hiệu trưởng là người phát ngôn, thực hiện cơ
            # chế phát ngôn ... theo quy định" the label says nothing by itself, "là người phát ngôn" does
            seen: list[tuple[int, int]] = []
            for phrase in sorted((spec.label, *spec.aliases), key=len, reverse=True):
                for m in re.finditer(re.escape(fold(phrase)), folded):
                    if any(a <= m.start() and m.end() <= b for a, b in seen):
                        continue  # "cơ chế phát ngôn" inside the label already weighed
                    seen.append((m.start(), m.end()))
                    if (answer := _answer(folded, m.start(), m.end())) is not None:
                        out.append(Candidate(spec.key, answer, 0.85, prov))
                        break
                else:
                    continue
                break
        return out


def _the_total(found: list[Candidate], totals: list[bool], inner: list[bool]) -> list[Candidate]:
    """Of a sentence's figures for one metric, the one it calls the total ("15 tiết chào cờ ... và 3 buổi ngoại khóa,
    nâng tổng số buổi tuyên truyền lên 22 buổi"), or the one outside brackets that break it down ("03 cuộc triển
    lãm (tự tổ chức 02 cuộc, tham gia 01 cuộc)"): the parts are not the metric."""
    out = []
    for k, cand in enumerate(found):
        rivals = [i for i, c in enumerate(found) if c.key == cand.key and i != k]
        if any(totals[i] for i in rivals) and not totals[k]:
            continue
        if inner[k] and any(not inner[i] for i in rivals):
            continue
        out.append(cand)
    return out


def _answer(folded: str, at: int, end: int) -> bool | None:
    """What the sentence says of a yes/no metric named at folded[at:end], None when it says nothing."""
    # the clause the phrase sits in: "chưa ban hành quyết định về cơ chế phát ngôn" says no
    clause = re.split(r"[,;:]", folded[:at])[-1]
    if _HEADING_BEFORE.fullmatch(folded[:at]) and not folded[end:].strip(" .:;"):
        return None  # "3. Thực hiện cơ chế phát ngôn": the heading of the part that answers it
    tail = folded[end:].replace("co/khong", " ")
    answer = parse_value(tail.split(":", 1)[1], "yesno") if tail.lstrip().startswith(":") else None
    last = tail.split()[-1].strip(".;") if tail.split() else ""
    if answer is not None:
        return bool(answer[0])  # "...: Có thực hiện."
    if last in ("co", "khong", "x"):
        return last != "khong"  # a table row read as a line (OCR): the answer is its last word
    if _NEGATE.search(clause) or re.match(r"\s*(?:van\s+)?(?:chua|khong)\b", tail):
        return False
    if folded[at:end].startswith("truc tiep "):
        return True  # "Hiệu trưởng trực tiếp phát ngôn": the phrase is the doing
    if _AFFIRM.search(" ".join(clause.split()[-5:])) or re.search(r"\b(?:la|lam)\s*$", clause):
        return True  # "đã ban hành ...", "Hiệu trưởng là (làm) người phát ngôn"
    if re.match(r"\s*(?:da\s+|tiep tuc\s+)?(?:duoc\s+)?(?:duy tri|thuc hien|trien khai|ban hanh|kien toan)\b", tail):
        return True  # "Cơ chế phát ngôn được duy trì thường xuyên"
    return None

"""Blind corpus, batch C (final evaluation batch, seed 47): new wording and layouts, same truth format.

Written from SPEC.md / DOMAIN.md / the office's plan (seeds/) / config.yaml's metric keys only; never from the
parser's code. content.py and content_b.py were read only to avoid their sentences, labels and look-alikes;
this module imports content.py's roster helpers (load_roster, proper, initials) and nothing else.

Blocks are those generate.py already renders (content.py and content_b.py): header-less "headerb", "title",
"kg", "h", "p", "i", "table", "ul", "newpage", "landscape", "sig", "sig2". One table property is new and every
writer implements it: "borderless": True (a two-column "Chỉ tiêu | Kết quả" list laid out with an invisible
table, as clerks do in Word).
"""
from __future__ import annotations

import content as C

# Schools NOT on the roster, with a name near one that is (none of them in content.NEAR_NAMES or
# content_b.NEAR_NAMES_B). The third field is the roster school the name is near.
NEAR_NAMES_C = [
    ("MN", "20/11", "mn-20-10"),
    ("THCS", "Trần Cừ", "thcs-tran-can"),
    ("MN", "Thanh Yên", "mn-thanh-minh"),
    ("TH", "Noong Nhai", "th-noong-bua"),
    ("THCS", "Thanh An", "thcs-thanh-minh"),
    ("THCS", "Thanh Chăn", "thcs-thanh-binh"),
]

LEVEL_WEIGHTS = {"MN": 0.30, "TH": 0.26, "TH-THCS": 0.14, "THCS": 0.30}
WARD_OF = {"Him Lam": "phường Him Lam", "Mường Thanh": "phường Mường Thanh", "Tân Thanh": "phường Tân Thanh",
           "Thanh Bình": "phường Thanh Bình", "Thanh Trường": "phường Thanh Trường", "Noong Bua": "phường Noong Bua",
           "Nam Thanh": "phường Nam Thanh", "Thanh Minh": "xã Thanh Minh", "Tà Lèng": "xã Tà Lèng", "Nà Nhạn": "xã Nà Nhạn",
           "Mường Phăng": "xã Mường Phăng"}
FAM = ["Lò", "Lường", "Quàng", "Điêu", "Khoàng", "Sùng", "Thào", "Phạm", "Đặng", "Dương", "Nguyễn", "Trịnh", "Lý", "Hờ"]
MID = ["Thị", "Văn", "Thị Thanh", "Văn Hải", "Thị Bích", "Quang", "Thị Diệu", "A", "Hữu"]
GIV = ["Ơn", "Hiên", "Páo", "Chiến", "Tươi", "Nhung", "Thơm", "Quyết", "Liên", "Sinh", "Duyên", "Toàn", "Cường", "Hạnh"]
UNITS = ["", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín"]
KEYS = ["sessions", "participants", "spokesperson", "key_staff", "key_staff_trained", "exhibitions",
        "fake_news_detected", "fake_news_handled"]


def words(v):
    """Vietnamese words for 1..99 ("mười lăm", "hai mươi mốt"); None beyond."""
    if v < 1 or v > 99:
        return None
    if v < 10:
        return UNITS[v]
    t, u = divmod(v, 10)
    head = "mười" if t == 1 else UNITS[t] + " mươi"
    if u == 0:
        return head
    tail = {1: "mốt" if t > 1 else "một", 4: "tư" if t > 1 else "bốn", 5: "lăm"}.get(u, UNITS[u])
    return f"{head} {tail}"


# ------------------------------------------------------------------ the school and its document
def pick_school(rng, roster, near=False):
    if near:
        level, prop, _ = rng.choice(NEAR_NAMES_C)
        return {"id": None, "level": level, "prop": prop}
    r, acc, level = rng.random(), 0.0, "THCS"
    for lv, w in LEVEL_WEIGHTS.items():
        acc += w
        if r < acc:
            level = lv
            break
    row = rng.choice([x for x in roster if x["level"] == level])
    return {"id": row["id"], "level": level, "prop": C.proper(row["name"])}


class Doc:
    """One document being written: the school, the year, its habits (number style), its features."""

    def __init__(self, rng, school, year=2024):
        self.rng, self.s, self.Y = rng, school, year
        self.level = school["level"]
        self.mn = self.level == "MN"
        self.pupil = "trẻ" if self.mn else "học sinh"
        self.parents = "cha mẹ trẻ" if self.mn else "cha mẹ học sinh"
        P = school["prop"].upper()
        forms = {
            "MN": [[f"TRƯỜNG MẦM NON {P}"], [f"TRƯỜNG MN {P}"], ["TRƯỜNG MẦM NON", P]],
            "TH": [[f"TRƯỜNG TIỂU HỌC {P}"], [f"TRƯỜNG TH {P}"], ["TRƯỜNG TIỂU HỌC", P]],
            "TH-THCS": [[f"TRƯỜNG TH VÀ THCS {P}"], ["TRƯỜNG TIỂU HỌC & THCS", P], [f"TRƯỜNG TH&THCS {P}"]],
            "THCS": [[f"TRƯỜNG THCS {P}"], ["TRƯỜNG TRUNG HỌC CƠ SỞ", P], [f"TRƯỜNG TRUNG HỌC CƠ SỞ {P}"]],
        }[self.level]
        self.lines = rng.choice(forms)
        self.body = rng.choice({"MN": [f"Trường Mầm non {school['prop']}", f"Trường MN {school['prop']}"],
                                "TH": [f"Trường Tiểu học {school['prop']}", f"Trường TH {school['prop']}"],
                                "TH-THCS": [f"Trường TH và THCS {school['prop']}", f"Trường Tiểu học và THCS {school['prop']}"],
                                "THCS": [f"Trường THCS {school['prop']}", f"Trường Trung học cơ sở {school['prop']}"]}[self.level])
        self.abbr = {"MN": "MN", "TH": "TH", "TH-THCS": "THTHCS", "THCS": "THCS"}[self.level] + C.initials(school["prop"])
        self.ward = next((w for k, w in WARD_OF.items() if k in school["prop"]), rng.choice(list(WARD_OF.values())))
        self.features = set()
        self.pad = rng.random() < 0.6          # this clerk writes 07, not 7
        self.words_habit = rng.random() < 0.25  # and sometimes "12 (mười hai)"
        if len(self.lines) > 1:
            self.features.add("wrapped-name")

    def c(self, *opts):
        return self.rng.choice(opts)

    def n(self, v, where="prose"):
        """A count as this clerk writes it."""
        if v >= 1000:
            return f"{v:,}".replace(",", ".") if self.rng.random() < 0.8 else str(v)
        s = f"{v:02d}" if (self.pad and 0 < v < 10) else str(v)
        if where == "prose" and self.words_habit and 2 <= v <= 99 and self.rng.random() < 0.5:
            self.features.add("number-in-words")
            return f"{s} ({words(v)})"
        return s

    def pct(self, a, b):
        p = 100 * a / b
        self.features.add("percent-with-count")
        if abs(p - round(p)) < 1e-9:
            return f"{round(p)}%"
        return f"{p:.1f}%".replace(".", ",") if self.rng.random() < 0.7 else f"{p:.2f}%".replace(".", ",")

    def date(self):
        rng = self.rng
        month = rng.choice([10, 11, 11, 11])
        day = rng.randint(16, 31) if month == 10 else rng.randint(1, 13)
        self.iso = f"{self.Y}-{month:02d}-{day:02d}"
        place = rng.choice(["Điện Biên Phủ", "Điện Biên Phủ", "Tp. Điện Biên Phủ", "TP Điện Biên Phủ", "Thành phố Điện Biên Phủ"])
        dd = f"{day:02d}" if rng.random() < 0.85 else str(day)
        if rng.random() < 0.05:
            dd = "      "
        return f"{place}, ngày {dd} tháng {month} năm {self.Y}"

    def header(self, sym="BC", number=None):
        rng = self.rng
        parent = rng.choice([["UBND THÀNH PHỐ ĐIỆN BIÊN PHỦ"], ["PHÒNG GD VÀ ĐT TP ĐIỆN BIÊN PHỦ"], ["UBND TP. ĐIỆN BIÊN PHỦ"],
                             ["PHÒNG GIÁO DỤC VÀ ĐÀO TẠO", "TP. ĐIỆN BIÊN PHỦ"], ["PHÒNG GD&ĐT TP. ĐIỆN BIÊN PHỦ"],
                             ["UỶ BAN NHÂN DÂN", "THÀNH PHỐ ĐIỆN BIÊN PHỦ"]])
        self.num = rng.randint(2, 180)
        if number is None:
            r = rng.random()
            core = f"{self.num:02d}" if self.num < 10 else str(self.num)
            number = (f"Số: {core}/{sym}-{self.abbr}" if r < 0.55 else f"Số:{core}/{sym}-{self.abbr}" if r < 0.7
                      else f"Số: {core} /{sym} - {self.abbr}" if r < 0.85 else f"Số : {core}/{sym}-{self.abbr}")
            if rng.random() < 0.07:
                number = f"Số:        /{sym}-{self.abbr}"
        self.number = number
        right = [self.c("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
                 self.c("Độc lập - Tự do - Hạnh phúc", "Độc lập – Tự do – Hạnh phúc")]
        left = [(p, False) for p in parent] + [(s, True) for s in self.lines]
        return ("headerb", {"left": left, "number": number, "right": right, "date": self.date()})

    def doc_number(self):
        return self.number.replace(" ", "").replace("Số:", "")

    def person(self):
        return f"{self.c(*FAM)} {self.c(*MID)} {self.c(*GIV)}"

    def sig(self):
        title = self.c(["HIỆU TRƯỞNG"], ["HIỆU TRƯỞNG"], ["HIỆU TRƯỞNG"], ["KT. HIỆU TRƯỞNG", "PHÓ HIỆU TRƯỞNG"], ["TM. NHÀ TRƯỜNG", "HIỆU TRƯỞNG"])
        nn = [self.c("- Phòng GD&ĐT thành phố (để báo cáo);", "- Như Kính gửi;", "- Phòng GDĐT TP (báo cáo);")]
        if self.rng.random() < 0.5:
            nn.append(self.c("- Chi bộ nhà trường (để b/c);", f"- UBND {self.ward} (để biết);", "- Các tổ chuyên môn;", "- Đăng website nhà trường;"))
        nn.append(self.c("- Lưu: VT.", f"- Lưu: VT, {self.abbr}.", "- Lưu: Văn thư."))
        return ("sig", {"noi_nhan": nn, "title": title, "name": self.person()})


# ------------------------------------------------------------------ values, and what a document states
def draw_values(rng, level):
    ks = rng.randint(5, 13) if level == "MN" else rng.randint(8, 30)
    r = rng.random()
    tr = ks if r < 0.2 else rng.randint(max(1, ks // 2), ks - 1) if r < 0.9 else rng.randint(1, ks)
    ses = rng.choice([rng.randint(3, 9), rng.randint(6, 14), rng.randint(10, 32)])
    part = max(60, ses * (rng.randint(18, 60) if level == "MN" else rng.randint(35, 140)))
    det = rng.choice([0, 0, 0, 0, 0, 1, 1, 2, 2, 3, 5])
    return {"sessions": ses, "participants": part, "spokesperson": rng.random() < 0.72, "key_staff": ks,
            "key_staff_trained": tr, "exhibitions": rng.choice([0, 0, 0, 1, 1, 1, 2, 2, 3]),
            "fake_news_detected": det, "fake_news_handled": det if rng.random() < 0.7 else rng.randint(0, max(0, det - 1))}


def pick_stated(rng, vals):
    r = rng.random()
    if r < 0.45:
        chosen = set(KEYS)
    elif r < 0.8:
        chosen = set(KEYS) - set(rng.sample(KEYS, rng.randint(1, 2)))
    else:
        chosen = set(rng.sample(KEYS, rng.randint(3, 5)))
    if "fake_news_handled" in chosen:
        chosen.add("fake_news_detected")
    return {k: vals[k] for k in KEYS if k in chosen}


def parts(rng, total, k, low=1):
    """total split into k positive parts."""
    k = max(1, min(k, total // max(1, low)))
    cuts = sorted(rng.sample(range(1, total // low), k - 1)) if k > 1 else []
    pts, prev = [], 0
    for cpos in cuts + [total // low]:
        pts.append((cpos - prev) * low)
        prev = cpos
    pts[-1] += total - sum(pts)
    return pts


# ------------------------------------------------------------------ prose statements (new wording)
def st_sessions(d, v, form):
    n = d.n
    if form == "label":
        return [d.c(f"Tổng số buổi truyền thông về quyền con người trong năm: {n(v)} buổi",
                    f"Số buổi tổ chức truyền thông, giáo dục quyền con người: {n(v)}",
                    f"Buổi tuyên truyền có nội dung quyền con người đã thực hiện: {n(v)} buổi")]
    forms = [f"Từ đầu năm {d.Y} đến nay, nhà trường đã thực hiện {n(v)} buổi truyền thông chuyên đề về quyền con người, chủ yếu vào tiết chào cờ đầu tuần và giờ hoạt động trải nghiệm.",
             f"Tổng cộng {n(v)} buổi tuyên truyền, giáo dục về quyền con người đã được tổ chức cho {d.pupil}, cán bộ, giáo viên và nhân viên nhà trường."]
    if v >= 4 and d.rng.random() < 0.5:
        a, b = parts(d.rng, v, 2)
        d.features.add("subtotals-before-total")
        where = ("buổi họp cha mẹ trẻ" if d.mn else "tiết chào cờ") , ("buổi hoạt động chuyên đề" if d.mn else "buổi ngoại khóa theo chủ điểm")
        forms = [f"Nội dung quyền con người được đưa vào {n(a)} {where[0]} và {n(b)} {where[1]}, nâng tổng số buổi tuyên truyền về quyền con người trong năm lên {n(v)} buổi."]
    if d.rng.random() < 0.3:
        old = max(1, v + d.rng.choice([-4, -3, -2, 2, 3, 5]))
        d.features.add("prior-year-in-prose")
        forms = [f"Năm {d.Y}, nhà trường tổ chức {n(v)} buổi tuyên truyền về quyền con người (năm {d.Y - 1}: {n(old)} buổi)."]
    return [d.rng.choice(forms)]


def st_participants(d, v, form):
    n = d.n
    if form == "label":
        return [d.c(f"Số lượt người dự các buổi truyền thông: {n(v)} lượt",
                    f"Tổng số lượt người được truyền thông trực tiếp: {n(v)} lượt",
                    f"Lượt người tham gia (CB, GV, NV, {d.pupil}{', cha mẹ trẻ' if d.mn else ''}): {n(v)}")]
    return [d.c(f"Các buổi truyền thông có sự tham gia của {n(v)} lượt cán bộ, giáo viên, nhân viên và {d.pupil}.",
                f"Qua các buổi tuyên truyền, đã có {n(v)} lượt người được tiếp cận trực tiếp các nội dung về quyền con người.")]


def st_both(d, s, p):
    n = d.n
    return [d.c(f"Năm {d.Y}, đơn vị tổ chức {n(s)} buổi truyền thông về quyền con người, thu hút tổng cộng {n(p)} lượt người tham dự.",
                f"Kết quả, nhà trường đã tổ chức được {n(s)} buổi tuyên truyền về quyền con người với {n(p)} lượt người tham gia, đạt và vượt kế hoạch đề ra.")]


def st_spokes(d, v, form):
    if form == "label":
        lab = d.c("Thực hiện cơ chế phát ngôn, cung cấp thông tin cho báo chí (có/không)", "Có người phát ngôn và thực hiện cung cấp thông tin cho báo chí")
        val = d.c("Có", "Có, theo quy chế của nhà trường") if v else d.c("Không", "Chưa có")
        return [f"{lab}: {val}"]
    if v:
        if d.rng.random() < 0.5:
            d.features.add("spokesperson-decision")
            return [f"Nhà trường ban hành Quy chế phát ngôn và cung cấp thông tin cho báo chí kèm theo Quyết định số {d.rng.randint(3, 45):02d}/QĐ-{d.abbr} ngày {d.rng.randint(3, 27):02d}/{d.rng.choice([8, 9])}/{d.Y} của Hiệu trưởng; người phát ngôn là Hiệu trưởng nhà trường."]
        return [d.c("Người phát ngôn của nhà trường là đồng chí Hiệu trưởng; việc cung cấp thông tin cho báo chí được thực hiện đúng cơ chế phát ngôn theo quy định.",
                    f"Cơ chế phát ngôn và cung cấp thông tin cho báo chí được nhà trường duy trì thường xuyên; trong năm đã cung cấp thông tin cho phóng viên {d.n(d.rng.randint(1, 3))} lần.")]
    return [d.c("Việc phát ngôn và cung cấp thông tin cho báo chí: nhà trường chưa triển khai (chưa có quy chế, chưa phân công người phát ngôn).",
                "Nhà trường chưa thực hiện cơ chế phát ngôn; các thông tin cung cấp cho báo chí đều do Phòng GDĐT thành phố đảm nhiệm.")]


def st_staff(d, k, t, form):
    n = d.n
    if k is not None and t is not None:
        if form == "label":
            return d.c([f"Số CBQL, giáo viên chủ chốt: {n(k)} đồng chí", f"Số đã tham gia tập huấn, bồi dưỡng về truyền thông quyền con người: {n(t)} đồng chí ({d.pct(t, k)})"],
                       [f"CBQL, GV chủ chốt (tổng số / đã được tập huấn): {n(k, 'x')} / {n(t, 'x')} đồng chí"])
        if t == k:
            d.features.add("all-trained")
            return [d.c(f"Toàn bộ {n(k)} cán bộ quản lý, giáo viên chủ chốt của nhà trường (100%) đã được tập huấn kỹ năng truyền thông về quyền con người.",
                        f"Nhà trường có {n(k)} CBQL, GV chủ chốt; cả {n(k)} đồng chí đều đã tham gia tập huấn về truyền thông quyền con người, đạt 100%.")]
        return [d.c(f"{n(t, 'x')} trong số {n(k, 'x')} đồng chí CBQL, GV chủ chốt đã hoàn thành lớp bồi dưỡng kỹ năng truyền thông về quyền con người, đạt tỷ lệ {d.pct(t, k)}.",
                    f"Đội ngũ CBQL, GV chủ chốt của nhà trường gồm {n(k)} đồng chí, trong năm đã có {n(t)} đồng chí được tập huấn về truyền thông quyền con người.")]
    if t is not None:
        return [d.c(f"Nhà trường cử {n(t)} đồng chí CBQL, GV chủ chốt (Phó Hiệu trưởng, tổ trưởng chuyên môn) tham dự lớp tập huấn truyền thông về quyền con người do Phòng GDĐT tổ chức.",
                    f"Số CBQL, GV chủ chốt đã qua tập huấn về truyền thông quyền con người: {n(t)} đồng chí.")]
    return [f"Đội ngũ CBQL, GV chủ chốt của nhà trường gồm {n(k)} đồng chí; việc tập huấn sẽ tiếp tục được thực hiện theo kế hoạch của Phòng GDĐT."]


def st_exhib(d, v, form):
    n = d.n
    if v == 0:
        if form == "label":
            return [f"Số cuộc triển lãm ảnh, tài liệu về quyền con người đã tổ chức, tham gia: {d.c('không có', '0', 'Không')}"]
        return [d.c(f"Năm {d.Y}, nhà trường không tổ chức cũng như không tham gia cuộc triển lãm ảnh, tài liệu nào về quyền con người.",
                    "Về triển lãm ảnh, tài liệu về quyền con người: không có cuộc nào được nhà trường tổ chức hoặc tham gia trong năm.")]
    if form == "label":
        return [f"Số cuộc triển lãm ảnh, tài liệu về quyền con người đã tổ chức hoặc tham gia: {n(v)} cuộc"]
    if v >= 2 and d.rng.random() < 0.5:
        a, b = parts(d.rng, v, 2)
        d.features.add("subtotals-before-total")
        return [f"Nhà trường tham gia {n(v)} cuộc triển lãm ảnh, tài liệu về quyền con người ({n(a)} cuộc do Thành đoàn tổ chức, {n(b)} cuộc tại Bảo tàng Chiến thắng lịch sử Điện Biên Phủ)."]
    return [d.c(f"Phối hợp với Thư viện tỉnh tổ chức {n(v)} cuộc triển lãm ảnh, tài liệu về quyền con người ngay tại khuôn viên nhà trường.",
                f"Đơn vị đã tổ chức, tham gia {n(v)} cuộc triển lãm ảnh, tài liệu chuyên đề về quyền con người.")]


def st_fake(d, det, han, form):
    n = d.n
    if det == 0:
        if form == "label":
            z = d.c("không có", "0", "Không")
            out = [f"Số tin giả, tin xấu độc về quyền con người phát hiện được: {z}"]
            if han is not None:
                out.append(f"Số tin giả, tin xấu độc đã phối hợp xử lý: {d.c('không có', '0', 'Không')}")
            return out
        if han is not None:
            return ["Không có tin giả, tin xấu độc nào về quyền con người được phát hiện tại đơn vị; vì vậy không phát sinh việc phối hợp xử lý."]
        return [d.c("Không phát hiện trường hợp nào đăng tải, chia sẻ tin giả, tin xấu độc về quyền con người trong cán bộ, giáo viên, nhân viên.",
                    "Qua theo dõi, nhà trường không phát hiện tin giả, tin xấu độc nào liên quan đến quyền con người.")]
    if form == "label":
        if han is None:
            return [f"Số tin giả, tin xấu độc phát hiện được: {n(det)} tin"]
        return d.c([f"Số tin giả, tin xấu độc phát hiện được: {n(det)} tin", f"Số tin đã phối hợp xử lý: {n(han)} tin"],
                   [f"Tin giả, tin xấu độc về quyền con người (phát hiện / đã phối hợp xử lý): {n(det, 'x')}/{n(han, 'x')}"])
    if han is None:
        return [f"Qua rà soát, nhà trường phát hiện {n(det)} tin giả, tin xấu độc có nội dung xuyên tạc về quyền con người được chia sẻ trong các nhóm mạng xã hội và đã báo cáo Phòng GDĐT."]
    if han == det:
        tail = f"cả {n(det)} tin đã được phối hợp xử lý, gỡ bỏ" if det > 1 else "tin này đã được phối hợp xử lý, gỡ bỏ"
        return [f"Nhà trường phát hiện {n(det)} tin giả, tin xấu độc liên quan đến quyền con người trong nhóm Zalo của {d.parents}; {tail} cùng Công an {d.ward}."]
    if han == 0:
        return [f"Phát hiện {n(det)} tin giả, tin xấu độc về quyền con người; nhà trường đã báo cáo cơ quan chức năng, tuy nhiên chưa có tin nào được phối hợp xử lý xong (số tin đã phối hợp xử lý: 0)."]
    return [f"Phát hiện {n(det)} tin giả, tin xấu độc về quyền con người trên mạng xã hội, trong đó đã phối hợp với Công an {d.ward} xử lý {n(han)} tin; số còn lại đang được xác minh."]


# ------------------------------------------------------------------ look-alikes (never a figure)
def trap_media(d):
    n, rng = d.n, d.rng
    return rng.choice([
        f"Treo {n(rng.randint(2, 8))} băng rôn, {n(rng.randint(2, 6))} khẩu hiệu hưởng ứng Ngày Quốc tế Nhân quyền tại cổng trường.",
        f"Chuyên mục \"Quyền con người\" trên trang thông tin điện tử của trường có {n(rng.randint(1200, 6000))} lượt truy cập; {n(rng.randint(5, 30))} bài viết được đăng tải.",
        f"Phát {n(rng.randint(150, 700))} tờ gấp, sổ tay tuyên truyền về quyền trẻ em cho {d.parents}.",
        f"Lồng ghép nội dung quyền con người vào {n(rng.randint(30, 140))} tiết dạy các môn {'hoạt động làm quen với môi trường xung quanh' if d.mn else 'Đạo đức, Giáo dục công dân, Lịch sử và Địa lí'}.",
        f"Tổ chức {n(rng.randint(2, 4))} hội nghị cha mẹ {d.pupil} đầu năm học, thông qua quy chế phối hợp giữa nhà trường và gia đình.",
    ])


def trap_scale(d):
    rng = d.rng
    cbqls, nv = rng.randint(2, 4), rng.randint(3, 9)
    gv = rng.randint(14, 24) if d.mn else rng.randint(18, 58)
    tot = cbqls + gv + nv
    d.total_staff = tot
    if d.mn:
        cls = rng.randint(7, 16)
        sc = f"{cls} nhóm, lớp/{cls * rng.randint(23, 31)} trẻ"
    else:
        cls = rng.randint(10, 32)
        sc = f"{cls} lớp/{cls * rng.randint(27, 37)} học sinh"
    return d.c(f"Quy mô năm học {d.Y}-{d.Y + 1}: {sc}. Tổng số cán bộ, viên chức, người lao động: {tot} người (nữ {rng.randint(tot // 2, tot)}); trong đó CBQL {cbqls:02d}, giáo viên {gv}, nhân viên {nv:02d}. Chi bộ có {rng.randint(9, 35)} đảng viên.",
               f"Nhà trường có {sc}; đội ngũ {tot} cán bộ, viên chức (CBQL: {cbqls:02d}; GV: {gv}; NV: {nv:02d}), {rng.randint(85, 100)}% đạt chuẩn trở lên về trình độ đào tạo.")


def trap_direction(d):
    n, rng = d.n, d.rng
    return d.c(f"Nhà trường ban hành {n(rng.randint(3, 7))} văn bản triển khai (kế hoạch, quyết định, thông báo) và kiện toàn tổ truyền thông gồm {n(rng.randint(5, 9))} thành viên.",
               f"Ngày {rng.randint(5, 28):02d}/9/{d.Y}, nhà trường xây dựng Kế hoạch số {rng.randint(20, 90)}/KH-{d.abbr} thực hiện công tác truyền thông về quyền con người, phổ biến tới toàn thể {rng.randint(25, 70)} cán bộ, viên chức.")


def trap_targets(d):
    n, rng = d.n, d.rng
    return [d.c(f"Năm {d.Y + 1}, phấn đấu tổ chức không dưới {n(rng.randint(8, 24))} buổi truyền thông về quyền con người; 100% CBQL, GV chủ chốt được tập huấn.",
                f"Tiếp tục duy trì cơ chế phát ngôn; phấn đấu {n(rng.randint(75, 95))}% CBQL, GV chủ chốt được cập nhật kiến thức về quyền con người trong năm {d.Y + 1}."),
            d.c(f"Tham gia ít nhất {n(rng.randint(1, 2))} cuộc triển lãm ảnh, tài liệu về quyền con người do thành phố tổ chức trong năm {d.Y + 1}.",
                "Chủ động phối hợp với Công an phường trong việc phát hiện, xử lý tin giả, tin xấu độc (nếu có).")]


# ------------------------------------------------------------------ frame of the report
def title_lines(d):
    Y = d.Y
    return d.c(["BÁO CÁO", f"Kết quả công tác truyền thông về quyền con người trong nhà trường năm {Y}"],
               ["BÁO CÁO", f"Tổng kết năm {Y} thực hiện Kế hoạch triển khai Đề án", "Truyền thông về Quyền con người ở Việt Nam"],
               ["BÁO CÁO", "Việc thực hiện Đề án Truyền thông về quyền con người", f"giai đoạn 2024-2028 - kết quả năm {Y}" if Y >= 2024 else f"- kết quả năm {Y}"],
               ["BÁO CÁO", f"Kết quả triển khai công tác truyền thông, giáo dục quyền con người năm {Y}"])


def kinh_gui(d):
    return d.c([("kg", "Kính gửi: Phòng Giáo dục và Đào tạo TP. Điện Biên Phủ")],
               [("kg", "Kính gửi: Phòng GDĐT thành phố Điện Biên Phủ.")],
               [("kg", "Kính gửi:"), ("kg", "- Phòng Giáo dục và Đào tạo thành phố Điện Biên Phủ;"), ("kg", f"- Đảng ủy {d.ward}.")],
               [])


def opening(d):
    Y, b = d.Y, d.body
    if Y == 2023:
        return f"Thực hiện Công văn số {d.rng.randint(700, 1600)}/PGDĐT-VP ngày {d.rng.randint(2, 25):02d}/10/2023 của Phòng GDĐT thành phố về việc báo cáo công tác truyền thông về quyền con người năm 2023, {b} báo cáo kết quả như sau:"
    return d.c(f"Thực hiện Kế hoạch số 2109/KH-SGDĐT ngày 06/8/2024 của Sở GDĐT tỉnh Điện Biên và kế hoạch của Phòng GDĐT thành phố Điện Biên Phủ về triển khai Đề án Truyền thông về Quyền con người ở Việt Nam giai đoạn 2024-2028, {b} tổng hợp, báo cáo kết quả năm {Y} như sau:",
               f"Theo đề nghị tại Công văn số {d.rng.randint(1300, 1700)}/PGDĐT-THCS ngày {d.rng.randint(14, 28)}/10/{Y} của Phòng GDĐT thành phố về việc báo cáo kết quả thực hiện Đề án Truyền thông về quyền con người, {b} báo cáo như sau:",
               f"Năm {Y}, được sự chỉ đạo của Phòng GDĐT thành phố và sự phối hợp của chính quyền {d.ward}, {b} đã triển khai công tác truyền thông về quyền con người gắn với nhiệm vụ năm học. Nhà trường báo cáo kết quả cụ thể như sau:")


def part_one(d):
    return [("h", d.c("I. KHÁI QUÁT CHUNG", "I. TÌNH HÌNH CHUNG", "I. ĐẶC ĐIỂM, TÌNH HÌNH")),
            ("p", trap_scale(d)), ("p", trap_direction(d))]


def results_heading(d, part_a):
    return ("h", "B. KẾT QUẢ THỰC HIỆN NĂM " + str(d.Y) if part_a else d.c("II. KẾT QUẢ CỤ THỂ", "II. KẾT QUẢ TRIỂN KHAI", f"II. KẾT QUẢ THỰC HIỆN NĂM {d.Y}"))


def closing(d, part_a, targets):
    R = ["C", "D", "E"] if part_a else ["III", "IV", "V"]
    out = [("h", f"{R[0]}. {d.c('NHẬN XÉT, ĐÁNH GIÁ', 'ĐÁNH GIÁ ƯU ĐIỂM, HẠN CHẾ')}"),
           ("p", d.c(f"Công tác truyền thông về quyền con người được triển khai nghiêm túc, đúng tiến độ; tuy nhiên điều kiện cơ sở vật chất và thời gian tổ chức hoạt động còn hạn chế, một số {d.parents} chưa thật sự quan tâm.",
                     "Nhận thức của đội ngũ về quyền con người có chuyển biến rõ rệt. Hạn chế: tài liệu tuyên truyền bằng tiếng dân tộc còn ít; hình thức truyền thông trực tuyến chưa phong phú."))]
    i = 1
    if targets:
        out.append(("h", f"{R[i]}. NHIỆM VỤ TRỌNG TÂM NĂM {d.Y + 1}"))
        out += [("p", "- " + t) for t in trap_targets(d)]
        if d.rng.random() < 0.4:
            d.features.add("target-table")
            out.append(("table", {"head": [[("TT", 1, 1), (f"Chỉ tiêu phấn đấu năm {d.Y + 1}", 1, 1), ("Số lượng", 1, 1)]],
                                  "rows": [["1", "Buổi tuyên truyền về quyền con người", str(d.rng.randint(8, 24))],
                                           ["2", "CBQL, GV chủ chốt được tập huấn", str(d.rng.randint(6, 20))]]}))
        i += 1
    out.append(("h", f"{R[i]}. KIẾN NGHỊ, ĐỀ XUẤT"))
    out.append(("p", d.c("Đề nghị Phòng GDĐT cấp bổ sung tài liệu tuyên truyền về quyền con người có hình ảnh minh họa phù hợp với lứa tuổi.",
                         "Không có kiến nghị.", "Đề nghị Phòng GDĐT phối hợp mời báo cáo viên của Công an thành phố về nói chuyện chuyên đề tại trường.")))
    out.append(("p", d.c(f"Trên đây là báo cáo kết quả công tác truyền thông về quyền con người năm {d.Y} của {d.body}./.",
                         f"{d.body} trân trọng báo cáo./.")))
    return out


# ------------------------------------------------------------------ prose layouts
SECT = {"comm": ["Công tác truyền thông, tuyên truyền", "Tổ chức các hoạt động tuyên truyền về quyền con người"],
        "spokes": ["Cơ chế phát ngôn, cung cấp thông tin cho báo chí", "Thực hiện cơ chế phát ngôn"],
        "staff": ["Tập huấn, bồi dưỡng đội ngũ CBQL, GV chủ chốt", "Bồi dưỡng kỹ năng truyền thông về quyền con người"],
        "exhib": ["Hoạt động triển lãm ảnh, tài liệu", "Triển lãm ảnh, tài liệu về quyền con người"],
        "fake": ["Phát hiện và phối hợp xử lý tin giả, tin xấu độc", "Công tác đấu tranh với tin giả, tin xấu độc trên mạng"]}


def statements(d, st, key, form):
    out = []
    if key == "comm":
        s, p = st.get("sessions"), st.get("participants")
        if s is not None and p is not None and form != "label" and d.rng.random() < 0.45:
            out += st_both(d, s, p)
        else:
            if s is not None:
                out += st_sessions(d, s, form)
            if p is not None:
                out += st_participants(d, p, form)
    elif key == "spokes" and "spokesperson" in st:
        out += st_spokes(d, st["spokesperson"], form)
    elif key == "staff" and ("key_staff" in st or "key_staff_trained" in st):
        out += st_staff(d, st.get("key_staff"), st.get("key_staff_trained"), form)
    elif key == "exhib" and "exhibitions" in st:
        out += st_exhib(d, st["exhibitions"], form)
    elif key == "fake" and "fake_news_detected" in st:
        out += st_fake(d, st["fake_news_detected"], st.get("fake_news_handled"), form)
    return out


def prose(d, st, style, short=False, part_a=False, first=1):
    """style: numbered (1.1., narrative sentences) | bullets (label: value lines); first: the first section's number."""
    rng = d.rng
    out = []
    order = ["comm", "staff", "spokes", "exhib", "fake"] if rng.random() < 0.5 else ["comm", "spokes", "staff", "fake", "exhib"]
    sec_no = "2" if not part_a else "B"
    numfmt = rng.choice(["1.", "1.1.", "1)"]) if style == "numbered" else rng.choice(["1.", "a)"])
    if first > 1:
        numfmt = "1." if part_a else "1.1."
    marker = rng.choice(["- ", "+ ", "• ", "ul"]) if style == "bullets" else None
    if marker == "ul":
        d.features.add("auto-list")
    i = first - 1
    for key in order:
        stm = statements(d, st, key, "label" if style == "bullets" and rng.random() < 0.8 else "sentence")
        if not stm:
            continue
        i += 1
        num = {"1.": f"{i}.", "1.1.": f"{sec_no}.{i}." if sec_no == "2" else f"{i}.", "1)": f"{i})", "a)": "abcdef"[i - 1] + ")"}[numfmt]
        out.append(("h", f"{num} {rng.choice(SECT[key])}"))
        if key == "comm" and not short and rng.random() < 0.7:
            t = trap_media(d)
            stm = [t] + stm if rng.random() < 0.5 else stm + [t]
        if style == "numbered":
            if len(stm) > 2 and rng.random() < 0.5:
                out += [("p", " ".join(x if x.endswith(".") else x + "." for x in stm[:2])), ("p", " ".join(x if x.endswith(".") else x + "." for x in stm[2:]))]
            else:
                out.append(("p", " ".join(x if x.endswith(".") else x + "." for x in stm)))
        elif marker == "ul":
            out.append(("ul", [x.rstrip(".") + ";" for x in stm]))
        else:
            out += [("p", marker + x.rstrip(".") + rng.choice([";", ".", ""])) for x in stm]
    return out


# ------------------------------------------------------------------ the office's form filled in
def form_office(d, st):
    rng = d.rng
    d.features.add("form-fill")
    dot = rng.choice(["………", "........", ". . . . ."])

    def f(key, unit=""):
        v = st.get(key)
        if v is None:
            return dot * 3
        s = d.n(v, "form") if v else rng.choice(["0", "không"])
        return f"{dot}{s}{dot}" + (f" ({unit})" if unit else "")
    out = [("p", "(Theo đề cương báo cáo của Phòng GDĐT)"),
           ("h", "1. Hoạt động tuyên truyền về quyền con người"),
           ("p", f"a) Tổng số buổi đã tổ chức: {f('sessions', 'buổi')}"),
           ("p", f"b) Tổng số lượt người tham gia: {f('participants', 'lượt')}"),
           ("h", "2. Cơ chế phát ngôn và cung cấp thông tin cho báo chí")]
    sp = st.get("spokesperson")
    d.features.add("checkbox")
    box = {None: ("□", "□"), True: ("■", "□"), False: ("□", "■")}[sp]
    out.append(("p", f"Đơn vị có thực hiện:    {box[0]} Có        {box[1]} Không"))
    k, t = st.get("key_staff"), st.get("key_staff_trained")
    out += [("h", "3. Tập huấn, bồi dưỡng CBQL, GV chủ chốt"),
            ("p", f"a) Tổng số CBQL, GV chủ chốt của đơn vị: {f('key_staff', 'người')}"),
            ("p", f"b) Số CBQL, GV chủ chốt đã được tập huấn: {f('key_staff_trained', 'người')}")]
    if k and t is not None:
        out.append(("p", f"c) Tỷ lệ được tập huấn: {dot}{d.pct(t, k)}{dot}"))
    out += [("h", "4. Triển lãm ảnh, tài liệu về quyền con người"),
            ("p", f"Số cuộc đơn vị tổ chức hoặc tham gia: {f('exhibitions', 'cuộc')}"),
            ("h", "5. Tin giả, tin xấu độc xâm phạm quyền con người"),
            ("p", f"a) Số tin phát hiện: {f('fake_news_detected', 'tin')}"),
            ("p", f"b) Số tin đã phối hợp xử lý: {f('fake_news_handled', 'tin')}"),
            ("h", "6. Hoạt động khác (nếu có)"),
            ("p", trap_media(d))]
    return out


# ------------------------------------------------------------------ tables
LAB = {
    "sessions": ["Số buổi truyền thông về quyền con người", "Tổ chức tuyên truyền về QCN (chào cờ, ngoại khóa, chuyên đề)", "Buổi tuyên truyền, giáo dục quyền con người"],
    "participants": ["Lượt người tham dự các buổi tuyên truyền", "Tổng lượt người được truyền thông trực tiếp", "Số lượt người tham gia các buổi tuyên truyền"],
    "spokesperson": ["Thực hiện cơ chế phát ngôn, cung cấp thông tin cho báo chí", "Có quy chế, người phát ngôn và cung cấp thông tin cho báo chí"],
    "key_staff": ["Tổng số CBQL, GV chủ chốt của đơn vị", "CBQL, giáo viên chủ chốt (toàn trường)"],
    "key_staff_trained": ["CBQL, GV chủ chốt đã qua tập huấn về truyền thông QCN", "Số CBQL, GV chủ chốt được tập huấn, bồi dưỡng"],
    "exhibitions": ["Triển lãm ảnh, tài liệu về QCN đã tổ chức/tham gia", "Cuộc triển lãm ảnh, tài liệu về quyền con người"],
    "fake_news_detected": ["Tin giả, tin xấu độc về QCN được phát hiện", "Số tin giả, tin xấu độc phát hiện trên mạng xã hội"],
    "fake_news_handled": ["Tin giả, tin xấu độc đã phối hợp xử lý", "Số tin giả, tin xấu độc được phối hợp xử lý, gỡ bỏ"],
}
UNIT = {"sessions": "Buổi", "participants": "Lượt", "spokesperson": "Có/Không", "key_staff": "Người", "key_staff_trained": "Người",
        "exhibitions": "Cuộc", "fake_news_detected": "Tin", "fake_news_handled": "Tin"}


def lab(d, key):
    return d.rng.choice(LAB[key])


def val(d, key, v, unit=False):
    if key == "spokesperson":
        return d.c("Có", "Có thực hiện", "Đã thực hiện") if v else d.c("Không", "Chưa thực hiện")
    if v == 0:
        return d.c("0", "Không có", "Không")
    s = d.n(v, "table")
    return f"{s} {UNIT[key].lower()}" if unit else s


def t_unit(d, st):
    """Nội dung | Đơn vị tính | Kết quả (a Ghi chú sometimes)."""
    d.features.add("unit-column")
    note = d.rng.random() < 0.5
    head = [[("STT", 1, 1), ("Nội dung", 1, 1), ("Đơn vị tính", 1, 1), ("Kết quả", 1, 1)] + ([("Ghi chú", 1, 1)] if note else [])]
    rows = []
    for i, key in enumerate([k for k in KEYS if k in st], 1):
        r = [str(i), lab(d, key), UNIT[key], val(d, key, st[key])]
        if note:
            r.append(d.c("", "", "", "Lồng ghép" if key == "sessions" else "", f"Năm {d.Y}"))
        rows.append(r)
    return [("table", {"head": head, "rows": rows})]


def t_plan(d, st):
    """Thực hiện first, then the plan, then the rate: only the Thực hiện column is the figure."""
    rng = d.rng
    d.features.add("plan-column")
    head = [[("TT", 1, 1), ("Chỉ tiêu", 1, 1), ("ĐVT", 1, 1), ("Số lượng thực hiện", 1, 1), ("Kế hoạch đề ra", 1, 1), ("Đạt (%)", 1, 1)]]
    rows = []
    for i, key in enumerate([k for k in KEYS if k in st], 1):
        v = st[key]
        plan, rate = "", ""
        if key in ("sessions", "participants", "key_staff_trained"):
            base = v if key != "key_staff_trained" else st.get("key_staff", v)
            p = max(1, base + rng.choice([-3, -2, -1, 1, 2, 4])) if key != "participants" else max(50, round((v + rng.randint(-250, 200)) / 50) * 50)
            if key == "key_staff_trained":
                p = max(1, round(0.7 * base + 0.49))
            if p == v:
                p += 1
            plan, rate = d.n(p, "table"), str(round(100 * v / p))
        elif key == "spokesperson":
            plan = "Có"
        elif key == "exhibitions":
            plan = rng.choice(["1", "01", "2"])
        rows.append([str(i), lab(d, key), UNIT[key], val(d, key, v), plan, rate])
    return [("table", {"head": head, "rows": rows})]


def t_3year(d, st):
    """Three years side by side, then 2024 compared with 2023; a 2024 value not stated leaves its cell empty."""
    rng = d.rng
    d.features |= {"year-over-year", "three-year"}
    Y = d.Y
    merged = rng.random() < 0.5
    if merged:
        d.features.add("merged-header")
        head = [[("TT", 1, 2), ("Nội dung", 1, 2), ("ĐVT", 1, 2), ("Kết quả thực hiện", 3, 1), (f"So sánh {Y}/{Y - 1}", 1, 2)],
                [(f"Năm {Y - 2}", 1, 1), (f"Năm {Y - 1}", 1, 1), (f"Năm {Y}", 1, 1)]]
    else:
        head = [[("TT", 1, 1), ("Nội dung", 1, 1), ("ĐVT", 1, 1), (f"Năm {Y - 2}", 1, 1), (f"Năm {Y - 1}", 1, 1), (f"Năm {Y}", 1, 1), (f"So sánh {Y}/{Y - 1}", 1, 1)]]
    keys = [k for k in KEYS if k in st or (k != "spokesperson" and rng.random() < 0.25)]
    if "key_staff_trained" in keys and "key_staff" not in keys:
        keys.insert(keys.index("key_staff_trained"), "key_staff")
    a = draw_values(rng, d.level)
    rows = []
    for i, key in enumerate(keys, 1):
        v = st.get(key)
        if key == "spokesperson":
            rows.append([str(i), lab(d, key), "", "Chưa" if rng.random() < 0.4 else "Có", "Có", val(d, key, v), ""])
            continue
        cur = v if v is not None else a[key]
        o1 = max(0, cur + rng.randint(-6, 4)) if key != "participants" else max(40, cur + rng.randint(-300, 200))
        o2 = max(0, o1 + rng.randint(-5, 3)) if key != "participants" else max(40, o1 + rng.randint(-250, 150))
        if key == "key_staff_trained":
            o1 = min(o1, rows_key(rows, keys, "key_staff", 4, o1))
            o2 = min(o2, rows_key(rows, keys, "key_staff", 3, o2))
        if key == "fake_news_handled":
            o1 = min(o1, rows_key(rows, keys, "fake_news_detected", 4, o1))
            o2 = min(o2, rows_key(rows, keys, "fake_news_detected", 3, o2))
        if v is None:
            rows.append([str(i), lab(d, key), UNIT[key], d.n(o2, "table"), d.n(o1, "table"), "", ""])
            continue
        diff = v - o1
        cmp_ = "Bằng" if diff == 0 else (f"Tăng {diff}" if diff > 0 else f"Giảm {-diff}")
        rows.append([str(i), lab(d, key), UNIT[key], d.n(o2, "table"), d.n(o1, "table"), val(d, key, v), cmp_])
    return [("table", {"head": head, "rows": rows, "widths": [10, 60, 16, 19, 19, 19, 22]})]


def rows_key(rows, keys, key, col, default):
    """The value in column col of the row of key (already written), as an int; default when absent."""
    if key not in keys:
        return default
    j = keys.index(key)
    if j >= len(rows):
        return default
    try:
        return int(rows[j][col].replace(".", ""))
    except ValueError:
        return default


def t_sections(d, st):
    """Rows under lettered section rows, with look-alike rows and two-paragraph note cells."""
    rng = d.rng
    d.features |= {"section-rows", "multi-paragraph-cells"}
    head = [[("TT", 1, 1), ("Nội dung", 1, 1), ("Số lượng", 1, 1), ("Đơn vị", 1, 1), ("Ghi chú", 1, 1)]]
    n = lambda v: d.n(v, "table")  # noqa: E731
    looks = {"comm": [("Băng rôn, khẩu hiệu tuyên truyền", n(rng.randint(2, 10)), "Cái", ""),
                      ("Lượt truy cập chuyên mục Quyền con người trên website", n(rng.randint(900, 5000)), "Lượt", "Thống kê của website"),
                      ("Tờ gấp, sổ tay đã cấp phát", n(rng.randint(100, 600)), "Tờ", "")],
             "staff": [("Tổng số cán bộ, viên chức toàn trường", n(getattr(d, "total_staff", rng.randint(30, 75))), "Người", "")]}
    notes = {"sessions": ["Lồng ghép chào cờ,", "hoạt động trải nghiệm"], "participants": ["CB, GV, NV", f"và {d.pupil}"],
             "key_staff_trained": ["Lớp tập huấn", f"tháng 10/{d.Y}"], "spokesperson": ["Theo quy chế", "của nhà trường"],
             "fake_news_detected": ["Trên nhóm Zalo,", "Facebook"]}
    groups = [("A", "HOẠT ĐỘNG TRUYỀN THÔNG", ["sessions", "participants"], "comm"),
              ("B", "CƠ CHẾ PHÁT NGÔN", ["spokesperson"], None),
              ("C", "TẬP HUẤN, BỒI DƯỠNG", ["key_staff", "key_staff_trained"], "staff"),
              ("D", "TRIỂN LÃM ẢNH, TÀI LIỆU", ["exhibitions"], None),
              ("E", "TIN GIẢ, TIN XẤU ĐỘC", ["fake_news_detected", "fake_news_handled"], None)]
    rows = []
    letters = iter("ABCDE")
    for _, name, keys, lk in groups:
        items = []
        for key in keys:
            if key in st:
                note = notes.get(key) if rng.random() < 0.6 else ""
                items.append((lab(d, key), val(d, key, st[key]), "" if key == "spokesperson" else UNIT[key], note or ""))
        if lk and items:
            lk_rows = looks[lk]
            pick = rng.sample(lk_rows, min(len(lk_rows), rng.randint(1, 2)))
            for r in pick:
                items.insert(rng.randint(0, len(items)), r)
        if not items:
            continue
        rows.append([next(letters), name, "", "", ""])
        for j, (lb, v, u, note) in enumerate(items, 1):
            rows.append([str(j), lb, v, u, note])
    return [("table", {"head": head, "rows": rows})]


def t_itemized(d, st):
    """Each session a row (date, content, audience, people), then a total row; other figures follow in prose."""
    rng = d.rng
    d.features.add("itemized-total")
    s, p = st["sessions"], st["participants"]
    head = [[("TT", 1, 1), ("Thời gian", 1, 1), ("Hình thức, nội dung tuyên truyền", 1, 1), ("Đối tượng", 1, 1), ("Số người tham gia", 1, 1)]]
    topics = ["Giới thiệu Công ước của Liên hợp quốc về quyền trẻ em", "Quyền được học tập, vui chơi của trẻ em",
              "Quyền và nghĩa vụ cơ bản của công dân trong Hiến pháp 2013", "Phòng, chống xâm hại, bạo lực đối với trẻ em",
              "Nhận diện tin giả, thông tin xấu độc trên mạng xã hội", "Hưởng ứng Ngày Quốc tế Nhân quyền 10/12",
              "Quyền con người trong di sản văn hóa dân tộc", "Bình đẳng giới và quyền của trẻ em gái",
              "Quyền được bảo vệ thông tin cá nhân", "Kỹ năng tự bảo vệ bản thân"]
    rng.shuffle(topics)
    aud = (["Cha mẹ trẻ các lớp", "CB, GV, NV", "Trẻ mẫu giáo 5 tuổi", "Cha mẹ trẻ và GV"] if d.mn else
           ["Học sinh toàn trường", "CB, GV, NV", f"Học sinh khối {rng.choice(['4, 5', '8, 9', '6, 7', '3'])}", "Cha mẹ học sinh"])
    months = sorted(rng.choice([1, 2, 3, 4, 5, 9, 10]) for _ in range(s))  # all before the report's date
    w = [rng.uniform(0.5, 1.5) for _ in range(s)]
    counts = [max(5, int(p * x / sum(w))) for x in w]
    counts[0] += p - sum(counts)
    if counts[0] < 5:  # a very uneven draw: split evenly instead
        counts = [p // s] * s
        counts[0] += p - sum(counts)
    rows = []
    for i in range(s):
        day = rng.randint(2, 15 if months[i] == 10 else 28)
        rows.append([str(i + 1), f"{day:02d}/{months[i]:02d}/{d.Y}", topics[i % len(topics)] + rng.choice(["", " (chào cờ)", " (ngoại khóa)", " (sân khấu hóa)"]),
                     rng.choice(aud), d.n(counts[i], "table")])
    W = [10, 24, 73, 32, 26]
    total = ["", "", f"Tổng cộng: {d.n(s, 'table')} buổi", "", f"{d.n(p, 'table')} lượt"]
    out = []
    if s > 7 and rng.random() < 0.8:
        d.features.add("split-table")
        cut = s // 2 + rng.randint(0, 2)
        out.append(("table", {"head": head, "rows": rows[:cut], "widths": W}))
        out.append(("newpage",))
        out.append(("table", {"head": head if rng.random() < 0.5 else [], "rows": rows[cut:] + [total], "ncol": 5, "widths": W}))
    else:
        out.append(("table", {"head": head, "rows": rows + [total], "widths": W}))
    return out


def t_horizontal(d, st, year_rows=True):
    """Metrics as columns under grouped merged headers; a code row (A, B, 1, 2, ...); a row per year or for the school."""
    rng = d.rng
    d.features.add("horizontal-table")
    Y = d.Y
    groups = [("Tuyên truyền về QCN", [("sessions", "Số buổi"), ("participants", "Số lượt người")]),
              ("Thực hiện cơ chế phát ngôn", [("spokesperson", "")]),
              ("CBQL, GV chủ chốt", [("key_staff", "Tổng số"), ("key_staff_trained", "Đã được tập huấn")]),
              ("Triển lãm ảnh, tài liệu (cuộc)", [("exhibitions", "")]),
              ("Tin giả, tin xấu độc (tin)", [("fake_news_detected", "Phát hiện"), ("fake_news_handled", "Đã phối hợp xử lý")])]
    first = ("Năm", 1, 2) if year_rows else ("Tên đơn vị", 1, 2)
    top, sub, order = [("TT", 1, 2), first], [], []
    for g, cols in groups:
        if len(cols) == 1:
            top.append((g, 1, 2))
        else:
            top.append((g, len(cols), 1))
            sub += [(lb, 1, 1) for _, lb in cols]
        order += [k for k, _ in cols]
    top.append(("Ghi chú", 1, 2))
    rows = []
    if rng.random() < 0.7:
        d.features.add("column-code-row")
        rows.append(["A", "B"] + [str(i) for i in range(1, len(order) + 1)] + ["C"])

    def cells(vals, stated):
        out = []
        for key in order:
            if key not in stated:
                out.append("")
            elif key == "spokesperson":
                out.append("Có" if vals[key] else "Không")
            else:
                out.append(d.n(vals[key], "table"))
        return out
    if year_rows:
        d.features.add("year-rows")
        old = draw_values(rng, d.level)
        old["key_staff_trained"] = min(old["key_staff_trained"], old["key_staff"])
        rows.append(["1", f"Năm {Y - 1}"] + cells(old, KEYS) + [""])
        rows.append(["2", f"Năm {Y}"] + cells(st, st) + [rng.choice(["", "Số liệu đến 31/10"])])
    else:
        rows.append(["1", d.body] + cells(st, st) + [""])
    return [("table", {"head": [top, sub], "rows": rows, "wide": True})]


def t_kv(d, st, unit=True):
    """A borderless two-column list 'Chỉ tiêu | Kết quả' (Word table without borders)."""
    d.features.add("kv-borderless")
    rows = []
    mark = d.c("{}.", "-", "{})")
    for key in KEYS:
        if key not in st:
            continue
        v = st[key]
        m = mark.format(len(rows) + 1)
        if key == "key_staff_trained" and "key_staff" in st and st["key_staff"] and d.rng.random() < 0.5:
            rows.append([m, lab(d, key), f"{val(d, key, v, unit=True)} ({d.pct(v, st['key_staff'])})"])
        else:
            rows.append([m, lab(d, key), val(d, key, v, unit=unit)])
    head = [[("", 1, 1), ("Chỉ tiêu", 1, 1), ("Kết quả", 1, 1)]] if d.rng.random() < 0.7 else []
    return [("table", {"head": head, "rows": rows, "ncol": 3, "borderless": True, "widths": [10, 110, 45]})]


TABLES = {"table-unit": t_unit, "table-plan": t_plan, "table-3year": t_3year, "table-sections": t_sections,
          "table-horizontal": t_horizontal, "kv-borderless": t_kv}

LAYOUTS = ["prose-numbered", "prose-bullets", "prose-restated", "form-office", "kv-borderless", "table-unit", "table-plan",
           "table-3year", "table-sections", "table-itemized", "table-horizontal", "annex", "mixed"]
PHOTO_LAYOUTS = ["prose-bullets", "kv-borderless", "table-unit", "form-office", "table-horizontal"]


# ------------------------------------------------------------------ documents
def build_report(rng, roster, layout, year=2024, near=False, short=False):
    d = Doc(rng, pick_school(rng, roster, near), year)
    st = pick_stated(rng, draw_values(rng, d.level))
    if layout == "table-itemized":
        st.setdefault("sessions", rng.randint(5, 14))
        st["sessions"] = min(st["sessions"], 14)
        st.setdefault("participants", st["sessions"] * rng.randint(30, 90))
        st["participants"] = max(st["participants"], st["sessions"] * 15)
        st = {k: st[k] for k in KEYS if k in st}
    part_a = not short and rng.random() < 0.3
    blocks = [d.header("BC"), ("title", title_lines(d))] + kinh_gui(d) + [("p", opening(d))]
    if part_a:
        blocks += [("h", "A. ĐẶC ĐIỂM TÌNH HÌNH"), ("p", trap_scale(d)), ("p", trap_direction(d))]
    elif not short:
        blocks += part_one(d)
    if not short:
        blocks.append(results_heading(d, part_a))
    annex = []
    if layout in ("prose-numbered", "prose-bullets"):
        blocks += prose(d, st, layout.split("-")[1], short, part_a)
    elif layout == "prose-restated":
        d.features.add("restated-summary")
        blocks += prose(d, st, "numbered", short, part_a)
        blocks.append(("p", d.c("Tổng hợp số liệu:", "Bảng tổng hợp kết quả (số liệu như đã nêu ở trên):", f"Số liệu tổng hợp năm {d.Y}:")))
        blocks += rng.choice([t_unit, t_kv])(d, st)
    elif layout == "form-office":
        blocks += form_office(d, st)
    elif layout in TABLES:
        if not short and rng.random() < 0.5:
            blocks.append(("p", trap_media(d)))
        blocks.append(("p", d.c("Kết quả thực hiện các chỉ tiêu như sau:", "Cụ thể:", f"Kết quả năm {d.Y} được tổng hợp như sau:")))
        if layout == "table-horizontal" and short:
            blocks += t_horizontal(d, st, year_rows=rng.random() < 0.5)
        else:
            blocks += TABLES[layout](d, st)
    elif layout == "table-itemized":
        blocks.append(("h", ("1." if part_a else "2.1.") + " " + d.rng.choice(SECT["comm"])))
        blocks.append(("p", d.c("Các buổi tuyên truyền về quyền con người đã tổ chức trong năm:", "Thống kê các buổi tuyên truyền:")))
        blocks += t_itemized(d, st)
        rest = {k: v for k, v in st.items() if k not in ("sessions", "participants")}
        blocks += prose(d, rest, "numbered", short, part_a, first=2)
    elif layout == "annex":
        d.features.add("figures-in-annex")
        blocks.append(("p", d.c("Nhà trường đã triển khai đầy đủ các nội dung theo kế hoạch; kết quả cụ thể có Phụ lục số liệu kèm theo báo cáo này.",
                                 "Các hoạt động được lồng ghép trong nhiệm vụ năm học, bảo đảm thiết thực, hiệu quả (số liệu tại phụ lục đính kèm).")))
        kind = rng.choice(["table-unit", "table-3year", "table-horizontal", "table-horizontal", "table-sections", "kv-borderless"])
        d.features.add("annex-" + kind)
        land = kind == "table-horizontal"
        if land:
            d.features.add("landscape")
        dn = d.doc_number()
        annex = [("landscape",) if land else ("newpage",),
                 ("title", [d.c("PHỤ LỤC", "PHỤ LỤC I", "BIỂU SỐ LIỆU"), f"SỐ LIỆU CÔNG TÁC TRUYỀN THÔNG VỀ QUYỀN CON NGƯỜI NĂM {d.Y}"]),
                 ("i", f"(Kèm theo Báo cáo số {dn if not dn.startswith('/') else '      ' + dn} ngày {d.iso[8:10]}/{d.iso[5:7]}/{d.Y} của {d.body})")]
        annex += TABLES[kind](d, st)
    elif layout == "mixed":
        keys = list(st)
        rng.shuffle(keys)
        cut = len(keys) // 2
        p_st = {k: st[k] for k in KEYS if k in keys[:cut]}
        t_st = {k: st[k] for k in KEYS if k in keys[cut:]}
        if "fake_news_handled" in p_st and "fake_news_detected" not in p_st:
            t_st["fake_news_handled"] = p_st.pop("fake_news_handled")
        if "fake_news_handled" in t_st and "fake_news_detected" not in t_st and "fake_news_detected" in p_st:
            p_st["fake_news_handled"] = t_st.pop("fake_news_handled")
        blocks += prose(d, p_st, rng.choice(["numbered", "bullets"]), short, part_a)
        blocks.append(("p", d.c("Một số kết quả khác:", "Các chỉ tiêu còn lại:")))
        blocks += rng.choice([t_unit, t_kv, t_plan])(d, {k: t_st[k] for k in KEYS if k in t_st})
    else:
        raise ValueError(layout)
    if not short:
        blocks += closing(d, part_a, targets=rng.random() < 0.6)
    else:
        blocks.append(("p", f"Trên đây là báo cáo của {d.body}./."))
    blocks.append(d.sig())
    blocks += annex
    truth = {"kind": "report", "school_id": d.s["id"], "school_name": " ".join(d.lines), "period": str(year),
             "metrics": st, "layout": layout, "document_number": d.doc_number(), "negative": None,
             "level": d.level, "features": sorted(d.features)}
    if near:
        truth["negative"] = "school-not-on-roster"
    if year != 2024:
        truth["negative"] = "last-year"
    return blocks, truth


def build_annex_only(rng, roster, short=False):
    """A figures-only sheet sent on its own, headed by the school's name."""
    d = Doc(rng, pick_school(rng, roster), 2024)
    st = pick_stated(rng, draw_values(rng, d.level))
    d.features.add("annex-only")
    with_header = rng.random() < 0.5
    if with_header:
        blocks = [d.header("BC")]
    else:
        d.header("BC")  # draws the number and date; the sheet shows only the school's name
        blocks = [("p", d.c("PHÒNG GD&ĐT TP. ĐIỆN BIÊN PHỦ", "UBND THÀNH PHỐ ĐIỆN BIÊN PHỦ"))] + [("p", x) for x in d.lines]
    blocks.append(("title", [d.c("BIỂU TỔNG HỢP", "PHỤ LỤC SỐ LIỆU", "MẪU BIỂU SỐ 01"),
                             f"Số liệu thực hiện công tác truyền thông về quyền con người năm {d.Y}"]))
    blocks.append(("i", d.c(f"(Kèm theo Báo cáo số {d.num}/BC-{d.abbr} ngày {d.iso[8:10]}/{d.iso[5:7]}/{d.Y} của {d.body})",
                            f"(Số liệu tính đến ngày {d.rng.randint(25, 31)}/10/{d.Y})", f"Đơn vị: {d.body}")))
    kind = rng.choice(["table-unit", "table-horizontal", "kv-borderless", "table-3year"] if not short else ["table-unit", "kv-borderless"])
    d.features.add("annex-" + kind)
    if kind == "table-horizontal":
        blocks += t_horizontal(d, st, year_rows=False)
    else:
        blocks += TABLES[kind](d, st)
    blocks.append(("sig2", {"left": ["NGƯỜI TỔNG HỢP"], "left_name": d.person(), "right": d.c(["HIỆU TRƯỞNG"], ["THỦ TRƯỞNG ĐƠN VỊ"]),
                            "right_name": d.person()}))
    return blocks, {"kind": "annex", "school_id": d.s["id"], "school_name": " ".join(d.lines), "period": "2024", "metrics": st,
                    "layout": "annex-only", "document_number": d.doc_number() if with_header else None, "negative": None,
                    "level": d.level, "features": sorted(d.features)}


def build_negative(rng, roster, kind):
    """plan | minutes | letter | other-topic: documents that are not the year's report (metrics {})."""
    d = Doc(rng, pick_school(rng, roster), 2024)
    n = d.n
    if kind == "plan":
        sub = rng.choice(["dec", "y2025"])
        if sub == "dec":
            title = ["KẾ HOẠCH", "Tổ chức các hoạt động hưởng ứng Ngày Quốc tế Nhân quyền (10/12)", "năm 2024"]
            period = "2024"
        else:
            title = ["KẾ HOẠCH", "Hoạt động truyền thông về quyền con người năm 2025"]
            period = "2025"
        blocks = [d.header("KH"), ("title", title),
                  ("p", f"Căn cứ Kế hoạch số 2109/KH-SGDĐT ngày 06/8/2024 của Sở GDĐT tỉnh Điện Biên; căn cứ điều kiện thực tế, {d.body} xây dựng kế hoạch như sau:"),
                  ("h", "I. MỤC ĐÍCH, YÊU CẦU"),
                  ("p", f"Giúp cán bộ, giáo viên, nhân viên, {d.pupil} và {d.parents} hiểu đúng về quyền con người; thực hiện có hiệu quả Đề án Truyền thông về Quyền con người."),
                  ("h", "II. CHỈ TIÊU CỤ THỂ"),
                  ("p", f"- Số buổi tuyên truyền về quyền con người: {n(rng.randint(3, 16))} buổi; số lượt người tham gia dự kiến: {n(rng.randint(250, 1400))} lượt."),
                  ("p", f"- Số CBQL, GV chủ chốt được tập huấn: {n(rng.randint(5, 18))} đồng chí."),
                  ("p", "- Thực hiện cơ chế phát ngôn và cung cấp thông tin cho báo chí: Có."),
                  ("p", f"- Tổ chức, tham gia {n(rng.randint(1, 2))} cuộc triển lãm ảnh, tài liệu về quyền con người."),
                  ("h", "III. TIẾN ĐỘ THỰC HIỆN"),
                  ("table", {"head": [[("TT", 1, 1), ("Nội dung", 1, 1), ("Thời gian", 1, 1), ("Phụ trách", 1, 1)]],
                             "rows": [["1", "Xây dựng, ban hành kế hoạch", "Tháng 11" if sub == "dec" else "Tháng 01/2025", "Hiệu trưởng"],
                                      ["2", f"Tuyên truyền dưới cờ ({n(rng.randint(2, 4))} buổi)", "Tháng 12" if sub == "dec" else "Tháng 3 - 5/2025", "Tổng phụ trách" if not d.mn else "Phó Hiệu trưởng"],
                                      ["3", "Báo cáo kết quả về Phòng GDĐT", "Trước 15/12" if sub == "dec" else "Trước 14/11/2025", "Văn thư"]]}),
                  ("h", "IV. TỔ CHỨC THỰC HIỆN"), ("p", "Các bộ phận căn cứ kế hoạch triển khai; trong quá trình thực hiện nếu có vướng mắc báo cáo Hiệu trưởng để giải quyết./."), d.sig()]
        tk = "plan"
    elif kind == "minutes":
        sub = rng.choice(["review", "parents"])
        if sub == "review":
            blocks = [d.header("BB"), ("title", ["BIÊN BẢN", "Họp tổ truyền thông thống nhất số liệu báo cáo năm 2024"]),
                      ("p", f"Vào hồi 15 giờ 30 phút ngày {rng.randint(1, 8):02d}/11/2024, tại văn phòng {d.body}, tổ truyền thông họp thống nhất số liệu báo cáo công tác truyền thông về quyền con người năm 2024."),
                      ("p", f"Thành phần: {n(rng.randint(5, 9))}/{n(rng.randint(9, 10))} thành viên tổ truyền thông; chủ trì: đồng chí Phó Hiệu trưởng."),
                      ("h", "NỘI DUNG CUỘC HỌP"),
                      ("p", f"Thư ký đọc dự thảo báo cáo: năm 2024 nhà trường tổ chức {n(rng.randint(4, 18))} buổi tuyên truyền về quyền con người, {n(rng.randint(300, 1500))} lượt người tham gia; {n(rng.randint(4, 15))} đồng chí CBQL, GV chủ chốt được tập huấn."),
                      ("p", "Các thành viên đề nghị rà soát lại danh sách người tham gia trước khi trình Hiệu trưởng ký báo cáo chính thức."),
                      ("p", "Cuộc họp kết thúc lúc 17 giờ 00 cùng ngày./."),
                      ("sig2", {"left": ["THƯ KÝ"], "left_name": d.person(), "right": ["CHỦ TRÌ"], "right_name": d.person()})]
        else:
            blocks = [d.header("BB"), ("title", ["BIÊN BẢN", f"Họp Ban đại diện {d.parents} đầu năm học 2024-2025"]),
                      ("p", f"Thời gian: 14 giờ 00 ngày {rng.randint(20, 30)}/9/2024. Địa điểm: phòng họp {d.body}."),
                      ("p", f"Thành phần: Ban giám hiệu, {n(rng.randint(10, 30))} đại diện {d.parents} các lớp."),
                      ("h", "NỘI DUNG"),
                      ("p", f"Hiệu trưởng thông qua kế hoạch năm học, trong đó có nội dung phối hợp tuyên truyền về quyền con người, quyền trẻ em; năm học trước nhà trường đã tổ chức {n(rng.randint(3, 12))} buổi tuyên truyền."),
                      ("p", "Ban đại diện thống nhất phối hợp với nhà trường, không chia sẻ thông tin chưa kiểm chứng trên nhóm Zalo các lớp./."),
                      ("sig2", {"left": ["THƯ KÝ"], "left_name": d.person(), "right": ["TRƯỞNG BAN ĐẠI DIỆN"], "right_name": d.person()})]
        tk = "minutes"
    elif kind == "letter":
        sub = rng.choice(["speaker", "police"])
        if sub == "speaker":
            blocks = [d.header("", number=f"Số: {rng.randint(5, 160)}/{d.abbr}-VP"),
                      ("p", "V/v đề nghị cử báo cáo viên tuyên truyền về quyền con người"),
                      ("kg", "Kính gửi: Công an " + d.ward + "."),
                      ("p", f"Thực hiện kế hoạch công tác truyền thông về quyền con người năm học 2024-2025, {d.body} dự kiến tổ chức buổi ngoại khóa chuyên đề cho khoảng {n(rng.randint(150, 700))} {d.pupil} và {n(rng.randint(20, 60))} cán bộ, giáo viên vào ngày {rng.randint(2, 20):02d}/12/2024."),
                      ("p", "Nhà trường kính đề nghị Công an phường cử 01 báo cáo viên về nói chuyện chuyên đề. Trân trọng cảm ơn./."), d.sig()]
        else:
            blocks = [d.header("", number=f"Số: {rng.randint(5, 160)}/{d.abbr}"),
                      ("p", "V/v phối hợp xác minh thông tin sai lệch trên mạng xã hội"),
                      ("kg", "Kính gửi: Công an " + d.ward + "."),
                      ("p", f"Ngày {rng.randint(2, 25):02d}/10/2024, nhà trường phát hiện {n(rng.randint(1, 3))} bài viết có nội dung sai lệch về việc thu các khoản đóng góp, xúc phạm danh dự giáo viên được chia sẻ trên một nhóm Facebook."),
                      ("p", "Nhà trường đề nghị Công an phường phối hợp xác minh, xử lý theo quy định (tài liệu kèm theo)./."), d.sig()]
        tk = "letter"
    elif kind == "other-topic":
        topic = rng.choice(["công tác y tế trường học", "Tháng hành động vì trẻ em", "công tác phòng, chống đuối nước cho học sinh",
                            "công tác chuyển đổi số trong nhà trường", "xây dựng trường học an toàn, phòng chống tai nạn thương tích"])
        blocks = [d.header("BC"), ("title", ["BÁO CÁO", f"Kết quả {topic} năm 2024"]),
                  ("kg", "Kính gửi: Phòng GDĐT thành phố Điện Biên Phủ."),
                  ("p", f"Thực hiện hướng dẫn của Phòng GDĐT, {d.body} báo cáo kết quả {topic} năm 2024 như sau:"),
                  ("h", "I. KẾT QUẢ"),
                  ("p", f"1. Tổ chức {n(rng.randint(3, 15))} buổi tuyên truyền, ngoại khóa với {n(rng.randint(200, 1600))} lượt {d.pupil} và {d.parents} tham gia."),
                  ("p", f"2. Cử {n(rng.randint(2, 8))} đồng chí CBQL, GV chủ chốt dự tập huấn chuyên đề do Phòng GDĐT tổ chức."),
                  ("p", "3. Nội dung tuyên truyền gắn với bảo đảm quyền con người, quyền trẻ em được chăm sóc, bảo vệ."),
                  ("p", f"4. Không có {d.pupil} bị tai nạn thương tích nghiêm trọng trong năm."),
                  ("h", "II. KIẾN NGHỊ"), ("p", "Không có./."), d.sig()]
        tk = "report"
    else:
        raise ValueError(kind)
    return blocks, {"kind": tk, "school_id": d.s["id"], "school_name": " ".join(d.lines),
                    "period": period if kind == "plan" else "2024", "metrics": {}, "layout": kind,
                    "document_number": d.doc_number(), "negative": kind, "level": d.level, "features": sorted(d.features)}

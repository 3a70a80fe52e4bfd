"""Blind corpus, batch B: new phrasings and layouts (SPEC.md section 6), same truth format (SPEC.md section 4).

Written from SPEC.md / DOMAIN.md / the plan (seeds/) / config.yaml only; never from the parser's code.
Batch A's sentences are not reused: every figure sentence, table label and trap here is new.
Blocks are those of content.py plus:
("headerb", {"left": [(text, bold), ...], "number": str, "right": [...], "date": str})  wrapped names, 1-2 parent lines
("ul", [item, ...])            a real (auto) bulleted list, no marker in the text
("newpage",)                   a page break before whatever follows (a table split across pages)
("landscape",)                 a new landscape section (python-docx); a page break elsewhere
("sig2", {"left": [lines], "left_name": str, "right": [lines], "right_name": str})  two signers (annex sheets)
Table cells may be a list of strings (a multi-paragraph cell); a table may have "head": [] (a continuation part).
"""
from __future__ import annotations

import math

import content as C

WORD = {1: "một", 2: "hai", 3: "ba", 4: "bốn", 5: "năm", 6: "sáu", 7: "bảy", 8: "tám", 9: "chín", 10: "mười"}

# Schools NOT on the roster with a name near one that is (none of these is in content.NEAR_NAMES).
NEAR_NAMES_B = [
    ("MN", "Hoa Sữa", "mn-hoa-sen"),
    ("TH", "Noong Luống", "th-noong-bua"),
    ("THCS", "Thanh Luông", "thcs-thanh-minh"),
    ("MN", "Tuổi Hoa", "mn-tuoi-tho"),
    ("THCS", "Nà Tấu", "thcs-na-nhan"),
    ("MN", "Mường Phăng", "th-muong-phang"),      # the commune has a TH and a THCS on the roster, no MN
    ("MN", "Nà Nhạn", "th-so-1-na-nhan"),
    ("TH", "Thanh Luông", "th-thanh-minh"),
    ("THCS", "Thanh Xương", "th-thcs-thanh-truong"),
    ("TH", "Him Lam 2", "th-him-lam"),
]

WARDS = [("phường", "Him Lam"), ("phường", "Mường Thanh"), ("phường", "Tân Thanh"), ("phường", "Thanh Bình"),
         ("phường", "Thanh Trường"), ("phường", "Noong Bua"), ("phường", "Nam Thanh"), ("xã", "Thanh Minh"),
         ("xã", "Tà Lèng"), ("xã", "Nà Nhạn"), ("xã", "Mường Phăng"), ("xã", "Nà Tấu")]
LEVEL_WEIGHTS = {"MN": 0.30, "TH": 0.22, "TH-THCS": 0.18, "THCS": 0.30}
SIGNERS_FAM = ["Lò", "Quàng", "Lường", "Cà", "Tòng", "Vừ", "Giàng", "Nguyễn", "Bùi", "Đinh", "Hà", "Ngô", "Trần", "Mùa"]
SIGNERS_MID = ["Văn", "Thị", "A", "Thị Minh", "Văn Thanh", "Thị Ngọc", "Mạnh", "Thị Kim"]
SIGNERS_GIV = ["Pằn", "Ín", "Khánh", "Dế", "Mỷ", "Thúy", "Hưng", "Chinh", "Lả", "Nguyệt", "Thắm", "Kiên", "Xuân", "Vân"]


# ------------------------------------------------------------------ the school and its header
def pick_school(rng, roster, near=False):
    if near:
        level, prop, _ = rng.choice(NEAR_NAMES_B)
        return {"id": None, "level": level, "prop": prop}
    r = rng.random()
    acc = 0.0
    level = "THCS"
    for lv, w in LEVEL_WEIGHTS.items():
        acc += w
        if r < acc:
            level = lv
            break
    row = rng.choice([x for x in roster if x["level"] == level])
    return {"id": row["id"], "level": level, "prop": C.proper(row["name"])}


def school_lines(rng, level, prop):
    """The school's name as the header writes it: one line, or wrapped onto two (a narrow column)."""
    P = prop.upper()
    forms = {
        "MN": [[f"TRƯỜNG MẦM NON {P}"], ["TRƯỜNG MẦM NON", P], [f"TRƯỜNG MN {P}"]],
        "TH": [[f"TRƯỜNG TIỂU HỌC {P}"], ["TRƯỜNG TIỂU HỌC", P], [f"TRƯỜNG TH {P}"]],
        "TH-THCS": [["TRƯỜNG TIỂU HỌC VÀ TRUNG HỌC CƠ SỞ", P], [f"TRƯỜNG TH VÀ THCS {P}"], ["TRƯỜNG TH&THCS", P],
                    [f"TRƯỜNG TH - THCS {P}"]],
        "THCS": [["TRƯỜNG TRUNG HỌC CƠ SỞ", P], [f"TRƯỜNG THCS {P}"], ["TRƯỜNG THCS", P]],
    }[level]
    lines = rng.choice(forms)
    if len(lines) == 1 and " – " in lines[0] and rng.random() < 0.7:  # "HÀ NỘI – ĐIỆN BIÊN PHỦ" wraps at the dash
        a, b = lines[0].split(" – ", 1)
        lines = [a + " –", b]
    return lines


def body_name(rng, level, prop):
    return {"MN": rng.choice([f"Trường Mầm non {prop}", f"Trường MN {prop}"]),
            "TH": rng.choice([f"Trường Tiểu học {prop}", f"Trường TH {prop}"]),
            "TH-THCS": rng.choice([f"Trường TH&THCS {prop}", f"Trường Tiểu học và THCS {prop}", f"Trường TH - THCS {prop}"]),
            "THCS": rng.choice([f"Trường THCS {prop}", f"Trường Trung học cơ sở {prop}"])}[level]


def abbr_of(level, prop):
    return {"MN": "MN", "TH": "TH", "TH-THCS": "THTHCS", "THCS": "THCS"}[level] + C.initials(prop)


def ward_of(rng, prop):
    for kind, w in WARDS:
        if w in prop:
            return kind, w
    return rng.choice(WARDS)


# ------------------------------------------------------------------ the context of one document
class Ctx:
    def __init__(self, rng, school, year=2024):
        self.rng = rng
        self.s = school
        self.Y = year
        self.level = school["level"]
        self.mn = self.level == "MN"
        self.pupil = "trẻ" if self.mn else "học sinh"
        self.parents = "cha mẹ trẻ" if self.mn else "cha mẹ học sinh"
        self.lines = school_lines(rng, self.level, school["prop"])
        self.body = body_name(rng, self.level, school["prop"])
        self.abbr = abbr_of(self.level, school["prop"])
        self.ward = ward_of(rng, school["prop"])
        self.features = set()
        self.elsewhere = set()  # metrics stated in the text when a table holds the others (layout "mixed")
        self.en_excel = rng.random() < 0.2  # tables pasted from an English-locale Excel: 1,250 and 83.3
        if len(self.lines) > 1:
            self.features.add("wrapped-name")

    def c(self, *opts):
        return self.rng.choice(opts)

    def n(self, v, ctx="prose", words=True):
        """A count as a clerk writes it: 07 / 7 / 02 (hai) / 1.250 / 1250 / (Excel tables) 1,250."""
        rng = self.rng
        if v >= 1000:
            r = rng.random()
            if ctx == "table" and self.en_excel:
                self.features.add("comma-thousands")
                return f"{v:,}"
            return f"{v:,}".replace(",", ".") if r < 0.8 else str(v)
        if 0 < v < 10:
            r = rng.random()
            if words and ctx != "table" and r < 0.14:
                self.features.add("number-in-words")
                return f"{v:02d} ({WORD[v]})"
            return f"{v:02d}" if r < 0.62 else str(v)
        return str(v)

    def pct(self, a, b, ctx="prose"):
        p = 100 * a / b
        if abs(p - round(p)) < 1e-9:
            return f"{round(p)}"
        if self.rng.random() < 0.6:
            return f"{p:.1f}" if ctx == "table" and self.en_excel else f"{p:.1f}".replace(".", ",")
        return f"{round(p)}"

    def date(self):
        rng = self.rng
        r = rng.random()
        if r < 0.45:
            month, day = 10, rng.randint(15, 31)
        elif r < 0.92:
            month, day = 11, rng.randint(1, 14)
        else:
            month, day = 11, rng.randint(15, 20)  # a late report
        kind, ward = self.ward
        place = rng.choice(["Điện Biên Phủ", "Điện Biên Phủ", "TP. Điện Biên Phủ", ward, ward])
        d = "     " if rng.random() < 0.06 else (f"{day:02d}" if rng.random() < 0.8 else str(day))
        self.iso = f"{self.Y}-{month:02d}-{day:02d}"
        return f"{place}, ngày {d} tháng {month} năm {self.Y}"

    def header(self, sym="BC", number=None):
        rng = self.rng
        parent = rng.choice([["UBND TP ĐIỆN BIÊN PHỦ"], ["PHÒNG GD&ĐT THÀNH PHỐ ĐIỆN BIÊN PHỦ"],
                             ["PHÒNG GIÁO DỤC VÀ ĐÀO TẠO", "THÀNH PHỐ ĐIỆN BIÊN PHỦ"], ["UBND THÀNH PHỐ ĐIỆN BIÊN PHỦ"],
                             ["PHÒNG GDĐT TP. ĐIỆN BIÊN PHỦ"]])
        self.num = rng.randint(3, 160)
        if number is None:
            r = rng.random()
            number = (f"Số: {self.num:02d}/{sym}-{self.abbr}" if r < 0.6 else f"Số:  {self.num} /{sym}-{self.abbr}" if r < 0.8
                      else f"Số: {self.num}/{sym}-{self.abbr}" if r < 0.93 else f"Số:       /{sym}-{self.abbr}")
        self.number = number
        right = ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" if rng.random() < 0.6 else "CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM",
                 rng.choice(["Độc lập - Tự do - Hạnh phúc", "Độc lập – Tự do – Hạnh phúc", "Độc lập - Tự do - Hạnh phúc"])]
        left = [(p, False) for p in parent] + [(s, True) for s in self.lines]
        return ("headerb", {"left": left, "number": number, "right": right, "date": self.date()})

    def doc_number(self):
        return self.number.replace("Số:", "").replace(" ", "")

    def signer(self):
        rng = self.rng
        title = rng.choice([["HIỆU TRƯỞNG"], ["HIỆU TRƯỞNG"], ["KT. HIỆU TRƯỞNG", "PHÓ HIỆU TRƯỞNG"], ["Q. HIỆU TRƯỞNG"]])
        name = f"{rng.choice(SIGNERS_FAM)} {rng.choice(SIGNERS_MID)} {rng.choice(SIGNERS_GIV)}"
        if rng.random() < 0.15:
            name = rng.choice(["ThS. ", "(Đã ký) "]) + name
        return title, name

    def sig(self):
        rng = self.rng
        title, name = self.signer()
        nn = [rng.choice(["- Phòng GD&ĐT TP (b/c);", "- Phòng GDĐT thành phố (để b/c);", "- Như Kính gửi;"])]
        if rng.random() < 0.5:
            nn.append(rng.choice(["- Chi bộ, BGH nhà trường;", "- Đảng ủy, UBND " + " ".join(self.ward) + " (b/c);", "- Website trường;"]))
        nn.append(rng.choice(["- Lưu: VT.", f"- Lưu: VT, {self.abbr}.", "- Lưu VP."]))
        return ("sig", {"noi_nhan": nn, "title": title, "name": name})


# ------------------------------------------------------------------ values and what a document states
def draw_values(rng, level):
    ks = rng.randint(5, 14) if level == "MN" else rng.randint(7, 32)
    tr = rng.randint(max(1, ks // 2), ks) if rng.random() < 0.85 else rng.randint(1, ks)
    ses = rng.choice([rng.randint(2, 10), rng.randint(8, 36)])
    part = max(80, ses * (rng.randint(20, 70) if level == "MN" else rng.randint(30, 130)))
    det = rng.choice([0, 0, 0, 0, 1, 1, 2, 3, 4])
    return {
        "sessions": ses,
        "participants": part,
        "spokesperson": rng.random() < 0.7,
        "key_staff": ks,
        "key_staff_trained": tr,
        "exhibitions": rng.choice([0, 0, 0, 1, 1, 1, 2, 3]),
        "fake_news_detected": det,
        "fake_news_handled": det if rng.random() < 0.75 else rng.randint(0, max(0, det - 1)),
    }


def pick_stated(rng, vals):
    keys = list(vals)
    r = rng.random()
    if r < 0.45:
        chosen = set(keys)
    elif r < 0.8:
        chosen = set(keys) - set(rng.sample(keys, rng.randint(1, 3)))
    else:
        chosen = set(rng.sample(keys, rng.randint(3, 4)))
    if "fake_news_handled" in chosen:
        chosen.add("fake_news_detected")
    return {k: vals[k] for k in keys if k in chosen}


def split2(rng, v):
    a = rng.randint(1, v - 1)
    return a, v - a


# ------------------------------------------------------------------ figure statements (prose)
def s_sessions(x, v, label):
    n = x.n
    if label:
        return [x.c(f"Số buổi tuyên truyền, phổ biến về quyền con người: {n(v)} buổi",
                    f"Tổng số buổi tuyên truyền về QCN đã tổ chức: {n(v)} buổi",
                    f"Tuyên truyền về quyền con người: {n(v)} buổi",
                    f"Số buổi tổ chức tuyên truyền (chào cờ, sinh hoạt lớp, ngoại khóa): {n(v)}")]
    forms = [f"Tính đến ngày {x.rng.randint(1, 14):02d}/11/{x.Y}, đơn vị đã tổ chức {n(v)} buổi tuyên truyền, phổ biến kiến thức về quyền con người cho {x.pupil} và cán bộ, giáo viên, nhân viên.",
             f"Có {n(v)} buổi sinh hoạt chuyên đề về quyền con người được tổ chức trong các giờ chào cờ đầu tuần và tiết sinh hoạt lớp.",
             f"Đơn vị lồng ghép nội dung truyền thông về quyền con người vào {n(v)} buổi hoạt động ngoại khóa, sinh hoạt tập thể."]
    if v >= 2:
        a, b = split2(x.rng, v)
        forms.append(f"Trong năm {x.Y}, nhà trường tổ chức được {n(v)} buổi tuyên truyền về quyền con người (trong đó: {n(a)} buổi tuyên truyền dưới cờ, {n(b)} buổi sinh hoạt ngoại khóa).")
    if x.mn:
        forms.append(f"Nhà trường tổ chức tuyên truyền về quyền con người, quyền trẻ em tới cha mẹ trẻ và cán bộ, giáo viên, nhân viên được {n(v)} buổi, lồng ghép trong các buổi họp phụ huynh và sinh hoạt chuyên môn.")
    return [x.rng.choice(forms)]


def s_participants(x, v, label):
    n = x.n
    a = min(v - 20, x.rng.randint(25, 75)) if v > 60 else None
    if label:
        forms = [f"Tổng số lượt người nghe tuyên truyền: {n(v)} lượt người", f"Lượt người tham gia: {n(v)}"]
        if a:
            forms.append(f"Số lượt người tham gia: {n(v)} lượt (CB, GV, NV: {n(a)} lượt; {x.pupil}: {n(v - a)} lượt)")
        if x.mn:
            forms.append(f"Số lượt cha mẹ trẻ và CB, GV, NV được tuyên truyền: {n(v)} lượt")
        return [x.rng.choice(forms)]
    forms = [f"Các buổi tuyên truyền có {n(v)} lượt cán bộ, giáo viên, {x.pupil} tham dự.",
             f"Số lượt người được tuyên truyền là {n(v)} lượt."]
    if a:
        forms.append(f"Tổng cộng có {n(v)} lượt người tham gia, trong đó {n(a)} lượt cán bộ, giáo viên, nhân viên và {n(v - a)} lượt {x.pupil}.")
    if x.mn:
        forms.append(f"Các buổi tuyên truyền thu hút {n(v)} lượt cha mẹ trẻ, cán bộ, giáo viên tham dự.")
    return [x.rng.choice(forms)]


def s_sessions_participants(x, s, p):
    """Both in one sentence (narrative)."""
    n = x.n
    return [x.c(f"Trong năm {x.Y}, nhà trường đã tổ chức {n(s)} buổi tuyên truyền về quyền con người với tổng số {n(p)} lượt người tham gia.",
                f"Đã tổ chức {n(s)} buổi tuyên truyền, phổ biến về quyền con người, thu hút {n(p)} lượt cán bộ, giáo viên, nhân viên và {x.pupil} tham gia.",
                f"Kết quả: tổ chức {n(s)} buổi tuyên truyền về quyền con người; số người tham gia đạt {n(p)} lượt.")]


def s_spokes(x, v, label):
    if label:
        lab = x.c("Thực hiện cơ chế phát ngôn và cung cấp thông tin cho báo chí", "Cơ chế phát ngôn, cung cấp thông tin cho báo chí")
        val = (x.c("Đã thực hiện", "Thực hiện tốt", "Có thực hiện", "Có (Hiệu trưởng là người phát ngôn)") if v else
               x.c("Chưa", "Chưa thực hiện", "Không", "Chưa thực hiện (chưa ban hành quyết định phân công người phát ngôn)"))
        return [f"{lab}: {val}"]
    if v:
        return [x.c(f"Nhà trường đã ban hành Quyết định số {x.rng.randint(2, 40):02d}/QĐ-{x.abbr} ngày {x.rng.randint(5, 28):02d}/9/{x.Y} phân công đồng chí Hiệu trưởng làm người phát ngôn; việc phát ngôn và cung cấp thông tin cho báo chí được thực hiện theo đúng quy định.",
                    "Đơn vị duy trì thực hiện tốt cơ chế phát ngôn và cung cấp thông tin cho báo chí; thông tin về hoạt động của nhà trường được cung cấp kịp thời, chính xác.",
                    "Hiệu trưởng là người phát ngôn của nhà trường, trực tiếp cung cấp thông tin cho báo chí khi có yêu cầu; trong năm nhà trường đã thực hiện nghiêm cơ chế phát ngôn.")]
    return [x.c("Nhà trường chưa xây dựng quy chế phát ngôn, chưa phân công người phát ngôn và cung cấp thông tin cho báo chí.",
                "Cơ chế phát ngôn và cung cấp thông tin cho báo chí chưa được triển khai thực hiện tại đơn vị.",
                f"Đơn vị chưa thực hiện cơ chế phát ngôn và cung cấp thông tin định kỳ cho báo chí; sẽ khắc phục trong năm {x.Y + 1}.")]


def s_staff(x, k, t, label):
    n = x.n
    if k is not None and t is not None:
        p = x.pct(t, k)
        if label:
            forms = [[f"Tổng số CBQL, GV chủ chốt: {n(k)} đ/c; đã được tập huấn: {n(t)} đ/c (đạt {p}%)"],
                     [f"Số cán bộ quản lý, giáo viên chủ chốt: {n(k)} người",
                      f"Trong đó được tập huấn kiến thức, kỹ năng truyền thông về QCN: {n(t)} người"],
                     [f"CBQL, GV chủ chốt được tập huấn về truyền thông quyền con người: {n(t, words=False)}/{n(k, words=False)} đồng chí"]]
        else:
            forms = [[f"Có {n(t, words=False)}/{n(k, words=False)} đồng chí CBQL, GV chủ chốt được tham gia tập huấn, bồi dưỡng kiến thức, kỹ năng truyền thông về quyền con người, đạt {p}%."],
                     [f"Đã có {n(t)} trên tổng số {n(k)} cán bộ quản lý, giáo viên chủ chốt của đơn vị được cập nhật thông tin, tập huấn kỹ năng truyền thông về quyền con người (tỷ lệ {p}%)."]]
            if k > t:
                forms.append([f"Nhà trường có {n(k)} cán bộ quản lý, giáo viên chủ chốt; đến nay {n(t)} đồng chí đã được tập huấn, còn {n(k - t)} đồng chí chưa được tập huấn do nghỉ chế độ thai sản, ốm đau."])
        return x.rng.choice(forms)
    if t is not None:
        return [x.c(f"Cử {n(t)} đồng chí cán bộ quản lý, giáo viên chủ chốt tham gia lớp tập huấn truyền thông về quyền con người do Phòng GDĐT tổ chức ngày {x.rng.randint(2, 28):02d}/10/{x.Y}.",
                    f"Số CBQL, GV chủ chốt được tập huấn: {n(t)} đồng chí.")]
    extra = "" if x.mn else ", Tổng phụ trách Đội"
    return [f"Số CBQL, GV chủ chốt của nhà trường: {n(k)} đồng chí (Ban giám hiệu, tổ trưởng, tổ phó chuyên môn{extra})."]


def s_exhib(x, v, label):
    n = x.n
    if v == 0:
        if label:
            return [f"Số cuộc triển lãm ảnh, tài liệu về quyền con người (tổ chức hoặc tham gia): {x.c('Không', '0', 'Không có')}"]
        return [x.c("Trong năm, nhà trường không tổ chức và cũng không tham gia cuộc triển lãm ảnh, tài liệu nào về quyền con người.",
                    "Đơn vị chưa tổ chức, chưa tham gia triển lãm ảnh, tài liệu về quyền con người.")]
    if label:
        return [f"Triển lãm ảnh, tài liệu về QCN đã tổ chức/tham gia: {n(v)} cuộc"]
    return [x.c(f"Phối hợp tham gia {n(v)} cuộc triển lãm ảnh, tài liệu lưu trữ về quyền con người ở Việt Nam do UBND thành phố tổ chức.",
                f"Tổ chức {n(v)} cuộc triển lãm ảnh về quyền con người, quyền trẻ em tại thư viện nhà trường, trưng bày {x.rng.randint(30, 140)} ảnh, tư liệu.")]


def s_fake(x, d, h, label):
    n = x.n
    kind, ward = x.ward
    ca = f"Công an {kind} {ward}"
    if d == 0:
        if h is not None:
            if label:
                z = x.c("Không có", "0", "Không")
                return [f"Số tin giả, tin xấu độc phát hiện: {z}", f"Số tin giả, tin xấu độc đã phối hợp xử lý: {z}"]
            return ["Trong năm không phát hiện tin giả, tin xấu độc xâm hại quyền con người liên quan đến nhà trường; không có trường hợp nào phải phối hợp xử lý."]
        if label:
            return [f"Tin giả, tin xấu độc về quyền con người phát hiện được: {x.c('Không có', '0')}"]
        return ["Không phát hiện tin giả, tin xấu độc về quyền con người trên không gian mạng liên quan đến đơn vị."]
    if h is None:
        if label:
            return [f"Tin giả, tin xấu độc về quyền con người phát hiện được: {n(d)} tin"]
        return [f"Phát hiện {n(d)} tin, bài có nội dung xấu độc, xuyên tạc về quyền con người trên các nhóm Zalo của phụ huynh; đã báo cáo Phòng GDĐT và cơ quan chức năng."]
    if label:
        return [x.c(f"Số tin giả, tin xấu độc phát hiện: {n(d)} tin; đã phối hợp xử lý: {n(h)} tin",
                    f"Tin giả, tin xấu độc: phát hiện {n(d)}, đã phối hợp xử lý {n(h, words=False)}/{n(d, words=False)}")]
    if h == 0:
        return [f"Phát hiện {n(d)} trường hợp chia sẻ thông tin sai lệch về quyền con người trên mạng xã hội; nhà trường đã báo cáo {ca}, đến nay chưa phối hợp xử lý được trường hợp nào."]
    rest = f", còn {n(d - h)} trường hợp đang xác minh" if d > h else ""
    return [f"Phát hiện {n(d)} trường hợp chia sẻ thông tin sai lệch, xấu độc liên quan đến quyền con người trên mạng xã hội; nhà trường đã phối hợp với {ca} xử lý {n(h)} trường hợp{rest}."]


# ------------------------------------------------------------------ weak look-alikes (never figures)
def trap_comm(x):
    n = x.n
    r = x.rng.randint(0, 4)
    return [f"Treo {n(x.rng.randint(2, 9))} pa-nô, băng zôn, khẩu hiệu tuyên truyền tại cổng trường và hành lang các lớp học.",
            f"In và phát {n(x.rng.randint(120, 600))} tờ rơi, tờ gấp về quyền trẻ em đến {x.parents}.",
            f"Đăng tải {n(x.rng.randint(4, 30))} tin, bài trên trang thông tin điện tử của nhà trường; chia sẻ {n(x.rng.randint(30, 400))} lượt bài viết qua nhóm Zalo các lớp.",
            f"Xây dựng {n(x.rng.randint(2, 20))} bảng tin, góc tuyên truyền về quyền con người tại các lớp học.",
            (f"Nhân kỷ niệm 75 năm Ngày Quốc tế Nhân quyền (10/12/1948 - 10/12/2023), nhà trường phát động cuộc thi vẽ tranh, thu được {n(x.rng.randint(20, 160))} bài dự thi."
             if x.Y == 2024 else
             f"Hưởng ứng Ngày Pháp luật Việt Nam (09/11/{x.Y}), nhà trường phát động cuộc thi vẽ tranh, thu được {n(x.rng.randint(20, 160))} bài dự thi.")][r]


def trap_direction(x):
    n = x.n
    return x.c(f"Nhà trường thành lập Ban chỉ đạo gồm {n(x.rng.randint(5, 11))} thành viên do đồng chí Hiệu trưởng làm Trưởng ban; ban hành {n(x.rng.randint(2, 6))} văn bản chỉ đạo, hướng dẫn (kế hoạch, quyết định, thông báo).",
               f"Ngay từ đầu năm học, nhà trường xây dựng Kế hoạch số {x.rng.randint(5, 60):02d}/KH-{x.abbr} ngày {x.rng.randint(5, 28):02d}/9/{x.Y} triển khai công tác truyền thông về quyền con người; phân công nhiệm vụ cụ thể cho từng bộ phận.")


def trap_scale(x):
    rng = x.rng
    if x.mn:
        cls = rng.randint(6, 16)
        k = f"{cls} nhóm, lớp với {cls * rng.randint(22, 30)} trẻ"
        b = round(cls * rng.uniform(1.8, 2.2))
    else:
        cls = rng.randint(9, 34)
        k = f"{cls} lớp với {cls * rng.randint(28, 36)} học sinh ({rng.randint(60, 98)}% là người dân tộc thiểu số)"
        b = round(cls * rng.uniform(1.3, 2.1))
    a, c = rng.randint(2, 4), rng.randint(3, 10)
    return f"Năm học {x.Y}-{x.Y + 1}, nhà trường có {k}; tổng số cán bộ, giáo viên, nhân viên: {a + b + c} người (CBQL: {a:02d}, GV: {b}, NV: {c:02d}); {x.rng.randint(8, 40)} đảng viên."


def trap_targets(x):
    n = x.n
    return [x.c(f"Phấn đấu năm {x.Y + 1} tổ chức ít nhất {n(x.rng.randint(6, 20))} buổi tuyên truyền về quyền con người; 100% CBQL, GV chủ chốt được tập huấn kiến thức, kỹ năng truyền thông về quyền con người.",
                f"Tiếp tục đẩy mạnh công tác truyền thông; phấn đấu {n(x.rng.randint(70, 100))}% cán bộ, giáo viên, nhân viên và {x.pupil} được tiếp cận thông tin về quyền con người; phối hợp phát hiện, xử lý 90% tin giả, tin xấu độc (nếu có)."),
            x.c("Duy trì lồng ghép nội dung quyền con người vào các hoạt động giáo dục.",
                f"Cử CB, GV tham gia đầy đủ các lớp tập huấn do Phòng GDĐT tổ chức trong năm {x.Y + 1}.")]


# ------------------------------------------------------------------ document frame
def title_lines(x):
    Y = x.Y
    if Y == 2024:
        return x.rng.choice([["BÁO CÁO", f"Kết quả thực hiện Đề án Truyền thông về quyền con người năm {Y}"],
                             ["BÁO CÁO", f"Công tác truyền thông về quyền con người năm {Y}"],
                             ["BÁO CÁO", "Kết quả thực hiện Kế hoạch số 1021/KH-PGDĐT ngày 10/9/2024 của Phòng GDĐT",
                              f"về triển khai Đề án Truyền thông về Quyền con người năm {Y}"],
                             ["BÁO CÁO", "Tình hình, kết quả triển khai Đề án Truyền thông về Quyền con người",
                              f"ở Việt Nam giai đoạn 2024-2028, năm {Y}"],
                             ["BÁO CÁO", "Kết quả công tác truyền thông về quyền con người",
                              f"(Số liệu tính từ ngày 15/11/{Y - 1} đến ngày 14/11/{Y})"]])
    return x.rng.choice([["BÁO CÁO", f"Kết quả thực hiện Đề án Truyền thông về quyền con người năm {Y}"],
                         ["BÁO CÁO", f"Công tác truyền thông về quyền con người năm {Y}"]])


def opening(x):
    Y, b = x.Y, x.body
    forms = [f"Căn cứ Công văn số {x.rng.randint(900, 1900)}/PGDĐT-VP ngày {x.rng.randint(1, 20):02d}/10/{Y} của Phòng GDĐT thành phố Điện Biên Phủ về việc báo cáo kết quả thực hiện Đề án Truyền thông về quyền con người năm {Y}; {b} báo cáo kết quả thực hiện như sau:",
             f"Thực hiện Quyết định số 1079/QĐ-TTg ngày 14/9/2022 của Thủ tướng Chính phủ và hướng dẫn của Phòng GDĐT thành phố, {b} báo cáo kết quả công tác truyền thông về quyền con người năm {Y} cụ thể như sau:"]
    if Y == 2024:
        forms.append(f"Thực hiện Kế hoạch số 2307/KH-UBND ngày 5/8/2024 của UBND thành phố và Kế hoạch số 1021/KH-PGDĐT của Phòng GDĐT về triển khai thực hiện Đề án Truyền thông về Quyền con người ở Việt Nam giai đoạn 2024-2028; căn cứ Kế hoạch số {x.rng.randint(5, 60):02d}/KH-{x.abbr} của nhà trường, {b} báo cáo như sau:")
    return x.rng.choice(forms)


def part_one(x):
    h = x.c("I. CÔNG TÁC CHỈ ĐẠO, TRIỂN KHAI", "I. ĐẶC ĐIỂM TÌNH HÌNH VÀ CÔNG TÁC CHỈ ĐẠO", "I - CÔNG TÁC LÃNH ĐẠO, CHỈ ĐẠO")
    out = [("h", h), ("p", trap_scale(x)), ("p", trap_direction(x))]
    return out


def closing(x, targets=True):
    out = [("h", x.c("III. ĐÁNH GIÁ CHUNG", "III. TỒN TẠI, HẠN CHẾ", "III - ĐÁNH GIÁ")),
           ("p", x.c(f"Ưu điểm: công tác truyền thông được triển khai kịp thời, nhận thức của đội ngũ và {x.parents} được nâng lên. Tồn tại: hình thức tuyên truyền chưa đa dạng; một bộ phận {x.parents} chưa quan tâm.",
                     "Hạn chế: cơ sở vật chất, thiết bị phục vụ tuyên truyền còn thiếu; thời gian dành cho hoạt động ngoại khóa còn ít do áp lực chương trình."))]
    if targets:
        out.append(("h", f"IV. PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM {x.Y + 1}"))
        out += [("p", "- " + t) for t in trap_targets(x)]
        out.append(("h", "V. ĐỀ XUẤT, KIẾN NGHỊ"))
    else:
        out.append(("h", "IV. ĐỀ XUẤT, KIẾN NGHỊ"))
    out.append(("p", x.c(f"Đề nghị Phòng GDĐT cung cấp thêm tài liệu, tờ gấp tuyên truyền về quyền con người phù hợp với lứa tuổi {x.pupil}.",
                         "Không có.", "Đề nghị tổ chức tập huấn trực tuyến để cán bộ, giáo viên các điểm trường xa được tham gia.")))
    out.append(("p", f"Trên đây là báo cáo kết quả công tác truyền thông về quyền con người năm {x.Y} của {x.body}./."))
    return out


# ------------------------------------------------------------------ prose layouts
SECTION_TITLES = {
    "comm": ["Công tác thông tin, tuyên truyền", "Kết quả tuyên truyền, phổ biến về quyền con người", "Công tác tuyên truyền"],
    "spokes": ["Thực hiện cơ chế phát ngôn và cung cấp thông tin cho báo chí", "Cơ chế phát ngôn, cung cấp thông tin cho báo chí"],
    "staff": ["Công tác bồi dưỡng, tập huấn đội ngũ", "Tập huấn, cập nhật thông tin về quyền con người cho CBQL, GV chủ chốt"],
    "exhib": ["Triển lãm ảnh, tài liệu về quyền con người", "Tham gia, tổ chức triển lãm ảnh, tài liệu"],
    "fake": ["Phát hiện, xử lý thông tin xấu độc, tin giả trên không gian mạng", "Đấu tranh, phản bác thông tin sai trái, tin giả"],
}
FILLERS = {  # qualitative text for a section whose figures are not stated: no count, no yes/no
    "staff": "Nhà trường tạo điều kiện cho cán bộ, giáo viên tự học, tự bồi dưỡng qua tài liệu do Phòng GDĐT cung cấp.",
    "fake": "Nhà trường quán triệt cán bộ, giáo viên, nhân viên không chia sẻ thông tin chưa được kiểm chứng trên mạng xã hội.",
}


def section_statements(x, st, key, label_share):
    """Figure statements of one section, in the section's words. label_share: probability of 'label: value'."""
    lab = lambda: x.rng.random() < label_share  # noqa: E731
    out = []
    if key == "comm":
        s, p = st.get("sessions"), st.get("participants")
        if s is not None and p is not None and label_share < 0.5 and x.rng.random() < 0.5:
            out += s_sessions_participants(x, s, p)
        else:
            if s is not None:
                out += s_sessions(x, s, lab())
            if p is not None:
                out += s_participants(x, p, lab())
    elif key == "spokes" and "spokesperson" in st:
        out += s_spokes(x, st["spokesperson"], lab())
    elif key == "staff" and ("key_staff" in st or "key_staff_trained" in st):
        out += s_staff(x, st.get("key_staff"), st.get("key_staff_trained"), lab())
    elif key == "exhib" and "exhibitions" in st:
        out += s_exhib(x, st["exhibitions"], lab())
    elif key == "fake" and "fake_news_detected" in st:
        out += s_fake(x, st["fake_news_detected"], st.get("fake_news_handled"), lab())
    return out


def section_order(x):
    if x.rng.random() < 0.5:
        return ["comm", "staff", "spokes", "exhib", "fake"]
    return ["comm", "spokes", "staff", "exhib", "fake"]  # the order of the plan's targets (II.2)


def results_heading(x):
    return ("h", x.c("II. KẾT QUẢ THỰC HIỆN", "II - KẾT QUẢ ĐẠT ĐƯỢC", "II. KẾT QUẢ TRIỂN KHAI THỰC HIỆN CÁC NHIỆM VỤ"))


def prose_body(x, st, style, short=False):
    """style: bullets | narrative. Returns blocks for section II's figures (and look-alikes)."""
    rng = x.rng
    out = []
    marker = rng.choice(["+ ", "- ", "ul", "ul"]) if style == "bullets" else None
    if marker == "ul":
        x.features.add("auto-list")
    numbering = rng.choice(["1.", "a)"] if short else ["1.", "a)", "2.1."])
    idx = 0
    for key in section_order(x):
        stm = section_statements(x, st, key, 0.75 if style == "bullets" else 0.1)
        if not stm:
            if key in FILLERS and rng.random() < 0.5:
                stm_f = [FILLERS[key]]
            else:
                continue
        else:
            stm_f = None
        idx += 1
        num = {"1.": f"{idx}.", "a)": "abcdefg"[idx - 1] + ")", "2.1.": f"2.{idx}."}[numbering]
        out.append(("h", f"{num} {rng.choice(SECTION_TITLES[key])}"))
        items = list(stm_f or stm)
        if key == "comm" and rng.random() < 0.75:  # a look-alike in the same section, before or after
            t = trap_comm(x)
            items = [t] + items if rng.random() < 0.5 else items + [t]
        if style == "narrative":
            out.append(("p", " ".join(i if i.endswith(".") else i + "." for i in items)))
            continue
        if key == "comm" and rng.random() < 0.5:
            out.append(("p", "- Hình thức: lồng ghép vào giờ chào cờ, sinh hoạt lớp, hoạt động ngoài giờ lên lớp; tuyên truyền trên trang thông tin điện tử và nhóm Zalo."))
            out.append(("p", "- Kết quả:"))
        if marker == "ul":
            out.append(("ul", [i.rstrip(".") + ("." if rng.random() < 0.5 else ";") for i in items]))
        else:
            for i in items:
                out.append(("p", marker + i.rstrip(".") + rng.choice([".", ";", ""])))
    return out


def form_body(x, st):
    """The office's form filled in: dotted fields, an empty field is not stated."""
    rng = x.rng
    x.features.add("form-fill")
    dots = rng.choice(["……", "....", "…"])

    def f(v, unit=""):
        if v is None:
            return dots * 4 + (f" {unit}" if unit else "")
        s = x.n(v, "form", words=False) if v else rng.choice(["0", "Không"])
        return f"{dots}{s}{dots}" + (f" {unit}" if unit else "")
    out = [("p", "Kết quả thực hiện các nội dung theo mẫu của Phòng GDĐT như sau:")]
    out.append(("h", "1. Công tác tuyên truyền về quyền con người"))
    out.append(("p", f"- Số buổi tuyên truyền: {f(st.get('sessions'), 'buổi')}"))
    out.append(("p", f"- Số lượt người tham gia: {f(st.get('participants'), 'lượt')}"))
    out.append(("h", "2. Thực hiện cơ chế phát ngôn và cung cấp thông tin cho báo chí"))
    sp = st.get("spokesperson")
    if rng.random() < 0.5:
        val = dots * 4 if sp is None else f"{dots}{'Có' if sp else 'Không'}{dots}"
        out.append(("p", f"- Có thực hiện không (ghi Có/Không): {val}"))
    else:
        box = {None: ("[ ]", "[ ]"), True: ("[x]", "[ ]"), False: ("[ ]", "[x]")}[sp]
        out.append(("p", f"- Đánh dấu x vào ô tương ứng:   Có {box[0]}     Chưa {box[1]}"))
    k, t = st.get("key_staff"), st.get("key_staff_trained")
    out.append(("h", "3. Tập huấn kiến thức, kỹ năng truyền thông về quyền con người"))
    out.append(("p", f"- Tổng số CBQL, GV chủ chốt: {f(k, 'người')}"))
    out.append(("p", f"- Số CBQL, GV chủ chốt được tập huấn: {f(t, 'người')}"))
    if k and t is not None:
        out.append(("p", f"- Tỷ lệ: {dots}{x.pct(t, k)}{dots} %"))
    out.append(("h", "4. Triển lãm ảnh, tài liệu về quyền con người"))
    out.append(("p", f"- Số cuộc đã tổ chức hoặc tham gia: {f(st.get('exhibitions'), 'cuộc')}"))
    out.append(("h", "5. Tin giả, tin xấu độc xâm hại quyền con người trên không gian mạng"))
    out.append(("p", f"- Số tin phát hiện: {f(st.get('fake_news_detected'), 'tin')}"))
    out.append(("p", f"- Số tin đã phối hợp xử lý: {f(st.get('fake_news_handled'), 'tin')}"))
    out.append(("h", "6. Các hoạt động khác"))
    out.append(("p", "- " + trap_comm(x)))
    return out


# ------------------------------------------------------------------ tables
KEYS = ["sessions", "participants", "spokesperson", "key_staff", "key_staff_trained", "exhibitions",
        "fake_news_detected", "fake_news_handled"]
LABELS = {
    "sessions": ["Tuyên truyền về QCN", "Số buổi tổ chức tuyên truyền", "Tổ chức tuyên truyền, phổ biến kiến thức về quyền con người",
                 "Tuyên truyền lồng ghép (chào cờ, sinh hoạt lớp, ngoại khóa)"],
    "participants": ["Số lượt người được tuyên truyền", "Người tham gia (lượt)", "Lượt CB, GV, HS tham gia tuyên truyền"],
    "spokesperson": ["Cơ chế phát ngôn, cung cấp thông tin cho báo chí", "Thực hiện quy chế phát ngôn và cung cấp thông tin cho báo chí",
                     "Người phát ngôn, cung cấp thông tin cho báo chí"],
    "key_staff": ["CBQL, GV chủ chốt (tổng số)", "Tổng số cán bộ, giáo viên chủ chốt", "Đội ngũ CBQL, GV chủ chốt"],
    "key_staff_trained": ["Số CB, GV chủ chốt đã được tập huấn, bồi dưỡng", "CBQL, GV chủ chốt được cập nhật, tập huấn kiến thức về QCN"],
    "exhibitions": ["Triển lãm ảnh, tài liệu về QCN (tổ chức/tham gia)", "Số cuộc triển lãm ảnh, tư liệu", "Tham gia, tổ chức triển lãm ảnh, tài liệu"],
    "fake_news_detected": ["Tin giả, tin xấu độc phát hiện được", "Phát hiện tin giả, thông tin xấu độc về QCN", "Số tin xấu độc đã phát hiện"],
    "fake_news_handled": ["Tin giả, tin xấu độc đã được xử lý", "Số tin giả, tin xấu độc đã phối hợp xử lý"],
}
# labels that lean on the row above ("Trong đó: ..."): used only right under that row
LABELS_UNDER = {"key_staff_trained": ("key_staff", ["Trong đó: số được tập huấn về truyền thông QCN", "Trong đó: đã được tập huấn"]),
                "fake_news_handled": ("fake_news_detected", ["Đã phối hợp xử lý", "Trong đó: đã phối hợp xử lý"])}


def label(x, key, prev):
    """A row label for key; prev is the metric key of the row just above (or None)."""
    if key in LABELS_UNDER and prev == LABELS_UNDER[key][0] and x.rng.random() < 0.5:
        x.features.add("label-needs-row-above")
        return x.rng.choice(LABELS_UNDER[key][1])
    text = x.rng.choice(LABELS[key])
    return text.replace("CB, GV, HS", "CB, GV, cha mẹ trẻ") if x.mn else text
UNIT = {"sessions": "buổi", "participants": "lượt", "spokesperson": "", "key_staff": "người", "key_staff_trained": "người",
        "exhibitions": "cuộc", "fake_news_detected": "tin", "fake_news_handled": "tin"}
SECTION_OF = {"sessions": "comm", "participants": "comm", "spokesperson": "spokes", "key_staff": "staff", "key_staff_trained": "staff",
              "exhibitions": "exhib", "fake_news_detected": "fake", "fake_news_handled": "fake"}


def trap_rows(x):
    n = lambda v: x.n(v, "table")  # noqa: E731
    return [("Số băng rôn, khẩu hiệu, pa-nô", "cái", n(x.rng.randint(2, 12))),
            ("Số tin, bài đăng trên website, Zalo", "tin/bài", n(x.rng.randint(3, 40))),
            ("Tờ rơi, tài liệu đã phát", "tờ", n(x.rng.randint(100, 900))),
            ("Số văn bản chỉ đạo đã ban hành", "văn bản", n(x.rng.randint(2, 7))),
            ("Bài dự thi tìm hiểu về quyền trẻ em", "bài", n(x.rng.randint(15, 200)))]


def cell(x, key, v, unit_in_cell=False, zero_words=True):
    """A result cell."""
    if key == "spokesperson":
        return x.c("Đã thực hiện", "Thực hiện tốt", "Có", "Đã triển khai") if v else x.c("Chưa", "Chưa thực hiện", "Không")
    if v == 0 and zero_words:
        if key.startswith("fake_news"):
            return x.c("Không có", "Không có", "0", "Không")
        return x.c("0", "Không")
    s = x.n(v, "table")
    if unit_in_cell and UNIT[key]:
        s += " " + UNIT[key]
    return s


def multi_cell(x, key, v, st):
    """A result cell of two paragraphs: the figure, then details with other numbers."""
    base = cell(x, key, v, unit_in_cell=True)
    rng = x.rng
    if key == "sessions" and v >= 2:
        a, b = split2(rng, v)
        return [base, f"({x.n(a, 'table')} buổi dưới cờ; {x.n(b, 'table')} buổi ngoại khóa)"]
    if key == "participants" and v > 60:
        a = min(v - 20, rng.randint(25, 75))
        return [base, f"(CB, GV, NV: {x.n(a, 'table')}; {x.pupil}: {x.n(v - a, 'table')})"]
    if key == "key_staff_trained" and st.get("key_staff"):
        return [base, f"(đạt {x.pct(v, st['key_staff'], 'table')}%)"]
    if key == "spokesperson" and v:
        return [base, f"(QĐ số {rng.randint(2, 40):02d}/QĐ-{x.abbr})"]
    if key == "fake_news_handled" and v and st.get("fake_news_detected"):
        return [base, f"(đạt {x.pct(v, st['fake_news_detected'], 'table')}%)"]
    return [base]


def table_rows_keys(x, st, extra_unstated=0.0):
    """The rows of a table: the figures it states, and (extra_unstated) a row left empty for another metric,
    never for one the text states elsewhere (x.elsewhere)."""
    return [k for k in KEYS if k in st or (k not in x.elsewhere and x.rng.random() < extra_unstated)]


def t_khth(x, st):
    """Kế hoạch / Thực hiện / Tỷ lệ: only Thực hiện is the figure."""
    rng = x.rng
    x.features.add("plan-column")
    cols = rng.choice([("Kế hoạch", "Thực hiện", "Tỷ lệ (%)"), (f"Chỉ tiêu KH năm {x.Y}", "Kết quả thực hiện", "Tỷ lệ % so với KH"),
                       ("Kế hoạch giao", "Thực hiện", "So với KH (%)")])
    head = [[("TT", 1, 1), ("Nội dung", 1, 1), ("ĐVT", 1, 1), (cols[0], 1, 1), (cols[1], 1, 1), (cols[2], 1, 1), ("Ghi chú", 1, 1)]]
    rows = []
    keys = table_rows_keys(x, st, 0.25)
    for i, key in enumerate(keys, 1):
        prev = keys[i - 2] if i > 1 else None
        v = st.get(key)
        plan, rate = "", ""
        if key == "sessions":
            pv = max(2, (v or 8) + rng.randint(-4, 3))
            plan = str(pv)
            rate = str(round(100 * v / pv)) if v is not None else ""
        elif key == "participants":
            pv = max(100, round(((v or 600) + rng.randint(-200, 150)) / 50) * 50)
            plan = x.n(pv, "table")
            rate = str(round(100 * v / pv)) if v is not None else ""
        elif key == "spokesperson":
            plan = rng.choice(["Có", "100%", "Thực hiện"])
        elif key == "key_staff_trained" and st.get("key_staff"):
            pv = math.ceil(0.7 * st["key_staff"])
            plan = str(pv)
            rate = str(round(100 * v / pv)) if v is not None else ""
        elif key == "exhibitions":
            plan = rng.choice(["1", "01", "≥ 1"])
        elif key == "fake_news_handled":
            plan = "90%"
        cur = "" if v is None else cell(x, key, v)
        note = rng.choice(["", "", "Lồng ghép" if key == "sessions" else "", "Vượt KH" if rate and int(rate) > 100 else ""])
        rows.append([str(i), label(x, key, prev), UNIT[key].capitalize() or "-", plan, cur, rate, note])
    return [("table", {"head": head, "rows": rows})]


def t_reordered(x, st):
    rng = x.rng
    x.features.add("columns-reordered")
    form = rng.randint(0, 2)
    keys = table_rows_keys(x, st)
    rows = []
    if form == 0:  # Ghi chú (Hình thức) before Kết quả
        head = [[("TT", 1, 1), ("Nội dung công việc", 1, 1), ("Hình thức / Ghi chú", 1, 1), ("Kết quả", 1, 1)]]
        notes = {"sessions": "Chào cờ thứ Hai, sinh hoạt lớp", "participants": "CB, GV, NV, " + ("cha mẹ trẻ" if x.mn else "HS"),
                 "spokesperson": "Theo quy chế của trường", "key_staff_trained": "Lớp tập huấn tháng 10/" + str(x.Y),
                 "exhibitions": "Phối hợp UBND thành phố", "fake_news_detected": "Mạng xã hội", "fake_news_handled": "Phối hợp Công an"}
        for i, key in enumerate(keys, 1):
            rows.append([str(i), label(x, key, keys[i - 2] if i > 1 else None), notes.get(key, "") if st[key] else "",
                         cell(x, key, st[key], unit_in_cell=True)])
    elif form == 1:  # value before its unit
        head = [[("STT", 1, 1), ("Chỉ tiêu", 1, 1), ("Kết quả đạt được", 1, 1), ("Đơn vị tính", 1, 1), ("Ghi chú", 1, 1)]]
        for i, key in enumerate(keys, 1):
            rows.append([str(i), label(x, key, keys[i - 2] if i > 1 else None), cell(x, key, st[key]), UNIT[key] or "-", ""])
    else:  # a time column first
        head = [[("TT", 1, 1), ("Thời gian", 1, 1), ("Nội dung", 1, 1), ("Kết quả", 1, 1)]]
        when = {"sessions": f"Tháng 9 - 11/{x.Y}", "participants": f"Tháng 9 - 11/{x.Y}", "spokesperson": "Cả năm",
                "key_staff": f"Năm học {x.Y}-{x.Y + 1}", "key_staff_trained": f"Tháng 10/{x.Y}", "exhibitions": f"Tháng 5/{x.Y}",
                "fake_news_detected": "Cả năm", "fake_news_handled": "Cả năm"}
        for i, key in enumerate(keys, 1):
            rows.append([str(i), when[key], label(x, key, keys[i - 2] if i > 1 else None), cell(x, key, st[key], unit_in_cell=True)])
    return [("table", {"head": head, "rows": rows})]


def t_multipara(x, st):
    rng = x.rng
    x.features.add("multi-paragraph-cells")
    head = [[("TT", 1, 1), ("Nội dung", 1, 1), ("Kết quả", 1, 1), ("Ghi chú", 1, 1)]]
    details = {"sessions": "- Hình thức: chào cờ, sinh hoạt lớp, ngoại khóa", "participants": "- Đối tượng: CB, GV, NV, " + x.pupil,
               "key_staff_trained": "- Do Phòng GDĐT tổ chức", "fake_news_detected": "- Trên mạng xã hội, nhóm Zalo"}
    rows = []
    keys = table_rows_keys(x, st)
    for i, key in enumerate(keys, 1):
        text = label(x, key, keys[i - 2] if i > 1 else None)
        lab = [text, details[key]] if key in details and rng.random() < 0.6 else text
        rows.append([str(i), lab, multi_cell(x, key, st[key], st), rng.choice(["", "", "Đạt", "Theo KH"])])
    return [("table", {"head": head, "rows": rows})]


def t_horizontal(x, st):
    """One row per school (the office's summary sheet): metrics are columns, with group headers and a column-number row."""
    rng = x.rng
    x.features.add("horizontal-table")
    groups = [("Tuyên truyền", [("sessions", "Số buổi"), ("participants", "Số lượt người tham gia")]),
              ("Cơ chế phát ngôn", [("spokesperson", "Thực hiện (Có/Không)")]),
              ("Tập huấn CBQL, GV chủ chốt", [("key_staff", "Tổng số CBQL, GV chủ chốt"), ("key_staff_trained", "Số được tập huấn"), ("rate", "Tỷ lệ %")]),
              ("Triển lãm ảnh, tài liệu", [("exhibitions", "Số cuộc")]),
              ("Tin giả, tin xấu độc", [("fake_news_detected", "Phát hiện"), ("fake_news_handled", "Đã phối hợp xử lý")])]
    top = [("TT", 1, 2), ("Đơn vị", 1, 2)]
    sub, order = [], []
    for g, cols in groups:
        top.append((g, len(cols), 1) if len(cols) > 1 else (g, 1, 1))
        for key, lab in cols:
            sub.append((lab, 1, 1))
            order.append(key)
    head = [top, sub]
    row = ["1", x.body]
    for key in order:
        if key == "rate":
            row.append(x.pct(st["key_staff_trained"], st["key_staff"], "table") if "key_staff" in st and "key_staff_trained" in st else "")
        elif key in st:
            v = st[key]
            row.append(("Có" if v else "Không") if key == "spokesperson" else cell(x, key, v, zero_words=False))
        else:
            row.append("")
    rows = []
    if rng.random() < 0.6:
        x.features.add("column-number-row")
        paren = rng.random() < 0.5
        rows.append([f"({i})" if paren else str(i) for i in range(1, len(row) + 1)])
    rows.append(row)
    return [("table", {"head": head, "rows": rows, "wide": True})]


def vertical_rows(x, st, traps=True):
    """(label, unit, value) rows of the figures and some look-alike rows, grouped by section."""
    rng = x.rng
    out = {"comm": [], "spokes": [], "staff": [], "exhib": [], "fake": []}
    prev = None
    for key in KEYS:
        if key in st:
            out[SECTION_OF[key]].append((label(x, key, prev), UNIT[key], cell(x, key, st[key])))
        elif key not in x.elsewhere and rng.random() < 0.2:
            out[SECTION_OF[key]].append((label(x, key, prev), UNIT[key], rng.choice(["", "Chưa thống kê"])))
        else:
            key = None
        prev = key
    if traps:
        tr = trap_rows(x)
        rng.shuffle(tr)
        out["comm"] = [tr[0]] + out["comm"] + [tr[1]]
    return out


def t_sections(x, st):
    """Rows grouped under Roman-numbered section rows, with look-alike rows."""
    x.features.add("section-rows")
    head = [[("TT", 1, 1), ("Nội dung", 1, 1), ("ĐVT", 1, 1), ("Kết quả", 1, 1)]]
    names = {"comm": "CÔNG TÁC TUYÊN TRUYỀN", "spokes": "CƠ CHẾ PHÁT NGÔN", "staff": "TẬP HUẤN, BỒI DƯỠNG",
             "exhib": "TRIỂN LÃM ẢNH, TÀI LIỆU", "fake": "TIN GIẢ, TIN XẤU ĐỘC"}
    rows, roman = [], iter(["I", "II", "III", "IV", "V"])
    for sec, items in vertical_rows(x, st).items():
        if not items:
            continue
        rows.append([next(roman), names[sec], "", ""])
        for j, (lab, unit, val) in enumerate(items, 1):
            rows.append([str(j), lab, unit, val])
    return [("table", {"head": head, "rows": rows})]


def t_split(x, st):
    """A long table split across two pages; the second part repeats the header or not."""
    rng = x.rng
    x.features.add("split-table")
    head = [[("TT", 1, 1), ("Nội dung", 1, 1), ("Đơn vị tính", 1, 1), ("Kết quả năm " + str(x.Y), 1, 1), ("Ghi chú", 1, 1)]]
    flat = []
    for items in vertical_rows(x, st).values():
        flat += items
    rows = [[str(i), lab, unit or "-", val, ""] for i, (lab, unit, val) in enumerate(flat, 1)]
    cut = max(2, len(rows) // 2 + rng.randint(-1, 1))
    cut = min(cut, len(rows) - 1)
    out = [("table", {"head": head, "rows": rows[:cut]}), ("newpage",)]
    if rng.random() < 0.5:
        out.append(("i", "(tiếp theo)"))
    out.append(("table", {"head": head if rng.random() < 0.5 else [], "rows": rows[cut:], "ncol": 5}))
    return out


def t_yoy(x, st):
    """This year first, then the year before, then the difference."""
    rng = x.rng
    x.features.add("year-over-year")
    head = [[("TT", 1, 1), ("Nội dung", 1, 1), (f"Năm {x.Y}", 1, 1), (f"Năm {x.Y - 1}", 1, 1), ("Tăng (+), giảm (-)", 1, 1)]]
    rows = []
    keys = table_rows_keys(x, st, 0.2)
    last = draw_values(rng, x.level)  # the year before: plausible values of its own
    olds = {}
    for key in keys:
        v = st.get(key)
        olds[key] = last[key] if v is None or key == "spokesperson" else max(0, v + rng.randint(-6, 6))
    if "key_staff" in olds and "key_staff_trained" in olds:
        olds["key_staff_trained"] = min(olds["key_staff_trained"], olds["key_staff"])
    if "fake_news_detected" in olds and "fake_news_handled" in olds:
        olds["fake_news_handled"] = min(olds["fake_news_handled"], olds["fake_news_detected"])
    for i, key in enumerate(keys, 1):
        v = st.get(key)
        lab = label(x, key, keys[i - 2] if i > 1 else None)
        if key == "spokesperson":
            rows.append([str(i), lab, "" if v is None else cell(x, key, v), "Có" if olds[key] else "Chưa", ""])
            continue
        old = olds[key]
        if v is None:
            rows.append([str(i), lab, "", x.n(old, "table"), ""])
            continue
        d = v - old
        rows.append([str(i), lab, cell(x, key, v, zero_words=False), x.n(old, "table"),
                     f"+{d}" if d > 0 else (str(d) if d < 0 else "0")])
    return [("table", {"head": head, "rows": rows})]


TABLES = {"table-khth": t_khth, "table-reordered": t_reordered, "table-multipara": t_multipara, "table-horizontal": t_horizontal,
          "table-sections": t_sections, "table-split": t_split, "table-yoy": t_yoy}


# ------------------------------------------------------------------ documents
LAYOUTS = ["bullets", "narrative", "form-fill", "table-khth", "table-reordered", "table-multipara", "table-horizontal",
           "table-sections", "table-split", "table-yoy", "annex", "mixed"]
PHOTO_LAYOUTS = ["bullets", "form-fill", "table-khth", "table-multipara", "table-horizontal"]


def build_report(rng, roster, layout, year=2024, near=False, short=False):
    x = Ctx(rng, pick_school(rng, roster, near), year)
    vals = draw_values(rng, x.level)
    st = pick_stated(rng, vals)
    blocks = [x.header("BC"), ("title", title_lines(x))]
    if rng.random() < 0.75:
        blocks.append(("kg", rng.choice(["Kính gửi: Phòng Giáo dục và Đào tạo thành phố Điện Biên Phủ.",
                                         "Kính gửi: Phòng GD&ĐT thành phố Điện Biên Phủ",
                                         "Kính gửi: Phòng Giáo dục và Đào tạo TP Điện Biên Phủ"])))
    blocks.append(("p", opening(x)))
    if not short:
        blocks += part_one(x)
        blocks.append(results_heading(x))
    annex = []
    if layout in ("bullets", "narrative"):
        blocks += prose_body(x, st, layout, short)
    elif layout == "form-fill":
        blocks += form_body(x, st)
    elif layout in TABLES:
        if not short and rng.random() < 0.5:
            blocks.append(("p", "- " + trap_comm(x)))
        blocks.append(("p", rng.choice(["Kết quả cụ thể như sau:", "Số liệu cụ thể theo bảng dưới đây:",
                                        f"Kết quả thực hiện các chỉ tiêu năm {x.Y}:"])))
        blocks += TABLES[layout](x, st)
    elif layout == "annex":
        # some figures also in the text, all in the annex (the same values: a real report repeats itself)
        some = {k: v for k, v in st.items() if rng.random() < 0.4 and k not in ("key_staff_trained", "fake_news_handled")}
        blocks += prose_body(x, some, "narrative") if some else []
        blocks.append(("p", rng.choice(["(Có biểu số liệu chi tiết kèm theo)", "Số liệu chi tiết tại Phụ lục kèm theo báo cáo này.",
                                        "Các số liệu cụ thể được tổng hợp tại Biểu số 01 kèm theo."])))
        kind = rng.choice(["table-horizontal", "table-horizontal", "table-khth", "table-multipara", "table-sections"])
        x.features.add("annex-" + kind)
        land = kind == "table-horizontal" and rng.random() < 0.8
        annex = [("landscape",) if land else ("newpage",),
                 ("title", [rng.choice(["PHỤ LỤC", "BIỂU SỐ 01", "PHỤ LỤC SỐ LIỆU"]),
                            f"KẾT QUẢ THỰC HIỆN ĐỀ ÁN TRUYỀN THÔNG VỀ QUYỀN CON NGƯỜI NĂM {x.Y}"]),
                 ("i", f"(Kèm theo Báo cáo số {x.doc_number() if not x.doc_number().startswith('/') else '     ' + x.doc_number()} ngày {x.iso[8:10]}/{x.iso[5:7]}/{x.Y} của {x.body})")]
        if land:
            x.features.add("landscape")
        annex += TABLES[kind](x, st)
    elif layout == "mixed":
        keys = list(st)
        rng.shuffle(keys)
        cut = len(keys) // 2
        p_st = {k: st[k] for k in keys[:cut]}
        t_st = {k: st[k] for k in keys[cut:]}
        if "fake_news_handled" in p_st and "fake_news_detected" not in p_st:
            t_st["fake_news_handled"] = p_st.pop("fake_news_handled")
        blocks += prose_body(x, p_st, rng.choice(["bullets", "narrative"]))
        x.elsewhere = set(p_st)
        blocks.append(("p", "Các chỉ tiêu khác:"))
        blocks += TABLES[rng.choice(["table-khth", "table-reordered", "table-multipara", "table-yoy"])](x, t_st)
    else:
        raise ValueError(layout)
    if not short:
        blocks += closing(x, targets=rng.random() < 0.65)
    else:
        blocks.append(("p", f"Trên đây là báo cáo của {x.body}./."))
    blocks.append(x.sig())
    blocks += annex
    truth = {"kind": "report", "school_id": x.s["id"], "school_name": " ".join(x.lines), "period": str(year),
             "metrics": st, "layout": layout, "document_number": x.doc_number(), "negative": None,
             "level": x.level, "features": sorted(x.features)}
    if near:
        truth["negative"] = "school-not-on-roster"
    if year != 2024:
        truth["negative"] = "last-year"
    return blocks, truth


def build_annex_only(rng, roster, short=False):
    """A figures-only sheet sent alone."""
    x = Ctx(rng, pick_school(rng, roster), 2024)
    st = pick_stated(rng, draw_values(rng, x.level))
    x.features.add("annex-only")
    if rng.random() < 0.6:
        blocks = [x.header("BC")]
    else:
        x.header("BC")  # draws the number; the sheet shows only the school's name
        blocks = [("p", "PHÒNG GD&ĐT TP ĐIỆN BIÊN PHỦ")] + [("p", ln) for ln in x.lines]
    blocks.append(("title", [rng.choice(["BIỂU THỐNG KÊ SỐ LIỆU", "PHỤ LỤC", "BIỂU SỐ LIỆU"]),
                             f"Kết quả thực hiện Đề án Truyền thông về quyền con người năm {x.Y}"]))
    blocks.append(("i", rng.choice([f"(Kèm theo Báo cáo số {x.num:02d}/BC-{x.abbr} ngày {x.iso[8:10]}/{x.iso[5:7]}/{x.Y})",
                                    f"Đơn vị báo cáo: {x.body}", "(Số liệu tính đến ngày 31/10/2024)"])))
    kind = rng.choice(["table-horizontal", "table-khth", "table-multipara", "table-sections"] if not short else
                      ["table-horizontal", "table-khth", "table-multipara"])
    x.features.add("annex-" + kind)
    blocks += TABLES[kind](x, st)
    title, name = x.signer()
    blocks.append(("sig2", {"left": ["NGƯỜI LẬP BIỂU"], "left_name": f"{rng.choice(SIGNERS_FAM)} {rng.choice(SIGNERS_MID)} {rng.choice(SIGNERS_GIV)}",
                            "right": title, "right_name": name}))
    return blocks, {"kind": "annex", "school_id": x.s["id"], "school_name": " ".join(x.lines), "period": "2024",
                    "metrics": st, "layout": "annex-only", "document_number": x.doc_number() if blocks[0][0] == "headerb" else None,
                    "negative": None,
                    "level": x.level, "features": sorted(x.features)}


def build_negative(rng, roster, kind):
    """plan | minutes | letter | other-topic: documents that are not the year's report (metrics {})."""
    x = Ctx(rng, pick_school(rng, roster), 2024)
    n = x.n
    k = x.rng.randint(8, 26)
    if kind == "plan":
        sub = rng.choice(["school-year", "next-year"])
        if sub == "school-year":
            blocks = [x.header("KH"), ("title", ["KẾ HOẠCH", "Tuyên truyền về quyền con người năm học 2024-2025"])]
            period = "2024-2025"
        else:
            blocks = [x.header("KH"), ("title", ["KẾ HOẠCH", "Thực hiện Đề án Truyền thông về quyền con người năm 2025"])]
            period = "2025"
        blocks += [("p", f"Căn cứ Kế hoạch số 1021/KH-PGDĐT ngày 10/9/2024 của Phòng GDĐT thành phố Điện Biên Phủ; căn cứ tình hình thực tế, {x.body} xây dựng kế hoạch như sau:"),
                   ("h", "I. MỤC ĐÍCH, YÊU CẦU"),
                   ("p", f"Nâng cao nhận thức, hiểu biết của cán bộ, giáo viên, nhân viên, {x.pupil} và {x.parents} về quyền con người."),
                   ("h", "II. CHỈ TIÊU"),
                   ("p", f"+ Tổ chức tối thiểu {n(rng.randint(4, 14))} buổi tuyên truyền về quyền con người với khoảng {n(rng.randint(300, 1600))} lượt người tham gia."),
                   ("p", f"+ Phấn đấu 100% CBQL, GV chủ chốt ({k}/{k} đồng chí) được tập huấn kiến thức, kỹ năng truyền thông về quyền con người."),
                   ("p", "+ Thực hiện nghiêm cơ chế phát ngôn và cung cấp thông tin cho báo chí."),
                   ("p", f"+ Tham gia ít nhất {n(rng.randint(1, 2))} cuộc triển lãm ảnh, tài liệu về quyền con người; phối hợp phát hiện, xử lý 90% tin giả, tin xấu độc."),
                   ("h", "III. NỘI DUNG VÀ THỜI GIAN THỰC HIỆN")]
        who = ("Phó Hiệu trưởng", "Công đoàn") if x.mn else ("Tổng phụ trách Đội", "Liên đội, Công đoàn")
        first = "Tuyên truyền qua bảng tin, họp cha mẹ trẻ" if x.mn else "Tuyên truyền dưới cờ"
        rows = [["Tháng 9/2024", "Xây dựng kế hoạch, thành lập Ban chỉ đạo", "Hiệu trưởng"],
                ["Tháng 10/2024", f"{first} ({n(rng.randint(2, 4))} buổi)", who[0]],
                ["Tháng 11/2024", f"Cử {n(rng.randint(3, 8))} CBQL, GV chủ chốt dự tập huấn", "Phó Hiệu trưởng"],
                ["Tháng 12/2024", "Hưởng ứng Ngày Quốc tế Nhân quyền 10/12", who[1]]]
        if sub == "next-year":
            rows = [[r[0].replace("2024", "2025"), r[1], r[2]] for r in rows]
        blocks.append(("table", {"head": [[("Thời gian", 1, 1), ("Nội dung công việc", 1, 1), ("Người thực hiện", 1, 1)]], "rows": rows}))
        blocks += [("h", "IV. TỔ CHỨC THỰC HIỆN"), ("p", f"Các tổ chuyên môn, Công đoàn{'' if x.mn else ', Liên đội'} căn cứ kế hoạch triển khai thực hiện./."), x.sig()]
        tk = "plan"
    elif kind == "minutes":
        sub = rng.choice(["session", "inspection"])
        if sub == "session":
            blocks = [x.header("BB"), ("title", ["BIÊN BẢN", "Sinh hoạt chuyên đề tuyên truyền về quyền con người"]),
                      ("p", f"Thời gian: 07 giờ 30 phút, ngày {rng.randint(7, 28):02d}/10/2024."),
                      ("p", f"Địa điểm: hội trường, {x.body}."),
                      ("p", f"Thành phần: {n(rng.randint(20, 60))} cán bộ, giáo viên, nhân viên và {n(rng.randint(120, 600))} {'cha mẹ trẻ' if x.mn else 'học sinh'}; báo cáo viên: đồng chí {rng.choice(SIGNERS_FAM)} Văn {rng.choice(SIGNERS_GIV)}, Công an {' '.join(x.ward)}."),
                      ("h", "NỘI DUNG"),
                      ("p", f"Báo cáo viên giới thiệu Công ước về Quyền trẻ em, các quyền cơ bản của con người được Hiến pháp năm 2013 ghi nhận; hướng dẫn {'cha mẹ trẻ' if x.mn else 'học sinh'} nhận diện tin giả trên mạng xã hội."),
                      ("p", f"Buổi sinh hoạt kết thúc lúc 09 giờ 00 cùng ngày; biên bản gồm {n(2)} trang, được thông qua./."),
                      ("sig2", {"left": ["THƯ KÝ"], "left_name": f"{rng.choice(SIGNERS_FAM)} Thị {rng.choice(SIGNERS_GIV)}",
                                "right": ["CHỦ TRÌ"], "right_name": x.signer()[1]})]
        else:
            blocks = [x.header("BB"), ("title", ["BIÊN BẢN", "Kiểm tra công tác truyền thông về quyền con người"]),
                      ("p", f"Hôm nay, ngày {rng.randint(1, 12):02d}/11/2024, Đoàn kiểm tra của Phòng GDĐT thành phố Điện Biên Phủ làm việc tại {x.body}."),
                      ("p", "Đoàn kiểm tra gồm 03 đồng chí; đại diện nhà trường: đồng chí Hiệu trưởng, đồng chí Phó Hiệu trưởng."),
                      ("h", "KẾT QUẢ KIỂM TRA"),
                      ("p", f"Nhà trường cung cấp hồ sơ: kế hoạch, {n(rng.randint(2, 12))} biên bản sinh hoạt chuyên đề, danh sách {n(rng.randint(5, 20))} CBQL, GV chủ chốt dự tập huấn."),
                      ("p", "Đoàn đề nghị nhà trường hoàn thiện báo cáo năm 2024 và gửi về Phòng trước ngày 15/11/2024./."),
                      ("sig2", {"left": ["ĐẠI DIỆN NHÀ TRƯỜNG"], "left_name": x.signer()[1],
                                "right": ["TRƯỞNG ĐOÀN"], "right_name": f"{rng.choice(SIGNERS_FAM)} Thị {rng.choice(SIGNERS_GIV)}"})]
        tk = "minutes"
    elif kind == "letter":
        sub = rng.choice(["register", "extension"])
        if sub == "register":
            m = rng.randint(2, 5)
            rows = [[str(i), f"{rng.choice(SIGNERS_FAM)} {rng.choice(SIGNERS_MID)} {rng.choice(SIGNERS_GIV)}",
                     rng.choice(["Phó Hiệu trưởng", "Tổ trưởng chuyên môn", "Tổng phụ trách Đội", "Giáo viên"]),
                     "09" + "".join(str(rng.randint(0, 9)) for _ in range(8))] for i in range(1, m + 1)]
            blocks = [x.header("", number=f"Số: {rng.randint(5, 150):02d}/{x.abbr}-VP"),
                      ("p", "V/v đăng ký cán bộ tham gia lớp tập huấn truyền thông về quyền con người"),
                      ("kg", "Kính gửi: Phòng Giáo dục và Đào tạo thành phố Điện Biên Phủ."),
                      ("p", f"Thực hiện Công văn số {rng.randint(900, 1900)}/PGDĐT-VP của Phòng GDĐT về việc tổ chức tập huấn kiến thức, kỹ năng truyền thông về quyền con người năm 2024, {x.body} đăng ký {n(m)} đồng chí CBQL, GV chủ chốt tham gia lớp tập huấn (danh sách kèm theo):"),
                      ("table", {"head": [[("TT", 1, 1), ("Họ và tên", 1, 1), ("Chức vụ", 1, 1), ("Số điện thoại", 1, 1)]], "rows": rows}),
                      ("p", "Kính đề nghị Phòng GDĐT tổng hợp./."), x.sig()]
        else:
            blocks = [x.header("", number=f"Số: {rng.randint(5, 150):02d}/{x.abbr}"),
                      ("p", "V/v xin gia hạn thời gian nộp báo cáo kết quả thực hiện Đề án Truyền thông về quyền con người năm 2024"),
                      ("kg", "Kính gửi: Phòng Giáo dục và Đào tạo thành phố Điện Biên Phủ."),
                      ("p", f"{x.body} đã tổ chức {n(rng.randint(3, 12))} buổi tuyên truyền về quyền con người và đang tổng hợp số liệu về tập huấn, tin giả, tin xấu độc. Do đồng chí phụ trách công tác truyền thông đang nghỉ ốm dài ngày, nhà trường kính đề nghị Phòng GDĐT cho phép gửi báo cáo chậm đến ngày 20/11/2024."),
                      ("p", "Nhà trường xin cam kết gửi báo cáo đúng thời hạn nêu trên./."), x.sig()]
        tk = "letter"
    elif kind == "other-topic":
        topic = rng.choice(["công tác phòng, chống bạo lực học đường", "thực hiện Quy chế dân chủ ở cơ sở",
                            "công tác bình đẳng giới và vì sự tiến bộ của phụ nữ", "hưởng ứng Ngày Pháp luật nước Cộng hòa xã hội chủ nghĩa Việt Nam",
                            "công tác phòng cháy, chữa cháy và cứu nạn, cứu hộ"])
        blocks = [x.header("BC"), ("title", ["BÁO CÁO", f"Kết quả {topic} năm 2024"]),
                  ("kg", "Kính gửi: Phòng Giáo dục và Đào tạo thành phố Điện Biên Phủ."),
                  ("p", f"Thực hiện hướng dẫn của Phòng GDĐT thành phố, {x.body} báo cáo kết quả {topic} năm 2024 như sau:"),
                  ("h", "I. KẾT QUẢ THỰC HIỆN"),
                  ("p", f"+ Số buổi tuyên truyền: {n(rng.randint(2, 14))} buổi; số lượt người tham gia: {n(rng.randint(150, 1800))} lượt."),
                  ("p", f"+ Có {n(rng.randint(3, 9), words=False)}/{n(rng.randint(10, 20), words=False)} đồng chí CBQL, GV chủ chốt được tập huấn nghiệp vụ."),
                  ("p", "+ Nội dung tuyên truyền gắn với giáo dục đạo đức, lối sống, tôn trọng quyền con người, quyền trẻ em."),
                  ("p", "+ Nhà trường thực hiện tốt cơ chế phát ngôn, không có vụ việc phức tạp phát sinh."),
                  ("h", "II. ĐỀ XUẤT"), ("p", "Không./."), x.sig()]
        tk = "report"
    else:
        raise ValueError(kind)
    return blocks, {"kind": tk, "school_id": x.s["id"], "school_name": " ".join(x.lines),
                    "period": period if kind == "plan" else "2024", "metrics": {}, "layout": kind,
                    "document_number": x.doc_number(), "negative": kind, "level": x.level, "features": sorted(x.features)}

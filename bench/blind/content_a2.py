"""Blind corpus, batch A2 (tuning, seed 31): new phrasings and layouts (SPEC.md section 7).

Written from SPEC.md sections 1-5, DOMAIN.md, the office's plan (seeds/) and config.yaml's metric keys only;
never from the parser's code. Imports only content.py's roster helpers; the sentences, labels and tables
here are new. A document is a list of the blocks generate.py renders (see content.py), using also
"headerb", "newpage", "landscape", "sig2" and list-valued (multi-paragraph) table cells.

Families (truth["features"]): horizontal-table, per-unit-rows, year-rows, merged-header, three-row-header,
column-number-row, formula-in-number-row, landscape, ghi-chu-column, columns-reordered, form-fill, check-boxes,
blank-field, annex-after-signature, annex-only, sessions-parts, look-alikes, spokesperson-phrasing,
key-staff-fraction, zero-as-words, thousands-dot, thousands-comma, number-in-words, wrapped-name,
multi-paragraph-cells, plan-column, section-rows, split-table, year-over-year, not-stated-row, trong-do-rows,
tick-columns.
"""
from __future__ import annotations

import content as C

KEYS = ["sessions", "participants", "spokesperson", "key_staff", "key_staff_trained", "exhibitions",
        "fake_news_detected", "fake_news_handled"]

# Schools NOT on the roster whose name is near one that is (none of them in batch A's list).
NEAR_NAMES_A2 = [
    ("THCS", "Trần Cần", "thcs-tran-can"),          # roster: Trần Can (one accent)
    ("TH", "Hà Nội", "th-ha-noi-dbp"),             # roster: Hà Nội – Điện Biên Phủ
    ("TH-THCS", "Tà Lềnh", "th-thcs-ta-leng"),      # roster: Tà Lèng
    ("MN", "Hoa Phượng Đỏ", "mn-hoa-phuong"),      # roster: Hoa Phượng
    ("TH", "Tân Bình", "th-tan-thanh"),            # roster: Tân Thanh / Thanh Bình
    ("MN", "Sơn Ca 2", "mn-son-ca"),               # roster: Sơn Ca
    ("THCS", "Noong Nhai", "thcs-noong-bua"),       # roster: Noong Bua
    ("MN", "Nam Thành", "mn-nam-thanh"),            # roster: Nam Thanh
]

WORDS = ["không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín"]


def in_words(n):
    """0..99 in Vietnamese words (as written in brackets after a figure)."""
    if n < 10:
        return WORDS[n]
    t, u = divmod(n, 10)
    head = "mười" if t == 1 else WORDS[t] + " mươi"
    if u == 0:
        return head
    if u == 5:
        tail = "lăm"
    elif u == 1 and t > 1:
        tail = "mốt"
    elif u == 4 and t > 1:
        tail = "tư"
    else:
        tail = WORDS[u]
    return f"{head} {tail}"


class Ctx:
    """Per-document writing habits: thousands separator, zero padding, words, features seen."""

    def __init__(self, rng, sch, year=2024):
        self.rng = rng
        self.sch = sch
        self.Y = year
        self.sep = rng.choice([".", ".", ",", ""])
        self.pad = rng.random() < 0.55
        self.words = rng.random() < 0.35
        self.feats = []
        self.mn = sch["level"] == "MN"
        self.classes = rng.randint(8, 34)
        self.narrow = False  # a writer that cannot shrink a wide table (reportlab): short column titles

    def feat(self, *names):
        for n in names:
            if n not in self.feats:
                self.feats.append(n)

    def n(self, v, words_ok=True, pad=None):
        pad = self.pad if pad is None else pad
        if v >= 1000 and self.sep:
            s = f"{v:,}".replace(",", self.sep)
            self.feat("thousands-dot" if self.sep == "." else "thousands-comma")
        elif pad and v < 10:
            s = f"{v:02d}"
        else:
            s = str(v)
        if words_ok and self.words and v < 100 and self.rng.random() < 0.5:
            self.feat("number-in-words")
            s += f" ({in_words(v)})"
        return s

    def c(self, v):
        """A number in a table cell: no padding, no words."""
        return self.n(v, words_ok=False, pad=False)

    @property
    def kids(self):
        return "trẻ" if self.mn else "học sinh"

    @property
    def parents(self):
        return "cha mẹ trẻ" if self.mn else "cha mẹ học sinh"


# ------------------------------------------------------------------ school, header, signature
def make_school(rng, roster, near=False):
    if near:
        level, prop, _ = rng.choice(NEAR_NAMES_A2)
        sid = None
    else:
        row = rng.choice(roster)
        level, prop, sid = row["level"], C.proper(row["name"]), row["id"]
    kind = {"MN": ["MẦM NON", "MN"], "TH": ["TIỂU HỌC", "TH"], "TH-THCS": ["TH&THCS", "TH VÀ THCS", "TIỂU HỌC VÀ THCS", "TH-THCS"],
            "THCS": ["THCS", "TRUNG HỌC CƠ SỞ"]}[level]
    kw = rng.choice(kind)
    lines = [f"TRƯỜNG {kw}", prop.upper()]
    wrapped = rng.random() < 0.3 or len(kw) + len(prop) > 30
    header = " ".join(lines)
    body = f"Trường {C.LEVEL_LONG[level] if rng.random() < 0.5 else C.LEVEL_WORD[level]} {prop}"
    abbr = C.LEVEL_ABBR[level] + C.initials(prop)
    return {"id": sid, "level": level, "prop": prop, "header": header, "lines": lines if wrapped else [header],
            "body": body, "abbr": abbr}


def parent_lines(rng):
    return rng.choice([[("PHÒNG GD&ĐT THÀNH PHỐ ĐIỆN BIÊN PHỦ", False)], [("UBND THÀNH PHỐ ĐIỆN BIÊN PHỦ", False)],
                       [("UBND TP ĐIỆN BIÊN PHỦ", False), ("PHÒNG GIÁO DỤC VÀ ĐÀO TẠO", False)],
                       [("PHÒNG GIÁO DỤC VÀ ĐÀO TẠO", False), ("THÀNH PHỐ ĐIỆN BIÊN PHỦ", False)],
                       [("PHÒNG GDĐT TP. ĐIỆN BIÊN PHỦ", False)]])


def headerb(rng, ctx, number, date_text):
    sch = ctx.sch
    if len(sch["lines"]) > 1:
        ctx.feat("wrapped-name")
    left = parent_lines(rng) + [(x, True) for x in sch["lines"]]
    return ("headerb", {"left": left, "number": number,
                        "right": [rng.choice(["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
                                              "CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM"]),
                                  rng.choice(["Độc lập - Tự do - Hạnh phúc", "Độc lập – Tự do – Hạnh phúc"])],
                        "date": date_text})


def person(rng):
    fam = rng.choice(["Lò", "Quàng", "Lường", "Nguyễn", "Bùi", "Đinh", "Lê", "Mai", "Tạ", "Hà", "Vì", "Điêu"])
    mid = rng.choice(["Thị", "Văn", "Thị Minh", "Thị Kim", "Văn Hải", "Quang", "Ngọc"])
    giv = rng.choice(["Nga", "Thảo", "Khánh", "Chiến", "Huyền", "Thắng", "Tâm", "Loan", "Quyết", "Hiền", "Trang"])
    return f"{fam} {mid} {giv}"


def sign(rng, abbr):
    title = rng.choice([["HIỆU TRƯỞNG"], ["HIỆU TRƯỞNG"], ["KT. HIỆU TRƯỞNG", "PHÓ HIỆU TRƯỞNG"], ["Q. HIỆU TRƯỞNG"]])
    nn = [rng.choice(["- Phòng GD&ĐT thành phố;", "- Phòng GDĐT TP Điện Biên Phủ (để b/c);", "- Như trên;"])]
    if rng.random() < 0.4:
        nn.append(rng.choice(["- Chi bộ nhà trường (b/c);", "- Các tổ chuyên môn;", "- Website trường;"]))
    nn.append(rng.choice([f"- Lưu: VT, {abbr}.", "- Lưu: VT.", "- Lưu hồ sơ."]))
    return ("sig", {"noi_nhan": nn, "title": title, "name": person(rng)})


def number_of(rng, sch, sym="BC"):
    num = rng.randint(1, 160)
    blank = rng.random() < 0.07
    return (f"Số:      /{sym}-{sch['abbr']}" if blank else f"Số: {num:02d}/{sym}-{sch['abbr']}"), num, blank


def doc_date(rng, year):
    text, iso = C.date_line(rng, year=year)
    return text, iso


# ------------------------------------------------------------------ values
def draw_values(rng):
    ks = rng.randint(5, 34)
    tr = rng.randint(max(1, ks // 3), ks)
    det = rng.choice([0, 0, 0, 1, 2, 3, 5])
    big = rng.random() < 0.4
    return {
        "sessions": rng.randint(3, 36),
        "participants": rng.choice([rng.randint(1000, 2019), rng.randint(2030, 3400)]) if big else rng.randint(70, 980),
        "spokesperson": rng.random() < 0.7,
        "key_staff": ks,
        "key_staff_trained": tr,
        "exhibitions": rng.choice([0, 0, 1, 1, 2, 3]),
        "fake_news_detected": det,
        "fake_news_handled": det if rng.random() < 0.75 else max(0, det - 1),
    }


def pick_stated(rng, vals, at_least=4):
    n = rng.randint(at_least, len(KEYS))
    chosen = rng.sample(KEYS, n)
    if "fake_news_handled" in chosen and "fake_news_detected" not in chosen:
        chosen.append("fake_news_detected")
    if "key_staff_trained" in chosen and "key_staff" not in chosen and rng.random() < 0.6:
        chosen.append("key_staff")
    return {k: vals[k] for k in KEYS if k in chosen}


def prev_year(rng, st):
    """Last year's figures (all stated), near this year's."""
    v = draw_values(rng)
    out = {}
    for k in KEYS:
        base = st.get(k, v[k])
        if k == "spokesperson":
            out[k] = base if rng.random() < 0.7 else not base
        elif k == "participants":
            out[k] = max(40, base + rng.randint(-300, 300))
        else:
            out[k] = max(0, base + rng.randint(-4, 4))
    out["key_staff_trained"] = min(out["key_staff_trained"], out["key_staff"])
    out["fake_news_handled"] = min(out["fake_news_handled"], out["fake_news_detected"])
    return out


def split(rng, total, k, floor=0):
    """total into k non-negative parts (each >= floor when possible)."""
    if total < floor * k:
        floor = 0
    rest = total - floor * k
    cuts = sorted(rng.randint(0, rest) for _ in range(k - 1))
    parts = [b - a for a, b in zip([0] + cuts, cuts + [rest], strict=True)]
    return [p + floor for p in parts]


def split_capped(rng, total, caps):
    """total into parts each <= its cap (sum(caps) >= total)."""
    parts = [0] * len(caps)
    left = total
    order = list(range(len(caps)))
    while left > 0:
        rng.shuffle(order)
        for i in order:
            if left and parts[i] < caps[i]:
                parts[i] += 1
                left -= 1
    return parts


def pct(a, b, rng, comma_ok=True):
    if not b:
        return ""
    x = 100 * a / b
    if comma_ok and rng.random() < 0.35 and x != int(x):
        return f"{x:.1f}".replace(".", ",")
    return str(round(x))


# ------------------------------------------------------------------ prose
def look_alike(ctx):
    rng, n = ctx.rng, ctx.n
    ctx.feat("look-alikes")
    return rng.choice([
        f"- Ban hành {n(rng.randint(2, 6), False)} văn bản chỉ đạo, hướng dẫn các tổ chuyên môn triển khai công tác tuyên truyền về quyền con người.",
        f"- Treo {n(rng.randint(2, 8), False)} băng rôn và {n(rng.randint(1, 5), False)} pano tuyên truyền tại khu vực cổng trường, nhà đa năng.",
        f"- In, phát {n(rng.randint(60, 400), False)} tờ rơi tuyên truyền về quyền con người, quyền trẻ em tới {ctx.parents}.",
        f"- Đăng tải {n(rng.randint(4, 30), False)} tin bài về các hoạt động tuyên truyền lên trang thông tin điện tử và fanpage của trường.",
        f"- Xây dựng {n(rng.randint(3, 20), False)} góc tuyên truyền, khẩu hiệu về quyền con người tại các lớp học.",
        f"- Tuyên truyền đến {n(ctx.classes, False)} {'nhóm, lớp' if ctx.mn else 'lớp'} với {n(rng.randint(200, 900), False)} {ctx.kids} thông qua hệ thống loa phát thanh của trường.",
    ])


def sessions_text(ctx, v):
    rng, n = ctx.rng, ctx.n
    forms = ["plain", "plain", "words", "parts", "parts2", "conf", "range"]
    f = rng.choice(forms)
    if f == "parts" and v >= 3:
        a, b, c = split(rng, v, 3, 1)
        ctx.feat("sessions-parts")
        return (f"Nhà trường đã tổ chức {n(v)} buổi tuyên truyền về quyền con người (trong đó: {n(a, False)} buổi lồng ghép vào giờ chào cờ đầu tuần, "
                f"{n(b, False)} buổi trong tiết sinh hoạt lớp, {n(c, False)} buổi hoạt động ngoại khóa).")
    if f == "parts2" and v >= 3:
        a, b, c = split(rng, v, 3, 1)
        ctx.feat("sessions-parts")
        return (f"Nội dung quyền con người được lồng ghép vào {n(a, False)} tiết chào cờ, {n(b, False)} tiết sinh hoạt lớp và {n(c, False)} "
                f"buổi ngoại khóa, nâng tổng số buổi tuyên truyền về quyền con người trong năm lên {n(v)} buổi.")
    if f == "conf" and v >= 2:
        h = rng.randint(1, min(3, v - 1))
        ctx.feat("sessions-parts")
        return (f"Tổng số cuộc tuyên truyền về quyền con người đã thực hiện: {n(v)} cuộc, trong đó có {n(h, False)} hội nghị phổ biến "
                f"cho cán bộ, giáo viên, nhân viên; còn lại tuyên truyền cho {ctx.kids} qua các buổi sinh hoạt tập thể.")
    if f == "range":
        return (f"Từ tháng 01 đến hết tháng 10/{ctx.Y}, nhà trường duy trì tuyên truyền về quyền con người với {n(v)} buổi, "
                f"chủ yếu lồng ghép trong sinh hoạt dưới cờ và sinh hoạt tập thể.")
    if f == "words":
        if v < 100:
            ctx.feat("number-in-words")
            return f"Số buổi tuyên truyền về quyền con người đã tổ chức trong năm {ctx.Y}: {v:02d} ({in_words(v)}) buổi."
    if ctx.mn:
        return (f"Lồng ghép nội dung quyền trẻ em, quyền con người vào {n(v)} buổi tuyên truyền qua các giờ đón, trả trẻ, "
                f"họp cha mẹ trẻ và ngày hội, ngày lễ của nhà trường.")
    return rng.choice([f"Trong năm {ctx.Y}, đơn vị tổ chức được {n(v)} buổi tuyên truyền, phổ biến về quyền con người.",
                       f"- Tuyên truyền về quyền con người: {n(v)} buổi.",
                       f"Các tổ chuyên môn phối hợp với Liên đội tổ chức {n(v)} buổi ngoại khóa, sinh hoạt chuyên đề tuyên truyền về quyền con người."])


def participants_text(ctx, v):
    rng, n = ctx.rng, ctx.n
    f = rng.choice(["parts", "parts3", "plain", "plain2"])
    if f == "parts" and v >= 60:
        x = rng.randint(20, min(90, v // 3))
        ctx.feat("sessions-parts")
        return f"Số lượt người được tuyên truyền: {n(v)} lượt (cán bộ, giáo viên, nhân viên: {n(x, False)} lượt; {ctx.kids}: {n(v - x, False)} lượt)."
    if f == "parts3" and v >= 90:
        x = rng.randint(20, min(70, v // 4))
        z = rng.randint(10, v // 4)
        ctx.feat("sessions-parts")
        return (f"Các hoạt động tuyên truyền thu hút tổng cộng {n(v)} lượt người tham dự, gồm {n(x, False)} lượt cán bộ, giáo viên, nhân viên, "
                f"{n(v - x - z, False)} lượt {ctx.kids} và {n(z, False)} lượt {ctx.parents}.")
    if f == "plain":
        return f"Qua các buổi tuyên truyền đã có {n(v)} lượt người được tiếp cận thông tin về quyền con người."
    return f"- Số lượt người tham gia các buổi tuyên truyền: {n(v)} lượt người."


def spokes_text(ctx, yes):
    rng = ctx.rng
    ctx.feat("spokesperson-phrasing")
    if yes:
        q = rng.randint(3, 60)
        return rng.choice([
            f"Nhà trường đã phân công đồng chí {person(rng)}, Hiệu trưởng làm người phát ngôn và cung cấp thông tin cho báo chí "
            f"(Quyết định số {q:02d}/QĐ-{ctx.sch['abbr']} ngày {rng.randint(3, 28):02d}/9/{ctx.Y}).",
            "- Thực hiện cơ chế phát ngôn và cung cấp thông tin cho báo chí: Đã thực hiện.",
            f"Đơn vị đã ban hành Quyết định số {q:02d}/QĐ-{ctx.sch['abbr']} về Quy chế phát ngôn và cung cấp thông tin cho báo chí; "
            "Hiệu trưởng là người phát ngôn của nhà trường.",
            "Cơ chế phát ngôn được duy trì thường xuyên: Hiệu trưởng trực tiếp phát ngôn, cung cấp thông tin cho báo chí khi có yêu cầu.",
        ])
    return rng.choice([
        "- Cơ chế phát ngôn và cung cấp thông tin cho báo chí: chưa thực hiện.",
        "Nhà trường chưa ban hành quy chế phát ngôn, chưa cử người phát ngôn và cung cấp thông tin cho báo chí.",
        "- Việc thực hiện cơ chế phát ngôn, cung cấp thông tin cho báo chí: Không.",
        "Trong năm, đơn vị chưa thực hiện cơ chế phát ngôn và cung cấp thông tin cho báo chí theo quy định.",
    ])


def staff_text(ctx, ks, tr):
    rng, n = ctx.rng, ctx.n
    out = []
    if ks is not None and tr is not None:
        p = pct(tr, ks, rng)
        ctx.feat("key-staff-fraction")
        forms = [
            f"Tổng số CBQL, GV chủ chốt: {n(ks)} đồng chí; đã được tập huấn về truyền thông quyền con người: {n(tr, False)}/{n(ks, False)} đồng chí, đạt {p}%.",
            f"Cử {n(tr)} đồng chí (trên tổng số {n(ks, False)} đồng chí CBQL, GV chủ chốt) tham gia lớp tập huấn kiến thức, kỹ năng truyền thông về quyền con người do Phòng GDĐT tổ chức ngày {rng.randint(10, 28)}/{rng.choice([6, 7, 8, 9])}/{ctx.Y}.",
            f"Nhà trường có {n(ks)} CBQL, GV chủ chốt. Số được tập huấn trong năm: {n(tr)} người ({p}%).",
        ]
        if ks > tr:
            forms.append(f"Có {n(tr, False)}/{n(ks, False)} đồng chí cán bộ quản lý, giáo viên chủ chốt đã được bồi dưỡng, tập huấn về truyền thông quyền con người (đạt {p}%); "
                         f"còn {n(ks - tr, False)} đồng chí chưa được tập huấn do trùng lịch công tác.")
        else:
            forms.append(f"100% CBQL, GV chủ chốt ({n(tr)}/{n(ks)} đồng chí) đã được tập huấn về truyền thông quyền con người.")
        out.append(rng.choice(forms))
    elif tr is not None:
        out.append(rng.choice([f"Đã có {n(tr)} lượt CBQL, GV chủ chốt được bồi dưỡng, tập huấn về công tác truyền thông quyền con người.",
                               f"- Số CBQL, GV chủ chốt đã tham gia tập huấn: {n(tr)} người."]))
    else:
        out.append(f"Số CBQL, GV chủ chốt của trường: {n(ks)} người (số liệu tập huấn sẽ báo cáo bổ sung khi có kết quả lớp tập huấn).")
    return out


def exhib_text(ctx, v):
    rng, n = ctx.rng, ctx.n
    if v == 0:
        ctx.feat("zero-as-words")
        return rng.choice(["Trong năm, đơn vị chưa tổ chức, cũng không tham gia cuộc triển lãm ảnh, tài liệu nào về quyền con người.",
                           "- Số cuộc triển lãm ảnh, tài liệu về quyền con người: Không."])
    if v >= 2 and rng.random() < 0.5:
        a = rng.randint(1, v - 1)
        return (f"Tổ chức, tham gia {n(v)} cuộc triển lãm ảnh, tài liệu về quyền con người (nhà trường tự tổ chức {n(a, False)} cuộc, "
                f"tham gia {n(v - a, False)} cuộc do thành phố tổ chức).")
    return rng.choice([f"Trưng bày {n(v)} cuộc triển lãm ảnh, tư liệu về quyền con người, quyền trẻ em tại thư viện nhà trường.",
                       f"- Triển lãm ảnh, tài liệu về quyền con người đã tổ chức hoặc tham gia: {n(v)} cuộc."])


def fake_text(ctx, d, h):
    rng, n = ctx.rng, ctx.n
    if d == 0:
        ctx.feat("zero-as-words")
        if h is None:
            return "Trong năm, không phát hiện tin giả, tin xấu độc nào xuyên tạc vấn đề quyền con người liên quan đến nhà trường."
        return rng.choice(["Không phát hiện tin giả, tin xấu độc nào liên quan đến quyền con người trên không gian mạng; số tin phải phối hợp xử lý: 0.",
                           "- Phát hiện tin giả, tin xấu độc về quyền con người: Không; phối hợp xử lý: Không."])
    if h is None:
        return f"Giáo viên chủ nhiệm phát hiện {n(d)} tin giả, tin xấu độc về quyền con người trên các nhóm mạng xã hội và đã báo cáo Ban Giám hiệu."
    return rng.choice([
        f"Đã phát hiện {n(d)} tin giả, tin xấu độc xuyên tạc vấn đề quyền con người trên mạng xã hội, báo cáo kịp thời và phối hợp với Công an phường xử lý {h}/{d} tin.",
        f"- Số tin giả, tin xấu độc phát hiện: {n(d)} tin; đã phối hợp xử lý: {n(h)} tin.",
    ])


def prose(ctx, st, heads=True):
    """Blocks stating exactly st in sentences, under numbered headings."""
    rng = ctx.rng
    out = []
    num = [0]

    def h(t):
        if heads:
            num[0] += 1
            out.append(("h", f"{num[0]}.{t.split('.', 1)[1]}"))
    if "sessions" in st or "participants" in st or rng.random() < 0.5:
        h(rng.choice(["1. Công tác tuyên truyền, phổ biến", "1. Hoạt động tuyên truyền về quyền con người", "1. Tuyên truyền"]))
        if rng.random() < 0.6:
            out.append(("p", look_alike(ctx)))
        if "sessions" in st and "participants" in st and rng.random() < 0.3:
            out.append(("p", f"Tổ chức {ctx.n(st['sessions'])} buổi tuyên truyền về quyền con người với {ctx.n(st['participants'])} lượt người tham gia."))
        else:
            if "sessions" in st:
                out.append(("p", sessions_text(ctx, st["sessions"])))
            if "participants" in st:
                out.append(("p", participants_text(ctx, st["participants"])))
        if rng.random() < 0.3:
            out.append(("p", look_alike(ctx)))
    if "key_staff" in st or "key_staff_trained" in st:
        h(rng.choice(["2. Tập huấn, bồi dưỡng", "2. Bồi dưỡng kiến thức, kỹ năng truyền thông cho CBQL, GV chủ chốt"]))
        out += [("p", x) for x in staff_text(ctx, st.get("key_staff"), st.get("key_staff_trained"))]
    if "spokesperson" in st:
        h(rng.choice(["3. Cơ chế phát ngôn và cung cấp thông tin cho báo chí", "3. Thực hiện cơ chế phát ngôn"]))
        out.append(("p", spokes_text(ctx, st["spokesperson"])))
    if "exhibitions" in st:
        h(rng.choice(["4. Triển lãm ảnh, tài liệu", "4. Tổ chức, tham gia triển lãm"]))
        out.append(("p", exhib_text(ctx, st["exhibitions"])))
    if "fake_news_detected" in st:
        h(rng.choice(["5. Phát hiện, xử lý tin giả, tin xấu độc", "5. Đấu tranh với thông tin sai trái trên không gian mạng"]))
        out.append(("p", fake_text(ctx, st["fake_news_detected"], st.get("fake_news_handled"))))
    return out


# ------------------------------------------------------------------ horizontal tables
def spk_cell(ctx, v, style):
    if style != "yes":
        ctx.feat("spokesperson-phrasing")
    if style == "tick":
        return "✓" if v else "Không"
    if style == "x":
        return "x" if v else "Không"
    if style == "done":
        return "Đã thực hiện" if v else "Chưa thực hiện"
    return "Có" if v else ctx.rng.choice(["Không", "Chưa"])


FULL_TITLE = {"sessions": "Số buổi tuyên truyền", "participants": "Số lượt người tham gia tuyên truyền",
              "key_staff": "Tổng số CBQL, GV chủ chốt", "key_staff_trained": "CBQL, GV chủ chốt đã tập huấn",
              "fake_news_detected": "Số tin giả, tin xấu độc phát hiện", "fake_news_handled": "Số tin giả, tin xấu độc đã xử lý"}


SHORT_SUB = {"sessions": "Số buổi", "participants": "Số lượt người", "spokesperson": "Phát ngôn (Có/ Không)", "key_staff": "Tổng số",
             "key_staff_trained": "Đã tập huấn", "exhibitions": "Triển lãm (cuộc)", "fake_news_detected": "Phát hiện",
             "fake_news_handled": "Đã xử lý"}
SHORT_GROUP = {"Tuyên truyền về quyền con người": "Tuyên truyền", "Công tác tuyên truyền": "Tuyên truyền",
               "Bồi dưỡng CBQL, GV chủ chốt": "CBQL, GV chủ chốt", "Tập huấn truyền thông về QCN cho CBQL, GV chủ chốt": "CBQL, GV chủ chốt",
               "Tin giả, tin xấu độc về QCN": "Tin giả, xấu độc", "Tin giả, tin xấu độc (tin)": "Tin giả (tin)"}


def horiz_columns(ctx, st, with_pct):
    """Groups of columns: [(group title or None, [(sub title, key)])]."""
    rng = ctx.rng
    G = [
        (rng.choice(["Tuyên truyền về quyền con người", "Tuyên truyền", "Công tác tuyên truyền"]),
         [(rng.choice(["Số buổi", "Số buổi (cuộc)"]), "sessions"), (rng.choice(["Số lượt người", "Số lượt người tham gia"]), "participants")]),
        (None, [(rng.choice(["Thực hiện cơ chế phát ngôn và cung cấp thông tin cho báo chí (Có/Không)", "Cơ chế phát ngôn, cung cấp thông tin cho báo chí"]), "spokesperson")]),
        (rng.choice(["Bồi dưỡng CBQL, GV chủ chốt", "CBQL, GV chủ chốt", "Tập huấn truyền thông về QCN cho CBQL, GV chủ chốt"]),
         [("Tổng số", "key_staff"), (rng.choice(["Đã tập huấn", "Số được tập huấn"]), "key_staff_trained")] + ([("Tỷ lệ (%)", "_pct")] if with_pct else [])),
        (None, [(rng.choice(["Số cuộc triển lãm ảnh, tài liệu về QCN", "Triển lãm ảnh, tài liệu (cuộc)"]), "exhibitions")]),
        (rng.choice(["Tin giả, tin xấu độc về QCN", "Tin giả, tin xấu độc (tin)"]),
         [("Phát hiện", "fake_news_detected"), (rng.choice(["Đã phối hợp xử lý", "Đã xử lý"]), "fake_news_handled")]),
    ]
    full = rng.random() < 0.7
    if not full:
        G = [(g, [s for s in subs if s[1] in st or s[1] == "_pct"]) for g, subs in G]
        G = [(g, subs) if len(subs) > 1 else (None, [(FULL_TITLE.get(subs[0][1], subs[0][0]), subs[0][1])])
             for g, subs in G if any(s[1] in st for s in subs)]
    if rng.random() < 0.3:
        ctx.feat("columns-reordered")
        G = G[2:3] + G[:2] + G[3:] if rng.random() < 0.5 else G[:2] + G[4:] + G[2:4]
        if rng.random() < 0.5:
            G = [(g, list(reversed(subs)) if g and subs[-1][1] != "_pct" else subs) for g, subs in G]
    return G


def horizontal_table(ctx, st, mode, wide_page=False, prev=None):
    """mode: single (one row for the school) | years (a row per year) | units (a row per khối/tổ + the total)."""
    rng = ctx.rng
    ctx.feat("horizontal-table")
    with_pct = "key_staff" in st and "key_staff_trained" in st and rng.random() < 0.35
    groups = horiz_columns(ctx, st, with_pct)
    cols = [s for _, subs in groups for s in subs]
    spk_style = rng.choice(["yes", "yes", "x", "tick", "done", "cols"]) if any(k == "spokesperson" for _, k in cols) else "yes"
    if spk_style == "cols":  # two tick columns "Có" | "Không"
        for gi, (_g, subs) in enumerate(groups):
            if subs and subs[0][1] == "spokesperson":
                groups[gi] = (subs[0][0].replace(" (Có/Không)", ""), [("Có", "spokesperson"), ("Không", "_spk_no")])
        cols = [s for _, subs in groups for s in subs]
    note = rng.random() < 0.55
    if ctx.narrow:  # the clerk shortens the titles so that the table fits the portrait page
        note = False
        if spk_style == "cols":
            spk_style = "yes"
        groups = [(g and SHORT_GROUP.get(g, g), [(SHORT_SUB[k] if k in SHORT_SUB else t, k) for t, k in subs if k not in ("_pct", "_spk_no")])
                  for g, subs in groups]
        groups = [(g if len(subs) > 1 else None, subs) for g, subs in groups]
        cols = [s for _, subs in groups for s in subs]
    if spk_style == "cols":
        ctx.feat("tick-columns", "spokesperson-phrasing")
    first = {"single": [rng.choice(["TT", "STT"]), rng.choice(["Đơn vị", "Tên đơn vị", "Trường"])],
             "years": [rng.choice(["TT", "STT"]), rng.choice(["Năm", "Năm báo cáo", "Thời gian"])],
             "units": [rng.choice(["TT", "STT"]), rng.choice(["Khối/Tổ", "Đơn vị", "Tổ chuyên môn"])]}[mode]
    three = rng.random() < 0.35
    grouped = any(g for g, _ in groups)
    nh = 3 if three else (2 if grouped else 1)
    head = [[(first[0], 1, nh), (first[1], 1, nh)]]
    if nh > 1:
        ctx.feat("merged-header")
    if three:
        ctx.feat("three-row-header")
        head[0].append((rng.choice([f"Kết quả thực hiện năm {ctx.Y}", f"Kết quả năm {ctx.Y}", "Kết quả thực hiện Đề án"]), len(cols), 1))
        r2, r3 = [], []
        for g, subs in groups:
            if g:
                r2.append((g, len(subs), 1))
                r3 += [(s[0], 1, 1) for s in subs]
            else:
                r2.append((subs[0][0], 1, 2))
        head += [r2, r3]
    elif grouped:
        r2 = []
        for g, subs in groups:
            if g:
                head[0].append((g, len(subs), 1))
                r2 += [(s[0], 1, 1) for s in subs]
            else:
                head[0].append((subs[0][0], 1, 2))
        head.append(r2)
    else:
        head[0] += [(s[0], 1, 1) for s in cols]
    if note:
        ctx.feat("ghi-chu-column")
        head[0].append(("Ghi chú", 1, nh))
    ncol = 2 + len(cols) + (1 if note else 0)

    def values(vals, total_row=True):
        row = []
        for _, k in cols:
            if k == "_pct":
                row.append(pct(vals["key_staff_trained"], vals["key_staff"], rng) if vals.get("key_staff") and "key_staff_trained" in vals else "")
            elif k == "_spk_no":
                row.append("x" if vals.get("spokesperson") is False else "")
            elif k not in vals:
                row.append("")
            elif k == "spokesperson":
                row.append(("x" if vals[k] else "") if spk_style == "cols" else spk_cell(ctx, vals[k], spk_style))
            else:
                row.append(ctx.c(vals[k]))
        return row

    rows = []
    if mode == "single":
        name = ctx.sch["body"]
        if rng.random() < 0.3:
            name = [name, rng.choice(["(TP. Điện Biên Phủ)", "(Tổng hợp toàn trường)", "(Số liệu toàn trường)"])]
            ctx.feat("multi-paragraph-cells")
        r = ["1", name] + values(st)
        if note:
            r.append(rng.choice(["", "", "Lồng ghép", f"Số liệu tính đến 31/10/{ctx.Y}", "Theo KH số 215"]))
        rows.append(r)
    elif mode == "years":
        ctx.feat("year-rows")
        prev = prev or prev_year(rng, st)
        y0, y1 = ctx.Y - 1, ctx.Y
        lab = rng.choice(["Năm {}", "{}", "Năm {}"])
        r0 = ["1", lab.format(y0)] + values(prev)
        r1 = ["2", lab.format(y1)] + values(st)
        if note:
            r0.append(rng.choice(["", "Số liệu đã báo cáo"]))
            r1.append(rng.choice(["", "Báo cáo kỳ này"]))
        pair = [r0, r1] if rng.random() < 0.8 else [r1, r0]
        pair[0][0], pair[1][0] = "1", "2"
        rows += pair
        if rng.random() < 0.4:
            ctx.feat("year-over-year")
            d = []
            for _, k in cols:
                if k in st and k in prev and not isinstance(st[k], bool) and not k.startswith("_"):
                    x = st[k] - prev[k]
                    d.append(f"+{x}" if x > 0 else str(x))
                else:
                    d.append("")
            rows.append(["", rng.choice(["Tăng (+), giảm (-)", "So sánh cùng kỳ"])] + d + ([""] if note else []))
    else:
        ctx.feat("per-unit-rows")
        units = unit_names(ctx)
        k = len(units)
        per = [dict() for _ in units]
        for key in ("sessions", "participants"):
            if key in st:
                for i, v in enumerate(split(rng, st[key], k, 1 if key == "sessions" else 10)):
                    per[i][key] = v
        if "key_staff" in st:
            ks_parts = split(rng, st["key_staff"], k, 1)
            for i, v in enumerate(ks_parts):
                per[i]["key_staff"] = v
            if "key_staff_trained" in st:
                for i, v in enumerate(split_capped(rng, st["key_staff_trained"], ks_parts)):
                    per[i]["key_staff_trained"] = v
        elif "key_staff_trained" in st:
            for i, v in enumerate(split(rng, st["key_staff_trained"], k)):
                per[i]["key_staff_trained"] = v
        unit_rows = []
        for i, (u, vals) in enumerate(zip(units, per, strict=True), 1):
            r = [str(i), u] + values(vals)
            if note:
                r.append("")
            unit_rows.append(r)
        tot = ["", rng.choice(["Tổng cộng", "Cộng", "Toàn trường", "Tổng"])] + values(st)
        if note:
            tot.append(rng.choice(["", "Số liệu của trường"]))
        if rng.random() < 0.3:  # the total first, the units under it
            tot[1] = rng.choice(["Toàn trường", "Tổng số"])
            rows = [tot] + unit_rows
        else:
            rows = unit_rows + [tot]
    tb = {"head": head, "rows": rows, "wide": True}
    if rng.random() < 0.6:
        ctx.feat("column-number-row")
        rows.insert(0, column_numbers(ctx, ncol, cols, note))
    # widths (mm): portrait 165, landscape 250 (reportlab rescales)
    tot_w = 250 if wide_page else 165
    name_w = 40 if wide_page else (26 if ctx.narrow else 32)
    fixed = 9 + name_w + (22 if note and wide_page else (16 if note else 0))
    each = (tot_w - fixed) / max(1, len(cols))
    tb["widths"] = [9, name_w] + [round(each, 1)] * len(cols) + ([22 if wide_page else 16] if note else [])
    return ("table", tb)


def column_numbers(ctx, ncol, cols, note):
    rng = ctx.rng
    style = rng.choice(["paren", "plain", "AB", "paren"])
    if style == "AB":
        labs = ["A", "B"] + [str(i) for i in range(1, ncol - 1)]
    elif style == "plain":
        labs = [str(i) for i in range(1, ncol + 1)]
    else:
        labs = [f"({i})" for i in range(1, ncol + 1)]
    keys = [None, None] + [k for _, k in cols] + ([None] if note else [])
    if "_pct" in keys and style != "plain":
        i = keys.index("_pct")
        it, ik = keys.index("key_staff_trained"), keys.index("key_staff")
        if style == "paren":
            labs[i] = f"({i + 1})=({it + 1})/({ik + 1})"
        else:
            labs[i] = f"{i - 1}={it - 1}/{ik - 1}"
        ctx.feat("formula-in-number-row")
    return labs


def unit_names(ctx):
    rng, lv = ctx.rng, ctx.sch["level"]
    if lv == "MN":
        return rng.choice([["Tổ Nhà trẻ", "Tổ Mẫu giáo 3-4 tuổi", "Tổ Mẫu giáo 4-5 tuổi", "Tổ Mẫu giáo 5-6 tuổi", "Tổ Văn phòng"],
                           ["Tổ chuyên môn Nhà trẻ", "Tổ chuyên môn Mẫu giáo", "Tổ Văn phòng"]])
    if lv == "TH":
        return rng.choice([["Khối 1", "Khối 2", "Khối 3", "Khối 4", "Khối 5"], ["Tổ 1", "Tổ 2", "Tổ 3", "Tổ 4+5", "Tổ Văn phòng"]])
    if lv == "THCS":
        return rng.choice([["Tổ Khoa học tự nhiên", "Tổ Khoa học xã hội", "Tổ Ngoại ngữ - Năng khiếu", "Tổ Văn phòng"],
                           ["Khối 6", "Khối 7", "Khối 8", "Khối 9"]])
    return ["Tổ Tiểu học", "Tổ THCS", "Tổ Văn phòng"]


# ------------------------------------------------------------------ vertical tables
LABELS = {
    "sessions": ["Số buổi (cuộc) tuyên truyền về quyền con người", "Buổi tuyên truyền, phổ biến về quyền con người", "Số cuộc tuyên truyền đã tổ chức",
                 "Tuyên truyền về QCN: số buổi"],
    "participants": ["Số lượt người được tuyên truyền", "Lượt người tham dự các buổi tuyên truyền", "Số lượt CB, GV, NV, HS tham gia"],
    "spokesperson": ["Thực hiện cơ chế phát ngôn, cung cấp thông tin cho báo chí", "Cơ chế phát ngôn và cung cấp thông tin cho báo chí (có/không)",
                     "Có người phát ngôn, cung cấp thông tin cho báo chí"],
    "key_staff": ["Tổng số CBQL, GV chủ chốt của đơn vị", "CBQL và GV chủ chốt (tổng số)", "Số cán bộ quản lý, giáo viên chủ chốt hiện có"],
    "key_staff_trained": ["Số CBQL, GV chủ chốt đã được tập huấn", "CBQL, GV chủ chốt được bồi dưỡng, tập huấn về truyền thông QCN"],
    "exhibitions": ["Triển lãm ảnh, tài liệu về QCN đã tổ chức/tham gia", "Số cuộc triển lãm ảnh, tư liệu về quyền con người"],
    "fake_news_detected": ["Tin giả, tin xấu độc về QCN đã phát hiện", "Số tin giả, thông tin xấu độc phát hiện được"],
    "fake_news_handled": ["Số tin giả, tin xấu độc đã phối hợp xử lý", "Tin giả, tin xấu độc đã phối hợp xử lý"],
}
UNITS = {"sessions": "Buổi", "participants": "Lượt", "spokesperson": "", "key_staff": "Người", "key_staff_trained": "Người",
         "exhibitions": "Cuộc", "fake_news_detected": "Tin", "fake_news_handled": "Tin"}
LOOK_ROWS = [("Số văn bản chỉ đạo, hướng dẫn đã ban hành", "Văn bản"), ("Số băng rôn, khẩu hiệu, pano tuyên truyền", "Cái"),
             ("Số tin, bài đăng trên trang thông tin điện tử", "Tin bài"), ("Số tờ rơi, tài liệu đã phát", "Tờ"),
             ("Số lớp được tuyên truyền", "Lớp")]


def vcell(ctx, key, v, style="yes", st=None):
    if key == "spokesperson":
        return spk_cell(ctx, v, style)
    if v == 0 and ctx.rng.random() < 0.4:
        ctx.feat("zero-as-words")
        return ctx.rng.choice(["Không", "Không có"])
    if key == "key_staff_trained" and st and st.get("key_staff") and ctx.rng.random() < 0.35:
        ctx.feat("key-staff-fraction")
        return f"{ctx.c(v)}/{ctx.c(st['key_staff'])}"
    return ctx.c(v)


def label_for(ctx, key, trong_do=False, keys=KEYS):
    if trong_do and key == "key_staff_trained" and "key_staff" in keys:
        return ctx.rng.choice(["Trong đó: đã được tập huấn", "- Trong đó, số đã tập huấn"])
    if trong_do and key == "fake_news_handled" and "fake_news_detected" in keys:
        return "Trong đó: đã phối hợp xử lý"
    lab = ctx.rng.choice(LABELS[key])
    if key == "participants" and ctx.mn and "HS" in lab:
        lab = "Số lượt CBGV, trẻ, cha mẹ trẻ tham gia"
    return lab


def vertical_table(ctx, st, variant, prev=None):
    """variant: plan | yoy | roman | colnum. Returns a list of blocks (a split table gives two tables)."""
    rng = ctx.rng
    keys = [k for k in KEYS if k in st]
    empty_row = None
    missing = [k for k in KEYS if k not in st and k not in getattr(ctx, "all_st", {})]
    if missing and rng.random() < 0.5:  # a template row present, left empty or "Chưa thống kê": not stated
        empty_row = rng.choice(missing)
        ctx.feat("not-stated-row")
        keys = [k for k in KEYS if k in st or k == empty_row]
    trong_do = rng.random() < 0.4
    if trong_do and ("key_staff_trained" in keys and "key_staff" in keys or "fake_news_handled" in keys):
        ctx.feat("trong-do-rows")
    else:
        trong_do = False
    spk_style = rng.choice(["yes", "x", "tick", "done"])
    nostat = rng.choice(["", "Chưa thống kê", ""])
    blocks = []
    if variant == "plan":
        ctx.feat("plan-column")
        two = rng.random() < 0.5
        if two:
            ctx.feat("merged-header")
            head = [[("TT", 1, 2), ("Nội dung", 1, 2), ("ĐVT", 1, 2), (f"Năm {ctx.Y}", 3, 1), ("Ghi chú", 1, 2)],
                    [("Kế hoạch", 1, 1), ("Thực hiện", 1, 1), ("Tỷ lệ (%)", 1, 1)]]
        else:
            head = [[("TT", 1, 1), ("Nội dung", 1, 1), ("ĐVT", 1, 1), (f"Kế hoạch năm {ctx.Y}", 1, 1), ("Thực hiện", 1, 1),
                     ("Tỷ lệ (%)", 1, 1), ("Ghi chú", 1, 1)]]
        rows = []
        for i, k in enumerate(keys, 1):
            v = st.get(k)
            if k == "spokesperson":
                plan, done, rate = "Có", ("" if v is None else spk_cell(ctx, v, spk_style)), ""
            else:
                base = v if v is not None else rng.randint(2, 20)
                plan_v = max(1, base + rng.randint(-3, 6)) if k != "participants" else max(50, base + rng.randint(-200, 300))
                if k == "key_staff":
                    plan_v = base
                elif k == "key_staff_trained" and "key_staff" in st:
                    plan_v = min(plan_v, st["key_staff"])
                elif k == "exhibitions":
                    plan_v = rng.choice([1, 2]) if rng.random() < 0.6 else None
                elif k in ("fake_news_detected", "fake_news_handled"):
                    plan_v = None
                plan = "" if plan_v is None else ctx.c(plan_v)
                done = nostat if v is None else ctx.c(v)
                rate = pct(v, plan_v, rng) if (v is not None and plan_v) else ""
            rows.append([str(i), label_for(ctx, k, trong_do and k in ("key_staff_trained", "fake_news_handled"), keys), UNITS[k], plan, done, rate, ""])
        blocks.append(("table", {"head": head, "rows": rows}))
        return blocks
    if variant == "yoy":
        ctx.feat("year-over-year")
        prev = prev or prev_year(rng, st)
        this_first = rng.random() < 0.4
        y0, y1 = f"Năm {ctx.Y - 1}", f"Năm {ctx.Y}"
        ys = [y1, y0] if this_first else [y0, y1]
        if this_first:
            ctx.feat("columns-reordered")
        merged = rng.random() < 0.5
        if merged:
            ctx.feat("merged-header")
            head = [[("TT", 1, 2), ("Chỉ tiêu", 1, 2), ("ĐVT", 1, 2), ("Kết quả", 2, 1), ("So sánh", 1, 2), ("Ghi chú", 1, 2)],
                    [(ys[0], 1, 1), (ys[1], 1, 1)]]
        else:
            head = [[("TT", 1, 1), ("Chỉ tiêu", 1, 1), ("ĐVT", 1, 1), (ys[0], 1, 1), (ys[1], 1, 1),
                     (rng.choice(["Tăng (+), giảm (-)", "So sánh", "Tăng/giảm"]), 1, 1), ("Ghi chú", 1, 1)]]
        rows = []
        for i, k in enumerate(keys, 1):
            v, o = st.get(k), prev[k]
            cur = nostat if v is None else vcell(ctx, k, v, spk_style, st)
            old = vcell(ctx, k, o, spk_style)
            if k == "spokesperson" or v is None:
                d = ""
            else:
                x = v - o
                d = "Bằng" if x == 0 and rng.random() < 0.5 else (f"+{x}" if x > 0 else str(x))
            pair = [cur, old] if this_first else [old, cur]
            rows.append([str(i), label_for(ctx, k, trong_do and k in ("key_staff_trained", "fake_news_handled"), keys), UNITS[k], *pair, d, ""])
        return split_or_not(ctx, head, rows, [12, 60, 18, 25, 25, 25])
    if variant == "colnum":
        ctx.feat("column-number-row")
        order = rng.choice(["std", "std", "valunit", "note-first"])
        if order == "std":
            head = [[("STT", 1, 1), ("Nội dung", 1, 1), ("Đơn vị tính", 1, 1), (f"Số lượng năm {ctx.Y}", 1, 1), ("Ghi chú", 1, 1)]]
        elif order == "valunit":
            ctx.feat("columns-reordered")
            head = [[("STT", 1, 1), ("Nội dung", 1, 1), ("Số lượng", 1, 1), ("Đơn vị tính", 1, 1), ("Ghi chú", 1, 1)]]
        else:
            ctx.feat("columns-reordered")
            head = [[("STT", 1, 1), ("Nội dung", 1, 1), ("Đơn vị tính", 1, 1), ("Ghi chú", 1, 1), ("Kết quả", 1, 1)]]
        numrow = rng.choice([["A", "B", "C", "1", "2"], ["(1)", "(2)", "(3)", "(4)", "(5)"], ["1", "2", "3", "4", "5"]])
        rows = [numrow]
        for i, k in enumerate(keys, 1):
            v = st.get(k)
            val = nostat if v is None else vcell(ctx, k, v, spk_style, st)
            lab = label_for(ctx, k, trong_do and k in ("key_staff_trained", "fake_news_handled"), keys)
            if order == "std":
                rows.append([str(i), lab, UNITS[k], val, ""])
            elif order == "valunit":
                rows.append([str(i), lab, val, UNITS[k].lower(), ""])
            else:
                rows.append([str(i), lab, UNITS[k], rng.choice(["", "", "Lồng ghép"]) if k == "sessions" else "", val])
        return split_or_not(ctx, head, rows, [12, 80, 22, 25, 26])
    # roman: section rows with look-alike rows; maybe columns reordered, multi-paragraph cells, split over two pages
    ctx.feat("section-rows", "look-alikes")
    order = rng.choice(["std", "note-first", "valunit"])
    if order == "std":
        head = [[("TT", 1, 1), ("Nội dung", 1, 1), ("Đơn vị tính", 1, 1), ("Kết quả", 1, 1), ("Ghi chú", 1, 1)]]
    elif order == "note-first":
        ctx.feat("columns-reordered")
        head = [[("TT", 1, 1), ("Nội dung", 1, 1), ("Ghi chú", 1, 1), ("Đơn vị tính", 1, 1), ("Kết quả", 1, 1)]]
    else:
        ctx.feat("columns-reordered")
        head = [[("TT", 1, 1), ("Nội dung", 1, 1), ("Kết quả", 1, 1), ("Đơn vị tính", 1, 1), ("Ghi chú", 1, 1)]]

    def row(tt, lab, unit, val, note=""):
        if order == "std":
            return [tt, lab, unit, val, note]
        if order == "note-first":
            return [tt, lab, note, unit, val]
        return [tt, lab, val, unit, note]

    sections = [("I", "CÔNG TÁC TUYÊN TRUYỀN", ["sessions", "participants"]),
                ("II", "TẬP HUẤN, BỒI DƯỠNG", ["key_staff", "key_staff_trained"]),
                ("III", "CƠ CHẾ PHÁT NGÔN", ["spokesperson"]),
                ("IV", "TRIỂN LÃM ẢNH, TÀI LIỆU", ["exhibitions"]),
                ("V", "TIN GIẢ, TIN XẤU ĐỘC", ["fake_news_detected", "fake_news_handled"])]
    rows = []
    multi = rng.random() < 0.45
    for sec, title, ks_ in sections:
        mine = [k for k in ks_ if k in keys]
        looks = rng.sample(LOOK_ROWS, rng.randint(1, 2)) if sec == "I" else []
        if not mine and not looks:
            continue
        rows.append(row(sec, title, "", ""))
        j = 0
        for lab, unit in looks[:1]:
            j += 1
            rows.append(row(str(j), lab, unit, ctx.c(rng.randint(2, 40))))
        for k in mine:
            j += 1
            v = st.get(k)
            val = nostat if v is None else vcell(ctx, k, v, spk_style, st)
            if multi and k == "sessions" and v is not None and v >= 3:
                a, b = split(rng, v, 2, 1)
                val = [val + " buổi", f"(chào cờ: {a:02d}; ngoại khóa: {b:02d})"]
                ctx.feat("multi-paragraph-cells", "sessions-parts")
            elif multi and k == "spokesperson" and v:
                val = ["Có", f"(QĐ số {rng.randint(2, 40):02d}/QĐ-{ctx.sch['abbr']})"]
                ctx.feat("multi-paragraph-cells", "spokesperson-phrasing")
            rows.append(row(str(j), label_for(ctx, k, trong_do and k in ("key_staff_trained", "fake_news_handled"), keys), UNITS[k], val))
            if k == "key_staff_trained" and trong_do and "key_staff" in st and v is not None and st["key_staff"] > v:
                j += 1
                rows.append(row(str(j), "Chưa được tập huấn", "Người", ctx.c(st["key_staff"] - v)))
        for lab, unit in looks[1:]:
            j += 1
            rows.append(row(str(j), lab, unit, ctx.c(rng.randint(2, 40))))
    return split_or_not(ctx, head, rows, [12, 75, 25, 25, 28], p=0.65)


def split_or_not(ctx, head, rows, widths, p=0.3):
    """One table, or the table split over two pages: the second part with its header repeated or with none."""
    rng = ctx.rng
    if rng.random() >= p or len(rows) < 5:
        return [("table", {"head": head, "rows": rows})]
    ctx.feat("split-table")
    cut = rng.randint(3, len(rows) - 2)
    second = {"head": head, "rows": rows[cut:]} if rng.random() < 0.5 else \
        {"head": [], "rows": rows[cut:], "ncol": len(rows[0]), "widths": widths}
    return [("table", {"head": head, "rows": rows[:cut]}), ("newpage",), ("table", second)]


# ------------------------------------------------------------------ forms
def fill(ctx, v, style):
    """A dotted / underscored field with v written in it (v None: left blank = not stated)."""
    if v is None:
        ctx.feat("blank-field")
        return {"dots": "..................", "ell": "……………", "us": "__________"}[style]
    s = ctx.c(v)
    return {"dots": f"....{s}....", "ell": f"……{s}……", "us": f"___{s}___"}[style]


def boxes(ctx, v, style):
    ctx.feat("check-boxes")
    if v is None:
        ctx.feat("blank-field")
    if style == "sym":
        y, n = ("☒", "☐") if v else (("☐", "☒") if v is False else ("☐", "☐"))
        return f"Có {y}   Không {n}"
    if style == "br":
        y, n = ("[x]", "[ ]") if v else (("[ ]", "[x]") if v is False else ("[ ]", "[ ]"))
        return f"{y} Có   {n} Không"
    y, n = ("☑", "☐") if v else (("☐", "☑") if v is False else ("☐", "☐"))
    return f"Có {y}     Chưa {n}"


def form_blocks(ctx, st, as_table=False):
    rng = ctx.rng
    ctx.feat("form-fill")
    style = rng.choice(["dots", "ell", "us", "dots"])
    bstyle = rng.choice(["sym", "br", "chk"])
    g = st.get
    spk_blank = "spokesperson" not in st and rng.random() < 0.5
    items = [
        ("Số buổi tuyên truyền về quyền con người", f"{fill(ctx, g('sessions'), style)} buổi"),
        ("Số lượt người tham gia", f"{fill(ctx, g('participants'), style)} lượt"),
        ("Thực hiện cơ chế phát ngôn và cung cấp thông tin cho báo chí", boxes(ctx, g("spokesperson"), bstyle) if "spokesperson" in st or spk_blank else None),
        ("Tổng số CBQL, GV chủ chốt", f"{fill(ctx, g('key_staff'), style)} người"),
        ("Số CBQL, GV chủ chốt được tập huấn về truyền thông quyền con người", f"{fill(ctx, g('key_staff_trained'), style)} người"),
        ("Số cuộc triển lãm ảnh, tài liệu về quyền con người đã tổ chức hoặc tham gia", f"{fill(ctx, g('exhibitions'), style)} cuộc"),
        ("Số tin giả, tin xấu độc về quyền con người phát hiện", f"{fill(ctx, g('fake_news_detected'), style)} tin"),
        ("Số tin giả, tin xấu độc đã phối hợp xử lý", f"{fill(ctx, g('fake_news_handled'), style)} tin"),
    ]
    items = [(a, b) for a, b in items if b is not None]
    if as_table:
        rows = [[str(i), a, b] for i, (a, b) in enumerate(items, 1)]
        return [("table", {"head": [[("TT", 1, 1), ("Nội dung", 1, 1), ("Số liệu", 1, 1)]], "rows": rows, "widths": [12, 95, 58]})]
    out = []
    for i, (a, b) in enumerate(items, 1):
        out.append(("p", f"{i}. {a}: {b}"))
    if "sessions" in st and rng.random() < 0.5 and st["sessions"] >= 2:
        a = rng.randint(1, st["sessions"] - 1)
        out.insert(1, ("p", f"Trong đó: lồng ghép chào cờ: {fill(ctx, a, style)}; ngoại khóa: {fill(ctx, st['sessions'] - a, style)}"))
        ctx.feat("sessions-parts")
    return out


# ------------------------------------------------------------------ report builders
TITLES_A2 = [
    ["BÁO CÁO", "Kết quả thực hiện công tác truyền thông về quyền con người năm {Y}"],
    ["BÁO CÁO", "Công tác truyền thông về Quyền con người ở Việt Nam", "năm {Y}"],
    ["BÁO CÁO", "Kết quả triển khai Đề án Truyền thông về Quyền con người", "năm {Y} của {school}"],
    ["BÁO CÁO", "Tình hình, kết quả thực hiện Kế hoạch truyền thông về quyền con người năm {Y}"],
]
OPENINGS_A2 = [
    "Căn cứ Kế hoạch số {kh}/KH-PGDĐT ngày 20/8/{Y} của Phòng Giáo dục và Đào tạo thành phố Điện Biên Phủ về triển khai Đề án Truyền thông về Quyền con người ở Việt Nam giai đoạn 2024-2028 đối với ngành Giáo dục và Đào tạo; căn cứ Kế hoạch số {kt}/KH-{abbr} của nhà trường, {school} báo cáo kết quả năm {Y} cụ thể như sau:",
    "Thực hiện Công văn số {cv}/PGDĐT-VP ngày {d}/10/{Y} của Phòng GDĐT thành phố về việc báo cáo kết quả thực hiện công tác truyền thông về quyền con người, {school} báo cáo như sau:",
    "Thực hiện sự chỉ đạo của Phòng Giáo dục và Đào tạo thành phố, {school} tổng hợp, báo cáo kết quả công tác truyền thông về quyền con người năm {Y} như sau:",
]


def opening(ctx):
    rng = ctx.rng
    return ("p", rng.choice(OPENINGS_A2).format(kh=rng.choice([215, 1021, 302]), kt=rng.randint(5, 60), abbr=ctx.sch["abbr"],
                                                school=ctx.sch["body"], cv=rng.randint(300, 1400), d=rng.randint(1, 20), Y=ctx.Y))


def situation(ctx):
    rng = ctx.rng
    cl, hs = ctx.classes, rng.randint(220, 1100)
    cb, gv, nv = rng.randint(2, 4), rng.randint(16, 62), rng.randint(3, 9)
    ctx.feat("look-alikes")
    kid = "trẻ" if ctx.mn else "học sinh"
    return [("h", rng.choice(["I. ĐẶC ĐIỂM, TÌNH HÌNH", "I. KHÁI QUÁT CHUNG"])),
            ("p", f"Năm học {ctx.Y}-{ctx.Y + 1}, nhà trường có {cl} {'nhóm, lớp' if ctx.mn else 'lớp'} với {C.vn_int(hs, rng)} {kid}. "
                  f"Tổng số cán bộ, giáo viên, nhân viên: {cb + gv + nv} người (CBQL: {cb:02d}; giáo viên: {gv}; nhân viên: {nv:02d}); "
                  f"chi bộ có {rng.randint(12, 40)} đảng viên."),
            ("p", rng.choice(["Đội ngũ nhiệt tình, có trách nhiệm; cơ sở vật chất cơ bản đáp ứng yêu cầu tổ chức các hoạt động tuyên truyền.",
                              f"Một bộ phận {ctx.parents} là người dân tộc thiểu số, điều kiện tiếp cận thông tin còn hạn chế."]))]


def closing(ctx, short):
    rng = ctx.rng
    if short:
        return [("p", "Trên đây là báo cáo của nhà trường, kính gửi Phòng GDĐT tổng hợp./.")]
    out = [("h", rng.choice(["III. ĐÁNH GIÁ CHUNG", "III. NHẬN XÉT, ĐÁNH GIÁ"])),
           ("p", "Công tác truyền thông về quyền con người được triển khai nghiêm túc, đúng kế hoạch; nhận thức của đội ngũ và "
                 f"{ctx.kids} được nâng lên. Tuy nhiên, hình thức tuyên truyền trên không gian mạng còn ít."),
           ]
    if rng.random() < 0.5:
        ctx.feat("look-alikes")
        out.append(("h", rng.choice([f"IV. PHƯƠNG HƯỚNG NĂM {ctx.Y + 1}", f"IV. NHIỆM VỤ TRỌNG TÂM NĂM {ctx.Y + 1}"])))
        out.append(("p", f"Năm {ctx.Y + 1}, phấn đấu tổ chức ít nhất {rng.randint(8, 20)} buổi tuyên truyền; 100% CBQL, GV chủ chốt được tập huấn về truyền thông quyền con người."))
    else:
        out.append(("h", "IV. ĐỀ XUẤT, KIẾN NGHỊ"))
        out.append(("p", f"Đề nghị Phòng GDĐT cung cấp thêm tài liệu, ấn phẩm tuyên truyền về quyền con người phù hợp với lứa tuổi {'mầm non' if ctx.mn else 'học sinh'}."))
    out.append(("p", f"Trên đây là báo cáo kết quả công tác truyền thông về quyền con người năm {ctx.Y} của {ctx.sch['body']}./."))
    return out


def annex_heading(ctx, num, blank, iso):
    rng = ctx.rng
    ref = f"{'     ' if blank else f'{num:02d}'}/BC-{ctx.sch['abbr']}"
    t = rng.choice([["PHỤ LỤC", f"KẾT QUẢ THỰC HIỆN ĐỀ ÁN TRUYỀN THÔNG VỀ QUYỀN CON NGƯỜI NĂM {ctx.Y}"],
                    ["Phụ lục I", f"BIỂU TỔNG HỢP SỐ LIỆU TRUYỀN THÔNG VỀ QUYỀN CON NGƯỜI NĂM {ctx.Y}"],
                    ["PHỤ LỤC 01", "SỐ LIỆU CÔNG TÁC TRUYỀN THÔNG VỀ QUYỀN CON NGƯỜI", f"(Năm {ctx.Y})"]])
    return [("title", t), ("i", f"(Kèm theo Báo cáo số {ref} ngày {iso[8:10]}/{iso[5:7]}/{iso[:4]} của {ctx.sch['body']})")]


PHOTO_LAYOUTS = ["form", "h-single", "prose", "v-colnum", "form-table"]
LAYOUTS = ["h-single", "h-years", "h-units", "form", "form-table", "annex-v", "annex-h", "prose", "v-plan", "v-yoy", "v-roman",
           "v-colnum", "mixed"]


def build_report(rng, roster, layout, year=2024, near=False, short=False, narrow=False):
    sch = make_school(rng, roster, near)
    ctx = Ctx(rng, sch, 2024)
    ctx.narrow = narrow
    vals = draw_values(rng)
    st = pick_stated(rng, vals)
    ctx.all_st = st
    number, num, blank = number_of(rng, sch)
    dt, iso = doc_date(rng, 2024)
    blocks = [headerb(rng, ctx, number, dt)]
    title = [x.format(Y=2024, school=sch["body"]) for x in rng.choice(TITLES_A2)]
    blocks.append(("title", title))
    if rng.random() < 0.75:
        blocks.append(("kg", rng.choice(["Kính gửi: Phòng Giáo dục và Đào tạo thành phố Điện Biên Phủ.",
                                         "Kính gửi: Phòng GD&ĐT thành phố Điện Biên Phủ"])))
    blocks.append(opening(ctx))
    if not short and layout not in ("form", "form-table"):
        blocks += situation(ctx)
    annex = []
    if layout in ("form", "form-table"):
        blocks.append(("h", rng.choice(["II. SỐ LIỆU CỤ THỂ", "KẾT QUẢ THỰC HIỆN (theo biểu mẫu)", "II. KẾT QUẢ THỰC HIỆN"])))
        blocks += form_blocks(ctx, st, as_table=layout == "form-table")
    else:
        blocks.append(("h", rng.choice(["II. KẾT QUẢ THỰC HIỆN", "II. KẾT QUẢ ĐẠT ĐƯỢC"])))
    if layout == "prose":
        blocks += prose(ctx, st)
    elif layout in ("h-single", "h-years", "h-units"):
        mode = layout[2:]
        blocks.append(("p", rng.choice(["Kết quả cụ thể như sau:", "Số liệu tổng hợp (đơn vị tính theo từng cột):",
                                        f"Kết quả thực hiện các nội dung năm {ctx.Y}:"])))
        if not short and rng.random() < 0.4:
            blocks.insert(-1, ("p", look_alike(ctx)))
        blocks.append(horizontal_table(ctx, st, mode))
    elif layout in ("v-plan", "v-yoy", "v-roman", "v-colnum"):
        blocks.append(("p", rng.choice(["Kết quả cụ thể như sau:", "Các chỉ tiêu chủ yếu:"])))
        blocks += vertical_table(ctx, st, layout[2:])
    elif layout in ("annex-v", "annex-h"):
        ctx.feat("annex-after-signature")
        keys = list(st)
        body_st = {}
        if rng.random() < 0.5:  # the body repeats some figures (the same values)
            body_st = {k: st[k] for k in rng.sample(keys, min(2, len(keys))) if k != "fake_news_handled"}
        if body_st:
            blocks += prose(ctx, body_st, heads=False)
        else:
            if rng.random() < 0.5:
                blocks.append(("p", look_alike(ctx)))
            blocks.append(("p", "Nhà trường đã triển khai đầy đủ các nội dung của Kế hoạch; các hoạt động tuyên truyền được lồng ghép trong "
                                "hoạt động giáo dục hằng ngày."))
        blocks.append(("p", rng.choice(["(Có phụ lục số liệu chi tiết kèm theo)", "Số liệu cụ thể tại Phụ lục kèm theo báo cáo này.",
                                        "Chi tiết các chỉ tiêu xem Phụ lục đính kèm."])))
        if layout == "annex-h":
            land = rng.random() < 0.9
            annex.append(("landscape",) if land else ("newpage",))
            if land:
                ctx.feat("landscape")
            annex += annex_heading(ctx, num, blank, iso)
            annex.append(horizontal_table(ctx, st, rng.choice(["single", "single", "years", "units"]), wide_page=land))
        else:
            annex.append(("newpage",))
            annex += annex_heading(ctx, num, blank, iso)
            annex += vertical_table(ctx, st, rng.choice(["plan", "yoy", "roman", "colnum"]))
    elif layout == "mixed":
        keys = list(st)
        rng.shuffle(keys)
        cut = max(1, len(keys) // 2)
        p_st = {k: st[k] for k in KEYS if k in keys[:cut]}
        t_st = {k: st[k] for k in KEYS if k in keys[cut:]}
        if "fake_news_handled" in p_st and "fake_news_detected" not in p_st:
            t_st["fake_news_handled"] = p_st.pop("fake_news_handled")
        if "fake_news_handled" in t_st and "fake_news_detected" not in t_st:
            t_st["fake_news_detected"] = p_st.pop("fake_news_detected")
        blocks += prose(ctx, p_st)
        if t_st:
            blocks.append(("p", "Các chỉ tiêu còn lại:"))
            blocks += vertical_table(ctx, t_st, rng.choice(["colnum", "yoy", "plan"]))
    blocks += closing(ctx, short or layout in ("form", "form-table"))
    blocks.append(sign(rng, sch["abbr"]))
    blocks += annex
    truth = {"kind": "report", "school_id": sch["id"], "school_name": sch["header"], "level": sch["level"], "period": str(year),
             "metrics": st, "layout": layout, "document_number": number.replace("Số:", "").strip(), "negative": None}
    if near:
        truth["negative"] = "school-not-on-roster"
    if year != 2024:
        blocks = [shift_block(b) for b in blocks]
        truth["negative"] = "last-year"
    truth["features"] = sorted(ctx.feats)
    return blocks, truth


def shift_text(t):
    return C.shift_year(t) if isinstance(t, str) else [C.shift_year(x) for x in t]


def shift_block(b):
    if b[0] in ("p", "h", "i", "kg"):
        return (b[0], C.shift_year(b[1]))
    if b[0] == "title":
        return ("title", [C.shift_year(x) for x in b[1]])
    if b[0] == "table":
        t = dict(b[1])
        t["head"] = [[(C.shift_year(c[0]), c[1], c[2]) for c in r] for r in t["head"]]
        t["rows"] = [[shift_text(c) for c in r] for r in t["rows"]]
        return ("table", t)
    if b[0] == "headerb":
        h = dict(b[1])
        h["date"] = C.shift_year(h["date"])
        return ("headerb", h)
    return b


def build_annex_only(rng, roster, short=False, narrow=False):
    sch = make_school(rng, roster)
    ctx = Ctx(rng, sch)
    ctx.narrow = narrow
    ctx.feat("annex-only")
    st = pick_stated(rng, draw_values(rng))
    num = rng.randint(1, 160)
    dt, iso = doc_date(rng, 2024)
    blocks = []
    if rng.random() < 0.5:
        blocks.append(headerb(rng, ctx, "", dt))
    else:
        for x in sch["lines"]:
            blocks.append(("h", x))
        if len(sch["lines"]) > 1:
            ctx.feat("wrapped-name")
    blocks += annex_heading(ctx, num, False, iso)
    kind = rng.choice(["h-single", "h-units", "h-years", "v-colnum", "v-roman", "form-table"] if not short else ["h-single", "v-colnum", "form-table"])
    if kind.startswith("h-"):
        blocks.append(horizontal_table(ctx, st, kind[2:]))
    elif kind == "form-table":
        blocks += form_blocks(ctx, st, as_table=True)
    else:
        blocks += vertical_table(ctx, st, kind[2:])
    if rng.random() < 0.6:
        blocks.append(("sig2", {"left": ["NGƯỜI LẬP BIỂU"], "left_name": person(rng), "right": ["HIỆU TRƯỞNG"], "right_name": person(rng)}))
    else:
        blocks.append(("sig", {"noi_nhan": [], "title": ["THỦ TRƯỞNG ĐƠN VỊ"], "name": person(rng)}))
    truth = {"kind": "annex", "school_id": sch["id"], "school_name": sch["header"], "level": sch["level"], "period": "2024",
             "metrics": st, "layout": "annex-only-" + kind, "negative": None, "features": sorted(ctx.feats)}
    return blocks, truth


# ------------------------------------------------------------------ negatives
def build_negative(rng, roster, kind):
    sch = make_school(rng, roster)
    ctx = Ctx(rng, sch)
    n = ctx.n
    dt, iso = doc_date(rng, 2024)
    if kind == "plan":
        number, _, _ = number_of(rng, sch, "KH")
        yr = rng.choice(["năm 2025", "năm học 2024-2025"])
        blocks = [headerb(rng, ctx, number, dt), ("title", ["KẾ HOẠCH", f"Thực hiện công tác truyền thông về quyền con người {yr}"]),
                  ("p", f"Căn cứ Kế hoạch số 215/KH-PGDĐT ngày 20/8/2024 của Phòng GDĐT thành phố; căn cứ kết quả thực hiện năm 2024, {sch['body']} xây dựng kế hoạch {yr} như sau:"),
                  ("h", "I. MỤC ĐÍCH, YÊU CẦU"),
                  ("p", "Tiếp tục nâng cao nhận thức về quyền con người cho đội ngũ và học sinh; gắn công tác truyền thông với nhiệm vụ năm học."),
                  ("h", "II. CHỈ TIÊU CỤ THỂ")]
        tgt = draw_values(rng)
        if rng.random() < 0.6:
            ctx.feat("horizontal-table")
            blocks.append(("table", {"head": [[("Nội dung", 1, 2), ("Tuyên truyền", 2, 1), ("CBQL, GV chủ chốt", 2, 1), ("Triển lãm (cuộc)", 1, 2)],
                                              [("Số buổi", 1, 1), ("Số lượt người", 1, 1), ("Tổng số", 1, 1), ("Được tập huấn", 1, 1)]],
                                     "rows": [[f"Chỉ tiêu {yr}", str(tgt["sessions"]), str(tgt["participants"]), str(tgt["key_staff"]),
                                               str(tgt["key_staff_trained"]), str(max(1, tgt["exhibitions"]))]], "wide": True}))
        else:
            blocks += [("p", f"- Tổ chức tối thiểu {n(tgt['sessions'])} buổi tuyên truyền về quyền con người, phấn đấu {n(tgt['participants'])} lượt người tham gia."),
                       ("p", f"- {n(tgt['key_staff_trained'])}/{n(tgt['key_staff'])} CBQL, GV chủ chốt được tập huấn (đạt trên 70%)."),
                       ("p", "- Duy trì cơ chế phát ngôn và cung cấp thông tin cho báo chí; phát hiện, phối hợp xử lý 90% tin giả, tin xấu độc.")]
        blocks += [("h", "III. TỔ CHỨC THỰC HIỆN"), ("p", "Phó Hiệu trưởng phụ trách chỉ đạo; các tổ chuyên môn, Liên đội, Công đoàn phối hợp thực hiện./."),
                   sign(rng, sch["abbr"])]
        return blocks, neg_truth(sch, "plan", "plan", "2025", number, ctx)
    if kind == "minutes":
        number, _, _ = number_of(rng, sch, "BB")
        topic = rng.choice(["Sinh hoạt chuyên đề “Giáo dục quyền con người trong nhà trường”", "Họp Ban chỉ đạo công tác truyền thông về quyền con người"])
        blocks = [headerb(rng, ctx, number, dt), ("title", ["BIÊN BẢN", topic]),
                  ("p", f"Thời gian: 14 giờ 30 phút, ngày {iso[8:10]}/{iso[5:7]}/2024. Địa điểm: phòng họp {sch['body']}."),
                  ("p", f"Thành phần: {rng.randint(18, 45)} đồng chí cán bộ, giáo viên, nhân viên (vắng {rng.randint(0, 3)} đồng chí có lý do)."),
                  ("h", "NỘI DUNG"),
                  ("p", f"1. Đồng chí Phó Hiệu trưởng báo cáo sơ bộ: đến thời điểm họp nhà trường đã tổ chức {n(rng.randint(3, 15))} buổi tuyên truyền về quyền con người, "
                        f"{n(rng.randint(4, 16))} đồng chí CBQL, GV chủ chốt đã tham gia tập huấn; số liệu chính thức sẽ tổng hợp trong báo cáo năm."),
                  ("p", "2. Ý kiến thảo luận: đề nghị tăng cường tuyên truyền qua nhóm Zalo cha mẹ học sinh; duy trì cơ chế phát ngôn của nhà trường."),
                  ("p", "Cuộc họp kết thúc lúc 16 giờ 15 phút cùng ngày./."),
                  ("sig2", {"left": ["THƯ KÝ"], "left_name": person(rng), "right": ["CHỦ TRÌ"], "right_name": person(rng)})]
        return blocks, neg_truth(sch, "minutes", "minutes", "2024", number, ctx)
    if kind == "letter":
        number = f"Số: {rng.randint(1, 160):02d}/{sch['abbr']}-{rng.choice(['VP', 'CM', 'VP'])}"
        sub = rng.choice(["register", "late"])
        if sub == "register":
            k = rng.randint(3, 6)
            blocks = [headerb(rng, ctx, number, dt), ("p", "V/v đăng ký CBQL, GV chủ chốt tham gia tập huấn truyền thông về quyền con người"),
                      ("kg", "Kính gửi: Phòng Giáo dục và Đào tạo thành phố Điện Biên Phủ."),
                      ("p", f"Thực hiện Công văn số {rng.randint(300, 1300)}/PGDĐT-VP của Phòng GDĐT, {sch['body']} đăng ký {n(k)} đồng chí CBQL, GV chủ chốt "
                            f"tham gia lớp tập huấn (năm 2023 nhà trường đã có {n(rng.randint(2, 9))} đồng chí được tập huấn), danh sách như sau:"),
                      ("table", {"head": [[("TT", 1, 1), ("Họ và tên", 1, 1), ("Chức vụ", 1, 1), ("Số điện thoại", 1, 1)]],
                                 "rows": [[str(i), person(rng), rng.choice(["Phó Hiệu trưởng", "Tổ trưởng", "Tổng phụ trách Đội", "Tổ phó"]),
                                           f"0{rng.randint(900000000, 989999999)}"] for i in range(1, k + 1)]}),
                      ("p", "Kính đề nghị Phòng GDĐT tạo điều kiện./."), sign(rng, sch["abbr"])]
        else:
            blocks = [headerb(rng, ctx, number, dt), ("p", "V/v xin gia hạn nộp báo cáo kết quả truyền thông về quyền con người năm 2024"),
                      ("kg", "Kính gửi: Phòng Giáo dục và Đào tạo thành phố Điện Biên Phủ."),
                      ("p", f"Do nhà trường đang tổng hợp số liệu từ {n(rng.randint(3, 6))} tổ chuyên môn (đến nay đã thống kê được {n(rng.randint(3, 12))} buổi tuyên truyền "
                            f"về quyền con người), {sch['body']} kính đề nghị Phòng GDĐT cho phép gửi báo cáo chậm đến ngày 20/11/2024."),
                      ("p", "Nhà trường xin trân trọng cảm ơn./."), sign(rng, sch["abbr"])]
        return blocks, neg_truth(sch, "letter", "letter", "2024", number, ctx)
    if kind == "other-topic":
        number, _, _ = number_of(rng, sch, "BC")
        topic = rng.choice(["công tác phòng, chống đuối nước cho học sinh", "công tác giáo dục kỹ năng sống", "công tác y tế trường học",
                            "công tác chuyển đổi số", "công tác phòng, chống xâm hại trẻ em"])
        blocks = [headerb(rng, ctx, number, dt), ("title", ["BÁO CÁO", f"Kết quả {topic} năm 2024"]),
                  ("kg", "Kính gửi: Phòng Giáo dục và Đào tạo thành phố Điện Biên Phủ."),
                  ("p", f"Thực hiện hướng dẫn của Phòng GDĐT, {sch['body']} báo cáo kết quả {topic} năm 2024 như sau:"),
                  ("h", "I. KẾT QUẢ")]
        s, p = rng.randint(3, 20), rng.randint(150, 2000)
        if rng.random() < 0.5:
            ctx.feat("horizontal-table")
            blocks.append(("table", {"head": [[("TT", 1, 2), ("Đơn vị", 1, 2), ("Tuyên truyền", 2, 1), ("Tập huấn", 2, 1)],
                                              [("Số buổi", 1, 1), ("Số lượt người", 1, 1), ("Số lớp", 1, 1), ("Số người", 1, 1)]],
                                     "rows": [["1", sch["body"], str(s), str(p), str(rng.randint(1, 3)), str(rng.randint(5, 30))]], "wide": True}))
        else:
            blocks.append(("p", f"- Tổ chức {n(s)} buổi tuyên truyền với {n(p)} lượt học sinh, cha mẹ học sinh tham gia; cử {n(rng.randint(2, 8))} đồng chí CBQL, GV chủ chốt dự tập huấn."))
        blocks += [("p", "- Nội dung tuyên truyền được lồng ghép với giáo dục pháp luật, quyền con người, quyền trẻ em."),
                   ("h", "II. ĐỀ XUẤT"), ("p", "Không có./."), sign(rng, sch["abbr"])]
        return blocks, neg_truth(sch, "report", "other-topic", "2024", number, ctx)
    raise ValueError(kind)


def neg_truth(sch, kind, neg, period, number, ctx):
    return {"kind": kind, "school_id": sch["id"], "school_name": sch["header"], "level": sch["level"], "period": period, "metrics": {},
            "layout": neg, "document_number": number.replace("Số:", "").strip(), "negative": neg, "features": sorted(ctx.feats)}

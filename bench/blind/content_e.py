"""Batch E content (a third final evaluation batch, seed 71): school reports on the 2024 human-rights
communication plan, written from SPEC.md sections 1-5 with new wording and layouts (SPEC.md section 10).

Imports only content.py's roster helpers (proper, initials); no sentence, table label or look-alike of
batches A, B, A2, C or D is reused. Blocks are those generate.py renders (headerb, title, kg, h, p, i, ul,
table, sig, sig2, newpage, landscape).
"""
from __future__ import annotations

import re

from content import initials, proper

KEYS = ["sessions", "participants", "spokesperson", "key_staff", "key_staff_trained", "exhibitions",
        "fake_news_detected", "fake_news_handled"]

# schools that are NOT on the roster (roster.csv), each near a name that is
NEAR_NAMES_E = [("MN", "Hoa Đào"), ("THCS", "Phan Đình Giót"), ("TH", "Nam Thanh 2"), ("MN", "Hoa Hướng Dương")]

LAYOUTS = ["prose-plus", "prose-narrative", "table-congviec", "table-quarter", "table-ratio-2y", "table-summary",
           "h-org-units", "form-box", "two-parts", "annex-sig", "prose-quarter", "table-congviec"]
PHOTO_LAYOUTS = ["prose-plus", "table-congviec", "form-box", "prose-quarter"]

ONES = ["không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín"]


def words(n):
    if n < 10:
        return ONES[n]
    if n < 100:
        t, u = divmod(n, 10)
        head = "mười" if t == 1 else ONES[t] + " mươi"
        if u == 0:
            return head
        tail = {1: "mốt" if t > 1 else "một", 4: "tư" if t > 1 else "bốn", 5: "lăm"}.get(u, ONES[u])
        return f"{head} {tail}"
    h, r = divmod(n, 100)
    if r == 0:
        return f"{ONES[h]} trăm"
    if r < 10:
        return f"{ONES[h]} trăm linh {ONES[r]}"
    return f"{ONES[h]} trăm {words(r)}"


def fmt(n, rng, pad=0.55):
    if n >= 1000:
        return f"{n:,}".replace(",", ".") if rng.random() < 0.85 else str(n)
    if 0 < n < 10 and rng.random() < pad:
        return f"{n:02d}"
    return str(n)


def fw(n, rng, p=0.35):
    """a number, sometimes followed by its words in brackets"""
    s = fmt(n, rng)
    if n < 1000 and rng.random() < p:
        s += f" ({words(n)})"
    return s


def tbl(head, rows, widths, **kw):
    d = {"head": head, "rows": rows, "widths": widths}
    d.update(kw)
    if not head:
        d["ncol"] = len(rows[0])
    return ("table", d)


def parts(total, n, rng):
    cuts = sorted(rng.randint(0, total) for _ in range(n - 1))
    return [b - a for a, b in zip([0] + cuts, cuts + [total], strict=True)]


# ---------------------------------------------------------------- school and frame
def make_school(rng, roster, near=False):
    if near:
        level, prop = rng.choice(NEAR_NAMES_E)
        sid = None
    else:
        row = rng.choice(roster)
        level, prop, sid = row["level"], proper(row["name"]), row["id"]
    P = prop.upper()
    forms = {"MN": ["TRƯỜNG MẦM NON", "TRƯỜNG MN"], "TH": ["TRƯỜNG TIỂU HỌC", "TRƯỜNG TH"],
             "TH-THCS": ["TRƯỜNG TH&THCS", "TRƯỜNG TH - THCS", "TRƯỜNG TIỂU HỌC VÀ THCS"],
             "THCS": ["TRƯỜNG THCS", "TRƯỜNG TRUNG HỌC CƠ SỞ"]}[level]
    a = rng.choice(forms)
    wrapped = len(a) + len(P) > 25 and rng.random() < 0.5
    lines = [a, P] if wrapped else [f"{a} {P}"]
    body = {"MN": "Trường MN", "TH": "Trường TH", "TH-THCS": "Trường TH&THCS", "THCS": "Trường THCS"}[level] + " " + prop
    if rng.random() < 0.5:
        body = {"MN": "Trường Mầm non", "TH": "Trường Tiểu học", "TH-THCS": "Trường Tiểu học và Trung học cơ sở",
                "THCS": "Trường Trung học cơ sở"}[level] + " " + prop
    pre = {"MN": "MN", "TH": "TH", "TH-THCS": "TH&THCS", "THCS": "THCS"}[level]
    abbr = pre.replace("&", "") + initials(prop) if rng.random() < 0.7 else "T" + initials(prop)
    return {"id": sid, "level": level, "prop": prop, "lines": lines, "name": " ".join(lines), "body": body,
            "abbr": abbr, "wrapped": wrapped}


def header(rng, sch, symbol, Y, blank=False):
    num = rng.randint(2, 190)
    core = f"/{symbol}-{sch['abbr']}" if symbol else f"/{sch['abbr']}-{rng.choice(['VP', 'BGH', 'TCM'])}"
    ntxt = f"{num:02d}" if num < 10 else str(num)
    number = "Số:" + ("       " if blank else " " + ntxt) + core
    month = rng.choice([10, 11, 11, 11])
    day = rng.randint(1, 13) if month == 11 else rng.randint(15, 31)
    place = rng.choice(["Điện Biên Phủ", "Điện Biên Phủ", "TP Điện Biên Phủ", "Thành phố Điện Biên Phủ"])
    parent = rng.choice([[("PHÒNG GIÁO DỤC VÀ ĐÀO TẠO", False), ("TP ĐIỆN BIÊN PHỦ", False)], [("PHÒNG GD&ĐT TP.ĐIỆN BIÊN PHỦ", False)],
                         [("UBND THÀNH PHỐ ĐIỆN BIÊN PHỦ", False)], [("PHÒNG GDĐT ĐIỆN BIÊN PHỦ", False)]])
    h = ("headerb", {"left": parent + [(x, True) for x in sch["lines"]], "number": number,
                     "right": ["CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM" if rng.random() < 0.4 else "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
                               "Độc lập - Tự do - Hạnh phúc"],
                     "date": f"{place}, ngày {day:02d} tháng {month:02d} năm {Y}"})
    docno = core.lstrip("/") if blank else f"{ntxt}{core}"
    return h, docno, (day, month, Y)


def person(rng):
    return " ".join([rng.choice(["Lường", "Cà", "Phạm", "Vũ", "Tòng", "Hoàng", "Lê", "Đỗ", "Điêu", "Lù", "Trịnh", "Phan"]),
                     rng.choice(["Thị", "Văn", "Thị Thu", "Đức", "Thị Hồng", "Minh", "Xuân"]),
                     rng.choice(["Huyền", "Duyên", "Tuấn", "Hương", "Bình", "Lan", "Sơn", "Yến", "Phương", "Dũng", "Hoa", "Toàn"])])


def sig(rng, abbr):
    nn = rng.choice([["- Phòng GDĐT TP Điện Biên Phủ;", f"- Lưu: VT, {abbr}."],
                     ["- Như trên;", "- Ban Giám hiệu;", "- Lưu: Văn thư."],
                     ["- Phòng GD&ĐT (báo cáo);", "- Đảng ủy phường (b/c);", "- Lưu VT."]])
    title = rng.choice([["HIỆU TRƯỞNG"], ["HIỆU TRƯỞNG"], ["KT.HIỆU TRƯỞNG", "PHÓ HIỆU TRƯỞNG"], ["PHÓ HIỆU TRƯỞNG PHỤ TRÁCH"]])
    return ("sig", {"noi_nhan": nn, "title": title, "name": person(rng)})


TITLES = [["BÁO CÁO", "Công tác truyền thông về quyền con người năm {Y}"],
          ["BÁO CÁO", "Kết quả thực hiện nhiệm vụ truyền thông", "về quyền con người của nhà trường năm {Y}"],
          ["BÁO CÁO", "Thực hiện Kế hoạch truyền thông về quyền con người", "năm {Y}"],
          ["BÁO CÁO", "Tổng hợp kết quả tuyên truyền, phổ biến về quyền con người năm {Y}"]]


def opening(rng, sch, Y):
    kh, d, m = rng.randint(30, 480), rng.randint(1, 28), rng.randint(1, 9)
    return rng.choice([
        f"Thực hiện Công văn số {kh}/PGDĐT ngày {d:02d}/{m:02d}/{Y} của Phòng GDĐT thành phố Điện Biên Phủ về việc tổng hợp, báo cáo công tác truyền thông về quyền con người; {sch['body']} báo cáo kết quả cụ thể như sau:",
        f"Căn cứ Kế hoạch số {kh}/KH-PGDĐT ngày {d}/{m}/{Y} của Phòng Giáo dục và Đào tạo; căn cứ tình hình thực tế của đơn vị, nhà trường báo cáo kết quả công tác truyền thông về quyền con người năm {Y} như sau:",
        f"Theo yêu cầu tại Công văn số {kh}/PGDĐT-THCS ngày {d:02d}/{m:02d}/{Y}, {sch['body']} báo cáo những kết quả đã đạt được trong năm {Y} như sau:",
    ])


def scale(rng, sch, Y, ks):
    mn = sch["level"] == "MN"
    cl = rng.randint(9, 32)
    kids = cl * (rng.randint(20, 29) if mn else rng.randint(28, 40))
    staff = max(ks + rng.randint(8, 25), 20)
    out = [("h", rng.choice(["I. TÌNH HÌNH ĐƠN VỊ", "I. ĐẶC ĐIỂM CHUNG", "I. THỰC TRẠNG"]))]
    out.append(("p", rng.choice([
        f"Năm học {Y}-{Y + 1} nhà trường có {cl} {'nhóm, lớp' if mn else 'lớp'}, tổng số {fmt(kids, rng)} {'cháu' if mn else 'học sinh'}; "
        f"đội ngũ gồm {staff} cán bộ, giáo viên, nhân viên, trong đó {rng.randint(2, 3)} đồng chí trong Ban giám hiệu.",
        f"Toàn trường hiện có {staff} CB, GV, NV (biên chế và hợp đồng); {cl} lớp với {fmt(kids, rng)} {'trẻ' if mn else 'em học sinh'}, "
        f"{rng.randint(30, 85)}% là con em đồng bào dân tộc thiểu số.",
    ])))
    return out


def lookalikes(rng, sch, n=2):
    mn = sch["level"] == "MN"
    pool = [
        f"Nhà trường lắp đặt {fmt(rng.randint(2, 6), rng)} pano cố định và làm mới góc thông tin pháp luật tại phòng đọc.",
        f"Phát {rng.randint(120, 480)} cuốn cẩm nang hỏi - đáp pháp luật, quyền trẻ em cho {'phụ huynh' if mn else 'học sinh các khối lớp'}.",
        f"Duy trì {rng.randint(9, 34)} nhóm Zalo lớp để chuyển tải thông tin tuyên truyền tới cha mẹ {'trẻ' if mn else 'học sinh'}.",
        f"Xây dựng {fmt(rng.randint(2, 5), rng)} tiểu phẩm sân khấu hóa với {rng.randint(25, 70)} {'cháu' if mn else 'học sinh'} biểu diễn.",
        f"Hòm thư góp ý đặt tại sảnh tầng 1 tiếp nhận {fmt(rng.randint(3, 19), rng)} phiếu ý kiến của {'phụ huynh' if mn else 'học sinh và phụ huynh'}.",
        f"Chuyên mục “Em yêu pháp luật” trên fanpage nhà trường đăng {rng.randint(11, 48)} bài viết.",
    ]
    rng.shuffle(pool)
    return pool[:n]


def targets(rng, Y, r="III"):
    return [("h", rng.choice([f"{r}. NHIỆM VỤ TRỌNG TÂM NĂM {Y + 1}", f"{r}. PHƯƠNG HƯỚNG NĂM {Y + 1}"])),
            ("p", f"- Phấn đấu năm {Y + 1} tổ chức không dưới {rng.randint(8, 20)} buổi tuyên truyền; {rng.choice(['100%', '90%'])} CBQL, GV chủ chốt "
                  f"được bồi dưỡng; tham gia tối thiểu {fmt(rng.randint(1, 2), rng)} cuộc triển lãm ảnh về quyền con người."),
            ("p", "- Tiếp tục quán triệt, kiện toàn người phát ngôn; chủ động nắm bắt dư luận, xử lý kịp thời thông tin sai sự thật.")]


def assess(rng):
    return [("h", rng.choice(["III. ĐÁNH GIÁ", "III. ĐÁNH GIÁ CHUNG"])),
            ("p", rng.choice(["Ưu điểm: Công tác tuyên truyền được triển khai thường xuyên, nội dung gần gũi, phù hợp lứa tuổi. "
                              "Tồn tại: Hình thức còn đơn điệu; kinh phí in ấn tài liệu còn hạn chế.",
                              "Nhìn chung nhà trường hoàn thành các nhiệm vụ được giao; một bộ phận phụ huynh ở xa trung tâm chưa tham dự đầy đủ."]))]


# ---------------------------------------------------------------- values
def draw_values(rng, level):
    ks = rng.randint(6, 28)
    tr = rng.randint(max(1, ks // 2), ks) if rng.random() < 0.9 else 0
    det = rng.choice([0, 0, 0, 0, 1, 1, 2, 2, 3, 4])
    ses = rng.randint(4, 24)
    part = ses * (rng.randint(18, 55) if level == "MN" else rng.randint(30, 150))
    return {"sessions": ses, "participants": part, "spokesperson": rng.random() < 0.75,
            "key_staff": ks, "key_staff_trained": tr, "exhibitions": rng.choice([0, 0, 1, 1, 1, 2, 3]),
            "fake_news_detected": det, "fake_news_handled": det if rng.random() < 0.7 else max(0, det - 1)}


def pick(rng, vals, p=0.84):
    while True:
        st = {k: v for k, v in vals.items() if rng.random() < p}
        if "fake_news_handled" in st and "fake_news_detected" not in st:
            st["fake_news_detected"] = vals["fake_news_detected"]
        if "key_staff" in st and "key_staff_trained" not in st and rng.random() < 0.6:
            st["key_staff_trained"] = vals["key_staff_trained"]
        if len(st) >= 4:
            return {k: st[k] for k in KEYS if k in st}


# ---------------------------------------------------------------- prose
def s_sessions(rng, v, quarter=False):
    n = fw(v, rng)
    return rng.choice([
        f"Số buổi tuyên truyền về quyền con người đã tổ chức: {n} buổi.",
        f"Tổ chức được {n} buổi tuyên truyền về quyền con người, phần lớn gắn với buổi sinh hoạt dưới cờ thứ Hai và các tiết sinh hoạt lớp.",
        f"{fmt(v, rng)} buổi là tổng số buổi tuyên truyền về quyền con người nhà trường tổ chức trong năm.",
        f"Liên đội phối hợp với Ban giám hiệu tổ chức {n} buổi tuyên truyền chuyên đề về quyền con người.",
    ])


def s_part(rng, v, mn=False):
    n = fmt(v, rng)
    return rng.choice([
        f"Lượt người dự các buổi tuyên truyền (CB, GV, NV, {'trẻ, cha mẹ trẻ' if mn else 'học sinh, phụ huynh'}): {n} lượt.",
        f"Có {n} lượt người dự các buổi tuyên truyền nói trên (tính cả {'trẻ và cha mẹ trẻ' if mn else 'học sinh, phụ huynh'}).",
        f"{n} lượt người được tuyên truyền trực tiếp qua các buổi nói trên.",
    ])


def s_ks(rng, st, feats):
    ks, tr = st.get("key_staff"), st.get("key_staff_trained")
    if ks is not None and tr is not None:
        if tr == 0:
            feats.add("zero-as-words")
            return [f"Chưa có đồng chí nào trong tổng số {fmt(ks, rng)} CBQL, GV chủ chốt được tham gia tập huấn về quyền con người do trong năm chưa có lớp dành cho cấp học."]
        c = rng.randrange(3)
        if c == 0:
            feats.add("key-staff-fraction")
            return [f"Nhà trường cử {fmt(tr, rng)}/{fmt(ks, rng)} CBQL, GV chủ chốt tham gia tập huấn trực tuyến về quyền con người do Sở GDĐT tổ chức."]
        if c == 1:
            return [f"Số CBQL, giáo viên chủ chốt của đơn vị: {fw(ks, rng)} đồng chí.",
                    f"Số đã tham gia tập huấn, bồi dưỡng kiến thức về quyền con người: {fmt(tr, rng)} đồng chí (đạt {round(100 * tr / ks)}%)."]
        rest = ks - tr
        tail = f", {fmt(rest, rng)} đồng chí còn lại sẽ được cử học ở đợt sau" if rest else ", đạt 100%"
        return [f"Toàn trường có {fmt(ks, rng)} đồng chí thuộc diện CBQL, GV chủ chốt; {fmt(tr, rng)} đồng chí đã qua lớp bồi dưỡng về quyền con người{tail}."]
    if tr is not None:
        if tr == 0:
            feats.add("zero-as-words")
            return ["Trong năm nhà trường chưa cử được CBQL, GV chủ chốt nào đi tập huấn về quyền con người."]
        return [f"Đã cử {fw(tr, rng, 0.6)} đồng chí CBQL, GV chủ chốt dự tập huấn về quyền con người."]
    if ks is not None:
        return [f"Số CBQL, GV chủ chốt thuộc diện phải tập huấn: {fmt(ks, rng)} người; số đã tập huấn: chưa tổng hợp xong."]
    return []


def s_spk(rng, v, sch, Y):
    if v:
        return rng.choice([
            f"Đồng chí Hiệu trưởng được giao nhiệm vụ người phát ngôn, cung cấp thông tin cho báo chí của nhà trường (Quyết định số {rng.randint(5, 60):02d}/QĐ-{sch['abbr']} ngày {rng.randint(3, 28)}/{rng.randint(8, 9)}/{Y}).",
            "Cơ chế phát ngôn, cung cấp thông tin cho báo chí: đã thực hiện nghiêm túc.",
            "Người phát ngôn, cung cấp thông tin cho báo chí (có/không): Có.",
        ])
    return rng.choice([
        "Nhà trường chưa thực hiện cơ chế phát ngôn, cung cấp thông tin cho báo chí do chưa kiện toàn được nhân sự.",
        "Đơn vị chưa có văn bản phân công người phát ngôn, chưa thực hiện cơ chế phát ngôn và cung cấp thông tin cho báo chí.",
        "Người phát ngôn, cung cấp thông tin cho báo chí (có/không): Không.",
    ])


def s_exh(rng, v, feats, Y):
    if v == 0:
        feats.add("zero-as-words")
        return rng.choice([f"Năm {Y} đơn vị không tổ chức và cũng chưa tham gia cuộc triển lãm ảnh nào về quyền con người.",
                           "Triển lãm ảnh, tài liệu về quyền con người: không có."])
    return rng.choice([f"Triển lãm ảnh, tài liệu về quyền con người: tham gia {fw(v, rng)} cuộc (triển lãm lưu động của Trung tâm Văn hóa thành phố).",
                       f"Tổ chức, tham gia {fmt(v, rng)} cuộc triển lãm ảnh về quyền con người tại nhà văn hóa phường."])


def s_fake(rng, st, feats):
    d, h = st.get("fake_news_detected"), st.get("fake_news_handled")
    if d is None:
        return []
    if d == 0 and h in (0, None):
        feats.add("zero-as-words")
        if h is None:
            return ["Trong năm chưa phát hiện tin giả, tin xấu độc nào liên quan đến nhà trường."]
        return [rng.choice(["Trong năm không phát sinh tin giả, tin xấu độc nào liên quan đến nhà trường nên không phải phối hợp xử lý.",
                            "Số tin giả, tin xấu độc phát hiện: 0; số đã phối hợp xử lý: 0."])]
    if h is None:
        return [f"Phát hiện {fmt(d, rng)} tin giả, tin xấu độc trên mạng xã hội có liên quan đến học sinh của trường."]
    if h == d:
        return [f"Tin giả, tin xấu độc liên quan đến nhà trường: phát hiện {fmt(d, rng)} trường hợp, đã báo cáo và phối hợp xử lý dứt điểm" + (f" cả {fmt(h, rng)} trường hợp." if h > 1 else ".")]
    if h == 0:
        return [f"Phát hiện {fmt(d, rng)} tin giả, tin xấu độc về nhà trường trên mạng xã hội; đến nay chưa xử lý được tin nào, "
                "nhà trường đang phối hợp với Công an phường xác minh."]
    return [f"Phát hiện {fmt(d, rng)} tin giả trên mạng xã hội; đã cùng Công an phường làm rõ, xử lý {fmt(h, rng)} tin; "
            f"còn {fmt(d - h, rng)} tin đang được xác minh."]


def prose(rng, st, sch, feats, style, Y, short=False, start=1):
    mark = "+ " if style == "plus" else "- "
    if style == "plus":
        feats.add("plus-bullets")
    out = []
    groups = [("1. Công tác tuyên truyền", ["sessions", "participants"]), ("2. Công tác tập huấn, bồi dưỡng", ["key_staff", "key_staff_trained"]),
              ("3. Cơ chế phát ngôn", ["spokesperson"]), ("4. Triển lãm ảnh", ["exhibitions"]),
              ("5. Nắm bắt, xử lý tin giả, tin xấu độc", ["fake_news_detected", "fake_news_handled"])]
    look = lookalikes(rng, sch, 1 if short else 2)
    if not short:
        feats.add("look-alikes")
    for gi, (head, ks) in enumerate(groups):
        lines = []
        if gi == 0 and not short:
            lines.append(look[0])
            if len(look) > 1 and "spokesperson" not in st:
                lines.append(look.pop())
        for k in ks:
            if k not in st:
                continue
            if k == "sessions":
                lines.append(s_sessions(rng, st[k]))
            elif k == "participants":
                lines.append(s_part(rng, st[k], sch["level"] == "MN"))
            elif k == "key_staff" or (k == "key_staff_trained" and "key_staff" not in st):
                lines += s_ks(rng, st, feats)
            elif k == "spokesperson":
                lines.append(s_spk(rng, st[k], sch, Y))
            elif k == "exhibitions":
                lines.append(s_exh(rng, st[k], feats, Y))
            elif k == "fake_news_detected":
                lines += s_fake(rng, st, feats)
        if gi == 0 and "participants" not in st and "sessions" in st and rng.random() < 0.6:
            lines.append("Số lượt người tham dự: chưa thống kê được do nhiều buổi tổ chức trực tuyến.")
            feats.add("not-stated-words")
        if gi == 2 and len(look) > 1:
            lines.append(look[1])
        if not lines:
            continue
        head = f"{start}. " + head.split(". ", 1)[1]  # sections numbered in the order they appear
        start += 1
        if style == "narrative":
            out.append(("h", head))
            out.append(("p", " ".join(lines)))
        else:
            out.append(("h", head))
            out += [("p", mark + x) for x in lines]
    return out


def prose_quarter(rng, st, sch, feats, Y):
    """sessions and participants quarter by quarter, with the year total last"""
    if "sessions" not in st:
        return prose(rng, st, sch, feats, "plus", Y, short=True)
    feats |= {"quarter-figures", "year-total"}
    out = [("h", "1. Tuyên truyền về quyền con người")]
    qs = ["Quý I", "Quý II", "Quý III", "Quý IV (đến 31/10)"]
    if "sessions" in st:
        ps = parts(st["sessions"], 4, rng)
        out.append(("p", "- Số buổi tuyên truyền theo quý: " + "; ".join(f"{q}: {fmt(x, rng)} buổi" for q, x in zip(qs, ps, strict=True)) + "."))
        out.append(("p", f"  Cộng cả năm {Y}: {fmt(st['sessions'], rng)} buổi."))
    if "participants" in st:
        out.append(("p", f"- Tổng số lượt người tham dự cả năm: {fmt(st['participants'], rng)} lượt; đông nhất là đợt cao điểm tháng 9 (khai giảng năm học mới)."))
    rest = {k: v for k, v in st.items() if k not in ("sessions", "participants")}
    body = prose(rng, rest, sch, feats, "plus", Y, short=True, start=2)
    return out + body


# ---------------------------------------------------------------- tables
def cv(k, v, rng, unit=False):
    if k == "spokesperson":
        return rng.choice(["Có", "Có thực hiện", "Đã thực hiện"]) if v else rng.choice(["Không", "Chưa thực hiện", "Chưa"])
    s = fmt(v, rng)
    if unit:
        s += " " + {"sessions": "buổi", "participants": "lượt", "key_staff": "người", "key_staff_trained": "người",
                    "exhibitions": "cuộc", "fake_news_detected": "tin", "fake_news_handled": "tin"}[k]
    return s


def table_congviec(rng, st, sch, feats, Y, short=False, plan=False):
    """TT | Nội dung công việc | Chỉ tiêu cụ thể | ĐVT | Kết quả | Ghi chú: the metric's label is the third column"""
    feats |= {"label-second-column", "unit-column"}
    rows = []
    groups = [("Tuyên truyền về quyền con người", [("sessions", "Số buổi đã thực hiện", "Buổi", "Sinh hoạt dưới cờ"),
                                                   ("look-banner", "Băng rôn, khẩu hiệu treo mới", "Chiếc", ""),
                                                   ("participants", "Số lượt người tham dự", "Lượt", "")]),
              ("Tập huấn, bồi dưỡng", [("key_staff", "CBQL, GV chủ chốt của trường", "Người", ""),
                                       ("key_staff_trained", "Số trong đó đã được tập huấn", "Người", "Trực tuyến")]),
              ("Cơ chế phát ngôn, cung cấp thông tin cho báo chí", [("spokesperson", "Có thực hiện hay không", "", "")]),
              ("Triển lãm ảnh về quyền con người", [("exhibitions", "Số cuộc tổ chức, tham gia", "Cuộc", "")]),
              ("Tin giả, tin xấu độc", [("fake_news_detected", "Số tin phát hiện", "Tin", ""), ("fake_news_handled", "Số tin phối hợp xử lý", "Tin", "")])]
    n = 0
    empty_rows = rng.random() < 0.4
    for g, items in groups:
        first = True
        for k, lab, unit, note in items:
            if k == "look-banner":
                if short:
                    continue
                val = fmt(rng.randint(2, 8), rng)
                feats.add("look-alike-rows")
            elif k in st:
                val = cv(k, st[k], rng)
            elif empty_rows:
                val = rng.choice(["", "Chưa tổng hợp"])
                feats.add("not-stated-row")
            else:
                continue
            if first:
                n += 1
            row = [str(n) if first else "", g if first else "", lab, unit, val, note]
            if plan:
                pv = "" if k in ("spokesperson", "look-banner", "fake_news_detected", "fake_news_handled") else fmt(max(1, (st.get(k) or 5) + rng.randint(-2, 3)), rng)
                row = row[:4] + [pv] + row[4:]
            rows.append(row)
            first = False
    if plan:
        feats.add("plan-column")
        head = [[("TT", 1, 1), ("Nội dung công việc", 1, 1), ("Chỉ tiêu cụ thể", 1, 1), ("ĐVT", 1, 1), ("Chỉ tiêu được giao", 1, 1),
                 (f"Thực hiện năm {Y}", 1, 1), ("Ghi chú", 1, 1)]]
        w = [8, 38, 42, 14, 18, 20, 22]
    else:
        head = [[("TT", 1, 1), ("Nội dung công việc", 1, 1), ("Chỉ tiêu cụ thể", 1, 1), ("ĐVT", 1, 1), (f"Kết quả năm {Y}", 1, 1), ("Ghi chú", 1, 1)]]
        w = [8, 42, 46, 14, 22, 24]
    s = sum(w)
    return tbl(head, rows, [round(x * 165 / s, 1) for x in w])


def table_quarter(rng, st, sch, feats, Y, merged_ok=True, total_first=False):
    """Nội dung | ĐVT | Quý I..IV | Cả năm (or the year first, its quarters after): only the year column is the school's figure"""
    feats |= {"quarter-figures", "year-total"}
    if total_first:
        feats.add("total-before-parts")
    keys = [k for k in ("sessions", "participants", "exhibitions", "fake_news_detected", "fake_news_handled") if k in st]
    labs = {"sessions": ("Buổi tuyên truyền về quyền con người", "Buổi"), "participants": ("Lượt người tham dự tuyên truyền", "Lượt"),
            "exhibitions": ("Triển lãm ảnh đã tổ chức, tham gia", "Cuộc"), "fake_news_detected": ("Tin giả, tin xấu độc phát hiện", "Tin"),
            "fake_news_handled": ("Tin giả đã phối hợp xử lý", "Tin")}
    rows = []
    split = {k: parts(st[k], 4, rng) for k in keys}
    if "sessions" in split and "participants" in split and st["sessions"]:  # people come to the quarters' sessions
        w = [x * rng.uniform(0.7, 1.3) for x in split["sessions"]]
        raw = [st["participants"] * x / sum(w) for x in w]
        q = [int(x) for x in raw]
        for j in sorted(range(4), key=lambda j: raw[j] - q[j], reverse=True)[:st["participants"] - sum(q)]:
            q[j] += 1
        split["participants"] = q
    zero = rng.choice(["0", "-", "0"])
    for i, k in enumerate(keys, 1):
        ps = [fmt(x, rng, 0.2) if x else zero for x in split[k]]
        tot = [fmt(st[k], rng)]
        rows.append([str(i), labs[k][0], labs[k][1]] + (tot + ps if total_first else ps + tot))
    qh = [("Quý I", 1, 1), ("Quý II", 1, 1), ("Quý III", 1, 1), ("Quý IV(*)", 1, 1)]
    if merged_ok:
        feats.add("merged-header")
        yh = (f"Cả năm {Y}", 1, 2)
        grp = ("Trong đó" if total_first else "Chia theo quý", 4, 1)
        head = [[("STT", 1, 2), ("Nội dung", 1, 2), ("ĐVT", 1, 2)] + ([yh, grp] if total_first else [grp, yh]), qh]
    else:
        yh = (f"Cả năm {Y}", 1, 1)
        head = [[("STT", 1, 1), ("Nội dung", 1, 1), ("ĐVT", 1, 1)] + ([yh] + qh if total_first else qh + [yh])]
    w = [10, 60, 14] + ([22] + [14] * 4 if total_first else [14] * 4 + [22])
    s = sum(w)
    return [tbl(head, rows, [round(x * 165 / s, 1) for x in w]), ("p", f"(*) Số liệu Quý IV tính đến ngày 31/10/{Y}.")]


def table_ratio(rng, st, sch, feats, Y, vals_prev, merged_ok=True):
    """TT | Chỉ tiêu | Năm Y-1 | Năm Y | Y so với Y-1 (%)"""
    feats |= {"year-over-year", "ratio-column"}
    labs = {"sessions": "Buổi tuyên truyền đã tổ chức", "participants": "Lượt người tham dự", "spokesperson": "Thực hiện cơ chế phát ngôn",
            "key_staff": "Tổng số CBQL, GV chủ chốt", "key_staff_trained": "CBQL, GV chủ chốt đã tập huấn",
            "exhibitions": "Cuộc triển lãm ảnh", "fake_news_detected": "Tin giả, tin xấu độc phát hiện", "fake_news_handled": "Tin giả đã phối hợp xử lý"}
    rows = []
    i = 0
    for k in KEYS:
        prev = vals_prev[k]
        if k in st:
            cur = cv(k, st[k], rng)
            if k == "spokesperson":
                r = ""
            else:
                r = f"{round(100 * st[k] / prev)}" if prev else "-"
        elif k == "spokesperson":
            continue
        else:
            cur, r = "", ""
            feats.add("not-stated-row")
        i += 1
        rows.append([str(i), labs[k], cv(k, prev, rng), cur, r])
    if merged_ok and rng.random() < 0.6:
        feats.add("merged-header")
        head = [[("TT", 1, 2), ("Chỉ tiêu", 1, 2), ("Kết quả", 2, 1), (f"Năm {Y} so với năm {Y - 1} (%)", 1, 2)],
                [(f"Năm {Y - 1}", 1, 1), (f"Năm {Y}", 1, 1)]]
    else:
        head = [[("TT", 1, 1), ("Chỉ tiêu", 1, 1), (f"Năm {Y - 1}", 1, 1), (f"Năm {Y}", 1, 1), ("So sánh (%)", 1, 1)]]
    return tbl(head, rows, [10, 70, 25, 25, 35])


def prev_values(rng, vals):
    out = {}
    for k, v in vals.items():
        if k == "spokesperson":
            out[k] = rng.random() < 0.5 or v
        else:
            out[k] = max(0, v + rng.randint(-4, 3)) if v < 40 else int(v * rng.uniform(0.7, 1.2))
    out["key_staff_trained"] = min(out["key_staff_trained"], out["key_staff"])
    out["fake_news_handled"] = min(out["fake_news_handled"], out["fake_news_detected"])
    if out["key_staff"] == 0:
        out["key_staff"] = 5
    return out


UNITS = {"MN": ["Tổ Nhà trẻ", "Tổ Mẫu giáo bé - nhỡ", "Tổ Mẫu giáo lớn", "Tổ Văn phòng"],
         "TH": ["Tổ 1 + 2", "Tổ 3", "Tổ 4 + 5", "Liên đội"],
         "TH-THCS": ["Tổ Tiểu học", "Tổ KHTN", "Tổ KHXH", "Liên đội"],
         "THCS": ["Tổ Khoa học tự nhiên", "Tổ Khoa học xã hội", "Đoàn TNCS Hồ Chí Minh", "Liên đội"]}


def table_org(rng, st, sch, feats, Y, merged_ok=True):
    """horizontal: one row per tổ / organisation and the whole school's row last; column numbers under the header"""
    feats |= {"horizontal-table", "per-unit-rows"}
    groups = [("Hoạt động tuyên truyền", [("sessions", "Buổi"), ("participants", "Lượt người dự")]),
              ("Đội ngũ chủ chốt", [("key_staff", "Tổng"), ("key_staff_trained", "Đã qua tập huấn")]),
              ("Phát ngôn", [("spokesperson", "Thực hiện")]),
              ("Triển lãm ảnh", [("exhibitions", "Cuộc")]),
              ("Thông tin sai sự thật, xấu độc", [("fake_news_detected", "Số tin phát hiện"), ("fake_news_handled", "Số tin đã xử lý")])]
    cols = [k for _, subs in groups for k, _ in subs]
    three = merged_ok and rng.random() < 0.5
    if merged_ok:
        feats.add("merged-header")
        r1 = [("STT", 1, 3 if three else 2), ("Tổ/Bộ phận", 1, 3 if three else 2)]
        r2, r3 = [], []
        grp = r2 if three else r1
        sub = r3 if three else r2
        for g, subs in groups:
            grp.append((g, len(subs), 1))
            sub += [(s, 1, 1) for _, s in subs]
        if three:
            feats.add("three-row-header")
            r1.append((f"Kết quả năm {Y}", len(cols), 1))
            head = [r1, r2, r3]
        else:
            head = [r1, r2]
    else:
        head = [[("STT", 1, 1), ("Tổ/Bộ phận", 1, 1)] + [(f"{g} - {s}" if len(subs) > 1 else g, 1, 1) for g, subs in groups for _, s in subs]]
    rows = [[str(i) for i in range(1, len(cols) + 3)]]
    feats.add("column-number-row")
    units = UNITS[sch["level"]]
    split = {}
    for k in ("sessions", "participants", "key_staff"):
        if k in st:
            split[k] = parts(st[k], len(units), rng)
    if "key_staff_trained" in st and "key_staff" in split:
        tr, ps = st["key_staff_trained"], []
        for x in split["key_staff"]:
            y = min(x, tr)
            ps.append(y)
            tr -= y
        split["key_staff_trained"] = ps
    for i, u in enumerate(units):
        rows.append([str(i + 1), u] + [fmt(split[k][i], rng, 0) if k in split else "" for k in cols])
    rows.append(["", rng.choice(["Toàn trường", "Cộng", "Tổng cộng toàn trường"])] + [cv(k, st[k], rng) if k in st else "" for k in cols])
    if any(k not in st for k in cols):
        feats.add("blank-cells")
    w = [8, 32] + [14] * len(cols)
    s = sum(w)
    return tbl(head, rows, [round(x * 165 / s, 1) for x in w], wide=True)


def form_box(rng, st, feats, tcvn=False):
    feats |= {"form-fill", "checkbox"}
    dots = rng.choice(["……", "........", "…………"])

    def blank(k, unit):
        if k in st:
            return f"{dots}{fmt(st[k], rng)}{dots} {unit}"
        feats.add("empty-blank")
        return f"{dots}{dots}{dots} {unit}"
    yes, no = ("[x]", "[ ]") if tcvn else rng.choice([("☒", "☐"), ("■", "□"), ("[x]", "[ ]")])
    out = [("p", f"1. Số buổi tuyên truyền về quyền con người đã tổ chức: {blank('sessions', 'buổi')}"),
           ("p", f"   Số lượt người tham dự: {blank('participants', 'lượt')}"),
           ("p", f"2. Số CBQL, GV chủ chốt: {blank('key_staff', 'người')}; trong đó số được tập huấn về quyền con người: {blank('key_staff_trained', 'người')}")]
    if "spokesperson" in st:
        a, b = (yes, no) if st["spokesperson"] else (no, yes)
        out.append(("p", f"3. Thực hiện cơ chế phát ngôn, cung cấp thông tin cho báo chí:   {a} Đã thực hiện    {b} Chưa thực hiện"))
    else:
        out.append(("p", f"3. Thực hiện cơ chế phát ngôn, cung cấp thông tin cho báo chí:   {no} Đã thực hiện    {no} Chưa thực hiện"))
        feats.add("empty-boxes")
    out.append(("p", f"4. Số cuộc triển lãm ảnh về quyền con người tổ chức/tham gia: {blank('exhibitions', 'cuộc')}"))
    out.append(("p", f"5. Tin giả, tin xấu độc: phát hiện {blank('fake_news_detected', 'tin')}; phối hợp xử lý {blank('fake_news_handled', 'tin')}"))
    return out


def kv_parts(rng, st, feats, Y):
    """the figures in two short parts, each with its own small table"""
    feats.add("two-parts")
    a = {k: st[k] for k in ("sessions", "participants", "exhibitions") if k in st}
    b = {k: st[k] for k in ("key_staff", "key_staff_trained", "spokesperson", "fake_news_detected", "fake_news_handled") if k in st}
    labs = {"sessions": "Số buổi tuyên truyền", "participants": "Số lượt người tham dự", "exhibitions": "Số cuộc triển lãm ảnh",
            "key_staff": "CBQL, GV chủ chốt (tổng số)", "key_staff_trained": "CBQL, GV chủ chốt đã tập huấn",
            "spokesperson": "Thực hiện cơ chế phát ngôn", "fake_news_detected": "Tin giả phát hiện", "fake_news_handled": "Tin giả đã xử lý"}
    out = []
    for head, d in ((f"PHẦN A. TUYÊN TRUYỀN, TRIỂN LÃM NĂM {Y}", a), ("PHẦN B. TẬP HUẤN, PHÁT NGÔN, XỬ LÝ TIN GIẢ", b)):
        out.append(("h", head))
        if head.startswith("PHẦN B") and rng.random() < 0.7:
            out.append(("p", f"(Phần này nhà trường gửi bổ sung qua thư điện tử ngày {rng.randint(5, 13):02d}/11/{Y} sau khi các tổ chuyên môn tổng hợp xong.)"))
        if not d:
            out.append(("p", "Không có số liệu báo cáo."))
            continue
        rows = [[labs[k], cv(k, v, rng, unit=rng.random() < 0.5)] for k, v in d.items()]
        out.append(tbl([[("Nội dung", 1, 1), ("Số liệu", 1, 1)]], rows, [110, 50]))
    return out


def summary_sentence(rng, st, Y):
    k = rng.choice([x for x in ("sessions", "participants", "key_staff_trained") if x in st] or ["none"])
    if k == "sessions":
        return f"Như vậy, trong năm {Y} nhà trường đã tổ chức tổng cộng {fmt(st[k], rng)} buổi tuyên truyền về quyền con người, vượt kế hoạch đề ra."
    if k == "participants":
        return f"Tổng hợp lại, các hoạt động tuyên truyền năm {Y} đã có {fmt(st[k], rng)} lượt người tham dự."
    if k == "key_staff_trained":
        return f"Tóm lại, {fmt(st[k], rng)} đồng chí CBQL, GV chủ chốt đã được trang bị kiến thức về quyền con người trong năm."
    return "Các số liệu trên được tổng hợp từ sổ theo dõi của các tổ chuyên môn."


# ---------------------------------------------------------------- documents
def build_report(rng, roster, layout, year=2024, near=False, short=False, producer=""):
    Y = year
    sch = make_school(rng, roster, near)
    vals = draw_values(rng, sch["level"])
    st = pick(rng, vals)
    feats = set()
    if sch["wrapped"]:
        feats.add("wrapped-name")
    pandoc = producer.startswith("pandoc")
    tcvn = "tcvn3" in producer
    h, docno, (dd, mm, yy) = header(rng, sch, "BC", Y, blank=rng.random() < 0.07)
    blocks = [h, ("title", [x.format(Y=Y) for x in rng.choice(TITLES)])]
    if rng.random() < 0.7:
        blocks.append(("kg", "Kính gửi: Phòng Giáo dục và Đào tạo TP Điện Biên Phủ"))
    blocks.append(("p", opening(rng, sch, Y)))
    if not short:
        blocks += scale(rng, sch, Y, vals["key_staff"])
        blocks.append(("h", rng.choice(["II. KẾT QUẢ CÔNG TÁC TRUYỀN THÔNG", "II. KẾT QUẢ CỤ THỂ"])))
    annex = []
    if layout in ("prose-plus", "prose-narrative"):
        blocks += prose(rng, st, sch, feats, "plus" if layout == "prose-plus" else "narrative", Y, short)
    elif layout == "prose-quarter":
        blocks += prose_quarter(rng, st, sch, feats, Y)
    elif layout == "table-congviec":
        if not short:
            blocks.append(("p", rng.choice(["Kết quả thực hiện từng nội dung như sau:", "Số liệu cụ thể:"])))
        blocks.append(table_congviec(rng, st, sch, feats, Y, short=short, plan=not short and rng.random() < 0.3))
    elif layout == "table-quarter":
        for x in lookalikes(rng, sch, 1):
            blocks.append(("p", x))
        feats.add("look-alikes")
        tq = {k: v for k, v in st.items() if k in ("sessions", "participants", "exhibitions", "fake_news_detected", "fake_news_handled")}
        rest = {k: v for k, v in st.items() if k not in tq}
        if tq:
            blocks.append(("h", "1. Tuyên truyền, triển lãm ảnh, xử lý tin giả"))
            blocks.append(("p", "Kết quả theo từng quý như sau:"))
            blocks += table_quarter(rng, tq, sch, feats, Y, merged_ok=not pandoc,
                                    total_first=producer in ("lo-doc", "lo-odt", "pandoc-odt") or rng.random() < 0.3)
        blocks += prose(rng, rest, sch, feats, "plus", Y, short=True, start=2 if tq else 1)
    elif layout == "table-ratio-2y":
        blocks.append(("p", f"Kết quả thực hiện năm {Y} so với năm {Y - 1}:"))
        blocks.append(table_ratio(rng, st, sch, feats, Y, prev_values(rng, vals), merged_ok=not pandoc))
    elif layout == "table-summary":
        feats.add("summary-repeats-table")
        blocks.append(table_congviec(rng, st, sch, feats, Y))
        blocks.append(("p", summary_sentence(rng, st, Y)))
    elif layout == "h-org-units":
        blocks.append(("p", lookalikes(rng, sch, 1)[0]))
        feats.add("look-alikes")
        blocks.append(("p", "Kết quả của từng tổ, bộ phận và toàn trường:"))
        blocks.append(table_org(rng, st, sch, feats, Y, merged_ok=not pandoc))
    elif layout == "form-box":
        blocks += form_box(rng, st, feats, tcvn)
    elif layout == "two-parts":
        blocks += kv_parts(rng, st, feats, Y)
    elif layout == "annex-sig":
        feats.add("figures-in-annex")
        blocks.append(("p", "Năm qua, nhà trường triển khai đồng bộ các hoạt động truyền thông về quyền con người tới cán bộ, giáo viên, "
                            "học sinh và cha mẹ học sinh. Số liệu chi tiết tại Phụ lục kèm theo."))
        if not pandoc and rng.random() < 0.5:
            annex = [("landscape",), table_org(rng, st, sch, feats, Y)]
            feats.add("landscape")
        else:
            annex = [("newpage",), table_congviec(rng, st, sch, feats, Y)]
    else:
        raise ValueError(layout)
    if not short:
        ev = assess(rng) if rng.random() < 0.6 else []
        blocks += ev + targets(rng, Y, "IV" if ev else "III")
        feats.add("next-year-targets")
    blocks.append(("p", rng.choice(["Trên đây là báo cáo công tác truyền thông về quyền con người của nhà trường./.",
                                    "Nhà trường trân trọng báo cáo Phòng GDĐT thành phố./."])))
    blocks.append(sig(rng, sch["abbr"]))
    if annex:
        blocks.append(annex[0])
        blocks.append(("title", ["PHỤ LỤC", f"SỐ LIỆU CÔNG TÁC TRUYỀN THÔNG VỀ QUYỀN CON NGƯỜI NĂM {Y}"]))
        blocks.append(("i", f"(Kèm theo Báo cáo số {docno} ngày {dd:02d}/{mm:02d}/{yy})"))
        blocks += annex[1:]
    if (producer.startswith("lo-") or producer in ("chromium-pdf", "scan", "photo")) and any(b[0] == "table" for b in blocks):
        feats.add("shaded-header")
    if re.search(r"\d \((?:" + "|".join(ONES[1:] + ["mười", "một trăm"]) + r")", " ".join(str(b[1]) for b in blocks if len(b) > 1)):
        feats.add("number-in-words")
    truth = {"kind": "report", "school_id": sch["id"], "school_name": sch["name"], "period": str(Y), "metrics": st,
             "layout": layout, "document_number": docno, "negative": None, "level": sch["level"], "features": sorted(feats)}
    if near:
        truth["negative"] = "school-not-on-roster"
    if Y != 2024:
        truth["negative"] = "last-year"
    return blocks, truth


def build_annex_only(rng, roster, short=False, producer=""):
    sch = make_school(rng, roster)
    st = pick(rng, draw_values(rng, sch["level"]))
    feats = {"annex-only"}
    pandoc = producer.startswith("pandoc")
    blocks = [("h", x) for x in sch["lines"]]
    blocks.append(("title", ["PHỤ LỤC SỐ LIỆU", "Công tác truyền thông về quyền con người năm 2024"]))
    c = rng.randrange(3) if not short else 0
    if c == 0:
        blocks.append(table_congviec(rng, st, sch, feats, 2024, short=short))
    elif c == 1:
        blocks.append(table_org(rng, st, sch, feats, 2024, merged_ok=not pandoc))
    else:
        tq = {k: v for k, v in st.items() if k in ("sessions", "participants", "exhibitions", "fake_news_detected", "fake_news_handled")}
        blocks += table_quarter(rng, tq, sch, feats, 2024, merged_ok=not pandoc,
                               total_first=producer in ("lo-doc", "lo-odt", "pandoc-odt") or rng.random() < 0.3)
        rest = [k for k in st if k not in tq]
        lab = {"spokesperson": "Cơ chế phát ngôn", "key_staff": "Tổng số CBQL, GV chủ chốt", "key_staff_trained": "CBQL, GV chủ chốt được tập huấn"}
        for k in rest:
            blocks.append(("p", f"- {lab[k]}: {cv(k, st[k], rng, unit=True)}"))
    blocks.append(("sig2", {"left": ["NGƯỜI LẬP"], "left_name": person(rng), "right": ["XÁC NHẬN CỦA NHÀ TRƯỜNG", "HIỆU TRƯỞNG"], "right_name": person(rng)}))
    return blocks, {"kind": "annex", "school_id": sch["id"], "school_name": sch["name"], "period": "2024", "metrics": st,
                    "layout": "annex-only", "negative": None, "level": sch["level"], "features": sorted(feats)}


OTHER_TOPICS = ["công tác Đội và phong trào thiếu nhi", "công tác tư vấn tâm lý học đường",
                "hoạt động hưởng ứng Tuần lễ học tập suốt đời", "công tác xây dựng văn hóa đọc trong nhà trường"]


def build_negative(rng, roster, kind, short=False):
    sch = make_school(rng, roster)
    n = lambda v: fmt(v, rng)  # noqa: E731
    sym = {"plan": "KH", "minutes": "BB", "letter": None, "other-topic": "BC"}[kind]
    h, docno, dmy = header(rng, sch, sym, 2024)
    blocks = [h]
    if kind == "plan":
        period = rng.choice(["năm 2025", "học kỳ II năm học 2024-2025"])
        blocks += [("title", ["KẾ HOẠCH", f"Truyền thông về quyền con người {period}"]),
                   ("p", f"Căn cứ kết quả công tác truyền thông về quyền con người năm 2024; {sch['body']} xây dựng kế hoạch {period} như sau:"),
                   ("h", "I. MỤC TIÊU"),
                   ("p", "Nâng cao nhận thức của cán bộ, giáo viên, học sinh về quyền và bổn phận; tạo sự đồng thuận trong cha mẹ học sinh."),
                   ("h", "II. CHỈ TIÊU VÀ NHIỆM VỤ")]
        q = [rng.randint(1, 5) for _ in range(4)]
        blocks.append(tbl([[("Nội dung", 1, 1), ("Quý I", 1, 1), ("Quý II", 1, 1), ("Quý III", 1, 1), ("Quý IV", 1, 1), ("Cả năm", 1, 1)]],
                          [["Số buổi tuyên truyền dự kiến"] + [n(x) for x in q] + [n(sum(q))],
                           ["Số lượt người tham dự dự kiến"] + [n(x * 60) for x in q] + [n(sum(q) * 60)]], [60, 20, 20, 20, 20, 25]))
        blocks += [("p", f"+ Cử {n(rng.randint(4, 16))} CBQL, GV chủ chốt tham gia tập huấn; duy trì người phát ngôn của nhà trường."),
                   ("h", "III. TỔ CHỨC THỰC HIỆN"), ("p", "Các tổ chuyên môn, Liên đội, Công đoàn căn cứ kế hoạch xây dựng lịch cụ thể và báo cáo kết quả theo quý./.")]
        blocks.append(sig(rng, sch["abbr"]))
    elif kind == "minutes":
        blocks += [("title", ["BIÊN BẢN", "Họp liên tịch tháng " + str(dmy[1])]),
                   ("p", f"Thời gian: {rng.randint(14, 16)} giờ 00, ngày {dmy[0]:02d}/{dmy[1]:02d}/2024. Địa điểm: phòng họp {sch['body']}."),
                   ("p", "Thành phần: Bí thư chi bộ, Hiệu trưởng, Chủ tịch Công đoàn, Bí thư Đoàn, Tổng phụ trách Đội."),
                   ("p", f"Nội dung 1: Đánh giá công tác tháng: các tổ đã tổ chức {n(rng.randint(2, 6))} buổi tuyên truyền về quyền con người lồng ghép sinh hoạt lớp, "
                         f"khoảng {n(rng.randint(150, 600))} lượt học sinh tham gia."),
                   ("p", "Nội dung 2: Thống nhất giao đồng chí Phó Hiệu trưởng tổng hợp số liệu năm gửi Phòng GDĐT trước ngày 14/11."),
                   ("p", "Cuộc họp kết thúc hồi 17 giờ cùng ngày./."),
                   ("sig2", {"left": ["THƯ KÝ"], "left_name": person(rng), "right": ["CHỦ TRÌ"], "right_name": person(rng)})]
    elif kind == "letter":
        v = rng.randrange(2)
        subj = ["V/v mời dự buổi tuyên truyền về quyền con người", "V/v đăng ký nhu cầu tài liệu tuyên truyền năm 2025"][v]
        body = [f"Nhà trường trân trọng kính mời đại diện Công an phường tới dự và nói chuyện tại buổi tuyên truyền về quyền con người cho khoảng "
                f"{n(rng.randint(250, 800))} học sinh vào 7 giờ 30 ngày {rng.randint(2, 28)}/12/2024 tại sân trường.",
                f"Nhà trường đăng ký {n(rng.randint(40, 200))} bộ tài liệu hỏi - đáp về quyền con người phục vụ {n(rng.randint(6, 20))} buổi tuyên truyền dự kiến trong năm 2025."][v]
        blocks += [("p", subj), ("kg", "Kính gửi: " + ["Công an phường " + rng.choice(["Him Lam", "Tân Thanh", "Mường Thanh"]), "Phòng GDĐT thành phố Điện Biên Phủ"][v]),
                   ("p", body), ("p", "Trân trọng!")]
        blocks.append(sig(rng, sch["abbr"]))
    else:
        topic = rng.choice(OTHER_TOPICS)
        blocks += [("title", ["BÁO CÁO", f"Kết quả {topic} năm 2024"]),
                   ("kg", "Kính gửi: Phòng GDĐT thành phố Điện Biên Phủ"),
                   ("p", f"{sch['body']} báo cáo kết quả {topic} năm 2024 như sau:"),
                   ("h", "1. Kết quả"),
                   ("p", f"+ Tổ chức {n(rng.randint(3, 14))} buổi sinh hoạt chuyên đề, thu hút {n(rng.randint(300, 1500))} lượt học sinh, giáo viên tham gia."),
                   ("p", f"+ Cử {n(rng.randint(2, 7))} giáo viên chủ chốt dự tập huấn nghiệp vụ do Phòng GDĐT tổ chức."),
                   ("p", "+ Nội dung giáo dục quyền con người, quyền trẻ em được lồng ghép trong một số buổi sinh hoạt."),
                   ("h", "2. Đề xuất"), ("p", "Đề nghị bổ sung kinh phí mua sắm tài liệu./.")]
        blocks.append(sig(rng, sch["abbr"]))
    tk = {"plan": "plan", "minutes": "minutes", "letter": "letter", "other-topic": "report"}[kind]
    return blocks, {"kind": tk, "school_id": sch["id"], "school_name": sch["name"], "period": "2025" if kind == "plan" else "2024",
                    "metrics": {}, "layout": kind, "document_number": docno, "negative": kind, "level": sch["level"], "features": []}

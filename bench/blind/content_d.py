"""Batch D content (the second final evaluation batch, seed 59): school reports on the 2024 human-rights
communication plan, written from SPEC.md sections 1-5 only, with new wording and layouts (SPEC.md section 9).

Imports only content.py's roster helpers (proper, initials); no sentence, table label or look-alike of
batches A, B, A2 or C is reused. Blocks are those generate.py renders (headerb, title, kg, h, p, i, ul, table,
sig, sig2, newpage, landscape, pagebreak).
"""
from __future__ import annotations

from content import initials, proper

KEYS = ["sessions", "participants", "spokesperson", "key_staff", "key_staff_trained", "exhibitions",
        "fake_news_detected", "fake_news_handled"]

# schools that are NOT on the roster (roster.csv), each near a name that is
NEAR_NAMES_D = [("MN", "Hoa Huệ"), ("MN", "Tuổi Xanh"), ("TH", "Thanh Hải"), ("THCS", "Bế Văn Đàn")]

WARDS = ["Him Lam", "Mường Thanh", "Tân Thanh", "Thanh Bình", "Nam Thanh", "Noong Bua", "Thanh Trường", "Nà Tấu"]

LAYOUTS = ["prose-roman", "prose-tongso", "table-unit-col", "table-unit-cell", "table-plan", "table-twoyear",
           "table-sections", "table-horizontal", "form-dotted", "kv-borderless", "annex-after-sig", "mixed-split"]
PHOTO_LAYOUTS = ["prose-roman", "table-unit-cell", "form-dotted", "kv-borderless", "prose-tongso"]

ONES = ["không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín"]


# ---------------------------------------------------------------- small helpers
def words(n):
    """Vietnamese words for 0 <= n < 1000 (as clerks write them in brackets)."""
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


def fmt(n, rng, pad=0.5):
    if n >= 1000:
        return f"{n:,}".replace(",", ".") if rng.random() < 0.8 else str(n)
    if 0 < n < 10 and rng.random() < pad:
        return f"{n:02d}"
    return str(n)


def pct(a, b, rng):
    if not b:
        return "0"
    p = 100 * a / b
    if abs(p - round(p)) < 1e-9 or rng.random() < 0.5:
        return str(round(p))
    return f"{p:.1f}".replace(".", ",")


def tbl(head, rows, widths, **kw):
    d = {"head": head, "rows": rows, "widths": widths}
    d.update(kw)
    if not head:
        d["ncol"] = len(rows[0])
    return ("table", d)


def split_parts(total, n, rng, minimum=0):
    """total split into n non-negative parts (each >= minimum when possible)."""
    if total < n * minimum:
        minimum = 0
    rest = total - n * minimum
    cuts = sorted(rng.randint(0, rest) for _ in range(n - 1))
    parts = [b - a for a, b in zip([0] + cuts, cuts + [rest], strict=True)]
    return [p + minimum for p in parts]


# ---------------------------------------------------------------- school, header, frame
def make_school(rng, roster, near=False):
    if near:
        level, prop = rng.choice(NEAR_NAMES_D)
        sid = None
    else:
        row = rng.choice(roster)
        level, prop, sid = row["level"], proper(row["name"]), row["id"]
    P = prop.upper()
    forms = {"MN": [("TRƯỜNG MẦM NON", P), ("TRƯỜNG MN", P)],
             "TH": [("TRƯỜNG TIỂU HỌC", P), ("TRƯỜNG TH", P)],
             "TH-THCS": [("TRƯỜNG TH VÀ THCS", P), ("TRƯỜNG TH&THCS", P), ("TRƯỜNG TIỂU HỌC VÀ THCS", P)],
             "THCS": [("TRƯỜNG THCS", P), ("TRƯỜNG TRUNG HỌC CƠ SỞ", P)]}[level]
    a, b = rng.choice(forms)
    wrapped = len(a) + len(b) > 26 and rng.random() < 0.6
    lines = [f"{a}", b] if wrapped else [f"{a} {b}"]
    body = {"MN": "Trường Mầm non", "TH": "Trường Tiểu học", "TH-THCS": rng.choice(["Trường TH&THCS", "Trường Tiểu học và THCS"]),
            "THCS": "Trường THCS"}[level] + " " + prop
    pre = {"MN": "MN", "TH": "TH", "TH-THCS": "THCS", "THCS": "THCS"}[level]
    return {"id": sid, "level": level, "prop": prop, "lines": lines, "name": " ".join(lines), "body": body,
            "abbr": pre + initials(prop), "wrapped": wrapped}


def parent_lines(rng):
    return rng.choice([[("PHÒNG GD&ĐT THÀNH PHỐ ĐIỆN BIÊN PHỦ", False)], [("UBND THÀNH PHỐ ĐIỆN BIÊN PHỦ", False)],
                       [("PHÒNG GIÁO DỤC VÀ ĐÀO TẠO", False), ("THÀNH PHỐ ĐIỆN BIÊN PHỦ", False)],
                       [("UBND TP. ĐIỆN BIÊN PHỦ", False)], [("PHÒNG GDĐT TP. ĐIỆN BIÊN PHỦ", False)]])


def date_text(rng, year):
    month = rng.choice([10, 11, 11])
    day = rng.randint(2, 13) if month == 11 else rng.randint(14, 31)
    place = rng.choice(["Điện Biên Phủ", "TP. Điện Biên Phủ", "Điện Biên Phủ", rng.choice(WARDS)])
    return f"{place}, ngày {day:02d} tháng {month:02d} năm {year}", (day, month, year)


def header(rng, sch, symbol, year, blank_number=False):
    num = rng.randint(3, 160)
    sep = rng.choice(["Số: ", "Số: ", "Số ", "Số:"])
    if symbol:
        core = f"/{symbol}-{sch['abbr']}"
    else:
        core = f"/{sch['abbr']}-{rng.choice(['VP', 'HT', 'CM'])}"
    ntxt = f"{num:02d}" if num < 10 else str(num)
    number = f"{sep}{'     ' if blank_number else ntxt}{core}"
    dt, dmy = date_text(rng, year)
    left = parent_lines(rng) + [(x, True) for x in sch["lines"]]
    h = ("headerb", {"left": left, "number": number, "right": ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" if rng.random() < 0.7 else
                                                                  "CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM",
                                                                  rng.choice(["Độc lập - Tự do - Hạnh phúc", "Độc lập – Tự do – Hạnh phúc"])],
                     "date": dt})
    docno = (core.lstrip("/") if blank_number else f"{ntxt}{core}")
    return h, docno, num, dmy


def signer(rng):
    fam = rng.choice(["Lò", "Quàng", "Nguyễn", "Bùi", "Đặng", "Lường", "Trần", "Vì", "Hà", "Mai", "Đinh", "Ngô"])
    mid = rng.choice(["Thị", "Văn", "Thị Minh", "Thị Thanh", "Văn Hùng", "Ngọc", "Hữu"])
    giv = rng.choice(["Thảo", "Nga", "Khánh", "Tâm", "Chiến", "Hạnh", "Quyết", "Liên", "Thắng", "Mai", "Oanh", "Cường"])
    return f"{fam} {mid} {giv}"


def sig_block(rng, abbr, year):
    nn = [rng.choice(["- Phòng GD&ĐT TP (để b/c);", "- Phòng GDĐT thành phố (b/c);", "- Như Kính gửi;"])]
    if rng.random() < 0.5:
        nn.append(rng.choice(["- Chi bộ nhà trường (b/c);", "- BGH nhà trường;", "- Website trường;"]))
    nn.append(rng.choice([f"- Lưu: VT, {abbr}.", "- Lưu: VT.", "- Lưu VP."]))
    title = rng.choice([["HIỆU TRƯỞNG"], ["HIỆU TRƯỞNG"], ["KT. HIỆU TRƯỞNG", "PHÓ HIỆU TRƯỞNG"], ["Q. HIỆU TRƯỞNG"]])
    return ("sig", {"noi_nhan": nn, "title": title, "name": signer(rng)})


TITLES = [["BÁO CÁO", "Kết quả công tác truyền thông về quyền con người năm {Y}"],
          ["BÁO CÁO", "Tình hình, kết quả triển khai Kế hoạch truyền thông", "về quyền con người trong nhà trường năm {Y}"],
          ["BÁO CÁO", "Sơ kết việc thực hiện nhiệm vụ truyền thông về quyền con người", "năm {Y}"],
          ["BÁO CÁO", "Kết quả thực hiện công tác thông tin, truyền thông về quyền con người", "(từ tháng 01/{Y} đến tháng 10/{Y})"]]


def opening(rng, body, Y):
    kh, d, m = rng.randint(40, 420), rng.randint(2, 28), rng.randint(2, 8)
    return rng.choice([
        f"Căn cứ Công văn số {kh}/PGDĐT-VP ngày {d}/{m}/{Y} của Phòng Giáo dục và Đào tạo về việc báo cáo kết quả công tác truyền thông về quyền con người năm {Y}; {body} báo cáo như sau:",
        f"Thực hiện Kế hoạch số {kh}/KH-UBND ngày {d:02d}/{m:02d}/{Y} của Ủy ban nhân dân thành phố về truyền thông quyền con người {'giai đoạn 2024-2028' if Y == 2024 else 'năm ' + str(Y)} và hướng dẫn của Phòng GDĐT, {body} tổng hợp kết quả năm {Y} cụ thể như sau:",
        f"Triển khai Kế hoạch số {kh}/KH-PGDĐT ngày {d}/{m}/{Y} của Phòng GDĐT thành phố Điện Biên Phủ, nhà trường báo cáo kết quả thực hiện như sau:",
    ])


def scale_blocks(rng, sch, Y, ks=0):
    """Section I: scale facts (classes, pupils, staff totals): numbers that are not metrics."""
    mn = sch["level"] == "MN"
    cl = rng.randint(8, 34)
    hs = cl * (rng.randint(18, 30) if mn else rng.randint(25, 38))
    q, gv, nv = rng.randint(2, 4), rng.randint(max(14, ks + 2), max(30, ks + 30)), rng.randint(3, 9)
    dv = rng.randint(6, max(7, (q + gv) * 2 // 3))
    tot = q + gv + nv
    yr = f"{Y}-{Y + 1}"
    unit = "nhóm, lớp" if mn else "lớp"
    kid = "trẻ" if mn else "học sinh"
    out = [("h", rng.choice(["I. KHÁI QUÁT CHUNG", "I. ĐẶC ĐIỂM, TÌNH HÌNH", "I. TÌNH HÌNH CHUNG CỦA ĐƠN VỊ"]))]
    if rng.random() < 0.5:
        out.append(("p", f"Năm học {yr}, nhà trường có {cl} {unit} với {fmt(hs, rng)} {kid}. Tổng số cán bộ, giáo viên, nhân viên: {tot} người "
                         f"(CBQL: {q:02d}; giáo viên: {gv}; nhân viên: {nv:02d}), trong đó có {dv} đảng viên."))
    else:
        out.append(("p", f"- Quy mô: {cl} {unit}, {fmt(hs, rng)} {kid}."))
        out.append(("p", f"- Đội ngũ: {tot} cán bộ, giáo viên, nhân viên; {dv} đồng chí là đảng viên sinh hoạt tại Chi bộ nhà trường."))
    out.append(("p", rng.choice([
        "Tập thể cán bộ, giáo viên đoàn kết, có tinh thần trách nhiệm; cơ sở vật chất cơ bản đáp ứng yêu cầu tổ chức các hoạt động tuyên truyền.",
        "Nhà trường nhận được sự quan tâm chỉ đạo của Phòng GDĐT, sự phối hợp của chính quyền địa phương và cha mẹ học sinh.",
    ])))
    return out


def lookalikes(rng, sch, n=2):
    mn = sch["level"] == "MN"
    pool = [
        f"Nhà trường ban hành {fmt(rng.randint(2, 7), rng)} văn bản chỉ đạo, hướng dẫn triển khai công tác truyền thông về quyền con người.",
        f"Treo {fmt(rng.randint(2, 9), rng)} băng rôn, khẩu hiệu tại cổng trường và {fmt(rng.randint(1, 5), rng)} pano tại khu vực sân chơi.",
        f"Đăng {rng.randint(6, 40)} tin, bài trên trang thông tin điện tử của trường, thu hút {fmt(rng.randint(1200, 9800), rng)} lượt truy cập.",
        f"In, phát {rng.randint(80, 600)} tờ gấp tuyên truyền đến cha mẹ {'trẻ' if mn else 'học sinh'}.",
        f"Lồng ghép nội dung quyền con người vào {rng.randint(20, 140)} tiết dạy {'trong các hoạt động chăm sóc, giáo dục trẻ' if mn else 'các môn Đạo đức, Lịch sử và Địa lí, Giáo dục công dân'}.",
        f"Xây dựng {rng.randint(2, 12)} góc tuyên truyền tại các lớp và {fmt(rng.randint(1, 3), rng)} bảng tin chung của nhà trường.",
    ]
    if not mn:
        pool.append(f"Tổ chức cuộc thi vẽ tranh về quyền trẻ em với {rng.randint(30, 240)} bài dự thi của học sinh.")
    rng.shuffle(pool)
    return pool[:n]


def future_blocks(rng, Y):
    return [("h", rng.choice([f"IV. PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM {Y + 1}", f"IV. NHIỆM VỤ TRỌNG TÂM NĂM {Y + 1}"])),
            ("p", f"- Phấn đấu tổ chức không dưới {rng.randint(6, 20)} buổi tuyên truyền về quyền con người; thu hút trên {fmt(rng.randint(500, 2500), rng)} lượt người tham gia."),
            ("p", f"- 100% CBQL, GV chủ chốt được tập huấn; cử thêm {rng.randint(2, 8)} đồng chí tham gia lớp bồi dưỡng của Sở GDĐT."),
            ("h", "V. ĐỀ XUẤT, KIẾN NGHỊ"),
            ("p", rng.choice(["Đề nghị Phòng GDĐT tiếp tục cung cấp tài liệu tuyên truyền, tổ chức tập huấn cho đội ngũ giáo viên làm công tác Đội, công tác chủ nhiệm.",
                              "Không có đề xuất."]))]


def eval_blocks(rng):
    return [("h", rng.choice(["III. ĐÁNH GIÁ CHUNG", "III. NHẬN XÉT, ĐÁNH GIÁ"])),
            ("p", "1. Ưu điểm: công tác truyền thông được quan tâm, nội dung phù hợp lứa tuổi, hình thức phong phú, gắn với các hoạt động giáo dục của nhà trường."),
            ("p", rng.choice(["2. Hạn chế: một số hoạt động còn mang tính hình thức; việc thống kê số liệu ở một số tổ chưa kịp thời.",
                              "2. Tồn tại: kinh phí dành cho hoạt động tuyên truyền còn hạn chế; một bộ phận cha mẹ học sinh chưa quan tâm."]))]


# ---------------------------------------------------------------- values
def draw_values(rng, level):
    ks = rng.randint(5, 31)
    tr = rng.randint(max(1, ks // 3), ks) if rng.random() < 0.92 else 0
    det = rng.choice([0, 0, 0, 0, 1, 1, 2, 3, 5])
    ses = rng.randint(3, 27)
    part = ses * (rng.randint(15, 60) if level == "MN" else rng.randint(25, 140))
    return {"sessions": ses, "participants": part, "spokesperson": rng.random() < 0.78,
            "key_staff": ks, "key_staff_trained": tr, "exhibitions": rng.choice([0, 0, 1, 1, 1, 2, 3]),
            "fake_news_detected": det, "fake_news_handled": det if rng.random() < 0.75 else max(0, det - 1)}


def pick(rng, vals):
    while True:
        st = {k: v for k, v in vals.items() if rng.random() < 0.82}
        if "fake_news_handled" in st and "fake_news_detected" not in st:
            st["fake_news_detected"] = vals["fake_news_detected"]
        if len(st) >= 4:
            return {k: st[k] for k in KEYS if k in st}


# ---------------------------------------------------------------- prose
def prose_metrics(rng, st, sch, style, feats, Y):
    """Paragraph blocks stating exactly the metrics in st. style: roman | tongso | short."""
    n = lambda v, pad=0.5: fmt(v, rng, pad)  # noqa: E731
    mn = sch["level"] == "MN"
    out = []
    lettered = style == "roman" or (style == "short" and rng.random() < 0.5)
    letters = iter("abcdefgh")

    def item(text):
        out.append(("p", f"{next(letters)}) {text}" if lettered else f"- {text}"))

    sec = [0]

    def head(text):  # sections numbered in the order they appear (a section with no figure is left out)
        nonlocal letters
        letters = iter("abcdefgh")
        sec[0] += 1
        out.append(("h", f"{sec[0]}. " + text.split(". ", 1)[1]))

    head(rng.choice(["1. Công tác thông tin, tuyên truyền", "1. Hoạt động tuyên truyền, phổ biến", "1. Tuyên truyền về quyền con người"]))
    if style != "short":
        for x in lookalikes(rng, sch, rng.randint(1, 2)):
            item(x)
        feats.add("look-alikes")
    s, p = st.get("sessions"), st.get("participants")
    if style == "tongso" and s is not None and s >= 4 and rng.random() < 0.8:
        a = rng.randint(1, s - 2)
        b = s - a
        item(f"Tổng số buổi tuyên truyền về quyền con người đã tổ chức: {n(s)} buổi; trong đó: {n(a)} buổi lồng ghép trong tiết chào cờ đầu tuần, {n(b)} buổi ngoại khóa theo chủ điểm.")
        feats.add("tong-so-trong-do")
        s = None
    if style == "tongso" and p is not None and p >= 60 and rng.random() < 0.8:
        parts = sorted(split_parts(p, 3, rng, 10))
        parts = [parts[0], parts[2], parts[1]]  # staff fewest, pupils most, parents between
        who = ["cán bộ, giáo viên, nhân viên", "trẻ" if mn else "học sinh", "cha mẹ " + ("trẻ" if mn else "học sinh")]
        item(f"Tổng số lượt người được tuyên truyền là {n(p)} lượt, trong đó " + ", ".join(f"{w} {n(x)} lượt" for w, x in zip(who, parts, strict=True)) + ".")
        feats.add("tong-so-trong-do")
        p = None
    if s is not None and p is not None and rng.random() < 0.5:
        item(rng.choice([
            f"Trong năm {Y}, nhà trường tổ chức {n(s)} ({words(s)}) buổi sinh hoạt chuyên đề, tuyên truyền về quyền con người với {n(p)} lượt người tham dự.",
            f"{n(s)} buổi tuyên truyền được tổ chức dưới hình thức sân khấu hóa, tọa đàm và lồng ghép trong giờ sinh hoạt lớp, thu hút {n(p)} lượt {'cán bộ, giáo viên, trẻ và cha mẹ trẻ' if mn else 'cán bộ, giáo viên, học sinh'} tham gia.",
        ]))
        if "(" in out[-1][1]:
            feats.add("number-in-words")
        feats.add("value-before-label")
    else:
        if s is not None:
            item(rng.choice([f"Số buổi tuyên truyền, phổ biến về quyền con người đã thực hiện: {n(s)} buổi.",
                             f"Đã tổ chức {n(s)} ({words(s)}) buổi tuyên truyền quyền con người, chủ yếu lồng ghép trong hoạt động trải nghiệm.",
                             f"Buổi tuyên truyền về quyền con người: {n(s)}."]))
            if "(" in out[-1][1]:
                feats.add("number-in-words")
        if p is not None:
            item(rng.choice([f"Số lượt người tham gia các buổi tuyên truyền: {n(p)} lượt.",
                             f"{n(p)} lượt {'trẻ, cha mẹ trẻ' if mn else 'học sinh, cán bộ, giáo viên'} được tiếp cận nội dung tuyên truyền về quyền con người.",
                             f"Tổng số người tham gia (tính theo lượt): {n(p)}."]))
    # 2. training
    ks, tr = st.get("key_staff"), st.get("key_staff_trained")
    if ks is not None or tr is not None:
        head(rng.choice(["2. Công tác tập huấn, bồi dưỡng", "2. Tập huấn cho đội ngũ CBQL, giáo viên chủ chốt", "2. Bồi dưỡng kiến thức về quyền con người"]))
        if ks is not None and tr is not None:
            if tr == 0:
                item(f"Đơn vị có {n(ks)} CBQL, GV chủ chốt; trong năm chưa có đồng chí nào được cử tham gia tập huấn về quyền con người do không có lớp phù hợp.")
                feats.add("zero-as-words")
            else:
                c = rng.randrange(3)
                if c == 0:
                    item(f"Nhà trường cử {n(tr)}/{n(ks)} CBQL, GV chủ chốt tham dự lớp bồi dưỡng kiến thức về quyền con người do Phòng GDĐT tổ chức.")
                    feats.add("key-staff-fraction")
                elif c == 1:
                    item(f"Tổng số cán bộ quản lý, giáo viên chủ chốt của đơn vị: {n(ks)} người, trong đó đã được tập huấn, bồi dưỡng về quyền con người: {n(tr)} người (đạt {pct(tr, ks, rng)}%).")
                    feats.add("tong-so-trong-do")
                else:
                    item(f"Số CBQL, GV chủ chốt được tập huấn về quyền con người: {n(tr)} đồng chí (trên tổng số {n(ks)} đồng chí chủ chốt).")
        elif tr is not None:
            if tr == 0:
                item("Trong năm, chưa có CBQL, GV chủ chốt nào của nhà trường được tập huấn về quyền con người.")
                feats.add("zero-as-words")
            else:
                item(f"{n(tr)} ({words(tr)}) đồng chí CBQL, GV chủ chốt đã hoàn thành chương trình tập huấn trực tuyến về quyền con người.")
                feats.add("number-in-words")
        else:
            item(f"Tổng số CBQL, GV chủ chốt: {n(ks)} người; số người đã qua tập huấn về quyền con người: chưa thống kê.")
            feats.add("not-stated-words")
    # 3. spokesperson
    if "spokesperson" in st:
        head(rng.choice(["3. Thực hiện cơ chế phát ngôn và cung cấp thông tin cho báo chí", "3. Công tác phát ngôn, cung cấp thông tin"]))
        if st["spokesperson"]:
            item(rng.choice([
                f"Nhà trường đã ban hành Quyết định số {rng.randint(5, 90):02d}/QĐ-{sch['abbr']} phân công đồng chí Hiệu trưởng làm người phát ngôn, cung cấp thông tin cho báo chí theo quy định.",
                "Cơ chế phát ngôn, cung cấp thông tin cho báo chí: Đã thực hiện đúng quy định.",
                "Đồng chí Hiệu trưởng trực tiếp phát ngôn và cung cấp thông tin cho báo chí khi có yêu cầu.",
            ]))
        else:
            item(rng.choice(["Việc thực hiện cơ chế phát ngôn, cung cấp thông tin cho báo chí: chưa thực hiện.",
                             "Nhà trường chưa ban hành quy chế phát ngôn, chưa phân công người phát ngôn và cung cấp thông tin cho báo chí."]))
        if rng.random() < 0.3:
            item(f"Trong năm có {rng.randint(1, 4)} lần phóng viên đài truyền thanh thành phố đến đưa tin về hoạt động của nhà trường.")
    # 4. exhibitions
    if "exhibitions" in st:
        head(rng.choice(["4. Triển lãm ảnh, tư liệu về quyền con người", "4. Tổ chức, tham gia triển lãm"]))
        e = st["exhibitions"]
        if e == 0:
            item(rng.choice(["Trong năm nhà trường không tổ chức và cũng không tham gia cuộc triển lãm ảnh nào về quyền con người.",
                             "Triển lãm ảnh về quyền con người: 0 cuộc (địa phương không tổ chức)."]))
            feats.add("zero-as-words")
        else:
            item(rng.choice([f"Nhà trường tham gia {n(e)} cuộc triển lãm ảnh, tư liệu về quyền con người do địa phương tổ chức.",
                             f"Số cuộc triển lãm ảnh về quyền con người đã tổ chức, tham gia: {n(e)} cuộc.",
                             f"Phối hợp với Đoàn phường tổ chức {n(e)} ({words(e)}) cuộc triển lãm ảnh về quyền con người tại sân trường."]))
    # 5. fake news
    if "fake_news_detected" in st:
        head(rng.choice(["5. Phát hiện, xử lý tin giả, tin xấu độc", "5. Đấu tranh với thông tin sai trái, tin giả"]))
        d, h = st["fake_news_detected"], st.get("fake_news_handled")
        ward = rng.choice(WARDS)
        if d == 0:
            tail = " nên không có trường hợp nào phải phối hợp xử lý." if h is not None else "."
            item(f"Qua rà soát, không phát hiện tin giả, tin xấu độc nào liên quan đến nhà trường trên không gian mạng{tail}")
            feats.add("zero-as-words")
        elif h is None:
            item(f"Phát hiện {n(d)} tin giả, tin sai sự thật liên quan đến ngành giáo dục được chia sẻ trên các nhóm Zalo của phụ huynh; đã báo cáo Phòng GDĐT.")
        elif rng.random() < 0.4:
            item(f"Số tin giả, tin xấu độc phát hiện / đã phối hợp xử lý: {n(d)}/{n(h)} tin.")
        else:
            item(f"Phát hiện {n(d)} trường hợp chia sẻ tin giả, tin sai sự thật trên mạng xã hội; đã phối hợp với Công an phường {ward} xử lý {n(h)} trường hợp.")
    return out


# ---------------------------------------------------------------- tables
ROWS = {
    "sessions": (["Tổ chức tuyên truyền về quyền con người", "Buổi tuyên truyền, phổ biến về quyền con người",
                  "Số buổi sinh hoạt, tuyên truyền chủ đề quyền con người"], "Buổi"),
    "participants": (["Lượt người tham dự các buổi tuyên truyền", "Số lượt CB, GV, NV, HS được tuyên truyền",
                      "Người tham gia tuyên truyền (tính theo lượt)"], "Lượt"),
    "spokesperson": (["Thực hiện quy chế phát ngôn, cung cấp thông tin cho báo chí", "Có người phát ngôn, cung cấp thông tin cho báo chí"], "Có/Không"),
    "key_staff": (["CBQL, giáo viên chủ chốt của đơn vị", "Tổng số cán bộ quản lý, GV chủ chốt"], "Người"),
    "key_staff_trained": (["CBQL, GV chủ chốt đã qua tập huấn về quyền con người", "Số cán bộ chủ chốt được bồi dưỡng, tập huấn"], "Người"),
    "exhibitions": (["Triển lãm ảnh, tư liệu về quyền con người (tổ chức, tham gia)", "Số cuộc triển lãm ảnh về quyền con người"], "Cuộc"),
    "fake_news_detected": (["Tin giả, tin sai sự thật phát hiện được", "Số tin xấu độc, tin giả đã phát hiện"], "Tin"),
    "fake_news_handled": (["Tin giả đã phối hợp xử lý", "Số tin xấu độc đã xử lý, gỡ bỏ"], "Tin"),
}
LOOK_ROWS = [("Băng rôn, khẩu hiệu, pano đã treo", "Cái", (2, 12)), ("Tin, bài đăng trên trang web, Facebook của trường", "Tin/bài", (5, 45)),
             ("Lượt truy cập trang thông tin điện tử", "Lượt", (1500, 9000)), ("Tờ gấp, tờ rơi phát cho cha mẹ học sinh", "Tờ", (80, 700)),
             ("Tiết dạy có lồng ghép nội dung quyền con người", "Tiết", (20, 150)), ("Văn bản chỉ đạo, hướng dẫn đã ban hành", "Văn bản", (2, 8))]
SECTION_OF = {"sessions": 0, "participants": 0, "key_staff": 1, "key_staff_trained": 1, "spokesperson": 2, "exhibitions": 3,
              "fake_news_detected": 4, "fake_news_handled": 4}
SECTIONS = ["TUYÊN TRUYỀN", "TẬP HUẤN, BỒI DƯỠNG", "PHÁT NGÔN, CUNG CẤP THÔNG TIN", "TRIỂN LÃM", "TIN GIẢ, TIN XẤU ĐỘC",
            "HOẠT ĐỘNG KHÁC"]
ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII"]
NOT_STATED = ["", "", "Chưa thống kê", "Đang tổng hợp"]


def cell(key, v, rng, unit_in_cell=False):
    if key == "spokesperson":
        return rng.choice(["Có", "Có", "Đã thực hiện", "x"]) if v else rng.choice(["Không", "Chưa thực hiện"])
    if v == 0 and rng.random() < 0.4:
        return "Không"
    t = fmt(v, rng)
    if unit_in_cell:
        t += " " + ROWS[key][1].lower()
    return t


def vtable(rng, st, sch, variant, feats, Y, merged_ok=True, split=False, look=True, skip=()):
    """A vertical results table (one metric per row). The metrics not in st get a row only sometimes, then empty;
    skip: metrics the document states elsewhere (no row)."""
    keys = [k for k in KEYS if k not in skip and (k in st or rng.random() < 0.35)]
    if any(k not in st for k in keys):
        feats.add("not-stated-row")
    lrows = rng.sample(LOOK_ROWS, rng.randint(1, 2)) if look else []
    if lrows:
        feats.add("look-alike-rows")
    rows = []
    if variant in ("unit-col", "unit-cell", "sections"):
        uc = variant == "unit-cell"
        head = ([[("TT", 1, 1), ("Nội dung", 1, 1), ("Kết quả thực hiện", 1, 1), ("Ghi chú", 1, 1)]] if uc else
                [[("TT", 1, 1), ("Nội dung", 1, 1), ("ĐVT", 1, 1), ("Kết quả", 1, 1), ("Ghi chú", 1, 1)]])
        widths = [12, 88, 40, 25] if uc else [12, 80, 20, 25, 28]
        feats.add("unit-in-cell" if uc else "unit-column")

        def row(label, unit, val, note="", count=True):
            if uc:
                return [label, val + (" " + unit.lower() if count and val and val[0].isdigit() else ""), note]
            return [label, unit, val, note]
        items = [(k, SECTION_OF[k]) for k in keys] + [(("look", r), rng.choice([0, 5])) for r in lrows]
        if variant == "sections":
            feats.add("section-rows")
            rn = 0
            for si, sname in enumerate(SECTIONS):
                group = [it for it in items if it[1] == si]
                if not group:
                    continue
                rows.append([ROMAN[rn], sname] + [""] * (len(head[0]) - 2))
                rn += 1
                for j, (k, _) in enumerate(group):
                    rows.append([str(j + 1)] + trow(k, st, rng, row))
        else:
            rng.shuffle(lrows)
            seq = list(keys)
            for r in lrows:
                seq.insert(rng.randint(0, len(seq)), ("look", r))
            for i, k in enumerate(seq):
                rows.append([str(i + 1)] + trow(k, st, rng, row))
    elif variant == "plan":
        feats.add("plan-column")
        tgt25 = rng.random() < 0.4
        last = f"Chỉ tiêu năm {Y + 1}" if tgt25 else "Tỷ lệ (%)"
        if tgt25:
            feats.add("target-column")
        head = [[("TT", 1, 1), ("Nội dung", 1, 1), ("ĐVT", 1, 1), (f"Kế hoạch năm {Y}", 1, 1), (f"Thực hiện năm {Y}", 1, 1), (last, 1, 1)]]
        widths = [10, 62, 18, 25, 25, 25]
        for i, k in enumerate(keys):
            v = st.get(k)
            if k == "spokesperson":
                plan_v, res, ratio = "Có", ("" if v is None else cell(k, v, rng)), ""
                if tgt25:
                    ratio = "Có"
            elif k in ("key_staff", "fake_news_detected", "fake_news_handled"):  # nothing to plan: a dash
                plan_v, res = "-", ("" if v is None else cell(k, v, rng))
                ratio = "-" if tgt25 or v is not None else ""
            else:
                base = st.get(k) or (rng.randint(300, 900) if k == "participants" else rng.randint(2, 12))
                plan_v_n = max(1, round(base * rng.uniform(0.8, 1.3)))
                if k == "key_staff_trained" and st.get("key_staff"):
                    plan_v_n = min(plan_v_n, st["key_staff"])
                plan_v = fmt(plan_v_n, rng)
                res = "" if v is None else cell(k, v, rng)
                ratio = "" if v is None else pct(v, plan_v_n, rng)
                if tgt25:
                    ratio = fmt(max(1, round(base * rng.uniform(1.0, 1.4))), rng)
            rows.append([str(i + 1), rng.choice(ROWS[k][0]), ROWS[k][1], plan_v, res, ratio])
    elif variant == "twoyear":
        feats.add("year-over-year")
        merged = merged_ok and rng.random() < 0.6
        if merged:
            feats.add("merged-header")
            head = [[("TT", 1, 2), ("Nội dung", 1, 2), ("ĐVT", 1, 2), ("Kết quả thực hiện", 2, 1), ("So sánh", 1, 2)],
                    [(f"Năm {Y - 1}", 1, 1), (f"Năm {Y}", 1, 1)]]
        else:
            head = [[("TT", 1, 1), ("Nội dung", 1, 1), ("ĐVT", 1, 1), (f"Năm {Y - 1}", 1, 1), (f"Năm {Y}", 1, 1), ("Tăng (+), giảm (-)", 1, 1)]]
        widths = [10, 66, 18, 24, 24, 23]
        for i, k in enumerate(keys):
            v = st.get(k)
            if k == "spokesperson":
                prev = rng.choice(["Có", "Không"])
                rows.append([str(i + 1), rng.choice(ROWS[k][0]), ROWS[k][1], prev, "" if v is None else cell(k, v, rng), ""])
                continue
            pv = max(0, (v if v is not None else rng.randint(2, 20)) + rng.randint(-4, 4))
            if k == "participants":
                pv = max(50, round((v or rng.randint(300, 900)) * rng.uniform(0.7, 1.2)))
            cur = "" if v is None else fmt(v, rng)
            diff = "" if v is None else ("Bằng" if v == pv else f"{'+' if v > pv else '-'}{abs(v - pv)}")
            rows.append([str(i + 1), rng.choice(ROWS[k][0]), ROWS[k][1], fmt(pv, rng), cur, diff])
    else:
        raise ValueError(variant)
    if sch["level"] == "MN":
        for r in rows:
            r[1] = r[1].replace("NV, HS", "NV, trẻ").replace("cha mẹ học sinh", "cha mẹ trẻ")
    blocks = []
    if split and len(rows) >= 5:
        feats.add("split-table")
        cut = len(rows) // 2 + 1
        blocks.append(tbl(head, rows[:cut], widths))
        blocks.append(("newpage",))
        if rng.random() < 0.5:
            blocks.append(tbl(head, rows[cut:], widths))
        else:
            blocks.append(tbl([], rows[cut:], widths))
    else:
        blocks.append(tbl(head, rows, widths))
    return blocks


def trow(k, st, rng, row):
    if isinstance(k, tuple):
        label, unit, (lo, hi) = k[1]
        return row(label, unit, fmt(rng.randint(lo, hi), rng), "Không tính vào chỉ tiêu" if rng.random() < 0.3 else "", True)
    v = st.get(k)
    label, unit = rng.choice(ROWS[k][0]), ROWS[k][1]
    note = rng.choice(["", "", "Lồng ghép", "Theo KH của Phòng"]) if k == "sessions" else ""
    if v is None:
        return row(label, unit, rng.choice(NOT_STATED), note)
    return row(label, unit, cell(k, v, rng), note, k != "spokesperson")


HGROUPS = [("Tuyên truyền về quyền con người", [("sessions", "Số buổi"), ("participants", "Số lượt người")]),
           ("CBQL, GV chủ chốt", [("key_staff", "Tổng số"), ("key_staff_trained", "Đã được tập huấn")]),
           ("Phát ngôn, cung cấp thông tin cho báo chí (Có/Không)", [("spokesperson", None)]),
           ("Triển lãm ảnh (cuộc)", [("exhibitions", None)]),
           ("Tin giả, tin xấu độc", [("fake_news_detected", "Phát hiện"), ("fake_news_handled", "Đã xử lý")])]
UNITS = {"MN": ["Khối Nhà trẻ", "Khối Mẫu giáo bé, nhỡ", "Khối Mẫu giáo lớn"], "TH": ["Tổ 1-2-3", "Tổ 4-5", "Tổ Văn phòng"],
         "TH-THCS": ["Tổ Tiểu học", "Tổ Khoa học tự nhiên", "Tổ Khoa học xã hội"], "THCS": ["Tổ Khoa học tự nhiên", "Tổ Khoa học xã hội", "Tổ Văn phòng"]}


def htable(rng, st, sch, feats, Y, three_rows=False, per_unit=False):
    """Metrics as columns (one per metric) under grouped merged headers; the school's row or per-unit rows with a total."""
    feats |= {"horizontal-table", "merged-header"}
    cols = [k for _, subs in HGROUPS for k, _ in subs]
    nm = len(cols)
    if three_rows:
        feats.add("three-row-header")
        r1 = [("TT", 1, 3), ("Đơn vị", 1, 3), (f"KẾT QUẢ THỰC HIỆN NĂM {Y}", nm, 1), ("Ghi chú", 1, 3)]
        r2, r3 = [], []
        for g, subs in HGROUPS:
            if len(subs) == 1:
                r2.append((g, 1, 2))
            else:
                r2.append((g, len(subs), 1))
                r3 += [(s, 1, 1) for _, s in subs]
        head = [r1, r2, r3]
    else:
        r1, r2 = [("TT", 1, 2), ("Đơn vị", 1, 2)], []
        for g, subs in HGROUPS:
            if len(subs) == 1:
                r1.append((g, 1, 2))
            else:
                r1.append((g, len(subs), 1))
                r2 += [(s, 1, 1) for _, s in subs]
        r1.append(("Ghi chú", 1, 2))
        head = [r1, r2]
    rows = []
    if rng.random() < 0.7:
        feats.add("column-number-row")
        rows.append([f"({i})" for i in range(1, nm + 4)] if rng.random() < 0.6 else [str(i) for i in range(1, nm + 4)])
    if per_unit:
        feats.add("per-unit-rows")
        units = UNITS[sch["level"]]
        add = ["sessions", "participants", "key_staff", "key_staff_trained"]
        split = {k: split_parts(st[k], len(units), rng, 1 if k != "key_staff_trained" else 0) for k in add if k in st}
        if "key_staff" in split and "key_staff_trained" in split:  # trained within each unit's key staff
            tr = st["key_staff_trained"]
            parts = []
            for ks_u in split["key_staff"]:
                x = min(ks_u, tr)
                parts.append(x)
                tr -= x
            split["key_staff_trained"] = parts
        for ui, u in enumerate(units):
            rows.append([str(ui + 1), u] + [fmt(split[k][ui], rng) if k in split else "" for k in cols] + [""])
        tot = rng.choice(["Cộng toàn trường", "Tổng cộng", "Toàn trường"])
        rows.append(["", tot] + [cell(k, st[k], rng) if k in st else "" for k in cols] + [""])
    else:
        rows.append(["1", sch["body"].replace("Trường ", "")] + [cell(k, st[k], rng) if k in st else "" for k in cols] +
                    [rng.choice(["", "Số liệu tính đến 31/10"])])
    if any(k not in st for k in cols):
        feats.add("blank-cells")
    w = [8, 30] + [13] * nm + [23]
    s = sum(w)
    return tbl(head, rows, [round(x * 165 / s, 1) for x in w], wide=True)


def form_blocks(rng, st, feats):
    """The office's outline filled in: dotted blanks (empty: not stated), boxes for yes/no."""
    feats |= {"form-fill", "checkbox"}
    dots = rng.choice(["……", "......", "…………"])

    def f(k, unit):
        if k in st:
            v = st[k]
            return f"{dots}{fmt(v, rng)}{dots} {unit}"
        feats.add("empty-blank")
        return f"{dots}{dots}{dots} {unit}"
    out = [("h", "1. Tuyên truyền về quyền con người"),
           ("p", f"- Số buổi tuyên truyền đã tổ chức: {f('sessions', 'buổi')}"),
           ("p", f"- Số lượt người tham gia: {f('participants', 'lượt')}"),
           ("h", "2. Tập huấn cho CBQL, GV chủ chốt"),
           ("p", f"- Tổng số CBQL, GV chủ chốt: {f('key_staff', 'người')}; số đã được tập huấn: {f('key_staff_trained', 'người')}"),
           ("h", "3. Cơ chế phát ngôn, cung cấp thông tin cho báo chí")]
    sp = st.get("spokesperson")
    on, off = rng.choice([("☒", "☐"), ("[x]", "[  ]"), ("■", "□")])
    a = on if sp is True else off
    b = on if sp is False else off
    out.append(("p", f"Đơn vị có thực hiện cơ chế phát ngôn:   {a} Có        {b} Không"))
    out += [("h", "4. Triển lãm ảnh về quyền con người"),
            ("p", f"- Số cuộc triển lãm đã tổ chức hoặc tham gia: {f('exhibitions', 'cuộc')}"),
            ("h", "5. Tin giả, tin xấu độc"),
            ("p", f"- Số tin giả, tin xấu độc phát hiện: {f('fake_news_detected', 'tin')}; đã phối hợp xử lý: {f('fake_news_handled', 'tin')}")]
    return out


def kv_blocks(rng, st, feats, level):
    feats.add("kv-borderless")
    rows = []
    for k in KEYS:
        if k not in st:
            continue
        v = st[k]
        label = rng.choice(ROWS[k][0])
        if level == "MN":
            label = label.replace("NV, HS", "NV, trẻ")
        if k == "spokesperson":
            rows.append([label, "Có" if v else "Không"])
        else:
            rows.append([label, cell(k, v, rng, unit_in_cell=True) if rng.random() < 0.7 else f"{fmt(v, rng)}"])
    rows = [[f"{i + 1}.", a, ":", b] for i, (a, b) in enumerate(rows)]
    return [tbl([], rows, [10, 100, 5, 50], borderless=True)]


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
    h, docno, num, (dd, mm, yy) = header(rng, sch, "BC", Y, blank_number=rng.random() < 0.08)
    blocks = [h, ("title", [x.format(Y=Y) for x in rng.choice(TITLES)])]
    if rng.random() < 0.75:
        blocks.append(("kg", rng.choice(["Kính gửi: Phòng Giáo dục và Đào tạo thành phố Điện Biên Phủ.",
                                         "Kính gửi: Phòng GD&ĐT thành phố Điện Biên Phủ"])))
    blocks.append(("p", opening(rng, sch["body"], Y)))
    if not short:
        blocks += scale_blocks(rng, sch, Y, vals["key_staff"])
    if layout.startswith("prose") and not short:
        feats.add("roman-sections")
    res_head = rng.choice(["II. KẾT QUẢ THỰC HIỆN", "II. KẾT QUẢ ĐẠT ĐƯỢC", "II. KẾT QUẢ TRIỂN KHAI THỰC HIỆN"])
    if not short:
        blocks.append(("h", res_head))
    annex = []
    if layout == "prose-roman":
        blocks += prose_metrics(rng, st, sch, "short" if short else "roman", feats, Y)
        feats.add("lettered-items")
    elif layout == "prose-tongso":
        blocks += prose_metrics(rng, st, sch, "short" if short else "tongso", feats, Y)
    elif layout.startswith("table-") and layout != "table-horizontal":
        variant = layout.split("-", 1)[1]
        if not short:
            for x in lookalikes(rng, sch, 1):
                blocks.append(("p", x))
            feats.add("look-alikes")
        blocks.append(("p", rng.choice(["Kết quả cụ thể như sau:", "Số liệu cụ thể được tổng hợp tại bảng dưới đây:",
                                        f"Kết quả thực hiện các nội dung năm {Y}:"])))
        blocks += vtable(rng, st, sch, variant, feats, Y, merged_ok=not pandoc, split=not short and rng.random() < 0.35, look=not short)
    elif layout == "table-horizontal":
        for x in lookalikes(rng, sch, 2):
            blocks.append(("p", x))
        feats.add("look-alikes")
        blocks.append(("p", "Kết quả thực hiện các chỉ tiêu được tổng hợp như sau:"))
        blocks.append(htable(rng, st, sch, feats, Y, three_rows=not pandoc and rng.random() < 0.5, per_unit=rng.random() < 0.5))
    elif layout == "form-dotted":
        blocks += form_blocks(rng, st, feats)
    elif layout == "kv-borderless":
        blocks.append(("p", "Kết quả thực hiện các chỉ tiêu chính:"))
        blocks += kv_blocks(rng, st, feats, sch["level"])
    elif layout == "annex-after-sig":
        feats.add("figures-in-annex")
        blocks.append(("p", "Nhà trường đã triển khai đầy đủ các nội dung của Kế hoạch; hoạt động tuyên truyền được lồng ghép trong các hoạt động giáo dục, "
                            "trải nghiệm và sinh hoạt tập thể. (Có biểu số liệu kèm theo)."))
        if rng.random() < 0.5:
            annex = [("landscape",), htable(rng, st, sch, feats, Y, three_rows=not pandoc and rng.random() < 0.5, per_unit=False)]
            feats.add("landscape")
        else:
            annex = [("newpage",)] + vtable(rng, st, sch, rng.choice(["unit-col", "plan", "twoyear"]), feats, Y, merged_ok=not pandoc, look=False)
    elif layout == "mixed-split":
        keys = list(st)
        rng.shuffle(keys)
        cut = max(1, len(keys) // 2)
        p_st = {k: st[k] for k in KEYS if k in keys[:cut]}
        t_st = {k: st[k] for k in KEYS if k in keys[cut:]}
        if "fake_news_handled" in p_st and "fake_news_detected" not in p_st:
            t_st["fake_news_handled"] = p_st.pop("fake_news_handled")
        if "fake_news_handled" in t_st and "fake_news_detected" not in t_st:
            p_st["fake_news_handled"] = t_st.pop("fake_news_handled")
        feats.add("mixed")
        blocks += prose_metrics(rng, p_st, sch, "roman", feats, Y)
        blocks.append(("p", "Một số số liệu khác:"))
        blocks += vtable(rng, t_st, sch, "unit-col", feats, Y, split=rng.random() < 0.5, look=False, skip=set(p_st))
    else:
        raise ValueError(layout)
    if not short:
        blocks += eval_blocks(rng)
        blocks += future_blocks(rng, Y)
        feats.add("next-year-targets")
    blocks.append(("p", rng.choice([f"Trên đây là báo cáo kết quả công tác truyền thông về quyền con người năm {Y} của {sch['body']}./.",
                                    "Trên đây là báo cáo của nhà trường, kính gửi Phòng GDĐT tổng hợp./."])))
    blocks.append(sig_block(rng, sch["abbr"], Y))
    if annex:
        t = rng.choice(["PHỤ LỤC", "BIỂU SỐ LIỆU"])
        first = annex[0]
        blocks.append(first)
        blocks.append(("title", [t, f"KẾT QUẢ THỰC HIỆN CÔNG TÁC TRUYỀN THÔNG VỀ QUYỀN CON NGƯỜI NĂM {Y}"]))
        blocks.append(("i", f"(Kèm theo Báo cáo số {docno} ngày {dd:02d}/{mm:02d}/{yy} của {sch['body']})"))
        blocks += annex[1:]
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
    blocks = [("p", x) for x, _ in parent_lines(rng)] + [("h", x) for x in sch["lines"]]
    blocks.append(("title", ["BIỂU TỔNG HỢP SỐ LIỆU", "Kết quả truyền thông về quyền con người năm 2024"]))
    if rng.random() < 0.6:
        blocks.append(("i", f"(Kèm theo Báo cáo số {rng.randint(10, 150)}/BC-{sch['abbr']} ngày {rng.randint(1, 12):02d}/11/2024)"))
    if not short and rng.random() < 0.5:
        blocks.append(htable(rng, st, sch, feats, 2024, three_rows=not pandoc and rng.random() < 0.5, per_unit=rng.random() < 0.4))
    else:
        blocks += vtable(rng, st, sch, rng.choice(["unit-col", "unit-cell", "plan"]), feats, 2024, merged_ok=not pandoc, look=False)
    blocks.append(("sig2", {"left": ["NGƯỜI LẬP BIỂU"], "left_name": signer(rng), "right": ["HIỆU TRƯỞNG"], "right_name": signer(rng)}))
    return blocks, {"kind": "annex", "school_id": sch["id"], "school_name": sch["name"], "period": "2024", "metrics": st,
                    "layout": "annex-only", "negative": None, "level": sch["level"], "features": sorted(feats)}


OTHER_TOPICS = ["công tác phòng, chống thiên tai và tìm kiếm cứu nạn", "công tác xây dựng trường học an toàn, phòng chống tai nạn thương tích",
                "hoạt động hưởng ứng Tuần lễ Quốc gia phòng, chống thiên tai", "công tác giáo dục đạo đức, lối sống cho học sinh",
                "công tác phòng, chống dịch bệnh trong trường học"]


def build_negative(rng, roster, kind, short=False):
    sch = make_school(rng, roster)
    n = lambda v: fmt(v, rng)  # noqa: E731
    sym = {"plan": "KH", "minutes": "BB", "letter": None, "other-topic": "BC"}[kind]
    h, docno, num, dmy = header(rng, sch, sym, 2024)
    blocks = [h]
    if kind == "plan":
        y2 = rng.choice(["2025", "năm học 2024-2025"])
        blocks += [("title", ["KẾ HOẠCH", f"Thực hiện công tác truyền thông về quyền con người {'năm ' + y2 if y2 == '2025' else y2}"]),
                   ("p", f"Căn cứ Kế hoạch số {rng.randint(40, 400)}/KH-PGDĐT của Phòng GDĐT thành phố; căn cứ kết quả thực hiện năm 2024, {sch['body']} xây dựng kế hoạch như sau:"),
                   ("h", "I. MỤC ĐÍCH, YÊU CẦU"),
                   ("p", "Giúp cán bộ, giáo viên, nhân viên và học sinh hiểu rõ quyền và nghĩa vụ của công dân, tôn trọng và bảo vệ quyền con người."),
                   ("h", "II. CHỈ TIÊU CỤ THỂ")]
        if rng.random() < 0.5:
            blocks += [("p", f"a) Tổ chức tối thiểu {n(rng.randint(5, 15))} buổi tuyên truyền; thu hút khoảng {n(rng.randint(400, 1800))} lượt người tham gia."),
                       ("p", f"b) Cử {n(rng.randint(4, 14))} đồng chí CBQL, GV chủ chốt tham gia tập huấn về quyền con người."),
                       ("p", "c) Duy trì cơ chế phát ngôn, cung cấp thông tin cho báo chí; tham gia ít nhất 01 cuộc triển lãm ảnh.")]
        else:
            blocks.append(tbl([[("TT", 1, 1), ("Chỉ tiêu", 1, 1), ("ĐVT", 1, 1), ("Năm 2025", 1, 1), ("Bộ phận thực hiện", 1, 1)]],
                              [["1", "Buổi tuyên truyền về quyền con người", "Buổi", n(rng.randint(5, 15)), "Liên đội, GVCN"],
                               ["2", "Lượt người tham gia", "Lượt", n(rng.randint(400, 1800)), "Các tổ"],
                               ["3", "CBQL, GV chủ chốt được tập huấn", "Người", n(rng.randint(4, 14)), "BGH"],
                               ["4", "Triển lãm ảnh về quyền con người", "Cuộc", "01", "Đoàn TN"]], [10, 70, 20, 25, 40]))
        blocks += [("h", "III. TỔ CHỨC THỰC HIỆN"), ("p", "Ban giám hiệu chỉ đạo chung; các tổ chuyên môn, Công đoàn, Liên đội xây dựng kế hoạch chi tiết và triển khai./.")]
        blocks.append(sig_block(rng, sch["abbr"], 2024))
    elif kind == "minutes":
        blocks += [("title", ["BIÊN BẢN", rng.choice(["Sinh hoạt chuyên đề “Quyền con người trong nhà trường”",
                                                      "Kiểm tra công tác truyền thông về quyền con người"])]),
                   ("p", f"Vào hồi {rng.randint(7, 15)} giờ {rng.choice(['00', '30'])} ngày {dmy[0]:02d}/{dmy[1]:02d}/2024, tại {sch['body']}."),
                   ("p", f"Thành phần: Ban giám hiệu, tổ trưởng chuyên môn; có mặt {rng.randint(18, 45)}/{rng.randint(46, 60)} đồng chí. Chủ trì: đồng chí Phó Hiệu trưởng."),
                   ("h", "NỘI DUNG"),
                   ("p", f"Đồng chí chủ trì nêu: năm học trước nhà trường đã tổ chức {n(rng.randint(3, 14))} buổi tuyên truyền về quyền con người, {n(rng.randint(200, 1200))} lượt người tham gia; "
                         f"{n(rng.randint(3, 10))} đồng chí chủ chốt đã được tập huấn."),
                   ("p", "Ý kiến thảo luận: đề nghị tăng cường hình thức sân khấu hóa, cập nhật bảng tin; thống nhất giao bộ phận văn phòng tổng hợp số liệu báo cáo."),
                   ("p", "Biên bản kết thúc hồi 11 giờ cùng ngày, được thông qua trước toàn thể thành viên dự họp./."),
                   ("sig2", {"left": ["THƯ KÝ"], "left_name": signer(rng), "right": ["CHỦ TRÌ"], "right_name": signer(rng)})]
    elif kind == "letter":
        v = rng.randrange(3)
        vv = ["V/v đăng ký tham gia triển lãm ảnh về quyền con người", "V/v xin gia hạn thời gian nộp báo cáo",
              "V/v đề nghị hỗ trợ báo cáo viên tuyên truyền"][v]
        body = [f"Nhà trường đăng ký tham gia triển lãm ảnh về quyền con người do thành phố tổ chức với {n(rng.randint(8, 30))} ảnh dự triển lãm; năm 2023 nhà trường đã tổ chức {n(rng.randint(3, 12))} buổi tuyên truyền.",
                f"Do đang tổng hợp số liệu từ các tổ chuyên môn (dự kiến khoảng {n(rng.randint(4, 15))} buổi tuyên truyền), nhà trường kính đề nghị Phòng GDĐT cho phép gia hạn nộp báo cáo đến ngày 20/11/2024.",
                f"Để tổ chức buổi tuyên truyền cho {n(rng.randint(300, 900))} học sinh, nhà trường đề nghị Phòng GDĐT hỗ trợ 01 báo cáo viên và tài liệu tập huấn cho {n(rng.randint(5, 15))} CBQL, GV chủ chốt."][v]
        blocks += [("p", vv), ("kg", "Kính gửi: Phòng Giáo dục và Đào tạo thành phố Điện Biên Phủ."), ("p", body),
                   ("p", "Rất mong nhận được sự quan tâm của Quý Phòng./.")]
        blocks.append(sig_block(rng, sch["abbr"], 2024))
    elif kind == "other-topic":
        topic = rng.choice(OTHER_TOPICS)
        blocks += [("title", ["BÁO CÁO", f"Kết quả {topic} năm 2024"]),
                   ("kg", "Kính gửi: Phòng Giáo dục và Đào tạo thành phố Điện Biên Phủ."),
                   ("p", f"Thực hiện hướng dẫn của Phòng GDĐT, {sch['body']} báo cáo kết quả {topic} năm 2024 như sau:"),
                   ("h", "I. KẾT QUẢ"),
                   ("p", f"- Tổ chức {n(rng.randint(2, 12))} buổi tuyên truyền với {n(rng.randint(200, 1400))} lượt cán bộ, giáo viên, học sinh tham gia."),
                   ("p", f"- Cử {n(rng.randint(2, 8))} đồng chí chủ chốt tham gia tập huấn do thành phố tổ chức."),
                   ("p", "- Lồng ghép nội dung giáo dục kỹ năng sống, quyền con người, quyền trẻ em trong các tiết sinh hoạt lớp."),
                   ("h", "II. KIẾN NGHỊ"), ("p", "Không./.")]
        blocks.append(sig_block(rng, sch["abbr"], 2024))
    tk = {"plan": "plan", "minutes": "minutes", "letter": "letter", "other-topic": "report"}[kind]
    return blocks, {"kind": tk, "school_id": sch["id"], "school_name": sch["name"], "period": "2025" if kind == "plan" else "2024",
                    "metrics": {}, "layout": kind, "document_number": docno, "negative": kind, "level": sch["level"], "features": []}

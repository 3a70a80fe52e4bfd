"""Blind corpus content: documents as schools write them (see SPEC.md), with their truth.

Written from SPEC.md / DOMAIN.md / config.yaml only; never from the parser's code.
A document is a list of blocks; renderers in generate.py turn it into files.
Blocks: ("header", dict) ("title", [lines]) ("kg", text) ("h", text) ("p", text) ("i", text)
("table", {"head": [[(text, colspan, rowspan), ...], ...], "rows": [[text, ...]], "caption": str|None})
("sig", {"noi_nhan": [...], "title": [...], "name": str}) ("pagebreak",)
"""
from __future__ import annotations

import csv
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

LEVEL_WORD = {"MN": "Mầm non", "TH": "Tiểu học", "TH-THCS": "TH-THCS", "THCS": "THCS"}
LEVEL_LONG = {"MN": "Mầm non", "TH": "Tiểu học", "TH-THCS": "Tiểu học và Trung học cơ sở", "THCS": "Trung học cơ sở"}
LEVEL_ABBR = {"MN": "MN", "TH": "TH", "TH-THCS": "THCS", "THCS": "THCS"}

# Schools that are NOT on the roster, with a near name of one that is (roster.csv).
NEAR_NAMES = [
    ("TH", "Thanh Xương", "th-thcs-thanh-truong"),
    ("MN", "Hoa Mai", "mn-hoa-mi"),
    ("MN", "Hoa Lan", "mn-hoa-ban"),
    ("TH", "Nà Tấu", "th-so-1-na-nhan"),
    ("THCS", "Noong Hẹt", "thcs-noong-bua"),
    ("MN", "Tân Thành", "mn-tan-thanh"),
    ("THCS", "Thanh Nưa", "thcs-thanh-minh"),
    ("TH", "Số 3 Nà Nhạn", "th-so-2-na-nhan"),
    ("MN", "Hoa Phong Lan", "mn-hoa-ban"),
    ("TH", "Thanh Hưng", "th-thanh-minh"),
]


def load_roster():
    with (ROOT / "roster.csv").open(encoding="utf-8") as f:
        return list(csv.DictReader(f))


def proper(name):
    """'Trường Tiểu học Him Lam' -> 'Him Lam'."""
    for p in ("Trường Mầm non ", "Trường Tiểu học ", "Trường TH-THCS ", "Trường THCS "):
        if name.startswith(p):
            return name[len(p):]
    return name


def initials(s):
    out = ""
    for w in s.replace("–", " ").replace("-", " ").replace("/", " ").split():
        if w[0].isdigit():
            out += w
        else:
            out += w[0].upper()
    return out.replace("Đ", "Đ")


def school_forms(level, prop, rng):
    """Return (header line as written, name in body, abbreviation for the number symbol)."""
    word = LEVEL_WORD[level]
    long_ = {"MN": "MẦM NON", "TH": "TIỂU HỌC", "TH-THCS": rng.choice(["TH-THCS", "TH&THCS", "TIỂU HỌC VÀ THCS"]),
             "THCS": rng.choice(["THCS", "TRUNG HỌC CƠ SỞ"])}[level]
    short = {"MN": rng.choice(["MẦM NON", "MN"]), "TH": rng.choice(["TIỂU HỌC", "TH"]), "TH-THCS": long_,
             "THCS": long_}[level]
    header = f"TRƯỜNG {short} {prop.upper()}"
    body = f"Trường {word} {prop}"
    abbr = LEVEL_ABBR[level] + initials(prop)
    return header, body, abbr


def vn_int(n, rng, pad=True):
    if n >= 1000 and rng.random() < 0.7:
        return f"{n:,}".replace(",", ".")
    if pad and n < 10 and rng.random() < 0.6:
        return f"{n:02d}"
    return str(n)


def date_line(rng, year=2024, month=None, blank=False):
    month = month or rng.choice([10, 11, 11, 11])
    day = rng.randint(1, 14) if month == 11 else rng.randint(15, 31)
    place = rng.choice(["Điện Biên Phủ", "Điện Biên Phủ", "TP. Điện Biên Phủ", "Thành phố Điện Biên Phủ"])
    d = "   " if blank else f"{day:02d}"
    return f"{place}, ngày {d} tháng {month} năm {year}", f"{year}-{month:02d}-{day:02d}"


def parent_line(rng):
    return rng.choice(["PHÒNG GD&ĐT TP ĐIỆN BIÊN PHỦ", "PHÒNG GIÁO DỤC VÀ ĐÀO TẠO", "UBND THÀNH PHỐ ĐIỆN BIÊN PHỦ",
                       "PHÒNG GDĐT THÀNH PHỐ ĐIỆN BIÊN PHỦ", "PHÒNG GD&ĐT THÀNH PHỐ ĐBP"])


def signer(rng):
    fam = rng.choice(["Nguyễn", "Lò", "Lường", "Quàng", "Trần", "Lê", "Vũ", "Cà", "Đỗ", "Phạm", "Hoàng", "Tòng"])
    mid = rng.choice(["Thị", "Văn", "Thị Thu", "Thị Hồng", "Văn Minh", "Thanh", "Đức"])
    giv = rng.choice(["Hương", "Lan", "Bình", "Thủy", "Hoa", "Dũng", "Sơn", "Hằng", "Tuấn", "Phương", "Yến"])
    title = rng.choice([["HIỆU TRƯỞNG"], ["HIỆU TRƯỞNG"], ["KT. HIỆU TRƯỞNG", "PHÓ HIỆU TRƯỞNG"]])
    return title, f"{fam} {mid} {giv}"


def noi_nhan(rng, abbr):
    items = ["- Phòng GDĐT thành phố (b/c);" if rng.random() < 0.5 else "- Như kính gửi;"]
    if rng.random() < 0.5:
        items.append("- Lãnh đạo nhà trường;")
    items.append(rng.choice(["- Lưu: VT.", f"- Lưu: VT, {abbr}.", "- Lưu VT."]))
    return items


# ---------------------------------------------------------------- metric values and phrasings
def draw_values(rng):
    ks = rng.randint(6, 35)
    tr = rng.randint(max(1, ks // 3), ks)
    det = rng.choice([0, 0, 0, 1, 2, 3, 4, 5])
    return {
        "sessions": rng.randint(2, 30),
        "participants": rng.choice([rng.randint(60, 400), rng.randint(400, 2600)]),
        "spokesperson": rng.random() < 0.75,
        "key_staff": ks,
        "key_staff_trained": tr,
        "exhibitions": rng.choice([0, 0, 1, 1, 2, 3, 4]),
        "fake_news_detected": det,
        "fake_news_handled": det if rng.random() < 0.8 else max(0, det - 1),
    }


def pick_stated(rng, vals, minimum=2):
    keys = list(vals)
    n = rng.randint(max(minimum, 4), len(keys))
    chosen = set(rng.sample(keys, n))
    if "key_staff_trained" in chosen and "key_staff" not in chosen and rng.random() < 0.5:
        chosen.add("key_staff")
    if "fake_news_handled" in chosen:
        chosen.add("fake_news_detected")
    return {k: vals[k] for k in keys if k in chosen}


def prose_sentences(rng, st, school_body, style):
    """Paragraph blocks stating exactly the metrics in st, in sections. style: 'label' | 'sentence' | 'mixed'."""
    def lab():
        return style == "label" or (style == "mixed" and rng.random() < 0.5)
    out = []
    n = lambda v, pad=True: vn_int(v, rng, pad)  # noqa: E731
    # 1. tuyên truyền
    out.append(("h", rng.choice(["1. Công tác tuyên truyền", "1. Công tác thông tin, tuyên truyền về quyền con người",
                                  "1. Kết quả tổ chức tuyên truyền"])))
    if rng.random() < 0.5:  # weak look-alike before the real sentence
        out.append(("p", rng.choice([
            f"- Nhà trường treo {n(rng.randint(2, 9))} băng rôn, pano, áp phích tuyên truyền tại cổng trường và khu vực sân trường.",
            f"- Đăng tải {n(rng.randint(3, 25))} tin, bài tuyên truyền trên trang thông tin điện tử và nhóm Zalo của nhà trường.",
            f"- Treo {n(rng.randint(2, 6))} khẩu hiệu tuyên truyền về quyền trẻ em tại các lớp học."])))
    if "sessions" in st:
        v = st["sessions"]
        if lab():
            out.append(("p", rng.choice([f"- Số buổi tuyên truyền về quyền con người: {n(v)} buổi.",
                                         f"- Số buổi tuyên truyền: {n(v)}.",
                                         f"- Tổng số buổi tuyên truyền đã tổ chức: {n(v)} buổi"])))
        else:
            out.append(("p", rng.choice([
                f"Trong năm 2024, nhà trường đã tổ chức được {n(v)} buổi tuyên truyền về quyền con người, lồng ghép vào giờ chào cờ đầu tuần, sinh hoạt lớp và hoạt động ngoại khóa.",
                f"Nhà trường tổ chức {n(v)} buổi tuyên truyền, phổ biến kiến thức về quyền con người cho cán bộ, giáo viên, nhân viên và học sinh.",
                f"Đã lồng ghép nội dung quyền con người vào {n(v)} buổi tuyên truyền dưới cờ và các buổi sinh hoạt chuyên đề."])))
    if "participants" in st:
        v = st["participants"]
        if lab():
            out.append(("p", rng.choice([f"- Số lượt người tham gia: {n(v)} lượt.",
                                         f"- Tổng số lượt người tham gia tuyên truyền: {n(v)} lượt người."])))
        else:
            out.append(("p", rng.choice([
                f"Các buổi tuyên truyền thu hút {n(v)} lượt cán bộ, giáo viên, học sinh tham gia.",
                f"Tổng cộng có {n(v)} lượt người tham gia các hoạt động tuyên truyền."])))
    if rng.random() < 0.4:
        out.append(("p", f"Tổng số cán bộ, giáo viên, nhân viên: {rng.randint(25, 80)} người; tổng số học sinh: {rng.randint(180, 900)} em, {rng.randint(8, 30)} lớp."))
    # 2. tập huấn
    if "key_staff" in st or "key_staff_trained" in st:
        out.append(("h", rng.choice(["2. Công tác tập huấn, bồi dưỡng", "2. Tập huấn kiến thức, kỹ năng truyền thông về quyền con người"])))
        ks, tr = st.get("key_staff"), st.get("key_staff_trained")
        if ks is not None and tr is not None:
            pct = round(100 * tr / ks)
            forms = [
                f"Nhà trường đã cử {n(tr)}/{n(ks)} CBQL, GV chủ chốt tham gia lớp tập huấn kiến thức, kỹ năng truyền thông về quyền con người, đạt tỷ lệ {pct}%.",
                f"Tổng số CBQL, GV chủ chốt của đơn vị: {n(ks)} người; số CBQL, GV chủ chốt được tập huấn về truyền thông quyền con người: {n(tr)} người (đạt {pct}%).",
                f"Đơn vị có {n(ks)} cán bộ quản lý, giáo viên chủ chốt, trong đó {n(tr)} đồng chí đã được tập huấn, bồi dưỡng kiến thức, kỹ năng truyền thông về quyền con người.",
            ]
            if lab():
                forms = [f"- Số cán bộ quản lý, giáo viên chủ chốt: {n(ks)}\n- Số CBQL, GV chủ chốt được tập huấn về truyền thông quyền con người: {n(tr)}"]
            for line in rng.choice(forms).split("\n"):
                out.append(("p", line))
        elif tr is not None:
            out.append(("p", rng.choice([
                f"Nhà trường đã cử {n(tr)} đồng chí CBQL, GV chủ chốt tham gia tập huấn kiến thức, kỹ năng truyền thông về quyền con người do Phòng GDĐT tổ chức.",
                f"- Số CBQL, GV chủ chốt được tập huấn: {n(tr)} người."])))
        else:
            out.append(("p", f"Tổng số CBQL, GV chủ chốt của nhà trường: {n(ks)} người."))
    # 3. phát ngôn
    if "spokesperson" in st:
        out.append(("h", "3. Thực hiện cơ chế phát ngôn và cung cấp thông tin cho báo chí"))
        if st["spokesperson"]:
            out.append(("p", rng.choice([
                "- Thực hiện cơ chế phát ngôn và cung cấp thông tin cho báo chí: Có thực hiện.",
                "Nhà trường đã ban hành quyết định phân công Hiệu trưởng là người phát ngôn, thực hiện cơ chế phát ngôn và cung cấp thông tin cho báo chí theo quy định.",
                "Đơn vị thực hiện nghiêm túc cơ chế phát ngôn; định kỳ cung cấp thông tin cho báo chí về công tác quyền con người."])))
        else:
            out.append(("p", rng.choice([
                "Đơn vị chưa ban hành quyết định về người phát ngôn, chưa cung cấp thông tin cho báo chí.",
                "- Thực hiện cơ chế phát ngôn và cung cấp thông tin cho báo chí: Chưa thực hiện.",
                "Trong năm, nhà trường chưa thực hiện cơ chế phát ngôn, không có thông tin cung cấp cho báo chí."])))
    # 4. triển lãm
    if "exhibitions" in st:
        out.append(("h", "4. Triển lãm ảnh, tài liệu về quyền con người"))
        v = st["exhibitions"]
        if v == 0:
            out.append(("p", rng.choice(["Trong năm 2024, nhà trường không tổ chức, không tham gia cuộc triển lãm ảnh, tài liệu nào về quyền con người.",
                                         "- Số cuộc triển lãm ảnh, tài liệu về quyền con người đã tổ chức hoặc tham gia: 0."])))
        elif lab():
            out.append(("p", f"- Số cuộc triển lãm ảnh, tài liệu về quyền con người đã tổ chức hoặc tham gia: {n(v)}."))
        else:
            out.append(("p", f"Nhà trường đã tổ chức và tham gia {n(v)} cuộc triển lãm ảnh, tài liệu về quyền con người bằng tiếng Việt và tiếng nước ngoài."))
    # 5. tin giả
    if "fake_news_detected" in st:
        out.append(("h", "5. Phát hiện, xử lý tin giả, tin xấu độc trên không gian mạng"))
        d = st["fake_news_detected"]
        h = st.get("fake_news_handled")
        if d == 0:
            s = "Trong năm, nhà trường không phát hiện tin giả, tin xấu độc nào xâm hại quyền con người trên không gian mạng"
            s += ", do đó không có tin nào phải phối hợp xử lý." if h is not None else "."
            out.append(("p", s))
        elif lab():
            out.append(("p", f"- Số tin giả, tin xấu độc về quyền con người phát hiện: {n(d)}."))
            if h is not None:
                out.append(("p", f"- Số tin giả, tin xấu độc đã phối hợp xử lý: {n(h)}."))
        else:
            s = f"Nhà trường phát hiện {n(d)} tin giả, tin xấu độc xâm hại quyền con người trên mạng xã hội"
            s += f"; đã phối hợp với Công an phường xử lý {n(h)} tin." if h is not None else " và đã báo cáo cơ quan chức năng."
            out.append(("p", s))
    return out


ROWS = [  # key, label variants, unit
    ("sessions", ["Số buổi tuyên truyền về quyền con người", "Tuyên truyền về quyền con người (số buổi)", "Số buổi tuyên truyền"], "Buổi"),
    ("participants", ["Số lượt người tham gia tuyên truyền", "Số lượt người tham gia"], "Lượt"),
    ("spokesperson", ["Thực hiện cơ chế phát ngôn và cung cấp thông tin cho báo chí", "Thực hiện cơ chế phát ngôn"], ""),
    ("key_staff", ["Số cán bộ quản lý, giáo viên chủ chốt", "Tổng số CBQL, GV chủ chốt"], "Người"),
    ("key_staff_trained", ["Số CBQL, GV chủ chốt được tập huấn về truyền thông quyền con người", "CBQL, GV chủ chốt được tập huấn"], "Người"),
    ("exhibitions", ["Số cuộc triển lãm ảnh, tài liệu về quyền con người đã tổ chức hoặc tham gia", "Số cuộc triển lãm ảnh, tài liệu"], "Cuộc"),
    ("fake_news_detected", ["Số tin giả, tin xấu độc về quyền con người phát hiện", "Tin giả, tin xấu độc phát hiện"], "Tin"),
    ("fake_news_handled", ["Số tin giả, tin xấu độc đã phối hợp xử lý", "Tin giả, tin xấu độc đã phối hợp xử lý"], "Tin"),
]


def cell_val(key, v, rng, unit_in_cell):
    if key == "spokesperson":
        return rng.choice(["Có", "Có thực hiện", "x"]) if v else rng.choice(["Không", "Chưa thực hiện"])
    s = vn_int(v, rng, pad=False)
    if unit_in_cell:
        s += " " + {"sessions": "buổi", "participants": "lượt", "key_staff": "người", "key_staff_trained": "người",
                    "exhibitions": "cuộc", "fake_news_detected": "tin", "fake_news_handled": "tin"}[key]
    return s


def figure_table(rng, st, variant, merged_ok=True):
    """A results table stating st (2024); variant picks columns. Returns a table block.

    2023 values are present in two-year tables; a metric absent from st has an empty 2024 cell (not stated)."""
    keys = [r for r in ROWS if r[0] in st or (variant in ("twoyear", "merged") and rng.random() < 0.3)]
    unit_in_cell = variant in ("unitcell",)
    head, rows = [], []
    if variant == "merged" and merged_ok:
        head = [[("TT", 1, 2), ("Nội dung", 1, 2), ("Đơn vị tính", 1, 2), ("Kết quả thực hiện", 2, 1), ("Ghi chú", 1, 2)],
                [("Năm 2023", 1, 1), ("Năm 2024", 1, 1)]]
    elif variant in ("twoyear", "merged"):
        head = [[("TT", 1, 1), ("Nội dung", 1, 1), ("Đơn vị tính", 1, 1), ("Năm 2023", 1, 1), ("Năm 2024", 1, 1), ("Ghi chú", 1, 1)]]
    elif variant == "ratio":
        head = [[("STT", 1, 1), ("Chỉ tiêu", 1, 1), ("Kết quả năm 2024", 1, 1), ("Tỷ lệ %", 1, 1), ("Ghi chú", 1, 1)]]
    else:  # simple / unitcell
        head = [[("TT", 1, 1), ("Nội dung", 1, 1), ("Kết quả", 1, 1), ("Ghi chú", 1, 1)]]
    for i, (key, labels, unit) in enumerate(keys, 1):
        label = rng.choice(labels)
        v = st.get(key)
        cur = "" if v is None else cell_val(key, v, rng, unit_in_cell)
        note = rng.choice(["", "", "", "Lồng ghép", "Theo kế hoạch", ""])
        if variant in ("twoyear", "merged"):
            if key == "spokesperson":
                old = "Có"
            else:
                old = str(max(0, (v if v is not None else rng.randint(1, 20)) + rng.randint(-5, 5)))
            rows.append([str(i), label, unit, old, cur, note])
        elif variant == "ratio":
            pct = ""
            if key == "key_staff_trained" and v is not None and st.get("key_staff"):
                pct = f"{round(100 * v / st['key_staff'])}%"
            elif key == "fake_news_handled" and v is not None and st.get("fake_news_detected"):
                pct = f"{round(100 * v / st['fake_news_detected'])}"
            rows.append([str(i), label, cur, pct, note])
        else:
            rows.append([str(i), label, cur, note])
    return ("table", {"head": head, "rows": rows})


OPENINGS = [
    "Thực hiện Kế hoạch số {kh}/KH-PGDĐT ngày 20/8/2024 của Phòng Giáo dục và Đào tạo thành phố Điện Biên Phủ về triển khai thực hiện Đề án Truyền thông về Quyền con người ở Việt Nam, giai đoạn 2024-2028 đối với ngành Giáo dục và Đào tạo; {school} báo cáo kết quả thực hiện năm 2024 như sau:",
    "Căn cứ Kế hoạch số {kh}/KH-PGDĐT của Phòng GDĐT thành phố về việc triển khai Đề án Truyền thông về Quyền con người ở Việt Nam giai đoạn 2024-2028; căn cứ tình hình thực tế của đơn vị, {school} báo cáo kết quả thực hiện như sau:",
    "Thực hiện chỉ đạo của Phòng GD&ĐT thành phố Điện Biên Phủ về việc báo cáo kết quả thực hiện Đề án Truyền thông về quyền con người năm 2024, {school} báo cáo cụ thể như sau:",
]

TITLES = [
    ["BÁO CÁO", "Kết quả thực hiện Đề án Truyền thông về Quyền con người ở Việt Nam năm 2024"],
    ["BÁO CÁO", "Kết quả triển khai thực hiện Kế hoạch truyền thông về quyền con người", "năm 2024"],
    ["BÁO CÁO", "Kết quả thực hiện Đề án Truyền thông về Quyền con người ở Việt Nam,", "giai đoạn 2024-2028 (năm 2024)"],
]


def header_block(rng, school_header, number, date_text):
    return ("header", {"left": [parent_line(rng), school_header], "number": number,
                       "right": ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" if rng.random() < 0.7 else "CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM",
                                 rng.choice(["Độc lập - Tự do - Hạnh phúc", "Độc lập – Tự do – Hạnh phúc"])],
                       "date": date_text})


def tail_blocks(rng, abbr):
    title, name = signer(rng)
    return [("sig", {"noi_nhan": noi_nhan(rng, abbr), "title": title, "name": name})]


def general_blocks(rng, school_body):
    return [
        ("h", "I. ĐẶC ĐIỂM TÌNH HÌNH"),
        ("p", f"{school_body} đóng trên địa bàn thành phố Điện Biên Phủ. Năm học 2024-2025 nhà trường có {rng.randint(8, 32)} lớp với {rng.randint(200, 950)} học sinh; đội ngũ gồm {rng.randint(3, 5)} CBQL, {rng.randint(18, 60)} giáo viên và {rng.randint(3, 9)} nhân viên."),
        ("p", rng.choice(["Thuận lợi: được sự quan tâm chỉ đạo của Phòng GDĐT, chính quyền địa phương; đội ngũ giáo viên nhiệt tình.",
                          "Khó khăn: một số phụ huynh chưa quan tâm; cơ sở vật chất phục vụ tuyên truyền còn hạn chế."])),
    ]


def closing_blocks(rng):
    return [
        ("h", rng.choice(["III. ĐÁNH GIÁ CHUNG", "III. ĐÁNH GIÁ, NHẬN XÉT"])),
        ("p", "Ưu điểm: nhận thức của cán bộ, giáo viên, nhân viên và học sinh về quyền con người được nâng lên. Hạn chế: hình thức tuyên truyền đôi khi chưa phong phú."),
        ("h", "IV. ĐỀ XUẤT, KIẾN NGHỊ"),
        ("p", rng.choice(["Đề nghị Phòng GDĐT tiếp tục tổ chức các lớp tập huấn, cung cấp tài liệu tuyên truyền về quyền con người cho các nhà trường.",
                          "Không có đề xuất."])),
        ("p", "Trên đây là báo cáo kết quả thực hiện Đề án Truyền thông về Quyền con người năm 2024 của nhà trường./."),
    ]


def make_school(rng, roster, near=False):
    if near:
        level, prop, near_id = rng.choice(NEAR_NAMES)
        sid = None
    else:
        row = rng.choice(roster)
        level, prop, sid = row["level"], proper(row["name"]), row["id"]
    header, body, abbr = school_forms(level, prop, rng)
    return {"id": sid, "level": level, "prop": prop, "header": header, "body": body, "abbr": abbr}


def build_report(rng, roster, layout, year=2024, near=False, short=False):
    sch = make_school(rng, roster, near)
    vals = draw_values(rng)
    st = pick_stated(rng, vals)
    num = rng.randint(1, 140)
    number = f"Số: {num:02d}/BC-{sch['abbr']}" if rng.random() < 0.85 else f"Số:    /BC-{sch['abbr']}"
    dt, iso = date_line(rng, year=2024, blank=rng.random() < 0.08)
    blocks = [header_block(rng, sch["header"], number, dt)]
    title = list(rng.choice(TITLES))
    if year != 2024:
        title = list(TITLES[0])
    blocks.append(("title", title))
    if rng.random() < 0.7:
        blocks.append(("kg", "Kính gửi: Phòng Giáo dục và Đào tạo thành phố Điện Biên Phủ."))
    blocks.append(("p", rng.choice(OPENINGS).format(kh=rng.choice([215, 1021, 88, 302]), school=sch["body"])))
    if not short:
        blocks += general_blocks(rng, sch["body"])
    blocks.append(("h", "II. KẾT QUẢ THỰC HIỆN"))
    annex = None
    if layout in ("prose-label", "prose-sentence", "prose-mixed"):
        blocks += prose_sentences(rng, st, sch["body"], layout.split("-")[1])
    elif layout.startswith("table-"):
        variant = layout.split("-", 1)[1]
        blocks += [("p", "Kết quả thực hiện các chỉ tiêu cụ thể như sau:"), figure_table(rng, st, variant)]
    elif layout == "annex":
        blocks.append(("p", "Các hoạt động tuyên truyền được tổ chức thường xuyên, lồng ghép trong các hoạt động giáo dục của nhà trường. (Số liệu chi tiết tại Phụ lục kèm theo)."))
        annex = figure_table(rng, st, rng.choice(["simple", "twoyear", "merged", "unitcell"]))
    elif layout == "mixed":  # some figures in prose, the rest in a table
        keys = list(st)
        rng.shuffle(keys)
        cut = len(keys) // 2
        p_st = {k: st[k] for k in keys[:cut]}
        t_st = {k: st[k] for k in keys[cut:]}
        if "fake_news_handled" in p_st and "fake_news_detected" not in p_st:
            t_st["fake_news_handled"] = p_st.pop("fake_news_handled")
        blocks += prose_sentences(rng, p_st, sch["body"], "mixed")
        blocks += [("p", "Một số chỉ tiêu khác:"), figure_table(rng, t_st, rng.choice(["simple", "unitcell", "ratio"]))]
    if not short:
        blocks += closing_blocks(rng)
    else:
        blocks.append(("p", "Trên đây là báo cáo của nhà trường./."))
    blocks += tail_blocks(rng, sch["abbr"])
    if annex:
        blocks.append(("pagebreak",))
        blocks.append(("title", ["PHỤ LỤC", "SỐ LIỆU KẾT QUẢ THỰC HIỆN ĐỀ ÁN TRUYỀN THÔNG VỀ QUYỀN CON NGƯỜI NĂM 2024"]))
        blocks.append(("i", f"(Kèm theo Báo cáo số {num:02d}/BC-{sch['abbr']} ngày {iso[8:10]}/{iso[5:7]}/{iso[:4]} của {sch['body']})"))
        blocks.append(annex)
    if year != 2024:
        blocks = [shift_block(b) for b in blocks]
    truth = {"kind": "report", "school_id": sch["id"], "school_name": sch["header"], "period": str(year),
             "metrics": st, "layout": layout, "document_number": number.replace("Số:", "").strip(),
             "negative": None}
    if near:
        truth["negative"] = "school-not-on-roster"
    if year != 2024:
        truth["negative"] = "last-year"
    return blocks, truth


def shift_year(t):
    t = t.replace("2024-2028", "\0A").replace("2023", "2022").replace("2024-2025", "\0B").replace("2024", "2023")
    return t.replace("\0A", "2024-2028").replace("\0B", "2023-2024")


def shift_block(b):
    if b[0] in ("p", "h", "i", "kg"):
        return (b[0], shift_year(b[1]))
    if b[0] == "title":
        return ("title", [shift_year(x) for x in b[1]])
    if b[0] == "table":
        t = b[1]
        return ("table", {"head": [[(shift_year(c[0]), c[1], c[2]) for c in r] for r in t["head"]],
                          "rows": [[shift_year(c) for c in r] for r in t["rows"]]})
    if b[0] == "header":
        h = dict(b[1])
        h["date"] = shift_year(h["date"])
        return ("header", h)
    return b


def build_annex_only(rng, roster):
    sch = make_school(rng, roster)
    vals = draw_values(rng)
    st = pick_stated(rng, vals)
    num = rng.randint(1, 140)
    blocks = [("p", sch["header"]), ("title", ["PHỤ LỤC", "BIỂU TỔNG HỢP SỐ LIỆU THỰC HIỆN ĐỀ ÁN TRUYỀN THÔNG VỀ QUYỀN CON NGƯỜI NĂM 2024"]),
              ("i", f"(Kèm theo Báo cáo số {num:02d}/BC-{sch['abbr']} ngày 08/11/2024 của {sch['body']})"),
              figure_table(rng, st, rng.choice(["simple", "twoyear", "merged", "unitcell"]))]
    title, name = signer(rng)
    blocks.append(("sig", {"noi_nhan": [], "title": ["NGƯỜI LẬP BIỂU" if rng.random() < 0.5 else title[0]], "name": name}))
    return blocks, {"kind": "annex", "school_id": sch["id"], "school_name": sch["header"], "period": "2024",
                    "metrics": st, "layout": "annex-only", "negative": None}


def build_negative(rng, roster, kind):
    sch = make_school(rng, roster)
    num = rng.randint(1, 140)
    dt, _ = date_line(rng)
    n = lambda v: vn_int(v, rng)  # noqa: E731
    if kind == "plan":
        number = f"Số: {num:02d}/KH-{sch['abbr']}"
        blocks = [header_block(rng, sch["header"], number, dt),
                  ("title", ["KẾ HOẠCH", "Triển khai thực hiện Đề án Truyền thông về Quyền con người ở Việt Nam", "năm 2025"]),
                  ("p", f"Căn cứ Kế hoạch số 215/KH-PGDĐT của Phòng GDĐT thành phố, {sch['body']} xây dựng kế hoạch thực hiện năm 2025 như sau:"),
                  ("h", "I. MỤC ĐÍCH, YÊU CẦU"), ("p", "Nâng cao nhận thức của cán bộ, giáo viên, nhân viên và học sinh về quyền con người."),
                  ("h", "II. CHỈ TIÊU"),
                  ("p", f"- Tổ chức ít nhất {n(rng.randint(4, 12))} buổi tuyên truyền về quyền con người, thu hút {n(rng.randint(300, 1500))} lượt người tham gia."),
                  ("p", "- 100% cán bộ quản lý thực hiện cơ chế phát ngôn và cung cấp thông tin cho báo chí."),
                  ("p", f"- Phấn đấu {n(rng.randint(8, 25))} CBQL, GV chủ chốt (đạt 70% trở lên) được tập huấn về truyền thông quyền con người."),
                  ("p", f"- Tham gia {n(rng.randint(1, 3))} cuộc triển lãm ảnh, tài liệu về quyền con người; phát hiện, xử lý 90% tin giả, tin xấu độc."),
                  ]
        if rng.random() < 0.5:
            blocks.append(("table", {"head": [[("TT", 1, 1), ("Nội dung", 1, 1), ("Chỉ tiêu năm 2025", 1, 1), ("Thời gian", 1, 1)]],
                                     "rows": [["1", "Số buổi tuyên truyền về quyền con người", str(rng.randint(4, 12)), "Cả năm"],
                                              ["2", "Số CBQL, GV chủ chốt được tập huấn", str(rng.randint(5, 20)), "Tháng 3"]]}))
        blocks += [("h", "III. TỔ CHỨC THỰC HIỆN"), ("p", "Các tổ chuyên môn, Liên đội, Công đoàn triển khai thực hiện./.")]
        blocks += tail_blocks(rng, sch["abbr"])
        layout = "plan"
    elif kind == "minutes":
        number = f"Số: {num:02d}/BB-{sch['abbr']}"
        blocks = [header_block(rng, sch["header"], number, dt),
                  ("title", ["BIÊN BẢN", "Họp Hội đồng sư phạm về công tác truyền thông quyền con người"]),
                  ("p", f"Hôm nay, vào hồi 14 giờ 00, tại phòng họp {sch['body']}, Hội đồng sư phạm nhà trường họp."),
                  ("p", f"Thành phần: có mặt {rng.randint(20, 50)}/{rng.randint(50, 60)} đồng chí; chủ trì: đồng chí Hiệu trưởng; thư ký: đồng chí Tổ trưởng văn phòng."),
                  ("h", "NỘI DUNG"),
                  ("p", f"Đồng chí Hiệu trưởng thông báo: từ đầu năm học nhà trường đã tổ chức {n(rng.randint(2, 12))} buổi tuyên truyền về quyền con người với {n(rng.randint(200, 900))} lượt học sinh tham gia; cử {n(rng.randint(3, 9))} đồng chí CBQL, GV chủ chốt đi tập huấn."),
                  ("p", "Các ý kiến thảo luận thống nhất tiếp tục duy trì cơ chế phát ngôn của nhà trường."),
                  ("p", "Biên bản kết thúc vào hồi 16 giờ 00 cùng ngày, đã thông qua cho các thành viên dự họp cùng nghe và nhất trí./."),
                  ("sig", {"noi_nhan": [], "title": ["THƯ KÝ", "CHỦ TỌA"], "name": signer(rng)[1]})]
        layout = "minutes"
    elif kind == "letter":
        number = f"Số: {num:02d}/{sch['abbr']}-VP"
        blocks = [header_block(rng, sch["header"], number, dt),
                  ("p", "V/v đề nghị cung cấp tài liệu tuyên truyền về quyền con người"),
                  ("kg", "Kính gửi: Phòng Giáo dục và Đào tạo thành phố Điện Biên Phủ."),
                  ("p", f"Thực hiện Kế hoạch số 215/KH-PGDĐT, trong năm 2024 {sch['body']} đã tổ chức {n(rng.randint(2, 12))} buổi tuyên truyền về quyền con người. Để tiếp tục triển khai có hiệu quả, nhà trường đề nghị Phòng GDĐT cung cấp {n(rng.randint(5, 40))} bộ tài liệu tuyên truyền và cử báo cáo viên hỗ trợ tập huấn cho {n(rng.randint(6, 20))} CBQL, GV chủ chốt."),
                  ("p", "Kính đề nghị Phòng GDĐT quan tâm, giải quyết./.")]
        blocks += tail_blocks(rng, sch["abbr"])
        layout = "letter"
    elif kind == "other-topic":
        number = f"Số: {num:02d}/BC-{sch['abbr']}"
        topic = rng.choice(["công tác phòng, chống tác hại của thuốc lá", "công tác phòng, chống ma túy trong trường học",
                            "công tác phổ biến, giáo dục pháp luật", "công tác an toàn giao thông"])
        blocks = [header_block(rng, sch["header"], number, dt),
                  ("title", ["BÁO CÁO", f"Kết quả {topic} năm 2024"]),
                  ("kg", "Kính gửi: Phòng Giáo dục và Đào tạo thành phố Điện Biên Phủ."),
                  ("p", f"Thực hiện hướng dẫn của Phòng GDĐT, {sch['body']} báo cáo kết quả {topic} năm 2024 như sau:"),
                  ("h", "I. KẾT QUẢ THỰC HIỆN"),
                  ("p", f"- Số buổi tuyên truyền: {n(rng.randint(2, 15))} buổi, với {n(rng.randint(200, 1200))} lượt học sinh tham gia."),
                  ("p", f"- Nhà trường cử {n(rng.randint(2, 8))} đồng chí cán bộ, giáo viên chủ chốt tham gia tập huấn do Trung tâm Y tế tổ chức."),
                  ("p", "- Lồng ghép nội dung giáo dục pháp luật, quyền con người, quyền trẻ em vào giờ sinh hoạt dưới cờ."),
                  ("h", "II. ĐỀ XUẤT"), ("p", "Không./.")]
        blocks += tail_blocks(rng, sch["abbr"])
        layout = "other-topic"
    else:
        raise ValueError(kind)
    tk = {"plan": "plan", "minutes": "minutes", "letter": "letter", "other-topic": "report"}[kind]
    return blocks, {"kind": tk, "school_id": sch["id"], "school_name": sch["header"], "period": "2024" if kind != "plan" else "2025",
                    "metrics": {}, "layout": layout, "negative": kind}

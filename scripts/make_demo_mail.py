"""Writes the demo's sample mails (daemon/cli/demo/mail/*.eml): run it again after changing the scenario."""

from __future__ import annotations

import datetime as dt
import io
from email.message import EmailMessage
from email.utils import format_datetime
from pathlib import Path

from docx import Document
from docx.shared import Pt

OUT = Path(__file__).resolve().parent.parent / "daemon" / "cli" / "demo" / "mail"
ICT = dt.timezone(dt.timedelta(hours=7))
OFFICE = "hoanganhgiang.dienbien@gmail.com"


def report_docx(school: str, abbr: str, number: int, day: int, figures: dict[str, str], hard: str, ask: str) -> bytes:
    doc = Document()
    style = doc.styles["Normal"]
    style.font.name, style.font.size = "Times New Roman", Pt(13)
    header = doc.add_table(rows=3, cols=2)
    header.cell(0, 0).text = "PHÒNG GDĐT THÀNH PHỐ ĐIỆN BIÊN PHỦ"
    header.cell(1, 0).text = school.upper()
    header.cell(2, 0).text = f"Số: {number:02d}/BC-{abbr}"
    header.cell(0, 1).text = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    header.cell(1, 1).text = "Độc lập - Tự do - Hạnh phúc"
    header.cell(2, 1).text = f"Điện Biên Phủ, ngày {day:02d} tháng 11 năm 2024"
    doc.add_paragraph("BÁO CÁO")
    doc.add_paragraph("Kết quả thực hiện Đề án Truyền thông về Quyền con người năm 2024")
    doc.add_paragraph("Kính gửi: Phòng Giáo dục và Đào tạo thành phố Điện Biên Phủ.")
    doc.add_paragraph(f"Thực hiện Kế hoạch của Phòng GDĐT thành phố, {school} báo cáo kết quả như sau:")
    doc.add_paragraph("I. KẾT QUẢ THỰC HIỆN")
    table = doc.add_table(rows=1, cols=3)
    table.rows[0].cells[0].text, table.rows[0].cells[1].text, table.rows[0].cells[2].text = "TT", "Nội dung", "Kết quả"
    for i, (label, value) in enumerate(figures.items(), start=1):
        cells = table.add_row().cells
        cells[0].text, cells[1].text, cells[2].text = str(i), label, value
    doc.add_paragraph("II. KHÓ KHĂN, VƯỚNG MẮC")
    doc.add_paragraph(hard)
    doc.add_paragraph("III. ĐỀ XUẤT, KIẾN NGHỊ")
    doc.add_paragraph(ask)
    doc.add_paragraph("HIỆU TRƯỞNG")
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


FIGURES = {
    "Số buổi tuyên truyền về quyền con người": "{sessions}",
    "Số lượt người tham gia tuyên truyền": "{participants}",
    "Thực hiện cơ chế phát ngôn và cung cấp thông tin cho báo chí": "{spokesperson}",
    "Số cán bộ quản lý, giáo viên chủ chốt": "{key_staff}",
    "Số CBQL, GV chủ chốt được tập huấn về truyền thông quyền con người": "{trained}",
    "Số cuộc triển lãm ảnh, tài liệu về quyền con người đã tổ chức hoặc tham gia": "{exhibitions}",
    "Số tin giả, tin xấu độc về quyền con người phát hiện": "{detected}",
    "Số tin giả, tin xấu độc đã phối hợp xử lý": "{handled}",
}


def figures(**values: str) -> dict[str, str]:
    return {label: template.format(**values) for label, template in FIGURES.items()}


def mail(name: str, sender: str, subject: str, when: dt.datetime, body: str, *, headers: dict[str, str] | None = None,
         files: list[tuple[str, bytes]] = ()) -> None:
    msg = EmailMessage()
    msg["From"] = sender
    msg["To"] = OFFICE
    msg["Subject"] = subject
    msg["Date"] = format_datetime(when)
    msg["Message-ID"] = f"<{name}@demo.baocao>"
    msg["Received"] = f"from mail.example by mx.google.com; {format_datetime(when)}"
    for key, value in (headers or {}).items():
        msg[key] = value
    msg.set_content(body)
    for filename, data in files:
        msg.add_attachment(data, maintype="application",
                           subtype="vnd.openxmlformats-officedocument.wordprocessingml.document", filename=filename)
    (OUT / f"{name}.eml").write_bytes(msg.as_bytes())


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    for old in OUT.glob("*.eml"):
        old.unlink()
    at = lambda day, hour, minute=0: dt.datetime(2024, 11, day, hour, minute, tzinfo=ICT)  # noqa: E731
    mail("01-him-lam", "Trường TH Him Lam <thhimlam.dbp@dienbien.edu.vn>",
         "Báo cáo kết quả thực hiện Đề án Truyền thông về Quyền con người năm 2024 - TH Him Lam", at(10, 8, 12),
         "Kính gửi Phòng GDĐT,\nTrường TH Him Lam gửi báo cáo kèm theo.\nTrân trọng.",
         files=[("Báo cáo QCN 2024 - TH Him Lam.docx", report_docx(
             "Trường Tiểu học Him Lam", "THHL", 45, 10,
             figures(sessions="05", participants="1.250", spokesperson="Có", key_staff="32", trained="25",
                     exhibitions="01", detected="02", handled="02"),
             "Một số phụ huynh chưa quan tâm; thiếu tài liệu tuyên truyền bằng tiếng dân tộc.",
             "Đề nghị Phòng cung cấp thêm tài liệu tuyên truyền song ngữ."))])
    mail("02-hoa-ban", "mnhoaban.dbp@dienbien.edu.vn", "Bao cao quyen con nguoi 2024 - MN Hoa Ban", at(16, 9, 30),
         "Trường MN Hoa Ban xin gửi báo cáo (muộn).",
         files=[("bao cao QCN MN Hoa Ban.docx", report_docx(
             "Trường Mầm non Hoa Ban", "MNHB", 12, 15,
             figures(sessions="03", participants="420", spokesperson="Có", key_staff="15", trained="9",
                     exhibitions="0", detected="0", handled="0"),
             "Trẻ còn nhỏ, hình thức tuyên truyền chủ yếu qua phụ huynh.",
             "Đề nghị tổ chức tập huấn cho giáo viên mầm non."))])
    mail("03-tran-can", "Hiệu trưởng THCS Trần Can <trancan.hieutruong@gmail.com>",
         "Báo cáo QCN năm 2024 - Trường THCS Trần Can", at(13, 16, 45),
         "Em gửi báo cáo của trường THCS Trần Can ạ.",
         files=[("BC QCN THCS Tran Can.docx", report_docx(
             "Trường THCS Trần Can", "THCSTC", 31, 13,
             figures(sessions="08", participants="2.140", spokesperson="Có", key_staff="40", trained="30",
                     exhibitions="02", detected="03", handled="03"),
             "Học sinh ở xa, đi lại khó khăn.", "Không có."))])
    mail("04-be-van-dan", "thbevandan.dbp@dienbien.edu.vn", "Báo cáo quyền con người năm 2024", at(12, 10, 5),
         "Kính gửi Phòng, báo cáo của trường ở đây: https://drive.google.com/file/d/1AbCdEf/view?usp=sharing")
    mail("05-noong-bua-v1", "thnoongbua.dbp@dienbien.edu.vn", "Báo cáo QCN 2024 TH Noong Bua", at(11, 14, 0),
         "Gửi Phòng báo cáo.", files=[("BC QCN Noong Bua.docx", report_docx(
             "Trường Tiểu học Noong Bua", "THNB", 20, 11,
             figures(sessions="04", participants="900", spokesperson="Không", key_staff="28", trained="14",
                     exhibitions="0", detected="1", handled="0"),
             "Chưa có người phụ trách truyền thông.", "Đề nghị hướng dẫn cơ chế phát ngôn."))])
    mail("06-noong-bua-v2", "thnoongbua.dbp@dienbien.edu.vn", "Báo cáo QCN 2024 TH Noong Bua (bản sửa)",
         at(14, 23, 59), "Trường gửi lại bản đã sửa số liệu.", files=[("BC QCN Noong Bua (sua).docx", report_docx(
             "Trường Tiểu học Noong Bua", "THNB", 21, 14,
             figures(sessions="06", participants="1.050", spokesperson="Có", key_staff="28", trained="20",
                     exhibitions="01", detected="1", handled="1"),
             "Chưa có người phụ trách truyền thông.", "Đề nghị hướng dẫn cơ chế phát ngôn."))])
    mail("07-auto-reply", "thcshimlam.dbp@dienbien.edu.vn", "Trả lời tự động: Báo cáo", at(12, 7, 0),
         "Tôi đang đi công tác đến ngày 20/11.", headers={"Auto-Submitted": "auto-replied"})
    mail("08-bounce", "Mail Delivery Subsystem <mailer-daemon@googlemail.com>", "Delivery Status Notification (Failure)",
         at(12, 7, 5), "Address not found: thcs-sai-dia-chi@dienbien.edu.vn",
         headers={"X-Failed-Recipients": "thcs-sai-dia-chi@dienbien.edu.vn"})
    mail("09-stranger", "Khuyến mãi <sale@shop.example>", "Ưu đãi cuối năm", at(12, 9, 0), "Giảm giá 50%!")


if __name__ == "__main__":
    main()

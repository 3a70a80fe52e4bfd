"""Hostile and broken files for the golden corpus: corrupt, encrypted elsewhere, XXE, billion laughs, bombs."""

from __future__ import annotations

import io
import random
import zipfile
from collections.abc import Callable
from datetime import date
from typing import Any

from render import add_part, replace_part

from docs import Case, from_template, save

Write = Callable[[str, bytes, list[dict[str, Any]]], None]
Expect = Callable[..., dict[str, Any]]


def hostile_cases(write: Write, expect: Expect, full: dict[str, object]) -> None:
    good = save(from_template(Case("th-him-lam", "THHL", 1, date(2024, 11, 1), values=full)))
    write("corrupt-truncated.docx", good[: len(good) // 2], [expect(None, None, codes=("corrupt",))])
    write("corrupt-garbage.pdf", b"%PDF-1.4\n" + bytes(random.Random(1).randrange(256) for _ in range(3000)),
          [expect(None, None, codes=("corrupt",))])  # fmt: skip
    xxe = ('<?xml version="1.0"?><!DOCTYPE d [<!ENTITY xxe SYSTEM "file:///etc/hostname">]>'
           '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r>'
           "<w:t>&xxe;</w:t></w:r></w:p></w:body></w:document>")  # fmt: skip
    write("xxe.docx", replace_part(good, "word/document.xml", xxe.encode()),
          [expect(None, None, codes=("unsafe_xml",))])  # fmt: skip
    lol = ['<!ENTITY lol "lol">'] + [f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10 if i > 1 else "&lol;" * 10}">'
                                     for i in range(1, 10)]  # fmt: skip
    laughs = (f'<?xml version="1.0"?><!DOCTYPE lolz [{"".join(lol)}]>'
              '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p>'
              "<w:r><w:t>&lol9;</w:t></w:r></w:p></w:body></w:document>")  # fmt: skip
    write("billion-laughs.docx", replace_part(good, "word/document.xml", laughs.encode()),
          [expect(None, None, codes=("unsafe_xml",))])  # fmt: skip
    bomb = add_part(good, "word/media/image1.png", b"\x00" * (64 * 1024 * 1024))
    write("zip-bomb.docx", bomb, [expect(None, None, codes=("suspicious_archive",))])
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        zf.writestr("bao-cao.docx", good)
        zf.writestr("data.bin", b"\x00" * (96 * 1024 * 1024))
    write("zip-bomb.zip", buf.getvalue(), [expect(None, None, codes=("suspicious_archive",))])
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("../../etc/cron.d/x.docx", good)
    write("path-escape.zip", buf.getvalue(), [expect(None, None, codes=("suspicious_archive",))])
    write("ghi-chu.txt", "Kính gửi Phòng, nhà trường gửi báo cáo.\n".encode(),
          [expect(None, None, codes=("unsupported_type",))])  # fmt: skip

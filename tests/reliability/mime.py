"""Hostile and broken mail, built byte by byte: garbling, a filename zoo, pathological PDFs, hypothesis MIME."""

from __future__ import annotations

import base64
import hashlib
import random
import sysconfig
from pathlib import Path

from hypothesis import strategies as st

DOCX = b"application/vnd.openxmlformats-officedocument.wordprocessingml.document"
HEAD = (b"From: =?utf-8?q?Tr=C6=B0=E1=BB=9Dng?= <someone@elsewhere.example>\r\nTo: office@baocao.test\r\n"
        b"Date: Mon, 11 Nov 2024 09:00:00 +0700\r\nMIME-Version: 1.0\r\n")


def cpython_email_data() -> Path:
    """CPython's own email test messages (Lib/test/test_email/data) of the running interpreter."""
    return Path(sysconfig.get_paths()["stdlib"]) / "test" / "test_email" / "data"


def part(data: bytes, *, params: bytes = b"", content_type: bytes = DOCX, cte: bytes = b"base64",
         disposition: bytes = b"attachment") -> bytes:
    """One MIME part; `params` is written as is after the disposition (RFC 2231, RFC 2047, raw bytes...)."""
    body = base64.encodebytes(data).replace(b"\n", b"\r\n") if cte == b"base64" else data
    head = b"Content-Type: " + content_type + b"\r\nContent-Transfer-Encoding: " + cte + b"\r\n"
    head += b"Content-Disposition: " + disposition + (b"; " + params if params else b"") + b"\r\n"
    return head + b"\r\n" + body


def mail(parts: list[bytes], *, subject: bytes = b"Bao cao", boundary: bytes = b"==b0und==",
         head: bytes = HEAD, message_id: bytes | None = None) -> bytes:
    text = b"Content-Type: text/plain; charset=utf-8\r\n\r\nK\xc3\xadnh g\xe1\xbb\xadi Ph\xc3\xb2ng.\r\n"
    out = head + b"Subject: " + subject + b"\r\n"
    out += b"Message-ID: " + (message_id or b"<%s@zoo.example>" % hashlib.sha256(b"".join(parts)).hexdigest()[:20].encode()) + b"\r\n"
    out += b'Content-Type: multipart/mixed; boundary="' + boundary + b'"\r\n\r\n'
    for chunk in [text, *parts]:
        out += b"--" + boundary + b"\r\n" + chunk + b"\r\n"
    return out + b"--" + boundary + b"--\r\n"


# (label, Content-Disposition parameters) as real clients and attackers write them
FILENAME_ZOO: list[tuple[str, bytes]] = [
    ("rfc2231", b"filename*=utf-8''B%C3%A1o%20c%C3%A1o%20QCN.docx"),
    ("rfc2231-continuations", b"filename*0*=utf-8''B%C3%A1o%20c%C3%A1o; filename*1*=%20Him%20L%C3%A2m; "
                              b"filename*2=.docx"),
    ("rfc2231-gap", b"filename*0=a; filename*2=c.docx"),
    ("rfc2231-bad-charset", b"filename*=x-no-such''%FF%FE.docx"),
    ("rfc2231-unfinished", b"filename*0=a; filename*"),
    ("gmail-rfc2047-in-param", b'filename="=?UTF-8?B?QsOhbyBjw6FvIFRIIEhpbSBMw6JtLmRvY3g=?="'),
    ("raw-utf8", 'filename="Báo cáo Him Lâm.docx"'.encode()),
    ("nfd", 'filename="{}"'.format("Ba\u0301o ca\u0301o Hoa\u0300.docx").encode()),
    ("dotdot-slash", b'filename="../../etc/passwd"'),
    ("dotdot-backslash", b'filename="..\\\\..\\\\x.docx"'),
    ("absolute", b'filename="/etc/cron.d/bao-cao.docx"'),
    ("control-chars", b'filename="a\x01b\x1b[31mc\x7f.docx"'),
    ("nul", b'filename="bao\x00cao.docx"'),
    ("long-300", b'filename="' + b"b" * 300 + b'.docx"'),
    ("windows-con", b'filename="CON"'),
    ("windows-con-ext", b'filename="con.docx"'),
    ("empty", b'filename=""'),
    ("only-dots", b'filename=".."'),
    ("duplicate-a", b'filename="bao-cao.docx"'),
    ("duplicate-b", b'filename="bao-cao.docx"'),
]


def garble(raw: bytes, seed: str, cuts: int = 4) -> list[tuple[str, bytes]]:
    """Broken variants of one mail: cut at random offsets, bad boundary, bad base64, bad charset, NULs..."""
    rnd = random.Random(seed)
    header, sep, _ = raw.partition(b"\n\n") if b"\r\n\r\n" not in raw else raw.partition(b"\r\n\r\n")
    out = [(f"cut-{i}", raw[: rnd.randrange(1, len(raw))]) for i in range(cuts) if len(raw) > 1]
    out += [
        ("header-only", header + sep),
        ("header-no-blank-line", header),
        ("nul-bytes", raw.replace(b"\n", b"\x00\n", 40)),
        ("nul-everywhere", bytes(b if rnd.random() > 0.02 else 0 for b in raw)),
        ("bad-boundary", raw.replace(b"boundary=", b"boundary=\x00x", 1)),
        ("no-boundary", raw.replace(b"boundary=", b"b=", 1)),
        ("bad-base64", raw.replace(b"base64", b"base64\r\n\r\n!!$$%%not base64", 1)),
        ("bad-cte", raw.replace(b"Content-Transfer-Encoding:", b"Content-Transfer-Encoding: x-bogus\r\nX:", 1)),
        ("bad-charset", raw.replace(b"charset=", b'charset="x-no-such\x00"; c=', 1)),
        ("bit-flips", bytes(b ^ (1 << rnd.randrange(8)) if rnd.random() < 0.01 else b for b in raw)),
        ("latin1-headers", raw.replace(b"Subject:", b"Subject: \xe9\xff\xfe", 1)),
    ]
    return out


def pdf(objects: list[bytes]) -> bytes:
    """A PDF with a correct xref from raw object bodies; object 1 is the catalog."""
    out, offsets = b"%PDF-1.4\n", []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    return out + b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)


def looping_pdfs() -> list[tuple[str, bytes]]:
    """A form XObject that draws itself, and a page tree whose node is its own kid."""
    draw, content = b"q /X1 Do Q", b"q /X1 Do Q BT /F1 12 Tf 10 10 Td (Bao cao) Tj ET"
    xobject = pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /Contents 4 0 R "
        b"/Resources << /XObject << /X1 5 0 R >> /Font << /F1 6 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(content), content),
        b"<< /Type /XObject /Subtype /Form /BBox [0 0 200 200] /Resources << /XObject << /X1 5 0 R >> >> "
        b"/Length %d >>\nstream\n%s\nendstream" % (len(draw), draw),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ])
    tree = pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [2 0 R 3 0 R] /Count 2 >>",
        b"<< /Type /Pages /Parent 2 0 R /Kids [2 0 R] /Count 1 >>",
    ])
    return [("loop-xobject.pdf", xobject), ("loop-page-tree.pdf", tree)]


# hypothesis: MIME trees from pieces that real and hostile mail use, assembled without the stdlib's generator
_tokens = st.sampled_from([
    b"utf-8", b"windows-1258", b"x-no-such", b"utf-7", b"iso-2022-jp", b"", b'"utf-8\x00"', b"us-ascii",
])
_ctes = st.sampled_from([b"base64", b"quoted-printable", b"7bit", b"8bit", b"binary", b"x-uuencode", b"bogus"])
_types = st.sampled_from([
    b"text/plain", b"text/html", DOCX, b"application/pdf", b"application/zip", b"image/png",
    b"message/rfc822", b"message/delivery-status", b"multipart/report", b"application/octet-stream", b"x/y",
])
_names = st.one_of(st.sampled_from([p for _, p in FILENAME_ZOO]),
                   st.text(max_size=40).map(lambda t: b'filename="' + t.encode("utf-8", "replace") + b'"'),
                   st.just(b""))
_payloads = st.one_of(st.binary(max_size=300), st.sampled_from([b"%PDF-1.4\n", b"PK\x03\x04", b"=?=\r\n=ZZ"]))
_header_names = st.sampled_from([
    b"From", b"Subject", b"Date", b"Message-ID", b"In-Reply-To", b"Auto-Submitted", b"Return-Path", b"Received",
    b"Authentication-Results", b"Content-Type", b"X-Failed-Recipients", b"Precedence", b"List-Id", b"References",
])


@st.composite
def _leaf(draw: st.DrawFn) -> bytes:
    params = b"; charset=" + draw(_tokens)
    return (b"Content-Type: " + draw(_types) + params + b"\r\nContent-Transfer-Encoding: " + draw(_ctes) +
            b"\r\nContent-Disposition: " + draw(st.sampled_from([b"attachment", b"inline", b"", b"x"])) + b"; " +
            draw(_names) + b"\r\n\r\n" + draw(_payloads))


def _multipart(children: st.SearchStrategy[bytes]) -> st.SearchStrategy[bytes]:
    @st.composite
    def build(draw: st.DrawFn) -> bytes:
        boundary = draw(st.sampled_from([b"b1", b"b2", b"", b"b1--", b'"']))
        parts = draw(st.lists(children, max_size=4))
        body = b"".join(b"--" + boundary + b"\r\n" + p + b"\r\n" for p in parts)
        closing = draw(st.sampled_from([b"--" + boundary + b"--\r\n", b""]))
        kind = draw(st.sampled_from([b"mixed", b"alternative", b"report; report-type=delivery-status"]))
        return b"Content-Type: multipart/" + kind + b'; boundary="' + boundary + b'"\r\n\r\n' + body + closing
    return build()


@st.composite
def mime_messages(draw: st.DrawFn) -> bytes:
    """A whole raw mail: odd top-level headers, then a MIME tree up to three levels deep, maybe cut short."""
    headers = draw(st.lists(st.tuples(_header_names, st.binary(max_size=60)), max_size=6))
    top = b"".join(name + b": " + value.replace(b"\n", b" ") + b"\r\n" for name, value in headers)
    body = draw(st.recursive(_leaf(), _multipart, max_leaves=6))
    raw = top + b"MIME-Version: 1.0\r\n" + body
    cut = draw(st.one_of(st.none(), st.integers(min_value=0, max_value=len(raw))))
    return raw if cut is None else raw[:cut]

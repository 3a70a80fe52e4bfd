"""What mail clients read in our headers: names in short encoded words, replies that thread, replies recognised."""

from __future__ import annotations

import datetime as dt
import email
import email.policy
import re
from email.header import decode_header, make_header
from email.utils import parseaddr

import pytest

from daemon.decision.classify import answers_our_mail
from daemon.mail.compose import assemble, reply_subject
from daemon.mail.inbound import read_inbound

NAMES = [
    "Phòng Giáo dục và Đào tạo thành phố Điện Biên Phủ",
    "Phòng Giáo dục và Đào tạo huyện Mường Chà, tỉnh Điện Biên (Ủy ban nhân dân huyện Mường Chà)",
    "Sở Giáo dục và Đào tạo tỉnh Bà Rịa – Vũng Tàu, Phòng Giáo dục Thường xuyên và Giáo dục Chuyên nghiệp",
    "Trường Phổ thông Dân tộc Bán trú Tiểu học và Trung học cơ sở Nậm Khăn huyện Nậm Pồ tỉnh Điện Biên",
]


def send(name: str, subject: str = "Re: Báo cáo", **headers: object) -> bytes:
    return assemble(key="k", kind="receipt", priority=0, office_name=name, office_email="pgd@dienbien.edu.vn",
                    recipients=["a@x.vn"], subject=subject, text="x", html="<p>x</p>",
                    now=dt.datetime(2024, 11, 10, tzinfo=dt.UTC), **headers).raw  # type: ignore[arg-type]


@pytest.mark.parametrize("name", NAMES)
def test_a_long_vietnamese_office_name_is_folded_into_short_words_that_read_back(name: str) -> None:
    raw = send(name, subject=name)
    head = raw.split(b"\r\n\r\n")[0]
    assert max(len(line) for line in head.split(b"\r\n")) <= 78
    words = re.findall(rb"=\?utf-8\?b\?[^?]*\?=", head)
    assert len(words) > 2 and max(len(w) for w in words) <= 75
    legacy = email.message_from_bytes(raw)
    shown, address = parseaddr(legacy["From"])
    assert (str(make_header(decode_header(shown))), address) == (name, "pgd@dienbien.edu.vn")
    assert str(make_header(decode_header(legacy["Subject"]))) == name
    modern = email.message_from_bytes(raw, policy=email.policy.default)
    assert modern["Subject"] == name
    # CPython's address parser keeps the white space between two encoded words (compose._address): no break in
    # a word, so at most a doubled space, never a split word
    assert " ".join(modern["From"].addresses[0].display_name.split()) == name


def test_a_long_subject_without_accents_is_folded_at_its_spaces() -> None:
    subject = "Re: " + " ".join(["Bao cao ket qua thuc hien De an Truyen thong ve Quyen con nguoi nam 2024"] * 3)
    raw = send(NAMES[0], subject=subject)
    assert max(len(line) for line in raw.split(b"\r\n\r\n")[0].split(b"\r\n")) <= 78
    assert email.message_from_bytes(raw, policy=email.policy.default)["Subject"] == subject
    assert str(make_header(decode_header(email.message_from_bytes(raw)["Subject"]))) == subject


def test_a_word_longer_than_an_encoded_word_is_cut_between_characters() -> None:
    name = "Phòng " + "Nghĩa" * 30
    shown, _ = parseaddr(email.message_from_bytes(send(name))["From"])
    assert str(make_header(decode_header(shown))) == name


def test_references_are_the_parents_references_then_its_message_id() -> None:
    parent = (b"From: a@x.vn\r\nMessage-ID: <p3@x.vn>\r\nIn-Reply-To: <p2@x.vn>\r\n"
              b"References: <p1@x.vn> <p2@x.vn>\r\nSubject: s\r\n\r\nx\r\n")
    inbound = read_inbound(parent)
    assert inbound.references == ("<p1@x.vn>", "<p2@x.vn>")
    raw = send(NAMES[0], in_reply_to=inbound.message_id, references=inbound.references)
    answer = email.message_from_bytes(raw)
    assert answer["References"] == "<p1@x.vn> <p2@x.vn> <p3@x.vn>" and answer["In-Reply-To"] == "<p3@x.vn>"
    no_refs = read_inbound(b"From: a@x.vn\r\nMessage-ID: <q2@x>\r\nIn-Reply-To: <q1@x>\r\n\r\nx\r\n")
    assert no_refs.references == ("<q1@x>",)  # RFC 5322 §3.6.4: In-Reply-To when it names one message
    chain = tuple(f"<r{i}@x>" for i in range(15))
    kept = email.message_from_bytes(send(NAMES[0], in_reply_to="<m@x>", references=chain))["References"].split()
    assert kept[0] == "<r0@x>" and kept[-1] == "<m@x>" and len(kept) == 10


def test_a_reply_keeps_the_schools_subject_after_one_re() -> None:
    assert reply_subject("Báo cáo QCN  2024") == "Re: Báo cáo QCN 2024"
    assert reply_subject("RE: Báo cáo QCN") == "RE: Báo cáo QCN"
    assert reply_subject("Fwd: Báo cáo") == "Re: Fwd: Báo cáo"


def test_replies_to_our_mail_are_known_by_their_headers_not_their_subject() -> None:
    ours = {"<baocao.1@x.vn>"}

    def sent(ids: list[str]) -> bool:
        return bool(ours & set(ids))

    def subjects() -> list[str]:
        return ["Re: Báo cáo QCN 2024"]

    assert answers_our_mail(("<school@x>", "<baocao.1@x.vn>"), "Báo cáo QCN 2024", sent, subjects)
    assert not answers_our_mail((), "Báo cáo QCN 2024", sent, subjects)  # the school's new mail, same subject
    assert not answers_our_mail(("<other@x>",), "Re: Đã nhận báo cáo: Báo cáo QCN", sent, subjects)
    # a responder that drops In-Reply-To and answers "TL: <our subject>"
    assert answers_our_mail((), "TL: RE:  báo cáo QCN 2024", sent, subjects)

"""The office's policy, one row per case: who sent what -> does it count, for whom, and why.

Schools: A (th-a) and B (th-b) are on the roster; cycles: qcn-2024 (open now), qcn-2023 (closed).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from daemon.decision.decide import (
    REASONS,
    Current,
    Document,
    Evidence,
    Outcome,
    Sender,
    Severity,
    decide,
    severity,
)
from parsers import problems as parser_problems

OPEN = ("qcn-2024",)
REPORT_A = Document("bc.docx", school_id="th-a", cycle="qcn-2024", has_figures=True, number="45/BC-THA")
REPORT_NO_NAME = Document("bc.docx", cycle="qcn-2024", has_figures=True)
ON_TIME_A = Current(trust=2, on_time=True, files=frozenset({"f-old"}), numbers=frozenset({"45/BC-THA"}))
STRONG_A = Current(trust=4, on_time=True, files=frozenset({"f-old"}))


def mail(sender: Sender, school: str | None = "th-a", *docs: Document, **more: object) -> Evidence:
    fields: dict[str, object] = {"sender": sender, "sender_school": school, "documents": docs,
                                 "files": frozenset({"f-new"}) if docs else frozenset(), "open_cycles": OPEN}
    fields.update(more)
    return Evidence(**fields)  # type: ignore[arg-type]


# (case, evidence, outcome, school it is about, reason codes that must be among the reasons)
POLICY = [
    ("our own mail", mail(Sender.OWN, None), Outcome.IGNORED, None, {"own_mail"}),
    ("an auto-reply", mail(Sender.MACHINE, None, machine="auto_reply"), Outcome.IGNORED, None, {"machine_mail"}),
    ("the same message twice", mail(Sender.PASS, "th-a", REPORT_A, duplicate_message=True), Outcome.DUPLICATE,
     None, {"duplicate_message"}),
    ("school A's report from A's address", mail(Sender.PASS, "th-a", REPORT_A), Outcome.COUNTED, "th-a", set()),
    ("A's report without auth result", mail(Sender.NONE, "th-a", REPORT_A), Outcome.COUNTED, "th-a", set()),
    ("A's report naming no school", mail(Sender.PASS, "th-a", REPORT_NO_NAME), Outcome.COUNTED, "th-a", set()),
    ("A's address failing DMARC", mail(Sender.FAIL, "th-a", REPORT_A), Outcome.CLAIM, "th-a", {"auth_failed"}),
    ("a stranger's report naming A", mail(Sender.UNREGISTERED, None, REPORT_A), Outcome.CLAIM, "th-a",
     {"unregistered_sender"}),
    ("a stranger's report naming a school not on the roster (near name of A)",
     mail(Sender.UNREGISTERED, None, Document("bc.docx", school_name="Trường TH A Xương", suggestion="th-a",
                                              cycle="qcn-2024")),
     Outcome.CLAIM, None, {"unregistered_sender", "names_unknown_school"}),
    ("A's address sending B's report", mail(Sender.PASS, "th-a", Document("bc.docx", school_id="th-b",
                                                                          cycle="qcn-2024")),
     Outcome.CLAIM, "th-b", {"names_other_school"}),
    ("A's address sending a report of a school not on the roster",
     mail(Sender.PASS, "th-a", Document("bc.docx", school_name="Trường TH Z", cycle="qcn-2024")),
     Outcome.CLAIM, None, {"names_unknown_school"}),
    ("A's report with A's name slightly misspelt", mail(Sender.PASS, "th-a", Document(
        "bc.docx", school_name="Trường TH A'", suggestion="th-a", cycle="qcn-2024")), Outcome.COUNTED, "th-a",
     set()),
    ("a stranger's mail naming A in the subject only, a letter attached",
     mail(Sender.UNREGISTERED, None, Document("don.docx", kind="letter"), subject_school="th-a"),
     Outcome.NOT_SUBMISSION, None, {"not_a_report"}),
    ("a stranger naming A in the subject, report naming nobody",
     mail(Sender.UNREGISTERED, None, REPORT_NO_NAME, subject_school="th-a"), Outcome.CLAIM, "th-a",
     {"subject_only"}),
    ("A's report on another topic", mail(Sender.PASS, "th-a", Document("bc.docx", school_id="th-a",
                                                                       cycle_problem="other_topic")),
     Outcome.NOT_SUBMISSION, "th-a", {"other_topic"}),
    ("A's report of last year", mail(Sender.PASS, "th-a", Document("bc.docx", school_id="th-a",
                                                                   cycle_problem="wrong_year")),
     Outcome.NOT_SUBMISSION, "th-a", {"wrong_year"}),
    ("A's report for a closed cycle", mail(Sender.PASS, "th-a", Document("bc.docx", school_id="th-a",
                                                                         cycle="qcn-2023")),
     Outcome.NOT_SUBMISSION, "th-a", {"cycle_closed"}),
    ("A's plan (KH), not a report", mail(Sender.PASS, "th-a", Document("kh.docx", kind="plan", school_id="th-a")),
     Outcome.NOT_SUBMISSION, "th-a", {"not_a_report"}),
    ("A's report with a plan attached", mail(Sender.PASS, "th-a", REPORT_A, Document("kh.docx", kind="plan")),
     Outcome.COUNTED, "th-a", set()),
    ("A's unreadable scan, only one cycle open",
     mail(Sender.PASS, "th-a", Document("scan.pdf", kind="unknown", problems=("unreadable_scan",),
                                        cycle_problem="unknown_cycle")),
     Outcome.COUNTED, "th-a", {"unreadable_scan", "cycle_by_date"}),
    ("A's document of no known kind, read", mail(Sender.PASS, "th-a", Document("x.docx", kind="unknown",
                                                                         cycle="qcn-2024", has_figures=True)),
     Outcome.COUNTED, "th-a", {"unknown_kind"}),
    ("A's report when no cycle is open", mail(Sender.PASS, "th-a", REPORT_NO_NAME.__class__("bc.docx"),
                                              open_cycles=()),
     Outcome.NOT_SUBMISSION, "th-a", {"no_open_cycle"}),
    ("A's correction replacing its report", mail(Sender.PASS, "th-a", REPORT_A,
                                                 current={("th-a", "qcn-2024"): ON_TIME_A}),
     Outcome.COUNTED, "th-a", {"replaces_current"}),
    ("A re-sending the files of its current report",
     mail(Sender.PASS, "th-a", REPORT_A, files=frozenset({"f-old"}), current={("th-a", "qcn-2024"): ON_TIME_A}),
     Outcome.DUPLICATE, "th-a", {"same_files"}),
    ("A's signature page after its report",
     mail(Sender.PASS, "th-a", Document("ky.pdf", kind="annex"), current={("th-a", "qcn-2024"): ON_TIME_A}),
     Outcome.ANNEX, "th-a", set()),
    ("A's signed scan of the same report (same number, no figures)",
     mail(Sender.PASS, "th-a", Document("scan.pdf", school_id="th-a", cycle="qcn-2024", number="45/BC-THA"),
          current={("th-a", "qcn-2024"): ON_TIME_A}),
     Outcome.ANNEX, "th-a", set()),
    ("A's signature page with no report before it", mail(Sender.PASS, "th-a", Document("ky.pdf", kind="annex")),
     Outcome.NOT_SUBMISSION, "th-a", {"annex_without_report"}),
    ("A's report after the office recorded one itself", mail(Sender.PASS, "th-a", REPORT_A,
                                                             current={("th-a", "qcn-2024"): STRONG_A}),
     Outcome.CLAIM, "th-a", {"lower_trust"}),
    ("A's mail with only a Drive link", mail(Sender.PASS, "th-a", links=("https://drive.google.com/x",)),
     Outcome.LINK_ONLY, "th-a", {"link_only"}),
    ("A's reply to our reminder with only a link",
     mail(Sender.PASS, "th-a", links=("https://drive.google.com/x",), answers_us=True),
     Outcome.LINK_ONLY, "th-a", {"link_only"}),
    ("A's mail with no file", mail(Sender.PASS, "th-a"), Outcome.NOTICE, "th-a", set()),
    ("A's thank-you reply to our receipt", mail(Sender.PASS, "th-a", answers_us=True), Outcome.REPLY_TO_US,
     "th-a", set()),
    ("a stranger's mail without files naming nobody", mail(Sender.UNREGISTERED, None), Outcome.IGNORED, None,
     set()),
    ("a stranger's report naming nobody", mail(Sender.UNREGISTERED, None, REPORT_NO_NAME), Outcome.CLAIM, None,
     {"no_school"}),
    ("a staff member's mail without a command or a file", mail(Sender.STAFF, None), Outcome.STAFF, None, set()),
    ("staff forwarding A's report without a command", mail(Sender.STAFF, None, REPORT_A), Outcome.CLAIM, "th-a",
     {"staff_forward"}),
]


@pytest.mark.parametrize(("case", "evidence", "outcome", "school", "reasons"), POLICY, ids=[p[0] for p in POLICY])
def test_policy(case: str, evidence: Evidence, outcome: Outcome, school: str | None, reasons: set[str]) -> None:
    decision = decide(evidence)
    assert (decision.outcome, decision.school) == (outcome, school)
    assert reasons <= set(decision.reasons)


def test_a_claim_never_mails_the_school_it_names() -> None:
    for _, evidence, outcome, _, _ in POLICY:
        decision = decide(evidence)
        if outcome is Outcome.CLAIM:
            assert decision.reply is None and decision.review in ("claim", "unmatched")


def test_only_trusted_senders_are_answered() -> None:
    for _, evidence, _, _, _ in POLICY:
        if decide(evidence).reply:
            assert evidence.sender in (Sender.PASS, Sender.NONE)


def test_a_correction_after_the_due_date_keeps_the_first_reports_on_time() -> None:
    decision = decide(mail(Sender.PASS, "th-a", REPORT_A, current={("th-a", "qcn-2024"): ON_TIME_A}))
    assert decision.on_time_from is True and decision.replaces


def test_an_ad_hoc_report_is_not_missing_the_plans_figures() -> None:
    doc = Document("bc.docx", school_id="th-a", cycle="adhoc-1", problems=("no_figures",))
    decision = decide(mail(Sender.PASS, "th-a", doc, open_cycles=("adhoc-1",)))
    assert decision.outcome is Outcome.COUNTED and decision.review is None


def test_a_doubtful_counted_report_opens_a_problem_item() -> None:
    doc = Document("bc.docx", school_id="th-a", cycle="qcn-2024", problems=("missing_required",))
    decision = decide(mail(Sender.PASS, "th-a", doc))
    assert decision.outcome is Outcome.COUNTED and decision.review == "problem"


def test_every_parser_problem_has_a_severity_beside_the_decision() -> None:
    sources = "\n".join(p.read_text() for p in Path(parser_problems.__file__).parent.glob("*.py"))
    codes = set(re.findall(r'Problem\(\s*"([a-z_]+)"', sources))
    assert len(codes) >= 15
    assert codes - set(REASONS) == set()
    assert severity("some_new_code") is Severity.PERSON

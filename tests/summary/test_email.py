import dataclasses
import re

import jinja2
import pytest

from daemon.summary import CHART_CID, compute_totals, render_summary_email
from daemon.summary.files import summary_paths
from daemon.summary.message import HTML_TEMPLATE, TEXT_TEMPLATE, _environment, attached_files, email_context
from tests.summary.conftest import all_missing, all_submitted, make_data


@pytest.fixture
def email(data, tmp_path):
    return render_summary_email(data, compute_totals(data), summary_paths(tmp_path, data.cycle_id))


def test_subject_names_the_report_and_the_count(email):
    subject = email[0]
    assert subject == (
        "Tổng hợp báo cáo kết quả thực hiện Đề án Truyền thông về Quyền con người năm 2024: đã nhận 4/5 trường"
    )


def test_nothing_internal_reaches_the_staff(email):
    for part in email:
        for internal in ("baocao", "qcn-2024 ", "mã kỳ", "summary/1", ".json", "key_staff", "$ ", "--cycle"):
            assert internal not in part.replace("tong-hop-qcn-2024", "").replace(CHART_CID, ""), internal


def test_only_attached_files_are_listed(email, tmp_path, data):
    files = summary_paths(tmp_path, data.cycle_id)
    listed = re.findall(r"^- (tong-hop-\S+):", email[1].split("Tệp đính kèm:")[1], re.MULTILINE)
    assert listed == [path.name for path, _ in attached_files(files)] == [files.docx.name, files.xlsx.name]


def test_review_matters_and_blank_figures_are_flagged_in_plain_vietnamese(tmp_path):
    data = make_data()
    review = dataclasses.replace(data.schools[2], problems=("key_staff: đọc được 1, nơi khác ghi 3",))
    blank = dataclasses.replace(data.schools[0], metrics={})
    data = make_data((blank, data.schools[1], review, *data.schools[3:]))
    text = render_summary_email(data, compute_totals(data), summary_paths(tmp_path, data.cycle_id))[1]
    assert (
        "- Trường THCS Trần Can (báo cáo đã được tính vào tổng hợp): "
        "Số cán bộ quản lý, giáo viên chủ chốt: đọc được 1, nơi khác ghi 3"
    ) in text
    assert "- Trường Mầm non Hoa Ban: không có số liệu nào đọc được" in text
    assert (
        "- Trường THCS Trần Can: thiếu số liệu để tính chỉ tiêu: Số cán bộ quản lý, giáo viên chủ chốt"
        in text
    )
    assert "Hoa Hồng: thiếu" not in text  # only an optional figure is blank there


def test_text_has_key_numbers_and_names_the_missing(email):
    text = email[1]
    assert "đã nhận 4/5 trường" in text
    assert "- Trường TH-THCS Thanh Trường" in text
    assert "Tỷ lệ CBQL, GV chủ chốt được tập huấn: 30/40 (75%); mục tiêu 70%: Đạt" in text
    assert "tong-hop-qcn-2024.docx" in text


def test_html_shows_the_chart_inline_and_escapes(email):
    html = email[2]
    assert f'src="cid:{CHART_CID}"' in html
    assert "<li>Trường TH-THCS Thanh Trường</li>" in html
    assert "đã nhận 4/5 trường" in html


@pytest.mark.parametrize(
    "build", [all_missing, all_submitted, lambda: make_data(())], ids=["missing", "submitted", "empty"]
)
def test_edge_cases(build, tmp_path):
    data = build()
    subject, text, _ = render_summary_email(
        data, compute_totals(data), summary_paths(tmp_path, data.cycle_id)
    )
    assert subject.endswith(f"đã nhận {compute_totals(data).received}/{len(data.schools)} trường")
    if data.schools and build is all_submitted:
        assert "Tất cả các trường đã gửi báo cáo." in text


@pytest.mark.parametrize("name", [TEXT_TEMPLATE, HTML_TEMPLATE])
def test_templates_render_under_strict_undefined(name, data, tmp_path):
    """Every name a template uses must be in the context: a typo fails here, not in the office's inbox."""
    env = _environment(name.endswith(".html.j2"))
    assert env.undefined is jinja2.StrictUndefined
    context = email_context(data, compute_totals(data), summary_paths(tmp_path, data.cycle_id))
    assert env.get_template(name).render(context)
    with pytest.raises(jinja2.UndefinedError):
        env.get_template(name).render({k: v for k, v in context.items() if k != "counts"})


def test_html_escapes_school_text(tmp_path):
    data = make_data()
    school = data.schools[3].__class__(**{**data.schools[3].__dict__, "name": "Trường <b>X</b> & Y"})
    data = make_data((*data.schools[:3], school, data.schools[4]))
    html = render_summary_email(data, compute_totals(data), summary_paths(tmp_path, data.cycle_id))[2]
    assert "Trường &lt;b&gt;X&lt;/b&gt; &amp; Y" in html


def test_a_school_with_only_an_unaccepted_claim_is_counted_and_listed_as_not_sent(tmp_path):
    data = make_data()
    claim = dataclasses.replace(
        data.schools[0], status="needs_review", submitted_at=None, problems=("R7: thư từ địa chỉ lạ",)
    )
    data = make_data((claim, *data.schools[1:]))
    subject, text, _ = render_summary_email(
        data, compute_totals(data), summary_paths(tmp_path, data.cycle_id)
    )
    assert subject.endswith("đã nhận 3/5 trường")
    assert "Các trường chưa gửi báo cáo (2):\n- Trường Mầm non Hoa Ban\n" in text
    assert "- Trường Mầm non Hoa Ban (chưa được tính vào tổng hợp): R7: thư từ địa chỉ lạ" in text

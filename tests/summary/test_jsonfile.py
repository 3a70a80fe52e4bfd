import dataclasses
import json

from daemon.summary import SCHEMA, compute_totals, data_fingerprint
from daemon.summary.jsonfile import summary_document
from tests.summary.conftest import SCHOOLS, make_data


def load(written):
    return json.loads(written.json.read_text(encoding="utf-8"))


def test_schema_office_and_cycle(written):
    doc = load(written)
    assert doc["schema"] == SCHEMA == "baocao.summary/1"
    assert doc["office"]["name"] == "Phòng Giáo dục và Đào tạo thành phố Điện Biên Phủ"
    assert doc["cycle"] == {
        "id": "qcn-2024",
        "due": "2024-11-14",
        "opens": "2024-10-01",
        "title": "Báo cáo kết quả thực hiện Đề án Truyền thông về Quyền con người năm 2024",
    }


def test_totals_equal_the_model(written, data):
    doc, totals = load(written), compute_totals(data)
    assert doc["totals"]["expected"] == 5 and doc["totals"]["received"] == 4 and doc["totals"]["missing"] == 1
    assert doc["totals"]["by_level"]["MN"] == {
        "expected": 2,
        "received": 2,
        "on_time": 2,
        "late": 0,
        "missing": 0,
        "needs_review": 0,
    }
    for key, total in totals.metrics.items():
        got = doc["totals"]["metrics"][key]
        assert (got["value"], got["reporting"], got["sum"], got["share"]) == (
            total.value,
            total.reporting,
            total.total,
            total.share,
        )


def test_targets_with_numerator_and_denominator(written):
    spokes, trained, fake = load(written)["targets"]
    assert (spokes["numerator"], spokes["denominator"], spokes["percent"], spokes["met"]) == (
        3,
        4,
        75.0,
        False,
    )
    assert (trained["numerator_metric"], trained["denominator_metric"]) == ("key_staff_trained", "key_staff")
    assert (trained["numerator"], trained["denominator"], trained["met"]) == (30, 40, True)
    assert (fake["numerator"], fake["denominator"], fake["target"]) == (4, 5, 90)


def test_school_rows(written):
    schools = load(written)["schools"]
    assert [s["id"] for s in schools] == [s.id for s in SCHOOLS]
    assert schools[0]["submitted_at"] == "2024-11-10T09:30:00+07:00"
    assert schools[0]["metrics"]["spokesperson"] is True and schools[3]["submitted_at"] is None


def test_as_report_has_the_shape_of_a_parsed_report(written):
    report = load(written)["as_report"]
    assert report["school"]["name"] == "Phòng Giáo dục và Đào tạo thành phố Điện Biên Phủ"
    assert report["cycle"] == "qcn-2024"
    assert report["metrics"]["sessions"] == 10 and report["metrics"]["spokesperson"] is False
    assert "exhibitions" not in report["metrics"]  # nobody reported it: absent, never guessed
    assert report["sections"]["difficulties"].startswith("Trường Mầm non Hoa Ban: Thiếu kinh phí")


def test_roll_up_of_two_summaries_by_their_additive_parts():
    """GIVEN two wards' summaries WHEN the level above adds their parts THEN it gets the combined figures."""
    first, second = make_data(SCHOOLS[:2]), make_data(SCHOOLS[2:])
    docs = [summary_document(d, compute_totals(d)) for d in (first, second)]
    whole = compute_totals(make_data())
    for i, target in enumerate(whole.targets):
        assert sum(d["targets"][i]["numerator"] for d in docs) == target.numerator
        assert sum(d["targets"][i]["denominator"] for d in docs) == target.denominator
    parts = [d["totals"]["metrics"]["pupils_reached"] for d in docs]
    assert (
        sum(p["sum"] for p in parts) / sum(p["reporting"] for p in parts)
        == whole.metrics["pupils_reached"].value
    )


def test_empty_cycle_is_valid_json(tmp_path):
    doc = summary_document(make_data(()), compute_totals(make_data(())))
    assert json.loads(json.dumps(doc, allow_nan=False))["totals"]["expected"] == 0


def test_fingerprint_ignores_generated_at_only(data):
    later = dataclasses.replace(data, generated_at=data.generated_at.replace(day=28))
    assert data_fingerprint(later) == data_fingerprint(data)
    changed = dataclasses.replace(SCHOOLS[0], metrics={**SCHOOLS[0].metrics, "sessions": 4})
    assert data_fingerprint(make_data((changed, *SCHOOLS[1:]))) != data_fingerprint(data)
    late = dataclasses.replace(SCHOOLS[3], status="late")
    assert data_fingerprint(make_data((*SCHOOLS[:3], late, SCHOOLS[4]))) != data_fingerprint(data)
    assert data_fingerprint(data).startswith("sha256:")

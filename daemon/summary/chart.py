"""The summary chart: submission status by level, and each target against the plan."""

from __future__ import annotations

import io
import textwrap

from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from daemon.summary.labels import NO_DATA, NOT_JUDGED, STATUS_LABELS, fmt_percent, level_label
from daemon.summary.model import SummaryData
from daemon.summary.totals import Totals

# DejaVu Sans ships inside matplotlib and covers Vietnamese, so the chart never depends on system fonts.
FONT = "DejaVu Sans"
STATUS_COLOURS = {"on_time": "#2e7d32", "late": "#f9a825", "needs_review": "#1565c0", "missing": "#bdbdbd"}
DPI = 150  # 1500 px wide: sharp in the docx at 16 cm and still small (< 150 kB)


def render_chart(data: SummaryData, totals: Totals) -> bytes:
    """PNG bytes: submissions by level, and beside it the targets when the plan sets any (no empty panel)."""
    fig = Figure(figsize=(10, 3.2) if totals.targets else (6.5, 3.2), dpi=DPI)
    FigureCanvasAgg(fig)
    fig.set_layout_engine("constrained")
    if totals.targets:
        left, right = fig.subplots(1, 2, width_ratios=(1, 1.15))
        _status_panel(left, totals)
        _target_panel(right, totals)
    else:
        _status_panel(fig.subplots(1, 1), totals)
    fig.suptitle(
        f"Biểu đồ: Tình hình gửi báo cáo (đã gửi {totals.received}/{totals.expected} trường)"
        + (" và tiến độ thực hiện các chỉ tiêu" if totals.targets else ""),
        fontfamily=FONT,
        fontsize=12,
        fontweight="bold",
    )
    out = io.BytesIO()
    fig.savefig(out, format="png", dpi=DPI, metadata={"Software": None})
    return out.getvalue()


def _status_panel(ax: Axes, totals: Totals) -> None:
    names = ["\n".join(textwrap.wrap(level_label(lv), 10)) for lv in totals.by_level] or [NO_DATA]
    ax.set_title("Tình hình gửi báo cáo theo cấp học", fontfamily=FONT, fontsize=10)
    bottoms = [0] * len(names)
    for status, colour in STATUS_COLOURS.items():
        heights = [getattr(c, status) for c in totals.by_level.values()] or [0]
        if status == "needs_review" and not any(heights):
            continue  # the report sent upward knows only on time, late and not sent
        bars = ax.bar(names, heights, bottom=bottoms, color=colour, label=STATUS_LABELS[status], width=0.6)
        ax.bar_label(
            bars,
            labels=[str(h) if h else "" for h in heights],
            label_type="center",
            fontsize=8,
            fontfamily=FONT,
            color="white" if status != "missing" else "black",
        )
        bottoms = [b + h for b, h in zip(bottoms, heights, strict=True)]
    ax.set_ylabel("Số trường", fontfamily=FONT, fontsize=9)
    ax.set_ylim(0, max([*bottoms, 1]) * 1.3)  # headroom for the one-line legend above the bars
    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    ax.tick_params(labelsize=8)
    for label in ax.get_xticklabels():
        label.set_fontfamily(FONT)
    ax.legend(prop={"family": FONT, "size": 8}, loc="upper center", ncols=4, frameon=False)
    ax.spines[["top", "right"]].set_visible(False)


def _target_panel(ax: Axes, totals: Totals) -> None:
    ax.set_title("Tiến độ thực hiện chỉ tiêu của Kế hoạch", fontfamily=FONT, fontsize=10)
    targets = list(reversed(totals.targets))
    rows = range(len(targets))
    values = [t.percent or 0.0 for t in targets]
    colours = ["#9e9e9e" if not t.judged else "#2e7d32" if t.met else "#c62828" for t in targets]
    ax.barh(list(rows), values, color=colours, height=0.55)
    for row, target in zip(rows, targets, strict=True):
        ax.plot([target.target, target.target], [row - 0.38, row + 0.38], color="black", linewidth=2)
        text = (
            f"{fmt_percent(target.percent)} / mục tiêu {fmt_percent(target.target)}"
            if target.percent is not None
            else f"{NO_DATA} / mục tiêu {fmt_percent(target.target)}"
        ) + ("" if target.judged else f" ({NOT_JUDGED.lower()})")
        ax.text(2, row + 0.42, text, va="bottom", fontsize=8, fontfamily=FONT)
    ax.set_yticks(list(rows), ["\n".join(textwrap.wrap(t.label, 26)) for t in targets])
    for label in ax.get_yticklabels():
        label.set_fontfamily(FONT)
    ax.set_xlim(0, max([110.0, *values]) * 1.02)
    ax.set_ylim(-0.6, max(len(targets), 1) - 0.1)
    ax.set_xlabel("Tỷ lệ (%); vạch đen: mục tiêu", fontfamily=FONT, fontsize=9)
    ax.tick_params(labelsize=8)
    ax.spines[["top", "right"]].set_visible(False)

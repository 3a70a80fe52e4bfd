"""The docx must open in LibreOffice: converted to PDF and rendered page by page, every page has ink."""

import shutil
import subprocess

import pytest
from PIL import Image

from daemon.summary import write_summary
from daemon.summary.sample import sample_data

pytestmark = pytest.mark.slow


def require(tool: str) -> str:
    path = shutil.which(tool)
    if path is None:  # never a skip: CI installs LibreOffice and poppler-utils
        pytest.fail(f"{tool} is not installed; install libreoffice and poppler-utils")
    return path


def test_docx_converts_and_every_page_has_content(tmp_path):
    soffice, pdftoppm = require("soffice"), require("pdftoppm")
    files = write_summary(sample_data(60), tmp_path / "out")
    profile = (tmp_path / "lo-profile").as_uri()
    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation={profile}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(files.docx),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    pdf = tmp_path / f"{files.docx.stem}.pdf"
    assert pdf.stat().st_size > 10_000
    subprocess.run([pdftoppm, "-r", "40", "-png", str(pdf), str(tmp_path / "page")], check=True, timeout=120)
    pages = sorted(tmp_path.glob("page-*.png"))
    assert len(pages) >= 4  # body of several pages plus the landscape appendix
    for page in pages:
        with Image.open(page) as image:
            dark = sum(image.convert("L").point(lambda v: v < 128 and 255).histogram()[255:])
        assert dark > 500, f"{page.name} is blank"
    with Image.open(pages[0]) as first, Image.open(pages[-1]) as last:
        assert first.width < first.height and last.width > last.height  # portrait body, landscape appendix

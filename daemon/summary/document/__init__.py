"""The office's báo cáo as a Word document in the Nghị định 30/2020 format: report.py puts together frame.py (the
page around it), tables.py, issues.py (section IV) and format.py (OOXML details). Only daemon.summary imports it;
it imports daemon.summary's own modules and python-docx, nothing else of daemon."""

"""reportgen: builds the Dutch evaluation report of a sector plan from its yearly data.

Pipeline (one module per stage, wired by pipeline.py and build.py):
load (loading.py) -> validate (validation.py, completeness.py) -> compute (compute/, a
ReportModel of numbers and codes, model.py) -> view (view/: every Dutch word, the outline
of opbouw.toml; texts/ renders the Markdown texts) -> charts (charts.py) -> HTML (render/)
-> PDF (pdf.py, tagging.py) -> write (build.py, atomically). A project folder
(project.py) says where the data, output and templates are; the package's own files are
found by resources.py.
"""

__version__ = "0.1.0"

import logging as _logging

# A library logs; the build decides where to (its log file). Without a file, say nothing.
_logging.getLogger("reportgen").addHandler(_logging.NullHandler())

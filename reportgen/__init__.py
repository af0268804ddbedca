"""reportgen: builds the Dutch evaluation report of a sector plan from its yearly data.

Pipeline (one module per stage, see reportgen/build.py):
load (loading.py) -> validate (validation.py) -> compute (compute.py, a ReportModel from
model.py) -> charts (charts.py) -> texts (texts.py) -> HTML (render.py) -> PDF (pdf.py) ->
write (build.py, atomically). A project folder (project.py) says where the data, output
and templates are; the package's own files are found by resources.py.
"""

__version__ = "0.1.0"

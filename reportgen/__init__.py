"""reportgen: builds the Dutch evaluation report of the sector plan 'Versnellen op gezondheid'.

Pipeline (one module per stage, see reportgen/build.py):
load (loading.py) -> validate (validation.py) -> compute (compute.py, a ReportModel from
model.py) -> charts (charts.py) -> texts (texts.py) -> HTML (render.py) -> PDF (pdf.py) ->
write (build.py, atomically).
"""

__version__ = "0.1.0"

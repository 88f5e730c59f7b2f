"""The reports' pages: staff only (views.staff), with the charts they draw (views.charts)."""

"""The events CSV: counts are plain numbers a spreadsheet reads as numbers."""

import csv
import io

from intranet.clock import local_today


def test_events_csv_counts_are_plain_numbers(client, login_as, make_event):
    event_id = make_event(status="held", day=local_today())
    login_as("admin")
    response = client.get("/staff/events/export.csv")
    rows = list(csv.DictReader(io.StringIO(response.get_data(as_text=True).lstrip("\ufeff"))))
    (row,) = [r for r in rows if r["id"] == str(event_id)]
    for name in ("id", "attendance_total", "attendance_children", "attendance_youth"):
        assert row[name].isdigit(), (name, row[name])

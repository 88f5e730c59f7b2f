"""The seats of a centre as one table: every seat a row, saved together with one button."""

from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, FieldList, Form, FormField, HiddenField, StringField, SubmitField
from wtforms.validators import Optional, Regexp, ValidationError

from intranet.coworking.forms.staff import AsksBeforeCancelling
from intranet.coworking.models import CoworkingCentre
from intranet.coworking.services import SeatData, SeatRow
from intranet.coworking.services.seats import NO_LABEL
from intranet.forms import chosen_id, max_length, no_control_characters

# Blank rows the "more rows" button adds; a table holds at most MAX_ROWS (a form posts them all).
MORE_ROWS = 5
MAX_ROWS = 300
FEATURES = ("has_power", "has_computer", "is_quiet_zone", "is_group_table")


class SeatRowForm(Form):
    """One row: a seat (its id hidden) or, with no id, a seat to add if a label is typed."""

    seat_id = HiddenField(validators=[Optional(), Regexp(r"^\d+$")])
    # TRANSLATORS: a seat's short name on the board, such as A1.
    label = StringField(_l("Label"), validators=[max_length(20), no_control_characters])
    has_power = BooleanField(_l("Power socket"))
    has_computer = BooleanField(_l("Computer"))
    is_quiet_zone = BooleanField(_l("Quiet zone"))
    is_group_table = BooleanField(_l("Group table"))
    is_active = BooleanField(_l("Bookable"))
    remove = BooleanField(_l("Remove"))

    def validate_label(self, field: StringField) -> None:
        if self.seat_id.data and not (field.data or "").strip() and not self.remove.data:
            raise ValidationError(NO_LABEL)

    def to_row(self, row: int) -> SeatRow | None:
        """The row as save_seats takes it (`row`: its index); None for a blank new row."""
        label = (self.label.data or "").strip()
        if not self.seat_id.data and not label:
            return None
        data = SeatData(
            label=label,
            is_active=bool(self.is_active.data),
            **{name: bool(self[name].data) for name in FEATURES},
        )
        seat_id = chosen_id(self.seat_id.data)
        return SeatRow(row=row, seat_id=seat_id, data=data, remove=bool(self.remove.data))


class SeatsForm(AsksBeforeCancelling):
    """Section 3 of the set-up: all seats in one table, and blank rows for new ones."""

    seats = FieldList(FormField(SeatRowForm), max_entries=MAX_ROWS)
    # A second button that saves nothing: the same table again, typed values kept, more rows.
    more = SubmitField()

    def to_rows(self) -> list[SeatRow]:
        """The validated rows, blank new ones left out."""
        # The index each row was posted with, so that an error lands on the row it is about.
        rows = (entry.form.to_row(int(entry.name.rpartition("-")[2])) for entry in self.seats)
        return [row for row in rows if row is not None]

    def add_blank_rows(self, count: int) -> None:
        """Blank rows for new seats (bookable unless unticked)."""
        for _ in range(min(count, MAX_ROWS - len(self.seats))):
            self.seats.append_entry({"is_active": True})

    @classmethod
    def of(cls, centre: CoworkingCentre) -> "SeatsForm":
        """The table as saved, with one blank row for a new seat."""
        rows = [
            {
                "seat_id": str(seat.id),
                "label": seat.label,
                "is_active": seat.is_active,
                **{name: getattr(seat, name) for name in FEATURES},
            }
            for seat in centre.seats
        ]
        form = cls(formdata=None, data={"seats": rows})
        form.add_blank_rows(1 if rows else 3)
        return form

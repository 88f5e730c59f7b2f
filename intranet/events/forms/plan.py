"""The annual plan's upload: the year it plans and the filled-in template."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired

from intranet.clock import local_today
from intranet.forms import SelectField


class PlanUploadForm(FlaskForm):
    """Which year the plan is for (this one or the next), and the workbook."""

    year = SelectField(_l("The plan's year"), coerce=int)
    file = FileField(
        _l("The filled-in template (.xlsx)"),
        validators=[FileRequired(_l("Choose the plan's file."))],
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        this_year = local_today().year
        self.year.choices = [(this_year, str(this_year)), (this_year + 1, str(this_year + 1))]

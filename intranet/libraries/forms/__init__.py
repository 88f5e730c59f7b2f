"""The libraries' editing forms: a library's page, and the clubs."""

from intranet.libraries.forms.club import ClubForm
from intranet.libraries.forms.library import LibraryForm, normal_phone

__all__ = ["ClubForm", "LibraryForm", "normal_phone"]

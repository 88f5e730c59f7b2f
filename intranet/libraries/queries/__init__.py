"""Read models of the libraries for their public pages."""

from intranet.libraries.queries.directory import (
    DayChange,
    LibraryGroup,
    clubs_of,
    hours_text_on,
    library_directory,
    upcoming_changes,
)

__all__ = [
    "DayChange",
    "LibraryGroup",
    "clubs_of",
    "hours_text_on",
    "library_directory",
    "upcoming_changes",
]

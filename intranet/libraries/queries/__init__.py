"""Read models of the libraries for their public pages."""

from intranet.libraries.queries.directory import (
    LibraryGroup,
    clubs_of,
    library_directory,
    upcoming_closed_days,
)

__all__ = ["LibraryGroup", "clubs_of", "library_directory", "upcoming_closed_days"]

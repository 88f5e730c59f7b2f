"""Web pages of events: the public calendar and the staff desk."""

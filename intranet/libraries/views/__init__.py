"""The libraries' pages and API."""

"""Coworking pages: public (the centres, booking, the private page), staff and the JSON API."""

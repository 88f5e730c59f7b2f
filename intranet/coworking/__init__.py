"""Coworking centres, seats and bookings."""

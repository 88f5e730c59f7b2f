"""Notifications' pages."""

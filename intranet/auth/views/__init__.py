"""Sign-in pages (auth_public) and the staff desk (auth_staff)."""

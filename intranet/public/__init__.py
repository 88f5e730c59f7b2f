"""Public pages that need no sign-in: home and health."""

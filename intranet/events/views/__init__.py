"""Web pages of events: public.py (readers), staff/ (the staff desk), api.py (JSON)."""

"""The public pages (blueprint public): the home page and the health check."""

"""The admin pages (admin_staff): accounts, the audit log, closed days."""

"""Administration: staff accounts, the audit log, closed days, backups."""

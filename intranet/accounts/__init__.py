"""Accounts that look after themselves: invitations and forgotten passwords, sent by mail."""

"""Notifications: the outbox every outgoing message passes through, and its delivery."""

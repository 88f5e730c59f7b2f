"""Staff sign-in, accounts and permissions."""

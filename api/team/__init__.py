"""Leaving the company: one step that closes the account, its logins and its devices."""

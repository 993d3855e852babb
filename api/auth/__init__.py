"""Sign-in, tokens, invites and rate limiting."""

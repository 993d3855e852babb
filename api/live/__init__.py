"""Live updates: Server-Sent Events fed by an in-process or a Redis pub/sub broker."""

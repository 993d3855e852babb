"""An append-only record of accountable actions (urgent pushes, and who sent them why)."""

"""Text every kind of content shares: Markdown rendered to safe HTML, and full-text search
(parsing what was typed, matching it with each database's own engine, marking the hits)."""

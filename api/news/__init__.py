"""Store news: targeted announcements, must-read acknowledgements, comments and reactions."""

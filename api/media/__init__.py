"""Images for posts: uploaded, checked, stored under var/media/, served with long caching."""

"""Regions, stores and the people who work for them."""

"""Pieces every domain shares: the clock, pagination, strict request models."""

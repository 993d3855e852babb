"""Benchmarks: `make bench` prints numbers and ratios; nothing here passes or fails on time."""

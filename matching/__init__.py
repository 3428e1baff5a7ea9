"""Pairing: matching runs, proposals and the pair lifecycle (issue: Matching)."""

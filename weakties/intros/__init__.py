"""Introductions."""

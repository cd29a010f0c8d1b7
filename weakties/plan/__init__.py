"""Daily plan."""

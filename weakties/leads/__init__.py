"""Job leads."""

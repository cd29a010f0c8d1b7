"""weakties: a networking tracker for job seekers."""

__version__ = "0.1.0"

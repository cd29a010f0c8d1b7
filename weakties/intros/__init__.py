"""Introductions: the adapter between the network's tables and the path engine in ``graph``.

A plain package, not a Django app (it has no tables): snapshot building from the database, the
per-user cache, explanations of each hop, and the pages and commands that ask for paths.
Templates live in ``weakties/web/templates/web/intros/``.
"""

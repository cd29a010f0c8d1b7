"""How far introductions are searched: plain constants, importable without numpy."""

# Introductions longer than four hops are useless in practice (a friend of a friend of a
# friend of a friend), and bounding the search keeps it fast on a million people.
DEFAULT_MAX_HOPS = 4
# The most a user may ask for.
MAX_HOPS_LIMIT = 10

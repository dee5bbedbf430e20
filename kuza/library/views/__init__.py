"""Pages of the library: resources.py (search, contributions, review) and plans.py."""

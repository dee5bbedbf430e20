"""Writes of the library, by entity: resources.py and plans.py."""

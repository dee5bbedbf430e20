"""Survey pages: answering (answering.py), building (building.py), results (results.py)."""

"""The registers' full-text search: the index (fulltext.py) and, per register, its words,
keys and SQL (teachers.py, schools.py)."""

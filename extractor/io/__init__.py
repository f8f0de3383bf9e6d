from . import sqlite  # noqa: F401  registers the sqlite output format

"""Whole pages and fragments kept, shared between readers, dropped by tags and counted.

The whole mechanism is explained on one page: ``README.md`` beside this file.
"""

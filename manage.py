#!/usr/bin/env python
"""Django's manage.py, kept for habit: ``lanting`` does the same."""

from lanting.__main__ import main

if __name__ == "__main__":
    main()

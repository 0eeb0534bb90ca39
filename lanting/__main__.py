"""The ``lanting`` command: Django's management commands with Lanting's settings."""

import os
import sys

from lanting.conf import ConfigError


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lanting.settings")
    from django.core.management import execute_from_command_line

    try:
        execute_from_command_line(sys.argv)
    except ConfigError as error:
        sys.stderr.write(f"lanting: configuration error: {error}\n")
        raise SystemExit(2) from None


if __name__ == "__main__":
    main()

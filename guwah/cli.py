"""The ``guwah`` command: Django's management commands under the project's own name.

Command groups such as ``guwah names convert`` or ``guwah log verify`` are management commands
(``names``, ``log``) whose first argument picks a sub-command.
"""

from __future__ import annotations

import os
import sys


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "guwah.settings")
    from django.core.management import execute_from_command_line

    args = list(sys.argv[1:] if argv is None else argv)
    execute_from_command_line(["guwah", *args])


if __name__ == "__main__":
    main()

"""``python -m analysis``: see ``analysis.cli``."""

import sys

from analysis.cli import main

# Guarded so that worker processes started with "spawn" can import this module safely.
if __name__ == "__main__":
    sys.exit(main())

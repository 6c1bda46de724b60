"""``python -m cascade``: the command line (see :mod:`cascade.cli`)."""

from __future__ import annotations

import sys

from cascade.cli import main

if __name__ == "__main__":
    sys.exit(main())

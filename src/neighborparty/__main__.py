"""``python -m neighborparty``: the command line."""

import sys

from neighborparty.cli import main

sys.exit(main())

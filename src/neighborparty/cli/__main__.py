"""``python -m neighborparty.cli``: the command line, as ``python -m neighborparty``."""

import sys

from neighborparty.cli import main

sys.exit(main())

"""``python -m devin_client.testing``: the same as the ``devin-mock`` command."""

import sys

from ._cli import main

if __name__ == "__main__":
    sys.exit(main())

"""``python -m devin_client.cli``: the ``devin`` command."""

from . import main

main()

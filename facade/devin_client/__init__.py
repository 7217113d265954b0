"""devin_client: a typed Python client for the Devin API.

The generated low-level client lives in the sibling package ``devin_api``; this package is the
hand-written layer users import.
"""

from ._version import __version__

__all__ = ["__version__"]

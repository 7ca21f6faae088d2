"""Tests run against the source tree unless the package is installed."""
import os
import sys

try:
    import ante_client  # noqa: F401
except ImportError:
    sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "src"))

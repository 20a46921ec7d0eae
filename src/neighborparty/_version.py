"""The version of the library, in the lowest layer so that every layer may record it (a
report's provenance does)."""

__version__ = "0.1.0.dev0"

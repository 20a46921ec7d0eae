"""The rule catalogue: importing this module registers every rule (NP101–NP604)."""

from neighborparty.rules import organization  # noqa: F401

__all__: list[str] = []

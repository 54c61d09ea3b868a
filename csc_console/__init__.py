"""csc-console: the Citizen Service Center's keyboard-driven terminal console."""

__version__ = "0.1.0"

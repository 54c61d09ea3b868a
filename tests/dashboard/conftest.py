"""The UI tests here use the app factory of tests/ui."""

from tests.ui.conftest import make_ui_app  # noqa: F401 - a fixture, re-exported

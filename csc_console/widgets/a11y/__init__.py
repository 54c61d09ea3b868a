"""The accessibility base every screen gets for free (see docs/accessibility-base.md).

- ``app.AccessibleApp``: subclass it; the terminal cursor follows focus, the focus line
  announces focus/highlight/state changes, messages are logged, keys are named in words.
- ``cursor``: where the cursor goes per widget class (``@cursor_locator``, ``a11y_cursor``).
- ``describe``: what the focus line says per widget class (``@describer``, ``a11y_describe``,
  ``a11y_label``, ``a11y_role``).
- ``keys``: bindings in words, for help and the palette.

Submodules are imported where used (nothing here), to keep start-up light.
"""

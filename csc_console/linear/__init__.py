"""Screen-reader mode: a line-oriented front end over the same services as the full-screen UI.

Started by ``csc-console --screen-reader``, ``CSC_SCREEN_READER=1``, ``TERM=dumb``, or when
stdin or stdout is not a terminal (``cli.main`` decides; ``shell.run_line_mode`` runs it). It
never imports Textual or Rich, never writes an escape sequence, and never erases or redraws.

The pieces, for the issues that add workflows here:

- ``io.LineIO``: the only reader/writer. ``say``, ``status`` ("Status: ..."), ``error``
  ("Error: ..."), ``notice`` ("Notice: ..."), ``record(*parts)`` (one record per line, most
  important part first), ``post_notice`` (thread-safe, said before the next prompt). Every line
  goes through ``services.text.printable`` and is never wrapped.
- ``prompts``: ``TextPrompt`` (validation, max length, defaults, ``-`` clears an optional
  answer), ``ChoicePrompt`` over ``Option(value, title, detail, aliases)`` (number or name,
  range and default in the prompt line, echoed back), ``YesNoPrompt``, ``MultiChoicePrompt``.
  Subclass ``Prompt`` for new kinds (``text``, ``parse``, ``echo``, ``help_lines``).
- ``ask.ask``: puts one prompt; handles ``help``, ``repeat``, ``back``, ``cancel``, ``quit`` and
  a workflow's own ``Command``s; ``ask.confirm`` for yes/no confirmations.
- ``workflow.Workflow`` + ``Step``: a series of prompts with back/cancel/repeat/help for free,
  ``apply`` callbacks (``STAY``, ``FINISH``, ``CANCEL``, ``Goto``), ``finish()`` to save;
  ``LineSession.run(workflow)`` runs one (from the menu or nested in another); ``resume_at``
  starts a recovered draft at the step it had reached (see ``intake``).
- ``menu.menu_entry`` registers a workflow in the menu; list its module in
  ``menu.WORKFLOW_MODULES``.
- ``words``: numbers, times and dates as a reader says them.
"""

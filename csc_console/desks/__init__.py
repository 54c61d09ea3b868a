"""The desk layer: one headless model of each workspace's work, rendered by both front ends.

A desk holds a workflow's state and steps, applies its rules and owns every sentence the user
sees or hears (prompts, choices, statuses, errors, read-backs, notices). It calls services,
which return facts, and turns facts into words. It imports no textual, rich, SQLAlchemy or
SQLModel, and neither front end: the full screen (``csc_console.screens``) renders a desk as
widgets and a focus line, the screen-reader mode (``csc_console.linear``) as prompts and lines,
and neither decides what is allowed or what is said (DESIGN.md, "Desks").

- ``words``: numbers, times and dates as a screen reader says them; ``text``: records joined
  with commas, sentences, short quotes; ``choices``: a choice as both front ends offer it.
- ``intake``: the call in progress (``intake.call.CallDesk``: its state, the rule for each
  answer, which step comes next), its steps in their one order and their labels
  (``intake.steps``), the caller's number, name and details (``intake.caller``), the redirect
  rules read once per call (``intake.redirects``), what is
  said about the call (``intake.call_say``) and about the caller, history, duplicates,
  redirects, topics and referrals (``intake.say``), the save outcome and the disposition it
  gives (``intake.outcome``), and the unfinished call offered back (``intake.resume``).
- ``readback``: the read-back a CSR says aloud (number spelt out, expected date) and the
  one-line records of a request, work order and call, for both front ends and the CLI.
- ``relay``: the relay part of a call (panel, numbered turns, who speaks next, the outbox).
- ``quit``: whether quitting must ask, and the one question both front ends ask.
- ``inbox``: the Inbox workflow (actions on a message, the duplicate question before a message
  becomes a request: link the sender or create anyway) and all its words (list and detail
  lines, respond-by times, replies, outcomes, refusals).
- ``dispatch``: the radio desk: typed saves and their client keys, the outbox payload, the
  questions a radio line raises (is the work completed?) kept until answered, every sentence.
- ``workorders``: the work-order queue and detail: ``words`` (labels that never raise, the
  filter, sort, count and page, call-back lists, history, stale changes, the status-change rule
  and its refusals, saved and bulk outcomes, files) and ``queue`` (the filter and sort, from the
  operator's last ones, kept when changed).
- ``dashboard``: the figures of a period, its heading and range refusal, grouped reports,
  trends, CSR lines and long calls (also ``report --format text``).
- ``signin``: the operator name's label, the workstation account's sentence, who signed in.
- ``live``: live updates back on, and the outcome of the saves queued while the database was
  away.
"""

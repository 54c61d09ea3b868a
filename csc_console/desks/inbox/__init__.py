"""The Inbox desk: the rules of answering a message and every sentence both front ends say about
it. ``words``: a message's kinds and actions, its list line and detail, labels, choices and
titles; ``replies``: the replies to start from, the outcome of each answer, the refusals;
``duplicates``: the duplicate question asked before a message becomes a request, and the save
that answers it. Front ends use the package as one namespace (``desks.inbox as desk``).
"""

from csc_console.desks.inbox.duplicates import *  # noqa: F403
from csc_console.desks.inbox.replies import *  # noqa: F403
from csc_console.desks.inbox.words import *  # noqa: F403

"""The work-order desk: the queue's and a work order's wording and rules (``words``), shared by
the full-screen Work orders workspace and the screen-reader mode's."""

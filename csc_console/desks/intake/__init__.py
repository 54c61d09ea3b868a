"""The intake call's desk: ``say`` holds its wording, shared by both front ends."""

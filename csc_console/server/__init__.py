"""The Open311 GeoReport v2 server (``csc-console serve``): FastAPI + uvicorn over the same
services as the console. Imported only by the ``serve`` command, never on the console's
start-up path (an import-linter contract keeps it so)."""

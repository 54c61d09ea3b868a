"""The phone system's call-detail records: column mapping (``mapping``) and the import
(``importer``). See docs/call-detail-import.md."""

from csc_console.services.calldata.importer import ImportSummary, Problem, import_calls
from csc_console.services.calldata.mapping import (
    FIELDS,
    REQUIRED,
    CdrMapping,
    load_mapping,
    parse_map_option,
)

__all__ = [
    "FIELDS",
    "REQUIRED",
    "CdrMapping",
    "ImportSummary",
    "Problem",
    "import_calls",
    "load_mapping",
    "parse_map_option",
]

"""JSON and XML bodies in the shapes GeoReport v2 clients expect, and its error format.

JSON keeps text exactly as stored (``ensure_ascii``: escape characters travel as ``\\u001b``).
XML 1.0 cannot carry most control characters at all, so those few are written as the visible
stand-ins the console itself shows (``<ESC>``, ``^G``), escaped like any other text.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import Any
from xml.etree import ElementTree as ET

from csc_console.services.text import printable

JSON_TYPE = "application/json; charset=utf-8"
XML_TYPE = "text/xml; charset=utf-8"

#: list field -> the element each item becomes
ITEM_NAMES = {
    "attributes": "attribute",
    "values": "value",
    "endpoints": "endpoint",
    "formats": "format",
}


def _xml_allowed(ch: str) -> bool:
    code = ord(ch)
    return (
        ch in "\t\n\r"
        or 0x20 <= code <= 0xD7FF
        or 0xE000 <= code <= 0xFFFD
        or 0x10000 <= code <= 0x10FFFF
    )


def xml_text(text: str) -> str:
    """``text`` with the characters XML cannot hold shown as visible stand-ins."""
    if all(_xml_allowed(ch) for ch in text):
        return text
    return "".join(ch if _xml_allowed(ch) else printable(ch) for ch in text)


def _scalar(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return xml_text(str(value))


def _fill(element: ET.Element, name: str, value: Any) -> None:
    child = ET.SubElement(element, name)
    if isinstance(value, Mapping):
        for key, inner in value.items():
            _fill(child, str(key), inner)
    elif isinstance(value, list | tuple):
        item = ITEM_NAMES.get(name, "item")
        for inner in value:
            _fill(child, item, inner)
    else:
        child.text = _scalar(value)


def to_xml(root: str, item: str | None, data: Any) -> bytes:
    """``<root><item>...</item>...</root>`` for a list, ``<root>...</root>`` for a dict."""
    top = ET.Element(root)
    if isinstance(data, Mapping):
        for key, value in data.items():
            _fill(top, str(key), value)
    else:
        assert item is not None
        for entry in data:
            _fill(top, item, entry)
    body: bytes = ET.tostring(top, encoding="utf-8")
    return b'<?xml version="1.0" encoding="utf-8"?>\n' + body


def to_json(data: Any) -> bytes:
    return json.dumps(data, ensure_ascii=True, separators=(",", ":")).encode("ascii")


def errors(status: int, descriptions: Sequence[str]) -> list[dict[str, Any]]:
    return [{"code": status, "description": text} for text in descriptions]

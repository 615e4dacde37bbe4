"""Markdown fields turned into what a feed needs: HTML for Atom, plain text for calendars;
and text made safe for the XML and iCalendar writers, which escape it but do not drop what
their format cannot hold."""

from __future__ import annotations

import html
import re
from functools import lru_cache
from xml.etree import ElementTree as ET

import markdown as md

from .. import speedups
from ..pages.paragraph_fields import paragraphs_html
from ..records.safe_markdown import sanitize

_TAG = re.compile(r"<[^>]+>")
# One converter for all fields: building a Markdown instance costs more than converting.
_CONVERTER = md.Markdown(extensions=["attr_list"], output_format="html")


@lru_cache(maxsize=4096)
def to_html(text: str) -> str:
    """Sanitized like the pages: a feed reader shows this HTML. Characters no feed can hold
    go first: the sanitizer cannot encode a lone surrogate."""
    text = xml_text(text)
    plain = paragraphs_html(text) if speedups.enabled() else None
    return sanitize(plain if plain is not None else _CONVERTER.reset().convert(text))


@lru_cache(maxsize=4096)
def to_plain(text: str) -> str:
    """Markdown without its markup: paragraphs kept, tags dropped, entities decoded."""
    rendered = to_html(text)
    rendered = re.sub(r"</p>\s*", "\n\n", rendered)
    rendered = re.sub(r"<br\s*/?>|</li>\s*", "\n", rendered)
    plain = html.unescape(_TAG.sub("", rendered))
    # Line breaks inside a paragraph are only how the file was wrapped.
    paragraphs = (" ".join(p.split()) for p in re.split(r"\n\s*\n", plain))
    return "\n\n".join(p for p in paragraphs if p)


# What XML 1.0 forbids (C0 controls but tab and line breaks, surrogates, U+FFFE and U+FFFF):
# one such character, e.g. from a YAML escape, and a feed is no longer well-formed.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
# RFC 5545's CONTROL (all but tab) and what UTF-8 cannot encode; line breaks are kept
# as "\n" for icalendar to escape, since a bare CR would end the content line.
_NOT_ICS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")
_CR = re.compile(r"\r\n?")


def xml_text(text: str) -> str:
    """`text` without the characters XML 1.0 cannot hold: the feed stays well-formed."""
    return _NOT_XML.sub("", text)


def ics_text(text: str) -> str:
    """`text` without control characters, its line breaks as "\\n", for an iCalendar value."""
    return _NOT_ICS.sub("", _CR.sub("\n", text))


def ics_line(text: str) -> str:
    """A one-line iCalendar value (a name, a title, a place): whitespace runs become a space."""
    return " ".join(ics_text(text).split())


def xml_bytes(root: ET.Element) -> bytes:
    """The document, indented, as UTF-8 with its declaration. Every text and attribute value
    is cleaned here, where the XML is written, so no field can make it ill-formed;
    ElementTree escapes `&`, `<` and quotes once."""
    for element in root.iter():
        element.text = xml_text(element.text) if element.text else element.text
        element.tail = xml_text(element.tail) if element.tail else element.tail
        for name, value in list(element.attrib.items()):
            element.set(name, xml_text(value))
    ET.indent(root)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n"


ATOM_NS = "http://www.w3.org/2005/Atom"


def xml_child(parent: ET.Element, tag: str, value: str) -> ET.Element:
    """A child element holding `value` as text (ElementTree escapes it once, when written)."""
    element = ET.SubElement(parent, tag)
    element.text = value
    return element

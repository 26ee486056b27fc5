"""Safe XML reading for the registry XML formats: no DTDs, entities or external references.

defusedxml refuses entity expansion ("billion laughs") and external entities; a DTD alone is
refused too, since no registry export needs one.
"""

import re
from collections.abc import Iterator
from typing import BinaryIO
from xml.etree.ElementTree import Element, ParseError, tostring  # nosec B405

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring, iterparse

from ingest.errors import IngestError

QUARANTINE_BYTES = 64 * 1024 * 1024


# The encoding an XML declaration names: the text handed to parse_xml is decoded already.
_DECLARED_ENCODING = re.compile(r"""\A(\s*<\?xml[^>]*?)\s+encoding\s*=\s*["'][^"']*["']""")


def parse_xml(text: str) -> Element:
    """A decoded XML document's root. Its declared encoding is dropped, since the text is decoded
    already: re-encoded as UTF-8 and read as the declared Latin-1, "Sjögren" became "SjÃ¶gren"."""
    try:
        return fromstring(_DECLARED_ENCODING.sub(r"\1", text, count=1).encode("utf-8"), forbid_dtd=True)
    except DefusedXmlException as exc:
        raise IngestError(f"refused unsafe XML ({type(exc).__name__}: DTDs and entities are not allowed)") from None
    except ParseError as exc:
        raise IngestError(f"malformed XML: {exc}") from None


def iter_elements(stream: BinaryIO, tag: str, name: str) -> Iterator[tuple[str, bytes, str]]:
    """Each <tag> element as (label, bytes, error), streamed; memory stays flat."""
    count = 0
    try:
        for _event, element in iterparse(stream, events=("end",), forbid_dtd=True):
            if element.tag == tag:
                count += 1
                yield f"{name}#{count}", tostring(element, encoding="utf-8"), ""
                element.clear()
    except DefusedXmlException as exc:
        yield (
            f"{name}#{count + 1}",
            b"",
            f"refused unsafe XML ({type(exc).__name__}: DTDs and entities are not allowed)",
        )
    except ParseError as exc:
        yield f"{name}#{count + 1}", b"", f"malformed XML after record {count}: {exc}"
    except (LookupError, ValueError) as exc:  # the declaration names an encoding the parser cannot use
        yield f"{name}#{count + 1}", b"", f"unreadable XML: {exc}"


def text_of(element: Element | None, path: str) -> str:
    """Text of the first element at `path`, whitespace folded; '' when absent."""
    if element is None:
        return ""
    found = element.find(path)
    if found is None:
        return ""
    return " ".join("".join(found.itertext()).split())


def block_of(element: Element | None, path: str) -> str:
    """Text of a block (<textblock>), keeping paragraph breaks, indentation removed."""
    if element is None:
        return ""
    found = element.find(path)
    if found is None:
        return ""
    lines = [line.strip() for line in "".join(found.itertext()).splitlines()]
    text = "\n".join(lines)
    while "\n\n\n" in text:
        text = text.replace("\n\n\n", "\n\n")
    return text.strip()


def texts_of(element: Element | None, path: str) -> list[str]:
    if element is None:
        return []
    return [" ".join("".join(found.itertext()).split()) for found in element.findall(path)]

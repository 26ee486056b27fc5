"""PDF pages written for the tests: a registry record printed as PDF, each row's cells placed
side by side on one baseline (as a label and its value are), in the standard Helvetica font."""


def pdf_with_rows(rows: list[list[tuple[int, str]]], pages: int = 1, padding: int = 0) -> bytes:
    """A PDF of `pages` identical pages, each printing `rows` of (x position, text) cells; with
    `padding`, that many bytes of comment after its header (a large file, as embedded fonts make)."""

    def escaped(text: str) -> str:
        return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")

    operations, y = ["BT", "/F1 10 Tf"], 780
    for row in rows:
        operations += [f"1 0 0 1 {x} {y} Tm ({escaped(text)}) Tj" for x, text in row]
        y -= 14
    operations.append("ET")
    stream = "\n".join(operations).encode("cp1252")
    page_numbers = range(5, 5 + pages)
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [%s] /Count %d >>" % (b" ".join(b"%d 0 R" % n for n in page_numbers), pages),
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    ] + [
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 3 0 R"
        b" /Resources << /Font << /F1 4 0 R >> >> >>"
    ] * pages
    out, offsets = bytearray(b"%PDF-1.4\n" + (b"%" + b"x" * padding + b"\n" if padding else b"")), []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)

"""Checks of the tour's pictures (tests/e2e/pictures.sh), as rendered.

mask FILE: the SVG with what changes from run to run masked (printed):
  addresses (0x..., and 12-hex-digit ranges), the sizes of squashed gaps,
  a file's size in bytes (a NASM program names its source by its path),
  the random placement's effect on nothing else.
pixel SVG PNG ID COLOUR [edge]: the PNG (rsvg-convert's rendering of SVG)
  has COLOUR at the element ID: a line's midpoint, or a rect's point just
  inside its right edge (clear of its text).
"""
import re
import struct
import sys
import zlib


def mask(text):
    text = re.sub(r"[0-9a-f]{12,16}-[0-9a-f]{12,16}", "ADDR-ADDR", text)
    text = re.sub(r"0x[0-9a-f]+", "0xADDR", text)
    text = re.sub(r"[0-9.]+ [KMGT]iB unmapped", "SIZE unmapped", text)
    # A NASM program's size depends on where it was built: its symbol
    # table names the source file by its absolute path.
    text = re.sub(r"[0-9]+ bytes of file", "SIZE bytes of file", text)
    return text


def read_png(path):
    data = open(path, "rb").read()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    pos, idat = 8, b""
    while pos < len(data):
        n, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + n]
        if kind == b"IHDR":
            w, h, depth, colour, _, _, interlace = struct.unpack(">IIBBBBB", body)
            assert depth == 8 and colour in (2, 6) and interlace == 0, "unexpected PNG format"
            bpp = 4 if colour == 6 else 3
        elif kind == b"IDAT":
            idat += body
        pos += 12 + n
    raw = zlib.decompress(idat)
    stride = w * bpp
    rows, prev = [], bytearray(stride)
    for y in range(h):
        f = raw[y * (stride + 1)]
        line = bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for i in range(stride):
            a = line[i - bpp] if i >= bpp else 0
            b = prev[i]
            c = prev[i - bpp] if i >= bpp else 0
            if f == 1:
                line[i] = (line[i] + a) & 255
            elif f == 2:
                line[i] = (line[i] + b) & 255
            elif f == 3:
                line[i] = (line[i] + (a + b) // 2) & 255
            elif f == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                pred = a if pa <= pb and pa <= pc else (b if pb <= pc else c)
                line[i] = (line[i] + pred) & 255
        rows.append(line)
        prev = line
    return w, h, bpp, rows


def pixel(svg_path, png_path, ident, colour):
    svg = open(svg_path).read()
    m = re.search(r'<(line|rect) id="%s" ([^>]*)/>' % re.escape(ident), svg)
    if not m:
        return "no element %s in %s" % (ident, svg_path)
    attrs = dict(re.findall(r'([a-z0-9-]+)="([^"]*)"', m.group(2)))
    if m.group(1) == "line":
        x = (float(attrs["x1"]) + float(attrs["x2"])) / 2
        y = float(attrs["y1"])
    else:
        x = float(attrs["x"]) + float(attrs["width"]) - 4
        y = float(attrs["y"]) + float(attrs["height"]) / 2
    w, h, bpp, rows = read_png(png_path)
    px = rows[int(y)][int(x) * bpp:int(x) * bpp + 3]
    want = bytes.fromhex(colour.lstrip("#"))
    if any(abs(p - q) > 8 for p, q in zip(px, want)):
        return "%s: %s at (%d, %d) is #%s, not %s" % (png_path, ident, x, y, bytes(px).hex(), colour)
    return None


if __name__ == "__main__":
    if sys.argv[1] == "mask":
        sys.stdout.write(mask(open(sys.argv[2]).read()))
    elif sys.argv[1] == "pixel":
        problem = pixel(*sys.argv[2:6])
        if problem:
            print(problem)
            sys.exit(1)

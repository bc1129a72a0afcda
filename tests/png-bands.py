#!/usr/bin/python3
"""png-bands.py PNG FRAME DATA: how many charts a screenshot shows. A chart is a box whose top
and bottom edges are rows with a run of at least 200 pixels of the FRAME color (RRGGBB), with a
pixel of the DATA color (its points) between them. Reads the PNG with the standard library."""
import struct
import sys
import zlib


def rows(path):
    data = open(path, "rb").read()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise SystemExit(f"{path}: not a PNG")
    pos, idat, width = 8, b"", 0
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            width, height, depth, ctype, _, _, interlace = struct.unpack(">IIBBBBB", body)
            if depth != 8 or ctype not in (2, 6) or interlace:
                raise SystemExit(f"{path}: PNG kind {depth}/{ctype}/{interlace} not handled")
            bpp = 3 if ctype == 2 else 4
        elif kind == b"IDAT":
            idat += body
        pos += 12 + length
    raw, stride, prev = zlib.decompress(idat), width * bpp, bytearray(width * bpp)
    for y in range(height):
        f, line = raw[y * (stride + 1)], bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for i in range(stride):
            a = line[i - bpp] if i >= bpp else 0
            b, c = prev[i], prev[i - bpp] if i >= bpp else 0
            if f == 1:
                line[i] = (line[i] + a) & 255
            elif f == 2:
                line[i] = (line[i] + b) & 255
            elif f == 3:
                line[i] = (line[i] + (a + b) // 2) & 255
            elif f == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        yield line, bpp
        prev = line


def run_of(line, bpp, color):
    best = cur = 0
    for i in range(0, len(line), bpp):
        cur = cur + 1 if line[i:i + 3] == color else 0
        best = max(best, cur)
    return best


frame, data = bytes.fromhex(sys.argv[2]), bytes.fromhex(sys.argv[3])
edges, inside, has_data = [], False, []
for y, (line, bpp) in enumerate(rows(sys.argv[1])):
    edge = run_of(line, bpp, frame) >= 200
    if edge and not inside:
        edges.append(y)
    inside = edge
    if any(line[i:i + 3] == data for i in range(0, len(line), bpp)):
        has_data.append(y)
charts = 0
for top, bottom in zip(edges[0::2], edges[1::2]):
    charts += any(top < y < bottom for y in has_data)
print(charts)

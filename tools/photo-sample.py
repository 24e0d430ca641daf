#!/usr/bin/env python3
"""Make the sample photo of a paper plan that docs/tracing.md traces:
plans/traced/scans/zhangjiazhai-photo.jpg, a phone photo of the printed plan of
plans/old-estate-small.ron (张家宅居委会).

1. `juwei check PLAN --format html` draws the plan as SVG (report::svg);
   the first <svg> of the page is the plan, cut out here.
2. rsvg-convert (Debian's librsvg2-bin) renders it at 2 px per SVG unit.
3. The drawing is put on a sheet of slightly warm paper and photographed:
   a known perspective (the sheet's four corners land at CORNERS in a
   1200 x 1600 picture), a table around it, light falling off from the top
   left, a vignette, a little blur and sensor noise, JPEG at quality 85.

Needs Debian's python3-pil, python3-numpy and librsvg2-bin, and a built
`juwei` (cargo build --no-default-features --bin juwei).
Run from the repository root: python3 tools/photo-sample.py [JUWEI]
It prints where the sheet's corners went, for the record in docs/tracing.md.
"""
import os
import re
import subprocess
import sys
import tempfile

import numpy as np
from PIL import Image, ImageFilter

PLAN = "plans/old-estate-small.ron"
OUT = "plans/traced/scans/zhangjiazhai-photo.jpg"
PHOTO = (1200, 1600)
# where the paper's top-left, top-right, bottom-right, bottom-left corners
# land in the photo (x right, y down): held at an angle, nearer at the bottom
CORNERS = [(215.0, 190.0), (1005.0, 255.0), (1120.0, 1455.0), (70.0, 1390.0)]
MARGIN = 90  # white paper around the drawing, px


def juwei_binary():
    if len(sys.argv) > 1:
        return sys.argv[1]
    target = os.environ.get("CARGO_TARGET_DIR", "target")
    return os.path.join(target, "debug", "juwei")


def plan_svg(tmp):
    html = os.path.join(tmp, "plan.html")
    subprocess.run([juwei_binary(), "check", PLAN, "--format", "html", "-o", html],
                   check=False)
    text = open(html, encoding="utf-8").read()
    m = re.search(r"<svg.*?</svg>", text, re.S)
    if not m:
        sys.exit(f"no <svg> in the report of {PLAN}")
    path = os.path.join(tmp, "plan.svg")
    open(path, "w", encoding="utf-8").write(m.group(0))
    return path


def render(svg, tmp):
    png = os.path.join(tmp, "plan.png")
    subprocess.run(["rsvg-convert", "-z", "2", "-b", "white", svg, "-o", png], check=True)
    return Image.open(png).convert("RGB")


def perspective_coeffs(src, dst):
    """PIL's PERSPECTIVE coefficients: they map output (dst) points back
    to input (src) points."""
    rows, rhs = [], []
    for (x, y), (u, v) in zip(dst, src):
        rows.append([x, y, 1, 0, 0, 0, -u * x, -u * y])
        rows.append([0, 0, 0, x, y, 1, -v * x, -v * y])
        rhs += [u, v]
    return np.linalg.solve(np.array(rows, float), np.array(rhs, float)).tolist()


def main():
    with tempfile.TemporaryDirectory() as tmp:
        drawing = render(plan_svg(tmp), tmp)
    w, h = drawing.size
    paper = Image.new("RGB", (w + 2 * MARGIN, h + 2 * MARGIN), (250, 247, 238))
    paper.paste(drawing, (MARGIN, MARGIN))
    pw, ph = paper.size
    src = [(0, 0), (pw, 0), (pw, ph), (0, ph)]
    coeffs = perspective_coeffs(src, CORNERS)
    warped = paper.transform(PHOTO, Image.PERSPECTIVE, coeffs, Image.BICUBIC)
    mask = Image.new("L", paper.size, 255).transform(PHOTO, Image.PERSPECTIVE, coeffs,
                                                     Image.BILINEAR)
    # the table: dark wood grey with a faint grain
    yy, xx = np.mgrid[0:PHOTO[1], 0:PHOTO[0]].astype(np.float32)
    grain = 8 * np.sin(xx / 7.0 + 3 * np.sin(yy / 90.0))
    table = np.stack([92 + grain, 78 + grain, 66 + grain], axis=-1)
    img = np.asarray(warped, np.float32)
    m = np.asarray(mask, np.float32)[..., None] / 255.0
    img = img * m + table * (1 - m)
    # light from the top left, and the lens's vignette
    light = 1.0 - 0.22 * (xx / PHOTO[0] * 0.6 + yy / PHOTO[1] * 0.4)
    r = np.hypot((xx - PHOTO[0] / 2) / PHOTO[0], (yy - PHOTO[1] / 2) / PHOTO[1])
    vignette = 1.0 - 0.35 * r ** 2
    img *= (light * vignette)[..., None]
    img[..., 2] *= 0.96  # indoor light is warm
    rng = np.random.default_rng(2026)
    img += rng.normal(0, 3.0, img.shape)
    out = Image.fromarray(np.clip(img, 0, 255).astype(np.uint8))
    out = out.filter(ImageFilter.GaussianBlur(0.8))
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    out.save(OUT, quality=85)
    print(f"{OUT}: {PHOTO[0]} x {PHOTO[1]}; paper {pw} x {ph} px "
          f"(drawing at {MARGIN},{MARGIN}), corners at {CORNERS}")


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Make assets/fonts/NotoSansSC-juwei.otf: Noto Sans CJK SC (SIL OFL 1.1) cut
down to GB 2312, ASCII, Latin-1, common CJK and general punctuation, and the
few symbols juwei draws (m², ㎡, arrows, check marks).

Needs fonttools (`pip install fonttools`) and Debian's fonts-noto-cjk.
Run from the repository root: python3 tools/subset-font.py
"""
import sys
from fontTools.ttLib import TTCollection
from fontTools import subset

SRC = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"
OUT = "assets/fonts/NotoSansSC-juwei.otf"


def codepoints():
    cps = set(range(0x20, 0x7F)) | set(range(0xA0, 0x100))
    # every character of GB 2312 (rows 0xA1-0xF7, cells 0xA1-0xFE)
    for hi in range(0xA1, 0xF8):
        for lo in range(0xA1, 0xFF):
            try:
                cps.add(ord(bytes([hi, lo]).decode("gb2312")))
            except UnicodeDecodeError:
                pass
    cps |= set(range(0x2010, 0x2070))  # general punctuation (– — ‘ ’ “ ” … ‰)
    cps |= set(range(0x3000, 0x3040))  # CJK symbols and punctuation
    cps |= set(range(0xFF01, 0xFF5F))  # full-width forms
    cps |= set(range(0x2190, 0x2200))  # arrows
    cps |= {0x33A1, 0x00B2, 0x00B3, 0x2713, 0x2714, 0x2717, 0x2022, 0x25CF, 0x25CB,
            0x25A0, 0x25A1, 0x25B2, 0x25BC, 0x2605, 0x2606, 0x2026, 0x00D7, 0x2212}
    return cps


def main():
    font = TTCollection(SRC).fonts[2]  # Noto Sans CJK SC
    name = font["name"].getDebugName(4)
    if "SC" not in name:
        sys.exit(f"unexpected face {name!r} at index 2 of {SRC}")
    opts = subset.Options()
    opts.layout_features = ["*"]
    opts.name_IDs = ["*"]
    opts.name_languages = ["*"]
    opts.notdef_outline = True
    opts.hinting = False
    sub = subset.Subsetter(opts)
    sub.populate(unicodes=codepoints())
    sub.subset(font)
    font.save(OUT)
    print(OUT)


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Make assets/fonts/NotoSansSC-juwei.otf: Noto Sans CJK SC (SIL OFL 1.1) cut
down to what juwei's users write:

- the 8,105 characters of 通用规范汉字表 (General Standard Chinese Characters,
  2013), taken from the Unihan database's kTGH field as Debian's
  `unicode-data` package ships it; the list is also written to
  assets/fonts/tongyong-guifan-8105.txt for the coverage test;
- every character of GB 2312 (some of its traditional and variant forms are
  not in the 8,105);
- the place- and person-name characters of assets/fonts/place-name-chars.txt
  (衖, 閔, 琍 … are in neither list);
- ASCII, Latin-1, common CJK and general punctuation, full-width forms, and
  the few symbols juwei draws (m², ㎡, arrows, check marks).

Needs Debian's fonts-noto-cjk and unicode-data, and fonttools (Debian's
python3-fonttools, or `pip install fonttools`).
Run from the repository root: python3 tools/subset-font.py
"""
import bz2
import sys
from fontTools.ttLib import TTCollection
from fontTools import subset

SRC = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"
UNIHAN = "/usr/share/unicode/Unihan_OtherMappings.txt.bz2"
OUT = "assets/fonts/NotoSansSC-juwei.otf"
TGH_OUT = "assets/fonts/tongyong-guifan-8105.txt"
PLACE_NAMES = "assets/fonts/place-name-chars.txt"


def tongyong_guifan():
    """The characters of 通用规范汉字表 in the table's order."""
    rows = []
    with bz2.open(UNIHAN, "rt", encoding="utf-8") as f:
        for line in f:
            parts = line.rstrip("\n").split("\t")
            if len(parts) == 3 and parts[1] == "kTGH":
                cp = int(parts[0][2:], 16)
                for pos in parts[2].split():
                    year, num = pos.split(":")
                    if year == "2013":
                        rows.append((int(num), cp))
    rows.sort()
    if len(rows) != 8105:
        sys.exit(f"{UNIHAN}: expected 8105 kTGH entries, found {len(rows)}")
    return [cp for _, cp in rows]


def gb2312():
    cps = set()
    for hi in range(0xA1, 0xF8):
        for lo in range(0xA1, 0xFF):
            try:
                cps.add(ord(bytes([hi, lo]).decode("gb2312")))
            except UnicodeDecodeError:
                pass
    return cps


def place_names():
    with open(PLACE_NAMES, encoding="utf-8") as f:
        return {ord(c) for line in f if not line.startswith("#")
                for c in line.strip() if not c.isspace()}


def codepoints(tgh):
    cps = set(range(0x20, 0x7F)) | set(range(0xA0, 0x100))
    cps |= set(tgh) | gb2312() | place_names()
    cps |= set(range(0x2010, 0x2070))  # general punctuation (– — ‘ ’ “ ” … ‰)
    cps |= set(range(0x3000, 0x3040))  # CJK symbols and punctuation
    cps |= set(range(0xFF01, 0xFF5F))  # full-width forms
    cps |= set(range(0x2190, 0x2200))  # arrows
    cps |= set(range(0x2460, 0x24A0))  # circled numbers ① …
    cps |= {0x33A1, 0x00B2, 0x00B3, 0x2713, 0x2714, 0x2717, 0x2022, 0x25CF, 0x25CB,
            0x25A0, 0x25A1, 0x25B2, 0x25BC, 0x2605, 0x2606, 0x2026, 0x00D7, 0x2212}
    return cps


def main():
    tgh = tongyong_guifan()
    with open(TGH_OUT, "w", encoding="utf-8") as f:
        f.write("# 通用规范汉字表 (2013), 8105 characters in table order, 50 a line;\n"
                "# from the Unihan database (kTGH), Debian package unicode-data.\n")
        for i in range(0, len(tgh), 50):
            f.write("".join(chr(c) for c in tgh[i:i + 50]) + "\n")
    font = TTCollection(SRC).fonts[2]  # Noto Sans CJK SC
    name = font["name"].getDebugName(4)
    if "SC" not in name:
        sys.exit(f"unexpected face {name!r} at index 2 of {SRC}")
    wanted = codepoints(tgh)
    cmap = font.getBestCmap()
    missing = sorted(c for c in wanted if c >= 0x2E80 and c not in cmap)
    if missing:
        sys.exit("not in the source font: " + "".join(chr(c) for c in missing))
    opts = subset.Options()
    opts.layout_features = ["*"]
    opts.name_IDs = ["*"]
    opts.name_languages = ["*"]
    opts.notdef_outline = True
    opts.hinting = False
    sub = subset.Subsetter(opts)
    sub.populate(unicodes=wanted)
    sub.subset(font)
    font.save(OUT)
    print(f"{OUT}: {len(font.getBestCmap())} characters")


if __name__ == "__main__":
    main()

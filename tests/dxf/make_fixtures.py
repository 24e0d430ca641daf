#!/usr/bin/env python3
"""Build the DXF test drawings of `tests/import.rs` with ezdxf (a DXF writer
nobody on this project wrote): `pip install ezdxf==1.4.5`, then run

    python3 tests/dxf/make_fixtures.py

from the repository root. The output is deterministic (fixed metadata, fixed
handles), so re-running it changes no committed file unless this script
changed. The expected rooms, areas, zones and doors are asserted in
tests/import.rs; the comments here say how each number comes about.
"""

import math
import os

import ezdxf
from ezdxf.lldxf.const import DXF2000, DXF2018, DXF12

ezdxf.options.write_fixed_meta_data_for_testing = True

HERE = os.path.dirname(os.path.abspath(__file__))


def new(version, units):
    doc = ezdxf.new(version)
    if units is not None:
        doc.header["$INSUNITS"] = units
    elif "$INSUNITS" in doc.header:
        del doc.header["$INSUNITS"]
    return doc


def door_block(doc, name, width):
    """A single-leaf swing door: hinge at the base point, opening along +x
    from 0 to `width`, the leaf drawn open along +y, the swing as an arc."""
    blk = doc.blocks.new(name=name)
    blk.add_line((0, 0), (0, width))
    blk.add_arc((0, 0), width, 0, 90)
    return blk


def wall_lines(msp, segments, openings, half, layer="WALL", windows=()):
    """Draw each wall centre line `segments` as two lines `half` either side,
    broken at `openings` (centre-line segment index → list of (t0, t1)
    distances along it); `windows` are openings closed by four lines on the
    WINDOW layer."""
    for k, (a, b) in enumerate(segments):
        length = math.dist(a, b)
        ux, uy = (b[0] - a[0]) / length, (b[1] - a[1]) / length
        nx, ny = -uy, ux
        cuts = sorted(openings.get(k, []) + [w for (kk, w) in windows if kk == k])
        pieces, t = [], 0.0
        for t0, t1 in cuts:
            pieces.append((t, t0))
            t = t1
        pieces.append((t, length))
        for t0, t1 in pieces:
            if t1 - t0 <= 0:
                continue
            for side in (-half, half):
                p = (a[0] + ux * t0 + nx * side, a[1] + uy * t0 + ny * side)
                q = (a[0] + ux * t1 + nx * side, a[1] + uy * t1 + ny * side)
                msp.add_line(p, q, dxfattribs={"layer": layer})
        for kk, (t0, t1) in windows:
            if kk != k:
                continue
            for f in (-1.0, -1 / 3, 1 / 3, 1.0):
                side = f * half
                p = (a[0] + ux * t0 + nx * side, a[1] + uy * t0 + ny * side)
                q = (a[0] + ux * t1 + nx * side, a[1] + uy * t1 + ny * side)
                msp.add_line(p, q, dxfattribs={"layer": "WINDOW"})


# ---------------------------------------------------------------------------
# committee_mm.dxf — a typical committee's premises, AutoCAD 2018, millimetres,
# on a survey grid (500 000 / 3 400 000 mm). Rooms on layer AREA-面积, wall
# centre lines shared; double wall lines 200 thick on WALL with gaps at the
# doors; door blocks M1021 on layer DOOR.
#
#   y 12000 +---------+-----+------+---+---+-----+
#           | 会议室   | 警务 | 老年  |卫 |储 | 茶水 |
#   y 7000  +---------+-----+------+---+---+-----+
#           |              走廊 (HATCH)          |> door
#   y 5000  +----+--------+------+---------------+
#           |门厅 | 服务大厅 |接待室 |   办公室       )  arc bay
#   y 0     +----+--------+------+---------------+
#          x 0  4000     12000  16000          24000
#   天井 (courtyard) north of the meeting room, y 12000..15000, x 0..6000
# ---------------------------------------------------------------------------
def committee_mm():
    doc = new(DXF2018, 4)
    for name in ["AREA-面积", "WALL", "WINDOW", "DOOR", "TEXT", "AXIS", "TITLE"]:
        doc.layers.add(name)
    door_block(doc, "M1021", 1000)
    msp = doc.modelspace()
    E, N = 500_000.0, 3_400_000.0  # survey-grid offset

    def P(x, y):
        return (E + x, N + y)

    def room(points, closed=True, bulges=None):
        pts = []
        for i, (x, y) in enumerate(points):
            b = bulges.get(i, 0.0) if bulges else 0.0
            pts.append((E + x, N + y, 0, 0, b))
        return msp.add_lwpolyline(
            pts, format="xyseb", close=closed, dxfattribs={"layer": "AREA-面积"}
        )

    def rect(x0, y0, x1, y1):
        return room([(x0, y0), (x1, y0), (x1, y1), (x0, y1)])

    def text(s, x, y):
        t = msp.add_text(s, dxfattribs={"layer": "TEXT", "height": 350})
        t.set_placement(P(x, y), align=ezdxf.enums.TextEntityAlignment.MIDDLE_CENTER)

    def mtext(s, x, y):
        m = msp.add_mtext(s, dxfattribs={"layer": "TEXT", "char_height": 350})
        m.set_location(P(x, y), attachment_point=5)

    # south row
    rect(0, 0, 4000, 5000)  # 门厅 20.00
    rect(4000, 0, 12000, 5000)  # 服务大厅 40.00
    rect(12000, 0, 16000, 5000)  # 接待室 20.00
    # 办公室 8000 x 5000 = 40.00, plus a 90° arc bay on the east wall
    # (bulge tan(22.5°), chord 5000, radius 3535.53): + 3.5675 = 43.57
    office = room(
        [(16000, 0), (24000, 0), (24000, 5000), (16000, 5000)],
        bulges={1: math.tan(math.radians(22.5))},
    )
    # the office is hatched as well: the hatch repeats the polyline
    h = msp.add_hatch(color=8, dxfattribs={"layer": "AREA-面积"})
    h.paths.add_polyline_path(
        [(E + x, N + y, b) for (x, y, *_, b) in [
            (16000, 0, 0), (24000, 0, math.tan(math.radians(22.5))), (24000, 5000, 0), (16000, 5000, 0)
        ]],
        is_closed=True,
    )
    # corridor: only a HATCH, 24000 x 2000 = 48.00
    h = msp.add_hatch(color=9, dxfattribs={"layer": "AREA-面积"})
    h.paths.add_polyline_path(
        [P(0, 5000), P(24000, 5000), P(24000, 7000), P(0, 7000)], is_closed=True
    )
    # north row
    rect(0, 7000, 6000, 12000)  # 会议室 30.00
    rect(6000, 7000, 10000, 12000)  # 社区警务室 20.00
    rect(10000, 7000, 16000, 12000)  # 老年活动室 30.00
    rect(16000, 7000, 18000, 12000)  # 卫生间 10.00
    rect(18000, 7000, 20000, 12000)  # 储藏室 10.00
    # 茶水间 20.00: not flagged closed, its last vertex back on the first
    room(
        [(20000, 7000), (24000, 7000), (24000, 12000), (20000, 12000), (20000, 7000)],
        closed=False,
    )
    rect(0, 12000, 6000, 15000)  # 天井 18.00

    text("门厅", 2000, 3000)
    text("服务大厅", 8000, 2500)
    text("40.00㎡", 8000, 1800)  # an area note, not a name
    mtext("{\\fSimSun|b0|i0|c134;居民接待室}", 14000, 2500)
    text("办公室", 20000, 2500)
    text("走廊", 11000, 6000)
    text("会议室", 3000, 9500)
    text("社区警务室", 8000, 9500)
    mtext("\\A1;老年\\P活动室", 13000, 9500)
    text("卫生间", 17000, 9500)
    text("储藏室", 19000, 9500)
    text("茶水间", 22000, 9500)
    text("天井", 3000, 13500)
    # title block, far from the rooms
    msp.add_text("某某建筑设计院  居委会办公用房改造  平面图", dxfattribs={"layer": "TITLE", "height": 500}).set_placement(P(30000, -6000))
    # axis lines
    for x in (0, 4000, 12000, 16000, 24000):
        msp.add_line(P(x, -2000), P(x, 17000), dxfattribs={"layer": "AXIS"})

    # wall centre lines (each wall once), with its openings
    walls = [
        ((0, 0), (24000, 0)),  # 0 south outer wall
        ((24000, 7000), (24000, 12000)),  # 1 east, pantry
        ((24000, 5000), (24000, 7000)),  # 2 east, corridor end
        ((0, 12000), (24000, 12000)),  # 3 north wall of the north row
        ((0, 0), (0, 15000)),  # 4 west outer wall
        ((0, 5000), (24000, 5000)),  # 5 corridor south
        ((0, 7000), (24000, 7000)),  # 6 corridor north
        ((4000, 0), (4000, 5000)),  # 7
        ((12000, 0), (12000, 5000)),  # 8
        ((16000, 0), (16000, 5000)),  # 9 reception | office
        ((6000, 7000), (6000, 15000)),  # 10
        ((10000, 7000), (10000, 12000)),  # 11
        ((16000, 7000), (16000, 12000)),  # 12
        ((18000, 7000), (18000, 12000)),  # 13
        ((20000, 7000), (20000, 12000)),  # 14
        ((0, 15000), (6000, 15000)),  # 15 courtyard north
    ]
    openings = {
        0: [(1500, 2500)],  # entrance (block)
        2: [(500, 1500)],  # corridor east door (block)
        3: [(2000, 3000), (8000, 9000)],  # courtyard door, police outer door (blocks)
        5: [(1500, 3000), (8000, 9000), (13000, 14000), (17000, 18000)],
        6: [(2000, 3000), (7500, 8500), (12000, 13500), (16500, 17300), (18500, 19300), (21000, 22000)],
    }
    # windows: outer walls, and one inside between reception and office
    windows = [(0, (6000, 10000)), (0, (13000, 15000)), (9, (1500, 3000)), (4, (8000, 10000))]
    wall_lines(msp, [((E + a[0], N + a[1]), (E + b[0], N + b[1])) for a, b in walls], openings, 100, windows=windows)

    def door(x, y, rot=0.0, xs=1.0):
        msp.add_blockref(
            "M1021", P(x, y), dxfattribs={"layer": "DOOR", "rotation": rot, "xscale": xs}
        )

    door(1500, 0)  # entrance: outside ↔ 门厅
    door(9000, 5000, 180)  # 服务大厅 ↔ 走廊
    door(18000, 5000, 0, -1)  # 办公室 ↔ 走廊, mirrored
    door(2000, 7000)  # 会议室 ↔ 走廊
    door(7500, 7000)  # 警务室 ↔ 走廊
    door(9000, 12000, 180)  # 警务室 ↔ outside
    msp.add_blockref("M1021", P(16500, 7000), dxfattribs={"layer": "DOOR", "xscale": 0.8})  # 卫生间 (800)
    door(21000, 7000)  # 茶水间 ↔ 走廊
    door(2000, 12000)  # 会议室 ↔ 天井
    door(24000, 5500, 90)  # 走廊 ↔ outside
    # gaps without blocks: 门厅 ↔ 走廊 (1500), 接待室 ↔ 走廊, 活动室 ↔ 走廊 (1500), 储藏室 ↔ 走廊 (800)
    doc.saveas(os.path.join(HERE, "committee_mm.dxf"))
    # the same drawing as binary DXF (two-byte group codes)
    doc.saveas(os.path.join(HERE, "committee_mm_binary.dxf"), fmt="bin")


# ---------------------------------------------------------------------------
# committee_m.dxf — a small old-estate committee, DXF R2000 (code page 1252:
# Chinese as \U+ escapes), metres, at the origin, layer 房间. Old-style
# POLYLINE outlines, a HATCH with an arc edge, door blocks named 门 and no
# wall lines.
#
#   y 7  (--+------+----+-----+
#   接待室   |      | 卫  | 走廊 |> door
#   y 4  (--+------+----+-----+
#           | 办公室 | 会议室    |
#   y 0     +------+----------+
#          x 0     6    8     11
# ---------------------------------------------------------------------------
def committee_m():
    doc = new(DXF2000, 6)
    for name in ["房间", "文字", "门"]:
        doc.layers.add(name)
    door_block(doc, "门", 0.9)
    msp = doc.modelspace()
    # 办公室 6 x 4 = 24.00, POLYLINE flagged closed
    msp.add_polyline2d([(0, 0), (6, 0), (6, 4), (0, 4)], close=True, dxfattribs={"layer": "房间"})
    # 会议室 5 x 4 = 20.00
    msp.add_polyline2d([(6, 0), (11, 0), (11, 4), (6, 4)], close=True, dxfattribs={"layer": "房间"})
    # 卫生间 2 x 3 = 6.00, POLYLINE snapped back to its start, not flagged
    msp.add_polyline2d([(6, 4), (8, 4), (8, 7), (6, 7), (6, 4)], dxfattribs={"layer": "房间"})
    # 走廊 3 x 3 = 9.00, LWPOLYLINE
    msp.add_lwpolyline([(8, 4), (11, 4), (11, 7), (8, 7)], close=True, dxfattribs={"layer": "房间"})
    # 居民接待室: HATCH, 6 x 3 with a semicircle of radius 1.5 on the west
    # side (an arc edge, clockwise): 18 + π·1.5²/2 = 21.534 → 21.53
    h = msp.add_hatch(dxfattribs={"layer": "房间"})
    path = h.paths.add_edge_path()
    path.add_line((0, 4), (6, 4))
    path.add_line((6, 4), (6, 7))
    path.add_line((6, 7), (0, 7))
    path.add_arc((0, 5.5), 1.5, 90, 270, ccw=True)
    for s, x, y in [("办公室", 2.5, 2), ("会议室", 8, 2), ("卫生间", 6.5, 5.5), ("走廊", 9, 5.5), ("居民接待室", 2, 5.5)]:
        msp.add_text(s, dxfattribs={"layer": "文字", "height": 0.3, "insert": (x, y)})

    def door(x, y, rot):
        msp.add_blockref("门", (x, y), dxfattribs={"layer": "门", "rotation": rot})

    door(11, 5.0, 90)  # 走廊 ↔ outside (east wall)
    door(9, 4, 180)  # 走廊 ↔ 会议室
    door(8, 5, 90)  # 走廊 ↔ 卫生间
    door(6, 1, 90)  # 会议室 ↔ 办公室
    door(2, 4, 0)  # 办公室 ↔ 接待室
    doc.saveas(os.path.join(HERE, "committee_m.dxf"))


# ---------------------------------------------------------------------------
# gbk_cm.dxf — DXF R2000 in code page 936 (GBK bytes), centimetres, MTEXT
# labels with formatting codes, door blocks M0921.
#   活动室 1000 x 600 cm = 60.00 m², 办公室 500 x 600 cm = 30.00 m²
# ---------------------------------------------------------------------------
def gbk_cm():
    doc = new(DXF2000, 5)
    doc.encoding = "gbk"  # ezdxf writes $DWGCODEPAGE ANSI_936 for it
    doc.layers.add("ROOM")
    door_block(doc, "M0921", 90)
    msp = doc.modelspace()
    msp.add_lwpolyline([(0, 0), (1000, 0), (1000, 600), (0, 600)], close=True, dxfattribs={"layer": "ROOM"})
    msp.add_lwpolyline([(1000, 0), (1500, 0), (1500, 600), (1000, 600)], close=True, dxfattribs={"layer": "ROOM"})
    m = msp.add_mtext("{\\fSimSun|b0|i0|c134;\\H1.2x;社区}\\P{\\C1;活动室}", dxfattribs={"char_height": 30})
    m.set_location((500, 300), attachment_point=5)
    m = msp.add_mtext("\\pxqc;{\\W0.8;办公室}\\P30.00m\\S2^;", dxfattribs={"char_height": 30})
    m.set_location((1250, 300), attachment_point=5)
    msp.add_blockref("M0921", (400, 0), dxfattribs={"layer": "0"})  # outside ↔ 活动室
    msp.add_blockref("M0921", (1000, 200), dxfattribs={"layer": "0", "rotation": 90})  # 活动室 ↔ 办公室
    doc.saveas(os.path.join(HERE, "gbk_cm.dxf"))


# ---------------------------------------------------------------------------
# no_units_r12.dxf — DXF R12 (no $INSUNITS at all), drawn in metres: read as
# millimetres its rooms would be 0.00002 m², so the import reads metres and
# warns. 会议室 5 x 4 = 20.00, 办公室 4 x 4 = 16.00. Its Chinese is in GBK
# though the header declares code page 1252.
# ---------------------------------------------------------------------------
def no_units_r12():
    doc = new(DXF12, None)
    # GBK bytes under a header that says ANSI_1252 (ezdxf maps "cp936" to no
    # code page it knows): what some Chinese tools write
    doc.encoding = "cp936"
    doc.layers.add("ROOM")
    msp = doc.modelspace()
    msp.add_polyline2d([(0, 0), (5, 0), (5, 4), (0, 4)], close=True, dxfattribs={"layer": "ROOM"})
    msp.add_polyline2d([(5, 0), (9, 0), (9, 4), (5, 4)], close=True, dxfattribs={"layer": "ROOM"})
    msp.add_text("会议室", dxfattribs={"height": 0.3, "insert": (2, 2)})
    msp.add_text("办公室", dxfattribs={"height": 0.3, "insert": (7, 2)})
    doc.saveas(os.path.join(HERE, "no_units_r12.dxf"))
    # and as binary DXF R12 (one-byte group codes)
    doc.saveas(os.path.join(HERE, "no_units_r12_binary.dxf"), fmt="bin")


# ---------------------------------------------------------------------------
# problems.dxf — everything the import must report, millimetres, R2018.
# ---------------------------------------------------------------------------
def problems():
    doc = new(DXF2018, 4)
    for name in ["ROOM", "TEXT", "DOOR"]:
        doc.layers.add(name)
    door_block(doc, "DOOR-单开", 900)
    msp = doc.modelspace()

    def rect(x0, y0, x1, y1, layer="ROOM"):
        return msp.add_lwpolyline(
            [(x0, y0), (x1, y0), (x1, y1), (x0, y1)], close=True, dxfattribs={"layer": layer}
        )

    def text(s, x, y):
        msp.add_text(s, dxfattribs={"layer": "TEXT", "height": 300, "insert": (x, y)})

    # the building's outline on the room layer, around everything: no name
    rect(-1000, -1000, 31000, 11000)
    rect(0, 0, 5000, 4000)  # 办公室 20.00 with an entrance door
    text("办公室", 2000, 2000)
    rect(5000, 0, 9000, 4000)  # no label at all: 16.00
    rect(9000, 0, 13000, 4000)  # 配电间: a name with no keyword: 16.00
    text("配电间", 10000, 2000)
    rect(13000, 0, 17000, 4000)  # two names in one room
    text("会议室", 14000, 2500)
    text("接待室", 14000, 1500)
    # drawn twice
    rect(17000, 0, 21000, 4000)
    rect(17000, 0, 21000, 4000)
    text("储藏室", 18000, 2000)
    # two rooms overlapping by 1000 x 4000 = 4.00 m²
    rect(21000, 0, 26000, 4000)
    text("茶水间", 22000, 2000)
    rect(25000, 0, 30000, 4000)
    text("卫生间", 28000, 2000)
    # an open polyline on the room layer
    msp.add_lwpolyline([(0, 6000), (4000, 6000), (4000, 9000), (0, 9000)], dxfattribs={"layer": "ROOM"})
    # a LINE on the room layer
    msp.add_line((6000, 6000), (9000, 6000), dxfattribs={"layer": "ROOM"})
    # a zero-area outline
    msp.add_lwpolyline([(10000, 6000), (12000, 6000), (14000, 6000)], close=True, dxfattribs={"layer": "ROOM"})
    # a label just outside every room outline (and outside the building's)
    text("老年活动室", 2000, 11500)
    # a hatch whose boundary has a spline edge
    h = msp.add_hatch(dxfattribs={"layer": "ROOM"})
    path = h.paths.add_edge_path()
    path.add_line((24000, 6000), (25000, 6000))
    path.add_spline(control_points=[(25000, 6000), (25500, 7000), (25000, 8000), (25000, 9000)], degree=3)
    path.add_line((25000, 9000), (24000, 9000))
    path.add_line((24000, 9000), (24000, 6000))
    # a hatched room with a column in it: 4000 x 4000 = 16.00, the island ignored
    h = msp.add_hatch(dxfattribs={"layer": "ROOM"})
    h.paths.add_polyline_path([(26000, 6000), (30000, 6000), (30000, 10000), (26000, 10000)], is_closed=True)
    h.paths.add_polyline_path([(27500, 7500), (28500, 7500), (28500, 8500), (27500, 8500)], is_closed=True)
    text("储物间", 26500, 9000)
    # two rooms 200 apart (drawn on wall faces) with a door block between
    rect(15000, 6000, 19000, 10000)
    text("活动室", 16000, 8000)
    rect(19200, 6000, 23000, 10000)
    text("服务站", 20000, 8000)
    msp.add_blockref("DOOR-单开", (19000, 7000), dxfattribs={"layer": "DOOR", "rotation": 90})
    # doors: the office's entrance; a door block in the middle of nowhere
    msp.add_blockref("DOOR-单开", (1000, 0), dxfattribs={"layer": "DOOR"})
    msp.add_blockref("DOOR-单开", (40000, 40000), dxfattribs={"layer": "DOOR"})
    doc.saveas(os.path.join(HERE, "problems.dxf"))


# ---------------------------------------------------------------------------
# mirrored_ocs.dxf — an outline drawn mirrored (extrusion 0, 0, -1, as CAD
# leaves entities after MIRROR in some versions): its OCS x runs the other
# way. In world coordinates it is 4000 x 3000 from (0, 0) with a 180° bay
# (bulge) of radius 1500 bulging out of its east side: 12 + π·1.5²/2 =
# 15.534 → 15.53 m² (reading the bulge unmirrored would cut the bay inwards:
# 8.47 m²).
# ---------------------------------------------------------------------------
def mirrored_ocs():
    doc = new(DXF2018, 4)
    doc.layers.add("ROOM")
    msp = doc.modelspace()
    # OCS x = -WCS x; the segment (4000,0)→(4000,3000) in WCS is
    # (-4000,0)→(-4000,3000) in OCS, and an outward (east) bay, counter-
    # clockwise in WCS, is clockwise in OCS: bulge -1
    msp.add_lwpolyline(
        [(0, 0, 0, 0, 0), (-4000, 0, 0, 0, -1), (-4000, 3000, 0, 0, 0), (0, 3000, 0, 0, 0)],
        format="xyseb",
        close=True,
        dxfattribs={"layer": "ROOM", "extrusion": (0, 0, -1)},
    )
    msp.add_text("办公室", dxfattribs={"height": 300, "insert": (2000, 1500)})
    doc.saveas(os.path.join(HERE, "mirrored_ocs.dxf"))


# ---------------------------------------------------------------------------
# walls_lines.dxf — no room outlines at all, as most architects' plans: each
# room's wall faces drawn on layer WALL (LINEs for two rooms, open
# LWPOLYLINEs broken at the doors for the other two), walls 200 thick, the
# building's outer face around them, millimetres on a survey grid. Doors:
# swing ARCs with their leaf LINEs on layer DOOR, a door block, and a bare
# opening; a 2 m window closed by WINDOW lines. Labels are TEXT, and one is
# an AutoCAD 2018 MTEXT with dynamic columns (an embedded object with its
# own 10/20 codes).
#
#   wall centre lines (rooms on them: 24, 24, 12, 36 m²)
#   y 8000 +-----------+------[win]--+
#          |  办公室    |   会议室      |
#   y 4000 +-----+-arc-+------gap----+
#          | 卫生间 M0821   门厅        |
#   y 0    +-----+------arc----------+
#         x 0   3000  4000 6000 9000 12000
#
# `open=True` writes walls_open.dxf: the same drawing with the east face of
# the meeting room missing (its wall line erased).
# ---------------------------------------------------------------------------
def walls_lines(open_wall=False):
    doc = new(DXF2018, 4)
    for name in ["WALL", "WINDOW", "DOOR", "TEXT"]:
        doc.layers.add(name)
    blk = doc.blocks.new(name="M0821")
    blk.add_line((0, 0), (0, 800))
    blk.add_arc((0, 0), 800, 0, 90)
    msp = doc.modelspace()
    E, N = 500_000.0, 3_400_000.0

    def P(x, y):
        return (E + x, N + y)

    def lines(points):
        for a, b in zip(points, points[1:]):
            msp.add_line(P(*a), P(*b), dxfattribs={"layer": "WALL"})

    def pline(points):
        msp.add_lwpolyline([P(*p) for p in points], dxfattribs={"layer": "WALL"})

    # the outer face, broken at the window (x 8000..10000 on the north wall,
    # closed by window lines) and at the entrance (x 6000..7000, south)
    pline([(8000, 8100), (-100, 8100), (-100, -100), (6000, -100)])
    pline([(7000, -100), (12100, -100), (12100, 8100), (10000, 8100)])
    # 卫生间 0..3000 x 0..4000: inner faces 100..2900 x 100..3900, a door
    # (y 1000..1800) in its east wall, as LINEs
    lines([(2900, 1000), (2900, 100), (100, 100), (100, 3900), (2900, 3900), (2900, 1800)])
    # 门厅 3000..12000 x 0..4000: inner faces 3100..11900 x 100..3900;
    # openings: the entrance (south, x 6000..7000), the office door (north,
    # x 4000..4900), the meeting room's (north, x 9000..10000), the toilet's
    # (west, y 1000..1800); as an LWPOLYLINE broken at each
    pline([(7000, 100), (11900, 100), (11900, 3900), (10000, 3900)])
    pline([(9000, 3900), (4900, 3900)])
    pline([(4000, 3900), (3100, 3900), (3100, 1800)])
    pline([(3100, 1000), (3100, 100), (6000, 100)])
    # 办公室 0..6000 x 4000..8000: inner 100..5900 x 4100..7900, door x 4000..4900
    lines([(4000, 4100), (100, 4100), (100, 7900), (5900, 7900), (5900, 4100), (4900, 4100)])
    # 会议室 6000..12000 x 4000..8000: inner 6100..11900 x 4100..7900, door
    # x 9000..10000, window x 8000..10000 in the north wall
    pline([(11900, 7900), (10000, 7900)])
    pline([(8000, 7900), (6100, 7900), (6100, 4100), (9000, 4100)])
    if open_wall:
        pline([(10000, 4100), (11900, 4100)])
    else:
        pline([(10000, 4100), (11900, 4100), (11900, 7900)])
    for y in (7900, 7966.67, 8033.33, 8100):
        msp.add_line(P(8000, y), P(10000, y), dxfattribs={"layer": "WINDOW"})

    # swing doors: hinge, radius, start and end angle, the leaf's direction
    def swing(hx, hy, r, a0, a1, leaf_deg):
        msp.add_arc(P(hx, hy), r, a0, a1, dxfattribs={"layer": "DOOR"})
        t = math.radians(leaf_deg)
        msp.add_line(P(hx, hy), P(hx + r * math.cos(t), hy + r * math.sin(t)), dxfattribs={"layer": "DOOR"})

    swing(6000, 100, 1000, 0, 90, 90)  # entrance, opening inwards
    swing(4000, 3900, 900, 270, 360, 270)  # 办公室 ↔ 门厅, opening into the hall
    msp.add_blockref("M0821", P(3000, 1000), dxfattribs={"layer": "DOOR", "rotation": 90})
    # the meeting room's door: a bare opening

    def text(s, x, y):
        t = msp.add_text(s, dxfattribs={"layer": "TEXT", "height": 300})
        t.set_placement(P(x, y), align=ezdxf.enums.TextEntityAlignment.MIDDLE_CENTER)

    text("卫生间", 1500, 2500)
    text("门厅", 7500, 2000)
    text("办公室", 3000, 6000)
    # AutoCAD 2018's default MTEXT: dynamic columns, an embedded object
    msp.add_mtext_dynamic_auto_height_columns(
        "会议室", width=3000, gutter_width=100, height=2000, count=1,
        dxfattribs={"layer": "TEXT", "char_height": 300, "insert": P(7500, 6500)},
    )
    name = "walls_open.dxf" if open_wall else "walls_lines.dxf"
    doc.saveas(os.path.join(HERE, name))


# ---------------------------------------------------------------------------
# wrong_insunits.dxf — millimetre geometry under $INSUNITS = 1 (inches), as
# AutoCAD's imperial template leaves it: read as declared the rooms would be
# 645 times too big. English labels (a foreign or mixed drawing), one of them
# an AutoCAD 2018 MTEXT with columns.
#   Office 6 x 4.5 = 27, Meeting room 6 x 6 = 36, WC 3 x 1.5 = 4.5,
#   Corridor 3 x 1.5 = 4.5: 72 m²
# ---------------------------------------------------------------------------
def wrong_insunits():
    doc = new(DXF2018, 1)
    doc.layers.add("ROOM")
    msp = doc.modelspace()

    def rect(x0, y0, x1, y1):
        msp.add_lwpolyline([(x0, y0), (x1, y0), (x1, y1), (x0, y1)], close=True, dxfattribs={"layer": "ROOM"})

    rect(0, 0, 6000, 4500)
    rect(6000, 0, 12000, 6000)
    rect(0, 4500, 3000, 6000)
    rect(3000, 4500, 6000, 6000)
    msp.add_text("Office", dxfattribs={"height": 300, "insert": (2000, 2000)})
    msp.add_mtext_dynamic_auto_height_columns(
        "Meeting room", width=3000, gutter_width=100, height=2000, count=1,
        dxfattribs={"char_height": 300, "insert": (7000, 3000)},
    )
    msp.add_text("WC", dxfattribs={"height": 300, "insert": (1000, 5000)})
    msp.add_text("Corridor", dxfattribs={"height": 300, "insert": (3500, 5000)})
    doc.saveas(os.path.join(HERE, "wrong_insunits.dxf"))


# ---------------------------------------------------------------------------
# layer_names.dxf — a university-style floor: outlines without labels, on
# layers named by function (Offices, Meeting rooms, Toilets, Store,
# Corridor) or by room number (E15-344); a lecture hall on the generic
# A-AREA layer, holding a store and partly overlapped by the corridor.
#   Offices 3 x 20, Meeting rooms 30, Toilets 10, E15-344 20 (y 0..5000)
#   Corridor 18000..24000 x 5000..9000 = 24 (4 of it over the hall)
#   hall 0..20000 x 7000..20000 = 260, Store 1000..3000 x 8000..10000 = 4
# ---------------------------------------------------------------------------
def layer_names():
    doc = new(DXF2018, 4)
    layers = ["Offices", "Meeting rooms", "Toilets", "E15-344", "Corridor", "Store", "A-AREA"]
    for name in layers:
        doc.layers.add(name)
    msp = doc.modelspace()

    def rect(layer, x0, y0, x1, y1):
        msp.add_lwpolyline([(x0, y0), (x1, y0), (x1, y1), (x0, y1)], close=True, dxfattribs={"layer": layer})

    rect("Offices", 0, 0, 4000, 5000)
    rect("Offices", 4000, 0, 8000, 5000)
    rect("Offices", 8000, 0, 12000, 5000)
    rect("Meeting rooms", 12000, 0, 18000, 5000)
    rect("Toilets", 18000, 0, 20000, 5000)
    rect("E15-344", 20000, 0, 24000, 5000)
    rect("Corridor", 18000, 5000, 24000, 9000)
    rect("A-AREA", 0, 7000, 20000, 20000)
    rect("Store", 1000, 8000, 3000, 10000)
    doc.saveas(os.path.join(HERE, "layer_names.dxf"))


if __name__ == "__main__":
    committee_mm()
    committee_m()
    gbk_cm()
    no_units_r12()
    problems()
    mirrored_ocs()
    walls_lines()
    walls_lines(open_wall=True)
    wrong_insunits()
    layer_names()
    print("ezdxf", ezdxf.__version__, "→", HERE)

#!/usr/bin/env python3
"""Measure the planner's idle CPU and its click-to-screen latency under Xvfb
with Mesa's software Vulkan (lavapipe), as docs/planner.md reports them.

    scripts/measure-planner.py [PLANNER_BINARY] [PLAN] [--wait S] [--clicks N]
                               [--no-idle] [--log FILE] [--region X,Y,W,H]

Needs xvfb, mesa-vulkan-drivers and xdotool installed, and python-xlib
(`pip install python-xlib`) for grabbing the screen in-process.
- idle CPU: the planner's user + system time over 30 s with nothing
  happening (from /proc/PID/stat), as a percentage of one core;
- latency: a click on a room (xdotool), then the screen grabbed (X's
  GetImage over one connection, no process started per grab) until it
  changes; the time from the click to the first changed grab, over 10
  clicks alternating between two rooms. The time of one grab is printed:
  the figure is an upper bound by about that much.

Options: --wait S, seconds given to start-up (60; a release build on a
quiet machine needs a few); --clicks N (10); --no-idle skips the 30 s of
idle; --log FILE keeps the planner's stderr (with JUWEI_TRACE_FRAMES=1 in
the environment: every frame, to set beside the click times printed, which
are on the same wall clock); --region X,Y,W,H grabs only that part of the
screen (quicker than the whole screen; it must contain what a click changes).
The environment is passed on to the planner.
"""
import argparse
import datetime
import hashlib
import os
import statistics
import subprocess
import sys
import tempfile
import time

W, H = 1440, 900

ARGS = argparse.ArgumentParser(description="the planner's idle CPU and click latency")
ARGS.add_argument("bin", nargs="?", default="target/debug/juwei-planner")
ARGS.add_argument("plan", nargs="?", default="tests/fixtures/planner/sample.ron")
ARGS.add_argument("--wait", type=float, default=60.0)
ARGS.add_argument("--clicks", type=int, default=10)
ARGS.add_argument("--no-idle", action="store_true")
ARGS.add_argument("--log")
ARGS.add_argument("--region")


def free_display():
    for n in range(140, 200):
        if not os.path.exists(f"/tmp/.X11-unix/X{n}") and not os.path.exists(f"/tmp/.X{n}-lock"):
            return n
    raise SystemExit("no free X display")


def cpu_seconds(pid):
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    # utime, stime are fields 14 and 15 (1-based) of the whole line
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


class Screen:
    """One connection to the X server; each grab is one GetImage of the
    whole screen, hashed."""

    def __init__(self, display, region=None):
        from Xlib import X, display as xdisplay

        self.X = X
        self.d = xdisplay.Display(display)
        self.root = self.d.screen().root
        self.region = region or (0, 0, W, H)

    def click(self):
        """A left click through XTEST on this connection (no process
        started between the clock and the click)."""
        from Xlib.ext import xtest

        xtest.fake_input(self.d, self.X.ButtonPress, 1)
        xtest.fake_input(self.d, self.X.ButtonRelease, 1)
        self.d.sync()

    def grab(self):
        x, y, w, h = self.region
        img = self.root.get_image(x, y, w, h, self.X.ZPixmap, 0xFFFFFFFF)
        return hashlib.md5(img.data).hexdigest()


def main():
    args = ARGS.parse_args()
    region = tuple(int(v) for v in args.region.split(",")) if args.region else None
    n = free_display()
    xvfb = subprocess.Popen(
        ["Xvfb", f":{n}", "-screen", "0", f"{W}x{H}x24", "-nolisten", "tcp"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    config = tempfile.mkdtemp(prefix="juwei-measure-")
    env = dict(os.environ, DISPLAY=f":{n}", JUWEI_CONFIG_DIR=config)
    env.pop("WAYLAND_DISPLAY", None)
    try:
        for _ in range(100):
            if os.path.exists(f"/tmp/.X11-unix/X{n}"):
                break
            time.sleep(0.05)
        log = open(args.log, "w") if args.log else subprocess.DEVNULL
        planner = subprocess.Popen(
            [args.bin, args.plan], env=env, stdout=subprocess.DEVNULL, stderr=log
        )
        try:
            # start-up: window, shaders, fonts, the first layout (a debug
            # build on a loaded machine needs most of a minute)
            time.sleep(args.wait)
            # park the pointer on the plan and let everything settle
            subprocess.run(["xdotool", "mousemove", "700", "450"], env=env, check=True)
            time.sleep(3)
            if not args.no_idle:
                c0, t0 = cpu_seconds(planner.pid), time.monotonic()
                time.sleep(30)
                c1, t1 = cpu_seconds(planner.pid), time.monotonic()
                idle = 100.0 * (c1 - c0) / (t1 - t0)
                print(f"idle CPU over {t1 - t0:.0f} s: {idle:.2f} % of one core "
                      f"({c1 - c0:.2f} s CPU)")
            # clicks: two points on the plan, alternately (positions on the
            # canvas of the sample plan fitted to the window)
            points = [(560, 560), (820, 620)]
            screen = Screen(f":{n}", region)
            latencies = []
            for k in range(args.clicks):
                x, y = points[k % 2]
                subprocess.run(["xdotool", "mousemove", str(x), str(y)], env=env, check=True)
                time.sleep(1.5)
                before = screen.grab()
                start = time.monotonic()
                wall = datetime.datetime.now(datetime.timezone.utc)
                screen.click()
                changed = None
                while time.monotonic() - start < 5.0:
                    if screen.grab() != before:
                        changed = time.monotonic() - start
                        break
                latencies.append(changed)
                if args.log:
                    print(f"click {k + 1} at {wall.strftime('%H:%M:%S.%f')} UTC: "
                          + ("—" if changed is None else f"{changed * 1000:.0f} ms"))
            seen = [l for l in latencies if l is not None]
            print("click → changed screen (ms):",
                  ", ".join("—" if l is None else f"{l * 1000:.0f}" for l in latencies))
            if seen:
                print(f"median {statistics.median(seen) * 1000:.0f} ms, "
                      f"max {max(seen) * 1000:.0f} ms over {len(seen)} clicks")
            t = time.monotonic()
            screen.grab()
            print(f"one screen grab takes {1000 * (time.monotonic() - t):.0f} ms")
        finally:
            planner.kill()
            planner.wait()
    finally:
        xvfb.kill()
        xvfb.wait()


if __name__ == "__main__":
    main()

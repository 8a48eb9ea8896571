"""Product pictures for the demo catalogue, drawn locally with Pillow (nothing is downloaded).

Each picture is a label-style card: a colour and motif for the OCOP group, the product's
name, and its province. Deterministic: the same product always gets the same bytes.
"""

import hashlib
import io
import math
import textwrap
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

SIZE = 600
PALETTES = {  # background, accent per OCOP group
    "1": ((250, 236, 214), (176, 84, 28)),
    "2": ((222, 240, 247), (24, 98, 140)),
    "3": ((228, 243, 226), (46, 120, 60)),
    "4": ((243, 232, 220), (122, 74, 40)),
    "5": ((237, 246, 228), (84, 140, 40)),
    "6": ((226, 236, 250), (40, 80, 160)),
}
FONT_CANDIDATES = [
    "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
    "/usr/share/fonts/truetype/noto/NotoSans-Bold.ttf",
    "/usr/share/fonts/truetype/liberation/LiberationSans-Bold.ttf",
]


def _font(size: int):
    for candidate in FONT_CANDIDATES:
        if Path(candidate).exists():
            return ImageFont.truetype(candidate, size)
    return ImageFont.load_default(size=size)


def _motif(draw: ImageDraw.ImageDraw, group: str, accent, seed: int):
    cx, cy = SIZE // 2, 230
    if group == "1":  # a bowl of grains
        draw.pieslice((cx - 150, cy - 110, cx + 150, cy + 150), 0, 180, fill=accent)
        for i in range(9):
            x = cx - 110 + i * 27
            draw.ellipse(
                (x, cy - 20 - (i * seed) % 30, x + 22, cy + 10 - (i * seed) % 30),
                fill=(240, 200, 120),
            )
    elif group == "2":  # a bottle
        draw.rounded_rectangle((cx - 55, cy - 60, cx + 55, cy + 150), 22, fill=accent)
        draw.rectangle((cx - 20, cy - 130, cx + 20, cy - 55), fill=accent)
        draw.rectangle((cx - 55, cy + 10, cx + 55, cy + 70), fill=(255, 255, 255))
    elif group == "3":  # leaves
        for angle in range(0, 360, 72):
            draw.pieslice((cx - 130, cy - 130, cx + 130, cy + 130), angle, angle + 40, fill=accent)
        draw.ellipse((cx - 30, cy - 30, cx + 30, cy + 30), fill=(255, 255, 255))
    elif group == "4":  # a woven basket
        draw.ellipse((cx - 150, cy - 40, cx + 150, cy + 150), fill=accent)
        for i in range(7):
            y = cy - 20 + i * 22
            draw.line((cx - 140, y, cx + 140, y), fill=(230, 200, 160), width=5)
    elif group == "5":  # a flower
        for angle in range(0, 360, 45):
            draw.pieslice((cx - 120, cy - 120, cx + 120, cy + 120), angle, angle + 25, fill=accent)
        draw.ellipse((cx - 35, cy - 35, cx + 35, cy + 35), fill=(245, 184, 0))
    else:  # mountains and sun
        draw.ellipse((cx + 40, cy - 130, cx + 130, cy - 40), fill=(245, 184, 0))
        draw.polygon([(cx - 200, cy + 140), (cx - 60, cy - 90), (cx + 70, cy + 140)], fill=accent)
        draw.polygon([(cx - 20, cy + 140), (cx + 100, cy - 20), (cx + 210, cy + 140)], fill=accent)


def product_image_bytes(*, title: str, group: str, province: str) -> bytes:
    """A JPEG card for the product. No star badge: stars are shown by the site only while
    the certificate is valid, and a picture cannot lapse."""
    seed = int(hashlib.sha1(title.encode()).hexdigest()[:6], 16) % 7 + 1
    background, accent = PALETTES.get(group[:1], PALETTES["1"])
    # Sub-groups get their own motif and a shifted tint, so a shelf of one group still varies.
    major, _, minor = group.partition(".")
    motif = str((int(major) + int(minor or 0) - 1) % 6 + 1)
    shift = (int(minor or 0) * 9 + seed * 5) % 40 - 20
    background = tuple(max(0, min(255, c + shift // 2)) for c in background)
    accent = tuple(max(0, min(255, c + shift)) for c in accent)
    image = Image.new("RGB", (SIZE, SIZE), background)
    draw = ImageDraw.Draw(image)
    _motif(draw, motif, accent, seed)
    draw.rectangle((0, 400, SIZE, SIZE), fill=(255, 255, 255))
    draw.rectangle((0, 400, SIZE, 408), fill=accent)
    lines = textwrap.wrap(title, width=26)[:3]
    font = _font(30)
    for i, line in enumerate(lines):
        draw.text((30, 425 + i * 40), line, font=font, fill=(31, 35, 40))
    small = _font(22)
    draw.text((30, SIZE - 40), province, font=small, fill=accent)
    out = io.BytesIO()
    image.save(out, format="JPEG", quality=82, optimize=True)
    return out.getvalue()


def logo_image_bytes(*, name: str = "OCOP Thanh niên") -> bytes:
    """The demo's logo for the site settings: a gold star on a red badge and the name beside
    it, as a PNG (the header shows it 40 pixels high)."""
    red, gold = (200, 16, 46), (255, 205, 0)
    image = Image.new("RGB", (480, 192), (255, 255, 255))
    draw = ImageDraw.Draw(image)
    draw.rounded_rectangle((8, 8, 184, 184), 36, fill=red)
    cx, cy, outer, inner = 96, 100, 70, 28
    points = []
    for i in range(10):
        radius = outer if i % 2 == 0 else inner
        angle = math.pi / 2 + i * math.pi / 5
        points.append((cx + radius * math.cos(angle), cy - radius * math.sin(angle)))
    draw.polygon(points, fill=gold)
    font = _font(40)
    for i, line in enumerate(textwrap.wrap(name, width=10)[:3]):
        draw.text((204, 40 + i * 50), line, font=font, fill=red)
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()

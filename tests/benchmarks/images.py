"""Images at scale: a site with 200 camera photos (4000 × 3000 JPEG, EXIF with GPS and
orientation), built with an empty cache (cold), then again (warm)."""

import io
import random
import sys
import tempfile
import time
from pathlib import Path

from PIL import Image

from conftest import build, write_content


def camera_photo(seed, width=4000, height=3000):
    """Photo-like pixels (a gradient under noise, so JPEG sizes are a camera's: 2 to 4 MB)."""
    rng = random.Random(seed)
    sky = Image.linear_gradient("L").resize((width, height)).convert("RGB")
    tint = Image.new("RGB", (width, height), tuple(rng.randrange(40, 220) for _ in range(3)))
    noise = Image.effect_noise((width, height), rng.randrange(20, 60)).convert("RGB")
    photo = Image.blend(Image.blend(sky, tint, 0.5), noise, 0.3)
    exif = Image.Exif()
    exif[0x0112] = rng.choice((1, 1, 6, 8))
    exif[0x8825] = {1: "N", 2: (43.0, 36.0, float(seed % 60)), 3: "E", 4: (1.0, 26.0, 0.0)}
    buffer = io.BytesIO()
    photo.save(buffer, "JPEG", quality=92, exif=exif)
    return buffer.getvalue()


def timed_images(content, output, cache):
    """(whole build seconds, images plugin seconds, the plugin's report)."""
    from images.generator import ImagesGenerator
    spent = []
    originals = {name: getattr(ImagesGenerator, name) for name in ("generate_context", "generate_output")}

    def timer(method):
        def timed(self, *args):
            start = time.perf_counter()
            method(self, *args)
            spent.append(time.perf_counter() - start)
            if method is originals["generate_context"]:
                timed.report = self.context["image_report"]
        return timed

    wrapped = {name: timer(method) for name, method in originals.items()}
    for name, method in wrapped.items():
        setattr(ImagesGenerator, name, method)
    try:
        start = time.perf_counter()
        build(content, output, IMAGE_CACHE_PATH=str(cache))
        return time.perf_counter() - start, sum(spent), wrapped["generate_context"].report
    finally:
        for name, method in originals.items():
            setattr(ImagesGenerator, name, method)


def run(count, work):
    files = {f"images/photo-{n:03d}.jpg": camera_photo(n) for n in range(count)}
    body = "\n\n".join(f"![Photo {n} du reportage](photo-{n:03d}.jpg)" for n in range(count))
    files["articles/reportage.md"] = ('---\ntitle: "Reportage"\ndate: 2026-10-01\nauthors: ["Léa"]\n'
                                      'image: photo-000.jpg\nimage_alt: "Photo de une"\n---\n' + body)
    content = write_content(work / "content", files)
    megabytes = sum(len(data) for data in files.values() if isinstance(data, bytes)) / 1e6
    lines = [f"{count} photos 4000 × 3000 ({megabytes:.0f} MB of JPEG)"]
    for label, output in (("cold (empty cache)", "cold"), ("warm (second build)", "warm")):
        whole, images, report = timed_images(content, work / output, work / "cache")
        lines.append(f"  {label}: images {images:.1f} s of a {whole:.1f} s build; "
                     f"{report['made']} made, {report['reused']} reused")
    return lines


def main(count=200, work=None):
    with tempfile.TemporaryDirectory() as scratch:
        for line in run(count, Path(work or scratch)):
            print(line)


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 200)

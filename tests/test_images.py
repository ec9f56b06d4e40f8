"""Images: derivatives and their markup, metadata stripped, orientation applied,
checks with French messages, and a cache that never encodes an image twice."""

import functools
import io
import logging
import re
from functools import partial
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from PIL import Image, ImageCms

from conftest import TWO_THEMES, build, image_bytes, page, write_content
from content_model.check import main as check_main

GPS = 0x8825
ORIENTATION = 0x0112


def camera_photo(width=4000, height=3000):
    """A phone photo: GPS position, camera make, orientation 6 (turn 90° clockwise to show).
    Its stored top quarter is blue, the rest red: shown upright, the blue is on the right."""
    image = Image.new("RGB", (width, height), (200, 30, 30))
    image.paste((20, 40, 220), (0, 0, width, height // 4))
    exif = Image.Exif()
    exif[ORIENTATION] = 6
    exif[0x010F] = "Téléphone"
    exif[GPS] = {1: "N", 2: (43.0, 36.0, 12.0), 3: "E", 4: (1.0, 26.0, 30.0)}
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", exif=exif, quality=90)
    return buffer.getvalue()


def transparent_png(width=800, height=400):
    image = Image.new("RGBA", (width, height), (0, 0, 0, 0))
    image.paste((0, 120, 80, 255), (0, 0, width // 2, height))
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return buffer.getvalue()


def article(title, body="Texte.", **fields):
    lines = [f'title: "{title}"', "date: 2026-10-01", 'authors: ["Léa Bernard"]']
    lines += [f"{key}: {value}" for key, value in fields.items()]
    return "---\n" + "\n".join(lines) + "\n---\n" + body + "\n"


FILES = {
    "images/terrain.jpg": camera_photo(),
    "images/schema.png": transparent_png(),
    "images/inutilisee.jpg": camera_photo(1200, 900),
    "images/fiche.pdf": b"%PDF-1.4 fiche",
    "themes.yaml": TWO_THEMES,
    "articles/sans-photo.md": article("Sans photo", tags="[insectes]"),
    "articles/terrain.md": article("Sur le terrain", "Premier paragraphe.\n\n![Le schéma du protocole](schema.png)",
                                   image="terrain.jpg", image_alt='"Des bénévoles dans un pré"'),
}


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    content = write_content(tmp_path_factory.mktemp("images-content"), FILES)
    output = tmp_path_factory.mktemp("images-output")
    return build(content, output, IMAGE_CACHE_PATH=str(tmp_path_factory.mktemp("images-cache")))


def published(site):
    return sorted((Path(site) / "images").iterdir())


def srcset(value):
    """[(url, width)] of a srcset attribute; fails on anything that is not "URL 123w"."""
    candidates = []
    for candidate in value.split(", "):
        match = re.fullmatch(r"(\S+) (\d+)w", candidate)
        assert match, f"candidat srcset invalide : {candidate!r}"
        candidates.append((match.group(1), int(match.group(2))))
    return candidates


def opened(site, page_url, url):
    path = (Path(site) / page_url / url).resolve() if not url.startswith("/") else Path(url)
    assert path.exists(), url
    return Image.open(path)


def test_every_published_image_is_stripped_upright_and_srgb(site):
    images = [path for path in published(site) if path.suffix != ".pdf"]
    assert images
    for path in images:
        with Image.open(path) as image:
            assert not image.getexif(), path.name          # no GPS, no camera, no orientation
            assert "xmp" not in image.info and "exif" not in image.info
            profile = ImageCms.ImageCmsProfile(io.BytesIO(image.info["icc_profile"]))
            assert "sRGB" in ImageCms.getProfileDescription(profile)
    with Image.open(next(p for p in images if p.name.startswith("terrain-") and "-960." in p.name)) as photo:
        assert photo.size == (960, 1280)                    # 4000 × 3000 turned upright
        rgb = photo.convert("RGB")
        assert rgb.getpixel((955, 640))[2] > 150 and rgb.getpixel((5, 640))[0] > 150   # blue right, red left


def test_derivatives_have_the_widths_and_formats_and_are_never_upscaled(site):
    names = [path.name for path in published(site)]
    terrain = sorted(name for name in names if name.startswith("terrain-"))
    widths = {int(re.search(r"-(\d+)\.", name).group(1)) for name in terrain if re.search(r"-\d+\.", name)}
    assert widths == {480, 720, 960, 1600}
    assert {Path(name).suffix for name in terrain} == {".webp", ".jpg"}
    schema = sorted(name for name in names if name.startswith("schema-"))
    assert {re.search(r"-(\w+)\.(\w+)$", name).groups() for name in schema} == {
        ("480", "webp"), ("480", "png"), ("720", "webp"), ("720", "png"), ("800", "webp"), ("800", "png"),
        ("partage", "png")}
    for name in schema:
        with Image.open(Path(site) / "images" / name) as image:
            assert image.width <= 800 and image.mode == "RGBA"    # transparency kept
    # Every image of content/images/ is published, used or not; other files as they are.
    assert any(name.startswith("inutilisee-") for name in names)
    assert (Path(site) / "images" / "fiche.pdf").read_bytes() == b"%PDF-1.4 fiche"
    # Originals are never published.
    assert not any(name in ("terrain.jpg", "schema.png", "inutilisee.jpg") for name in names)
    assert not list(Path(site).rglob("terrain.jpg"))


def test_pages_use_picture_srcset_sizes_and_dimensions(site):
    url = "actualites/sur-le-terrain/"
    html = page(site, url)
    hero, body_picture = html.select("picture")
    for picture, alt, loading in ((hero, "Des bénévoles dans un pré", "eager"),
                                  (body_picture, "Le schéma du protocole", "lazy")):
        source, img = picture.find("source"), picture.find("img")
        assert source["type"] == "image/webp" and img["alt"] == alt and img["loading"] == loading
        assert img["sizes"] == source["sizes"]
        for attribute in (source["srcset"], img["srcset"]):
            for candidate, width in srcset(attribute):
                with opened(site, url, candidate) as image:
                    assert image.width == width
        with opened(site, url, img["src"]) as image:
            assert abs(int(img["width"]) / int(img["height"]) - image.width / image.height) < 0.01
    assert "schema-" in body_picture.find("img")["src"]
    # The list's card has a decorative thumbnail; sharing uses the 1200-pixel JPEG.
    card_image = page(site, "actualites/").select_one(".card picture img")
    assert card_image["alt"] == "" and card_image["loading"] == "lazy"
    assert html.find("meta", property="og:image")["content"].startswith("https://")
    assert re.search(r"/images/terrain-\w{8}-partage\.jpg$", html.find("meta", property="og:image")["content"])
    assert html.find("meta", property="og:image:width")["content"] == "1200"
    assert html.find("meta", property="og:image:height")["content"] == "1600"


def test_a_page_without_a_picture_is_shared_with_the_card_of_its_type_and_theme(site):
    html = page(site, "actualites/sans-photo/")
    url = html.find("meta", property="og:image")["content"]
    assert re.fullmatch(r"https://[^/]+/theme/partage/article-biologie\.png", url)
    with Image.open(Path(site) / urlsplit(url).path.lstrip("/")) as card:
        assert card.format == "PNG" and card.size == (1200, 630)
        pixels = card.convert("RGB")
        background, band = pixels.getpixel((5, 5)), pixels.getpixel((5, 625))
    # The theme's colour, as on the page's band (a palette of 64 may move a channel by a unit).
    colour = re.search(r"--tone-light:#([0-9a-f]{6})", html.select_one(".hero")["style"].lower()).group(1)
    assert close(background, tuple(bytes.fromhex(colour)))
    assert close(band, (255, 179, 71))          # the gold band
    with Image.open(Path(site) / "theme/partage/site-site.png") as generic:
        assert not close(generic.convert("RGB").getpixel((5, 5)), background)


def close(colour, other):
    return all(abs(a - b) <= 2 for a, b in zip(colour, other, strict=True))


def test_second_build_encodes_nothing(tmp_path, caplog):
    content = write_content(tmp_path / "content", FILES)
    cache = tmp_path / "cache"
    with caplog.at_level(logging.INFO):
        build(content, tmp_path / "first", IMAGE_CACHE_PATH=str(cache))
        first = [r.getMessage() for r in caplog.records if r.getMessage().startswith("Images :")]
        caplog.clear()
        cached = {path: path.stat().st_mtime_ns for path in cache.rglob("*")}
        build(content, tmp_path / "second", IMAGE_CACHE_PATH=str(cache))
        second = [r.getMessage() for r in caplog.records if r.getMessage().startswith("Images :")]
    assert first == ["Images : 3 publiées, 3 préparées, 0 reprises du cache"]
    assert second == ["Images : 3 publiées, 0 préparées, 3 reprises du cache"]
    assert {path: path.stat().st_mtime_ns for path in cache.rglob("*")} == cached
    # An image replaced: its new derivatives are made, the old ones leave the output.
    (content / "images" / "schema.png").write_bytes(transparent_png(600, 300))
    build(content, tmp_path / "second", IMAGE_CACHE_PATH=str(cache))
    names = [p.name for p in (tmp_path / "second" / "images").iterdir()]
    assert sum(name.startswith("schema-") for name in names) == 5          # 480, 600 ×2, partage
    assert not any(name.startswith("schema-") and "-800." in name for name in names)
    (content / "images" / "schema.png").write_bytes(FILES["images/schema.png"])
    build(content, tmp_path / "second", IMAGE_CACHE_PATH=str(cache))
    first_files = sorted(p.name for p in (tmp_path / "first" / "images").iterdir())
    assert first_files == sorted(p.name for p in (tmp_path / "second" / "images").iterdir())
    for name in first_files:
        assert (tmp_path / "first" / "images" / name).read_bytes() == \
               (tmp_path / "second" / "images" / name).read_bytes()


def test_animations_keep_their_frames_without_webp(tmp_path):
    frames = [Image.new("RGB", (120, 80), color) for color in ((255, 0, 0), (0, 0, 255))]
    buffer = io.BytesIO()
    frames[0].save(buffer, "GIF", save_all=True, append_images=frames[1:], duration=200, loop=0)
    files = {"images/anim.gif": buffer.getvalue(),
             "articles/a.md": article("Animation", "![Une animation](anim.gif)")}
    output = build(write_content(tmp_path / "content", files), tmp_path / "out",
                   IMAGE_CACHE_PATH=str(tmp_path / "cache"))
    picture = page(output, "actualites/animation/").select_one(".prose picture")
    assert picture.find("source") is None
    with opened(output, "actualites/animation/", picture.find("img")["src"]) as image:
        assert image.format == "GIF" and image.n_frames == 2 and image.size == (120, 80)


# --- Checks ----------------------------------------------------------------------

def run_check(tmp_path, capsys, files, settings=None):
    content = write_content(tmp_path / "content", files)
    code = check_main([str(content)], settings)
    return code, capsys.readouterr().out


@functools.cache       # made when a test first needs it, once
def huge_png(width, height):
    buffer = io.BytesIO()
    Image.new("1", (width, height)).save(buffer, "PNG")
    return buffer.getvalue()


@pytest.mark.parametrize("files,expected,words", [
    ({"images/p.jpg": image_bytes(format="JPEG"), "articles/a.md": article("A", image="p.jpg")},
     "articles/a.md:5: image_alt:", "obligatoire quand une image est donnée"),
    ({"images/p.jpg": image_bytes(format="JPEG"), "articles/a.md": article("A", image="p.jpg", image_alt='""')},
     "articles/a.md:6: image_alt:", "obligatoire quand une image est donnée"),
    ({"images/p.jpg": image_bytes(format="JPEG"), "articles/a.md": article("A", "Texte.\n\n![](p.jpg)")},
     "articles/a.md:8: (texte):", "n'a pas de texte alternatif"),
    ({"images/p.jpg": image_bytes(format="JPEG"),
      "articles/a.md": article("A", 'Texte.\n\n<img src="p.jpg">')},
     "articles/a.md:8: (texte):", "n'a pas de texte alternatif"),
    ({"articles/a.md": article("A", image="absente.jpg", image_alt='"x"')},
     "articles/a.md:5: image:", "est introuvable"),
    ({"articles/a.md": article("A", "Texte.\n\n![Une carte](carte.png)")},
     "articles/a.md:8: (texte):", "« carte.png » est introuvable"),
    ({"images/logo.svg": b"<svg xmlns='http://www.w3.org/2000/svg'/>",
      "articles/a.md": article("A", image="logo.svg", image_alt='"Logo"')},
     "articles/a.md:5: image:", "n'est pas un format d'image accepté"),
    ({"images/faux.jpg": b"pas une image", "articles/a.md": article("A")},
     "images/faux.jpg: (image):", "n'est pas une image lisible"),
    ({"images/bombe.png": partial(huge_png, 20_000, 20_000), "articles/a.md": article("A")},
     "images/bombe.png: (image):", "bombe de décompression"),
    ({"images/immense.png": partial(huge_png, 9_000, 8_000), "articles/a.md": article("A")},
     "images/immense.png: (image):", "(72 mégapixels), au-delà de la limite de 60 mégapixels"),
], ids=["alt missing", "alt empty", "body alt missing", "body html alt missing", "file missing",
        "body file missing", "svg", "not an image", "decompression bomb", "too many pixels"])
def test_each_image_problem_is_a_french_error(tmp_path, capsys, files, expected, words):
    code, out = run_check(tmp_path, capsys, files)
    assert code == 1, out
    lines = [line for line in out.splitlines() if expected in line]
    assert lines and words in lines[0] and " — " in lines[0], out
    assert "Traceback" not in out


def test_byte_limit_comes_from_the_settings(tmp_path, capsys):
    files = {"images/p.jpg": camera_photo(800, 600), "articles/a.md": article("A")}
    code, out = run_check(tmp_path, capsys, files, {"IMAGE_MAX_BYTES": 1000})
    assert code == 1 and "au-delà de la limite" in out and "Mo" in out


def test_images_in_code_are_examples_not_images(tmp_path, capsys):
    body = "Pour une image, écrivez `![texte](photo.jpg)` ou :\n\n```\n![](photo.jpg)\n```\n"
    code, out = run_check(tmp_path, capsys, {"articles/a.md": article("A", body)})
    assert code == 0, out


def test_a_damaged_photo_stops_the_build_in_french(tmp_path):
    photo = camera_photo(800, 600)
    content = write_content(tmp_path / "content", {"images/abimee.jpg": photo[:len(photo) // 2],
                                                    "images/saine.jpg": photo,
                                                    "articles/a.md": article("A")})
    with pytest.raises(Exception) as error:
        build(content, tmp_path / "out", IMAGE_CACHE_PATH=str(tmp_path / "cache"))
    message = str(error.value)
    assert "abimee.jpg: (image): l'image ne peut pas être décodée" in message
    assert "saine.jpg" not in message and "Traceback" not in message


def test_the_build_stops_on_a_bomb_with_the_same_message(tmp_path):
    content = write_content(tmp_path / "content", {"images/bombe.png": huge_png(20_000, 20_000),
                                                    "articles/a.md": article("A")})
    with pytest.raises(Exception) as error:
        build(content, tmp_path / "out", IMAGE_CACHE_PATH=str(tmp_path / "cache"))
    assert "bombe de décompression" in str(error.value)

"""Build a reveal.js slide deck per lesson that works without internet (`make slides`).

    python tools/build_slides.py [--out slides-build] [notebooks ...]

1. The JavaScript the decks need (reveal.js, require.js, jQuery, MathJax) is
   downloaded once from the npm registry into ``slides-build/assets/``, checked
   against the registry's published SHA-512, and reused afterwards. After that
   first build no network is needed, and the decks never load anything from a
   CDN.
2. Each lesson is converted with nbconvert's reveal.js exporter. Widgets appear
   as the still figure next to them (their live output is removed), cells
   tagged ``lecturer-notes`` become speaker notes (press ``s`` in the deck),
   and every cell with a figure starts a new vertical slide.
3. Every deck is checked: no ``http(s)://`` address may remain in a ``src`` or
   ``href``.
"""

from __future__ import annotations

import argparse
import base64
import hashlib
import io
import json
import re
import shutil
import sys
import tarfile
import urllib.request
from pathlib import Path

import nbformat
from nbconvert import SlidesExporter

ROOT = Path(__file__).resolve().parents[1]
ASSETS = {  # npm package, version, files to keep (prefixes inside the package)
    "reveal.js": ("reveal.js", "4.6.0", ("dist/", "plugin/notes/")),
    "requirejs": ("requirejs", "2.3.7", ("require.js",)),
    "jquery": ("jquery", "3.7.1", ("dist/jquery.min.js",)),
    "mathjax": ("mathjax", "2.7.9", ("MathJax.js", "config/", "extensions/", "jax/",
                                     "fonts/HTML-CSS/TeX/woff/", "localization/en/")),
}
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
TEMPLATE = ROOT / "tools" / "slides-template"


def fetch(package: str, version: str, keep: tuple[str, ...], target: Path) -> None:
    """Download one npm package tarball, verify it, and unpack the files the decks use."""
    marker = target / ".complete"
    if marker.exists() and marker.read_text() == version:
        return
    meta = json.load(urllib.request.urlopen(f"https://registry.npmjs.org/{package}/{version}",
                                            timeout=60))
    data = urllib.request.urlopen(meta["dist"]["tarball"], timeout=300).read()
    algorithm, expected = meta["dist"]["integrity"].split("-", 1)
    if base64.b64encode(hashlib.new(algorithm, data).digest()).decode() != expected:
        raise RuntimeError(f"{package} {version}: the download does not match its checksum.")
    if target.exists():
        shutil.rmtree(target)
    with tarfile.open(fileobj=io.BytesIO(data), mode="r:gz") as archive:
        for member in archive.getmembers():
            name = member.name.split("/", 1)[1] if "/" in member.name else member.name
            if member.isfile() and name.startswith(keep) and ".." not in name:
                destination = target / name
                destination.parent.mkdir(parents=True, exist_ok=True)
                destination.write_bytes(archive.extractfile(member).read())
    marker.write_text(version)
    print(f"  assets: {package} {version}")


def prepare(notebook: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """Drop live widgets (their still figure stays) and give every figure its own slide."""
    notebook = nbformat.from_dict(notebook)
    notebook.metadata.pop("widgets", None)
    for cell in notebook.cells:
        if cell.cell_type != "code":
            continue
        cell.outputs = [o for o in cell.outputs if WIDGET_VIEW not in o.get("data", {})]
        has_figure = any("image/png" in o.get("data", {}) for o in cell.outputs)
        slideshow = cell.metadata.setdefault("slideshow", {})
        if has_figure and slideshow.get("slide_type", "-") == "-":
            slideshow["slide_type"] = "subslide"
    return notebook


def exporter(out: Path) -> SlidesExporter:
    assets = "assets"
    slides = SlidesExporter(extra_template_basedirs=[str(TEMPLATE)], template_name="kit-reveal")
    slides.reveal_url_prefix = f"{assets}/reveal.js"
    slides.reveal_theme = "white"  # its fonts ship with reveal.js ("simple" loads Google Fonts)
    slides.reveal_scroll = True
    slides.reveal_number = "c/t"
    slides.reveal_width = "1280"  # room for printed tables and code lines of 100 characters
    slides.reveal_height = "800"
    slides.require_js_url = f"{assets}/requirejs/require.js"
    slides.jquery_url = f"{assets}/jquery/dist/jquery.min.js"
    slides.mathjax_url = f"{assets}/mathjax/MathJax.js?config=TeX-AMS_CHTML-full,Safe"
    return slides


# Anything the browser would *load* from elsewhere (links to click on are fine).
EXTERNAL = re.compile(r"""<(?:script|link|img|iframe|source)\b[^>]*\b(?:src|href)\s*=\s*["']"""
                      r"""(?:https?:)?//|\bfrom\s*['"](?:https?:)?//|url\(\s*['"]?(?:https?:)?//""",
                      re.IGNORECASE)


def build(notebooks: list[Path], out: Path) -> list[Path]:
    out.mkdir(exist_ok=True)
    for name, (package, version, keep) in ASSETS.items():
        fetch(package, version, keep, out / "assets" / name)
    slides = exporter(out)
    written = []
    for path in notebooks:
        body, _ = slides.from_notebook_node(prepare(nbformat.read(path, as_version=4)),
                                            resources={"metadata": {"name": path.stem}})
        external = EXTERNAL.findall(body)
        if external:
            raise RuntimeError(f"{path.name}: the deck would load from the internet: {external}")
        target = out / f"{path.stem}.slides.html"
        target.write_text(body, encoding="utf-8")
        written.append(target)
        print(f"wrote {target.relative_to(ROOT) if target.is_relative_to(ROOT) else target}")
    return written


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=str(ROOT / "slides-build"))
    parser.add_argument("notebooks", nargs="*")
    args = parser.parse_args(argv)
    notebooks = [Path(p) for p in args.notebooks] or sorted((ROOT / "notebooks").glob("*.ipynb"))
    try:
        build(notebooks, Path(args.out))
    except OSError as error:
        sys.exit(f"Could not fetch the slide assets ({error}). The first `make slides` needs the "
                 f"npm registry; later builds run offline.")


if __name__ == "__main__":
    main()

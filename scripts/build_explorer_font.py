"""Rebuild the explorer's fonts: DejaVu Sans (regular and bold) cut down to what Vietnamese needs.

Usage:
    .venv/bin/python scripts/build_explorer_font.py [--source /usr/share/fonts/truetype/dejavu]

Reads Debian's fonts-dejavu-core files and writes ``viz/static/fonts/DejaVuSansVN{,-Bold}.woff``
(WOFF 1, zlib: no extra compressor needed). The subset keeps Latin with every Vietnamese letter
and tone mark (precomposed, U+1EA0-1EF9, and combining, U+0300-0323), the punctuation, signs
and arrows the page writes, and the font's hinting, kerning and ligatures. A test checks the
result's character map against the whole Vietnamese alphabet.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from fontTools import subset

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "viz" / "static" / "fonts"
#: (source file, output file) pairs.
FACES = (("DejaVuSans.ttf", "DejaVuSansVN.woff"), ("DejaVuSans-Bold.ttf", "DejaVuSansVN-Bold.woff"))
#: Code point ranges kept (inclusive).
RANGES = (
    (0x0020, 0x007E),  # ASCII
    (0x00A0, 0x024F),  # Latin-1, Latin Extended-A and -B (Ơ ơ Ư ư are U+01A0, U+01AF)
    (0x0300, 0x0323),  # combining marks: decomposed text (NFD) still renders
    (0x1EA0, 0x1EF9),  # Latin Extended Additional: the precomposed Vietnamese letters
    (0x2010, 0x2027),  # dashes, quotes, bullet, ellipsis
    (0x2030, 0x203A),  # per mille, guillemets
    (0x20AB, 0x20AB),  # ₫
    (0x2190, 0x2199),  # arrows
    (0x2212, 0x2212), (0x2248, 0x2248), (0x2260, 0x2265),  # − ≈ ≠ ≤ ≥
    (0x25A0, 0x25CF),  # geometric shapes of the legend
)


def build(source: Path) -> None:
    """Subset each face of ``source`` into ``viz/static/fonts``."""
    unicodes = [c for low, high in RANGES for c in range(low, high + 1)]
    for name, out in FACES:
        options = subset.Options()
        options.flavor = "woff"
        options.layout_features = ["*"]
        options.name_IDs = ["*"]
        options.notdef_outline = True
        font = subset.load_font(str(source / name), options)
        subsetter = subset.Subsetter(options)
        subsetter.populate(unicodes=unicodes)
        subsetter.subset(font)
        subset.save_font(font, str(OUT / out), options)
        print(f"{OUT / out}: {(OUT / out).stat().st_size:,} bytes")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--source", type=Path, default=Path("/usr/share/fonts/truetype/dejavu"))
    build(parser.parse_args().source)


if __name__ == "__main__":
    main()

"""How the explorer looks: colours by level, shapes by kind, relation labels, contrast, the legend.

Every colour a label is drawn on is checked for contrast (WCAG 2.x relative luminance): the text
colour of a box is whichever of near-black and white reads better on its fill, and the tests hold
every pair to the 4.5:1 of normal text. Comparisons are never told by colour alone: the word
("stricter", "looser", …) is always written beside it.

Example:
    >>> LEVEL_COLOURS["district"], text_colour(LEVEL_COLOURS["district"])
    ('#2E7D4F', '#FFFFFF')
    >>> RELATION_LABELS["implements"]
    'implements'
"""

from __future__ import annotations

#: Levels of government, top down (the order of the legend and of the level filter).
LEVELS = ("central", "province", "district", "commune")
#: What each level is called on screen, with the Vietnamese word a reader expects.
LEVEL_NAMES = {"central": "central (trung ương)", "province": "province (tỉnh)",
               "district": "district (huyện)", "commune": "commune (xã)"}
#: Fill of a node by its level: distinct hues that stay apart for the common colour-vision
#: deficiencies, each dark or light enough to carry a label (see text_colour).
LEVEL_COLOURS = {"central": "#B3261E", "province": "#1F5FA8", "district": "#2E7D4F",
                 "commune": "#E0A100"}
#: A node whose level the graph does not know (a stub cited without an issuer level).
UNKNOWN_COLOUR = "#6B6B6B"
#: The two label colours a fill chooses between.
DARK_TEXT, LIGHT_TEXT = "#111111", "#FFFFFF"
#: The contrast a label must reach on its fill (WCAG AA, normal text).
MIN_CONTRAST = 4.5

#: The kinds of node, and the vis-network shape that tells each apart without colour.
KINDS = ("document", "target", "agency", "place", "group")
KIND_NAMES = {"document": "document (văn bản)", "target": "target (chỉ tiêu)",
              "agency": "agency (cơ quan)", "place": "place (địa bàn)",
              "group": "communes of a district, grouped (click to open)"}
KIND_SHAPES = {"document": "box", "target": "dot", "agency": "triangle", "place": "diamond",
               "group": "database"}

#: Edge labels, one per relation the explorer draws.
RELATION_LABELS = {
    "implements": "implements",
    "based_on": "based on",
    "sets_target": "sets target",
    "derived_from": "derives from",
    "applies_to": "applies to",
    "issued_by": "issued by",
    "lead_agency": "leads tasks",
}
#: Edge colours: the cascade itself stands out, the attachments recede.
RELATION_COLOURS = {"implements": "#333333", "based_on": "#777777", "sets_target": "#8A8A8A",
                    "derived_from": "#555555", "applies_to": "#A0A0A0", "issued_by": "#A0A0A0",
                    "lead_agency": "#A0A0A0"}

#: What a level did with its parent's target, as the comparison table and derivation edges show it.
COMPARISONS = ("stricter", "looser", "equal", "dropped", "differentDeadline", "unitMismatch", "set")
COMPARISON_NAMES = {"stricter": "stricter", "looser": "looser", "equal": "equal",
                    "dropped": "dropped", "differentDeadline": "other deadline",
                    "unitMismatch": "other unit", "set": "no parent target"}
#: Cell tints of the table: light backgrounds under dark text.
COMPARISON_COLOURS = {"stricter": "#CDEBD3", "looser": "#F8D0CC", "equal": "#E4E4E4",
                      "dropped": "#E3D3F0", "differentDeadline": "#F6E2B8",
                      "unitMismatch": "#F6E2B8", "set": "#FFFFFF"}
#: Derivation edges in the network: strong hues on the white canvas.
COMPARISON_EDGE_COLOURS = {"stricter": "#1B7837", "looser": "#B2182B", "equal": "#555555",
                           "differentDeadline": "#8C510A", "unitMismatch": "#8C510A"}

#: The font every label is drawn in: a subset of DejaVu Sans with the whole Vietnamese alphabet,
#: served by the app (viz/static/fonts), so canvas labels never fall back to a font without ơ, ư, ặ.
FONT_FAMILY = "DejaVu Sans VN"


def level_colour(level: str | None) -> str:
    """The fill of a node of this level (grey when unknown)."""
    return LEVEL_COLOURS.get(level or "", UNKNOWN_COLOUR)


def _channel(value: int) -> float:
    c = value / 255
    return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4


def luminance(colour: str) -> float:
    """WCAG relative luminance of ``#RRGGBB``."""
    r, g, b = (int(colour[i:i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * _channel(r) + 0.7152 * _channel(g) + 0.0722 * _channel(b)


def contrast(a: str, b: str) -> float:
    """WCAG contrast ratio of two ``#RRGGBB`` colours, 1 to 21."""
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def text_colour(fill: str) -> str:
    """The label colour that reads better on ``fill``."""
    return max((DARK_TEXT, LIGHT_TEXT), key=lambda text: contrast(fill, text))


def legend() -> dict:
    """What the page's legend lists: levels with colours, kinds with shapes, comparisons, relations."""
    return {
        "levels": [{"id": lv, "name": LEVEL_NAMES[lv], "colour": LEVEL_COLOURS[lv]} for lv in LEVELS],
        "kinds": [{"id": k, "name": KIND_NAMES[k], "shape": KIND_SHAPES[k]} for k in KINDS],
        "comparisons": [{"id": c, "name": COMPARISON_NAMES[c], "colour": COMPARISON_COLOURS[c],
                         "edge": COMPARISON_EDGE_COLOURS.get(c)} for c in COMPARISONS],
        "relations": [{"id": r, "name": name, "colour": RELATION_COLOURS[r]}
                      for r, name in RELATION_LABELS.items()],
    }

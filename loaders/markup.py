"""Normalizer step 2: Markdown markup out, its text kept.

The dev corpus is Markdown scraped from a legal portal: bold markers split across lines
("**I. MỤC ĐÍCH,\\nYÊU CẦU**"), a marker alone on its line, "## " headings, footnotes "[^4]",
escaped punctuation, and a trailing "## Văn bản liên quan" list of other documents. The
document's own text and layout stay: the footnote marks "(*)" of a statistics table and the star
of a "* Thành phần hồ sơ:" bullet are text, not markup.

Example:
    >>> strip_markdown("**I. MỤC ĐÍCH,\\nYÊU CẦU**\\n**\\n*Căn cứ Luật Dữ liệu;*", NormalizeStats())
    'I. MỤC ĐÍCH,\\nYÊU CẦU\\nCăn cứ Luật Dữ liệu;'
"""

from __future__ import annotations

import re

from policykg.loaders.breaks import NormalizeStats

#: A "related documents" Markdown heading cuts the rest of the page only past this share of it.
TRAILER_MIN_POSITION = 0.5

# The patterns below run on the text framed by "\n" at both ends, so that every line starts
# after a literal "\n": a pattern starting with a literal is searched fast, "(?m)^" is not.

#: A line of markup only ("**", "** **", "#"): it carries no text and no layout, so it goes
#: with its line end (a bold marker split onto its own line must not become a paragraph break).
_MARKUP_ONLY_LINE = re.compile(r"\n[ ]*[*#][*# ]*(?=\n)")
#: … and between two blank lines it goes with one of them ("\n\n** **\n\n" is one blank line).
_MARKUP_ONLY_PARAGRAPH = re.compile(r"\n\n[ ]*[*#][*# ]*(?=\n\n)")
#: Markdown heading markers: "## Văn bản liên quan" -> "Văn bản liên quan".
_MD_HEADING = re.compile(r"\n[ ]*#{1,6}(?:[ ]+#{1,6})*(?:[ ]+|(?=\n))")
#: A run of stars, written as a literal star then more ("[*]+" or "\*+" have no literal prefix, so
#: the engine would try every position; a literal prefix is found by fast substring search).
_STARS = re.compile(r"\*[*]*")
_FOOTNOTE = re.compile(r"\[\^(\w{1,6})\]:?")  # "[^1]" and "[^1]:" -> "[1]" (the printed form)
_ESCAPED = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|>])")  # "\*" -> "*": Markdown escapes
#: A Markdown heading that opens a portal's "related documents" trailer.
_TRAILER = re.compile(
    r"""\n[ ]*\#{1,6}[ ]+                              # a Markdown heading marker
        (?i:văn\ bản\ liên\ quan|tin\ liên\ quan|bài\ viết\ liên\ quan|các\ tin\ khác
           |tin\ khác|tin\ cùng\ chuyên\ mục)          # the portal's list titles
        [ ]*(?=\n)                                     # alone on its line
    """,
    re.X,
)
#: What may follow the star of a "* item" bullet's first word: not another star or a blank.
_NOT_BULLET_TEXT = ("*", " ", "\n", "")


def _unstar(match: re.Match) -> str:
    """Drop a run of bold/italic stars, but keep the footnote marks "(*)", "(**)" and the star of
    a "* item" bullet at a line start."""
    text, start, end = match.string, match.start(), match.end()
    before, after = text[start - 1:start], text[end:end + 1]
    if before == "(" and after == ")":
        return match.group()
    bullet = end - start == 1 and before == "\n" and after == " "
    if bullet and text[end + 1:end + 2] not in _NOT_BULLET_TEXT:
        return match.group()
    return ""


def strip_markdown(text: str, stats: NormalizeStats) -> str:
    """Drop emphasis and heading markers, keep the text; cut a trailing "related documents" list.

    Example: ``"**I. MỤC ĐÍCH,\\nYÊU CẦU**\\n**\\n*Căn cứ Luật Dữ liệu;*"`` ->
    ``"I. MỤC ĐÍCH,\\nYÊU CẦU\\nCăn cứ Luật Dữ liệu;"``.
    """
    if "#" not in text and "*" not in text and "[^" not in text and "\\" not in text:
        return text  # nothing to strip (every second pass of a clean text)
    framed = f"\n{text}\n"
    if "#" in framed:
        for match in _TRAILER.finditer(framed):
            if match.start() >= TRAILER_MIN_POSITION * len(framed):
                stats.count_chrome(framed[match.start():].split("\n"))
                framed = framed[:match.start()] + "\n"
                break
    if "*" in framed or "#" in framed:
        framed = _MARKUP_ONLY_LINE.sub("", _MARKUP_ONLY_PARAGRAPH.sub("", framed))
        framed = _MD_HEADING.sub("\n", framed)
        framed = _STARS.sub(_unstar, framed)
    if "[^" in framed:
        framed = _FOOTNOTE.sub(r"[\1]", framed)
    if "\\" in framed:
        framed = _ESCAPED.sub(r"\1", framed)
    return framed[1:-1]

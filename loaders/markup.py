"""Normalizer step 2: Markdown markup out, its text kept.

The dev corpus is Markdown scraped from a legal portal: bold markers split across lines
("**I. MỤC ĐÍCH,\\nYÊU CẦU**"), a marker alone on its line, "## " headings, footnotes "[^4]",
escaped punctuation, and a trailing "## Văn bản liên quan" list of other documents. The
document's own text and layout stay: the footnote marks "(*)" of a statistics table and the star
of a "* Thành phần hồ sơ:" bullet are text, not markup.

The bold marks say one thing before they go: **what a numbered heading holds.** A portal prints
a heading in bold and its body in plain text, so a bold run that opens with a heading number
("**17. Chi cục\nHải quan khu vực V**") is one heading, whatever its line ends; once the stars
are gone, a capitalised line after a short numbered one reads as the heading's body
(``line_wraps.py`` keeps "1. Mục tiêu" / "Nâng cao …" apart), so the run's lines are joined here.
A heading the portal wrote as two bold runs, the second after a blank line ("**3. Đề nghị Ủy ban
Mặt trận Tổ quốc Việt Nam Thành phố, Hội Liên hiệp**" / blank / "**Phụ nữ Thành phố và …**"), is
joined too when the first stops unfinished (no ". ; : ! ?") and the second goes on with words
(no heading number, no list mark).

Example:
    >>> strip_markdown("**I. MỤC ĐÍCH,\\nYÊU CẦU**\\n**\\n*Căn cứ Luật Dữ liệu;*", NormalizeStats())
    'I. MỤC ĐÍCH, YÊU CẦU\\nCăn cứ Luật Dữ liệu;'
"""

from __future__ import annotations

import re

from policykg.loaders.breaks import NormalizeStats
from policykg.loaders.line_wraps import CLOSING_MARKS, HEADING_START, SENTENCE_ENDS

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
#: A bold run opening a line with a heading number: "**17. Chi cục\nHải quan khu vực V**".
_BOLD_HEADING = re.compile(
    r"""\n[ ]*\*\*                                    # a bold run at a line start
        (?=(?:[IVXLC]{1,6}|\d{1,2}(?:\.\d{1,2})*|[a-zđ])[.)][ ]*[^\W\d_])  # "17. Chi", "a) Sở"
        (?P<words>(?:[^*\n]|\n(?![ ]*\n))+?)           # its words: line ends, no blank line
        \*\*(?!\*)[ ]*(?=\n)                            # the run's end, ending its line
    """,
    re.X,
)
#: The next paragraph, when it is one bold run: "\n\n**Phụ nữ Thành phố và …**".
_NEXT_BOLD_RUN = re.compile(
    r"""\n[ ]*\n[ ]*\*\*                               # one blank line, then a bold run
        (?P<words>[^\W\d_](?:[^*\n]|\n(?![ ]*\n))*?)   # its words, opening with a letter
        \*\*(?!\*)[ ]*(?=\n)                            # the run's end, ending its line
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


def _one_line(words: str) -> str:
    """The lines of a bold heading joined, but for a line that starts a heading or list item."""
    lines = [line.strip() for line in words.split("\n")]
    out = [lines[0]]
    for line in lines[1:]:
        if HEADING_START.match(line):
            out.append("\n" + line)
        else:
            out.append(" " + line)
    return "".join(out)


def _unfinished(words: str) -> bool:
    """Whether a heading's words stop without ". ; : ! ? …" (before closing quotes)."""
    return words.rstrip().rstrip(CLOSING_MARKS)[-1:] not in SENTENCE_ENDS


def join_bold_headings(framed: str) -> str:
    """Each bold numbered heading on one line, its second bold run joined (module docstring).

    Example: ``"\n**3. Đề nghị Ủy ban Mặt trận\nTổ quốc Việt Nam, Hội Liên hiệp**\n\n**Phụ nữ
    Thành phố**\n"`` -> ``"\n**3. Đề nghị Ủy ban Mặt trận Tổ quốc Việt Nam, Hội Liên hiệp Phụ nữ
    Thành phố**\n"``.
    """
    pieces: list[str] = []
    pos = 0
    for match in _BOLD_HEADING.finditer(framed):
        if match.start() < pos:
            continue  # inside the second run of the heading before
        words, end = match["words"], match.end()
        more = _NEXT_BOLD_RUN.match(framed, end)
        if more is not None and _unfinished(words) and not HEADING_START.match(more["words"]):
            words, end = f"{words}\n{more['words']}", more.end()
        pieces += [framed[pos:match.start()], "\n**", _one_line(words), "**"]
        pos = end
    return "".join(pieces) + framed[pos:] if pieces else framed


def has_markup(text: str) -> bool:
    """Whether the text holds a character ``strip_markdown`` looks for ("#", "*", "[^", "\\");
    without one it returns the text as it is.

    Example: ``has_markup("**I. MỤC ĐÍCH**")`` -> True; ``has_markup("I. MỤC ĐÍCH")`` -> False.
    """
    # One character is looked for at memchr speed, two at a few times less: "[^" only where a
    # "^" is (most texts hold none of the four).
    return "#" in text or "*" in text or "\\" in text or ("^" in text and "[^" in text)


def strip_markdown(text: str, stats: NormalizeStats) -> str:
    """Drop emphasis and heading markers, keep the text; cut a trailing "related documents" list.

    Example: ``"**I. MỤC ĐÍCH,\\nYÊU CẦU**\\n**\\n*Căn cứ Luật Dữ liệu;*"`` ->
    ``"I. MỤC ĐÍCH, YÊU CẦU\\nCăn cứ Luật Dữ liệu;"`` (a bold numbered heading on one line).
    """
    if not has_markup(text):
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
        if "**" in framed:
            framed = join_bold_headings(framed)
        framed = _STARS.sub(_unstar, framed)
    if "[^" in framed:
        framed = _FOOTNOTE.sub(r"[\1]", framed)
    if "\\" in framed:
        framed = _ESCAPED.sub(r"\1", framed)
    return framed[1:-1]

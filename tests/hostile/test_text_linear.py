"""The markdown reader's inline markup, rewritten to run in linear time, reads as the regex did."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from check_report.readers.text import HTML_TAG, MAX_EMPHASIS_NESTING, parse_text, strip_markup

# The regex the reader used before (quadratic on a line of `*x `): the oracle for what a line means.
_INLINE = re.compile(
    r"<sup>\s*(\d+)\s*</sup>|\[\^(\d+)\]"
    r"|(\*\*\*|\*\*|__|\*|(?<!\w)_)(?=\S)(.+?)(?<=\S)\3(?!\w)"
    r"|\\([\\`*_{}\[\]()#+\-.!|<>])"
)


def _oracle(line: str, depth: int = 0):
    markers, emphasis = [], []
    line = HTML_TAG.sub(lambda m: m.group(0) if m.group(0).lower().startswith(("<sup", "</sup")) else "", line)
    out, pos = [], 0
    for match in _INLINE.finditer(line):
        out.append(line[pos:match.start()])
        offset = len("".join(out))
        if match.group(1) or match.group(2):
            markers.append((offset, int(match.group(1) or match.group(2))))
        elif match.group(3):
            inner, inner_markers, inner_emphasis = (_oracle(match.group(4), depth + 1)
                                                    if depth < MAX_EMPHASIS_NESTING else (match.group(4), (), ()))
            style = "bold" if len(match.group(3)) >= 2 else "italic"
            emphasis.append((offset, offset + len(inner), style))
            markers.extend((offset + o, n) for o, n in inner_markers)
            emphasis.extend((offset + s, offset + e, st) for s, e, st in inner_emphasis)
            out.append(inner)
        else:
            out.append(match.group(5))
        pos = match.end()
    out.append(line[pos:])
    return "".join(out), tuple(markers), tuple(sorted(emphasis))


_PIECES = st.sampled_from(["*", "**", "***", "_", "__", " ", "x", "đ", "1", "\\", "\\*", "<sup>2</sup>",
                           "[^3]", "<b>", "a_b", "\u00a0", "-", ".", "[", "<"])


@settings(max_examples=3000, deadline=None)
@given(st.lists(_PIECES, max_size=24).map("".join))
def test_inline_markup_reads_as_the_regex_did(line):
    assert strip_markup(line) == _oracle(line)


def test_known_lines():
    assert strip_markup("**Tổng thu** đạt *25%* kế hoạch[^1]") == (
        "Tổng thu đạt 25% kế hoạch", ((25, 1),), ((0, 8, "bold"), (13, 16, "italic")))
    assert strip_markup("snake_case_name stays, \\*escaped\\*") == ("snake_case_name stays, *escaped*", (), ())


def test_wrapped_lines_keep_their_lines():
    document = parse_text("Tổng thu 3 tháng\nước thực hiện 1.245 triệu đồng\nđạt 25% kế hoạch.\n\n- Chi 980")
    first, second = document.blocks
    assert first.text == "Tổng thu 3 tháng ước thực hiện 1.245 triệu đồng đạt 25% kế hoạch."
    assert [first.line_at(first.text.index(w)) for w in ("Tổng", "1.245", "25%")] == [1, 2, 3]
    assert second.line == 5 and second.line_starts == ()

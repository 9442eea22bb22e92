"""Citations of other documents: `<Loại văn bản> số <số>/<ký hiệu> ngày <ngày> của <cơ quan>`.

Short forms too: without `số`, without a date, long dates (`ngày 05 tháng 12 năm 2022`), Party style
`12-NQ/HU` (hyphen after the number, slash before the body), normative codes with the year
(`21/2017/NQ-HĐND`, `80/2015/QH13`). A code found without a type word before it is still a citation
(type None): it can take part in the duplicate check.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache, lru_cache

from check_report.checks import _data
from check_report.checks._dates import DateMention, find_dates
from check_report.document import Block, Document

_L = r"[^\W\d_]"      # a letter, Vietnamese ones included
_LD = r"[^\W_]"       # a letter or digit
# 417/CĐ-TTg, 21/2017/NQ-HĐND, 47/2020/NQ- HĐND, 55/2005/TTLT-BNV-VPCP, 80/2015/QH13
STATE_CODE = re.compile(
    rf"(?<![\w/.\-])(\d{{1,5}})\s?/\s?(?:(\d{{4}})\s?/\s?)?"
    rf"({_L}{_LD}*(?:\s?-\s?{_LD}+)+|(?:UBTV)?QH\d{{1,2}})(?![\w\-])"
)
# 12-NQ/HU, 36-HD/VPTW, 08-QĐi/TW
PARTY_CODE = re.compile(rf"(?<![\w/.\-])(\d{{1,5}})\s?-\s?({_L}{_LD}*)\s?/\s?({_L}{_LD}*(?:-{_LD}+)*)(?![\w\-])")
# what may stand between a code and its date: ", ban hành ngày"; the match stops before "ngày"
AFTER_CODE_DATE = re.compile(r"^\s*+,?\s*+(?:\)\s*+)?(?:được\s++)?(?:ban hành\s++)?(?=ngày\s)", re.IGNORECASE)
DATE_WINDOW = 45      # "ngày 05 tháng 12 năm 2022" fits
# "của HĐND tỉnh" up to the words that start what the document is about ("về ...", "và ...")
ISSUER = re.compile(r"^\s*của\s+((?:(?!\s(?:về|và|theo|trong|đến|tại|nhằm|với|ngày)\s)[^,;.()]){2,60})",
                    re.IGNORECASE)
BEFORE_GAP = 80       # characters before a code searched for its type word
MODERN_NUMBERING_FROM = 1997
CACHED_BLOCKS = 8192


@dataclass(frozen=True)
class Citation:
    block: Block
    start: int                     # the whole citation: type word .. date
    end: int
    code_start: int
    code_end: int
    code: str                      # as written, spaces removed: "21/2017/NQ-HĐND"
    number: int
    year: int | None               # the year inside the code (normative documents)
    symbol: str                    # "NQ-HĐND", "NQ/QU" for Party codes
    style: str                     # "state" | "party"
    type_word: str | None          # "Nghị quyết" as written
    type_code: str | None          # "NQ" as written in the code
    issuer_code: str               # "HĐND", "QU", "TTg"
    date: DateMention | None
    issuer: str | None             # "HĐND tỉnh" after `của`

    @property
    def modern(self) -> bool:
        """Issued under today's numbering (the year in the code, the type's abbreviation: `45/2019/NĐ-CP`),
        which began with the 1996 law on legal documents; an older one is cited as it was numbered then
        (`Nghị định số 174/NB-51 ngày 27/6/1951`, `Nghị định 15-CP ngày 2/3/1993`). Undated: taken as modern."""
        return self.date is None or self.date.year >= MODERN_NUMBERING_FROM

    @property
    def key(self) -> str:
        """Identity of the cited document: its number and symbol, case and spacing aside."""
        return self.code.casefold()

    @property
    def text(self) -> str:
        return self.block.text[self.start:self.end]


@dataclass(frozen=True)
class TypeInfo:
    word: str
    codes: tuple[str, ...]
    party_codes: tuple[str, ...]
    old_codes: tuple[str, ...]
    needs_year: bool


@cache
def type_table() -> dict[str, TypeInfo]:
    """Type word (casefolded) -> what its code may carry."""
    table = {}
    for row in _data.load("doc_types.yaml")["types"]:
        table[row["word"].casefold()] = TypeInfo(
            row["word"], tuple(row.get("codes", ())) + tuple(row.get("also", ())),
            tuple(row.get("party_codes", ())), tuple(row.get("old_codes", ())), bool(row.get("needs_year")))
    return table


@cache
def _type_words() -> str:
    words = sorted((info.word for info in type_table().values()), key=len, reverse=True)
    return "|".join(re.escape(w) for w in words)


@cache
def _type_before_code() -> re.Pattern:
    """The type word right before a code: `Kế hoạch số `, `Thông báo (số `, `nghị định `."""
    return re.compile(rf"(?<!\w)({_type_words()})\s*\(?\s*(?:số\s*:?\s*)?$", re.IGNORECASE)


@cache
def _type_of_issuer_before_code() -> re.Pattern:
    """`Quyết định của Ban Bí thư số `: the issuer named between the type word and `số`."""
    return re.compile(rf"(?<!\w)({_type_words()})\s+của\s([^.;:,()]{{1,50}}?)\s*số\s*:?\s*$", re.IGNORECASE)


def _type_word_before(text: str) -> re.Match | None:
    strict = _type_before_code().search(text)
    if strict:
        return strict
    loose = _type_of_issuer_before_code().search(text)
    # "Kế hoạch của UBND tỉnh về Quyết định số ...": the nearer type word is the one cited
    if loose and not re.search(rf"(?<!\w)(?:{_type_words()})(?!\w)", loose.group(2), re.IGNORECASE):
        return loose
    return None


@cache
def all_type_codes() -> frozenset[str]:
    codes = set()
    for info in type_table().values():
        codes.update(info.codes + info.party_codes + info.old_codes)
    return frozenset(c.casefold() for c in codes)


def issuer_kind(issuer_code: str) -> str | None:
    """'party', 'state' or None (unknown) for the abbreviation of an issuing body."""
    data = _data.load("doc_types.yaml")
    if re.match(data["party_issuer_pattern"], issuer_code):
        return "party"
    if re.match(data["state_issuer_pattern"], issuer_code):
        return "state"
    return None


def find_citations(document: Document | None) -> Iterator[Citation]:
    if document is None:
        return
    for block in document.blocks:
        yield from citations_in(block)


def citations_in(block: Block) -> Iterator[Citation]:
    return iter(_citations_of(block))


@lru_cache(maxsize=CACHED_BLOCKS)
def _citations_of(block: Block) -> tuple[Citation, ...]:
    # five checks read the citations of the same blocks: parse each block once
    text = block.text
    matches = [(m, "state") for m in STATE_CODE.finditer(text)]
    matches += [(m, "party") for m in PARTY_CODE.finditer(text)
                if not any(s.start() <= m.start() < s.end() for s, _ in matches)]
    return tuple(_build(block, m, style) for m, style in sorted(matches, key=lambda pair: pair[0].start()))


def _build(block: Block, m: re.Match, style: str) -> Citation:
    text = block.text
    code = re.sub(r"\s+", "", m.group(0))
    if style == "state":
        year = int(m.group(2)) if m.group(2) else None
        symbol = re.sub(r"\s+", "", m.group(3))
        parts = symbol.split("-")
        type_code = parts[0] if parts[0].casefold() in all_type_codes() and len(parts) > 1 else None
        issuer_code = parts[1] if type_code else parts[0]
    else:
        year, type_code, issuer_code = None, m.group(2), m.group(3).split("-")[0]
        symbol = f"{m.group(2)}/{m.group(3)}"
    before = _type_word_before(text[max(0, m.start() - BEFORE_GAP):m.start()])
    start = m.start() - (len(before.group(0)) if before else 0)
    date, end = _date_after(text, m.end())
    issuer = ISSUER.match(text[end:])
    return Citation(block, start, end, m.start(), m.end(), code, int(m.group(1)), year, symbol, style,
                    before.group(1) if before else None, type_code, issuer_code, date,
                    issuer.group(1).strip() if issuer else None)


def _date_after(text: str, code_end: int) -> tuple[DateMention | None, int]:
    lead = AFTER_CODE_DATE.match(text[code_end:code_end + 40])
    if not lead:
        return None, code_end
    offset = code_end + lead.end()
    for mention in find_dates(text[offset:offset + DATE_WINDOW]):
        if mention.start <= len("ngày") + 3 and mention.year is not None:
            shifted = DateMention(mention.start + offset, mention.end + offset, mention.raw,
                                  mention.day, mention.month, mention.year)
            return shifted, shifted.end
        break
    return None, code_end

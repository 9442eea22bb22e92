"""Text bytes in, Unicode (NFC) out: UTF-8/UTF-16, and the legacy Vietnamese font encodings TCVN3 and VNI.

Older reports were typed with 8-bit "fonts" (.VnTime = TCVN3/ABC, VNI-Times = VNI) that reuse Latin-1 code
points for Vietnamese letters: `Uû ban nh©n d©n` is TCVN3 for `Uỷ ban nhân dân`, `Vieät Nam` is VNI for
`Việt Nam`. Such text survives copy-paste into UTF-8 files too, so detection looks at the decoded characters,
not at the bytes. Decree 30/2020 requires Unicode, so a conversion is reported to the user, never silent.
"""

from __future__ import annotations

import re
import unicodedata

TCVN3 = "TCVN3"
VNI = "VNI"

# TCVN3 (TCVN 5712:1993, VN3): one byte per letter. Upper-case accented letters have no code of their own in
# VN3 (fonts like .VnTimeH draw the lower-case codes in capitals), so only the base capitals are mapped.
_TCVN3_LETTERS = {
    "a": "µ¶·¸¹", "ă": "»¼½¾Æ", "â": "ÇÈÉÊË", "e": "ÌÎÏÐÑ", "ê": "ÒÓÔÕÖ", "i": "×ØÜÝÞ",
    "o": "ßáâãä", "ô": "åæçèé", "ơ": "êëìíî", "u": "ïñòóô", "ư": "õö÷øù", "y": "úûüýþ",
}
# tone order in both tables above: grave, hook, tilde, acute, dot below
_TONES = ("\u0300", "\u0309", "\u0303", "\u0301", "\u0323")
_TCVN3_SINGLE = {"¨": "ă", "©": "â", "ª": "ê", "«": "ô", "¬": "ơ", "\xad": "ư", "®": "đ",
                 "¡": "Ă", "¢": "Â", "£": "Ê", "¤": "Ô", "¥": "Ơ", "¦": "Ư", "§": "Đ"}


def _tcvn3_table() -> dict[int, str]:
    table = {ord(k): v for k, v in _TCVN3_SINGLE.items()}
    for base, codes in _TCVN3_LETTERS.items():
        for code, tone in zip(codes, _TONES):
            table[ord(code)] = unicodedata.normalize("NFC", base + tone)
    return table


_TCVN3_TABLE = _tcvn3_table()
# characters that TCVN3 text is full of and Unicode Vietnamese never uses (Latin-1 symbols and letters
# outside the Vietnamese alphabet)
_TCVN3_TELLTALE = re.compile(r"[¡¢£¤¥¦§¨©ª«¬\xad®µ¶·¸¹»¼½¾ÆÇËÎÏÐÑÖ×ØÜÞßåæçëîïñö÷øûüþ]")

# VNI: a base letter followed by a mark byte. Marks for the letter's shape (circumflex, breve, horn) and
# tone come as one byte; lower-case marks follow lower-case letters, upper-case marks upper-case letters.
_VNI_MARKS_LOWER = {
    "ù": "\u0301", "ø": "\u0300", "û": "\u0309", "õ": "\u0303", "ï": "\u0323",
    "â": "\u0302", "á": "\u0302\u0301", "à": "\u0302\u0300", "å": "\u0302\u0309", "ã": "\u0302\u0303",
    "ä": "\u0302\u0323", "ê": "\u0306", "é": "\u0306\u0301", "è": "\u0306\u0300", "ú": "\u0306\u0309",
    "ü": "\u0306\u0303", "ë": "\u0306\u0323",
}
_VNI_MARKS_UPPER = {k.upper(): v for k, v in _VNI_MARKS_LOWER.items()}
# letters that are one byte in VNI: horn letters, đ, and i with tones (i takes one-byte codes)
_VNI_SINGLE = {"ô": "ơ", "ö": "ư", "ñ": "đ", "Ô": "Ơ", "Ö": "Ư", "Ñ": "Đ", "í": "í", "ì": "ì", "æ": "ỉ",
               "ó": "ĩ", "ò": "ị", "Í": "Í", "Ì": "Ì", "Æ": "Ỉ", "Ó": "Ĩ", "Ò": "Ị", "î": "ỵ", "Î": "Ỵ"}
_VNI_PAIR = re.compile(r"([aeouyAEOUYôöÔÖ])([ùøûõïâáàåãäêéèúüëÙØÛÕÏÂÁÀÅÃÄÊÉÈÚÜË])")
_VNI_TELLTALE = re.compile(r"[aeouy][ùøûõïäåëü]|[ñö]|[aeo][âê](?![a-zđ]{2})")

# Unicode Vietnamese: letters outside Latin-1 that only real Vietnamese text contains (â, ê, ô are Latin-1
# and serve as VNI marks, so they prove nothing)
_UNICODE_VIETNAMESE = re.compile(r"[ăđơưĂĐƠƯ\u1ea0-\u1ef9]")


def decode_bytes(data: bytes) -> tuple[str, list[str]]:
    """Decode a text file's bytes; returns (NFC text, notes). Raises UnicodeError for binary data."""
    notes: list[str] = []
    if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise UnicodeError("binary data (NUL bytes), not a text file")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = data.decode("utf-16")
    else:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            text = data.decode("cp1252", errors="replace")
            notes.append("not UTF-8: decoded as Windows-1252")
    text, legacy = convert_legacy(text)
    if legacy:
        notes.append(f"converted from the legacy {legacy} encoding to Unicode "
                     "(Decree 30/2020 requires Unicode fonts)")
    return unicodedata.normalize("NFC", text), notes


def detect_legacy(text: str) -> str | None:
    """TCVN3, VNI or None, judged from characters that Unicode Vietnamese text does not use."""
    unicode_letters = len(_UNICODE_VIETNAMESE.findall(text))
    tcvn3 = len(_TCVN3_TELLTALE.findall(text))
    vni = len(_VNI_TELLTALE.findall(text))
    if max(tcvn3, vni) < 3 or unicode_letters > max(tcvn3, vni) // 4:
        return None
    if tcvn3 >= vni:
        return TCVN3
    return VNI


def convert_legacy(text: str) -> tuple[str, str | None]:
    """Convert TCVN3/VNI text to Unicode; returns (text, name of the encoding converted or None)."""
    legacy = detect_legacy(text)
    return (convert_as(text, legacy), legacy) if legacy else (text, None)


def convert_as(text: str, legacy: str) -> str:
    """Text in the named legacy encoding (TCVN3 or VNI), in Unicode."""
    if legacy == TCVN3:
        return text.translate(_TCVN3_TABLE)
    if legacy == VNI:
        return vni_to_unicode(text)
    return text


def vni_to_unicode(text: str) -> str:
    def pair(match: re.Match) -> str:
        base, mark = match.group(1), match.group(2)
        base = _VNI_SINGLE.get(base, base)
        marks = _VNI_MARKS_LOWER.get(mark) or _VNI_MARKS_UPPER.get(mark, "")
        return unicodedata.normalize("NFC", base + marks)

    text = _VNI_PAIR.sub(pair, text)
    return "".join(_VNI_SINGLE.get(ch, ch) for ch in text)

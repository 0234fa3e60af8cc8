"""Language and script of a comment.

The script is counted from Unicode letters. Tibetan, Burmese, Khmer and Lao are told by
their scripts alone (no library here knows them); Arabic script with the letters only
Uyghur uses (ې ۆ ۇ ۈ ۋ ڭ ھ) is Uyghur. Korean is Hangul. Chinese is Han: Traditional when
folding it to Simplified changes characters, Cantonese when it has characters of written
Cantonese (嘅 咗 冇 唔 係 佢 ...). Latin and other Arabic-script texts go to ``lingua``,
limited to the languages of that script a newsroom is likely to get, which keeps it fast
and its models small; Cyrillic, Greek, Thai and Japanese kana are told by script.
"""

import unicodedata
from collections import Counter
from dataclasses import dataclass
from functools import cache, lru_cache

import opencc
from lingua import Language, LanguageDetectorBuilder

SCRIPT_LANGUAGE = {"Tibt": "bo", "Mymr": "my", "Khmr": "km", "Laoo": "lo", "Hang": "ko"}
_SCRIPT_PREFIXES = (
    ("CJK", "Hani"),
    ("HANGUL", "Hang"),
    ("HIRAGANA", "Jpan"),
    ("KATAKANA", "Jpan"),
    ("TIBETAN", "Tibt"),
    ("MYANMAR", "Mymr"),
    ("KHMER", "Khmr"),
    ("LAO", "Laoo"),
    ("ARABIC", "Arab"),
    ("CYRILLIC", "Cyrl"),
    ("GREEK", "Grek"),
    ("THAI", "Thai"),
    ("LATIN", "Latn"),
)
_UYGHUR_LETTERS = frozenset("ېۆۇۈۋڭھ")
_CANTONESE = frozenset("嘅咗冇唔係佢啲喺嘢乜咩嚟睇噉哋嗰咁攞畀揾冚攰嬲")
# lingua decides only among languages of the text's script (fewer models in memory, faster).
_LINGUA = {
    "Latn": (Language.ENGLISH, Language.VIETNAMESE, Language.GERMAN, Language.FRENCH,
             Language.SPANISH, Language.PORTUGUESE, Language.DANISH, Language.INDONESIAN,
             Language.MALAY, Language.TAGALOG),
    "Arab": (Language.ARABIC, Language.PERSIAN, Language.URDU),
}  # fmt: skip
SCRIPT_ONLY = {"Cyrl": "ru", "Thai": "th", "Jpan": "ja", "Grek": "el"}
_s2t = opencc.OpenCC("s2t")
_t2s = opencc.OpenCC("t2s")


@dataclass(frozen=True)
class Detection:
    language: str  # BCP 47 code, "" when unknown
    script: str  # ISO 15924 code of the most used script, "" when no letters
    scripts: dict[str, int]  # letters per script


@cache
def _detector(script: str):
    # Low-accuracy mode (trigrams only) costs about 20 MiB per worker instead of about 230 MiB
    # with the full models, a fair price: the newsroom's own scripts are decided by Unicode.
    builder = LanguageDetectorBuilder.from_languages(*_LINGUA[script])
    return builder.with_low_accuracy_mode().build()


@lru_cache(maxsize=65536)
def script_of(char: str) -> str:
    name = unicodedata.name(char, "")
    for prefix, code in _SCRIPT_PREFIXES:
        if name.startswith(prefix):
            return code
    return ""


def detect(text: str) -> Detection:
    counts: Counter[str] = Counter()
    for char, times in Counter(text).items():  # each distinct character looked at once
        if char.isalpha() and (script := script_of(char)):
            counts[script] += times
    if not counts:
        return Detection("", "", {})
    script = counts.most_common(1)[0][0]
    return Detection(_language(text, script), script, dict(counts))


def _language(text: str, script: str) -> str:
    if script in SCRIPT_LANGUAGE:
        return SCRIPT_LANGUAGE[script]
    if script == "Hani":
        return _chinese_variant(text)
    if script == "Arab" and any(c in _UYGHUR_LETTERS for c in text):
        return "ug"
    if script not in _LINGUA:
        return SCRIPT_ONLY.get(script, "")
    found = _detector(script).detect_language_of(text)
    return found.iso_code_639_1.name.lower() if found else ""


def _chinese_variant(text: str) -> str:
    if any(c in _CANTONESE for c in text):
        return "yue"
    if _t2s.convert(text) != text:
        return "zh-Hant"
    if _s2t.convert(text) != text:
        return "zh-Hans"
    return "zh"

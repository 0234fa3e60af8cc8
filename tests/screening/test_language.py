"""Language and script detection covers the ten newsroom languages."""

import pytest

from commentdesk.screening.language import detect

SAMPLES = {
    "en": ("The council should publish the budget before the vote.", "Latn"),
    "ko": ("이 기사는 정말 좋은 정보를 담고 있네요.", "Hang"),
    "zh-Hans": ("这篇报道写得很好，我们应该关注这个问题。", "Hani"),
    "zh-Hant": ("這篇報導寫得很好，我們應該關注這個問題。", "Hani"),
    "yue": ("呢篇報道寫得好好，我哋應該關注呢個問題。", "Hani"),
    "bo": ("བོད་ཀྱི་གསར་འགྱུར་འདི་ཡག་པོ་འདུག", "Tibt"),
    "ug": ("بۇ خەۋەر ناھايىتى ياخشى يېزىلىپتۇ", "Arab"),
    "my": ("ဒီသတင်းက အရမ်းကောင်းပါတယ်", "Mymr"),
    "km": ("អត្ថបទនេះល្អណាស់", "Khmr"),
    "lo": ("ຂ່າວນີ້ດີຫຼາຍ", "Laoo"),
    "vi": ("Bài báo này rất hay, cảm ơn tác giả.", "Latn"),
}


@pytest.mark.parametrize("language", SAMPLES)
def test_each_newsroom_language_is_detected(language):
    text, script = SAMPLES[language]
    found = detect(text)
    assert (found.language, found.script) == (language, script)


def test_text_without_letters_has_no_language():
    found = detect("123 !!! 👍")
    assert (found.language, found.script) == ("", "")

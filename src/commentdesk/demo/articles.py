"""Article text for the demo newsroom, written by the project from public facts."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Article:
    slug: str
    url: str
    language: str
    title: str
    byline: str
    published: str  # ISO date-time, UTC
    photo_caption: str
    photo_credit: str
    sections: tuple[tuple[str, tuple[str, ...]], ...]  # (subheading or "", paragraphs)


NGO_LETTER = Article(
    slug="ngo-letter",
    url="https://news.example/2018/06/ngo-letter",
    language="en",
    title="Rights groups urge Kim Jong Un to end abuses as Singapore summit nears",
    byline="By the Demo Newsroom staff",
    published="2018-06-07T14:00:00+00:00",
    photo_caption=(
        "Two leaders, two photos: U.S. President Donald Trump in Washington on May 17, 2018, "
        "and North Korean leader Kim Jong Un in Panmunjom on April 27, 2018."
    ),
    photo_credit="Illustration: Demo Newsroom",
    sections=(
        (
            "",
            (
                "Fifty-two non-governmental organisations and coalitions wrote to North Korean "
                "leader Kim Jong Un on Thursday, five days before his planned meeting with U.S. "
                "President Donald Trump, asking him to reform a system they say commits grave "
                "violations of human rights.",
                "The signatories speak for more than 300 groups in Asia, Africa, Europe, Latin "
                "America and North America. They want forced labour and the mistreatment of "
                "prisoners to stop, United Nations human rights recommendations to be acted on, "
                "and international aid to be monitored so that it reaches the people who need it.",
                "In 2014 a U.N. Commission of Inquiry reported enslavement, murder, forced "
                "abortions and sexual violence among the abuses it found in the country.",
            ),
        ),
        (
            "A summit about weapons, and the question of rights",
            (
                "Mr. Trump and Mr. Kim are due to meet in Singapore on June 12. The talks are "
                "expected to centre on Pyongyang giving up its nuclear arsenal in return for "
                "security guarantees and economic relief, although several members of Congress "
                "have asked the president to raise human rights as well.",
                "The U.S. Senate passed the North Korean Human Rights Act on April 25, renewing "
                "and updating a law first adopted in 2004. In Geneva, the U.N. special rapporteur "
                "on human rights in North Korea, Tomas Ojea Quintana, said the issue should be "
                "put on the table at this summit or a later one.",
            ),
        ),
    ),
)

NGO_LETTER_KO = Article(
    slug="ngo-letter-ko",
    url="https://news.example/ko/2018/06/ngo-letter",
    language="ko",
    title="인권단체 52곳, 북미 정상회담 앞두고 김정은에게 서한",
    byline="데모 뉴스룸",
    published="2018-06-07T15:00:00+00:00",
    photo_caption="싱가포르 정상회담을 닷새 앞두고 전달된 서한 (데모 이미지)",
    photo_credit="데모 뉴스룸",
    sections=(
        (
            "",
            (
                "52개 비정부기구와 연합체가 목요일 김정은 국무위원장에게 서한을 보내 강제노동과 "
                "수감자 학대를 멈추고 유엔 인권 권고를 이행하라고 요구했다.",
                "서명 단체들은 아시아, 아프리카, 유럽, 중남미, 북미의 300여 개 단체를 대표한다.",
            ),
        ),
    ),
)

ARTICLES = (NGO_LETTER, NGO_LETTER_KO)
ARTICLES_BY_SLUG = {article.slug: article for article in ARTICLES}

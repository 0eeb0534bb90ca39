# ruff: noqa: RUF001  (full-width punctuation is right in Chinese text)
"""The seed page's content: 英国伦敦华人网's article as a reader saw it (shared/seed/)."""

from typing import Any

SITE = {
    "name": "英国伦敦华人网",
    "slogan": "英国伦敦第一中文门户网站",
    "short_name": "伦敦华人网",
    "footer_text": "© 2001-2026 英国伦敦华人网",
    "registration_captcha": True,  # the demo shows the proof-of-work captcha to newcomers
}

HEADER_NAV = [
    ("联邦留学辅导", "https://www.lianbang.example/"),
    ("鸣挚海外家政服务", "https://www.mingzhi.example/"),
    ("代购代带网", "https://www.daigou.example/"),
    ("人口普查", "https://census.example/"),
    ("买书", "https://books.example/"),
]

PAGES = {
    "contact": (
        "广告合作(Contact Us)",
        "<p>广告合作、商务洽谈请发邮件至 ads@londonchinese.example。</p>"
        "<p>For advertising and partnerships, write to ads@londonchinese.example.</p>",
    ),
    "about": (
        "关于我们",
        "<p>英国伦敦华人网创办于2001年，是服务伦敦及全英华人社区的中文门户网站："
        "新闻资讯、租房、二手、招聘、留学与生活信息。</p>"
        "<p>Founded in 2001, we serve the Chinese community in London and across the UK.</p>",
    ),
}

MAIN_NAV = [("首页", "portal:home"), ("论坛", "forum:index")]

# (label, section or page slug); sections are the names in core.NavItem.Section.
FOOTER_NAV = [
    ("广告合作(Contact Us)", "page:contact"),
    ("关于我们", "page:about"),
    ("小黑屋", "section:moderation:darkroom"),
    ("手机版", "section:core:mobile"),
    ("Archiver", "section:archiver:index"),
]

PUBLISHER = "leedell"

ARTICLE: dict[str, Any] = {
    "title": "U.S., DPRK consider exchanging liaison officers: report",
    "category": "news",
    "published_at": (2019, 2, 19, 11, 48),
    "original_author": "Gu Liping",
    "source_name": "Xinhua",
    "source_url": "http://www.xinhuanet.com/english/",
    "views": 24,
    "summary": (
        "The United States discussed exchanging liaison officers with the Democratic People's "
        "Republic of Korea (DPRK), U.S. media reported on Monday.Washington and Pyongyang were "
        "seriously considering exchang ..."
    ),
    "paragraphs": [
        "The United States discussed exchanging liaison officers with the Democratic People's "
        "Republic of Korea (DPRK), U.S. media reported on Monday.",
        "Washington and Pyongyang were seriously considering exchanging liaison officers, an "
        "incremental step toward building formal diplomatic relations, according to a CNN report "
        "citing two high-level diplomatic sources.",
        "The sources said that if this plan were to move forward, there would be several U.S. "
        "liaison officers sent to set up an office in Pyongyang, led by a senior foreign service "
        "officer who speaks Korean.",
        "U.S. State Secretary Mike Pompeo said in an interview last week that a U.S. work team "
        "would travel to Asia to prepare for the upcoming summit between President Donald Trump "
        "and top leader of the DPRK Kim Jong Un in Hanoi at the end of February.",
        "Stephen Biegun, U.S. special representative for DPRK affairs, said last month that the "
        "U.S. side expected to hold working-level negotiations with DPRK in advance of the summit "
        "with the intention of achieving a set of concrete deliverables, reiterating that "
        "sanctions against the DPRK would not be removed until denuclearization is complete.",
        "Trump announced on Feb. 8 that his second meeting with Kim would take place in Hanoi on "
        "Feb. 27-28. He met with Kim for the first time in Singapore on in June 2018, reaching "
        "several consensuses, which have led to the improvement of U.S.-DPRK relations.",
        "However, differences on such key issues as the roadmap of denuclearization, U.S. lifting "
        "sanctions and whether to issue a war-ending declaration, still haunt the two sides and "
        "hinder negotiations.",
    ],
}

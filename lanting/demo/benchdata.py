# ruff: noqa: RUF001  (full-width punctuation is right in Chinese text)
"""A large, reproducible site for the benchmarks (``lanting bench-data``, ``bench/run.py``).

The same seed gives the same members, boards, threads, floors, articles and
comments (their dates follow the clock of the day it runs). Rows are written in
bulk, straight into the tables: COPY on PostgreSQL, ``executemany`` in big
batches on SQLite. Nothing goes through the services, so everything the services
would have kept is set here, exactly: each thread's reply count, last floor and
last poster, each board's thread and post counts, posts today and last post,
each article's comment count, each member's post and comment counts, credits
(with one ledger line that sums to them) and rank. Bodies are rendered once
with the app's own renderers, a few hundred of them, and reused.
"""

import dataclasses
import datetime as dt
import html
import itertools
import random
import re
import sys
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, TextIO

from django.contrib.auth.hashers import make_password
from django.core.management.color import no_style
from django.db import connection, transaction
from django.db.models import Model
from django.utils import timezone

from lanting.accounts.models import CreditEntry, MemberGroup, User
from lanting.demo import articles as demo_articles
from lanting.demo import forum_content
from lanting.demo.loader import load_site
from lanting.forum.markup import render_body
from lanting.forum.models import POSTS_PER_PAGE, Board, Post, Section, Thread
from lanting.markup import render, summary
from lanting.portal.models import Article, Category, Comment

PASSWORD = "bench-pass-2026"  # noqa: S105  (every generated member's; printed in the manifest)
MEMBER = "bench_member"
WRITERS = 16  # members the write scenario logs in as
EDITORS = 12  # staff members who publish the articles
PAGE_THREAD_POSTS = 20  # the thread every thread scenario reads: one full page
REPLY_THREAD_POSTS = 4  # the thread the write scenario replies to, before it starts
SQLITE_BATCH = 20_000


@dataclass(frozen=True)
class Scale:
    members: int
    sections: int
    boards: int
    threads: int
    posts: int  # first posts included
    long_replies: int  # the one very long thread
    articles: int
    comments: int
    years: int  # how far back the site goes


# The long thread keeps its 10,000 replies at the small scale too: its last page
# is what the deep-page scenario measures.
SCALES = {
    "full": Scale(100_000, 20, 200, 200_000, 1_000_000, 10_000, 20_000, 100_000, 3),
    "small": Scale(10_000, 4, 20, 20_000, 100_000, 10_000, 2_000, 10_000, 3),
}


class SiteNotEmptyError(Exception):
    """The database already holds members or content: the generator needs a fresh one."""


# --------------------------------------------------------------------- the text

_EN_SENTENCES = [
    "Does anyone know a reliable plumber in East London?",
    "The Elizabeth line was packed again this morning.",
    "I moved to London last September for my master's at UCL.",
    "Council tax bands are explained on the borough's website.",
    "Thanks for sharing, this is really helpful!",
    "Prices at the Chinese supermarket in Colindale went up again.",
    "You can register with a GP even without a permanent address.",
    "Bump. Still looking for a room near Zone 2.",
    "We are hiring part-time staff for the weekend, cash in hand is not an option.",
    "Remember to top up your Oyster card before the fare change.",
    "The weather in London is unpredictable, always bring an umbrella.",
    "Has anyone tried the new dim sum place in Chinatown?",
    "My landlord wants to raise the rent by 10% next month.",
    "Please PM me if you are interested, serious buyers only.",
    "The BRP collection letter finally arrived after six weeks.",
    "Stratford has changed a lot since the Olympics.",
    "Is it worth getting a railcard if you only travel twice a month?",
    "I would recommend Monzo for a newcomer, the app is easy.",
]

_ZH_EXTRA = [
    "伦敦的房租今年又涨了不少，大家有什么省钱的办法吗？",
    "周末去唐人街吃了一顿早茶，味道还不错。",
    "请问在伦敦办理驾照转换需要多长时间？",
    "楼主说得对，我也遇到过同样的问题。",
    "刚到英国，很多事情还不太清楚，请大家多指教。",
    "这个价格在伦敦算是很实惠了。",
    "顶一下，希望有更多人看到。",
    "东伦敦这边治安还可以，晚上尽量走大路。",
    "NHS 预约排了三个星期，终于看上了医生。",
    "谢谢分享，收藏了！",
    "伦敦华人社区的活动越来越多了，值得参加。",
    "有没有人知道北伦敦哪里有好的中文学校？",
    "搬家的时候记得拍照留证，退押金时用得上。",
    "英国的银行开户现在比以前方便多了。",
]

_SENTENCE_END = re.compile(r"(?<=[。！？!?])")
_BBCODE_TAG = re.compile(r"\[/?[a-z*]+(?:=[^\]]*)?\]", re.IGNORECASE)


def _sentences_from(texts: Iterable[str]) -> list[str]:
    found: list[str] = []
    for text in texts:
        plain = _BBCODE_TAG.sub("", text).replace("\n", " ")
        for part in _SENTENCE_END.split(plain):
            part = " ".join(part.split())
            if 6 <= len(part) <= 160:
                found.append(part)
    return found


def _demo_forum_texts() -> Iterator[str]:
    for item in forum_content.THREADS:
        yield str(item.get("body", ""))
        for reply in item.get("replies", []):
            yield str(reply.get("body", ""))
    yield from (str(t) for t in forum_content.LONG_THREAD.get("reply_templates", []))


def _demo_article_texts() -> Iterator[str]:
    for item in demo_articles.ARTICLES:
        yield from (str(p) for p in item.get("paragraphs", []))


def _demo_comment_texts() -> Iterator[str]:
    for item in demo_articles.ARTICLES:
        for comment in item.get("comments", []):
            yield str(comment.get("body", comment) if isinstance(comment, dict) else comment)


_STATIONS = [
    "Stratford",
    "Canary Wharf",
    "Colindale",
    "Croydon",
    "Camden Town",
    "Ealing",
    "Hammersmith",
    "Elephant & Castle",
    "King's Cross",
    "Wembley",
    "Greenwich",
    "Mile End",
    "Finchley",
    "Bayswater",
    "Holborn",
    "Barking",
    "Tooting",
    "Ilford",
]
_ROOMS = ["单间", "双人间", "套间", "整套一室", "客厅", "en-suite", "studio"]
_ITEMS = [
    "宜家书桌",
    "MacBook Air",
    "电饭煲",
    "自行车",
    "iPhone 15",
    "床垫",
    "显示器",
    "行李箱",
    "微波炉",
    "Dyson 吸尘器",
    "儿童座椅",
    "冬季外套",
]
_TOPICS = [
    "签证续签",
    "GP 注册",
    "驾照转换",
    "开银行账户",
    "交 council tax",
    "找实习",
    "孩子上学",
    "租房押金",
    "报税",
    "办 BRP",
    "买车险",
    "学车",
]
_FOODS = ["火锅", "川菜", "早茶", "麻辣烫", "奶茶", "煎饼果子", "粤菜", "兰州拉面"]
_TAGS = ["本地", "交通", "政策", "活动", "求助", "经验", "分享", "转让", "招聘"]

_TITLE_TEMPLATES: list[Callable[[random.Random], str]] = [
    lambda r: (
        f"[出租] {r.choice(_STATIONS)} 附近{r.choice(_ROOMS)} "
        f"£{r.randrange(450, 1600, 25)}/月 包bills"
    ),
    lambda r: (
        f"[求租] {r.choice(_STATIONS)} 一带找{r.choice(_ROOMS)}，预算 £{r.randrange(400, 1200, 50)}"
    ),
    lambda r: f"请问{r.choice(_TOPICS)}要准备哪些材料？",
    lambda r: f"{r.choice(_STATIONS)} 有没有好吃的{r.choice(_FOODS)}推荐",
    lambda r: f"转让 {r.choice(_ITEMS)} 九成新 £{r.randrange(10, 900, 5)} 伦敦自取",
    lambda r: f"Looking for a flatmate near {r.choice(_STATIONS)}",
    lambda r: f"【{r.choice(_TAGS)}】{r.choice(_STATIONS)} 周末活动，欢迎伦敦华人朋友参加",
    lambda r: f"{r.choice(_TOPICS)}的经历分享，给新来伦敦的同学参考",
    lambda r: f"招聘：{r.choice(_STATIONS)} 中餐馆诚聘服务员，时薪 £{r.randrange(11, 16)}",
    lambda r: f"Anyone tried {r.choice(_FOODS)} in {r.choice(_STATIONS)}? 求推荐",
    lambda r: f"{r.choice(_STATIONS)} 附近的{r.choice(_TOPICS)}问题，急！",
    lambda r: f"伦敦{r.choice(_FOODS)}哪家强？{r.choice(_STATIONS)} 篇",
]

_BOARD_NAMES = [
    ("新闻", "伦敦及英国本地新闻，交通、天气、政策变化"),
    ("生活", "衣食住行、看病办事、周末活动"),
    ("美食", "中餐馆探店、华人超市采购和家常菜谱"),
    ("租房", "出租、求租、合租，房东与租客信息"),
    ("二手", "二手转让、求购，伦敦自取或邮寄"),
    ("求职招聘", "招聘、求职、实习与兼职信息"),
    ("留学", "申请、签证、选课与学生生活"),
    ("移民签证", "工作签证、永居与入籍经验"),
    ("亲子教育", "中文学校、升学与育儿"),
    ("汽车交通", "学车、买车、保险与出行"),
    ("旅游", "英国及欧洲旅游攻略与游记"),
    ("财经理财", "银行、报税、投资与养老金"),
    ("健康", "NHS、看病与健身"),
    ("情感", "交友、婚恋与心情"),
    ("摄影", "伦敦街拍与作品交流"),
    ("体育", "足球、羽毛球与跑步"),
    ("数码", "手机、电脑与网络"),
    ("宠物", "养猫养狗与宠物用品"),
    ("装修", "装修、家具与维修师傅"),
    ("灌水", "随便聊聊"),
]

_CATEGORIES = [
    # slug, name, description, parent slug
    ("news", "新闻资讯", "London and UK news for the Chinese community.", ""),
    ("uk-news", "英国新闻", "News from around the UK.", "news"),
    ("china-news", "中国新闻", "News from China.", "news"),
    ("community", "社区动态", "Festivals, Chinatown events and community groups.", ""),
    ("life", "生活留学", "Practical guides for students and newcomers.", ""),
    ("property", "房产", "Renting, buying and landlords.", "life"),
    ("business", "商业财经", "Money, business and jobs.", ""),
    ("travel", "旅游", "Trips in the UK and Europe.", ""),
]

_NAME_BASES = [
    "伦敦小王",
    "东区老张",
    "留学生",
    "北伦敦",
    "雾都",
    "唐人街",
    "小林",
    "煮妇",
    "阿May",
    "老陈",
    "小鱼",
    "租客",
    "房东",
    "kate",
    "jason",
    "mike",
    "peter",
    "lily",
    "amy",
    "tom",
    "camden",
    "zone",
    "ucl",
    "kcl",
    "lse",
    "oxford",
    "soho",
    "bow",
    "leo",
    "nina",
]
_SOURCES = [
    ("新华社", "Xinhua", "https://www.xinhuanet.example/"),
    ("BBC 中文", "BBC", "https://www.bbc.example/zhongwen/"),
    ("伦敦华人网", "本网记者", "https://www.londonchinese.example/"),
    ("Evening Standard", "Staff reporter", "https://www.standard.example/"),
    ("英中时报", "记者 李明", "https://www.ukchinese.example/"),
]


@dataclass(frozen=True)
class Corpus:
    """A few hundred bodies, each rendered once by the app's own renderers."""

    posts: list[tuple[str, str]]  # BBCode source, HTML
    articles: list[tuple[str, str, str]]  # HTML source, sanitized HTML, summary
    comments: list[tuple[str, str]]  # text, HTML


def build_corpus(rng: random.Random) -> Corpus:
    forum = _sentences_from(_demo_forum_texts()) + _ZH_EXTRA
    news = _sentences_from(_demo_article_texts()) or forum
    short = _sentences_from(_demo_comment_texts()) + _ZH_EXTRA + _EN_SENTENCES

    def paragraph(pool: list[str], count: int) -> str:
        return "".join(rng.choice(pool) for _ in range(count))

    posts: list[tuple[str, str]] = []
    for n in range(300):
        paragraphs = []
        for _ in range(rng.choice([1, 1, 2, 2, 3, 4])):
            text = paragraph(forum, rng.randint(1, 4))
            if rng.random() < 0.3:
                text += " " + rng.choice(_EN_SENTENCES)
            paragraphs.append(text)
        if n % 7 == 0:
            paragraphs[0] = f"[b]{paragraphs[0]}[/b]"
        if n % 11 == 0:
            paragraphs.append("[url=https://www.londonchinese.example/]伦敦华人网[/url]")
        if n % 13 == 0:
            paragraphs.insert(0, f"[quote]{rng.choice(short)}[/quote]")
        source = "\n\n".join(paragraphs)
        posts.append((source, render_body(Post.Markup.BBCODE, source)))

    articles: list[tuple[str, str, str]] = []
    for _ in range(200):
        paragraphs = [paragraph(news, rng.randint(2, 4)) for _ in range(rng.randint(4, 8))]
        source = "".join(f"<p>{html.escape(p)}</p>" for p in paragraphs)
        rendered = render(source, "html")
        articles.append((source, rendered, summary(rendered)))

    comments: list[tuple[str, str]] = []
    for _ in range(300):
        text = paragraph(short, rng.randint(1, 2))
        comments.append((text, render(text, "text")))
    return Corpus(posts, articles, comments)


def thread_title(rng: random.Random) -> str:
    return rng.choice(_TITLE_TEMPLATES)(rng)[:200]


def article_title(rng: random.Random) -> str:
    station, topic = rng.choice(_STATIONS), rng.choice(_TOPICS)
    return rng.choice(
        [
            f"伦敦{station}新政：{topic}流程明年起调整",
            f"英国华人社区关注{topic}变化，伦敦多区举办说明会",
            f"{station} 新开华人超市，周末排起长队",
            f"London {station}: what the new rules on {topic} mean for you",
            f"伦敦交通局：{station} 站周末部分关闭",
        ]
    )


# ------------------------------------------------------------------ the writer


def _sqlite_datetime(value: Any) -> Any:
    # Django keeps SQLite datetimes as naive UTC text, formatted by str().
    if isinstance(value, dt.datetime):
        return str(value.astimezone(dt.UTC).replace(tzinfo=None))
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


class BulkWriter:
    """Writes rows of a model's table: COPY on PostgreSQL, executemany on SQLite.

    Callers give some columns per row (by attname); every other concrete field
    gets its default, prepared once.
    """

    def __init__(self) -> None:
        self.vendor = connection.vendor
        if self.vendor not in {"postgresql", "sqlite"}:
            raise NotImplementedError(f"bench-data writes PostgreSQL or SQLite, not {self.vendor}")

    def write(
        self,
        model: type[Model],
        given: Sequence[str],
        rows: Iterable[Sequence[Any]],
        tick: Callable[[int], None] | None = None,
    ) -> int:
        fields = {f.attname: f for f in model._meta.concrete_fields}
        unknown = [name for name in given if name not in fields]
        if unknown:
            raise ValueError(f"{model.__name__} has no columns {unknown}")
        # An id not given is the database's to assign.
        rest = [f for name, f in fields.items() if name not in given and not f.primary_key]
        defaults = tuple(f.get_db_prep_save(f.get_default(), connection) for f in rest)
        columns = [fields[name].column for name in given] + [f.column for f in rest]
        table = model._meta.db_table
        if self.vendor == "postgresql":
            return self._copy(table, columns, rows, defaults, tick)
        dated = [
            i
            for i, name in enumerate(given)
            if fields[name].get_internal_type() in {"DateTimeField", "DateField"}
        ]
        return self._insert(table, columns, rows, defaults, dated, tick)

    def _copy(
        self,
        table: str,
        columns: list[str],
        rows: Iterable[Sequence[Any]],
        defaults: tuple[Any, ...],
        tick: Callable[[int], None] | None,
    ) -> int:
        from psycopg import sql

        statement = sql.SQL("COPY {} ({}) FROM STDIN").format(
            sql.Identifier(table), sql.SQL(", ").join(map(sql.Identifier, columns))
        )
        count = 0
        with (
            transaction.atomic(),
            connection.cursor() as cursor,
            cursor.cursor.copy(statement) as copy,
        ):
            for row in rows:
                copy.write_row((*row, *defaults))
                count += 1
                if tick and count % 5000 == 0:
                    tick(5000)
        if tick and count % 5000:
            tick(count % 5000)
        return count

    def _insert(
        self,
        table: str,
        columns: list[str],
        rows: Iterable[Sequence[Any]],
        defaults: tuple[Any, ...],
        dated: list[int],
        tick: Callable[[int], None] | None,
    ) -> int:
        quoted = ", ".join(f'"{c}"' for c in columns)
        marks = ", ".join("?" for _ in columns)
        statement = f'INSERT INTO "{table}" ({quoted}) VALUES ({marks})'  # noqa: S608  (our own names)
        fixed = tuple(_sqlite_datetime(v) for v in defaults)
        count = 0
        iterator = iter(rows)
        connection.ensure_connection()
        raw = connection.connection
        assert raw is not None  # noqa: S101  (ensure_connection made it)
        while batch := list(itertools.islice(iterator, SQLITE_BATCH)):
            prepared = []
            for row in batch:
                values = list(row)
                for i in dated:
                    values[i] = _sqlite_datetime(values[i])
                prepared.append((*values, *fixed))
            with transaction.atomic():
                raw.executemany(statement, prepared)
            count += len(batch)
            if tick:
                tick(len(batch))
        return count


class Progress:
    """A bar redrawn in place on a terminal; a line every few seconds in a log."""

    def __init__(self, out: TextIO, label: str, total: int) -> None:
        self.out, self.label, self.total, self.done = out, label, max(total, 1), 0
        self.interactive = out.isatty()
        self.last = 0.0
        self.started = time.monotonic()
        self._draw(force=True)

    def __call__(self, n: int) -> None:
        self.done += n
        self._draw(force=self.done >= self.total)

    def _draw(self, *, force: bool) -> None:
        now = time.monotonic()
        if not force and now - self.last < (0.2 if self.interactive else 5):
            return
        self.last = now
        share = min(self.done / self.total, 1.0)
        filled = int(share * 30)
        line = (
            f"{self.label:10} [{'#' * filled}{'.' * (30 - filled)}] {share:6.1%} "
            f"{self.done:,}/{self.total:,} {now - self.started:5.1f}s"
        )
        if self.interactive:
            end = "\n" if self.done >= self.total else ""
            self.out.write("\r" + line + end)
        else:
            self.out.write(line + "\n")
        self.out.flush()


# ------------------------------------------------------------------ the plan


def _zipf_weights(count: int, exponent: float, offset: float) -> list[float]:
    return list(itertools.accumulate(1.0 / (i + offset) ** exponent for i in range(count)))


def _split_total(rng: random.Random, total: int, parts: int, mean: float) -> list[int]:
    """``parts`` counts, roughly exponential with a long tail, that add up to ``total``."""
    counts = []
    for _ in range(parts):
        value = rng.expovariate(1 / mean)
        if rng.random() < 0.005:
            value *= 12  # now and then a thread everybody answers
        counts.append(int(value))
    diff = total - sum(counts)
    while diff:
        i = rng.randrange(parts)
        if diff > 0:
            step = min(diff, rng.randint(1, 3))
            counts[i] += step
            diff -= step
        elif counts[i]:
            counts[i] -= 1
            diff += 1
    return counts


def _reply_times(
    seed: int, thread: int, created: dt.datetime, count: int, now: dt.datetime, long: bool
) -> list[dt.datetime]:
    """When a thread's replies were posted: the same every time for the same seed."""
    if not count:
        return []
    rng = random.Random(seed * 1_000_003 + thread)
    room = (now - created).total_seconds() - 60
    # A thread's replies come within days of it, more of them over longer;
    # the long thread's run from its start until now.
    window = room if long else min(room, rng.expovariate(1 / (2 * 86400)) * (1 + count / 4))
    window = max(window, 1.0)
    offsets = sorted(rng.random() * window for _ in range(count))
    return [created + dt.timedelta(seconds=o) for o in offsets]


def _check_empty() -> None:
    for model in (User, Thread, Post, Article, Comment, Board, Category):
        if model.objects.exists():
            raise SiteNotEmptyError(
                f"The database already has {model._meta.verbose_name_plural}: bench-data "
                "writes a whole site into a freshly migrated, empty database."
            )


def _usernames(count: int) -> list[str]:
    names = [MEMBER]
    for i in range(1, count):
        base = _NAME_BASES[i % len(_NAME_BASES)]
        names.append(f"{base}{i}"[:15])
    return names


def build_site(*, scale: Scale, seed: int, out: TextIO | None = None) -> dict[str, Any]:
    """Write the whole site; returns the manifest (ids the benchmark scenarios use)."""
    out = out or sys.stderr
    started = time.monotonic()
    _check_empty()
    rng = random.Random(seed)
    now = timezone.now().replace(microsecond=0)
    start = now - dt.timedelta(days=365 * scale.years)
    midnight = timezone.make_aware(dt.datetime.combine(timezone.localdate(now), dt.time()))
    out.write(f"Generating the {scale} site (seed {seed}) on {connection.vendor}\n")
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA synchronous=OFF")
    load_site()  # the seed page's name, navigation and footer pages
    corpus = build_corpus(rng)
    writer = BulkWriter()

    # Members: who they are now depends on what they will have posted, so the
    # forum and the portal are planned first and written after them.
    names = _usernames(scale.members)
    member_weights = _zipf_weights(scale.members, 0.8, 20)
    order = list(range(scale.members))
    rng.shuffle(order)  # the keenest posters are spread over the member list
    editors = list(range(1, EDITORS + 1))
    writers = list(range(scale.members // 2, scale.members // 2 + WRITERS))
    posts_of = [0] * scale.members
    comments_of = [0] * scale.members
    credits_of = [0] * scale.members

    def pick_members(k: int) -> list[int]:
        return [
            order[i] for i in rng.choices(range(scale.members), cum_weights=member_weights, k=k)
        ]

    # Boards, sections: written now (few), counted at the end.
    sections = Section.objects.bulk_create(
        Section(name=f"{_BOARD_NAMES[i % len(_BOARD_NAMES)][0]}区 {i + 1}", order=i + 1)
        for i in range(scale.sections)
    )
    per_section = -(-scale.boards // scale.sections)
    boards = Board.objects.bulk_create(
        Board(
            section=sections[min(b // per_section, scale.sections - 1)],
            name=_board_name(b),
            slug=f"board-{b + 1}",
            description=_BOARD_NAMES[b % len(_BOARD_NAMES)][1],
            order=b % per_section + 1,
        )
        for b in range(scale.boards)
    )
    board_weights = _zipf_weights(scale.boards, 1.0, 2)

    # Threads: in time order, ids ascending. Three have set sizes.
    threads = scale.threads
    thread_board = rng.choices(range(scale.boards), cum_weights=board_weights, k=threads)
    busiest = 0
    long_t = int(threads * (1 - 1 / scale.years))  # about a year ago
    page_t = threads - 50
    reply_t = threads - 40
    for special in (long_t, page_t, reply_t):
        thread_board[special] = busiest
    thread_author = pick_members(threads)
    thread_author[0] = 0  # bench_member started the very first thread
    created = sorted(
        start + dt.timedelta(seconds=rng.random() * (now - start).total_seconds() * 0.995)
        for _ in range(threads)
    )
    fixed = {
        long_t: scale.long_replies,
        page_t: PAGE_THREAD_POSTS - 1,
        reply_t: REPLY_THREAD_POSTS - 1,
    }
    free = [t for t in range(threads) if t not in fixed]
    free_total = scale.posts - threads - sum(fixed.values())
    if free_total < 0:
        raise ValueError("More threads and long-thread replies than posts at this scale.")
    replies = [0] * threads
    for t, n in zip(
        free, _split_total(rng, free_total, len(free), free_total / len(free)), strict=True
    ):
        replies[t] = n
    for t, n in fixed.items():
        replies[t] = n
    reply_authors = pick_members(scale.posts - threads)

    sticky = [0] * threads
    seen_boards: dict[int, int] = {}
    for t in range(threads):
        b = thread_board[t]
        if seen_boards.get(b, 0) < 2 and t not in fixed:
            sticky[t] = Thread.Sticky.BOARD
            seen_boards[b] = seen_boards.get(b, 0) + 1
    sticky[1] = Thread.Sticky.GLOBAL  # one notice shown on every board

    # Walk the plan once: last posts, member counters, board counters.
    last_at: list[dt.datetime] = [now] * threads
    last_author = [0] * threads
    board_threads = [0] * scale.boards
    board_posts = [0] * scale.boards
    board_today = [0] * scale.boards
    board_last: list[tuple[dt.datetime, int] | None] = [None] * scale.boards
    taken = 0
    for t in range(threads):
        b, author = thread_board[t], thread_author[t]
        times = _reply_times(seed, t, created[t], replies[t], now, t == long_t)
        authors = reply_authors[taken : taken + replies[t]]
        taken += replies[t]
        posts_of[author] += 1
        credits_of[author] += 2
        for a in authors:
            posts_of[a] += 1
            credits_of[a] += 1
        last_at[t] = times[-1] if times else created[t]
        last_author[t] = authors[-1] if authors else author
        board_threads[b] += 1
        board_posts[b] += 1 + replies[t]
        board_today[b] += (created[t] >= midnight) + sum(1 for x in times if x >= midnight)
        if board_last[b] is None or (last_at[t], t) > board_last[b]:  # type: ignore[operator]
            board_last[b] = (last_at[t], t)

    # Articles and comments.
    categories = _write_categories()
    parents = {c.parent_id for c in categories}
    leaves = [c for c in categories if c.pk not in parents]
    published = sorted(
        start + dt.timedelta(seconds=rng.random() * (now - start).total_seconds() * 0.999)
        for _ in range(scale.articles)
    )
    bench_article = scale.articles - 1
    article_weights = _zipf_weights(scale.articles, 0.7, 30)
    comment_article = [
        scale.articles - 1 - i
        for i in rng.choices(range(scale.articles), cum_weights=article_weights, k=scale.comments)
    ]
    comment_article[:25] = [bench_article] * min(25, scale.comments)
    comment_author = pick_members(scale.comments)
    article_comments = [0] * scale.articles
    for a, m in zip(comment_article, comment_author, strict=True):
        article_comments[a] += 1
        comments_of[m] += 1
        credits_of[m] += 1

    # Write: members, ledger, threads, posts, boards, articles, comments.
    password = make_password(PASSWORD)
    ranks = sorted(
        MemberGroup.objects.filter(kind=MemberGroup.Kind.RANK), key=lambda g: -g.min_credits
    )

    def rank_of(credits: int) -> int | None:
        return next((g.pk for g in ranks if g.min_credits <= credits), None)

    member_span = (now - start).total_seconds()

    def member_rows() -> Iterator[tuple[Any, ...]]:
        for i, name in enumerate(names):
            joined = (
                start
                - dt.timedelta(days=30)
                + dt.timedelta(seconds=member_span * 0.9 * i / scale.members)
            )
            yield (
                i + 1, name, f"m{i + 1}@bench.invalid", password, i in editors, joined,
                now - dt.timedelta(minutes=rng.randint(1, 60 * 24 * 90)),
                posts_of[i], comments_of[i], credits_of[i], rank_of(credits_of[i]),
                "伦敦" if i % 3 == 0 else "",
            )  # fmt: skip

    writer.write(
        User,
        ["id", "username", "email", "password", "is_staff", "date_joined", "last_visit",
         "post_count", "comment_count", "credits", "rank_id", "location"],
        member_rows(),
        Progress(out, "members", scale.members),
    )  # fmt: skip
    writer.write(
        CreditEntry,
        ["member_id", "amount", "reason", "reference", "created_at"],
        (
            (i + 1, credits_of[i], CreditEntry.Reason.IMPORT, "bench-data", now)
            for i in range(scale.members)
            if credits_of[i]
        ),
    )

    def thread_rows() -> Iterator[tuple[Any, ...]]:
        for t in range(threads):
            yield (
                t + 1, boards[thread_board[t]].pk, thread_title(rng), thread_author[t] + 1,
                names[thread_author[t]], created[t], last_at[t], names[last_author[t]],
                replies[t], replies[t] * rng.randint(8, 30) + rng.randint(20, 400),
                replies[t] + 1, sticky[t],
                1 if rng.random() < 0.02 else 0,
                t not in fixed and rng.random() < 0.01,
            )  # fmt: skip

    writer.write(
        Thread,
        ["id", "board_id", "title", "author_id", "author_name", "created_at", "last_post_at",
         "last_poster_name", "reply_count", "views", "last_position", "sticky", "digest",
         "is_closed"],
        thread_rows(),
        Progress(out, "threads", threads),
    )  # fmt: skip

    def post_rows() -> Iterator[tuple[Any, ...]]:
        post_id = 0
        reply_cursor = 0
        bodies = corpus.posts
        for t in range(threads):
            author = thread_author[t]
            body, body_html = bodies[rng.randrange(len(bodies))]
            post_id += 1
            yield (post_id, t + 1, 1, author + 1, names[author], "bbcode", body, body_html,
                   created[t])  # fmt: skip
            times = _reply_times(seed, t, created[t], replies[t], now, t == long_t)
            for position, when in enumerate(times, start=2):
                author = reply_authors[reply_cursor]
                reply_cursor += 1
                body, body_html = bodies[rng.randrange(len(bodies))]
                post_id += 1
                yield (post_id, t + 1, position, author + 1, names[author], "bbcode", body,
                       body_html, when)  # fmt: skip

    writer.write(
        Post,
        ["id", "thread_id", "position", "author_id", "author_name", "markup", "body",
         "body_html", "created_at"],
        post_rows(),
        Progress(out, "posts", scale.posts),
    )  # fmt: skip

    today = timezone.localdate(now)
    for b, board in enumerate(boards):
        last = board_last[b]
        if last is None:
            continue
        t = last[1]
        Board.objects.filter(pk=board.pk).update(
            thread_count=board_threads[b],
            post_count=board_posts[b],
            today_posts=board_today[b],
            today=today,
            last_thread_id=t + 1,
            last_thread_title=Thread.objects.values_list("title", flat=True).get(pk=t + 1),
            last_poster_name=names[last_author[t]],
            last_post_at=last_at[t],
        )

    def article_rows() -> Iterator[tuple[Any, ...]]:
        for a in range(scale.articles):
            source, rendered, summary_text = corpus.articles[rng.randrange(len(corpus.articles))]
            origin, author, url = rng.choice(_SOURCES)
            yield (
                a + 1, article_title(rng), rng.choice(leaves).pk, editors[a % len(editors)] + 1,
                published[a], Article.Status.PUBLISHED, Article.Format.HTML, source, rendered,
                summary_text, author, origin, url, rng.randint(20, 5000), article_comments[a],
                published[a], published[a],
            )  # fmt: skip

    writer.write(
        Article,
        ["id", "title", "category_id", "publisher_id", "published_at", "status", "body_format",
         "body", "body_html", "summary_text", "original_author", "source_name", "source_url",
         "views", "comment_count", "created_at", "updated_at"],
        article_rows(),
        Progress(out, "articles", scale.articles),
    )  # fmt: skip

    def comment_rows() -> Iterator[tuple[Any, ...]]:
        for c in range(scale.comments):
            a = comment_article[c]
            text, rendered = corpus.comments[rng.randrange(len(corpus.comments))]
            room = max((now - published[a]).total_seconds() - 60, 1.0)
            when = published[a] + dt.timedelta(seconds=rng.random() * min(room, 14 * 86400))
            yield (a + 1, comment_author[c] + 1, text, rendered, when)

    writer.write(
        Comment,
        ["article_id", "author_id", "body", "body_html", "created_at"],
        comment_rows(),
        Progress(out, "comments", scale.comments),
    )

    _member_notices(rng, names, threads=scale.threads, now=now)
    _member_conversations(rng, names, now=now)
    _finish()
    long_last = -(-(scale.long_replies + 1) // POSTS_PER_PAGE)
    manifest = {
        "scale": dataclasses.asdict(scale),
        "seed": seed,
        "vendor": connection.vendor,
        "password": PASSWORD,
        "member": MEMBER,
        "writers": [names[i] for i in writers],
        "article_id": bench_article + 1,
        "board_slug": boards[busiest].slug,
        "thread_id": page_t + 1,
        "long_thread_id": long_t + 1,
        "long_thread_last_page": long_last,
        "reply_thread_id": reply_t + 1,
        "seconds": round(time.monotonic() - started, 1),
    }
    out.write(f"Site written in {manifest['seconds']} s.\n")
    return manifest


NOTICES = 60  # the bench member's notifications page: a full page, a third unread


def _member_notices(rng: random.Random, names: list[str], *, threads: int, now: Any) -> None:
    """Replies, quotes and mentions for the bench member (id 1), as a living site leaves them."""
    from lanting.notifications.models import Notification

    kinds = ["reply", "reply", "quote", "mention"]
    rows = []
    for n in range(NOTICES):
        thread = rng.randrange(threads) + 1
        actor = rng.randrange(1, len(names))
        kind = kinds[n % len(kinds)]
        rows.append(
            Notification(
                recipient_id=1,
                kind=kind,
                actor_id=actor + 1,
                actor_name=names[actor],
                subject=f"话题 {thread}",
                url=f"/thread/{thread}/?page=1#p2",
                group_key=f"{kind}:thread:{thread}",
                read_at=None if n % 3 == 0 else now,
            )
        )
    Notification.objects.bulk_create(rows)


CONVERSATIONS = 40  # the bench member's inbox: two pages, a quarter unread


def _member_conversations(rng: random.Random, names: list[str], *, now: Any) -> None:
    """One-to-one conversations between the bench member (id 1) and others, as a living
    site leaves them: a few messages each, the newest first in the inbox."""
    from lanting.messages.models import Conversation, Message, Participant

    for n in range(CONVERSATIONS):
        other = rng.randrange(1, len(names)) + 1
        when = now - dt.timedelta(hours=n * 7 + rng.randrange(7))
        count = rng.randint(1, 5)
        conversation = Conversation.objects.create(
            subject=f"关于话题 {n + 1} 的问题",
            started_by_id=other,
            created_at=when,
            last_message_at=when,
            message_count=count,
        )
        unread = count if n % 4 == 0 else 0
        Participant.objects.bulk_create(
            [
                Participant(conversation=conversation, member_id=1, last_message_at=when,
                            unread=unread, joined_at=when),
                Participant(conversation=conversation, member_id=other, last_message_at=when,
                            joined_at=when),
            ]
        )  # fmt: skip
        Message.objects.bulk_create(
            Message(
                conversation=conversation,
                author_id=other if m % 2 == 0 else 1,
                body=f"第 {m + 1} 条消息",
                body_html=f"<p>第 {m + 1} 条消息</p>",
                created_at=when - dt.timedelta(minutes=count - m),
            )
            for m in range(count)
        )


def _board_name(b: int) -> str:
    name = _BOARD_NAMES[b % len(_BOARD_NAMES)][0]
    round_ = b // len(_BOARD_NAMES)
    return name if round_ == 0 else f"{name} · {_STATIONS[(round_ - 1) % len(_STATIONS)]}"


def _write_categories() -> list[Category]:
    made: dict[str, Category] = {}
    for order, (slug, name, description, parent) in enumerate(_CATEGORIES, start=1):
        made[slug] = Category.objects.create(
            slug=slug,
            name=name,
            description=description,
            parent=made.get(parent),
            order=order,
        )
    return list(made.values())


def _finish() -> None:
    """Sequences past the ids written by hand; fresh planner statistics."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            models = [User, CreditEntry, Thread, Post, Article, Comment]
            for statement in connection.ops.sequence_reset_sql(no_style(), models):
                cursor.execute(statement)
            cursor.execute("ANALYZE")
        else:
            cursor.execute("PRAGMA synchronous=NORMAL")
            cursor.execute("ANALYZE")

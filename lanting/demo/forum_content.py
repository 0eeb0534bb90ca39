# ruff: noqa: RUF001
"""Demo forum for 英国伦敦华人网: board groups, boards, members, threads and a long Q&A thread."""

from typing import Any

AUTHORS: list[str] = [
    "leedell",
    "伦敦小王",
    "kate_w",
    "东区老张",
    "CamdenLi",
    "留学生Amy",
    "Zone2租客",
    "jasonchen",
    "北伦敦阿May",
    "Croydon老陈",
    "小林在伦敦",
    "mike_zhou",
    "UCL小鱼",
    "唐人街老板娘",
    "peterwu",
    "煮妇Lily",
    "StratfordTom",
    "雾都打工人",
]

RENT_FIELDS: list[dict[str, Any]] = [
    {
        "name": "rent",
        "label": "月租",
        "kind": "number",
        "choices": "",
        "unit": "£/月",
        "required": True,
    },
    {
        "name": "area",
        "label": "区域",
        "kind": "choice",
        "choices": "Zone 1\nZone 2\nZone 3\nZone 4+",
        "unit": "",
        "required": True,
    },
    {
        "name": "room",
        "label": "房型",
        "kind": "choice",
        "choices": "单间\n套间\n整套\n客厅",
        "unit": "",
        "required": True,
    },
    {
        "name": "move_in",
        "label": "入住日期",
        "kind": "date",
        "choices": "",
        "unit": "",
        "required": False,
    },
    {
        "name": "contact",
        "label": "联系方式",
        "kind": "text",
        "choices": "",
        "unit": "",
        "required": True,
    },
]

MARKET_FIELDS: list[dict[str, Any]] = [
    {
        "name": "price",
        "label": "价格",
        "kind": "number",
        "choices": "",
        "unit": "£",
        "required": True,
    },
    {
        "name": "condition",
        "label": "成色",
        "kind": "choice",
        "choices": "全新\n九成新\n七成新\n有磨损",
        "unit": "",
        "required": True,
    },
    {
        "name": "location",
        "label": "交易地点",
        "kind": "text",
        "choices": "",
        "unit": "",
        "required": False,
    },
]

JOBS_FIELDS: list[dict[str, Any]] = [
    {
        "name": "salary",
        "label": "薪资",
        "kind": "text",
        "choices": "",
        "unit": "",
        "required": True,
    },
    {
        "name": "location",
        "label": "工作地点",
        "kind": "text",
        "choices": "",
        "unit": "",
        "required": True,
    },
]

SECTIONS: list[tuple[str, list[dict[str, Any]]]] = [
    (
        "伦敦生活",
        [
            {
                "slug": "news",
                "name": "新闻",
                "description": "讨论伦敦及英国本地新闻，交通、天气、政策变化都可以在这里聊。",
                "rules": "转载新闻请附原文链接。\n就事论事，不做人身攻击。",
                "types": ["本地", "交通", "政策"],
                "fields": [],
            },
            {
                "slug": "life",
                "name": "生活",
                "description": "衣食住行、看病办事、周末活动，伦敦日常生活的大小问题。",
                "rules": "提问前先搜索，常见问题见置顶指南。\n经验分享欢迎附上时间和地区。",
                "types": ["求助", "经验", "活动"],
                "fields": [],
            },
            {
                "slug": "life-food",
                "name": "美食",
                "parent": "life",
                "description": "伦敦中餐馆探店、华人超市采购和家常菜谱交流。",
                "rules": "探店请如实评价，商家推广请联系版主。",
                "types": ["探店", "菜谱", "求推荐"],
                "fields": [],
            },
        ],
    ),
    (
        "分类信息",
        [
            {
                "slug": "rent",
                "name": "租房",
                "description": "伦敦出租、求租和短租信息，请按格式填写租金、区域和房型。",
                "rules": (
                    "一房一帖，租出后请编辑标题注明【已租出】。\n"
                    "看房前不要转账押金，谨防诈骗。\n"
                    "中介发帖请在标题注明【中介】。"
                ),
                "types": ["出租", "求租", "短租"],
                "fields": RENT_FIELDS,
            },
            {
                "slug": "market",
                "name": "二手",
                "description": "闲置物品出售、求购和免费赠送，搬家回国甩卖都在这里。",
                "rules": "请写明价格、成色和交易地点。\n建议当面交易，不接受代购广告。",
                "types": ["出售", "求购", "免费送"],
                "fields": MARKET_FIELDS,
            },
            {
                "slug": "jobs",
                "name": "招聘",
                "description": "伦敦华人圈招聘求职信息，全职、兼职和实习岗位。",
                "rules": (
                    "薪资不得低于英国法定最低工资。\n雇主须核实 right to work，不得要求求职者交钱。"
                ),
                "types": ["全职", "兼职", "实习"],
                "fields": JOBS_FIELDS,
            },
        ],
    ),
    (
        "留学与工作",
        [
            {
                "slug": "study",
                "name": "留学",
                "description": "申请选校、签证续签、校园生活和毕业去向的交流。",
                "rules": "签证问题以官方信息为准，论坛经验仅供参考。",
                "types": ["申请", "签证", "校园"],
                "fields": [],
            },
        ],
    ),
]

THREADS: list[dict[str, Any]] = [
    # ------------------------------------------------------------------ news
    {
        "board": "news",
        "author": "leedell",
        "title": "【版规】新闻版发帖须知",
        "type": "",
        "sticky": 1,
        "days_ago": 120,
        "body": (
            "[align=center][size=4][b]新闻版发帖须知[/b][/size][/align]\n"
            "[list][*]转载新闻请附原文链接，并用自己的话写两句摘要。\n"
            "[*]标题请选择分类：本地 / 交通 / 政策。\n"
            "[*][color=#c00]未经证实的传言请勿当作新闻发布。[/color][/list]\n"
            "欢迎理性讨论，谢谢大家配合。"
        ),
        "replies": [],
    },
    {
        "board": "news",
        "author": "CamdenLi",
        "title": "十二月几个周末地铁部分线路停运，出行前记得查状态",
        "type": "交通",
        "days_ago": 3,
        "body": (
            "刚看到交通局公告，[b]十二月的几个周末[/b]有线路因工程部分停运。\n"
            "[list][*]Northern line 北段周六周日部分站点不停\n"
            "[*]Overground 东线有替代巴士\n"
            "[*]DLR 周日早上晚开[/list]\n"
            "具体以官网为准：[url=https://tfl.example/status]线路状态查询[/url]\n"
            "Plan ahead, especially if you are going to the airport!"
        ),
        "replies": [
            {
                "author": "伦敦小王",
                "body": "谢谢提醒，差点周六去机场坐 Northern line。",
                "hours_after": 2,
            },
            {
                "author": "kate_w",
                "body": "Citymapper 一般会提前显示替代路线，可以装一个。",
                "hours_after": 5,
            },
            {
                "author": "伦敦小王",
                "body": (
                    "[quote]kate_w 2026-11-26 19:00\n"
                    "Citymapper 一般会提前显示替代路线，可以装一个。[/quote]\n"
                    "装了，确实好用，连替代巴士站都标出来了。"
                ),
                "hours_after": 9,
            },
            {"author": "StratfordTom", "body": "东线又停，每个月都要停一次……", "hours_after": 20},
        ],
    },
    {
        "board": "news",
        "author": "东区老张",
        "title": "各区议会开始做明年预算咨询，council tax 估计又要涨",
        "type": "政策",
        "days_ago": 10,
        "body": (
            "我们区议会网站上挂出了明年预算的公众咨询，问卷可以在线填。\n"
            "[quote]明年 council tax 拟上调，具体幅度待议会投票决定。[/quote]\n"
            "大家所在的区有类似消息吗？[b]有意见可以去填问卷[/b]，截止日期一般在一月。\n"
            "[url=https://council.example/budget-consultation]示例：预算咨询页面[/url]"
        ),
        "replies": [
            {"author": "Croydon老陈", "body": "我们这边也有，每年都涨，习惯了。", "hours_after": 3},
            {
                "author": "留学生Amy",
                "body": "全日制学生是不是不用交？我还没弄明白。",
                "hours_after": 6,
            },
            {
                "author": "东区老张",
                "body": (
                    "[quote]留学生Amy 2026-11-19 20:00\n"
                    "全日制学生是不是不用交？我还没弄明白。[/quote]\n"
                    "全屋都是全日制学生可以豁免，要找学校开 student certificate 交给议会。"
                ),
                "hours_after": 8,
            },
            {"author": "jasonchen", "body": "填了问卷，至少表达一下意见。", "hours_after": 30},
            {
                "author": "煮妇Lily",
                "body": "单人住记得申请 25% single person discount，很多人不知道。",
                "hours_after": 41,
            },
        ],
    },
    {
        "board": "news",
        "author": "kate_w",
        "title": "本周末大风黄色预警，阳台东西收一收",
        "type": "本地",
        "days_ago": 1,
        "body": (
            "[color=#c00][b]周六下午到周日凌晨有大风预警[/b][/color]，阵风可能比较大。\n"
            "阳台上的花盆、晾衣架记得收进来，骑车的朋友注意安全。\n"
            "Some train services may be reduced, check before you travel."
        ),
        "replies": [
            {
                "author": "北伦敦阿May",
                "body": "上次大风我家围栏都吹倒了，这次提前加固。",
                "hours_after": 1,
            },
            {"author": "mike_zhou", "body": "周六本来约了徒步，看来要改期了。", "hours_after": 4},
            {"author": "peterwu", "body": "收到，谢谢提醒 👍", "hours_after": 7},
        ],
    },
    {
        "board": "news",
        "author": "伦敦小王",
        "title": "唐人街新年灯笼开始挂了吗？今年春节活动有消息吗",
        "type": "本地",
        "days_ago": 6,
        "body": (
            "去年春节在唐人街和 Trafalgar Square 看表演，人超级多但是很热闹。\n"
            "今年的活动安排有人知道吗？想带爸妈去看舞狮。"
        ),
        "replies": [
            {
                "author": "唐人街老板娘",
                "body": "灯笼一般一月初开始挂，活动安排大概一月中旬公布。",
                "hours_after": 3,
            },
            {
                "author": "CamdenLi",
                "body": "建议早点去，中午以后广场基本挤不进去。",
                "hours_after": 10,
            },
            {
                "author": "伦敦小王",
                "body": (
                    "[quote]唐人街老板娘 2026-11-23 17:00\n"
                    "灯笼一般一月初开始挂，活动安排大概一月中旬公布。[/quote]\n"
                    "谢谢老板娘！到时候去店里吃饭 😄"
                ),
                "hours_after": 12,
            },
        ],
    },
    # ------------------------------------------------------------------ life
    {
        "board": "life",
        "author": "leedell",
        "title": "【必读】新到伦敦生活指南汇总：GP、银行、council tax、交通卡",
        "type": "经验",
        "sticky": 1,
        "digest": 1,
        "days_ago": 118,
        "body": (
            "[size=4][b]新来伦敦，先办这几件事[/b][/size]\n"
            "[list][*][b]注册 GP[/b]：就近找诊所在线登记，不需要护照以外的太多材料。\n"
            "[*][b]开银行账户[/b]：网上银行最快，传统银行需要地址证明。\n"
            "[*][b]Council tax[/b]：入住后向所在区议会登记，学生可申请豁免。\n"
            "[*][b]交通[/b]：Oyster 或直接刷银行卡，学生可办 18+ 学生卡。[/list]\n"
            "更多问题欢迎到[url=https://www.lanting.example/forum/life/]生活版[/url]提问。"
        ),
        "replies": [
            {"author": "留学生Amy", "body": "太有用了，收藏！", "hours_after": 5},
            {
                "author": "小林在伦敦",
                "body": "建议再加一条：记得登记选民册，对信用记录有帮助。",
                "hours_after": 26,
            },
            {
                "author": "leedell",
                "body": (
                    "[quote]小林在伦敦 2026-08-04 04:00\n"
                    "建议再加一条：记得登记选民册，对信用记录有帮助。[/quote]\n"
                    "好建议，不过要看签证类型是否有资格，我回头补充进去。"
                ),
                "hours_after": 30,
            },
        ],
    },
    {
        "board": "life",
        "author": "留学生Amy",
        "title": "注册 GP 需要什么材料？没有住址证明怎么办",
        "type": "求助",
        "days_ago": 14,
        "body": (
            "刚搬到 Zone 2，想注册附近的 GP，但是租房合同还没拿到。\n"
            "[b]没有地址证明能注册吗？[/b]诊所前台说要 proof of address，有点懵。\n"
            "Any advice appreciated!"
        ),
        "replies": [
            {
                "author": "煮妇Lily",
                "body": "按规定注册 GP 不强制要求地址证明，可以礼貌地跟前台说明。",
                "hours_after": 2,
            },
            {
                "author": "kate_w",
                "body": "有些诊所可以在线注册：[url=https://nhs.example/register-gp]示例入口[/url]",
                "hours_after": 4,
            },
            {
                "author": "留学生Amy",
                "body": (
                    "[quote]煮妇Lily 2026-11-15 16:00\n"
                    "按规定注册 GP 不强制要求地址证明，可以礼貌地跟前台说明。[/quote]\n"
                    "我再去问问，实在不行先拿学校的 enrolment letter。"
                ),
                "hours_after": 6,
            },
            {"author": "UCL小鱼", "body": "我当时就是用学校信注册的，很顺利。", "hours_after": 11},
            {"author": "留学生Amy", "body": "更新：已经注册成功了，谢谢大家！", "hours_after": 50},
        ],
    },
    {
        "board": "life",
        "author": "UCL小鱼",
        "title": "收到 council tax 账单好慌，学生豁免怎么申请？",
        "type": "求助",
        "days_ago": 30,
        "body": (
            "今天收到一封议会的信，说要交 [color=#c00]£1,600 多[/color] 的 council tax。\n"
            "我和室友都是全日制学生，应该是可以豁免的吧？流程是怎样的？"
        ),
        "replies": [
            {
                "author": "东区老张",
                "body": (
                    "[list][*]学校 student hub 申请 council tax exemption letter\n"
                    "[*]在议会网站上传证明[*]等议会重新出账单，一般两三周[/list]"
                ),
                "hours_after": 1,
            },
            {
                "author": "jasonchen",
                "body": "别慌，很常见，系统默认先按普通住户出账单。",
                "hours_after": 3,
            },
            {"author": "UCL小鱼", "body": "申请好了，账单已经变成 £0 了 🎉", "hours_after": 300},
            {"author": "Zone2租客", "body": "学生党必经之路哈哈。", "hours_after": 310},
        ],
    },
    {
        "board": "life",
        "author": "jasonchen",
        "title": "开银行账户经验：网上银行 vs 传统银行，我的对比",
        "type": "经验",
        "digest": 1,
        "days_ago": 45,
        "body": (
            "来英国两年，开过三个账户，简单总结一下：\n"
            "[list][*][b]网上银行[/b]：手机上十分钟搞定，护照 + 自拍即可，适合刚落地。\n"
            "[*][b]传统银行[/b]：需要预约和地址证明，但有实体网点，办房贷等以后方便。[/list]\n"
            "[color=#c00]提醒[/color]：任何人让你“帮忙收一笔钱再转出去”，一律拒绝，可能是洗钱。\n"
            "Hope this helps!"
        ),
        "replies": [
            {
                "author": "小林在伦敦",
                "body": "补充：学生账户有免息透支额度，但要控制好。",
                "hours_after": 4,
            },
            {"author": "peterwu", "body": "网上银行转账到国内的汇率也还可以。", "hours_after": 9},
            {
                "author": "留学生Amy",
                "body": "刚落地没有地址，是不是只能先开网上银行？",
                "hours_after": 15,
            },
            {
                "author": "jasonchen",
                "body": (
                    "[quote]留学生Amy 2026-10-16 15:00\n"
                    "刚落地没有地址，是不是只能先开网上银行？[/quote]\n"
                    "对，先开一个用着，等有了账单或合同再开传统银行。"
                ),
                "hours_after": 18,
            },
            {"author": "mike_zhou", "body": "加精了，写得很清楚。", "hours_after": 40},
        ],
    },
    {
        "board": "life",
        "author": "北伦敦阿May",
        "title": "周末徒步：Box Hill 一日游路线分享（附交通）",
        "type": "活动",
        "digest": 1,
        "days_ago": 20,
        "body": (
            "[align=center][size=4][b]Box Hill 一日游[/b][/size][/align]\n"
            "从 Waterloo 坐火车约一小时到 Box Hill & Westhumble，下车就能上山。\n"
            "[list][*]全程约 10 公里，4 小时左右[*]山顶有咖啡馆，可以歇脚\n"
            "[*]雨后路滑，[color=#c00]一定穿防滑鞋[/color][/list]\n"
            "Off-peak day return 比较划算，有 railcard 再打折。"
        ),
        "replies": [
            {"author": "mike_zhou", "body": "上个月刚去过，山顶看风景真的很美。", "hours_after": 3},
            {"author": "StratfordTom", "body": "下次组团吗？我可以带路。", "hours_after": 8},
            {
                "author": "北伦敦阿May",
                "body": (
                    "[quote]StratfordTom 2026-11-09 22:00\n"
                    "下次组团吗？我可以带路。[/quote]\n"
                    "好呀，天气好的话十二月第二个周六？"
                ),
                "hours_after": 12,
            },
            {"author": "kate_w", "body": "+1，算我一个。", "hours_after": 20},
        ],
    },
    {
        "board": "life",
        "author": "Croydon老陈",
        "title": "Croydon 附近有没有靠谱的修车师傅 / MOT 推荐",
        "type": "求助",
        "days_ago": 60,
        "body": (
            "车子 MOT 快到期了，想找家价格实在、能讲中文的修车行。\n"
            "[b]2015 年的丰田[/b]，最近刹车有点异响，顺便一起检查。先谢谢各位！"
        ),
        "replies": [
            {
                "author": "东区老张",
                "body": "MOT 本身有政府规定的最高收费，主要看修理费。",
                "hours_after": 5,
            },
            {
                "author": "peterwu",
                "body": "可以先在网上查一下车的 MOT 历史，心里有数。",
                "hours_after": 12,
            },
            {"author": "Croydon老陈", "body": "已经搞定了，谢谢。", "hours_after": 96},
        ],
    },
    {
        "board": "life",
        "author": "煮妇Lily",
        "title": "冬天家里好冷，暖气费怎么省？大家的经验",
        "type": "经验",
        "days_ago": 8,
        "body": (
            "老房子窗户漏风，开暖气一个月账单吓人。分享几个我用过的办法：\n"
            "[list][*]窗户贴保温膜[*]门缝加挡风条[*]暖气片后面贴反光板"
            "[*]只在有人的房间开暖气[/list]\n"
            "大家还有什么好办法？"
        ),
        "replies": [
            {
                "author": "Zone2租客",
                "body": "电热毯真的是神器，比开暖气便宜多了。",
                "hours_after": 1,
            },
            {"author": "伦敦小王", "body": "记得定期给暖气片放气，热得更均匀。", "hours_after": 3},
            {
                "author": "kate_w",
                "body": "Smart thermostat 可以按时段开，省了不少。",
                "hours_after": 6,
            },
            {
                "author": "CamdenLi",
                "body": (
                    "[quote]Zone2租客 2026-11-21 15:00\n"
                    "电热毯真的是神器，比开暖气便宜多了。[/quote]\n"
                    "同意，不过注意别用太旧的，安全第一。"
                ),
                "hours_after": 9,
            },
            {"author": "雾都打工人", "body": "租的房子没法改，只能多穿点 😂", "hours_after": 14},
            {"author": "煮妇Lily", "body": "哈哈，羽绒背心在家穿也挺好。", "hours_after": 16},
        ],
    },
    {
        "board": "life",
        "author": "StratfordTom",
        "title": "周六早上 Hampstead Heath 慢跑，新手友好，有人一起吗",
        "type": "活动",
        "days_ago": 2,
        "body": (
            "每周六早上 8 点在 Hampstead Heath 跑 5 公里左右，配速很慢，纯聊天跑。\n"
            "Everyone welcome, 跑完一起喝咖啡。想来的回帖报名。"
        ),
        "replies": [
            {"author": "小林在伦敦", "body": "报名！新手能跟上吗？", "hours_after": 2},
            {"author": "StratfordTom", "body": "放心，走跑结合也行，不掉队。", "hours_after": 3},
        ],
    },
    # ------------------------------------------------------------------ life-food
    {
        "board": "life-food",
        "author": "煮妇Lily",
        "title": "伦敦华人超市大比拼：哪家的菜最新鲜？",
        "type": "求推荐",
        "days_ago": 25,
        "body": (
            "搬来北伦敦以后找不到合适的华人超市，唐人街太远。\n"
            "[b]想买新鲜的青菜、豆腐和冻饺子[/b]，大家平时都去哪家？网购的也欢迎推荐。"
        ),
        "replies": [
            {
                "author": "北伦敦阿May",
                "body": "Colindale 那边有两家，周末早上去菜最新鲜。",
                "hours_after": 2,
            },
            {
                "author": "东区老张",
                "body": "东边的话 Stratford 附近也有一家不错。",
                "hours_after": 4,
            },
            {
                "author": "唐人街老板娘",
                "body": "唐人街周二周五进货，那两天去最好。",
                "hours_after": 7,
            },
            {
                "author": "煮妇Lily",
                "body": (
                    "[quote]唐人街老板娘 2026-11-04 21:00\n"
                    "唐人街周二周五进货，那两天去最好。[/quote]\n"
                    "原来如此，学到了！"
                ),
                "hours_after": 9,
            },
            {
                "author": "UCL小鱼",
                "body": "我一般网购，满 £50 免运费，冻品用泡沫箱送。",
                "hours_after": 20,
            },
            {
                "author": "jasonchen",
                "body": "豆腐的话英国大超市也有卖，就是偏硬。",
                "hours_after": 33,
            },
        ],
    },
    {
        "board": "life-food",
        "author": "小林在伦敦",
        "title": "在家做重庆小面：英国超市能买到的材料版",
        "type": "菜谱",
        "days_ago": 40,
        "body": (
            "[b]材料[/b]：细面、花生、葱、蒜、芝麻酱、辣椒油、花椒粉、生抽、醋。\n"
            "[list][*]碗里先放调料，加一勺面汤化开[*]面煮好捞入碗中\n"
            "[*]撒花生碎和葱花，拌匀开吃[/list]\n"
            "辣椒油自己炸最香，花椒粉华人超市都有。"
        ),
        "replies": [
            {"author": "mike_zhou", "body": "今晚就做，馋了。", "hours_after": 3},
            {"author": "煮妇Lily", "body": "加一点芽菜会更正宗。", "hours_after": 6},
            {"author": "kate_w", "body": "Tried it — amazing! 辣度刚好。", "hours_after": 48},
        ],
    },
    {
        "board": "life-food",
        "author": "mike_zhou",
        "title": "Bayswater 新开一家手工拉面，探店打卡",
        "type": "探店",
        "days_ago": 5,
        "body": (
            "[align=center][b]手工拉面探店[/b][/align]\n"
            "周末去吃了，牛肉面 £12，汤头清亮，面是现拉的，很筋道。\n"
            "[color=#c00]缺点[/color]：饭点要排队 20 分钟，店面比较小。\n"
            "总体推荐，适合一个人解馋。"
        ),
        "replies": [
            {"author": "CamdenLi", "body": "有没有宽面？我喜欢毛细的。", "hours_after": 2},
            {
                "author": "mike_zhou",
                "body": (
                    "[quote]CamdenLi 2026-11-24 16:00\n"
                    "有没有宽面？我喜欢毛细的。[/quote]\n"
                    "可以选粗细，毛细、二细、韭叶、大宽都有。"
                ),
                "hours_after": 4,
            },
            {"author": "伦敦小王", "body": "明天中午去试试。", "hours_after": 10},
            {"author": "peterwu", "body": "£12 在伦敦算良心价了。", "hours_after": 22},
        ],
    },
    # ------------------------------------------------------------------ rent
    {
        "board": "rent",
        "author": "leedell",
        "title": "【版规】租房版发帖格式及防骗提示",
        "type": "",
        "sticky": 1,
        "fields": {},
        "days_ago": 119,
        "body": (
            "[size=4][b]发帖格式[/b][/size]\n"
            "请选择分类（出租 / 求租 / 短租），并填写租金、区域、房型和入住日期。\n"
            "[color=#c00][b]防骗提示[/b][/color]\n"
            "[list][*]未看房（或未视频看房）前不要转任何押金\n"
            "[*]押金应放入政府认可的押金保护计划\n"
            "[*]房东自称在国外、要求先转账的，基本是骗子[/list]\n"
            "租客权益可参考：[url=https://housing-advice.example/renters]租客指南[/url]"
        ),
        "replies": [],
    },
    {
        "board": "rent",
        "author": "Zone2租客",
        "title": "Finsbury Park 地铁站步行 5 分钟，双人间单租，包 bill",
        "type": "出租",
        "fields": {
            "rent": "850",
            "area": "Zone 2",
            "room": "单间",
            "move_in": "2026-12-15",
            "contact": "微信 lon_rent88",
        },
        "days_ago": 4,
        "body": (
            "[b]三室一厅转出一间大单间[/b]，家具齐全，有双人床、衣柜和书桌。\n"
            "[list][*]£850/月，[color=#c00]包水电网和 council tax[/color]\n"
            "[*]Victoria 线和 Piccadilly 线，去市中心 15 分钟\n"
            "[*]室友两个上班族，安静爱干净[/list]\n"
            "最短租期 6 个月，押金一个月。Non-smokers only please."
        ),
        "replies": [
            {"author": "留学生Amy", "body": "请问可以视频看房吗？我周末才有空。", "hours_after": 3},
            {"author": "Zone2租客", "body": "可以，加微信约时间。", "hours_after": 4},
            {
                "author": "小林在伦敦",
                "body": "包 bill 这个价格在 Zone 2 挺合适的，顶一下。",
                "hours_after": 26,
            },
        ],
    },
    {
        "board": "rent",
        "author": "StratfordTom",
        "title": "Stratford 近 Westfield 带独卫套间出租，一月入住",
        "type": "出租",
        "fields": {
            "rent": "1100",
            "area": "Zone 2",
            "room": "套间",
            "move_in": "2027-01-05",
            "contact": "tom.rooms@example.com",
        },
        "days_ago": 9,
        "body": (
            "新公寓楼，带独立卫生间的套间，有健身房和前台。\n"
            "步行 8 分钟到 Stratford 站，Central / Jubilee / Elizabeth line 都很方便。\n"
            "[quote]不包 bill，每月杂费大约 £100。[/quote]\n"
            "Professionals preferred. 有兴趣请邮件联系。"
        ),
        "replies": [
            {"author": "雾都打工人", "body": "请问可以养猫吗？", "hours_after": 5},
            {"author": "StratfordTom", "body": "抱歉，楼里不允许养宠物。", "hours_after": 7},
            {"author": "jasonchen", "body": "这栋楼我朋友住过，管理挺好的。", "hours_after": 30},
            {
                "author": "peterwu",
                "body": (
                    "[quote]StratfordTom 2026-11-20 21:00\n"
                    "抱歉，楼里不允许养宠物。[/quote]\n"
                    "那短期出差可以转租吗？"
                ),
                "hours_after": 35,
            },
        ],
    },
    {
        "board": "rent",
        "author": "UCL小鱼",
        "title": "求租 UCL 附近单间，女生，预算 £1000 以内",
        "type": "求租",
        "fields": {
            "rent": "1000",
            "area": "Zone 1",
            "room": "单间",
            "move_in": "2027-01-10",
            "contact": "微信 ucl_xiaoyu",
        },
        "days_ago": 9,
        "body": (
            "研二女生，作息规律，不抽烟不养宠物。\n"
            "希望步行或骑车 20 分钟内到 Bloomsbury，[b]Zone 1 或 Zone 2 都可以[/b]。\n"
            "有合适房源请留言或加微信，谢谢！"
        ),
        "replies": [
            {
                "author": "CamdenLi",
                "body": "Camden 这边 £950 左右的单间有，不过 Zone 2。",
                "hours_after": 2,
            },
            {"author": "UCL小鱼", "body": "Camden 骑车过去很近，可以的！", "hours_after": 3},
            {
                "author": "kate_w",
                "body": "£1000 在 Zone 1 比较难，可以看看 Kentish Town、Angel 一带。",
                "hours_after": 8,
            },
            {
                "author": "UCL小鱼",
                "body": (
                    "[quote]kate_w 2026-11-20 22:00\n"
                    "£1000 在 Zone 1 比较难，可以看看 Kentish Town、Angel 一带。[/quote]\n"
                    "谢谢，我扩大一下范围。"
                ),
                "hours_after": 10,
            },
            {
                "author": "Zone2租客",
                "body": "Finsbury Park 也可以考虑，Victoria 线直达 Warren Street。",
                "hours_after": 28,
            },
        ],
    },
    {
        "board": "rent",
        "author": "peterwu",
        "title": "圣诞假期 Canary Wharf 整套一居室短租两周",
        "type": "短租",
        "fields": {
            "rent": "1600",
            "area": "Zone 2",
            "room": "整套",
            "move_in": "2026-12-19",
            "contact": "微信 peter_cw",
        },
        "days_ago": 12,
        "body": (
            "圣诞回国两周，公寓空着，[b]12 月 19 日至 1 月 2 日[/b]短租。\n"
            "两周共 £800，拎包入住，适合来伦敦过节的家人朋友。\n"
            "[color=#c00]需要押金 £300[/color]，退房检查后全额退还。"
        ),
        "replies": [
            {
                "author": "伦敦小王",
                "body": "我爸妈圣诞来伦敦，正在找，私信你了。",
                "hours_after": 6,
            },
            {"author": "peterwu", "body": "已回复，谢谢关注。", "hours_after": 8},
        ],
    },
    {
        "board": "rent",
        "author": "北伦敦阿May",
        "title": "【已租出】Colindale 客厅出租，近地铁和华人超市",
        "type": "出租",
        "closed": True,
        "fields": {
            "rent": "550",
            "area": "Zone 4+",
            "room": "客厅",
            "move_in": "2026-09-01",
            "contact": "微信 may_colindale",
        },
        "days_ago": 95,
        "body": (
            "两室一厅的客厅隔出来出租，有窗户，放得下双人床。\n"
            "Northern line Colindale 站步行 6 分钟，楼下就是华人超市。\n"
            "[b]更新：已租出，谢谢大家关注。[/b]"
        ),
        "replies": [
            {"author": "雾都打工人", "body": "请问还在吗？", "hours_after": 20},
            {"author": "北伦敦阿May", "body": "已经租出去了，抱歉。", "hours_after": 22},
        ],
    },
    {
        "board": "rent",
        "author": "Croydon老陈",
        "title": "一家三口求租 Croydon 附近两室整套，近学校",
        "type": "求租",
        "fields": {
            "rent": "1700",
            "area": "Zone 4+",
            "room": "整套",
            "move_in": "2027-02-01",
            "contact": "chen.family@example.com",
        },
        "days_ago": 15,
        "body": (
            "孩子明年上小学，想在 Croydon 或 Sutton 附近找两室整套。\n"
            "[list][*]预算 £1700 以内[*]离评级不错的小学近一点[*]可以长租两年以上[/list]\n"
            "有房东或者知道好房源的朋友麻烦告知。"
        ),
        "replies": [
            {
                "author": "东区老张",
                "body": "找学区房可以先查学校的 catchment 范围。",
                "hours_after": 5,
            },
            {
                "author": "煮妇Lily",
                "body": "Sutton 学校好，但房子抢手，看到就要快下手。",
                "hours_after": 10,
            },
            {"author": "Croydon老陈", "body": "谢谢建议，这周末去看两套。", "hours_after": 30},
        ],
    },
    {
        "board": "rent",
        "author": "东区老张",
        "title": "Whitechapel 单间出租，Elizabeth line 直达市中心",
        "type": "出租",
        "fields": {
            "rent": "900",
            "area": "Zone 2",
            "room": "单间",
            "move_in": "2026-12-20",
            "contact": "微信 zhang_e1",
        },
        "days_ago": 22,
        "body": (
            "四室公寓中的一间，房间朝南，采光很好。\n"
            "Whitechapel 站步行 4 分钟，Elizabeth line 去 Liverpool Street 一站。\n"
            "[b]£900 包网[/b]，水电平摊，大约每月 £60。"
        ),
        "replies": [
            {"author": "雾都打工人", "body": "附近晚上安全吗？", "hours_after": 4},
            {
                "author": "东区老张",
                "body": "主路上人多，挺热闹的，住了三年没遇到问题。",
                "hours_after": 6,
            },
            {
                "author": "mike_zhou",
                "body": "Whitechapel 这几年变化挺大的，交通是真的方便。",
                "hours_after": 40,
            },
        ],
    },
    {
        "board": "rent",
        "author": "kate_w",
        "title": "Ealing Broadway 附近套间，带小花园",
        "type": "出租",
        "fields": {
            "rent": "1050",
            "area": "Zone 3",
            "room": "套间",
            "move_in": "2027-01-15",
            "contact": "kate.ealing@example.com",
        },
        "days_ago": 35,
        "body": (
            "Victorian house 一楼套间，带独卫和通往小花园的门。\n"
            "Ealing Broadway 站步行 10 分钟，Central / District / Elizabeth line。\n"
            "Quiet street, ideal for a professional or postgraduate."
        ),
        "replies": [
            {"author": "jasonchen", "body": "花园能用来烧烤吗哈哈", "hours_after": 6},
            {"author": "kate_w", "body": "可以，夏天欢迎 BBQ 😄", "hours_after": 8},
        ],
    },
    {
        "board": "rent",
        "author": "小林在伦敦",
        "title": "求租 Lewisham / Greenwich 单间，女生，£750 左右",
        "type": "求租",
        "fields": {
            "rent": "750",
            "area": "Zone 3",
            "room": "单间",
            "move_in": "2026-12-28",
            "contact": "微信 xiaolin_ldn",
        },
        "days_ago": 1,
        "body": (
            "在 Greenwich 读书，想找 DLR 沿线的单间，和女生合租优先。\n"
            "爱干净，会做饭，不带朋友回家过夜。"
        ),
        "replies": [
            {
                "author": "留学生Amy",
                "body": "我们 Lewisham 的房子一月有人搬走，私信你。",
                "hours_after": 5,
            },
        ],
    },
    # ------------------------------------------------------------------ market
    {
        "board": "market",
        "author": "leedell",
        "title": "【版规】二手版交易须知",
        "type": "",
        "sticky": 1,
        "fields": {},
        "days_ago": 117,
        "body": (
            "[align=center][b]二手版交易须知[/b][/align]\n"
            "[list][*]请写明价格、成色和交易地点，附实物照片更好\n"
            "[*][color=#c00]建议当面交易，当面验货[/color]\n"
            "[*]卖出后请在标题注明【已出】[/list]\n"
            "禁止发布代购、仿冒品和违禁物品。"
        ),
        "replies": [],
    },
    {
        "board": "market",
        "author": "kate_w",
        "title": "出 IKEA 白色书桌，九成新，Bethnal Green 自提",
        "type": "出售",
        "fields": {"price": "30", "condition": "九成新", "location": "Bethnal Green"},
        "days_ago": 3,
        "body": (
            "IKEA 白色书桌，120×60 cm，用了一年，没有划痕。\n"
            "[b]£30[/b]，需要自己拆装，我可以提供工具。\n"
            "Collection only, Bethnal Green station 附近。"
        ),
        "replies": [
            {"author": "留学生Amy", "body": "还在吗？周六可以来取吗？", "hours_after": 2},
            {"author": "kate_w", "body": "在的，周六下午都可以。", "hours_after": 3},
            {
                "author": "雾都打工人",
                "body": (
                    "[quote]kate_w 2026-11-26 17:00\n"
                    "在的，周六下午都可以。[/quote]\n"
                    "如果楼上那位不要了，我排第二 🙋"
                ),
                "hours_after": 5,
            },
            {"author": "kate_w", "body": "已出，谢谢大家！", "hours_after": 52},
        ],
    },
    {
        "board": "market",
        "author": "StratfordTom",
        "title": "求购二手通勤自行车，预算 £120，东伦敦",
        "type": "求购",
        "fields": {"price": "120", "condition": "七成新", "location": "Stratford"},
        "days_ago": 5,
        "body": (
            "想骑车上班，约 6 公里。求一辆二手公路车或城市车，车况正常就行。\n"
            "[list][*]车架 M 号左右（身高 175cm）[*]最好带锁和车灯[*]东伦敦可上门看车[/list]"
        ),
        "replies": [
            {
                "author": "东区老张",
                "body": "我有辆旧 hybrid，刹车刚换过，£100 要吗？",
                "hours_after": 4,
            },
            {"author": "StratfordTom", "body": "要的！能发照片吗？", "hours_after": 5},
            {
                "author": "jasonchen",
                "body": "买二手车记得查车架号，防止买到偷来的车。",
                "hours_after": 9,
            },
            {
                "author": "StratfordTom",
                "body": (
                    "[quote]jasonchen 2026-11-24 23:00\n"
                    "买二手车记得查车架号，防止买到偷来的车。[/quote]\n"
                    "好的，有这种在线查询吗？"
                ),
                "hours_after": 11,
            },
            {
                "author": "jasonchen",
                "body": "有，搜 bike register check 就行，例如 [url=https://bike-check.example]这里[/url]。",
                "hours_after": 13,
            },
        ],
    },
    {
        "board": "market",
        "author": "UCL小鱼",
        "title": "免费送电饭煲和锅碗瓢盆，搬家清理",
        "type": "免费送",
        "fields": {"price": "0", "condition": "有磨损", "location": "Euston"},
        "days_ago": 2,
        "body": (
            "下周搬家，以下物品免费送，[b]先到先得[/b]：\n"
            "[list][*]电饭煲（能用，外壳有划痕）[*]炒锅一个[*]碗盘若干[/list]\n"
            "Euston 附近自取，周四之前。"
        ),
        "replies": [
            {"author": "小林在伦敦", "body": "想要电饭煲！可以周三晚上去拿吗？", "hours_after": 1},
            {"author": "UCL小鱼", "body": "可以，私信你地址。", "hours_after": 2},
            {"author": "Zone2租客", "body": "好人一生平安。", "hours_after": 8},
        ],
    },
    {
        "board": "market",
        "author": "留学生Amy",
        "title": "回国甩卖：床垫、显示器、小家电打包 £150",
        "type": "出售",
        "fields": {"price": "150", "condition": "七成新", "location": "Mile End"},
        "days_ago": 12,
        "body": (
            "[size=4][color=#c00][b]毕业回国大甩卖[/b][/color][/size]\n"
            "[list][*]双人床垫 £50[*]27 寸显示器 £60[*]吸尘器 £30[*]电暖器 £20[/list]\n"
            "打包 [b]£150[/b]，单买也可以。Mile End 自提，月底前要清空。"
        ),
        "replies": [
            {"author": "雾都打工人", "body": "显示器还在吗？", "hours_after": 3},
            {"author": "留学生Amy", "body": "在的，HDMI 线一起送。", "hours_after": 4},
            {"author": "mike_zhou", "body": "吸尘器要了，明天下午去拿。", "hours_after": 7},
            {"author": "小林在伦敦", "body": "电暖器还在的话我要。", "hours_after": 20},
            {
                "author": "留学生Amy",
                "body": (
                    "[quote]小林在伦敦 2026-11-18 08:00\n电暖器还在的话我要。[/quote]\n给你留着了～"
                ),
                "hours_after": 22,
            },
            {"author": "留学生Amy", "body": "更新：只剩床垫了。", "hours_after": 70},
        ],
    },
    {
        "board": "market",
        "author": "jasonchen",
        "title": "出 Brompton 折叠车，三速，九成新",
        "type": "出售",
        "fields": {"price": "650", "condition": "九成新", "location": "London Bridge"},
        "days_ago": 18,
        "body": (
            "通勤用了一年，车况很好，送前包和车锁。\n"
            "[b]£650[/b]，可以在 London Bridge 附近试骑。\n"
            "购车发票还在，来源清楚。"
        ),
        "replies": [
            {"author": "peterwu", "body": "三速的爬坡怎么样？", "hours_after": 6},
            {"author": "jasonchen", "body": "伦敦这种小坡完全够用。", "hours_after": 7},
            {"author": "CamdenLi", "body": "价格合理，顶。", "hours_after": 25},
        ],
    },
    {
        "board": "market",
        "author": "煮妇Lily",
        "title": "全新电热毯，买多了一条，£15",
        "type": "出售",
        "fields": {"price": "15", "condition": "全新", "location": "Finchley"},
        "days_ago": 28,
        "body": (
            "单人电热毯，[b]未拆封[/b]，英标插头，有三档温控。\n"
            "Finchley Central 附近面交，£15 不议价。"
        ),
        "replies": [
            {"author": "Zone2租客", "body": "要了，明天可以拿吗？", "hours_after": 2},
        ],
    },
    {
        "board": "market",
        "author": "mike_zhou",
        "title": "求购二手游戏机，带手柄，£150 以内",
        "type": "求购",
        "fields": {"price": "150", "condition": "九成新", "location": "Zone 1-2 都可以"},
        "days_ago": 40,
        "body": (
            "想给周末找点娱乐，求一台二手游戏主机，带两个手柄更好。\n"
            "预算 £150 以内，Zone 1-2 可以上门取，功能正常就行。"
        ),
        "replies": [
            {"author": "peterwu", "body": "我有一台闲置的，私信你。", "hours_after": 10},
            {"author": "mike_zhou", "body": "已收到，谢谢！", "hours_after": 60},
        ],
    },
    {
        "board": "market",
        "author": "peterwu",
        "title": "出 13 寸笔记本电脑，九成新，带原装充电器",
        "type": "出售",
        "fields": {"price": "600", "condition": "九成新", "location": "Canary Wharf"},
        "days_ago": 50,
        "body": (
            "换了新电脑，旧的出掉。电池健康 92%，无磕碰，已恢复出厂设置。\n"
            "[b]£600[/b]，Canary Wharf 当面验机。\n"
            "[quote]不议价，不邮寄，谢谢理解。[/quote]"
        ),
        "replies": [
            {"author": "UCL小鱼", "body": "学生可以便宜点吗？🥺", "hours_after": 5},
            {
                "author": "peterwu",
                "body": (
                    "[quote]UCL小鱼 2026-10-10 19:00\n"
                    "学生可以便宜点吗？🥺[/quote]\n"
                    "那送你一个电脑包吧。"
                ),
                "hours_after": 7,
            },
            {"author": "UCL小鱼", "body": "成交！", "hours_after": 8},
            {
                "author": "leedell",
                "body": "提醒：交易完成后记得把标题改成【已出】。",
                "hours_after": 30,
            },
        ],
    },
    {
        "board": "market",
        "author": "Croydon老陈",
        "title": "免费送一箱中文小说，Croydon 自取",
        "type": "免费送",
        "fields": {"price": "0", "condition": "七成新", "location": "East Croydon"},
        "days_ago": 65,
        "body": (
            "家里清理书架，武侠、言情、历史小说一箱，大约 30 本。\n"
            "East Croydon 附近自取，希望给爱看书的人。"
        ),
        "replies": [
            {"author": "北伦敦阿May", "body": "太远了，不然一定要！", "hours_after": 4},
            {"author": "煮妇Lily", "body": "可以捐给中文学校的图书角。", "hours_after": 9},
        ],
    },
    # ------------------------------------------------------------------ jobs
    {
        "board": "jobs",
        "author": "leedell",
        "title": "【必读】求职招聘注意事项：最低工资、right to work、防骗",
        "type": "",
        "sticky": 1,
        "digest": 1,
        "fields": {},
        "days_ago": 116,
        "body": (
            "[size=4][b]给雇主[/b][/size]\n"
            "[list][*]薪资不得低于法定最低工资[*]录用前须核实 right to work[/list]\n"
            "[size=4][b]给求职者[/b][/size]\n"
            "[list][*][color=#c00]任何要求先交培训费、押金的岗位都要警惕[/color]\n"
            "[*]学生签证工作时长有限制，请按签证规定打工[/list]\n"
            "官方信息参考：[url=https://gov.example/right-to-work]示例链接[/url]"
        ),
        "replies": [],
    },
    {
        "board": "jobs",
        "author": "唐人街老板娘",
        "title": "唐人街餐厅招聘楼面服务员，£13/小时 + 小费",
        "type": "全职",
        "fields": {"salary": "£13/小时 + 小费", "location": "Chinatown, W1"},
        "days_ago": 4,
        "body": (
            "[b]粤菜餐厅招聘楼面服务员 2 名[/b]\n"
            "[list][*]每周 5 天，排班制[*]会粤语或英语流利优先[*]提供员工餐[/list]\n"
            "有意者请发简历到 [email]jobs@chinatown-food.example[/email]，或直接来店面谈。"
        ),
        "replies": [
            {"author": "雾都打工人", "body": "没有经验可以吗？", "hours_after": 3},
            {"author": "唐人街老板娘", "body": "可以培训，人勤快就好。", "hours_after": 5},
            {"author": "小林在伦敦", "body": "学生签可以做周末班吗？", "hours_after": 8},
            {
                "author": "唐人街老板娘",
                "body": (
                    "[quote]小林在伦敦 2026-11-25 22:00\n"
                    "学生签可以做周末班吗？[/quote]\n"
                    "可以，但要在签证允许的工时范围内，面试时带好证件。"
                ),
                "hours_after": 10,
            },
        ],
    },
    {
        "board": "jobs",
        "author": "北伦敦阿May",
        "title": "周末中文学校招聘中文老师，周六上午",
        "type": "兼职",
        "fields": {"salary": "£25/小时", "location": "Finchley"},
        "days_ago": 10,
        "body": (
            "社区中文学校招聘周六上午中文老师（5-8 岁班）。\n"
            "要求普通话标准，有教学经验或相关专业优先，需要做 DBS 背景审查。\n"
            "简历请发 [b]school.chinese@example.com[/b]。"
        ),
        "replies": [
            {"author": "UCL小鱼", "body": "教育学专业在读，可以申请吗？", "hours_after": 6},
            {"author": "北伦敦阿May", "body": "欢迎，发简历过来我们约试讲。", "hours_after": 9},
            {
                "author": "煮妇Lily",
                "body": "我家孩子就在这里上课，老师们都很好。",
                "hours_after": 30,
            },
        ],
    },
    {
        "board": "jobs",
        "author": "煮妇Lily",
        "title": "找 GCSE 数学家教，每周两次，北伦敦",
        "type": "兼职",
        "fields": {"salary": "£30/小时", "location": "Barnet"},
        "days_ago": 7,
        "body": (
            "孩子 Year 10，数学想冲高分。希望老师熟悉 GCSE 考纲，可以上门或线上。\n"
            "[b]每周两次，每次一小时[/b]，时间在工作日晚上。"
        ),
        "replies": [
            {
                "author": "UCL小鱼",
                "body": "数学系在读，有 GCSE 辅导经验，已私信。",
                "hours_after": 2,
            },
            {"author": "CamdenLi", "body": "线上的话我也可以，带过几个学生。", "hours_after": 5},
            {"author": "煮妇Lily", "body": "谢谢两位，已经在约试课了。", "hours_after": 24},
        ],
    },
    {
        "board": "jobs",
        "author": "peterwu",
        "title": "贸易公司招聘市场部实习生，6 个月，可转正",
        "type": "实习",
        "fields": {"salary": "£2,100/月", "location": "London Bridge"},
        "days_ago": 20,
        "body": (
            "小型中英贸易公司，招聘市场部实习生一名。\n"
            "[list][*]负责社交媒体运营和展会筹备[*]中英文流利[*]会基础设计软件加分[/list]\n"
            "Please send your CV to [b]hr@trade-company.example[/b]."
        ),
        "replies": [
            {"author": "留学生Amy", "body": "Graduate visa 可以申请吗？", "hours_after": 3},
            {"author": "peterwu", "body": "可以的，毕业生签证有工作权。", "hours_after": 5},
            {"author": "雾都打工人", "body": "实习结束转正的比例高吗？", "hours_after": 10},
            {
                "author": "peterwu",
                "body": (
                    "[quote]雾都打工人 2026-11-09 10:00\n"
                    "实习结束转正的比例高吗？[/quote]\n"
                    "去年两个实习生都转正了，看个人表现。"
                ),
                "hours_after": 12,
            },
            {"author": "留学生Amy", "body": "已投，谢谢！", "hours_after": 20},
        ],
    },
    {
        "board": "jobs",
        "author": "mike_zhou",
        "title": "Stratford 奶茶店招店员，可做周末班",
        "type": "兼职",
        "fields": {"salary": "£12.80/小时", "location": "Stratford"},
        "days_ago": 14,
        "body": (
            "奶茶店招店员，工作日晚班和周末班都有。\n"
            "[list][*]会做饮品优先，没有经验可以培训[*]需要有工作许可[/list]\n"
            "有意者到店里找店长，或私信留下微信。"
        ),
        "replies": [
            {"author": "雾都打工人", "body": "请问周末班一天几个小时？", "hours_after": 4},
            {"author": "mike_zhou", "body": "一般 6 小时，中间有休息。", "hours_after": 6},
        ],
    },
    {
        "board": "jobs",
        "author": "Croydon老陈",
        "title": "Park Royal 仓库招聘打包员，白班，可长期",
        "type": "全职",
        "fields": {"salary": "£13.50/小时", "location": "Park Royal"},
        "days_ago": 33,
        "body": (
            "电商仓库招聘打包员，周一到周五白班 8:00-17:00。\n"
            "[b]要求[/b]：能搬 15 公斤左右的箱子，有工作许可。加班另算。"
        ),
        "replies": [
            {"author": "雾都打工人", "body": "离 Park Royal 站远吗？", "hours_after": 5},
            {"author": "Croydon老陈", "body": "步行 10 分钟。", "hours_after": 7},
            {"author": "伦敦小王", "body": "帮朋友问一下，需要英语好吗？", "hours_after": 15},
        ],
    },
    {
        "board": "jobs",
        "author": "jasonchen",
        "title": "会计事务所招聘助理会计，ACCA 在考优先",
        "type": "全职",
        "fields": {"salary": "£28,000/年", "location": "Holborn"},
        "days_ago": 55,
        "body": (
            "华人会计事务所，客户以中小企业为主。\n"
            "[list][*]做账、增值税申报、年度报表[*]ACCA / ACA 在考优先\n"
            "[*]支持考试费用和学习假[/list]\n"
            "简历请发 [b]careers@accounting-firm.example[/b]。"
        ),
        "replies": [
            {"author": "小林在伦敦", "body": "接受应届生吗？", "hours_after": 8},
            {"author": "jasonchen", "body": "接受，有相关实习经验更好。", "hours_after": 10},
        ],
    },
    # ------------------------------------------------------------------ study
    {
        "board": "study",
        "author": "leedell",
        "title": "【置顶】新生到伦敦前后 checklist",
        "type": "申请",
        "sticky": 1,
        "days_ago": 100,
        "body": (
            "[align=center][size=4][b]新生 Checklist[/b][/size][/align]\n"
            "[list][*]确认 eVisa 已关联护照，并能在线查看身份\n"
            "[*]打印录取信、住宿证明和资金证明备查\n"
            "[*]到校完成注册，领取学生卡\n"
            "[*]注册 GP、开银行账户、办学生交通卡[/list]\n"
            "更多细节见[url=https://www.lanting.example/forum/life/]生活版置顶指南[/url]。"
        ),
        "replies": [
            {"author": "UCL小鱼", "body": "一个一个打勾，很有安全感。", "hours_after": 6},
            {
                "author": "小林在伦敦",
                "body": "建议加上：带一个英标转换插头，落地就要用。",
                "hours_after": 20,
            },
            {"author": "留学生Amy", "body": "还有多带点常用药，看 GP 要预约。", "hours_after": 33},
        ],
    },
    {
        "board": "study",
        "author": "留学生Amy",
        "title": "BRP 换成 eVisa 之后，大家 UKVI 账户都弄好了吗",
        "type": "签证",
        "digest": 1,
        "days_ago": 16,
        "body": (
            "现在都用 [b]eVisa[/b] 了，出入境和租房查身份都要用 share code。\n"
            "[list][*]先创建 UKVI 账户[*]关联当前护照[*]需要时在线生成 share code[/list]\n"
            "[color=#c00]换了新护照一定要记得更新账户里的护照信息！[/color]\n"
            "Official guidance: [url=https://gov.example/evisa]示例链接[/url]"
        ),
        "replies": [
            {
                "author": "UCL小鱼",
                "body": "房东要查 right to rent，就是用这个 share code 吗？",
                "hours_after": 2,
            },
            {
                "author": "留学生Amy",
                "body": (
                    "[quote]UCL小鱼 2026-11-13 16:00\n"
                    "房东要查 right to rent，就是用这个 share code 吗？[/quote]\n"
                    "对，租房和打工用的 share code 类型不一样，生成时选对用途。"
                ),
                "hours_after": 4,
            },
            {
                "author": "jasonchen",
                "body": "上次入境航空公司也查了，提前准备好截图比较保险。",
                "hours_after": 9,
            },
            {"author": "peterwu", "body": "换护照后更新信息大概等了一周。", "hours_after": 15},
            {"author": "Zone2租客", "body": "收藏了，下个月正好要换护照。", "hours_after": 26},
            {"author": "kate_w", "body": "Very helpful, thanks for sharing.", "hours_after": 40},
        ],
    },
    {
        "board": "study",
        "author": "UCL小鱼",
        "title": "硕士申请：两所学校同专业 offer，怎么选？",
        "type": "申请",
        "days_ago": 48,
        "body": (
            "拿到了两所伦敦学校同一个专业的 offer，一个排名高一点，一个课程更偏实践。\n"
            "大家选校更看重排名、课程设置还是就业？"
        ),
        "replies": [
            {"author": "jasonchen", "body": "先看课程表，选自己真正想学的方向。", "hours_after": 3},
            {
                "author": "小林在伦敦",
                "body": "可以在领英上看看两个项目毕业生的去向。",
                "hours_after": 7,
            },
            {
                "author": "peterwu",
                "body": "如果打算留英工作，实践类的项目帮助更大。",
                "hours_after": 12,
            },
            {
                "author": "UCL小鱼",
                "body": (
                    "[quote]小林在伦敦 2026-10-13 07:00\n"
                    "可以在领英上看看两个项目毕业生的去向。[/quote]\n"
                    "这个办法好，我去查查。"
                ),
                "hours_after": 14,
            },
            {"author": "UCL小鱼", "body": "最后选了实践类的那个，谢谢大家。", "hours_after": 200},
        ],
    },
    {
        "board": "study",
        "author": "jasonchen",
        "title": "毕业生签证（Graduate Route）申请流程分享",
        "type": "签证",
        "digest": 1,
        "days_ago": 80,
        "body": (
            "[size=4][b]我的申请时间线[/b][/size]\n"
            "[list][*]学校上报完成学业[*]在线填表并缴费[*]身份验证[*]约三周获批[/list]\n"
            "[quote]注意：必须在学生签证到期前、人还在英国时提交申请。[/quote]\n"
            "费用和要求每年可能调整，以官方为准。"
        ),
        "replies": [
            {"author": "留学生Amy", "body": "学校上报一般要等多久？", "hours_after": 5},
            {"author": "jasonchen", "body": "我们学校大概出分后两周。", "hours_after": 6},
            {"author": "mike_zhou", "body": "申请期间可以出境吗？", "hours_after": 20},
            {
                "author": "jasonchen",
                "body": (
                    "[quote]mike_zhou 2026-09-11 08:00\n"
                    "申请期间可以出境吗？[/quote]\n"
                    "[color=#c00]不建议[/color]，出境可能被视为撤回申请。"
                ),
                "hours_after": 22,
            },
        ],
    },
    {
        "board": "study",
        "author": "小林在伦敦",
        "title": "图书馆占座太卷，伦敦有没有安静的自习地方推荐",
        "type": "校园",
        "days_ago": 11,
        "body": (
            "期末周学校图书馆一座难求，早上 8 点去都没位置。\n"
            "求推荐其他可以自习的地方，咖啡馆也行，[b]最好有插座和 Wi-Fi[/b]。"
        ),
        "replies": [
            {
                "author": "UCL小鱼",
                "body": "大英图书馆阅览室可以办读者证，很安静。",
                "hours_after": 2,
            },
            {"author": "CamdenLi", "body": "区里的公共图书馆工作日白天人很少。", "hours_after": 4},
            {
                "author": "kate_w",
                "body": "Some co-working cafés offer student day passes.",
                "hours_after": 9,
            },
            {"author": "小林在伦敦", "body": "读者证已办，明天去试试！", "hours_after": 30},
        ],
    },
]

LONG_THREAD: dict[str, Any] = {
    "board": "life",
    "author": "leedell",
    "title": "【长期更新】伦敦生活问答楼：有问必答",
    "type": "经验",
    "sticky": 1,
    "days_ago": 110,
    "body": (
        "[align=center][size=4][b]伦敦生活问答楼[/b][/size][/align]\n"
        "租房、看病、交通、银行、签证……生活中的小问题都可以在这里问。\n"
        "[list][*]问题尽量写清楚地区和时间[*]回答请基于亲身经验[*]涉及签证法律以官方为准[/list]\n"
        "[color=#c00]本楼长期更新，欢迎大家互相帮助。[/color]"
    ),
    "reply_templates": [
        "请问 Oyster 卡和直接刷银行卡哪个更划算？",
        "刷银行卡有每日和每周封顶，和 Oyster 一样，不用专门办卡。",
        "学生 18+ 卡可以打七折，记得在官网申请。",
        "GP 预约总是约不上，大家都是怎么约的？",
        "早上 8 点准时打电话或者在线预约，晚了就没号了。",
        "急症但不危及生命可以打 111，会告诉你去哪里看。",
        "[b]紧急情况请直接拨打 999[/b]，不要犹豫。",
        "看牙医是不是要另外注册？NHS 牙医好难找。",
        "NHS 牙医确实紧张，可以在网上查哪些诊所还接新病人。",
        "council tax 是按房子收还是按人收？",
        "按房子收，住户里如果只有一个成年人可以打七五折。",
        "TV licence 一定要买吗？我只用手机看视频。",
        "看直播或者用 BBC iPlayer 就需要，只看其他点播平台不需要。",
        "伦敦哪里可以换人民币比较划算？",
        "大额还是建议用正规汇款平台，别找私下换汇，风险大。",
        "[color=#c00]提醒：不要帮陌生人收款转账[/color]，可能卷入洗钱。",
        "有没有推荐的手机套餐？每月流量 30G 左右。",
        "SIM only 套餐每月十几镑就够了，不用签合约机。",
        "寄快递回国哪家比较靠谱？",
        "食品和电池类限制多，寄之前先问清楚能不能寄。",
        "伦敦下雨天多，雨伞基本没用，买件防水外套更实在 😂",
        "冬天几点天黑？刚来不习惯。",
        "十二月下午四点左右就黑了，多补充维生素 D。",
        "周末有什么适合带孩子去的免费博物馆？",
        "自然历史博物馆和科学博物馆都免费，孩子超喜欢恐龙厅。",
        "[url=https://museum.example/kids]示例：博物馆亲子活动日历[/url] 可以关注一下。",
        "在伦敦考驾照流程复杂吗？",
        "先申请 provisional licence，然后考理论，再约路考，路考排队比较久。",
        "中国驾照在英国能开多久？",
        "持有效驾照入境后一般可以开一段时间，具体看身份，建议查官方规定。",
        "房东不退押金怎么办？",
        "押金应该在保护计划里，可以走免费的争议解决流程。",
        "[quote]押金应该在保护计划里[/quote]\n补充：入住时一定要拍照留存房屋状况。",
        "家里有老鼠，找谁处理？",
        "租房的话先通知房东，区议会也有虫害处理服务。",
        "垃圾回收是哪天？分类有什么讲究？",
        "每个区不一样，在区议会网站输入邮编就能查到回收日。",
        "玻璃瓶要洗干净再放回收箱，厨余放食物垃圾小桶。",
        "想办图书馆卡，需要什么？",
        "带地址证明去任何一个区图书馆就能办，还能借电子书。",
        "伦敦哪里能买到新鲜的活鱼？",
        "Billingsgate 鱼市周末早上开，要起早。",
        "有没有好的中文学校推荐？孩子 6 岁。",
        "北伦敦、东伦敦都有周末中文学校，可以先去试听。",
        "Thanks everyone, this thread is gold! 🙏",
        "收藏了，每次有问题先来这里翻一翻。",
        "[b]楼主辛苦了[/b]，顶一下让更多新人看到。",
        "同问，坐等大佬回答。",
    ],
}

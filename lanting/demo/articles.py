# ruff: noqa: RUF001
"""Demo articles for 英国伦敦华人网: categories, bodies, dates and reader comments."""

from typing import Any

# (slug, Chinese name, English description)
CATEGORIES: list[tuple[str, str, str]] = [
    (
        "news",
        "新闻资讯",
        (
            "London and UK news that matters to the Chinese community: transport, housing, health, "
            "visas, money and weather."
        ),
    ),
    (
        "community",
        "社区动态",
        (
            "Festivals, Chinatown events, Chinese schools, volunteering and what local community "
            "groups are doing."
        ),
    ),
    (
        "life",
        "生活留学",
        (
            "Practical guides for students and newcomers: renting, the NHS, council tax, banking, "
            "driving and staying safe."
        ),
    ),
]

ARTICLES: list[dict[str, Any]] = [
    {
        "category": "news",
        "title": "TfL公布新年度票价调整：Oyster卡与非接触支付单程价格上调",
        "days_ago": 12,
        "hour": 9,
        "minute": 15,
        "original_author": "本网记者 王晓",
        "source_name": "伦敦华人网",
        "source_url": "https://www.londonchinese.example/news/tfl-fares",
        "paragraphs": [
            (
                "伦敦交通局（TfL）日前公布新年度票价方案，地铁、地上铁与伊丽莎白线的单程票价将在3月"
                "初起上调，平均涨幅在4%至5%之间。使用Oyster卡和非接触式银行卡的乘客均受影响。"
            ),
            (
                "根据方案，巴士与电车单程票价继续维持冻结，一小时内换乘巴士仍可享受Hopper票价。交通"
                "局表示，此举是为了照顾低收入乘客，鼓励更多人选择公共交通出行。"
            ),
            (
                "每日和每周封顶金额（capping）也将同步调整。经常往返Zone 1与Zone 2之间的通勤族，建"
                "议重新计算月票与按次付费哪种更划算。"
            ),
            (
                "一名交通局发言人表示，票价收入将用于维护线路、更新列车和改善无障碍设施。乘客可在"
                "TfL官网输入起点和终点，查询调整后的具体票价。"
            ),
        ],
        "summary": "伦敦地铁和铁路票价3月起上调，巴士票价继续冻结。",
        "comments": [
            "又涨了，每个月通勤又要多花不少钱。",
            "巴士不涨还算有点良心。",
            "建议大家办个Railcard绑定Oyster，能省一点是一点。",
        ],
    },
    {
        "category": "news",
        "title": "多个伦敦区议会公布新财年council tax涨幅，部分地区接近上限",
        "days_ago": 45,
        "hour": 10,
        "minute": 30,
        "original_author": "本网记者 李然",
        "source_name": "伦敦华人网",
        "source_url": "",
        "paragraphs": [
            (
                "伦敦多个区议会近日陆续公布新财年的市政税（council tax）方案。按照现行规定，区议会"
                "在不举行地方公投的情况下，每年涨幅一般不得超过4.99%，其中包括用于成人社会关怀的专"
                "项部分。"
            ),
            (
                "多数区议会选择接近上限的涨幅，理由是社会关怀、儿童服务和临时住房的开支持续增加。也"
                "有少数区议会表示将通过削减行政开支来控制涨幅。"
            ),
            (
                "市政税按房屋所在的估值等级（Band A至H）计算，独居成年人可申请25%的单人折扣，全日制"
                "学生居住的房屋通常可以申请豁免。"
            ),
            (
                "新的账单一般会在3月寄出，4月起按月扣款。居民如对房屋估值等级有异议，可以向估价办公"
                "室（VOA）提出复核申请。对账单有疑问的居民，也可以直接致电区议会的市政税服务热线咨"
                "询。"
            ),
        ],
        "summary": "",
        "comments": [
            "我们区今年又涨到顶了。",
            "学生记得去申请豁免，不要白交钱。",
        ],
    },
    {
        "category": "news",
        "title": "气象局发布黄色大风预警，周末伦敦及东南部出行或受影响",
        "days_ago": 3,
        "hour": 18,
        "minute": 5,
        "original_author": "",
        "source_name": "本网讯",
        "source_url": "",
        "paragraphs": [
            (
                "英国气象局发布黄色大风预警，预计本周六凌晨至周日中午，伦敦及英格兰东南部将出现强阵"
                "风，沿海地区阵风风速可能超过每小时70英里。"
            ),
            (
                "气象部门提醒，大风可能导致树木倒伏、短时停电，以及部分铁路线路临时限速或停运。出行"
                "前请查看National Rail和TfL的实时服务信息。"
            ),
            (
                "居民应提前固定花园里的家具、垃圾桶和蹦床等容易被吹动的物品。驾车经过桥梁和开阔路段"
                "时，应降低车速，注意侧风。骑自行车和电动滑板车的市民应尽量避免在风力最强的时段出行"
                "。"
            ),
            (
                "如遇倒下的树木或电线，请不要靠近，可以拨打105报告停电情况；遇到紧急危险时请拨打999"
                "。气象局表示，预警级别可能根据最新预报调整，请留意后续更新。"
            ),
        ],
        "summary": "",
        "comments": [
            "上次刮大风我家篱笆都倒了，这次提前绑好。",
            "周六本来要去机场，希望火车别停。",
        ],
    },
    {
        "category": "news",
        "title": "Home Office updates guidance on Graduate Route applications",
        "days_ago": 88,
        "hour": 14,
        "minute": 20,
        "original_author": "Staff reporter",
        "source_name": "London Chinese",
        "source_url": "https://www.londonchinese.example/en/graduate-route-guidance",
        "paragraphs": [
            (
                "The Home Office has published updated guidance for international students "
                "applying for the Graduate Route, the visa that lets graduates stay and work in "
                "the UK after completing a degree."
            ),
            (
                "Applicants must still be in the UK, hold a valid Student visa, and have their "
                "course completion reported to the Home Office by their university before they "
                "apply."
            ),
            (
                "A spokesperson said the changes clarify existing rules rather than introduce new "
                "requirements. Students are advised to read the guidance on GOV.UK before starting "
                "their application."
            ),
            (
                "Universities in London say their international student advice teams are running "
                "drop-in sessions for final-year students with questions about timing and "
                "documents."
            ),
        ],
        "summary": (
            "New guidance clarifies the rules for students applying to stay on after graduation."
        ),
        "comments": [
            "有没有人知道学校一般多久报告毕业？",
            "Good to know, thanks for the update.",
        ],
    },
    {
        "category": "news",
        "title": "BRP全面过渡到eVisa：持卡人请尽快创建UKVI账户",
        "days_ago": 150,
        "hour": 11,
        "minute": 0,
        "original_author": "本网记者 陈思远",
        "source_name": "伦敦华人网",
        "source_url": "https://www.londonchinese.example/news/evisa",
        "paragraphs": [
            (
                "英国内政部正在逐步以电子签证（eVisa）取代实体生物识别居留卡（BRP）。持有BRP的人士"
                "需要创建UKVI账户，并将身份证件与电子移民身份关联。"
            ),
            (
                "创建账户需要使用有效护照或BRP，并通过手机应用或网页完成身份验证。整个流程免费，官"
                "方提醒不要通过任何收费的第三方网站办理。"
            ),
            (
                "完成关联后，持证人可以在线生成“分享码”（share code），向雇主、房东或银行证明自己的"
                "居留和工作权利。分享码有一定的有效期，过期后需要重新生成，使用时请留意。"
            ),
            (
                "出入境时，旅客应确保UKVI账户中登记的护照信息是最新的。更换护照后，请及时在账户中更"
                "新证件，以免在边境出现核验问题。内政部表示，在过渡期内已过期的BRP仍可用于创建账户"
                "，但不能再作为有效旅行证件。"
            ),
        ],
        "summary": "",
        "comments": [
            "我上周刚弄好，过程挺顺利的。",
            "换了新护照一定要记得更新！",
            "请问BRP过期了还能用来注册吗？",
        ],
    },
    {
        "category": "news",
        "title": "伊丽莎白线本月两个周末部分区段停运，替代巴士安排公布",
        "days_ago": 27,
        "hour": 8,
        "minute": 40,
        "original_author": "",
        "source_name": "本网讯",
        "source_url": "",
        "paragraphs": [
            (
                "伦敦交通局宣布，由于轨道和信号系统维护，伊丽莎白线（Elizabeth line）本月将有两个周"
                "末在部分区段暂停服务，受影响区段主要位于西段。"
            ),
            (
                "停运期间将提供替代巴士服务，乘客也可改乘中央线或大西部铁路的列车。交通局提醒，替代"
                "巴士行程时间较长，请预留充足时间。车站内将张贴指示牌，并安排工作人员引导乘客前往替"
                "代巴士上车点。"
            ),
            (
                "前往希思罗机场的旅客可考虑乘坐皮卡迪利线，或者提前确认Heathrow Express的运营安排。"
                "携带大件行李的旅客尤其应提前规划，避开周末早晨的换乘高峰。"
            ),
            (
                "具体停运日期和时段可在TfL官网的“计划工程”页面查询，也可以通过TfL Go应用接收实时提"
                "醒。交通局表示，工程完成后列车的准点率和可靠性有望进一步提高。"
            ),
        ],
        "summary": "",
        "comments": [],
    },
    {
        "category": "news",
        "title": "工会宣布地铁部分线路罢工计划，通勤族提前准备",
        "days_ago": 60,
        "hour": 19,
        "minute": 45,
        "original_author": "本网记者 王晓",
        "source_name": "伦敦华人网",
        "source_url": "",
        "paragraphs": [
            (
                "代表部分地铁员工的工会日前宣布，因薪资和工作条件谈判未能达成一致，将在下月举行为期"
                "两天的罢工行动，多条地铁线路可能受到影响。"
            ),
            (
                "伦敦交通局表示，将继续与工会进行谈判，希望避免罢工。如罢工如期进行，预计大部分地铁"
                "线路服务将严重受限，巴士和地上铁则会更加拥挤。"
            ),
            (
                "交通局建议乘客在罢工期间尽量居家办公，或改用步行、骑行等方式出行。Santander共享单"
                "车在罢工期间通常需求很高，建议提前规划。"
            ),
            (
                "本网将持续关注谈判进展，并在罢工是否取消有确切消息时及时更新。在此之前，乘客可以留"
                "意TfL官网和社交媒体账号发布的服务状态，以及各车站张贴的通知。"
            ),
        ],
        "summary": "",
        "comments": [
            "又要罢工……去年好像也是这个时候。",
            "能在家办公的就在家吧。",
        ],
    },
    {
        "category": "news",
        "title": "ULEZ扩展满一年：旧车主报废补贴申请须知",
        "days_ago": 210,
        "hour": 13,
        "minute": 10,
        "original_author": "本网记者 刘婷",
        "source_name": "伦敦华人网",
        "source_url": "",
        "paragraphs": [
            (
                "超低排放区（ULEZ）扩展至伦敦全部32个区已满一年。不符合排放标准的车辆在区内行驶，每"
                "天需缴纳12.5英镑的费用。收费每天从零点计算至午夜，未按时缴费的车主将收到罚款通知。"
            ),
            (
                "为帮助居民和小企业更换车辆，伦敦市政府设有车辆报废补贴计划，符合条件的伦敦居民报废"
                "不达标的汽车或摩托车，可以获得一次性补贴。"
            ),
            (
                "车主可以在TfL官网输入车牌号，查询自己的车辆是否符合ULEZ标准。一般来说，2006年以后"
                "注册的汽油车和2015年9月以后注册的柴油车大多符合要求。"
            ),
            (
                "需要提醒的是，ULEZ与拥堵费（Congestion Charge）是两项不同的收费，在中心区行驶的车"
                "辆可能需要同时缴纳。"
            ),
        ],
        "summary": "",
        "comments": [
            "我家那辆老柴油车去年就报废了，补贴到账挺快。",
        ],
    },
    {
        "category": "news",
        "title": "英格兰银行维持基准利率不变，房贷族与储户怎么看",
        "days_ago": 35,
        "hour": 12,
        "minute": 5,
        "original_author": "财经编辑 周宁",
        "source_name": "伦敦华人网",
        "source_url": "",
        "paragraphs": [
            (
                "英格兰银行货币政策委员会宣布，将基准利率维持在现有水平不变。委员会表示，将继续观察"
                "通胀和就业数据，再决定下一步行动。这是委员会连续第二次作出维持利率不变的决定，投票"
                "结果显示委员之间仍存在分歧。"
            ),
            (
                "对于使用浮动利率（tracker）房贷的业主来说，月供暂时不会变化；而固定利率即将到期的"
                "房贷族，则需要留意各银行新推出的产品利率。"
            ),
            (
                "储户方面，部分银行和建房互助会近期小幅下调了储蓄利率。理财顾问建议，可以比较免税储"
                "蓄账户（ISA）和定期存款的利率，再做选择。"
            ),
            (
                "分析人士认为，未来几个月的利率走向仍存在不确定性，个人在做重大财务决定前，最好咨询"
                "持牌的财务顾问。本网财经频道也将继续关注利率动向，为读者整理相关信息。"
            ),
        ],
        "summary": "英国央行本次维持利率不变，房贷和储蓄利率走势仍待观察。",
        "comments": [
            "固定利率明年到期，好纠结要不要现在锁定。",
            "ISA今年的额度别忘了用。",
        ],
    },
    {
        "category": "news",
        "title": "能源监管机构公布新一季能源价格上限",
        "days_ago": 95,
        "hour": 9,
        "minute": 50,
        "original_author": "",
        "source_name": "本网讯",
        "source_url": "",
        "paragraphs": [
            (
                "英国能源监管机构Ofgem公布了新一季的能源价格上限（price cap），适用于使用标准浮动电"
                "价和燃气价格的家庭，新上限将在下季度生效。"
            ),
            (
                "需要注意的是，价格上限限制的是每单位电和燃气的价格以及每日固定费用，而不是家庭账单"
                "的总额。实际支出仍取决于用量。用电多、房屋保温差的家庭，实际账单可能明显高于官方公"
                "布的典型家庭水平。"
            ),
            (
                "能源供应商通常会提前通知客户价格变化。住户可在生效前提交一次电表读数，确保按旧价格"
                "计算已使用的能源。使用智能电表的家庭，读数会自动上传，一般无需另外操作。"
            ),
            (
                "有经济困难的家庭可以联系供应商，询问分期付款计划或申请困难基金。部分区议会也设有家"
                "庭支持基金，帮助居民支付账单。慈善机构Citizens Advice也提供免费咨询，帮助居民了解"
                "可申请的补助。"
            ),
        ],
        "summary": "",
        "comments": [
            "记得月底前拍电表读数。",
            "冬天账单太吓人了。",
        ],
    },
    {
        "category": "news",
        "title": "NHS冬季流感疫苗开放预约，符合条件人群可免费接种",
        "days_ago": 130,
        "hour": 10,
        "minute": 0,
        "original_author": "本网记者 李然",
        "source_name": "伦敦华人网",
        "source_url": "",
        "paragraphs": [
            (
                "英国国民保健服务（NHS）宣布，今年冬季流感疫苗接种已开放预约。65岁以上人士、孕妇、"
                "部分长期病患者及其照护者等可以免费接种。"
            ),
            (
                "符合条件的居民可以通过NHS App、NHS官网或致电所在的GP诊所预约，也可以前往参与计划的"
                "社区药房接种。预约时请准备好自己的NHS号码，以便诊所或药房核对信息。"
            ),
            (
                "儿童通常接种鼻喷式流感疫苗，部分年龄段的学生可在学校接种，家长会收到学校发出的同意"
                "书。家长如希望孩子在校外接种，可以联系GP诊所另行预约，部分药房也为符合条件的儿童提"
                "供服务。"
            ),
            (
                "卫生部门提醒，流感在冬季传播较快，接种疫苗可以降低重症风险。如不确定自己是否符合免"
                "费条件，可以咨询GP或药剂师。接种后手臂酸痛或轻微低烧属于常见反应，一般一两天内会自"
                "行消退。"
            ),
        ],
        "summary": "",
        "comments": [
            "我在家附近的药房打的，不用排队。",
            "爸妈来探亲能打吗？",
            "孩子学校已经发通知了。",
        ],
    },
    {
        "category": "news",
        "title": "伦敦市政府推出新一轮可负担住房建设计划",
        "days_ago": 240,
        "hour": 16,
        "minute": 25,
        "original_author": "本网记者 陈思远",
        "source_name": "伦敦华人网",
        "source_url": "https://www.londonchinese.example/news/affordable-homes",
        "paragraphs": [
            (
                "大伦敦政府日前公布新一轮可负担住房建设计划，计划在未来数年内与各区议会和住房协会合"
                "作，新增一批社会租赁和共有产权住房。新项目将分布在内伦敦和外伦敦多个区，部分地块来"
                "自公共部门的闲置土地。"
            ),
            (
                "一名市政府发言人表示，住房短缺是伦敦面临的最大挑战之一，新计划将优先支持在交通便利"
                "地段建设住房，并提高新建项目的节能标准。"
            ),
            (
                "住房慈善机构对计划表示欢迎，但也指出，建筑成本上涨和审批周期较长，可能影响项目的实"
                "际推进速度。也有居民担心新项目会增加当地学校和诊所的压力，希望配套设施能够同步跟上"
                "。"
            ),
            (
                "有意申请社会住房的居民，需要先在所在区议会的住房登记名单上登记。共有产权住房则可以"
                "通过官方网站查询在售项目。申请条件因区而异，一般会考虑居住年限、家庭人数和住房需求"
                "紧迫程度等因素。"
            ),
        ],
        "summary": "大伦敦政府公布新一轮可负担住房计划，但建设进度仍面临成本与审批挑战。",
        "comments": [
            "希望能真的建起来，房租太高了。",
        ],
    },
    {
        "category": "news",
        "title": "Police warn of rise in phone snatching in the West End",
        "days_ago": 18,
        "hour": 20,
        "minute": 10,
        "original_author": "Staff reporter",
        "source_name": "London Chinese",
        "source_url": "",
        "paragraphs": [
            (
                "The Metropolitan Police have warned visitors and residents about a rise in mobile "
                "phone thefts in the West End, including around Leicester Square, Covent Garden "
                "and Oxford Street."
            ),
            (
                "Thieves on bicycles or e-bikes often snatch phones from people walking near the "
                "kerb while texting or checking maps. Officers say most thefts happen in a matter "
                "of seconds."
            ),
            (
                "Police advise pedestrians to step away from the road or into a shop doorway when "
                "using their phones, and to turn on features that can locate, lock and wipe a lost "
                "device."
            ),
            (
                "Thefts can be reported online or by calling 101. If someone is in danger or a "
                "crime is in progress, always call 999."
            ),
        ],
        "summary": "",
        "comments": [
            "上个月我朋友在唐人街门口被抢了手机。",
            "走路真的别把手机拿在马路那一侧。",
        ],
    },
    {
        "category": "news",
        "title": "泰晤士河船运公布夏季新时刻表，增开周末班次",
        "days_ago": 300,
        "hour": 15,
        "minute": 35,
        "original_author": "",
        "source_name": "本网讯",
        "source_url": "",
        "paragraphs": [
            (
                "泰晤士河客运船服务公布夏季新时刻表，往返格林尼治、伦敦桥和威斯敏斯特之间的航线将在"
                "周末增开班次，以应对游客高峰。工作日的班次基本维持不变，晚间最后一班的发船时间略有"
                "延后。"
            ),
            (
                "乘客可以使用Oyster卡或非接触式银行卡支付船票，持有Travelcard的乘客在部分航线可享受"
                "票价折扣。儿童和持有特定优惠卡的乘客可以享受额外优惠，具体以售票处公布为准。"
            ),
            (
                "运营方表示，新时刻表还将调整早高峰时段的通勤航班，方便居住在东南伦敦码头区的上班族"
                "前往金融城和金丝雀码头。部分码头正在进行无障碍改造，轮椅使用者出行前可以先查询码头"
                "设施情况。"
            ),
            (
                "乘船是观赏伦敦沿河风景的好方式。运营方提醒，遇到大风或大雾等恶劣天气时，部分航班可"
                "能临时调整。夏季周末游客较多，热门航线的船舱座位紧张，建议错峰出行。"
            ),
        ],
        "summary": "",
        "comments": [
            "周末带小孩坐船去格林尼治，很不错。",
        ],
    },
    {
        "category": "news",
        "title": "统计数据显示伦敦私人租金同比继续上涨",
        "days_ago": 75,
        "hour": 11,
        "minute": 20,
        "original_author": "财经编辑 周宁",
        "source_name": "伦敦华人网",
        "source_url": "",
        "paragraphs": [
            (
                "英国国家统计局最新发布的数据显示，伦敦私人租房市场的平均租金同比继续上涨，涨幅仍高"
                "于英格兰其他多数地区。数据显示，新签租约的租金涨幅普遍高于续租租约，刚到伦敦找房的"
                "人感受尤其明显。"
            ),
            (
                "业内人士分析，出租房源供应不足、房东贷款成本上升以及租房需求旺盛，是推动租金上涨的"
                "主要原因。也有分析认为，随着租客负担能力接近上限，未来租金涨幅可能会逐步放缓。"
            ),
            (
                "租房慈善机构提醒，房东在合同期内一般不能随意加租。对于周期性租约，房东提出加租需要"
                "遵循法定程序，租客若认为不合理可以提出异议。"
            ),
            (
                "有租房需求的读者可以关注本网租房版块，也可以参考生活频道的租房指南，了解看房和签约"
                "时需要注意的事项。如遇房东违规加租或拒绝维修，租客也可以向所在区议会的住房部门求助"
                "。"
            ),
        ],
        "summary": "",
        "comments": [
            "续约又被涨了一百多镑。",
            "Zone 3的房子现在也不便宜了。",
        ],
    },
    {
        "category": "news",
        "title": "国家生活工资4月起上调，兼职留学生也适用",
        "days_ago": 380,
        "hour": 9,
        "minute": 5,
        "original_author": "本网记者 刘婷",
        "source_name": "伦敦华人网",
        "source_url": "",
        "paragraphs": [
            (
                "英国政府宣布，国家生活工资（National Living Wage）和各年龄段的国家最低工资将从4月1"
                "日起上调，适用于全英符合条件的雇员。"
            ),
            (
                "需要提醒的是，最低工资标准适用于所有合法工作的员工，包括在学期中兼职的国际学生。持"
                "学生签证人士仍须遵守签证规定的每周工作时长上限。"
            ),
            (
                "伦敦生活工资（London Living Wage）是由独立机构计算、雇主自愿采用的标准，通常高于法"
                "定最低工资，目前已有不少企业承诺执行。"
            ),
            (
                "如认为雇主支付的工资低于法定标准，员工可以联系英国税务海关总署（HMRC）或向咨询机构"
                "ACAS寻求帮助。员工平时应保存好工资单和排班记录，以便在出现争议时作为证据。"
            ),
        ],
        "summary": "4月起法定最低工资上调，所有合法雇员均适用。",
        "comments": [
            "餐馆打工的同学记得核对一下时薪。",
            "学生签证每周工时限制千万别超。",
        ],
    },
    {
        "category": "news",
        "title": "领事服务提醒：护照到期前请预留充足办理时间",
        "days_ago": 170,
        "hour": 14,
        "minute": 0,
        "original_author": "",
        "source_name": "本网讯",
        "source_url": "",
        "paragraphs": [
            (
                "暑假和春节前后通常是护照和旅行证件办理的高峰期。相关领事服务机构提醒旅英同胞，如护"
                "照有效期即将届满，应尽早申请换发。以往高峰期预约名额较为紧张，临近出行才申请的人可"
                "能面临无法按时取证的情况。"
            ),
            (
                "申请人一般需要通过官方指定的平台在线填表、上传照片并预约，按照要求准备护照原件、在"
                "英居留身份证明等材料。照片须符合规定的尺寸和背景要求，不合格的照片可能导致申请被退"
                "回，延误办理时间。"
            ),
            (
                "需要注意的是，护照更换后，在英国居留身份的电子记录也需要同步更新。持eVisa人士应在"
                "UKVI账户中添加新护照信息。如果不及时更新，在机场办理登机或者入境时，可能需要额外出"
                "示证明材料。"
            ),
            (
                "请大家通过官方渠道获取办事信息，警惕冒充领事机构的电话和短信，不要向陌生人透露个人"
                "证件信息或转账。如已经向可疑人员转账，请尽快联系银行并向警方报案，尽量减少损失。"
            ),
        ],
        "summary": "",
        "comments": [
            "我预约等了好几周，确实要早点弄。",
        ],
    },
    {
        "category": "news",
        "title": "Amber heat-health alert issued for London as temperatures rise",
        "days_ago": 320,
        "hour": 17,
        "minute": 30,
        "original_author": "Staff reporter",
        "source_name": "London Chinese",
        "source_url": "",
        "paragraphs": [
            (
                "The UK Health Security Agency has issued an amber heat-health alert for London, "
                "with temperatures expected to stay above 30C for several days this week."
            ),
            (
                "Older people, young children and those with long-term health conditions are most "
                "at risk. Neighbours and relatives are encouraged to check in on anyone who lives "
                "alone."
            ),
            (
                "Health officials advise drinking plenty of water, keeping curtains closed during "
                "the hottest part of the day, and avoiding strenuous activity between 11am and 3pm."
            ),
            (
                "TfL reminds passengers to carry water on the Tube, as some deep-level lines can "
                "become very warm. Anyone who feels unwell should seek help from staff."
            ),
        ],
        "summary": "",
        "comments": [
            "伦敦的房子都没空调，真的难熬。",
            "地铁中央线简直像蒸笼。",
        ],
    },
    {
        "category": "news",
        "title": "大雾天气导致伦敦城市机场多班航班延误或取消",
        "days_ago": 140,
        "hour": 7,
        "minute": 55,
        "original_author": "",
        "source_name": "本网讯",
        "source_url": "",
        "paragraphs": [
            (
                "今天清晨，伦敦东部出现浓雾，能见度一度降至百米以下。伦敦城市机场多班早间航班出现延"
                "误，部分航班被取消或改降其他机场。希思罗机场和盖特威克机场的航班基本未受影响，但个"
                "别航线出现短暂延误。"
            ),
            (
                "机场方面建议旅客出发前联系航空公司，确认航班最新状态。航班取消的旅客可根据相关规定"
                "申请改签或退款。已经在机场的旅客可留意航站楼内的航班信息屏，听从地面工作人员的安排"
                "。"
            ),
            (
                "气象局预计雾气将在上午晚些时候逐渐消散。驾车出行的司机应开启雾灯，保持安全车距，并"
                "预留额外的行程时间。部分巴士线路也因能见度低而放慢车速，早高峰期间行程时间可能延长"
                "。"
            ),
        ],
        "summary": "",
        "comments": [
            "早上开车几乎看不到前面的车。",
        ],
    },
    {
        "category": "news",
        "title": "伦敦马拉松周日举行，市中心及东南部多条道路封闭",
        "days_ago": 355,
        "hour": 12,
        "minute": 45,
        "original_author": "本网记者 王晓",
        "source_name": "伦敦华人网",
        "source_url": "",
        "paragraphs": [
            (
                "一年一度的伦敦马拉松将于本周日举行，赛道从格林尼治出发，途经伦敦塔桥、金丝雀码头，"
                "最终抵达林荫路（The Mall）终点。"
            ),
            (
                "比赛当天，沿线多条道路将从清晨起封闭，部分巴士线路改道或停驶。赛道附近的地铁站可能"
                "会因人流过多而临时限流。住在赛道沿线的居民应提前安排出行，需要就医或有其他紧急需求"
                "时，可以联系现场工作人员协助。"
            ),
            (
                "组织方提醒，观赛市民可以提前选择观赛地点，尽量乘坐公共交通前往。开车出行的居民应提"
                "前查看道路封闭时间表。赛道沿线将设置多个补给站和医疗点，观众请勿越过护栏进入赛道。"
            ),
            (
                "今年有不少华人跑者报名参赛，其中有人为慈善机构募款。本网欢迎参赛的读者分享自己的比"
                "赛经历。比赛结束后，组织方将在官网公布完赛名单和成绩查询入口。"
            ),
        ],
        "summary": "",
        "comments": [
            "今年终于抽中了！紧张又兴奋。",
            "去塔桥给大家加油！",
            "祝所有跑者顺利完赛。",
        ],
    },
    {
        "category": "news",
        "title": "新学年起伦敦公立小学学生继续享受免费午餐",
        "days_ago": 225,
        "hour": 8,
        "minute": 20,
        "original_author": "本网记者 刘婷",
        "source_name": "伦敦华人网",
        "source_url": "",
        "paragraphs": [
            (
                "大伦敦政府宣布，新学年将继续为伦敦所有公立小学学生提供免费午餐，家长无需另外申请，"
                "也不受家庭收入限制。该政策覆盖从学前班（Reception）到六年级的所有学生，学校将按原"
                "有方式统一安排用餐。"
            ),
            (
                "市政府表示，此举旨在减轻家庭生活成本压力，同时保证孩子在校期间获得营养均衡的午餐。"
                "有教育慈善机构表示，免费午餐有助于提高学生的课堂专注度，也能减少家庭之间的差距。"
            ),
            (
                "符合低收入条件的家庭，仍建议通过区议会申请“免费校餐资格”，因为学校可以据此获得额外"
                "的学生补助经费（Pupil Premium）。"
            ),
            (
                "家长如对孩子的饮食有特殊需求，例如过敏或宗教饮食要求，可以直接与学校沟通。需要自带"
                "午餐的学生仍然可以继续自带，学校通常会提供相应的用餐区域。"
            ),
        ],
        "summary": "",
        "comments": [
            "这个政策对我们双职工家庭帮助很大。",
            "原来还是要去申请一下，学校能多拿经费。",
        ],
    },
    {
        "category": "news",
        "title": "电子旅行授权ETA适用范围扩大，中国护照访客仍需办理签证",
        "days_ago": 260,
        "hour": 10,
        "minute": 40,
        "original_author": "本网记者 陈思远",
        "source_name": "伦敦华人网",
        "source_url": "",
        "paragraphs": [
            (
                "英国电子旅行授权（ETA）的适用范围已扩大到更多免签国家和地区的旅客。这些旅客在入境"
                "英国进行短期访问前，需要先在线申请ETA。"
            ),
            (
                "需要注意的是，ETA只适用于原本可以免签入境英国的旅客。持中国护照前来探亲、旅游的访"
                "客，仍需按照原有规定申请标准访问签证。"
            ),
            (
                "已经持有英国有效签证或居留许可的人士，不需要另外申请ETA。过境旅客是否需要ETA或过境"
                "签证，请以官方指引为准。在英国合法居住的中国公民，出入境时出示有效的居留身份证明即"
                "可。"
            ),
            (
                "计划邀请国内亲友来英的读者，建议提前了解访问签证所需材料，预留足够的审理时间。邀请"
                "人可以为访客准备邀请信、住宿安排说明等材料，作为签证申请的补充。"
            ),
        ],
        "summary": "英国扩大ETA适用范围，但持中国护照访客仍需申请访问签证。",
        "comments": [
            "爸妈来英国还是要办签证，流程不变。",
        ],
    },
    {
        "category": "news",
        "title": "皇家邮政公布圣诞节前寄件截止日期",
        "days_ago": 110,
        "hour": 9,
        "minute": 30,
        "original_author": "",
        "source_name": "本网讯",
        "source_url": "",
        "paragraphs": [
            (
                "皇家邮政公布了今年圣诞节前的寄件建议截止日期。寄往英国境内的二等邮件和一等邮件截止"
                "日期不同，寄往海外的邮件则需要更早寄出。"
            ),
            (
                "寄往中国等亚洲国家的国际邮件，建议在12月上旬之前寄出，以便在节日前送达。节假日期间"
                "，海关清关时间可能比平时更长。使用追踪服务寄送贵重物品，可以随时查询包裹状态，出现"
                "问题时也方便理赔。"
            ),
            (
                "邮政部门提醒，寄送包裹前请确认物品不属于禁寄或限寄范围，例如部分食品、电池和液体等"
                "。寄往海外的包裹还需要填写海关申报单，如实申报物品名称和价值。"
            ),
            (
                "近期有不法分子冒充快递公司发送“补交运费”短信，收件人请通过官方网站或应用核实，不要"
                "点击陌生链接。正规快递公司一般不会通过短信要求收件人提供银行卡信息或验证码。"
            ),
        ],
        "summary": "",
        "comments": [
            "每年都寄贺卡回国，今年要早点。",
            "那种补运费的短信我一周收到好几条。",
        ],
    },
    {
        "category": "news",
        "title": "银行转账诈骗退款新规实施，受害者可获更多保障",
        "days_ago": 190,
        "hour": 13,
        "minute": 55,
        "original_author": "财经编辑 周宁",
        "source_name": "伦敦华人网",
        "source_url": "",
        "paragraphs": [
            (
                "英国针对授权推送支付诈骗（APP fraud）的新退款规定已经实施。在新规下，通过快速支付"
                "系统转账被骗的个人客户，在多数情况下可以要求银行退款。"
            ),
            (
                "新规设定了单笔索赔上限，银行须在规定时间内处理退款申请。如果客户存在重大过失，银行"
                "可以拒绝赔付。通过信用卡付款或者现金交易的损失不适用这一规定，需要通过其他途径处理"
                "。"
            ),
            (
                "消费者权益机构提醒，新规并不意味着可以放松警惕。转账前应核实收款人身份，特别是对方"
                "要求“紧急”转账或更换收款账户时。如对方自称是银行工作人员，要求把钱转到“安全账户”，"
                "几乎可以肯定是诈骗。"
            ),
            (
                "如果怀疑自己被骗，应立即联系开户银行，并向Action Fraud报案。报案时请尽量提供转账记"
                "录、聊天截图和对方的联系方式等信息，方便警方和银行跟进调查。如对银行的处理结果不满"
                "意，还可以向金融申诉服务机构投诉。"
            ),
        ],
        "summary": "",
        "comments": [
            "希望能让骗子少一点。",
            "我同学被假房东骗了押金，不知道能不能追回。",
        ],
    },
    {
        "category": "news",
        "title": "Night Tube周末夜间服务恢复，夜归族出行更方便",
        "days_ago": 395,
        "hour": 22,
        "minute": 15,
        "original_author": "",
        "source_name": "本网讯",
        "source_url": "",
        "paragraphs": [
            (
                "伦敦交通局表示，周五和周六晚间的Night Tube服务将在多条线路上运营，包括中央线、维多"
                "利亚线、朱比利线、北线和皮卡迪利线的部分区段。"
            ),
            (
                "Night Tube使用非高峰票价，乘客可以使用Oyster卡和非接触式银行卡刷卡进站，封顶规则与"
                "白天相同。使用学生优惠卡或Railcard折扣的乘客，夜间同样可以享受相应的优惠。"
            ),
            (
                "交通局提醒夜归乘客注意人身和财物安全，列车上如遇紧急情况，可以使用车厢内的报警装置"
                "或联系站务人员。单独出行的乘客可以选择靠近司机车厢的位置，并提前告诉家人朋友自己的"
                "行程。"
            ),
            (
                "没有Night Tube的区域，乘客可以乘坐编号以N开头的夜间巴士。夜间巴士一般通宵运营，乘"
                "客可以在TfL官网查询线路图和发车间隔，或使用手机应用查看实时到站时间。"
            ),
        ],
        "summary": "",
        "comments": [
            "在West End打工下晚班的太需要了。",
        ],
    },
    {
        "category": "news",
        "title": "交通局提醒：Oyster卡余额退款及非接触支付注意事项",
        "days_ago": 5,
        "hour": 15,
        "minute": 10,
        "original_author": "本网记者 王晓",
        "source_name": "伦敦华人网",
        "source_url": "",
        "paragraphs": [
            (
                "不少即将回国的留学生询问Oyster卡余额如何处理。伦敦交通局表示，乘客可以通过官网或部"
                "分地铁站的售票机申请退还卡内余额。"
            ),
            (
                "乘客在使用非接触支付时，应注意“卡片冲突”（card clash）问题：钱包里同时放多张卡刷闸"
                "机时，系统可能从非预期的卡上扣费。"
            ),
            (
                "交通局还提醒，同一段行程请使用同一张卡或同一部手机进出站，否则可能被收取最高票价（"
                "maximum fare）。如果手机在行程中没电，无法刷手机出站，乘客可以联系站务人员说明情况"
                "。"
            ),
            (
                "如发现扣费异常，可以登录TfL账户查看行程记录，并在线申请退还多收的费用。使用非接触"
                "式银行卡的乘客，也可以注册TfL账户，把卡片关联到账户上，以便随时查看扣费明细。"
            ),
        ],
        "summary": "",
        "comments": [
            "我就是手机和卡混用被扣了最高票价。",
            "押金也能退吗？",
        ],
    },
    {
        "category": "news",
        "title": "伦敦多区议会试行新垃圾分类收集方案",
        "days_ago": 275,
        "hour": 11,
        "minute": 45,
        "original_author": "本网记者 刘婷",
        "source_name": "伦敦华人网",
        "source_url": "",
        "paragraphs": [
            (
                "为配合英格兰统一的回收政策，伦敦多个区议会开始试行新的垃圾分类收集方案，要求居民将"
                "厨余垃圾单独投放，并统一可回收物的种类。"
            ),
            (
                "区议会表示，将向居民免费发放厨余垃圾桶和可降解垃圾袋。住在公寓楼的居民，可以使用楼"
                "内设置的公共分类垃圾箱。区议会将陆续在各社区张贴宣传海报，并向每户派发多语种的分类"
                "指南。"
            ),
            (
                "新方案实施后，部分地区的一般垃圾收集频率可能调整为每两周一次，而厨余垃圾仍保持每周"
                "收集。区议会表示，调整后的方案将更有利于提高回收率，减少送往填埋场的垃圾量。"
            ),
            (
                "居民可在所在区议会官网输入邮编，查询具体的收集日期和分类要求。如果垃圾在规定日期没"
                "有被收走，也可以通过区议会网站在线报告，一般会在几个工作日内安排补收。"
            ),
        ],
        "summary": "",
        "comments": [
            "每家每户垃圾桶越来越多了……",
            "厨余单独收其实挺好，夏天不会那么臭。",
        ],
    },
    {
        "category": "community",
        "title": "特拉法加广场春节庆典圆满举行，数十万人共庆新春",
        "days_ago": 330,
        "hour": 20,
        "minute": 30,
        "original_author": "本网记者 王晓",
        "source_name": "伦敦华人网",
        "source_url": "https://www.londonchinese.example/community/cny-trafalgar",
        "paragraphs": [
            (
                "一年一度的伦敦春节庆典在特拉法加广场和唐人街举行。主办方估计，当天前来观看游行和演"
                "出的市民与游客达数十万人次。今年的庆典适逢周末，不少家庭一早就带着孩子赶来占据观看"
                "位置。"
            ),
            (
                "上午的巡游从查令十字路附近出发，舞龙舞狮队伍、花车和民族服饰方阵依次穿过西区街道，"
                "沿途观众热情拍照欢呼。巡游队伍中还有来自其他族裔社区的表演团体，展现了伦敦多元文化"
                "的风貌。"
            ),
            (
                "广场主舞台全天上演民乐、武术、歌舞等节目，多个华人社团和中文学校的学生登台表演。唐"
                "人街内张灯结彩，各家餐馆门前排起长队。"
            ),
            (
                "主办方感谢数百名志愿者在现场维持秩序、引导人流，并提醒大家活动结束后将垃圾带走，共"
                "同保持街道整洁。交通部门在活动期间临时关闭了部分道路，周边多个地铁站也实行了人流管"
                "控。"
            ),
        ],
        "summary": "伦敦春节庆典在特拉法加广场举行，巡游和演出吸引大批市民与游客。",
        "comments": [
            "今年人特别多，差点挤不进广场。",
            "舞狮太精彩了，小孩看得目不转睛。",
            "志愿者们辛苦了！",
        ],
    },
    {
        "category": "community",
        "title": "唐人街中秋灯会本周末开幕，猜灯谜、品月饼",
        "days_ago": 230,
        "hour": 16,
        "minute": 0,
        "original_author": "",
        "source_name": "本网讯",
        "source_url": "",
        "paragraphs": [
            (
                "唐人街中秋灯会将于本周末开幕。届时，杰拉德街和利斯勒街将挂起数百盏彩灯，周边商户也"
                "会推出中秋特色美食。灯会将持续至中秋节当天，每天傍晚亮灯，晚间景色最为美丽。"
            ),
            (
                "活动现场设有猜灯谜、手工灯笼制作和书法体验摊位，适合亲子家庭参加。部分摊位提供中英"
                "双语讲解，欢迎本地朋友了解中秋习俗。主办方还准备了限量的免费月饼品尝，先到先得。"
            ),
            (
                "主办方建议市民乘坐公共交通前往，最近的地铁站为莱斯特广场站。活动期间周边人流较大，"
                "请照看好随行儿童和个人物品。主办方表示，周边餐馆晚餐时段可能需要排队，有计划用餐的"
                "市民最好提前订位。"
            ),
        ],
        "summary": "",
        "comments": [
            "去年带孩子做了灯笼，今年还去。",
            "月饼买了好几盒，回家慢慢吃。",
        ],
    },
    {
        "category": "community",
        "title": "社区志愿者招募：帮助长者学习网上预约GP",
        "days_ago": 55,
        "hour": 10,
        "minute": 15,
        "original_author": "本网记者 李然",
        "source_name": "伦敦华人网",
        "source_url": "",
        "paragraphs": [
            (
                "一家位于北伦敦的华人社区中心正在招募志愿者，协助不熟悉英语和智能手机的长者使用NHS "
                "App、网上预约GP和查看处方。不少长者家中的子女工作繁忙，无法经常陪同看病和办理手续"
                "。"
            ),
            (
                "志愿者需要会说普通话或粤语，具备基本的英语沟通能力，每月能抽出至少两个半天的时间。"
                "中心将提供入职培训和背景审查（DBS check）。"
            ),
            (
                "中心负责人介绍，不少长者因语言障碍，常常不知道如何预约看病或续开药物。志愿者的陪伴"
                "和耐心讲解，可以帮助他们更独立地生活。"
            ),
            (
                "有意参与的读者可以通过中心的电子邮件报名，注明可以服务的时间段和会说的语言。中心也"
                "欢迎会说闽南语、客家话等方言的志愿者报名，以便照顾来自不同地区的长者。"
            ),
        ],
        "summary": "",
        "comments": [
            "我会粤语，周末有空，已经报名了。",
            "我妈就是不会用NHS App，很需要这种服务。",
        ],
    },
    {
        "category": "community",
        "title": "周六中文学校开放日：家长可带孩子试听课程",
        "days_ago": 250,
        "hour": 9,
        "minute": 0,
        "original_author": "",
        "source_name": "本网讯",
        "source_url": "",
        "paragraphs": [
            (
                "多所伦敦周六中文学校将在新学年开学前举办开放日，欢迎家长带孩子前来参观校园、试听课"
                "程，并向老师了解课程安排。开放日一般在周六上午举行，家长不需要预约，可以直接前往。"
            ),
            (
                "这些学校大多借用当地中学的教室，在周六上午或下午授课，课程包括简体中文、繁体中文、"
                "拼音入门，以及面向GCSE和A-level中文考试的辅导班。"
            ),
            (
                "除了语言课程，一些学校还开设书法、国画、舞蹈和中国象棋等兴趣班，帮助孩子在海外了解"
                "中华文化。部分学校在期末还会举办汇报演出，让孩子在舞台上展示一学期的学习成果。"
            ),
            (
                "一位资深老师表示，家长在家多和孩子说中文，比单纯依靠每周几个小时的课堂更有效。她建"
                "议家长根据孩子的年龄和中文程度选择合适的班级，不必一开始就追求高难度课程。"
            ),
        ],
        "summary": "",
        "comments": [
            "孩子在中文学校学了五年，GCSE中文拿了A*。",
            "求推荐西伦敦的中文学校！\n最好有繁体班。",
        ],
    },
    {
        "category": "community",
        "title": "华人社区中心举办免费法律咨询日",
        "days_ago": 100,
        "hour": 13,
        "minute": 30,
        "original_author": "本网记者 陈思远",
        "source_name": "伦敦华人网",
        "source_url": "",
        "paragraphs": [
            (
                "一家华人社区中心将于本月最后一个星期六举办免费法律咨询日，邀请多名执业律师和顾问为"
                "社区居民提供一对一咨询。这是该中心今年举办的第三次免费咨询活动，前两次均吸引了众多"
                "居民参加。"
            ),
            (
                "咨询范围包括租房纠纷、劳动权益、家庭事务以及移民身份等常见问题。每位居民的咨询时间"
                "约为20分钟，需要提前预约。现场将提供普通话和粤语翻译，方便不熟悉英语的居民与律师沟"
                "通。"
            ),
            (
                "主办方提醒，免费咨询仅提供初步建议，复杂的个案可能需要另行委托专业人士处理。前来咨"
                "询时，请携带相关合同、信件等文件。中心还为有需要的居民提供后续转介服务，帮助对接合"
                "适的法律援助机构。"
            ),
        ],
        "summary": "",
        "comments": [
            "房东一直不退押金，正好去问问。",
        ],
    },
    {
        "category": "community",
        "title": "皇家码头端午龙舟赛落幕，二十余支队伍同场竞技",
        "days_ago": 280,
        "hour": 18,
        "minute": 50,
        "original_author": "本网记者 刘婷",
        "source_name": "伦敦华人网",
        "source_url": "",
        "paragraphs": [
            (
                "一年一度的端午龙舟赛日前在东伦敦皇家码头举行，来自企业、大学和社区团体的二十余支队"
                "伍参加了比赛。比赛当天天气晴朗，吸引了大批市民和游客到岸边观看。"
            ),
            (
                "鼓声和加油声在水面上此起彼伏，各支队伍经过数周的训练，在200米赛道上全力冲刺。不少"
                "队伍由华人和本地队员共同组成。最终，一支由大学生组成的队伍凭借整齐的划桨节奏获得了"
                "冠军。"
            ),
            (
                "岸边还设有美食摊位和文化展示区，游客可以品尝粽子，了解端午节的由来和习俗。现场还有"
                "包粽子体验和香囊制作活动，孩子们排起长队，兴致勃勃地学习这些传统手艺。"
            ),
            (
                "组织方表示，龙舟运动在英国的参与者越来越多，欢迎有兴趣的读者加入当地龙舟俱乐部体验"
                "。多数俱乐部每周组织训练，初学者一般可以免费试划一到两次，船上会配备救生衣。"
            ),
        ],
        "summary": "东伦敦皇家码头端午龙舟赛落幕，二十余支队伍参赛。",
        "comments": [
            "我们公司队拿了第三名！",
            "粽子摊排队排了半小时。",
        ],
    },
    {
        "category": "community",
        "title": "Volunteers tidy up Chinatown streets ahead of Lunar New Year",
        "days_ago": 340,
        "hour": 11,
        "minute": 10,
        "original_author": "Staff reporter",
        "source_name": "London Chinese",
        "source_url": "",
        "paragraphs": [
            (
                "More than fifty volunteers gathered in Chinatown on Sunday morning to sweep "
                "pavements, clear litter and polish street signs ahead of the Lunar New Year "
                "celebrations."
            ),
            (
                "The clean-up was organised by a local community group with support from "
                "Westminster Council, which provided equipment and arranged for the collected "
                "rubbish to be taken away."
            ),
            (
                "Volunteers included students, restaurant staff and families with children. "
                "Organisers said they hope to make the event a regular fixture before every major "
                "festival."
            ),
        ],
        "summary": "",
        "comments": [
            "Great to see so many young people there.",
            "下次我也要去帮忙。",
        ],
    },
    {
        "category": "community",
        "title": "冬季暖心茶聚：社区中心为长者开放“温暖空间”",
        "days_ago": 120,
        "hour": 14,
        "minute": 40,
        "original_author": "本网记者 李然",
        "source_name": "伦敦华人网",
        "source_url": "",
        "paragraphs": [
            (
                "入冬以来，南伦敦一家华人社区中心每周两天向长者开放“温暖空间”（warm space），提供热"
                "茶、点心和暖和的休息场所。"
            ),
            (
                "除了取暖，活动还安排了太极、健康讲座和手机使用小课堂。不少独居长者表示，在这里能和"
                "同乡聊聊天，心情好了很多。有长者说，以前冬天常常一个人待在家里，现在每周都盼着来这"
                "里见见老朋友。"
            ),
            (
                "中心工作人员介绍，温暖空间由志愿者轮流值守，所需的茶点部分来自附近华人商户的捐赠。"
                "附近的一家华人餐馆每周还会送来热汤和点心，让长者们吃得暖心。"
            ),
            (
                "有需要的长者或家属可以直接前往中心登记，无需预约。中心也欢迎热心人士捐赠物资或报名"
                "做志愿者。行动不便的长者可以由家人陪同前来，中心内设有无障碍通道和洗手间。"
            ),
        ],
        "summary": "",
        "comments": [
            "我爸每周都去，说比在家开暖气省钱还热闹。",
            "给志愿者和捐赠的商家点赞。",
        ],
    },
    {
        "category": "community",
        "title": "社区献血活动呼吁更多华人登记成为献血者",
        "days_ago": 160,
        "hour": 10,
        "minute": 50,
        "original_author": "",
        "source_name": "本网讯",
        "source_url": "",
        "paragraphs": [
            (
                "NHS血液与移植服务机构联合多个华人社团举办献血宣传活动，呼吁更多华人登记成为献血者"
                "和骨髓捐献者。活动期间，工作人员在社区中心设立了咨询台，用中英文解答居民的疑问。"
            ),
            (
                "工作人员介绍，部分稀有血型和组织类型在不同族裔中的分布存在差异，华人患者在寻找匹配"
                "的骨髓或血液时，往往更需要来自同族裔的捐献者。"
            ),
            (
                "17岁至65岁、身体健康的人士一般可以登记献血。献血前需要通过NHS献血网站或应用预约，"
                "并回答健康问卷。近期有出境旅行、刚做过手术或正在服用特定药物的人士，可能需要等待一"
                "段时间后才能献血。"
            ),
            (
                "主办方表示，一次献血过程大约需要一个小时，献血后现场会提供饮料和小食，献血者应适当"
                "休息后再离开。有意登记骨髓捐献的年轻人，可以通过相关慈善机构在线申请检测包。"
            ),
        ],
        "summary": "主办方呼吁更多华人登记献血和骨髓捐献。",
        "comments": [
            "已经预约了下个月，第一次献血有点紧张。",
            "骨髓登记很简单，大家可以了解一下。",
        ],
    },
    {
        "category": "community",
        "title": "华人摄影协会年度展览开幕，记录伦敦街头日常",
        "days_ago": 205,
        "hour": 19,
        "minute": 0,
        "original_author": "本网记者 陈思远",
        "source_name": "伦敦华人网",
        "source_url": "",
        "paragraphs": [
            (
                "伦敦一家华人摄影协会的年度作品展在东伦敦一处社区画廊开幕，展出会员拍摄的约八十幅作"
                "品，展期为两周，免费参观。开幕当晚，不少摄影爱好者和社区居民前来参观，现场气氛热烈"
                "。"
            ),
            (
                "今年展览的主题是“城市日常”，作品记录了早高峰的地铁站、雨中的泰晤士河畔、唐人街后厨"
                "和市场摊贩等伦敦生活场景。每幅作品旁都附有中英文说明，讲述拍摄背后的故事。"
            ),
            (
                "协会负责人表示，会员大多是业余爱好者，有学生、厨师、工程师，也有退休人士。大家通过"
                "镜头，分享自己眼中的伦敦。协会每月组织一次外拍活动，也定期邀请专业摄影师举办讲座，"
                "欢迎新会员加入。"
            ),
        ],
        "summary": "",
        "comments": [
            "那张雨中伦敦塔桥拍得太美了。",
        ],
    },
    {
        "category": "community",
        "title": "中文图书角发起捐书活动，欢迎捐赠儿童读物",
        "days_ago": 65,
        "hour": 12,
        "minute": 25,
        "original_author": "",
        "source_name": "本网讯",
        "source_url": "",
        "paragraphs": [
            (
                "一家社区中文图书角近日发起捐书活动，欢迎居民捐赠保存完好的中文图书，尤其是儿童绘本"
                "、少儿读物和中文学习教材。活动为期一个月，所得图书将统一登记编号后上架。"
            ),
            (
                "图书角由志愿者管理，面向社区居民免费借阅。负责人介绍，目前儿童书籍需求最大，不少家"
                "长希望孩子在家也能读到中文书。图书角每周六开放，家长可以带孩子来看书，也可以办理借"
                "书卡带回家阅读。"
            ),
            (
                "捐赠的图书应内容健康、无严重破损。图书角暂不接收过期的杂志、教辅习题册以及破损严重"
                "的书籍。志愿者会对收到的图书进行筛选，不适合上架的书籍将转赠给其他慈善机构。"
            ),
            (
                "有意捐书的读者可以在开放时间直接送到图书角，也可以提前发邮件联系，志愿者会协助安排"
                "。捐书数量较多的读者，志愿者也可以根据情况安排上门收取。"
            ),
        ],
        "summary": "",
        "comments": [
            "家里孩子看完的绘本正好可以捐出去。",
            "开放时间是几点到几点？",
        ],
    },
    {
        "category": "community",
        "title": "新春游园会筹备中，社区团体招募表演节目",
        "days_ago": 365,
        "hour": 15,
        "minute": 55,
        "original_author": "本网记者 王晓",
        "source_name": "伦敦华人网",
        "source_url": "",
        "paragraphs": [
            (
                "西伦敦一家社区协会宣布，将在农历新年期间举办新春游园会，现面向社区团体和个人征集表"
                "演节目与摊位。去年的游园会吸引了上千名居民参加，不少本地家庭也专程前来体验中国年味"
                "。"
            ),
            (
                "节目形式不限，歌舞、器乐、相声小品、武术和儿童表演都可以报名。主办方希望节目展现多"
                "元文化，欢迎其他族裔的朋友一起参与。报名时需要提交节目简介和时长，每个节目的表演时"
                "间原则上不超过八分钟。"
            ),
            (
                "游园会还将设置猜灯谜、写春联、套圈等传统游戏，以及年货和小吃摊位。摊位数量有限，将"
                "按报名先后安排。摊主需遵守场地的食品卫生和消防安全规定，出售熟食的摊位还需提供相关"
                "资质证明。"
            ),
            (
                "报名截止日期为下月中旬，主办方将在截止后组织试演，并通知入选的节目。主办方同时招募"
                "活动当天的现场志愿者，负责签到、引导和场地布置等工作，有意者可一并报名。"
            ),
        ],
        "summary": "",
        "comments": [
            "我们合唱团准备报名！",
            "去年的游园会很热闹，期待今年。",
        ],
    },
    {
        "category": "life",
        "title": "留学生防诈骗指南：接到“警察”或“使馆”电话怎么办",
        "days_ago": 20,
        "hour": 21,
        "minute": 0,
        "original_author": "本网记者 李然",
        "source_name": "伦敦华人网",
        "source_url": "",
        "paragraphs": [
            (
                "每年开学季，都有留学生接到自称“中国警方”“大使馆”或“快递公司”的电话，被告知涉嫌违法"
                "或包裹有问题，随后被要求转账“证明清白”。"
            ),
            (
                "常见套路包括：先说出受害人的姓名和证件号码，制造紧张感；再要求受害人不要告诉任何人"
                "，转入所谓“安全账户”；甚至要求受害人拍摄“被绑架”视频向家人索要赎金。"
            ),
            (
                "需要牢记的是，正规的执法机构和外交机构不会通过电话要求转账，也不会要求你对家人保密"
                "。接到这类电话，应立即挂断，并通过官方渠道核实。"
            ),
            (
                "如果已经转账，请第一时间联系银行，并向Action Fraud或当地警方报案。同时及时联系家人"
                "，告知自己安全。保留好通话记录、转账凭证和聊天截图，这些都是后续调查的重要证据。"
            ),
            (
                "学校的国际学生办公室和学生会通常也提供相关支持，遇到问题不要独自承受。很多受害者因"
                "为害怕或羞愧而不敢告诉别人，其实及早求助才是减少损失的最好办法。"
            ),
        ],
        "summary": "识别冒充警察或使馆的电话诈骗，不转账、不保密、及时求助。",
        "comments": [
            "我刚来的时候就接到过，幸好室友提醒了。",
            "一定要告诉家里人，骗子也会给国内父母打电话。",
            "转给新同学看。",
        ],
    },
    {
        "category": "life",
        "title": "在Zone 2租房：看房、押金与合同要点",
        "days_ago": 40,
        "hour": 20,
        "minute": 20,
        "original_author": "本网编辑 赵敏",
        "source_name": "伦敦华人网",
        "source_url": "",
        "paragraphs": [
            (
                "Zone 2交通便利、租金相对中心区低一些，是不少上班族和留学生的首选。但热门区域房源竞"
                "争激烈，看房前最好先想清楚预算和通勤路线。"
            ),
            (
                "看房时要留意有没有霉斑、窗户是否漏风、热水和暖气能否正常使用。可以向中介询问该房屋"
                "的能源评级（EPC）和大致的水电费用。"
            ),
            (
                "在英格兰，押金一般不超过五周房租，房东须在收到押金后30天内将其存入政府认可的押金保"
                "护计划，并告知租客相关信息。退租时，如双方对押金扣除有争议，可以通过押金保护计划提"
                "供的免费仲裁服务解决。"
            ),
            (
                "签约前请仔细阅读租约，确认租期、解约条款和维修责任。中介不能向租客收取看房费、合同"
                "费等大多数额外费用。如果中介要求支付“预订押金”（holding deposit），金额一般不超过"
                "一周房租。"
            ),
            (
                "入住当天建议拍照或录像记录房屋状况，并和房东核对家具清单（inventory），退租时可以"
                "减少押金纠纷。照片最好带有日期信息，并通过电子邮件发给房东或中介留存。"
            ),
        ],
        "summary": "在Zone 2租房前，先了解看房要点、押金保护和合同条款。",
        "comments": [
            "押金保护这条太重要了，一定要让房东给证明。",
            "Zone 2现在单间也要一千多了。",
            "入住拍照真的有用，我退房时靠照片拿回了全部押金。",
        ],
    },
    {
        "category": "life",
        "title": "如何在伦敦注册GP：一步一步教你",
        "days_ago": 85,
        "hour": 9,
        "minute": 25,
        "original_author": "本网编辑 赵敏",
        "source_name": "伦敦华人网",
        "source_url": "",
        "paragraphs": [
            (
                "在英国看病，第一步是在住处附近的全科诊所（GP surgery）注册。按照NHS的规定，注册GP"
                "不需要出示地址证明或移民身份证明，诊所不应以此为由拒绝登记。"
            ),
            (
                "可以在NHS官网输入邮编，查找附近接受新病人的诊所，然后通过诊所网站或到前台填写注册"
                "表。部分诊所支持完全在线注册。注册后，诊所通常会在几天到两周内完成登记，并寄出或发"
                "送确认信息。"
            ),
            (
                "注册成功后，可以下载NHS App，绑定自己的NHS号码，用于预约门诊、查看检验结果和申请重"
                "复处方。不会使用英文界面的长者，可以请家人或社区志愿者帮忙设置。"
            ),
            (
                "遇到非紧急但需要尽快处理的健康问题，可以拨打111；若出现胸痛、呼吸困难等紧急情况，"
                "应拨打999或前往急诊（A&E）。需要翻译服务的病人，可以在预约时告知诊所，NHS可以免费"
                "安排口译。"
            ),
        ],
        "summary": "注册GP无需地址或身份证明，网上即可找到接收新病人的诊所。",
        "comments": [
            "学生刚到英国最好第一周就注册GP。",
            "我的诊所要求填一张很长的健康问卷。",
        ],
    },
    {
        "category": "life",
        "title": "学生如何申请council tax豁免",
        "days_ago": 180,
        "hour": 16,
        "minute": 45,
        "original_author": "",
        "source_name": "本网讯",
        "source_url": "",
        "paragraphs": [
            (
                "在英国，全日制学生通常不需要缴纳市政税（council tax）。如果一处房屋的住户全部是全"
                "日制学生，整套房屋可以申请豁免。"
            ),
            (
                "申请时，需要向所在区议会提交学校出具的学生身份证明（council tax exemption "
                "certificate），一般可在学校学生系统中自行下载。"
            ),
            (
                "如果与非学生同住，房屋仍需缴纳市政税，但可能会享受一定折扣。例如只有一名非学生成年"
                "人时，可以申请25%的单人折扣。如果家中只有一名非学生成年人，其余都是全日制学生，学"
                "生在计算折扣时一般不被计入人数。"
            ),
            (
                "收到区议会的催缴信后不要置之不理，及时提交证明或联系区议会说明情况，以免产生滞纳费"
                "用。毕业后如继续住在原处，需要及时通知区议会身份变化，开始缴纳市政税。"
            ),
        ],
        "summary": "",
        "comments": [
            "我去年就是因为没交证明收到了催款信。",
            "研究生写论文期间也算全日制吗？",
        ],
    },
    {
        "category": "life",
        "title": "A newcomer's guide to Oyster, contactless and railcards",
        "days_ago": 145,
        "hour": 12,
        "minute": 0,
        "original_author": "Staff reporter",
        "source_name": "London Chinese",
        "source_url": "",
        "paragraphs": [
            (
                "Most people in London now pay for the Tube, buses and trains by tapping a "
                "contactless bank card or phone. Fares are the same as pay as you go on an Oyster "
                "card."
            ),
            (
                "Daily and weekly caps mean you never pay more than the price of a Travelcard for "
                "the zones you use. Weekly capping on contactless runs from Monday to Sunday."
            ),
            (
                "Students aged 18 or over in full-time education can apply for an 18+ Student "
                "Oyster photocard, which gives 30% off adult-rate Travelcards and bus passes."
            ),
            (
                "If you also travel outside London, a railcard such as the 16-25 or 26-30 Railcard "
                "can cut a third off many National Rail fares, and some can be linked to Oyster."
            ),
        ],
        "summary": "",
        "comments": [
            "Student Oyster saves me a lot every month.",
            "26-30卡绑定Oyster后非高峰也有折扣。",
        ],
    },
    {
        "category": "life",
        "title": "毕业生签证（Graduate Route）申请时间线与常见问题",
        "days_ago": 115,
        "hour": 19,
        "minute": 30,
        "original_author": "本网编辑 赵敏",
        "source_name": "伦敦华人网",
        "source_url": "",
        "paragraphs": [
            (
                "毕业生签证（Graduate Route）允许在英国完成本科或以上学位的国际学生，在毕业后留英工"
                "作或找工作一段时间，无需雇主担保。"
            ),
            (
                "申请前提是：人在英国境内，持有有效学生签证，并且学校已经向内政部确认你成功完成课程"
                "。通常需要等学校发出确认后再递交申请。"
            ),
            (
                "申请需要在线填写表格、缴纳签证费和移民健康附加费（IHS），并通过手机应用验证身份。"
                "结果以eVisa形式发放。移民健康附加费按签证年限计算，金额不低，申请前最好提前做好预"
                "算。"
            ),
            (
                "需要注意的是，毕业生签证到期后不能延期。计划长期留英的同学，应提前了解技术工作签证"
                "等其他路径。部分雇主愿意在毕业生签证期间为表现好的员工提供担保，找工作时可以留意这"
                "一点。"
            ),
            (
                "具体的申请条件和费用以GOV.UK官网为准，政策如有变化，学校的国际学生顾问通常会及时发"
                "布通知。同学们千万不要轻信网上收费的所谓“代办”，签证申请完全可以自己在线完成。"
            ),
        ],
        "summary": "",
        "comments": [
            "学校确认毕业大概等了三周。",
            "IHS也要交，这个别忘了算进预算。",
        ],
    },
    {
        "category": "life",
        "title": "刚到英国如何开设银行账户",
        "days_ago": 270,
        "hour": 10,
        "minute": 35,
        "original_author": "",
        "source_name": "本网讯",
        "source_url": "",
        "paragraphs": [
            (
                "刚到英国的留学生和新移民，开设本地银行账户通常需要提供护照、签证或居留身份证明，以"
                "及英国地址证明。留学生还可以请学校出具在读证明信。"
            ),
            (
                "近年来，不少数字银行支持通过手机应用在线开户，审核较快，适合刚到英国、还没有地址证"
                "明的人先使用。不过数字银行一般没有实体网点，需要存入现金或办理复杂业务时可能不太方"
                "便。"
            ),
            (
                "传统银行的学生账户一般提供免息透支额度等福利，但国际学生能否申请，需要以各银行的具"
                "体条件为准。学生在比较不同银行时，也可以留意其国际汇款的手续费和汇率。"
            ),
            (
                "开户后请开启手机银行的安全验证功能，不要把银行卡借给他人使用，更不要帮陌生人“代收"
                "转账”，以免卷入洗钱案件。如收到自称银行的电话要求提供验证码或转账，请挂断后拨打银"
                "行卡背面的官方电话核实。"
            ),
        ],
        "summary": "",
        "comments": [
            "先开数字银行，有了地址证明再开传统银行，挺方便。",
            "帮别人收钱千万别做，账户会被冻结的。",
        ],
    },
    {
        "category": "life",
        "title": "冬季取暖省钱小技巧：从窗帘到恒温器",
        "days_ago": 125,
        "hour": 20,
        "minute": 50,
        "original_author": "本网编辑 赵敏",
        "source_name": "伦敦华人网",
        "source_url": "",
        "paragraphs": [
            (
                "伦敦不少老房子保温效果一般，冬季取暖费用是很多家庭的一大开支。一些简单的小调整，可"
                "以在保持温暖的同时节省能源。以下几个方法简单易行，无论租房还是自住都可以尝试。"
            ),
            (
                "天黑后及时拉上厚窗帘，可以减少窗户散热；在门缝处放置挡风条，也能有效阻挡冷风。暖气"
                "片前面不要摆放沙发等大件家具。给暖气片背后的墙面贴上反射膜，也能让更多热量留在房间"
                "里。"
            ),
            (
                "将恒温器温度调低一度，对舒适度影响不大，却可以减少一部分取暖开支。不常用的房间可以"
                "把暖气片阀门调小。有条件的家庭可以安装智能恒温器，根据作息时间自动调节温度。"
            ),
            (
                "家中要保持适当通风，避免潮湿和霉菌。如果墙面经常出现霉斑，租客应及时书面告知房东处"
                "理。晾衣服时尽量打开窗户或开启排风扇，可以减少室内湿气和结露。"
            ),
        ],
        "summary": "",
        "comments": [
            "厚窗帘真的有用，买了之后明显暖和。",
            "我家窗户结露很严重，每天早上都要擦。",
        ],
    },
    {
        "category": "life",
        "title": "搬家清理大件家具？区议会大件垃圾回收与二手转让攻略",
        "days_ago": 235,
        "hour": 17,
        "minute": 15,
        "original_author": "",
        "source_name": "本网讯",
        "source_url": "",
        "paragraphs": [
            (
                "毕业季和换租期，不少人需要处理床垫、沙发、衣柜等大件家具。把它们随意丢在路边属于乱"
                "倒垃圾（fly-tipping），可能被罚款。"
            ),
            (
                "大多数区议会提供大件垃圾回收服务（bulky waste collection），居民可以在官网预约上门"
                "收取，一般需要支付一定费用。"
            ),
            (
                "状况良好的家具也可以通过二手平台、本网二手版块或慈善商店转让。部分慈善机构提供免费"
                "上门收取服务，但对家具的防火标签有要求。"
            ),
            (
                "小型电器、电池和灯泡等物品，可以送到当地的回收中心或参与回收计划的商店。旧衣物和鞋"
                "子可以投放到街边的衣物回收箱，或者捐给慈善商店。"
            ),
        ],
        "summary": "",
        "comments": [
            "我在论坛二手版块卖掉了整套家具。",
            "乱丢床垫真的会被罚，邻居就被罚过。",
        ],
    },
    {
        "category": "life",
        "title": "中国驾照在英国能开多久？换领与考试须知",
        "days_ago": 290,
        "hour": 13,
        "minute": 5,
        "original_author": "本网编辑 赵敏",
        "source_name": "伦敦华人网",
        "source_url": "",
        "paragraphs": [
            (
                "持有中国驾照的人士成为英国居民后，一般可以在入境后12个月内驾驶小型汽车。超过这个期"
                "限，需要考取英国驾照才能继续驾驶。以访客身份短期来英国的人，在停留期间可以使用有效"
                "的中国驾照驾车。"
            ),
            (
                "由于中国驾照不在可直接换领的名单之内，申请人需要先申请英国临时驾照（provisional "
                "licence），再参加理论考试和路考。"
            ),
            (
                "理论考试包括选择题和危险感知测试，可以使用官方教材和手机应用备考。路考预约紧张，很"
                "多考场需要提前几个月预约。路考中，考官会重点观察环岛通行、变道观察和停车等操作，不"
                "少人会先请教练上几节课熟悉路况。"
            ),
            (
                "驾驶前请确认车辆已经投保，并且保险公司知道你使用的是外国驾照，否则发生事故时可能得"
                "不到赔付。租车时，租车公司通常会要求提供驾照翻译件或国际驾照，请提前确认。"
            ),
        ],
        "summary": "中国驾照在英通常可开12个月，之后需考取英国驾照。",
        "comments": [
            "路考约了四个月才约上。",
            "危险感知那部分一定要多练。",
        ],
    },
    {
        "category": "life",
        "title": "NHS牙医难约？伦敦看牙的几种选择",
        "days_ago": 200,
        "hour": 11,
        "minute": 55,
        "original_author": "",
        "source_name": "本网讯",
        "source_url": "",
        "paragraphs": [
            (
                "在伦敦找到接收新病人的NHS牙医并不容易。牙科诊所不像GP那样需要固定注册，可以在NHS官"
                "网按邮编查询正在接收NHS病人的诊所。"
            ),
            (
                "NHS牙科治疗按收费档次（band）收费，简单检查和复杂治疗的费用不同。18岁以下、孕妇和"
                "部分领取福利的人士可以免费治疗。"
            ),
            (
                "如果遇到牙痛、肿胀等紧急情况而无法联系到牙医，可以拨打111，由NHS安排紧急牙科服务。"
                "如果出现面部严重肿胀、呼吸或吞咽困难，应立即前往急诊。"
            ),
            (
                "也有不少人选择私立牙科诊所，费用较高但预约相对容易。就诊前请先询问收费标准，必要时"
                "可以比较几家诊所的报价。一些大学的牙科学院也提供由学生在导师指导下完成的治疗，费用"
                "相对较低。"
            ),
        ],
        "summary": "",
        "comments": [
            "打了十几家诊所才找到一家收NHS病人的。",
            "111安排的急诊牙医挺靠谱。",
        ],
    },
    {
        "category": "life",
        "title": "亚超购物指南：伦敦哪里买得到家乡味",
        "days_ago": 315,
        "hour": 18,
        "minute": 10,
        "original_author": "本网记者 刘婷",
        "source_name": "伦敦华人网",
        "source_url": "",
        "paragraphs": [
            (
                "对于在伦敦生活的华人来说，亚洲超市（亚超）是解决“中国胃”的重要去处。唐人街、北伦敦"
                "的克里克尔伍德、南伦敦的克罗伊登以及不少大学周边，都有规模不一的亚超。"
            ),
            (
                "亚超里能买到各种调味料、面条、速冻饺子、豆腐和新鲜蔬菜，部分超市还设有熟食柜台和烧"
                "腊档口。节假日前夕亚超人流较多，热门商品容易断货，最好提前采购。"
            ),
            (
                "近年来，不少亚超开通了网上下单和送货上门服务，满一定金额可以免运费，适合住得较远或"
                "者工作忙碌的人。也有一些华人开设的小型便利店，虽然品种不多，但胜在离家近。"
            ),
            (
                "购买肉类和海鲜时，注意查看保质期和储存方式。把食品带回国或寄回国之前，也请了解相关"
                "的检疫规定。英国对从境外寄入的肉类和奶制品也有严格限制，请勿让国内亲友随意邮寄。"
            ),
        ],
        "summary": "",
        "comments": [
            "克罗伊登那家东西最全。",
            "网上下单送货很方便，就是冷冻品要注意时间。",
            "有人知道南伦敦哪里有卖新鲜豆苗吗？",
        ],
    },
]

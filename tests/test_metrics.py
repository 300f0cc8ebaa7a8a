import math
import re
import unicodedata
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from analysis import lexicons, metric_patterns, metrics, schema
from analysis.errors import LexiconError, SchemaError
from tests.fixtures_metrics import GAZ, INDICATORS, UNITS, run
from tests.helpers import make_articles

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def one(raw, **kw):
    out = run(raw, **kw)
    assert len(out) == 1, out[["surface", "kind"]]
    return out.iloc[0]


# raw, surface, value, multiplier, unit, normalized, approx, change, base, period_norm, kind,
# indicator
# fmt: off
CASES = [
    ("上半年签约项目51个。", "51个", 51, 1, "个", 51, "", "", "", "2023-H1", "count", "签约项目数"),
    ("协议总投资303.98亿元。", "303.98亿元", 303.98, 100000000, "元", 30398000000, "", "", "", "", "money", "协议投资额"),  # noqa: E501
    ("今年上半年，税收同比增长148%。", "148%", 148, 1, "%", 148, "", "increase", "同比", "2023-H1", "percent", "税收同比增长率"),  # noqa: E501
    ("起序时进度24.3个百分点。", "24.3个百分点", 24.3, 1, "个百分点", 24.3, "", "", "", "", "percentage_point", "序时进度(百分点)"),  # noqa: E501
    ("举办培训班25期、培训5000余人次。", "5000余人次", 5000, 1, "人次", 5000, "at_least", "", "", "", "count", "培训人次"),  # noqa: E501
    ("争取补贴资金2000余万元。", "2000余万元", 2000, 10000, "元", 20000000, "at_least", "", "", "", "money", "补贴资金"),  # noqa: E501
    ("检查企业1.33万家(次)。", "1.33万家(次)", 1.33, 10000, "家次", 13300, "", "", "", "", "count", "检查企业家次"),  # noqa: E501
    ("服务群众550余人(次)。", "550余人(次)", 550, 1, "人次", 550, "at_least", "", "", "", "count", "服务群众人次"),  # noqa: E501
    ("申请信息减少85%左右。", "85%左右", 85, 1, "%", 85, "about", "decrease", "", "", "percent", "申请信息降幅"),  # noqa: E501
    ("开工率超50%。", "50%", 50, 1, "%", 50, "at_least", "", "", "", "percent", "开工率"),
    ("铺设供水管网约3800米。", "3800米", 3800, 1, "米", 3800, "about", "", "", "", "other", "铺设供水管网(米)"),  # noqa: E501
    ("全年完成固定资产投资一千二百三十四亿元。", "一千二百三十四亿元", 1234, 100000000, "元", 123400000000, "", "", "", "2023", "money", "固定资产投资额"),  # noqa: E501
    ("增长百分之十二点五。", "百分之十二点五", 12.5, 1, "%", 12.5, "", "increase", "", "", "percent", "未识别增长率"),  # noqa: E501
    ("１月至６月，全市生产安全事故起数同比减少４１起。", "41起", 41, 1, "起", 41, "", "decrease", "同比", "2023-H1", "count", "生产安全事故起数"),  # noqa: E501
    ("截至目前，累计发放贷款1.85亿元。", "1.85亿元", 1.85, 100000000, "元", 185000000, "", "", "", "..2023-07-26", "money", "贷款"),  # noqa: E501
    ("一季度新设立个体工商户2364户。", "2364户", 2364, 1, "户", 2364, "", "", "", "2023-Q1", "count", "个体工商户数"),  # noqa: E501
    ("企业满意率达100%。", "100%", 100, 1, "%", 100, "", "", "", "", "percent", "满意率"),
    ("组织500名执业律师开展法治体检。", "500名", 500, 1, "名", 500, "", "", "", "", "count", "执业律师数"),  # noqa: E501
    ("近两年共接待游客不到300万人次。", "300万人次", 300, 10000, "人次", 3000000, "at_most", "", "", "2022..2023", "count", "接待游客人次"),  # noqa: E501
    ("2022年，解决各类问题1.3万个。", "1.3万个", 1.3, 10000, "个", 13000, "", "", "", "2022", "count", "问题数"),  # noqa: E501
    ("一天内就贷到2000万元。", "一天", 1, 1, "天", 1, "", "", "", "", "other", "用时(天)"),
    ("共计7大类、70个项目。", "7大类", 7, 1, "大类", 7, "", "", "", "", "count", "未识别数"),
    ("丹江口市政府仅用40天完成征地。", "40天", 40, 1, "天", 40, "", "", "", "", "other", "用时(天)"),  # noqa: E501
    ("成本上升百分之零点九。", "百分之零点九", 0.9, 1, "%", 0.9, "", "increase", "", "", "percent", "成本增长率"),  # noqa: E501
    ("亏损总额达一百多亿元。", "一百多亿元", 100, 100000000, "元", 10000000000, "at_least", "", "", "", "money", "亏损总额"),  # noqa: E501
    ("每年减少财政收入四、五十亿元。", "四、五十亿元", 50, 100000000, "元", 5000000000, "at_most", "decrease", "", "", "money", "财政收入"),  # noqa: E501
    ("可容纳三四十个学生。", "三四十个", 40, 1, "个", 40, "at_most", "", "", "", "count", "学生数"),
    ("将生产二百八十万到三百万千瓦。", "二百八十万到三百万千瓦", 300, 10000, "千瓦", 3000000, "at_most", "", "", "", "other", "生产(千瓦)"),  # noqa: E501
    ("目标是增长6%-6.5%。", "6%-6.5%", 6.5, 1, "%", 6.5, "at_most", "increase", "", "", "percent", "未识别增长率"),  # noqa: E501
    ("城镇登记失业率4.5%以内。", "4.5%以内", 4.5, 1, "%", 4.5, "at_most", "", "", "", "percent", "城镇登记失业率"),  # noqa: E501
    ("储蓄五年增长1倍多。", "1倍多", 1, 1, "倍", 1, "at_least", "increase", "", "", "other", "储蓄五年(倍)"),  # noqa: E501
    ("人口自然增长率控制在千分之十三左右。", "千分之十三左右", 13, 1, "‰", 13, "about", "", "", "", "other", "人口自然增长率(‰)"),  # noqa: E501
    ("新增装机容量６５００万千瓦。", "6500万千瓦", 6500, 10000, "千瓦", 65000000, "", "increase", "", "", "other", "新增装机容量(千瓦)"),  # noqa: E501
    ("修建职工宿舍十五万平方公尺。", "十五万平方公尺", 15, 10000, "平方米", 150000, "", "", "", "", "other", "修建职工宿舍(平方米)"),  # noqa: E501
    ("七万戶的私营工業企業已經变为公私合营企業。", "七万戶", 7, 10000, "户", 70000, "", "", "", "", "count", "企业数"),  # noqa: E501
    ("生产安全事故起数同比减少41起，下降41.41%。", "41.41%", 41.41, 1, "%", 41.41, "", "decrease", "同比", "", "percent", "生产安全事故起数同比降幅"),  # noqa: E501
    ("满足了八亿农民的多年愿望。", "八亿", 8, 100000000, "", 800000000, "", "", "", "", "other", "农民"),  # noqa: E501
    ("中等學校學生二十一萬六千餘人。", "二十一萬六千餘人", 216000, 1, "人", 216000, "at_least", "", "", "", "count", "中等学校学生数"),  # noqa: E501
    ("拥有占全世界95%以上核武器。", "95%以上", 95, 1, "%", 95, "at_least", "", "", "", "percent", "拥有占全世界比例"),  # noqa: E501
    ("最低收购价平均每50公斤提高7.4元。", "7.4元", 7.4, 1, "元", 7.4, "", "increase", "", "", "money", "最低收购价额"),  # noqa: E501
    ("累计抵押贷款额度达8.46亿元。", "8.46亿元", 8.46, 100000000, "元", 846000000, "", "", "", "", "money", "贷款"),  # noqa: E501
    ("饲养蛋鸡120万只。", "120万只", 120, 10000, "只", 1200000, "", "", "", "", "count", "饲养蛋鸡数"),  # noqa: E501
    ("依靠全省五千万人民的力量。", "五千万", 5000, 10000, "", 50000000, "", "", "", "", "other", "人民"),  # noqa: E501
    ("这里有300万人民群众。", "300万", 300, 10000, "", 3000000, "", "", "", "", "other", "人民群众"),  # noqa: E501
    ("外商投资达50亿人民币。", "50亿人民币", 50, 100000000, "元", 5000000000, "", "", "", "", "money", "投资额"),  # noqa: E501
]
# fmt: on


@pytest.mark.parametrize(
    (
        "raw",
        "surface",
        "value",
        "mult",
        "unit",
        "norm",
        "approx",
        "change",
        "base",
        "period_norm",
        "kind",
        "indicator",
    ),
    CASES,
)
def test_extract_table(
    raw, surface, value, mult, unit, norm, approx, change, base, period_norm, kind, indicator
):
    out = run(raw)
    row = out[out["surface"] == surface]
    assert len(row) == 1, out[["surface", "kind"]].to_dict("records")
    r = row.iloc[0]
    assert r["value"] == pytest.approx(value)
    assert r["multiplier"] == mult
    assert r["unit"] == unit
    assert r["normalized_value"] == pytest.approx(norm)
    assert r["approx"] == approx
    assert r["change"] == change
    assert r["base"] == base
    assert r["period_norm"] == period_norm
    assert r["kind"] == kind
    assert r["indicator"] == indicator


NOT_METRICS = [
    "4月26日，省发改委印发通报。",
    "部署2023年度重点工作。",
    "制订《两新党组织2023年教育培训计划》。",
    "丹江口市扎实开展“三抓三提”活动。",
    "用好活“1+N”绩效考核机制。",
    "优化企业开办“2半0”机制。",
    "以“五百行动”检验干部能力作风。",
    "启动“十五五”规划编制工作。",
    "房县行政审批局实行“100%”工作法。",
    "推行用能联动报装“001”服务。",
    "第八届汉江樱桃节在柳家河村举行。",
    "与六里坪镇便民服务站探索实施。",
    "编辑部:0719-8118833 广告部:0719-8118988",
    "07版-绿色低碳 推荐显示设置:1024像素*768像素",
    "正威集团是世界500强企业。",
    "严格落实中央八项规定精神。",
    "这两家公司负责人十分担忧。",
    "创一流、争第一、干唯一。",
    "在建10亿元以上项目4个。",
    "打造15分钟便民服务区。",
    "一家人 一条心 一起拼",
    "百支招商专班驻守一线提能力。",
    "冲刺第一方阵。",
    "这两家公司负责人十分担忧。两家公司通过平台申请贷款。",
    "今年春节5天时间，全市游客络绎不绝。",
    "电话0719-8118833。",
    "受益几十亩的小型水利工程。",
    "建设数十个站点。",
    "到这次会议召开，已经一年零三个月了。",
    "三项增减相抵。",
    "不符合大约一百万年以来人类社会的规律。",
    "抓好两头，带动中间。",
    "一手抓发展，两只手都要硬。",
    "增长百分之¾。",
    "以上十四条，构成基本方略。",
    "严格落实中央八项规定精神，加强教育、中央八项规定学习。",
]


def test_small_chinese_count_closing_a_list_is_a_claim():
    r = one("煤炭、水利、水电、军工四个行业，今年要转完。")
    assert (r["surface"], r["normalized_value"]) == ("四个", 4)


def test_list_whose_last_item_is_joined_by_and():
    r = one("围绕研发、生产和销售三个环节布局。")
    assert (r["surface"], r["normalized_value"]) == ("三个", 3)
    # Two items joined by 和 alone stay a name (two sides of a formula).
    assert run("发挥市级和县级两个优势。").empty


@pytest.mark.parametrize(
    ("raw", "surface", "norm", "unit", "kind"),
    [
        ("总产值12.5 亿元。", "12.5 亿元", 1250000000, "元", "money"),  # a space before the unit
        ("增长8 %。", "8 %", 8, "%", "percent"),
        ("设立宣传展板12块。", "12块", 12, "块", "count"),
        ("加挂商务局、招商局两块牌子。", "两块", 2, "块", "count"),
        ("园区包含五个片区。", "五个", 5, "个", "count"),  # after 包含: a count, not a name
        ("涵盖三个领域。", "三个", 3, "个", "count"),
        ("下設三個中心。", "三個", 3, "个", "count"),  # traditional 設 as 设
        ("惠及两三个村。", "两三个", 3, "个", "count"),  # a range of neighbours: at most 3
        ("建成三四个站点。", "三四个", 4, "个", "count"),
        ("培育3个千亿级产业。", "3个", 3, "个", "count"),  # 千亿级 is a class
        ("培育2个500亿级产业集群。", "2个", 2, "个", "count"),
        ("出版专刊12期、简报8期。", "12期", 12, "期", "count"),  # a count list, not names
    ],
)
def test_local_news_forms(raw, surface, norm, unit, kind):
    out = run(raw)
    row = out[out["surface"] == surface]
    assert len(row) == 1, out[["surface", "kind"]].to_dict("records")
    r = row.iloc[0]
    assert (r["normalized_value"], r["unit"], r["kind"]) == (norm, unit, kind)
    assert len(out) == (2 if "简报" in raw else 1)


@pytest.mark.parametrize(
    "raw",
    [
        "保持两位数增长。",  # 位数: digits, not persons
        "這是唯一一个试点。",  # 唯一 + 一个: no number 11
        "做到一一对应。",
        "加快推进一期、二期工程建设。",  # phases naming works
        "第1 9 9 7 号文件。",
        "营业额1 9 亿元。",  # digits spaced out: no figure of 9亿元
        "和平共處的五項原則。",
    ],
)
def test_local_news_non_claims(raw):
    arts = make_articles([{"raw": raw}])
    out = metrics.extract(
        arts, units=UNITS, indicators=INDICATORS, exclude=lexicons.load_numbered_names()
    )
    assert out.empty, out[["surface", "kind"]].to_dict("records")


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        # a size class before the entities it sorts: only the counts are claims
        ("全县引进过5亿元项目8个。", ["8个"]),
        ("其中20亿元项目3个、30亿元项目2个。", ["3个", "2个"]),
        ("过5亿元重点项目投资占一半。", []),
        ("推进12个3000万元以上的工业项目。", ["12个"]),
        ("形成300万吨以上的产能。", ["300万吨以上"]),  # 以上的 + a measure: a claim
        ("投资额均超过8000万元，全部开工。", ["8000万元"]),  # a predicate, not a class
        ("签约投资6亿元建设项目。", ["6亿元"]),  # 建设 is no class of entities
        # 以上 closing a list with 等 is a qualifier
        ("新增规上企业40家以上等。", ["40家以上"]),
        # the length of a period before or after a time unit is no claim
        ("前9个月，全县完成投资20亿元。", ["20亿元"]),
        ("近8个月来首次回升。", []),
        ("工期提前2个月。", ["2个月"]),
        ("三天来回跑了5次。", ["三天", "5次"]),  # 来回 is no 来 of a period
        # 二 before 期/批/轮 names a phase; 分 before a count of phases makes it a claim
        ("港区二期、三号泊位同步推进。", []),
        ("新城项目分四期建设。", ["四期"]),
        ("分两批下达资金。", ["两批"]),
        # 次 before a session names it
        ("市第八次党代会召开。", []),
        ("会议贯彻省委十二次全会精神。", []),
        ("全年召开常委会议12次。", ["12次"]),
        ("中央先后召开五次全会。", ["五次"]),  # after a verb: a count of sessions
        ("坚持划分两类矛盾。", []),  # 划分: no count of phases
        # a small count after 举行/进行 is a count
        ("今年先后举行三次招商推介会。", ["三次"]),
        # a distributive list shares the last unit
        ("东西两区分别高出12.5、3.4个百分点。", ["12.5", "3.4个百分点"]),
        ("今年1、2个季度都有增长。", ["2个"]),  # no 分别: the 1 shares nothing
    ],
)
def test_classes_periods_phases_and_shared_units(raw, expected):
    assert list(run(raw)["surface"]) == expected


def test_shared_unit_takes_the_unit_and_kind_of_the_last_figure():
    out = run("两县分别增长7.5、6.2个百分点。")
    cols = zip(out["surface"], out["unit"], out["kind"], out["normalized_value"], strict=True)
    assert list(cols) == [
        ("7.5", "个百分点", "percentage_point", 7.5),
        ("6.2个百分点", "个百分点", "percentage_point", 6.2),
    ]


def test_growth_nouns_are_no_direction():
    assert one("形成新的增长点5个。")["change"] == ""
    assert one("审批时限提速30%。")["change"] == "increase"


def test_numbered_names_are_not_claims():
    arts = make_articles([{"raw": "实现四个现代化，坚持两个文明一起抓，建成12个站点。"}])
    out = metrics.extract(
        arts, units=UNITS, indicators=INDICATORS, exclude=lexicons.load_numbered_names()
    )
    assert out["surface"].tolist() == ["12个"]


@pytest.mark.parametrize(
    ("raw", "surface", "norm", "unit"),
    [
        ("全国入社农户达到一亿二千万农户。", "一亿二千万农户", 120000000, "户"),
        ("我国十四亿多人口整体迈进现代化。", "十四亿多人口", 1400000000, "人"),
    ],
)
def test_noun_units_count_people_and_households(raw, surface, norm, unit):
    r = one(raw)
    assert (r["surface"], r["normalized_value"], r["unit"]) == (surface, norm, unit)


@pytest.mark.parametrize("raw", NOT_METRICS)
def test_not_metrics(raw):
    out = run(raw)
    # 在建10亿元以上项目4个 keeps only the count of projects.
    assert set(out["surface"]) <= {"4个"}, out[["surface", "kind"]].to_dict("records")


@pytest.mark.parametrize(
    ("raw", "surface", "rank", "scope", "unit"),
    [
        ("在全省行政审批工程建设项目审批制度改革考核中获全省第一。", "获全省第一", 1, "全省", "名"),
        ("郧西县政务服务能力考核位居全市第一。", "位居全市第一", 1, "全市", "名"),
        ("竹溪县首次排三类县(市、区)第十。", "排三类县(市、区)第十", 10, "", "名"),
        ("获全省“震情跟踪质量”评比第三名。", "获全省“震情跟踪质量”评比第三名", 3, "全省", "名"),
        ("“一码管地”等举措均为全省首创。", "全省首创", 1, "全省", "首创"),
        ("项目审核通过率位于全市前列。", "全市前列", math.nan, "全市", "前列"),
        ("上半年，十堰市首家物流专线平台落户。", "十堰市首家", 1, "十堰市", "首家"),
        ("在全省率先推出“刷脸”服务。", "全省率先", math.nan, "全省", "率先"),
        ("建成全省首座智慧粮库。", "全省首座", 1, "全省", "首座"),
        ("建成國内首座智慧粮库。", "國内首座", 1, "国内", "首座"),
        ("考核獲全省第二。", "獲全省第二", 2, "全省", "名"),
        ("三个乡镇分别获前三名。", "前三名", 3, "", "名"),  # a top-N after a ranking verb
    ],
)
def test_ranks(raw, surface, rank, scope, unit):
    out = run(raw)
    r = out[out["kind"] == "rank"]
    assert list(r["surface"]) == [surface]
    got = r.iloc[0]
    assert (math.isnan(rank) and math.isnan(got["value"])) or got["value"] == rank
    assert got["scope"] == scope
    assert got["unit"] == unit
    assert got["family"] == "ranking"


@pytest.mark.parametrize(
    "raw",
    [
        "坚持把人民利益放在第一位。",
        "充分发挥人民群众的首创精神。",
        "鼓励东部地区率先发展。",
        "东部地区要率先基本实现现代化。",
        "冲刺第一方阵。",
        "创一流、争第一、干唯一。",
        "丹江口市紧扣“新春第一会”精神。",
        "努力在创新驱动发展上走在全省前列。",
        "力争年底进入全省前十。",
        "居前三季度之首。",
    ],
)
def test_not_ranks(raw):
    assert run(raw).empty


def test_world_rank_and_movement():
    out = run("外汇储备稳居世界第一。经济总量从世界第六位跃升到第二位。")
    assert list(out["surface"]) == ["稳居世界第一", "跃升到第二位"]
    assert list(out["value"]) == [1, 2]
    assert out.iloc[0]["scope"] == "世界"
    assert out.iloc[0]["indicator"] == "外汇储备"


def test_rank_pair_with_indicator():
    out = run("进位幅度全市第一、全省第二。", subject="竹溪县")
    assert list(out["surface"]) == ["全市第一", "全省第二"]
    assert list(out["value"]) == [1, 2]
    assert list(out["subject"]) == ["竹溪县", "竹溪县"]
    assert set(out["indicator"]) == {"进位幅度"}


@pytest.mark.parametrize(
    ("raw", "before", "after", "change", "indicator"),
    [
        (
            "审批事项由改革前的81项精简整合为38项，减幅53%。",
            "81项",
            "38项",
            "decrease",
            "审批事项数",
        ),
        (
            "企业开办由原来140多个“填报项”压缩至20多个“勾选项”。",
            "140多个",
            "20多个",
            "decrease",
            "填报项数",
        ),
        ("网办率从60%提高到90%。", "60%", "90%", "increase", "网办率"),
        ("窗口人员从48名精减至20名。", "48名", "20名", "decrease", "窗口人员数"),
    ],
)
def test_pairs(raw, before, after, change, indicator):
    out = run(raw)
    a = out[out["surface"] == before].iloc[0]
    b = out[out["surface"] == after].iloc[0]
    assert a["pair_id"] == b["pair_id"] != ""
    assert (a["pair_role"], b["pair_role"]) == ("before", "after")
    assert a["change"] == b["change"] == change
    assert a["indicator"] == indicator


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        # a list after 分别 shares indicator and direction
        (
            # An item of a list without the keyword (投资) ending the last item takes it.
            "基础设施、制造业投资分别增长9.4%、9.1%。",
            [("9.4%", "基础设施投资增长率", "increase"), ("9.1%", "制造业投资增长率", "increase")],
        ),
        # 降到 / 提高到: the number is the level reached
        ("年末城镇调查失业率降到5.5%。", [("5.5%", "年末城镇调查失业率", "decrease")]),
        # 增加值 is value added, not an increase
        (
            "新产业增加值占国内生产总值的比重达到17%以上。",
            [("17%以上", "新产业增加值占国内生产总值比重", "")],
        ),
        # from-to pair with a qualifier after 到
        (
            "轨道交通运营里程从4500多公里增加到近1万公里。",
            [
                ("4500多公里", "轨道交通运营里程(公里)", "increase"),
                ("1万公里", "轨道交通运营里程(公里)", "increase"),
            ],
        ),
    ],
)
def test_lists_levels_and_value_added(raw, expected):
    out = run(raw)
    assert list(zip(out["surface"], out["indicator"], out["change"], strict=True)) == expected


@pytest.mark.parametrize(
    ("raw", "date", "period_norm"),
    [
        ("1月至5月，签约项目9个。", "2023-07-26", "2023-01..2023-05"),
        ("1-3月，签约项目9个。", "2023-07-26", "2023-Q1"),
        ("2022年1月至12月，签约项目9个。", "2023-07-26", "2022"),
        ("前三季度签约项目9个。", "2023-10-26", "2023-01..2023-09"),
        ("今年以来签约项目9个。", "2023-07-26", "2023-01..2023-07"),
        ("去年签约项目9个。", "2023-07-26", "2022"),
        ("今年以来签约项目9个。", "", ""),
        ("2021年签约项目9个。", "", "2021"),
        # A year in the comparison base is not the claim's period: the nearest one before it is.
        ("今年粮食产量比去年增加5%。", "2023-07-26", "2023"),
        ("2016年，粮食产量比上年增加5%。", "", "2016"),
        ("粮食产量比去年同期增加5%。", "2023-07-26", ""),
        ("2016年，粮食产量较2015年增长5%。", "", "2016"),
        # Months in Chinese numerals after their year; a day of a month, or a month with no
        # year before it (十月革命), is no period.
        ("二〇二二年一至八月，签约项目9个。", "2023-07-26", "2022-01..2022-08"),
        ("2022年十二月，签约项目9个。", "2023-07-26", "2022-12"),
        ("一九八〇年二、三月份，签约项目9个。", "", "1980-02..1980-03"),
        ("今年八月，签约项目9个。", "2023-10-26", "2023-08"),
        ("去年十一月，签约项目9个。", "2023-10-26", "2022-11"),
        ("2022年十二月二十日，签约项目9个。", "2023-07-26", ""),
        ("今年八月十五日，签约项目9个。", "2023-10-26", ""),
        ("十月革命以来，签约项目9个。", "2023-10-26", ""),
        ("2022年十三月，签约项目9个。", "2023-07-26", "2022"),
        ("其中12月一个月的增长额占48.4%。", "1985-01-10", "1985-12"),
        # A year's plan is a per-year figure, but the rate of its completion has the period.
        ("前三季度，年度计划投资完成率达72%。", "2023-10-26", "2023-01..2023-09"),
        ("前三季度，年度计划投资794.20亿元。", "2023-10-26", ""),
        # A completion followed by 预计 frames what it will bring, as 投产后 does.
        ("项目2022年10月投产，预计带动就业500多人。", "2022-06-01", ""),
        ("项目今年已投产，新增就业500人。", "2022-06-01", "2022"),
        # Months of two years; a span running backwards is none.
        ("原定1957年10月到1958年9月底增加灌溉面积9200多万亩。", "", "1957-10..1958-09"),
        ("二〇二二年十月至二〇二三年三月，签约项目9个。", "", "2022-10..2023-03"),
        ("2023年10月至2022年3月，签约项目9个。", "", ""),
    ],
)
def test_period_normalization(raw, date, period_norm):
    assert list(run(raw, date=date)["period_norm"]) == [period_norm]


def test_specific_keyword_preferred_over_generic():
    out = run("1月至6月，全市新签约招商引资项目567个。新开工招商引资项目149个。")
    assert list(out["indicator"]) == ["签约项目数", "开工项目数"]


def test_percent_after_pair_inherits_indicator():
    out = run("审批事项由改革前的81项精简整合为38项，减幅53%。")
    r = out[out["surface"] == "53%"].iloc[0]
    assert (r["indicator"], r["change"], r["family"]) == (
        "审批事项降幅",
        "decrease",
        "service_efficiency",
    )


@pytest.mark.parametrize(
    ("raw", "subject", "expected"),
    [
        ("1月至6月，全市新签约招商引资项目567个。", "市招商服务中心", "十堰市"),
        ("今年以来，该区签约项目38个。", "茅箭区", "茅箭区"),
        ("茅箭区5家企业入选。", "十堰市", "茅箭区"),
        ("举办培训班25期。", "竹山县", "竹山县"),
        ("全县举办培训班25期。", "竹山县", "竹山县"),
        ("全市签约项目38个。", "丹江口市", "丹江口市"),
        # 该中心 (a body) without an article subject: the nearest unit named before it.
        ("竹山县召开会议。茅箭区代表参加。该中心办理事项120件。", "", "茅箭区"),
        # ... and with none, the place the lead names (here only in a firm's name): never the
        # word itself.
        ("记者走进湖北天为铝业科技有限公司。该公司产值达12亿元。", "", "湖北省"),
    ],
)
def test_subject(raw, subject, expected):
    out = run(raw, subject=subject)
    assert list(out["subject"]) == [expected]


@pytest.mark.parametrize(
    ("raw", "modality"),
    [
        ("预计一季度签约项目25个以上，总投资达125亿元以上。", "forecast"),
        ("计划全年举办培训班4期。", "planned"),
        ("上半年签约项目51个。", "reported"),
        ("年度计划就只完成了百分之九十四点三。", "reported"),
        ("接近了第一个五年计划最后一年的指标；粮食产量为三千六百五十亿斤。", "reported"),
        ("今后五年计划新建学校12所。", "planned"),
        ("第一个五年计划期间，投资总额共为四百九十三亿元。", "reported"),
        ("第六个五年计划规定，工农业总产值达到八千七百一十亿元。", "planned"),
        # Requirements and striving are plans; 按照…要求， and 争取资金 (funds secured) are not.
        ("要求各县市区新签约项目不少于50个。", "planned"),
        ("全市必须完成投资500亿元。", "planned"),
        ("争取全年新签约项目100个。", "planned"),
        ("今年全市新签约项目要达到100个。", "planned"),
        ("按照省里要求，全市完成投资500亿元。", "reported"),
        ("累计争取资金2000万元。", "reported"),
        ("主要完成投资500亿元。", "reported"),
        # 将 before a verb of doing is a plan, before one of outcome a forecast.
        ("该公司将投资60亿元。", "planned"),
        ("项目将带动就业1000人。", "forecast"),
        # 计划 in the name of a plan's completion rate is no marker.
        ("年度计划投资完成率达72%。", "reported"),
        ("今年氨氮排放量要下降2%。", "planned"),
    ],
)
def test_modality(raw, modality):
    out = run(raw)
    assert set(out["modality"]) == {modality}


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        # 明年 is the year after the article's; 明年 ending a word (聪明年轻) is none.
        ("明年一季度，新建学校10所。", [("planned", "2019-Q1")]),
        ("明年，全市新建学校10所。", [("planned", "2019")]),
        ("聪明年轻的干部30名。", [("reported", "")]),
        # A figure of a later year than the article's is a target, not a result.
        ("2018年达到60%，2020年达到100%。", [("reported", "2018"), ("planned", "2020")]),
        # A year an aim is directed at (面向2030年的…) is not the period of the next sentences.
        ("部署面向2030年的重大项目。全年新设示范区6个。", [("reported", "2018")]),
    ],
)
def test_next_year_and_targets_of_later_years(raw, expected):
    out = run(raw, date="2018-05-01")
    assert list(zip(out["modality"], out["period_norm"], strict=True)) == expected


def test_raw_offsets_with_fullwidth_and_page_break():
    raw = "截至目前，累计发放贷款１．８５亿元，增长１２％。"
    out = run(raw)
    assert list(out["surface"]) == ["1.85亿元", "12%"]
    for s, e in zip(out["start"], out["end"], strict=True):
        assert raw[s:e] in ("１．８５亿元", "１２％")


def test_columns_and_empty():
    out = run("没有数字。")
    assert list(out.columns) == list(metrics.COLUMNS)
    assert out.empty
    assert set(schema.METRICS) <= set(out.columns)


def test_missing_columns_raise():
    with pytest.raises(SchemaError, match=r"metrics\.extract"):
        metrics.extract(pd.DataFrame({"x": []}), units=UNITS, indicators=INDICATORS)


def test_deterministic():
    raw = "上半年签约项目51个，协议总投资303.98亿元；同比增长129.2%。全省第一。"
    a = run(raw)
    b = run(raw)
    pd.testing.assert_frame_equal(a, b)


# --- hand-annotated seed sentences (expected rows written by hand) -----------------------------

SEED = (
    "精准定位招商,上半年签约项目51个,协议总投资303.98亿元;"
    "重点洽谈签约项目25个,总投资157.05亿元。\n"
    "今年上半年,经开区实现地方一般公共预算收入同比增长129.2%,其中税收同比增长148%,"
    "完成市政府下达全年预期目标74.3%,起序时进度24.3个百分点。\n"
    "举办培训班25期、培训5000余人次。\n"
    "推动工程建设项目审批制度改革,审批事项由改革前的81项精简整合为38项,减幅53%。"
)
SEED_EXPECTED = [
    ("51个", 51, "count", "签约项目数", "projects"),
    ("303.98亿元", 30398000000, "money", "协议投资额", "investment"),
    ("25个", 25, "count", "签约项目数", "projects"),
    ("157.05亿元", 15705000000, "money", "总投资额", "investment"),
    ("129.2%", 129.2, "percent", "一般公共预算收入同比增长率", "fiscal"),
    ("148%", 148, "percent", "税收同比增长率", "fiscal"),
    ("74.3%", 74.3, "percent", "目标完成进度", "fiscal"),
    ("24.3个百分点", 24.3, "percentage_point", "序时进度(百分点)", "fiscal"),
    ("25期", 25, "count", "培训班数", "training"),
    ("5000余人次", 5000, "count", "培训人次", "training"),
    ("81项", 81, "count", "审批事项数", "service_efficiency"),
    ("38项", 38, "count", "审批事项数", "service_efficiency"),
    ("53%", 53, "percent", "审批事项降幅", "service_efficiency"),
]


def test_seed_sentences_annotated_by_hand():
    out = run(SEED, subject="十堰经济技术开发区", date="2023-07-26")
    got = [
        (s, v, k, i, f)
        for s, v, k, i, f in zip(
            out["surface"],
            out["normalized_value"],
            out["kind"],
            out["indicator"],
            out["family"],
            strict=True,
        )
    ]
    assert [g[0] for g in got] == [e[0] for e in SEED_EXPECTED]
    for g, e in zip(got, SEED_EXPECTED, strict=True):
        assert g[1] == pytest.approx(e[1])
        assert g[2:] == e[2:]


def test_every_kind_is_one_of_kinds():
    out = run(SEED + "\n全省第一。每年投入约3万元。", subject="十堰经济技术开发区")
    assert set(out["kind"]) <= set(metrics.KINDS)
    assert {"count", "money", "percent", "percentage_point", "rank"} <= set(out["kind"])


# --- data files ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("content", "match"),
    [
        (
            "unit,aliases,kind,scale,canonical,family,boundary\n个,,count,1,个,,\n项,,weird,1,项,,\n",
            r"line 3, field 'kind'",
        ),
        (
            "unit,aliases,kind,scale,canonical,family,boundary\n个,,count,abc,个,,\n",
            r"line 2, field 'scale'",
        ),
        (
            "unit,aliases,kind,scale,canonical,family,boundary\n个,,count,1,个,,\n个,,count,1,个,,\n",
            r"line 3, field 'unit'.*duplicate",
        ),
        ("unit,kind\n个,count\n", r"missing column"),
        (
            "unit,aliases,kind,scale,canonical,family,boundary\n个,个,count,1,个,,\n",
            r"line 2, field 'aliases'",
        ),
        (
            "unit,aliases,kind,scale,canonical,family,boundary\n个,,count,1,个,,maybe\n",
            r"line 2, field 'boundary'",
        ),
    ],
)
def test_bad_units_file(tmp_path, content, match):
    p = tmp_path / "units.csv"
    p.write_text(content, encoding="utf-8")
    with pytest.raises(LexiconError, match=match):
        lexicons.load_units(p)


@pytest.mark.parametrize(
    ("content", "match"),
    [
        ("keyword,name,family,kinds\n签约,签约项目,Projects,\n", r"line 2, field 'family'"),
        ("keyword,name,family,kinds\n签约,签约项目,projects,counts\n", r"line 2, field 'kinds'"),
        ("keyword,name,family,kinds\n签约,,projects,\n", r"line 2, field 'name'"),
        ("keyword,name,family,kinds\n签约,a,projects,\n签约,b,projects,\n", r"line 3.*duplicate"),
        (
            "keyword,name,family,kinds,sector\n产值,产值,economy,,ja\n",
            r"line 2, field 'sector'.*'yes', 'no' or empty",
        ),
    ],
)
def test_bad_indicators_file(tmp_path, content, match):
    p = tmp_path / "indicators.csv"
    p.write_text(content, encoding="utf-8")
    with pytest.raises(LexiconError, match=match):
        lexicons.load_indicators(p)


def test_sector_column_is_optional(tmp_path):
    p = tmp_path / "indicators.csv"
    p.write_text("keyword,name,family,kinds\n产值,产值,economy,\n", encoding="utf-8")
    assert list(lexicons.load_indicators(p)["sector"]) == [False]
    p.write_text("keyword,name,family,kinds,sector\n产值,产值,economy,,yes\n", encoding="utf-8")
    assert list(lexicons.load_indicators(p)["sector"]) == [True]


def test_shipped_data_files_load():
    assert {"个百分点", "%", "元", "人次"} <= set(UNITS["unit"])
    assert UNITS.loc[UNITS["unit"] == "个百分点", "kind"].item() == "percentage_point"
    assert not INDICATORS.empty


# --- property-based -----------------------------------------------------------------------------

PIECES = st.sampled_from(
    [
        "1..5亿",
        "５０％",
        "一亿亿",
        "9" * 40 + "亿元",
        "上半年",
        "签约项目",
        "51个",
        "同比增长",
        "%",
        "全省第一",
        "“",
        "”",
        "《",
        "》",
        "(次)",
        "余",
        "万",
        "\n",
        "。",
        "，",
        "百分之",
        "十二点五",
        "第",
        "由",
        "精简为",
        "38项",
        "个百分点",
        "0719-8118833",
        "1+N",
        "率先",
        "全市",
        "该区",
        "茅箭区",
    ]
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(PIECES, st.text(max_size=5)), max_size=25))
def test_never_raises_and_offsets_consistent(parts):
    raw = "".join(parts)
    out = run(raw)
    for s, e, surf in zip(out["start"], out["end"], out["surface"], strict=True):
        assert 0 <= s <= e <= len(raw)
        assert unicodedata.normalize("NFKC", raw[s:e]) == surf
    assert out["normalized_value"].map(lambda v: v != v or math.isfinite(v)).all()


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=60))
def test_arbitrary_text(raw):
    out = run(raw)
    assert list(out.columns) == list(metrics.COLUMNS)


def test_restore_types_after_csv_roundtrip(tmp_path):
    from analysis import outputs

    m = run("上半年签约项目51个。位于全市前列。")
    p = tmp_path / "metrics.csv"
    outputs.write_csv(p, m)
    back = pd.read_csv(p, encoding=outputs.CSV_ENCODING, keep_default_na=False, dtype=str)
    typed = metrics.restore_types(back)
    assert typed["value"].iloc[0] == 51.0
    assert math.isnan(typed["value"].iloc[1])
    assert typed["start"].dtype == "int64"
    assert list(typed["surface"]) == list(m["surface"])


@pytest.mark.parametrize(
    ("raw", "approx", "qualifier"),
    [
        ("开工率超50%以上。", "at_least", "超|以上"),
        ("培训5000余人次。", "at_least", "余"),
        ("约3800米。", "about", "约"),
        ("不足30家。", "at_most", "不足"),
        ("签约项目9个。", "", ""),
        ("现场签约8个项目。", "", ""),  # 约 ends the verb 签约
        ("已预约120人次。", "", ""),
        ("总投资约5亿元。", "about", "约"),
        ("總投資約5億元。", "about", "約"),
        ("產值超過80億元。", "at_least", "超過"),
        ("將近200戶。", "at_most", "將近"),
        ("每月走访不少于12家。", "at_least", "不少于"),
        ("占比不低于5%。", "at_least", "不低于"),
        ("每季度开展至少3次。", "at_least", "至少"),
    ],
)
def test_qualifier_words(raw, approx, qualifier):
    r = one(raw)
    assert (r["approx"], r["qualifier"]) == (approx, qualifier)


def test_slogan_hits_and_exclude_patterns_remove_claims():
    raw = "推行“三个一百”工程，建成100个站点，签约项目51个。"
    arts = make_articles([{"raw": raw}])
    base = metrics.extract(arts, units=UNITS, indicators=INDICATORS)
    assert "100个" in set(base["surface"])
    s = raw.index("建成100个站点")
    hits = pd.DataFrame({"article_id": [arts["article_id"][0]], "start": [s], "end": [s + 9]})
    out = metrics.extract(arts, units=UNITS, indicators=INDICATORS, slogan_hits=hits)
    assert list(out["surface"]) == ["51个"]
    out2 = metrics.extract(
        arts, units=UNITS, indicators=INDICATORS, exclude=[re.compile(r"建成\d+个站点")]
    )
    assert list(out2["surface"]) == ["51个"]


def test_planned_marker_reaches_across_semicolons():
    out = run("今年发展的主要预期目标是：国内生产总值增长5%左右；城镇新增就业1200万人左右。")
    assert list(out["modality"]) == ["planned", "planned"]


@pytest.mark.parametrize(
    "text",
    [
        "签约项目达到",
        "签约项目",
        "人均",
        "平均",
        "集中",
        "其中",
        "增长为\n",
        "签约项目\n",
        "的",
        "",
    ],
)
def test_strip_tail_words_equals_the_pattern(text: str) -> None:
    assert metrics._strip_tail_words(text) == metric_patterns.RE_PHRASE_TAIL.sub("", text)


def test_hits_order_and_lookups() -> None:
    text = "增长提高增长"
    twin = re.match("增长", text)
    found = [
        *re.finditer("增长", text),
        *re.finditer("提高|长提", text),
        re.match("增长提高", text),
    ]
    hits = metrics._Hits([*found, twin])
    assert [m.span() for m in hits.items] == [(0, 2), (0, 2), (1, 3), (0, 4), (4, 6)]
    assert hits.items[0] is found[0] and hits.items[1] is twin  # ties keep their order
    assert [m.span() for m in hits.between(0, 4)] == [(0, 4), (1, 3), (0, 2), (0, 2)]
    first = hits.first(1, 6)
    assert first is not None and first.span() == (1, 3)
    nearest = hits.nearest(1, 4)
    assert nearest is not None and nearest.span() == (1, 3)


@pytest.mark.parametrize(
    "value, multiplier, scale, want",
    [
        (51.0, 1.0, 1.0, 51.0),
        (0.1, 1.0, 1.0, 0.1),
        (-0.0, 1.0, 1.0, -0.0),
        (8.46, 1e8, 1.0, 846000000.0),
        (0.7, 1e4, 1.0, 7000.0),
        (1.5, 1.0, 1e4, 15000.0),
    ],
)
def test_exact_product(value: float, multiplier: float, scale: float, want: float) -> None:
    got = metrics._exact_product(value, multiplier, scale)
    assert got == want and math.copysign(1.0, got) == math.copysign(1.0, want)


def test_hits_of_one_scan_keep_the_scan_order() -> None:
    text = "增长5%，提高3个百分点，增长"
    found = list(re.finditer("增长|提高", text))
    hits = metrics._Hits(iter(found))
    assert hits.items == found  # one scan: already ordered, nothing to sort
    assert [m.span() for m in hits.between(0, 13)] == [(5, 7), (0, 2)]
    first = hits.first(1, 16)
    assert first is not None and first.span() == (5, 7)
    nearest = hits.nearest(0, 12)
    assert nearest is not None and nearest.span() == (5, 7)
    assert hits.nearest(10, 12) is None


def _segment_bounds(cuts: list[int], pos: int, n: int) -> tuple[int, int]:
    """Segment around ``pos`` from delimiter positions, one position at a time."""
    lo = max((c + 1 for c in cuts if c < pos), default=0)
    hi = min((c + 1 for c in cuts if c >= pos), default=n)
    return lo, hi


@pytest.mark.parametrize(
    "text",
    [
        "增长5%，达到。\n共3个",
        "无标点的一段话",
        "；开头就是分号\n\n末尾是句号。",
        "a：b，c；d。e！f？g\nh:i,j;k.l!m?n",
        "含𠀀扩展字，再分句。\n",
        "12月份\n\n全区开工项目24个，\n总投资47.3亿元。\n其中\n产业项目16个",
    ],
)
def test_segments_equal_the_delimiter_patterns(text: str) -> None:
    n = len(text)
    cuts = [
        [m.start() for m in pat.finditer(text)]
        for pat in (metric_patterns.RE_CLAUSE, metric_patterns.RE_SENTENCE)
    ]
    # Full-stop segments and paragraphs end at a newline after the end of a sentence only.
    ends = [m.end() - 1 for m in metric_patterns.RE_PARAGRAPH_END.finditer(text)]
    stops = [m.start() for m in metric_patterns.RE_FULLSTOP.finditer(text) if m.group() != "\n"]
    cuts += [sorted({*stops, *ends}), ends]
    positions = list(range(n))
    got = metrics._segments(text, positions)
    for pos, row in zip(positions, got, strict=True):
        clause, sentence, stop, para = (_segment_bounds(c, pos, n) for c in cuts)
        assert row == (*clause, *sentence, stop[0], *para), pos


@pytest.mark.parametrize(
    "pattern, needle, text",
    [
        (metric_patterns.RE_RANK, metric_patterns.RE_RANK_NEEDLE, "位居全省第一\n排名第\n全市第二"),
        (
            metric_patterns.RE_RANK,
            metric_patterns.RE_RANK_NEEDLE,
            "跃居全国第3\n列\n第4位，排\n第五",
        ),
        (metric_patterns.RE_RANK, metric_patterns.RE_RANK_NEEDLE, "没有名次\n全省第一的"),
        (
            metric_patterns.RE_PRIMACY,
            metric_patterns.RE_PRIMACY_NEEDLE,
            "全省首创\n首家\n率先实现\n无",
        ),
        (
            metric_patterns.RE_FORMULA,
            metric_patterns.RE_FORMULA_NEEDLE,
            "1+N模式\n0719-8118833\n5G和A1\n12",
        ),
    ],
)
def test_in_paragraphs_equals_a_whole_text_scan(
    pattern: re.Pattern[str], needle: re.Pattern[str], text: str
) -> None:
    got = [(m.span(), m.groupdict()) for m in metrics._in_paragraphs(pattern, text, needle)]
    want = [(m.span(), m.groupdict()) for m in pattern.finditer(text)]
    assert got == want and want


def test_keywords_spanning_lines_are_found_in_the_whole_text() -> None:
    raw = "今年新签约项目51个，同比增长5%。\n全市招商引资到位资金30亿元。"
    arts = make_articles([{"raw": raw, "date": "2023-07-26"}])
    extra = pd.DataFrame(
        [{"keyword": "项目\n数", "name": "项目数", "family": "projects", "kinds": ""}]
    )
    with_newline = pd.concat([INDICATORS, extra], ignore_index=True)
    got = metrics.extract(arts, units=UNITS, indicators=with_newline)
    want = metrics.extract(arts, units=UNITS, indicators=INDICATORS)
    pd.testing.assert_frame_equal(got, want, check_exact=True)
    assert got["indicator"].tolist()[0] == "签约项目数"


@pytest.mark.parametrize(
    "pattern, needle",
    [
        (metric_patterns.RE_RANK, metric_patterns.RE_RANK_NEEDLE),
        (metric_patterns.RE_PRIMACY, metric_patterns.RE_PRIMACY_NEEDLE),
        (metric_patterns.RE_FORMULA, metric_patterns.RE_FORMULA_NEEDLE),
    ],
)
def test_paragraph_limited_scans_of_the_seed_pages(
    pattern: re.Pattern[str], needle: re.Pattern[str]
) -> None:
    text = "\n".join(p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt")))
    got = [m.span() for m in metrics._in_paragraphs(pattern, text, needle)]
    assert got == [m.span() for m in pattern.finditer(text)]


def test_ancestors_walks_up_nearest_first_and_stops_at_a_cycle() -> None:
    parent = {"武当山街道": "丹江口市", "丹江口市": "十堰市", "十堰市": ""}
    assert metrics.ancestors("武当山街道", parent) == ["丹江口市", "十堰市"]
    assert metrics.ancestors("十堰市", parent) == []
    assert metrics.ancestors("未知", parent) == []
    assert metrics.ancestors("甲", {"甲": "乙", "乙": "甲"}) == ["乙"]


# --- attribution: subjects and periods (hand-made sentences, expectations by hand) -------------


@pytest.mark.parametrize(
    ("raw", "date", "expected"),
    [
        # A year or 今年 followed by a day is a date, not a period.
        ("今年3月15日开工。新建公园2个。", "2024-05-01", [""]),
        ("2021年6月8日，该镇新建公园2个。", "2024-05-01", [""]),
        # A target's time frame (全年目标) is not the period of the share completed.
        ("一季度完成全年目标任务的30%。", "2024-05-01", ["2024-Q1"]),
        # 与去年持平 compares with last year; the later figure keeps 今年.
        ("今年全镇粮食产量与去年持平，油料产量增长6%。", "2024-05-01", ["2024"]),
        # A year after 比 is the comparison base, also in forms the base column does not list.
        ("2020年粮食产量8万吨，比一九九○年增加1万吨。", "2024", ["2020", "2020"]),
        # 从去年的X降到Y: last year is the period of X only.
        ("今年失业率从去年的5.2%降到4.8%，新增就业1200人。", "2024", ["2023", "2024", "2024"]),
        # A year opening a verb's object holds in its clause only.
        (
            "上半年，该局上报2025年重点项目36个，争取资金800万元。",
            "2024-08-01",
            ["2025", "2024-H1"],
        ),
        # Per-year figures have no calendar period but a span of years; figures after a future
        # frame have none.
        ("近三年，该县农民收入年均增长8%，2023年达到1.5万元。", "2024", ["2022..2024", "2023"]),
        ("2023年，该县农民收入年均增长8%，每年新增就业500人。", "2024", ["", ""]),
        ("今年，项目投产后，年产值可达30亿元，新增岗位600个。", "2024", ["", ""]),
        # ... unless a period follows the future frame: it states the figure's year.
        ("今年，项目达产后，预计2026年产值达到100亿元。", "2024", ["2026"]),
        # ... or 其中 opens a breakdown of what came before the frame.
        (
            "今年1月，全市12个重大项目竣工，全部达产后可实现年产值24.97亿元，其中精密铸件项目投资4亿元。",
            "2018-02",
            ["2018-01", "", "2018-01"],
        ),
        # 全年, 上半年 without a year take the year named before them in the paragraph.
        ("2019年，全县粮食增产，全年收购粮食3万吨。", "2021", ["2019"]),
        ("去年，该县引进企业12家，上半年新增税收800万元。", "2024", ["2023", "2023-H1"]),
        ("上半年，该县新增税收800万元。", "2024", ["2024-H1"]),
        # N年来 inside a longer numeral is not read as N years (三十年来 is not 十年来).
        ("三十年来，全县修建水库12座。", "2024", [""]),
        ("三年来，全县修建水库12座。", "2024", ["2022..2024"]),
        # ○ (a circle) written for 〇 in a Chinese year.
        ("一九九○年，全县粮食产量达到5万吨。", "2024", ["1990"]),
        # 过去N年: the N years before the article's year (过去一年: the year before); 今后N年 and
        # 未来N年: the article's year and the next ones. A per-year figure keeps such a span.
        ("过去五年，全县新建学校12所。", "2023", ["2018..2022"]),
        ("过去的一年，全县新建学校12所。", "2024", ["2023"]),
        ("今后三年，全县新建学校12所。", "1982", ["1982..1984"]),
        ("未来5年，全县年均新建学校3所。", "2021", ["2021..2025"]),
        ("过去几年，全县新建学校12所。", "2023", [""]),
        # 全年 after 过去一年 is that year; after a span of years, the article's year.
        ("过去一年，全年新建学校12所。", "2011", ["2010"]),
        ("过去五年，全年新建学校12所。", "2011", ["2011"]),
        # 前N个月 runs from January; 首季(度) is the first quarter; 提前3个月 is no period.
        ("前5个月，全县新建学校12所。", "2024", ["2024-01..2024-05"]),
        ("2023年前两个月，全县新建学校12所。", "2024", ["2023-01..2023-02"]),
        ("今年首季，全县新建学校12所。", "2024", ["2024-Q1"]),
        ("全县提前3个月建成学校12所。", "2024", ["", ""]),
        # A year after 与 and before 同期 or 相比 is the comparison base; 2023年同期为 is a period.
        ("1-5月，全县新建学校12所，与2023年同期相比增加5所。", "2024", ["2024-01..2024-05"] * 2),
        ("全县新建学校12所，与2023年相比增加5所。", "2024", ["", ""]),
        ("全县新建学校12所，2023年同期为7所。", "2024", ["", "2023"]),
        # YYYY年度 before an evaluation is the period of its ranks, also inside the title of the
        # document that published them; a yearly plan or a fund of that year is no period.
        ("在2023年度全市营商环境评价中，全县排名第三。", "2024", ["2023"]),
        ("根据《关于2022年度县域经济综合评价情况的通报》，全县排三类县第十。", "2024", ["2022"]),
        ("全县2022年度计划投资50亿元。", "2024", [""]),
        ("今年上半年，全县申报2022年度贴息资金，新增企业5家。", "2024", ["2024-H1"]),
        # A numbered section heading that states a period gives it to the claims of its
        # section that have none in their paragraph (一、2013年工作回顾 in the 2014 report);
        # a period in the paragraph comes first; 全年 there is the heading's year.
        (
            "一、2013年工作回顾\n全县粮食增产5%。\n今年新建学校3所。\n二、2014年主要任务\n新建学校12所。",
            "2014",
            ["2013", "2014", "2014"],
        ),
        ("一、去年工作回顾\n全年新建学校12所，其中上半年5所。", "2006", ["2005", "2005-H1"]),
        # A sub-level heading (（一）) holds until the next heading; one without a period returns
        # to the top level's (here none).
        (
            "（一）一九五七年的胜利\n钢产量达到五百万吨。\n（二）厉行节约\n节约资金二亿元。",
            "1958",
            ["1957", ""],
        ),
        (
            "一、2009年工作回顾\n（一）农业\n粮食增产5%。\n二、主要任务\n新建学校12所。",
            "2010",
            ["2009", ""],
        ),
        # Not a section period: a heading naming two (过去一年和五年, 1980、1981年), a numbered
        # sentence, a per-year figure.
        ("一、过去一年和五年工作回顾\n全国新建学校12所。", "2023", [""]),
        # ... whose paragraphs opening with a period open parts with it, up to the next such
        # paragraph or heading; in a review, 五年来 ends with the year before the report's.
        (
            "一、过去一年和五年工作回顾\n过去一年，经济增长3%。\n新建学校12所。\n"
            "过去五年极不平凡。\n新增就业5000万人。\n二、今年工作\n新建学校3所。",
            "2023",
            ["2022", "2022", "2018..2022", "2023"],
        ),
        ("一、过去五年工作回顾\n五年来，全国新建学校12所。", "2023", ["2018..2022"]),
        ("五年来，全县新建学校12所。", "2023", ["2019..2023"]),
        ("三、保证1980、1981年计划的完成\n节约资金二亿元。", "1980", [""]),
        ("一、2013年全县新建学校12所。\n全县新增企业5家。", "2014", ["2013", ""]),
        ("一、2013年工作回顾\n全县年均新建学校3所。", "2014", [""]),
        # A five-year plan's period (“十四五”时期: 2021..2025; 以来: to the article's year), also
        # for a per-year figure; the plan's name before 规划纲要 or 收官之年 is no period.
        ("“十四五”时期，全县新建学校12所。", "2023", ["2021..2025"]),
        ("“十四五”以来，全县新建学校12所。", "2023", ["2021..2023"]),
        ("“七五”计划期间，全国年均增长7.5%。", "1986", ["1986..1990"]),
        ("十五期间，全国新建学校12所。", "2003", ["2001..2005"]),
        ("“十四五”规划纲要提出，全县新建学校12所。", "2023", [""]),
        ("2025年是“十四五”规划收官之年，全县新建学校12所。", "2025", ["2025"]),
    ],
)
def test_period_attribution(raw, date, expected):
    assert list(run(raw, date=date)["period_norm"]) == expected


@pytest.mark.parametrize(
    ("raw", "subject", "expected"),
    [
        # 我国 is the whole country.
        ("我国粮食产量达到6.5亿吨。", "", ["全国"]),
        # A unit above the article's unit, named in an earlier sentence, holds for that
        # sentence only; a unit within the article's unit holds to the paragraph's end.
        ("全市新增企业300家。区内新增企业40家。", "茅箭区", ["十堰市", "茅箭区"]),
        ("丹江口市新建学校3所。新增学位2000个。", "十堰市", ["丹江口市", "丹江口市"]),
        # Without an article subject the paragraph's last unit still holds; 全市 is the city of
        # the gazetteer only in an article that names one of its units.
        ("全市新增企业300家。区内新增企业40家。", "", ["全市", "全市"]),
        ("茅箭区开会。全市新增企业300家。区内新增企业40家。", "", ["十堰市", "十堰市"]),
        # Units listed together: the one containing the others (the nearest common one).
        ("丹江口市、六里坪镇等地干部50人参加培训。", "十堰市", ["丹江口市"]),
        ("茅箭区、六里坪镇等地干部50人参加培训。", "十堰市", ["十堰市"]),
        # ... but with 分别 each figure is its unit's, in order (also in a later clause of the
        # sentence that has as many figures), unless the counts differ.
        ("茅箭区、竹山县分别新建学校3所、2所。", "十堰市", ["茅箭区", "竹山县"]),
        (
            "茅箭区、竹山县分别新建学校3所、2所，投资1亿元、2亿元。",
            "十堰市",
            ["茅箭区", "竹山县", "茅箭区", "竹山县"],
        ),
        ("茅箭区、竹山县分别新建学校3所、2所、1所。", "十堰市", ["竹山县"] * 3),
        (
            "茅箭区、竹山县分别新建学校3所、2所。全市投资1亿元。",
            "十堰市",
            ["茅箭区", "竹山县", "十堰市"],
        ),
        # A project named after its figures: its place is their subject, and not of the
        # figures after it.
        (
            "十堰市开工项目23个，包括投资7亿元的茅箭区汽车项目，总投资8亿元的学校迁建项目。"
            "竣工项目12个。",
            "",
            ["十堰市", "茅箭区", "十堰市", "十堰市"],
        ),
        # A section headed by a unit's name alone: its claims are that unit's, unless they name
        # another one below the article's.
        (
            "十堰市开工项目516个。\n茅箭区\n十堰某公司投资35亿元建设。\n竹山县投资2亿元。",
            "",
            ["十堰市", "茅箭区", "竹山县"],
        ),
        ("【竹山县】\n新建学校3所。\n【茅箭区】\n新建学校2所。", "十堰市", ["竹山县", "茅箭区"]),
        # ... up to the next numbered section heading.
        ("竹山县\n新建学校3所。\n二、全市情况\n新建学校9所。", "十堰市", ["竹山县", "十堰市"]),
        # A unit named in brackets holds there only; a 全X scope joined by a unit is no actor.
        (
            "竹山县建设公路85公里（丹江口市段6公里），总投资235亿元。",
            "十堰市",
            ["竹山县", "丹江口市", "竹山县"],
        ),
        ("竹山县参加全市集中开工活动的有39个项目。", "十堰市", ["竹山县"]),
        # ... nor one whose task a unit takes on.
        ("竹山县财政局承担全市126项审批事项。", "十堰市", ["竹山县"]),
        ("正威（丹江口）产业园项目，总投资240亿元。", "十堰市", ["丹江口市"]),
        # A project first named right after its county is that county's where its name comes
        # again with 项目 (before its figures, or after them behind 的).
        (
            "十堰市开工项目25个，其中竹山县中化学新材料、丹江口市中电建建材基地等2个项目。\n"
            "总投资260亿元的中化学新材料项目，年产值210亿元；中电建建材基地项目投资140亿元。"
            "全市新增就业500人。",
            "",
            ["十堰市", "十堰市", "竹山县", "竹山县", "丹江口市", "十堰市"],
        ),
        # The last unit of a breakdown does not carry over to the next sentence.
        (
            "茅箭区10个，竹山县3个，丹江口市1个。共有14个项目投资超过5000万元。",
            "十堰市",
            ["茅箭区", "竹山县", "丹江口市", "十堰市", "十堰市"],
        ),
        # A scope word before an evaluation is its scope, not the subject.
        ("围绕全市年度考评目标，分解任务120项。", "竹山县", ["竹山县"]),
        ("全市分解任务120项。", "竹山县", ["十堰市"]),
        # A unit's short form at the start of a firm's name names the firm, not a subject.
        (
            "该局为湖北迈拓机械制造有限公司、郧西奥松木业有限公司、湖北卓越建筑劳务有限公司"
            "等12家企业提供服务80次。",
            "郧西县行政审批局",
            ["郧西县行政审批局"] * 2,
        ),
    ],
)
def test_subject_attribution(raw, subject, expected):
    assert list(run(raw, subject=subject)["subject"]) == expected


@pytest.mark.parametrize(
    ("raw", "subject", "expected"),
    [
        # A national article (subject 全国): figures that name no unit are national, as a city
        # article's are the city's.
        ("粮食产量达到6.5亿吨，新增就业1200万人。", "全国", ["全国", "全国"]),
        # A unit named in a national text holds for its own sentence only.
        ("茅箭区新建学校3所。新增学位2000个。", "全国", ["茅箭区", "全国"]),
        # 全市/该市 in a national text do not become the gazetteer's city.
        ("全市新建学校3所。", "全国", ["全市"]),
        ("该市新建学校3所。", "全国", ["该市"]),
        # 全国 written in a local article names the country only where it is the actor: a rank
        # scope, a comparison benchmark, a title or a place after a preposition leaves the
        # figure with the article's unit.
        ("竹山县营商环境排名全国第3，新增企业5家。", "竹山县", ["竹山县", "竹山县"]),
        ("全县收入增长8%，高于全国平均水平2个百分点。", "竹山县", ["竹山县", "竹山县"]),
        ("在全国文明城市测评中，新建公园4个。", "十堰市", ["十堰市"]),
    ],
)
def test_subject_of_national_articles(raw, subject, expected):
    assert list(run(raw, subject=subject)["subject"]) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        # Units listed together in the lead: the unit containing them.
        ("湖北省、十堰市领导出席活动。\n活动签约项目8个。", ["湖北省"]),
        # ... not the posts one person holds (a post title before the list mark): the lead's
        # unit is then the one below the province.
        ("湖北省委常委、十堰市委书记出席活动。\n活动签约项目8个。", ["十堰市"]),
        ("湖北省副省长、十堰市市长出席活动。\n活动签约项目8个。", ["十堰市"]),
    ],
)
def test_posts_of_one_person_are_no_list_of_units(raw, expected):
    assert list(run(raw)["subject"]) == expected


# Places outside the gazetteer (a tiny hand-made table, as ``lexicons.load_places`` gives).
PLACES = pd.DataFrame(
    [
        ("宜昌市", "宜昌", "city", ""),
        ("猇亭区", "猇亭", "county", "宜昌市"),
        ("枝江市", "枝江", "county", "宜昌市"),
        ("夷陵区", "夷陵", "county", "宜昌市"),
        ("江汉区", "", "county", ""),
    ],
    columns=["name", "aliases", "level", "parent"],
)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        # A county named in full is also named by its short form in that article.
        (
            "宜昌市举行活动，秭归县签约项目5个。\n在秭归开工的12个项目中，工业项目9个。",
            ["秭归县", "秭归县", "秭归县"],
        ),
        (
            "宜昌市秭歸縣签约项目5个，宜昌市投资增长8%。在秭歸建设的产业园投资8亿元。",
            ["秭归县", "宜昌市", "秭归县"],
        ),
        # ... where it starts a word (after a non-Han character, a preposition, 的, a place).
        (
            "宜昌市秭归县签约项目5个。\n宜昌市推进秭归山区道路建设，投资8亿元。",
            ["秭归县", "宜昌市"],
        ),
        # ... not in an article that does not name it in full (short forms are words elsewhere).
        ("宜昌市举行活动。\n在秭归开工的12个项目中，工业项目9个。", ["宜昌市", "宜昌市"]),
    ],
)
def test_short_form_of_a_county_named_in_full(raw, expected):
    places = pd.concat(
        [PLACES, pd.DataFrame([("秭归县", "", "county", "宜昌市")], columns=PLACES.columns)]
    )
    arts = make_articles([{"raw": raw, "subject": "", "date": "2023-07-26"}])
    out = metrics.extract(arts, units=UNITS, indicators=INDICATORS, gazetteer=GAZ, places=places)
    assert list(out["subject"]) == expected


def _with_places(raw: str, subject: str = "", date: str = "2023-07-26") -> pd.DataFrame:
    arts = make_articles([{"raw": raw, "subject": subject, "date": date}])
    return metrics.extract(arts, units=UNITS, indicators=INDICATORS, gazetteer=GAZ, places=PLACES)


@pytest.mark.parametrize(
    ("raw", "subject", "expected"),
    [
        # A place outside the gazetteer is a subject where it is named.
        ("宜昌市新签约项目12个。", "", ["宜昌市"]),
        ("猇亭区开工项目5个，枝江市开工项目3个。", "十堰市", ["猇亭区", "枝江市"]),
        # 全市 without an article subject: the nearest earlier place ending in 市, else the first
        # later one; never the gazetteer's city in an article that names none of its units.
        ("从宜昌市商务部门获悉，该市签约项目8个。", "", ["宜昌市"]),
        ("全市签约项目8个。宜昌市还将举行活动。", "", ["宜昌市"]),
        # Units listed together: the unit containing them.
        ("猇亭区、枝江市共签约项目8个。", "", ["宜昌市"]),
        # ... and a count of places right after their list counts them: no unit's figure.
        ("宜昌市举行活动。入选的有猇亭区、枝江市2个县区，夷陵区、猇亭区等3个城区。", "", ["", ""]),
        ("宜昌市举行活动。猇亭区、枝江市共5个项目开工。", "", ["宜昌市"]),
        # A list of places opened by a preposition names locations, not subjects.
        ("茅箭区企业来自猇亭、枝江等地，签约项目6个。", "", ["茅箭区"]),
        # The bureau of a place outside the gazetteer is named as written.
        ("宜昌市行政审批局整合审批事项145项。", "", ["宜昌市行政审批局"]),
        # X区域 is the word 区域, not the place X区.
        ("茅箭区开会。\n江汉区域新建项目3个。", "", ["茅箭区"]),
        # Places outside the gazetteer are units only in a local article (我市, a unit in the lead).
        (
            "现在我代表国务院作报告。\n全国新增就业1200万人，宜昌市新建项目5个。",
            "",
            ["全国", "全国"],
        ),
        # ... or a lead speaking of 全省/全市 (a province's or a city's paper); not 全国.
        ("全省增长8%。\n宜昌市新建项目5个。", "", ["全省", "宜昌市"]),
        ("全国增长8%。\n宜昌市新建项目5个。", "", ["全国", ""]),
        # 全市 read from later mentions: a county-level city beside two other units of its
        # prefecture (猇亭区, 江汉区 is none) is not the 市 of 全市.
        ("全市投资增长8%。\n枝江市、猇亭区、夷陵区增幅较高。", "", ["宜昌市"]),
        ("全市投资增长8%。\n枝江市、江汉区增幅较高。", "", ["枝江市"]),
        # Without an article subject, a paragraph naming no unit takes the article's first one.
        ("宜昌市举行签约活动。\n此次签约项目12个。", "", ["宜昌市"]),
        # ... but the place of a dateline gives way to a unit within it that the lead names.
        ("某网宜昌报道，近日，猇亭区签约项目12个。\n区领导组建专班5个。", "", ["猇亭区", "猇亭区"]),
        ("某网宜昌报道，近日，枝江市、夷陵区签约项目12个。\n组建专班5个。", "", ["宜昌市"] * 2),
        ("我区举行活动，茅箭区领导出席。\n开工项目5个。", "", ["茅箭区"]),
        # A development zone named after a place is a unit of its own (as written); 全市 after
        # it, or after a bureau of a place, is that place's city.
        ("宜昌高新区新签约项目10个，枝江市3个。", "", ["宜昌高新区", "枝江市"]),
        ("宜昌高新区举行签约活动。全市签约项目8个。", "", ["宜昌市"]),
        ("宜昌市行政审批局推行一网通办。全市新增市场主体1.2万户。", "", ["宜昌市"]),
        # 在全市…中 holding a figure is the set the figures after it belong to; 在全市…考评中
        # (no figure in it) stays a scope.
        ("宜昌高新区举行活动。在全市新签约的154个项目中，已开工78个。", "", ["宜昌市"] * 2),
        ("在全市营商环境考评中，猇亭区排名第三。", "", ["猇亭区"]),
        # 在 + a place + a verb placing a project: the place is the subject of the figures of its
        # sentence (before and after it), not of the next sentence.
        (
            "宜昌市签约项目8个。某公司将投资60亿元，在枝江市建设产业园，年产45万吨。年税收2亿元。",
            "",
            ["宜昌市", "枝江市", "枝江市", "宜昌市"],
        ),
        # 位于 + a place: where the sentence's project is, for all its figures.
        (
            "宜昌市举行活动。文化园项目位于猇亭区，由某公司投资46.5亿元，占地1015亩。年接待游客300万人次。",
            "",
            ["猇亭区", "猇亭区", "宜昌市"],
        ),
        # In the middle of a clause, the place holds from its clause on.
        (
            "宜昌市举行活动。44个项目签约落户，总投资73.8亿元的12个项目在猇亭区开工。",
            "",
            ["宜昌市", "猇亭区", "猇亭区"],
        ),
    ],
)
def test_subject_attribution_with_places(raw, subject, expected):
    assert list(_with_places(raw, subject)["subject"]) == expected


# Places of the national table (hand-made, as ``lexicons.load_places`` gives them).
PLACES_CN = pd.DataFrame(
    [
        ("浙江省", "浙江", "province", ""),
        ("杭州市", "杭州", "city", "浙江省"),
        ("杭州市西湖区", "杭州西湖区", "county", "杭州市"),
        ("西湖区", "", "county", ""),
        ("广东省", "广东", "province", ""),
        ("中山市", "中山", "city", "广东省"),
        ("海南省", "海南", "province", ""),
        ("东方市", "", "county", "海南省"),
        ("日照市", "", "city", ""),
        ("日照", "", "not_place", ""),
    ],
    columns=["name", "aliases", "level", "parent"],
)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("杭州市新签约项目12个。", ["杭州市"]),
        # Traditional forms, read without conversion.
        ("杭州市新簽約項目12個。", ["杭州市"]),
        # A name that repeats across provinces: as written, or resolved by the place before it
        # (the province and city before it are its address, not mentions of their own).
        ("西湖区签约项目3个。", ["西湖区"]),
        ("浙江省杭州市西湖區簽約項目3個。", ["杭州市西湖区"]),
        # Short forms inside the names of organizations and firms are no places.
        ("杭州市举行活动。\n中山大学新增专业5个。", ["杭州市"]),
        ("杭州市举行活动。\n浙江传化集团投资5亿元。", ["杭州市"]),
        # Ordinary words: 日照 (sunshine), 东方市场 (a market), unlike a bureau (市场监管局).
        ("杭州市举行活动。\n日照时数增加50小时。", ["杭州市"]),
        ("杭州市举行活动。\n东方市场新增商户30家。", ["杭州市"]),
        ("杭州市场监管局查处案件12件。", ["杭州市场监管局"]),
        # 全省 without an article subject: the province of the lead's unit, or of a city named
        # in full later on (a short form may be a firm's home: 杭州国贸).
        ("杭州市举行活动。\n全省签约项目8个。", ["浙江省"]),
        ("全省签约项目8个。\n杭州市举行活动。", ["浙江省"]),
        ("全省签约项目8个。\n杭州国贸等企业参加。", ["全省"]),
        # ... or of a province named by its short form (a province's short form names it).
        ("全省签约项目8个。\n投资浙江正被看好。", ["浙江省"]),
        # A destination is no referent of 全市; an address after 至 no subject.
        ("全市组建专班5个，赴杭州招商。", ["全市"]),
        ("东方市举行活动。\n项目延伸至浙江省杭州市，总投资5亿元。", ["东方市"]),
        # The first word of a name in a list, a quoted name, a firm named after a province.
        ("东方市举行活动。\n杭州一轻、燕京啤酒等15家企业落户。", ["东方市"]),
        ("东方市举行活动。\n浙江“千万工程”惠及村庄8个。", ["东方市"]),
        ("东方市举行活动。\n浙江省交通投资集团投资5亿元。", ["东方市"]),
        # 该公司 refers back to the firm, not to the place its name starts with.
        ("东方市举行活动。\n记者走进杭州天为铝业科技有限公司。该公司产值达12亿元。", ["东方市"]),
        # A short form opening a project listed as an example (an investor's home).
        ("东方市举行活动。\n签约杭州隆庆精密制造基地等14个项目。", ["东方市"]),
        ("东方市举行活动。\n杭州新签约项目14个。", ["杭州市"]),
        # A text in the nation's voice (我国) names provinces and cities as examples; 资本市场
        # is no 本市.
        ("我国经济回升。\n资本市场稳定，杭州新增企业12家。", [""]),
    ],
)
def test_subject_attribution_with_national_places(raw, expected):
    arts = make_articles([{"raw": raw, "date": "2023-07-26"}])
    out = metrics.extract(arts, units=UNITS, indicators=INDICATORS, gazetteer=GAZ, places=PLACES_CN)
    assert list(out["subject"]) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        # Districts' lines after the city's total: the unit is the subject, the measure is the
        # total's (and a growth rate after it, the same measure's).
        (
            "全市完成固定资产投资355亿元，同比增长15.8%。\n茅箭区完成77.1亿元，同比增长19.5%；\n"
            "竹山县完成35.9亿元，同比下降2.1%。",
            ["固定资产投资额", "固定资产投资同比增长率"] * 2
            + ["固定资产投资额", "固定资产投资同比降幅"],
        ),
        ("全市签约项目27个。其中，茅箭区10个，竹山县3个。", ["签约项目数"] * 3),
        # The unit opening the governing words is left out of the indicator's name.
        ("茅箭区开工23个，竹山县开工5个。", ["开工数", "开工数"]),
        # ... and so are the adverbs between the unit and what it did.
        ("茅箭区、竹山县分别新建学校3所、2所。", ["新建学校数", "新建学校数"]),
        # Places listed before 等 are counted: no breakdown.
        ("全市签约项目27个。完成任务的有茅箭区、竹山县等5个。", ["签约项目数", "竹山县等数"]),
        # 同期 before a verb of change is the comparison base (the same period a year before).
        ("到位资金7.13亿元，同期增长39%。", ["到位资金", "到位资金同比增长率"]),
        # A period is no part of the measure's name (一季度, 本年, 今年内), 全年 qualifying a
        # noun is.
        (
            "全市计划一季度实际利用内资465.37亿元，同比增长15%。",
            ["实际利用内资额", "实际利用内资同比增长率"],
        ),
        ("本年收入合计272亿元，本年支出合计293亿元。", ["收入", "支出额"]),
        ("一季度开工重大项目61个，占全年项目总数的48.1%。", ["项目数", "占全年项目总数比例"]),
        # Nor is a month's end (2022年9月底: the month goes with its year).
        ("到2022年9月底增加灌溉面积9200多万亩。", ["增加灌溉面积(亩)"]),
        # The noun after a count ends before a verb, not at a verb's first character inside it.
        ("区里组建58支招商小分队赴各地开展对接。", ["招商小分队数"]),
        ("聚焦13条先进制造业产业链。", ["先进制造业产业链数"]),
        # Sector words before 产值/增加值/生产总值 (``sector`` in indicators.csv) name the
        # measure: industries are not one indicator; a scope word, place or verb before them is
        # left out, and a per-year or new output has none.
        (
            "其中,工业总产值达到900亿元,农业总产值达到400亿元。",
            ["工业总产值", "农业总产值"],
        ),
        (
            "全国工业增加值增长6%,装备制造业增加值增长9%。",
            ["工业增加值增长率", "装备制造业增加值增长率"],
        ),
        ("我国实现工农业总产值1387亿元。", ["工农业总产值"]),
        ("十堰市规模以上工业增加值增长10%。", ["规模以上工业增加值增长率"]),
        ("工业和手工业总产值增长12%。", ["工业和手工业总产值增长率"]),
        ("国民生产总值增长8%。", ["国民生产总值增长率"]),
        ("在工业总产值中资本主义工业占12%。", ["工业总产值比例"]),
        ("项目年产值可达200亿元,新增产值30亿元。", ["产值", "产值"]),
        ("完成工业投资755.7亿元,同比增长20.4%。", ["工业投资额", "工业投资同比增长率"]),
        ("由十堰震科工业科技有限公司投资35亿元建设。", ["投资额"]),
        # Words of change alone after a base: the words before the base govern (an adverb
        # such as 也/又 ending them is left out); a bracketed aside is no part of the name.
        ("甜菜比1954年增长61%。", ["甜菜比1954年增长率"]),
        ("粮食产量也比上一年增长5%。", ["粮食产量同比增长率"]),
        ("工资总额(包括奖金在内)比上年增加60亿元。", ["工资总额"]),
        ("机床(不包括简易机床,下同)增加了14300台。", ["未识别数"]),
        # Up to 16 characters of the governing words: 城镇居民 is not cut to 镇居民.
        ("全国城镇居民人均可支配收入实际增长5%。", ["全国城镇居民人均可支配收入实际增长率"]),
        ("全市500名执业律师深入基层。", ["执业律师数"]),
        # A rate written right after a keyword is what the percentage measures.
        ("年度计划投资完成率达72%。", ["计划投资完成率"]),
        # Energy per unit of output is its own measure, however written, not the output's.
        ("单位国内生产总值能耗下降3.4%以上。", ["单位国内生产总值能耗降幅"]),
        (
            "单位GDP能耗下降3%，国内生产总值增长6.6%。",
            ["单位国内生产总值能耗降幅", "国内生产总值增长率"],
        ),
        # Measures listed before 分别 take its figures in order, with the direction said once;
        # units listed so are the figures' subjects, not their measures.
        ("今年化学需氧量、氨氮排放量要分别下降2%、3%。", ["化学需氧量降幅", "氨氮排放量降幅"]),
        # Short items share the head of the last one; longer ones are names of their own.
        ("小麦、稻谷最低收购价分别提高0.11元、0.13元。", ["小麦最低收购价额", "稻谷最低收购价额"]),
        (
            "城镇和农村居民人均可支配收入分别增长8%和9%。",
            ["城镇居民人均可支配收入增长率", "农村居民人均可支配收入增长率"],
        ),
        ("二氧化硫、氮氧化物排放量分别下降3%、5%。", ["二氧化硫降幅", "氮氧化物排放量降幅"]),
        (
            "全国和自由贸易试验区负面清单条数分别压减51%、72%。",
            ["自由贸易试验区负面清单条数降幅"] * 2,
        ),
        # A function character inside a word splits nothing (在校, 从业, 普及, 对外, 人才).
        ("高等学校在校学生人数达到15万人。", ["高等学校在校学生人数"]),
        ("批发商的从业人员减少了3万人。", ["批发商的从业人员数"]),
        ("农村自来水普及率达到87%。", ["农村自来水普及率"]),
        ("在读研究生1200人。", ["在读研究生数"]),
        ("引进高层次人才326名。", ["引进高层次人才数"]),
        # 增长 inside a rate's name is no increase (贡献率超过30%: a level).
        ("我国对世界经济增长贡献率超过30%。", ["世界经济增长贡献率"]),
        ("对全球经济增长的贡献率保持在30%左右。", ["全球经济增长的贡献率"]),
        ("服务业对经济增长贡献率接近60%。", ["经济增长贡献率"]),
        # A rate stated before the year of its first value (从2007年底的8.4%提升到13.3%).
        ("资本充足率从2007年底的8.4%提升到去年底的13.3%。", ["资本充足率", "资本充足率"]),
        ("人口自然增长率由上年的1.2%下降到1.17%。", ["人口自然增长率", "人口自然增长率"]),
        ("积累率在一九七八年高达36.5%。", ["积累率"]),
        ("城镇化率由2012年的52.6%提高到2017年的58.5%。", ["城镇化率", "城镇化率"]),
        ("社会商品零售额今年预计将比去年增长9%。", ["社会商品零售额同比增长率"]),
        # Conjunctions and prepositions opening the words are no part of the name.
        ("而且罪名有十条之多。", ["罪名数"]),
        ("而使用面积只占44%。", ["使用面积比例"]),
        # A clause naming the subject matter before the figures (not an adverbial clause).
        ("城乡居民人均生活费收入，1982年为494.5元。", ["城乡居民人均生活费收入"]),
        ("机制纸：从三十七万吨增加到六十五万吨。", ["机制纸(吨)", "机制纸(吨)"]),
        ("经过努力，2023年达到50个。", ["未识别数"]),
        ("粮食产量，今年预计达到1.3万亿斤。", ["粮食产量(斤)"]),
        ("推进重点行业节能减排，71%的企业完成改造。", ["未识别比例"]),
        # A growth rate is named as written; a rate after 减/增 is no change (减时率达89%).
        ("累计增速8.7%。", ["累计增速"]),
        ("政务服务减时率达89.46%。", ["减时率"]),
        ("该托管中心建筑面积900平方米。", ["托管中心建筑面积(平方米)"]),
        # 全年 opening the words is the period; inside them it qualifies the measure.
        ("全年粮食总产量46947万吨。", ["粮食总产量(吨)"]),
        ("签约项目占全年项目总数的48.1%。", ["签约项目占全年项目总数比例"]),
        # Figures after 分别 pair in order with the figures of the clauses before.
        (
            "新签约产业项目149个，计划投资763亿元，同比分别增长198%、374%。",
            ["产业项目数", "计划投资额", "产业项目同比增长率", "计划投资同比增长率"],
        ),
        (
            "城镇居民人均可支配收入9422元，农村居民人均纯收入2936元，扣除价格因素，分别实际增长7.7%和6.8%。",
            [
                "城镇居民人均可支配收入",
                "农村居民人均纯收入",
                "城镇居民人均可支配收入实际增长率",
                "农村居民人均纯收入实际增长率",
            ],
        ),
        # A scope opening a list's item is no part of it; a one-character measure head is shared.
        ("全市批地、供地量分别占全省的14.2%、19.2%。", ["批地量比例", "供地量比例"]),
        # A list holding keywords: an item without one takes the keyword ending the last item.
        ("签约项目、开工项目分别为12个、8个。", ["签约项目数", "开工项目数"]),
        ("进口、出口通关时间分别压减67%、82%。", ["进口通关时间降幅", "出口通关时间降幅"]),
        # Not when the words around 分别 name the figures.
        (
            "铁路货物周转量增长11.8%，公路货物周转量增长8.4%，沿海运输企业的货物周转量"
            "分别增长21.4%和29.2%。",
            ["铁路货物周转量增长率", "公路货物周转量增长率"]
            + ["沿海运输企业的货物周转量增长率"] * 2,
        ),
        ("货币政策精准有力，两次降低存款准备金率。", ["未识别次数"]),
        # The fiscal deficit and a subsidy are not any fiscal amount (财政额); a rate after a
        # keyword, but not 率先 (taking the lead), names a percentage.
        ("其中中央财政赤字8500亿元，赤字率拟按3%安排。", ["财政赤字额", "财政赤字率"]),
        ("新农合财政补助标准提高到每人每年120元。", ["财政补助额"]),
        ("签约项目率先突破50%。", ["率先突破", "签约项目比例"]),
        # A keyword naming the whole of a share is not what the share measures.
        ("研发经费支出占国内生产总值比重达到2.1%。", ["研发经费支出占国内生产总值比重"]),
        (
            "服务业增加值在国内生产总值中的比重提高4个百分点。",
            ["服务业增加值占国内生产总值比重提高(百分点)"],
        ),
        # 要 before a verb is no part of the name (主要 is).
        ("氨氮排放量要下降2%。", ["氨氮排放量降幅"]),
        ("主要产品产量增长5%。", ["主要产品产量增长率"]),
    ],
)
def test_indicator_names(raw, expected):
    assert list(run(raw, subject="十堰市")["indicator"]) == expected


def test_breakdown_lines_take_the_period_of_the_total():
    out = run(
        "1-4月，全市完成固定资产投资355亿元。\n茅箭区完成77.1亿元，同比增长19.5%；\n"
        "竹山县完成35.9亿元。",
        subject="十堰市",
        date="2023-05-10",
    )
    assert list(out["period"]) == ["1-4月"] * 4
    assert list(out["period_norm"]) == ["2023-01..2023-04"] * 4


def test_breakdown_after_qizhong_takes_the_measure_of_the_sentence_before():
    # 其中 breaks down the figure of the sentence before, also for a unit the gazetteer does
    # not place under the total's (a development zone without parent).
    gaz = pd.DataFrame(
        [("十堰市", "十堰", "city", ""), ("十堰高新区", "", "county", "")],
        columns=["name", "aliases", "level", "parent"],
    )
    out = run("十堰市签约项目27个。其中，十堰高新区10个。", gazetteer=gaz)
    assert list(out["indicator"]) == ["签约项目数", "签约项目数"]
    assert list(out["subject"]) == ["十堰市", "十堰高新区"]
    out = run("十堰市签约项目27个。全市有十堰高新区10个。", gazetteer=gaz)
    assert list(out["indicator"]) == ["签约项目数", "全市有十堰高新区数"]


def test_traditional_text_is_read_through_its_simplified_form():
    # Word lists and patterns are Simplified: a page in Traditional characters (or mixing both,
    # 余杭區) is read through its Simplified form; what is given as written stays as written,
    # indicator names are Simplified (comparable across scripts).
    raw = "近兩年，余杭區共簽約項目16個，總投資約88.42億元，較上年增長12.5%。"
    arts = make_articles([{"raw": raw, "date": "2023-05-01"}])
    out = metrics.extract(
        arts,
        units=lexicons.load_units(),
        indicators=lexicons.load_indicators(),
        gazetteer=lexicons.load_gazetteer(),
        places=lexicons.load_places(),
    )
    assert list(out["surface"]) == ["16個", "88.42億元", "12.5%"]
    assert set(out["sentence"]) == {raw.replace("，", ",")}
    assert list(out["subject"]) == ["余杭区"] * 3
    assert list(out["indicator"]) == ["签约项目数", "总投资额", "总投资同比增长率"]
    assert list(out["period"]) == ["近兩年"] * 3
    assert list(out["period_norm"]) == ["2022..2023"] * 3
    assert list(out["base"]) == ["", "", "較上年"]
    assert list(out["qualifier"]) == ["", "約", ""]
    assert list(out["phrase"]) == ["簽約項目", "總投資", ""]


@pytest.mark.parametrize(
    ("raw", "subject", "expected"),
    [
        # A scope after 占/比 is the whole or benchmark, after a ranking verb the ranking's scope,
        # after 在了 a location: not the subject of the next figures.
        ("全县工业投资增长15%，比全省高4个百分点。", "竹山县", ["竹山县", "竹山县"]),
        ("竹山县获全省优胜，新增企业5家。", "十堰市", ["竹山县"]),
        ("竹山县产值走在了全省的前列，新增企业5家。", "十堰市", ["竹山县"]),
        # 我市 before an evaluation is the unit ranked; only 全X names an evaluation's scope.
        ("我市在全省营商环境评价中排名第四。", "茅箭区", ["十堰市"]),
        # 全 ending a word (健全, 顾全, 完全) does not make a scope word of what follows it.
        ("健全市场体系，新增企业5家。", "竹山县", ["竹山县"]),
        ("完善和健全国家安全体系，培训干部200人。", "竹山县", ["竹山县"]),
        ("推动全区域发展，新增企业5家。", "竹山县", ["竹山县"]),
        # 全市场 is the whole market, not 全市 (全市域 is the city's territory: a scope).
        ("全市场交易额增长12%。", "茅箭区", ["茅箭区"]),
        ("茅箭区统筹全市域资源，全市域签约项目5个。", "茅箭区", ["十堰市"]),
        # 形成全X, 确保全X: the scope word stands.
        ("确保全市新增企业5家。", "茅箭区", ["十堰市"]),
    ],
)
def test_scope_words_that_are_no_subjects(raw, subject, expected):
    assert list(run(raw, subject=subject)["subject"]) == expected


@pytest.mark.parametrize(
    ("raw", "date", "expected"),
    [
        # The dateline completes an article date known by its year only.
        ("4月3日，全市开工项目5个。今年以来累计开工项目20个。", "2025", ["", "2025-01..2025-04"]),
        ("今年以来累计开工项目20个。", "2025", ["2025"]),
        ("9月14日，今年以來組建專班5個。", "2023", ["2023-01..2023-09"]),
        # 截至 a day: as of that day.
        ("截至2月14日，全市签约项目125个。", "2022-03-01", ["..2022-02-14"]),
        # A month of the year (元月 is January); 本月 is the article's month; a day or 月底 is none.
        ("12月份，全区开工项目24个。", "2022-12-24", ["2022-12"]),
        ("元月签约项目51个。", "2018-02-22", ["2018-01"]),
        ("去年7月，该县成立专班14个。", "2018-12-27", ["2017-07"]),
        ("本月全市计划开工项目213个。", "2022-11-04", ["2022-11"]),
        ("项目计划6月底投产，新增岗位300个。", "2023-04-05", [""]),
        ("9月份后，出口下滑，出台措施三项。", "2009", [""]),
        # A month since which something holds is no month; a month takes an earlier year.
        ("今年以来，出口从7月份开始回升，新增订单300个。", "2023-12-01", ["2023-01..2023-12"]),
        ("1984年贷款增加28.9%，其中12月的增长额占48.4%。", "1985", ["1984", "1984-12"]),
        # A span of years.
        ("2020至2022年，全市引进项目306个。", "2023", ["2020..2022"]),
        # ... whose years 分别 pairs with as many figures, in order (not other counts).
        ("2020年至2022年，全市分别引进项目5个、8个、9个。", "2023", ["2020", "2021", "2022"]),
        ("2020年至2022年，全市分别引进项目5个、8个。", "2023", ["2020..2022"] * 2),
        # So do periods listed before 分别, also across a comma; not without 分别 or with more
        # figures than periods.
        ("2023年和2024年，全市分别完成投资12亿元和15亿元。", "2025", ["2023", "2024"]),
        ("一季度、二季度分别新增企业12家、15家。", "2025", ["2025-Q1", "2025-Q2"]),
        ("2023年和2024年，全市完成投资12亿元。", "2025", ["2024"]),
        ("2023年和2024年，分别新增企业12家、15家、16家。", "2025", ["2024"] * 3),
        # A year's 同期 after a verb of comparison is the base, not the period.
        ("一季度签约项目60个，超越2024年同期水平。", "2025", ["2025-Q1"]),
        ("一季度签约项目60个，高于去年同期。其中重大项目8个。", "2025", ["2025-Q1", "2025-Q1"]),
        # 占全年…: the year is the whole of the share, the part keeps its own period.
        ("一季度开工项目61个，占全年项目总数的48.1%。", "2019", ["2019-Q1", "2019-Q1"]),
        # A yearly capacity and a year's plan have no calendar period.
        ("三季度开工项目19个，年产汽车8万辆，年度计划投资20亿元。", "2024", ["2024-Q3", "", ""]),
        # A line without end punctuation (a heading, a comma) continues into the next line.
        ("12月份\n\n全区开工项目24个。", "2022-12-24", ["2022-12"]),
        ("今年上半年，全市签约项目5个，\n新增企业3家。", "2023", ["2023-H1", "2023-H1"]),
        ("今年上半年，全市签约项目5个。\n新增企业3家。", "2023", ["2023-H1", ""]),
        # Months joined by 和/、 are one span of months (a year across 12月和1月 is unknown).
        ("在此前的5月和6月，该县签约项目12个。", "2021-08", ["2021-05..2021-06"]),
        ("1、2月份全区完成投资8亿元。", "2024-03", ["2024-01..2024-02"]),
        ("2019年7月、8月、9月，共引进企业9家。", "2020", ["2019-Q3"]),
        ("12月和1月，共开工项目6个。", "2024-02", [""]),
        # A period inside a quoted phrase holds for the figures inside that quotation only.
        (
            "今年，该区落实“上半年投资增速高于全年目标”要求，建成“3个百亿园区、2个特色基地”。",
            "2024",
            ["2024", "2024"],
        ),
        ("该县提出“一季度开工重点项目10个以上”的目标。", "2024", ["2024-Q1"]),
        # ... not in a quoted statement (it has a sentence end): that period goes on after it.
        (
            "“今年1至2月，我们签约项目12个。”他说，全县投资增长5%。",
            "2024-03",
            ["2024-01..2024-02"] * 2,
        ),
        # A recent event's time word ends the period stated before it.
        (
            "1至4月，全市签约项目20个。近日，该区又有5家企业签约。",
            "2024-05",
            ["2024-01..2024-04", ""],
        ),
        ("4月20日前，全市签约项目20个。", "2024-05", [""]),
        # A month dating a one-off event holds for its own sentence only.
        (
            "今年5月，该县成立专班8个。签约的12个项目来自6个专班。",
            "2022-12",
            ["2022-05", "", ""],
        ),
        ("5月，全县签约项目12个。其中工业项目8个。", "2022-12", ["2022-05", "2022-05"]),
        # A year qualifying a numbered batch is not the period of the batch's figures.
        ("2月18日，全市举行2019年第一批重点项目集中开工仪式，共开工项目266个。", "2019-02", [""]),
        # ... but a month naming a periodic batch is the period of the batch's figures.
        (
            "12月18日，全市举行12月重大项目集中签约活动。总投资35亿元的44个项目签约落户。",
            "2020-12",
            ["2020-12", "2020-12"],
        ),
        # 这五年 and 连续两年: the years before the text's (连续N年 in its own clause only).
        ("这五年，全县新建学校12所。", "2021", ["2016..2020"]),
        ("在连续两年增长13%的基础上，今年计划增长9%。", "1994", ["1992..1993", "1994"]),
        ("去年粮食连续五年增产，总产量10570亿斤。", "2009", ["2008"]),
        # 这N年 repeating a span named before is that span; before 内/里 it frames a plan.
        ("从2019至2021年，全县引进企业12家。这三年新增就业3000人。", "2023", ["2019..2021"] * 2),
        ("今年开工项目8个。这五年内，还将新建学校12所。", "2022", ["2022", "2022"]),
        # A bare 今年 after an as-of date in its sentence: as of the date.
        ("截至5月10日，该县今年已引进企业18家。", "2024-05-12", ["..2024-05-10"]),
    ],
)
def test_period_attribution_of_local_news(raw, date, expected):
    assert list(run(raw, date=date)["period_norm"]) == expected


def test_a_line_ending_with_a_colon_frames_the_next_line():
    # The target's frame (目标是, 今年) holds for the figure on the next line.
    out = run("今年的主要目标是：\n地区生产总值增长6%左右。", date="2024")
    assert list(zip(out["modality"], out["period_norm"], strict=True)) == [("planned", "2024")]


@pytest.mark.parametrize(
    ("raw", "surfaces"),
    [
        ("窗口办件只需8分钟即可完成。", ["8分钟"]),  # a time stated after 只需
        ("企业开办不到二十分钟就办好。", ["二十分钟"]),
        ("打造15分钟便民服务圈。", []),  # a name: no duration word before it
    ],
)
def test_boundary_unit_after_a_duration_word_is_a_claim(raw, surfaces):
    assert run(raw)["surface"].tolist() == surfaces


def test_centimetres_millimetres_and_degrees_are_measures():
    out = run("管径为40厘米，降雨量达35毫米，炉温保持在800℃。")
    assert out["surface"].tolist() == ["40厘米", "35毫米", "800°C"]
    assert out["unit"].tolist() == ["米", "米", "°C"]
    assert out["normalized_value"].tolist() == pytest.approx([0.4, 0.035, 800])


@pytest.mark.parametrize("raw", ["今年，该厂年产值达8亿元。", "今年，該廠年產值達8億元。"])
def test_per_year_figure_has_no_period_in_either_script(raw):
    assert one(raw)["period_norm"] == ""


@pytest.mark.parametrize(
    ("raw", "date", "period"),
    [
        ("近三个月，全县新增市场主体120户。", "2023-07-26", "2023-05..2023-07"),
        ("近兩個月，全縣新增市場主體120戶。", "2024-01-15", "2023-12..2024-01"),
        ("近三个月，全县新增市场主体120户。", "2023", ""),  # the month is needed
        # 近 right after a unit opens the period too: 3个月 is no claim of its own.
        ("全县近3个月新增市场主体120户。", "2023-07-26", "2023-05..2023-07"),
    ],
)
def test_recent_months_end_in_the_article_month(raw, date, period):
    assert one(raw, date=date)["period_norm"] == period


def test_scope_word_of_an_honorary_title_is_no_subject():
    out = one("竹山县创建全省文明城市，发放宣传册3000份。", subject="竹山县")
    assert out["subject"] == "竹山县"


def test_duration_after_a_verb_and_near_stays_a_claim():
    assert run("历时近三个月，工程全面完工。")["surface"].tolist() == ["三个月"]


@pytest.mark.parametrize(
    ("raw", "date", "expected"),
    [
        # A base of the year before is 同比 in the name, however written; another year's is
        # named with Arabic digits; the base column keeps what the text wrote.
        ("1955年，工业总产值比1954年增长12%。", "", ("工业总产值同比增长率", "比1954年")),
        ("1955年，工业总产值較一九五四年增長12%。", "", ("工业总产值同比增长率", "較一九五四年")),
        ("今年工业总产值比去年同期增长12%。", "2023-07-01", ("工业总产值同比增长率", "比去年同期")),
        (
            "1957年，工业总产值比一九五二年增长68%。",
            "",
            ("工业总产值比1952年增长率", "比一九五二年"),
        ),
        ("5月，工业总产值比上月增长2%。", "2023-06-01", ("工业总产值环比增长率", "比上月")),
    ],
)
def test_comparison_bases_in_indicator_names(raw, date, expected):
    out = run(raw, date=date)
    assert (out["indicator"].iloc[-1], out["base"].iloc[-1]) == expected

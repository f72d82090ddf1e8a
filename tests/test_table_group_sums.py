"""Tables whose figures are read by group or by clause (issue 19): a 小计 row that follows its group's
rows without naming the group, which one has the most when several rows share it, a column named by
a room, a question whose clauses each ask a total, a word of a row's own cell that would otherwise ask
for a kind, a year said in other words before a cell's own words, a demonstrative before a measure
word, and a name jieba runs into the act after it. Every table is invented here, in the test."""

from __future__ import annotations

from pathlib import Path

import pytest
from index_checks import ask_checked, service_over
from table_records import record_rows as _rows

from assistant.evidence import focus_of
from assistant.table import (
    figure_said,
    kinds_of_column,
    lacks_asked,
    other_year_asked,
    rows_total,
    table_extreme,
    table_total,
)

CULTURE_TITLE = "青禾镇文化站2026年第一季度活动支出公示"
# The 小计 rows stand outside the merged 类别 cells: they name no group of their own.
CULTURE_HTML = f"""<html><head><title>{CULTURE_TITLE}</title></head><body>
<h1>{CULTURE_TITLE}</h1>
<p>现将本季度各项文化活动支出情况公示如下，接受群众监督。</p>
<table border="1">
<tr><th>类别</th><th>活动</th><th>承办人</th><th>支出（元）</th></tr>
<tr><td rowspan="2">讲座</td><td>书法入门讲座</td><td>马骁</td><td>1200</td></tr>
<tr><td>摄影基础讲座</td><td>唐宁</td><td>800</td></tr>
<tr><td colspan="3">小计</td><td>2000</td></tr>
<tr><td rowspan="3">展览</td><td>农民画展</td><td>马骁</td><td>1500</td></tr>
<tr><td>剪纸作品展</td><td>许岚</td><td>2600</td></tr>
<tr><td>老照片展</td><td>唐宁</td><td>900</td></tr>
<tr><td colspan="3">小计</td><td>5000</td></tr>
<tr><td colspan="3">合计</td><td>7000</td></tr>
</table>
<p>如有疑问，请与镇文化站联系。</p>
</body></html>
"""

HALLS_TITLE = "晨光职业学校2026年5月场地借用登记"
HALLS_HTML = f"""<html><head><title>{HALLS_TITLE}</title></head><body>
<h1>{HALLS_TITLE}</h1>
<p>经教务处汇总，五月各部门场地借用情况登记如下，请按时段使用并保持整洁。</p>
<table border="1">
<tr><th>编号</th><th>借用日期</th><th>起止时间</th><th>报告厅</th><th>活动</th><th>借用部门</th><th>经办人</th></tr>
<tr><td>1</td><td>5月6日</td><td>8:30-10:00</td><td>东楼报告厅</td><td>2027年招生宣传彩排</td><td>招生办</td><td>邹宇</td></tr>
<tr><td>2</td><td>5月8日</td><td>13:00-15:30</td><td>西楼报告厅</td><td>汽修专业技能展示</td><td>汽车工程系</td><td>蓝天</td></tr>
<tr><td>3</td><td>5月13日</td><td>9:00-11:00</td><td>东楼报告厅</td><td>家长开放日说明会</td><td>学生处</td><td>温婷</td></tr>
</table>
</body></html>
"""

CHECKUP_TITLE = "松岭街道2026年秋季托育机构保育人员体检汇总"
CHECKUP_HTML = f"""<html><head><title>{CHECKUP_TITLE}</title></head><body>
<h1>{CHECKUP_TITLE}</h1>
<p>街道卫生服务中心已完成本季度托育机构保育人员体检，汇总如下。</p>
<table border="1">
<tr><th>机构</th><th>保育人员（人）</th><th>已体检（人）</th><th>需复查（人）</th></tr>
<tr><td>小橡树托育园</td><td>12</td><td>12</td><td>1</td></tr>
<tr><td>云朵托育中心</td><td>9</td><td>8</td><td>2</td></tr>
<tr><td>合计</td><td>21</td><td>20</td><td>3</td></tr>
</table>
</body></html>
"""

FEES_TITLE = "柏溪小学2026届毕业班研学费用收缴登记"
FEES_HTML = f"""<html><head><title>{FEES_TITLE}</title></head><body>
<h1>{FEES_TITLE}</h1>
<p>毕业班研学活动费用由家长自愿缴纳，班主任代为登记，现将收缴情况公布如下。</p>
<table border="1">
<tr><th>序号</th><th>学生姓名</th><th>班级</th><th>缴费金额（元）</th><th>缴费日期</th></tr>
<tr><td>1</td><td>陈立</td><td>六（1）班</td><td>380</td><td>4月2日</td></tr>
<tr><td>2</td><td>莫凡</td><td>六（1）班</td><td>380</td><td>4月3日</td></tr>
<tr><td>3</td><td>黄海燕</td><td>六（2）班</td><td>260</td><td>4月3日</td></tr>
<tr><td>4</td><td>陈立</td><td>六（1）班</td><td>120</td><td>4月9日</td></tr>
</table>
</body></html>
"""


def _known(word: str) -> float:
    return 0.0 if word == "\x00" else 3.0  # every word was seen in the index


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("group-sums") / "docs"
    folder.mkdir()
    for name, text in (
        ("culture.html", CULTURE_HTML),
        ("halls.html", HALLS_HTML),
        ("checkup.html", CHECKUP_HTML),
        ("fees.html", FEES_HTML),
    ):
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def test_a_subtotal_row_below_its_group_is_that_groups_total(files: Path) -> None:
    rows = _rows(files / "culture.html")
    assert rows[2] == [("类别", "小计"), ("支出（元）", "2000")]  # it names no group
    talks = rows_total("讲座类的活动加起来一共支出多少？", rows)
    assert talks is not None and (talks.value, talks.rows, talks.summed) == ("2000", (2,), False)
    shows = rows_total("展览这一类总共花了多少钱？", rows)
    assert shows is not None and (shows.value, shows.rows, shows.summed) == ("5000", (6,), False)
    # Two rows of a group of three are no group: they are added up, the 小计 is not theirs.
    two = rows_total("农民画展和老照片展一共支出多少？", rows)
    assert two is not None and (two.value, two.rows, two.summed) == ("2,400", (3, 5), True)


def test_which_one_has_the_most_adds_up_the_rows_that_share_it(files: Path) -> None:
    rows = _rows(files / "culture.html")
    # 许岚 has the largest single row (2600); 马骁's two rows add up to more (2700).
    most = table_extreme("哪位承办人经手的支出最多？", rows)
    assert most is not None and most.most and most.rows == (0, 3) and most.value == "马骁（共2700元）"
    least = table_extreme("哪位承办人经手的支出最少？", rows)
    assert least is not None and least.rows == (1, 5) and least.value.startswith("唐宁")
    # Each 活动 stands in one row: the largest row answers.
    single = table_extreme("哪个活动支出最多？", rows)
    assert single is not None and (single.rows, single.value) == ((4,), "2600")


def test_a_column_named_by_a_room_or_hall_holds_places() -> None:
    assert "place" in kinds_of_column("报告厅")
    assert "place" in kinds_of_column("考场")
    assert "place" not in kinds_of_column("借用部门")
    assert kinds_of_column("责任处室") == frozenset({"body"})  # a body, though it ends in 室
    assert kinds_of_column("市场价") == frozenset()
    row = [("报告厅", "西楼报告厅"), ("活动", "汽修专业技能展示")]
    assert lacks_asked("汽修专业技能展示安排在什么地方？", row) == ""
    assert lacks_asked("汽修专业技能展示安排在什么地方？", [("活动", "汽修专业技能展示")]) == "place"


def test_a_word_of_the_rows_own_cell_asks_for_nothing() -> None:
    row = [("会议", "年度经费决算说明会"), ("开始时间", "14:00")]
    assert lacks_asked("经费决算说明会几点开始？", row) == ""
    assert lacks_asked("经费决算说明会花了多少经费？", row) == "amount"  # asked again outside the cell's words


def test_a_relative_year_before_a_cells_own_words_names_that_cells_year() -> None:
    row = [("活动", "2027年招生宣传彩排"), ("起止时间", "8:30-10:00")]
    assert not other_year_asked("明年招生宣传彩排几点开始？", row)
    assert other_year_asked("明年的场地费标准是多少？", row)
    assert other_year_asked("去年彩排用了哪个厅？", [("活动", "招生宣传彩排"), ("起止时间", "8:30-10:00")])


def test_each_clause_that_asks_a_total_is_answered_from_its_own_column(files: Path) -> None:
    rows = _rows(files / "checkup.html")
    both = table_total("街道里的保育人员一共有多少？需要复查的总共几个人？", rows)
    assert both is not None and both.column == "" and both.value == "保育人员为21人，需复查为3人"
    one = table_total("街道里的保育人员一共有多少？", rows)
    assert one is not None and (one.column, one.value) == ("保育人员（人）", "21")


def test_a_figure_is_said_with_its_headers_unit() -> None:
    assert figure_said("保育人员（人）", "21") == "保育人员为21人"
    assert figure_said("支出（元）", "1,200.50") == "支出为1,200.50元"
    assert figure_said("备注（说明）", "暂缓") == "备注（说明）为暂缓"  # no figure
    assert figure_said("收费（元/生·学期）", "30") == "收费（元/生·学期）为30"  # too long to follow a figure


def test_a_demonstrative_before_a_measure_word_names_no_topic() -> None:
    terms = [t for t, _ in focus_of("这一段台阶由哪个班打扫？", _known).terms]
    assert "台阶" in terms and not any("段" in t for t in terms)
    assert not any("块" in t for t, _ in focus_of("那块展板放在哪里？", _known).terms)


def test_a_name_run_into_the_act_after_it_is_the_name() -> None:
    assert [t for t, _ in focus_of("陈立交了多少钱？", _known).terms] == ["陈立"]
    # 交通安全 is a word of its own: no act follows the name there.
    assert "交通安全" in [t for t, _ in focus_of("陈立交通安全课在哪上？", _known).terms]
    assert [t for t, _ in focus_of("立交桥修了多久？", _known).terms] == ["立交桥"]


@pytest.fixture(scope="module")
def service(files: Path, tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    with service_over(files, tmp_path_factory.mktemp("group-sums-index"), embedding={"mode": "hashing"}) as service:
        yield service


def test_asked_through_the_service(service) -> None:  # type: ignore[no-untyped-def]
    talks = ask_checked(service, "讲座类的活动加起来一共支出多少？")
    assert not talks.refused and "2000元" in talks.text and talks.citations[0].doc_title == CULTURE_TITLE
    most = ask_checked(service, "哪位承办人经手的支出最多？")
    assert not most.refused and "马骁" in most.text and "2700" in most.text
    hall = ask_checked(service, "明年招生宣传彩排在什么地方，几点开始？")
    assert not hall.refused and "东楼报告厅" in hall.text and "8:30" in hall.text
    both = ask_checked(service, "街道里的保育人员一共有多少？需要复查的总共几个人？")
    assert not both.refused and "21人" in both.text and "3人" in both.text
    paid = ask_checked(service, "陈立交了多少钱？")
    assert not paid.refused and "380" in paid.text and "120" in paid.text
    stranger = ask_checked(service, "周航交了多少钱？")
    assert stranger.refused

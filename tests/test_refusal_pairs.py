"""Invented question pairs over two bundled laws (data/教师法, data/义务教育法): in each pair one question the laws
answer and one, on the same topic, whose asked thing they do not state (how many days, which documents, a case
they do not address). The second must be refused with 资料中…; the first answered with a citation. The wording
and the situations are written for this file, not taken from any evaluation set: they check that the evidence
judge's rules hold beyond the questions they were fitted on.

Questions whether a case the laws do not address may be done (行政拘留 where the law names 有期徒刑, 奖金 where it
speaks of 公用经费 standards), and one for the steps of an act the law only forbids for younger children, are
answered today by the rule for the neighbouring case, and so is a count of days of leave asked where the laws give
only a date and paid holidays without a figure (the rule that required 假 near the figure was dropped: it refused a
blind evaluation item whose text says the act in other words): they are marked xfail (strict), so that a change that
refuses them must also clear the mark."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

DATA = Path(__file__).resolve().parent.parent / "data"
LAWS = ("教师法(2009-08-27).md", "义务教育法(2018-12-29).md")

# (answered by the laws, on the same topic but not answered by them)
PAIRS = (
    ("学校想请外籍老师，外籍教师的聘任办法是哪个部门规定的？", "教师节当天老师能放几天假？"),
    ("一个中等师范学校毕业的人，学历够不够取得小学教师资格？", "考小学教师资格证一共要考几门科目？"),
    ("我想去初中任教，教师资格要找哪一级的部门认定？", "申请认定教师资格要交多少手续费？"),
    ("教师第一次任教时有没有试用期？", "教师第一次任教，试用期是几个月？"),
    ("因故意犯罪被判有期徒刑的人，还能取得教师资格吗？", "因为打架被行政拘留过的人，能不能取得教师资格？"),
    ("教师的平均工资水平不能低于哪类人员？", "教师绩效工资占工资总额的比例是多少？"),
    ("在特殊教育学校教书的老师，有没有额外的补助？", "特教老师的补助津贴从哪一年开始发放？"),
    ("实施义务教育收不收学费、杂费？", "义务教育阶段学生的校服费应该由谁来出？"),
    ("儿童年满几周岁，父母就应当送其入学？", "孩子上小学报名时需要带上哪些证件？"),
    ("老师能不能体罚犯了错的学生？", "学生上课玩手机，老师能不能把手机没收？"),
    ("教科书的价格由谁来确定？", "教科书一般隔几年换一次版本？"),
    ("学校能不能向学生推销商品？", "学校能不能在校园里开小卖部？"),
    ("山区孩子住得分散、上学太远，县级政府可以怎么解决？", "寄宿制学校每间宿舍最多住几个学生？"),
    ("用人单位可以招用应当接受义务教育的少年吗？", "用人单位招用十六岁的未成年工，需要办理什么手续？"),
    ("教师的聘任合同由谁和谁签订？", "教师的聘任合同一般一签几年？"),
    ("用过的教科书国家鼓励怎么处理？", "评中小学高级职务要发表几篇论文？"),
    ("学校是否应当对学生开展安全教育？", "学校的安全制度要多久修订一次？"),
    ("父母在外地打工，孩子能在父母工作的地方上学吗？", "在外地随父母上学的孩子，能在当地参加中考吗？"),
    ("对家庭经济困难的适龄儿童，政府提供哪些帮助？", "家庭经济困难的学生每年能领多少助学金？"),
    ("未经审定的教科书能不能选用？", "教辅资料能不能由学校统一征订？"),
    ("国务院哪个部门主管全国的教师工作？", "教师的职称证书由哪个部门发放？"),
    ("教师享有哪些权利？", "教师每年参加培训的学时不得少于多少？"),
    ("残疾儿童能在普通学校随班就读吗？", "随班就读的残疾学生考试能不能延长答题时间？"),
    ("国家对义务教育经费实行什么样的保障？", "学校的公用经费能不能用来给教师发奖金？"),
)

# Unanswerable questions the judge answers today (see the module's docstring).
KNOWN_ANSWERED = frozenset(
    {
        "因为打架被行政拘留过的人，能不能取得教师资格？",
        "随班就读的残疾学生考试能不能延长答题时间？",
        "学校的公用经费能不能用来给教师发奖金？",
        "学生上课玩手机，老师能不能把手机没收？",
        "用人单位招用十六岁的未成年工，需要办理什么手续？",
        "教师节当天老师能放几天假？",
    }
)


@pytest.fixture(scope="module")
def service(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    """A GovdocService (default embedder) over the two bundled laws, built once."""
    from govdoc.service import GovdocService
    from govdoc.settings import Settings

    root = tmp_path_factory.mktemp("pairs")
    docs = root / "docs"
    docs.mkdir()
    for name in LAWS:
        shutil.copy(DATA / name, docs / name)
    built = GovdocService(Settings(data_dir=docs, store={"index_dir": root / "index"}))
    report = built.ingest([docs])
    assert not report.errors, report.errors
    yield built
    built.close()


def _cases() -> list[object]:
    out: list[object] = []
    for answerable, unanswerable in PAIRS:
        out.append(pytest.param(answerable, True, id=answerable))
        marks = [pytest.mark.xfail(strict=True, reason="a neighbouring case's rule is quoted")] if unanswerable in KNOWN_ANSWERED else []
        out.append(pytest.param(unanswerable, False, id=unanswerable, marks=marks))
    return out


def test_the_pairs_are_distinct_and_many() -> None:
    questions = [q for pair in PAIRS for q in pair]
    assert len(PAIRS) >= 20 and len(set(questions)) == len(questions)
    assert {u for _, u in PAIRS} >= KNOWN_ANSWERED


@pytest.mark.slow
@pytest.mark.parametrize(("question", "answerable"), _cases())
def test_answered_only_when_the_laws_state_what_is_asked(service, question: str, answerable: bool) -> None:  # type: ignore[no-untyped-def]
    from govdoc.accounts import LOCAL

    answer = service.ask(question, who=LOCAL)
    if answerable:
        assert not answer.refused, answer.notes
        assert answer.citations and all(c.doc_title for c in answer.citations)
    else:
        assert answer.refused, answer.text

"""A row named in other words than its cells write (电子放大镜 of a row for 数码显微镜): pointed at by meaning when
its subject is the closest of its table's to the question by a margin, and so for each word of the question
that the table does not write. The similarity is a stand-in with set cosines; the tables are invented."""

from __future__ import annotations

from collections.abc import Sequence

from assistant.evidence import focus_of
from assistant.judge import Gate
from assistant.table import closest_subject, rows_meant
from ingest.types import Chunk

LAB = [
    [("序号", "1"), ("设备名称", "数码显微镜"), ("数量（台）", "6"), ("单价（元）", "1800")],
    [("序号", "2"), ("设备名称", "恒温水浴锅"), ("数量（台）", "2"), ("单价（元）", "950")],
    [("序号", "3"), ("设备名称", "离心机"), ("数量（台）", "1"), ("单价（元）", "4200")],
    [("序号", "合计"), ("设备名称", ""), ("数量（台）", "9"), ("单价（元）", "")],
]

# Cosines a stand-in embedder gives: each text its own closeness to each subject, 0.80 to any other.
CLOSE = {
    ("电子放大镜", "数码显微镜"): 0.93,
    ("电子放大镜这回添了几台？", "数码显微镜"): 0.92,
    ("电子放大镜这回添了几台？", "离心机"): 0.85,
    ("保修", "离心机"): 0.82,
    ("电子放大镜保修几年？", "数码显微镜"): 0.91,
    ("热水锅买了几台？", "恒温水浴锅"): 0.86,
    ("热水锅买了几台？", "数码显微镜"): 0.85,
    ("热水锅", "恒温水浴锅"): 0.9,
    ("放大镜", "数码显微镜"): 0.9,
    ("放大镜总共添了几台？", "数码显微镜"): 0.9,
}


def fake(query: str, texts: Sequence[str]) -> list[float]:
    return [CLOSE.get((query, t), 0.80) for t in texts]


def test_the_closest_subject_needs_a_margin_over_the_next() -> None:
    names = ["数码显微镜", "恒温水浴锅", "离心机"]
    assert closest_subject("电子放大镜这回添了几台？", names, fake, 0.03) == 0
    assert closest_subject("电子放大镜这回添了几台？", names, fake, 0.08) is None  # 0.92 against 0.85
    assert closest_subject("电子放大镜", ["数码显微镜"], fake, 0.0) is None  # no rival: nothing to be closer than


def test_a_row_named_in_other_words_is_meant() -> None:
    at, words = rows_meant("电子放大镜这回添了几台？", ["电子放大镜", "几台"], LAB, fake, 0.03)
    assert at == (0,)
    assert words == ("电子放大镜",)


def test_a_word_that_points_elsewhere_or_nowhere_means_no_row() -> None:
    # 保修 is not what the table writes, and it is close to no subject: the table does not say it.
    assert rows_meant("电子放大镜保修几年？", ["电子放大镜", "保修"], LAB, fake, 0.03) == ((), ())


def test_too_small_a_margin_means_no_row() -> None:
    # The question is barely closer to 恒温水浴锅 than to 数码显微镜.
    assert rows_meant("热水锅买了几台？", ["热水锅"], LAB, fake, 0.03) == ((), ())


def test_words_the_table_writes_leave_nothing_to_mean() -> None:
    assert rows_meant("离心机买了几台？", ["离心机", "几台"], LAB, fake, 0.0) == ((), ())


def test_a_subject_shared_by_rows_is_no_one_row() -> None:
    twice = [*LAB[:3], [("序号", "4"), ("设备名称", "数码显微镜"), ("数量（台）", "2"), ("单价（元）", "3600")]]
    assert rows_meant("电子放大镜这回添了几台？", ["电子放大镜"], twice, fake, 0.03) == ((), ())


def test_the_gate_sets_aside_the_words_that_mean_the_row() -> None:
    chunk = Chunk("c", "d", "某校实验室设备采购清单", "lab.html", "", None, 0, 1, "x")
    question = "放大镜总共添了几台？"
    focus = focus_of(question, lambda term: 3.0)
    at, words = rows_meant(question, [t for t, _ in focus.terms], LAB, fake, 0.03)
    assert at == (0,) and words == ("放大镜",)
    gate = Gate()
    assert gate.names_row(focus, LAB[0], chunk, question, question, pointed=True, meant=words)
    # Without the words that mean it, the row does not hold what the question names.
    assert not gate.names_row(focus, LAB[0], chunk, question, question, pointed=False)


def test_shared_characters_add_to_the_meaning() -> None:
    fees = ["作业本费", "课后服务费", "住宿费"]
    close = {("本子费", "课后服务费"): 0.86, ("本子费", "作业本费"): 0.85}

    def cosine(query: str, texts: Sequence[str]) -> list[float]:
        return [close.get((query, t), 0.80) for t in texts]

    # By meaning alone the wrong fee is closest; with the characters the two share (本, 费) the right one is.
    assert closest_subject("本子费", fees, cosine, 0.005) == 1
    assert closest_subject("本子费", fees, cosine, 0.005, chars=0.1) == 0

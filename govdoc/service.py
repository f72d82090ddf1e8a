"""One object that the CLI, the web app, the HTTP API and evals all call: ask, stream, ingest, list, remove.

It is built from one `Settings` and assembles the parts (index, embedder, retriever, answerers)
lazily, so constructing it costs nothing and a text-only command never loads a model it does not use.
"""

from __future__ import annotations

import datetime
import errno
import hashlib
import re
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from assistant.answer import ExtractiveAnswerer
from assistant.article_ask import ArticleQuoter
from assistant.changes import ChangeLister
from assistant.cited import cited_documents, prefer_cited
from assistant.config import AnswerMode, RetrievalMode
from assistant.dates_ask import DateTeller
from assistant.followup import Resolved, ask_whole, needs_previous, resolve_follow_up
from assistant.judge import EvidenceJudge
from assistant.retrieve import Retriever
from assistant.similarity import KeptSimilarity
from assistant.sources import previous_answer, streamed_sample_lead, with_sample_lead
from assistant.types import REFUSAL, Answer, Hit
from assistant.versions import VersionedAnswerer, plan, stamp, with_versions
from assistant.warm import warm_meanings
from govdoc.access import Access
from govdoc.accounts import Accounts, Principal
from govdoc.audit import AuditLog
from govdoc.conversations import Conversations
from govdoc.conversations import Turn as KeptTurn
from govdoc.feedback import TESTSET_FOLDER, FeedbackStore
from govdoc.indexing import ensure_index, file_reader, open_index, run_ingest
from govdoc.inputs import Turn, check_text, recent_history
from govdoc.kbs import SHARED, KbError, KnowledgeBases
from govdoc.permissions import Forbidden, Permissions, Scope, ScopedRetriever
from govdoc.projectdb import close_place, project_place
from govdoc.quarantine import Quarantine, Recovered
from govdoc.replacement import Replacements, put_back, replaced_upload
from govdoc.settings import Settings
from govdoc.sourcename import named_answer, named_citations, shown_name, source_name
from govdoc.uploads import (
    StoredUpload,
    UploadError,
    check_upload,
    is_upload,
    replace_upload,
    set_aside,
    store_upload,
    upload_folder,
    uploads_dir,
)
from govdoc.versions import version_groups, with_version_changes
from ingest.articles import Change
from ingest.backlog import BacklogWorker
from ingest.errors import IngestError
from ingest.meanings import VectorBook
from ingest.pipeline import IngestReport, source_key, under
from ingest.revision import compare
from ingest.role import check_role, title_role
from ingest.store import Backlog, NotInIndexError
from ingest.types import Chunk
from ingest.version import KeptVersions, Override, Version
from ingest.worker import IsolatedReader

if TYPE_CHECKING:
    from assistant.draft import Draft
    from ingest.backend import IndexStore
    from ingest.embed import Embedder
    from ingest.pipeline import ProgressEvent
    from ingest.store import DocInfo
    from ingest.types import Chunk, Document



_DATE_FORMAT = re.compile(r"\d{4}(?:-\d{2}(?:-\d{2})?)?")
DATA_FOLDER_WORDS = "资料文件夹"  # the audit log's object for 重新整理资料: the folder in words, its place in the detail
REMOVED_UPLOADS = "已移出索引的上传文件"  # in store.index_dir: uploads kept when their documents were removed


def _valid_date(text: str) -> bool:
    """Whether ``text`` is a version date: a year, a year and month, or a day of the calendar."""
    if not _DATE_FORMAT.fullmatch(text):
        return False
    parts = [int(p) for p in text.split("-")]
    try:
        datetime.date(*parts, *[1] * (3 - len(parts)))
    except ValueError:
        return False
    return True


class GovdocService:
    """The application's operations, shared by every entry point. Thread-safe for concurrent questions."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self._lock = threading.RLock()
        self._writing = threading.RLock()  # one writer at a time: uploads, ingest, removal
        self.quarantine = Quarantine(settings.store.index_dir)
        # accounts, knowledge bases, the audit log, conversations and feedback: beside the index, or in PostgreSQL
        db = self.project_db = project_place(settings.store)
        self.accounts = Accounts(db)
        self.kbs = KnowledgeBases(db)
        self.audit = AuditLog(db, log_questions=settings.access.log_questions)
        self.conversations = Conversations(db)
        self.feedback = FeedbackStore(db, settings.store.index_dir / TESTSET_FOLDER)
        self.permissions = Permissions(self.kbs)
        keys = [k.get_secret_value().encode("utf-8") for k in settings.api.keys if k.get_secret_value()]
        self.access = Access(self.accounts, keys)
        self._index: IndexStore | None = None
        self._embedder: Embedder | None = None
        self._retriever: Retriever | None = None
        self._extractive: ExtractiveAnswerer | None = None
        self._judge: EvidenceJudge | None = None
        self._similarity: KeptSimilarity | None = None
        self._book: VectorBook | None = None
        self._versions = KeptVersions()
        self._llm: Any = None
        self._backlog: BacklogWorker | None = None

    # -- parts -----------------------------------------------------------------------------
    @property
    def index(self) -> IndexStore:
        with self._lock:
            if self._index is None:
                self._index, self._embedder = open_index(self.settings)
            return self._index

    @property
    def embedder(self) -> Embedder:
        self.index  # noqa: B018 - opening the index builds the embedder
        assert self._embedder is not None
        return self._embedder

    @property
    def retriever(self) -> Retriever:
        with self._lock:
            if self._retriever is None:
                self._retriever = Retriever(self.index, self.embedder, self.settings.retrieval)
            return self._retriever

    @property
    def extractive(self) -> ExtractiveAnswerer:
        with self._lock:
            if self._extractive is None:
                judge = self.judge
                self._extractive = ExtractiveAnswerer(
                    self.retriever.bm25,
                    judge,
                    following=lambda c: self.index.next_chunk(c.id),
                    document=self.index.document_chunks,
                    similarity=self.similarity,
                )
            return self._extractive

    def extractive_for(self, who: Principal) -> ExtractiveAnswerer:
        """The extractive answerer for ``who``: a question's words weighed and looked up only in the
        documents ``who`` may read. The index's word counts span every knowledge base; were they used, which
        word a refusal names (查到的相关内容里没有提到「…」) would tell a reader whether a word is in a
        base they may not read."""
        readable = self.permissions.scope(who, self.index).doc_ids
        if readable is None:
            return self.extractive
        retriever = self.retriever
        return self.extractive.weighing(lambda: retriever.stats(readable))

    @property
    def similarity(self) -> KeptSimilarity:
        """The index's embedder's cosine of a query to texts, vectors kept (built on first use)."""
        with self._lock:
            if self._similarity is None:
                self._similarity = KeptSimilarity(self.embedder, book=self.book)
            return self._similarity

    @property
    def book(self) -> VectorBook:
        """The index's book of the short texts' vectors answers compare by meaning (`assistant.warm`)."""
        with self._lock:
            if self._book is None:
                self._book = VectorBook.beside(self.index.root, self.embedder.dim)
            return self._book

    def warm(self, stop: threading.Event | None = None) -> bool:
        """Embed ahead what answers compare by meaning (`assistant.warm.warm_meanings`), when the judge
        compares by this index's embedder and warming is on; True when every chunk is done (or none needs it)."""
        if not self.settings.embedding.warm_meanings or not self.judge.same_embedder:
            return True
        warm_meanings(self.index, self.embedder, self.book, batch_size=self.settings.embedding.batch_size, stop=stop)
        return stop is None or not stop.is_set()

    @property
    def judge(self) -> EvidenceJudge:
        """The one evidence judge (built on first use)."""
        with self._lock:
            if self._judge is None:
                self._judge = EvidenceJudge.from_settings(self.settings.judge, self.settings.embedding.mode)
            return self._judge

    def llm(self) -> Any:
        """The LLM answerer for the configured endpoint (built on first use)."""
        with self._lock:
            if self._llm is None:
                from assistant.llm import LLMError, make_llm_answerer

                mode = self.settings.llm.configured_mode()
                if mode is None:
                    raise LLMError("未配置大模型：请设置 llm.base_url（OpenAI 兼容接口）或 llm.model_path（本地 GGUF 文件）")
                llm_settings = self.settings.llm.model_copy(update={"mode": mode})
                self._llm = make_llm_answerer(llm_settings, self.extractive)
            return self._llm

    def close(self) -> None:
        """Stop the vector thread after its batch in flight, then release the index (Chroma, sqlite) and the
        project database's connections (PostgreSQL; a later use opens them again)."""
        close_place(self.project_db)
        # The vector thread is stopped outside the lock: its follow-up (`warm`) takes the lock to build the
        # judge, and a close that waited for the thread while holding it would wait forever.
        with self._lock:
            backlog, self._backlog = self._backlog, None
        if backlog is not None:
            backlog.stop()
        with self._lock:
            if self._index is not None:
                self._index.close()
            if self._book is not None:
                self._book.close()
            self._index = self._retriever = self._extractive = None
            self._similarity = None
            self._book = None

    # -- questions -------------------------------------------------------------------------
    def retrieve(
        self,
        question: str,
        *,
        retrieval: RetrievalMode | None = None,
        k: int | None = None,
        doc_ids: list[str] | None = None,
    ) -> tuple[list[Hit], float]:
        """Passages for a question and the milliseconds it took."""
        t0 = time.perf_counter()
        hits = self.retriever.retrieve(question, k=k, mode=retrieval, doc_ids=doc_ids)
        return hits, (time.perf_counter() - t0) * 1000.0

    def checked(self, question: str, history: Sequence[Turn] = ()) -> tuple[str, list[Turn]]:
        """The question as accepted and the history as kept (see `ask_stream`).

        Raises:
            InputError: the question is too long or not valid Unicode.
        """
        limits = self.settings.input
        return check_text(question, limits.question_max_chars, "问题"), recent_history(history, limits.history_max_chars)

    def standalone(self, question: str, history: Sequence[Turn], mode: AnswerMode) -> Resolved:
        """The question rewritten to stand alone, using the conversation so far, with the things a
        follow-up newly names (offline rewrite only: an LLM's rewrite says nothing of them). A turn that
        leans on a previous question when there is none is unclear (`Resolved.unclear`), in every mode."""
        if not history:
            return Resolved(question, unclear=needs_previous(question))
        if mode != "extractive":
            return Resolved(str(self.llm().rewrite(question, history)))
        return resolve_follow_up(question, history, similarity=self.similarity)

    def cited_before(self, history: Sequence[Turn], scope: list[str] | None) -> list[str]:
        """The documents within ``scope`` (None: all) that the previous answer in ``history`` quoted."""
        settings = self.settings.retrieval

        def find(line: str) -> list[Chunk]:
            return [h.chunk for h in self.retriever.retrieve(line, k=settings.k, mode="bm25", doc_ids=scope)]

        return cited_documents(previous_answer(history), find, settings.cited_min_chars)

    def ask(
        self,
        question: str,
        history: Sequence[Turn] = (),
        *,
        who: Principal,
        mode: AnswerMode | None = None,
        retrieval: RetrievalMode | None = None,
        k: int | None = None,
        doc_ids: list[str] | None = None,
        kbs: Sequence[str] | None = None,
    ) -> Answer:
        """Answer a question from the documents ``who`` may read, with checked citations or the refusal phrase."""
        final: Answer | None = None
        for item in self.ask_stream(
            question, history, who=who, mode=mode, retrieval=retrieval, k=k, doc_ids=doc_ids, kbs=kbs
        ):
            if isinstance(item, Answer):
                final = item
        assert final is not None
        return final

    def ask_stream(
        self,
        question: str,
        history: Sequence[Turn] = (),
        *,
        who: Principal,
        mode: AnswerMode | None = None,
        retrieval: RetrievalMode | None = None,
        k: int | None = None,
        doc_ids: list[str] | None = None,
        kbs: Sequence[str] | None = None,
    ) -> Iterator[str | Answer]:
        """Yield text pieces as they are produced, then the final checked `Answer`.

        The question and the history are checked first (`govdoc.inputs`): a question over
        ``input.question_max_chars`` or with a lone surrogate raises `InputError` before any
        retrieval; history beyond ``input.history_max_chars`` is dropped, oldest first.

        The pieces of an LLM answer are raw model output; the final Answer's text is the checked
        one (unknown markers removed) and is what should be kept and shown at the end.
        """
        question, history = self.checked(question, history)
        spent: list[float] = []

        def retrieve(text: str, ids: list[str] | None) -> list[Hit]:
            hits, ms = self.retrieve(text, retrieval=retrieval, k=self.retriever.depth(text, k), doc_ids=ids)
            spent.append(ms)
            return self.retriever.for_answer(text, hits, k)

        # The audit row is written while the question is worked on, and stored before any of the answer leaves.
        unclear: Answer | None = None
        listed: Answer | None = None
        with self.audit.recording(who.name, "ask", question):
            scope = self.permissions.scope(who, self.index, kbs, doc_ids)
            if not scope.empty:
                mode = mode or self.settings.llm.mode
                resolved = self.standalone(question, history, mode)
                if resolved.unclear:  # nothing is answered: the user is asked for the whole question
                    unclear = Answer(question=question, text=ask_whole(resolved), refused=True, verified=False)
                else:
                    query = resolved.question
                    versions = self.versions_for(who, kbs)
                    # Asked what changed between versions (修订后删去了哪些规定？): the article comparison
                    # answers, in either mode.
                    earlier = [text for role, text in reversed(history) if role == "user"]
                    listed = self._structured(query, versions, scope.doc_ids, earlier)
                    if listed is not None:
                        answer = listed
                    elif mode == "extractive":
                        answerer = VersionedAnswerer(retrieve, self.extractive_for(who), self.judge, self.index)
                        answer = answerer.answer(query, versions, scope.doc_ids, resolved.new_terms, resolved.compared)
                        if query != question and not answer.refused and self.settings.retrieval.followup_cited_first:
                            # A follow-up is about what the previous answer was about: its documents are preferred.
                            # The other versions of a document quoted are that document too (原来呢？ after an
                            # answer from the current text is answered from the earlier one).
                            answer = prefer_cited(
                                answer,
                                [
                                    d
                                    for d in with_versions(self.cited_before(history, scope.doc_ids), versions)
                                    if scope.doc_ids is None or d in scope.doc_ids
                                ],
                                lambda cited: answerer.answer(query, versions, cited, resolved.new_terms, resolved.compared),
                            )
                    else:
                        # An LLM answers from the current versions (or those the question names) only.
                        chosen = plan(query, versions, scope.doc_ids, resolved.compared)
                        hits = retrieve(chosen.asked or query, chosen.primary)
        if scope.empty:
            refusal = Answer(question=question, text=REFUSAL, refused=True, verified=False)
            yield from _pieces(refusal.text)
            yield refusal
            return
        if unclear is not None:
            yield from _pieces(unclear.text)
            yield _finish(unclear, question, 0.0)
            return
        if mode == "extractive" or listed is not None:
            finished = self._named(_finish(answer, question, sum(spent), query))
            yield from _pieces(finished.text)
            yield finished
            return
        # An answer quoting samples only says so first (`with_sample_lead`): known before the model writes, when
        # every passage it is given is a sample's, so its first piece is that line and the checked text agrees.
        lead = streamed_sample_lead(hits)
        if lead:
            yield lead
        for item in self.llm().checking_with(self.extractive_for(who)).stream(query, hits):
            if isinstance(item, Answer):
                item = replace(item, citations=stamp(item.citations, versions))
                yield self._named(_finish(item, question, sum(spent), query))
            else:
                yield item

    def draft(
        self,
        topic: str,
        outline: Sequence[str] | None = None,
        *,
        genre: str | None = None,
        length: int | None = None,
        mode: AnswerMode | None = None,
        who: Principal,
        kbs: Sequence[str] | None = None,
        doc_ids: Sequence[str] | None = None,
        all_versions: bool = False,
    ) -> Draft:
        """Draft a report on ``topic`` from the documents ``who`` may read (see `assistant.draft.Drafter.draft`),
        within ``kbs`` and ``doc_ids`` when chosen; of a document with several versions only the current one,
        unless ``all_versions``."""
        from assistant.draft import Drafter, DraftSettings

        limit = self.settings.input.topic_max_chars
        check_text(topic + "".join(outline or ()), limit, "起草主题和提纲")
        mode = mode or self.settings.llm.mode
        writer = None if mode == "extractive" else self.llm().chat
        self.audit.record(who.name, "draft", topic)
        scope = self.permissions.scope(who, self.index, kbs, doc_ids)
        versions = self.versions_for(who, kbs)
        if not all_versions:
            scope = Scope(plan("", versions, scope.doc_ids).primary)
        scoped = ScopedRetriever(self.retriever, scope, self.settings.retrieval.draft_bm25_weight)
        knobs = DraftSettings(default_role=self.settings.ingest.default_role)
        listed = self.documents(who, kbs)
        roles = {d.doc_id: d.role for d in listed}
        drafter = Drafter(
            scoped,
            self.extractive_for(who),
            writer=writer,
            fallback=self.settings.llm.fallback_extractive,
            settings=knobs,
            roles=roles,
            titles={d.doc_id: d.title for d in listed},
        )
        drafted = drafter.draft(topic, outline, genre, length)
        # A part on what a revision changed is stated from the comparison of the named document's versions.
        drafted = with_version_changes(
            drafted, versions.values(), lambda a, b: compare(self.index.document_text(a.doc_id), self.index.document_text(b.doc_id))
        )
        return replace(drafted, citations=named_citations(stamp(drafted.citations, versions), self.settings.data_dir))

    # -- vectors (phase two of ingest) -----------------------------------------------------------
    def start_vectors(self, on_error: Callable[[BaseException], None] | None = None) -> None:
        """Embed the chunks that wait for vectors in a background thread, now and after every later
        ingest; from then on ingest, refresh and upload return once their files are searchable by BM25."""
        with self._lock:
            if self._backlog is not None:
                return
            self._backlog = BacklogWorker(
                self.index,
                self.embedder,
                batch_size=self.settings.embedding.batch_size,
                on_error=on_error,
                nice=self.settings.embedding.background_nice,
                after=self.warm,
            )
            self._backlog.start()

    def wait_for_vectors(self, timeout: float | None = None) -> bool:
        """Block until the background thread finds no chunk waiting; True at once when none runs."""
        backlog = self._backlog
        return True if backlog is None else backlog.wait_idle(timeout)

    def vector_status(self, who: Principal | None = None) -> VectorStatus:
        """Documents, chunks, chunks waiting for vectors, and the seconds left (None: unknown).

        Args:
            who: count only what this user may read (None: the whole index, for the command line).
                The time left is the whole backlog's: vectors are made in one queue for everyone,
                at the rate the index records for whichever process embeds them (`Index.vector_rate`);
                it is 0 when nothing this user may read waits, so that others' uploads do not show.
        """
        counts = self.index.backlog_by_source()
        visible = None if who is None else self.permissions.visible_sources(who, self.index)
        mine = Backlog.total(b for source, b in counts.items() if visible is None or source in visible)
        everyone = Backlog.total(counts.values())
        eta_s: float | None = 0.0
        if mine.waiting and everyone.waiting:  # nothing of this user's waits: others' uploads are not theirs to see
            rate = self.index.vector_rate()
            eta_s = everyone.waiting / rate if rate else None
        return VectorStatus(mine.documents, mine.chunks, mine.waiting, eta_s)

    def _inline_vectors(self, wait: bool) -> bool:
        """Whether an ingest embeds its chunks before returning: never while the background thread runs."""
        return wait and self._backlog is None

    def _wake_vectors(self) -> None:
        if self._backlog is not None:
            self._backlog.wake()

    # -- documents -------------------------------------------------------------------------
    def ingest(
        self,
        paths: Sequence[Path],
        *,
        prune: bool = False,
        progress: Callable[[ProgressEvent], None] | None = None,
        kbs: Sequence[str] = (),
        role: str | None = None,
        wait: bool = True,
    ) -> IngestReport:
        """Ingest files or folders into the index (each file parsed under the ``worker`` limits), the
        server operator's way (CLI): every file under ``paths`` joins the knowledge bases ``kbs``;
        ``role`` (own, policy, sample) is the drafting role of every document, None inferred (`ingest.role`).
        ``wait`` False returns once the files are searchable by BM25, their vectors still to come."""
        for name in kbs:
            if not self.kbs.exists(name):
                raise KbError(f"没有知识库 {name}：请先用 govdoc kb add {name} 建立")
        with self._writing:
            report = run_ingest(
                self.settings,
                paths,
                index=self.index,
                embedder=self.embedder,
                prune=prune,
                progress=self.quarantine.journal(progress),
                role=role,
                wait_for_vectors=self._inline_vectors(wait),
            )
            if kbs:
                roots = [source_key(p) for p in paths]
                for source in self.index.sources():
                    if any(under(source, root) for root in roots):
                        self.kbs.assign(source, kbs)
        self._wake_vectors()
        return report

    def refresh(self, progress: Callable[[ProgressEvent], None] | None = None, *, who: Principal) -> IngestReport:
        """Bring the index in step with the data folder (administrators only); a file that failed
        before with the same content is not read again (see `govdoc.quarantine`)."""
        with self.refusals(who, "reindex", DATA_FOLDER_WORDS):
            self.permissions.check_admin(who, "重新整理资料")
        self.audit.record(who.name, "reindex", DATA_FOLDER_WORDS)
        with self._writing:
            self._place_uploads()
            report = ensure_index(
                self.settings,
                self.quarantine.journal(progress),
                index=self.index,
                embedder=self.embedder,
                skip=self._held_back,
                wait_for_vectors=self._inline_vectors(True),
            )
        self._wake_vectors()
        self._name_report(report)
        return report

    def _held_back(self, key: str, digest: str) -> str | None:
        """Why a file of the data folder is not read this run: it failed before with this content
        (`govdoc.quarantine`), or it is an upload into bases that is in none (`_place_uploads`)."""
        held = self.quarantine.held_back(key, digest)
        if held is not None:
            return held
        path = Path(key)
        in_folder = is_upload(path, self.settings.data_dir) and path.parent != uploads_dir(self.settings.data_dir)
        if in_folder and not self.kbs.placed(key):
            # Read now it would be the shared base's, everyone's to read: an upload into one school's base.
            return "上传到知识库的文件不属于任何知识库（保存时可能中断了），未导入；请重新上传"
        return None

    def _place_uploads(self) -> None:
        """Put each upload of a bases' folder that is in no base into that folder's bases: it was stored but the
        server stopped before it was placed (`upload`), and its folder says whose it is."""
        root = uploads_dir(self.settings.data_dir)
        folders = [f for f in root.iterdir() if f.is_dir() and not f.is_symlink()] if root.is_dir() else []
        for folder in folders:
            bases = [b for b in self.kbs.bases_in_folder(folder.name) or () if self.kbs.exists(b)]
            for path in folder.iterdir():
                key = source_key(path)
                if bases and path.is_file() and not path.is_symlink() and not self.kbs.placed(key):
                    self.kbs.assign(key, bases)

    @contextmanager
    def refusals(self, who: Principal, action: str, obj: str) -> Iterator[None]:
        """Record in the audit log an ``action`` of ``who`` on ``obj`` that a permission check in the block
        refuses (``<action>_refused``, with the reason the user was given), as a failed login is recorded."""
        try:
            yield
        except Forbidden as exc:
            self.audit.record(who.name, f"{action}_refused", obj, exc.message)
            raise

    def recover(self) -> Recovered:
        """After a crash: set staged uploads aside and hold back the file that was being read."""
        return self.quarantine.recover()

    def upload(
        self,
        filename: str,
        content: bytes,
        *,
        who: Principal,
        kbs: Sequence[str] = (),
        progress: Callable[[ProgressEvent], None] | None = None,
        role: str | None = None,
    ) -> Upload:
        """Check an upload, parse it in a worker, then store it under ``data_dir/uploads`` and index it.

        Until it is indexed the file lives in the staging folder, outside the data folder; on any
        failure nothing of it is kept. Identical content already indexed is not stored again (given a
        ``role``, its role changes). A file named as an indexed upload that ``who`` may change is that
        file's new version: it takes the name, and the former content stays indexed under a name of its
        own (`govdoc.uploads.former_name`: 值班制度（旧版本1）.md) as the superseded version; any other clash of names is stored
        beside, under a numbered name. ``role``: own, policy or sample; None infers it (`ingest.role`).

        Raises:
            UploadError: refused (size, type, unreadable, over a limit); the message names the file.
        """
        try:
            with self.refusals(who, "upload", filename):
                targets = self.permissions.check_upload(who, kbs)
        except Forbidden as exc:
            raise UploadError(exc.status, exc.message) from exc
        max_bytes = self.settings.ui.upload_max_bytes()
        name, kind = check_upload(filename, content, max_bytes)
        if role is not None:
            try:
                check_role(role)
            except ValueError as exc:
                raise UploadError(400, str(exc)) from exc
        twin = self._twin(hashlib.sha256(content).hexdigest(), who)
        if twin is not None:
            bases = self.kbs.bases_of([twin])[twin]
            said = "相同内容的文件已存在，未重复导入"
            if SHARED not in bases:  # a shared file is everyone's already: put into a base, it would be one base's
                self.kbs.assign(twin, targets)
                said += f"；加入知识库：{'、'.join(targets)}"
            if role is not None and self._may_change(who, twin):
                self.index.set_role(twin, role)
            self.audit.record(who.name, "upload", twin, said)
            unchanged = IngestReport(skipped=1, chunks=self._visible_chunks(who))
            shown = self.source_name(twin)
            said = f"已存在相同内容的文件：{shown_name(shown)}，未重复导入"
            return Upload(name, None, unchanged, said, duplicate_of=shown)
        with self._writing:
            try:
                staged = self.quarantine.stage(name, content)
            except OSError as exc:
                raise UploadError(507, disk_problem(exc, filename)) from exc
            kept_as: Path | None = None
            try:
                try:
                    read = file_reader(self.settings, self.index)
                    try:
                        _, chunks = read(staged, filename)
                    finally:
                        if isinstance(read, IsolatedReader):
                            read.close()
                except IngestError as exc:
                    raise UploadError(400, f"文件无法入库：{filename}：{exc.reason}") from exc
                limit = self.settings.ui.upload_max_chunks
                if len(chunks) > limit:
                    raise UploadError(
                        413,
                        f"文件过长：{filename} 可分为 {len(chunks)} 段资料，网页和接口上传的上限为 {limit} 段"
                        "（约 35 万字）；请拆分后上传，或由管理员在服务器上用 govdoc ingest 导入",
                    )
                seen = self.permissions.visible_sources(who, self.index)
                base = "" if targets == [SHARED] else self.kbs.folder_for(targets)
                replacing = replaced_upload(
                    list(dict.fromkeys([upload_folder(self.settings.data_dir, base), upload_folder(self.settings.data_dir)])),
                    name,
                    content,
                    shown=lambda key: self._indexed_and_visible(key, seen),
                    check_replace=lambda key: self.permissions.check_remove(who, key, "替换这个文件"),
                )
                try:
                    if replacing is not None:
                        kept_bases = sorted(self.kbs.bases_of([source_key(replacing)])[source_key(replacing)])
                        kept_as = replace_upload(
                            replacing, content, lambda kept: self.kbs.assign(source_key(kept), kept_bases)
                        )
                        stored = StoredUpload(replacing, replacing.name, filename, kind, len(content))
                    else:
                        stored = store_upload(self.settings.data_dir, filename, content, max_bytes, base)
                except OSError as exc:
                    raise UploadError(507, disk_problem(exc, filename)) from exc
            finally:
                self.quarantine.unstage(staged)
            created = None if stored.duplicate or kept_as is not None else stored.path
            key = source_key(stored.path)
            if kept_as is None:
                # Into its bases before it is indexed: a file in none is the shared base's, everyone's to read.
                self.kbs.assign(key, targets)
            replacements = Replacements(self.index, self.kbs, self._versions)
            former = None
            try:
                if kept_as is not None:  # the former content first, so that the times of ingest put the versions in order
                    former = replacements.former(stored.path, kept_as)
                    replacements.ingest_former(stored.path, former, lambda p, r: self._ingest_upload(p, r, progress))
                # A new version keeps the file's role.
                kept_role = former.role if former is not None else None
                report = self._ingest_upload(stored.path, role if role is not None else kept_role, progress)
            except BaseException as exc:
                self._discard_new(created, key)
                if former is not None:
                    replacements.undo(stored.path, former)
                elif kept_as is not None:  # the former content was swapped out but not yet read: only put it back
                    put_back(stored.path, kept_as)
                if disk_full(exc):
                    raise UploadError(507, disk_problem(OSError(errno.ENOSPC, "disk full"), filename)) from exc
                raise
            if report.errors:
                replacements.undo(stored.path, former)
            elif former is not None:
                replacements.link(stored.path, former)
        if report.errors:
            self._discard_new(created, key)
            reasons = "；".join(e["reason"] for e in report.errors)
            raise UploadError(400, f"文件无法入库：{filename}：{reasons}")
        self._wake_vectors()
        if former is None:  # a replacement keeps its file's bases: a shared file stays everyone's
            self.kbs.assign(key, targets)
        report.chunks = self._visible_chunks(who)  # never a count that betrays other bases
        report.waiting = self.vector_status(who).waiting  # nor the size of another school's upload still embedding
        self._name_report(report)
        if former is None:
            self.audit.record(who.name, "upload", key, f"知识库：{'、'.join(targets)}")
            said = stored.message
            if stored.renamed and not self._sees_upload(stored.path.parent / name, who):
                said = f"已保存：{shown_name(stored.name)}"  # say nothing of a file they may not see
            return Upload(stored.name, stored, report, said)
        kept = self.source_name(source_key(former.path))
        self.audit.record(who.name, "upload", key, f"知识库：{'、'.join(targets)}；替换同名文件，原文件保留为旧版本 {kept}")
        said = (
            f"已用新文件替换同名的“{shown_name(stored.name)}”，作为现行版本；原来的内容没有删除，"
            f"作为旧版本保留为“{shown_name(kept)}”，可在“文档版本”中查看和对比。"
        )
        return Upload(stored.name, stored, report, said, former_version=kept)

    def _discard_new(self, created: Path | None, key: str) -> None:
        """Take back a new upload that was not indexed: its file (`_discard`) and its bases."""
        if created is not None:
            _discard(created)
            self.kbs.forget(key)

    def _twin(self, digest: str, who: Principal) -> str | None:
        """The indexed file of the same bytes an upload of ``who`` is taken as: one they may change, else a
        shared one (everyone's already). A copy only in bases they may read but not change stays its editors'
        alone: the upload is then stored as a file of its own (`upload`), never put into its bases."""
        visible = self.permissions.visible_sources(who, self.index)
        seen = [s for s in self.index.sources_with_hash(digest) if visible is None or s in visible]
        changeable = [s for s in seen if self._may_change(who, s)]
        shared = [s for s, bases in self.kbs.bases_of(seen).items() if SHARED in bases]
        found = changeable or shared
        return found[0] if found else None

    def _may_change(self, who: Principal, source: str) -> bool:
        """Whether ``who`` may change (replace, delete, put into a base) the indexed file ``source``."""
        try:
            self.permissions.check_remove(who, source)
        except Forbidden:
            return False
        return True

    def _sees_upload(self, path: Path, who: Principal) -> bool:
        """Whether ``who`` may see the stored upload ``path`` (an unindexed one is nobody's to see)."""
        return self._indexed_and_visible(source_key(path), self.permissions.visible_sources(who, self.index))

    def _indexed_and_visible(self, key: str, visible: set[str] | None) -> bool:
        """Whether the file ``key`` is indexed and among ``visible`` (`Permissions.visible_sources`; None: all)."""
        return self.index.file_hash(key) is not None and (visible is None or key in visible)

    def _ingest_upload(
        self, path: Path, role: str | None, progress: Callable[[ProgressEvent], None] | None
    ) -> IngestReport:
        """Index one stored upload (its reading journalled for crash recovery), its vectors waited for. It is
        never taken as another file moved (`ingest.pipeline.ingest_paths`, ``moves``): a copy of another
        school's file gone from disk would drop that school's entry, and report it as removed."""
        return run_ingest(
            self.settings,
            [path],
            index=self.index,
            embedder=self.embedder,
            progress=self.quarantine.journal(progress),
            role=role,
            wait_for_vectors=self._inline_vectors(True),
            moves=False,
        )

    def may_read_file(self, who: Principal, path: Path) -> bool:
        """Whether ``path`` holds the content of an indexed file that ``who`` may read (a copy of an
        upload, say); a file larger than any upload is not read."""
        try:
            if path.stat().st_size > self.settings.ui.upload_max_bytes():
                return False
            with path.open("rb") as f:
                digest = hashlib.file_digest(f, "sha256").hexdigest()
        except OSError:
            return False
        visible = self.permissions.visible_sources(who, self.index)
        return any(visible is None or source in visible for source in self.index.sources_with_hash(digest))

    def documents(self, who: Principal, kbs: Sequence[str] | None = None) -> list[DocInfo]:
        """Documents in the index that ``who`` may see (within ``kbs`` when given), each with its drafting
        role (an index built before roles holds none: the role its title gives, `ingest.role.title_role`)."""
        default, reports = self.settings.ingest.default_role, self.settings.ingest.report_role
        return [
            d if d.role else replace(d, role=title_role(d.title, default, reports))
            for d in self.permissions.documents(who, self.index, kbs)
        ]

    def kept_turns(self, owner: str, conversation: str, *, who: Principal) -> list[KeptTurn]:
        """A kept conversation as ``who`` may read it now: an answer that cites a document ``who`` can no
        longer read (access taken away, or the file removed) keeps its question but not its text or quotes.

        Raises:
            ConversationError: the owner has no such conversation.
        """
        readable = {d.doc_id for d in self.documents(who)}
        return [
            replace(t, answer=self._named(t.answer))
            if all(c.doc_id in readable for c in t.answer.citations)
            else replace(t, answer=_withheld(t.answer))
            for t in self.conversations.turns(owner, conversation)
        ]

    # -- versions --------------------------------------------------------------------------
    def structured(self, question: str, who: Principal) -> Answer | None:
        """The answer the documents' structure gives a stand-alone ``question`` (`_structured`), over everything
        ``who`` may read; None when it is not such a question. The evaluation asks it before answering from
        its own hits, as the service's ask does."""
        scope = self.permissions.scope(who, self.index, None, None)
        if scope.empty:
            return None
        return self._structured(question, self.versions_for(who), scope.doc_ids, ())

    def _structured(
        self, question: str, versions: dict[str, Version], doc_ids: list[str] | None, earlier: Sequence[str]
    ) -> Answer | None:
        """Answers read from the documents' structure rather than from retrieved passages, in either answer
        mode: what changed between versions (修订后删去了哪些规定？), what an article or a part of it says
        (教师法第七条是怎么规定的？), when a document was passed or took effect (教师法哪一年通过的？)."""
        listed = ChangeLister(self.index).answer(question, versions, doc_ids, earlier)
        if listed is None:
            listed = ArticleQuoter(self.index).answer(question, versions, doc_ids, earlier)
        if listed is None:
            listed = DateTeller(self.index).answer(question, versions, doc_ids)
        return listed

    def versions_for(self, who: Principal, kbs: Sequence[str] | None = None) -> dict[str, Version]:
        """The version of every document ``who`` may read (grouped among those only, so no answer hints
        at a version in a knowledge base they cannot see), titles grouping only files of the same knowledge
        bases (`govdoc.kbs.KnowledgeBases.realms`)."""
        docs = self.permissions.documents(who, self.index, kbs)
        realms = self.kbs.realms({d.source for d in docs})
        return self._versions.resolve(docs, self.index.version_overrides(), realms, self.index.document_text)

    def versions(self, who: Principal) -> list[list[Version]]:
        """The documents ``who`` may read that have several versions: one list per document, oldest first."""
        out = [
            [replace(v, source=self.source_name(v.source)) for v in g] for g in version_groups(self.versions_for(who).values())
        ]
        return sorted(out, key=lambda g: g[-1].title)

    def version_diff(self, old_id: str, new_id: str, *, who: Principal) -> list[Change]:
        """What changed from one document to another (two versions), article by article.

        Raises:
            ingest.store.NotInIndexError: ``who`` may read no such document.
        """
        visible = self.versions_for(who)
        for doc_id in (old_id, new_id):
            if doc_id not in visible:
                raise NotInIndexError(f"索引中没有编号为 {doc_id} 的文档")
        return compare(self.index.document_text(old_id), self.index.document_text(new_id))

    def set_version(
        self,
        doc_id: str,
        *,
        who: Principal,
        group: str | None = None,
        date: str | None = None,
        current: bool | None = None,
        clear: bool = False,
    ) -> Version:
        """Correct a document's version (editors and administrators): join another document's group
        (``group`` its id, "" alone), set its date (YYYY, YYYY-MM or YYYY-MM-DD), make it current; ``clear``
        drops the corrections. Returns the document's version afterwards.

        Raises:
            ingest.store.NotInIndexError: ``who`` may read no such document (or no such ``group`` document).
            Forbidden: ``who`` may not change it.
            ValueError: a malformed date.
        """
        visible = self.versions_for(who)
        if doc_id not in visible or (group and group not in visible):
            raise NotInIndexError(f"索引中没有编号为 {group if doc_id in visible else doc_id} 的文档")
        with self.refusals(who, "version", visible[doc_id].source):
            self.permissions.check_remove(who, visible[doc_id].source, "更正这个文档的版本")
            # Joining a group, dating or making current one version decides which of its group is current:
            # the others' too, so ``who`` must be allowed to change each of them (leaving a group is not).
            peers = {visible[group].group} if group else set()
            if not clear and (date is not None or current is not None):
                peers.add(visible[doc_id].group)
            for other in sorted(v.source for v in visible.values() if v.group in peers and v.doc_id != doc_id):
                try:
                    self.permissions.check_remove(who, other)
                except Forbidden as exc:
                    raise Forbidden("你没有更正这一组版本的权限：同组有的文档所在的知识库你只能阅读", exc.status) from exc
        if date is not None and date and not _valid_date(date):
            shown = date if len(date) <= 20 else date[:20] + "…"
            raise ValueError(f"日期格式不对：{shown}（应为 2024、2024-12 或 2024-12-31）")
        if clear:
            override = None
        else:
            before = self.index.version_overrides().get(doc_id, Override())
            override = Override(
                group if group is not None else before.group,
                date if date is not None else before.date,
                current if current is not None else before.current,
            )
        self.index.set_version_override(doc_id, override)
        if current and not clear:
            # One version of a group is current: another made current before by hand no longer is (it kept
            # the group's currency, and the version made current now was reported 已被取代).
            joined = self.versions_for(who)[doc_id].group  # the group it is in now (none shared when it left one)
            kept = self.index.version_overrides()
            for v in visible.values():
                mark = kept.get(v.doc_id)
                if v.group == joined and v.doc_id != doc_id and mark is not None and mark.current:
                    self.index.set_version_override(v.doc_id, replace(mark, current=None))
        self.audit.record(who.name, "version", doc_id)
        after = self.versions_for(who)[doc_id]
        return replace(after, source=self.source_name(after.source))

    def _visible_chunks(self, who: Principal) -> int:
        if self.kbs.readable(who) is None:
            return self.index.chunk_count()
        return sum(d.n_chunks for d in self.documents(who))

    def bases_of(self, sources: Sequence[str], *, who: Principal) -> dict[str, set[str]]:
        """The knowledge bases each source belongs to, of those ``who`` may read (a base they may not read is no
        name to tell them, not even beside a file of a base they may)."""
        readable = self.kbs.readable(who)
        return {s: bases if readable is None else bases & readable for s, bases in self.kbs.bases_of(sources).items()}

    def source_name(self, source: str) -> str:
        """How ``source`` is shown to users (page, Word, API): relative to the data folder, never the
        server's absolute path (`govdoc.sourcename.source_name`)."""
        return source_name(source, self.settings.data_dir)

    def _name_report(self, report: IngestReport) -> None:
        """Show the sources of an ingest report's documents and errors as users see them (`source_name`)."""
        report.documents = [{**d, "source": self.source_name(d["source"])} for d in report.documents]
        report.errors = [{**e, "file": self.source_name(e["file"])} if "file" in e else e for e in report.errors]

    def _named(self, answer: Answer) -> Answer:
        """``answer`` with its sources as users see them (`source_name`)."""
        return named_answer(answer, self.settings.data_dir)

    def is_uploaded(self, source: str) -> bool:
        """Whether ``source`` is a file a user uploaded (page or API), not one of the data folder's own."""
        return is_upload(Path(source), self.settings.data_dir)

    def document_view(self, doc_id: str, *, who: Principal) -> DocumentView:
        """One document ``who`` may see, as stored: its cleaned text, headings and chunks in text order.

        Raises:
            Forbidden: (404) no such document, or one ``who`` may not see (the same answer for both).
        """
        info = next((d for d in self.documents(who) if d.doc_id == doc_id), None)
        if info is None:
            raise Forbidden("资料中没有这个文档，可能已被删除；请刷新列表", 404)
        siblings = [d for d in self.documents(who) if d.source == info.source]
        return DocumentView(
            info=info,
            document=self.index.document(doc_id),
            chunks=self.index.document_chunks(doc_id),
            uploaded=self.is_uploaded(info.source),
            file_documents=len(siblings),
            file_chunks=sum(d.n_chunks for d in siblings),
            name=self.source_name(info.source),
            file_position=next((i for i, d in enumerate(siblings, start=1) if d.doc_id == doc_id), 1),
        )

    def remove(self, source: str, *, who: Principal, delete_file: bool = False) -> Removal:
        """Remove a source file's documents from the index; the file itself is kept unless asked otherwise.

        An uploaded file that is kept is moved out of the data folder (into ``store.index_dir`` /
        `REMOVED_UPLOADS`), so a re-index does not bring it back; with ``delete_file`` it is deleted.
        Files the data folder holds of its own (bundled, or put there by the operator) are only dropped
        from the index, never touched.

        Raises:
            ingest.store.NotInIndexError: nothing is indexed under ``source``.
            Forbidden: ``who`` may not delete it (404 when they may not even see it).
        """
        with self.refusals(who, "delete", source):
            self.permissions.check_remove(who, source)
        with self._writing:
            chunks = self.index.remove_source(source)
            self.quarantine.forget(source)
            path = Path(source)
            uploaded = is_upload(path, self.settings.data_dir) and path.is_file()
            kept_at: Path | None = None
            if uploaded and delete_file:
                path.unlink()
            elif uploaded:
                kept_at = set_aside(path, self.settings.store.index_dir / REMOVED_UPLOADS)
            self.kbs.forget(source)
        detail = f"{chunks} 段资料" + ("，上传的文件已删除" if uploaded and delete_file else "")
        self.audit.record(who.name, "delete", source, detail)
        return Removal(source, chunks, uploaded and delete_file, uploaded, kept_at, self.source_name(source))


@dataclass(frozen=True)
class DocumentView:
    """What the document view shows: the listing entry, the stored document and its chunks in order.

    ``file_documents`` and ``file_chunks`` count what deleting its file would remove.
    """

    info: DocInfo
    document: Document
    chunks: list[Chunk]
    uploaded: bool
    file_documents: int
    file_chunks: int
    name: str = ""  # the file as users see it (`GovdocService.source_name`)
    file_position: int = 1  # which of its file's ``file_documents`` documents it is, in file order


@dataclass(frozen=True)
class Upload:
    """An accepted upload: its stored name, where it went, the ingest report, a message for the user.

    ``duplicate_of`` names the indexed file with the same content when nothing new was stored;
    ``former_version`` the file the former content of a same-named upload it replaced was kept as.
    """

    name: str
    stored: StoredUpload | None
    report: IngestReport
    message: str
    duplicate_of: str | None = None
    former_version: str | None = None  # where a replaced upload's former content was kept


@dataclass(frozen=True)
class Removal:
    """A removed source: the chunks dropped from the index, and what became of its file."""

    source: str
    chunks: int
    file_deleted: bool
    uploaded: bool = False  # the file was a user's upload (not one of the data folder's own)
    kept_at: Path | None = None  # where a kept upload was moved, out of the data folder
    name: str = ""  # the file as users see it (`GovdocService.source_name`)


def disk_problem(exc: OSError, filename: str) -> str:
    """A message for a write that failed: a full disk said as such, anything else by its reason."""
    if exc.errno == errno.ENOSPC:
        return f"磁盘空间已满，无法保存 {filename}；请清理服务器磁盘后重试（已入库的资料不受影响）"
    return f"无法保存 {filename}：{exc.strerror or exc}"


def disk_full(exc: BaseException) -> bool:
    """Whether a write failed for want of disk space (an OSError, or SQLite's or Chroma's word for it)."""
    if isinstance(exc, OSError) and exc.errno == errno.ENOSPC:
        return True
    text = str(exc).lower()
    return "disk is full" in text or "no space left" in text


def _discard(path: Path | None) -> None:
    if path is not None:
        path.unlink(missing_ok=True)


WITHHELD = "这条回答引用的文件已删除，或你已无权查看，内容不再显示。"


def _withheld(answer: Answer) -> Answer:
    """A kept answer whose sources the reader may no longer see: the question stays, nothing quoted does."""
    return Answer(question=answer.question, text=WITHHELD, refused=True, verified=False)


def _pieces(text: str, size: int = 12) -> Iterator[str]:
    """An extractive answer streamed in small pieces, so every client sees the same streaming."""
    for i in range(0, len(text), size):
        yield text[i : i + size]


def _finish(answer: Answer, question: str, retrieve_ms: float, query: str = "") -> Answer:
    """The answer with the user's own question, what a follow-up was taken to mean, the full timings, and,
    when it quotes samples alone, the words that say so (`with_sample_lead`): every entry point gets it here."""
    timings = {"retrieve": retrieve_ms, **answer.timings_ms}
    return with_sample_lead(Answer(
        question=question,
        text=answer.text,
        refused=answer.refused,
        verified=answer.verified,
        citations=answer.citations,
        hits=answer.hits,
        timings_ms=timings,
        notes=answer.notes,
        resolved=query if query and query != question else "",
        superseded=answer.superseded,
    ))


@dataclass(frozen=True)
class VectorStatus:
    """What ``govdoc status`` shows: how much is indexed and how many chunks still wait for vectors."""

    documents: int
    chunks: int
    waiting: int
    eta_s: float | None  # seconds until no chunk waits, at the recorded rate; None: unknown (no batch lately)


def eta_words(eta_s: float | None) -> str:
    """How long the vector backlog still takes, in the words the page and ``govdoc status`` use."""
    if eta_s is None:
        return "正在估算剩余时间"
    if eta_s < 60:
        return "预计不到 1 分钟完成"
    minutes = round(eta_s / 60)
    if minutes < 120:
        return f"预计还需约 {minutes} 分钟"
    return f"预计还需约 {eta_s / 3600:.1f} 小时"

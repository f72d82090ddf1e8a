"""What a principal may see and change: the documents of the knowledge bases they may read or edit.

The one place the service asks before it retrieves, lists, uploads or deletes. A document outside the
principal's bases is treated as absent: never in an answer, a list, a search or an error message.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from assistant.types import Hit
from govdoc.accounts import Principal
from govdoc.kbs import SHARED, KnowledgeBases
from ingest.backend import IndexStore
from ingest.store import DocInfo


class Forbidden(PermissionError):
    """An action the principal may not take; the message is for the user and names nothing they may not see.

    ``status`` is 404 when the object is one the principal may not even know of, else 403.
    """

    def __init__(self, message: str, status: int = 403) -> None:
        super().__init__(message)
        self.message = message
        self.status = status


@dataclass(frozen=True)
class Scope:
    """The documents a question may draw on: ``doc_ids`` None means every document in the index."""

    doc_ids: list[str] | None

    @property
    def empty(self) -> bool:
        """Nothing may be read: the answer is a refusal without retrieval."""
        return self.doc_ids is not None and not self.doc_ids


class Permissions:
    """Knowledge-base rights applied to the index.

    Args:
        kbs: the knowledge bases and their members.
    """

    def __init__(self, kbs: KnowledgeBases) -> None:
        self.kbs = kbs

    def visible_sources(self, who: Principal, index: IndexStore, chosen: Sequence[str] | None = None) -> set[str] | None:
        """Sources ``who`` may read (within the ``chosen`` bases when given); None means all of them."""
        allowed = self.kbs.readable(who)
        if chosen:
            allowed = set(chosen) if allowed is None else set(chosen) & allowed
        if allowed is None:
            return None
        return self.kbs.visible(index.sources(), allowed)

    def documents(self, who: Principal, index: IndexStore, chosen: Sequence[str] | None = None) -> list[DocInfo]:
        """The indexed documents ``who`` may see."""
        docs = index.documents()
        sources = self.visible_sources(who, index, chosen)
        return docs if sources is None else [d for d in docs if d.source in sources]

    def scope(
        self, who: Principal, index: IndexStore, chosen: Sequence[str] | None = None, doc_ids: Sequence[str] | None = None
    ) -> Scope:
        """The documents a question of ``who`` may draw on, narrowed to ``chosen`` bases and ``doc_ids``."""
        sources = self.visible_sources(who, index, chosen)
        if sources is None and doc_ids is None:
            return Scope(None)
        docs = index.documents()
        ids = [d.doc_id for d in docs if sources is None or d.source in sources]
        if doc_ids is not None:
            wanted = set(doc_ids)
            ids = [i for i in ids if i in wanted]
        return Scope(ids)

    def check_upload(self, who: Principal, kbs: Sequence[str]) -> list[str]:
        """The bases an upload of ``who`` goes into (``kbs``, else their only editable one, else the shared one).

        Raises:
            Forbidden: ``who`` may not add documents to one of them.
        """
        editable = self.kbs.editable(who)
        targets = list(kbs)
        if not targets:
            if editable is None:
                targets = [SHARED]
            elif len(editable) == 1:
                targets = sorted(editable)
            else:
                raise Forbidden("请选择要上传到的知识库" if editable else "你没有上传文档的权限，请联系管理员")
        for name in targets:
            if editable is not None and name not in editable:
                if self._readable(who, name):
                    raise Forbidden(f"你没有向知识库“{name}”上传文档的权限")
                raise Forbidden("没有这个知识库", 404)
            if not self.kbs.exists(name):
                raise Forbidden("没有这个知识库", 404)
        return targets

    def may_upload(self, who: Principal) -> bool:
        """Whether ``who`` may add files at all: an administrator, or an editor of some knowledge base."""
        return self.kbs.editable(who) != set()

    def check_admin(self, who: Principal, action: str) -> None:
        """Raise unless ``who`` is an administrator.

        Raises:
            Forbidden: for anyone else, naming the action.
        """
        if not who.is_admin:
            raise Forbidden(f"只有管理员可以{action}")

    def check_remove(self, who: Principal, source: str, action: str = "删除这个文档") -> None:
        """Raise unless ``who`` may delete ``source`` (an editor: only from bases they edit, and every base
        the file is in), or change it otherwise: ``action`` says what was refused, in words.

        Raises:
            Forbidden: not allowed; a file ``who`` may not even see is "not found", like a missing one.
        """
        editable = self.kbs.editable(who)
        if editable is None:
            return
        bases = self.kbs.bases_of([source])[source]
        readable = self.kbs.readable(who)
        if readable is not None and not bases & readable:
            raise Forbidden("资料中没有这个文档", 404)
        if not bases <= editable:
            raise Forbidden(f"你没有{action}的权限（它所在的知识库你只能阅读）")

    def _readable(self, who: Principal, name: str) -> bool:
        readable = self.kbs.readable(who)
        return readable is None or name in readable


class ScopedRetriever:
    """A retriever that only ever returns passages of the scope's documents (for the drafter), ranked with
    ``bm25_weight`` in weighted fusion when given."""

    def __init__(self, retriever: object, scope: Scope, bm25_weight: float | None = None) -> None:
        self._retriever = retriever
        self._scope = scope
        self._bm25_weight = bm25_weight

    def retrieve(self, query: str, k: int | None = None, doc_ids: list[str] | None = None) -> list[Hit]:
        """The best ``k`` passages for ``query`` within the scope (and within ``doc_ids`` when given)."""
        if self._scope.empty:
            return []
        allowed = self._scope.doc_ids
        if doc_ids is not None:
            allowed = [d for d in doc_ids if allowed is None or d in set(allowed)]
            if not allowed:
                return []
        return self._retriever.retrieve(  # type: ignore[attr-defined]
            query, k=k, doc_ids=allowed, bm25_weight=self._bm25_weight
        )

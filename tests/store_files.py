"""A small indexed file for the index-store tests: one document whose chunks are its paragraphs."""

from __future__ import annotations

import hashlib

from ingest.backend import IndexStore
from ingest.chunk import index_text
from ingest.embed import HashingEmbedder
from ingest.types import Chunk, Document, Heading, PageSpan

EMBEDDER = HashingEmbedder()


def make_file(source: str, paragraphs: list[str], title: str = "测试文件") -> tuple[Document, list[Chunk]]:
    """One document whose chunks are its paragraphs (``chunk.text == doc.text[start:end]``)."""
    text = "\n".join(paragraphs)
    doc_id = f"{source}#0"
    doc = Document(
        doc_id=doc_id,
        title=title,
        source=source,
        text=text,
        headings=(Heading(0, len(paragraphs[0]), 1, paragraphs[0]),),
        pages=(PageSpan(0, len(text), 3, ocr=True, ocr_confidence=0.9),),
    )
    chunks, start = [], 0
    for n, para in enumerate(paragraphs):
        end = start + len(para)
        digest = hashlib.sha256(f"{source}\0{start}\0{para}".encode()).hexdigest()[:16]
        chunks.append(
            Chunk(
                id=f"{source}:{n}:{digest}",
                doc_id=doc_id,
                doc_title=title,
                source=source,
                section=paragraphs[0] if n else "",
                page=3 if n % 2 else None,
                start=start,
                end=end,
                text=para,
                ocr=n == 1,
                ocr_confidence=0.9 if n == 1 else None,
                extra={"role": "policy"} if n == 0 else {},
            )
        )
        start = end + 1
    return doc, chunks


def put(
    index: IndexStore, source: str, paragraphs: list[str], content_hash: str = "h", *, vectors: bool = True
) -> list[Chunk]:
    """Write one file (with its vectors, or waiting for them) and return its chunks."""
    doc, chunks = make_file(source, paragraphs)
    embedded = EMBEDDER.embed_passages([index_text(c) for c in chunks]) if vectors else None
    index.replace_file(source, content_hash, [doc], chunks, embedded, size=len(doc.text.encode()))
    return chunks

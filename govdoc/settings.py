"""The one settings model: env vars ``GOVDOC_*`` (nested with ``__``) and an optional TOML file."""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

from pydantic import BaseModel, Field, SecretStr, ValidationError
from pydantic_settings import (
    BaseSettings,
    PydanticBaseSettingsSource,
    SettingsConfigDict,
    TomlConfigSettingsSource,
)
from pydantic_settings.exceptions import SettingsError

from assistant.config import JudgeSettings, LLMSettings, RetrievalSettings
from ingest.config import ChunkSettings, EmbeddingSettings, IngestSettings, OcrSettings, StoreSettings

CONFIG_ENV = "GOVDOC_CONFIG"


class UISettings(BaseModel):
    """Web chat and HTTP API server."""

    host: str = Field("127.0.0.1", description="address to listen on")
    port: int = Field(7860, description="port to listen on")
    upload_max_mb: float = Field(20, gt=0, description="largest upload accepted")
    upload_cache_max_mb: float = Field(
        500,
        gt=0,
        description="what the page's upload folder (gradio's, files uploaded but not yet imported) may hold in all; "
        "an upload that would take it past this is refused until files are imported or pruned (after an hour)",
    )
    upload_max_chunks: int = Field(
        2000,
        ge=1,
        description="passages one upload may yield (2,000 is about 700,000 characters, some 350 pages); each takes "
        "about 0.2 s to embed on two cores, so a larger file is refused on the page and the API and belongs in "
        "`govdoc ingest` on the server",
    )
    max_concurrency: int = Field(8, ge=1, description="requests answered at once before 429")
    max_concurrency_per_user: int | None = Field(
        None,
        ge=1,
        description="requests one user (all their sessions and keys together) may have answered at once before "
        "429, so one user cannot take every slot; empty: half of max_concurrency, at least 1",
    )
    trusted_proxies: list[str] = Field(
        default_factory=list,
        description="addresses of reverse proxies (e.g. 127.0.0.1 for nginx on this machine) whose X-Forwarded-For, "
        "-Proto and -Host are believed; empty: no one's (anyone on the LAN can send those headers)",
    )

    def upload_max_bytes(self) -> int:
        """The largest accepted upload, in bytes (``upload_max_mb``)."""
        return int(self.upload_max_mb * 1024 * 1024)

    def per_user_slots(self) -> int:
        """Answering requests one user may hold at once (``max_concurrency_per_user``, else half the slots)."""
        if self.max_concurrency_per_user is not None:
            return min(self.max_concurrency_per_user, self.max_concurrency)
        return max(1, self.max_concurrency // 2)


class InputSettings(BaseModel):
    """Limits on what a user may send, checked before any expensive step (embedding, retrieval)."""

    question_max_chars: int = Field(1000, ge=10, description="longest question accepted (page, API, CLI)")
    topic_max_chars: int = Field(1000, ge=10, description="longest drafting topic (with its outline) accepted")
    history_max_chars: int = Field(
        8000, ge=0, description="earlier conversation kept for a follow-up; older turns beyond this are dropped"
    )
    eval_max_items: int = Field(2000, ge=1, description="questions one evaluation run may hold (page and /api/eval)")


class WorkerSettings(BaseModel):
    """Files are parsed in a child process with these limits, so a bad file cannot take the server."""

    enabled: bool = Field(True, description="parse each file in a child process (off: in this process, no limits)")
    memory_mb: int = Field(
        2048, ge=256, description="address space of the child process; a file that needs more is refused"
    )
    timeout_s: float = Field(
        300, gt=0, description="seconds one file may take to parse (OCR included); a slower file is refused"
    )


class AccessSettings(BaseModel):
    """Logins and the audit log."""

    log_questions: bool = Field(True, description="keep each question's text in the audit log (off: only that one was asked)")


class APISettings(BaseModel):
    """HTTP API options."""

    keys: list[SecretStr] = Field(default_factory=list, description="Bearer keys; empty means no key needed")
    sources_footer: bool = Field(True, description="append a 参考来源 footer to chat completions")


class Settings(BaseSettings):
    """All govdoc settings. Build once at an entry point and pass down."""

    model_config = SettingsConfigDict(
        env_prefix="GOVDOC_", env_nested_delimiter="__", extra="forbid", validate_default=True
    )

    data_dir: Path = Field(Path("data"), description="folder of source documents")
    embedding: EmbeddingSettings = Field(default_factory=EmbeddingSettings)
    chunk: ChunkSettings = Field(default_factory=ChunkSettings)
    store: StoreSettings = Field(default_factory=StoreSettings)
    ocr: OcrSettings = Field(default_factory=OcrSettings)
    ingest: IngestSettings = Field(default_factory=IngestSettings)
    retrieval: RetrievalSettings = Field(default_factory=RetrievalSettings)
    judge: JudgeSettings = Field(default_factory=JudgeSettings)
    llm: LLMSettings = Field(default_factory=LLMSettings)
    ui: UISettings = Field(default_factory=UISettings)
    input: InputSettings = Field(default_factory=InputSettings)
    worker: WorkerSettings = Field(default_factory=WorkerSettings)
    access: AccessSettings = Field(default_factory=AccessSettings)
    api: APISettings = Field(default_factory=APISettings)

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        sources: list[PydanticBaseSettingsSource] = [init_settings, env_settings]
        toml_path = _config_path()
        if toml_path is not None:
            sources.append(TomlConfigSettingsSource(settings_cls, toml_file=toml_path))
        return tuple(sources)


def _config_path() -> Path | None:
    """The TOML file named by GOVDOC_CONFIG, else ./govdoc.toml when it exists."""
    named = os.environ.get(CONFIG_ENV)
    if named:
        path = Path(named)
        if not path.is_file():
            raise FileNotFoundError(f"配置文件不存在：{path}（来自环境变量 {CONFIG_ENV}）")
        return path
    default = Path("govdoc.toml")
    return default if default.is_file() else None


def settings_problem(exc: Exception) -> str:
    """What is wrong with the settings, without the values given: a malformed key must never be printed.

    Args:
        exc: what `load_settings` raised (a pydantic ValidationError, a SettingsError, FileNotFoundError).
    """
    if isinstance(exc, ValidationError):
        parts = []
        for error in exc.errors(include_input=False, include_url=False):
            where = ".".join(str(p) for p in error.get("loc", ())) or "（整体）"
            parts.append(f"{where}：{error.get('msg', '')}")
        return "；".join(parts)
    if isinstance(exc, SettingsError):
        field = re.search(r'field "([^"]+)"', str(exc))
        name = field.group(1) if field else "某一项"
        return f"设置 {name} 的值无法解析（嵌套或列表类的环境变量须为 JSON，例如 GOVDOC_API__KEYS='[\"…\"]'）"
    return str(exc)


def load_settings(**overrides: Any) -> Settings:
    """Read settings from init values, env vars and the TOML file, in that order of precedence."""
    return Settings(**overrides)


def with_overrides(settings: Settings, **sections: dict[str, Any]) -> Settings:
    """A copy of ``settings`` with fields of nested sections replaced, e.g. retrieval={"mode": "bm25"}."""
    update: dict[str, Any] = {}
    for name, values in sections.items():
        current = getattr(settings, name)
        update[name] = current.model_copy(update=values)
    return settings.model_copy(update=update)

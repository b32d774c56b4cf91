"""Settings, read from ``POLICYKG_*`` environment variables (and a ``.env`` file if present).

Only the CLI and the API's app factory build a ``Settings``; everything else receives one.

Example:
    ``POLICYKG_STORE=bolt://db.example:7687 POLICYKG_NEO4J_PASSWORD=… policykg serve`` serves the
    graph of a Neo4j 5 server; with no ``POLICYKG_STORE`` the embedded FalkorDB under
    ``POLICYKG_HOME`` (``./.policykg``) is used.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Annotated, Literal

from pydantic import Field, SecretStr, ValidationError, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

from policykg.errors import SettingsError

#: The API's answer cache (api/cache.py): answers kept, their bytes, how often the graph's
#: counts are read (an external load is seen within this), and the age past which an entry
#: is computed again whatever the counts say (a change of property values alone).
CACHE_ENTRIES = 1024
CACHE_MB = 64
CACHE_STATE_CHECK_S = 1.0
CACHE_MAX_AGE_S = 60.0
#: Most rows (or triples) of one SPARQL answer; past it the answer is cut (graph/sparql.py).
SPARQL_ROW_LIMIT = 10_000

#: POST /query/cypher: rows an answer holds at most (a request may ask for fewer).
CYPHER_MAX_ROWS = 1_000
#: Largest request body the API reads, uploads to POST /documents aside (they have their own
#: limit per file): a Cypher query with its parameters fits many times over.
MAX_REQUEST_BYTES = 1_048_576
#: A CORS origin: scheme and host (and port), no path; or '*'.
_ORIGIN = re.compile(r"""
    \A (?: \* | https?://[^/\s?#]+ ) \Z   # 'https://explorer.example:8443', never a path
""", re.X)

#: URI schemes that select the Neo4j backend.
NEO4J_SCHEMES = ("bolt://", "bolt+s://", "bolt+ssc://", "neo4j://", "neo4j+s://", "neo4j+ssc://")


class Settings(BaseSettings):
    """Every knob of policykg, one environment variable each (prefix ``POLICYKG_``)."""

    model_config = SettingsConfigDict(env_prefix="POLICYKG_", env_file=".env", extra="ignore")

    home: Path = Field(
        default=Path(".policykg"),
        description="Data directory of the embedded store (append-only file, socket, pid, logs).",
    )
    store: str = Field(
        default="embedded",
        description="'embedded' for the bundled FalkorDB, or a Neo4j URI (bolt://, neo4j://, neo4j+s://).",
    )
    graph: str = Field(default="policykg", description="Graph (FalkorDB) or database (Neo4j) name.")
    neo4j_user: str = Field(default="neo4j", description="Neo4j user name.")
    neo4j_password: SecretStr = Field(default=SecretStr(""), description="Neo4j password.")
    socket: Path | None = Field(
        default=None,
        description="Unix socket of the embedded store; default <home>/run/falkordb.sock.",
    )
    query_timeout_ms: int = Field(default=10_000, ge=1, description="Time limit of one query.")
    connect_timeout_s: float = Field(default=10.0, gt=0, description="Time limit to reach a store.")
    api_host: str = Field(default="127.0.0.1", description="Address the API binds to.")
    api_port: int = Field(default=8000, ge=0, le=65535, description="Port the API listens on.")
    api_token: SecretStr | None = Field(
        default=None, description="Bearer token for write endpoints; unset means they are off."
    )
    api_cache_entries: int = Field(
        default=CACHE_ENTRIES, ge=0, description="Answers the API's cache keeps; 0 turns it off."
    )
    api_cache_mb: int = Field(default=CACHE_MB, ge=0, description="Most MiB of answers the API's cache keeps.")
    api_cache_check_s: float = Field(
        default=CACHE_STATE_CHECK_S, ge=0,
        description="Seconds between reads of the graph's counts: another process's load is seen within this.",
    )
    api_cache_max_age_s: float = Field(
        default=CACHE_MAX_AGE_S, gt=0, description="Seconds a cached answer lives at most."
    )
    cypher_max_rows: int = Field(
        default=CYPHER_MAX_ROWS, ge=1, description="Most rows an answer of POST /query/cypher holds."
    )
    max_request_bytes: int = Field(
        default=MAX_REQUEST_BYTES, ge=1024,
        description="Largest request body the API reads (413 past it); uploads have their own limit.",
    )
    # NoDecode: the variable is a comma-separated list, which the validator splits (JSON works too).
    cors_origins: Annotated[list[str], NoDecode] = Field(
        default_factory=list,
        description="Origins allowed to call the API from a browser, comma-separated; empty: CORS off.",
    )
    sparql_row_limit: int = Field(
        default=SPARQL_ROW_LIMIT, ge=1, le=1_000_000,
        description="Most rows (or triples) of a SPARQL answer; past it the answer is cut.",
    )
    log_level: Literal["debug", "info", "warning", "error"] = "info"

    @field_validator("store")
    @classmethod
    def _known_store(cls, value: str) -> str:
        if value == "embedded" or value.startswith(NEO4J_SCHEMES):
            return value
        raise ValueError(
            f"'{value}' is neither 'embedded' nor a Neo4j URI ({', '.join(NEO4J_SCHEMES)})"
        )

    @field_validator("cors_origins", mode="before")
    @classmethod
    def _origins(cls, value: object) -> object:
        if isinstance(value, str):
            text = value.strip()
            value = json.loads(text) if text.startswith("[") else [o for o in text.split(",") if o.strip()]
        if isinstance(value, list):
            value = [o.strip().rstrip("/") if isinstance(o, str) else o for o in value]
            bad = [o for o in value if not isinstance(o, str) or not _ORIGIN.match(o)]
            if bad:
                raise ValueError(f"{bad[0]!r} is not an origin such as https://explorer.example:8443")
        return value

    @property
    def is_embedded(self) -> bool:
        """True when the bundled FalkorDB is the store."""
        return self.store == "embedded"

    @property
    def socket_path(self) -> Path:
        """Unix socket of the embedded store."""
        return self.socket or self.home / "run" / "falkordb.sock"


def load_settings(**overrides: object) -> Settings:
    """Build the settings from the environment, converting validation errors to one line.

    Raises:
        SettingsError: names the variable at fault and what it accepts.
    """
    try:
        return Settings(**overrides)  # type: ignore[arg-type]
    except ValidationError as exc:
        first = exc.errors()[0]
        field = str(first["loc"][0]) if first["loc"] else "?"
        raise SettingsError(
            f"POLICYKG_{field.upper()}: {first['msg']}; fix the environment variable or .env"
        ) from None

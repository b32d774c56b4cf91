"""Settings, read from ``POLICYKG_*`` environment variables (and a ``.env`` file if present).

Only the CLI and the API's app factory build a ``Settings``; everything else receives one.

Example:
    ``POLICYKG_STORE=bolt://db.example:7687 POLICYKG_NEO4J_PASSWORD=… policykg serve`` serves the
    graph of a Neo4j 5 server; with no ``POLICYKG_STORE`` the embedded FalkorDB under
    ``POLICYKG_HOME`` (``./.policykg``) is used.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import Field, SecretStr, ValidationError, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from policykg.errors import SettingsError

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
    log_level: Literal["debug", "info", "warning", "error"] = "info"

    @field_validator("store")
    @classmethod
    def _known_store(cls, value: str) -> str:
        if value == "embedded" or value.startswith(NEO4J_SCHEMES):
            return value
        raise ValueError(
            f"'{value}' is neither 'embedded' nor a Neo4j URI ({', '.join(NEO4J_SCHEMES)})"
        )

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

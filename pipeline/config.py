"""Every default of the pipeline, in one place.

The CLI reads its flags' defaults and environment-variable names from here; the library
functions take explicit arguments, so tests and other callers never depend on globals.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from pipeline import __version__

# --- where things live -------------------------------------------------------------------

PACKAGE_DIR = Path(__file__).resolve().parent


def _sql_dir() -> Path:
    # In a checkout (uv run, editable install) the SQL lives at the repo root; a wheel
    # carries a copy inside the package (see [tool.hatch...force-include] in pyproject).
    for candidate in (PACKAGE_DIR.parent / "sql", PACKAGE_DIR / "sql"):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError("cannot find the sql/ folder next to the pipeline package")


SQL_DIR = _sql_dir()
DEFAULT_WAREHOUSE = Path("data/warehouse.duckdb")
# DuckDB takes 80% of RAM by default; a load needs far less and spills to disk beyond this.
# 320 MB (and checkpoints every 128 MB) loads 20,000 studies as fast as 512 MB / 256 MB did
# (52.3 s vs 53.5 s) with a peak of 1.34 GB instead of 1.49 GB for the whole process tree.
DUCKDB_MEMORY_LIMIT = "320MB"
# A page of raw JSON is ~17 MB: at DuckDB's default 16 MB WAL threshold every batch would
# checkpoint (rewrite blocks); checkpointing every ~100 MB is much cheaper.
DUCKDB_CHECKPOINT = "128MB"
DEFAULT_REPORT = Path("data/report.html")  # `pipeline report` writes one self-contained page here
# The hand-labelled sets `pipeline eval` scores the extractors on (they ship with the tests,
# so the default only exists in a checkout).
LABELLED_DIR = PACKAGE_DIR.parent / "tests" / "labelled"

# --- the registry API --------------------------------------------------------------------

DEFAULT_BASE_URL = "https://clinicaltrials.gov/api/v2"
USER_AGENT = f"ctgov-als-pipeline/{__version__} (+https://github.com/; ALS cell-therapy warehouse)"
PAGE_SIZE = 1000  # the registry silently clamps anything larger to 1000
CONNECT_TIMEOUT_S = 10.0
READ_TIMEOUT_S = 120.0  # a page of 1000 full records can be tens of MB
MAX_RESPONSE_BYTES = 256 * 1024 * 1024  # a 20 MB page is normal; a 2 GB body is not
MIN_REQUEST_INTERVAL_S = 1.0  # robots.txt asks for Crawl-delay: 1
RETRY_ATTEMPTS = 6
RETRY_BASE_S = 1.0
RETRY_MAX_S = 30.0
RETRY_AFTER_CAP_S = 120.0  # never sleep longer than this on a server's Retry-After

# --- what to fetch by default: "ALS cell therapies" --------------------------------------

DEFAULT_SEARCH_NAME = "als-cell-therapies"
# ConditionSearch expands synonyms through MeSH (ALS, Lou Gehrig disease, motor neuron
# disease entries that map to the ALS descriptor).
DEFAULT_CONDITION = "amyotrophic lateral sclerosis"
# InterventionSearch (names, other names, descriptions of interventions and arm groups).
# Alternatives are phrases so that "cell" alone (cell phone, cell culture medium) does not
# match; the README explains the recall of this expression.
DEFAULT_INTERVENTION = " OR ".join(
    f'"{term}"' if " " in term or "-" in term else term
    for term in (
        "stem cell",
        "stem cells",
        "progenitor cells",
        "progenitor cell",
        "stromal cells",
        "stromal cell",
        "mesenchymal",
        "MSC",
        "MSCs",
        "MSC-NTF",
        "NurOwn",
        "iPSC",
        "iPSCs",
        "induced pluripotent",
        "neural stem",
        "neural precursor",
        "motor neuron progenitor",
        "astrocytes",
        "glial progenitor",
        "lenzumestrocel",
        "NSI-566",
        "CNS10-NPC-GDNF",
        "bone marrow mononuclear",
        "mononuclear cells",
        "cell therapy",
        "cell transplantation",
        "cell transplant",
        "regulatory T cells",
        "Treg",
        "Tregs",
        "hematopoietic stem",
        "umbilical cord",
        "olfactory ensheathing",
    )
)
# Always fetched by ID on a default run, whatever the search returns.
DEFAULT_WATCHLIST: tuple[str, ...] = ("NCT07118319",)

# --- batching ------------------------------------------------------------------------------

# studies per batch of a bulk load or rebuild (one worker task, one transaction). 500 rather than a
# registry page of 1,000: at 20,000 studies the peak of all processes is ~1.15 GB instead of ~1.35
# (every batch in flight is half the size) and the time is the same within noise.
LOAD_BATCH_SIZE = 500
IDS_PER_REQUEST = 100  # NCT IDs per filter.ids request (keeps URLs short)

# --- reconciliation --------------------------------------------------------------------------

RECHECK_PER_RUN = 500  # known studies re-requested by ID each run, least recently confirmed first
MAX_REMOVED_SHARE = 0.05  # a run may mark at most this share of the warehouse as gone without --force

# Bump when a normalizer changes what it writes: a run on a warehouse normalized by an
# older version re-derives every table from raw_studies first.
NORMALIZER_VERSION = 4  # 2: external held-out rules, interval_days; 3: rules from ext5-ext7, new routes; 4: ext8-ext10

# --- benchmark -------------------------------------------------------------------------------

BENCH_SOURCE = PACKAGE_DIR.parent.parent / "shared" / "ctgov-data"  # real records beside the checkout
BENCH_CACHE = Path("data/bench")

# --- environment variables (the CLI's flags fall back to these) -----------------------------

ENV_BASE_URL = "CTGOV_BASE_URL"
ENV_WAREHOUSE = "PIPELINE_WAREHOUSE"
ENV_RATE_LIMIT = "PIPELINE_MIN_REQUEST_INTERVAL"
ENV_RETRIES = "PIPELINE_RETRIES"
ENV_WATCHLIST = "PIPELINE_WATCHLIST"
ENV_LOG_FORMAT = "PIPELINE_LOG_FORMAT"
ENV_WORKERS = "PIPELINE_WORKERS"


@dataclass(frozen=True)
class HttpSettings:
    """How the fetcher talks to the registry."""

    base_url: str = DEFAULT_BASE_URL
    user_agent: str = USER_AGENT
    page_size: int = PAGE_SIZE
    connect_timeout_s: float = CONNECT_TIMEOUT_S
    read_timeout_s: float = READ_TIMEOUT_S
    max_response_bytes: int = MAX_RESPONSE_BYTES
    min_request_interval_s: float = MIN_REQUEST_INTERVAL_S
    retry_attempts: int = RETRY_ATTEMPTS
    retry_base_s: float = RETRY_BASE_S
    retry_max_s: float = RETRY_MAX_S
    retry_after_cap_s: float = RETRY_AFTER_CAP_S


@dataclass(frozen=True)
class Search:
    """One slice of the registry: Essie queries plus NCT IDs fetched one by one."""

    name: str
    condition: str | None = None
    intervention: str | None = None
    term: str | None = None
    nct_ids: tuple[str, ...] = field(default_factory=tuple)

    @property
    def has_query(self) -> bool:
        return any((self.condition, self.intervention, self.term))

    def query_params(self) -> dict[str, str]:
        """The `query.*` parameters of this search (empty when it is ID-only)."""
        params = {"query.cond": self.condition, "query.intr": self.intervention, "query.term": self.term}
        return {key: value for key, value in params.items() if value}


def default_watchlist() -> tuple[str, ...]:
    """DEFAULT_WATCHLIST plus any IDs listed (comma-separated) in PIPELINE_WATCHLIST."""
    extra = [item.strip() for item in os.environ.get(ENV_WATCHLIST, "").split(",") if item.strip()]
    return tuple(dict.fromkeys([*DEFAULT_WATCHLIST, *extra]))


def default_search() -> Search:
    return Search(
        name=DEFAULT_SEARCH_NAME,
        condition=DEFAULT_CONDITION,
        intervention=DEFAULT_INTERVENTION,
        nct_ids=default_watchlist(),
    )

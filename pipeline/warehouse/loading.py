"""Loading batches: raw versions landed, every normalized row of a study replaced in one transaction.

A batch is loaded in one transaction: the raw versions, then every normalized table's rows
for the batch's studies deleted and re-inserted (one Arrow hand-off per table), so a study is
always complete, and a study whose arms shrank upstream keeps no stale rows.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Sequence

import polars as pl

from pipeline.landing import RawStudy, Rejected
from pipeline.normalize.schemas import TABLES
from pipeline.warehouse.base import WarehouseBase, quote, utcnow
from pipeline.warehouse.changes import CHANGES_SQL, watched_sql

_RAW_FRAME = {"nct_id": pl.String, "content_hash": pl.String, "raw": pl.String}
_QUARANTINE_FRAME = {"raw_hash": pl.String, "nct_id": pl.String, "reason": pl.String, "raw_text": pl.String}


class Loading(WarehouseBase):
    """Writes studies: raw versions, normalized rows, quarantine, removals from the registry."""

    def current_hashes(self, nct_ids: Sequence[str]) -> dict[str, str]:
        """The content hash of the current version of each of ``nct_ids`` already stored."""
        return {nct_id: content_hash for nct_id, (content_hash, _) in self.current_versions(nct_ids).items()}

    def current_versions(self, nct_ids: Sequence[str]) -> dict[str, tuple[str, dt.datetime]]:
        """(content hash, last seen) of the current version of each of ``nct_ids`` already stored."""
        if not nct_ids:
            return {}
        ids = pl.DataFrame({"nct_id": list(nct_ids)}, schema={"nct_id": pl.String})
        rows = self._fetch_with("ids", ids, "select r.nct_id, r.content_hash, r.last_seen_at from raw_studies r"
                                " semi join ids using (nct_id) where r.is_current")
        return {nct_id: (content_hash, seen) for nct_id, content_hash, seen in rows}

    def known_ids(self, nct_ids: Sequence[str]) -> set[str]:
        return set(self.current_hashes(nct_ids))

    def load_batch(
        self,
        changed: Sequence[RawStudy],
        frames: dict[str, pl.DataFrame],
        unchanged: Sequence[RawStudy] = (),
        rejected: Sequence[Rejected] = (),
        run_id: int | None = None,
        previous: Iterable[str] | None = None,
    ) -> int:
        """One transaction: land raw versions, replace the changed studies' rows, quarantine.

        ``previous`` names the changed studies that were already stored: their watched
        fields are compared before and after and differences go to study_changes.
        Returns how many changes were recorded.
        """
        now = utcnow()
        with self.transaction():
            if changed:
                raw = pl.DataFrame(
                    {
                        "nct_id": [r.nct_id for r in changed],
                        "content_hash": [r.content_hash for r in changed],
                        "raw": [r.json for r in changed],
                    },
                    schema=_RAW_FRAME,
                )
                ids = raw.select("nct_id")
                # Rows to delete first exist only for studies already stored; a fresh bulk load skips it.
                existing = ids.filter(pl.col("nct_id").is_in(list(previous or ())))
                self._land_raw(raw, existing, now)
                if existing.height:
                    self._exec_with("ids", existing, f"create or replace temp table _before as {watched_sql()}")
                # a study that is back in the registry leaves registry_removals
                self._exec_with("ids", ids, "delete from registry_removals where nct_id in (select nct_id from ids)")
                self._replace_rows(existing, frames)
                if existing.height:
                    self._exec_with("ids", existing, CHANGES_SQL, {"now": now, "run_id": run_id})
            if unchanged:
                seen = pl.DataFrame(
                    {"nct_id": [r.nct_id for r in unchanged], "content_hash": [r.content_hash for r in unchanged]},
                    schema={"nct_id": pl.String, "content_hash": pl.String},
                )
                self._exec_with(
                    "seen", seen,
                    "update raw_studies set last_seen_at = $now from seen"
                    " where raw_studies.nct_id = seen.nct_id and raw_studies.content_hash = seen.content_hash",
                    {"now": now},
                )
            if rejected:
                self._quarantine(rejected, run_id, now)
            if changed and previous:
                row = self._one("select count(*) from study_changes where detected_at = $now", {"now": now})
                return int(row[0]) if row else 0
        return 0

    def replace_tables(self, nct_ids: Sequence[str], frames: dict[str, pl.DataFrame]) -> None:
        """Replace the normalized rows of ``nct_ids`` (rebuild: raw_studies is left as is)."""
        ids = pl.DataFrame({"nct_id": list(nct_ids)}, schema={"nct_id": pl.String})
        with self.transaction():
            self._replace_rows(ids, frames)
            self._apply_registry_status(ids)

    def _replace_rows(self, delete: pl.DataFrame, frames: dict[str, pl.DataFrame]) -> None:
        """Delete every normalized row of the ``delete`` IDs, then insert ``frames`` (in a transaction)."""
        for table in TABLES:
            if delete.height:
                self._exec_with("ids", delete, f"delete from {quote(table)} where nct_id in (select nct_id from ids)")
            if frames[table].height:
                self._exec_with("frame", frames[table], f"insert into {quote(table)} by name select * from frame")

    def _apply_registry_status(self, ids: pl.DataFrame) -> None:
        """studies.registry_status of ``ids`` from registry_removals ('listed' when not removed)."""
        self._exec_with(
            "ids", ids,
            "update studies set registry_status = coalesce(r.registry_status, 'listed'),"
            " registry_status_date = r.detected_at::date"
            " from (select i.nct_id, rr.registry_status, rr.detected_at from ids i"
            " left join registry_removals rr using (nct_id)) r where studies.nct_id = r.nct_id",
        )

    def mark_removed(self, withdrawn: Sequence[str], merged: dict[str, str], run_id: int | None) -> None:
        """Record studies the registry no longer returns; a merged ID's rows leave for its canonical ID."""
        now = utcnow()
        frame = pl.DataFrame(
            {
                "nct_id": [*withdrawn, *merged],
                "registry_status": ["withdrawn_from_registry"] * len(withdrawn) + ["merged"] * len(merged),
                "canonical_nct_id": [None] * len(withdrawn) + list(merged.values()),
            },
            schema={"nct_id": pl.String, "registry_status": pl.String, "canonical_nct_id": pl.String},
        )
        if frame.is_empty():
            return
        with self.transaction():
            self._exec_with(
                "gone", frame,
                "insert into registry_removals select nct_id, registry_status, $now, canonical_nct_id, $run_id from gone"
                " on conflict (nct_id) do update set registry_status = excluded.registry_status,"
                " canonical_nct_id = excluded.canonical_nct_id",
                {"now": now, "run_id": run_id},
            )
            if merged:
                ids = frame.filter(pl.col("registry_status") == "merged").select("nct_id")
                for table in TABLES:
                    self._exec_with("ids", ids, f"delete from {quote(table)} where nct_id in (select nct_id from ids)")
                self._exec_with("ids", ids, "update raw_studies set is_current = false"
                                            " where is_current and nct_id in (select nct_id from ids)")
            self._apply_registry_status(frame.select("nct_id"))

    def iter_current_raw(self, batch_size: int) -> Iterator[list[tuple[str, str, str]]]:
        """(nct_id, content_hash, raw JSON text) of every current version, in batches."""
        cursor = self.con.cursor()
        cursor.execute(
            "select nct_id, content_hash, raw::varchar from raw_studies where is_current order by nct_id"
        )
        while batch := cursor.fetchmany(batch_size):
            yield batch

    def _land_raw(self, raw: pl.DataFrame, existing: pl.DataFrame, now: dt.datetime) -> None:
        """Insert the new versions as current; earlier versions of stored studies stop being current."""
        if existing.height:
            self._exec_with(
                "ids", existing,
                "update raw_studies set is_current = false where is_current and nct_id in (select nct_id from ids)",
            )
        # A stored study may come back to a version seen before (an edit undone): that row is current again.
        self._exec_with(
            "raw", raw,
            "insert into raw_studies (nct_id, content_hash, fetched_at, last_seen_at, is_current, raw)"
            " select nct_id, content_hash, $now, $now, true, raw::json from raw"
            " on conflict (nct_id, content_hash) do update set is_current = true, last_seen_at = excluded.last_seen_at",
            {"now": now},
        )

    def _quarantine(self, rejected: Sequence[Rejected], run_id: int | None, now: dt.datetime) -> None:
        frame = pl.DataFrame(
            {
                "raw_hash": [r.raw_hash for r in rejected],
                "nct_id": [r.nct_id for r in rejected],
                "reason": [r.reason for r in rejected],
                "raw_text": [r.raw_text for r in rejected],
            },
            schema=_QUARANTINE_FRAME,
        ).unique("raw_hash", keep="last")
        self._exec_with(
            "q", frame,
            "insert into quarantine (raw_hash, nct_id, reason, raw_text, first_seen_at, last_seen_at, run_id)"
            " select raw_hash, nct_id, reason, raw_text, $now, $now, $run_id from q"
            " on conflict (raw_hash) do update set last_seen_at = excluded.last_seen_at,"
            " run_id = excluded.run_id, reason = excluded.reason",
            {"now": now, "run_id": run_id},
        )

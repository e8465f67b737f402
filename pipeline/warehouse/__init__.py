"""The DuckDB warehouse: migrations, the batch transaction, runs, quarantine, metadata.

No HTTP here. DuckDB errors are translated into ``WarehouseError`` where they enter.

    base.py         the connection's foundations: migrations, views, transactions, metadata
    loading.py      a batch in one transaction: raw versions, normalized rows, quarantine, removals
    changes.py      the watched fields compared before and after a study is replaced
    bookkeeping.py  pipeline runs, sync state (watermarks), changes and counts
    connection.py   ``open_warehouse``: one writer (file lock), readers alongside
    dictionary.py   ``data_dictionary``: every table, view and column with its comment
"""

from pipeline.warehouse.base import quote, utcnow
from pipeline.warehouse.connection import Warehouse, open_warehouse
from pipeline.warehouse.dictionary import data_dictionary

__all__ = ["Warehouse", "data_dictionary", "open_warehouse", "quote", "utcnow"]

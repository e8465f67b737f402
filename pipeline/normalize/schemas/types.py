"""Short names for the Polars types the table schemas use."""

import polars as pl

Str = pl.String
Int = pl.Int32
Big = pl.Int64
Float = pl.Float64
Bool = pl.Boolean
Date = pl.Date
Stamp = pl.Datetime("us")
Strs = pl.List(pl.String)

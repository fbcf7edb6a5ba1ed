"""The pandas + scipy peer of bench/data: the same 30 expectations as suite.yaml, with Great Expectations'
pandas-engine semantics, and the same drift report, written the way a pandas user writes it (vectorised
column operations, no Python loop over rows).

    python3 peer.py DATA_DIR EXPECTATIONS_JSON [OUT_JSON] [--category]

DATA_DIR holds npy/{reference,current}/ from gen.py; EXPECTATIONS_JSON is suite.yaml's expectation list
as run.ts parsed it ([{"type": ..., "kwargs": {...}}, ...]). Writes one JSON object to OUT_JSON (or
prints it): a result per expectation, the drift report and the time of each phase. --category loads
the text columns as pandas categoricals instead of object columns (a faster layout pd.read_parquet does
not give by itself).

Semantics, as GE's pandas engine (great_expectations/expectations/metrics, _format_map_output):
- column-map expectations look at non-null values only; unexpected_percent is over them; `mostly` is
  the share of them that must be expected; not_be_null counts over all rows.
- regexes are matched with str.contains (a search anywhere), after astype(str), as GE does.
- aggregates skip NaN; stdev is pandas' std (ddof 1); quantiles are Series.quantile(interpolation="nearest").
- unique: every row whose value occurs more than once is unexpected (duplicated(keep=False)).
Drift, as Evidently's defaults and Gauntlet: for more than 1000 reference rows, numeric columns with more
than 5 distinct values get scipy.stats.wasserstein_distance / max(np.std(reference), 0.001), the rest
the Jensen-Shannon distance (scipy.spatial.distance.jensenshannon, base 2) of the category counts; both
drift from 0.1; the dataset drifts when at least half the columns do.
"""
import json
import math
import os
import sys
import time

import numpy as np
import pandas as pd
from scipy.spatial.distance import jensenshannon
from scipy.stats import wasserstein_distance

PARTIAL = 20


def load(folder, category=False):
    """
    The frame pd.read_parquet would give: numbers, datetime64[ns], object columns sharing str objects;
    with `category`, text columns as pandas categoricals instead (what .astype("category") gives).
    """
    with open(os.path.join(folder, "meta.json")) as f:
        meta = json.load(f)
    data = {}
    for name in meta["columns"]:
        arr = np.load(os.path.join(folder, f"{name}.npy"))
        if name in meta["labels"] and category:
            data[name] = pd.Categorical.from_codes(arr, meta["labels"][name])  # code -1 is NaN
        elif name in meta["labels"]:
            labels = np.array(meta["labels"][name] + [None], dtype=object)
            data[name] = labels[arr]  # code -1 picks the trailing None
        elif name in meta["dates"]:
            data[name] = arr.astype("datetime64[D]").astype("datetime64[ns]")
        else:
            data[name] = arr
    return pd.DataFrame(data)


# --- expectations -----------------------------------------------------------------------------------


def pct(part, whole):
    return part / whole * 100 if whole > 0 else None


def mostly_ok(considered, unexpected, mostly):
    return True if considered == 0 else (considered - unexpected) / considered >= mostly


def column_map(s, expected, mostly):
    """GE's column-map result: `expected(values)` is evaluated on the non-null values only."""
    values = s[s.notna()]
    bad = ~expected(values)
    return map_counts(len(s), len(values), bad, mostly, lambda: values[bad].head(PARTIAL).tolist())


def null_map(s, want_null, mostly):
    nulls = int(s.isna().sum())
    n = len(s)
    unexpected = n - nulls if want_null else nulls
    return {
        "success": mostly_ok(n, unexpected, mostly),
        "result": {"element_count": n, "unexpected_count": unexpected, "unexpected_percent": pct(unexpected, n)},
    }


def bound(s, x):
    """A min_value/max_value in the column's terms (dates given as text)."""
    if x is None:
        return None
    return pd.Timestamp(x) if pd.api.types.is_datetime64_any_dtype(s) else x


def between(v, k):
    lo, hi = bound(v, k.get("min_value")), bound(v, k.get("max_value"))
    ok = pd.Series(True, index=v.index)
    if lo is not None:
        ok &= (v > lo) if k.get("strict_min") else (v >= lo)
    if hi is not None:
        ok &= (v < hi) if k.get("strict_max") else (v <= hi)
    return ok


def stat_between(value, k):
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return False
    lo, hi = k.get("min_value"), k.get("max_value")
    if lo is not None and ((value <= lo) if k.get("strict_min") else (value < lo)):
        return False
    if hi is not None and ((value >= hi) if k.get("strict_max") else (value > hi)):
        return False
    return True


def aggregate(s, value, k):
    value = plain(value)
    n = len(s)
    return {
        "success": stat_between(value, k),
        "result": {"observed_value": value, "element_count": n, "missing_count": int(n - s.count())},
    }


DTYPES = {"float64": ["float64"], "int64": ["int64"], "int32": ["int32"], "str": ["object"]}


def expect(df, e):
    t, k = e["type"], e["kwargs"]
    s = df[k["column"]] if "column" in k else None
    mostly = k.get("mostly", 1)
    if t == "expect_table_row_count_to_be_between":
        n = len(df)
        return {"success": stat_between(n, k), "result": {"observed_value": n}}
    if t == "expect_table_columns_to_match_ordered_list":
        cols = list(df.columns)
        return {"success": cols == k["column_list"], "result": {"observed_value": cols}}
    if t == "expect_column_values_to_be_of_type":
        return {"success": str(s.dtype) in DTYPES.get(k["type_"], [k["type_"]]), "result": {"observed_value": str(s.dtype)}}
    if t == "expect_column_values_to_be_unique":
        return column_map(s, lambda v: ~v.duplicated(keep=False), mostly)
    if t == "expect_column_values_to_not_be_null":
        return null_map(s, False, mostly)
    if t == "expect_column_values_to_be_null":
        return null_map(s, True, mostly)
    if t == "expect_column_values_to_be_between":
        return column_map(s, lambda v: between(v, k), mostly)
    if t == "expect_column_values_to_be_in_set":
        return column_map(s, lambda v: v.isin(k["value_set"]), mostly)
    if t == "expect_column_values_to_not_be_in_set":
        return column_map(s, lambda v: ~v.isin(k["value_set"]), mostly)
    if t == "expect_column_values_to_match_regex":
        return column_map(s, lambda v: v.astype(str).str.contains(k["regex"]), mostly)
    if t == "expect_column_values_to_not_match_regex":
        return column_map(s, lambda v: ~v.astype(str).str.contains(k["regex"]), mostly)
    if t == "expect_column_value_lengths_to_be_between":
        return column_map(s, lambda v: between(v.str.len(), k), mostly)
    if t == "expect_column_mean_to_be_between":
        return aggregate(s, s.mean(), k)
    if t == "expect_column_median_to_be_between":
        return aggregate(s, s.median(), k)
    if t == "expect_column_stdev_to_be_between":
        return aggregate(s, s.std(), k)
    if t == "expect_column_min_to_be_between":
        return aggregate(s, s.min(), k)
    if t == "expect_column_max_to_be_between":
        return aggregate(s, s.max(), k)
    if t == "expect_column_sum_to_be_between":
        return aggregate(s, s.sum(), k)
    if t == "expect_column_quantile_values_to_be_between":
        qs = k["quantile_ranges"]["quantiles"]
        values = [plain(x) for x in s.quantile(qs, interpolation="nearest").tolist()]
        ranges = k["quantile_ranges"]["value_ranges"]
        details = [(lo is None or v >= lo) and (hi is None or v <= hi) for v, (lo, hi) in zip(values, ranges)]
        return {"success": all(details), "result": {"observed_value": {"quantiles": qs, "values": values}}}
    if t in (
        "expect_column_distinct_values_to_be_in_set",
        "expect_column_distinct_values_to_contain_set",
        "expect_column_distinct_values_to_equal_set",
    ):
        seen = set(s.dropna().unique().tolist())
        want = set(k["value_set"])
        ok = {"in": seen <= want, "contain": want <= seen, "equal": seen == want}[t.split("_")[-2]]
        return {"success": ok, "result": {"observed_value": sorted(seen)}}
    if t == "expect_column_proportion_of_unique_values_to_be_between":
        n = s.count()
        return aggregate(s, s.nunique() / n if n else 0.0, k)
    if t == "expect_column_unique_value_count_to_be_between":
        return aggregate(s, s.nunique(), k)
    if t == "expect_column_pair_values_a_to_be_greater_than_b":
        a, b = df[k["column_A"]], df[k["column_B"]]
        ignore = k.get("ignore_row_if", "both_values_are_missing")
        keep = {
            "both_values_are_missing": ~(a.isna() & b.isna()),
            "either_value_is_missing": a.notna() & b.notna(),
            "neither": pd.Series(True, index=df.index),
        }[ignore]
        a, b = a[keep], b[keep]
        bad = ~((a >= b) if k.get("or_equal") else (a > b))
        return map_counts(len(df), int(keep.sum()), bad, mostly, lambda: list(zip(a[bad].head(PARTIAL), b[bad].head(PARTIAL))))
    if t == "expect_compound_columns_to_be_unique":
        sub = df[k["column_list"]]
        ignore = k.get("ignore_row_if", "all_values_are_missing")
        keep = ~sub.isna().all(axis=1) if ignore == "all_values_are_missing" else (
            sub.notna().all(axis=1) if ignore == "any_value_is_missing" else pd.Series(True, index=df.index))
        sub = sub[keep]
        bad = sub.duplicated(keep=False)
        return map_counts(len(df), int(keep.sum()), bad, mostly, lambda: sub[bad].head(PARTIAL).to_dict("records"))
    raise ValueError(f"peer.py does not implement {t}")


def map_counts(n, considered, bad, mostly, partial):
    unexpected = int(bad.sum())
    return {
        "success": n == 0 or mostly_ok(considered, unexpected, mostly),
        "result": {
            "element_count": n,
            "missing_count": n - considered,
            "unexpected_count": unexpected,
            "unexpected_percent": pct(unexpected, considered),
            "partial_unexpected_list": plain(partial()),
        },
    }


def plain(x):
    """JSON-safe values: numpy scalars as Python numbers, NaN as None, timestamps as ISO text."""
    if isinstance(x, (list, tuple)):
        return [plain(v) for v in x]
    if isinstance(x, dict):
        return {str(k): plain(v) for k, v in x.items()}
    if isinstance(x, (pd.Timestamp, np.datetime64)):
        return str(pd.Timestamp(x).date()) if pd.Timestamp(x) == pd.Timestamp(x).normalize() else str(x)
    if isinstance(x, np.generic):
        x = x.item()
    if isinstance(x, float) and not math.isfinite(x):
        return None
    return x


# --- drift ------------------------------------------------------------------------------------------


def usable(s):
    """The values a column is compared by: finite numbers, or non-null values of anything else."""
    if pd.api.types.is_numeric_dtype(s):
        v = s.to_numpy(dtype=np.float64)
        return v[np.isfinite(v)], True
    return s.dropna(), False


def drift(ref, cur, threshold=0.1, share=0.5):
    columns = []
    for name in [c for c in ref.columns if c in cur.columns]:
        r, numeric = usable(ref[name])
        c, numeric_cur = usable(cur[name])
        numeric = numeric and numeric_cur
        nr, nc = pd.unique(r), pd.unique(c)
        unique = max(len(nr), len(nc)) if max(len(nr), len(nc)) > 5 else len(set(nr.tolist()) | set(nc.tolist()))
        if len(r) <= 1000:
            raise ValueError("peer.py implements the methods Evidently picks for more than 1000 reference rows")
        if numeric and unique > 5:
            method = "wasserstein"
            statistic = wasserstein_distance(r, c) / max(np.std(r), 0.001)
        else:
            method = "jensenshannon"
            counts = pd.concat([pd.Series(r).value_counts().rename("r"), pd.Series(c).value_counts().rename("c")], axis=1)
            counts = counts.fillna(0)
            statistic = jensenshannon(counts["r"].to_numpy(), counts["c"].to_numpy(), base=2)
        statistic = float(statistic)
        columns.append({
            "column": name,
            "kind": "numerical" if numeric and unique > 5 else "categorical",
            "method": method,
            "statistic": statistic,
            "drift": statistic >= threshold,
        })
    drifted = sum(c["drift"] for c in columns)
    return {"columns": columns, "drifted": drifted, "tested": len(columns), "dataset_drift": drifted / len(columns) >= share}


def main():
    category = "--category" in sys.argv
    argv = [a for a in sys.argv if a != "--category"]
    data, spec = argv[1], argv[2]
    with open(spec) as f:
        expectations = json.load(f)
    phases = {}
    t0 = time.perf_counter()
    cur = load(os.path.join(data, "npy", "current"), category)
    ref = load(os.path.join(data, "npy", "reference"), category)
    t1 = time.perf_counter()
    phases["load"] = t1 - t0
    results = []
    per = []
    for e in expectations:
        s = time.perf_counter()
        r = expect(cur, e)
        per.append(time.perf_counter() - s)
        results.append({"type": e["type"], "kwargs": e["kwargs"], **r})
    t2 = time.perf_counter()
    phases["expectations"] = t2 - t1
    report = drift(ref, cur)
    phases["drift"] = time.perf_counter() - t2
    out = {"expectations": results, "expectation_seconds": per, "drift": report, "phases": phases}
    if len(argv) > 3:
        with open(argv[3], "w") as f:
            json.dump(out, f, allow_nan=False)
    else:
        json.dump(out, sys.stdout, allow_nan=False)


if __name__ == "__main__":
    main()

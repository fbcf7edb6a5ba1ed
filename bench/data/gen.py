"""The benchmark's data for the pandas peer, computed with numpy from the same formulas generate.ts gives
DuckDB (see there): the same values bit for bit, saved as one .npy file per column so the peer can load
them without pyarrow (not installable here, and pandas cannot read Parquet without it or fastparquet).

Numbers are saved as pandas would hold them after pd.read_parquet: float64 with NaN for nulls (integer
columns with nulls become float64, as pyarrow converts them), int64 otherwise. Text columns are saved as
int32 codes plus their labels (code -1 = null); the peer turns them into object columns that share one
str object per distinct value, which is what pyarrow's to_pandas does (deduplicate_objects=True). The
date column is saved as days since 1970-01-01.

    python3 gen.py DIR ROWS     writes DIR/npy/{reference,current}/<column>.npy and meta.json,
                                and prints the per-column summary that run.ts compares with DuckDB's.
Not timed by the benchmark.
"""
import json
import math
import os
import sys

import numpy as np

M = np.int64(4294967296)

ADJ = ["quick", "lazy", "bright", "quiet", "heavy", "small", "early", "late"]
ADJ2 = ["red", "green", "blue", "amber", "grey", "pink", "teal", "gold"]
NOUN = ["order", "parcel", "refund", "ticket", "invoice", "return", "update", "query", "payment", "review",
        "delivery", "request", "booking", "message", "claim", "survey"]


def m32(x):
    return ((x >> 16) ^ x) * np.int64(73244475) % M


def h(j, k):
    x = m32(m32((j * np.int64(2654435761) + np.int64(k * 40503 + 12345)) % M))
    return (x >> 16) ^ x


def u(j, k):
    return (h(j, k).astype(np.float64) * 2 + 1) / 8589934592


def nulled(mask, values):
    out = values.astype(np.float64)
    out[mask] = np.nan
    return out


def pick(hash_mod, cuts):
    """Code k where hash_mod < cuts[k] and not an earlier cut (generate.ts's CASE)."""
    return np.searchsorted(np.array(cuts), hash_mod, side="right").astype(np.int32)


def side(rows, current):
    """Yields (name, array, labels-or-None) column by column, so only one column is in memory at a time."""
    off = rows if current else 0
    i = np.arange(rows, dtype=np.int64)
    j = i + off
    yield "id", j.copy(), None
    start = (np.datetime64("2025-01-01" if current else "2024-01-01", "D")).astype(np.int64)
    yield "day", (start + i * 365 // rows).astype(np.int32), None
    yield "age", nulled(h(j, 2) % 100 < 1, 18 + h(j, 1) % 73), None
    scale = 1.25 if current else 1.0
    income = (20000 + 80000 * u(j, 3) * u(j, 4) * u(j, 5)) * scale
    yield "income", nulled(h(j, 6) % 100 < 2, income), None
    yield "score", (u(j, 7) + u(j, 8) + u(j, 9) + u(j, 10) - 2) * 1.75 + (0.3125 if current else 0.0), None
    yield "price", np.floor(u(j, 11) * 100000) / 100, None
    yield "qty", h(j, 12) % 8 + h(j, 13) % 8, None
    yield "latency", 20 / (u(j, 14) + 0.0625), None
    yield "temp", nulled(h(j, 19) % 1000 < 5, 20 + (u(j, 16) + u(j, 17) + u(j, 18) - 1.5) * 10), None
    yield "ratio", u(j, 20) * u(j, 21), None
    yield "clicks", h(j, 22) % 1001, None
    yield "flag", np.where(h(j, 23) % 10 < 3, 1, 0).astype(np.int64), None
    yield "rating", 1 + h(j, 24) % 5, None
    yield "balance", nulled(h(j, 29) % 100 < 1, 1000 + (u(j, 25) + u(j, 26) + u(j, 27) + u(j, 28) - 2) * 525), None
    yield "country", pick(h(j, 30) % 100, [40, 55, 67, 77, 85, 92, 97]), ["US", "DE", "FR", "GB", "JP", "BR", "IN", "ZZ"]
    yield "device", pick(h(j, 31) % 10, [4, 8] if current else [6, 9]), ["mobile", "desktop", "tablet"]
    yield "plan", (h(j, 32) % 4).astype(np.int32), ["free", "basic", "pro", "enterprise"]
    channel = (h(j, 33) % 6).astype(np.int32)
    channel[h(j, 34) % 200 == 0] = -1
    yield "channel", channel, ["web", "app", "email", "ads", "partner", "store"]
    yield "status", pick(h(j, 35) % 1000, [900, 990, 999]), ["ok", "pending", "failed", "fraud"]
    # note: code = ((adj * 8 + adj2) * 16 + noun) * 1000 + number; the URL notes get 1_024_000 + number.
    num = h(j, 38) % 1000
    code = ((h(j, 36) % 8 * 8 + h(j, 40) % 8) * 16 + h(j, 37) % 16) * 1000 + num
    code = np.where(h(j, 39) % 10000 == 0, 1_024_000 + num, code)
    used = np.unique(code)
    labels = [note_label(int(c)) for c in used]
    yield "note", np.searchsorted(used, code).astype(np.int32), labels


def note_label(c):
    if c >= 1_024_000:
        return f"see https://example.com/{c - 1_024_000}"
    words, num = divmod(c, 1000)
    rest, noun = divmod(words, 16)
    adj, adj2 = divmod(rest, 8)
    return f"{ADJ[adj]} {ADJ2[adj2]} {NOUN[noun]} #{num}"


def by_length(values):
    """generate.ts's byLength: text counts summed by length, first word and number."""
    out = {}
    for k, n in values.items():
        key = f"{len(k)}:{k.split(' ')[0]}:{k.split('#')[1] if '#' in k else ''}"
        out[key] = out.get(key, 0) + n
    return out


def summary(name, arr, labels):
    if labels is not None:
        counts = np.bincount(arr[arr >= 0], minlength=len(labels))
        values = {labels[k]: int(n) for k, n in enumerate(counts) if n > 0}
        return {"count": int((arr >= 0).sum()), "values": by_length(values) if name == "note" else values}
    if name == "day":
        days, counts = np.unique(arr, return_counts=True)
        values = {str(np.datetime64(int(d), "D")): int(n) for d, n in zip(days, counts)}
        return {"count": int(arr.size), "values": values}
    v = arr[~np.isnan(arr)] if arr.dtype == np.float64 else arr
    return {"count": int(v.size), "sum": math.fsum(v.tolist()), "min": float(v.min()), "max": float(v.max())}


def main():
    out, rows = sys.argv[1], int(sys.argv[2])
    result = {}
    for name_, current in (("reference", False), ("current", True)):
        folder = os.path.join(out, "npy", name_)
        os.makedirs(folder, exist_ok=True)
        labels_of = {}
        sums = {}
        for name, arr, labels in side(rows, current):
            np.save(os.path.join(folder, f"{name}.npy"), arr)
            if labels is not None:
                labels_of[name] = labels
            sums[name] = summary(name, arr, labels)
        with open(os.path.join(folder, "meta.json"), "w") as f:
            json.dump({"rows": rows, "columns": list(sums), "labels": labels_of, "dates": ["day"]}, f)
        result[name_] = sums
    json.dump(result, sys.stdout)


if __name__ == "__main__":
    main()

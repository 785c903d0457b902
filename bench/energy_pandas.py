#!/usr/bin/python3
"""The computation of `virk energy compute`, written plainly with pandas and
NumPy, for bench/energy.sh to time beside virk.

    /usr/bin/python3 bench/energy_pandas.py prepare DIR   # untimed: CSV files -> DIR/energy_input.npz
    /usr/bin/python3 bench/energy_pandas.py compute DIR   # timed: the computation

It does the work virk does (energy/model.go, correct.go, compute.go,
detect.go): for every building and year the daily energy signature over the
same candidates (intercept; heating balance 8-22 C; cooling 15-30 C; both),
chosen by adjusted R2 among slopes > 0 with p < 0.1, and the correction to a
normal year; and for every meter a baseline on its first 365 days (two
signatures where the opening-hour/night ratio of the hourly readings shows
closed days), weekday offsets, a robust sigma, the Page CUSUM, the step test,
the night and weekend load check and the meter-fault checks. The p-value of
a slope uses the normal approximation of Student's t (every fit here has
more than 100 days); virk computes the t distribution exactly.
"""
import math
import sys
import time
import warnings

import numpy as np
import pandas as pd

warnings.filterwarnings("ignore", category=RuntimeWarning)  # medians of empty slices are NaN, as meant

BASE = 17.0
OSLO = "Europe/Oslo"


def prepare(d):
    """Reads the CSV files into NumPy arrays."""
    meters, starts, blocks = [], [], []
    cur, vals, first = None, [], None
    for chunk in pd.read_csv(f"{d}/readings.csv", sep=";", usecols=[0, 1, 3], header=0,
                             names=["meter", "fra", "kwh"], dtype={"meter": str, "fra": str, "kwh": float},
                             chunksize=5_000_000):
        for m, g in chunk.groupby("meter", sort=False):
            if m != cur:
                if cur is not None:
                    meters.append(cur); starts.append(first); blocks.append(np.concatenate(vals))
                cur, vals, first = m, [], g["fra"].iloc[0]
            vals.append(g["kwh"].to_numpy())
    meters.append(cur); starts.append(first); blocks.append(np.concatenate(vals))
    start = pd.Timestamp(starts[0]).tz_localize(OSLO).tz_convert("UTC")
    hourly = np.vstack(blocks)
    b = pd.read_csv(f"{d}/bygg.csv", sep=";", dtype=str)
    m = pd.read_csv(f"{d}/malere.csv", sep=";", dtype=str)
    t = pd.read_csv(f"{d}/temperatur.csv", sep=";", dtype=str)
    temps = t.iloc[:, 3].str.replace(",", ".").astype(float).to_numpy()
    tday0 = pd.to_datetime(t.iloc[0, 2], format="%d.%m.%Y")
    normals = np.full((13, 32), np.nan)
    rows = False
    for line in open(f"{d}/normaler.txt", encoding="utf-8"):
        f = line.strip().split(";")
        if f[:2] == ["Mnd", "Dag"]:
            rows = True
            continue
        if rows and len(f) == 3:
            normals[int(f[0]), int(f[1])] = float(f[2].replace(",", "."))
    area = b.drop_duplicates("bygg").set_index("bygg")["areal"].str.replace(" ", "").astype(float)
    opening = b.drop_duplicates("bygg").set_index("bygg")["åpen"]
    np.savez(f"{d}/energy_input.npz", hourly=hourly, meters=np.array(meters), start=str(start),
             meter_building=m.set_index("måler").loc[meters, "bygg"].to_numpy(),
             main=(m.set_index("måler").loc[meters, "hovedmåler"] == "ja").to_numpy(),
             buildings=area.index.to_numpy(), area=area.to_numpy(), opening=opening.to_numpy(),
             temps=temps, tday0=str(tday0.date()), normals=normals)


def fit(t, y):
    """The CalTRACK daily model over virk's candidate grid: returns a dict."""
    ok = ~(np.isnan(t) | np.isnan(y))
    t, y = t[ok], y[ok]
    n = len(y)
    if n < 10:
        return None
    best = {"kind": "intercept", "base": y.mean(), "hs": 0.0, "hbp": 0.0, "cs": 0.0, "cbp": 0.0, "adj": 0.0, "p": 1}
    sst = ((y - y.mean()) ** 2).sum()

    def ols(cols, kind, hbp=0.0, cbp=0.0):
        nonlocal best
        X = np.column_stack([np.ones(n)] + cols)
        coef, _, rank, _ = np.linalg.lstsq(X, y, rcond=None)
        if rank < X.shape[1]:
            return
        resid = y - X @ coef
        sse = (resid ** 2).sum()
        p = X.shape[1]
        if n <= p or sst == 0:
            return
        s2 = sse / (n - p)
        cov = s2 * np.linalg.inv(X.T @ X)
        for j in range(1, p):
            if coef[j] <= 0:
                return
            z = coef[j] / math.sqrt(cov[j, j])
            if math.erfc(z / math.sqrt(2)) >= 0.1:
                return
        for c in cols:
            if (c > 0).sum() < 10 or c.sum() < 20:
                return
        adj = 1 - (1 - (1 - sse / sst)) * (n - 1) / (n - p)
        if adj > best["adj"] + 1e-12:
            best = {"kind": kind, "base": coef[0], "adj": adj, "p": p, "hbp": hbp, "cbp": cbp,
                    "hs": coef[1] if kind in ("heating", "both") else 0.0,
                    "cs": coef[-1] if kind in ("cooling", "both") else 0.0}

    hbps, cbps = range(8, 23), range(15, 31)
    hdd = {b: np.maximum(0, b - t) for b in hbps}
    cdd = {b: np.maximum(0, t - b) for b in cbps}
    for b in hbps:
        ols([hdd[b]], "heating", hbp=b)
    for b in cbps:
        ols([cdd[b]], "cooling", cbp=b)
    for h in hbps:
        for c in cbps:
            if h <= c:
                ols([hdd[h], cdd[c]], "both", hbp=h, cbp=c)
    pred = predict(best, t)
    sse = ((y - pred) ** 2).sum()
    best["cvrmse"] = math.sqrt(sse / max(n - best["p"], 1)) / y.mean() if y.mean() else math.inf
    best["n"] = n
    best["qualifies"] = n >= 270 and best["cvrmse"] <= 0.5
    return best


def predict(m, t):
    return m["base"] + m["hs"] * np.maximum(0, m["hbp"] - t) * (m["hs"] > 0) + m["cs"] * np.maximum(0, t - m["cbp"]) * (m["cs"] > 0)


def heating(m, t):
    return m["hs"] * np.maximum(0, m["hbp"] - t) + m["cs"] * np.maximum(0, t - m["cbp"])


def correct(days, temps, normal_t, years):
    """Each year's actual and corrected use of one building."""
    out = {}
    for y, idx in years.items():
        u, t, tn = days[idx], temps[idx], normal_t[idx]
        if np.isnan(u).any() or np.isnan(t).any():
            continue
        actual = u.sum()
        m = fit(t, u)
        if m and m["qualifies"] and m["kind"] != "intercept":
            out[y] = (actual, actual + (heating(m, tn) - heating(m, t)).sum())
        else:
            hdd_a, hdd_n = np.maximum(0, BASE - t).sum(), np.maximum(0, BASE - tn).sum()
            out[y] = (actual, actual * (0.4 + 0.6 * hdd_n / hdd_a))
    return out


def mad_sigma(x):
    x = x[~np.isnan(x)]
    return 1.4826 * np.median(np.abs(x - np.median(x))) if len(x) else np.nan


def detect(hourly_df, daily, temps, opening):
    """The checks of energy/detect.go on one meter; returns alert kinds."""
    alerts = []
    n = len(daily)
    base = min(365, n)
    wd = daily.index.dayofweek.to_numpy()
    y = daily.to_numpy()
    # Meter faults on the hours.
    h = hourly_df.to_numpy()
    runs = pd.Series(np.isnan(h)).groupby((pd.Series(np.isnan(h)) != pd.Series(np.isnan(h)).shift()).cumsum()).transform("size")
    if ((np.isnan(h)) & (runs.to_numpy() >= 48)).any():
        alerts.append("stoppet")
    same = pd.Series(h).diff().eq(0)
    rl = same.groupby((~same).cumsum()).cumsum()
    if (rl >= 23).any():
        alerts.append("hengende")
    zero = pd.Series(h).eq(0)
    zl = zero.groupby((~zero).cumsum()).cumsum()
    if (zl >= 24).any():
        alerts.append("null")
    # Occupancy from opening-hour against night load.
    hours = hourly_df.index.hour
    closed = wd >= 5
    if opening != "døgn":
        a, b = (int(x) for x in opening.split("-"))
        open_mean = hourly_df[(hours >= a) & (hours < b)].resample("D").mean()
        night_mean = hourly_df[(hours < a - 1) | (hours >= b + 2)].resample("D").mean()
        ratio = (open_mean / night_mean).reindex(daily.index).to_numpy()
        r_open, r_shut = np.nanmedian(ratio[:base][wd[:base] < 5]), np.nanmedian(ratio[:base][wd[:base] >= 5])
        if r_open > 4 / 3 * r_shut and closed[:base].sum() >= 28:
            closed = ratio < math.sqrt(r_open * r_shut)
    # Baseline: one or two signatures, weekday offsets, robust sigma.
    pred = np.full(n, np.nan)
    m = fit(temps[:base], y[:base])
    if not (m and m["qualifies"]):
        return alerts
    pred[:] = predict(m, temps)
    mo, mc = fit(temps[:base][~closed[:base]], y[:base][~closed[:base]]), fit(temps[:base][closed[:base]], y[:base][closed[:base]])
    if mo and mc:
        pred = np.where(closed, predict(mc, temps), predict(mo, temps))
    resid = y - pred
    off = pd.Series(resid[:base]).groupby(wd[:base]).median()
    resid = resid - off.reindex(wd).to_numpy()
    sigma = max(mad_sigma(resid[:base]), 0.01 * np.nanmedian(y[:base]))
    # Page CUSUM; a run is an alert when S passed h and the use over the
    # run stands 5 % or more above the baseline.
    s, start, raised = 0.0, -1, False
    for i in range(base, n):
        r = resid[i]
        if np.isnan(r):
            continue
        if s == 0:
            start = i
        s = max(0.0, s + max(-3, min(3, r / sigma)) - 0.5)
        raised = raised or s > 5
        if s == 0 or i == n - 1:
            if raised and np.nanmean(y[start:i + 1]) >= 1.05 * np.nanmean(pred[start:i + 1]):
                alerts.append("drift")
            raised = False
    # Step: 7-day medians after against the 28 before.
    rs = pd.Series(resid)
    after = rs.rolling(7, min_periods=5).median().shift(-6)
    after2 = after.shift(-7)
    before = rs.rolling(28, min_periods=14).median().shift(1).clip(lower=0)
    thr = 4 * sigma / math.sqrt(7)
    level = pd.Series(pred).rolling(7, min_periods=5).mean().shift(-6)
    step = (after - before > thr) & (after2 - before > thr) & (after > thr) & (after >= 0.05 * level)
    alerts += ["sprang"] * int((step[base:] & ~step[base:].shift(1, fill_value=False)).sum())
    # Night and weekend load against its baseline median.
    if opening != "døgn":
        a, b = (int(x) for x in opening.split("-"))
        closed_h = (hours < a) | (hours >= b) | (hourly_df.index.dayofweek >= 5)
        load = hourly_df[closed_h].resample("D").mean().reindex(daily.index).to_numpy()
        for kind, mask in (("nattlast", wd < 5), ("helgelast", wd >= 5)):
            ref = load[:base][mask[:base]]
            normal, sd = np.nanmedian(ref), mad_sigma(ref)
            high = mask & (load > normal * 1.2) & (load > normal + 2 * sd)
            runs = pd.Series(high[base:]).groupby((pd.Series(high[base:]) != pd.Series(high[base:]).shift()).cumsum()).transform("size")
            if (high[base:] & (runs.to_numpy() >= (3 if kind == "nattlast" else 2))).any():
                alerts.append(kind)
    return alerts


def compute(d):
    z = np.load(f"{d}/energy_input.npz", allow_pickle=True)
    hourly, meters = z["hourly"], z["meters"]
    idx = pd.date_range(pd.Timestamp(str(z["start"])), periods=hourly.shape[1], freq="h").tz_convert(OSLO)
    frame = pd.DataFrame(hourly.T, index=idx, columns=meters)
    daily = frame.resample("D").sum(min_count=1)
    daily.index = daily.index.tz_localize(None)
    tday = pd.date_range(str(z["tday0"]), periods=len(z["temps"]), freq="D")
    temps = pd.Series(z["temps"], index=tday).reindex(daily.index).to_numpy()
    normals = z["normals"]
    normal_t = np.array([normals[t.month, t.day] for t in daily.index])
    years = {y: np.where(daily.index.year == y)[0] for y in sorted(set(daily.index.year))}
    opening = dict(zip(z["buildings"], z["opening"]))
    area = dict(zip(z["buildings"], z["area"]))
    by_building = pd.Series(z["meter_building"], index=meters)
    corrected, area_sum = {}, {}
    for b in z["buildings"]:
        mains = [m for m, mb, mn in zip(meters, z["meter_building"], z["main"]) if mb == b and mn]
        use = daily[mains].sum(axis=1, min_count=len(mains)).to_numpy()
        for y, (act, corr) in correct(use, temps, normal_t, years).items():
            corrected[y] = corrected.get(y, 0) + corr
            area_sum[y] = area_sum.get(y, 0) + area[b]
    kinds = {}
    for m in meters:
        for k in detect(frame[m], daily[m], temps, opening[by_building[m]]):
            kinds[k] = kinds.get(k, 0) + 1
    print(f"{len(z['buildings'])} buildings;", "corrected kWh/m2 by year:",
          " ".join(f"{y}: {corrected[y] / area_sum[y]:.1f}" for y in sorted(corrected)),
          "; alerts:", kinds)


if __name__ == "__main__":
    if len(sys.argv) != 3 or sys.argv[1] not in ("prepare", "compute"):
        sys.exit("usage: energy_pandas.py prepare|compute DIR")
    t0 = time.time()
    (prepare if sys.argv[1] == "prepare" else compute)(sys.argv[2])
    print(f"({sys.argv[1]}: {time.time() - t0:.1f} s)", file=sys.stderr)

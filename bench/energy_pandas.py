#!/usr/bin/python3
"""The computation of `virk energy compute`, written with pandas and NumPy,
for bench/energy.sh to time beside virk.

    /usr/bin/python3 bench/energy_pandas.py prepare DIR   # untimed: DIR/*.csv -> DIR/energy_input.npz
    /usr/bin/python3 bench/energy_pandas.py compute DIR   # timed: everything virk computes

(Use Debian's /usr/bin/python3, which has python3-pandas 1.5 and NumPy 1.24.)

`prepare` reads DIR/readings.csv (Elhub's `Målepunkt-ID;Fra;Til;Volum (kWh)`
in Norwegian local time, each meter's rows together and in time order; an
empty value is a missing hour), bygg.csv, malere.csv, temperatur.csv and
normaler.txt, and writes the hourly readings as one matrix (meters x hours
from local midnight of 1 January of the first year, NaN where unknown) with
the registers, temperatures and normals beside it.

`compute` does the work of energy.Compute (energy/compute.go):

  * for every building, the daily use of its main meters added up, and for
    every year of it the correction to a normal year (energy/correct.go):
    the CalTRACK daily model (energy/model.go: intercept, heating at 8..22 C,
    cooling at 15..30 C, both with heating <= cooling balance; OLS; slopes
    > 0 with a two-sided Student t p-value < 0.1; at least 10 days with
    degree days summing to 20; highest adjusted R2; qualifies with N >= 270
    and CV(RMSE) <= 0.5), the model's heating and cooling parts at normal
    against actual temperature, or else the degree-day method with heating
    share 0.6 at 17 C; a year missing at most 31 days gets them estimated
    from a model fitted on its other days;
  * detection on every meter (energy/detect.go): meter faults (stopped,
    stuck, zero), the baseline on the first 365 days with data (the daily
    model, occupancy-split models for buildings with opening hours,
    weekday median offsets, sigma = 1.4826 MAD), night and weekend load,
    Page's CUSUM for drift and the step test, with the 5 % materiality rule,
    the drift that only sums a step dropped, and a drift or step that night
    and weekend alerts explain dropped;

and prints the number of buildings, the building-years in the portfolio's
figures, the sum of corrected kWh (energi.forbruk_korr) over buildings per
year, and the number of alerts by kind.
"""
import math
import sys
import time
import warnings

import numpy as np
import pandas as pd

warnings.filterwarnings("ignore", category=RuntimeWarning)  # NaN means of all-NaN slices are meant

OSLO = "Europe/Oslo"

# energy/model.go
HEAT_BP = np.arange(8, 23, dtype=float)   # heating balance points, C
COOL_BP = np.arange(15, 31, dtype=float)  # cooling balance points, C
MIN_DAYS = 270
MAX_CVRMSE = 0.5
MAX_P = 0.1
MIN_DD_DAYS = 10
MIN_DD = 20.0
TIE = 1e-12

# energy/correct.go, degreeday.go
BASE_T = 17.0
HEATING_SHARE = 0.6
MAX_ESTIMATED = 31

# energy/detect.go
BASELINE_DAYS = 365
NIGHT_EXCESS, NIGHT_SIGMAS = 0.2, 2.0
NIGHT_DAYS, WEEKEND_DAYS = 3, 2
CUSUM_K, CUSUM_H, Z_CLIP = 0.5, 5.0, 3.0
STEP_SIGMAS, STEP_AFTER, STEP_BEFORE = 4.0, 7, 28
MIN_BASELINE = 28
STOPPED_H, STUCK_H, ZERO_H = 48, 24, 24
FAULT_SHARE = 0.05
EXPLAINED_SHARE = 0.6
MIN_EXCESS = 0.05
SIGMA_FLOOR = 0.01
OCCUPANCY_RATIO = 4 / 3

YES = {"ja", "j", "yes", "y", "1", "true", "x"}


# ---------------------------------------------------------------- prepare

def station_id(s):
    s = str(s).strip()
    return "SN" + s if s.isdigit() else s


def number(s):
    """A Norwegian number: decimal comma, spaces between thousands."""
    s = str(s).replace("\u00a0", "").replace(" ", "").replace(",", ".")
    try:
        return float(s)
    except ValueError:
        return math.nan


def opening_hours(s):
    s = str(s).strip().lower()
    if s in ("", "døgn", "døgnåpen", "24/7", "alltid", "always"):
        return 0, 0
    a, b = s.replace("–", "-").replace(":00", "").replace(".00", "").split("-")
    return int(a), int(b)


def read_readings(path):
    """Yields (meter, local times, values) in file order, the local times as
    naive datetime64. The file is read in chunks of three columns; a meter's
    rows are those between two changes of meter ID."""
    cur, times, values = None, [], []
    reader = pd.read_csv(path, sep=";", header=0, names=["meter", "fra", "til", "kwh"],
                         usecols=["meter", "fra", "kwh"], dtype={"meter": str, "fra": str, "kwh": np.float64},
                         na_values={"kwh": ["-", "..", "na"]}, chunksize=4_000_000, encoding="utf-8-sig")
    for chunk in reader:
        ids = chunk["meter"].to_numpy()
        fra = pd.to_datetime(chunk["fra"], format="%Y-%m-%d %H:%M").to_numpy()
        kwh = chunk["kwh"].to_numpy()
        cuts = np.flatnonzero(ids[1:] != ids[:-1]) + 1
        for a, b in zip(np.r_[0, cuts], np.r_[cuts, len(ids)]):
            if ids[a] != cur:
                if cur is not None:
                    yield cur, np.concatenate(times), np.concatenate(values)
                cur, times, values = ids[a], [], []
            times.append(fra[a:b])
            values.append(kwh[a:b])
    if cur is not None:
        yield cur, np.concatenate(times), np.concatenate(values)


def to_utc_hours(local):
    """Naive Norwegian local times, in order, as whole hours since 1970 UTC
    (-1 for a time that does not exist). Where the rows are a complete
    hourly series (the usual case) the first row fixes them all; otherwise
    each is localized, the repeated October hour by the order of the rows
    (the first of two equal times is summer time)."""
    hour = pd.Timedelta(hours=1)
    epoch = pd.Timestamp("1970-01-01", tz="UTC")
    first = pd.Timestamp(local[0]).tz_localize(OSLO, ambiguous=True)
    last = pd.Timestamp(local[-1]).tz_localize(OSLO, ambiguous=False)
    if (last - first) // hour + 1 == len(local):
        return (first - epoch) // hour + np.arange(len(local))
    second = np.r_[False, local[1:] == local[:-1]]
    utc = pd.DatetimeIndex(local).tz_localize(OSLO, ambiguous=~second, nonexistent="NaT")
    return np.where(utc.isna(), -1, (utc - epoch) // hour)


def prepare(d):
    # Registers.
    bygg = pd.read_csv(f"{d}/bygg.csv", sep=";", dtype=str, keep_default_na=False, encoding="utf-8-sig")
    bygg.columns = [c.strip().lower() for c in bygg.columns]
    first_rows = bygg.drop_duplicates("bygg")
    buildings = first_rows["bygg"].str.strip().to_numpy()
    hours = [opening_hours(s) for s in first_rows.get("åpen", pd.Series([""] * len(first_rows)))]
    share = [number(s) if str(s).strip() else 0.0 for s in first_rows.get("varmeandel", pd.Series([""] * len(first_rows)))]
    share = [s / 100 if s > 1 else s for s in share]
    areas = bygg[bygg["areal"].str.strip() != ""]
    malere = pd.read_csv(f"{d}/malere.csv", sep=";", dtype=str, keep_default_na=False, encoding="utf-8-sig")
    malere.columns = [c.strip().lower() for c in malere.columns]
    main = {r["måler"].strip(): r.get("hovedmåler", "").strip().lower() in YES | {""} for _, r in malere.iterrows()}
    meter_building = dict(zip(malere["måler"].str.strip(), malere["bygg"].str.strip()))

    # Readings, laid out as one matrix of hours from 1 January of the
    # first year, local midnight, to the end of the last day read.
    series = []
    for m, local, values in read_readings(f"{d}/readings.csv"):
        if m not in meter_building:
            print(f"prepare: meter {m} is not in malere.csv; left out", file=sys.stderr)
            continue
        series.append((m, to_utc_hours(local), values))
    hour = pd.Timedelta(hours=1)
    epoch = pd.Timestamp("1970-01-01", tz="UTC")
    first_hour = min(h[h >= 0].min() for _, h, _ in series)
    last_hour = max(h.max() for _, h, _ in series)
    first_year = (epoch + first_hour * hour).tz_convert(OSLO).year
    start = pd.Timestamp(f"{first_year}-01-01").tz_localize(OSLO).tz_convert("UTC")
    last_day = (epoch + last_hour * hour).tz_convert(OSLO).tz_localize(None).normalize()
    end = (last_day + pd.Timedelta(days=1)).tz_localize(OSLO).tz_convert("UTC")
    hourly = np.full((len(series), (end - start) // hour), np.nan)
    for i, (_, h, v) in enumerate(series):
        ok = h >= 0
        hourly[i, h[ok] - (start - epoch) // hour] = v[ok]
    meters = [m for m, _, _ in series]
    del series

    # Temperatures, by station and day.
    t = pd.read_csv(f"{d}/temperatur.csv", sep=";", dtype=str, keep_default_na=False, encoding="utf-8-sig")
    t = pd.DataFrame({"station": t.iloc[:, 1].map(station_id),
                      "date": pd.to_datetime(t.iloc[:, 2].str.strip(), format="%d.%m.%Y"),
                      "temp": pd.to_numeric(t.iloc[:, 3].str.strip().str.replace(",", "."), errors="coerce")})
    temps = t.pivot_table(index="date", columns="station", values="temp", aggfunc="last")
    temps = temps.reindex(pd.date_range(temps.index.min(), temps.index.max(), freq="D"))

    # Normals: eKlima's DØGNNORMAL, "Mnd;Dag;<station>" and a row a day.
    normals = np.full((13, 32), np.nan)
    normal_station, reading = "", False
    for line in open(f"{d}/normaler.txt", encoding="utf-8-sig"):
        f = [x.strip() for x in line.strip().split(";")]
        if len(f) == 3 and f[:2] == ["Mnd", "Dag"]:
            normal_station, reading = station_id(f[2]), True
        elif reading and len(f) == 3 and f[0].isdigit() and f[1].isdigit():
            normals[int(f[0]), int(f[1])] = number(f[2])
        elif reading and line.strip():
            reading = False
    if np.isnan(normals[2, 29]):
        normals[2, 29] = (normals[2, 28] + normals[3, 1]) / 2

    np.savez(f"{d}/energy_input.npz",
             hourly=hourly, start=str(start), meters=np.array(meters),
             meter_building=np.array([meter_building[m] for m in meters]),
             meter_main=np.array([main[m] for m in meters]),
             buildings=buildings.astype(str),
             building_station=(first_rows["stasjon"] if "stasjon" in first_rows else pd.Series([""] * len(buildings))).map(station_id).to_numpy().astype(str),
             open_from=np.array([h[0] for h in hours]), open_to=np.array([h[1] for h in hours]),
             open_weekends=first_rows.get("helg", pd.Series([""] * len(first_rows))).str.strip().str.lower().isin(YES).to_numpy(),
             heating_share=np.array(share, dtype=float),
             area_building=areas["bygg"].str.strip().to_numpy().astype(str), area_year=areas["år"].astype(int).to_numpy(),
             area_value=areas["areal"].map(number).to_numpy(dtype=float),
             stations=np.array(temps.columns, dtype=str), temp_day0=str(temps.index[0].date()),
             temps=temps.to_numpy().T, normal_station=normal_station, normals=normals)
    print(f"{len(meters)} meters x {hourly.shape[1]} hours from {start} into {d}/energy_input.npz", file=sys.stderr)


# ---------------------------------------------------------------- the model

def reg_inc_beta(a, b, x):
    """The regularized incomplete beta function I_x(a, b), by the continued
    fraction of Numerical Recipes 6.4 (as energy/model.go does)."""
    if not x > 0:
        return 0.0
    if not x < 1:
        return 1.0
    front = math.exp(math.lgamma(a + b) - math.lgamma(a) - math.lgamma(b) + a * math.log(x) + b * math.log1p(-x))
    if x < (a + 1) / (a + b + 2):
        return front * beta_cf(a, b, x) / a
    return 1 - front * beta_cf(b, a, 1 - x) / b


def beta_cf(a, b, x):
    tiny = 1e-300
    qab, qap, qam = a + b, a + 1, a - 1
    c, d = 1.0, 1 - qab * x / qap
    d = 1 / (d if abs(d) >= tiny else tiny)
    h = d
    for m in range(1, 301):
        m2 = 2 * m
        aa = m * (b - m) * x / ((qam + m2) * (a + m2))
        d = 1 + aa * d
        d = 1 / (d if abs(d) >= tiny else tiny)
        c = 1 + aa / c
        c = c if abs(c) >= tiny else tiny
        h *= d * c
        aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2))
        d = 1 + aa * d
        d = 1 / (d if abs(d) >= tiny else tiny)
        c = 1 + aa / c
        c = c if abs(c) >= tiny else tiny
        delta = d * c
        h *= delta
        if abs(delta - 1) < 1e-15:
            break
    return h


def t_test_p(t, df):
    """Two-sided p-value of Student's t with df degrees of freedom."""
    if math.isnan(t):
        return 1.0
    if math.isinf(t):
        return 0.0
    return reg_inc_beta(df / 2, 0.5, df / (df + t * t))


class Model:
    """A fitted daily signature, as energy.Model."""
    kind = "intercept"
    base = hs = hbp = cs = cbp = 0.0
    r2 = adj_r2 = cvrmse = nmbe = 0.0
    n = 0
    qualifies = False

    def predict(self, t):
        return self.base + self.heating(t) + self.cooling(t)

    def heating(self, t):
        if self.kind not in ("heating", "heating_cooling"):
            return np.zeros_like(t, dtype=float) if np.ndim(t) else 0.0
        return self.hs * np.maximum(0, self.hbp - t)

    def cooling(self, t):
        if self.kind not in ("cooling", "heating_cooling"):
            return np.zeros_like(t, dtype=float) if np.ndim(t) else 0.0
        return self.cs * np.maximum(0, t - self.cbp)


def fit(temp, use, min_days=MIN_DAYS, max_cv=MAX_CVRMSE):
    """energy.Fit: the CalTRACK daily model over the balance-point grids.

    Every candidate's least squares come from the sums of its degree-day
    column, all candidates at once; the p-values are computed for the
    candidates in order of adjusted R2 until one passes, which picks the
    same model as trying them in turn."""
    ok = np.isfinite(temp) & np.isfinite(use)
    t, y = temp[ok], use[ok]
    n = len(y)
    m = Model()
    m.n = n
    if n == 0:
        return m
    mean = y.mean()
    yc = y - mean
    sst = yc @ yc
    m.base = mean
    if sst > 0:
        hdd = np.maximum(HEAT_BP[:, None] - t, 0)   # balance points x days
        cdd = np.maximum(t - COOL_BP[:, None], 0)
        cols = []
        for dd in (hdd, cdd):
            s, ss, sy = dd.sum(1), (dd * dd).sum(1), dd @ yc
            good = ((dd > 0).sum(1) >= MIN_DD_DAYS) & (s >= MIN_DD)
            cols.append((s, ss, sy, ss - s * s / n, good))
        cands = []  # (adj, kind, i, j) in the order Go tries them
        # Heating or cooling alone: p = 2.
        df1 = n - 2
        if df1 >= 1:
            for kind, (s, ss, sy, sxx, good) in zip(("heating", "cooling"), cols):
                with np.errstate(divide="ignore", invalid="ignore"):
                    slope = sy / sxx
                    sse = np.maximum(0, sst - slope * sy)
                    adj = 1 - sse / sst * (n - 1) / df1
                keep = good & (sxx > 1e-12 * ss) & (slope > 0) & (adj > TIE)
                for i in np.flatnonzero(keep):
                    cands.append((adj[i], kind, i, -1, slope[i], sse[i], sxx[i]))
        # Both: p = 3, heating balance <= cooling balance.
        df2 = n - 3
        if df2 >= 1:
            (hs_, _, hsy, shh, hgood), (cs_, _, csy, scc, cgood) = cols
            shh, scc, hsy, csy = shh[:, None], scc[None, :], hsy[:, None], csy[None, :]
            shc = -hs_[:, None] * cs_[None, :] / n
            with np.errstate(divide="ignore", invalid="ignore"):
                det = shh * scc - shc * shc
                bh = (scc * hsy - shc * csy) / det
                bc = (shh * csy - shc * hsy) / det
                sse = np.maximum(0, sst - bh * hsy - bc * csy)
                adj = 1 - sse / sst * (n - 1) / df2
            keep = (hgood[:, None] & cgood[None, :] & (HEAT_BP[:, None] <= COOL_BP[None, :])
                    & (det > 1e-12 * shh * scc) & (bh > 0) & (bc > 0) & (adj > TIE))
            for i, j in zip(*np.nonzero(keep)):
                cands.append((adj[i, j], "heating_cooling", i, j, (bh[i, j], bc[i, j]), sse[i, j], det[i, j]))
        # The best candidate whose slopes are significant; a tie goes to
        # the one tried first (the simpler).
        order = sorted(range(len(cands)), key=lambda k: (-cands[k][0], k))
        for k in order:
            adj, kind, i, j, slope, sse, sxx = cands[k]
            if kind == "heating_cooling":
                v = sse / df2 / sxx
                if (t_test_p(slope[0] / math.sqrt(v * scc[0, j]), df2) >= MAX_P or
                        t_test_p(slope[1] / math.sqrt(v * shh[i, 0]), df2) >= MAX_P):
                    continue
                m.kind, m.hs, m.hbp, m.cs, m.cbp = kind, slope[0], HEAT_BP[i], slope[1], COOL_BP[j]
                m.base = mean - slope[0] * hs_[i] / n - slope[1] * cs_[j] / n
            else:
                if t_test_p(slope / math.sqrt(sse / df1 / sxx), df1) >= MAX_P:
                    continue
                m.kind = kind
                if kind == "heating":
                    m.hs, m.hbp = slope, HEAT_BP[i]
                    m.base = mean - slope * cols[0][0][i] / n
                else:
                    m.cs, m.cbp = slope, COOL_BP[i]
                    m.base = mean - slope * cols[1][0][i] / n
            break
    # Goodness of fit from the residuals.
    p = {"intercept": 1, "heating": 2, "cooling": 2, "heating_cooling": 3}[m.kind]
    r = y - m.predict(t)
    sse, sr = r @ r, r.sum()
    if m.kind != "intercept" and sst > 0:
        m.r2 = 1 - sse / sst
        m.adj_r2 = 1 - (1 - m.r2) * (n - 1) / (n - p)
    df = max(n - p, 1)
    rmse = math.sqrt(sse / df)
    if mean != 0:
        m.cvrmse, m.nmbe = rmse / abs(mean), sr / (df * mean)
    elif rmse > 0:
        m.cvrmse = math.inf
    m.qualifies = n >= min_days and m.cvrmse <= max_cv
    return m


# ---------------------------------------------------------------- correction

def correct_year(use, ta, tn, share):
    """energy.Correct for one year of a building's daily use: returns
    (complete, actual, corrected, method); corrected is NaN when it cannot
    be computed."""
    missing = np.isnan(use)
    actual = use[~missing].sum()
    if missing.any():
        # Up to 31 missing days are estimated from a model of the others.
        if missing.sum() > MAX_ESTIMATED or missing.all():
            return False, actual, math.nan, ""
        m = fit(ta[~missing], use[~missing])
        if not m.qualifies or np.isnan(ta[missing]).any():
            return False, actual, math.nan, ""
        actual += m.predict(ta[missing]).sum()
    if np.isnan(ta).any() or np.isnan(tn).any():
        return True, actual, math.nan, ""
    m = fit(ta, use)
    if m.qualifies and m.kind != "intercept":
        delta = (m.heating(tn) - m.heating(ta) + m.cooling(tn) - m.cooling(ta)).sum()
        return True, actual, actual + delta, "modell"
    hdd_a, hdd_n = np.maximum(0, BASE_T - ta).sum(), np.maximum(0, BASE_T - tn).sum()
    ratio = hdd_n / hdd_a if hdd_a != 0 else math.nan
    return True, actual, actual * ((1 - share) + share * ratio), "graddager"


# ---------------------------------------------------------------- detection

def median(x):
    return np.median(x) if len(x) else math.nan


def mad_sigma(x):
    """1.4826 x the median absolute deviation; 0 for no values."""
    if len(x) == 0:
        return 0.0
    return 1.4826 * np.median(np.abs(x - np.median(x)))


def runs(mask):
    """The (first, last) index of each run of True in mask."""
    edges = np.diff(np.r_[0, mask.astype(np.int8), 0])
    return list(zip(np.flatnonzero(edges == 1), np.flatnonzero(edges == -1) - 1))


class Grid:
    """What every meter's detection shares: the hours and days laid out."""

    def __init__(self, hours_local, n_days, weekday):
        self.clock = hours_local.hour.to_numpy()
        codes = pd.factorize(hours_local.normalize())[0]
        self.h0 = np.r_[np.flatnonzero(np.r_[True, codes[1:] != codes[:-1]]), len(codes)]
        assert len(self.h0) == n_days + 1
        self.day_of_hour = codes
        self.weekend = weekday[:n_days] >= 5
        self.n = n_days


def meter_faults(h, g, frm, base):
    """Runs of missing, zero or repeated hours (energy/detect.go meterFaults).
    Returns the alerts [(kind, first day, last day, open)] and the fault days."""
    n = g.n
    seg = h[g.h0[frm]:g.h0[n]]
    days = g.day_of_hour[g.h0[frm]:g.h0[n]]
    missing = np.isnan(seg)
    kind = np.where(missing, 0, np.where(seg == 0, 1, 2))   # stoppet, null, hengende
    new = np.r_[True, (kind[1:] != kind[:-1]) | ((kind[1:] == 2) & (seg[1:] != seg[:-1]))]
    starts = np.flatnonzero(new)
    length = np.diff(np.r_[starts, len(seg)])
    rkind = kind[starts]
    long_enough = length >= np.array([STOPPED_H, ZERO_H, STUCK_H])[rkind]
    nb = g.h0[base] - g.h0[frm]                     # hours of the reference period
    in_base = np.clip(nb - starts, 0, length)
    base_known = int((~missing[:nb]).sum())
    share = {0: 0, 1: int((seg[:nb] == 0).sum()), 2: int(in_base[long_enough & (rkind == 2)].sum())}
    fault = np.zeros(n, dtype=bool)
    out = []
    for s, ln, k in zip(starts[long_enough], length[long_enough], rkind[long_enough]):
        if k != 0 and share[k] >= FAULT_SHARE * base_known:
            continue   # zeros or repeats are this meter's normal operation
        first, last = days[s], days[s + ln - 1]
        fault[first:last + 1] = True
        out.append((("stoppet", "null", "hengende")[k], first, last, s + ln == len(seg)))
    return out, fault


def day_sums(h, hour_mask, g):
    """Per day: the sum and count of the known hours in hour_mask."""
    use = hour_mask & ~np.isnan(h)
    return np.add.reduceat(np.where(use, h, 0), g.h0[:-1]), np.add.reduceat(use, g.h0[:-1])


def occupancy(h, g, fault, frm, base, open_from, open_to):
    """The days the building was closed, from the ratio of opening-hour to
    night load; None when weekdays and weekends do not differ clearly."""
    open_h = (g.clock >= open_from) & (g.clock < open_to)
    night_h = (g.clock < open_from - 1) | (g.clock >= open_to + 2)
    os_, on = day_sums(h, open_h, g)
    ns, nn = day_sums(h, night_h, g)
    with np.errstate(divide="ignore", invalid="ignore"):
        ratio = np.where((on > 0) & (nn > 0) & (ns > 0), (os_ / on) / (ns / nn), np.nan)
    ref = np.zeros(g.n, dtype=bool)
    ref[frm:base] = True
    ref &= ~np.isnan(ratio) & ~fault
    wd, we = ratio[ref & ~g.weekend], ratio[ref & g.weekend]
    if len(wd) < MIN_BASELINE or len(we) < MIN_BASELINE // 4:
        return None
    r_open, r_shut = np.median(wd), np.median(we)
    if not r_open > OCCUPANCY_RATIO * r_shut:
        return None
    return np.where(np.isnan(ratio), g.weekend, ratio < math.sqrt(r_open * r_shut))


def closed_loads(h, g, temps, fault, frm, base, open_from, open_to, open_weekends):
    """Weekday nights (0) and weekend days (1): the mean load per closed
    hour of each day, its normal, the closed hours, and the robust sigma."""
    k1 = g.weekend & (not open_weekends)
    closed_h = k1[g.day_of_hour] | ~((g.clock >= open_from) & (g.clock < open_to))
    total = np.add.reduceat(np.where(closed_h, h, 0), g.h0[:-1])   # NaN when an hour is missing
    count = np.add.reduceat(closed_h, g.h0[:-1])
    with np.errstate(divide="ignore", invalid="ignore"):
        mean = np.where((count > 0) & ~np.isnan(total) & ~fault, total / count, np.nan)
    mean[:frm] = np.nan
    out = []
    for k, need in ((0, 20), (1, 8)):
        mk = np.where(k1 if k else ~k1, mean, np.nan)
        ref = mk[frm:base]
        have = ~np.isnan(ref)
        if have.sum() < need:
            out.append(None)
            continue
        level = np.median(ref[have])
        min_days = max(need, int(have.sum()) * 3 // 4)
        m = fit(temps[frm:base], ref, min_days=min_days)
        weather = m.n >= min_days and m.kind != "intercept"
        pred = m.predict(temps[frm:base]) if weather else np.full(len(ref), level)
        res = (ref - pred)[have & ~np.isnan(pred)]
        off = median(res)
        normal = np.full(g.n, np.nan)
        normal[frm:] = m.predict(temps[frm:]) + off if weather else level
        sigma = max(mad_sigma(res), SIGMA_FLOOR * abs(level))
        out.append((mk, normal, np.where(np.isnan(mk), 0, count), sigma))
    return out


def closed_alerts(c, k, base, n):
    """Runs of nights (weekend days) with closed-hour load over its normal:
    3 (2) such days of the kind open an alert and as many below end it.
    Returns [(first, last, excess, open)]."""
    mk, normal, hours, sigma = c
    need = WEEKEND_DAYS if k else NIGHT_DAYS
    days = np.flatnonzero(~np.isnan(mk[base:n]) & ~np.isnan(normal[base:n])) + base
    high = mk[days] - normal[days] > np.maximum(NIGHT_EXCESS * normal[days], NIGHT_SIGMAS * sigma)
    if not any(b - a + 1 >= need for a, b in runs(high)):
        return []
    out = []
    streak = low = 0
    start = last = raised = -1

    def emit(open_):
        end = n - 1 if open_ else last
        sel = slice(start, end + 1)
        ex = np.nansum((mk[sel] - normal[sel]) * hours[sel])
        out.append((start, end, ex, open_))

    for i, hi in zip(days, high):
        if raised < 0 and hi:
            if streak == 0:
                start = i
            streak += 1
            if streak >= need:
                raised, last, low = i, i, 0
        elif raised < 0:
            streak = 0
        elif hi:
            last, low = i, 0
        else:
            low += 1
            if low >= need:
                emit(False)
                start, raised, streak, low = -1, -1, 0, 0
    if raised >= 0:
        emit(True)
    return out


def resid_sum(resid, use, i, j):
    """Sum of known residuals of days i..j, and the mean use and baseline."""
    r = resid[max(i, 0):j + 1]
    known = ~np.isnan(r)
    if not known.any():
        return 0.0, 0.0, 0.0
    s, mean = r[known].sum(), use[max(i, 0):j + 1][known].mean()
    return s, mean, mean - s / known.sum()


def material(mean, pred):
    return pred > 0 and mean >= (1 + MIN_EXCESS) * pred


def drifts(resid, use, sigma, base, n):
    """Page's one-sided CUSUM of the clipped standardised residuals,
    S = max(0, S + z - k), written as S_i = C_i - min(0, min_j<=i C_j) with C
    the cumulative sum of z - k. Returns [(start, end, excess, raised, open)]."""
    days = np.flatnonzero(~np.isnan(resid[base:n])) + base
    if len(days) == 0:
        return []
    c = np.cumsum(np.clip(resid[days] / sigma, -Z_CLIP, Z_CLIP) - CUSUM_K)
    s = c - np.minimum.accumulate(np.minimum(c, 0))
    out = []
    for a, b in runs(s > 0):                 # a run of S > 0 from the day S left 0
        over = np.flatnonzero(s[a:b + 1] > CUSUM_H)
        if len(over) == 0:
            continue
        open_ = b == len(s) - 1
        peak = a + len(s[a:b + 1]) - 1 - np.argmax(s[a:b + 1][::-1])   # the last day of the highest S
        start, end = days[a], n - 1 if open_ else days[peak]
        ex, mean, pred = resid_sum(resid, use, start, end)
        if material(mean, pred):
            out.append((start, end, ex, days[a + over[0]], open_))
    return out


def steps(resid, use, sigma, base, n):
    """The step test: the medians of the 7 days from t and of the 7 after
    them both above the median of the 28 days before t (at least 0) by
    4 sigma / sqrt(7). Returns [(start, end, excess, raised, open)]."""
    if base + 2 * STEP_AFTER > n:
        return []
    r = pd.Series(resid[:n])
    med7 = r.rolling(STEP_AFTER, min_periods=STEP_AFTER - 2).median().to_numpy()      # days j-6..j
    med28 = r.rolling(STEP_BEFORE, min_periods=STEP_BEFORE // 2).median().to_numpy()  # days j-27..j
    mean7 = r.rolling(STEP_AFTER, min_periods=(STEP_AFTER + 1) // 2).mean().to_numpy()
    thr = STEP_SIGMAS * sigma / math.sqrt(STEP_AFTER)
    t = np.arange(base, n - 2 * STEP_AFTER + 1)
    post1, post2 = med7[t + STEP_AFTER - 1], med7[t + 2 * STEP_AFTER - 1]
    pre = np.maximum(med28[t - 1], 0)
    cand = t[(post1 > thr) & ~np.isnan(post2) & ~np.isnan(pre) & (post1 - pre > thr) & (post2 - pre > thr)]
    out = []
    next_t = base
    for t in cand:
        if t < next_t:
            continue
        p1, p0 = med7[t + STEP_AFTER - 1], max(med28[t - 1], 0)
        # Start: the day within a week of t where the week after most
        # exceeds the week before.
        start, best = t, -math.inf
        for tau in range(max(base, t - STEP_AFTER), min(t + STEP_AFTER, n - STEP_AFTER) + 1):
            a, b = mean7[tau - 1], mean7[tau + STEP_AFTER - 1]
            if not np.isnan(a) and not np.isnan(b) and b - a > best:
                start, best = tau, b - a
        # End: the middle of the first week back below half the rise.
        rise = p1 - p0
        s = np.arange(t + STEP_AFTER, n - STEP_AFTER + 1)
        back = s[med7[s + STEP_AFTER - 1] - p0 < rise / 2]
        open_ = len(back) == 0
        end = n - 1 if open_ else max(start, back[0] + STEP_AFTER // 2 - 1)
        ex, mean, pred = resid_sum(resid, use, start, end)
        if not material(mean, pred):
            continue
        out.append((start, end, ex, t + 2 * STEP_AFTER - 1, open_))
        if open_:
            break
        next_t = max(t, end) + STEP_AFTER + 1
    return out


def detect(h, daily, temps, g, bld):
    """energy.Detect on one meter: returns the alerts found as
    [(kind, first day, last day, open)], days counted from 1 January."""
    n = g.n
    open_from, open_to, open_weekends = bld
    always_open = open_from == 0 and open_to == 0
    has = ~np.isnan(daily) | (np.add.reduceat(~np.isnan(h), g.h0[:-1]) > 0)
    if not has.any():
        return []
    frm = int(np.argmax(has))
    base = min(n, frm + BASELINE_DAYS)
    faults, fault = meter_faults(h, g, frm, base)
    alerts = faults
    known = ~fault & ~np.isnan(daily)
    known[:frm] = False

    # Baseline: the daily model of the reference period, by occupancy.
    ref = np.zeros(n, dtype=bool)
    ref[frm:base] = True
    fitted = ref & known & ~np.isnan(temps)
    sigma, resid = 0.0, np.full(n, np.nan)
    if fitted.sum() >= MIN_BASELINE:
        min_days = min(MIN_DAYS, max(MIN_BASELINE, (base - frm) * 3 // 4))
        m = fit(temps[fitted], daily[fitted], min_days=min_days)
        if m.qualifies:
            pred = m.predict(temps)
            closed = None if always_open else occupancy(h, g, fault, frm, base, open_from, open_to)
            if closed is not None:
                yo, yc = fitted & ~closed, fitted & closed
                if yo.sum() >= MIN_BASELINE and yc.sum() >= MIN_BASELINE:
                    mo = fit(temps[yo], daily[yo], min_days=min(int(yo.sum()), min_days // 2))
                    mc = fit(temps[yc], daily[yc], min_days=min(int(yc.sum()), MIN_BASELINE))
                    if mo.qualifies and mc.qualifies:
                        pred = np.where(closed, mc.predict(temps), mo.predict(temps))
            resid = np.where(known, daily - pred, np.nan)
            # Weekday offsets: the median residual of each weekday.
            wd = np.arange(n) % 7
            rb = pd.Series(resid[ref]).groupby(wd[ref]).agg(["median", "count"])
            off = rb["median"].where(rb["count"] >= 4, 0).reindex(range(7), fill_value=0).to_numpy()
            resid = resid - off[wd]
            base_resid = resid[ref & ~np.isnan(resid)]
            sigma = max(mad_sigma(base_resid), SIGMA_FLOOR * abs(np.median(daily[ref & known])))

    # Night and weekend load.
    closed_found = []
    loads = [None, None]
    if not always_open:
        loads = closed_loads(h, g, temps, fault, frm, base, open_from, open_to, open_weekends)
        for k, kind in ((0, "nattlast"), (1, "helgelast")):
            if loads[k] is not None:
                for a in closed_alerts(loads[k], k, base, n):
                    closed_found.append((k, a))
                    alerts.append((kind, a[0], a[1], a[3]))

    # Drift and steps, when there is a baseline.
    if sigma > 0:
        st = steps(resid, daily, sigma, base, n)
        found = []
        for a in drifts(resid, daily, sigma, base, n):
            if any(a[0] - STEP_AFTER <= s[0] <= a[3] for s in st):
                continue   # the drift only sums a step
            found.append(("drift", a))
        found += [("sprang", s) for s in st]
        for kind, (i0, i1, ex, _, open_) in found:
            # Left out when night and weekend alerts explain 60 % of it.
            explained = 0.0
            for k, (j0, j1, _, _) in closed_found:
                mk, normal, hours, _ = loads[k]
                sel = slice(max(i0, j0), min(i1, j1) + 1)
                explained += np.nansum((mk[sel] - normal[sel]) * hours[sel])
            if not (ex > 0 and explained >= EXPLAINED_SHARE * ex):
                alerts.append((kind, i0, i1, open_))
    return alerts


# ---------------------------------------------------------------- compute

def compute(d):
    z = np.load(f"{d}/energy_input.npz")
    hourly = z["hourly"]
    hourly[np.isinf(hourly)] = np.nan
    meters, meter_building, meter_main = z["meters"], z["meter_building"], z["meter_main"]
    buildings = list(z["buildings"])

    # The hours in Norwegian time, their days, and a calendar of whole years.
    hours = pd.date_range(pd.Timestamp(str(z["start"])), periods=hourly.shape[1], freq="H").tz_convert(OSLO)
    local = hours.tz_localize(None)
    days = pd.date_range(local[0].normalize(), local[-1].normalize(), freq="D")
    calendar = pd.date_range(f"{days[0].year}-01-01", f"{days[-1].year}-12-31", freq="D")
    weekday = calendar.dayofweek.to_numpy()
    assert days[0] == calendar[0], "the readings must be laid out from 1 January (run prepare again)"
    g = Grid(local, len(days), weekday)
    n = g.n

    # Daily use of every meter: NaN for a day with a missing hour.
    daily = np.full((len(meters), len(calendar)), np.nan)
    daily[:, :n] = np.add.reduceat(hourly, g.h0[:-1], axis=1)

    # Temperatures and normals of every station on the calendar.
    temps = pd.DataFrame(z["temps"].T, columns=z["stations"],
                         index=pd.date_range(str(z["temp_day0"]), periods=z["temps"].shape[1], freq="D"))
    temps = temps.reindex(calendar)
    normal = {str(z["normal_station"]): z["normals"][calendar.month, calendar.day]}
    no_data = np.full(len(calendar), np.nan)

    area = pd.DataFrame({"b": z["area_building"], "y": z["area_year"], "a": z["area_value"]})
    year_of = calendar.year.to_numpy()
    years = sorted(set(year_of))
    corrected = {y: 0.0 for y in years}
    actual_sum = {y: 0.0 for y in years}
    area_sum = {y: 0.0 for y in years}
    followed, methods = 0, {}

    station = dict(zip(buildings, z["building_station"]))
    for bi, b in enumerate(buildings):
        ta = temps[station[b]].to_numpy() if station[b] in temps else no_data
        tn = normal.get(station[b], no_data)
        mains = np.flatnonzero((meter_building == b) & meter_main)
        if len(mains) == 0:
            continue
        use = daily[mains].sum(axis=0)            # NaN unless every main meter knows the day
        laid_out = ~np.isnan(hourly[mains]).all(axis=0)
        if not laid_out.any():
            continue
        first_y = local[np.argmax(laid_out)].year
        last_y = local[len(laid_out) - 1 - np.argmax(laid_out[::-1])].year
        share = z["heating_share"][bi] or HEATING_SHARE
        areas = area[area["b"] == b]
        for y in range(first_y, last_y + 1):
            sel = year_of == y
            complete, act, corr, method = correct_year(use[sel], ta[sel], tn[sel], share)
            a = areas[areas["y"] <= y].sort_values("y")["a"]
            if not complete or len(a) == 0 or not a.iloc[-1] > 0 or math.isnan(corr):
                continue   # not in the portfolio's figures this year
            followed += 1
            corrected[y] += corr
            actual_sum[y] += act
            area_sum[y] += a.iloc[-1]
            methods[method] = methods.get(method, 0) + 1

    # Detection on every meter, main and sub-meters alike.
    bld = {b: (z["open_from"][i], z["open_to"][i], z["open_weekends"][i]) for i, b in enumerate(buildings)}
    kinds = {}
    for i, m in enumerate(meters):
        b = meter_building[i]
        if b not in bld or np.isnan(hourly[i]).all():
            continue
        ta = temps[station[b]].to_numpy() if station[b] in temps else no_data
        for k, _, _, _ in detect(hourly[i], daily[i, :n], ta[:n], g, bld[b]):
            kinds[k] = kinds.get(k, 0) + 1

    print(f"buildings: {len(buildings)}; meters: {len(meters)}")
    print(f"building-years corrected (in the portfolio's figures): {followed}"
          f" ({', '.join(f'{k} {v}' for k, v in sorted(methods.items()))})")
    print("corrected kWh by year (energi.forbruk_korr, sum over buildings):")
    for y in years:
        if actual_sum[y]:
            print(f"  {y}: {corrected[y]:.3f}  (actual {actual_sum[y]:.3f};"
                  f" {corrected[y] / area_sum[y]:.2f} kWh/m2 corrected)")
    print("alerts by kind:", ", ".join(f"{k} {v}" for k, v in sorted(kinds.items())) or "none")


if __name__ == "__main__":
    if len(sys.argv) != 3 or sys.argv[1] not in ("prepare", "compute"):
        sys.exit("usage: /usr/bin/python3 bench/energy_pandas.py prepare|compute DIR")
    t0 = time.time()
    (prepare if sys.argv[1] == "prepare" else compute)(sys.argv[2])
    print(f"({sys.argv[1]}: {time.time() - t0:.1f} s)", file=sys.stderr)

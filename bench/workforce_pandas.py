#!/usr/bin/python3
"""The workforce statistics of workforce/SPEC.md, written with pandas and
NumPy, for bench/workforce.sh to time beside `virk workforce import` and
for comparing its figures with virk's line by line.

    /usr/bin/python3 bench/workforce_pandas.py [-units FILE] [-o OUT.csv] ansatte.csv fravaer.csv

(Use Debian's /usr/bin/python3, which has python3-pandas 1.5 and NumPy 1.24.)

It reads the employment extract (one row per employment per snapshot,
normally monthly) and the absence extract, and computes for every unit and
for the total (`-root`, default baerum):

  * by year, from the year's reference snapshot (the extract with the
    latest date in the year): arsverk_faste, ansatte_faste,
    ansatte_timelonnede, andel_100_stilling, andel_80_100, andel_deltid,
    gjennomsnittsalder (_menn, _kvinner), andel_ufaglaerte,
    andel_fagarbeidere, andel_hoyskole, andel_faglaerte, laerlinger,
    minoritet_arsverk, minoritet_menn, minoritet_kvinner, andel_minoritet,
    and turnover against the year before;
  * by month, half-year and year: sykefravaer, sykefravaer_korttid,
    sykefravaer_langtid, sykefravaer_egenmeldt, sykefravaer_legemeldt
    (tapte / avtalte dagsverk, working days Monday-Friday less Norway's
    public holidays, Easter by the anonymous Gregorian algorithm). A
    monthly-paid row stands for its employment from the day after the
    extract before (the first extract's rows from the first day of its
    month) to its own extract date, split by month; a period is written
    only when the extracts cover every day of it;

and writes `indikator;enhet;periode;verdi`, sorted, periods as 2018,
2018H1, 2018M01, values with '.' and at most 6 decimals (trailing zeros
dropped), ':' for a suppressed cell. `-extra` adds what virk stores beside
them: avtalte_dagsverk, tapte_dagsverk and arsverk_manedslonnede.

Units: `-units FILE` lists unit IDs, one a line, optionally `ID;PARENT`; a
unit without a parent sits under the root. A unit's figures cover its
subtree; a person counts once in a unit however many of their employments
lie in its subtree. Without -units every unit in the data sits under the
root.

Where SPEC.md leaves a choice, this script takes the one virk's
workforce package takes (workforce/aggregate.go, result.go):

  * the education of a person in a unit is the highest over their fast
    employments in the unit's subtree;
  * timelønnede are persons with a timelønnet employment and no
    monthly-paid one, both within the unit's subtree;
  * lost days count only on the employment's own working days (within
    [fra, til] and the days its row stands for), so a rate cannot pass
    100 %;
  * disclosure control is the primary rule only (a cell is suppressed when
    a person count it rests on is 1..threshold-1; secondary suppression is
    not done here). The counts: the fast employees for every figure over
    them (the fast men, resp. women, for the ages by gender), the persons
    themselves for head counts, the persons with a monthly-paid
    employment in the unit and period for sick leave, the fast employees
    of the year before for turnover, and for minoritet_arsverk and
    andel_minoritet both the minority persons (men + women) and the
    monthly-paid persons;
  * a cell is written when its population is not empty: figures over the
    fast employees when there are any, minority figures when there are
    monthly-paid persons, ansatte_timelonnede and laerlinger when the unit
    has anyone in the snapshot, sick leave when there are agreed days.

Everything is vectorised over rows: no Python loop runs over employments,
absences, days or persons (absences are expanded to person-days with
np.repeat, cases found with a cumulative sum). The only Python loops run
over the years of the holiday calendar, the three kinds of period, the
indicator list and the period labels.
"""
import argparse
import sys
import time

import numpy as np
import pandas as pd

FAST, MIDL, TIME = "fast", "midlertidig", "timelønnet"
EDU_RANK = {"ufaglært": 0, "fagarbeider": 1, "høyskole": 2}
SHORT_DAYS = 16          # a case of 1..16 calendar days is korttid
NEVER = 10 ** 7          # day number of an open end (year 29349)


class InputError(Exception):
    pass


def log(t0, what):
    print("workforce_pandas: %-28s %6.2f s" % (what, time.perf_counter() - t0), file=sys.stderr)


# --- Calendar -------------------------------------------------------------

def easter(y):
    """Easter Sunday of year y: the anonymous Gregorian algorithm
    (Meeus/Jones/Butcher)."""
    a = y % 19
    b, c = divmod(y, 100)
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    l = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * l) // 451
    month, day = divmod(h + l - 7 * m + 114, 31)
    return np.datetime64("%04d-%02d-%02d" % (y, month, day + 1), "D")


def holidays(y0, y1):
    """Norway's public holidays on weekdays or not, years y0..y1: 1 Jan,
    Maundy Thursday, Good Friday, Easter Monday, 1 May, 17 May, Ascension
    Day, Whit Monday, 25 and 26 Dec."""
    out = []
    for y in range(y0, y1 + 1):
        e = easter(y)
        out += [np.datetime64("%04d-01-01" % y), e - 3, e - 2, e + 1,
                np.datetime64("%04d-05-01" % y), np.datetime64("%04d-05-17" % y),
                e + 39, e + 50, np.datetime64("%04d-12-25" % y), np.datetime64("%04d-12-26" % y)]
    return np.array(sorted(out), dtype="datetime64[D]")


# --- Reading --------------------------------------------------------------

def days(col, name, allow_empty=False):
    """ISO dates as day numbers since 1970-01-01 (int64); empty = NEVER.
    Parsed once per distinct value, on the column's categories."""
    col = col if isinstance(col.dtype, pd.CategoricalDtype) else col.astype("category")
    cats = pd.Series(col.cat.categories.astype(str))
    empty = (cats == "").values
    if empty.any() and not allow_empty:  # a category only when a row has it
        raise InputError("%s: empty date" % name)
    d = pd.to_datetime(cats.where(~empty), format="%Y-%m-%d")  # raises on a bad date
    v = d.values.astype("datetime64[D]").astype(np.int64)
    v[empty] = NEVER
    return v[col.cat.codes.values]


def check_values(col, allowed, name):
    bad = set(col.cat.categories) - set(allowed)
    if bad:
        raise InputError("%s: unknown values %s" % (name, ", ".join(sorted(map(repr, bad)))))


def read_employments(path):
    cat = "category"
    e = pd.read_csv(path, sep=";", encoding="utf-8", keep_default_na=False, na_values=[],
                    dtype={"uttrekk": cat, "person": cat, "enhet": cat, "stilling_pst": cat,
                           "stillingskode": cat, "ansettelse": cat, "utdanning": cat,
                           "fodselsar": np.int32, "kjonn": cat, "innvandrer": cat,
                           "laerling": cat, "fra": cat, "til": cat})
    for col, allowed in (("ansettelse", (FAST, MIDL, TIME)), ("utdanning", EDU_RANK),
                         ("kjonn", ("M", "K")), ("innvandrer", ("ja", "nei")), ("laerling", ("ja", "nei"))):
        check_values(e[col], allowed, "%s: %s" % (path, col))
    # Low-cardinality columns are converted on their categories, not per row.
    pct_cats = pd.to_numeric(e.stilling_pst.cat.categories.str.replace(",", ".", regex=False))
    pct = np.asarray(pct_cats)[e.stilling_pst.cat.codes.values]
    if (pct < 0).any() or (pct > 100).any():
        raise InputError("%s: stilling_pst outside 0-100" % path)
    kind = e.ansettelse.astype(str).values
    out = pd.DataFrame({
        "x": days(e.uttrekk, path + ": uttrekk"),
        "person": e.person,
        "enhet": e.enhet.astype(str),
        "pct": pct,
        "fast": kind == FAST,
        "monthly": (kind == FAST) | (kind == MIDL),
        "hourly": kind == TIME,
        "edu": e.utdanning.map(EDU_RANK).astype(np.int8).values,
        "born": e.fodselsar.values,
        "female": (e.kjonn == "K").values,
        "immigrant": (e.innvandrer == "ja").values,
        "apprentice": (e.laerling == "ja").values,
        "fra": days(e.fra, path + ": fra"),
        "til": days(e.til, path + ": til", allow_empty=True),
    })
    if (out.til < out.fra).any():
        raise InputError("%s: til before fra in %d rows" % (path, (out.til < out.fra).sum()))
    return out


def read_absences(path):
    a = pd.read_csv(path, sep=";", encoding="utf-8", keep_default_na=False, na_values=[],
                    dtype={"person": str, "fra": "category", "til": "category",
                           "grad": "category", "type": "category"})
    check_values(a["type"], ("egenmeldt", "legemeldt"), path + ": type")
    grade_cats = pd.to_numeric(a.grad.cat.categories.str.replace(",", ".", regex=False))
    grade = np.asarray(grade_cats)[a.grad.cat.codes.values]
    if (grade < 1).any() or (grade > 100).any():
        raise InputError("%s: grad outside 1-100" % path)
    out = pd.DataFrame({"person": a.person, "fra": days(a.fra, path + ": fra"),
                        "til": days(a["til"], path + ": til"), "grade": grade,
                        "doctor": (a["type"] == "legemeldt").values})
    if (out.til < out.fra).any():
        raise InputError("%s: til before fra in %d rows" % (path, (out.til < out.fra).sum()))
    return out


def read_units(path, root, data_units):
    """The unit tree as a table leaf -> unit: every unit with each of its
    ancestors and itself, up to and with the root."""
    parent = {}
    if path:
        for line in open(path, encoding="utf-8"):
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            uid, _, par = line.partition(";")
            uid, par = uid.strip(), par.strip()
            if uid != root:
                parent[uid] = par or root
    else:
        parent = {u: root for u in data_units if u != root}
    unknown = set(data_units) - set(parent) - {root}
    if unknown:
        raise InputError("units not in the unit list: %s" % ", ".join(sorted(unknown)))
    rows = [(root, root)]
    for u in parent:
        seen, v = set(), u
        while v != root:
            if v in seen or (v not in parent):
                raise InputError("unit %s: parent chain does not reach %s" % (u, root))
            seen.add(v)
            rows.append((u, v))
            v = parent[v]
        rows.append((u, root))
    return pd.DataFrame(rows, columns=["enhet", "U"])


# --- Year-end stock figures ------------------------------------------------

def stock(emp, tree):
    """The figures from each year's reference snapshot, as cells
    (indikator, enhet, periode, verdi, n1, n2)."""
    year = emp.x.values.astype("datetime64[D]").astype("datetime64[Y]").astype(np.int64) + 1970
    ref = pd.Series(emp.x.values).groupby(year).max()
    at_ref = emp.x.values == ref.reindex(year).values
    snap = emp[at_ref].assign(year=year[at_ref])

    # A person in a unit: one row per (year, unit, person) with what their
    # employments in the unit's subtree add up to.
    s = snap.merge(tree, on="enhet")
    s["fast_pct"] = np.where(s.fast, s.pct, 0.0)
    s["monthly_pct"] = np.where(s.monthly, s.pct, 0.0)
    s["fast_edu"] = np.where(s.fast, s.edu, -1)
    p = s.groupby(["year", "U", "pid"], sort=False).agg(
        fast_pct=("fast_pct", "sum"), monthly_pct=("monthly_pct", "sum"),
        fast=("fast", "max"), monthly=("monthly", "max"), hourly=("hourly", "max"),
        apprentice=("apprentice", "max"), edu=("fast_edu", "max"),
        born=("born", "first"), female=("female", "first"), immigrant=("immigrant", "first"),
    ).reset_index()
    size = p.fast_pct.round(6)
    f = p.fast
    men, women = f & ~p.female, f & p.female
    mino = p.immigrant & p.monthly
    p = p.assign(
        n_fast=f, n_monthly=p.monthly, n_any=p.monthly | p.hourly,
        n_hourly=p.hourly & ~p.monthly, n_app=p.apprentice,
        full=f & (size >= 100), near=f & (size >= 80) & (size < 100), part=f & (size < 80),
        age=np.where(f, p.year - p.born, 0), age_m=np.where(men, p.year - p.born, 0),
        age_k=np.where(women, p.year - p.born, 0), n_men=men, n_women=women,
        u0=f & (p.edu == 0), u1=f & (p.edu == 1), u2=f & (p.edu == 2),
        min_pct=np.where(mino, p.monthly_pct, 0.0), min_m=mino & ~p.female, min_k=mino & p.female,
    )
    g = p.drop(columns=["pid", "monthly", "fast", "hourly", "apprentice", "edu", "born", "female", "immigrant"]) \
         .groupby(["year", "U"]).sum()

    # Turnover: the fast employees of a unit at Y-1 without a fast
    # employment anywhere at Y.
    fast_any = snap.loc[snap.fast, ["year", "pid"]].drop_duplicates()
    fast_any["stays"] = True
    pop = p.loc[p.fast, ["year", "U", "pid"]].copy()
    pop["year"] += 1
    pop = pop[pop.year.isin(ref.index)].merge(fast_any, on=["year", "pid"], how="left")
    pop["left"] = pop.stays.isna()
    t = pop.groupby(["year", "U"]).agg(t_pop=("left", "size"), t_left=("left", "sum"))
    g = g.join(t, how="outer").fillna(0)

    fa, mo = g.n_fast, g.n_monthly
    safe = lambda d: d.where(d > 0)
    cells = [
        # indicator, value, emitted where, counts
        ("arsverk_faste", g.fast_pct / 100, fa > 0, (fa,)),
        ("ansatte_faste", fa, fa > 0, (fa,)),
        ("andel_100_stilling", 100 * g.full / safe(fa), fa > 0, (fa,)),
        ("andel_80_100", 100 * g.near / safe(fa), fa > 0, (fa,)),
        ("andel_deltid", 100 * g.part / safe(fa), fa > 0, (fa,)),
        ("gjennomsnittsalder", g.age / safe(fa), fa > 0, (fa,)),
        ("gjennomsnittsalder_menn", g.age_m / safe(g.n_men), g.n_men > 0, (g.n_men,)),
        ("gjennomsnittsalder_kvinner", g.age_k / safe(g.n_women), g.n_women > 0, (g.n_women,)),
        ("andel_ufaglaerte", 100 * g.u0 / safe(fa), fa > 0, (fa,)),
        ("andel_fagarbeidere", 100 * g.u1 / safe(fa), fa > 0, (fa,)),
        ("andel_hoyskole", 100 * g.u2 / safe(fa), fa > 0, (fa,)),
        ("andel_faglaerte", 100 * (g.u1 + g.u2) / safe(fa), fa > 0, (fa,)),
        ("ansatte_timelonnede", g.n_hourly, g.n_any > 0, (g.n_hourly,)),
        ("laerlinger", g.n_app, g.n_any > 0, (g.n_app,)),
        ("minoritet_arsverk", g.min_pct / 100, mo > 0, (g.min_m + g.min_k, mo)),
        ("minoritet_menn", g.min_m, mo > 0, (g.min_m,)),
        ("minoritet_kvinner", g.min_k, mo > 0, (g.min_k,)),
        ("andel_minoritet", 100 * g.min_pct / safe(g.monthly_pct), (mo > 0) & (g.monthly_pct > 0), (g.min_m + g.min_k, mo)),
        ("turnover", 100 * g.t_left / safe(g.t_pop), g.t_pop > 0, (g.t_pop,)),
        ("arsverk_manedslonnede", g.monthly_pct / 100, mo > 0, (mo,)),
    ]
    period = g.index.get_level_values("year").astype(str)
    unit = g.index.get_level_values("U")
    return [frame(ind, unit, period, v, keep, ns) for ind, v, keep, ns in cells]


def frame(ind, unit, period, value, keep, ns):
    keep = np.asarray(keep, dtype=bool)
    n1 = np.asarray(ns[0], dtype=np.int64)
    n2 = np.asarray(ns[1], dtype=np.int64) if len(ns) > 1 else np.zeros_like(n1)
    return pd.DataFrame({"indikator": ind, "enhet": np.asarray(unit)[keep], "periode": np.asarray(period)[keep],
                         "verdi": np.asarray(value, dtype=float)[keep], "n1": n1[keep], "n2": n2[keep]})


# --- Sick leave -------------------------------------------------------------

def first_of_month(mon):
    """Day numbers of the first days of months since January 1970."""
    return np.asarray(mon).astype("datetime64[M]").astype("datetime64[D]").astype(np.int64)


def year_of(d):
    return int(np.datetime64(int(d), "D").astype("datetime64[Y]").astype(np.int64)) + 1970


def month_of(d):
    """Months since January 1970 of day numbers."""
    return d.astype("datetime64[D]").astype("datetime64[M]").astype(np.int64)


def sick_leave(emp, ab, tree, t0):
    """Agreed and lost dagsverk by unit and month, rolled up the tree and
    to half-years and years, as cells."""
    # The days each extract's rows stand for: from the day after the
    # extract before (over the whole extract), the first extract from the
    # first day of its month.
    xs = np.unique(emp.x.values)
    since = np.r_[first_of_month(month_of(xs[:1])), xs[:-1] + 1]
    cover_from, cover_to = int(since[0]), int(xs[-1])
    hol = holidays(year_of(cover_from), year_of(cover_to))

    m = emp.loc[emp.monthly, ["x", "pid", "enhet", "pct", "fra", "til"]]
    xi = np.searchsorted(xs, m.x.values)
    m = m.assign(xi=xi, s=np.maximum(since[xi], m.fra.values), t=np.minimum(m.x.values, m.til.values))
    m = m[m.s.values <= m.t.values]
    # A row's span split by month (one piece a row for monthly extracts).
    m0 = month_of(m.s.values)
    nm = month_of(m.t.values) - m0 + 1
    r = np.repeat(np.arange(len(m)), nm)
    mon = m0[r] + (np.arange(nm.sum()) - np.repeat(np.cumsum(nm) - nm, nm))
    a = np.maximum(m.s.values[r], first_of_month(mon))
    b = np.minimum(m.t.values[r], first_of_month(mon + 1) - 1)
    wd = np.busday_count(a.astype("datetime64[D]"), (b + 1).astype("datetime64[D]"), holidays=hol)
    pieces = pd.DataFrame({"pid": m.pid.values[r], "enhet": m.enhet.values[r], "mon": mon,
                           "agreed": wd * m.pct.values[r] / 100})
    log(t0, "agreed days")

    # The absences day by day: one row per person and calendar day with the
    # highest grade, legemeldt if an absence with that grade is.
    n = (ab.til.values - ab.fra.values + 1)
    idx = np.repeat(np.arange(len(ab)), n)
    offset = np.arange(n.sum()) - np.repeat(np.cumsum(n) - n, n)
    pid = ab.pid.values[idx]
    day = ab.fra.values[idx] + offset
    grade = ab.grade.values[idx]
    doctor = ab.doctor.values[idx]
    order = np.lexsort((~doctor, -grade, day, pid))
    pid, day, grade, doctor = pid[order], day[order], grade[order], doctor[order]
    firstrow = np.ones(len(pid), dtype=bool)
    firstrow[1:] = (pid[1:] != pid[:-1]) | (day[1:] != day[:-1])
    pid, day, grade, doctor = pid[firstrow], day[firstrow], grade[firstrow], doctor[firstrow]

    # Cases: maximal runs of consecutive days of a person; 17 days or more
    # make every day of the case long-term.
    start = np.ones(len(pid), dtype=bool)
    start[1:] = (pid[1:] != pid[:-1]) | (day[1:] - day[:-1] > 1)
    case = np.cumsum(start) - 1
    starts = np.flatnonzero(start)
    ends = np.r_[starts[1:] - 1, len(pid) - 1]
    long_case = (day[ends] - day[starts] + 1) > SHORT_DAYS
    long_ = long_case[case]
    log(t0, "absence days and cases")

    # Lost days: each working day the extracts cover, on each of the
    # person's monthly-paid rows whose span holds the day (the first
    # extract on or after it) and whose [fra, til] does.
    keep = (day >= cover_from) & (day <= cover_to)
    keep[keep] = np.is_busday(day[keep].astype("datetime64[D]"), holidays=hol)
    pid, day, grade, long_, doctor = pid[keep], day[keep], grade[keep], long_[keep], doctor[keep]
    pd_ = pd.DataFrame({"key": pid * 65536 + np.searchsorted(xs, day), "day": day, "w": grade / 100,
                        "long": long_, "doctor": doctor})
    ek = pd.DataFrame({"key": m.pid.values * 65536 + m.xi.values, "enhet": m.enhet.values,
                       "pct": m.pct.values, "fra": m.fra.values, "til": m.til.values})
    j = pd_.merge(ek, on="key")
    j = j[(j.day.values >= j.fra.values) & (j.day.values <= j.til.values)]
    lost = j.pct.values / 100 * j.w.values
    lj = pd.DataFrame({"enhet": j.enhet.values, "mon": month_of(j.day.values), "lost": lost,
                       "long": np.where(j.long.values, lost, 0.0), "doctor": np.where(j.doctor.values, lost, 0.0)})
    log(t0, "lost days")

    # Sums by leaf unit and month, then up the tree and over periods.
    sums = pieces.groupby(["enhet", "mon"]).agreed.sum().to_frame() \
        .join(lj.groupby(["enhet", "mon"])[["lost", "long", "doctor"]].sum(), how="outer").fillna(0).reset_index()
    sums = sums.merge(tree, on="enhet").groupby(["U", "mon"])[["agreed", "lost", "long", "doctor"]].sum().reset_index()
    # Persons: anyone with a monthly-paid row in the unit's subtree in the
    # period. Periods are integer codes until the end: months since 1970,
    # half-years since 1970 (mon // 6), years since 1970 (mon // 12).
    pm = pieces[["pid", "enhet", "mon"]].merge(tree, on="enhet")
    units = pd.Categorical(pm.U)
    out = []
    for kind, div in (("M", 1), ("H", 6), ("Y", 12)):
        tot = sums.assign(p=sums.mon // div).groupby(["U", "p"])[["agreed", "lost", "long", "doctor"]].sum()
        key = (units.codes.astype(np.int64) * 4096 + pm.mon.values // div) << 32 | pm.pid.values
        up, cnt = np.unique(np.unique(key) >> 32, return_counts=True)
        persons = pd.Series(cnt, index=pd.MultiIndex.from_arrays(
            [units.categories[up // 4096], up % 4096], names=["U", "p"]))
        tot["persons"] = persons.reindex(tot.index).fillna(0).astype(np.int64).values
        codes = tot.index.get_level_values("p").values
        # Published only when the extracts cover every day of the period.
        covered = (first_of_month(codes * div) >= cover_from) & (first_of_month((codes + 1) * div) - 1 <= cover_to)
        tot, codes = tot[covered], codes[covered]
        label = {c: period_label(kind, c) for c in np.unique(codes)}
        tot.index = pd.MultiIndex.from_arrays([tot.index.get_level_values("U"), [label[c] for c in codes]],
                                              names=["U", "periode"])
        out.append(tot)
    t = pd.concat(out)
    t = t[(t.agreed > 0) & (t.persons > 0)]
    unit = t.index.get_level_values("U")
    period = t.index.get_level_values("periode")
    ag = t.agreed
    every = np.ones(len(t), dtype=bool)
    short = t.lost - t.long
    cells = [
        ("sykefravaer", 100 * t.lost / ag), ("sykefravaer_korttid", 100 * short / ag),
        ("sykefravaer_langtid", 100 * t.long / ag), ("sykefravaer_egenmeldt", 100 * (t.lost - t.doctor) / ag),
        ("sykefravaer_legemeldt", 100 * t.doctor / ag), ("avtalte_dagsverk", ag), ("tapte_dagsverk", t.lost),
    ]
    return [frame(ind, unit, period, v, every, (t.persons,)) for ind, v in cells]


def period_label(kind, c):
    """2018M01, 2018H1 or 2018 from a period code of sick_leave."""
    if kind == "M":
        return "%dM%02d" % (1970 + c // 12, c % 12 + 1)
    if kind == "H":
        return "%dH%d" % (1970 + c // 2, c % 2 + 1)
    return "%d" % (1970 + c)


# --- Output -----------------------------------------------------------------

EXTRA = {"avtalte_dagsverk", "tapte_dagsverk", "arsverk_manedslonnede"}


def fmt(v):
    """At most 6 decimals, trailing zeros and a bare point dropped."""
    s = pd.Series(np.char.mod("%.6f", np.round(np.asarray(v, dtype=float), 6) + 0.0))
    return s.str.rstrip("0").str.rstrip(".").replace("-0", "0")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("ansatte")
    ap.add_argument("fravaer")
    ap.add_argument("-units", "--units", help="unit IDs, one a line, optionally ID;PARENT")
    ap.add_argument("-root", "--root", default="baerum", help="the total over all units")
    ap.add_argument("-threshold", "--threshold", type=int, default=5, help="suppress counts of 1..threshold-1")
    ap.add_argument("-extra", "--extra", action="store_true", help="also avtalte_dagsverk, tapte_dagsverk, arsverk_manedslonnede")
    ap.add_argument("-with-n", "--with-n", action="store_true", help="add the person counts and the unsuppressed value")
    ap.add_argument("-o", "--out", default="-", help="output CSV (default stdout)")
    args = ap.parse_args()
    t0 = time.perf_counter()

    emp = read_employments(args.ansatte)
    log(t0, "read %d employment rows" % len(emp))
    ab = read_absences(args.fravaer)
    log(t0, "read %d absences" % len(ab))
    # Persons as integers: the employment extract's category codes.
    emp["pid"] = emp.person.cat.codes.values.astype(np.int64)
    ab["pid"] = pd.Categorical(ab.person, categories=emp.person.cat.categories).codes.astype(np.int64)
    if (ab.pid < 0).any():
        raise InputError("%s: %d absences of persons without employments" % (args.fravaer, (ab.pid < 0).sum()))
    firststart = emp.groupby("pid").fra.min()
    early = ab.fra.values < firststart.reindex(ab.pid.values).values
    if early.any():
        raise InputError("%s: %d absences begin before the person's first employment" % (args.fravaer, early.sum()))
    tree = read_units(args.units, args.root, emp.enhet.unique())

    cells = stock(emp, tree)
    log(t0, "year-end figures")
    cells += sick_leave(emp, ab, tree, t0)
    c = pd.concat(cells, ignore_index=True)
    if not args.extra:
        c = c[~c.indikator.isin(EXTRA)]
    hidden = ((c.n1 >= 1) & (c.n1 < args.threshold)) | ((c.n2 >= 1) & (c.n2 < args.threshold))
    value = fmt(c.verdi.values)
    c = c.assign(raw=value.values, verdi=np.where(hidden, ":", value.values))
    c = c.sort_values(["indikator", "enhet", "periode"], kind="mergesort")
    cols = ["indikator", "enhet", "periode", "verdi"]
    if args.with_n:
        c["personer"] = c.n1.astype(str) + np.where(c.n2 > 0, "/" + c.n2.astype(str), "")
        cols += ["personer", "raw"]
    c[cols].to_csv(sys.stdout if args.out == "-" else args.out, sep=";", index=False, lineterminator="\n")
    log(t0, "%d cells, %d suppressed" % (len(c), hidden.sum()))


if __name__ == "__main__":
    try:
        main()
    except InputError as err:
        print("workforce_pandas:", err, file=sys.stderr)
        sys.exit(1)

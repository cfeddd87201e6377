#!/usr/bin/python3
# Regenerate the header with exactly this command, from the top directory:
#
#     /usr/bin/python3 tests/pk_reference.py tests/pk_reference.h
#
# pk_reference.py - independent reference values for ket_pk_simulate.
#
# Integrates the compartmental ODE system of CLINICAL.md ("Pharmacokinetic
# models", "Route bioavailability", absorption rate constants) with
# scipy.integrate.solve_ivp (Radau with the exact Jacobian, rtol 1e-13,
# atol 1e-24 mg), piecewise between events (dose starts, infusion ends and
# sample times), so every discontinuity of the input falls on an interval
# boundary and is handled exactly.  (DOP853 at rtol 1e-13 accumulated 2e-11
# relative error over 24 h; Radau agrees with a 40-digit mpmath matrix
# exponential of these scenarios within 1.3e-14.)  Nothing here comes from
# lib/: the parameters are computed from CLINICAL.md's formulas in this
# script.  As a second, different method each value is also computed with
# the matrix exponential of the augmented system (scipy.linalg.expm); the
# script refuses to write the header unless both agree within 1e-12
# relative + 1e-12 ng/mL.
#
# Conventions taken from API.md / ketamine.h:
#   - concentration ng/mL = central amount (mg) / V1 (L) x 1000;
#   - a dose given at t already counts at t (boluses are applied before the
#     samples at the same time are recorded);
#   - an infusion is a constant rate over [start, start + duration);
#   - an absorbed dose of D mg puts F x D in the route's depot at its start;
#     the depot empties into the central compartment at ka x amount;
#   - an SC infusion enters the SC depot at F x mg / duration.
#
# Deterministic: fixed scenarios, no randomness; floats written with repr(),
# which C reads back as the same double.
import math
import sys

import numpy as np
from scipy.integrate import solve_ivp
from scipy.linalg import expm
from scipy.optimize import brentq

RTOL = 1e-13
ATOL = 1e-24

# Route: (C enum name, ket_route value, F ketamine alone, ka 1/min or None).
# CLINICAL.md "Route bioavailability" (ketamine alone point estimates) and
# "First-order absorption rate constants used in simulation".
ROUTES = {
    'IV': ('KET_ROUTE_IV', 0, 1.0, None),
    'IM': ('KET_ROUTE_IM', 1, 0.93, 0.01148),
    'SC': ('KET_ROUTE_SC', 2, 0.90, 0.007976),
    'ORAL': ('KET_ROUTE_ORAL', 3, 0.23, 0.007976),
    'SL': ('KET_ROUTE_SUBLINGUAL', 4, 0.32, 0.003369),
    'IN': ('KET_ROUTE_INTRANASAL', 5, 0.45, 0.01148),
    'PR': ('KET_ROUTE_RECTAL', 6, 0.25, 0.006819),
}
DEPOTS = ['IM', 'SC', 'ORAL', 'SL', 'IN', 'PR']  # state index 3 + i

MODELS = {
    'DOMINO': 'KET_PK_DOMINO_1984',
    'CLEMENTS': 'KET_PK_CLEMENTS_1981',
    'HIJAZI': 'KET_PK_HIJAZI_2003',
    'HERD': 'KET_PK_HERD_2007',
    'KAMP': 'KET_PK_KAMP_2020',
}


def from_micro(ncomp, v1, k10, k12, k21, k13=0.0, k31=0.0):
    """Published micro-constants: the volumes and clearances derived."""
    p = dict(compartments=ncomp, v1=v1, k10=k10, k12=k12, k21=k21,
             k13=k13, k31=k31)
    p['v2'] = v1 * k12 / k21
    p['v3'] = v1 * k13 / k31 if ncomp == 3 else 0.0
    p['cl'] = k10 * v1
    p['q2'] = k12 * v1
    p['q3'] = k13 * v1
    return p


def from_clearances(ncomp, v1, v2, v3, cl, q2, q3):
    """Published volumes and clearances (L, L/min): micro-constants."""
    p = dict(compartments=ncomp, v1=v1, v2=v2, v3=v3, cl=cl, q2=q2, q3=q3)
    p['k10'] = cl / v1
    p['k12'] = q2 / v1
    p['k21'] = q2 / v2
    p['k13'] = q3 / v1 if ncomp == 3 else 0.0
    p['k31'] = q3 / v3 if ncomp == 3 else 0.0
    return p


def params(model, wt):
    """CLINICAL.md "Pharmacokinetic models" (k 1/min, V L, WT kg)."""
    if model == 'DOMINO':      # Domino 1984, Clin Pharmacol Ther 36:645
        return from_micro(3, 0.063 * wt, 0.438, 0.592, 0.247, 0.590, 0.0146)
    if model == 'CLEMENTS':    # Clements & Nimmo 1981, Br J Anaesth 53:27
        return from_micro(2, 1.7522 * wt, 0.0109, 0.0186, 0.0137)
    if model == 'HIJAZI':      # Hijazi 2003, Br J Anaesth 90:155
        return from_micro(2, 1.08 * wt, 0.0333, 0.0088, 0.0030)
    if model == 'HERD':        # Herd 2007, Paediatr Anaesth; L/h / 60
        s = wt / 70.0
        return from_clearances(2, 38.7 * s, 102.0 * s, 0.0,
                               90.0 * s ** 0.75 / 60.0,
                               215.0 * s ** 0.75 / 60.0, 0.0)
    if model == 'KAMP':        # Kamp 2020, Anesthesiology 133:1192; linear
        s = wt / 70.0
        return from_clearances(3, 25.0 * s, 56.0 * s, 157.0 * s,
                               84.0 * s / 60.0, 161.0 * s / 60.0,
                               79.0 * s / 60.0)
    raise ValueError(model)


def disposition_rates(p):
    """Eigenvalues (positive rates, ascending) of the disposition matrix."""
    n = p['compartments']
    a = np.zeros((n, n))
    a[0, 0] = -(p['k10'] + p['k12'] + p['k13'])
    a[0, 1] = p['k21']
    a[1, 0] = p['k12']
    a[1, 1] = -p['k21']
    if n == 3:
        a[0, 2] = p['k31']
        a[2, 0] = p['k13']
        a[2, 2] = -p['k31']
    return sorted(-np.linalg.eigvals(a).real)


def herd_slowest_rate(wt):
    """Herd's smaller 2-compartment hybrid rate (beta), closed form."""
    p = params('HERD', wt)
    s = p['k10'] + p['k12'] + p['k21']
    return (s - math.sqrt(s * s - 4.0 * p['k10'] * p['k21'])) / 2.0


def herd_weight_for_ka(ka):
    """The weight at which Herd's slowest disposition rate equals ka."""
    w = brentq(lambda x: herd_slowest_rate(x) - ka, 10.8, 74.8,
               xtol=1e-15, rtol=4.0 * np.finfo(float).eps, maxiter=500)
    # Every Herd rate scales as (WT/70)^-0.25: the closed form agrees.
    w_closed = 70.0 * (herd_slowest_rate(70.0) / ka) ** 4
    assert abs(w - w_closed) <= 1e-12 * w, (w, w_closed)
    return w


# ----------------------------------------------------------------- model

NSTATE = 3 + len(DEPOTS)


def system_matrix(p):
    a = np.zeros((NSTATE, NSTATE))
    a[0, 0] = -(p['k10'] + p['k12'] + p['k13'])
    a[0, 1] = p['k21']
    a[0, 2] = p['k31']
    a[1, 0] = p['k12']
    a[1, 1] = -p['k21']
    a[2, 0] = p['k13']
    a[2, 2] = -p['k31']
    for i, r in enumerate(DEPOTS):
        ka = ROUTES[r][3]
        a[3 + i, 3 + i] = -ka
        a[0, 3 + i] = ka
    return a


def dose_target(route):
    """State index a dose of this route enters (central or its depot)."""
    return 0 if route == 'IV' else 3 + DEPOTS.index(route)


def input_vector(doses, t0, t1):
    """Constant input (mg/min) of the infusions running on [t0, t1)."""
    b = np.zeros(NSTATE)
    for (start, mg, dur, route) in doses:
        if dur > 0.0 and start <= t0 and t1 <= start + dur:
            f = ROUTES[route][2]
            b[dose_target(route)] += f * mg / dur
    return b


def breakpoints(doses, times):
    pts = {0.0}
    for (start, mg, dur, route) in doses:
        pts.add(start)
        if dur > 0.0:
            pts.add(start + dur)
    pts.update(times)
    return sorted(pts)


def apply_boluses(x, doses, t):
    for (start, mg, dur, route) in doses:
        if dur == 0.0 and start == t:
            x[dose_target(route)] += ROUTES[route][2] * mg


def simulate(p, doses, times, method):
    """Concentrations (ng/mL) at `times`; method 'ode' or 'expm'."""
    a = system_matrix(p)
    x = np.zeros(NSTATE)
    out = {}
    t = 0.0
    for bp in breakpoints(doses, times):
        if bp > t:
            b = input_vector(doses, t, bp)
            x = advance(a, b, x, bp - t, method)
            t = bp
        apply_boluses(x, doses, bp)
        out[bp] = x[0] / p['v1'] * 1000.0
    return [out[tm] for tm in times]


def advance(a, b, x, h, method):
    if method == 'ode':
        sol = solve_ivp(lambda _t, y: a @ y + b, (0.0, h), x,
                        method='Radau', jac=a, rtol=RTOL, atol=ATOL)
        if not sol.success:
            raise RuntimeError(sol.message)
        return sol.y[:, -1].copy()
    m = np.zeros((NSTATE + 1, NSTATE + 1))
    m[:NSTATE, :NSTATE] = a * h
    m[:NSTATE, NSTATE] = b * h
    e = expm(m)
    return e[:NSTATE, :NSTATE] @ x + e[:NSTATE, NSTATE]


# ------------------------------------------------------------- scenarios

ABS_TIMES = [0.0, 1.0, 5.0, 10.0, 20.0, 30.0, 45.0, 60.0, 90.0, 120.0,
             180.0, 240.0, 360.0, 480.0, 720.0, 1440.0]


def scenarios():
    herd_w = herd_weight_for_ka(ROUTES['IM'][3])
    s = []
    # name, model, weight kg, age years (for ket_pk_params_for), doses
    # (start min, mg, duration min, route), times min
    s.append(('domino_iv_bolus', 'DOMINO', 70.0, 40.0,
              [(0.0, 25.0, 0.0, 'IV')],
              [0.0, 0.25, 0.5, 1.0, 2.0, 5.0, 10.0, 15.0, 30.0, 60.0,
               120.0, 240.0, 480.0, 720.0, 1440.0]))
    s.append(('domino_iv_infusion_7mg_h_24h', 'DOMINO', 70.0, 40.0,
              [(0.0, 168.0, 1440.0, 'IV')],
              [0.0, 1.0, 10.0, 30.0, 60.0, 120.0, 240.0, 480.0, 720.0,
               1080.0, 1439.0, 1440.0, 1441.0, 1500.0, 1800.0, 2400.0]))
    s.append(('kamp_iv_infusion_7mg_h_72h', 'KAMP', 70.0, 40.0,
              [(0.0, 504.0, 4320.0, 'IV')],
              [0.0, 10.0, 60.0, 240.0, 720.0, 1440.0, 2160.0, 2880.0,
               3600.0, 4320.0, 4380.0, 5000.0]))
    s.append(('clements_iv_bolus', 'CLEMENTS', 70.0, 30.0,
              [(0.0, 20.0, 0.0, 'IV')],
              [0.0, 1.0, 5.0, 15.0, 30.0, 60.0, 120.0, 240.0, 480.0,
               720.0, 1440.0]))
    s.append(('hijazi_iv_bolus', 'HIJAZI', 80.0, 65.0,
              [(0.0, 40.0, 0.0, 'IV')],
              [0.0, 1.0, 5.0, 15.0, 30.0, 60.0, 120.0, 240.0, 480.0,
               720.0, 1440.0, 2880.0]))
    for route, mg in (('IM', 50.0), ('SC', 50.0), ('ORAL', 100.0),
                      ('SL', 25.0), ('IN', 50.0), ('PR', 50.0)):
        s.append(('domino_%s_single' % route.lower(), 'DOMINO', 70.0, 40.0,
                  [(0.0, mg, 0.0, route)], ABS_TIMES))
    s.append(('domino_sc_infusion_60mg_12h', 'DOMINO', 70.0, 40.0,
              [(0.0, 60.0, 720.0, 'SC')],
              [0.0, 1.0, 30.0, 60.0, 240.0, 719.0, 720.0, 721.0, 780.0,
               960.0, 1440.0]))
    s.append(('domino_iv_bolus_late', 'DOMINO', 70.0, 40.0,
              [(30.0, 10.0, 0.0, 'IV')],
              [0.0, 10.0, 29.5, 30.0, 30.0, 30.5, 31.0, 45.0, 90.0]))
    s.append(('herd_im_ka_equals_beta', 'HERD', herd_w, 6.0,
              [(0.0, 10.0, 0.0, 'IM')],
              [0.0, 1.0, 5.0, 10.0, 20.0, 30.0, 60.0, 87.0, 120.0,
               240.0, 480.0, 720.0, 1440.0, 2880.0]))
    s.append(('herd_in_ka_equals_beta', 'HERD', herd_w, 6.0,
              [(5.0, 15.0, 0.0, 'IN')],
              [0.0, 5.0, 10.0, 25.0, 60.0, 120.0, 360.0, 1440.0]))
    s.append(('herd_iv_bolus', 'HERD', 20.0, 5.0,
              [(0.0, 5.0, 0.0, 'IV')],
              [0.0, 1.0, 10.0, 60.0, 240.0, 720.0]))
    # IV bolus + IV infusion (both at 0) + 3 oral doses over 24 h, one
    # during the infusion and one exactly at its end.
    s.append(('domino_mixed_24h', 'DOMINO', 70.0, 40.0,
              [(0.0, 20.0, 0.0, 'IV'), (0.0, 120.0, 720.0, 'IV'),
               (480.0, 50.0, 0.0, 'ORAL'), (720.0, 50.0, 0.0, 'ORAL'),
               (1200.0, 50.0, 0.0, 'ORAL')],
              [0.0, 0.5, 30.0, 240.0, 479.5, 480.0, 540.0, 719.0, 720.0,
               720.0, 721.0, 900.0, 1199.0, 1200.0, 1260.0, 1440.0]))
    # Kamp, 3 compartments: SC infusion overlapping IM and sublingual
    # doses, an IV infusion started later and a rectal dose.
    s.append(('kamp_mixed_absorbed', 'KAMP', 85.0, 55.0,
              [(0.0, 8.0, 0.0, 'IM'), (0.0, 48.0, 480.0, 'SC'),
               (60.0, 25.0, 0.0, 'SL'), (300.0, 30.0, 120.0, 'IV'),
               (420.0, 20.0, 0.0, 'PR'), (420.0, 10.0, 0.0, 'IN')],
              [0.0, 15.0, 60.0, 120.0, 300.0, 360.0, 420.0, 480.0, 600.0,
               1440.0]))
    # Clements (2 compartments) with every absorbed route at once.
    s.append(('clements_all_routes', 'CLEMENTS', 60.0, 25.0,
              [(0.0, 10.0, 0.0, 'IM'), (0.0, 10.0, 0.0, 'SC'),
               (0.0, 40.0, 0.0, 'ORAL'), (10.0, 25.0, 0.0, 'SL'),
               (10.0, 20.0, 0.0, 'IN'), (20.0, 30.0, 0.0, 'PR'),
               (20.0, 30.0, 60.0, 'SC')],
              [0.0, 10.0, 20.0, 50.0, 80.0, 200.0, 600.0]))
    return s, herd_w


# ---------------------------------------------------------------- output

def c(x):
    """A C double literal that reads back as exactly x."""
    r = repr(float(x))
    assert r not in ('nan', 'inf', '-inf')
    return r


def main(argv):
    out_path = argv[1] if len(argv) > 1 else 'tests/pk_reference.h'
    scen, herd_w = scenarios()
    herd_p = params('HERD', herd_w)
    herd_beta = disposition_rates(herd_p)[0]
    rows = []
    worst = 0.0
    for sid, (name, model, wt, age, doses, times) in enumerate(scen):
        p = params(model, wt)
        ode = simulate(p, doses, times, 'ode')
        ref = simulate(p, doses, times, 'expm')
        for tm, a, b in zip(times, ode, ref):
            err = abs(a - b)
            if err > 1e-12 * abs(b) + 1e-12:
                raise SystemExit('%s t=%r: ode %r expm %r' % (name, tm, a, b))
            if abs(b) > 1e-6:
                worst = max(worst, err / abs(b))
            rows.append((sid, tm, a))
    with open(out_path, 'w') as f:
        write_header(f, scen, rows, herd_w, herd_beta, worst)
    sys.stderr.write('%d scenarios, %d rows, Herd weight %r kg (beta %r), '
                     'largest ODE/expm relative difference %.3g\n'
                     % (len(scen), len(rows), herd_w, herd_beta, worst))


def write_header(f, scen, rows, herd_w, herd_beta, worst):
    w = f.write
    w('/*\n * pk_reference.h - GENERATED by tests/pk_reference.py; '
      'do not edit.\n *\n * Regenerate from the top directory with:\n'
      ' *     /usr/bin/python3 tests/pk_reference.py tests/pk_reference.h\n'
      ' *\n * Reference plasma concentrations for ket_pk_simulate, from an\n'
      ' * independent scipy solve_ivp integration (Radau, rtol 1e-13),\n'
      ' * piecewise between events; cross-checked against scipy expm\n'
      ' * (largest relative difference %.2g).  Include after '
      '<ketamine.h>.\n */\n' % worst)
    w('#ifndef KET_PK_REFERENCE_H\n#define KET_PK_REFERENCE_H\n\n')
    w('/* Herd 2007: the weight (kg) at which the slowest disposition rate\n'
      ' * equals the IM and intranasal ka 0.01148 /min (API.md: 22.31 kg),\n'
      ' * and that rate. */\n')
    w('#define PKREF_HERD_WEIGHT_KG %s\n' % c(herd_w))
    w('#define PKREF_HERD_BETA_PER_MIN %s\n\n' % c(herd_beta))
    w('struct pkref_scenario {\n'
      '\tconst char *name;\n'
      '\tket_pk_model model;\n'
      '\tdouble weight_kg, age_years;  /* for ket_pk_params_for */\n'
      '\tint32_t compartments;\n'
      '\tdouble v1_l, v2_l, v3_l, cl_l_per_min, q2_l_per_min, '
      'q3_l_per_min;\n'
      '\tdouble k10, k12, k21, k13, k31;  /* 1/min */\n'
      '\tsize_t first_dose, n_doses;    /* in pkref_doses */\n'
      '\tsize_t first_row, n_rows;      /* in pkref_rows */\n'
      '};\n\n'
      'struct pkref_row {\n'
      '\tint scenario;\n'
      '\tdouble time_min, conc_ng_per_ml;\n'
      '};\n\n')
    w('static const ket_pk_dose pkref_doses[] = {\n')
    first_dose = []
    k = 0
    for (name, model, wt, age, doses, times) in scen:
        first_dose.append(k)
        w('\t/* %s */\n' % name)
        for (start, mg, dur, route) in doses:
            w('\t{ %s, %s, %s, %s },\n'
              % (c(start), c(mg), c(dur), ROUTES[route][0]))
            k += 1
    w('};\n\n')
    w('static const struct pkref_scenario pkref_scenarios[] = {\n')
    r0 = 0
    for sid, (name, model, wt, age, doses, times) in enumerate(scen):
        p = params(model, wt)
        w('\t{ "%s",\n\t  %s, %s, %s, %d,\n'
          % (name, MODELS[model], c(wt), c(age), p['compartments']))
        w('\t  %s, %s, %s,\n' % (c(p['v1']), c(p['v2']), c(p['v3'])))
        w('\t  %s, %s, %s,\n' % (c(p['cl']), c(p['q2']), c(p['q3'])))
        w('\t  %s, %s, %s,\n' % (c(p['k10']), c(p['k12']), c(p['k21'])))
        w('\t  %s, %s,\n' % (c(p['k13']), c(p['k31'])))
        w('\t  %d, %d, %d, %d },\n'
          % (first_dose[sid], len(doses), r0, len(times)))
        r0 += len(times)
    w('};\n\n')
    w('static const struct pkref_row pkref_rows[] = {\n')
    for (sid, tm, conc) in rows:
        w('\t{ %d, %s, %s },\n' % (sid, c(tm), c(conc)))
    w('};\n\n#endif /* KET_PK_REFERENCE_H */\n')


if __name__ == '__main__':
    main(sys.argv)

#!/usr/bin/env python3
"""Writes the seed corpora tests/fuzz/corpus/NAME/ and the reproducers
tests/fuzz/crashes/NAME/ of the libFuzzer harnesses (mk/fuzz.mk).

The structured harnesses read their input with tests/fuzz/fuzz_common.h;
this script encodes the same format, so every seed is a meaningful call
(the README example, the API.md worked examples, each status, the bounds
exactly and one ulp beyond, NaN, infinities, -0, denormals, 1e308).  The
files are committed; rerun the script after changing an input format:

    python3 tests/fuzz/make_seeds.py        (from the top directory)

Each file is named after what it holds, so a failing replay names its case.
"""
import os
import shutil
import struct
import sys

TOP = os.path.normpath(os.path.join(os.path.dirname(__file__), '..', '..'))

# ---- fuzz_common.h encodings ------------------------------------------------

TYPICAL = [1.0, 0.5, 0.1, 0.05, 0.15, 0.2, 0.35, 2.0, 5.0, 10.0, 25.0, 40.0,
           50.0, 70.0, 100.0, 150.0, 240.0, 300.0, 350.0, 500.0, 0.01,
           1000.0, 168.0, 120.0, 60.0, 3.0, 30.0, 24.0, 45.0, 250.0, 18.0,
           0.25]
SPECIAL = {'nan': 0, '-nan': 1, 'inf': 2, '-inf': 3, '0': 4, '-0': 5,
           'denorm': 6, '-denorm': 7, 'dbl_min': 8, '-dbl_min': 9,
           'max_denorm': 10, 'dbl_max': 11, '-dbl_max': 12, '1e308': 13,
           '-1e308': 14, '1e-308': 15, '1e300': 16, '1e-300': 17}
# fz_modify
EXACT, UP, DOWN, REL_UP, REL_DOWN = 0, 1, 2, 3, 4
BOUND = {0.5: 0, 350.0: 1, 45.0: 2, 250.0: 3, 130.0: 4, 0.01: 5, 100.0: 6,
         50.0: 7, 0.1: 9, 10.0: 10, 1.0: 11, 1000.0: 12, 168.0: 13,
         120.0: 14, 152.4: 15, 2.0: 17, 18.0: 20, 500.0: 21, 3600.0: 22,
         1e15: 23, 40.4: 28}


def d(x):
    """A double: one byte for a typical value, else the 8 raw bytes."""
    if isinstance(x, str):
        return bytes([0x20 | SPECIAL[x]])
    x = float(x)
    if x in TYPICAL and not (x == 0.0):
        return bytes([TYPICAL.index(x)])
    return bytes([0x60]) + struct.pack('<d', x)


def near(bound, modifier):
    """A library bound, exactly or one ulp / 1e-9 beyond (fz_modify)."""
    return bytes([0x40 | BOUND[bound], modifier])


def e(v):
    """An enum value (fz_enum)."""
    if 0 <= v <= 11:
        return bytes([v])
    if -4 <= v <= -1:
        return bytes([11 - v])
    specials = {-2147483648: 0, 2147483647: 1, 255: 3, 256: 4, 1000: 7,
                -1000: 8, 17: 11, 18: 12, 20: 13, 21: 14}
    return bytes([0xF0 | specials[v]])


def limits(profile=0, changes=None, mode=None):
    """fz_limits: a built-in profile, optionally with up to 4 fields
    replaced (index 0-16 in ket_limits order, 17 = form)."""
    if changes:
        assert 1 <= len(changes) <= 4 and profile in (0, 1)
        out = bytes([4 + profile, len(changes) - 1])
        for index, value in changes:
            out += bytes([index]) + (e(value) if index == 17 else d(value))
        return out
    if mode is not None:
        return bytes([mode])
    return bytes([profile])


def scaled(profile, factor):
    """fz_limits mode 7: every field of a profile times one factor."""
    assert profile == 3
    return bytes([7]) + d(factor)


CAP_H, BOLUS_CAP, DAILY_SOFT, DAILY_HARD, ORAL_HARD = 7, 11, 12, 13, 16
CONC_MAX, HARD_KG, FORM = 2, 5, 17

IV, IM, SC, ORAL, SL, IN, PR, TD, EPI, IT = range(10)
MGKGH, MCGKGMIN, MCGKGH, MGKGMIN, MGH, MGMIN, MG24H = range(7)

# ---- corpora ----------------------------------------------------------------


def orders():
    s = {}

    def rate(name, lim, w, dose, unit, conc, step, route=IV, form=0,
             sel=0):
        s['rate-' + name] = (bytes([sel]) + lim + d(w) + d(dose) + e(unit)
                             + d(conc) + d(step) + e(route) + e(form))

    def check(name, lim, w, rate_, conc, route=IV, form=0, sel=1):
        s['check-' + name] = (bytes([sel]) + lim + d(w) + d(rate_)
                              + d(conc) + e(route) + e(form))

    def bolus(name, lim, w, dose, conc, step, route=IV, form=0, sel=2):
        s['bolus-' + name] = (bytes([sel]) + lim + d(w) + d(dose) + d(conc)
                              + d(step) + e(route) + e(form))

    p0, p1, p2, p3 = limits(0), limits(1), limits(2), limits(3)
    rate('readme-70kg-0.1mgkgh-7mlh', p0, 70, 0.1, MGKGH, 1, 0.1)
    rate('sheet-0.05', p0, 70, 0.05, MGKGH, 1, 0.1)
    rate('sheet-0.2-2mgml', p0, 70, 0.2, MGKGH, 2, 0.1)
    rate('at-hard-40.4kg-0.5-20.2mlh', p0, 40.4, 0.5, MGKGH, 1, 0.1)
    rate('hard-limit-0.6', p0, 70, 0.6, MGKGH, 1, 0.1)
    rate('mcgkgmin-2', p0, 70, 2, MCGKGMIN, 1, 0.1)
    rate('mcgkgh-100', p0, 70, 100, MCGKGH, 1, 0.1)
    rate('mgkgmin-0.002', p0, 70, 0.002, MGKGMIN, 1, 0.1)
    rate('mgh-7-sc', p0, 70, 7, MGH, 1, 0.1, route=SC)
    rate('mgmin-0.1', p0, 70, 0.1, MGMIN, 2, 0.1)
    rate('mg24h-168', p0, 70, 168, MG24H, 1, 0)
    rate('resolution-step-10', p0, 70, 0.05, MGKGH, 5, 10)
    rate('low-rate-0.5kg', p0, 0.5, 0.1, MGKGH, 1, 0.01)
    rate('cap-5mgh', limits(0, [(CAP_H, 5)]), 100, 0.1, MGKGH, 1, 0.1)
    rate('daily-hard-700-palliative', p2, 100, 30, MGH, 10, 0.1, route=SC)
    rate('daily-soft-500', p2, 100, 22, MGH, 10, 0.1, route=SC)
    rate('pediatric-10kg', p3, 10, 0.2, MGKGH, 1, 0.1)
    rate('asra-1mgkgh', p1, 80, 1, MGKGH, 5, 0.1)
    rate('conc-above-profile-max', p0, 70, 0.1, MGKGH, 10, 0.1)
    rate('iv-above-50-contraindicated', limits(0, [(CONC_MAX, 0)]), 70, 0.1,
         MGKGH, 100, 0.1)
    rate('weight-nan', p0, 'nan', 0.1, MGKGH, 1, 0.1)
    rate('dose-inf', p0, 70, 'inf', MGKGH, 1, 0.1)
    rate('dose-neg0', p0, 70, '-0', MGKGH, 1, 0.1)
    rate('dose-denorm', p0, 70, 'denorm', MGH, 1, 0)
    rate('dose-1e308-mgkgmin', p0, 70, '1e308', MGKGMIN, 1, 0.1)
    rate('unit-unknown', p0, 70, 0.1, 7, 1, 0.1)
    rate('unit-int-min', p0, 70, 0.1, -2147483648, 1, 0.1)
    rate('route-oral', p0, 70, 0.1, MGKGH, 1, 0.1, route=ORAL)
    rate('form-esketamine-vs-racemic', p0, 70, 0.1, MGKGH, 1, 0.1, form=1)
    rate('limits-invalid-form', limits(0, [(FORM, 5)]), 70, 0.1, MGKGH, 1,
         0.1)
    rate('limits-nan-hard', limits(0, [(HARD_KG, 'nan')]), 70, 0.1, MGKGH,
         1, 0.1)
    rate('limits-fuzzed-all', limits(mode=6) + bytes(18), 70, 0.1, MGKGH,
         1, 0.1)
    rate('limits-scaled-1e300', scaled(3, 1e300), 70, 0.1, MGKGH, 1, 0.1,
         form=0)
    # sel % 3 = 0 (rate), (sel >> 2) % 16 = 15 (NULL), sel >> 6: which
    rate('null-limits', p0, 70, 0.1, MGKGH, 1, 0.1, sel=60)
    rate('null-out', p0, 70, 0.1, MGKGH, 1, 0.1, sel=126)
    rate('null-order', p0, 70, 0.1, MGKGH, 1, 0.1, sel=189)
    # exact bytes for the ulp cases
    s['rate-hard-plus-1ulp'] = (bytes([0]) + p0 + d(70) + near(0.5, UP)
                                + e(MGKGH) + d(1) + d(0.1) + e(IV) + e(0))
    s['rate-weight-350-plus-ulp'] = (bytes([0]) + p0 + near(350.0, UP)
                                     + d(0.1) + e(MGKGH) + d(1) + d(0.1)
                                     + e(IV) + e(0))
    check('running-7mlh', p0, 70, 7, 1)
    check('above-hard', p0, 70, 50, 1)
    check('low-rate', p0, 70, 0.4, 1)
    check('rate-0', p0, 70, 0, 1)
    check('rate-denorm', p0, 70, 'denorm', 0.1)
    check('daily-over', p2, 100, 3, 10, route=SC)
    check('cap-over', limits(0, [(CAP_H, 5)]), 70, 7, 1)
    check('rate-1500-reported', p0, 70, 1500, 1)
    check('rate-1e308-overflow', p0, 70, '1e308', 1)
    s['check-rate-1000-plus-ulp'] = (bytes([1]) + p0 + d(70)
                                     + near(1000.0, UP) + d(1) + e(IV)
                                     + e(0))
    bolus('70kg-0.1-5mgml', p0, 70, 0.1, 5, 0.1)
    bolus('at-hard-0.35', p0, 70, 0.35, 5, 0.01)
    bolus('above-hard-0.36', p0, 70, 0.36, 5, 0.01)
    bolus('sc-small-volume', p0, 5, 0.1, 5, 0.01, route=SC)
    bolus('cap-10mg', limits(0, [(BOLUS_CAP, 10)]), 120, 0.2, 5, 0.1)
    bolus('resolution-step-1', p0, 3, 0.1, 5, 1)
    bolus('step-above-1', p0, 70, 0.1, 5, 1.5)
    bolus('conc-nan', p0, 70, 0.1, 'nan', 0.1)
    bolus('pediatric-12kg', p3, 12, 0.25, 5, 0.01)
    return s


def regimens():
    s = {}
    PREP, DUR, PCA, BURST, ORAL_ = range(5)

    def prep(name, total, vol, stock, route):
        s['prepare-' + name] = (bytes([PREP]) + limits(0) + d(total)
                                + d(vol) + d(stock) + e(route))

    def dur(name, vol, rate_, hang):
        s['duration-' + name] = (bytes([DUR]) + limits(0) + d(vol)
                                 + d(rate_) + d(hang))

    def pca(name, lim, w, bolus, lockout, basal, lim_h, lim_4h, form=0):
        s['pca-' + name] = (bytes([PCA]) + lim + d(w) + d(bolus)
                            + d(lockout) + d(basal) + d(lim_h) + d(lim_4h)
                            + e(form))

    def burst(name, lim, cap, day, w, conc, step, route=SC, form=0):
        s['burst-' + name] = (bytes([BURST]) + lim + bytes([cap]) + e(day)
                              + d(w) + d(conc) + d(step) + e(route)
                              + e(form))

    def oral(name, lim, par, frm, to, ratio, doses, step, sol, form=0):
        s['oral-' + name] = (bytes([ORAL_]) + lim + d(par) + e(frm) + e(to)
                             + d(ratio) + e(doses) + d(step) + d(sol)
                             + e(form))

    prep('200mg-50ml-from-50', 200, 50, 50, IV)
    prep('100mg-undiluted-100-iv', 100, 1, 100, IV)
    prep('sc-100mgml', 500, 10, 100, SC)
    prep('stock-too-weak', 500, 10, 10, IV)
    prep('final-below-0.01', 0.005, 1000, 10, IV)
    prep('small-stock-volume', 5, 50, 100, SC)
    prep('epidural', 10, 10, 10, EPI)
    prep('total-neg0', '-0', 10, 10, IV)
    s['prepare-volume-1000-plus-ulp'] = (bytes([PREP]) + limits(0) + d(10)
                                         + near(1000.0, UP) + d(10) + e(IV))
    dur('50ml-2mlh-24h', 50, 2, 24)
    dur('no-hang', 50, 2, 0)
    s['duration-hang-168-plus-ulp'] = (bytes([DUR]) + limits(0) + d(50)
                                       + d(2) + near(168.0, UP))
    dur('rate-inf', 50, 'inf', 0)
    pca('seed-30mgh-limit', limits(0), 70, 10, 3, 0, 30, 0)
    pca('seed-no-limit-refused', limits(0), 70, 10, 3, 0, 0, 0)
    pca('basal-and-4h', limits(1), 80, 5, 10, 2, 20, 60)
    pca('lockout-120', limits(1), 70, 5, 120, 0, 0, 0)
    pca('lockout-below-1', limits(0), 70, 5, 0.5, 0, 0, 0)
    pca('4h-below-1h', limits(1), 70, 5, 10, 0, 20, 15)
    pca('bolus-above-hard', limits(0), 70, 30, 10, 0, 30, 0)
    burst('day0-70kg-sc', limits(2), 5, 0, 70, 10, 0.1)
    burst('day1', limits(2), 3, 1, 70, 10, 0.1)
    burst('day2-iv', limits(2), 4, 2, 70, 10, 0.1, route=IV)
    burst('day3-capacity-short', limits(2), 2, 3, 70, 10, 0.1)
    burst('size-query', limits(2), 0, 0, 70, 10, 0.1)
    burst('no-daily-hard', limits(0), 5, 0, 70, 5, 0.1)
    burst('capacity-above-max', limits(2), 255, 0, 70, 10, 0.1)
    burst('hard-refused-20kg', limits(2), 5, 0, 20, 10, 0.1)
    oral('worked-example-sc-100', limits(0), 100, SC, ORAL, 1, 3, 5, 10)
    oral('iv-sl-no-step', limits(0), 60, IV, SL, 1, 4, 0, 50)
    oral('ratio-2-hard', limits(0), 500, IM, ORAL, 2, 1, 50, 50)
    oral('resolution', limits(0), 10, SC, ORAL, 0.1, 6, 50, 10)
    oral('route-oral-from', limits(0), 100, ORAL, ORAL, 1, 3, 5, 10)
    oral('doses-7', limits(0), 100, SC, ORAL, 1, 7, 5, 10)
    return s


def conversions():
    s = {}
    DW, LB, LIM, RC, RT, FM, SALT, PCT, NAMES = range(9)

    def dw(name, w, h, age, sex, basis):
        s['dosing-weight-' + name] = (bytes([DW]) + d(w) + d(h) + d(age)
                                      + e(sex) + e(basis))

    dw('actual', 70, 175, 40, 2, 0)
    dw('ideal-male', 90, 180, 40, 2, 1)
    dw('adjusted-female', 120, 160, 50, 1, 2)
    dw('lean-male', 100, 175, 30, 2, 3)
    dw('lean-45cm-0.5kg', 0.5, 45, -1, 1, 3)
    dw('child-no-data', 30, 160, 10, 1, 1)
    dw('sex-unspecified', 70, 170, 40, 0, 1)
    dw('height-0', 70, 0, 40, 2, 1)
    dw('age-131', 70, 170, 131, 2, 0)
    dw('null', 70, 170, 40, 2, 11)
    for name, lb in (('154', 154), ('1.1023', 1.1023), ('771.6', 771.6),
                     ('neg', -1), ('nan', 'nan'), ('771.6179', 771.6179)):
        s['pounds-' + name] = bytes([LB]) + d(lb)
    s['limits-profile-0'] = bytes([LIM]) + limits(0) + e(0)
    s['limits-profile-4'] = bytes([LIM]) + limits(2) + e(4)
    s['limits-soft-above-hard'] = (bytes([LIM])
                                   + limits(0, [(4, 0.6)]) + e(1))
    s['limits-soft-min-at-max'] = (bytes([LIM])
                                   + limits(1, [(3, 0.5)]) + e(2))
    s['limits-weight-min-at-max'] = (bytes([LIM])
                                     + limits(0, [(0, 150)]) + e(3))
    s['limits-daily-soft-only'] = (bytes([LIM])
                                   + limits(0, [(DAILY_SOFT, 500)]) + e(-1))
    s['limits-all-nan'] = bytes([LIM, 6]) + e(0) + bytes([0x20] * 17) + e(0)
    for name, v, f, t, w in (('0.1-mgkgh-to-mcgkgmin', 0.1, 0, 1, 70),
                             ('to-mgh', 0.1, 0, 4, 70),
                             ('mgh-to-perkg-350', 7, 4, 0, 350),
                             ('1e308-mgkgmin-to-mcgkgh', '1e308', 3, 2, 70),
                             ('denorm-to-mg24h', 'denorm', 2, 6, 70),
                             ('weight-nan', 1, 0, 4, 'nan'),
                             ('weight-ignored-nan', 1, 0, 1, 'nan'),
                             ('unit-7', 1, 0, 7, 70),
                             ('negative', -1, 0, 1, 70),
                             ('neg0', '-0', 0, 1, 70)):
        s['rate-convert-' + name] = bytes([RC]) + d(v) + e(f) + e(t) + d(w)
    for name, v, f, t, b in (('iv-to-oral', 25, IV, ORAL, 0),
                             ('sc-to-sl-nork', 25, SC, SL, 1),
                             ('same-route', 25, IM, IM, 0),
                             ('intranasal-nork-no-data', 25, IN, IV, 1),
                             ('transdermal', 25, TD, IV, 0),
                             ('epidural', 25, EPI, 0, 0),
                             ('unknown-route', 25, 10, IV, 0),
                             ('basis-2', 25, IV, ORAL, 2)):
        s['route-' + name] = bytes([RT]) + d(v) + e(f) + e(t) + e(b)
    for name, v, f, t in (('racemic-to-eske', 50, 0, 1),
                          ('eske-to-racemic', 25, 1, 0),
                          ('arketamine', 25, 2, 0),
                          ('same', 25, 2, 2),
                          ('form-3', 25, 3, 0)):
        s['form-' + name] = bytes([FM]) + d(v) + e(f) + e(t)
    for name, v in (('100', 100), ('neg', -5), ('nan', 'nan'),
                    ('denorm', 'denorm')):
        s['salt-' + name] = bytes([SALT]) + d(v)
    for name, v in (('1', 1), ('10', 10), ('10-plus-ulp', None), ('0', '0'),
                    ('5', 5)):
        s['percent-' + name] = bytes([PCT]) + (
            near(10.0, UP) if v is None else d(v))
    for v in (0, 3, 11, -1, 256, -2147483648, 2147483647):
        s['names-%d' % v] = bytes([NAMES]) + e(v) + bytes([1, 4])
    return s


def pk():
    s = {}
    PARAMS, SIM, SUM, TCI = range(4)

    def patient(model, w, h, age, sex):
        return e(model) + d(w) + d(h) + d(age) + e(sex)

    def params(name, *pat):
        s['params-' + name] = bytes([PARAMS]) + patient(*pat)

    params('domino-70kg', 0, 70, 175, 40, 2)
    params('clements-unknown-age', 1, 70, 0, -1, 0)
    params('hijazi-150kg', 2, 150, 180, 60, 1)
    params('herd-22.31kg-8y', 3, 22.31, 120, 8, 1)
    params('herd-unknown-age', 3, 22.31, 120, -1, 1)
    params('kamp-neg0-age', 4, 70, 170, '-0', 2)
    params('model-5', 5, 70, 170, 40, 2)
    params('age-130-plus', 0, 70, 170, 131, 2)

    def dose(start, mg, dur, route, shape):
        # the duration is read only with shape & 2
        return d(start) + d(mg) + (d(dur) if shape & 2 else b'') + e(route)

    def params_for(mode, pat):
        out = bytes([mode]) + patient(*pat)
        if mode == 2:      # one field replaced: v1_l = 30 L
            out += bytes([0]) + d(30)
        elif mode == 3:    # every field fuzzed: Clements-like values
            out += e(2) + b''.join(d(x) for x in (
                21.0, 92.4, 0.0, 0.438 * 21.0, 0.592 * 21.0, 0.0, 0.438,
                0.592, 0.247, 0.0, 0.0)) + e(0)
        return out

    def sim(name, pat, shape, doses, times, mode=0):
        s['simulate-' + name] = (bytes([SIM]) + params_for(mode, pat)
                                 + bytes([shape, len(doses), len(times)])
                                 + b''.join(dose(*x, shape) for x in doses)
                                 + b''.join(d(t) for t in times))

    adult = (0, 70, 175, 40, 2)
    sim('iv-bolus-at-0', adult, 2, [(0, 20, 0, IV)], [0, 1, 5, 30, 60])
    sim('iv-bolus-and-infusion', adult, 2,
        [(0, 20, 0, IV), (0, 300, 1440, SC)], [0, 60, 720, 1440, 2880])
    sim('oral-sl-in-pr', adult, 2,
        [(0, 50, 0, ORAL), (60, 25, 0, SL), (120, 25, 0, IN),
         (180, 25, 0, PR)], [0, 30, 90, 150, 240, 480])
    sim('herd-equal-rates-im', (3, 22.31, 120, 8, 1), 2,
        [(0, 10, 0, IM), (0, 10, 0, IN)], [0, 10, 20, 60, 120])
    sim('sorted-increments', adult, 3,
        [(0, 20, 0, IV), (30, 20, 0, IV), (30, 100, 60, IV)],
        [0, 15, 15, 30, 60])
    sim('no-doses', adult, 0, [], [0, 10, 100])
    sim('unsorted-doses', adult, 0, [(10, 20, 0, IV), (5, 20, 0, IV)],
        [0, 10])
    sim('transdermal', adult, 0, [(0, 20, 0, TD)], [0, 10])
    sim('oral-infusion', adult, 2, [(0, 20, 60, ORAL)], [0, 10])
    sim('time-1e300', adult, 0, [(0, 20, 0, IV)], [0, 1e300])
    sim('dose-1e308', adult, 0, [(0, 1e308, 0, IV)], [0, 1])
    sim('times-decreasing', adult, 0, [(0, 20, 0, IV)], [10, 5])
    sim('null-and-oversized', adult, 4, [(0, 20, 0, IV)], [0, 1])
    sim('tiny-infusion', adult, 2, [(1e15, 20, 1e-3, IV)], [1e15, 2e15])
    sim('params-replaced', adult, 2, [(0, 20, 0, IV)], [0, 1], mode=2)

    def summ(name, shape, pairs, thr):
        s['summarize-' + name] = (bytes([SUM, shape, len(pairs)])
                                  + b''.join(d(t) + d(c) for t, c in pairs)
                                  + d(thr))

    summ('ramp', 0, [(0, 0), (10, 100), (20, 200), (30, 50)], 70)
    summ('tied-peak', 0, [(0, 100), (10, 100), (20, 10)], 0)
    summ('one-sample', 0, [(5, 120)], 100)
    summ('empty', 0, [], 0)
    summ('decreasing', 0, [(10, 1), (5, 1)], 0)
    summ('negative', 0, [(0, -1)], 0)
    summ('huge', 0, [(0, 'dbl_max'), (1, 'dbl_max')], 0)

    def tci(name, pat, targets, step, max_rate, mode=0, shape=0):
        s['tci-' + name] = (bytes([TCI]) + params_for(mode, pat)
                            + bytes([shape, len(targets)])
                            + b''.join(d(t) for t in targets) + d(step)
                            + d(max_rate))

    tci('domino-100-ngml', adult, [100, 100, 100, 150, 150, 70], 10, 60)
    tci('clamped', adult, [500, 500, 0, 0], 60, 5)
    tci('step-3600', (4, 70, 170, 40, 2), [100, 120], 3600, 100)
    tci('step-0.5', adult, [100], 0.5, 60)
    tci('target-501', adult, [501], 10, 60)
    tci('max-rate-0', adult, [100], 10, 0)
    tci('null', adult, [100], 10, 60, shape=4)
    tci('fuzzed-params', adult, [100], 10, 60, mode=3)
    return s


def parse():
    texts = ['0', '0.5', '-0', '-0.0', '12.25', '1000', '0.1', '350',
             '123456789012345', '1234567890123456', '0.000000000000000000001',
             '0.0000000000000000000001', '0.00000000000000000000001',
             '99999999999999.9', '1.00000000000000', '1.000000000000000',
             '', '-', '.5', '5.', '1,5', '1.2.3', '5mg', '1e3', '0x1p3',
             'nan', 'inf', ' 1', '1 ', '+1', '--1', '١٢',
             '0.' + '0' * 307 + '222507385850721',
             '0.' + '0' * 307 + '222507385850720',
             '-0.' + '0' * 150 + '314159265358979', '0.' + '0' * 400,
             'mg/kg/h', 'ug/kg/min', 'ug/kg/h', 'mg/kg/min', 'mg/h',
             'mg/min', 'mg/d', 'mg/(kg.h)', 'ug/(kg.min)', 'ug/(kg.h)',
             'mg/(kg.min)', 'mg/(24.h)', 'mcg/kg/min', 'mcg/kg/h', 'mg/24h',
             'MG/KG/H', 'mg/kg/h ', 'mg/kg', 'mg/kg/h\0x']
    return {'text-%02d' % i: t.encode('utf-8') for i, t in enumerate(texts)}


def fmt():
    s = {}

    def dose(name, v, dec, flags, size, unit):
        fl = {0: 0, 1: 0x80, 'bad': 0xF1}[flags]
        u = (bytes([0]) if unit is None
             else bytes([1]) + unit.encode('utf-8'))
        s['dose-' + name] = (bytes([0]) + d(v) + bytes([dec + 1, fl, size])
                             + u)

    dose('0.5-mg', 0.5, 2, 0, 255, 'mg')
    dose('0.125-2dp-half-up', 0.125, 2, 0, 255, 'mg')
    dose('0.145-2dp', 0.145, 2, 0, 255, 'mg')
    dose('2.5-0dp', 2.5, 0, 0, 255, None)
    dose('1000-grouped', 1000, 0, 0, 255, 'mg')
    dose('1234567.891-nogroup', 1234567.891, 2, 1, 255, 'mg')
    dose('12.6-mlh', 12.6, 1, 0, 255, 'mL/h')
    dose('negative', -3.25, 2, 0, 255, 'mg')
    dose('neg0', '-0', 2, 0, 255, 'mg')
    dose('0.004-prints-0', 0.004, 2, 0, 255, 'mg')
    dose('1e15-minus', 999999999999999.9, 0, 0, 255, '')
    dose('1e15', 1e15, 0, 0, 255, 'mg')
    dose('nan', 'nan', 2, 0, 255, 'mg')
    dose('decimals-5', 1.5, 5, 0, 255, 'mg')
    dose('bad-flag', 1.5, 2, 'bad', 255, 'mg')
    dose('buffer-exact', 12.5, 1, 0, 10, 'mg/h')
    dose('buffer-short', 12.5, 1, 0, 9, 'mg/h')
    dose('size-0', 1, 0, 0, 0, 'mg')
    dose('denorm', 'denorm', 4, 0, 255, 'mg')
    dose('0.00005-4dp', 0.00005, 4, 0, 255, 'mg')

    def finding(status, warning, item, value, limit, unit, field):
        return (e(status) + bytes([warning]) + e(item) + d(value) + d(limit)
                + bytes([unit]) + bytes([field]))

    empty = finding(0, 0, 0, 0, 0, 1, 1)
    hard = finding(8, 0, 3, 0.6, 0.5, 2, 1)
    soft = finding(0, 0x41, 3, 0.3, 0.2, 2, 1)        # KET_W_ABOVE_SOFT_MAX
    rounded = finding(0, 0x44, 18, 2.9, 1, 3, 1)      # KET_W_ROUNDED
    nul = finding(1, 0, 0, 'nan', 'nan', 1, 0)
    s['report-empty'] = bytes([1, 0, 0]) + empty * 8 + bytes([255])
    s['report-hard-limit'] = bytes([1, 1, 0]) + hard + empty * 7 + bytes([255])
    s['report-three'] = (bytes([1, 3, 0]) + soft + rounded + hard
                         + empty * 5 + bytes([255]))
    s['report-dropped-5'] = (bytes([1, 8, 0xC0, 5]) + soft * 7 + hard
                             + bytes([255]))
    s['report-null-strings'] = bytes([1, 1, 0]) + nul + empty * 7 + bytes([40])
    s['report-too-small'] = (bytes([1, 2, 0]) + soft + hard + empty * 6
                             + bytes([20]))
    s['report-count-max'] = (bytes([1, 0xF0, 0xC0, 0xF1]) + hard * 8
                             + bytes([255]))
    return s


CORPORA = {'orders': orders, 'regimens': regimens,
           'conversions': conversions, 'pk': pk, 'parse': parse,
           'format': fmt}

# ---- reproducers of library bugs the harnesses found ------------------------


def crashes():
    out = {'regimens': {}, 'conversions': {}, 'orders': {}}
    r, c, o = out['regimens'], out['conversions'], out['orders']
    # The raw input CI's fuzzer found (base64 APsAJgBR1CY=; the reader pads
    # with zero bytes): ket_infusion_rate of 4.9e-324 mg/kg/h for 1 kg at
    # 1.999999998 mg/mL with a pump step of 4.9e-324 mL/h.  The library
    # refuses with KET_E_RESOLUTION, rightly: one step delivers 1e-323 mg/h,
    # twice the dose.  The harness judged the rate instead of the dose.
    o['resolution-denormal-rate-harness'] = bytes(
        [0x00, 0xfb, 0x00, 0x26, 0x00, 0x51, 0xd4, 0x26])
    # Found by a 9-minute run: ket_infusion_rate of DBL_MAX mcg/kg/h for
    # 40 kg at 0.15 mg/mL, hard maximum DBL_MAX: KET_OK with 1.8e305
    # mg/kg/h, whose x 1000 / 60 the harness overflowed (it divides first
    # now).  The library was right.
    o['mcg-per-kg-per-min-near-dbl-max-harness'] = bytes(
        [0x5d, 0x5d, 0x5d, 0x05, 0x2b, 0x06, 0x0d, 0x0b, 0x2b, 0x02, 0x04])
    # ket_infusion_duration(25 mL, 1.5e-323 mL/h, 1 h): KET_OK, empty inf
    r['duration-denormal-rate-inf'] = (bytes([1]) + limits(0) + d(25)
                                       + d(1.4821969375237396e-323) + d(1))
    # ket_infusion_duration(5e-324 mL, 60 mL/h, 0): KET_OK, empty 0 h
    r['duration-denormal-volume-0'] = (bytes([1]) + limits(0) + d('denorm')
                                       + d(60) + d(0))
    # ket_prepare(1.5e-323 mg, 1.5e-323 mL, 18 mg/mL, IV): KET_OK, stock 0
    r['prepare-denormal-stock-volume-0'] = (
        bytes([0]) + limits(0) + d(1.4821969375237396e-323)
        + d(1.4821969375237396e-323) + d(18) + e(IV))
    # ket_oral_conversion(1e308 mg IV -> oral, oral hard max DBL_MAX):
    # KET_OK with an infinite exposure comparison
    r['oral-exposure-inf'] = (bytes([4]) + limits(0, [(ORAL_HARD, 'dbl_max')])
                              + d('1e308') + e(IV) + e(ORAL) + d(0.1) + e(6)
                              + d(0) + d(0.01) + e(0))
    # ket_pca_check(70 kg, 1 mg, 10 min, basal DBL_MAX mg/h, 4-h limit
    # 10 mg): KET_OK with max_mg_per_h = -inf (4 x basal + bolus overflows
    # to inf, and ket_below(10, inf) is false: inf - inf * 1e-9 is NaN)
    r['pca-basal-dbl-max-ok-minus-inf'] = (
        bytes([2]) + limits(0) + d(70) + d(1) + d(10) + d('dbl_max') + d(0)
        + d(10) + e(0))
    # ket_hydrochloride_to_base(DBL_MAX) (= 1.56e308) and
    # ket_base_to_hydrochloride(7e305) (= 8.07e305): first KET_OK with
    # +inf, now KET_E_RANGE although the results fit (mg x 274.19
    # overflows before the division)
    c['hydrochloride-to-base-dbl-max-fits'] = bytes([6]) + d('dbl_max')
    c['base-to-hydrochloride-7e305-fits'] = bytes([6]) + d(7e305)
    c['route-equivalent-1e308-iv-oral-inf'] = (bytes([4]) + d('1e308')
                                               + e(IV) + e(ORAL) + e(0))
    c['route-equivalent-denormal-sl-iv-0'] = (bytes([4]) + d('denorm')
                                              + e(SL) + e(IV) + e(0))
    c['form-equivalent-dbl-max-eske-racemic-inf'] = (
        bytes([5]) + d('dbl_max') + e(1) + e(0))
    c['form-equivalent-denormal-racemic-eske-0'] = (
        bytes([5]) + d('denorm') + e(0) + e(1))
    return out


def write(directory, files):
    if os.path.isdir(directory):
        shutil.rmtree(directory)
    os.makedirs(directory)
    for name, data in files.items():
        with open(os.path.join(directory, name), 'wb') as f:
            f.write(data)


def main():
    for name, make in CORPORA.items():
        files = make()
        write(os.path.join(TOP, 'tests', 'fuzz', 'corpus', name), files)
        print('corpus/%s: %d seeds' % (name, len(files)))
    for name, files in crashes().items():
        write(os.path.join(TOP, 'tests', 'fuzz', 'crashes', name), files)
        print('crashes/%s: %d reproducers' % (name, len(files)))
    return 0


if __name__ == '__main__':
    sys.exit(main())

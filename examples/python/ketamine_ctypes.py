#!/usr/bin/env python3
"""libketamine from Python through ctypes (standard library only).

Computes the pump rate of a low-dose ketamine infusion (0.1 mg/kg/h for a
70 kg adult from a 1 mg/mL syringe, default limit profile) and shows an order
the limits refuse, with the library's reason.

    python3 ketamine_ctypes.py [path/to/libketamine.so.0]
    python3 ketamine_ctypes.py --layout [path]   # struct sizes and offsets

The library is the argument, else $KETAMINE_LIBRARY, else the one
ctypes.util.find_library("ketamine") finds, else libketamine.so.0 on the
dynamic linker's path.

The structs below mirror <ketamine.h> field by field (int32_t -> c_int32,
uint32_t -> c_uint32, double -> c_double, size_t -> c_size_t).  They are
written for major version 0; the script refuses a library of any other
major version, whose structs may differ.  `make installcheck` compares
--layout with the installed header's sizeof and offsetof.
"""
import ctypes
import ctypes.util
import math
import os
import sys

ABI_MAJOR = 0  # the major version these struct declarations match

# Status codes and enum values used here (ketamine.h).
KET_OK = 0
KET_E_HARD_LIMIT = 8
KET_UNIT_MG_PER_KG_PER_H = 0
KET_ROUTE_IV = 0
KET_FORM_RACEMIC = 0
KET_PROFILE_LOW_DOSE_ANALGESIA = 0
KET_REPORT_MAX = 8


class KetLimits(ctypes.Structure):
    """struct ket_limits."""
    _fields_ = [
        ("form", ctypes.c_int32),
        ("weight_soft_min_kg", ctypes.c_double),
        ("weight_soft_max_kg", ctypes.c_double),
        ("concentration_max_mg_per_ml", ctypes.c_double),
        ("infusion_soft_min_mg_per_kg_per_h", ctypes.c_double),
        ("infusion_soft_max_mg_per_kg_per_h", ctypes.c_double),
        ("infusion_hard_max_mg_per_kg_per_h", ctypes.c_double),
        ("infusion_soft_max_mg_per_h", ctypes.c_double),
        ("infusion_cap_mg_per_h", ctypes.c_double),
        ("bolus_soft_max_mg_per_kg", ctypes.c_double),
        ("bolus_hard_max_mg_per_kg", ctypes.c_double),
        ("bolus_soft_max_mg", ctypes.c_double),
        ("bolus_cap_mg", ctypes.c_double),
        ("daily_soft_max_mg_per_24h", ctypes.c_double),
        ("daily_hard_max_mg_per_24h", ctypes.c_double),
        ("pca_hard_max_mg_per_kg_per_h", ctypes.c_double),
        ("oral_soft_max_mg_per_24h", ctypes.c_double),
        ("oral_hard_max_mg_per_24h", ctypes.c_double),
    ]


class KetInfusionOrder(ctypes.Structure):
    """struct ket_infusion_order."""
    _fields_ = [
        ("weight_kg", ctypes.c_double),
        ("dose", ctypes.c_double),
        ("dose_unit", ctypes.c_int32),
        ("concentration_mg_per_ml", ctypes.c_double),
        ("pump_step_ml_per_h", ctypes.c_double),
        ("route", ctypes.c_int32),
        ("form", ctypes.c_int32),
    ]


class KetInfusion(ctypes.Structure):
    """struct ket_infusion."""
    _fields_ = [
        ("mg_per_h", ctypes.c_double),
        ("rate_ml_per_h", ctypes.c_double),
        ("delivered_mg_per_h", ctypes.c_double),
        ("delivered_mg_per_kg_per_h", ctypes.c_double),
        ("delivered_mcg_per_kg_per_min", ctypes.c_double),
        ("delivered_mg_per_24h", ctypes.c_double),
        ("warnings", ctypes.c_uint32),
    ]


class KetFinding(ctypes.Structure):
    """struct ket_finding."""
    _fields_ = [
        ("status", ctypes.c_int32),
        ("warning", ctypes.c_uint32),
        ("item", ctypes.c_int32),
        ("value", ctypes.c_double),
        ("limit", ctypes.c_double),
        ("unit", ctypes.c_char_p),
        ("field", ctypes.c_char_p),
    ]


class KetReport(ctypes.Structure):
    """struct ket_report."""
    _fields_ = [
        ("count", ctypes.c_size_t),
        ("dropped", ctypes.c_size_t),
        ("findings", KetFinding * KET_REPORT_MAX),
    ]


STRUCTS = {
    "ket_limits": KetLimits,
    "ket_infusion_order": KetInfusionOrder,
    "ket_infusion": KetInfusion,
    "ket_finding": KetFinding,
    "ket_report": KetReport,
}


def load(path):
    """Loads the library and declares the functions used here."""
    lib = ctypes.CDLL(path)
    status = ctypes.c_int  # ket_status is a C enum: int-sized
    lib.ket_version_number.restype = ctypes.c_int
    lib.ket_version_number.argtypes = []
    lib.ket_version_string.restype = ctypes.c_char_p
    lib.ket_version_string.argtypes = []
    lib.ket_status_name.restype = ctypes.c_char_p
    lib.ket_status_name.argtypes = [status]
    lib.ket_limits_for_profile.restype = status
    lib.ket_limits_for_profile.argtypes = [ctypes.c_int,
                                           ctypes.POINTER(KetLimits)]
    lib.ket_infusion_rate.restype = status
    lib.ket_infusion_rate.argtypes = [ctypes.POINTER(KetInfusionOrder),
                                      ctypes.POINTER(KetLimits),
                                      ctypes.POINTER(KetInfusion),
                                      ctypes.POINTER(KetReport)]
    lib.ket_report_format.restype = status
    lib.ket_report_format.argtypes = [ctypes.POINTER(KetReport),
                                      ctypes.c_char_p, ctypes.c_size_t]
    lib.ket_format_dose.restype = status
    lib.ket_format_dose.argtypes = [ctypes.c_double, ctypes.c_int,
                                    ctypes.c_char_p, ctypes.c_uint32,
                                    ctypes.c_char_p, ctypes.c_size_t]
    return lib


def library_path(args):
    if args:
        return args[0]
    if os.environ.get("KETAMINE_LIBRARY"):
        return os.environ["KETAMINE_LIBRARY"]
    return ctypes.util.find_library("ketamine") or \
        "libketamine.so.%d" % ABI_MAJOR


def status_name(lib, st):
    return lib.ket_status_name(st).decode("ascii")


def report_text(lib, report):
    buf = ctypes.create_string_buffer(1024)
    if lib.ket_report_format(ctypes.byref(report), buf, len(buf)) != KET_OK:
        return ""
    return buf.value.decode("utf-8")


def dose_text(lib, value, unit):
    buf = ctypes.create_string_buffer(64)
    if lib.ket_format_dose(value, 2, unit.encode("ascii"), 0, buf,
                           len(buf)) != KET_OK:
        return "-"
    return buf.value.decode("ascii")


def infusion(lib, limits, dose_mg_per_kg_per_h):
    order = KetInfusionOrder(weight_kg=70.0, dose=dose_mg_per_kg_per_h,
                             dose_unit=KET_UNIT_MG_PER_KG_PER_H,
                             concentration_mg_per_ml=1.0,
                             pump_step_ml_per_h=0.1, route=KET_ROUTE_IV,
                             form=KET_FORM_RACEMIC)
    pump = KetInfusion()
    report = KetReport()
    st = lib.ket_infusion_rate(ctypes.byref(order), ctypes.byref(limits),
                               ctypes.byref(pump), ctypes.byref(report))
    return st, pump, report


def print_layout():
    for name, cls in STRUCTS.items():
        print("%s sizeof %d" % (name, ctypes.sizeof(cls)))
        for field, _ in cls._fields_:
            print("%s %s %d" % (name, field, getattr(cls, field).offset))


def main(argv):
    args = argv[1:]
    if args and args[0] == "--layout":
        print_layout()
        return 0
    if len(args) > 1 or (args and args[0].startswith("-")):
        sys.stderr.write("usage: ketamine_ctypes.py [--layout] "
                         "[libketamine.so.%d]\n" % ABI_MAJOR)
        return 2
    lib = load(library_path(args))
    major = lib.ket_version_number() // 10000
    if major != ABI_MAJOR:
        sys.stderr.write("libketamine %s: these structs are for major "
                         "version %d\n" % (
                             lib.ket_version_string().decode("ascii"),
                             ABI_MAJOR))
        return 1

    limits = KetLimits()
    st = lib.ket_limits_for_profile(KET_PROFILE_LOW_DOSE_ANALGESIA,
                                    ctypes.byref(limits))
    if st != KET_OK:
        sys.stderr.write("profile: %s\n" % status_name(lib, st))
        return 1

    st, pump, report = infusion(lib, limits, 0.1)
    if st != KET_OK:
        sys.stderr.write("refused: %s: %s\n" % (status_name(lib, st),
                                                report_text(lib, report)))
        return 1
    print("pump rate: %s" % dose_text(lib, pump.rate_ml_per_h, "mL/h"))
    if pump.warnings:
        print("confirm: %s" % report_text(lib, report))

    # Above the hard maximum: refused, every output NaN (fail-safe).
    st, pump, report = infusion(lib, limits, 0.6)
    if st != KET_E_HARD_LIMIT or not math.isnan(pump.rate_ml_per_h):
        sys.stderr.write("expected a refusal with NaN outputs\n")
        return 1
    print("0.6 mg/kg/h refused: %s: %s" % (status_name(lib, st),
                                           report_text(lib, report)))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))

#!/usr/bin/env bash
# tests/ketcalc_test.sh - ketcalc end to end: outputs against hand-computed
# values, exit statuses (0 done, 1 refused or invalid input, 2 usage), every
# --json output through a real JSON parser (python3's json module, with
# NaN/Infinity and duplicate keys refused), bad arguments, --help for every
# subcommand, warnings printed.  `make check` runs it after the Check suites.
#
#   tests/ketcalc_test.sh [path/to/ketcalc]     (default build/examples/ketcalc)
#
# Prints one line per failure and closes with "N passed, M failed"; exits
# non-zero on any failure.  Expected values are worked out by hand from the
# header's formulas and the built-in profiles (lib/clinical.c), in comments.

set -u

K=${1:-build/examples/ketcalc}
HERE=$(cd "$(dirname "$0")" && pwd)
HEADER="$HERE/../include/ketamine.h"

if ! command -v python3 >/dev/null 2>&1; then
	echo "ketcalc_test: python3 is needed to parse the JSON output" \
	     "(apt-get install python3)" >&2
	echo "0 passed, 1 failed"
	exit 1
fi
if [ ! -x "$K" ]; then
	echo "ketcalc_test: $K is not an executable (make examples)" >&2
	echo "0 passed, 1 failed"
	exit 1
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0
fail=0
rc=0
last=

ok() { pass=$((pass + 1)); }
bad() {
	fail=$((fail + 1))
	echo "FAIL: $last: $*" >&2
}

# run ARGS...: ketcalc's stdout, stderr and exit status in out, err, $rc.
run() {
	last="ketcalc $*"
	"$K" "$@" >"$tmp/out" 2>"$tmp/err"
	rc=$?
}

expect_rc() {
	if [ "$rc" -eq "$1" ]; then ok; else
		bad "exit status $rc, expected $1; stderr: $(head -c 300 "$tmp/err")"
	fi
}

# A regular expression matching the text literally.
literal() { printf '%s' "$1" | sed 's/[][\.*^$+?(){}|/]/\\&/g'; }

# expect_line LABEL VALUE: a line "LABEL   VALUE" on stdout, exactly.
expect_line() {
	if grep -qxE "$(literal "$1") +$(literal "$2")" "$tmp/out"; then ok
	else bad "stdout has no line '$1 ... $2'"; fi
}

expect_out() {
	if grep -qF -- "$1" "$tmp/out"; then ok
	else bad "stdout lacks '$1'"; fi
}

expect_not_out() {
	if grep -qF -- "$1" "$tmp/out"; then bad "stdout has '$1'"
	else ok; fi
}

expect_err() {
	if grep -qF -- "$1" "$tmp/err"; then ok
	else bad "stderr lacks '$1': $(head -c 300 "$tmp/err")"; fi
}

expect_err_lines() {
	local n
	n=$(wc -l <"$tmp/err")
	if [ "$n" -eq "$1" ]; then ok
	else bad "stderr has $n lines, expected $1: $(cat "$tmp/err")"; fi
}

expect_no_out() {
	if [ -s "$tmp/out" ]; then bad "stdout not empty: $(head -c 200 "$tmp/out")"
	else ok; fi
}

expect_no_err() {
	if [ -s "$tmp/err" ]; then bad "stderr not empty: $(head -c 200 "$tmp/err")"
	else ok; fi
}

# JSON outputs are kept (json/N) and judged at the end by one python3
# process (a python start costs more than all the ketcalc runs together):
# `valid N` and `expr N EXPR` lines in json/manifest, one test each.
mkdir "$tmp/json"
: >"$tmp/json/manifest"
n_json=0

# Strict JSON: one object, no NaN/Infinity, no duplicate key, the stable
# top-level keys in order, a consistent status, findings with their keys.
# EXPR is a Python expression over j (the object) and r (its result) that
# must be True; near(a, b[, tol]) compares numbers, relative tolerance.
PY_JUDGE='
import json, sys
def const(c):
    raise ValueError("not JSON: " + c)
def pairs(ps):
    keys = [k for k, _ in ps]
    if len(set(keys)) != len(keys):
        raise ValueError("duplicate key in %r" % keys)
    return dict(ps)
TOP = ["status", "ok", "result", "warnings", "findings",
       "findings_dropped", "profile", "error"]
FINDING = ["status", "warning", "item", "field", "value", "limit", "unit",
           "text"]
def validate(j):
    assert isinstance(j, dict), "not an object"
    assert list(j) == TOP, "top-level keys %r" % list(j)
    assert isinstance(j["ok"], bool)
    assert (j["status"] == "KET_OK") == j["ok"], "status and ok disagree"
    assert (j["result"] is None) == (not j["ok"]), "result and ok disagree"
    assert (j["error"] is None) == j["ok"], "error and ok disagree"
    assert all(isinstance(w, str) and w.startswith("KET_W_")
               for w in j["warnings"])
    for f in j["findings"]:
        assert list(f) == FINDING, "finding keys %r" % list(f)
        assert f["text"], "finding without text"
    if j["error"] is not None:
        assert list(j["error"]) == ["message", "argument"]
def near(a, b, tol=1e-9):
    return (isinstance(a, (int, float)) and not isinstance(a, bool) and
            abs(a - b) <= tol * max(1.0, abs(b)))
d = sys.argv[1]
cache = {}
def load(n):
    if n not in cache:
        with open("%s/%s.json" % (d, n), encoding="utf-8") as f:
            cache[n] = json.load(f, parse_constant=const,
                                 object_pairs_hook=pairs)
    return cache[n]
def text(n):
    with open("%s/%s.json" % (d, n), encoding="utf-8",
              errors="replace") as f:
        return f.read(400)
passed = failed = 0
with open(d + "/manifest", encoding="utf-8", errors="replace") as m:
    for line in m:
        kind, n, what, expr = (line.rstrip("\n").split("\t") + [""])[:4]
        try:
            j = load(n)
            if kind == "valid":
                validate(j)
            else:
                r = j.get("result")
                assert eval(expr) is True, "JSON check failed: " + expr
            passed += 1
        except Exception as e:
            failed += 1
            print("FAIL: %s: %s; output: %s" % (what, e, text(n)))
print(passed, failed)
'

# Keeps the last output as a JSON document to judge.
json_valid() {
	n_json=$((n_json + 1))
	cp "$tmp/out" "$tmp/json/$n_json.json"
	printf 'valid\t%s\t%s\n' "$n_json" "$last" >>"$tmp/json/manifest"
}

# jrun ARGS...: ketcalc --json ARGS, its output kept as above.
jrun() {
	run --json "$@"
	json_valid
}

# jcheck EXPR...: each a test on the last JSON output kept.
jcheck() {
	local e
	for e in "$@"; do
		printf 'expr\t%s\t%s\t%s\n' "$n_json" "$last" "$e" \
			>>"$tmp/json/manifest"
	done
}

# Judges every JSON output kept; adds to the counts.
judge_json() {
	local verdict p f
	verdict=$(python3 -c "$PY_JUDGE" "$tmp/json" 2>&1)
	printf '%s\n' "$verdict" | sed '$d' >&2
	read -r p f <<<"$(printf '%s\n' "$verdict" | tail -n 1)"
	case "$p$f" in
	*[!0-9]* | "")
		fail=$((fail + 1))
		echo "FAIL: the JSON judge did not run: $verdict" >&2 ;;
	*)
		pass=$((pass + p))
		fail=$((fail + f)) ;;
	esac
}

NOTE='built-in limits are starting points that a hospital must review'

# ------------------------------------------------------------- infusion

# 0.1 mg/kg/h x 70 kg = 7 mg/h; at 1 mg/mL 7 mL/h (70 steps of 0.1);
# 24 h: 168 mg; 0.1 mg/kg/h = 100 mcg / 60 min = 1.667 mcg/kg/min.
run infusion --weight 70 --dose 0.1 --conc 1 --step 0.1
expect_rc 0
expect_line "pump rate" "7 mL/h"
expect_line "dose per hour" "7 mg/h"
expect_line "delivered per kg" "0.1 mg/kg/h"
expect_out "1.667 mcg/kg/min"
expect_line "delivered in 24 h" "168 mg"
expect_out "limits: built-in profile low-dose-analgesia"
expect_out "$NOTE"
expect_not_out "warning:"
expect_no_err

jrun infusion --weight 70 --dose 0.1 --conc 1 --step 0.1
expect_rc 0
jcheck 'j["status"] == "KET_OK"' 'j["ok"] is True' \
	'r["rate_ml_per_h"] == 7' 'r["mg_per_h"] == 7' \
	'r["delivered_mg_per_h"] == 7' \
	'near(r["delivered_mg_per_kg_per_h"], 0.1)' \
	'near(r["delivered_mcg_per_kg_per_min"], 100 / 60)' \
	'near(r["delivered_mg_per_24h"], 168)' \
	'j["warnings"] == []' 'j["findings"] == []' \
	'j["findings_dropped"] == 0' \
	'j["profile"] == "low-dose-analgesia"' 'j["error"] is None'

# --json may follow the subcommand, or come last.
run infusion --json --weight 70 --dose 0.1 --conc 1 --step 0.1
json_valid
jcheck 'r["rate_ml_per_h"] == 7'
run infusion --weight 70 --dose 0.1 --conc 1 --step 0.1 --json
json_valid
jcheck 'r["rate_ml_per_h"] == 7'
# --name=value is the same as --name value.
run infusion --weight=70 --dose=0.1 --conc=1 --step=0.1
expect_rc 0
expect_line "pump rate" "7 mL/h"

# The issue's example: 0.1 x 82 = 8.2 mg/h, / 2 mg/mL = 4.1 mL/h.
run infusion --weight 82 --dose 0.1 --conc 2 --step 0.1
expect_rc 0
expect_line "pump rate" "4.1 mL/h"
expect_line "dose per hour" "8.2 mg/h"

# 1.5 mcg/kg/min = 0.09 mg/kg/h; x 70 kg = 6.3 mg/h = 6.3 mL/h at 1 mg/mL.
jrun infusion --weight 70 --dose 1.5 --unit ug/kg/min --conc 1 --step 0.1
expect_rc 0
jcheck 'near(r["rate_ml_per_h"], 6.3)' \
	'near(r["delivered_mg_per_kg_per_h"], 0.09)' \
	'near(r["delivered_mcg_per_kg_per_min"], 1.5)'
run infusion --weight 70 --dose 1.5 --unit mcg/kg/min --conc 1 --step 0.1
expect_rc 0
expect_line "pump rate" "6.3 mL/h"
# 7 mg/h by the absolute unit.
run infusion --weight 70 --dose 7 --unit mg/h --conc 1
expect_rc 0
expect_line "delivered per kg" "0.1 mg/kg/h"

# Above the soft maximum 0.2 mg/kg/h: a warning, printed, exit 0.
# 0.3 x 82 = 24.6 mg/h (below the 25 mg/h soft maximum) = 12.3 mL/h.
run infusion --weight 82 --dose 0.3 --conc 2 --step 0.1
expect_rc 0
expect_line "pump rate" "12.3 mL/h"
expect_out "warning: dose per kg 0.3 mg/kg/h is above the soft maximum 0.2 mg/kg/h"
jrun infusion --weight 82 --dose 0.3 --conc 2 --step 0.1
expect_rc 0
jcheck 'j["warnings"] == ["KET_W_ABOVE_SOFT_MAX"]' \
	'len(j["findings"]) == 1' \
	'j["findings"][0]["warning"] == "KET_W_ABOVE_SOFT_MAX"' \
	'j["findings"][0]["status"] == "KET_OK"' \
	'j["findings"][0]["field"] == "infusion_soft_max_mg_per_kg_per_h"' \
	'j["findings"][0]["item"] == "dose per kg"' \
	'j["findings"][0]["value"] == 0.3' \
	'j["findings"][0]["limit"] == 0.2' \
	'j["findings"][0]["unit"] == "mg/kg/h"'

# Above the hard maximum 0.5 mg/kg/h: refused, exit 1, nothing on stdout.
run infusion --weight 82 --dose 0.6 --conc 2 --step 0.1
expect_rc 1
expect_no_out
expect_err "refused: The order exceeds a hard limit and was refused."
expect_err "dose per kg 0.6 mg/kg/h is above the hard maximum 0.5 mg/kg/h"
expect_err "limits: built-in profile low-dose-analgesia"
jrun infusion --weight 82 --dose 0.6 --conc 2 --step 0.1
expect_rc 1
jcheck 'j["status"] == "KET_E_HARD_LIMIT"' 'j["ok"] is False' \
	'r is None' 'j["warnings"] == []' \
	'j["findings"][-1]["status"] == "KET_E_HARD_LIMIT"' \
	'j["findings"][-1]["warning"] is None' \
	'j["findings"][-1]["limit"] == 0.5' \
	'j["error"]["message"].startswith("The order exceeds a hard limit")'
# The acute-pain-asra profile allows 0.6 (hard maximum 1, soft 0.5): warns.
run infusion --weight 82 --dose 0.6 --conc 2 --step 0.1 \
	--profile acute-pain-asra
expect_rc 0
expect_out "warning: dose per kg 0.6 mg/kg/h is above the soft maximum 0.5 mg/kg/h"
expect_out "limits: built-in profile acute-pain-asra"

# Rounding: 7 mg/h at 5 mg/mL = 1.4 mL/h; step 0.5 -> 1.5 mL/h (7.1 %,
# above the 1 % warning, below the 10 % refusal) = 7.5 mg/h.
jrun infusion --weight 70 --dose 0.1 --conc 5 --step 0.5
expect_rc 0
jcheck 'r["rate_ml_per_h"] == 1.5' 'near(r["delivered_mg_per_h"], 7.5)' \
	'"KET_W_ROUNDED" in j["warnings"]' \
	'any(f["item"] == "rounding" and f["unit"] == "%" for f in j["findings"])'
run infusion --weight 70 --dose 0.1 --conc 5 --step 0.5
expect_out "warning: rounding to pump_step_ml_per_h changes the dose by"
# Step 1 -> 1 mL/h, 28.6 % off: refused (KET_E_RESOLUTION).
jrun infusion --weight 70 --dose 0.1 --conc 5 --step 1
expect_rc 1
jcheck 'j["status"] == "KET_E_RESOLUTION"'

# Low pump rate: 0.05 x 40 = 2 mg/h at 5 mg/mL = 0.4 mL/h (< 0.5).
jrun infusion --weight 40 --dose 0.05 --conc 5
expect_rc 0
jcheck 'near(r["rate_ml_per_h"], 0.4)' \
	'"KET_W_LOW_PUMP_RATE" in j["warnings"]'
run infusion --weight 40 --dose 0.05 --conc 5
expect_out "warning: pump rate 0.4 mL/h is below 0.5 mL/h"

# Library refusals of valid-looking input: exit 1 with the status.
jrun infusion --weight 70 --dose 0.1 --conc 1 --route im
expect_rc 1
jcheck 'j["status"] == "KET_E_ROUTE"'
jrun infusion --weight 70 --dose 0.1 --conc 1 --form esketamine
expect_rc 1
jcheck 'j["status"] == "KET_E_FORM"'
jrun infusion --weight 70 --dose 0.1 --conc 10
expect_rc 1
jcheck 'j["status"] == "KET_E_CONCENTRATION"'
jrun infusion --weight 400 --dose 0.1 --conc 1
expect_rc 1
jcheck 'j["status"] == "KET_E_WEIGHT"'
jrun infusion --weight 70 --dose 0 --conc 1
expect_rc 1
jcheck 'j["status"] == "KET_E_DOSE"'
run infusion --weight 70 --dose -0.1 --conc 1
expect_rc 1
expect_err "refused: The dose or amount is zero or negative."
# SC is an infusion route.
run infusion --weight 70 --dose 0.1 --conc 1 --route sc
expect_rc 0
expect_line "pump rate" "7 mL/h"

# ------------------------------------------------------------------ pump

# 7 mL/h of 1 mg/mL for 70 kg: 0.1 mg/kg/h.
jrun pump --weight 70 --rate 7 --conc 1
expect_rc 0
jcheck 'near(r["delivered_mg_per_kg_per_h"], 0.1)' 'r["rate_ml_per_h"] == 7' \
	'j["warnings"] == []'
# 20 mL/h of 2 mg/mL = 40 mg/h = 0.5714 mg/kg/h: above the hard maximum,
# which a running pump reports instead of refusing (exit 0, warnings).
run pump --weight 70 --rate 20 --conc 2
expect_rc 0
expect_line "delivered per hour" "40 mg/h"
expect_out "warning: dose per kg 0.5714 mg/kg/h is above the hard maximum 0.5 mg/kg/h"
expect_out "warning: dose per hour 40 mg/h is above the soft maximum 25 mg/h"
jrun pump --weight 70 --rate 20 --conc 2
jcheck '"KET_W_ABOVE_HARD_MAX" in j["warnings"]' \
	'"KET_W_ABOVE_SOFT_MAX" in j["warnings"]' \
	'near(r["delivered_mg_per_kg_per_h"], 40 / 70)'
jrun pump --weight 70 --rate 0 --conc 2
expect_rc 1
jcheck 'j["status"] == "KET_E_DOSE"'

# ----------------------------------------------------------------- bolus

# 0.1 mg/kg x 70 = 7 mg; at 5 mg/mL 1.4 mL.
run bolus --weight 70 --dose 0.1 --conc 5 --step 0.1
expect_rc 0
expect_line "dose" "7 mg"
expect_line "volume" "1.4 mL"
expect_out "limits: built-in profile low-dose-analgesia"
jrun bolus --weight 70 --dose 0.1 --conc 5 --step 0.1
jcheck 'r["dose_mg"] == 7' 'near(r["volume_ml"], 1.4)' \
	'near(r["delivered_mg_per_kg"], 0.1)' 'j["warnings"] == []'
# 0.3 mg/kg (21 mg): above the 0.2 mg/kg soft maximum: warns.
run bolus --weight 70 --dose 0.3 --conc 5
expect_rc 0
expect_line "dose" "21 mg"
expect_out "warning: dose per kg 0.3 mg/kg is above the soft maximum 0.2 mg/kg"
# 0.4 mg/kg: above the 0.35 mg/kg hard maximum: refused.
jrun bolus --weight 70 --dose 0.4 --conc 5
expect_rc 1
jcheck 'j["status"] == "KET_E_HARD_LIMIT"' 'r is None'
# 0.05 mg/kg x 10 kg = 0.5 mg at 5 mg/mL = 0.1 mL (not below 0.1 mL);
# 0.05 x 8 = 0.4 mg = 0.08 mL: small volume (pediatric profile).
jrun bolus --weight 8 --dose 0.05 --conc 5 --profile pediatric-analgesia
expect_rc 0
jcheck 'near(r["volume_ml"], 0.08)' '"KET_W_SMALL_VOLUME" in j["warnings"]' \
	'j["profile"] == "pediatric-analgesia"'

# ---------------------------------------------------------------- weight

# 220 lb x 0.45359237 = 99.7903214 kg.
jrun weight --lb 220
expect_rc 0
jcheck 'near(r["actual_weight_kg"], 99.7903214)' \
	'near(r["dosing_weight_kg"], 99.7903214)' 'r["weight_lb"] == 220' \
	'r["basis"] == "actual"' 'j["profile"] is None'
run weight --lb 220
expect_line "actual weight" "99.79 kg"
expect_not_out "limits:"
# Devine, male, 180 cm: 50 + 2.3 x (180 / 2.54 - 60) = 74.992126 kg.
jrun weight --weight 100 --height 180 --sex male --basis ideal
expect_rc 0
jcheck 'near(r["dosing_weight_kg"], 50 + 2.3 * (180 / 2.54 - 60))' \
	'r["weight_lb"] is None' 'r["basis"] == "ideal"'
run weight --weight 100 --height 180 --sex male --basis ideal
expect_line "dosing weight" "74.99 kg"
# Adjusted: ideal + 0.4 x (100 - ideal) = 84.9952756 kg.
jrun weight --weight 100 --height 180 --sex male --basis adjusted
jcheck 'near(r["dosing_weight_kg"], 74.992126 + 0.4 * (100 - 74.992126), 1e-7)'
# Devine, female, 160 cm: 45.5 + 2.3 x (160 / 2.54 - 60) = 52.4881890 kg.
jrun weight --weight 70 --height 160 --sex female --basis ideal
jcheck 'near(r["dosing_weight_kg"], 45.5 + 2.3 * (160 / 2.54 - 60))'
# Lean needs a height; ideal needs a sex; ideal refuses a known child.
jrun weight --weight 100 --basis lean
expect_rc 1
jcheck 'j["status"] == "KET_E_HEIGHT"'
jrun weight --weight 100 --height 180 --basis ideal
expect_rc 1
jcheck 'j["status"] == "KET_E_SEX"'
jrun weight --weight 40 --height 160 --sex male --age 12 --basis ideal
expect_rc 1
jcheck 'j["status"] == "KET_E_NO_DATA"'
# 1000 lb = 453.6 kg: outside 0.5-350 kg.
jrun weight --lb 1000
expect_rc 1
jcheck 'j["status"] == "KET_E_WEIGHT"' 'j["error"]["argument"] == "--lb"'
run weight --weight 70 --age -3
expect_rc 1
expect_err_lines 1
expect_err "--age"
run weight
expect_rc 2
expect_err "give exactly one of --weight KG or --lb LB"
run weight --weight 70 --lb 150
expect_rc 2

# ----------------------------------------------------------------- units

run units 1.5 ug/kg/min mg/kg/h
expect_rc 0
expect_line "converted" "0.09 mg/kg/h"
jrun units 1.5 ug/kg/min mg/kg/h
jcheck 'near(r["converted_value"], 0.09)' 'r["value"] == 1.5' \
	'r["from_unit"] == "ug/kg/min"' 'r["to_unit"] == "mg/kg/h"' \
	'r["weight_kg"] is None'
# The issue's example: 1.5 mcg/kg/min x 70 kg = 6.3 mg/h.
run units 1.5 ug/kg/min mg/kg/h --weight 70
expect_rc 0
expect_line "converted" "0.09 mg/kg/h"
jrun units 1.5 ug/kg/min mg/h --weight 70
jcheck 'near(r["converted_value"], 6.3)' 'r["weight_kg"] == 70'
# 0.1 mg/kg/h x 70 kg x 24 h = 168 mg/d; mg/24h is a spelling of mg/d.
jrun units 0.1 mg/kg/h mg/24h --weight 70
jcheck 'near(r["converted_value"], 168)' 'r["to_unit"] == "mg/d"'
# Per kg to absolute without a weight: refused, naming --weight.
run units 1.5 ug/kg/min mg/h
expect_rc 1
expect_err "--weight KG is needed"
jrun units 1.5 ug/kg/min mg/h
jcheck 'j["error"]["argument"] == "--weight"'
run units 1.5 mcg/kg/hr mg/kg/h
expect_rc 1
expect_err_lines 1
expect_err 'FROM "mcg/kg/hr"'
run units 1.5 mg/kg/h mg/hour
expect_rc 1
expect_err 'TO "mg/hour"'
run units 1,5 mg/kg/h mg/h --weight 70
expect_rc 1
expect_err 'VALUE "1,5"'
run units 1.5 ug/kg/min
expect_rc 2
run units 1.5 ug/kg/min mg/kg/h mg/h
expect_rc 2

# --------------------------------------------------------- convert, form

# Exposure with norketamine: IV 1, oral 0.55 (0.54-0.59): 25 / 0.55 =
# 45.45 mg, from 25 / 0.59 = 42.37 to 25 / 0.54 = 46.30 mg.
run convert --from iv --to oral --dose 25 --basis norketamine
expect_rc 0
expect_line "equivalent dose" "45.45 mg"
expect_line "range from" "42.37 mg"
expect_line "range to" "46.3 mg"
expect_out "warning: route: an exposure comparison, not a dose to order"
jrun convert --from iv --to oral --dose 25 --basis norketamine
jcheck 'near(r["equivalent_mg"], 25 / 0.55)' \
	'near(r["equivalent_mg_low"], 25 / 0.59)' \
	'near(r["equivalent_mg_high"], 25 / 0.54)' \
	'r["from_route"] == "iv"' 'r["to_route"] == "oral"' \
	'r["basis"] == "norketamine"' \
	'"KET_W_EXPOSURE_ONLY" in j["warnings"]' \
	'"KET_W_VARIABLE_ROUTE" in j["warnings"]' \
	'len(j["findings"]) == len(j["warnings"])'
# Ketamine alone, sublingual 0.32 (alias sl): 25 / 0.32 = 78.125 mg.
jrun convert --from iv --to sl --dose 25
jcheck 'near(r["equivalent_mg"], 78.125)' 'r["to_route"] == "sublingual"'
# The same route is the identity, with no warning.
jrun convert --from iv --to iv --dose 25
jcheck 'r["equivalent_mg"] == 25' 'j["warnings"] == []'
jrun convert --from iv --to transdermal --dose 25
expect_rc 1
jcheck 'j["status"] == "KET_E_NO_DATA"'
run convert --from iv --to mouth --dose 25
expect_rc 1
expect_err '--to "mouth" is not a known route'
jrun convert --from iv --to mouth --dose 25
jcheck 'j["status"] == "KET_E_ROUTE"' 'j["error"]["argument"] == "--to"'

# Racemic -> esketamine: x 0.5, approximate.
run form --from racemic --to esketamine --dose 50
expect_rc 0
expect_line "equivalent dose" "25 mg"
expect_out "warning: form: a clinical approximation"
jrun form --from esketamine --to racemic --dose 25
jcheck 'r["equivalent_mg"] == 50' 'j["warnings"] == ["KET_W_APPROXIMATE"]'
jrun form --from racemic --to arketamine --dose 50
expect_rc 1
jcheck 'j["status"] == "KET_E_NO_DATA"'

# ------------------------------------------------------------------ salt

# 237.73 / 274.19 g/mol: 100 mg hydrochloride = 86.70 mg base.
run salt --hcl 100
expect_rc 0
expect_line "ketamine base" "86.7 mg"
jrun salt --hcl 100
jcheck 'near(r["base_mg"], 100 * 237.73 / 274.19)' 'r["hydrochloride_mg"] == 100'
jrun salt --base 100
jcheck 'near(r["hydrochloride_mg"], 100 * 274.19 / 237.73)'
jrun salt --base 0
expect_rc 1
jcheck 'j["status"] == "KET_E_DOSE"' 'j["error"]["argument"] == "--base"'
run salt
expect_rc 2
run salt --hcl 100 --base 100
expect_rc 2

# ---------------------------------------------------------------- limits

# lib/clinical.c: palliative-burst daily hard maximum 700 mg/24 h, no cap.
run limits --profile palliative-burst
expect_rc 0
expect_line "parenteral 24 h hard max" "700 mg/24 h"
expect_line "infusion cap" "none"
expect_line "infusion hard maximum" "1 mg/kg/h"
expect_out "limits: built-in profile palliative-burst"
jrun limits --profile palliative-burst
jcheck 'r["daily_hard_max_mg_per_24h"] == 700' \
	'r["infusion_hard_max_mg_per_kg_per_h"] == 1' \
	'r["infusion_cap_mg_per_h"] == 0' 'r["form"] == "racemic"' \
	'len(r) == 18' 'j["profile"] == "palliative-burst"'
jrun limits
jcheck 'j["profile"] == "low-dose-analgesia"' \
	'r["infusion_hard_max_mg_per_kg_per_h"] == 0.5' \
	'r["infusion_soft_min_mg_per_kg_per_h"] == 0.05' \
	'r["infusion_soft_max_mg_per_kg_per_h"] == 0.2' \
	'r["concentration_max_mg_per_ml"] == 5'
for p in acute-pain-asra pediatric-analgesia; do
	jrun limits --profile "$p"
	expect_rc 0
	jcheck "j['profile'] == '$p'"
done
run limits --profile hospice
expect_rc 1
expect_err_lines 1
expect_err '--profile "hospice" is not a known profile'

# --------------------------------------------------- prepare, duration

# 100 mg in 50 mL from 10 mg/mL: 10 mL stock + 40 mL diluent = 2 mg/mL.
run prepare --total 100 --volume 50 --stock 10
expect_rc 0
expect_line "draw from the stock" "10 mL"
expect_line "add diluent" "40 mL"
expect_line "final concentration" "2 mg/mL"
jrun prepare --total 100 --volume 50 --stock 10
jcheck 'r["stock_volume_ml"] == 10' 'r["diluent_volume_ml"] == 40' \
	'r["final_concentration_mg_per_ml"] == 2' 'j["profile"] is None'
# 5 mg from 100 mg/mL = 0.05 mL: too small to measure well.
run prepare --total 5 --volume 50 --stock 100
expect_rc 0
expect_out "warning: volume 0.05 mL is below 0.1 mL"
# 500 mg in 5 mL = 100 mg/mL IV: contraindicated.
jrun prepare --total 500 --volume 5 --stock 100
expect_rc 1
jcheck 'j["status"] == "KET_E_CONTRAINDICATED"'
jrun prepare --total 50 --volume 10 --stock 10 --route epidural
expect_rc 1
jcheck 'j["status"] == "KET_E_ROUTE"'

# 50 mL at 2 mL/h: 25 h; a 24 h hang limit changes it at 24 h.
run duration --volume 50 --rate 2 --hang 24
expect_rc 0
expect_line "empty after" "25 h"
expect_line "change after" "24 h"
jrun duration --volume 50 --rate 2
jcheck 'r["empty_after_h"] == 25' 'r["change_after_h"] == 25'
run duration --volume 50 --rate 0
expect_rc 1
expect_err "refused:"
expect_err "--volume and --rate must be above 0"

# ------------------------------------------------------------------- pca

# The header's worked example: 10 mg, lockout 3 min, 1-hour limit 30 mg,
# 70 kg: 30 mg/h, 120 mg/4 h, 30 / 70 = 0.4286 mg/kg/h.
run pca --weight 70 --bolus 10 --lockout 3 --limit-1h 30
expect_rc 0
expect_line "most in any hour" "30 mg"
expect_line "most in any 4 hours" "120 mg"
expect_line "most per kg per hour" "0.4286 mg/kg/h"
jrun pca --weight 70 --bolus 10 --lockout 3 --limit-1h 30
jcheck 'r["max_mg_per_h"] == 30' 'r["max_mg_per_4h"] == 120' \
	'near(r["max_mg_per_kg_per_h"], 30 / 70)'
# Without an hourly limit: 20 boluses an hour = 200 mg/h: refused.
run pca --weight 70 --bolus 10 --lockout 3
expect_rc 1
expect_err "refused: The order exceeds a hard limit and was refused."
jrun pca --weight 70 --bolus 10 --lockout 3
jcheck 'j["status"] == "KET_E_HARD_LIMIT"' \
	'j["findings"][-1]["value"] > 2.85'
# Basal 2 mg/h + 1 bolus of 5 mg per 30 min: 2 + 2 x 5 = 12 mg/h, 48 mg/4 h.
jrun pca --weight 70 --bolus 5 --lockout 30 --basal 2
jcheck 'r["max_mg_per_h"] == 12' 'r["max_mg_per_4h"] == 48'

# ----------------------------------------------------------------- burst

# 100, 300, 500, 500, 500 mg/24 h; at 1 mg/mL, step 0.1: 100 / 24 =
# 4.17 -> 4.2 mL/h, 12.5 mL/h, 20.83 -> 20.8 mL/h.
run burst --weight 70 --conc 1 --step 0.1
expect_rc 0
expect_out "limits: built-in profile palliative-burst"
expect_out "note: each escalation is conditional on a daily clinical review"
jrun burst --weight 70 --conc 1 --step 0.1
jcheck 'len(r["days"]) == 5' \
	'[d["day"] for d in r["days"]] == [1, 2, 3, 4, 5]' \
	'[d["mg_per_24h"] for d in r["days"]] == [100, 300, 500, 500, 500]' \
	'all(near(d["rate_ml_per_h"], x) for d, x in zip(r["days"], [4.2, 12.5, 20.8, 20.8, 20.8]))' \
	'near(r["days"][0]["delivered_mg_per_24h"], 4.2 * 24)' \
	'j["profile"] == "palliative-burst"'
jrun burst --weight 70 --conc 1 --step 0.1 --response-day 1
jcheck '[d["mg_per_24h"] for d in r["days"]] == [100, 100, 100]'
# 10 mg/mL: 100 mg/24 h = 0.417 mL/h -> 0.4 (4 %, below 0.5 mL/h).
run burst --weight 70 --conc 10 --step 0.1 --response-day 2
expect_rc 0
expect_out "warning: pump rate 0.4 mL/h is below 0.5 mL/h"
expect_out "warning: rounding to pump_step_ml_per_h changes the dose by 4 %"
jrun burst --weight 70 --conc 10 --step 0.1 --response-day 2
jcheck '[d["mg_per_24h"] for d in r["days"]] == [100, 300, 300, 300]' \
	'"KET_W_LOW_PUMP_RATE" in r["days"][0]["warnings"]' \
	'"KET_W_LOW_PUMP_RATE" in j["warnings"]'
jrun burst --weight 70 --conc 1 --response-day 5
expect_rc 1
jcheck 'j["status"] == "KET_E_RANGE"'
run burst --weight 70 --conc 1 --response-day 1.5
expect_rc 1
expect_err '--response-day "1.5" is not a whole number'

# ------------------------------------------------------------------ oral

# The header's worked example: SC 100 mg/24 h, ratio 1, 3 doses, step 5,
# 10 mg/mL: 33.3 -> 35 mg (3.5 mL), 105 mg/24 h; exposure comparison
# 100 x 0.90 / 0.55 = 163.6 mg/24 h.
run oral --parenteral 100 --from sc --to oral --ratio 1 --doses 3 \
	--step 5 --solution 10
expect_rc 0
expect_line "dose" "35 mg"
expect_line "volume per dose" "3.5 mL"
expect_line "total per 24 h" "105 mg"
expect_out "163.6 mg/24 h"
expect_out "warning: rounding to dose_step_mg"
expect_out "warning: route: bioavailability by this route varies widely"
jrun oral --parenteral 100 --from sc --to oral --ratio 1 --doses 3 \
	--step 5 --solution 10
jcheck 'r["mg_per_dose"] == 35' 'near(r["ml_per_dose"], 3.5)' \
	'r["mg_per_24h"] == 105' 'r["doses_per_24h"] == 3' \
	'near(r["exposure_comparison_mg_per_24h"], 100 * 0.90 / 0.55)' \
	'sorted(j["warnings"]) == ["KET_W_ROUNDED", "KET_W_VARIABLE_ROUTE"]'
# The ratio is required: no hidden default.
run oral --parenteral 100 --from sc --to oral --doses 3 --solution 10
expect_rc 2
expect_err "missing --ratio R"
run oral --parenteral 100 --from sc --to oral --ratio 1 --doses 2.5 \
	--solution 10
expect_rc 1
expect_err '--doses "2.5" is not a whole number'
jrun oral --parenteral 100 --from sc --to oral --ratio 3 --doses 3 \
	--solution 10
expect_rc 1
jcheck 'j["status"] == "KET_E_RANGE"'
jrun oral --parenteral 100 --from oral --to sl --ratio 1 --doses 3 \
	--solution 10
expect_rc 1
jcheck 'j["status"] == "KET_E_ROUTE"'

# -------------------------------------------------------------- simulate

# Kamp 2020: V1 = 25 L at 70 kg; 25 mg IV: 25 mg / 25 L = 1 mg/L =
# 1000 ng/mL at 0.  24 h at 1 min: 1441 samples, 0 to 1440 min.
run simulate --model kamp --weight 70 iv:25@0
expect_rc 0
expect_line "model" "Kamp 2020"
expect_line "peak" "1,000 ng/mL"
expect_line "time of peak" "0 min"
expect_out "note: a population prediction"
jrun simulate --model kamp --weight 70 iv:25@0
jcheck 'near(r["peak_ng_per_ml"], 1000)' 'r["peak_time_min"] == 0' \
	'len(r["time_min"]) == 1441' 'len(r["conc_ng_per_ml"]) == 1441' \
	'r["time_min"][0] == 0' 'r["time_min"][-1] == 1440' \
	'near(r["conc_ng_per_ml"][0], 1000)' 'r["threshold_ng_per_ml"] == 70' \
	'0 < r["time_above_threshold_min"] < 1440' \
	'r["auc_ng_min_per_ml"] > 0' 'r["model"] == "kamp"' \
	'r["doses"] == [{"route": "iv", "mg": 25, "start_min": 0, "duration_min": 0}]' \
	'j["warnings"] == []'
# Domino 1984: V1 = 0.063 L/kg x 70 = 4.41 L: 7 mg -> 1587.3 ng/mL.  A
# bolus off the grid (every 10 min, at 5 min) is still sampled.
jrun simulate --model domino --weight 70 --hours 1 --every 10 iv:7@5
expect_rc 0
jcheck 'near(r["peak_ng_per_ml"], 7 / 4.41 * 1000)' \
	'r["peak_time_min"] == 5' 'r["time_min"] == [0, 5, 10, 20, 30, 40, 50, 60]' \
	'r["conc_ng_per_ml"][0] == 0'
# Doses in any order are sorted.
jrun simulate --model kamp --weight 70 --hours 2 iv:10@60 iv:25@0
expect_rc 0
jcheck '[d["start_min"] for d in r["doses"]] == [0, 60]'
# Outside the model's population (adults 40-140 kg): warned.
run simulate --model domino --weight 30 iv:3@0
expect_rc 0
expect_out "warning: patient outside the model's population"
jrun simulate --model domino --weight 30 iv:3@0
jcheck 'j["warnings"] == ["KET_W_OUTSIDE_MODEL"]'
# Herd needs the age.
jrun simulate --model herd --weight 20 iv:5@0
expect_rc 1
jcheck 'j["status"] == "KET_E_NO_DATA"'
jrun simulate --model herd --weight 20 --age 6 iv:5@0 sc:20@0/240
expect_rc 0
# Library refusals of a dose: no data, an oral infusion.
jrun simulate --model domino --weight 70 transdermal:25@0
expect_rc 1
jcheck 'j["status"] == "KET_E_NO_DATA"'
jrun simulate --model domino --weight 70 oral:25@0/60
expect_rc 1
jcheck 'j["status"] == "KET_E_RANGE"'
run simulate --model domino --weight 70 iv25@0
expect_rc 1
expect_err_lines 1
expect_err 'DOSE "iv25@0"'
run simulate --model domino --weight 70 iv:2,5@0
expect_rc 1
expect_err 'MG "2,5" is not a plain decimal number'
run simulate --model domino --weight 70 xx:25@0
expect_rc 1
expect_err 'unknown route "xx"'
run simulate --model domino --weight 70 --hours 2 iv:25@200
expect_rc 1
expect_err "starts after the end of the simulation"
run simulate --model domino --weight 70 --hours 200 iv:25@0
expect_rc 1
expect_err '--hours "200"'
run simulate --model domino --weight 70 --every 0 iv:25@0
expect_rc 1
expect_err '--every "0"'
run simulate --model domino --weight 70
expect_rc 2
expect_err "missing operand: DOSE..."

# ------------------------------------------------------------------- tci

# Kamp, 70 kg, 100 ng/mL for 30 min at 10 s steps: 180 steps; rates
# within [0, 60] mg/h, the first at the maximum, the end at the target.
jrun tci --model kamp --weight 70 --target 100 --minutes 30 --max-rate 60
expect_rc 0
jcheck 'r["steps"] == 180' 'len(r["rate_mg_per_h"]) == 180' \
	'len(r["conc_ng_per_ml"]) == 180' 'r["end_time_min"][-1] == 30' \
	'all(0 <= x <= 60 for x in r["rate_mg_per_h"])' \
	'r["rate_mg_per_h"][0] == 60' \
	'near(r["final_conc_ng_per_ml"], 100, 1e-3)' \
	'near(r["total_mg"], sum(r["rate_mg_per_h"]) * 10 / 3600)'
run tci --model kamp --weight 70 --target 100 --minutes 30 --max-rate 60
expect_rc 0
expect_line "target" "100 ng/mL"
expect_line "steps" "180"
expect_out "note: an advisory plan"
jrun tci --model kamp --weight 70 --target 100 --minutes 30 --max-rate 60 \
	--step-s 0
expect_rc 1
jcheck 'j["status"] == "KET_E_RANGE"'
jrun tci --model kamp --weight 70 --target 600 --minutes 30 --max-rate 60
expect_rc 1
jcheck 'j["status"] == "KET_E_RANGE"'
run tci --model kamp --weight 70 --target 100 --minutes 30 --max-rate 0
expect_rc 1
expect_err "refused:"
run tci --model kamp --weight 70 --target 100 --minutes 30
expect_rc 2
expect_err "missing --max-rate MG_PER_H"

# ----------------------------------------------------------- bad numbers

# Every way a number can be mistyped, for the first, a middle and the
# last option: exit 1, one line naming the argument, nothing on stdout;
# with --json the object names it.
for v in 70kg 1,5 nan inf "" " 70" .5 5. 1e2 0x10 +70 "7 0"; do
	for o in --weight --dose --conc; do
		args=(--weight 70 --dose 0.1 --conc 1)
		case $o in
		--weight) args[1]=$v ;;
		--dose) args[3]=$v ;;
		--conc) args[5]=$v ;;
		esac
		run infusion "${args[@]}"
		expect_rc 1
		expect_no_out
		expect_err_lines 1
		expect_err "ketcalc infusion: $o \"$v\" is not a plain decimal number"
	done
	jrun infusion --weight "$v" --dose 0.1 --conc 1
	expect_rc 1
	jcheck 'j["status"] == "KET_E_RANGE"' \
		'j["error"]["argument"] == "--weight"' 'r is None'
done
# The same reader for every subcommand's numbers.
run bolus --weight 70 --dose 0,1 --conc 5
expect_rc 1
expect_err '--dose "0,1"'
run pca --weight 70 --bolus 10mg --lockout 3
expect_rc 1
expect_err '--bolus "10mg"'
run duration --volume 50 --rate NaN
expect_rc 1
expect_err '--rate "NaN"'
run weight --lb 150lb
expect_rc 1
expect_err '--lb "150lb"'
run tci --model kamp --weight 70 --target 100 --minutes 30 --max-rate 6O
expect_rc 1
expect_err '--max-rate "6O"'
# Names are not numbers either way round.
run infusion --weight 70 --dose 0.1 --conc 1 --route IV
expect_rc 1
expect_err '--route "IV" is not a known route'
run infusion --weight 70 --dose 0.1 --conc 1 --unit mg/kg/hr
expect_rc 1
expect_err '--unit "mg/kg/hr" is not a known rate unit'
# Arguments in other encodings still give valid JSON.
jrun infusion --weight 70 --dose 0.1 --conc 1 --route "$(printf 'i\xe9v')"
expect_rc 1
jrun infusion --weight 70 --dose 0.1 --conc 1 --route 'intravéneux "x"\'
expect_rc 1
jcheck 'j["error"]["message"].startswith("--route \"intravéneux \"x\"\\\" is not")'

# ----------------------------------------------------------------- usage

run
expect_rc 2
expect_no_out
expect_err "try 'ketcalc --help'"
run --json
expect_rc 2
expect_no_out
run frobnicate
expect_rc 2
expect_err "ketcalc: unknown subcommand 'frobnicate'"
run --bogus infusion
expect_rc 2
run infusion --weight 70 --dose 0.1 --conc 1 --bogus 3
expect_rc 2
expect_no_out
expect_err_lines 2
expect_err "ketcalc infusion: unknown option '--bogus'"
expect_err "try 'ketcalc infusion --help'"
run --json infusion --weight 70 --dose 0.1 --conc 1 --bogus 3
expect_rc 2
expect_no_out
run infusion --weight 70 --dose 0.1
expect_rc 2
expect_err "missing --conc MG_PER_ML"
run infusion --weight 70 --weight 71 --dose 0.1 --conc 1
expect_rc 2
expect_err "--weight given twice"
run infusion --dose 0.1 --conc 1 --weight
expect_rc 2
expect_err "--weight needs a value"
run infusion --weight 70 --dose 0.1 --conc 1 extra
expect_rc 2
expect_err "unexpected operand 'extra'"
# An option of another subcommand is unknown here.
run bolus --weight 70 --dose 0.1 --conc 5 --unit mg/kg/h
expect_rc 2

# ------------------------------------------------------------------ help

SUBS="infusion pump bolus weight units convert form salt limits prepare
duration pca burst oral simulate tci"
run --help
expect_rc 0
expect_out "usage: ketcalc [--json] SUBCOMMAND [options]"
for s in $SUBS; do
	if grep -qE "^  $s +" "$tmp/out"; then ok
	else bad "ketcalc --help does not list $s"; fi
done
for s in $SUBS; do
	run "$s" --help
	expect_rc 0
	expect_no_err
	expect_out "usage: ketcalc [--json] $s"
	expect_out "exit status: 0 done"
	if awk 'length > 79 { exit 1 }' "$tmp/out"; then ok
	else bad "help wider than 79 columns"; fi
	# --help wins over anything else on the line.
	run "$s" --bogus --help
	expect_rc 0
	run --json "$s" -h
	expect_rc 0
	expect_out "usage: ketcalc [--json] $s"
done
version=$(sed -n 's/^#define KET_VERSION_STRING "\(.*\)"$/\1/p' "$HEADER")
run --version
expect_rc 0
if [ -n "$version" ] && [ "$(cat "$tmp/out")" = "$version" ]; then ok
else bad "--version printed '$(cat "$tmp/out")', header has '$version'"; fi

# -------------------------------------------------------- environment

# No locale changes the decimal mark (ketcalc never calls setlocale).
LC_ALL=de_DE.UTF-8 run infusion --weight 82 --dose 0.1 --conc 2 --step 0.1
expect_line "pump rate" "4.1 mL/h"
last="LC_ALL=de_DE.UTF-8 ketcalc --json infusion ..."
LC_ALL=de_DE.UTF-8 "$K" --json infusion --weight 82 --dose 0.1 --conc 2 \
	--step 0.1 >"$tmp/out" 2>"$tmp/err"
json_valid
jcheck 'near(r["rate_ml_per_h"], 4.1)'
# A failed write is an error, not a silent success.
if [ -w /dev/full ]; then
	last="ketcalc limits >/dev/full"
	"$K" limits >/dev/full 2>"$tmp/err"
	rc=$?
	expect_rc 1
	expect_err "error writing standard output"
fi

judge_json
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]

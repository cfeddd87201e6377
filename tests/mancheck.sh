#!/bin/sh
# Checks the man pages in man/ against themselves and against the header.
# Run by `make mancheck` (and so by `make installcheck`).
#
# usage: mancheck.sh HEADER MANROOT WORKDIR [KETCALC]
#
#  1. groff -ww renders every page without a word of warning, and so does
#     man -l (man-db) when it is installed;
#  2. a link page is exactly ".so man3/PAGE.3" and PAGE.3 is a real page;
#  3. every function declared in the header has a page of its name whose
#     NAME section lists it and whose SYNOPSIS holds its prototype exactly;
#     every struct, enum and KET_ macro of the header appears exactly in
#     some page (comments and spacing aside);
#  4. ketamine(3) names every other page of section 3 in SEE ALSO;
#  5. given the ketcalc binary, ketcalc(1) has a section for each subcommand
#     of `ketcalc --help` naming exactly the options of `ketcalc SUB --help`.
set -eu

header=$1 root=$2 work=$3 ketcalc=${4:-}
fails=0

fail() {
	echo "mancheck: FAIL: $*" >&2
	fails=$((fails + 1))
}
ok() {
	echo "mancheck: ok: $*"
}

command -v groff >/dev/null 2>&1 || {
	echo "mancheck: groff is missing (apt-get install groff-base)" >&2
	exit 1
}
rm -rf "$work"
mkdir -p "$work"
pages=$(cd "$root" && { ls man1/*.1 man3/*.3 2>/dev/null || true; })
[ -n "$pages" ] || { echo "mancheck: no pages in $root" >&2; exit 1; }

is_link() {
	head -n 1 "$root/$1" | grep -q '^\.so '
}

# 1. Rendering.  Pages are rendered from the man root, where ".so man3/X.3"
#    resolves as it does below an installed MANDIR.
before=$fails n=0
for p in $pages; do
	out=$(cd "$root" && groff -ww -man -Tutf8 -z "$p" 2>&1) || true
	[ -z "$out" ] || fail "groff -ww $p: $out"
	n=$((n + 1))
done
[ "$fails" -ne "$before" ] ||
	ok "groff -ww -man -Tutf8 renders $n pages without warnings"
if command -v man >/dev/null 2>&1; then
	before=$fails
	for p in $pages; do
		out=$(cd "$root" && MANWIDTH=80 man --warnings=w -l "$p" 2>&1 \
			>/dev/null) || fail "man -l $p failed"
		[ -z "$out" ] || fail "man --warnings -l $p: $out"
	done
	[ "$fails" -ne "$before" ] ||
		ok "man -l renders $n pages without warnings"
else
	echo "mancheck: man (man-db) not installed: man -l not tried"
fi

# 2. Link pages.
before=$fails links=0
for p in $pages; do
	is_link "$p" || continue
	links=$((links + 1))
	target=$(sed -n '1s/^\.so //p' "$root/$p")
	if [ "$(wc -l <"$root/$p")" -ne 1 ]; then
		fail "$p: a link page holds one line, .so manN/PAGE.N"
	elif [ ! -f "$root/$target" ]; then
		fail "$p: .so target $target does not exist"
	elif is_link "$target"; then
		fail "$p: .so target $target is itself a link"
	fi
done
[ "$fails" -ne "$before" ] || ok "$links link pages point at real pages"

# 3. The header, normalised: comments and line continuations removed, each
#    declaration on one line (kind, name, text), spaces kept only between
#    two word characters.  The pages, normalised the same way after their
#    font and character escapes are removed.
norm='function norm(t) {
	gsub(/[ \t\n]+/, " ", t)
	while (match(t, / [^A-Za-z0-9_]/))
		t = substr(t, 1, RSTART - 1) substr(t, RSTART + 1)
	while (match(t, /[^A-Za-z0-9_ ] /))
		t = substr(t, 1, RSTART) substr(t, RSTART + 2)
	sub(/^ /, "", t)
	sub(/ $/, "", t)
	return t
}'
# shellcheck disable=SC2016 # awk programs, expanded by awk
uncomment='{ text = text $0 "\n" }
END {
	gsub(/\/\*([^*]|\*+[^*\/])*\*+\//, " ", text)
	gsub(/\\\n/, " ", text)
	printf "%s", text
}'
awk "$uncomment" "$header" | awk "$norm"'
	function emit(kind, name, s) {
		gsub(/KET_NODISCARD|KET_API/, "", s)
		print kind "\t" name "\t" norm(s)
	}
	/^#define KET_/ {
		if ($2 !~ /^(KET_API|KET_NODISCARD)$/)
			emit("macro", $2, $0)
		next
	}
	/^typedef (struct|enum)/ {
		acc = ""
		intype = 1
	}
	intype {
		acc = acc " " $0
		if ($0 ~ /^}.*;/) {
			name = $0
			gsub(/[};[:space:]]/, "", name)
			emit("type", name, acc)
			intype = 0
		}
		next
	}
	/KET_API/ && !/^#/ {
		acc = ""
		infn = 1
	}
	infn {
		acc = acc " " $0
		if ($0 ~ /;/) {
			infn = 0
			match(acc, /ket_[a-z0-9_]*[ \t]*\(/)
			name = substr(acc, RSTART, RLENGTH)
			sub(/[ \t]*\($/, "", name)
			emit("function", name, acc)
		}
	}' >"$work/decls"

# A page's text with the escapes a SYNOPSIS uses undone, as one line.
page_text() {
	sed -e '/^\.\\"/d' -e '/^\.[A-Za-z]/d' \
	    -e 's/\\f[BIRP]//g' -e 's/\\(aq/'"'"'/g' -e 's/\\-/-/g' \
	    -e 's/\\&//g' -e 's/\\~/ /g' -e 's/\\e/\\/g' "$1" |
		awk "$uncomment" | awk "$norm"'
		{ text = text $0 "\n" }
		END { print norm(text) }'
}

for p in $pages; do
	is_link "$p" && continue
	page_text "$root/$p" >"$work/$(basename "$p").txt"
done
cat "$work"/*.txt >"$work/all.txt"

before=$fails nf=0 nd=0
while IFS="$(printf '\t')" read -r kind name text; do
	case $kind in
	function)
		nf=$((nf + 1))
		if [ ! -f "$root/man3/$name.3" ]; then
			fail "$name has no page man3/$name.3"
			continue
		fi
		page=man3/$name.3
		if is_link "$page"; then
			page=$(sed -n '1s/^\.so //p' "$root/$page")
			[ -f "$root/$page" ] || continue # reported above
		fi
		# NAME: the lines between .SH NAME and the next .SH.
		if ! sed -n '/^\.SH NAME/,/^\.SH/p' "$root/$page" |
			sed 's/\\-/-/g' | tr ',' ' ' |
			grep -qw -- "$name"; then
			fail "$page does not list $name in NAME"
		fi
		if ! grep -qF -- "$text" "$work/$(basename "$page").txt"; then
			fail "$page: SYNOPSIS lacks the header's prototype: $text"
		fi
		;;
	macro)
		nd=$((nd + 1))
		case $name in
		KET_VERSION_MAJOR | KET_VERSION_MINOR | KET_VERSION_PATCH | \
		KET_VERSION_STRING)
			# The value lives in the header only.
			grep -qF -- "#define $name" "$work/all.txt" ||
				fail "no page defines $name"
			;;
		*)
			grep -qF -- "$text" "$work/all.txt" ||
				fail "no page holds the header's: $text"
			;;
		esac
		;;
	type)
		nd=$((nd + 1))
		grep -qF -- "$text" "$work/all.txt" ||
			fail "no page holds the header's: $text"
		;;
	esac
done <"$work/decls"
[ "$nf" -gt 0 ] || fail "no function found in $header"
if [ "$fails" -eq "$before" ]; then
	ok "$nf functions: a page each, in NAME, prototype as in the header"
	ok "$nd types and macros as in the header"
fi

# 4. The overview's SEE ALSO.
before=$fails
for p in $pages; do
	case $p in man3/ketamine.3) continue ;; esac
	is_link "$p" && continue
	n=$(basename "$p")
	sect=${n##*.}
	sed -n '/^\.SH "*SEE ALSO/,$p' "$root/man3/ketamine.3" |
		grep -q "^\.BR ${n%.*} ($sect)" ||
		fail "ketamine(3) SEE ALSO does not name ${n%.*}($sect)"
done
[ "$fails" -ne "$before" ] || ok "ketamine(3) SEE ALSO names every page"

# 5. ketcalc(1) against ketcalc --help.  A section is ".SS NAME" up to the
#    next .SS or .SH; options are the --words in it (\- undone).
options_of() {
	grep -o -- '--[a-z0-9][a-z0-9-]*' | sort -u
}
if [ -n "$ketcalc" ]; then
	before=$fails
	page=$root/man1/ketcalc.1
	subs=$("$ketcalc" --help | awk '/^subcommands:/ { f = 1; next }
		f && /^  [a-z]/ { print $1; next }
		f { f = 0 }')
	[ -n "$subs" ] || fail "ketcalc --help lists no subcommand"
	sed -n 's/^\.SS //p' "$page" | sort >"$work/ketcalc.page.subs"
	printf '%s\n' "$subs" | sort >"$work/ketcalc.help.subs"
	if ! cmp -s "$work/ketcalc.page.subs" "$work/ketcalc.help.subs"; then
		fail "ketcalc(1) sections ($(tr '\n' ' ' <"$work/ketcalc.page.subs")) are not the subcommands of ketcalc --help ($(tr '\n' ' ' <"$work/ketcalc.help.subs"))"
	fi
	for sub in $subs; do
		"$ketcalc" "$sub" --help | options_of |
			grep -v -x -e --json -e --help >"$work/ketcalc.help.$sub" || true
		sed -n "/^\\.SS $sub\$/,/^\\.S[SH] /p" "$page" | sed 's/\\-/-/g' |
			options_of | grep -v -x -e --json -e --help \
			>"$work/ketcalc.page.$sub" || true
		if ! cmp -s "$work/ketcalc.help.$sub" "$work/ketcalc.page.$sub"; then
			fail "ketcalc(1) $sub documents $(tr '\n' ' ' <"$work/ketcalc.page.$sub")but ketcalc $sub --help has $(tr '\n' ' ' <"$work/ketcalc.help.$sub")"
		fi
	done
	"$ketcalc" --help | options_of >"$work/ketcalc.help.global"
	sed -n '/^\.SH OPTIONS/,/^\.SH /p' "$page" | sed 's/\\-/-/g' |
		options_of >"$work/ketcalc.page.global"
	cmp -s "$work/ketcalc.help.global" "$work/ketcalc.page.global" ||
		fail "ketcalc(1) OPTIONS differ from ketcalc --help"
	for code in 0 1 2; do
		sed -n '/^\.SH EXIT STATUS/,/^\.SH /p' "$page" |
			grep -qx "\.B $code" ||
			fail "ketcalc(1) EXIT STATUS lacks $code"
	done
	[ "$fails" -ne "$before" ] ||
		ok "ketcalc(1) documents the $(printf '%s\n' "$subs" | wc -l) subcommands and options of ketcalc --help"
fi

if [ "$fails" -ne 0 ]; then
	echo "mancheck: $fails check(s) failed" >&2
	exit 1
fi
echo "mancheck: OK"

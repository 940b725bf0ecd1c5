#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# completion.bash driven as readline drives it: COMP_LINE, COMP_POINT,
# COMP_WORDS and COMP_CWORD set for a line with the cursor at its end,
# the function "complete -p icmpxctl" names called, COMPREPLY compared
# with what must be offered.  Bash alone, without bash-completion, and
# under set -u; a fake icmpxctl (help types) and a fake ip (netns list)
# come first in PATH, so neither the real tool nor the module is needed.
set -u
cd "$(dirname "$0")" || exit 1
# shellcheck source=testlib.sh
. ./testlib.sh

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/bin" "$tmp/other" "$tmp/files/sub"
touch "$tmp/files/a.conf" "$tmp/files/b.conf"
# "help types" as icmpxctl prints it: FAMILY NUMBER NAME, an alias a line
# of its own with its type's number.
cat > "$tmp/bin/icmpxctl" <<'EOF'
#!/bin/sh
if [ "$*" = zone ]; then
	printf 'default (every interface no other zone names)\nwan eth0\nlan eth1 eth2\n'
	exit 0
fi
[ "$*" = "help types" ] || exit 2
cat <<TYPES
ipv4 0 echo-reply
ipv4 3 destination-unreachable
ipv4 5 redirect
ipv4 8 echo-request
ipv6 1 destination-unreachable
ipv6 2 packet-too-big
ipv6 128 echo-request
ipv6 129 echo-reply
ipv6 135 nd-neighbor-solicit
ipv6 135 neighbor-solicitation
TYPES
EOF
# Another icmpxctl, outside PATH: the one the line names is asked.
printf '#!/bin/sh\necho "ipv4 8 other-echo"\n' > "$tmp/other/icmpxctl"
printf '#!/bin/sh\n[ "$*" = "netns list" ] && printf "blue (id: 0)\\nred\\n"\n' > "$tmp/bin/ip"
chmod +x "$tmp/bin/icmpxctl" "$tmp/other/icmpxctl" "$tmp/bin/ip"
PATH=$tmp/bin:$PATH

# It loads in a bare bash, without bash-completion; it is clean.
out=$(bash --norc --noprofile -c '. "$1" && complete -p icmpxctl' _ ./completion.bash 2>&1)
if [ "$out" = "complete -F _icmpxctl icmpxctl" ]; then ok; else bad "bash --norc: '$out'"; fi
if bash -n completion.bash; then ok; else bad "bash -n completion.bash"; fi
if command -v shellcheck > /dev/null; then
	if shellcheck -s bash completion.bash; then ok; else bad "shellcheck completion.bash"; fi
fi

# shellcheck source-path=SCRIPTDIR source=completion.bash
. ./completion.bash
fn=$(complete -p icmpxctl 2> /dev/null | sed -n 's/.*-F \([^ ]*\) .*/\1/p')
if ! declare -F "$fn" > /dev/null; then
	bad "no completion function for icmpxctl"
	echo "completion_test: $passed passed, $failed failed"
	exit 1
fi

# split LINE: COMP_WORDS as readline makes them, split at blanks and at
# COMP_WORDBREAKS' : = < >, a run of those a word of its own; an empty
# last word when LINE ends in a blank.
split() {
	local tok
	local -a toks
	COMP_WORDS=()
	read -ra toks <<< "$1"
	for tok in "${toks[@]}"; do
		while [[ $tok =~ ^([^:=\<\>]*)([:=\<\>]+)(.*)$ ]]; do
			[ -n "${BASH_REMATCH[1]}" ] && COMP_WORDS+=("${BASH_REMATCH[1]}")
			COMP_WORDS+=("${BASH_REMATCH[2]}")
			tok=${BASH_REMATCH[3]}
		done
		[ -n "$tok" ] && COMP_WORDS+=("$tok")
	done
	[[ $1 == *' ' ]] && COMP_WORDS+=("")
}

# t LINE [WORD]...: completing LINE, the cursor at its end, offers the
# WORDs (in any order, each once) and prints nothing.
t() {
	local line=$1 got want
	shift
	COMP_LINE=$line
	COMP_POINT=${#line}
	split "$line"
	COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
	COMPREPLY=()
	"$fn" "${COMP_WORDS[0]}" "${COMP_WORDS[COMP_CWORD]}" \
		"${COMP_WORDS[COMP_CWORD - 1]}" > "$tmp/out" 2>&1
	got=$(printf '%s\n' "${COMPREPLY[@]}" | sort | tr '\n' ' ')
	want=$(printf '%s\n' "$@" | sort | tr '\n' ' ')
	if [ "$got" != "$want" ]; then
		bad "'$line': got [${got% }], want [${want% }]"
	elif [ -s "$tmp/out" ]; then
		bad "'$line': printed $(head -c 200 "$tmp/out")"
	else
		ok
	fi
}

commands=(show save stats set preset rule sources reset monitor apply zone help)
types4=(echo-reply destination-unreachable redirect echo-request)
types6=(destination-unreachable packet-too-big echo-request echo-reply
	nd-neighbor-solicit neighbor-solicitation)
types=(echo-reply destination-unreachable redirect echo-request
	packet-too-big nd-neighbor-solicit neighbor-solicitation)
keys=(mode source-quench redirect router-adv validate-errors routers trusted)

# Commands, global options, namespaces.
t "icmpxctl " "${commands[@]}"
t "icmpxctl st" stats
t "icmpxctl s" show save stats set sources
t "icmpxctl re" reset
t "icmpxctl frob"
t "icmpxctl -" -j --json -p --pretty -n --netns -z --zone -h --help -V --version
t "icmpxctl --p" --pretty
t "icmpxctl -j " "${commands[@]}"
t "icmpxctl -j -p sh" show
t "icmpxctl -n " blue red
t "icmpxctl --netns r" red
t "icmpxctl -n blue st" stats
t "icmpxctl -n blue -j rule a" add
t "icmpxctl -z " default wan lan
t "icmpxctl --zone w" wan
t "icmpxctl -z wan se" set
t "icmpxctl -z lan -n blue rule a" add
t "icmpxctl zone " list add set del flush
t "icmpxctl zone del " default wan lan
t "icmpxctl zone set l" lan
t "icmpxctl zone add dmz lo" lo
t "icmpxctl zone set wan lo" lo
t "icmpxctl zone list "
t "icmpxctl zone flush "
t "icmpxctl show " -a --all
t "icmpxctl show --a" --all
t "icmpxctl show --all "
t "icmpxctl save "
t "icmpxctl reset "

# stats [-4|-6] [--prometheus] [TYPE]
t "icmpxctl stats " "${types[@]}"
t "icmpxctl stats -4 " "${types4[@]}"
t "icmpxctl stats -6 --prometheus pack" packet-too-big
t "icmpxctl stats -4 pack"
t "icmpxctl stats -" -4 -6 --prometheus
t "icmpxctl stats -4 -" --prometheus
t "icmpxctl stats echo-request "

# rule add|del [-4|-6] TYPE [code N] ACTION ...
t "icmpxctl rule " add del
t "icmpxctl rule d" del
t "icmpxctl rule add " "${types[@]}"
t "icmpxctl rule add echo-" echo-reply echo-request
t "icmpxctl rule add -4 " "${types4[@]}"
t "icmpxctl rule add -6 " "${types6[@]}"
t "icmpxctl rule add -6 nd-" nd-neighbor-solicit
t "icmpxctl rule add -6 neigh" neighbor-solicitation
t "icmpxctl rule add -4 neigh"
t "icmpxctl rule add -4 pack"
t "icmpxctl rule add -" -4 -6
t "icmpxctl rule del -6 echo-" echo-request echo-reply
t "icmpxctl rule add -4 echo-request " code accept drop limit
t "icmpxctl rule add -4 echo-request d" drop
t "icmpxctl rule add -4 echo-request code "
t "icmpxctl rule add -4 redirect code 1 " accept drop limit
t "icmpxctl rule add -4 echo-request limit "
t "icmpxctl rule add -4 echo-request limit 10/s " burst global per-source force
t "icmpxctl rule add -4 echo-request limit 10/s burst "
t "icmpxctl rule add -4 echo-request limit 10/s burst 20 p" per-source
t "icmpxctl rule add -4 echo-request limit 10/s burst 20 per-source /24 " force
t "icmpxctl rule add -6 echo-request drop " force unless-trusted
t "icmpxctl rule add -6 echo-request drop force " unless-trusted
t "icmpxctl rule add -6 echo-request drop force unless-trusted "
t "icmpxctl rule add -6 echo-request accept " force
t "icmpxctl rule del -6 echo-request " code
t "icmpxctl rule del -6 echo-request code 0 "
t "icmpxctl rule frob "

# set KEY VALUE [KEY VALUE]...
t "icmpxctl set " "${keys[@]}"
t "icmpxctl set r" redirect router-adv routers
t "icmpxctl set redirect " drop validate accept
t "icmpxctl set redirect v" validate
t "icmpxctl set mode " enforce monitor off
t "icmpxctl set source-quench " drop accept
t "icmpxctl set router-adv " accept drop allow
t "icmpxctl set validate-errors " on off
t "icmpxctl set routers " none
t "icmpxctl set trusted " none
t "icmpxctl set t" trusted
t "icmpxctl set redirect drop " mode source-quench router-adv validate-errors routers trusted
t "icmpxctl set redirect drop mode " enforce monitor off
t "icmpxctl set frob "
# An IPv6 address splits COMP_WORDS at its colons, not the pairs.
t "icmpxctl set routers 10.0.0.1,fe80::1 mode m" monitor
t "icmpxctl set routers fe80::1 " mode source-quench redirect router-adv validate-errors trusted
t "icmpxctl set trusted 2001:db8::/64 routers none " mode source-quench redirect router-adv validate-errors

# preset, sources, monitor, help
t "icmpxctl preset " host router strict permissive
t "icmpxctl preset s" strict
t "icmpxctl preset strict "
t "icmpxctl sources " --top flush
t "icmpxctl sources --top "
t "icmpxctl sources flush "
t "icmpxctl monitor " -c --count
t "icmpxctl monitor -c "
t "icmpxctl help " "${commands[@]}" types
t "icmpxctl help t" types
t "icmpxctl help types "

# apply [--check] FILE|-, and redirections: file names.
cd "$tmp/files" || exit 1
t "icmpxctl apply " a.conf b.conf sub
t "icmpxctl apply a" a.conf
t "icmpxctl apply --check b" b.conf
t "icmpxctl apply --check s" sub
t "icmpxctl apply -" - --check
t "icmpxctl apply --" --check
t "icmpxctl apply --check -" -
t "icmpxctl apply a.conf "
t "icmpxctl apply - "
t "icmpxctl save > a" a.conf
t "icmpxctl save >b" b.conf
t "icmpxctl -j show 2> a" a.conf
t "icmpxctl show > a.conf " -a --all
cd - > /dev/null || exit 1

# Type names from the icmpxctl the line runs; none, quietly, from one
# that is not there.
t "$tmp/other/icmpxctl rule add -4 " other-echo
t "/nonexistent/icmpxctl rule add -4 "
t "/nonexistent/icmpxctl stats "

summary completion_test

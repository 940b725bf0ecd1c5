# SPDX-License-Identifier: GPL-2.0
#
# bash completion for icmpxctl(8), installed as
# /usr/share/bash-completion/completions/icmpxctl (bash-completion loads it
# the first time icmpxctl is completed) or sourced as it is: it needs bash
# alone, none of bash-completion's helpers.  Type names come from the
# icmpxctl being completed ("icmpxctl help types": "FAMILY NUMBER NAME"
# lines, aliases included), namespace names from "ip netns list".
# completion_test.sh tests it.

# _icmpxctl_match CUR WORD...: the WORDs that begin with CUR.
_icmpxctl_match() {
	local cur=$1 w
	shift
	COMPREPLY=()
	for w; do
		[[ $w == "$cur"* ]] && COMPREPLY+=("$w")
	done
	return 0
}

# _icmpxctl_types CTL [ipv4|ipv6]: type names, of one family or of both,
# each once.  An icmpxctl that cannot say gives none.
_icmpxctl_types() {
	local ctl=$1 want=${2-} fam num name
	local -A seen=()
	# As typed: ~ is not expanded yet; a bare name outside PATH (icmpxctl
	# is in /usr/sbin, outside most users' PATH) is looked for in sbin.
	ctl=${ctl/#\~/$HOME}
	if [[ $ctl != */* ]] && ! type -P -- "$ctl" > /dev/null 2>&1; then
		for ctl in /usr/sbin/"$ctl" /usr/local/sbin/"$ctl" "$ctl"; do
			[[ -x $ctl ]] && break
		done
	fi
	while read -r fam num name _; do
		[[ $fam == ipv[46] && $num =~ ^[0-9]+$ && -n $name ]] || continue
		[[ -z $want || $fam == "$want" ]] || continue
		[[ -z ${seen[$name]-} ]] || continue
		seen[$name]=1
		printf '%s\n' "$name"
	done < <("$ctl" help types 2> /dev/null)
}

# _icmpxctl_zones CTL: the zones' names, as the kernel lists them.
_icmpxctl_zones() {
	local ctl=${1/#\~/$HOME}
	"$ctl" zone 2> /dev/null | while read -r name _; do echo "$name"; done
}

# _icmpxctl_links: the interfaces' names.
_icmpxctl_links() {
	local f
	for f in /sys/class/net/*; do
		[[ -e $f ]] && echo "${f##*/}"
	done
}

# _icmpxctl_netns: the names "ip -n" takes.
_icmpxctl_netns() {
	local name _ f
	if type -P ip > /dev/null 2>&1; then
		while read -r name _; do
			[[ -n $name ]] && printf '%s\n' "$name"
		done < <(ip netns list 2> /dev/null)
	else
		for f in /run/netns/*; do
			[[ -e $f ]] && printf '%s\n' "${f##*/}"
		done
	fi
}

# _icmpxctl_files: file names, for apply and for redirections.  The word
# is readline's (it ends at =, : or >); a quote it begins with is left
# out, readline quotes what it inserts (-o filenames).
_icmpxctl_files() {
	local cur=${COMP_WORDS[COMP_CWORD]-}
	cur=${cur#[\"\']}
	compopt -o filenames 2> /dev/null
	mapfile -t COMPREPLY < <(compgen -f -- "$cur")
}

# complete -F: $1 the command as typed.  The words are COMP_LINE's up to
# the cursor, split at blanks: COMP_WORDS splits at : too, and an IPv6
# router address would shift "set KEY VALUE" pairs.
_icmpxctl() {
	local ctl=$1 line=${COMP_LINE:0:COMP_POINT} cur="" redirect=0 i n
	local -a w words args opts
	read -ra w <<< "$line"
	if [[ $line != *[[:space:]] && ${#w[@]} -gt 1 ]]; then
		cur=${w[${#w[@]} - 1]}
		w=("${w[@]:0:${#w[@]}-1}")
	fi
	# Redirections are the shell's: a file after them, and they are no
	# argument of icmpxctl's.
	for ((i = 1; i < ${#w[@]}; i++)); do
		if ((redirect)); then
			redirect=0
			continue
		fi
		case ${w[i]} in
		*['<>']) redirect=1 ;;
		*['<>']*) ;;
		*) words+=("${w[i]}") ;;
		esac
	done
	if ((redirect)) || [[ $cur == *['<>']* ]]; then
		_icmpxctl_files
		return 0
	fi

	# Global options, then the command.
	local cmd=""
	n=${#words[@]} i=0
	while ((i < n)); do
		case ${words[i]} in
		-n | --netns | -z | --zone) ((i += 2)) ;;
		-*) ((i += 1)) ;;
		*)
			cmd=${words[i]}
			((i += 1))
			break
			;;
		esac
	done
	local commands=(show save stats set preset rule sources reset monitor apply zone help)
	if [[ -z $cmd ]]; then
		if ((i > n)) && [[ ${words[n - 1]} == -z || ${words[n - 1]} == --zone ]]; then
			mapfile -t opts < <(_icmpxctl_zones "$ctl")
			_icmpxctl_match "$cur" "${opts[@]}"
		elif ((i > n)); then
			mapfile -t opts < <(_icmpxctl_netns)
			_icmpxctl_match "$cur" "${opts[@]}"
		elif [[ $cur == -* ]]; then
			_icmpxctl_match "$cur" -j --json -p --pretty -n --netns -z --zone \
				-h --help -V --version
		else
			_icmpxctl_match "$cur" "${commands[@]}"
		fi
		return 0
	fi
	args=("${words[@]:i}")
	n=${#args[@]}
	local last=""
	((n > 0)) && last=${args[n - 1]}

	COMPREPLY=()
	case $cmd in
	show)
		((n == 0)) && _icmpxctl_match "$cur" -a --all
		;;
	stats)
		local fam="" prom="" typed=""
		for i in "${args[@]}"; do
			case $i in
			-4) fam=ipv4 ;;
			-6) fam=ipv6 ;;
			--prometheus) prom=1 ;;
			-*) ;;
			*) typed=1 ;;
			esac
		done
		if [[ $cur == -* ]]; then
			opts=()
			[[ -z $fam ]] && opts+=(-4 -6)
			[[ -z $prom ]] && opts+=(--prometheus)
			_icmpxctl_match "$cur" "${opts[@]}"
		elif [[ -z $typed ]]; then
			mapfile -t opts < <(_icmpxctl_types "$ctl" "$fam")
			_icmpxctl_match "$cur" "${opts[@]}"
		fi
		;;
	set)
		if ((n % 2 == 0)); then
			# A key, each once.
			opts=()
			for i in mode source-quench redirect router-adv \
				validate-errors routers trusted; do
				[[ " ${args[*]} " == *" $i "* ]] || opts+=("$i")
			done
			_icmpxctl_match "$cur" "${opts[@]}"
		else
			case $last in
			mode) _icmpxctl_match "$cur" enforce monitor off ;;
			source-quench) _icmpxctl_match "$cur" drop accept ;;
			redirect) _icmpxctl_match "$cur" drop validate accept ;;
			router-adv) _icmpxctl_match "$cur" accept drop allow ;;
			validate-errors) _icmpxctl_match "$cur" on off ;;
			routers | trusted) _icmpxctl_match "$cur" none ;;
			esac
		fi
		;;
	preset)
		((n == 0)) && _icmpxctl_match "$cur" host router strict permissive
		;;
	rule)
		if ((n == 0)); then
			_icmpxctl_match "$cur" add del
			return 0
		fi
		# [-4|-6] TYPE [code N] accept|drop|limit RATE [burst N]
		# [global|per-source [/PREFIX] [/PREFIX6]] [force] [unless-trusted]
		local sub=${args[0]} fam="" type="" action="" code="" burst=""
		local scope="" force="" trusted="" number=""
		for i in "${args[@]:1}"; do
			if [[ -n $number ]]; then
				number=""
			elif [[ -z $type ]]; then
				case $i in
				-4) fam=ipv4 ;;
				-6) fam=ipv6 ;;
				-*) ;;
				*) type=$i ;;
				esac
			else
				case $i in
				code) code=1 number=1 ;;
				accept | drop) action=$i ;;
				limit) action=$i number=1 ;;
				burst) burst=1 number=1 ;;
				global | per-source) scope=$i ;;
				force) force=1 ;;
				unless-trusted) trusted=1 ;;
				esac
			fi
		done
		[[ $sub == add || $sub == del ]] || return 0
		if [[ -n $number ]]; then
			return 0
		elif [[ -z $type ]]; then
			if [[ $cur == -* ]]; then
				[[ -z $fam ]] && _icmpxctl_match "$cur" -4 -6
			else
				mapfile -t opts < <(_icmpxctl_types "$ctl" "$fam")
				_icmpxctl_match "$cur" "${opts[@]}"
			fi
			return 0
		fi
		opts=()
		if [[ $sub == del ]]; then
			[[ -z $code ]] && opts+=(code)
		elif [[ -z $action ]]; then
			[[ -z $code ]] && opts+=(code)
			opts+=(accept drop limit)
		else
			if [[ $action == limit ]]; then
				[[ -z $burst ]] && opts+=(burst)
				[[ -z $scope ]] && opts+=(global per-source)
			fi
			[[ -z $force ]] && opts+=(force)
			[[ $action == drop && -z $trusted ]] && opts+=(unless-trusted)
		fi
		_icmpxctl_match "$cur" "${opts[@]}"
		;;
	sources)
		((n == 0)) && _icmpxctl_match "$cur" --top flush
		;;
	zone)
		if ((n == 0)); then
			_icmpxctl_match "$cur" list add set del flush
		elif [[ ${args[0]} == set || ${args[0]} == del ]] && ((n == 1)); then
			mapfile -t opts < <(_icmpxctl_zones "$ctl")
			_icmpxctl_match "$cur" "${opts[@]}"
		elif [[ ${args[0]} == add || ${args[0]} == set ]] && ((n > 1)); then
			mapfile -t opts < <(_icmpxctl_links)
			_icmpxctl_match "$cur" "${opts[@]}"
		fi
		;;
	monitor)
		((n == 0)) && _icmpxctl_match "$cur" -c --count
		;;
	apply)
		local check="" file=""
		for i in "${args[@]}"; do
			case $i in
			--check) check=1 ;;
			-?*) ;;
			*) file=1 ;;
			esac
		done
		if [[ -n $file ]]; then
			return 0
		elif [[ $cur == -* ]]; then
			# - is the standard input.
			opts=(-)
			[[ -z $check ]] && opts+=(--check)
			_icmpxctl_match "$cur" "${opts[@]}"
		else
			_icmpxctl_files
		fi
		;;
	help)
		((n == 0)) && _icmpxctl_match "$cur" "${commands[@]}" types
		;;
	esac
	return 0
}

complete -F _icmpxctl icmpxctl

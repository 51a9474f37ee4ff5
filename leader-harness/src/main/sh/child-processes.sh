# Sourced by demo.sh and fault-suite.sh. A Java driver lists the processes it starts in a PID file (ChildProcesses:
# one "pid name" a line) and ends them itself, even on Ctrl-C; this ends them should the driver be killed outright.

# prepare_driver MODULE DEFAULT_OUTPUT PID_FILE WHAT ARGS...: sets output (the --output in ARGS, or DEFAULT_OUTPUT),
# ends the driver's children listed in $output/PID_FILE when the script exits, builds MODULE and what it needs (tests
# skipped) unless ARGS start with --help, and sets driver_args: --help, or --output "$output" followed by ARGS.
prepare_driver() {
  local module="$1" default_output="$2" pid_file="$3" what="$4"
  shift 4
  output=$(option_value --output "$default_output" "$@")
  end_children_on_exit "$output/$pid_file"
  if [[ "${1:-}" == "--help" || "${1:-}" == "-h" ]]; then
    driver_args=(--help)
  else
    echo "Building $what (tests skipped; quick when already built)..."
    mvn -B -q -DskipTests -Dspring-javaformat.skip=true -pl "$module" -am package
    driver_args=(--output "$output" "$@")
  fi
}

# option_value NAME DEFAULT ARGS...: the last value of --name given as "--name value" or "--name=value", or DEFAULT.
option_value() {
  local name="$1" value="$2"
  shift 2
  while (($# > 0)); do
    case "$1" in
      "$name") value="${2:-$value}"; shift ;;
      "$name"=*) value="${1#*=}" ;;
    esac
    shift
  done
  printf '%s\n' "$value"
}

# end_children PID_FILE: SIGCONT (a frozen process cannot die otherwise) and SIGKILL to every listed process that is
# still one of ours (its command line names dev.zkleader or org.apache.zookeeper), never to a PID reused by another
# program since; then removes the file.
end_children() {
  local pids="$1" pid _
  [[ -f "$pids" ]] || return 0
  while read -r pid _; do
    if [[ -n "$pid" ]] && grep -qs -e 'dev.zkleader' -e 'org.apache.zookeeper' "/proc/$pid/cmdline"; then
      kill -CONT "$pid" 2>/dev/null || true
      kill -9 "$pid" 2>/dev/null || true
    fi
  done < "$pids"
  rm -f "$pids"
}

# end_children_on_exit PID_FILE: runs end_children when the script exits, also on Ctrl-C or SIGTERM.
end_children_on_exit() {
  children_pid_file="$1"
  trap 'end_children "$children_pid_file"' EXIT
  trap 'exit 130' INT TERM
}

#!/usr/bin/env bash
# Creates the least-privilege ACLs of acls.txt on the secure broker, as its administrator (admin-client.properties of
# make-credentials.sh): the worker's, and each connector's under its own principal. With principals named, only theirs.
#
#   config/secure/create-acls.sh [--bootstrap-server HOST:PORT] [--dir DIR] [PRINCIPAL ...]
#       defaults: localhost:9095 and /tmp/telemetry-secure, as the shipped configs say
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$here/kafka-tools.sh"
bootstrap=localhost:9095
dir=/tmp/telemetry-secure
only=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    --bootstrap-server) bootstrap="$2"; shift 2 ;;
    --dir) dir="$2"; shift 2 ;;
    *) only+=("$1"); shift ;;
  esac
done

# One kafka-acls call per line of acls.txt, all in one JVM (AclCommands.java).
while read -r principal args; do
  [[ -z "$principal" || "$principal" == \#* ]] && continue
  if [[ ${#only[@]} -gt 0 && ! " ${only[*]} " == *" $principal "* ]]; then
    continue
  fi
  printf -- '--bootstrap-server %s --command-config %s --add --allow-principal User:%s %s\n' \
    "$bootstrap" "$dir/admin-client.properties" "$principal" "$args"
done < "$here/acls.txt" | kafka_tool "$here/AclCommands.java" > /dev/null

#!/usr/bin/env bash
# Formats the secure broker's storage (KRaft, one combined broker and controller) with a SCRAM-SHA-512 credential for
# every user of make-credentials.sh, so that the broker starts with its users in place: no user exists, and nothing
# can connect, before them. Run make-credentials.sh first.
#
#   config/secure/format-storage.sh BROKER_PROPERTIES [DIR]     DIR defaults to /tmp/telemetry-secure
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$here/kafka-tools.sh"
broker_properties="${1:?usage: format-storage.sh BROKER_PROPERTIES [DIR]}"
dir="${2:-/tmp/telemetry-secure}"

# A cluster id is 16 random bytes in URL-safe base64 without padding, as kafka-storage random-uuid prints.
cluster_id="$(openssl rand 16 | base64 | tr '+/' '-_' | tr -d '=')"
scram=()
while IFS='=' read -r user password; do
  scram+=(--add-scram "SCRAM-SHA-512=[name=$user,password=$password]")
done < "$dir/secrets/kafka-users.properties"
# The tool prints the bootstrap records, derived SCRAM keys among them: keep them out of the terminal and its logs.
kafka_tool kafka.tools.StorageTool format -t "$cluster_id" -c "$broker_properties" --standalone "${scram[@]}" > /dev/null
echo "Formatted the storage of $broker_properties (cluster $cluster_id) with $(( ${#scram[@]} / 2 )) SCRAM users"

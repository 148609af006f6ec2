#!/usr/bin/env bash
# Makes the throwaway credentials of the secure deployment (config/secure), for local use only:
#   - a CA (openssl; ca.pem is the trust store, Kafka reads PEM), and PKCS12 key stores for the broker and the Connect
#     REST API signed by it for localhost and 127.0.0.1: one random store password, valid 30 days;
#   - a random SCRAM password for every principal in acls.txt and for the broker's super user "admin";
#   - the REST API's users (rest-users.properties, for Kafka's PropertyFileLoginModule) and its JAAS file;
#   - secrets/, the only directory the worker's FileConfigProvider may read, and secrets/alerting/, read by its
#     DirectoryConfigProvider: the webhook token and the Slack URL, one file each;
#   - admin-client.properties, for Kafka's command-line tools (format-storage.sh, create-acls.sh).
# Real certificates and a real secret store replace all of this in production: docs/security.md.
#
#   config/secure/make-credentials.sh [DIR]      DIR defaults to /tmp/telemetry-secure, the path the shipped configs name
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
dir="${1:-/tmp/telemetry-secure}"
days=30

if [[ -e "$dir" ]]; then
  echo "$dir exists; remove it first (these credentials are throwaway, made once per deployment)" >&2
  exit 1
fi
umask 077
mkdir -p "$dir/secrets/alerting"

secret() { openssl rand -hex 16; }

store_password="$(secret)"
openssl req -x509 -newkey rsa:2048 -nodes -days "$days" -subj "/CN=telemetry-local-ca" \
  -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" \
  -keyout "$dir/ca.key" -out "$dir/ca.pem" 2>/dev/null

# A PKCS12 key store for NAME whose certificate the CA signs for localhost and 127.0.0.1, so that clients verify the
# host name (they always do: ssl.endpoint.identification.algorithm stays https).
signed_keystore() {
  local name="$1"
  openssl req -newkey rsa:2048 -nodes -subj "/CN=$name" -keyout "$dir/$name.key" -out "$dir/$name.csr" 2>/dev/null
  openssl x509 -req -in "$dir/$name.csr" -CA "$dir/ca.pem" -CAkey "$dir/ca.key" -CAcreateserial -days "$days" \
    -extfile <(printf 'subjectAltName=DNS:localhost,IP:127.0.0.1\nkeyUsage=digitalSignature,keyEncipherment\nextendedKeyUsage=serverAuth,clientAuth\n') \
    -out "$dir/$name.pem" 2>/dev/null
  openssl pkcs12 -export -name "$name" -inkey "$dir/$name.key" -in "$dir/$name.pem" -certfile "$dir/ca.pem" \
    -passout "pass:$store_password" -out "$dir/$name.p12"
  rm "$dir/$name.csr" "$dir/$name.key"
}
signed_keystore broker
signed_keystore connect-rest

printf 'store.password=%s\n' "$store_password" > "$dir/secrets/tls.properties"

# One SCRAM user per principal of acls.txt, and the broker's own super user.
principals=(admin $(grep -v '^[[:space:]]*\(#\|$\)' "$here/acls.txt" | awk '{print $1}' | awk '!seen[$0]++'))
: > "$dir/secrets/kafka-users.properties"
for principal in "${principals[@]}"; do
  printf '%s=%s\n' "$principal" "$(secret)" >> "$dir/secrets/kafka-users.properties"
done
admin_password="$(sed -n 's/^admin=//p' "$dir/secrets/kafka-users.properties")"

rest_password="$(secret)"
printf 'operator: %s\n' "$rest_password" > "$dir/rest-users.properties"
printf 'operator=%s\n' "$rest_password" > "$dir/rest-client.properties"
cat > "$dir/rest-jaas.conf" <<JAAS
KafkaConnect {
  org.apache.kafka.connect.rest.basic.auth.extension.PropertyFileLoginModule required
  file="$dir/rest-users.properties";
};
JAAS

# The directory provider returns a file's bytes as they are: no trailing newline.
printf '%s' "$(secret)" > "$dir/secrets/alerting/webhook-token"
printf 'https://hooks.slack.com/services/%s' "$(secret)" > "$dir/secrets/alerting/slack-url"
printf 'token=%s\n' "$(secret)" > "$dir/secrets/scrape.properties"

cat > "$dir/admin-client.properties" <<CLIENT
security.protocol=SASL_SSL
sasl.mechanism=SCRAM-SHA-512
sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username="admin" password="$admin_password";
ssl.truststore.type=PEM
ssl.truststore.location=$dir/ca.pem
CLIENT

echo "Made $dir: CA, key stores for broker and connect-rest, SCRAM passwords for: ${principals[*]}"

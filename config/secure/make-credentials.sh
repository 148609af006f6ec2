#!/usr/bin/env bash
# Makes the throwaway credentials of the secure deployment (config/secure), for local use only:
#   - a CA (openssl; ca.pem is the trust store, Kafka reads PEM; ca.p12 the same for the REST API), and PKCS12 key stores for the broker and the Connect
#     REST API signed by it for localhost and 127.0.0.1: one random store password, valid 30 days;
#   - a random SCRAM password for every principal in acls.txt and for the broker's super user "admin";
#   - the REST API's users (rest-users.properties, for Kafka's PropertyFileLoginModule) and its JAAS file;
#   - secrets/, the only directory the worker's FileConfigProvider may read, and secrets/alerting/, read by its
#     DirectoryConfigProvider: the webhook token and the Slack URL, one file each;
#   - admin-client.properties, for Kafka's command-line tools (format-storage.sh, create-acls.sh);
#   - audit-client.properties, the cluster connection (no login, no secret) the worker's operator names in
#     -Dtelemetry.audit.client.config: alert sinks with audit.topic write their receipts there, each as its own principal.
# Real certificates and a real secret store replace all of this in production: docs/security.md.
#
#   config/secure/make-credentials.sh [DIR [BOOTSTRAP]]
#       DIR defaults to /tmp/telemetry-secure, the path the shipped configs name; BOOTSTRAP (the audit client's
#       bootstrap.servers) to localhost:9095, the broker of broker.properties
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
dir="${1:-/tmp/telemetry-secure}"
bootstrap="${2:-localhost:9095}"
days=30

if [[ -e "$dir" ]]; then
  echo "$dir exists; remove it first (these credentials are throwaway, made once per deployment)" >&2
  exit 1
fi
umask 077
mkdir -p "$dir/secrets/alerting" "$dir/logs" "$dir/alerts"   # the directories worker-policy.env lets the plugins read and write

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
# The CA as a PKCS12 trust store too, for the Connect REST API's own client (Jetty reads no PEM trust store): workers
# forward requests to their leader over HTTPS.
keytool -importcert -noprompt -alias telemetry-local-ca -file "$dir/ca.pem" -storetype PKCS12 \
  -keystore "$dir/ca.p12" -storepass "$store_password" > /dev/null 2>&1

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

# Where audit receipts go: the worker operator's, named on the worker's JVM, never in a connector config. No login:
# each sink logs in with its own producer.override.sasl.jaas.config, so its receipts are written as its principal.
cat > "$dir/audit-client.properties" <<CLIENT
bootstrap.servers=$bootstrap
security.protocol=SASL_SSL
sasl.mechanism=SCRAM-SHA-512
ssl.truststore.type=PEM
ssl.truststore.location=$dir/ca.pem
CLIENT

echo "Made $dir: CA, key stores for broker and connect-rest, SCRAM passwords for: ${principals[*]}"

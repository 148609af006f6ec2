# Sourced by the scripts here: runs one of Kafka's command-line classes. Kafka's jars come from KAFKA_CLASSPATH (a
# classpath, as bin/run-pipeline resolves into target/pipeline/kafka.classpath) or else from KAFKA_HOME/libs (an
# unpacked Kafka 4.3 distribution).
kafka_tool() {
  local classpath="${KAFKA_CLASSPATH:-}"
  if [[ -z "$classpath" ]]; then
    if [[ -z "${KAFKA_HOME:-}" ]]; then
      echo "Set KAFKA_HOME (an unpacked Kafka 4.3) or KAFKA_CLASSPATH (Kafka's jars)" >&2
      return 1
    fi
    classpath="$KAFKA_HOME/libs/*"
  fi
  java -Xmx256m -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Dlog4j2.level=warn -cp "$classpath" "$@"
}

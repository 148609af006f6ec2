package dev.telemetry.connect.source.health;

/** The monitored cluster at one poll; when it could not be reached, only {@code error} says anything. */
record ClusterHealth(
        String clusterId, boolean reachable, String error, Integer brokers, Integer controllerId, CanaryResult canary) {

    public static ClusterHealth unreachable(String error, CanaryResult canary) {
        return new ClusterHealth(null, false, error, null, null, canary);
    }
}

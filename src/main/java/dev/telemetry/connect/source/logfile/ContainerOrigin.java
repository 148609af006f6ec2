package dev.telemetry.connect.source.logfile;

/**
 * What a container runtime's wrapper said about an event: the stream the application wrote it to (stdout or stderr)
 * and the time the runtime read it (RFC 3339, nanoseconds), or, for a line that has no valid wrapper, why ({@code
 * error}; the line is then the event's text as it is).
 */
record ContainerOrigin(String stream, String time, String error) {

    static ContainerOrigin invalid(String error) {
        return new ContainerOrigin(null, null, error);
    }
}

package dev.telemetry.connect.source.scrape;

import java.util.List;

/** Where discovered target groups come from: a file_sd file or an http_sd endpoint. */
interface TargetGroupSource {

    /** Why the list cannot be had now; the last good list stays in use. */
    final class DiscoveryFailedException extends Exception {
        DiscoveryFailedException(String message) {
            super(message);
        }
    }

    /** The list as it is now. */
    List<TargetGroup> read() throws DiscoveryFailedException, InterruptedException;

    /** What to call this source in logs, without secrets a URL may carry. */
    String description();

    /** Time between two reads. */
    long refreshIntervalMs();
}

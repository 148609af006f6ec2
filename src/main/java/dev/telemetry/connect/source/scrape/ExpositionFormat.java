package dev.telemetry.connect.source.scrape;

import java.util.Locale;

/** The two exposition formats a target may answer in, told apart by the response's Content-Type. */
public enum ExpositionFormat {
    /** Prometheus text format 0.0.4: timestamps are integer milliseconds. */
    TEXT,
    /** OpenMetrics 1.0: timestamps are seconds (with a fraction), exemplars may follow values, # EOF ends the body. */
    OPENMETRICS;

    /** What the scraper asks for: OpenMetrics first, the text format next, anything else last. */
    public static final String ACCEPT =
            "application/openmetrics-text;version=1.0.0,text/plain;version=0.0.4;q=0.5,*/*;q=0.1";

    public static ExpositionFormat fromContentType(String contentType) {
        return contentType != null && contentType.toLowerCase(Locale.ROOT).startsWith("application/openmetrics-text")
                ? OPENMETRICS
                : TEXT;
    }
}

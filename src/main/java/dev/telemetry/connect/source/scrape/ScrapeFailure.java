package dev.telemetry.connect.source.scrape;

import java.util.Locale;

/**
 * Why a scrape failed (up=0): the message its record's scrape_error carries, the reason the failures metric counts it
 * under and, for a scrape over a limit, which limit and how many kept samples it refused.
 *
 * @param limit the limit broken; null unless {@code reason} is {@link Reason#LIMIT}
 * @param refusedSamples the samples kept after include, exclude and the relabel rules, all refused with the scrape
 */
public record ScrapeFailure(Reason reason, String message, Limit limit, int refusedSamples) {

    /** The {@code reason} tag of scrape-failures-total. */
    public enum Reason {
        /** No connection: refused, or the host unreachable or not resolved. */
        CONNECT_FAILED,
        /** scrape.timeout.ms passed, connecting or waiting for the whole response. */
        TIMEOUT,
        /** Another failure of the exchange once connecting began: reset, TLS, a malformed response. */
        CONNECTION,
        /** The operator's network allow-list refuses the target's host. */
        NOT_ALLOWED,
        /** A redirect not followed: too many, without a valid Location, or to another origin. */
        REDIRECT,
        /** An HTTP status other than 200. */
        HTTP_STATUS,
        /** A body over scrape.max.bytes. */
        BODY_TOO_LARGE,
        /** A web page, or a body none of whose lines is a sample. */
        NOT_EXPOSITION,
        /** Over one of the scrape limits ({@link Limit}). */
        LIMIT;

        public String tag() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** The {@code limit} tag of samples-refused-total. */
    public enum Limit {
        /** More samples than sample.limit. */
        SAMPLE_LIMIT,
        /** A sample with more labels than label.limit. */
        LABEL_LIMIT,
        /** A series whose id alone takes more than half of record.max.bytes. */
        RECORD_MAX_BYTES;

        public String tag() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    static ScrapeFailure of(Reason reason, String message) {
        return new ScrapeFailure(reason, message, null, 0);
    }

    static ScrapeFailure overLimit(Limit limit, int refusedSamples, String message) {
        return new ScrapeFailure(Reason.LIMIT, message, limit, refusedSamples);
    }
}

package dev.telemetry.connect.source;

import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.runtime.rest.errors.BadRequestException;

/**
 * Runs a source connector's check of a {@code PATCH} or {@code DELETE /connectors/{name}/offsets} request (KIP-875
 * {@code alterOffsets}). Connect's REST layer gives a status only to its own REST exceptions and answers 500 to any
 * other exception from {@code alterOffsets}; a refused offset is the caller's mistake, so it is answered 400 with the
 * check's message. {@code BadRequestException} is a class of the worker's runtime, which every worker loads for its
 * plugins; the bundle compiles against it but does not package it.
 */
final class OffsetRequests {

    private OffsetRequests() {}

    /** Returns true when {@code check} passes; a {@link ConnectException} it throws becomes a 400 answer. */
    public static boolean accept(Runnable check) {
        try {
            check.run();
            return true;
        } catch (BadRequestException e) {
            throw e;
        } catch (ConnectException e) {
            throw new BadRequestException(e.getMessage());
        }
    }
}

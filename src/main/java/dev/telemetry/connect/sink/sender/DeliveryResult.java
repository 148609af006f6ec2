package dev.telemetry.connect.sink.sender;

import dev.telemetry.connect.sink.alert.Alert;
import java.util.List;

/**
 * What a destination made of a batch: the alerts it refused for good, with reasons, and the alerts at the end of the
 * batch that were not sent because the deadline came first; the rest were delivered.
 */
public record DeliveryResult(List<Rejection> rejections, List<Alert> notSent) {

    public static final DeliveryResult ALL_DELIVERED = new DeliveryResult(List.of());

    public DeliveryResult {
        rejections = List.copyOf(rejections);
        notSent = List.copyOf(notSent);
    }

    public DeliveryResult(List<Rejection> rejections) {
        this(rejections, List.of());
    }

    /** An alert the destination will never accept as it is, and why. */
    public record Rejection(Alert alert, String reason) {}
}

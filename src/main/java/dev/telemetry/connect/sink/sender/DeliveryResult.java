package dev.telemetry.connect.sink.sender;

import dev.telemetry.connect.sink.alert.Alert;
import java.util.List;

/** What a destination made of a batch: the alerts it refused for good, with reasons; the rest were delivered. */
public record DeliveryResult(List<Rejection> rejections) {

    public static final DeliveryResult ALL_DELIVERED = new DeliveryResult(List.of());

    public DeliveryResult {
        rejections = List.copyOf(rejections);
    }

    /** An alert the destination will never accept as it is, and why. */
    public record Rejection(Alert alert, String reason) {}
}

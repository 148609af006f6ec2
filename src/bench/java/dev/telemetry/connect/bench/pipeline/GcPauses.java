package dev.telemetry.connect.bench.pipeline;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.ListenerNotFoundException;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

/**
 * The garbage collections of this JVM (broker, worker and benchmark share it) while a rate runs: a collection pauses
 * every thread, so a pause of P ms every T ms delays about P/T of the alerts by up to P ms.
 */
final class GcPauses implements AutoCloseable {

    private final AtomicLong count = new AtomicLong();
    private final AtomicLong totalMs = new AtomicLong();
    private final AtomicLong maxMs = new AtomicLong();
    private final NotificationListener listener = (notification, handback) -> {
        if (GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
            long duration = GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData())
                    .getGcInfo()
                    .getDuration();
            count.incrementAndGet();
            totalMs.addAndGet(duration);
            maxMs.accumulateAndGet(duration, Math::max);
        }
    };
    private final List<GarbageCollectorMXBean> collectors = ManagementFactory.getGarbageCollectorMXBeans();

    GcPauses() {
        for (GarbageCollectorMXBean collector : collectors) {
            ((NotificationEmitter) collector).addNotificationListener(listener, null, null);
        }
    }

    /** The collector's pause goal, which sizes the young generation, as this JVM was started. */
    static String settings() {
        List<String> gcArgs = ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(arg -> arg.startsWith("-XX:") || arg.startsWith("-Xm"))
                .toList();
        return collectorsInUse() + (gcArgs.isEmpty() ? ", JVM defaults" : ", " + String.join(" ", gcArgs));
    }

    private static String collectorsInUse() {
        return String.join(
                " + ",
                ManagementFactory.getGarbageCollectorMXBeans().stream()
                        .map(GarbageCollectorMXBean::getName)
                        .toList());
    }

    String summary() {
        return String.format(
                "  GC (whole JVM): %d collections, %d ms in total, longest %d ms",
                count.get(), totalMs.get(), maxMs.get());
    }

    @Override
    public void close() {
        for (GarbageCollectorMXBean collector : collectors) {
            try {
                ((NotificationEmitter) collector).removeNotificationListener(listener);
            } catch (ListenerNotFoundException e) {
                // Never added: nothing to remove.
            }
        }
    }
}

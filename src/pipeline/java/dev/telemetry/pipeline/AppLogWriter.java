package dev.telemetry.pipeline;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A small service's log for the log-file source to tail: Kafka's Log4j layout ({@code [%d] %p %m (%c)%n}), mostly
 * INFO, a WARN now and then, and an ERROR with the stack trace of a real exception; rotated by rename ({@code
 * checkout-service.log} becomes {@code checkout-service.log.N} and a new file is opened) every {@link #ROTATE_EVERY}
 * lines, as logrotate's default rotation does.
 */
final class AppLogWriter implements AutoCloseable {

    static final String FILE_NAME = "checkout-service.log";
    private static final int ROTATE_EVERY = 60;
    private static final long LINE_INTERVAL_MS = 250;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss,SSS");

    private final Path dir;
    private final Thread thread;
    private final AtomicLong lines = new AtomicLong();
    private final AtomicLong warnings = new AtomicLong();
    private final AtomicLong errors = new AtomicLong();
    private final AtomicLong rotations = new AtomicLong();
    private volatile boolean running = true;
    private volatile String failure;

    private AppLogWriter(Path dir) {
        this.dir = dir;
        this.thread = new Thread(this::writeUntilClosed, "app-log-writer");
        this.thread.setDaemon(true);
    }

    static AppLogWriter start(Path dir) throws IOException {
        Files.createDirectories(dir);
        AppLogWriter writer = new AppLogWriter(dir);
        writer.thread.start();
        return writer;
    }

    Path dir() {
        return dir;
    }

    private void writeUntilClosed() {
        Path active = dir.resolve(FILE_NAME);
        long n = 0;
        try {
            Writer out = open(active);
            while (running) {
                n++;
                out.write(line(n));
                out.flush();
                lines.incrementAndGet();
                if (n % ROTATE_EVERY == 0) {
                    out.close();
                    Files.move(active, dir.resolve(FILE_NAME + "." + rotations.incrementAndGet()));
                    out = open(active);
                }
                TimeUnit.MILLISECONDS.sleep(LINE_INTERVAL_MS);
            }
            out.close();
        } catch (IOException e) {
            failure = e.toString();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Writer open(Path file) throws IOException {
        return Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
    }

    private String line(long n) {
        String time = "[" + LocalDateTime.now().format(TIME) + "] ";
        if (n % 23 == 0) {
            errors.incrementAndGet();
            return time + "ERROR Payment for order " + (10_000 + n) + " failed (checkout.PaymentClient)\n"
                    + stackTrace(n);
        }
        if (n % 9 == 0) {
            warnings.incrementAndGet();
            return time + "WARN Inventory lookup for order " + (10_000 + n) + " took " + (1500 + n % 700)
                    + " ms, above the 1000 ms budget (checkout.InventoryClient)\n";
        }
        return time + "INFO Order " + (10_000 + n) + " accepted, " + (1 + n % 5) + " items (checkout.OrderService)\n";
    }

    /** The stack trace of an exception actually thrown and caught here, as a service would log it. */
    private static String stackTrace(long n) {
        try {
            throw new IllegalStateException("payment gateway answered HTTP 503 for order " + (10_000 + n));
        } catch (IllegalStateException e) {
            StringWriter text = new StringWriter();
            e.printStackTrace(new PrintWriter(text));
            return text.toString();
        }
    }

    String summary() {
        return String.format("%d lines written (%d WARN, %d ERROR with stack trace), rotated by rename %d times%s",
                lines.get(), warnings.get(), errors.get(), rotations.get(),
                failure == null ? "" : ", stopped by " + failure);
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.interrupt();
        thread.join(5000);
    }
}

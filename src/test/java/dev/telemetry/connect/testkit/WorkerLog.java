package dev.telemetry.connect.testkit;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Predicate;

/**
 * The log of the workers running in this JVM, as an operator reads it, for as long as it is open: slf4j-simple writes
 * each line to whatever {@code System.err} is at the time, so this puts a stream there that keeps a copy of what
 * passes on to the original.
 */
public final class WorkerLog implements AutoCloseable {

    private final PrintStream original = System.err;
    private final StringBuilder text = new StringBuilder();

    private WorkerLog() {
        System.setErr(new PrintStream(new Tee(), true, StandardCharsets.UTF_8));
    }

    /** Starts keeping what the workers log from now on. */
    public static WorkerLog capture() {
        return new WorkerLog();
    }

    /** Waits up to {@code timeoutMs} for a line that {@code wanted} accepts, and returns it. */
    public String awaitLine(Predicate<String> wanted, long timeoutMs) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMs;
        while (System.currentTimeMillis() < deadline) {
            for (String line : lines()) {
                if (wanted.test(line)) {
                    return line;
                }
            }
            Thread.sleep(200);
        }
        throw new AssertionError("No such line logged within " + timeoutMs + " ms");
    }

    /** Every line logged since the capture began. */
    public List<String> lines() {
        synchronized (text) {
            return text.toString().lines().toList();
        }
    }

    @Override
    public void close() {
        System.setErr(original);
    }

    /** Passes every byte on to the original stream and keeps it. */
    private final class Tee extends OutputStream {
        @Override
        public void write(int b) {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) {
            original.write(bytes, offset, length);
            synchronized (text) {
                text.append(new String(bytes, offset, length, StandardCharsets.UTF_8));
            }
        }

        @Override
        public void flush() {
            original.flush();
        }
    }
}

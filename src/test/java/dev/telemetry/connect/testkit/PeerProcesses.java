package dev.telemetry.connect.testkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** Waiting for and stopping the real peer processes the tests start (Alertmanager, node_exporter). */
final class PeerProcesses {

    private PeerProcesses() {}

    /**
     * Waits up to 30 s until {@code resource} answers 200; fails with the process's log when it exits before that.
     */
    static void awaitServing(Process process, String name, Path log, RestClient http, String resource)
            throws IOException, InterruptedException {
        long deadline = System.currentTimeMillis() + TimeUnit.SECONDS.toMillis(30);
        while (System.currentTimeMillis() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(
                        name + " exited with " + process.exitValue() + ": " + Files.readString(log));
            }
            try {
                if (http.get(resource).status() == 200) {
                    return;
                }
            } catch (IllegalStateException notYet) {
                // Not listening yet.
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException(name + " not serving /" + resource + " in 30 s");
    }

    /** Stops {@code process} by its PID and waits for it to exit; forcibly after 10 s. */
    static void stop(Process process) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }
}

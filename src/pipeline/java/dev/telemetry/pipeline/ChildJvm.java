package dev.telemetry.pipeline;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A Kafka or Connect JVM started from the published jars, with its output in a log file. It runs in a session of its
 * own ({@code setsid}) so a Ctrl-C in the terminal reaches only the runner, which then stops the children in order:
 * worker before broker, each with SIGTERM, and SIGKILL only if it has not exited after a grace period.
 */
final class ChildJvm {

    private static final long GRACE_SECONDS = 30;

    private final String name;
    private final Process process;
    private final Path log;

    private ChildJvm(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
    }

    static ChildJvm start(String name, String classpath, Path log4jConfig, Path log, String heap,
                          List<String> jvmOptions, Map<String, String> environment, String mainClass,
                          List<String> args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add("setsid");
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx" + heap);
        command.add("-XX:+UseG1GC");
        command.add("-Djava.awt.headless=true");
        command.add("-Dlog4j2.configurationFile=" + log4jConfig);
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(classpath);
        command.add(mainClass);
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
        builder.environment().putAll(environment);
        Process process = builder.start();
        return new ChildJvm(name, process, log);
    }

    /** Runs a short-lived tool (storage formatting) to completion, failing with its output if it fails. */
    static String runTool(String classpath, Path log4jConfig, String mainClass, List<String> args)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-Dlog4j2.configurationFile=" + log4jConfig, "-cp", classpath, mainClass));
        command.addAll(args);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
            process.destroyForcibly();
            throw new IOException(mainClass + " " + args + " failed:\n" + output);
        }
        return output;
    }

    String name() {
        return name;
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    Path log() {
        return log;
    }

    /** SIGTERM, wait, SIGKILL if needed; returns a line saying how it ended. */
    String stop() throws InterruptedException {
        if (!process.isAlive()) {
            return name + " (pid " + pid() + ") had already exited with code " + process.exitValue();
        }
        long started = System.nanoTime();
        process.destroy();
        if (process.waitFor(GRACE_SECONDS, TimeUnit.SECONDS)) {
            return String.format("%s (pid %d) stopped in %.1f s", name, pid(), (System.nanoTime() - started) / 1e9);
        }
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
        return name + " (pid " + pid() + ") did not stop within " + GRACE_SECONDS + " s and was killed";
    }

    String logTail(int lines) {
        try {
            List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(cannot read " + log + ": " + e.getMessage() + ")";
        }
    }
}

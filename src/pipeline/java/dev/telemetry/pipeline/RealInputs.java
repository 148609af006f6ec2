package dev.telemetry.pipeline;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntSupplier;

/**
 * The real inputs beside the generator: a service log written and rotated during the run, node_exporter (when
 * installed), the runner's own broker watched by the health source, and a slow sink paused from {@link #PAUSE_AT_S}
 * to {@link #RESUME_AT_S} of every minute, counted from the health source's first report of its group, so its lag
 * rises, becomes an incident of the health sink, and falls again, which resolves it.
 */
final class RealInputs {

    /** The service logs the runner writes and rotates, under the work directory. */
    static final String APP_LOG_DIR = "app-logs";

    /** Long enough after the first report for the health source's window of commits to fill: a STALL needs it. */
    private static final long PAUSE_AT_S = 20;
    private static final long RESUME_AT_S = 45;
    private static final long CYCLE_S = 60;
    private static final String SLOW_GROUP = "connect-" + RealInputsPlan.SLOW_SINK;

    private final PrintStream out;
    private final List<String> created = new ArrayList<>();
    private final List<String> sources = new ArrayList<>();
    private AppLogWriter logWriter;
    private NodeExporter nodeExporter;
    private InputsView view;
    private ScheduledExecutorService pauser;
    private Path alertFile;
    private final AtomicInteger pauses = new AtomicInteger();
    private final AtomicInteger resumes = new AtomicInteger();
    /** Touched by the pauser's one thread, and by {@link #stopPausing} once that thread has ended. */
    private long cycleStartNanos;
    private boolean paused;

    RealInputs(PrintStream out) {
        this.out = out;
    }

    /** Starts what it needs and creates the connectors; {@link #stop} cleans up also after a failure here. */
    void start(Path workDir, Path configDir, Set<String> plugins, String bootstrap, Properties client,
               SecureCluster secure, ConnectRest rest, IntSupplier reservePort, Set<String> mainSinkTopics)
            throws IOException, InterruptedException {
        logWriter = AppLogWriter.start(workDir.resolve(APP_LOG_DIR));
        out.println("Service log " + logWriter.dir().resolve(AppLogWriter.FILE_NAME)
                + " written and rotated by rename during the run");
        Optional<Path> exporter = NodeExporter.find();
        if (exporter.isPresent()) {
            nodeExporter = NodeExporter.start(exporter.get(), reservePort.getAsInt(),
                    workDir.resolve("node-exporter.log"));
            out.printf("node_exporter pid %d  %s%n", nodeExporter.pid(), nodeExporter.url());
        }
        RealInputsPlan plan = RealInputsPlan.build(configDir, plugins, workDir, logWriter.dir(), bootstrap,
                nodeExporter == null ? null : nodeExporter.url(), mainSinkTopics);
        plan.notes().forEach(note -> out.println("  note: " + note));
        for (var connector : plan.connectors().entrySet()) {
            if (secure != null) {
                connector.getValue().putAll(secure.principal(connector.getKey()));
            }
            rest.createConnector(connector.getKey(), connector.getValue());
            created.add(connector.getKey());
            if (connector.getValue().get("connector.class").endsWith("SourceConnector")) {
                sources.add(connector.getKey());
            }
            out.println("Created connector " + connector.getKey());
        }
        alertFile = workDir.resolve(RealInputsPlan.INPUTS_ALERT_FILE);
        Map<String, String> inputsSink = plan.connectors().get(RealInputsPlan.INPUTS_SINK);
        view = new InputsView(client, alertFile,
                inputsSink == null ? List.of() : List.of(inputsSink.get("topics").split(",")));
        view.start();
        if (created.contains(RealInputsPlan.SLOW_SINK)) {
            schedulePauses(rest);
        }
    }

    private void schedulePauses(ConnectRest rest) {
        pauser = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "slow-sink-pauser");
            thread.setDaemon(true);
            return thread;
        });
        pauser.scheduleAtFixedRate(() -> pauseOrResumeInCycle(rest), 1, 1, TimeUnit.SECONDS);
    }

    /**
     * The cycle starts when the health source first reports the slow group, not when the runner created it: on a
     * loaded machine the health source starts tens of seconds later, and a pause it does not watch is no episode.
     */
    private void pauseOrResumeInCycle(ConnectRest rest) {
        if (cycleStartNanos == 0) {
            if (!view.hasReported(SLOW_GROUP)) {
                return;
            }
            cycleStartNanos = System.nanoTime();
        }
        long phase = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - cycleStartNanos) % CYCLE_S;
        boolean pause = phase >= PAUSE_AT_S && phase < RESUME_AT_S;
        if (pause != paused) {
            pauseOrResume(rest, pause);
        }
    }

    private void pauseOrResume(ConnectRest rest, boolean pause) {
        try {
            if (pause) {
                rest.pause(RealInputsPlan.SLOW_SINK);
                pauses.incrementAndGet();
            } else {
                rest.resume(RealInputsPlan.SLOW_SINK);
                resumes.incrementAndGet();
            }
            paused = pause;
            out.println("         " + (pause ? "PAUSED " : "RESUMED ") + RealInputsPlan.SLOW_SINK
                    + (pause ? ": its group's lag on " + RealInputsPlan.SLOW_SINK_TOPIC + " rises"
                            : ": its lag falls"));
        } catch (IOException e) {
            out.println("         could not " + (pause ? "pause " : "resume ") + RealInputsPlan.SLOW_SINK + ": "
                    + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Ends the pause cycle at the end of the run, and a pause still on with it: the episode ends, and the group's OK
     * resolves its incident during the catch-up, while the health source still reports.
     */
    void stopPausing(ConnectRest rest) throws InterruptedException {
        if (pauser == null) {
            return;
        }
        pauser.shutdownNow();
        pauser.awaitTermination(10, TimeUnit.SECONDS);
        if (paused) {
            pauseOrResume(rest, false);
        }
    }

    List<String> connectorNames() {
        return created;
    }

    /**
     * The source connectors among {@link #connectorNames()} that the runner pauses at the end. The health source keeps
     * reporting, so the slow group's OK after its last resume still reaches the health sink.
     */
    List<String> sourceConnectorNames() {
        return sources.stream().filter(name -> !name.equals(RealInputsPlan.HEALTH_SOURCE)).toList();
    }

    List<String> tickLines() {
        return view == null ? List.of() : view.tickLines();
    }

    List<String> summary() {
        List<String> lines = new ArrayList<>();
        lines.add("service log: " + logWriter.summary());
        if (view != null) {
            lines.addAll(view.summary());
            if (created.contains(RealInputsPlan.SLOW_SINK) && created.contains(RealInputsPlan.INPUTS_SINK)) {
                lines.add(stallEpisodes());
            }
        }
        return lines;
    }

    /**
     * Each pause of the slow sink is one STALL episode of its group: one incident of the health sink that fires, and
     * resolves on the group's OK after the resume.
     */
    private String stallEpisodes() {
        String key = "source=group:" + SLOW_GROUP;
        long[] incidents = view.incidentsOf(key);
        boolean onePerEpisode = incidents[0] == pauses.get() && incidents[1] == resumes.get();
        return "STALL episodes of " + SLOW_GROUP + ": paused " + pauses + " times, resumed "
                + resumes + "; incidents of " + key + ": fired " + incidents[0] + ", resolved " + incidents[1]
                + (onePerEpisode ? ": one incident per episode, resolved after each resume" : ": NOT one per episode");
    }

    /** Stops the pauser, the view, the log writer and node_exporter; keeps the inputs' alert file with the logs. */
    void stop(Path keptLogs) {
        try {
            if (pauser != null) {
                pauser.shutdownNow();
            }
            if (view != null) {
                view.close();
            }
            if (logWriter != null) {
                logWriter.close();
            }
            if (nodeExporter != null) {
                out.println("  " + nodeExporter.stop());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            if (alertFile != null && Files.exists(alertFile)) {
                Files.createDirectories(keptLogs);
                Files.copy(alertFile, keptLogs.resolve(alertFile.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            out.println("  could not keep " + alertFile + ": " + e.getMessage());
        }
    }
}

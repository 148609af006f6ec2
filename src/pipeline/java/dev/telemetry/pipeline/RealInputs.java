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
 * to {@link #RESUME_AT_S} of every minute so its consumer group's lag rises, becomes an incident of the health sink,
 * and falls again, which resolves it.
 */
final class RealInputs {

    private static final long PAUSE_AT_S = 25;
    private static final long RESUME_AT_S = 50;
    private static final long CYCLE_S = 60;

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

    RealInputs(PrintStream out) {
        this.out = out;
    }

    /** Starts what it needs and creates the connectors; {@link #stop} cleans up also after a failure here. */
    void start(Path workDir, Path configDir, Set<String> plugins, String bootstrap, Properties client,
               SecureCluster secure, ConnectRest rest, IntSupplier reservePort, Set<String> mainSinkTopics)
            throws IOException, InterruptedException {
        logWriter = AppLogWriter.start(workDir.resolve("app-logs"));
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
        pauser.scheduleAtFixedRate(() -> pauseOrResume(rest, true), PAUSE_AT_S, CYCLE_S, TimeUnit.SECONDS);
        pauser.scheduleAtFixedRate(() -> pauseOrResume(rest, false), RESUME_AT_S, CYCLE_S, TimeUnit.SECONDS);
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

    /** Ends the pause cycle at the end of the run, so the summary counts the episodes the run watched. */
    void stopPausing() {
        if (pauser != null) {
            pauser.shutdownNow();
        }
    }

    List<String> connectorNames() {
        return created;
    }

    /** The source connectors among {@link #connectorNames()}. */
    List<String> sourceConnectorNames() {
        return sources;
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
     * resolves on the group's OK after the resume (a pause still on at the end has fired and not resolved).
     */
    private String stallEpisodes() {
        String key = "source=group:connect-" + RealInputsPlan.SLOW_SINK;
        long[] incidents = view.incidentsOf(key);
        boolean onePerEpisode = incidents[0] == pauses.get() && incidents[1] == resumes.get();
        return "STALL episodes of connect-" + RealInputsPlan.SLOW_SINK + ": paused " + pauses + " times, resumed "
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

package dev.telemetry.connect.source.logfile;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The pod a container log file belongs to, read from where the kubelet puts it: {@code
 * .../pods/<namespace>_<pod>_<uid>/<container>/<restart>.log} (and its rotated {@code <restart>.log.<time>}), or the
 * links {@code .../containers/<pod>_<namespace>_<container>-<container id>.log}. Namespace, pod and container names
 * cannot hold '_' (they are DNS labels and subdomains), so the separators are unambiguous.
 */
final class KubernetesLogPath {

    static final String NAMESPACE = "kubernetes.namespace";
    static final String POD_NAME = "kubernetes.pod.name";
    static final String POD_UID = "kubernetes.pod.uid";
    static final String CONTAINER_NAME = "kubernetes.container.name";
    static final String CONTAINER_ID = "container.id";
    static final String RESTART = "kubernetes.container.restart_count";

    private static final Pattern POD_DIRECTORY = Pattern.compile("([^_/]+)_([^_/]+)_([^_/]+)");
    private static final Pattern POD_LOG = Pattern.compile("(\\d+)\\.log(?:\\..*)?");
    private static final Pattern CONTAINER_LINK = Pattern.compile("([^_/]+)_([^_/]+)_([^_/]+)-([0-9a-f]{64})\\.log");

    private KubernetesLogPath() {}

    /** The fields {@code file}'s path tells, in order; empty for a path of neither shape. */
    static Map<String, String> fieldsOf(Path file) {
        Map<String, String> fields = new LinkedHashMap<>();
        int names = file.getNameCount();
        String name = file.getFileName() == null ? "" : file.getFileName().toString();
        Matcher link = CONTAINER_LINK.matcher(name);
        if (names >= 2 && file.getName(names - 2).toString().equals("containers") && link.matches()) {
            fields.put(NAMESPACE, link.group(2));
            fields.put(POD_NAME, link.group(1));
            fields.put(CONTAINER_NAME, link.group(3));
            fields.put(CONTAINER_ID, link.group(4));
            return fields;
        }
        Matcher log = POD_LOG.matcher(name);
        if (names >= 4 && file.getName(names - 4).toString().equals("pods") && log.matches()) {
            Matcher pod = POD_DIRECTORY.matcher(file.getName(names - 3).toString());
            if (pod.matches()) {
                fields.put(NAMESPACE, pod.group(1));
                fields.put(POD_NAME, pod.group(2));
                fields.put(POD_UID, pod.group(3));
                fields.put(CONTAINER_NAME, file.getName(names - 2).toString());
                fields.put(RESTART, log.group(1));
            }
        }
        return fields;
    }
}

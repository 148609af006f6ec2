package dev.telemetry.connect.source.logfile;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The wrapper a container runtime puts around each line an application writes (container.format), taken off before
 * lines are grouped (multiline) and parsed (format): 'cri' for containerd and CRI-O ({@code <time> <stream> <P|F>
 * <message>}), 'docker' for Docker's json-file driver ({@code {"log":"...\n","stream":"stdout","time":"..."}}), 'auto'
 * to tell them apart line by line (a line starting with '{' is docker's), 'none' for files without one.
 */
enum ContainerFormat {
    NONE,
    CRI,
    DOCKER,
    AUTO;

    public static final List<String> NAMES =
            Arrays.stream(values()).map(ContainerFormat::wireName).toList();

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static ContainerFormat parse(String name) {
        return valueOf(name.trim().toUpperCase(Locale.ROOT));
    }
}

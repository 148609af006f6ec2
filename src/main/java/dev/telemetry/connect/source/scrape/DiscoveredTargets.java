package dev.telemetry.connect.source.scrape;

import dev.telemetry.connect.common.access.NetworkAllowList;
import dev.telemetry.connect.common.config.HttpUrlValidator;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Turns discovered target groups into scrape targets with Prometheus's meta labels: {@code __address__} (the
 * {@code host:port} listed), {@code __scheme__} and {@code __metrics_path__} (defaults {@code sd.scheme} and
 * {@code sd.metrics.path}) and {@code __param_<name>} (URL parameters) make the URL; labels starting with {@code __}
 * are then dropped, and {@code instance} defaults to the address. A target whose URL is malformed or whose host the
 * worker's operator does not allow, or one beyond {@code sd.max.targets}, is refused with the reason; a URL listed
 * twice is scraped once, with the labels it was first listed with.
 */
final class DiscoveredTargets {

    static final String ADDRESS_LABEL = "__address__";
    static final String SCHEME_LABEL = "__scheme__";
    static final String METRICS_PATH_LABEL = "__metrics_path__";
    static final String PARAM_LABEL_PREFIX = "__param_";
    static final String INSTANCE_LABEL = "instance";
    static final String JOB_LABEL = "job";

    /** A host, an optional port, nothing else: no path, credentials, query or fragment can hide in an address. */
    private static final Pattern ADDRESS = Pattern.compile("[^/?#@\\s]+");

    /** Builds a target from its URL (its identity), source and labels; the connector-wide settings come with it. */
    @FunctionalInterface
    interface TargetMaker {
        ScrapeTarget make(URI url, String source, Map<String, String> labels);
    }

    /**
     * The targets, by name, in the order listed, and the refused ones: the identity each is refused under (its URL,
     * or the address as listed when no URL could be made) with the reason.
     */
    record Result(Map<String, ScrapeTarget> targets, Map<String, String> refused) {}

    private final String defaultScheme;
    private final String defaultMetricsPath;
    private final String defaultSource;
    private final int maxTargets;
    private final NetworkAllowList networks;
    private final TargetMaker maker;

    DiscoveredTargets(
            String defaultScheme,
            String defaultMetricsPath,
            String defaultSource,
            int maxTargets,
            NetworkAllowList networks,
            TargetMaker maker) {
        this.defaultScheme = defaultScheme;
        this.defaultMetricsPath = defaultMetricsPath;
        this.defaultSource = defaultSource;
        this.maxTargets = maxTargets;
        this.networks = networks;
        this.maker = maker;
    }

    Result of(List<TargetGroup> groups) {
        Map<String, ScrapeTarget> targets = new LinkedHashMap<>();
        Map<String, String> refused = new LinkedHashMap<>();
        for (TargetGroup group : groups) {
            for (String address : group.targets()) {
                Map<String, String> labels = new LinkedHashMap<>(group.labels());
                labels.put(ADDRESS_LABEL, address);
                URI url;
                try {
                    url = url(labels);
                } catch (IllegalArgumentException e) {
                    refused.put(address, e.getMessage());
                    continue;
                }
                String name = url.toString();
                if (targets.containsKey(name)) {
                    continue;
                }
                Optional<String> refusal = networks.hostRefusal(url.getHost());
                if (refusal.isPresent()) {
                    refused.put(name, "refused: " + refusal.get());
                } else if (targets.size() >= maxTargets) {
                    refused.put(
                            name,
                            "refused: more than " + maxTargets + " targets (" + ServiceDiscoveryKeys.MAX_TARGETS + ")");
                } else {
                    targets.put(name, target(url, labels));
                }
            }
        }
        return new Result(Collections.unmodifiableMap(targets), Collections.unmodifiableMap(refused));
    }

    private ScrapeTarget target(URI url, Map<String, String> metaLabels) {
        Map<String, String> labels = new LinkedHashMap<>();
        metaLabels.forEach((name, value) -> {
            if (!name.startsWith("__")) {
                labels.put(name, value);
            }
        });
        labels.putIfAbsent(INSTANCE_LABEL, metaLabels.get(ADDRESS_LABEL));
        String job = labels.get(JOB_LABEL);
        String source = job != null
                        && MetricsScrapeSourceConfig.SOURCE_NAME.matcher(job).matches()
                ? job
                : defaultSource;
        return maker.make(url, source, Collections.unmodifiableMap(labels));
    }

    /** The URL the meta labels describe; throws with the reason when they describe none. */
    private URI url(Map<String, String> labels) {
        String address = labels.get(ADDRESS_LABEL);
        if (!ADDRESS.matcher(address).matches()) {
            throw new IllegalArgumentException(
                    "'" + address + "' is not a host:port address (no scheme, path, credentials or spaces)");
        }
        String scheme = labels.getOrDefault(SCHEME_LABEL, defaultScheme);
        String path = labels.getOrDefault(METRICS_PATH_LABEL, defaultMetricsPath);
        if (!path.startsWith("/")) {
            throw new IllegalArgumentException(
                    "target " + address + ": " + METRICS_PATH_LABEL + " '" + path + "' does not start with '/'");
        }
        List<String> params = new ArrayList<>();
        labels.forEach((name, value) -> {
            if (name.startsWith(PARAM_LABEL_PREFIX) && name.length() > PARAM_LABEL_PREFIX.length()) {
                params.add(encode(name.substring(PARAM_LABEL_PREFIX.length())) + "=" + encode(value));
            }
        });
        String text = scheme + "://" + address + path + (params.isEmpty() ? "" : "?" + String.join("&", params));
        String problem = HttpUrlValidator.problemWith(text);
        if (problem != null) {
            throw new IllegalArgumentException("target " + address + ": " + problem);
        }
        try {
            return new URI(text);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("target " + address + ": " + e.getMessage());
        }
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}

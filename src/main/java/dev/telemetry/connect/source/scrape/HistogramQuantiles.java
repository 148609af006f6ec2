package dev.telemetry.connect.source.scrape;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * p50, p95 and p99 of each histogram over the last scrape interval, estimated from its bucket increases the way
 * Prometheus's {@code histogram_quantile} does: find the bucket holding the rank and interpolate linearly inside it;
 * a rank in the +Inf bucket answers the highest finite bound. A histogram without observations in the interval has no
 * estimate.
 */
public final class HistogramQuantiles {

    public static final double[] QUANTILES = {0.5, 0.95, 0.99};

    private HistogramQuantiles() {}

    /**
     * Estimates keyed {@code family{labels,quantile="0.95"}}.
     *
     * @param increases bucket increases by series id, as {@link SeriesHistory} computes them
     */
    public static Map<String, Double> estimate(List<Sample> samples, Map<String, Double> increases) {
        Map<String, TreeMap<Double, Double>> histograms = new LinkedHashMap<>();
        Map<String, Map<String, String>> labelsOf = new LinkedHashMap<>();
        Map<String, String> familyOf = new LinkedHashMap<>();
        for (Sample sample : samples) {
            if (sample.type() != MetricType.HISTOGRAM || !sample.name().endsWith("_bucket")) {
                continue;
            }
            Double increase = increases.get(sample.seriesId());
            Double bound = bound(sample.labels().get("le"));
            if (increase == null || bound == null) {
                continue;
            }
            TreeMap<String, String> labels = new TreeMap<>(sample.labels());
            labels.remove("le");
            String group = Sample.seriesId(sample.family(), labels);
            histograms.computeIfAbsent(group, g -> new TreeMap<>()).put(bound, increase);
            labelsOf.put(group, labels);
            familyOf.put(group, sample.family());
        }
        Map<String, Double> estimates = new LinkedHashMap<>();
        histograms.forEach((group, buckets) -> {
            for (double q : QUANTILES) {
                double value = quantile(q, buckets);
                if (!Double.isNaN(value)) {
                    TreeMap<String, String> labels = new TreeMap<>(labelsOf.get(group));
                    labels.put("quantile", Double.toString(q));
                    estimates.put(Sample.seriesId(familyOf.get(group), labels), value);
                }
            }
        });
        return estimates;
    }

    /** The q-quantile of cumulative {@code buckets} (upper bound to count); NaN without observations or +Inf bucket. */
    static double quantile(double q, TreeMap<Double, Double> buckets) {
        if (buckets.isEmpty() || buckets.lastKey() != Double.POSITIVE_INFINITY) {
            return Double.NaN;
        }
        List<Map.Entry<Double, Double>> ordered = new ArrayList<>(buckets.entrySet());
        double total = ordered.get(ordered.size() - 1).getValue();
        if (total <= 0) {
            return Double.NaN;
        }
        double rank = q * total;
        for (int i = 0; i < ordered.size(); i++) {
            double count = ordered.get(i).getValue();
            if (count < rank) {
                continue;
            }
            double upper = ordered.get(i).getKey();
            if (upper == Double.POSITIVE_INFINITY) {
                return i == 0 ? Double.NaN : ordered.get(i - 1).getKey();
            }
            if (i == 0) {
                return upper <= 0 ? upper : upper * rank / count;
            }
            double lower = ordered.get(i - 1).getKey();
            double below = ordered.get(i - 1).getValue();
            return count == below ? upper : lower + (upper - lower) * (rank - below) / (count - below);
        }
        return ordered.get(ordered.size() - 1).getKey();
    }

    private static Double bound(String le) {
        return le == null ? null : ExpositionParser.parseValue(le);
    }
}

package dev.telemetry.connect.source.scrape;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The shared bearer token reaches only the targets it is scoped to. */
class MetricsScrapeSourceConfigTest {

    @Test
    void theSharedTokenGoesOnlyToTheTargetsNamedForIt() {
        Map<String, String> props = twoTargets();
        props.put("bearer.token", "shared");
        props.put("bearer.token.targets", "inside");
        props.put("targets.own.url", "http://127.0.0.1:9300/metrics");
        props.put("targets.own.bearer.token", "mine");
        props.put("targets", "inside,added,own");

        Map<String, ScrapeTarget> targets = byName(new MetricsScrapeSourceConfig(props));

        assertThat(targets.get("inside").bearerToken().value()).isEqualTo("shared");
        assertThat(targets.get("added").bearerToken())
                .as("a target added later gets no token")
                .isNull();
        assertThat(targets.get("own").bearerToken().value()).isEqualTo("mine");
        assertThat(new MetricsScrapeSourceConfig(props).bearerTokenScopeErrors())
                .isEmpty();
    }

    @Test
    void aTokenWithoutScopeAScopeWithoutTokenAndUnknownNamesAreErrorsOfTheScopeKey() {
        Map<String, String> noScope = twoTargets();
        noScope.put("bearer.token", "shared");
        MetricsScrapeSourceConfig unscoped = new MetricsScrapeSourceConfig(noScope);
        assertThat(unscoped.bearerTokenScopeErrors())
                .containsOnlyKeys("bearer.token.targets")
                .extractingByKey("bearer.token.targets")
                .asList()
                .singleElement()
                .asString()
                .contains("Name the targets that receive bearer.token");
        assertThat(byName(unscoped).values())
                .as("unscoped, the token goes nowhere")
                .allSatisfy(target -> assertThat(target.bearerToken()).isNull());

        Map<String, String> noToken = twoTargets();
        noToken.put("bearer.token.targets", "inside,typo");
        assertThat(new MetricsScrapeSourceConfig(noToken).bearerTokenScopeErrors())
                .extractingByKey("bearer.token.targets")
                .asList()
                .anySatisfy(message -> assertThat(message).asString().contains("which is not set"))
                .anySatisfy(message -> assertThat(message).asString().contains("'typo' is not listed"));
    }

    private static Map<String, ScrapeTarget> byName(MetricsScrapeSourceConfig config) {
        return config.targets().stream().collect(Collectors.toMap(ScrapeTarget::name, Function.identity()));
    }

    private static Map<String, String> twoTargets() {
        Map<String, String> props = new HashMap<>();
        props.put("targets", "inside,added");
        props.put("targets.inside.url", "http://127.0.0.1:9100/metrics");
        props.put("targets.added.url", "http://127.0.0.1:9200/metrics");
        return props;
    }
}

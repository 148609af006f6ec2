package dev.telemetry.connect.common.config;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.types.Password;
import org.junit.jupiter.api.Test;

class ValidatorsTest {

    @Test
    void finiteRangeRefusesNaNAndInfinityNamingTheKey() {
        FiniteRange rate = FiniteRange.between(0.0, 1.0);
        assertThatCode(() -> rate.ensureValid("anomaly.rate", 0.5)).doesNotThrowAnyException();
        assertThatThrownBy(() -> rate.ensureValid("anomaly.rate", Double.NaN))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("anomaly.rate")
                .hasMessageContaining("finite");
        assertThatThrownBy(() -> FiniteRange.atLeast(0.0).ensureValid("rate.per.second", Double.POSITIVE_INFINITY))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("rate.per.second");
        assertThatThrownBy(() -> rate.ensureValid("anomaly.rate", 1.5))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("anomaly.rate")
                .hasMessageContaining("1.0");
    }

    @Test
    void regexValidatorNamesKeyAndPosition() {
        RegexValidator regex = new RegexValidator();
        assertThatCode(() -> regex.ensureValid("multiline.pattern", "^\\s+at ")).doesNotThrowAnyException();
        assertThatCode(() -> regex.ensureValid("multiline.pattern", "")).doesNotThrowAnyException();
        assertThatThrownBy(() -> regex.ensureValid("multiline.pattern", "ab(c"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("multiline.pattern")
                .hasMessageContaining("position 4");
    }

    @Test
    void urlValidatorInItsThreeForms() {
        assertThatCode(() -> HttpUrlValidator.url().ensureValid("webhook.url", "https://h:8443/x"))
                .doesNotThrowAnyException();
        assertThatCode(() -> HttpUrlValidator.url().ensureValid("webhook.url", ""))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> HttpUrlValidator.url().ensureValid("webhook.url", "ftp://h/x"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("webhook.url")
                .hasMessageContaining("http");
        assertThatThrownBy(() -> HttpUrlValidator.url().ensureValid("webhook.url", "http://u:p@h/x"))
                .hasMessageContaining("credentials");
        assertThatThrownBy(() -> HttpUrlValidator.secretUrl()
                        .ensureValid("slack.webhook.url", new Password("ftp://hooks/T000/SECRET")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("slack.webhook.url")
                .satisfies(e -> org.assertj.core.api.Assertions.assertThat(e.getMessage())
                        .doesNotContain("SECRET"));
        assertThatThrownBy(() ->
                        HttpUrlValidator.urlList().ensureValid("alertmanager.urls", List.of("http://a:9093", "nohost")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("nohost");
    }

    @Test
    void topicNameValidatorFollowsKafkasRules() {
        TopicNameValidator topics = new TopicNameValidator();
        assertThatCode(() -> topics.ensureValid("topic.logs", "application_logs"))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> topics.ensureValid("topic.logs", "..")).hasMessageContaining("topic.logs");
        assertThatThrownBy(() -> topics.ensureValid("topic.logs", "a b")).isInstanceOf(ConfigException.class);
    }
}

package dev.telemetry.connect.source.logfile;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class LogLevelsTest {

    @Test
    void frameworkNamesNormaliseToTheBundlesLevels() {
        assertThat(LogLevels.normalise("WARN")).isEqualTo("WARNING");
        assertThat(LogLevels.normalise(" warning ")).isEqualTo("WARNING");
        assertThat(LogLevels.normalise("ERR")).isEqualTo("ERROR");
        assertThat(LogLevels.normalise("SEVERE")).isEqualTo("ERROR");
        assertThat(LogLevels.normalise("fatal")).isEqualTo("ERROR");
        assertThat(LogLevels.normalise("CRITICAL")).isEqualTo("ERROR");
        assertThat(LogLevels.normalise("FINE")).isEqualTo("DEBUG");
        assertThat(LogLevels.normalise("FINEST")).isEqualTo("TRACE");
        assertThat(LogLevels.normalise("notice")).isEqualTo("INFO");
        assertThat(LogLevels.normalise("Information")).isEqualTo("INFO");
        assertThat(LogLevels.normalise("loud")).isNull();
        assertThat(LogLevels.normalise("")).isNull();
        assertThat(LogLevels.normalise(null)).isNull();
    }

    @Test
    void syslogSeveritiesAndHttpStatuses() {
        assertThat(LogLevels.ofSyslogPriority(8 * 3 + 3)).isEqualTo("ERROR");
        assertThat(LogLevels.ofSyslogPriority(8 * 3)).isEqualTo("ERROR");
        assertThat(LogLevels.ofSyslogPriority(8 * 20 + 4)).isEqualTo("WARNING");
        assertThat(LogLevels.ofSyslogPriority(8 * 20 + 5)).isEqualTo("INFO");
        assertThat(LogLevels.ofSyslogPriority(8 * 20 + 7)).isEqualTo("DEBUG");
        assertThat(LogLevels.ofHttpStatus(500)).isEqualTo("ERROR");
        assertThat(LogLevels.ofHttpStatus(429)).isEqualTo("WARNING");
        assertThat(LogLevels.ofHttpStatus(302)).isEqualTo("INFO");
    }

    @Property
    void normalisingIsCaseInsensitiveAndIdempotent(@ForAll("levelNames") String name, @ForAll boolean upper) {
        String normalised = LogLevels.normalise(upper ? name.toUpperCase(Locale.ROOT) : name.toLowerCase(Locale.ROOT));
        assertThat(normalised).isIn(LogLevels.NORMALISED);
        assertThat(LogLevels.normalise(normalised)).isEqualTo(normalised);
    }

    @Property
    void everyValueIsEitherALevelOrNull(@ForAll String anything) {
        String normalised = LogLevels.normalise(anything);
        if (normalised != null) {
            assertThat(normalised).isIn(LogLevels.NORMALISED);
        }
    }

    @Provide
    Arbitrary<String> levelNames() {
        return Arbitraries.of(
                "trace",
                "finest",
                "finer",
                "debug",
                "fine",
                "config",
                "info",
                "notice",
                "warn",
                "warning",
                "err",
                "error",
                "severe",
                "fatal",
                "critical",
                "crit",
                "alert",
                "emerg",
                "panic");
    }
}

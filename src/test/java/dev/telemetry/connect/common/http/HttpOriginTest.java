package dev.telemetry.connect.common.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.api.Test;

class HttpOriginTest {

    @Test
    void anOriginIsSchemeHostAndPortWithDefaultPortsFilledIn() {
        URI base = URI.create("https://Exporter.example:443/metrics?x=1");
        assertThat(HttpOrigin.same(base, URI.create("https://exporter.example/other")))
                .isTrue();
        assertThat(HttpOrigin.same(URI.create("http://h/m"), URI.create("http://h:80/n")))
                .isTrue();
        assertThat(HttpOrigin.same(base, URI.create("http://exporter.example:443/metrics")))
                .isFalse();
        assertThat(HttpOrigin.same(base, URI.create("https://exporter.example:8443/metrics")))
                .isFalse();
        assertThat(HttpOrigin.same(base, URI.create("https://evil.example/metrics")))
                .isFalse();
        assertThat(HttpOrigin.same(base, URI.create("/relative"))).isFalse();
    }
}

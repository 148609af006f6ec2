package dev.telemetry.connect.common.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NetworkAllowListTest {

    private static final Map<String, String> DNS = Map.of(
            "metadata.internal", "169.254.169.254",
            "exporter.local", "127.0.0.1",
            "rebound.example", "10.1.2.3,169.254.169.254");

    private static InetAddress[] resolve(String host) throws UnknownHostException {
        String addresses = DNS.get(host);
        if (addresses == null) {
            throw new UnknownHostException(host);
        }
        String[] literals = addresses.split(",");
        InetAddress[] result = new InetAddress[literals.length];
        for (int i = 0; i < literals.length; i++) {
            result[i] = InetAddress.getByName(literals[i]);
        }
        return result;
    }

    private static NetworkAllowList allowing(String... ranges) {
        return new NetworkAllowList(
                "telemetry.allowed.networks",
                List.of(ranges).stream().map(AddressRange::parse).toList(),
                NetworkAllowListTest::resolve);
    }

    private static InetAddress ip(String literal) throws UnknownHostException {
        return InetAddress.getByName(literal);
    }

    @Test
    void withoutAListMetadataAndLinkLocalAreRefusedAndTheRestAllowed() throws UnknownHostException {
        NetworkAllowList defaults = allowing();
        assertThat(defaults.refusal(ip("169.254.169.254")))
                .hasValueSatisfying(
                        reason -> assertThat(reason).contains("169.254.169.254", "telemetry.allowed.networks"));
        assertThat(defaults.refusal(ip("fd00:ec2::254"))).isPresent();
        assertThat(defaults.refusal(ip("fe80::1"))).isPresent();
        assertThat(defaults.refusal(ip("0.0.0.0"))).isPresent();
        assertThat(defaults.refusal(ip("224.0.0.1"))).isPresent();
        assertThat(defaults.refusal(ip("127.0.0.1"))).isEmpty();
        assertThat(defaults.refusal(ip("::1"))).isEmpty();
        assertThat(defaults.refusal(ip("10.0.0.5"))).isEmpty();
    }

    @Test
    void withAListOnlyItsRangesAreReached() throws UnknownHostException {
        NetworkAllowList list = allowing("10.0.0.0/8", "::1");
        assertThat(list.refusal(ip("10.200.3.4"))).isEmpty();
        assertThat(list.refusal(ip("::1"))).isEmpty();
        assertThat(list.refusal(ip("127.0.0.1")))
                .hasValueSatisfying(reason -> assertThat(reason).contains("outside", "10.0.0.0/8"));
        assertThat(list.refusal(ip("11.0.0.1"))).isPresent();
    }

    @Test
    void aBroadListDoesNotOpenMetadataButANamedRangeDoes() throws UnknownHostException {
        assertThat(allowing("0.0.0.0/0").refusal(ip("169.254.169.254"))).isPresent();
        assertThat(allowing("0.0.0.0/0").refusal(ip("8.8.8.8"))).isEmpty();
        assertThat(allowing("169.254.10.0/24").refusal(ip("169.254.10.7"))).isEmpty();
    }

    @Test
    void aHostIsRefusedWhenAnyOfItsAddressesIs() {
        NetworkAllowList defaults = allowing();
        assertThat(defaults.hostRefusal("metadata.internal"))
                .hasValueSatisfying(
                        reason -> assertThat(reason).startsWith("metadata.internal resolves to 169.254.169.254"));
        assertThat(defaults.hostRefusal("rebound.example")).isPresent();
        assertThat(defaults.hostRefusal("exporter.local")).isEmpty();
        assertThat(allowing("10.0.0.0/8").hostRefusal("exporter.local")).isPresent();
        assertThat(defaults.hostRefusal("does-not-resolve")).isEmpty();
    }

    @Test
    void rangesParseLiteralsOnly() throws UnknownHostException {
        assertThat(AddressRange.parse("192.168.1.77/24").contains(ip("192.168.1.1")))
                .isTrue();
        assertThat(AddressRange.parse("192.168.1.77/24").contains(ip("192.168.2.1")))
                .isFalse();
        assertThat(AddressRange.parse("2001:db8::/32").contains(ip("2001:db8:1::1")))
                .isTrue();
        assertThat(AddressRange.parse("127.0.0.1").contains(ip("127.0.0.2"))).isFalse();
        assertThat(AddressRange.parse("10.0.0.0/8").contains(ip("::ffff:10.0.0.1")))
                .as("an IPv4-mapped literal is an IPv4 address in Java")
                .isTrue();
        assertThat(AddressRange.parse("10.0.0.0/8").covers(AddressRange.parse("10.1.0.0/16")))
                .isTrue();
        assertThat(AddressRange.parse("10.1.0.0/16").covers(AddressRange.parse("10.0.0.0/8")))
                .isFalse();
        assertThatThrownBy(() -> AddressRange.parse("localhost")).hasMessageContaining("'localhost'");
        assertThatThrownBy(() -> AddressRange.parse("10.0.0.0/33")).hasMessageContaining("0..32");
        assertThatThrownBy(() -> AddressRange.parse("10.0.0.0/x")).hasMessageContaining("prefix length");
    }
}

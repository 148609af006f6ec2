package dev.telemetry.connect.common.access;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Optional;

/**
 * The addresses a plugin may send HTTP requests to, as the worker's operator set them. With no list set, every
 * address is allowed except {@link #ALWAYS_REFUSED} (link-local, where cloud metadata services answer, and the
 * unspecified and multicast ranges); with a list, only addresses inside one of its ranges are, and a refused range only
 * when the list names a range inside it. Hosts are checked by every address they resolve to.
 */
public final class NetworkAllowList {

    /** Never reached unless a listed range lies inside them. */
    public static final List<AddressRange> ALWAYS_REFUSED = List.of(
            AddressRange.parse("169.254.0.0/16"),
            AddressRange.parse("fe80::/10"),
            AddressRange.parse("fd00:ec2::254/128"),
            AddressRange.parse("100.100.100.200/32"),
            AddressRange.parse("0.0.0.0/8"),
            AddressRange.parse("::/128"),
            AddressRange.parse("224.0.0.0/4"),
            AddressRange.parse("ff00::/8"));

    private final String setting;
    private final List<AddressRange> allowed;
    private final HostResolver resolver;

    NetworkAllowList(String setting, List<AddressRange> allowed, HostResolver resolver) {
        this.setting = setting;
        this.allowed = List.copyOf(allowed);
        this.resolver = resolver;
    }

    public boolean configured() {
        return !allowed.isEmpty();
    }

    public List<AddressRange> ranges() {
        return allowed;
    }

    /** Why {@code address} may not be reached, or empty when it may. */
    public Optional<String> refusal(InetAddress address) {
        AddressRange refused = ALWAYS_REFUSED.stream()
                .filter(range -> range.contains(address))
                .findFirst()
                .orElse(null);
        if (!configured()) {
            return refused == null
                    ? Optional.empty()
                    : Optional.of(address.getHostAddress() + " is in " + refused + " (link-local, metadata, unspecified"
                            + " or multicast), which is never reached unless the worker's operator allows it in "
                            + setting);
        }
        boolean inside = allowed.stream()
                .anyMatch(range -> range.contains(address) && (refused == null || refused.covers(range)));
        return inside
                ? Optional.empty()
                : Optional.of(address.getHostAddress() + " is outside the networks the worker's operator allows in "
                        + setting + " " + allowed);
    }

    /**
     * Why {@code host} may not be reached, or empty when it may: refused when any address it resolves to is, so a name
     * that also points at metadata is refused. A host that does not resolve now is not refused here; the request will
     * fail on its own and is checked again then.
     */
    public Optional<String> hostRefusal(String host) {
        InetAddress[] addresses;
        try {
            addresses = resolver.resolve(host);
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
        for (InetAddress address : addresses) {
            Optional<String> refusal = refusal(address);
            if (refusal.isPresent()) {
                boolean literal = host.equals(address.getHostAddress()) || host.startsWith("[");
                return Optional.of(literal ? refusal.get() : host + " resolves to " + refusal.get());
            }
        }
        return Optional.empty();
    }

    /** Name resolution, replaceable in tests. */
    @FunctionalInterface
    interface HostResolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }
}

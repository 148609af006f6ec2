package dev.telemetry.connect.common.access;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

/** A CIDR range of IPv4 or IPv6 addresses, such as {@code 10.0.0.0/8} or {@code ::1/128}; a bare address is a /32 or /128. */
public final class AddressRange {

    private final byte[] network;
    private final int prefixLength;
    private final String text;

    private AddressRange(byte[] network, int prefixLength, String text) {
        this.network = network;
        this.prefixLength = prefixLength;
        this.text = text;
    }

    /**
     * Parses a range written as an address literal with an optional prefix length; never looks a name up.
     *
     * @throws IllegalArgumentException naming the text when it is not such a range
     */
    public static AddressRange parse(String cidr) {
        String trimmed = cidr.trim();
        int slash = trimmed.indexOf('/');
        String address = slash < 0 ? trimmed : trimmed.substring(0, slash);
        byte[] bytes = literal(address, cidr);
        int bits = bytes.length * 8;
        int prefix;
        try {
            prefix = slash < 0 ? bits : Integer.parseInt(trimmed.substring(slash + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + cidr + "' has no whole prefix length after the '/'");
        }
        if (prefix < 0 || prefix > bits) {
            throw new IllegalArgumentException("'" + cidr + "' has a prefix length outside 0.." + bits);
        }
        return new AddressRange(masked(bytes, prefix), prefix, trimmed);
    }

    public boolean contains(InetAddress address) {
        byte[] bytes = address.getAddress();
        return bytes.length == network.length && Arrays.equals(masked(bytes, prefixLength), network);
    }

    /** Whether every address of {@code other} is in this range. */
    public boolean covers(AddressRange other) {
        return other.network.length == network.length
                && other.prefixLength >= prefixLength
                && Arrays.equals(masked(other.network, prefixLength), network);
    }

    @Override
    public String toString() {
        return text;
    }

    /** An IP literal's bytes; refuses host names, since parsing a range must not depend on DNS. */
    private static byte[] literal(String address, String cidr) {
        boolean ipv4 = address.matches("\\d{1,3}(\\.\\d{1,3}){3}");
        boolean ipv6 = address.contains(":") && address.matches("[0-9A-Fa-f:.]+");
        if (!ipv4 && !ipv6) {
            throw new IllegalArgumentException("'" + cidr + "' is not an IPv4 or IPv6 address range");
        }
        try {
            return InetAddress.getByName(address).getAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("'" + cidr + "' is not an IPv4 or IPv6 address range");
        }
    }

    private static byte[] masked(byte[] bytes, int prefix) {
        byte[] result = bytes.clone();
        for (int i = 0; i < result.length; i++) {
            int keep = Math.max(0, Math.min(8, prefix - i * 8));
            result[i] &= (byte) (0xFF << (8 - keep));
        }
        return result;
    }
}

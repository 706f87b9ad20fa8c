package dev.kiln.testkit.ec2.internal.state;

/** IPv4 CIDR containment, e.g. {@code 0.0.0.0/0} contains every address. */
final class Cidr {
    private Cidr() {
    }

    static boolean contains(String cidr, String address) {
        String[] parts = cidr.split("/");
        int bits = parts.length == 2 ? Integer.parseInt(parts[1]) : 32;
        long mask = bits == 0 ? 0 : (0xFFFFFFFFL << (32 - bits)) & 0xFFFFFFFFL;
        return (toLong(parts[0]) & mask) == (toLong(address) & mask);
    }

    static boolean valid(String cidr) {
        return cidr.matches("(\\d{1,3}\\.){3}\\d{1,3}(/\\d{1,2})?");
    }

    private static long toLong(String address) {
        long value = 0;
        for (String octet : address.split("\\.")) {
            value = (value << 8) | Integer.parseInt(octet);
        }
        return value;
    }
}

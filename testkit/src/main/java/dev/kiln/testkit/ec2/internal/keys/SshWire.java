package dev.kiln.testkit.ec2.internal.keys;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** The SSH wire encoding (RFC 4251): uint32, string and mpint, written and read. */
final class SshWire {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    SshWire uint32(int value) {
        out.write(value >>> 24);
        out.write(value >>> 16);
        out.write(value >>> 8);
        out.write(value);
        return this;
    }

    SshWire string(byte[] bytes) {
        uint32(bytes.length);
        out.writeBytes(bytes);
        return this;
    }

    SshWire string(String text) {
        return string(text.getBytes(StandardCharsets.UTF_8));
    }

    SshWire mpint(BigInteger value) {
        return string(value.toByteArray());
    }

    SshWire raw(byte[] bytes) {
        out.writeBytes(bytes);
        return this;
    }

    int size() {
        return out.size();
    }

    byte[] bytes() {
        return out.toByteArray();
    }

    /** Reads the fields of an SSH blob in order. */
    static final class Reader {
        private final ByteBuffer in;

        Reader(byte[] blob) {
            in = ByteBuffer.wrap(blob);
        }

        byte[] string() {
            int length = in.getInt();
            if (length < 0 || length > in.remaining()) {
                throw new IllegalArgumentException("truncated SSH blob");
            }
            byte[] bytes = new byte[length];
            in.get(bytes);
            return bytes;
        }

        String text() {
            return new String(string(), StandardCharsets.UTF_8);
        }

        BigInteger mpint() {
            return new BigInteger(string());
        }
    }
}

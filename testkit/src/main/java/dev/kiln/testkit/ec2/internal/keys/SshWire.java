package dev.kiln.testkit.ec2.internal.keys;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** The SSH wire encoding (RFC 4251): uint32, string and mpint, written and read; public for tests' key blobs. */
public final class SshWire {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    /** An empty blob to write fields into. */
    public SshWire() {
    }

    SshWire uint32(int value) {
        out.write(value >>> 24);
        out.write(value >>> 16);
        out.write(value >>> 8);
        out.write(value);
        return this;
    }

    /** Writes an SSH string: its length, then its bytes. */
    public SshWire string(byte[] bytes) {
        uint32(bytes.length);
        out.writeBytes(bytes);
        return this;
    }

    /** Writes {@code text} as an SSH string of its UTF-8 bytes. */
    public SshWire string(String text) {
        return string(text.getBytes(StandardCharsets.UTF_8));
    }

    /** Writes an SSH mpint: a two's complement big-endian integer as a string. */
    public SshWire mpint(BigInteger value) {
        return string(value.toByteArray());
    }

    SshWire raw(byte[] bytes) {
        out.writeBytes(bytes);
        return this;
    }

    int size() {
        return out.size();
    }

    /** The blob written so far. */
    public byte[] bytes() {
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

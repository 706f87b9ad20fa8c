package dev.kiln.docker.internal;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;

/** Reads an HTTP/1.1 chunked body as the bytes it carries; ends at the zero-length chunk. */
final class ChunkedInput extends InputStream {
    private final InputStream in;
    private long left;
    private boolean done;

    ChunkedInput(InputStream in) {
        this.in = in;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        if (done) {
            return -1;
        }
        if (left == 0) {
            left = nextChunkSize();
            if (left == 0) {
                done = true;
                while (!sizeLine().isEmpty()) {
                    // trailers, ignored
                }
                return -1;
            }
        }
        int n = in.read(b, off, (int) Math.min(len, left));
        if (n < 0) {
            throw new EOFException("the Docker daemon closed the connection inside a chunk");
        }
        left -= n;
        if (left == 0) {
            sizeLine();
        }
        return n;
    }

    private long nextChunkSize() throws IOException {
        String line = sizeLine();
        int semicolon = line.indexOf(';');
        String hex = (semicolon < 0 ? line : line.substring(0, semicolon)).trim();
        try {
            return Long.parseLong(hex, 16);
        } catch (NumberFormatException e) {
            throw new IOException("bad chunk size from the Docker daemon: " + line, e);
        }
    }

    private String sizeLine() throws IOException {
        StringBuilder s = new StringBuilder();
        for (int c = in.read(); c != '\n'; c = in.read()) {
            if (c < 0) {
                throw new EOFException("the Docker daemon closed the connection inside a chunked answer");
            }
            if (c != '\r') {
                s.append((char) c);
            }
        }
        return s.toString();
    }
}

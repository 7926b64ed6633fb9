package dev.baton.orchestrator.runtime.limiter;

import dev.baton.engine.dispatch.TaskLimits;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A task command held back by its definition's limits, as kept in the limiter's store: where it
 * goes, the record to send, and the limits it was dispatched under.
 */
record HeldCommand(
        String taskId,
        String topic,
        String key,
        byte[] value,
        List<Header> headers,
        TaskLimits limits,
        long timestamp) {
    private static final byte VERSION = 1;

    record Header(String key, byte[] value) {}

    byte[] encode() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256 + (value == null ? 0 : value.length));
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(VERSION);
            string(out, taskId);
            string(out, topic);
            string(out, key);
            bytes(out, value);
            out.writeInt(headers.size());
            for (Header h : headers) {
                string(out, h.key());
                bytes(out, h.value());
            }
            out.writeInt(limits.concurrentExecLimit());
            out.writeInt(limits.rateLimitPerFrequency());
            out.writeInt(limits.rateLimitFrequencyInSeconds());
            out.writeLong(timestamp);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static HeldCommand decode(byte[] encoded) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(encoded))) {
            byte version = in.readByte();
            if (version != VERSION) {
                throw new IllegalStateException("held command of unknown version " + version);
            }
            String taskId = string(in);
            String topic = string(in);
            String key = string(in);
            byte[] value = bytes(in);
            int n = in.readInt();
            List<Header> headers = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                headers.add(new Header(string(in), bytes(in)));
            }
            TaskLimits limits = new TaskLimits(in.readInt(), in.readInt(), in.readInt());
            return new HeldCommand(taskId, topic, key, value, List.copyOf(headers), limits, in.readLong());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void string(DataOutputStream out, String s) throws IOException {
        bytes(out, s == null ? null : s.getBytes(StandardCharsets.UTF_8));
    }

    private static void bytes(DataOutputStream out, byte[] b) throws IOException {
        if (b == null) {
            out.writeInt(-1);
        } else {
            out.writeInt(b.length);
            out.write(b);
        }
    }

    private static String string(DataInputStream in) throws IOException {
        byte[] b = bytes(in);
        return b == null ? null : new String(b, StandardCharsets.UTF_8);
    }

    private static byte[] bytes(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n < 0) {
            return null;
        }
        byte[] b = new byte[n];
        in.readFully(b);
        return b;
    }
}

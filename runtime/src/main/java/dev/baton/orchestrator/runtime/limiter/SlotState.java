package dev.baton.orchestrator.runtime.limiter;

import dev.baton.engine.dispatch.TaskLimits;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.TreeMap;

/**
 * The counters of one limit key (task definition name): commands held, tasks holding a slot, and
 * the hand-outs of the recent past (a sliding window, kept as counts per time bucket). A bucket
 * is dated at its end, so a hand-out counts for up to one bucket longer than its window, never
 * shorter: the rate is never exceeded.
 */
final class SlotState {
    private static final byte VERSION = 1;
    /** A window is kept in at most about this many buckets. */
    private static final int BUCKETS_PER_WINDOW = 100;

    /** Sequence number of the next command held (the queue's order). */
    long nextSeq;
    /** Commands held. */
    int held;
    /** Tasks released and not ended yet. */
    int inFlight;
    /** The longest rate window seen: hand-outs older than it are forgotten. */
    long windowMs;
    /** Hand-outs: bucket end time → count. */
    final TreeMap<Long, Integer> handedOut = new TreeMap<>();

    /** Whether the limits a command was dispatched under let it go now. */
    boolean allows(TaskLimits limits, long now) {
        if (limits.concurrencyLimited() && inFlight >= limits.concurrentExecLimit()) {
            return false;
        }
        return !limits.rateLimited() || handedOutSince(now - limits.windowMillis()) < limits.rateLimitPerFrequency();
    }

    /** A command held under these limits: the window is kept long enough for them. */
    void widen(TaskLimits limits) {
        if (limits.rateLimited()) {
            windowMs = Math.max(windowMs, limits.windowMillis());
        }
    }

    /** A command went out now. */
    void released(long now) {
        held--;
        inFlight++;
        if (windowMs > 0) {
            long bucket = Math.max(1, windowMs / BUCKETS_PER_WINDOW);
            long end = Math.floorDiv(now, bucket) * bucket + bucket;
            handedOut.merge(end, 1, Integer::sum);
        }
    }

    /** Hand-outs dated after {@code from}. */
    int handedOutSince(long from) {
        int n = 0;
        for (int c : handedOut.tailMap(from, false).values()) {
            n += c;
        }
        return n;
    }

    /** Forgets hand-outs that no window still counts. */
    void prune(long now) {
        handedOut.headMap(now - windowMs, true).clear();
    }

    /** Nothing held, nothing in flight, nothing in the window: the state need not be kept. */
    boolean empty() {
        return held <= 0 && inFlight <= 0 && handedOut.isEmpty();
    }

    byte[] encode() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 + handedOut.size() * 12);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(VERSION);
            out.writeLong(nextSeq);
            out.writeInt(held);
            out.writeInt(inFlight);
            out.writeLong(windowMs);
            out.writeInt(handedOut.size());
            for (Map.Entry<Long, Integer> e : handedOut.entrySet()) {
                out.writeLong(e.getKey());
                out.writeInt(e.getValue());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static SlotState decode(byte[] encoded) {
        SlotState s = new SlotState();
        if (encoded == null) {
            return s;
        }
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(encoded))) {
            byte version = in.readByte();
            if (version != VERSION) {
                throw new IllegalStateException("slot state of unknown version " + version);
            }
            s.nextSeq = in.readLong();
            s.held = in.readInt();
            s.inFlight = in.readInt();
            s.windowMs = in.readLong();
            int n = in.readInt();
            for (int i = 0; i < n; i++) {
                s.handedOut.put(in.readLong(), in.readInt());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return s;
    }
}

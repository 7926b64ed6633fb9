package dev.baton.orchestrator.history;

import io.micronaut.context.annotation.ConfigurationProperties;

/**
 * Limits of reading an instance's history from {@code baton.events}, under {@code baton.history.*}.
 * A read seeks the instance's partition to a little before the instance started and reads
 * forward until it has the instance's last event, the end of the partition, or a limit.
 */
@ConfigurationProperties("baton.history")
public class HistorySettings {
    /** The most events one read returns (the oldest ones first). */
    private int maxEvents = 5000;
    /** The most records of the partition one read looks at. */
    private int maxScannedRecords = 2_000_000;
    /** How long one read may take. */
    private long readTimeoutMs = 5000;
    /** How far before the instance's start the read begins (record timestamps can precede the start). */
    private long seekMarginMs = 10 * 60_000L;
    /** How many reads run at once on a node; more wait up to the read timeout, then get 503. */
    private int concurrentReads = 4;
    /** How many live streams a node serves at once; more get 503. */
    private int maxStreams = 200;
    /** The interval of keep-alive comments on a live stream. */
    private long keepAliveMs = 15_000;

    public int getMaxEvents() {
        return maxEvents;
    }

    public void setMaxEvents(int maxEvents) {
        this.maxEvents = maxEvents;
    }

    public int getMaxScannedRecords() {
        return maxScannedRecords;
    }

    public void setMaxScannedRecords(int maxScannedRecords) {
        this.maxScannedRecords = maxScannedRecords;
    }

    public long getReadTimeoutMs() {
        return readTimeoutMs;
    }

    public void setReadTimeoutMs(long readTimeoutMs) {
        this.readTimeoutMs = readTimeoutMs;
    }

    public long getSeekMarginMs() {
        return seekMarginMs;
    }

    public void setSeekMarginMs(long seekMarginMs) {
        this.seekMarginMs = seekMarginMs;
    }

    public int getConcurrentReads() {
        return concurrentReads;
    }

    public void setConcurrentReads(int concurrentReads) {
        this.concurrentReads = concurrentReads;
    }

    public int getMaxStreams() {
        return maxStreams;
    }

    public void setMaxStreams(int maxStreams) {
        this.maxStreams = maxStreams;
    }

    public long getKeepAliveMs() {
        return keepAliveMs;
    }

    public void setKeepAliveMs(long keepAliveMs) {
        this.keepAliveMs = keepAliveMs;
    }
}

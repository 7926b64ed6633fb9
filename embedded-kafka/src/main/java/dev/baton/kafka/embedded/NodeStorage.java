package dev.baton.kafka.embedded;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.Feature;
import org.apache.kafka.server.common.MetadataVersion;

/**
 * Formats a node's KRaft log directory (the programmatic equivalent of {@code kafka-storage.sh format})
 * and reads back the cluster id of an already formatted one.
 */
final class NodeStorage {

    static final String META_PROPERTIES = "meta.properties";

    private NodeStorage() {}

    static boolean isFormatted(Path logDir) {
        return Files.isRegularFile(logDir.resolve(META_PROPERTIES));
    }

    /** The cluster id recorded in {@code logDir/meta.properties}, if the directory is formatted. */
    static Optional<String> clusterId(Path logDir) {
        if (!isFormatted(logDir)) {
            return Optional.empty();
        }
        Properties props = new Properties();
        try (InputStream in = Files.newInputStream(logDir.resolve(META_PROPERTIES))) {
            props.load(in);
        } catch (IOException e) {
            throw new EmbeddedKafkaException("cannot read " + logDir.resolve(META_PROPERTIES), e);
        }
        return Optional.ofNullable(props.getProperty("cluster.id"));
    }

    /** Formats {@code logDir} for a static-quorum node (kraft.version 0) at the latest production metadata version. */
    static void format(Path logDir, int nodeId, String clusterId, String controllerListenerName) {
        Directories.create(logDir);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8)) {
            new Formatter()
                    .setPrintStream(print)
                    .setSupportedFeatures(Feature.PRODUCTION_FEATURES)
                    .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
                    .setNodeId(nodeId)
                    .setClusterId(clusterId)
                    .setControllerListenerName(controllerListenerName)
                    .addDirectory(logDir.toString())
                    .setMetadataLogDirectory(logDir.toString())
                    .run();
        } catch (Exception e) {
            throw new EmbeddedKafkaException(
                    "cannot format " + logDir + ": " + out.toString(StandardCharsets.UTF_8), e);
        }
    }
}

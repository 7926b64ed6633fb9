package dev.baton.orchestrator.query;

import dev.baton.orchestrator.config.BatonConfig;
import dev.baton.orchestrator.runtime.StreamsRuntime;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.env.Environment;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import io.micronaut.runtime.server.event.ServerStartupEvent;
import jakarta.inject.Singleton;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Set;
import org.apache.kafka.streams.state.HostInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts Kafka Streams advertising this node's HTTP address, so that other nodes can forward
 * queries to it: at context start when {@code micronaut.server.port} is a fixed port (as before,
 * a context that never starts its server included), otherwise when the HTTP server has started
 * and its random port is known. Host: {@code baton.advertised-host}, else {@code micronaut.server.host},
 * else 127.0.0.1.
 */
@Singleton
@Requires(beans = StreamsRuntime.class)
public class StreamsStartup {
    private static final Logger LOG = LoggerFactory.getLogger(StreamsStartup.class);
    private static final Set<String> WILDCARDS = Set.of("0.0.0.0", "::", "[::]", "0:0:0:0:0:0:0:0");

    private final StreamsRuntime runtime;
    private final String host;
    private final int configuredPort;

    public StreamsStartup(StreamsRuntime runtime, BatonConfig config, Environment environment) {
        this.runtime = runtime;
        this.host = advertisedHost(
                config.getAdvertisedHost(),
                environment.getProperty("micronaut.server.host", String.class).orElse(""));
        this.configuredPort =
                environment.getProperty("micronaut.server.port", Integer.class).orElse(-1);
    }

    @EventListener
    void onStartup(StartupEvent event) {
        if (configuredPort > 0) {
            runtime.start(new HostInfo(host, configuredPort));
        } else {
            LOG.info("Random HTTP port: Kafka Streams starts once the HTTP server has started");
        }
    }

    @EventListener
    void onServerStartup(ServerStartupEvent event) {
        runtime.start(new HostInfo(host, event.getSource().getPort()));
    }

    static String advertisedHost(String advertised, String serverHost) {
        if (advertised != null && !advertised.isBlank()) {
            return advertised.trim();
        }
        if (serverHost == null || serverHost.isBlank()) {
            return "127.0.0.1";
        }
        if (WILDCARDS.contains(serverHost.trim())) {
            try {
                String name = InetAddress.getLocalHost().getHostName();
                LOG.warn(
                        "micronaut.server.host is {}: advertising {} to other nodes; set baton.advertised-host "
                                + "to choose the address they should use",
                        serverHost,
                        name);
                return name;
            } catch (UnknownHostException e) {
                return "127.0.0.1";
            }
        }
        return serverHost.trim();
    }
}

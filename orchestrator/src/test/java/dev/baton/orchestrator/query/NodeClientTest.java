package dev.baton.orchestrator.query;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.streams.state.HostInfo;
import org.junit.jupiter.api.Test;

/** A node asks another for an instance with its credentials, and without any when authentication is off. */
class NodeClientTest {

    @Test
    void forwardsAQueryWithAndWithoutCredentials() throws Exception {
        List<String> authorizations = new CopyOnWriteArrayList<>();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/internal/instances/", exchange -> {
            authorizations.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
            byte[] body = "{\"id\":\"wf-1\"}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        try {
            HostInfo node = new HostInfo("127.0.0.1", server.getAddress().getPort());
            NodeClient.Lookup open = new NodeClient(Duration.ofSeconds(5), Map::of).get(node, "wf-1", 0, false);
            assertThat(open.reason()).isNull();
            assertThat(new String(open.bytes(), StandardCharsets.UTF_8)).isEqualTo("{\"id\":\"wf-1\"}");
            NodeClient.Lookup signed = new NodeClient(Duration.ofSeconds(5), () -> Map.of("Authorization", "Bearer t"))
                    .get(node, "wf-1", 0, false);
            assertThat(signed.bytes()).isNotNull();
            assertThat(authorizations).containsExactly("null", "Bearer t");
        } finally {
            server.stop(0);
        }
    }
}

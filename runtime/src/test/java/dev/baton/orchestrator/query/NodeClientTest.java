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

/** A node asks another for an instance (with its credentials, and without any when authentication is off), a search's keys and a page by key. */
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

    @Test
    void asksForKeysAndThenReadsOnlyThePageByKey() throws Exception {
        List<String> asked = new CopyOnWriteArrayList<>();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/internal/instances/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            asked.add(exchange.getRequestURI().getPath() + "?"
                    + exchange.getRequestURI().getQuery() + " " + body);
            byte[] answer = (exchange.getRequestURI().getPath().endsWith("/search")
                            ? "{\"total\":9,\"results\":[],\"partitions\":[3],\"keys\":[{\"workflowId\":\"w\",\"startTime\":5,\"partition\":3}]}"
                            : "{\"found\":[{\"workflowId\":\"w\",\"startTime\":5}],\"absent\":[\"x\"]}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        server.start();
        try {
            HostInfo node = new HostInfo("127.0.0.1", server.getAddress().getPort());
            NodeClient client = new NodeClient(Duration.ofSeconds(5), Map::of);
            PartialSearch answer = client.search(node, InstanceSearch.all(90, 10), List.of(3), true)
                    .join();
            assertThat(answer.total()).isEqualTo(9);
            assertThat(answer.keys()).containsExactly(new PartialSearch.Key("w", 5, 3));
            InstanceReads reads = client.read(node, answer.keys(), true).join();
            assertThat(reads.found()).extracting(w -> w.workflowId).containsExactly("w");
            assertThat(reads.absent()).containsExactly("x");
            assertThat(asked.get(0)).startsWith("/internal/instances/search?partitions=3&stale=true&keys=true {");
            assertThat(asked.get(1))
                    .isEqualTo("/internal/instances/read?stale=true "
                            + "[{\"workflowId\":\"w\",\"startTime\":5,\"partition\":3}]");
        } finally {
            server.stop(0);
        }
    }
}

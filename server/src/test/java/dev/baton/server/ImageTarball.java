package dev.baton.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * An image tarball as Jib writes it ({@code docker load} format): {@code manifest.json} names the
 * config and the layers, each a gzipped tar. Read with the system's {@code tar}.
 */
final class ImageTarball {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path tarball;
    private final JsonNode manifest;
    private final JsonNode config;

    ImageTarball(Path tarball) throws IOException, InterruptedException {
        this.tarball = tarball;
        this.manifest = JSON.readTree(read("manifest.json")).get(0);
        this.config = JSON.readTree(read(manifest.path("Config").asText()));
    }

    /** The image configuration (its {@code config} part: Entrypoint, User, Env, ExposedPorts, Labels). */
    JsonNode containerConfig() {
        return config.path("config");
    }

    /** The whole configuration file (rootfs, history). */
    JsonNode configFile() {
        return config;
    }

    /** The layer files, base layers first. */
    List<String> layers() {
        List<String> out = new ArrayList<>();
        manifest.path("Layers").forEach(l -> out.add(l.asText()));
        return out;
    }

    /** The paths in one layer, as {@code tar -t} lists them. */
    List<String> contents(String layer) throws IOException, InterruptedException {
        Path tmp = Files.createTempFile("layer", ".tar.gz");
        try {
            Files.write(
                    tmp, run(List.of("tar", "--warning=no-unknown-keyword", "-xOf", tarball.toString(), layer), true));
            return new String(
                            run(List.of("tar", "--warning=no-unknown-keyword", "-tzf", tmp.toString()), true),
                            StandardCharsets.UTF_8)
                    .lines()
                    .filter(l -> !l.isBlank())
                    .toList();
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Unpacks every layer, in order, into {@code root} (as the container runtime would), keeping modes. */
    void unpack(Path root) throws IOException, InterruptedException {
        Files.createDirectories(root);
        Path layers = Files.createTempDirectory("image-layers");
        run(List.of("tar", "--warning=no-unknown-keyword", "-xf", tarball.toString(), "-C", layers.toString()), false);
        for (String layer : layers()) {
            run(
                    List.of(
                            "tar",
                            "--warning=no-unknown-keyword",
                            "-xzpf",
                            layers.resolve(layer).toString(),
                            "-C",
                            root.toString()),
                    false);
        }
    }

    private String read(String entry) throws IOException, InterruptedException {
        return new String(
                run(List.of("tar", "--warning=no-unknown-keyword", "-xOf", tarball.toString(), entry), true),
                StandardCharsets.UTF_8);
    }

    private static byte[] run(List<String> command, boolean output) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command)
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        byte[] out = p.getInputStream().readAllBytes();
        if (p.waitFor() != 0) {
            throw new IOException(command + " exited with " + p.exitValue());
        }
        return output ? out : new byte[0];
    }
}

package dev.baton.buildrules;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** The fixture sources in src/test/resources/fixtures ({@code *.java.txt}, so that no build step compiles or checks them). */
final class Fixtures {
    private Fixtures() {}

    /** A fixture's text. */
    static String text(String name) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/fixtures/" + name + ".java.txt")) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes a fixture as {@code <sourceRoot>/<its package as folders>/<simple name>.java}; returns the file. */
    static Path writeAsSource(String name, Path sourceRoot) {
        String text = text(name);
        String pkg = text.lines()
                .filter(l -> l.startsWith("package "))
                .findFirst()
                .orElseThrow()
                .substring("package ".length())
                .replace(";", "")
                .trim();
        String simpleName = name.substring(name.lastIndexOf('/') + 1);
        try {
            Path dir = Files.createDirectories(sourceRoot.resolve(pkg.replace('.', '/')));
            return Files.writeString(dir.resolve(simpleName + ".java"), text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The repository's root folder (where config/ is). */
    static Path root() {
        String root = System.getProperty("baton.root");
        Path p = root == null || root.isBlank() ? Path.of("..") : Path.of(root);
        if (!Files.isDirectory(p.resolve("config/checkstyle"))) {
            throw new IllegalStateException("config/checkstyle not found under " + p.toAbsolutePath());
        }
        return p;
    }
}

package dev.baton.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class TempDirsTest {

    @Test
    void deleteRemovesAFolderWithItsContents() throws IOException {
        Path dir = TempDirs.deletedAtExit("temp-dirs-test");
        assertThat(dir).isEmptyDirectory();
        assertThat(dir.getFileName().toString()).startsWith("temp-dirs-test");
        Files.createDirectories(dir.resolve("a/b"));
        Files.writeString(dir.resolve("a/b/file"), "x");

        TempDirs.delete(dir);

        assertThat(dir).doesNotExist();
        TempDirs.delete(dir); // already gone: nothing to do, no error
    }

    @Test
    void aFolderMadeByAJvmIsGoneWhenItExits() throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), Child.class.getName())
                .redirectErrorStream(true)
                .start();
        assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
        List<String> lines = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8)
                .lines()
                .toList();
        assertThat(child.exitValue()).as(String.join("\n", lines)).isZero();
        Path made = Path.of(lines.get(lines.size() - 1));
        assertThat(made.getFileName().toString()).startsWith("temp-dirs-child");
        assertThat(made).doesNotExist();
    }

    /** Makes a folder with a file in it, prints its path and exits. */
    public static final class Child {
        public static void main(String[] args) throws IOException {
            Path dir = TempDirs.deletedAtExit("temp-dirs-child");
            Files.writeString(dir.resolve("file"), "x");
            System.out.println(dir);
        }
    }
}

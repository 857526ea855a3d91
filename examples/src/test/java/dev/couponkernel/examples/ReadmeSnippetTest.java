package dev.couponkernel.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The README's quick start is the compiled region of Demo.java between its tags, so it cannot rot. */
class ReadmeSnippetTest {

    @Test
    void quickStartMatchesTheCompiledDemo() throws IOException {
        String demo = Files.readString(Path.of("src/main/java/dev/couponkernel/examples/Demo.java"));
        String region = demo.substring(demo.indexOf("// tag::quickstart[]") + "// tag::quickstart[]".length(),
                demo.indexOf("// end::quickstart[]"));
        String readme = Files.readString(Path.of("../README.md"));
        int start = readme.indexOf("```java", readme.indexOf("## Quick start")) + "```java".length();
        String snippet = readme.substring(start, readme.indexOf("```", start));

        assertThat(normalize(snippet)).isEqualTo(normalize(region));
    }

    private static List<String> normalize(String code) {
        return code.lines().map(String::strip).filter(l -> !l.isEmpty()).collect(Collectors.toList());
    }
}

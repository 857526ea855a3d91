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
        assertThat(normalize(readmeSnippet("## Quick start"))).isEqualTo(normalize(demoRegion("quickstart")));
    }

    @Test
    void checkoutSnippetMatchesTheCompiledDemo() throws IOException {
        assertThat(normalize(readmeSnippet("## Checkout"))).isEqualTo(normalize(demoRegion("checkout")));
    }

    private static String demoRegion(String tag) throws IOException {
        String demo = Files.readString(Path.of("src/main/java/dev/couponkernel/examples/Demo.java"));
        String open = "// tag::" + tag + "[]";
        return demo.substring(demo.indexOf(open) + open.length(), demo.indexOf("// end::" + tag + "[]"));
    }

    private static String readmeSnippet(String heading) throws IOException {
        String readme = Files.readString(Path.of("../README.md"));
        int start = readme.indexOf("```java", readme.indexOf(heading)) + "```java".length();
        return readme.substring(start, readme.indexOf("```", start));
    }

    private static List<String> normalize(String code) {
        return code.lines().map(String::strip).filter(l -> !l.isEmpty()).collect(Collectors.toList());
    }
}

package dev.couponkernel.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every code block in docs/ marked {@code <!-- snippet: PATH TAG -->} is the region between {@code //
 * tag::TAG[]} and {@code // end::TAG[]} of that compiled file, so the guides cannot rot.
 */
class DocsSnippetTest {

    private static final Pattern SNIPPET = Pattern.compile("<!-- snippet: (\\S+) (\\S+) -->\\n```java\\n(.*?)```", Pattern.DOTALL);

    @Test
    void everyMarkedSnippetIsItsCompiledRegion() throws IOException {
        int checked = 0;
        List<Path> docs;
        try (Stream<Path> files = Files.list(Path.of("../docs"))) {
            docs = files.filter(p -> p.toString().endsWith(".md")).sorted().toList();
        }
        for (Path doc : docs) {
            String text = Files.readString(doc);
            Matcher m = SNIPPET.matcher(text);
            int found = 0;
            while (m.find()) {
                String source = Files.readString(Path.of("..", m.group(1)));
                String open = "// tag::" + m.group(2) + "[]";
                assertThat(source).as("%s names region %s of %s", doc, m.group(2), m.group(1)).contains(open);
                String region = source.substring(source.indexOf(open) + open.length(), source.indexOf("// end::" + m.group(2) + "[]"));
                assertThat(normalize(m.group(3))).as("snippet %s of %s in %s", m.group(2), m.group(1), doc)
                        .isEqualTo(normalize(region));
                found++;
            }
            assertThat(text.split("<!-- snippet:", -1).length - 1).as("every marker in %s is followed by its block", doc)
                    .isEqualTo(found);
            checked += found;
        }
        assertThat(checked).as("snippets checked").isGreaterThanOrEqualTo(12);
    }

    private static List<String> normalize(String code) {
        return code.lines().map(String::strip).filter(l -> !l.isEmpty()).collect(Collectors.toList());
    }
}

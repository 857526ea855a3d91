package dev.couponkernel.jackson;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Every example in docs/json.md marked {@code <!-- golden:NAME -->} is exactly that golden file. */
class JsonDocsTest {

    private static final Pattern EXAMPLE = Pattern.compile("<!-- golden:([a-z0-9-]+) -->\\n```json\\n(.*?)```", Pattern.DOTALL);

    @Test
    void theExamplesInTheDocsAreTheGoldenFiles() throws Exception {
        String doc = Files.readString(Path.of("../docs/json.md"), StandardCharsets.UTF_8);
        Matcher m = EXAMPLE.matcher(doc);
        int examples = 0;
        while (m.find()) {
            String golden = Files.readString(Path.of("src/test/resources/golden", m.group(1) + ".json"), StandardCharsets.UTF_8);
            assertThat(m.group(2)).as("the example %s in docs/json.md", m.group(1)).isEqualTo(golden);
            examples++;
        }
        assertThat(examples).as("examples found in docs/json.md").isGreaterThanOrEqualTo(14);
        int markers = doc.split("<!-- golden:", -1).length - 1;
        assertThat(markers).as("every marker is followed by its example").isEqualTo(examples);
    }
}

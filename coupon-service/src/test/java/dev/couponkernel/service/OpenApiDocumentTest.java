package dev.couponkernel.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.couponkernel.service.ServiceClient.Answer;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.yaml.snakeyaml.Yaml;

/**
 * The served OpenAPI document describes exactly the endpoints the application maps under {@code /v1}:
 * every documented operation exists, every mapped endpoint is documented, and every reference resolves.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class OpenApiDocumentTest {

    @LocalServerPort
    int port;

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    @SuppressWarnings("unchecked")
    private Map<String, Object> document() {
        Answer served = ServiceClient.anonymous(port).get("/v1/openapi.yaml");
        assertThat(served.status()).isEqualTo(200);
        assertThat(served.header("Content-Type")).startsWith("application/yaml");
        return new Yaml().load(served.body());
    }

    @Test
    @SuppressWarnings("unchecked")
    void theDocumentListsExactlyTheMappedEndpoints() {
        Map<String, Object> doc = document();
        assertThat(doc.get("openapi")).isEqualTo("3.1.0");
        Set<String> documented = new TreeSet<>();
        ((Map<String, Object>) doc.get("paths")).forEach((path, item) -> ((Map<String, Object>) item).keySet()
                .forEach(method -> documented.add(method.toUpperCase() + " " + path)));

        Set<String> mapped = new TreeSet<>();
        for (RequestMappingInfo info : mappings.getHandlerMethods().keySet()) {
            for (String path : info.getPatternValues()) {
                if (!path.startsWith("/v1/")) {
                    continue;
                }
                for (RequestMethod m : info.getMethodsCondition().getMethods()) {
                    mapped.add(m.name() + " " + path);
                }
            }
        }
        assertThat(mapped).isNotEmpty();
        assertThat(documented).isEqualTo(mapped);
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyReferenceResolvesAndEveryOperationHasAnIdAndAnswers() {
        Map<String, Object> doc = document();
        String text = new Yaml().dump(doc);
        java.util.regex.Matcher refs = java.util.regex.Pattern.compile("#/components/(\\w+)/(\\w+)").matcher(text);
        Map<String, Object> components = (Map<String, Object>) doc.get("components");
        int n = 0;
        while (refs.find()) {
            n++;
            Map<String, Object> section = (Map<String, Object>) components.get(refs.group(1));
            assertThat(section).as(refs.group()).isNotNull();
            assertThat(section).as(refs.group()).containsKey(refs.group(2));
        }
        assertThat(n).isGreaterThan(20);
        Set<String> ids = new TreeSet<>();
        ((Map<String, Object>) doc.get("paths")).forEach((path, item) -> ((Map<String, Object>) item).forEach((method, op) -> {
            Map<String, Object> operation = (Map<String, Object>) op;
            assertThat(operation).as(method + " " + path).containsKeys("operationId", "responses");
            assertThat(ids.add((String) operation.get("operationId"))).as("unique operationId " + operation.get("operationId")).isTrue();
        }));
    }
}

package dev.couponkernel.service.api;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Serves the OpenAPI 3.1 description of the REST API at {@code GET /v1/openapi.yaml}, open to anyone.
 * The document is written by hand beside the handlers; a test compares its paths and methods with the
 * endpoints the application really maps, both ways.
 *
 * <p>Thread-safe.
 */
@RestController
public class OpenApiDocument {

    /** Where the document lies on the class path. */
    public static final String RESOURCE = "openapi/coupon-service.yaml";

    private final String document;

    /** Reads the document once. */
    public OpenApiDocument() {
        try (InputStream in = new ClassPathResource(RESOURCE).getInputStream()) {
            this.document = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(RESOURCE + " is missing from the service's jar", e);
        }
    }

    /** @return the document */
    @GetMapping(path = "/v1/openapi.yaml", produces = "application/yaml")
    public ResponseEntity<String> document() {
        return ResponseEntity.ok().header("Content-Type", "application/yaml;charset=UTF-8").body(document);
    }
}

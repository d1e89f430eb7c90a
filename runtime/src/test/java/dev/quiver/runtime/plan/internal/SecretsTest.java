package dev.quiver.runtime.plan.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.quiver.api.config.Option;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SecretsTest {

    private static final Option<String> URL = Option.string("url", null);
    private static final Option<String> PASSWORD =
            Option.string("password", null).secret().describe("kept secret");

    @Test
    void secretValuesAreMaskedInACopyAndTheRestIsKept() {
        Map<String, Object> source = new LinkedHashMap<>(Map.of("type", "jdbc"));
        source.put("url", "jdbc:x://h/db");
        source.put("password", "hunter2");
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("version", 1);
        document.put("source", source);

        Map<String, Object> masked = Secrets.redact(document, "source", List.of(URL, PASSWORD));

        assertEquals(Map.of("type", "jdbc", "url", "jdbc:x://h/db", "password", "***"), masked.get("source"));
        assertEquals(1, masked.get("version"));
        assertEquals("hunter2", source.get("password"), "the document itself is not changed");
    }

    @Test
    void aDocumentWithNothingSecretWrittenIsReturnedAsIs() {
        Map<String, Object> document = Map.of("source", Map.of("type", "jdbc", "url", "jdbc:x://h/db"));
        assertSame(document, Secrets.redact(document, "source", List.of(URL, PASSWORD)));
        assertSame(document, Secrets.redact(document, "model", List.of(PASSWORD)));
    }

    @Test
    void secretSurvivesTheOtherBuilderSteps() {
        Option<String> option =
                Option.string("token", "x").secret().describe("d").required();
        assertEquals(true, option.isSecret());
        assertEquals(false, Option.string("token", "x").describe("d").isSecret());
    }
}

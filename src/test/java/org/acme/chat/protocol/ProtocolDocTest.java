package org.acme.chat.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** docs/protocol.md keeps up with the code: every refusal and every close code the server sends is documented. */
class ProtocolDocTest {

    private static final Path DOC = Path.of("docs", "protocol.md");

    @Test
    void everyRefusalIsInTheRefusalTableWithItsStatusAndCloseCode() throws IOException {
        String table = section("## Every refusal");
        List<String> missing = new ArrayList<>();
        for (Refusal.Kind kind : Refusal.Kind.values()) {
            String row = table.lines().filter(line -> line.startsWith("| ") && line.contains("`" + kind.code() + "`"))
                    .findFirst().orElse(null);
            if (row == null) {
                missing.add(kind.code());
                continue;
            }
            String[] cells = row.split("\\|");
            if (kind.httpStatus() != Refusal.NO_STATUS) {
                assertTrue(cells[2].contains(Integer.toString(kind.httpStatus())), () -> kind + " status: " + row);
            }
            if (kind.retryAfterSeconds() > 0) {
                assertTrue(cells[2].contains("Retry-After: " + kind.retryAfterSeconds()), () -> kind + ": " + row);
            }
            String after = kind.closes() ? Integer.toString(kind.closeCode()) : "stays open";
            assertTrue(cells[3].contains(after) || !kind.closes() && cells[3].contains("—"),
                    () -> kind + " after the upgrade: " + row);
        }
        assertEquals(List.of(), missing, "refusals missing from docs/protocol.md");
    }

    @Test
    void everyCloseCodeTheServerSendsIsInTheCloseCodeTable() throws IOException, IllegalAccessException {
        String table = section("## Close codes");
        List<Integer> missing = new ArrayList<>();
        for (Field field : CloseCodes.class.getFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getType() == int.class) {
                int code = field.getInt(null);
                if (!table.contains("| " + code + " |")) {
                    missing.add(code);
                }
            }
        }
        assertEquals(List.of(), missing, "close codes missing from docs/protocol.md");
    }

    private static String section(String heading) throws IOException {
        String doc = Files.readString(DOC);
        int start = doc.indexOf(heading);
        assertTrue(start >= 0, () -> heading + " is not in " + DOC);
        int end = doc.indexOf("\n## ", start + heading.length());
        return end < 0 ? doc.substring(start) : doc.substring(start, end);
    }
}

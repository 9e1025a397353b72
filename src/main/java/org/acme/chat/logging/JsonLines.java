package org.acme.chat.logging;

import java.io.IOException;
import java.io.Writer;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import org.jboss.logmanager.formatters.StructuredFormatter;

/**
 * JBoss LogManager's structured log record as one JSON object a line: the fields and nesting of its own
 * {@code JsonFormatter} (which {@code quarkus-logging-json} uses too), written here without {@code jakarta.json}, which
 * the class loader of the log manager cannot see in a packaged Quarkus app.
 */
public final class JsonLines extends StructuredFormatter {

    public JsonLines() {
        setExceptionOutputType(ExceptionOutputType.DETAILED);
        setPrintDetails(false);
    }

    @Override
    protected Generator createGenerator(Writer writer) {
        return new JsonGenerator(writer);
    }

    /** Writes JSON as the formatter walks the record: objects, arrays, strings, numbers; strings escaped. */
    private static final class JsonGenerator implements Generator {

        private final Writer out;
        /** Per open object or array: whether the next member is its first (no comma before it). */
        private final Deque<Boolean> first = new ArrayDeque<>();

        JsonGenerator(Writer out) {
            this.out = out;
        }

        @Override
        public Generator begin() throws IOException {
            return open(null, '{');
        }

        @Override
        public Generator add(String key, int value) throws IOException {
            member(key);
            out.write(Integer.toString(value));
            return this;
        }

        @Override
        public Generator add(String key, long value) throws IOException {
            member(key);
            out.write(Long.toString(value));
            return this;
        }

        @Override
        public Generator add(String key, Map<String, ?> value) throws IOException {
            open(key, '{');
            if (value != null) {
                for (Map.Entry<String, ?> entry : value.entrySet()) {
                    add(entry.getKey(), entry.getValue() == null ? null : String.valueOf(entry.getValue()));
                }
            }
            return close('}');
        }

        @Override
        public Generator add(String key, String value) throws IOException {
            member(key);
            string(value);
            return this;
        }

        @Override
        public Generator addMetaData(Map<String, String> metaData) throws IOException {
            for (Map.Entry<String, String> entry : metaData.entrySet()) {
                add(entry.getKey(), entry.getValue());
            }
            return this;
        }

        @Override
        public Generator startObject(String key) throws IOException {
            return open(key, '{');
        }

        @Override
        public Generator endObject() throws IOException {
            return close('}');
        }

        @Override
        public Generator startArray(String key) throws IOException {
            return open(key, '[');
        }

        @Override
        public Generator endArray() throws IOException {
            return close(']');
        }

        @Override
        public Generator end() throws IOException {
            return close('}');
        }

        private Generator open(String key, char bracket) throws IOException {
            if (!first.isEmpty()) {
                member(key);
            }
            out.write(bracket);
            first.push(true);
            return this;
        }

        private Generator close(char bracket) throws IOException {
            out.write(bracket);
            first.pop();
            return this;
        }

        /** A comma unless this is the first member, then {@code "key":} (nothing for an array element). */
        private void member(String key) throws IOException {
            if (!first.pop()) {
                out.write(',');
            }
            first.push(false);
            if (key != null) {
                string(key);
                out.write(':');
            }
        }

        private void string(String value) throws IOException {
            if (value == null) {
                out.write("null");
                return;
            }
            out.write('"');
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                switch (c) {
                    case '"' -> out.write("\\\"");
                    case '\\' -> out.write("\\\\");
                    case '\n' -> out.write("\\n");
                    case '\r' -> out.write("\\r");
                    case '\t' -> out.write("\\t");
                    default -> {
                        if (c < 0x20 || c == '\u2028' || c == '\u2029') {
                            out.write(String.format("\\u%04x", (int) c));
                        } else {
                            out.write(c);
                        }
                    }
                }
            }
            out.write('"');
        }
    }
}

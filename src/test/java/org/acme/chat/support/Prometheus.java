package org.acme.chat.support;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads samples from the app's {@code /q/metrics}, on its management interface. */
public final class Prometheus {

    private Prometheus() {
    }

    public static String scrape() {
        return given().when().get(ManagementInterface.uri("/q/metrics")).then().statusCode(200).extract().asString();
    }

    /** The current value of {@code series}, e.g. {@code chat_errors_total{code="invalid_json"}}. */
    public static double value(String series) {
        return value(scrape(), series);
    }

    /** The value of the sample whose name and labels are exactly {@code series}. */
    public static double value(String scrape, String series) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(series) + " (\\S+)$").matcher(scrape);
        assertTrue(m.find(), () -> "no Prometheus line for " + series);
        return Double.parseDouble(m.group(1));
    }
}

package org.acme.chat.e2e;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The page and its script and style come with a Content-Security-Policy (this origin only, no framing), nosniff, and a
 * cache policy that revalidates (so a fixed chat.js reaches browsers at once) instead of "immutable" for a day.
 * BrowserChatTest shows the page still works under the policy.
 */
@QuarkusTest
class PageHeadersTest {

    @ParameterizedTest
    @ValueSource(strings = { "/", "/index.html", "/chat.js", "/chat.css" })
    void securityHeaders(String path) {
        given().when().get(path).then().statusCode(200)
                .header("Content-Security-Policy", containsString("default-src 'self'"))
                .header("Content-Security-Policy", containsString("frame-ancestors 'none'"))
                .header("Content-Security-Policy", not(containsString("unsafe")))
                .header("X-Content-Type-Options", equalTo("nosniff"));
    }

    @ParameterizedTest
    @ValueSource(strings = { "/", "/index.html", "/chat.js", "/chat.css" })
    void browsersRevalidateInsteadOfKeepingItForADay(String path) {
        String lastModified = given().when().get(path).then().statusCode(200)
                .header("Cache-Control", equalTo("no-cache"))
                .header("Last-Modified", notNullValue())
                .extract().header("Last-Modified");
        given().header("If-Modified-Since", lastModified).when().get(path).then().statusCode(304);
    }
}

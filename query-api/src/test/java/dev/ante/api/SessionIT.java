package dev.ante.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Dashboard sign-in over real HTTP: a key is exchanged for an HttpOnly, SameSite=Strict cookie that
 * authenticates reads (the live stream included) with the key's role, never writes; signing out ends it.
 */
class SessionIT extends ApiTestBase {

    @Test
    void givenAResearcherKey_whenSignedIn_thenTheCookieReadsButNeverWritesAndSignOutEndsIt() throws Exception {
        Http.Response signIn = http.post("/api/v1/session", null, "application/json", "{\"key\": \"" + RESEARCHER + "\"}");
        assertThat(signIn.status()).as(signIn.text()).isEqualTo(200);
        assertThat(signIn.json().get("role").asText()).isEqualTo("RESEARCHER");
        String setCookie = signIn.headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(setCookie).startsWith("ante_session=").contains("HttpOnly").contains("SameSite=Strict")
                .contains("Path=/").contains("Max-Age=43200");
        String cookie = setCookie.substring(0, setCookie.indexOf(';'));

        Http.Response who = http.send(http.builder("/api/v1/session", null).header("Cookie", cookie).GET().build());
        assertThat(who.json().get("signedIn").asBoolean()).isTrue();
        assertThat(who.json().get("role").asText()).isEqualTo("RESEARCHER");
        Http.Response read = http.send(http.builder("/api/v1/stats/overview", null).header("Cookie", cookie).GET().build());
        assertThat(read.status()).as(read.text()).isEqualTo(200);
        assertThat(read.json().has("games")).isTrue();

        // Writes need the key itself, whatever role the cookie has; an admin endpoint needs ADMIN.
        String game = "cookie-" + UUID.randomUUID();
        Http.Response write = http.send(http.builder("/api/v1/games/" + game + "/events", null).header("Cookie", cookie)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("[]")).build());
        assertThat(write.status()).isEqualTo(401);
        assertThat(http.send(http.builder("/api/v1/stream/stats", null).header("Cookie", cookie).GET().build())
                .status()).isEqualTo(403);

        // The live stream takes the cookie (browsers' EventSource cannot send a header).
        try (SseClient stream = SseClient.open(port, "/api/v1/stream?gameId=" + game, null, null, cookie)) {
            assertThat(stream.status()).isEqualTo(200);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (stream.comments() < 1 && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            assertThat(http.postJson("/api/v1/games/" + game + "/events", AGENT, List.of(Games.started())).status())
                    .isEqualTo(200);
            assertThat(stream.take(1, Duration.ofSeconds(30)).get(0).event()).isEqualTo("GameStarted");
        }

        Http.Response out = http.send(http.builder("/api/v1/session", null).header("Cookie", cookie).DELETE().build());
        assertThat(out.status()).isEqualTo(204);
        assertThat(out.headers().firstValue("Set-Cookie").orElseThrow()).contains("Max-Age=0");
        assertThat(http.send(http.builder("/api/v1/stats/overview", null).header("Cookie", cookie).GET().build())
                .status()).isEqualTo(401);
    }

    @Test
    void givenBadSignIns_whenPosted_thenEachIsRefusedPreciselyAndNoCookieIsSet() {
        Http.Response wrong = http.post("/api/v1/session", null, "application/json", "{\"key\": \"not-a-key\"}");
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.headers().firstValue("Set-Cookie")).isEmpty();
        Http.Response malformed = http.post("/api/v1/session", null, "application/json", "{\"key\": 12");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.json().get("errors").get(0).get("field").asText()).isEqualTo("key");
        Http.Response huge = http.post("/api/v1/session", null, "application/json",
                "{\"key\": \"" + "x".repeat(10_000) + "\"}");
        assertThat(huge.status()).isEqualTo(413);
        Http.Response forged = http.send(http.builder("/api/v1/stats/overview", null)
                .header("Cookie", "ante_session=forged").GET().build());
        assertThat(forged.status()).isEqualTo(401);
        Http.Response anonymous = http.get("/api/v1/session", null);
        assertThat(anonymous.status()).isEqualTo(200);
        assertThat(anonymous.json().get("signedIn").asBoolean()).isFalse();
    }

    @Test
    void givenNoKey_whenTheDashboardIsOpened_thenItsPageAndAssetsLoadAndHoldNoData() {
        Http.Response page = http.get("/", null);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.contentType()).startsWith("text/html");
        assertThat(page.text()).contains("/webjars/echarts/dist/echarts.min.js").contains("Sign in")
                .doesNotContain(AGENT).doesNotContain(RESEARCHER).doesNotContain(ADMIN);
        assertThat(http.get("/assets/app.js", null).status()).isEqualTo(200);
        assertThat(http.get("/webjars/echarts/dist/echarts.min.js", null).status()).isEqualTo(200);
        assertThat(http.get("/api/v1/stats/overview", null).status()).isEqualTo(401);
    }
}

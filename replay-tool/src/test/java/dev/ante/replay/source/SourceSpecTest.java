package dev.ante.replay.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class SourceSpecTest {

    @Test
    void givenPathsAndFileUris_whenParsed_thenDataDirectories() {
        assertThat(SourceSpec.parse("./data")).isEqualTo(new SourceSpec.DataDir(Path.of("./data")));
        assertThat(SourceSpec.parse("/var/lib/ante")).isEqualTo(new SourceSpec.DataDir(Path.of("/var/lib/ante")));
        assertThat(SourceSpec.parse("file:///var/lib/ante")).isEqualTo(new SourceSpec.DataDir(Path.of("/var/lib/ante")));
    }

    @Test
    void givenHttpUrls_whenParsed_thenUrlsShownWithoutTheirPassword() {
        assertThat(SourceSpec.parse("https://ante.example:8443/base/"))
                .isEqualTo(new SourceSpec.Url(URI.create("https://ante.example:8443/base/")));
        assertThat(SourceSpec.parse("HTTP://user:secret@host:8080").display()).isEqualTo("HTTP://host:8080");
    }

    @Test
    void givenKurrentDbConnectionStrings_whenParsed_thenKurrentDbShownWithoutCredentials() {
        SourceSpec spec = SourceSpec.parse("esdb+discover://admin:changeit@cluster.local:2113?tls=true");

        assertThat(spec).isInstanceOf(SourceSpec.KurrentDb.class);
        assertThat(spec.display()).isEqualTo("esdb+discover://***@cluster.local:2113?tls=true");
    }

    @Test
    void givenUnreachableKurrentDb_whenOpened_thenSourceExceptionNamingItWithoutThePassword() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        SourceSpec spec = SourceSpec.parse("kurrentdb://admin:changeit@127.0.0.1:" + port + "?tls=false");

        assertThatThrownBy(() -> spec.open(null, null))
                .isInstanceOfSatisfying(SourceException.class, e -> {
                    assertThat(e.source()).isEqualTo("kurrentdb://***@127.0.0.1:" + port + "?tls=false");
                    assertThat(e.reason()).isNotBlank().doesNotContain("changeit");
                })
                .hasMessageNotContaining("changeit");
    }

    @Test
    void givenUrlsWithoutHostOrWithAQuery_whenParsed_thenRefused() {
        assertThatThrownBy(() -> SourceSpec.parse("http:///nohost")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("has no host");
        assertThatThrownBy(() -> SourceSpec.parse("http://host:8080/?x=1")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("without a query");
    }
}

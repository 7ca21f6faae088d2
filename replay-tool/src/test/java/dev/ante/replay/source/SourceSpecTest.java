package dev.ante.replay.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
    void givenKurrentDb_whenOpened_thenRefusesAsNotSupportedYet() {
        assertThatThrownBy(() -> SourceSpec.parse("kurrentdb://localhost:2113").open(null, null))
                .isInstanceOf(UnsupportedSourceException.class)
                .hasMessageStartingWith("kurrentdb:// sources are not supported by this build yet");
    }

    @Test
    void givenUrlsWithoutHostOrWithAQuery_whenParsed_thenRefused() {
        assertThatThrownBy(() -> SourceSpec.parse("http:///nohost")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("has no host");
        assertThatThrownBy(() -> SourceSpec.parse("http://host:8080/?x=1")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("without a query");
    }
}

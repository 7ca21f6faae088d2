package dev.ante.api.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ante.api.config.AnteProperties;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ApiKeysTest {

    @TempDir
    Path dataDir;

    private AnteProperties properties() {
        return new AnteProperties(dataDir, "process-crash", null, null,
                new AnteProperties.Security(List.of(), List.of(), List.of(), java.time.Duration.ofHours(12), 10), null, null, null, null, null);
    }

    private ApiKeys loadFile(String text) throws IOException {
        Files.writeString(dataDir.resolve(ApiKeys.FILE_NAME), text);
        return ApiKeys.load(properties());
    }

    @Test
    void givenAKeysFileWithAMisspeltRole_whenLoaded_thenTheStartStopsNamingIt() {
        assertThatThrownBy(() -> loadFile("agnet=" + "a".repeat(40) + "\nresearcher=" + "r".repeat(40) + "\n"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("unknown roles [agnet]")
                .hasMessageContaining("agent, researcher, admin");
    }

    @Test
    void givenAKeysFileWithNoKey_whenLoaded_thenTheStartStops() {
        assertThatThrownBy(() -> loadFile("# nothing yet\nagent=\n"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("holds no key");
    }

    @Test
    void givenAValidKeysFile_whenLoaded_thenEachKeyHasItsRoleAndNothingElseMatches() throws IOException {
        ApiKeys keys = loadFile("agent=" + "a".repeat(40) + "," + "b".repeat(40) + "\nadmin=short\n");

        assertThat(keys.roleOf("a".repeat(40))).contains(Role.AGENT);
        assertThat(keys.roleOf("b".repeat(40))).contains(Role.AGENT);
        assertThat(keys.roleOf("short")).contains(Role.ADMIN);
        assertThat(keys.roleOf("a".repeat(39))).isEmpty();
        assertThat(keys.rolesWithKeys()).containsExactly(Role.AGENT, Role.ADMIN);
    }

    @Test
    void givenAuthorizationHeaders_whenReadAsBearer_thenOnlyBearerOnesGiveTheirKey() {
        assertThat(ApiKeys.bearerKey("Bearer abc")).isEqualTo("abc");
        assertThat(ApiKeys.bearerKey("bearer  abc ")).isEqualTo("abc");
        assertThat(ApiKeys.bearerKey("Basic abc")).isNull();
        assertThat(ApiKeys.bearerKey("Bearer")).isNull();
        assertThat(ApiKeys.bearerKey(null)).isNull();
    }
}

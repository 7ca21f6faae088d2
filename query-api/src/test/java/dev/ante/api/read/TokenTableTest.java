package dev.ante.api.read;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/** The token table as Axon's JDBC token store writes it, on a real H2 database. */
class TokenTableTest {

    private static final Instant NOW = Instant.parse("2026-12-03T10:00:00Z");

    private final SingleConnectionDataSource dataSource = new SingleConnectionDataSource(
            "jdbc:h2:mem:tokens-" + System.nanoTime() + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE", true);
    private final JdbcTemplate jdbc = new JdbcTemplate(dataSource);
    private final Serializer serializer = JacksonSerializer.defaultSerializer();
    private final TokenTable table = new TokenTable(jdbc, serializer, Duration.ofSeconds(10), Duration.ZERO,
            Clock.fixed(NOW, ZoneOffset.UTC));

    TokenTableTest() {
        jdbc.execute("CREATE TABLE token_entry (processor_name VARCHAR(255) NOT NULL, segment INTEGER NOT NULL, "
                + "token BYTEA, token_type VARCHAR(255), token_timestamp VARCHAR(255), token_owner VARCHAR(255), "
                + "PRIMARY KEY (processor_name, segment))");
    }

    @AfterEach
    void close() {
        dataSource.destroy();
    }

    @Test
    void givenClaimedTokens_whenRead_thenEachProcessorHasItsLowestPositionAndItsLiveOwners() {
        insert("synergies", 0, new GlobalSequenceTrackingToken(41), NOW.minusSeconds(2), "instance-a");
        insert("synergies", 1, new GlobalSequenceTrackingToken(57), NOW.minusSeconds(3), "instance-b");
        insert("jokers", 0, new GlobalSequenceTrackingToken(12), NOW.minusSeconds(1), "instance-b");

        assertThat(table.of("synergies")).isEqualTo(new TokenTable.Stored(41, List.of("instance-a", "instance-b"), 2));
        assertThat(table.of("jokers")).isEqualTo(new TokenTable.Stored(12, List.of("instance-b"), 1));
        assertThat(table.of("winning")).isEqualTo(TokenTable.Stored.NONE);
    }

    @Test
    void givenAClaimNotRefreshedWithinTheTimeout_whenRead_thenItsOwnerIsNoLongerCounted() {
        insert("synergies", 0, new GlobalSequenceTrackingToken(41), NOW.minusSeconds(11), "instance-a");
        insert("jokers", 0, new GlobalSequenceTrackingToken(5), NOW.minusSeconds(1), null);

        assertThat(table.of("synergies").owners()).isEmpty();
        assertThat(table.of("synergies").position()).isEqualTo(41);
        assertThat(table.of("jokers").owners()).isEmpty();
    }

    @Test
    void givenAReplayingOrAnEmptyToken_whenRead_thenItsPositionIsWhereItStandsOrMinusOne() {
        TrackingToken replaying = ReplayToken.createReplayToken(new GlobalSequenceTrackingToken(100),
                new GlobalSequenceTrackingToken(30));
        insert("strategies", 0, replaying, NOW, "instance-a");
        insert("winning", 0, null, NOW, "instance-a");

        assertThat(table.of("strategies").position()).isEqualTo(replaying.position().getAsLong());
        assertThat(table.of("winning").position()).isEqualTo(-1);
    }

    @Test
    void givenTheTableCannotBeRead_whenAsked_thenTheLastReadAnswers() {
        insert("synergies", 0, new GlobalSequenceTrackingToken(41), NOW, "instance-a");
        assertThat(table.of("synergies").position()).isEqualTo(41);

        jdbc.execute("DROP TABLE token_entry");

        assertThat(table.of("synergies").position()).isEqualTo(41);
    }

    private void insert(String processor, int segment, TrackingToken token, Instant claimed, String owner) {
        SerializedObject<byte[]> serialized = token == null ? null : serializer.serialize(token, byte[].class);
        jdbc.update("INSERT INTO token_entry VALUES (?, ?, ?, ?, ?, ?)", processor, segment,
                serialized == null ? null : serialized.getData(),
                serialized == null ? null : serialized.getType().getName(), claimed.toString(), owner);
    }
}

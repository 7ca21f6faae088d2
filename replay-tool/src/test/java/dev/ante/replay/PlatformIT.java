package dev.ante.replay;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ante.domain.GameId;
import dev.ante.domain.game.GameEvent;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The tool against the real platform, running from its jar in another JVM: games are posted through the
 * write API, then read back by the tool over the platform's URL and from its data directory while it runs,
 * and compared with what the API itself answers.
 */
class PlatformIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long SEED = 424242L;

    @TempDir
    static Path workDir;

    /** More games than one page of GET /api/v1/games holds (500), so that listing them takes two pages. */
    private static final int SMALL_GAMES = 501;

    private static Platform platform;
    private static final Map<GameId, List<GameEvent>> GAMES = new LinkedHashMap<>();
    private static int smallGameEvents;

    @BeforeAll
    static void startPlatformAndPostGames() throws Exception {
        platform = Platform.start(workDir);
        Random random = new Random(SEED);
        int[] sizes = {12, 150, 700, 1_600};
        for (int i = 0; i < sizes.length; i++) {
            GameId game = GameId.of("it-" + i);
            List<GameEvent> events = RandomGames.game(random, sizes[i], i % 2 == 1);
            platform.post(game, events, 400);
            GAMES.put(game, events);
        }
        for (int i = 0; i < SMALL_GAMES; i++) {
            List<GameEvent> events = RandomGames.game(random, 1, random.nextBoolean());
            platform.post(GameId.of(String.format(Locale.ROOT, "small-%03d", i)), events, 100);
            smallGameEvents += events.size();
        }
        platform.awaitReadModels();
    }

    @AfterAll
    static void stopPlatform() throws Exception {
        if (platform != null) {
            platform.close();
        }
    }

    @Test
    void givenPostedGames_whenGameAsJsonAtRandomRevisionsOverTheUrl_thenEqualsTheApiStateAtThoseRevisions()
            throws Exception {
        assertCliMatchesApi(platform.url(), new Random(SEED + 1));
    }

    @Test
    void givenPostedGames_whenGameAsJsonAtRandomRevisionsFromTheDataDirWhileThePlatformRuns_thenEqualsTheApiState()
            throws Exception {
        assertCliMatchesApi(platform.dataDir().toString(), new Random(SEED + 2));
    }

    @Test
    void givenPostedGames_whenEventsOverTheUrlAndFromTheDataDir_thenBothPrintTheSameEvents() {
        Cli.Result overUrl = cli("events", "it-2", "--format", "json", "--source", platform.url());
        Cli.Result fromDir = cli("events", "it-2", "--format", "json", "--source", platform.dataDir().toString());

        assertThat(overUrl.exitCode()).as(overUrl.toString()).isZero();
        assertThat(overUrl.out().lines()).hasSize(GAMES.get(GameId.of("it-2")).size());
        assertThat(overUrl.out()).isEqualTo(fromDir.out());
    }

    @Test
    void givenPostedGames_whenDiffOverTheUrlAndFromTheDataDir_thenBothReportTheSame() {
        Cli.Result overUrl = cli("diff", "it-1", "it-3", "--source", platform.url());
        Cli.Result fromDir = cli("diff", "it-1", "it-3", "--source", platform.dataDir().toString());

        assertThat(overUrl.exitCode()).as(overUrl.toString()).isZero();
        assertThat(overUrl.out()).contains("events: first diverge at revision 0").isEqualTo(fromDir.out());
    }

    @Test
    void givenThePlatformRunning_whenVerifyFromItsDataDir_thenExit0WithEveryGame() {
        Cli.Result result = cli("verify", "--source", platform.dataDir().toString());

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.out()).isEqualTo(everyGameVerified(platform.dataDir().toString()));
    }

    @Test
    void givenThePlatformRunning_whenVerifyOverTheUrl_thenListsEveryGameAcrossPagesAndExit0() {
        Cli.Result result = cli("verify", "--source", platform.url());

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.out()).isEqualTo(everyGameVerified(platform.url()));
    }

    private static String everyGameVerified(String source) {
        int events = GAMES.values().stream().mapToInt(List::size).sum() + smallGameEvents;
        return String.format(Locale.ROOT, "verified %,d games, %,d events from %s: no invariant violations%n",
                GAMES.size() + SMALL_GAMES, events, source);
    }

    @Test
    void givenApiKeyOnlyInTheEnvironment_whenGameOverTheUrl_thenUsesIt() throws Exception {
        Cli.Result result = Cli.run(Environment.of(Map.of(SourceOptions.API_KEY_VARIABLE, Platform.AGENT_KEY)),
                "game", "it-0", "--format", "json", "--source", platform.url());

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(JSON.readTree(result.out())).isEqualTo(platform.getJson("/api/v1/games/it-0/state"));
    }

    @Test
    void givenWrongApiKey_whenGameOverTheUrl_thenExit1NamingTheSourceAndTheRefusal() {
        Cli.Result result = Cli.run("game", "it-0", "--source", platform.url(), "--api-key", "not-a-key");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).isEqualTo("replay-tool: source " + platform.url() + ": the API key was refused "
                + "(401 Unauthorized: the API key is not recognised)\n");
    }

    @Test
    void givenUnknownGame_whenGameOverTheUrl_thenExit1GameNotFound() {
        Cli.Result result = cli("game", "no-such-game", "--source", platform.url());

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).isEqualTo("replay-tool: game no-such-game not found in " + platform.url() + "\n");
    }

    @Test
    void givenRevisionBeyondTheEnd_whenGameOverTheUrl_thenExit1NamingTheLastRevision() {
        int last = GAMES.get(GameId.of("it-0")).size() - 1;

        Cli.Result result = cli("game", "it-0", "--at-revision", "5000", "--source", platform.url());

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).contains("revision 5000 is beyond the end of game-it-0, whose last revision is " + last);
    }

    private static void assertCliMatchesApi(String source, Random random) throws Exception {
        for (Map.Entry<GameId, List<GameEvent>> game : GAMES.entrySet()) {
            String id = game.getKey().value();
            int size = game.getValue().size();
            for (int i = 0; i < 5; i++) {
                int revision = i == 0 ? 0 : random.nextInt(size);
                Cli.Result cli = cli("game", id, "--at-revision", Integer.toString(revision), "--format", "json",
                        "--source", source);

                assertThat(cli.exitCode()).as(cli.toString()).isZero();
                assertThat(JSON.readTree(cli.out())).as("%s at revision %d from %s", id, revision, source)
                        .isEqualTo(platform.getJson("/api/v1/games/" + id + "/state?atRevision=" + revision));
            }
            Cli.Result latest = cli("game", id, "--format", "json", "--source", source);
            assertThat(JSON.readTree(latest.out())).as("%s at its last revision", id)
                    .isEqualTo(platform.getJson("/api/v1/games/" + id + "/state"));
        }
    }

    private static Cli.Result cli(String... args) {
        String[] withKey = Arrays.copyOf(args, args.length + 2);
        withKey[args.length] = "--api-key";
        withKey[args.length + 1] = Platform.RESEARCHER_KEY;
        return Cli.run(withKey);
    }
}

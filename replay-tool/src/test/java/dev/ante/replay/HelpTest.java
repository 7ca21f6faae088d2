package dev.ante.replay;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HelpTest {

    @Test
    void givenHelp_whenRun_thenExit0ListingCommandsSourcesAndExitCodes() {
        Cli.Result result = Cli.run("--help");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).contains("Usage: replay-tool", "game", "events", "diff", "verify",
                "http://host:8080", "kurrentdb://", "Exit codes:", "  0   done", "  1   game not found",
                "  2   usage error");
        assertThat(result.out()).doesNotContain("not supported");
    }

    @ParameterizedTest
    @ValueSource(strings = {"game", "events", "diff", "verify"})
    void givenCommandHelp_whenRun_thenExit0WithItsOptionsAndExitCodes(String command) {
        Cli.Result result = Cli.run(command, "--help");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).contains("Usage: replay-tool " + command, "--source", "--api-key", "Exit codes:",
                "  2   usage error");
    }

    @Test
    void givenNoCommand_whenRun_thenExit2WithUsage() {
        Cli.Result result = Cli.run();

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("Missing command", "Usage: replay-tool");
    }

    @Test
    void givenUnknownCommand_whenRun_thenExit2WithUsage() {
        Cli.Result result = Cli.run("replay", "g-1");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("Unmatched argument", "replay", "Usage: replay-tool");
    }

    @Test
    void givenUnknownOption_whenGame_thenExit2WithUsage() {
        Cli.Result result = Cli.run("game", "g-1", "--at", "3");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("Unknown option", "--at", "Usage: replay-tool game");
    }

    @Test
    void givenVersion_whenRun_thenPrintsTheBuildsVersion() {
        Cli.Result result = Cli.run("--version");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).startsWith("replay-tool 0.");
    }
}

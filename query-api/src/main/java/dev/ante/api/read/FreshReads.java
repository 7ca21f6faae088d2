package dev.ante.api.read;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import org.springframework.http.ResponseEntity;

/**
 * How the read controllers answer after a {@code minPosition} wait: the read runs once the wait is over
 * (on the request thread when there was nothing to wait for), and an answer that could not wait long
 * enough carries the {@value ReadConsistency#HEADER} header.
 */
final class FreshReads {

    private FreshReads() {
    }

    static <T> CompletableFuture<ResponseEntity<T>> after(CompletableFuture<Freshness> wait, Supplier<T> read,
                                                         Executor readers) {
        if (wait.isDone()) {
            return wait.thenApply(freshness -> respond(freshness, read));
        }
        return wait.thenApplyAsync(freshness -> respond(freshness, read), readers);
    }

    private static <T> ResponseEntity<T> respond(Freshness freshness, Supplier<T> read) {
        T body = read.get();
        ResponseEntity.BodyBuilder ok = ResponseEntity.ok();
        if (!freshness.reached()) {
            ok.header(ReadConsistency.HEADER, freshness.describe());
        }
        return ok.body(body);
    }
}

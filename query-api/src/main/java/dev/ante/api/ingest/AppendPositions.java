package dev.ante.api.ingest;

import dev.ante.domain.AppendOutcome;
import dev.ante.infra.axon.StreamStoreEventStorageEngine;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;

/**
 * Turns a recording command's {@link AppendOutcome} into a {@link Recorded} that learns, once the unit of
 * work has committed, the global position of the stream's last appended event: the storage engine keeps
 * what each append returned in the unit of work ({@link StreamStoreEventStorageEngine#appendedIn}), so the
 * position needs no read of the store. Other results pass through unchanged.
 */
public class AppendPositions implements MessageHandlerInterceptor<CommandMessage<?>> {

    @Override
    public Object handle(UnitOfWork<? extends CommandMessage<?>> unitOfWork, InterceptorChain chain)
            throws Exception {
        Object result = chain.proceed();
        if (!(result instanceof AppendOutcome outcome)) {
            return result;
        }
        Recorded recorded = new Recorded(outcome);
        if (outcome.appended() > 0) {
            unitOfWork.afterCommit(committed -> StreamStoreEventStorageEngine.appendedIn(committed, outcome.stream())
                    .filter(append -> append.lastRevision() == outcome.streamRevision())
                    .ifPresent(append -> recorded.landedAt(append.lastPosition())));
        }
        return recorded;
    }
}

package dev.ante.api.ingest;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Set;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationContextAware;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;
import org.springframework.web.accept.ContentNegotiationManager;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerExecutionChain;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Finds the write endpoints' handlers before Spring MVC's general mapping does, by the same rules.
 *
 * <p>A request to a path with a variable ({@code /api/v1/games/{gameId}/events}) is matched by Spring MVC against
 * every mapping the application has, each checked for its method, content type, accepted types and path: for a
 * one-event append that scan was a tenth of the request thread's time. This mapping holds only
 * {@link IngestController}'s mappings, built and matched by Spring MVC's own {@link RequestMappingHandlerMapping}
 * (so path variables, the best-matching pattern the request metrics are tagged with, and the handler are exactly
 * what the general mapping would give). A request none of them accepts outright — another method on the same
 * path, a content type or an {@code Accept} they do not take — is left to the general mapping, which answers it as
 * before: the read endpoint at the same path, or the precise 405, 406 or 415.
 */
@Component
public class IngestHandlerMapping implements HandlerMapping, Ordered, ApplicationContextAware, InitializingBean {

    private final OnlyIngest mappings = new OnlyIngest();

    public IngestHandlerMapping(@Qualifier("mvcContentNegotiationManager") ContentNegotiationManager negotiation) {
        mappings.setContentNegotiationManager(negotiation);
    }

    @Override
    public void setApplicationContext(ApplicationContext context) {
        mappings.setApplicationContext(context);
    }

    @Override
    public void afterPropertiesSet() {
        mappings.afterPropertiesSet();
    }

    @Override
    public HandlerExecutionChain getHandler(HttpServletRequest request) throws Exception {
        return mappings.getHandler(request);
    }

    @Override
    public boolean usesPathPatterns() {
        return mappings.usesPathPatterns();
    }

    /** Ahead of Spring MVC's mapping of request handlers (order 0). */
    @Override
    public int getOrder() {
        return -1;
    }

    /** Spring MVC's mapping, of the write endpoints alone, that passes on what it does not match. */
    private static final class OnlyIngest extends RequestMappingHandlerMapping {

        @Override
        protected boolean isHandler(Class<?> beanType) {
            return IngestController.class.isAssignableFrom(beanType);
        }

        @Override
        protected HandlerMethod handleNoMatch(Set<RequestMappingInfo> infos, String lookupPath,
                                              HttpServletRequest request) {
            return null;
        }
    }
}

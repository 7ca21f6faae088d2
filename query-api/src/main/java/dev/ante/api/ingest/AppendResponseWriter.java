package dev.ante.api.ingest;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import jakarta.servlet.http.HttpServletResponse;
import java.util.ArrayList;
import java.util.List;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.core.MethodParameter;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodReturnValueHandler;
import org.springframework.web.method.support.ModelAndViewContainer;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerAdapter;

/**
 * Writes an accepted batch's {@link AppendResponse} as JSON with the application's mapper, ahead of Spring MVC's
 * general handling of response bodies.
 *
 * <p>The write endpoints only produce JSON (their mappings say so, and a request that accepts nothing else never
 * reaches them), so for this one body Spring MVC's general path — finding the handler of the return value among
 * all of them, negotiating the content type, picking a message converter, a flush that commits the response in
 * chunks — decides nothing: it was a fifth of the request thread's time for a one-event append. Here the body is
 * written with a {@code Content-Length}, the same bytes Spring MVC's Jackson converter writes, with the same
 * {@code Content-Type}.
 */
@Component
public class AppendResponseWriter implements HandlerMethodReturnValueHandler, SmartInitializingSingleton {

    private final ObjectWriter writer;
    private final RequestMappingHandlerAdapter adapter;

    public AppendResponseWriter(ObjectMapper mapper, RequestMappingHandlerAdapter adapter) {
        this.writer = mapper.writerFor(AppendResponse.class);
        this.adapter = adapter;
    }

    /** Puts this handler first among the adapter's, once it has built its own. */
    @Override
    public void afterSingletonsInstantiated() {
        List<HandlerMethodReturnValueHandler> handlers = new ArrayList<>();
        handlers.add(this);
        List<HandlerMethodReturnValueHandler> existing = adapter.getReturnValueHandlers();
        if (existing != null) {
            handlers.addAll(existing);
        }
        adapter.setReturnValueHandlers(handlers);
    }

    @Override
    public boolean supportsReturnType(MethodParameter returnType) {
        return returnType.getParameterType() == AppendResponse.class;
    }

    @Override
    public void handleReturnValue(Object returnValue, MethodParameter returnType, ModelAndViewContainer container,
                                  NativeWebRequest webRequest) throws Exception {
        container.setRequestHandled(true);
        HttpServletResponse response = webRequest.getNativeResponse(HttpServletResponse.class);
        if (response == null) {
            throw new IllegalStateException("no servlet response to write the append's answer to");
        }
        write((AppendResponse) returnValue, response);
    }

    /** Writes {@code answer} as an accepted batch's response: the mapper's JSON, with its length. */
    public void write(AppendResponse answer, HttpServletResponse response) throws java.io.IOException {
        byte[] body = writer.writeValueAsBytes(answer);
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }
}

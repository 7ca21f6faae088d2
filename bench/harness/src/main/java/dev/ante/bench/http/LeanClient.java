package dev.ante.bench.http;

import dev.ante.simulator.HttpSink;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.SocketConfig;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.util.Timeout;

/**
 * A blocking HTTP/1.1 client on one kept-alive connection (Apache HttpClient 5's classic API): what an agent that
 * posts its events one request at a time from one thread would use, with as little between the caller and the
 * socket as a Java client has. Not for use from more than one thread.
 */
final class LeanClient implements AutoCloseable {

    private final String authorization;
    private final PoolingHttpClientConnectionManager connections;
    private final CloseableHttpClient client;

    LeanClient(String apiKey) {
        this.authorization = "Bearer " + apiKey;
        this.connections = PoolingHttpClientConnectionManagerBuilder.create()
                .setMaxConnTotal(1)
                .setMaxConnPerRoute(1)
                .setDefaultSocketConfig(SocketConfig.custom().setTcpNoDelay(true)
                        .setSoTimeout(Timeout.ofSeconds(30)).build())
                .setDefaultConnectionConfig(ConnectionConfig.custom().setConnectTimeout(Timeout.ofSeconds(5))
                        .setTimeToLive(-1, TimeUnit.MILLISECONDS).build())
                .build();
        this.client = HttpClients.custom().setConnectionManager(connections).disableAutomaticRetries()
                .disableCookieManagement().disableRedirectHandling().disableAuthCaching().build();
    }

    /** Posts {@code request} and reads its whole answer; its status. */
    int post(HttpSink.Prepared request) throws IOException {
        HttpPost post = new HttpPost(request.uri());
        post.setHeader("Authorization", authorization);
        post.setEntity(new ByteArrayEntity(request.body(), ContentType.parse(request.contentType())));
        return client.execute(post, response -> {
            EntityUtils.consume(response.getEntity());
            return response.getCode();
        });
    }

    @Override
    public void close() throws IOException {
        client.close();
        connections.close();
    }
}

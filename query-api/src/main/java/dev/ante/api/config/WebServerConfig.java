package dev.ante.api.config;

import dev.ante.api.ingest.AppendResponseWriter;
import dev.ante.api.ingest.IngestController;
import dev.ante.api.ingest.IngestFastPath;
import dev.ante.api.ingest.IngestRequestMetrics;
import dev.ante.api.ingest.Rejections;
import dev.ante.api.security.ApiKeys;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.DispatcherType;
import java.util.List;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.util.buf.EncodedSolidusHandling;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.web.embedded.tomcat.TomcatWebServer;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.HandlerExceptionResolver;

/**
 * Every refusal, including hostile URLs, is a problem report: encoded slashes reach the application's
 * firewall instead of being refused by Tomcat with an HTML page (the firewall still rejects them; nothing
 * routes on a decoded slash), and what Tomcat refuses itself before the application sees it is reported
 * by {@link ProblemErrorReportValve}.
 */
@Configuration
public class WebServerConfig {

    @Bean
    TomcatServletWebServerFactory tomcatFactory() {
        return new TomcatServletWebServerFactory() {
            @Override
            protected TomcatWebServer getTomcatWebServer(Tomcat tomcat) {
                StandardHost host = (StandardHost) tomcat.getHost();
                host.getPipeline().addValve(new ProblemErrorReportValve());
                // The host adds its own report valve on start unless one of this class is already there.
                host.setErrorReportValveClass(ProblemErrorReportValve.class.getName());
                return super.getTomcatWebServer(tomcat);
            }
        };
    }

    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> encodedSlashesToFirewall() {
        return factory -> factory.addConnectorCustomizers(connector ->
                connector.setEncodedSolidusHandling(EncodedSolidusHandling.PASS_THROUGH.getValue()));
    }

    /**
     * The per-stream write endpoints' ordinary requests answered without the security filter chain and the
     * dispatcher: after the request context (-105), before Spring Security's chain (-100), only for requests as they
     * arrive (not error or async dispatches).
     */
    @Bean
    FilterRegistrationBean<IngestFastPath> ingestFastPath(IngestController controller, ApiKeys keys,
                                                          List<HandlerExceptionResolver> resolvers,
                                                          AppendResponseWriter answers, MeterRegistry meters) {
        FilterRegistrationBean<IngestFastPath> registration =
                new FilterRegistrationBean<>(new IngestFastPath(controller, keys, resolvers, answers, meters));
        registration.addUrlPatterns("/api/v1/games/*", "/api/v1/strategies/*", "/api/v1/learning/*");
        registration.setDispatcherTypes(DispatcherType.REQUEST);
        registration.setOrder(-104);
        return registration;
    }

    /** Write requests timed and counted before authentication, so refused ones are counted too. */
    @Bean
    FilterRegistrationBean<IngestRequestMetrics> ingestRequestMetrics(MeterRegistry meters, Rejections rejections) {
        FilterRegistrationBean<IngestRequestMetrics> registration =
                new FilterRegistrationBean<>(new IngestRequestMetrics(meters, rejections));
        registration.addUrlPatterns("/api/v1/*");
        // Spring Security's filter chain runs at -100.
        registration.setOrder(-200);
        return registration;
    }
}

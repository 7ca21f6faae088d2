package dev.ante.api.security;

import java.util.List;
import org.springframework.beans.BeansException;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.config.ConstructorArgumentValues;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.BeanDefinitionRegistryPostProcessor;

/**
 * Puts Spring Security's own filter chain back where Spring Security's MVC support wrapped it.
 *
 * <p>With Spring MVC present, Spring Security replaces the {@code springSecurityFilterChain} bean by a composite
 * that first runs a filter of Spring MVC's {@code HandlerMappingIntrospector}: it looks up the handler of every
 * request and keeps the result for request matchers that ask Spring MVC which pattern a request matched. Ante's
 * rules match paths with Spring's path patterns directly ({@link SecurityConfig#requestMatchers()}) and configure
 * no MVC-derived CORS, so nothing reads that result, and the dispatcher then looks the handler up again. The
 * lookup was about a tenth of a single append's request-thread CPU (docs/benchmarks.md).
 *
 * <p>Runs when every bean definition is registered, so after Spring Security's wrapping; if the wrapping has
 * another shape (a new Spring Security), it changes nothing.
 */
final class PlainSecurityFilterChain implements BeanDefinitionRegistryPostProcessor {

    private static final String CHAIN = "springSecurityFilterChain";
    private static final String COMPOSITE = "CompositeFilterChainProxy";
    private static final String MVC_COMPOSITE = "WebMvcSecurityConfiguration$" + COMPOSITE;
    private static final String CACHE_FILTER = "HandlerMappingIntrospectorCacheFilterFactoryBean";

    @Override
    public void postProcessBeanDefinitionRegistry(BeanDefinitionRegistry registry) throws BeansException {
        // Spring Security's wrappings are registry post-processors too, which may run after this method.
    }

    @Override
    public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) throws BeansException {
        if (!(beanFactory instanceof BeanDefinitionRegistry registry) || !registry.containsBeanDefinition(CHAIN)) {
            return;
        }
        BeanDefinition chain = registry.getBeanDefinition(CHAIN);
        BeanDefinition unwrapped = withoutCacheFilter(chain);
        if (unwrapped != chain) {
            registry.removeBeanDefinition(CHAIN);
            registry.registerBeanDefinition(CHAIN, unwrapped);
        }
    }

    /**
     * The definition with Spring MVC's composite (the cache filter, then the chain) replaced by the chain, at
     * whatever depth Spring Security's other wrapping (a path-parsing filter in front) put it.
     */
    private static BeanDefinition withoutCacheFilter(BeanDefinition definition) {
        String type = definition.getBeanClassName();
        if (type == null || !type.endsWith(COMPOSITE)) {
            return definition;
        }
        List<Object> filters = filters(definition);
        if (filters == null) {
            return definition;
        }
        if (type.endsWith(MVC_COMPOSITE) && filters.size() == 2 && isCacheFilter(filters.get(0))
                && filters.get(1) instanceof BeanDefinition chain) {
            return withoutCacheFilter(chain);
        }
        for (int i = 0; i < filters.size(); i++) {
            if (filters.get(i) instanceof BeanDefinition inner) {
                filters.set(i, withoutCacheFilter(inner));
            }
        }
        return definition;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> filters(BeanDefinition composite) {
        ConstructorArgumentValues.ValueHolder argument =
                composite.getConstructorArgumentValues().getIndexedArgumentValue(0, List.class);
        return argument != null && argument.getValue() instanceof List<?> list ? (List<Object>) list : null;
    }

    private static boolean isCacheFilter(Object filter) {
        return filter instanceof BeanDefinition definition && definition.getBeanClassName() != null
                && definition.getBeanClassName().endsWith(CACHE_FILTER);
    }
}

package io.github.ser.local;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

import java.lang.reflect.InvocationTargetException;
import java.util.Collection;

/**
 * Runs inside the S3Mock process (loaded from {@code loader.path}, registered by its jar's {@code spring.factories}):
 * S3Mock's plain-HTTP connector is an extra Tomcat connector that ignores {@code server.address} and would listen on
 * every interface; this binds it to {@code server.address} too, so that only the signature-checking front reaches
 * S3Mock. Self-contained, one class file, and reflective about Tomcat's types, so it needs nothing but Spring's
 * interfaces from S3Mock's own class path.
 */
public final class S3MockLoopback implements ApplicationContextInitializer<ConfigurableApplicationContext>, BeanPostProcessor {
    private String address;

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        address = context.getEnvironment().getRequiredProperty("server.address");
        context.getBeanFactory().addBeanPostProcessor(this);
    }

    /** The web server factory, before it starts Tomcat: every extra connector gets the main one's address. */
    @Override
    public Object postProcessBeforeInitialization(Object bean, String name) {
        try {
            Object connectors = bean.getClass().getMethod("getAdditionalTomcatConnectors").invoke(bean);
            for (Object connector : (Collection<?>) connectors) {
                Object set = connector.getClass().getMethod("setProperty", String.class, String.class)
                        .invoke(connector, "address", address);
                if (!Boolean.TRUE.equals(set)) {
                    throw new IllegalStateException("cannot bind S3Mock's HTTP connector to " + address);
                }
            }
        } catch (NoSuchMethodException notTheFactory) {
            // any other bean
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("cannot bind S3Mock's HTTP connector to " + address, e);
        }
        return bean;
    }
}

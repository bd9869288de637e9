package io.github.ser.bench;

import java.io.ByteArrayInputStream;
import java.lang.management.ManagementFactory;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What Lambda's Java runtime does on a cold start, inside a fresh JVM that {@link ColdStart} lays out like Lambda's:
 * construct the handler (the init phase), read one event with the runtime's own serializer and invoke it (the
 * first request). Prints one line: {@code cold-start bootMillis constructMillis invokeMillis peakRssKb initCpuMillis invokeCpuMillis}.
 *
 * <p>Uses only the JDK and reflection, so it adds nothing to the classpath it measures; the measured classes come
 * from the function and the layer, as in Lambda.
 */
public final class ColdStartProbe {
    private ColdStartProbe() {
    }

    /** {@code ColdStartProbe HANDLER_CLASS EVENT_FILE}. */
    public static void main(String[] args) throws Throwable {
        long mainAt = System.currentTimeMillis();
        long t0 = System.nanoTime();
        ClassLoader loader = ColdStartProbe.class.getClassLoader();
        Class<?> handlerClass = Class.forName(args[0], true, loader);
        Object handler = handlerClass.getConstructor().newInstance();
        long t1 = System.nanoTime();
        long initCpu = cpuMillis();

        Method handle = handleRequest(handlerClass);
        Class<?> eventType = eventType(handlerClass);
        Object serializer = Class.forName("com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers",
                true, loader).getMethod("serializerFor", Class.class, ClassLoader.class).invoke(null, eventType, loader);
        Object event = Class.forName("com.amazonaws.services.lambda.runtime.serialization.PojoSerializer", true, loader)
                .getMethod("fromJson", java.io.InputStream.class).invoke(serializer,
                new ByteArrayInputStream(Files.readAllBytes(Path.of(args[1]))));
        Class<?> contextType = Class.forName("com.amazonaws.services.lambda.runtime.Context", true, loader);
        Object context = Proxy.newProxyInstance(loader, new Class<?>[] {contextType}, (proxy, method, arguments) ->
                switch (method.getName()) {
                    case "getAwsRequestId" -> "00000000-0000-0000-0000-000000000001";
                    case "getFunctionName" -> handlerClass.getSimpleName();
                    case "getRemainingTimeInMillis" -> 30_000;
                    case "getMemoryLimitInMB" -> 1769;
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == arguments[0];
                    case "toString" -> "ColdStartProbe context";
                    default -> null;
                });
        Object response = handle.invoke(handler, event, context);
        long t2 = System.nanoTime();
        long invokeCpu = cpuMillis() - initCpu;

        // measured after the request so that loading java.management is not counted
        long bootMillis = mainAt - ManagementFactory.getRuntimeMXBean().getStartTime();
        System.out.printf("cold-start %d %.1f %.1f %d %d %d%n", bootMillis, (t1 - t0) / 1e6, (t2 - t1) / 1e6, peakRssKb(),
                initCpu, invokeCpu);
        System.out.println("response " + String.valueOf(response).replace('\n', ' '));
        System.exit(0); // non-daemon threads of the SDK or Micronaut must not keep a finished probe alive
    }

    /**
     * The event class, as the runtime finds it: the first type argument bound to a class in the handler's
     * {@code RequestHandler<I, O>} ancestry (e.g. {@code MicronautRequestHandler<S3Event, ...>}).
     */
    private static Class<?> eventType(Class<?> handlerClass) {
        for (Class<?> c = handlerClass; c != null; c = c.getSuperclass()) {
            java.util.List<java.lang.reflect.Type> parents = new java.util.ArrayList<>(
                    java.util.Arrays.asList(c.getGenericInterfaces()));
            parents.add(0, c.getGenericSuperclass());
            for (java.lang.reflect.Type parent : parents) {
                if (parent instanceof java.lang.reflect.ParameterizedType p
                        && p.getActualTypeArguments()[0] instanceof Class<?> bound) {
                    return bound;
                }
            }
        }
        return Object.class;
    }

    /** The typed {@code handleRequest(I, Context)}, not the erased bridge method. */
    private static Method handleRequest(Class<?> handlerClass) {
        Method found = null;
        for (Method m : handlerClass.getMethods()) {
            if (m.getName().equals("handleRequest") && m.getParameterCount() == 2 && !m.isBridge()) {
                if (found == null || found.getParameterTypes()[0] == Object.class) {
                    found = m;
                }
            }
        }
        if (found == null) {
            throw new IllegalArgumentException(handlerClass + " has no handleRequest(event, context)");
        }
        return found;
    }

    /**
     * CPU time of the whole process so far (all threads: JIT, GC, background loading), from /proc/self/stat in clock
     * ticks of 10 ms. On a shared machine wall time depends on the neighbours; CPU time much less, and on a 1-vCPU
     * Lambda the two are close.
     */
    private static long cpuMillis() throws java.io.IOException {
        String stat = Files.readString(Path.of("/proc/self/stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * 10;
    }

    private static long peakRssKb() throws java.io.IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmHWM:")) {
                return Long.parseLong(line.replaceAll("\\D", ""));
            }
        }
        return -1;
    }
}

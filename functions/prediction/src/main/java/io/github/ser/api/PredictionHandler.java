package io.github.ser.api;

import io.micronaut.context.ApplicationContext;
import io.micronaut.context.ApplicationContextBuilder;
import io.micronaut.context.env.Environment;
import io.micronaut.function.aws.proxy.payload1.ApiGatewayProxyRequestEventFunction;

/**
 * The prediction function's Lambda handler: Micronaut's API Gateway (payload 1.0) handler, with singletons created
 * when first used instead of all at init. Micronaut's Lambda default creates every singleton at init, which here
 * meant building the S3 client and presigner (region metadata, credentials chain: some 1200 classes) although
 * {@code POST /predict} and {@code GET /health} never touch S3. What must be ready at init is {@code @Context}: the
 * validated configuration and {@link io.github.ser.function.SnapStartPriming}, which starts loading the model.
 */
public class PredictionHandler extends ApiGatewayProxyRequestEventFunction {

    public PredictionHandler() {
        super();
    }

    /** For tests: a context built with {@link #lambdaContext}. */
    public PredictionHandler(ApplicationContext context) {
        super(context);
    }

    @Override
    protected ApplicationContextBuilder newApplicationContextBuilder() {
        return lambdaContext(ApplicationContext.builder());
    }

    /**
     * What {@code LambdaApplicationContextBuilder} configures (the function and lambda environments, configuration
     * created eagerly) but not its eager singletons: {@code eagerInitSingletons(false)} cannot undo them.
     */
    public static ApplicationContextBuilder lambdaContext(ApplicationContextBuilder builder) {
        return builder.environments(Environment.FUNCTION, "lambda").eagerInitConfiguration(true);
    }
}

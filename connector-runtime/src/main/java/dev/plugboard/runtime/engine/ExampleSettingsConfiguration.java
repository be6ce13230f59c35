package dev.plugboard.runtime.engine;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Binds {@code plugboard.examples.*} to {@link ExampleSettings} and publishes it under the bean
 * name {@code examples}, which the Camunda 7 example models read in expressions.
 */
@Configuration(proxyBeanMethods = false)
public class ExampleSettingsConfiguration {

  @Bean("examples")
  ExampleSettings examples(org.springframework.core.env.Environment env) {
    return org.springframework.boot.context.properties.bind.Binder.get(env)
        .bindOrCreate("plugboard.examples", ExampleSettings.class);
  }
}

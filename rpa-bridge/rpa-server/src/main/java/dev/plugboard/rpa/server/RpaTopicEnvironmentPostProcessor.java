package dev.plugboard.rpa.server;

import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Adds {@value RpaQueue#TOPIC} to {@code plugboard.operaton.foreign-topics}, keeping what the
 * user configured: the topic is served by bots through the bot API, so the runtime's connector
 * worker must not give its tasks a "missing connector type" incident.
 */
public class RpaTopicEnvironmentPostProcessor implements EnvironmentPostProcessor {

  static final String PROPERTY = "plugboard.operaton.foreign-topics";

  @Override
  public void postProcessEnvironment(ConfigurableEnvironment env, SpringApplication app) {
    if ("false".equalsIgnoreCase(env.getProperty("plugboard.rpa.enabled", "true"))) {
      return;
    }
    Set<String> topics = new LinkedHashSet<>(Binder.get(env)
        .bind(PROPERTY, Bindable.setOf(String.class)).orElse(Set.of()));
    topics.remove("");
    topics.add(RpaQueue.TOPIC);
    env.getPropertySources().addFirst(new MapPropertySource("plugboardRpaForeignTopics",
        Map.of(PROPERTY, String.join(",", topics))));
  }
}

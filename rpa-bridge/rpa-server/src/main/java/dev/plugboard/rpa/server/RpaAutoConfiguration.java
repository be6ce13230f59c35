package dev.plugboard.rpa.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import org.operaton.bpm.engine.ProcessEngine;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;

/**
 * The RPA bot API, active with the embedded Operaton engine ({@code plugboard.engine=operaton},
 * the default) unless {@code plugboard.rpa.enabled=false}.
 */
@AutoConfiguration(afterName = {
    "org.operaton.bpm.spring.boot.starter.OperatonBpmAutoConfiguration",
    "org.springframework.boot.autoconfigure.jackson.JacksonAutoConfiguration"})
@ConditionalOnClass(ProcessEngine.class)
@ConditionalOnBean(ProcessEngine.class)
@ConditionalOnWebApplication
@ConditionalOnProperty(name = "plugboard.engine", havingValue = "operaton", matchIfMissing = true)
@ConditionalOnProperty(name = "plugboard.rpa.enabled", havingValue = "true", matchIfMissing = true)
@EnableConfigurationProperties(RpaProperties.class)
@Import({RpaController.class, RpaExceptionHandler.class})
public class RpaAutoConfiguration {

  @Bean
  RpaQueue plugboardRpaQueue(ProcessEngine engine, RpaProperties props, ObjectMapper json) {
    return new RpaQueue(engine, props, json);
  }

  @Bean
  BotAuthenticator plugboardRpaBotAuthenticator(RpaProperties props, Environment env) {
    return new BotAuthenticator(props.bots(), System.getenv(),
        env.getProperty("plugboard.secrets.env-prefix", "PLUGBOARD_SECRET_"),
        Path.of(env.getProperty("plugboard.secrets.folder", "./secrets")));
  }

  @Bean
  ArtifactStore plugboardRpaArtifactStore(RpaProperties props) {
    return new ArtifactStore(props.artifactsDir(), props.maxArtifactSize().toBytes());
  }
}

package dev.plugboard.runtime;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The Plugboard connector runtime. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class PlugboardApplication {

  public static void main(String[] args) {
    SpringApplication.run(PlugboardApplication.class, args);
  }
}

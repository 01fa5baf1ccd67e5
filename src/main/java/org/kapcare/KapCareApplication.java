package org.kapcare;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class KapCareApplication {

  public static void main(String[] args) {
    SpringApplication.run(KapCareApplication.class, args);
  }
}

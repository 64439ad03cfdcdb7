package dev.trainyard;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class TrainyardApplication {

	public static void main(String[] args) {
		SpringApplication.run(TrainyardApplication.class, args);
	}

}

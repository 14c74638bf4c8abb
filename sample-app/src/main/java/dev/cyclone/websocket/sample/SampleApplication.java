package dev.cyclone.websocket.sample;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The sample application: the seed's echo handler at {@code /websocket} and a JSON room
 * at {@code /rooms/{room}}, with a page at {@code http://localhost:8888/} to try them.
 */
@SpringBootApplication
public class SampleApplication {

	public static void main(String[] args) {
		SpringApplication.run(SampleApplication.class, args);
	}

}

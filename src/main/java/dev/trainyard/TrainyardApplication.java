package dev.trainyard;

import java.util.Optional;

import dev.trainyard.cli.CliStreams;
import dev.trainyard.cli.Command;
import dev.trainyard.cli.Validate;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Without a command: the server (REST API, schedules). With {@code run}, {@code resume}
 * or {@code validate}: that command, then exit.
 */
@SpringBootApplication
public class TrainyardApplication {

	public static void main(String[] args) {
		Optional<Command> command;
		try {
			command = Command.parse(args);
		}
		catch (Command.UsageException ex) {
			System.err.println(ex.getMessage());
			System.exit(2);
			return;
		}
		if (command.isEmpty()) {
			SpringApplication.run(TrainyardApplication.class, args);
			return;
		}
		System.exit(execute(command.get(), args, CliStreams.redirect()));
	}

	/**
	 * Carries out a CLI command and returns its exit code.
	 * @param streams where the summary (out) and messages (err) go
	 */
	public static int execute(Command command, String[] args, CliStreams streams) {
		CliStreams.use(streams);
		if (command.name().equals("validate")) {
			return Validate.run(args, streams);
		}
		try {
			ConfigurableApplicationContext context = new SpringApplicationBuilder(TrainyardApplication.class)
				.web(WebApplicationType.NONE)
				.profiles("cli")
				.properties("trainyard.cli.command=" + command.name())
				.run(args);
			return SpringApplication.exit(context);
		}
		catch (RuntimeException ex) {
			streams.err().println("trainyard " + command.name() + " failed: " + rootMessage(ex));
			return 1;
		}
	}

	private static String rootMessage(Throwable ex) {
		Throwable cause = ex;
		while (cause.getCause() != null && cause.getCause() != cause) {
			cause = cause.getCause();
		}
		return cause.getMessage();
	}

}

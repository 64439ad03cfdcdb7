package dev.trainyard.cli;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * A command line: {@code run <pipeline>}, {@code resume <pipeline>} or {@code validate};
 * none means the server.
 */
public record Command(String name, String pipeline) {

	static final List<String> NAMES = List.of("run", "resume", "validate");

	/**
	 * Reads the non-option arguments.
	 * @throws UsageException when they are not a command Trainyard knows
	 */
	public static Optional<Command> parse(String[] args) {
		List<String> words = Arrays.stream(args).filter((arg) -> !arg.startsWith("--")).toList();
		if (words.isEmpty()) {
			return Optional.empty();
		}
		String name = words.get(0);
		if (!NAMES.contains(name)) {
			throw new UsageException("unknown command '" + name + "'");
		}
		if (name.equals("validate")) {
			if (words.size() > 1) {
				throw new UsageException("validate takes no pipeline name; it checks every file in the jobs dir");
			}
			return Optional.of(new Command(name, null));
		}
		if (words.size() != 2) {
			throw new UsageException(name + " needs exactly one pipeline name");
		}
		return Optional.of(new Command(name, words.get(1)));
	}

	/**
	 * The command line is not one Trainyard understands.
	 */
	public static class UsageException extends RuntimeException {

		public UsageException(String message) {
			super(message + "\nusage: java -jar trainyard.jar [run <pipeline> | resume <pipeline> | validate]"
					+ " [--jobs-dir=DIR] [--data-dir=DIR] [--name=value ...]");
		}

	}

}

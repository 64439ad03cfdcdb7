package dev.trainyard.deployment;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The instructions of a Dockerfile, as far as the deployment tests need them.
 *
 * @param instructions one line per instruction (continuation lines joined, comments
 * dropped)
 */
record Dockerfile(List<String> instructions) {

	static Dockerfile read(Path file) throws IOException {
		List<String> instructions = new ArrayList<>();
		StringBuilder instruction = new StringBuilder();
		for (String line : Files.readAllLines(file)) {
			String trimmed = line.strip();
			if (trimmed.startsWith("#") || trimmed.isEmpty()) {
				continue;
			}
			if (trimmed.endsWith("\\")) {
				instruction.append(trimmed, 0, trimmed.length() - 1).append(' ');
				continue;
			}
			instructions.add(instruction.append(trimmed).toString());
			instruction.setLength(0);
		}
		return new Dockerfile(instructions);
	}

	/**
	 * @return the sources of the {@code COPY} instructions that copy from the build
	 * context (not {@code --from} another stage)
	 */
	List<String> copiedFromContext() {
		List<String> sources = new ArrayList<>();
		for (String[] words : instructions("COPY")) {
			if (Arrays.stream(words).noneMatch((word) -> word.startsWith("--from="))) {
				List<String> arguments = Arrays.stream(words).skip(1).filter((word) -> !word.startsWith("--")).toList();
				sources.addAll(arguments.subList(0, arguments.size() - 1));
			}
		}
		return sources;
	}

	/**
	 * @return the names of the {@code --name=value} options of the exec-form
	 * {@code ENTRYPOINT}
	 */
	List<String> entrypointOptions() {
		List<String> options = new ArrayList<>();
		for (String instruction : this.instructions) {
			if (instruction.toUpperCase(Locale.ROOT).startsWith("ENTRYPOINT ")) {
				JsonNode arguments = JsonMapper.shared().readTree(instruction.substring("ENTRYPOINT ".length()));
				arguments.forEach((argument) -> {
					if (argument.asString().startsWith("--")) {
						options.add(argument.asString().substring(2).split("=", 2)[0]);
					}
				});
			}
		}
		return options;
	}

	private List<String[]> instructions(String keyword) {
		return this.instructions.stream()
			.map((instruction) -> instruction.split("\\s+"))
			.filter((words) -> words[0].equalsIgnoreCase(keyword))
			.toList();
	}

}

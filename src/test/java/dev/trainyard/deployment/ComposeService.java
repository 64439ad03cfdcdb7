package dev.trainyard.deployment;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import tools.jackson.databind.JsonNode;

/**
 * One service of a Docker Compose file, as parsed YAML.
 *
 * @param name the service's name
 * @param node its definition
 */
record ComposeService(String name, JsonNode node) {

	private static final Pattern INTERPOLATION = Pattern.compile("\\$\\{(\\w+)(?::?-([^}]*))?}");

	static ComposeService of(JsonNode compose, String name) {
		JsonNode node = compose.path("services").path(name);
		if (!node.isObject()) {
			throw new IllegalArgumentException("no service '" + name + "' in the compose file");
		}
		return new ComposeService(name, node);
	}

	/**
	 * @return the environment variables as written (map or {@code KEY=value} list syntax)
	 */
	Map<String, String> environment() {
		Map<String, String> environment = new LinkedHashMap<>();
		JsonNode node = this.node.path("environment");
		if (node.isObject()) {
			node.properties().forEach((entry) -> environment.put(entry.getKey(), entry.getValue().asString("")));
		}
		for (JsonNode entry : node.isArray() ? node : List.<JsonNode>of()) {
			String[] pair = entry.asString().split("=", 2);
			environment.put(pair[0], (pair.length > 1) ? pair[1] : "");
		}
		return environment;
	}

	/**
	 * @return the environment with Compose's {@code ${NAME:-default}} replaced by its
	 * default (as when no such variable is set where {@code docker compose} runs)
	 */
	Map<String, String> environmentWithDefaults() {
		Map<String, String> environment = new LinkedHashMap<>();
		environment().forEach((key, value) -> {
			Matcher matcher = INTERPOLATION.matcher(value);
			environment.put(key, matcher
				.replaceAll((match) -> Matcher.quoteReplacement((match.group(2) != null) ? match.group(2) : "")));
		});
		return environment;
	}

	/**
	 * @return the command's arguments (list or string syntax)
	 */
	List<String> command() {
		JsonNode command = this.node.path("command");
		if (command.isString()) {
			return Arrays.asList(command.asString().trim().split("\\s+"));
		}
		List<String> arguments = new ArrayList<>();
		command.forEach((argument) -> arguments.add(argument.asString()));
		return arguments;
	}

	/**
	 * @return the volumes (short {@code source:target[:mode]} or long syntax)
	 */
	List<Mount> mounts() {
		List<Mount> mounts = new ArrayList<>();
		for (JsonNode volume : this.node.path("volumes")) {
			if (volume.isObject()) {
				mounts.add(new Mount(volume.path("source").asString(""), volume.path("target").asString()));
			}
			else {
				String[] parts = volume.asString().split(":");
				mounts.add((parts.length == 1) ? new Mount("", parts[0]) : new Mount(parts[0], parts[1]));
			}
		}
		return mounts;
	}

	/**
	 * A volume of a service.
	 *
	 * @param source a path on the host (bind mount: starts with {@code .}, {@code /} or
	 * {@code ~}), a named volume, or empty (anonymous volume)
	 * @param target the path in the container
	 */
	record Mount(String source, String target) {

		boolean isBind() {
			return this.source.startsWith(".") || this.source.startsWith("/") || this.source.startsWith("~");
		}

	}

}

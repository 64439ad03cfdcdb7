package dev.trainyard.training.command;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * Reads one of a trainer's output streams on its own thread and hands over each line
 * (UTF-8, without {@code \n} or {@code \r\n}). A line longer than {@code maxLine}
 * characters is cut there and ends with {@code … [N more characters]}: a trainer that
 * prints without line breaks never holds more than that in memory.
 */
final class OutputPump implements Runnable {

	private final InputStream in;

	private final int maxLine;

	private final Consumer<String> lines;

	OutputPump(InputStream in, int maxLine, Consumer<String> lines) {
		this.in = in;
		this.maxLine = maxLine;
		this.lines = lines;
	}

	static Thread start(String name, InputStream in, int maxLine, Consumer<String> lines) {
		Thread thread = new Thread(new OutputPump(in, maxLine, lines), name);
		thread.setDaemon(true);
		thread.start();
		return thread;
	}

	@Override
	public void run() {
		StringBuilder line = new StringBuilder();
		long dropped = 0;
		try (Reader reader = new InputStreamReader(this.in, StandardCharsets.UTF_8)) {
			char[] buffer = new char[8192];
			int read;
			while ((read = reader.read(buffer)) != -1) {
				for (int i = 0; i < read; i++) {
					char c = buffer[i];
					if (c == '\n') {
						emit(line, dropped);
						line.setLength(0);
						dropped = 0;
					}
					else if (line.length() < this.maxLine) {
						line.append(c);
					}
					else {
						dropped++;
					}
				}
			}
		}
		catch (IOException ex) {
			// the stream was closed: the process is gone
		}
		if (line.length() > 0 || dropped > 0) {
			emit(line, dropped);
		}
	}

	private void emit(StringBuilder line, long dropped) {
		int end = line.length();
		if (dropped == 0 && end > 0 && line.charAt(end - 1) == '\r') {
			end--;
		}
		String text = line.substring(0, end);
		this.lines.accept((dropped > 0) ? text + "… [" + dropped + " more characters]" : text);
	}

}

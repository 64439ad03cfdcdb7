package dev.trainyard.dataset;

import java.util.List;

/**
 * A whole dataset before the split, with its fingerprint, class count and header (label
 * included, in the source's order, the label at {@code labelColumn}).
 */
record Loaded(Table table, String fingerprint, int numClasses, List<String> columns, int labelColumn) {

}

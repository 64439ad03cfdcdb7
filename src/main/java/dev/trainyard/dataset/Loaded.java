package dev.trainyard.dataset;

/**
 * A whole dataset before the split, with its fingerprint and class count.
 */
record Loaded(Table table, String fingerprint, int numClasses) {

}

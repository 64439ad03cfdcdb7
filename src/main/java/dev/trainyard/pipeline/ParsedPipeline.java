package dev.trainyard.pipeline;

import java.util.List;

/**
 * What checking one pipeline file found.
 *
 * @param name the name the file declares, or {@code null} (kept even when the file is
 * broken, to find duplicates)
 * @param nameLine the line of the name
 * @param definition the pipeline, or {@code null} when there are problems
 * @param problems every problem found, by line
 */
record ParsedPipeline(String name, Integer nameLine, PipelineDefinition definition, List<PipelineProblem> problems) {

}

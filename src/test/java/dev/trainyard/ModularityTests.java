package dev.trainyard;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.trainyard.training.command.CommandTrainer;
import dev.trainyard.training.command.CommandTrainerException;
import dev.trainyard.training.command.TrainerLaunch;
import org.junit.jupiter.api.Test;

import org.springframework.modulith.core.ApplicationModule;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.core.Violations;
import org.springframework.modulith.docs.Documenter;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.assignableTo;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Keeps the feature modules' boundaries: Spring Modulith checks that modules use only
 * each other's APIs (their base packages and named interfaces) and form no cycle;
 * ArchUnit adds what Modulith cannot say.
 */
class ModularityTests {

	static final String DIAGRAM_START = "<!-- module-diagram:start (ModularityTests writes it) -->";

	static final String DIAGRAM_END = "<!-- module-diagram:end -->";

	static final ApplicationModules modules = ApplicationModules.of(TrainyardApplication.class);

	private final JavaClasses classes = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages("dev.trainyard");

	@Test
	void modulesUseOnlyEachOthersApisAndHaveNoCycles() {
		modules.verify();
	}

	@Test
	void commandTrainersAreTheTrainingModulesNamedInterface() {
		ApplicationModule training = modules.getModuleByName("training").orElseThrow();
		assertThat(training.getNamedInterfaces().getByName("command")).hasValueSatisfying((command) -> {
			assertThat(command.contains(CommandTrainer.class)).isTrue();
			assertThat(command.contains(TrainerLaunch.class)).isTrue();
			assertThat(command.contains(CommandTrainerException.class)).isTrue();
		});
	}

	@Test
	void failsWhenAModuleReachesIntoAnotherOnesInternals() {
		ImportOption productionAndTheFixture = (location) -> !location.contains("/test-classes/")
				|| location.contains("ForbiddenDependencyFixture");
		ApplicationModules withFixture = ApplicationModules.of(TrainyardApplication.class, productionAndTheFixture);
		assertThatExceptionOfType(Violations.class).isThrownBy(withFixture::verify)
			.withMessageContaining("ForbiddenDependencyFixture")
			.withMessageContaining("S3Connection");
	}

	@Test
	void writesTheModuleDiagramAndTheReadmeShowsIt() throws IOException {
		Documenter documenter = new Documenter(modules);
		documenter.writeModulesAsPlantUml().writeIndividualModulesAsPlantUml();
		String diagram = mermaid(modules);
		Path written = Path.of("target", "spring-modulith-docs", "modules.mmd");
		Files.writeString(written, diagram);
		String readme = Files.readString(Path.of("README.md"));
		int start = readme.indexOf(DIAGRAM_START);
		int end = readme.indexOf(DIAGRAM_END);
		assertThat(start).as("README.md has a module diagram between %s and %s", DIAGRAM_START, DIAGRAM_END)
			.isNotNegative()
			.isLessThan(end);
		assertThat(readme.substring(start + DIAGRAM_START.length(), end).strip())
			.as("README.md's module diagram is out of date: replace it with %s", written)
			.isEqualTo(diagram.strip());
	}

	/**
	 * The modules and their direct dependencies as a Mermaid flowchart (which GitHub
	 * renders in the README).
	 */
	static String mermaid(ApplicationModules modules) {
		StringBuilder diagram = new StringBuilder("```mermaid\nflowchart LR\n");
		modules.stream().sorted(Comparator.comparing(ApplicationModule::getDisplayName)).forEach((module) -> {
			String name = module.getIdentifier().toString();
			module.getDirectDependencies(modules)
				.uniqueModules()
				.map((target) -> target.getIdentifier().toString())
				.filter((target) -> !target.equals(name))
				.sorted()
				.forEach((target) -> diagram.append("  ").append(name).append(" --> ").append(target).append('\n'));
		});
		return diagram.append("```\n").toString();
	}

	@Test
	void packagesHaveNoCyclesInsideModulesEither() {
		slices().matching("dev.trainyard.(**)").should().beFreeOfCycles().check(this.classes);
	}

	@Test
	void buildingBlocksDoNotDependOnRunsTheApiOrTheCli() {
		noClasses().that()
			.resideInAnyPackage("dev.trainyard.pipeline..", "dev.trainyard.dataset..", "dev.trainyard.store..",
					"dev.trainyard.checkpoint..", "dev.trainyard.training..", "dev.trainyard.validation..",
					"dev.trainyard.registry..", "dev.trainyard.failure..", "dev.trainyard.web..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("dev.trainyard.run..", "dev.trainyard.api..", "dev.trainyard.cli..")
			.check(this.classes);
	}

	@Test
	void onlyTheRunModuleUsesSpringBatch() {
		noClasses().that()
			.resideOutsideOfPackages("dev.trainyard.run..")
			.should()
			.dependOnClassesThat()
			.resideInAPackage("org.springframework.batch..")
			.check(this.classes);
	}

	@Test
	void reliabilityComponentsKnowNeitherSpringBatchNorTrainersNorCheckpoints() {
		noClasses().that()
			.resideInAnyPackage("dev.trainyard.slo..", "dev.trainyard.incident..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("org.springframework.batch..", "dev.trainyard.training..", "ml.dmlc..")
			.allowEmptyShould(true)
			.check(this.classes);
	}

	@Test
	void errorBudgetsKnowNeitherRunsNorCheckpoints() {
		noClasses().that()
			.resideInAPackage("dev.trainyard.slo..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("dev.trainyard.run..", "dev.trainyard.checkpoint..")
			.check(this.classes);
	}

	@Test
	void incidentsUseOnlyTheEventRecordsOfRunsAndCheckpointsAndTheEnumsTheyCarry() {
		noClasses().that()
			.resideInAPackage("dev.trainyard.incident..")
			.should()
			.dependOnClassesThat(resideInAnyPackage("dev.trainyard.run..", "dev.trainyard.checkpoint..")
				.and(not(assignableTo(Record.class)))
				.and(not(assignableTo(Enum.class))))
			.check(this.classes);
	}

	@Test
	void onlyTheApiKnowsTheIncidents() {
		noClasses().that()
			.resideOutsideOfPackages("dev.trainyard.api..", "dev.trainyard.incident..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("dev.trainyard.incident..")
			.check(this.classes);
	}

}

package dev.trainyard;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.assignableTo;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * Keeps the feature modules' boundaries: no cycles between them, the building blocks do
 * not know the orchestration, and nothing but the job knows Spring Batch.
 */
class ModularityTests {

	private final JavaClasses classes = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages("dev.trainyard");

	@Test
	void modulesHaveNoCycles() {
		slices().matching("dev.trainyard.(*)..").should().beFreeOfCycles().check(this.classes);
	}

	@Test
	void buildingBlocksDoNotDependOnRunsTheApiOrTheCli() {
		noClasses().that()
			.resideInAnyPackage("dev.trainyard.pipeline..", "dev.trainyard.dataset..", "dev.trainyard.store..",
					"dev.trainyard.checkpoint..", "dev.trainyard.training..", "dev.trainyard.validation..",
					"dev.trainyard.registry..", "dev.trainyard.slo..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("dev.trainyard.run..", "dev.trainyard.api..", "dev.trainyard.cli..")
			.check(this.classes);
	}

	@Test
	void onlyTheRunModuleUsesSpringBatch() {
		noClasses().that()
			.resideOutsideOfPackages("dev.trainyard.run..", "dev.trainyard.api..")
			.should()
			.dependOnClassesThat()
			.resideInAPackage("org.springframework.batch..")
			.check(this.classes);
	}

	@Test
	void reliabilityComponentsKnowNeitherTrainersNorCheckpoints() {
		noClasses().that()
			.resideInAPackage("dev.trainyard.slo..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("dev.trainyard.training..", "dev.trainyard.checkpoint..", "ml.dmlc..")
			.check(this.classes);
	}

	@Test
	void incidentsKnowNeitherSpringBatchNorTrainers() {
		noClasses().that()
			.resideInAPackage("dev.trainyard.incident..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("org.springframework.batch..", "dev.trainyard.training..", "ml.dmlc..")
			.check(this.classes);
	}

	@Test
	void incidentsUseOnlyTheEventRecordsOfRunsAndCheckpoints() {
		noClasses().that()
			.resideInAPackage("dev.trainyard.incident..")
			.should()
			.dependOnClassesThat(resideInAnyPackage("dev.trainyard.run..", "dev.trainyard.checkpoint..")
				.and(not(assignableTo(Record.class))))
			.check(this.classes);
	}

	@Test
	void onlyTheApiKnowsTheReliabilityComponents() {
		noClasses().that()
			.resideOutsideOfPackages("dev.trainyard.api..", "dev.trainyard.slo..", "dev.trainyard.incident..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("dev.trainyard.incident..")
			.check(this.classes);
	}

	@Test
	void theApiUsesOnlyTheRunFacadeNotItsInternals() {
		noClasses().that()
			.resideInAPackage("dev.trainyard.api..")
			.should()
			.dependOnClassesThat()
			.haveSimpleNameEndingWith("Repository")
			.check(this.classes);
	}

}

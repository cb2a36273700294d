package dk.sammen.notification;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import dk.sammen.platform.test.SecretComparisons;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * Package by feature: each sub-package of {@code dk.sammen.notification} is one feature, features may
 * use each other without cycles, and the root package only wires the application.
 */
@AnalyzeClasses(packages = "dk.sammen.notification", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTests {

	// Rules about features pass while there are none yet; they bite as soon as features exist
	@ArchTest
	static final ArchRule noCycles_betweenFeatures = slices().matching("dk.sammen.notification.(*)..")
		.should()
		.beFreeOfCycles()
		.allowEmptyShould(true);

	@ArchTest
	static final ArchRule noDependency_fromFeaturesOnApplicationPackage = noClasses().that()
		.resideInAPackage("dk.sammen.notification.*..")
		.should()
		.dependOnClassesThat()
		.resideInAPackage("dk.sammen.notification")
		.allowEmptyShould(true);

	@ArchTest
	static final ArchRule noLayerPackages_anywhere = noClasses().should()
		.resideInAnyPackage("..controller..", "..controllers..", "..service..", "..services..", "..repository..",
				"..repositories..", "..model..", "..dto..", "..web..", "..domain..")
		.as("packages are named by feature, not by layer");

	@ArchTest
	static final ArchRule noDependency_onOtherServices = noClasses().should()
		.dependOnClassesThat()
		.resideInAnyPackage("dk.sammen.events..", "dk.sammen.campaign..", "dk.sammen.gateway..")
		.as("services share only dk.sammen.contracts and dk.sammen.platform");

	@ArchTest
	static final ArchRule secrets_areComparedOnlyInConstantTime = SecretComparisons.compareSecretsOnlyInConstantTime();

}

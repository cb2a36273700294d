package dk.sammen.events;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import dk.sammen.platform.test.SecretComparisons;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/** Package by feature: organisations and events, each keeping its insides to itself. */
@AnalyzeClasses(packages = "dk.sammen.events", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTests {

	@ArchTest
	static final ArchRule features_areFreeOfCycles = slices().matching("dk.sammen.events.(*)..")
		.should()
		.beFreeOfCycles();

	@ArchTest
	static final ArchRule organisations_doNotKnowEvents = noClasses().that()
		.resideInAPackage("..events.organisation..")
		.should()
		.dependOnClassesThat()
		.resideInAPackage("..events.event..");

	@ArchTest
	static final ArchRule eventClasses_arePackagePrivate = classes().that()
		.resideInAPackage("..events.event..")
		.should()
		.notBePublic()
		.as("the event feature exposes nothing; other services learn about events from Kafka");

	@ArchTest
	static final ArchRule organisationFeature_exposesOnlyItsDirectory = classes().that()
		.resideInAPackage("..events.organisation..")
		.and()
		.arePublic()
		.should()
		.haveSimpleName("OrganisationDirectory");

	@ArchTest
	static final ArchRule onlyTheOutbox_talksToKafka = noClasses().that()
		.resideInAPackage("dk.sammen.events..")
		.should()
		.dependOnClassesThat()
		.resideInAnyPackage("org.springframework.kafka.core..", "org.apache.kafka.clients.producer..")
		.as("changes leave through the platform's outbox, never by producing directly");

	@ArchTest
	static final ArchRule noLayerPackages = noClasses().should()
		.resideInAnyPackage("..controller..", "..service..", "..repository..", "..model..", "..dto..", "..domain..")
		.as("packages are named by feature, not by layer");

	@ArchTest
	static final ArchRule noDependency_onOtherServices = noClasses().should()
		.dependOnClassesThat()
		.resideInAnyPackage("dk.sammen.campaign..", "dk.sammen.notification..", "dk.sammen.gateway..")
		.as("services share only dk.sammen.contracts and dk.sammen.platform");

	@ArchTest
	static final ArchRule secrets_areComparedOnlyInConstantTime = SecretComparisons.compareSecretsOnlyInConstantTime();

}
